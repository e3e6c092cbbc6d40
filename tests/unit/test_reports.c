/*
 * Gate reports whose words are written late: a report on a gate whose
 * criteria read only plain facts keeps the values they read and writes its
 * reasons and summary when first asked.  These tests hold it to what the
 * same report written at once says, and to the moment it was made.
 * SPDX-License-Identifier: MIT
 */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initiative.h"
#include "method.h"

#define DAY_SECONDS 86400

static uint64_t next_random(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* A value of the fact's type, or (one time in five) none. */
static void random_value(veikart__value *v, const veikart__fact_info *f, uint64_t *x)
{
	static const double numbers[] = { 0.0, 0.25, 0.45,      0.5,  0.55, 0.6,
		                          0.8, 1.0,  2.0 / 3.0, 12.5, 1e6 };
	uint64_t r = next_random(x);

	memset(v, 0, sizeof(*v));
	if (r % 5 == 0)
		return;
	r /= 5;
	v->type = (uint8_t)f->type;
	switch (f->type) {
	case VEIKART_TYPE_BOOL:
		v->u.b = (int)(r & 1);
		break;
	case VEIKART_TYPE_INTEGER:
		v->u.i = (int64_t)(r % 200) - 20;
		break;
	case VEIKART_TYPE_NUMBER:
	case VEIKART_TYPE_RATIO:
		v->u.n = numbers[r % VEIKART__ARRAY_SIZE(numbers)];
		break;
	case VEIKART_TYPE_DATE:
		v->u.days = 20000 + (int32_t)(r % 1000);
		break;
	case VEIKART_TYPE_DURATION:
		v->u.days = (int32_t)(r % 400);
		break;
	case VEIKART_TYPE_SCALE:
		if (f->scale.nspecials > 0 && r % 4 == 0)
			v->u.level = -1 - (int32_t)((r / 4) % f->scale.nspecials);
		else
			v->u.level = (int32_t)(r % (f->scale.nlevels ? f->scale.nlevels : 1));
		break;
	default:
		v->type = 0; /* not plain: never read by a plain gate */
		break;
	}
}

static void same_words(const veikart_report *late, const veikart_report *now, const char *where)
{
	size_t i;

	assert_int_equal(veikart_report_verdict(late), veikart_report_verdict(now));
	assert_true(veikart_report_score(late) == veikart_report_score(now));
	assert_ptr_equal(veikart_report_recommended(late), veikart_report_recommended(now));
	assert_true(veikart_report_time(late) == veikart_report_time(now));
	assert_int_equal(veikart_report_count(late), veikart_report_count(now));
	for (i = 0; i < veikart_report_count(now); i++) {
		assert_int_equal(veikart_report_truth(late, i), veikart_report_truth(now, i));
		if (strcmp(veikart_report_reason(late, i), veikart_report_reason(now, i)) != 0)
			fail_msg("%s, criterion %zu: late `%s`, at once `%s`", where, i,
			         veikart_report_reason(late, i), veikart_report_reason(now, i));
	}
	if (strcmp(veikart_report_summary(late), veikart_report_summary(now)) != 0)
		fail_msg("%s: summary late `%s`, at once `%s`", where, veikart_report_summary(late),
		         veikart_report_summary(now));
}

/* Every plain gate of every shipped methodology, over random facts and
 * times: written late, a report says what it would have said at once. */
static void test_reports_should_write_late_what_they_would_have_at_once(void **state)
{
	veikart__value *values;
	veikart__fact_info info;
	veikart__eval_env env;
	veikart_report *late, *now;
	veikart_method *m;
	const veikart_gate *g;
	const uint32_t *reads;
	uint64_t x = 0x853c49e6748fea9bu;
	size_t b, i, k, s, nreads, plain = 0, nfacts;
	char where[200];

	(void)state;
	for (b = 0; b < veikart_builtin_count(); b++) {
		if (veikart_method_load(&m, veikart_builtin_id(b), NULL, NULL) < 0) {
			/* Overlays load only onto a base. */
			if (strstr(veikart_error_last()->message, "overlay") == NULL)
				fail_msg("%s: %s", veikart_builtin_id(b), veikart_error_last()->message);
			continue;
		}
		nfacts = veikart__method_fact_slots(m);
		values = calloc(nfacts ? nfacts : 1, sizeof(*values));
		assert_non_null(values);
		for (k = 0; k < veikart_method_gate_count(m); k++) {
			g = veikart_method_gate(m, k);
			if (!veikart__gate_plain(g, &reads, &nreads))
				continue;
			plain++;
			for (i = 0; i < 200; i++) {
				for (s = 0; s < nfacts; s++) {
					veikart__method_fact_info(m, s, &info);
					random_value(&values[s], &info, &x);
				}
				memset(&env, 0, sizeof(env));
				env.facts = values;
				env.nfacts = nfacts;
				env.now = (int64_t)(20500 + next_random(&x) % 400) * DAY_SECONDS;
				env.phase_entered =
				        env.now - (int64_t)(next_random(&x) % 300) * DAY_SECONDS;
				env.phase = -1;
				assert_int_equal(veikart__report_evaluate(&late, g, &env, 0, NULL),
				                 0);
				assert_int_equal(veikart__report_evaluate(&now, g, &env, 1, NULL),
				                 0);
				/* The values change after the report is made. */
				for (s = 0; s < nfacts; s++)
					memset(&values[s], 0, sizeof(values[s]));
				snprintf(where, sizeof(where), "%s, gate %s, state %zu",
				         veikart_builtin_id(b), veikart_gate_id(g), i);
				same_words(late, now, where);
				veikart_report_free(late);
				veikart_report_free(now);
			}
		}
		free(values);
		veikart_method_free(m);
	}
	/* The shipped methodologies have plain gates (needs and planning
	 * gates, thresholds on numbers), so the test is not empty. */
	assert_true(plain >= 10);
}

/* What a user sees: a report made on hypothetical facts keeps explaining
 * the values it was made on after they change and are freed. */
static void test_reports_should_explain_the_moment_they_were_made(void **state)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *in = NULL;
	veikart_report *r = NULL;
	veikart_facts *f = NULL;
	veikart_method *m = NULL;
	const veikart_gate *g = NULL;
	const uint32_t *reads;
	size_t k, i, nreads;
	const char *fact = NULL;
	veikart__fact_info info;
	char want[200];

	(void)state;
	assert_int_equal(veikart_method_load(&m, test_path("bench/lifecycle.xml"), NULL, NULL), 0);
	/* A plain gate with a threshold on a ratio. */
	for (k = 0; k < veikart_method_gate_count(m) && fact == NULL; k++) {
		g = veikart_method_gate(m, k);
		if (!veikart__gate_plain(g, &reads, &nreads))
			continue;
		for (i = 0; i < nreads && fact == NULL; i++) {
			veikart__method_fact_info(m, reads[i], &info);
			if (info.type == VEIKART_TYPE_RATIO)
				fact = info.id;
		}
	}
	assert_non_null(fact);
	assert_int_equal(veikart_initiative_create(&in, m, "R-1", "Reports", "Kari", &io), 0);
	assert_int_equal(veikart_facts_new(&f, m), 0);
	assert_int_equal(veikart_facts_set(f, fact, "0.25"), 0);
	assert_int_equal(veikart_initiative_what_if(&r, in, g, f), 0);
	assert_int_equal(veikart_facts_set(f, fact, "0.75"), 0);
	veikart_facts_free(f);
	veikart_initiative_free(in);

	snprintf(want, sizeof(want), "`%s` is 0.25", fact);
	for (i = 0; i < veikart_report_count(r); i++)
		if (strstr(veikart_report_reason(r, i), want) != NULL)
			break;
	if (i == veikart_report_count(r))
		fail_msg("no reason of gate %s says \"%s\"", veikart_gate_id(g), want);
	/* Asked again, the same text, not a second one. */
	assert_ptr_equal(veikart_report_reason(r, i), veikart_report_reason(r, i));
	assert_ptr_equal(veikart_report_summary(r), veikart_report_summary(r));
	assert_null(veikart_report_reason(r, veikart_report_count(r)));
	veikart_report_free(r);
	veikart_method_free(m);
}

