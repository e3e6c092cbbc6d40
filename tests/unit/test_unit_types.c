/*
 * Rollout units in the methodology: unit types and their hierarchy, where a
 * unit starts, the order of steps (after-step), and the phase names the
 * expression compiler is given.  The diagnostics for mistakes in each are
 * covered by the fixtures (tests/fixtures/invalid/unit-type-*, step-after-*).
 */
#include <stdio.h>
#include <string.h>

#include "support.h"

#include "expr.h"
#include "method.h"

static veikart_method *load_fixture(const char *name)
{
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;
	char dir[4096], input[4200];
	const char *path[] = { dir, NULL };
	veikart_method *m = NULL;

	snprintf(dir, sizeof(dir), "%s", test_path(name));
	snprintf(input, sizeof(input), "%s/input.xml", dir);
	o.search_path = path;
	o.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM | VEIKART_LOAD_NO_BUILTIN;
	if (veikart_method_load_file(&m, input, &o, NULL) != 0)
		fail_msg("%s: %s", name, veikart_error_last()->message);
	return m;
}

static void test_unit_types_should_come_in_document_order_with_their_parents(void **state)
{
	veikart_method *m = load_fixture("tests/fixtures/valid/everything");
	const veikart_unit_type *kommune, *sted, *team;

	(void)state;
	assert_int_equal(veikart_method_unit_type_count(m), 3);
	kommune = veikart_method_unit_type(m, 0);
	sted = veikart_method_unit_type(m, 1);
	team = veikart_method_unit_type(m, 2);
	assert_string_equal(veikart_unit_type_id(kommune), "kommune");
	assert_string_equal(veikart_unit_type_id(sted), "tjenestested");
	assert_string_equal(veikart_unit_type_id(team), "team");
	assert_ptr_equal(veikart_method_unit_type_by_id(m, "tjenestested"), sted);
	assert_null(veikart_method_unit_type_by_id(m, "Tjenestested"));
	assert_null(veikart_method_unit_type(m, 3));
	/* The chain of parents from the bottom of the hierarchy ends at the top. */
	assert_ptr_equal(veikart_unit_type_parent(team), sted);
	assert_ptr_equal(veikart_unit_type_parent(sted), kommune);
	assert_null(veikart_unit_type_parent(kommune));
	veikart_method_free(m);
}

static void test_unit_type_title_should_fall_back_like_other_labels(void **state)
{
	veikart_method *m = load_fixture("tests/fixtures/valid/everything");
	const veikart_unit_type *kommune = veikart_method_unit_type_by_id(m, "kommune");

	(void)state;
	assert_string_equal(veikart_unit_type_title(kommune, "sv-SE"), "Kommun");
	assert_string_equal(veikart_unit_type_title(kommune, "sv"), "Kommun");
	assert_string_equal(veikart_unit_type_title(kommune, "nb"), "Kommune");
	/* No English title: the document's language (nb). */
	assert_string_equal(veikart_unit_type_title(kommune, "en"), "Kommune");
	assert_string_equal(veikart_unit_type_title(kommune, NULL), "Kommune");
	/* Only English: every language gets it. */
	assert_string_equal(
	        veikart_unit_type_title(veikart_method_unit_type_by_id(m, "tjenestested"), "nb"),
	        "Service site");
	/* No title at all: the id. */
	assert_string_equal(
	        veikart_unit_type_title(veikart_method_unit_type_by_id(m, "team"), "en"), "team");
	/* Descriptions: as written, none when there is none. */
	assert_string_equal(veikart_unit_type_description(kommune, "en"),
	                    "A municipality taking part.");
	assert_null(veikart_unit_type_description(veikart_method_unit_type_by_id(m, "team"), "en"));
	assert_null(veikart_unit_type_description(NULL, "en"));
	veikart_method_free(m);
}

static void test_methodology_without_units_should_have_no_unit_types_or_unit_start(void **state)
{
	veikart_method *m = load_fixture("tests/fixtures/valid/minimal");

	(void)state;
	assert_int_equal(veikart_method_unit_type_count(m), 0);
	assert_null(veikart_method_unit_type(m, 0));
	assert_null(veikart_method_unit_type_by_id(m, "site"));
	assert_null(veikart_method_unit_start(m));
	assert_non_null(veikart_method_start(m));
	veikart_method_free(m);
}

