/*
 * How a gate adds its criteria up, as a steering group reads the report:
 * k-of-n, must-then-score with weights and a threshold, all-must and
 * advisory gates, information criteria that never count, and the decisions
 * each verdict allows.  On tests/unit/rules-method.xml, a methodology with
 * one gate of each kind.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

#define RULES "tests/unit/rules-method.xml"

/* The current gate's report: its verdict, score and summary. */
static void gate_is(walk *w, veikart_verdict verdict, double score, const char *summary)
{
	veikart_report *r = NULL;

	walk_ok(veikart_initiative_evaluate(&r, w->in, NULL), "evaluate");
	if (veikart_report_verdict(r) != verdict || veikart_report_score(r) != score ||
	    !test_contains(veikart_report_summary(r), summary))
		fail_msg("the gate is %s with score %g (\"%s\"), not %s with score %g (\"%s\")",
		         veikart_verdict_name(veikart_report_verdict(r)), veikart_report_score(r),
		         veikart_report_summary(r), veikart_verdict_name(verdict), score, summary);
	veikart_report_free(r);
}

/* The outcome the current gate recommends, by kind. */
static veikart_outcome_kind recommended(walk *w)
{
	veikart_report *r = NULL;
	veikart_outcome_kind kind;

	walk_ok(veikart_initiative_evaluate(&r, w->in, NULL), "evaluate");
	assert_non_null(veikart_report_recommended(r));
	kind = veikart_outcome_kind_of(veikart_report_recommended(r));
	veikart_report_free(r);
	return kind;
}

static int decide(walk *w, const char *actor, veikart_outcome_kind kind, int override,
                  const veikart_condition *conditions, size_t nconditions)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	req.actor = actor;
	req.outcome = kind;
	req.override = override;
	req.rationale = "as the minutes say";
	req.conditions = conditions;
	req.condition_count = nconditions;
	return veikart_initiative_decide(w->in, &req);
}

/* An initiative on the rules methodology: Eva owns it, Ingrid sits on the board. */
static void start(walk *w)
{
	memset(w, 0, sizeof(*w)); /* walk_start() dates the creation 2026-01-05 */
	walk_start(w, RULES, "R-1", "Rules", "Eva");
	walk_assign(w, "Eva", "Eva", "owner");
	walk_assign(w, "Eva", "Ingrid", "board");
}

/* Past the k-of-n gate, into the scored one. */
static void to_scored_gate(walk *w)
{
	walk_set(w, "Eva", "a=true", "b=true", NULL);
	walk_decide(w, "Eva", VEIKART_OUTCOME_GO, NULL, "two of three");
	assert_string_equal(walk_phase(w), "s");
}

static void test_k_of_n_is_ready_with_k_met(void **state)
{
	const veikart_condition cond[] = { { "Measure c", "2026-03-01" } };
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "b=true", "c=false", NULL);
	gate_is(&w, VEIKART_VERDICT_READY, 1.0, "ready: 2 of 3 criteria met (needs 2)");
	assert_int_equal(recommended(&w), VEIKART_OUTCOME_GO);
	WALK_REFUSED(&w, VEIKART_EINVALID, "only a conditional go has conditions",
	             decide(&w, "Eva", VEIKART_OUTCOME_GO, 0, cond, 1));
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "two of three are enough");
	assert_string_equal(walk_phase(&w), "s");
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

static void test_k_of_n_with_unknowns_that_could_make_it_is_incomplete(void **state)
{
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "c=false", NULL);
	gate_is(&w, VEIKART_VERDICT_INCOMPLETE, 1.0,
	        "incomplete: 1 of 3 criteria met (needs 2), 1 unknown (b)");
	assert_int_equal(recommended(&w), VEIKART_OUTCOME_HOLD);
	WALK_REFUSED(&w, VEIKART_ESTATE, "not ready for go",
	             decide(&w, "Eva", VEIKART_OUTCOME_GO, 0, NULL, 0));
	walk_end(&w);
}

static void test_k_of_n_below_k_is_blocked_and_info_does_not_count(void **state)
{
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "b=false", "c=false", NULL);
	gate_is(&w, VEIKART_VERDICT_BLOCKED, 1.0, "blocked: 1 of 3 criteria met (needs 2)");
	/* An information criterion met is not a second criterion met. */
	walk_set(&w, "Eva", "i=true", NULL);
	gate_is(&w, VEIKART_VERDICT_BLOCKED, 1.0, "blocked: 1 of 3 criteria met (needs 2)");
	WALK_REFUSED(&w, VEIKART_ESTATE, "not ready for go",
	             decide(&w, "Eva", VEIKART_OUTCOME_GO, 0, NULL, 0));
	walk_end(&w);
}

