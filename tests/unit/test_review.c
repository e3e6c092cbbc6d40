/*
 * Recurring reviews (a gate with every-days) and overlays (with="..."),
 * through the public API: the methodology of tests/fixtures/valid/overlay,
 * where the overlay `assess` brings an advisory assessment that comes back
 * in the first planning phase and a yearly review in the first operation
 * phase.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

#define DAY 86400

static int64_t clock_of(void *payload)
{
	return ((const walk *)payload)->now;
}

/* The fixture's variant, over its base and the overlay, without a journal. */
static void start(walk *w)
{
	const char *path[] = { test_path("tests/fixtures/valid/overlay"), NULL };
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;

	memset(w, 0, sizeof(*w));
	walk_at(w, "2026-01-05");
	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	lo.search_path = path;
	walk_ok(veikart_method_load(&w->m, test_path("tests/fixtures/valid/overlay/input.xml"), &lo,
	                            NULL),
	        "load");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	walk_ok(veikart_initiative_create(&w->in, w->m, "R", "Reviews", "Owner", &io), "create");
	walk_assign(w, "Owner", "Owner", "owner");
	walk_assign(w, "Owner", "Ada", "assessor");
}

static int setup(void **state)
{
	walk *w = calloc(1, sizeof(*w));

	*state = w;
	return w != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	walk *w = *state;

	veikart_initiative_free(w->in);
	veikart_method_free(w->m);
	free(w);
	return 0;
}

static void test_overlay_should_bring_its_parts_and_name_itself(void **state)
{
	walk *w = *state;
	const veikart_gate *assessment, *yearly;

	start(w);
	assert_string_equal(veikart_method_id(w->m), "local");
	assert_int_equal(veikart_method_overlay_count(w->m), 1);
	assert_string_equal(veikart_method_overlay(w->m, 0), "assess");
	assert_null(veikart_method_overlay(w->m, 1));
	assert_non_null(veikart_method_role_by_id(w->m, "assessor"));
	assessment = veikart_method_gate_by_id(w->m, "assessment");
	yearly = veikart_method_gate_by_id(w->m, "yearly");
	/* from-kind: the first phase of that kind, whatever its id. */
	assert_string_equal(veikart_phase_id(veikart_gate_from(assessment)), "plan");
	assert_string_equal(veikart_phase_id(veikart_gate_from(yearly)), "run");
	/* The variant changed what the overlay brought. */
	assert_int_equal(veikart_gate_every_days(assessment), 180);
	assert_int_equal(veikart_gate_every_days(yearly), 365);
	assert_int_equal(veikart_gate_every_days(veikart_method_gate_by_id(w->m, "g-plan")), 0);
	assert_int_equal(veikart_gate_every_days(NULL), 0);
	assert_int_equal(veikart_method_overlay_count(NULL), 0);
}

static void test_review_should_come_due_and_be_passed_with_continue(void **state)
{
	walk *w = *state;
	const veikart_gate *yearly, *assessment;
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	int64_t entered;

	start(w);
	assessment = veikart_method_gate_by_id(w->m, "assessment");
	yearly = veikart_method_gate_by_id(w->m, "yearly");
	/* In planning: the assessment is due 180 days after the start. */
	assert_int_equal(veikart_initiative_review_due(w->in, assessment), w->now + 180 * DAY);
	/* A phase with two gates has no single one to name. */
	assert_int_equal(veikart_initiative_review_due(w->in, NULL), 0);
	assert_int_equal(veikart_initiative_review_due(w->in, yearly), 0);
	/* The advisory assessment never blocks; a continue records it. */
	walk_set(w, "Ada", "technology=complex", NULL);
	walk_at(w, "2026-02-02");
	walk_decide_at(w, "Ada", "assessment", VEIKART_OUTCOME_CONTINUE, NULL,
	               "Complex technology: plan for integration work.");
	assert_string_equal(walk_phase(w), "plan");
	assert_int_equal(veikart_initiative_review_due(w->in, assessment), w->now + 180 * DAY);

	walk_set(w, "Owner", "planned=true", NULL);
	walk_at(w, "2026-03-02");
	walk_decide_at(w, "Owner", "g-plan", VEIKART_OUTCOME_GO, NULL, "Planned.");
	assert_string_equal(walk_phase(w), "run");
	entered = w->now;
	assert_int_equal(veikart_initiative_review_due(w->in, assessment), 0);
	assert_int_equal(veikart_initiative_review_due(w->in, yearly), entered + 365 * DAY);

	/* A year on, the review is due; passing it sets the next one. */
	walk_at(w, "2027-03-10");
	assert_true(veikart_initiative_now(w->in) >= veikart_initiative_review_due(w->in, yearly));
	walk_decide_at(w, "Ada", "yearly", VEIKART_OUTCOME_CONTINUE, NULL,
	               "Reviewed: the assessment is on record.");
	assert_int_equal(veikart_initiative_review_due(w->in, yearly), w->now + 365 * DAY);
	assert_string_equal(walk_phase(w), "run");

	/* A continue needs the review's criteria met. */
	walk_ok(veikart_initiative_clear(w->in, "Ada", "technology"), "clear");
	walk_at(w, "2028-03-20");
	req.actor = "Ada";
	req.gate = "yearly";
	req.outcome = VEIKART_OUTCOME_CONTINUE;
	req.rationale = "All well?";
	WALK_REFUSED(w, VEIKART_ESTATE, "is not ready for continue",
	             veikart_initiative_decide(w->in, &req));
	/* The report says the review is due. */
	{
		char *md = NULL;
		walk_ok(veikart_initiative_export(&md, NULL, w->in, VEIKART_EXPORT_MARKDOWN, NULL),
		        "export");
		assert_true(test_contains(md, "**Recurring review:** DUE since 2028-03-09 (every 365 days)"));
		veikart_string_free(md);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_overlay_should_bring_its_parts_and_name_itself,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_review_should_come_due_and_be_passed_with_continue,
		                                setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