static void test_unit_start_should_be_the_first_unit_scope_phase(void **state)
{
	veikart_method *m = load_fixture("tests/fixtures/valid/everything");
	const veikart_phase *start;

	(void)state;
	start = veikart_method_unit_start(m);
	assert_non_null(start);
	assert_string_equal(veikart_phase_id(start), "enhet-klar");
	assert_int_equal(veikart_phase_scope(start), VEIKART_SCOPE_UNIT);
	assert_ptr_equal(start, veikart_method_phase_by_id(m, "enhet-klar"));
	/* The initiative still starts where it did. */
	assert_string_equal(veikart_phase_id(veikart_method_start(m)), "behov");
	veikart_method_free(m);
}

static void test_step_after_should_name_an_earlier_step_of_the_phase(void **state)
{
	veikart_method *m = load_fixture("tests/fixtures/valid/everything");
	const veikart_phase *behov = veikart_method_phase_by_id(m, "behov");
	const veikart_phase *klar = veikart_method_phase_by_id(m, "enhet-klar");

	(void)state;
	assert_string_equal(veikart_step_id(veikart_phase_step(behov, 1)), "sign");
	assert_ptr_equal(veikart_step_after(veikart_phase_step(behov, 1)),
	                 veikart_phase_step(behov, 0));
	assert_null(veikart_step_after(veikart_phase_step(behov, 0)));
	assert_null(veikart_step_after(veikart_phase_step(behov, 2)));
	assert_string_equal(veikart_step_id(veikart_phase_step(klar, 1)), "hang-screens");
	assert_string_equal(veikart_step_id(veikart_step_after(veikart_phase_step(klar, 1))),
	                    "train-staff");
	veikart_method_free(m);
}

static void test_variant_should_modify_replace_remove_and_add_unit_types(void **state)
{
	veikart_method *m = load_fixture("tests/fixtures/valid/variant-unit-types");
	const veikart_unit_type *kommune, *team;

	(void)state;
	assert_int_equal(veikart_method_unit_type_count(m), 5);
	assert_null(veikart_method_unit_type_by_id(m, "region"));
	kommune = veikart_method_unit_type_by_id(m, "kommune");
	/* Modified: the new parent is declared later, in the variant itself. */
	assert_string_equal(veikart_unit_type_id(veikart_unit_type_parent(kommune)),
	                    "kommune-grupp");
	assert_string_equal(veikart_unit_type_title(kommune, "sv"), "Kommun");
	assert_string_equal(veikart_unit_type_title(kommune, "nb"), "Kommune");
	/* Replaced: keeps its place, loses the parent it had in the base. */
	team = veikart_method_unit_type(m, 2);
	assert_string_equal(veikart_unit_type_id(team), "team");
	assert_null(veikart_unit_type_parent(team));
	assert_string_equal(veikart_unit_type_title(team, "sv"), "Team (nytt)");
	assert_string_equal(veikart_unit_type_id(veikart_method_unit_type(m, 4)), "verksamhet");
	veikart_method_free(m);
}

/* A phase is placed by after="..."; a step never is by after-step="...". */
static void test_variant_step_after_should_order_work_not_place_the_step(void **state)
{
	veikart_method *m = load_fixture("tests/fixtures/valid/variant-unit-types");
	const veikart_phase *p = veikart_method_phase_by_id(m, "forberede");

	(void)state;
	assert_int_equal(veikart_phase_step_count(p), 3);
	assert_string_equal(veikart_step_id(veikart_phase_step(p, 0)), "opplaering");
	assert_string_equal(veikart_step_id(veikart_phase_step(p, 1)), "skjermer");
	assert_string_equal(veikart_step_id(veikart_phase_step(p, 2)), "utvardera");
	assert_ptr_equal(veikart_step_after(veikart_phase_step(p, 2)), veikart_phase_step(p, 0));
	assert_ptr_equal(veikart_step_after(veikart_phase_step(p, 1)), veikart_phase_step(p, 0));
	assert_int_equal(veikart_phase_index(veikart_method_phase_by_id(m, "planering")), 1);
	assert_string_equal(veikart_phase_id(veikart_method_unit_start(m)), "forberede");
	veikart_method_free(m);
}

