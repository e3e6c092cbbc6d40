/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * What the snapshot and journal targets do with an initiative they rebuilt:
 * read it through the accessors, evaluate its gates (criteria expressions
 * over fuzzed facts), and take it round a snapshot, which must give the
 * same initiative and the same bytes again.
 */
#ifndef VEIKART_FUZZ_INITIATIVE_H
#define VEIKART_FUZZ_INITIATIVE_H

#include "fuzz.h"

static void fuzz_read_report(const veikart_report *r)
{
	size_t i;

	fuzz_read(veikart_gate_id(veikart_report_gate(r)));
	fuzz_read(veikart_verdict_name(veikart_report_verdict(r)));
	(void)veikart_report_time(r);
	(void)veikart_report_score(r);
	(void)veikart_report_recommended(r);
	fuzz_read(veikart_report_summary(r));
	for (i = 0; i < veikart_report_count(r); i++) {
		fuzz_read(veikart_criterion_id(veikart_report_criterion(r, i)));
		fuzz_read(veikart_truth_name(veikart_report_truth(r, i)));
		fuzz_read(veikart_report_reason(r, i));
	}
}

static void fuzz_read_unit(const veikart_initiative *in, const veikart_unit *u)
{
	const veikart_method *m = veikart_initiative_method(in);
	veikart_report *r = NULL;
	size_t i;

	FUZZ_CHECK(u != NULL);
	FUZZ_CHECK(veikart_initiative_unit_by_id(in, veikart_unit_id(u)) == u);
	fuzz_read(veikart_unit_title(u));
	fuzz_read(veikart_unit_type_of(u));
	fuzz_read(veikart_unit_id(veikart_unit_parent(u)));
	(void)veikart_unit_seq(u);
	(void)veikart_unit_wave(u);
	(void)veikart_unit_order(u);
	fuzz_read(veikart_phase_id(veikart_unit_phase(u)));
	(void)veikart_unit_phase_entered(u);
	(void)veikart_unit_days_in_phase(u);
	(void)veikart_unit_is_stalled(u);
	(void)veikart_unit_status(u);
	(void)veikart_unit_review_due(u, NULL);
	fuzz_read(veikart_role_id(veikart_unit_authority(u, NULL)));
	for (i = 0; i < veikart_method_fact_count(m); i++)
		fuzz_read(veikart_unit_fact(u, veikart_fact_id(veikart_method_fact(m, i))));
	if (veikart_initiative_unit_evaluate(&r, in, veikart_unit_id(u), NULL) == 0)
		fuzz_read_report(r);
	veikart_report_free(r);
}

/* Read everything a host could read of @p in, and evaluate every gate. */
static void fuzz_read_initiative(const veikart_initiative *in)
{
	const veikart_method *m = veikart_initiative_method(in);
	const veikart_decision *d;
	veikart_report *r;
	const char *fact;
	size_t i, j;

	fuzz_read(veikart_initiative_id(in));
	fuzz_read(veikart_initiative_title(in));
	fuzz_read(veikart_initiative_creator(in));
	fuzz_read(veikart_phase_id(veikart_initiative_phase(in)));
	(void)veikart_initiative_phase_entered(in);
	(void)veikart_initiative_days_in_phase(in);
	(void)veikart_initiative_is_stalled(in);
	(void)veikart_initiative_review_due(in, NULL);
	fuzz_read(veikart_status_name(veikart_initiative_status(in)));
	(void)veikart_initiative_seq(in);
	FUZZ_CHECK(strlen(veikart_initiative_head(in)) == 64);
	for (i = 0; i < veikart_initiative_assignment_count(in); i++) {
		fuzz_read(veikart_initiative_assignment_person(in, i));
		fuzz_read(veikart_role_id(veikart_initiative_assignment_role(in, i)));
		fuzz_read(veikart_unit_id(veikart_initiative_assignment_unit(in, i)));
	}
	for (i = 0; i < veikart_method_fact_count(m); i++) {
		fact = veikart_fact_id(veikart_method_fact(m, i));
		fuzz_read(veikart_initiative_fact(in, fact));
		fuzz_read(veikart_initiative_fact_actor(in, fact));
		(void)veikart_initiative_fact_time(in, fact);
	}
	for (i = 0; i < veikart_initiative_decision_count(in); i++) {
		d = veikart_initiative_decision(in, i);
		FUZZ_CHECK(d != NULL);
		(void)veikart_decision_seq(d);
		(void)veikart_decision_time(d);
		fuzz_read(veikart_decision_actor(d));
		fuzz_read(veikart_role_id(veikart_decision_authority(d)));
		fuzz_read(veikart_gate_id(veikart_decision_gate(d)));
		(void)veikart_decision_outcome(d);
		fuzz_read(veikart_phase_id(veikart_decision_target(d)));
		fuzz_read(veikart_decision_rationale(d));
		(void)veikart_decision_is_override(d);
		fuzz_read(veikart_unit_id(veikart_decision_unit(d)));
		if (veikart_decision_report(d) != NULL)
			fuzz_read_report(veikart_decision_report(d));
		for (j = 0; j < veikart_decision_condition_count(d); j++) {
			fuzz_read(veikart_decision_condition_text(d, j));
			fuzz_read(veikart_decision_condition_due(d, j));
			(void)veikart_decision_condition_met(d, j);
		}
	}
	for (i = 0; i < veikart_initiative_visit_count(in); i++) {
		fuzz_read(veikart_phase_id(veikart_initiative_visit_phase(in, i)));
		(void)veikart_initiative_visit_entered(in, i);
		(void)veikart_initiative_visit_left(in, i);
	}
	for (i = 0; i < veikart_initiative_unit_count(in); i++)
		fuzz_read_unit(in, veikart_initiative_unit(in, i));
	/* Every gate, not only the current phase's: the criteria over whatever facts came in. */
	for (i = 0; i < veikart_method_gate_count(m); i++) {
		r = NULL;
		if (veikart_initiative_evaluate(&r, in, veikart_method_gate(m, i)) == 0)
			fuzz_read_report(r);
		veikart_report_free(r);
		fuzz_read(veikart_role_id(
		        veikart_initiative_authority(in, veikart_method_gate(m, i))));
	}
}

/*
 * Snapshot @p in, restore the snapshot and snapshot that: the restore must
 * succeed and give the same bytes (the same state always gives the same bytes).
 */
static void fuzz_round_trip(const veikart_initiative *in, const veikart_initiative_options *opts)
{
	veikart_initiative *again = NULL;
	char *first = NULL, *second = NULL;
	size_t first_len = 0, second_len = 0;

	FUZZ_CHECK(veikart_initiative_snapshot(&first, &first_len, in) == 0);
	FUZZ_CHECK(strlen(first) == first_len);
	FUZZ_CHECK(veikart_initiative_restore(&again, veikart_initiative_method(in), first,
	                                      first_len, opts) == 0);
	FUZZ_CHECK(veikart_initiative_snapshot(&second, &second_len, again) == 0);
	FUZZ_CHECK(first_len == second_len && memcmp(first, second, first_len) == 0);
	FUZZ_CHECK(veikart_initiative_seq(again) == veikart_initiative_seq(in));
	FUZZ_CHECK(strcmp(veikart_initiative_head(again), veikart_initiative_head(in)) == 0);
	veikart_string_free(first);
	veikart_string_free(second);
	veikart_initiative_free(again);
}

#endif