/* Out of memory while writing late: a fixed text, never NULL, and no leak;
 * the words are written once memory is back. */
static void test_reports_should_survive_no_memory_when_writing_late(void **state)
{
	test_counter counter = { 0, 0, 0 };
	veikart_allocator alloc = test_counting_allocator(&counter);
	veikart__value *values;
	veikart__fact_info info;
	veikart__eval_env env;
	veikart_report *r;
	veikart_method *m;
	const veikart_gate *g = NULL;
	const uint32_t *reads;
	size_t k, s, nreads, nfacts;
	long fail;
	const char *text;

	(void)state;
	assert_int_equal(veikart_method_load(&m, test_path("bench/lifecycle.xml"), NULL, NULL), 0);
	for (k = 0; k < veikart_method_gate_count(m); k++) {
		g = veikart_method_gate(m, k);
		if (veikart__gate_plain(g, &reads, &nreads) && veikart_gate_criterion_count(g) > 1)
			break;
	}
	assert_true(k < veikart_method_gate_count(m));
	nfacts = veikart__method_fact_slots(m);
	values = calloc(nfacts, sizeof(*values));
	assert_non_null(values);
	for (s = 0; s < nfacts; s++) {
		uint64_t x = 0x9e3779b97f4a7c15u + s;
		veikart__method_fact_info(m, s, &info);
		random_value(&values[s], &info, &x);
	}
	memset(&env, 0, sizeof(env));
	env.facts = values;
	env.nfacts = nfacts;
	env.now = 20600LL * DAY_SECONDS;
	env.phase_entered = env.now;
	env.phase = -1;
	for (fail = 1; fail < 10; fail++) {
		counter.calls = 0;
		counter.fail_at = 0;
		assert_int_equal(veikart__report_evaluate(&r, g, &env, 0, &alloc), 0);
		counter.calls = 0;
		counter.fail_at = fail;
		text = veikart_report_summary(r);
		assert_non_null(text);
		counter.fail_at = 0;
		if (strstr(text, "not enough memory") != NULL) {
			/* Not kept: the next reader writes it. */
			assert_null(strstr(veikart_report_summary(r), "not enough memory"));
		}
		assert_null(strstr(veikart_report_reason(r, 0), "not enough memory"));
		veikart_report_free(r);
		assert_int_equal(counter.live, 0);
	}
	free(values);
	veikart_method_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reports_should_write_late_what_they_would_have_at_once),
		cmocka_unit_test(test_reports_should_explain_the_moment_they_were_made),
		cmocka_unit_test(test_reports_should_survive_no_memory_when_writing_late),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