/* x weighs 3 of 5: met alone it scores exactly the threshold, 0.6. */
static void test_score_weighs_criteria_and_the_threshold_is_enough(void **state)
{
	walk w;

	(void)state;
	start(&w);
	to_scored_gate(&w);
	walk_set(&w, "Eva", "m=true", "x=true", "y=false", "z=false", "i=false", NULL);
	gate_is(&w, VEIKART_VERDICT_READY, 0.6,
	        "ready: every must criterion met; should-score 0.60 (needs 0.60)");
	/* y and z together weigh less than x. */
	walk_set(&w, "Eva", "x=false", "y=true", "z=true", NULL);
	gate_is(&w, VEIKART_VERDICT_BLOCKED, 0.4, "blocked: should-score 0.40, needs 0.60");
	assert_int_equal(recommended(&w), VEIKART_OUTCOME_HOLD);
	walk_end(&w);
}

static void test_score_that_unknowns_could_lift_is_incomplete(void **state)
{
	walk w;

	(void)state;
	start(&w);
	to_scored_gate(&w);
	/* y met (0.2), z unmet: x unknown could still bring it to 0.8. */
	walk_set(&w, "Eva", "m=true", "y=true", "z=false", NULL);
	gate_is(&w, VEIKART_VERDICT_INCOMPLETE, 0.2,
	        "incomplete: should-score 0.20, needs 0.60; criteria still unknown could make "
	        "it up");
	/* z unknown, x unmet: at most 0.4. */
	walk_set(&w, "Eva", "x=false", NULL);
	walk_ok(veikart_initiative_clear(w.in, "Eva", "z"), "clear");
	gate_is(&w, VEIKART_VERDICT_BLOCKED, 0.2, "blocked: should-score 0.20, needs 0.60");
	walk_end(&w);
}

static void test_a_must_criterion_decides_before_the_score(void **state)
{
	walk w;

	(void)state;
	start(&w);
	to_scored_gate(&w);
	walk_set(&w, "Eva", "x=true", "y=true", "z=true", NULL);
	gate_is(&w, VEIKART_VERDICT_INCOMPLETE, 1.0, "incomplete: 1 must criterion unknown (m)");
	walk_set(&w, "Eva", "m=false", NULL);
	gate_is(&w, VEIKART_VERDICT_BLOCKED, 1.0, "blocked: 1 must criterion unmet (m)");
	walk_end(&w);
}

static void test_all_gate_needs_every_criterion(void **state)
{
	walk w;

	(void)state;
	start(&w);
	to_scored_gate(&w);
	walk_set(&w, "Eva", "m=true", "x=true", NULL);
	walk_decide(&w, "Ingrid", VEIKART_OUTCOME_GO, NULL, "scored");
	assert_string_equal(walk_phase(&w), "al");
	walk_ok(veikart_initiative_clear(w.in, "Eva", "b"), "clear");
	gate_is(&w, VEIKART_VERDICT_INCOMPLETE, 1.0, "incomplete: 1 criterion unknown (b)");
	walk_set(&w, "Eva", "b=false", NULL);
	gate_is(&w, VEIKART_VERDICT_BLOCKED, 1.0, "blocked: 1 criterion unmet (b)");
	walk_set(&w, "Eva", "b=true", NULL);
	gate_is(&w, VEIKART_VERDICT_READY, 1.0, "ready: every criterion met");
	walk_end(&w);
}

/* An advisory gate informs the decision and never stands in its way. */
static void test_advisory_gate_needs_no_override(void **state)
{
	walk w;

	(void)state;
	start(&w);
	to_scored_gate(&w);
	walk_set(&w, "Eva", "m=true", "x=true", NULL);
	walk_decide(&w, "Ingrid", VEIKART_OUTCOME_GO, NULL, "scored");
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "all met");
	assert_string_equal(walk_phase(&w), "adv");
	walk_set(&w, "Eva", "i=false", NULL);
	gate_is(&w, VEIKART_VERDICT_ADVISORY, 1.0, "advisory: 0 met, 0 unmet, 0 unknown");
	WALK_REFUSED(&w, VEIKART_EINVALID, "nothing to override",
	             decide(&w, "Eva", VEIKART_OUTCOME_GO, 1, NULL, 0));
	walk_ok(decide(&w, "Eva", VEIKART_OUTCOME_GO, 0, NULL, 0), "go");
	assert_string_equal(walk_phase(&w), "done");
	/* The last phase is terminal: the initiative is complete. */
	assert_int_equal(veikart_initiative_status(w.in), VEIKART_STATUS_COMPLETED);
	WALK_REFUSED(&w, VEIKART_ESTATE, "completed",
	             veikart_initiative_set(w.in, "Eva", "i", "true"));
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* A recurring review passed with continue sets the next one, during this
 * visit of the phase: after a new pilot round the schedule starts again. */
