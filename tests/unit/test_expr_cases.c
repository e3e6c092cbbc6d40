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

/* Units, the initiative's phase and the facts of a case, as the case says. */
static int record(veikart_facts *f, const corpus_facts *facts, char *error, size_t size)
{
	const corpus_unit *u;
	const corpus_fact *x;
	int i, rc = 0;

	if (facts->phase[0] != '\0')
		rc = veikart_facts_set_phase(f, facts->phase);
	for (i = 0; i < facts->nunits && rc == 0; i++) {
		u = &facts->units[i];
		rc = veikart_facts_add_unit(f, u->id, u->type[0] ? u->type : NULL, u->wave,
		                            u->phase[0] ? u->phase : NULL);
	}
	if (rc != 0) {
		snprintf(error, size,
		         "cannot set up the units and phase: %s (%d) [not VEIKART_ETYPE]",
		         veikart_error_last()->message, rc);
		return -1;
	}
	for (i = 0; i < facts->count; i++) {
		x = &facts->items[i];
		rc = x->unit[0] != '\0' ? veikart_facts_set_unit(f, x->unit, x->id, x->value)
		                        : veikart_facts_set(f, x->id, x->value);
		if (rc != 0) {
			snprintf(error, size, "%s: %s (%d)%s", x->id, veikart_error_last()->message,
			         rc, rc != VEIKART_ETYPE ? " [not VEIKART_ETYPE]" : "");
			return i;
		}
	}
	return -1;
}

