/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Fuzz target: a criteria expression, against the declarations of the
 * expression corpus (tests/expr/methodology.xml, compiled into this
 * program).  The input is compiled for the initiative and for a unit phase;
 * what compiles is evaluated against several fact sets, its canonical text
 * must compile to the same text and result, and compiling and evaluating
 * again with one allocation failing must fail cleanly.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

/* The limit on expressions is 4096 bytes; a little more reaches the limit checks. */
#define FUZZ_MAX_INPUT 8192

/* tests/expr/methodology.xml, embedded by fuzz/embed.cmake. */
extern const unsigned char fuzz_expr_methodology[];
extern const size_t fuzz_expr_methodology_size;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Counts the allocations of the methodology and of everything made from it. */
static fuzz_counter counter;
static veikart_allocator allocator;
static veikart_method *method;
/* No facts at all; the initiative's facts; the same with rollout units. */
static veikart_facts *facts_empty, *facts_set, *facts_units;
/* Blocks the methodology and the fact sets hold between inputs. */
static long live_between;

static int set_facts(veikart_facts *f)
{
	static const char *const values[][2] = {
		{ "a", "true" },
		{ "b", "false" },
		{ "i", "42" },
		{ "j", "-7" },
		{ "users", "0" },
		{ "x", "3.5" },
		{ "budget", "125000" },
		{ "r", "80%" },
		{ "name", "Fjell kommune" },
		{ "go_live", "2026-03-01" },
		{ "tech_complexity", "complicated" },
		{ "org_complexity", "mixed" },
		{ "benefit_plan", "https://example.org/plan.pdf approved-by:Kari" },
		{ "mandate", "Kari" },
	};
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		rc = veikart_facts_set(f, values[i][0], values[i][1]);
		if (rc != 0)
			goto out;
	}
	rc = veikart_facts_set_phase(f, "p1");

out:
	return rc;
}

static int add_units(veikart_facts *f)
{
	static const char *const values[][3] = {
		{ "Site 1", "users_enabled", "50" },       { "Site 1", "users_active", "40" },
		{ "Site 1", "staff_trained", "90%" },      { "Site 1", "site_ready", "true" },
		{ "Site 1", "started_on", "2026-02-01" },  { "Site 1", "unit_readiness", "medium" },
		{ "Site 2", "users_enabled", "0" },        { "Site 2", "staff_trained", "0.5" },
		{ "Site 2", "unit_readiness", "unrated" },
	};
	size_t i;
	int rc;

	rc = veikart_facts_add_unit(f, "Site 1", "site", 1, "live");
	if (rc != 0)
		goto out;
	rc = veikart_facts_add_unit(f, "Site 2", "team", 2, "training");
	if (rc != 0)
		goto out;
	rc = veikart_facts_add_unit(f, "Site 3", NULL, 0, NULL);
	if (rc != 0)
		goto out;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		rc = veikart_facts_set_unit(f, values[i][0], values[i][1], values[i][2]);
		if (rc != 0)
			goto out;
	}
	rc = veikart_facts_set_phase(f, "rollout");

out:
	return rc;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	veikart_load_options opts = VEIKART_LOAD_OPTIONS_INIT;
	int rc;

	(void)argc;
	(void)argv;
	allocator = fuzz_allocator(&counter);
	opts.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	opts.allocator = &allocator;
	rc = veikart_method_load_buffer(&method, fuzz_expr_methodology, fuzz_expr_methodology_size,
	                                "methodology.xml", &opts, NULL);
	if (rc == 0)
		rc = veikart_facts_new(&facts_empty, method);
	if (rc == 0)
		rc = veikart_facts_new(&facts_set, method);
	if (rc == 0)
		rc = set_facts(facts_set);
	if (rc == 0)
		rc = veikart_facts_new(&facts_units, method);
	if (rc == 0)
		rc = set_facts(facts_units);
	if (rc == 0)
		rc = add_units(facts_units);
	/* Without them every input would be a false alarm. */
	FUZZ_CHECK(rc == 0);
	live_between = counter.live;
	return 0;
}

static void read_value(const veikart_value *v, veikart_type type)
{
	FUZZ_CHECK(veikart_value_type(v) == type);
	(void)veikart_value_truth(v);
	fuzz_read(veikart_value_text(v));
	FUZZ_CHECK(veikart_value_reason(v) != NULL);
	fuzz_read(veikart_value_reason(v));
}

/* Evaluate @p e in every setting that suits its scope. */
static void evaluate_all(const veikart_expr *e, veikart_scope scope)
{
	const veikart_facts *sets[] = { NULL, facts_empty, facts_set, facts_units };
	veikart_eval_options eo = VEIKART_EVAL_OPTIONS_INIT;
	veikart_value *v;
	size_t s, t, u;
	int rc;

	for (s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		for (t = 0; t < 2; t++) {
			/* 2026-11-23T10:00Z, in a phase entered on 2026-08-25. */
			eo.now = t == 0 ? VEIKART_TIME_UNKNOWN : INT64_C(1795428000);
			eo.phase_entered = t == 0 ? VEIKART_TIME_UNKNOWN : INT64_C(1787616000);
			for (u = 0; u < (scope == VEIKART_SCOPE_UNIT ? 3u : 1u); u++) {
				eo.unit = u == 0 ? NULL : u == 1 ? "Site 1" : "Site 3";
				v = NULL;
				rc = veikart_expr_evaluate(&v, e, sets[s], &eo);
				if (rc == 0)
					read_value(v, veikart_expr_type(e));
				else
					FUZZ_CHECK(v == NULL && rc == VEIKART_ENOTFOUND && u != 0);
				veikart_value_free(v);
			}
		}
	}
}

