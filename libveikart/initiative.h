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
	const veikart_unit *unit; /* NULL: for the whole initiative */
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
	const veikart_unit *unit; /* whose gate; NULL: the initiative's */
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

/* The walk through phases that the initiative, and each rollout unit, makes:
 * where it stands, where it has been, what it has done and decided. */
typedef struct veikart__walk {
	const veikart_phase *phase; /* NULL until entered */
	int64_t phase_entered;
	veikart_status status;
	veikart__step_rec *steps;
	size_t nsteps, cap_steps;
	veikart__visit *visits;
	size_t nvisits, cap_visits;
	veikart_decision **decisions;
	size_t ndecisions, cap_decisions;
} veikart__walk;

/* A rollout unit: its walk through the unit phases and its own facts. */
struct veikart_unit {
	const veikart_initiative *initiative;
	char *id; /* id, title, type and parent id share this block */
	char *title;
	char *type;      /* NULL when none */
	char *parent_id; /* NULL when none */
	const veikart_unit *parent;
	size_t index; /* in the initiative's units and views */
	int32_t wave; /* 0: none */
	int32_t order;
	uint64_t seq; /* the event that added it */
	int64_t time;
	veikart__walk walk;
	veikart__fact_rec **facts; /* by slot: the unit-scope facts */
	veikart__value *values;
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
	veikart__walk walk;

	size_t nfacts;
	veikart__fact_rec **facts; /* by slot; NULL: not recorded */
	veikart__value *values;    /* by slot, what evaluation reads */

	veikart__assignment *assignments;
	size_t nassignments, cap_assignments;

	veikart_unit **units; /* in the order added */
	size_t nunits, cap_units, cap_views;
	veikart__unit_view *views; /* what evaluation sees of each unit, same order */
	const char **phase_ids;    /* the methodology's phase ids by index */

	/* The report a live decision was made on, handed from
	 * veikart_initiative_decide() to the decoding of the event it built, so
	 * that the decision keeps it instead of rebuilding it from the record.
	 * Set only for that one call; taken (and cleared) by the decoding. */
	veikart_report *live_report;
};

/* Who decides at a gate of the initiative (unit NULL) or of a unit at a
 * moment; NULL when no authority rule applies. */
const veikart_role *veikart__initiative_authority(const veikart_initiative *in,
                                                  const veikart_unit *unit, const veikart_gate *g,
                                                  int64_t now);

/* Evaluation environment at a moment: for the initiative's expressions
 * (unit NULL), or for those of a unit's phases. */
void veikart__initiative_env(const veikart_initiative *in, const veikart_unit *unit, int64_t now,
                             veikart__eval_env *env);

/* Whether a step was done during the walk's latest visit of its phase. */
int veikart__walk_step_done(const veikart__walk *w, const char *phase_id, const char *step_id);

/* When a recurring review at a gate of the walk's phase comes due; 0 when
 * it is not one, or the walk has ended (gate NULL: the phase's single gate). */
int64_t veikart__walk_review_due(const veikart__walk *w, const veikart_gate *gate);

/* A unit by id, or NULL. */
veikart_unit *veikart__unit_find(const veikart_initiative *in, const char *id);

/* Reports (gate.c). */
/* Evaluate a gate.  With `words_now` 0, a report on a plain gate writes
 * its reasons and summary only when first asked for them. */
int veikart__report_evaluate(veikart_report **out, const veikart_gate *gate,
                             const veikart__eval_env *env, int words_now,
                             const veikart_allocator *alloc);
/* The truths (n = the gate's criteria) and the verdict of a gate, without
 * the reasons and summary in words a report carries: cheap enough to check
 * every recorded decision against. */
void veikart__gate_judge(const veikart_gate *gate, const veikart__eval_env *env,
                         veikart_truth *truths, veikart_verdict *verdict);
/* Set a report's score: a decision keeps the score as its record has it
 * (six significant digits), so that a live decision and its replay agree. */
void veikart__report_set_score(veikart_report *report, double score);

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
/* Add a unit (snapshot reader): allocated with its facts, not yet walking. */
veikart_unit *veikart__unit_new(veikart_initiative *in, const char *id, const char *title,
                                const char *type, const char *parent_id);
int veikart__unit_push(veikart_initiative *in, veikart_unit *u);
void veikart__unit_free(veikart_initiative *in, veikart_unit *u);
/* Enter a phase: close the current visit, open a new one, update status
 * (the walk's visits must have room for one more). */
void veikart__walk_enter(veikart_initiative *in, veikart_unit *unit, const veikart_phase *p,
                         int64_t time, uint64_t seq);

#endif
