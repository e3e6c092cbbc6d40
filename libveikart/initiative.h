/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The state of an initiative, shared by the files that build it (by
 * events: decode.c, decision.c, unit.c; from a snapshot: snapshot.c) and
 * those that read it (evaluate.c, export.c), and what they share.
 */
#ifndef VEIKART_INITIATIVE_INTERNAL_H
#define VEIKART_INITIATIVE_INTERNAL_H

#include "event.h"
#include "expr.h"
#include "report.h"
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
	int64_t max_skew; /* seconds the clock may run ahead of real time; -1: any */
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
	/* Every role that may assign has been held at once: the creator's
	 * right to assign any role, self included, has ended for good. */
	int creator_right_ended;

	veikart_unit **units; /* in the order added */
	size_t nunits, cap_units, cap_views;
	/* Units by id, for the lookup each unit event makes: open addressing,
	 * each slot a unit's position + 1 (0: empty), at most half full. */
	uint32_t *unit_slots;
	size_t unit_mask; /* slots - 1; the slots are a power of two */
	veikart__unit_view *views; /* what evaluation sees of each unit, same order */
	const char **phase_ids;    /* the methodology's phase ids by index */
};

/* Most waves (and orders) a unit may have; most phases a decision passes over. */
#define VEIKART__MAX_WAVE 100000
#define VEIKART__MAX_VIA 64

/* ---- the state (initiative.c) ---------------------------------------------- */

/* " for unit `u`", or nothing for the initiative; for messages. */
const char *veikart__for_unit(const veikart_unit *unit, char *buf, size_t size);
/* "the initiative" or "unit `u`": who is in a phase, for messages. */
const char *veikart__who_is(const veikart_unit *unit, char *buf, size_t size);
/* The walk of a unit, or of the initiative when UNIT is NULL. */
veikart__walk *veikart__walk_of(veikart_initiative *in, veikart_unit *unit);
/* Refuse a change to an initiative that is not created yet or has ended. */
int veikart__active(const veikart_initiative *in);
/* Refuse a change to a unit that has stopped; with WALKING also one that
 * has walked to its last phase (its facts may still change).  UNIT NULL:
 * veikart__active(). */
int veikart__unit_open(const veikart_initiative *in, const veikart_unit *unit, int walking);
/* A unit by id, refused with VEIKART_ENOTFOUND when there is none. */
int veikart__unit_get(const veikart_initiative *in, const char *id, veikart_unit **out);
/* Room for one more unit, then place it there (cannot fail). */
int veikart__units_reserve(veikart_initiative *in);
void veikart__unit_place(veikart_initiative *in, veikart_unit *u);

/* ---- who may do what (roles.c) --------------------------------------------- */

/* Whether PERSON holds ROLE where UNIT is (NULL: the initiative); a role
 * held for the whole initiative counts for each unit. */
int veikart__holds(const veikart_initiative *in, const char *person, const veikart_role *role,
                   const veikart_unit *unit);
/* Whether PERSON holds any role there. */
int veikart__holds_any(const veikart_initiative *in, const char *person, const veikart_unit *unit);
/* Whether PERSON holds a role there that may override a gate. */
int veikart__may_override(const veikart_initiative *in, const char *person,
                          const veikart_unit *unit);
/* The refusals, VEIKART_EDENIED with what the actor holds: WHAT needs ROLE;
 * WHAT needs any role (returns 0 when the actor has one); an override
 * needs a role that may override. */
int veikart__denied(const veikart_initiative *in, const char *actor, const veikart_role *role,
                    const veikart_unit *unit, const char *what);
int veikart__may_act(const veikart_initiative *in, const char *actor, const veikart_unit *unit,
                     const char *what);
int veikart__override_denied(const veikart_initiative *in, const char *actor,
                             const veikart_unit *unit, const veikart_gate *g);
/* Whether ACTOR may give ROLE to PERSON there (or, UNASSIGN, take it
 * away): 0, or VEIKART_EDENIED with the rule that refuses it. */
int veikart__may_assign(const veikart_initiative *in, const char *actor, const char *person,
                        const veikart_role *role, const veikart_unit *unit, int unassign);
/* Whether ACTOR may record FACT there by a change of KIND (set, clear or
 * attach): 0, or a refusal that names the change. */
int veikart__may_record(const veikart_initiative *in, const char *actor, const veikart_fact *fact,
                        const veikart_unit *unit, veikart_event_kind kind);
/* After an assignment: end the creator's right when every role that may
 * assign is held (for the initiative or a unit). */
void veikart__creator_right_update(veikart_initiative *in);

/* ---- decisions (decision.c) ------------------------------------------------ */

/* Refuse a gate that does not leave the phase the walk is in. */
int veikart__decision_gate(const veikart_initiative *in, const veikart_unit *unit,
                           const veikart_gate *g);
/* The role that decides at G at TIME, or a refusal when no rule applies. */
int veikart__decision_authority(const veikart_initiative *in, const veikart_unit *unit,
                                const veikart_gate *g, int64_t time, const veikart_role **out);
/* The gate a decision names (ID NULL, live only: the phase's single gate)
 * and the outcome of KIND a live decision asks for (TO names the target
 * when there are several). */
int veikart__decision_gate_for(const veikart_initiative *in, const veikart_unit *unit,
                               const char *id, const veikart_gate **out);
int veikart__decision_outcome_for(const veikart_gate *g, veikart_outcome_kind kind, const char *to,
                                  const veikart_outcome **out);
/* Where an outcome to TARGET lands at NOW: phases whose skip-if holds are
 * passed over (VEIKART__MAX_VIA at most, into VIA). */
const veikart_phase *veikart__landing(const veikart_initiative *in, const veikart_unit *unit,
                                      const veikart_phase *target, int64_t now,
                                      const veikart_phase **via, size_t *nvia);

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

/* Apply events (apply.c): check the chain and the rules, prepare, ask the
 * commit hook (when `call_hook`), commit.  All or nothing.  LIVE: the
 * report a live decision was taken on, or NULL (see veikart__decode()). */
int veikart__initiative_apply(veikart_initiative *in, const veikart_event *const *events,
                              size_t count, int call_hook, veikart_report **live);

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
