/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The state of an initiative, shared by the modules that build it
 * (initiative.c by events, snapshot.c from a snapshot) and those that read
 * it (gate.c, snapshot.c, export.c).
 */
#ifndef VEIKART_INITIATIVE_INTERNAL_H
#define VEIKART_INITIATIVE_INTERNAL_H

#include "event.h"
#include "expr.h"
#include "util.h"
#include "value.h"

/* A recorded fact value with its provenance, in one allocation; the value's
 * strings point into the same block. */
typedef struct veikart__fact_rec {
	veikart__value value;
	veikart__evidence evidence;
	veikart__signoff signoff;
	uint64_t seq;
	int64_t time;
	const char *actor;
	const char *text; /* as veikart_initiative_set() accepts it */
} veikart__fact_rec;

typedef struct veikart__assignment {
	char *person;
	const veikart_role *role;
	uint64_t seq;
	int64_t time;
} veikart__assignment;

typedef struct veikart__step_rec {
	const veikart_phase *phase;
	const veikart_step *step;
	uint64_t seq;
	int64_t time;
	char *actor;
} veikart__step_rec;

typedef struct veikart__visit {
	const veikart_phase *phase;
	int64_t entered;
	int64_t left; /* 0 while current */
	uint64_t seq; /* the event that entered it */
} veikart__visit;

typedef struct veikart__condition_rec {
	char *text;
	char due[11];
	uint64_t met_seq; /* 0 while open */
	int64_t met_time;
	char *met_actor;
} veikart__condition_rec;

struct veikart_decision {
	uint64_t seq;
	int64_t time;
	char *actor;
	const veikart_role *authority;
	const veikart_gate *gate;
	const veikart_outcome *outcome;
	const veikart_phase *target; /* where it led; NULL when it stayed */
	const veikart_phase **via;   /* phases passed over by skip-if */
	size_t nvia;
	char *rationale;
	int override;
	veikart_report *report;
	veikart__condition_rec *conditions;
	size_t nconditions;
};

struct veikart_initiative {
	veikart_allocator alloc;
	const veikart_method *method;
	veikart_clock_fn clock;
	void *clock_payload;
	veikart_commit_fn commit;
	void *commit_payload;
	size_t max_text;
	veikart__arena scratch; /* reset after each use */

	char *id;
	char *title;
	char *creator;
	uint64_t seq;
	char head[VEIKART__SHA256_HEX_SIZE];
	int64_t created;
	int64_t last_time;
	const veikart_phase *phase;
	int64_t phase_entered;
	veikart_status status;

	size_t nfacts;
	veikart__fact_rec **facts; /* by slot; NULL: not recorded */
	veikart__value *values;    /* by slot, what evaluation reads */

	veikart__assignment *assignments;
	size_t nassignments, cap_assignments;
	veikart__step_rec *steps;
	size_t nsteps, cap_steps;
	veikart__visit *visits;
	size_t nvisits, cap_visits;
	veikart_decision **decisions;
	size_t ndecisions, cap_decisions;
};

/* Who decides at a gate at a moment; NULL when no authority rule applies. */
const veikart_role *veikart__initiative_authority(const veikart_initiative *in,
                                                  const veikart_gate *g, int64_t now);

/* Evaluation environment at a moment. */
void veikart__initiative_env(const veikart_initiative *in, int64_t now, veikart__eval_env *env);

/* Reports (gate.c). */
int veikart__report_evaluate(veikart_report **out, const veikart_gate *gate,
                             const veikart__eval_env *env, const veikart_allocator *alloc);
/* A report rebuilt from a recorded decision: per criterion, in the gate's
 * order, its truth and reason (criteria the record lacks are unknown). */
int veikart__report_rebuild(veikart_report **out, const veikart_gate *gate, int64_t time,
                            veikart_verdict verdict, double score, const veikart_truth *truths,
                            const char *const *reasons, const veikart_allocator *alloc);
/* Whether an outcome needs a ready gate (go, skip, continue) or one not
 * blocked (conditional go) to be taken without an override. */
int veikart__outcome_needs_override(veikart_outcome_kind kind, veikart_verdict verdict);


/* Apply events: check the chain and the rules, prepare, ask the commit hook
 * (when `call_hook`), commit.  All or nothing. */
int veikart__initiative_apply(veikart_initiative *in, const veikart_event *const *events,
                              size_t count, int call_hook);

/* Constructors the snapshot reader shares with the event path. */
int veikart__initiative_init(veikart_initiative **out, const veikart_method *method,
                             const veikart_initiative_options *opts);
veikart__fact_rec *veikart__fact_rec_new(veikart_initiative *in, const veikart_fact *f,
                                         const veikart__value *v, const char *actor, int64_t time,
                                         uint64_t seq);
veikart_decision *veikart__decision_new(veikart_initiative *in, size_t nvia, size_t nconditions,
                                        const char *actor, const char *rationale);
void veikart__decision_free(veikart_initiative *in, veikart_decision *d);

#endif