static int run_case(const veikart_method *m, const corpus_case *k, char *msg, size_t size)
{
	veikart_eval_options opts = VEIKART_EVAL_OPTIONS_INIT;
	veikart_facts *f = NULL;
	veikart_expr *e = NULL, *again = NULL;
	static corpus_facts facts;
	static char got[8192], got2[8192];
	char reason[1024], reason2[1024], error[1024] = "";
	int rc, ok = 0, bad = -1;
	veikart_scope scope;
	const veikart_error *err;

	corpus_parse_facts(k->facts, k->line, &facts);
	scope = facts.unit_context ? VEIKART_SCOPE_UNIT : VEIKART_SCOPE_INITIATIVE;
	assert_int_equal(veikart_facts_new(&f, m), 0);
	bad = record(f, &facts, error, sizeof(error));
	if (bad < 0 && error[0] != '\0') {
		snprintf(msg, size, "%s", error);
		goto out;
	}
	opts.unit = facts.at[0] != '\0' ? facts.at : NULL;
	opts.now = facts.now;
	opts.phase_entered = facts.entered;
	if (strcmp(k->expect, "badvalue") == 0) {
		ok = bad >= 0 && test_contains(error, k->reason) && !test_contains(error, "[not");
		snprintf(msg, size, "expected a bad value (%s), got %s", k->reason,
		         bad >= 0 ? error : "all values accepted");
		goto out;
	}
	if (bad >= 0) {
		snprintf(msg, size, "cannot set %s", error);
		goto out;
	}

	rc = veikart_expr_compile_in(&e, m, k->expr, scope);
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
	rc = veikart_expr_compile_in(&again, m, veikart_expr_text(e), scope);
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
	assert_true(count >= 650);
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

static void test_facts_should_hold_units_and_the_phase(void **state)
{
	const veikart_method *m = *state;
	veikart_facts *f = NULL;

	assert_int_equal(veikart_facts_new(&f, m), 0);
	assert_int_equal(veikart_facts_add_unit(f, "Område 1", "site", 1, "live"), 0);
	assert_int_equal(veikart_facts_add_unit(f, "Team B", NULL, 0, NULL), 0);
	assert_int_equal(veikart_facts_add_unit(f, "Område 1", NULL, 0, NULL), VEIKART_EEXISTS);
	assert_true(test_contains(veikart_error_last()->message, "already a unit `Område 1`"));
	assert_int_equal(veikart_facts_add_unit(f, "C", "sight", 0, NULL), VEIKART_ENOTFOUND);
	assert_true(test_contains(veikart_error_last()->message, "no unit type `sight`"));
	assert_int_equal(veikart_facts_add_unit(f, "C", NULL, 0, "lve"), VEIKART_ENOTFOUND);
	assert_true(test_contains(veikart_error_last()->message, "no phase `lve`"));
	assert_int_equal(veikart_facts_add_unit(f, "C", NULL, 0, "rollout"), VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message,
	                          "phase `rollout` is walked by the initiative, not by units"));
	assert_int_equal(veikart_facts_add_unit(f, "C", NULL, -1, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_facts_add_unit(f, "", NULL, 0, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_facts_add_unit(f, "a\nb", NULL, 0, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_facts_add_unit(f, "C", "", 0, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_facts_add_unit(f, NULL, NULL, 0, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_facts_add_unit(NULL, "C", NULL, 0, NULL), VEIKART_EINVALID);

	assert_int_equal(veikart_facts_set_unit(f, "Område 1", "staff_trained", "80%"), 0);
	assert_string_equal(veikart_facts_get_unit(f, "Område 1", "staff_trained"), "0.8");
	assert_int_equal(veikart_facts_set_unit(f, "Område 1", "staff_trained", "1.5"),
	                 VEIKART_ETYPE);
	assert_string_equal(veikart_facts_get_unit(f, "Område 1", "staff_trained"), "0.8");
	assert_null(veikart_facts_get_unit(f, "Team B", "staff_trained"));
	assert_int_equal(veikart_facts_set_unit(f, "Team C", "staff_trained", "1"),
	                 VEIKART_ENOTFOUND);
	assert_true(test_contains(veikart_error_last()->message, "no unit `Team C`"));
	assert_int_equal(veikart_facts_set_unit(f, "Team B", "staf_trained", "1"),
	                 VEIKART_ENOTFOUND);
	assert_int_equal(veikart_facts_set_unit(f, "Team B", "budget", "1"), VEIKART_ESTATE);
	assert_true(test_contains(veikart_error_last()->message,
	                          "fact `budget` is recorded for the initiative, not per unit: use "
	                          "veikart_facts_set()"));
	assert_int_equal(veikart_facts_set_unit(f, "Team B", "budget", NULL), VEIKART_EINVALID);
	assert_null(veikart_facts_get_unit(f, "Team C", "staff_trained"));
	assert_null(veikart_facts_get_unit(f, "Team B", NULL));

	/* Unit-scope facts are not the initiative's to record. */
	assert_int_equal(veikart_facts_set(f, "users_active", "3"), VEIKART_ESTATE);
	assert_true(test_contains(veikart_error_last()->message,
	                          "fact `users_active` is recorded per unit: use "
	                          "veikart_facts_set_unit()"));
	assert_int_equal(veikart_facts_unset(f, "users_active"), VEIKART_ESTATE);
	assert_null(veikart_facts_get(f, "staff_trained"));

	assert_int_equal(veikart_facts_set_phase(f, "rollout"), 0);
	assert_int_equal(veikart_facts_set_phase(f, "live"), VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message,
	                          "phase `live` is walked by each unit, not by the initiative"));
	assert_int_equal(veikart_facts_set_phase(f, "lve"), VEIKART_ENOTFOUND);
	assert_int_equal(veikart_facts_set_phase(f, NULL), 0);
	assert_int_equal(veikart_facts_set_phase(NULL, "p1"), VEIKART_EINVALID);
	veikart_facts_free(f);
}

static void test_expr_api_should_evaluate_about_a_unit(void **state)
{
	const veikart_method *m = *state;
	veikart_eval_options opts = VEIKART_EVAL_OPTIONS_INIT;
	veikart_facts *f = NULL;
	veikart_expr *e = NULL, *top = NULL;
	veikart_value *v = NULL;

	assert_null(opts.unit);
	assert_int_equal(veikart_expr_compile_in(&e, m, "count()", (veikart_scope)7),
	                 VEIKART_EINVALID);
	assert_null(e);
	assert_int_equal(veikart_expr_compile_in(NULL, m, "count()", VEIKART_SCOPE_UNIT),
	                 VEIKART_EINVALID);
	/* The list of phases comes with an unknown one. */
	assert_int_equal(veikart_expr_compile_in(&e, m, "a and reached('lve')", VEIKART_SCOPE_UNIT),
	                 VEIKART_EFORMAT);
	assert_int_equal(veikart_error_last()->column, 15);
	assert_string_equal(veikart_error_last()->message,
	                    "`'lve'` is not a phase of the methodology (phases: p1, rollout, p2, "
	                    "preparing, training, live, established)");
	assert_int_equal(veikart_expr_compile(&e, m, "users_active gt 1"), VEIKART_EFORMAT);
	assert_int_equal(veikart_expr_compile_in(&e, m,
	                                         "users_active ge 5 and not "
	                                         "earlier_waves_reached('live')",
	                                         VEIKART_SCOPE_UNIT),
	                 0);
	assert_int_equal(veikart_expr_compile(&top, m, "ratio(reached('live')) ge 0.5"), 0);

	assert_int_equal(veikart_facts_new(&f, m), 0);
	assert_int_equal(veikart_facts_add_unit(f, "Område 1", "site", 1, "training"), 0);
	assert_int_equal(veikart_facts_add_unit(f, "Område 2", "site", 2, "preparing"), 0);
	assert_int_equal(veikart_facts_set_unit(f, "Område 2", "users_active", "7"), 0);
	opts.unit = "Område 2";
	assert_int_equal(veikart_expr_evaluate(&v, e, f, &opts), 0);
	assert_int_equal(veikart_value_truth(v), VEIKART_MET);
	assert_string_equal(veikart_value_reason(v),
	                    "`users_active` is 7, ge 5; units of earlier waves have not reached "
	                    "`live`: Område 1 (wave 1, in `training`)");
	veikart_value_free(v);
	v = NULL;

	opts.unit = "Område 3";
	assert_int_equal(veikart_expr_evaluate(&v, e, f, &opts), VEIKART_ENOTFOUND);
	assert_true(test_contains(veikart_error_last()->message, "no unit `Område 3`"));
	assert_int_equal(veikart_expr_evaluate(&v, e, NULL, &opts), VEIKART_ENOTFOUND);
	assert_int_equal(veikart_expr_evaluate(&v, top, f, &opts), VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message, "takes no unit"));
	assert_null(v);
	opts.unit = NULL;
	assert_int_equal(veikart_expr_evaluate(&v, e, f, &opts), 0);
	assert_int_equal(veikart_value_truth(v), VEIKART_UNKNOWN);
	assert_string_equal(veikart_value_reason(v),
	                    "fact `users_active` is recorded per unit, and "
	                    "no rollout unit is at hand");
	veikart_value_free(v);
	assert_int_equal(veikart_expr_evaluate(&v, top, f, NULL), 0);
	assert_int_equal(veikart_value_truth(v), VEIKART_UNMET);
	assert_string_equal(veikart_value_reason(v),
	                    "`ratio(reached('live'))` is 0.0 (0 of 2 units), not ge 0.5");
	veikart_value_free(v);
	veikart_facts_free(f);
	veikart_expr_free(top);
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

static void test_expr_api_should_fail_cleanly_with_units(void **state)
{
	test_counter c = { 0, 0, 0 };
	veikart_allocator alloc = test_counting_allocator(&c);
	veikart_eval_options opts = VEIKART_EVAL_OPTIONS_INIT;
	veikart_method *m = load(&alloc);
	static const char *const units[] = { "Site 1", "Site 2", "Site 3", "Site 4", "Site 5" };
	veikart_facts *f;
	veikart_expr *e;
	veikart_value *v;
	long base = c.live, before, n;
	size_t i;
	int rc;

	(void)state;
	for (n = 1;; n++) {
		f = NULL;
		arm(&c, n);
		rc = veikart_facts_new(&f, m);
		for (i = 0; rc == 0 && i < VEIKART__ARRAY_SIZE(units); i++) {
			rc = veikart_facts_add_unit(f, units[i], "site", (int)i / 2 + 1,
			                            i < 3 ? "training" : NULL);
			if (rc == 0 && i != 1)
				rc = veikart_facts_set_unit(f, units[i], "users_active", "12");
		}
		if (rc == 0)
			rc = veikart_facts_set_phase(f, "rollout");
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		veikart_facts_free(f);
		assert_int_equal(c.live, base);
	}
	before = c.live;
	for (n = 1;; n++) {
		e = NULL;
		arm(&c, n);
		rc = veikart_expr_compile_in(&e, m,
		                             "earlier_waves_reached('live') or mean(users_active, "
		                             "unit_type() eq 'site') gt 10",
		                             VEIKART_SCOPE_UNIT);
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		assert_null(e);
		assert_int_equal(c.live, before);
	}
	before = c.live;
	opts.unit = "Site 5";
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
	assert_string_equal(veikart_value_reason(v),
	                    "1 of 5 matching units has not recorded `users_active`: Site 2");
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
		cmocka_unit_test(test_facts_should_hold_units_and_the_phase),
		cmocka_unit_test(test_expr_api_should_evaluate_about_a_unit),
		cmocka_unit_test(test_expr_api_should_fail_cleanly_on_every_allocation),
		cmocka_unit_test(test_expr_api_should_fail_cleanly_with_units),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
