/*
 * The expression conformance corpus (tests/expr/cases.tsv) through the
 * public API: load tests/expr/methodology.xml, record facts with
 * veikart_facts_set(), compile, evaluate.  Also the public wrappers'
 * argument checks, the facts set, and allocation failure.
 */
#include <stdlib.h>
#include <string.h>

#include "expr_corpus.h"
#include "support.h"

static veikart_method *load(const veikart_allocator *alloc)
{
	veikart_load_options opts = VEIKART_LOAD_OPTIONS_INIT;
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;
	size_t i;
	int rc;

	opts.allocator = alloc;
	opts.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	rc = veikart_method_load_file(&m, test_path("tests/expr/methodology.xml"), &opts, &diags);
	if (rc != 0) {
		for (i = 0; i < veikart_diagnostics_count(diags); i++) {
			const veikart_diagnostic *d = veikart_diagnostics_get(diags, i);

			print_error("%s:%u:%u: %s\n", d->file, d->line, d->column, d->message);
		}
		fail_msg("cannot load the corpus methodology: %s", veikart_error_last()->message);
	}
	veikart_diagnostics_free(diags);
	return m;
}

static int setup(void **state)
{
	*state = load(NULL);
	return 0;
}

static int teardown(void **state)
{
	veikart_method_free(*state);
	return 0;
}

/* What a result looks like in the corpus: met, unmet, unknown or its text. */
static void describe(char *out, size_t size, const veikart_value *v)
{
	const char *text = veikart_value_text(v);

	if (text == NULL) {
		assert_int_equal(veikart_value_truth(v), VEIKART_UNKNOWN);
		snprintf(out, size, "unknown");
	} else if (veikart_value_type(v) == VEIKART_TYPE_BOOL) {
		assert_int_not_equal(veikart_value_truth(v), VEIKART_UNKNOWN);
		assert_string_equal(text, veikart_value_truth(v) == VEIKART_MET ? "true" : "false");
		snprintf(out, size, "%s", veikart_value_truth(v) == VEIKART_MET ? "met" : "unmet");
	} else {
		assert_int_equal(veikart_value_truth(v), VEIKART_MET);
		snprintf(out, size, "%s", text);
	}
}

static int evaluate(char *got, size_t size, char *reason, size_t reason_size, const veikart_expr *e,
                    const veikart_facts *f, const veikart_eval_options *opts)
{
	veikart_value *v = NULL;
	int rc = veikart_expr_evaluate(&v, e, f, opts);

	if (rc != 0)
		return rc;
	describe(got, size, v);
	assert_non_null(veikart_value_reason(v));
	snprintf(reason, reason_size, "%s", veikart_value_reason(v));
	veikart_value_free(v);
	return 0;
}

