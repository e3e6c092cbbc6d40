/*
 * lifecycle_script.h: the 36 changes of one lifecycle after its create
 * event (3 assignments are made by the caller): 28 fact writes and 8
 * decisions, each by the person the workload names (docs/performance.md).
 * SPDX-License-Identifier: MIT
 */
#ifndef LIFECYCLE_SCRIPT_H
#define LIFECYCLE_SCRIPT_H

#include "bench.h"

#define START_TIME 1767603600 /* 2026-01-05T09:00:00Z */

enum op_kind { SET, DECIDE };

typedef struct op {
	enum op_kind kind;
	const char *actor;
	const char *fact;             /* SET */
	const char *value;            /* SET */
	veikart_outcome_kind outcome; /* DECIDE */
} op;

#define GO VEIKART_OUTCOME_GO
#define SET_(who, f, v)            \
	{                          \
		SET, who, f, v, GO \
	}
#define DECIDE_(who, o)                    \
	{                                  \
		DECIDE, who, NULL, NULL, o \
	}

/* The 28 writes and 8 decisions after create and the assignments. */
static const op lifecycle_script[] = {
	SET_("Ola", "need_described", "true"),
	SET_("Ola", "users_involved", "true"),
	SET_("Kari", "anchored", "true"),
	SET_("Kari", "mandate_signed", "true"),
	SET_("Kari", "problem_owner_named", "true"),
	DECIDE_("Kari", GO),
	SET_("Ola", "plan_goals", "true"),
	SET_("Ola", "plan_scope", "true"),
	SET_("Ola", "risk_assessed", "true"),
	SET_("Ola", "baseline_hours", "12"),
	SET_("Ingrid", "budget_approved", "true"),
	DECIDE_("Ingrid", GO),
	SET_("Ola", "participants", "24"),
	SET_("Ola", "weeks", "10"),
	SET_("Ola", "staff_trained", "0.55"),
	SET_("Ola", "pilot_report", "true"),
	DECIDE_("Kari", GO),
	SET_("Ola", "active_use", "0.45"),
	SET_("Ola", "hours_saved", "4"),
	SET_("Kari", "evaluation_approved", "true"),
	DECIDE_("Ingrid", VEIKART_OUTCOME_RECYCLE),
	SET_("Ola", "staff_trained", "0.9"),
	SET_("Ola", "weeks", "8"),
	SET_("Ola", "pilot_report", "true"),
	DECIDE_("Kari", GO),
	SET_("Ola", "active_use", "0.72"),
	SET_("Ola", "hours_saved", "5"),
	DECIDE_("Ingrid", GO),
	SET_("Ola", "units_live_ratio", "0.95"),
	SET_("Ola", "support_in_place", "true"),
	SET_("Ola", "training_done", "true"),
	DECIDE_("Kari", GO),
	SET_("Kari", "benefit_realized", "true"),
	SET_("Kari", "within_budget", "true"),
	SET_("Kari", "users_satisfied", "true"),
	DECIDE_("Ingrid", VEIKART_OUTCOME_CONTINUE),
};

#define LIFECYCLE_SCRIPT_LENGTH (sizeof(lifecycle_script) / sizeof(lifecycle_script[0]))

/*
 * After create: the three assignments and the script, each change an hour
 * after the one before (*NOW is what the initiative's clock returns).
 * Exits with a message when a change fails.
 */
static inline void lifecycle_walk(veikart_initiative *in, int64_t *now, const char *program)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	static const char *const people[3][2] = { { "Kari", "owner" },
		                                  { "Ola", "lead" },
		                                  { "Ingrid", "board" } };
	const op *o;
	size_t i;

	for (i = 0; i < 3; i++) {
		*now += 3600;
		if (veikart_initiative_assign(in, "Kari", people[i][0], people[i][1]) < 0)
			bench_die(program, "assign");
	}
	for (i = 0; i < LIFECYCLE_SCRIPT_LENGTH; i++) {
		o = &lifecycle_script[i];
		*now += 3600;
		if (o->kind == SET) {
			if (veikart_initiative_set(in, o->actor, o->fact, o->value) < 0)
				bench_die(program, o->fact);
			continue;
		}
		req.actor = o->actor;
		req.outcome = o->outcome;
		req.rationale = "Decided at the gate meeting.";
		if (veikart_initiative_decide(in, &req) < 0)
			bench_die(program, "decide");
	}
}

#endif