static void test_new_accessors_should_be_null_safe(void **state)
{
	veikart_method *m = load_fixture("tests/fixtures/valid/everything");

	(void)state;
	assert_int_equal(veikart_method_unit_type_count(NULL), 0);
	assert_null(veikart_method_unit_type(NULL, 0));
	assert_null(veikart_method_unit_type_by_id(NULL, "kommune"));
	assert_null(veikart_method_unit_type_by_id(m, NULL));
	assert_null(veikart_method_unit_type(m, veikart_method_unit_type_count(m)));
	assert_null(veikart_method_unit_type(m, (size_t)-1));
	assert_null(veikart_unit_type_id(NULL));
	assert_null(veikart_unit_type_title(NULL, "en"));
	assert_null(veikart_unit_type_title(NULL, NULL));
	assert_null(veikart_unit_type_parent(NULL));
	assert_null(veikart_method_unit_start(NULL));
	assert_null(veikart_step_after(NULL));
	veikart_method_free(m);
}

/* The expression compiler is told where each phase is in the methodology's
 * order, found by id (not by an index field set later). */
static void test_expression_declarations_should_resolve_phase_names(void **state)
{
	veikart_method *m = load_fixture("tests/fixtures/valid/variant-unit-types");
	veikart__expr_decls decls;

	(void)state;
	veikart__method_expr_decls(m, &decls);
	assert_non_null(decls.phase_lookup);
	assert_int_equal(decls.context, VEIKART__CONTEXT_INITIATIVE);
	assert_int_equal(decls.phase_lookup("behov", 5, decls.payload), 0);
	/* Placed by the variant with after="behov". */
	assert_int_equal(decls.phase_lookup("planering", 9, decls.payload), 1);
	assert_int_equal(decls.phase_lookup("live", 4, decls.payload), 5);
	/* The name is a slice of the expression, not NUL-terminated. */
	assert_int_equal(decls.phase_lookup("live')", 4, decls.payload), 5);
	assert_int_equal(decls.phase_lookup("liv", 3, decls.payload), -1);
	assert_int_equal(decls.phase_lookup("nowhere", 7, decls.payload), -1);
	assert_int_equal(decls.phase_lookup("", 0, decls.payload), -1);
	veikart_method_free(m);
}

/* Fail the 1st, 2nd, ... allocation of a load that must fail with a cycle:
 * each attempt ends in ENOMEM or the format error, and nothing leaks. */
static void test_allocation_failures_while_reporting_a_cycle_are_clean(void **state)
{
	test_counter c;
	veikart_allocator a = test_counting_allocator(&c);
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;
	veikart_diagnostics *diags;
	veikart_method *m;
	long n;
	int rc = VEIKART_ENOMEM;

	(void)state;
	o.allocator = &a;
	o.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM | VEIKART_LOAD_NO_BUILTIN;
	for (n = 1; rc == VEIKART_ENOMEM; n++) {
		memset(&c, 0, sizeof(c));
		c.fail_at = n;
		m = NULL;
		diags = NULL;
		rc = veikart_method_load_file(
		        &m, test_path("tests/fixtures/invalid/unit-type-cycle/input.xml"), &o,
		        &diags);
		if (rc != VEIKART_ENOMEM && rc != VEIKART_EFORMAT)
			fail_msg("allocation %ld failed: %d %s", n, rc,
			         veikart_error_last()->message);
		assert_null(m);
		veikart_diagnostics_free(diags);
		if (c.live != 0)
			fail_msg("%ld block(s) leaked when allocation %ld failed", c.live, n);
		assert_true(n < 100000);
	}
	assert_int_equal(rc, VEIKART_EFORMAT);
	assert_true(test_contains(veikart_error_last()->message, "`region` -> `area` -> `site`"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unit_types_should_come_in_document_order_with_their_parents),
		cmocka_unit_test(test_unit_type_title_should_fall_back_like_other_labels),
		cmocka_unit_test(
		        test_methodology_without_units_should_have_no_unit_types_or_unit_start),
		cmocka_unit_test(test_unit_start_should_be_the_first_unit_scope_phase),
		cmocka_unit_test(test_step_after_should_name_an_earlier_step_of_the_phase),
		cmocka_unit_test(test_variant_should_modify_replace_remove_and_add_unit_types),
		cmocka_unit_test(test_variant_step_after_should_order_work_not_place_the_step),
		cmocka_unit_test(test_new_accessors_should_be_null_safe),
		cmocka_unit_test(test_expression_declarations_should_resolve_phase_names),
		cmocka_unit_test(test_allocation_failures_while_reporting_a_cycle_are_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