static int run_case(const veikart_method *m, const corpus_case *k, char *msg, size_t size)
{
	veikart_eval_options opts = VEIKART_EVAL_OPTIONS_INIT;
	veikart_facts *f = NULL;
	veikart_expr *e = NULL, *again = NULL;
	corpus_facts facts;
	static char got[8192], got2[8192];
	char reason[1024], reason2[1024], error[1024] = "";
	int i, rc, ok = 0, bad = -1;
	const veikart_error *err;

	corpus_parse_facts(k->facts, k->line, &facts);
	assert_int_equal(veikart_facts_new(&f, m), 0);
	for (i = 0; i < facts.count && bad < 0; i++) {
		rc = veikart_facts_set(f, facts.items[i].id, facts.items[i].value);
		if (rc != 0) {
			bad = i;
			snprintf(error, sizeof(error), "%s (%d)", veikart_error_last()->message,
			         rc);
			if (rc != VEIKART_ETYPE)
				strcat(error, " [not VEIKART_ETYPE]");
		}
	}
	opts.now = facts.now;
	opts.phase_entered = facts.entered;
	if (strcmp(k->expect, "badvalue") == 0) {
		ok = bad >= 0 && test_contains(error, k->reason) && !test_contains(error, "[not");
		snprintf(msg, size, "expected a bad value (%s), got %s", k->reason,
		         bad >= 0 ? error : "all values accepted");
		goto out;
	}
	if (bad >= 0) {
		snprintf(msg, size, "cannot set %s: %s", facts.items[bad].id, error);
		goto out;
	}

	rc = veikart_expr_compile(&e, m, k->expr);
	err = veikart_error_last();
	if (corpus_error_column(k->expect, "error") || corpus_error_column(k->expect, "limit")) {
		int code = k->expect[0] == 'e' ? VEIKART_EFORMAT : VEIKART_ELIMIT;
		unsigned int column =
		        corpus_error_column(k->expect, k->expect[0] == 'e' ? "error" : "limit");

		ok = rc == code && err->line == 1 && err->column == column &&
		     test_contains(err->message, k->reason);
		snprintf(msg, size, "expected %s `%s`, got %s", k->expect, k->reason,
		         rc == 0 ? veikart_expr_text(e) : "");
		if (rc < 0)
			snprintf(msg + strlen(msg), size - strlen(msg), "code %d at %u:%u `%s`", rc,
			         err->line, err->column, err->message);
		goto out;
	}
	if (rc < 0) {
		snprintf(msg, size, "expected %s, got code %d at column %u `%s`", k->expect, rc,
		         err->column, err->message);
		goto out;
	}
	rc = evaluate(got, sizeof(got), reason, sizeof(reason), e, f, &opts);
	if (rc != 0) {
		snprintf(msg, size, "evaluate failed: %s", veikart_error_last()->message);
		goto out;
	}
	if (strcmp(got, k->expect) != 0 ||
	    strcmp(veikart_type_name(veikart_expr_type(e)), k->type) != 0 ||
	    !test_contains(reason, k->reason)) {
		snprintf(msg, size, "expected %s %s `%s`, got %s %.300s `%s` (canonical `%s`)",
		         k->type, k->expect, k->reason, veikart_type_name(veikart_expr_type(e)),
		         got, reason, veikart_expr_text(e));
		goto out;
	}
	/* The canonical text compiles to itself and means the same. */
	rc = veikart_expr_compile(&again, m, veikart_expr_text(e));
	if (rc == 0)
		rc = evaluate(got2, sizeof(got2), reason2, sizeof(reason2), again, f, &opts);
	if (rc != 0) {
		snprintf(msg, size, "canonical `%s` fails: %s", veikart_expr_text(e),
		         veikart_error_last()->message);
		goto out;
	}
	if (strcmp(veikart_expr_text(again), veikart_expr_text(e)) != 0 ||
	    veikart_expr_type(again) != veikart_expr_type(e) || strcmp(got, got2) != 0 ||
	    strcmp(reason, reason2) != 0) {
		snprintf(msg, size, "canonical `%s` reads back as `%s` giving %.300s `%s`",
		         veikart_expr_text(e), veikart_expr_text(again), got2, reason2);
		goto out;
	}
	ok = 1;
out:
	veikart_expr_free(again);
	veikart_expr_free(e);
	veikart_facts_free(f);
	return ok;
}

static void test_expr_cases_should_all_pass(void **state)
{
	const veikart_method *m = *state;
	corpus c;
	corpus_case k;
	char msg[2048];
	int failures = 0, count = 0;

	corpus_open(&c);
	while (corpus_next(&c, &k)) {
		count++;
		if (!run_case(m, &k, msg, sizeof(msg))) {
			print_error("cases.tsv:%d: `%.200s`: %s\n", k.line, k.expr, msg);
			failures++;
		}
		free(k.expr);
	}
	corpus_close(&c);
	assert_true(count >= 200);
	assert_int_equal(failures, 0);
}

static void test_expr_api_should_refuse_null_arguments(void **state)
{
	const veikart_method *m = *state;
	veikart_expr *e = (veikart_expr *)(uintptr_t)1;
	veikart_value *v = (veikart_value *)(uintptr_t)1;
	veikart_facts *f = (veikart_facts *)(uintptr_t)1;

	assert_int_equal(veikart_expr_compile(NULL, m, "a"), VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message, "out is NULL"));
	assert_int_equal(veikart_expr_compile(&e, NULL, "a"), VEIKART_EINVALID);
	assert_null(e);
	assert_true(test_contains(veikart_error_last()->message, "method is NULL"));
	assert_int_equal(veikart_expr_compile(&e, m, NULL), VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message, "source is NULL"));
	veikart_expr_free(NULL);
	assert_null(veikart_expr_text(NULL));
	assert_int_equal(veikart_expr_type(NULL), 0);

	assert_int_equal(veikart_expr_evaluate(NULL, NULL, NULL, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_expr_evaluate(&v, NULL, NULL, NULL), VEIKART_EINVALID);
	assert_null(v);
	assert_int_equal(veikart_value_type(NULL), 0);
	assert_int_equal(veikart_value_truth(NULL), VEIKART_UNKNOWN);
	assert_null(veikart_value_text(NULL));
	assert_string_equal(veikart_value_reason(NULL), "");
	veikart_value_free(NULL);

	assert_int_equal(veikart_facts_new(NULL, m), VEIKART_EINVALID);
	assert_int_equal(veikart_facts_new(&f, NULL), VEIKART_EINVALID);
	assert_null(f);
	veikart_facts_free(NULL);
	assert_int_equal(veikart_facts_new(&f, m), 0);
	assert_int_equal(veikart_facts_set(NULL, "a", "true"), VEIKART_EINVALID);
	assert_int_equal(veikart_facts_set(f, NULL, "true"), VEIKART_EINVALID);
	assert_int_equal(veikart_facts_set(f, "a", NULL), VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message, "value is NULL"));
	assert_int_equal(veikart_facts_unset(NULL, "a"), VEIKART_EINVALID);
	assert_int_equal(veikart_facts_unset(f, NULL), VEIKART_EINVALID);
	assert_null(veikart_facts_get(NULL, "a"));
	assert_null(veikart_facts_get(f, NULL));
	veikart_facts_free(f);
}