/* The result with all the facts and units, a unit at hand for a unit expression. */
static int evaluate_full(veikart_value **out, const veikart_expr *e, veikart_scope scope)
{
	veikart_eval_options eo = VEIKART_EVAL_OPTIONS_INIT;

	eo.now = INT64_C(1795428000);
	eo.phase_entered = INT64_C(1787616000);
	eo.unit = scope == VEIKART_SCOPE_UNIT ? "Site 1" : NULL;
	return veikart_expr_evaluate(out, e, facts_units, &eo);
}

/* The canonical text compiles to itself, with the same type and result. */
static void check_canonical(const veikart_expr *e, veikart_scope scope)
{
	veikart_expr *again = NULL;
	veikart_value *v = NULL, *w = NULL;
	int rc;

	rc = veikart_expr_compile_in(&again, method, veikart_expr_text(e), scope);
	/* Canonical text may be longer (`>=` becomes `ge`), so past the limit. */
	if (rc == VEIKART_ELIMIT)
		goto out;
	FUZZ_CHECK(rc == 0);
	FUZZ_CHECK(strcmp(veikart_expr_text(again), veikart_expr_text(e)) == 0);
	FUZZ_CHECK(veikart_expr_type(again) == veikart_expr_type(e));
	FUZZ_CHECK(evaluate_full(&v, e, scope) == 0);
	FUZZ_CHECK(evaluate_full(&w, again, scope) == 0);
	FUZZ_CHECK(veikart_value_truth(v) == veikart_value_truth(w));
	FUZZ_CHECK((veikart_value_text(v) == NULL) == (veikart_value_text(w) == NULL));
	FUZZ_CHECK(veikart_value_text(v) == NULL ||
	           strcmp(veikart_value_text(v), veikart_value_text(w)) == 0);

out:
	veikart_value_free(v);
	veikart_value_free(w);
	veikart_expr_free(again);
}

/* Compile and evaluate again, failing one allocation of each: ENOMEM, nothing left behind. */
static void check_failures(const char *source, veikart_scope scope, const uint8_t *data,
                           size_t size, unsigned long compile_calls)
{
	veikart_expr *e = NULL;
	veikart_value *v = NULL;
	unsigned long calls;
	int rc;

	fuzz_arm(&counter, fuzz_pick(data, size, compile_calls));
	rc = veikart_expr_compile_in(&e, method, source, scope);
	FUZZ_CHECK(rc == 0 || rc == VEIKART_ENOMEM);
	if (rc != 0) {
		FUZZ_CHECK(e == NULL);
		goto out;
	}
	fuzz_arm(&counter, 0);
	FUZZ_CHECK(evaluate_full(&v, e, scope) == 0);
	calls = counter.calls;
	veikart_value_free(v);
	v = NULL;
	fuzz_arm(&counter, fuzz_pick(data, size, calls));
	rc = evaluate_full(&v, e, scope);
	FUZZ_CHECK(rc == 0 || (rc == VEIKART_ENOMEM && v == NULL));

out:
	fuzz_arm(&counter, 0);
	veikart_value_free(v);
	veikart_expr_free(e);
	FUZZ_CHECK(counter.live == live_between);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const veikart_scope scopes[] = { VEIKART_SCOPE_INITIATIVE, VEIKART_SCOPE_UNIT };
	char source[FUZZ_MAX_INPUT + 1];
	veikart_expr *e;
	unsigned long calls;
	size_t s;
	int rc;

	if (size > FUZZ_MAX_INPUT)
		goto out;
	memcpy(source, data, size);
	source[size] = '\0';
	for (s = 0; s < sizeof(scopes) / sizeof(scopes[0]); s++) {
		e = NULL;
		fuzz_arm(&counter, 0);
		rc = veikart_expr_compile_in(&e, method, source, scopes[s]);
		calls = counter.calls;
		if (rc != 0) {
			FUZZ_CHECK(e == NULL);
			FUZZ_CHECK(rc == VEIKART_EFORMAT || rc == VEIKART_ELIMIT);
			FUZZ_CHECK(veikart_error_last()->message != NULL);
			continue;
		}
		fuzz_read(veikart_expr_text(e));
		fuzz_read(veikart_type_name(veikart_expr_type(e)));
		evaluate_all(e, scopes[s]);
		check_canonical(e, scopes[s]);
		veikart_expr_free(e);
		check_failures(source, scopes[s], data, size, calls);
	}
	FUZZ_CHECK(counter.live == live_between);

out:
	return 0;
}