static void test_review_counts_from_this_visit(void **state)
{
	const veikart_gate *review;
	int64_t entered;
	walk w;

	(void)state;
	start(&w);
	to_scored_gate(&w);
	walk_set(&w, "Eva", "m=true", "x=true", NULL);
	walk_decide(&w, "Ingrid", VEIKART_OUTCOME_GO, NULL, "scored");
	walk_at(&w, "2026-02-01");
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "all met");
	review = veikart_method_gate_by_id(w.m, "gadv");
	assert_int_equal(veikart_initiative_review_due(w.in, review), w.now + 30 * 86400);
	walk_at(&w, "2026-02-11");
	walk_decide(&w, "Eva", VEIKART_OUTCOME_CONTINUE, NULL, "reviewed");
	assert_int_equal(veikart_initiative_review_due(w.in, review), w.now + 30 * 86400);
	walk_at(&w, "2026-02-21");
	walk_decide(&w, "Eva", VEIKART_OUTCOME_RECYCLE, NULL, "another round");
	assert_string_equal(walk_phase(&w), "al");
	assert_int_equal(veikart_initiative_review_due(w.in, review), 0);
	walk_at(&w, "2026-02-26");
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "all met again");
	entered = w.now;
	assert_int_equal(veikart_initiative_review_due(w.in, review), entered + 30 * 86400);
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* A conditional go at an incomplete gate needs no override; at a blocked
 * gate it does, by a role that may override, like a go. */
static void test_conditional_go_at_a_blocked_gate_needs_an_override(void **state)
{
	const veikart_condition cond[] = { { "Train the night staff", "2026-09-01" } };
	const veikart_decision *d;
	walk w;

	(void)state;
	start(&w);
	to_scored_gate(&w);
	walk_assign(&w, "Eva", "Eva", "board");
	walk_set(&w, "Eva", "m=false", "x=true", NULL);
	gate_is(&w, VEIKART_VERDICT_BLOCKED, 0.6, "blocked: 1 must criterion unmet (m)");
	WALK_REFUSED(&w, VEIKART_ESTATE, "not ready for conditional-go",
	             decide(&w, "Eva", VEIKART_OUTCOME_CONDITIONAL_GO, 0, cond, 1));
	/* The board decides here but may not override. */
	WALK_REFUSED(&w, VEIKART_EDENIED, "overriding gate `gs` needs role `owner`",
	             decide(&w, "Ingrid", VEIKART_OUTCOME_CONDITIONAL_GO, 1, cond, 1));
	walk_ok(decide(&w, "Eva", VEIKART_OUTCOME_CONDITIONAL_GO, 1, cond, 1), "override");
	d = veikart_initiative_decision(w.in, veikart_initiative_decision_count(w.in) - 1);
	assert_true(veikart_decision_is_override(d));
	assert_int_equal(veikart_report_verdict(veikart_decision_report(d)),
	                 VEIKART_VERDICT_BLOCKED);
	assert_string_equal(veikart_decision_condition_due(d, 0), "2026-09-01");
	assert_string_equal(walk_phase(&w), "al");
	walk_same_after_replay_and_restore(&w);
	/* Met, the condition stays met after replay and restore. */
	walk_at(&w, "2026-08-20");
	walk_ok(veikart_initiative_meet_condition(w.in, "Eva", veikart_decision_seq(d), 0), "meet");
	assert_int_equal(veikart_decision_condition_met(d, 0), w.now);
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

static void test_go_at_an_incomplete_gate_needs_an_override(void **state)
{
	const veikart_condition cond[] = { { "Measure x", "2026-03-01" } };
	walk w;

	(void)state;
	start(&w);
	to_scored_gate(&w);
	walk_set(&w, "Eva", "m=true", "y=true", NULL);
	gate_is(&w, VEIKART_VERDICT_INCOMPLETE, 0.2, "incomplete");
	WALK_REFUSED(&w, VEIKART_ESTATE, "not ready for go",
	             decide(&w, "Ingrid", VEIKART_OUTCOME_GO, 0, NULL, 0));
	walk_ok(decide(&w, "Ingrid", VEIKART_OUTCOME_CONDITIONAL_GO, 0, cond, 1), "conditional go");
	assert_string_equal(walk_phase(&w), "al");
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_k_of_n_is_ready_with_k_met),
		cmocka_unit_test(test_k_of_n_with_unknowns_that_could_make_it_is_incomplete),
		cmocka_unit_test(test_k_of_n_below_k_is_blocked_and_info_does_not_count),
		cmocka_unit_test(test_score_weighs_criteria_and_the_threshold_is_enough),
		cmocka_unit_test(test_score_that_unknowns_could_lift_is_incomplete),
		cmocka_unit_test(test_a_must_criterion_decides_before_the_score),
		cmocka_unit_test(test_all_gate_needs_every_criterion),
		cmocka_unit_test(test_advisory_gate_needs_no_override),
		cmocka_unit_test(test_review_counts_from_this_visit),
		cmocka_unit_test(test_conditional_go_at_a_blocked_gate_needs_an_override),
		cmocka_unit_test(test_go_at_an_incomplete_gate_needs_an_override),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