static void test_expr_api_should_report_compile_errors_with_a_column(void **state)
{
	const veikart_method *m = *state;
	veikart_expr *e = NULL;

	assert_int_equal(veikart_expr_compile(&e, m, "name eq 'ø' and staf_trained"),
	                 VEIKART_EFORMAT);
	assert_null(e);
	assert_int_equal(veikart_error_last()->code, VEIKART_EFORMAT);
	assert_null(veikart_error_last()->file);
	assert_int_equal(veikart_error_last()->line, 1);
	assert_int_equal(veikart_error_last()->column, 17);
	assert_string_equal(veikart_error_last()->message, "unknown fact `staf_trained`");

	/* Any type compiles here; criteria are the loader's business. */
	assert_int_equal(veikart_expr_compile(&e, m, "days_since(go_live) * 2"), 0);
	assert_int_equal(veikart_expr_type(e), VEIKART_TYPE_DURATION);
	assert_string_equal(veikart_expr_text(e), "days_since(go_live) * 2");
	veikart_expr_free(e);
}

static void test_facts_should_keep_canonical_text_and_old_values(void **state)
{
	const veikart_method *m = *state;
	veikart_facts *f = NULL;
	static const char *const sets[][3] = {
		{ "a", "YES", "true" },
		{ "i", "+42", "42" },
		{ "x", "1.50", "1.5" },
		{ "x", "3", "3" },
		{ "r", "80%", "0.8" },
		{ "name", "  Kari ", "  Kari " },
		{ "go_live", "2026-11-23", "2026-11-23" },
		{ "tech_complexity", "mixed", "mixed" },
		{ "benefit_plan",
		  "doc:1 sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789ABCDEF "
		  "approved-by:Kari Nordmann",
		  "doc:1 sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef "
		  "approved-by:Kari Nordmann" },
		{ "mandate", "Ola Nordmann", "Ola Nordmann" },
	};
	size_t i;

	assert_int_equal(veikart_facts_new(&f, m), 0);
	for (i = 0; i < VEIKART__ARRAY_SIZE(sets); i++) {
		assert_int_equal(veikart_facts_set(f, sets[i][0], sets[i][1]), 0);
		assert_string_equal(veikart_facts_get(f, sets[i][0]), sets[i][2]);
	}
	assert_int_equal(veikart_facts_set(f, "r", "1.2"), VEIKART_ETYPE);
	assert_string_equal(veikart_error_last()->message,
	                    "`1.2` is not a valid value for fact `r`: a ratio is between 0 and 1 "
	                    "(or 0% and 100%)");
	assert_string_equal(veikart_facts_get(f, "r"), "0.8");
	assert_int_equal(veikart_facts_set(f, "name", "\xff"), VEIKART_ETYPE);
	assert_true(test_contains(veikart_error_last()->message, "not valid UTF-8"));
	assert_int_equal(veikart_facts_set(f, "nope", "1"), VEIKART_ENOTFOUND);
	assert_true(test_contains(veikart_error_last()->message, "no fact `nope`"));
	assert_null(veikart_facts_get(f, "nope"));
	assert_null(veikart_facts_get(f, "b"));
	assert_int_equal(veikart_facts_unset(f, "r"), 0);
	assert_null(veikart_facts_get(f, "r"));
	assert_int_equal(veikart_facts_unset(f, "r"), 0);
	assert_int_equal(veikart_facts_unset(f, "nope"), VEIKART_ENOTFOUND);
	veikart_facts_free(f);
}

static void test_expr_api_should_check_options_and_methodology(void **state)
{
	const veikart_method *m = *state;
	veikart_eval_options opts = VEIKART_EVAL_OPTIONS_INIT;
	veikart_method *other = NULL;
	veikart_facts *f = NULL, *g = NULL;
	veikart_expr *e = NULL;
	veikart_value *v = NULL;

	assert_int_equal(veikart_expr_compile(&e, m, "signed(mandate)"), 0);
	opts.version = 99;
	assert_int_equal(veikart_expr_evaluate(&v, e, NULL, &opts), VEIKART_EVERSION);
	assert_null(v);
	/* No facts at all: everything reads as not recorded. */
	assert_int_equal(veikart_expr_evaluate(&v, e, NULL, NULL), 0);
	assert_int_equal(veikart_value_truth(v), VEIKART_UNMET);
	assert_string_equal(veikart_value_reason(v), "`mandate` is not signed");
	veikart_value_free(v);

	/* Facts of another load of the same document fit; of another methodology not. */
	other = load(NULL);
	assert_int_equal(veikart_facts_new(&g, other), 0);
	assert_int_equal(veikart_facts_set(g, "mandate", "Kari"), 0);
	assert_int_equal(veikart_expr_evaluate(&v, e, g, NULL), 0);
	assert_int_equal(veikart_value_truth(v), VEIKART_MET);
	veikart_value_free(v);
	veikart_facts_free(g);
	veikart_method_free(other);
	other = NULL;
	assert_int_equal(veikart_method_load(&other, VEIKART_DEFAULT_METHOD, NULL, NULL), 0);
	assert_int_equal(veikart_facts_new(&f, other), 0);
	assert_int_equal(veikart_expr_evaluate(&v, e, f, NULL), VEIKART_EMISMATCH);
	assert_null(v);
	veikart_facts_free(f);
	veikart_method_free(other);
	veikart_expr_free(e);
}

static void arm(test_counter *c, long fail_at)
{
	c->calls = 0;
	c->fail_at = fail_at;
}

static void test_expr_api_should_fail_cleanly_on_every_allocation(void **state)
{
	test_counter c = { 0, 0, 0 };
	veikart_allocator alloc = test_counting_allocator(&c);
	veikart_eval_options opts = VEIKART_EVAL_OPTIONS_INIT;
	veikart_method *m = load(&alloc);
	veikart_facts *f;
	veikart_expr *e;
	veikart_value *v;
	long base = c.live, before, n;
	int rc;

	(void)state;
	opts.now = 1795428000; /* 2026-11-23T10:00:00Z */
	for (n = 1;; n++) {
		f = NULL;
		arm(&c, n);
		rc = veikart_facts_new(&f, m);
		if (rc == 0)
			rc = veikart_facts_set(f, "benefit_plan",
			                       "doc:1 approved-by:Kari Nordmann");
		if (rc == 0)
			rc = veikart_facts_set(f, "go_live", "2026-01-01");
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		assert_int_equal(veikart_error_last()->code, VEIKART_ENOMEM);
		veikart_facts_free(f);
		assert_int_equal(c.live, base);
	}
	before = c.live;
	for (n = 1;; n++) {
		e = NULL;
		arm(&c, n);
		rc = veikart_expr_compile(&e, m,
		                          "approved(benefit_plan) and days_since(go_live) ge "
		                          "12w and tech_complexity in ('simple', 'mixed')");
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		assert_null(e);
		assert_int_equal(c.live, before);
	}
	before = c.live;
	for (n = 1;; n++) {
		v = NULL;
		arm(&c, n);
		rc = veikart_expr_evaluate(&v, e, f, &opts);
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		assert_null(v);
		assert_int_equal(c.live, before);
	}
	arm(&c, 0);
	assert_int_equal(veikart_value_truth(v), VEIKART_UNKNOWN);
	assert_string_equal(veikart_value_reason(v), "fact `tech_complexity` is not recorded");
	veikart_value_free(v);
	veikart_expr_free(e);
	veikart_facts_free(f);
	assert_int_equal(c.live, base);
	veikart_method_free(m);
	assert_int_equal(c.live, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expr_cases_should_all_pass),
		cmocka_unit_test(test_expr_api_should_refuse_null_arguments),
		cmocka_unit_test(test_expr_api_should_report_compile_errors_with_a_column),
		cmocka_unit_test(test_facts_should_keep_canonical_text_and_old_values),
		cmocka_unit_test(test_expr_api_should_check_options_and_methodology),
		cmocka_unit_test(test_expr_api_should_fail_cleanly_on_every_allocation),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
