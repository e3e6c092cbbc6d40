/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_UNIT_H
#define VEIKART_UNIT_H

/**
 * @file veikart/unit.h
 * @brief Rollout units: each site, service area or team walks its own phases.
 *
 * Welfare technology fails in the rollout more often than in the pilot: a
 * service "available" everywhere can still be used too little to matter.
 * So broad rollout is tracked per unit.  A unit (a municipality, a service
 * area, a site, a team) has a type, a place in a hierarchy, a wave and an
 * order; it walks the methodology's unit-scope phases (for example
 * preparing → training → live → established) through their gates, with its
 * own facts (users enabled, users active, staff trained), steps, decisions
 * and events.  The initiative's gates judge the rollout through roll-ups
 * over the units (`ratio(in_phase('live')) ge 90%`, `mean(users_active /
 * users_enabled) ge 60%`), and a unit's gates may wait for earlier waves
 * (`earlier_waves_reached('live')`).
 *
 * A unit's events are the initiative's events with a `unit` field; they
 * are chained, journalled, replayed, verified and snapshotted with the rest.
 */

#include <stdint.h>

#include "common.h"
#include "gate.h"
#include "initiative.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_unit Rollout units
 * @{
 */

/** A rollout unit of an initiative. */
typedef struct veikart_unit veikart_unit;

/** Version of #veikart_unit_spec these headers describe. */
#define VEIKART_UNIT_SPEC_VERSION 1

/**
 * A unit to add.
 * @since 0.1.0
 */
typedef struct veikart_unit_spec {
	/** Set to #VEIKART_UNIT_SPEC_VERSION. */
	unsigned int version;
	/** The unit's id, unique in the initiative. */
	const char *id;
	/** Its name as people say it; NULL for the id. */
	const char *title;
	/** Its type: a unit type the methodology declares (any text when it declares none); or NULL. */
	const char *type;
	/** The id of the unit it belongs to, or NULL. */
	const char *parent;
	/** Its wave (1, 2, ...), or 0 for none.  Gates may hold a wave back until earlier ones are live. */
	int wave;
	/** Its place in the rollout's order; 0 for none. */
	int order;
} veikart_unit_spec;

/** Static initialiser for #veikart_unit_spec. */
#define VEIKART_UNIT_SPEC_INIT { VEIKART_UNIT_SPEC_VERSION, NULL, NULL, NULL, NULL, 0, 0 }

/**
 * Initialise a #veikart_unit_spec to its defaults, as #VEIKART_UNIT_SPEC_INIT does, for
 * callers that cannot use the macro (bindings, C++).
 *
 * @param opts The structure to fill.
 * @param version #VEIKART_UNIT_SPEC_VERSION.
 * @return 0, #VEIKART_EINVALID when @p opts is NULL, or #VEIKART_EVERSION
 *         when @p version is not one this library knows.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_unit_spec_init(veikart_unit_spec *opts, unsigned int version);

/**
 * Add a rollout unit.  It enters the methodology's first unit-scope phase.
 * @param initiative The initiative.
 * @param actor Who adds it; must hold a role.
 * @param spec The unit.
 * @return 0; #VEIKART_EEXISTS for an id already used; #VEIKART_ENOTFOUND for
 *         an unknown parent or an undeclared type; #VEIKART_ESTATE when the
 *         methodology has no unit-scope phases or the initiative has ended;
 *         #VEIKART_EDENIED; #VEIKART_EUSER; #VEIKART_EINVALID; #VEIKART_EVERSION;
 *         #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_add_unit(veikart_initiative *initiative, const char *actor,
                                            const veikart_unit_spec *spec);

/**
 * Number of units, in the order added.
 * @param initiative The initiative.
 * @return The count; 0 when @p initiative is NULL.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_initiative_unit_count(const veikart_initiative *initiative);

/**
 * The units in rollout order: by wave, then by order within a wave, then
 * in the order added; a unit without a wave comes after every wave, one
 * without an order after the ordered units of its wave.  This is the
 * order of the rollout board in reports and of `veikart unit list`.
 * @param initiative The initiative.
 * @param out Receives the units, borrowed from the initiative.
 * @param size Room in @p out; at least veikart_initiative_unit_count().
 * @return 0; #VEIKART_EINVALID when @p initiative is NULL, or @p out is NULL
 *         or too small for the units.
 * @note Reads the initiative; see its thread rules.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_rollout_order(const veikart_initiative *initiative,
                                                 const veikart_unit **out, size_t size);

/**
 * A unit by position.
 * @param initiative The initiative.
 * @param index 0-based, less than veikart_initiative_unit_count().
 * @return Owned by @p initiative; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const veikart_unit *veikart_initiative_unit(const veikart_initiative *initiative,
                                                        size_t index);

/**
 * A unit by id.
 * @param initiative The initiative.
 * @param id The unit's id.
 * @return Owned by @p initiative; NULL when there is no such unit.
 * @since 0.1.0
 */
VEIKART_API const veikart_unit *veikart_initiative_unit_by_id(const veikart_initiative *initiative,
                                                              const char *id);

/**
 * Record facts of a unit (unit-scope facts), all or none, one `set` event
 * each, committed together.
 * @param initiative The initiative.
 * @param actor Who records; must hold a role (for the initiative or the unit).
 * @param unit_id The unit.
 * @param count How many facts.
 * @param fact_ids The facts; each must be declared `scope="unit"`.
 * @param values Their values, as for veikart_initiative_set().
 * @return As veikart_initiative_set_many(), plus #VEIKART_ENOTFOUND for an
 *         unknown unit and #VEIKART_ESTATE for a fact recorded for the initiative.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unit_set(veikart_initiative *initiative, const char *actor,
                                            const char *unit_id, size_t count,
                                            const char *const *fact_ids,
                                            const char *const *values);

/**
 * Withdraw a unit's fact.
 * @param initiative The initiative.
 * @param actor Who withdraws it.
 * @param unit_id The unit.
 * @param fact_id A unit-scope fact.
 * @return As veikart_initiative_clear().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unit_clear(veikart_initiative *initiative, const char *actor,
                                              const char *unit_id, const char *fact_id);

/**
 * Attach a document as a unit's evidence.
 * @param initiative The initiative.
 * @param actor Who attaches it.
 * @param unit_id The unit.
 * @param fact_id A unit-scope evidence fact.
 * @param uri Where the document is.
 * @param sha256 Its SHA-256 digest in 64 hexadecimal digits, or NULL.
 * @return As veikart_initiative_attach().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unit_attach(veikart_initiative *initiative, const char *actor,
                                               const char *unit_id, const char *fact_id,
                                               const char *uri, const char *sha256);

/**
 * Approve a unit's attached evidence.
 * @param initiative The initiative.
 * @param actor Who approves; must hold the fact's role, for the initiative or the unit.
 * @param unit_id The unit.
 * @param fact_id A unit-scope evidence fact.
 * @return As veikart_initiative_approve().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unit_approve(veikart_initiative *initiative, const char *actor,
                                                const char *unit_id, const char *fact_id);

/**
 * Sign off for a unit.
 * @param initiative The initiative.
 * @param actor Who signs; must hold the sign-off's role, for the initiative or the unit.
 * @param unit_id The unit.
 * @param fact_id A unit-scope sign-off fact.
 * @return As veikart_initiative_sign().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unit_sign(veikart_initiative *initiative, const char *actor,
                                             const char *unit_id, const char *fact_id);

/**
 * Mark a step of the unit's current phase done.  A step the methodology
 * says comes after another can only be done once that one is.
 * @param initiative The initiative.
 * @param actor Who did it; must hold the step's role (for the initiative or the unit).
 * @param unit_id The unit.
 * @param phase_id The unit's current phase.
 * @param step_id The step.
 * @return As veikart_initiative_step().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unit_step(veikart_initiative *initiative, const char *actor,
                                             const char *unit_id, const char *phase_id,
                                             const char *step_id);

/**
 * Assign a person to a role for one unit only (a coordinator of a service
 * area, the super users of a site).  Someone assigned for a unit may act
 * in that role for that unit: record its facts, sign for it, decide at its
 * gates when the role is their authority.
 * @param initiative The initiative.
 * @param actor Who assigns: the creator, or anyone who holds a role.
 * @param unit_id The unit.
 * @param person Who is assigned.
 * @param role_id The role.
 * @return As veikart_initiative_assign(), plus #VEIKART_ENOTFOUND for an unknown unit.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unit_assign(veikart_initiative *initiative, const char *actor,
                                               const char *unit_id, const char *person,
                                               const char *role_id);

/**
 * Withdraw a role given for one unit.
 * @param initiative The initiative.
 * @param actor Who withdraws it: the creator, or anyone who holds a role
 *        for the initiative or the unit.
 * @param unit_id The unit.
 * @param person Who held the role for the unit.
 * @param role_id The role.
 * @return As veikart_initiative_unassign(); #VEIKART_ENOTFOUND also when
 *         the person holds the role for the whole initiative but not for
 *         this unit alone.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unit_unassign(veikart_initiative *initiative, const char *actor,
                                                 const char *unit_id, const char *person,
                                                 const char *role_id);

/**
 * The unit an assignment is limited to.
 * @param initiative The initiative.
 * @param index 0-based, less than veikart_initiative_assignment_count().
 * @return Owned by @p initiative; NULL for an assignment for the whole
 *         initiative, or when out of range.
 * @since 0.1.0
 */
VEIKART_API const veikart_unit *veikart_initiative_assignment_unit(
        const veikart_initiative *initiative, size_t index);

/**
 * Evaluate a gate of a unit now.
 * @param out Receives the report; free it with veikart_report_free().
 * @param initiative The initiative.
 * @param unit_id The unit.
 * @param gate A gate of a unit phase, or NULL for the gate of the unit's current phase.
 * @return 0; #VEIKART_ENOTFOUND for an unknown unit, or when @p gate is NULL
 *         and the unit's phase has no single gate; #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unit_evaluate(veikart_report **out,
                                                 const veikart_initiative *initiative,
                                                 const char *unit_id, const veikart_gate *gate);

/**
 * Who decides at a unit's gate now: the first authority rule whose
 * condition holds for this unit.
 * @param unit The unit.
 * @param gate A gate of a unit phase, or NULL for the single gate of the
 *        unit's current phase.
 * @return Owned by the methodology; NULL when @p unit is NULL, the gate is
 *         not a unit phase's, or no rule applies.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_unit_authority(const veikart_unit *unit,
                                                       const veikart_gate *gate);

/**
 * When a recurring review of the unit's current phase comes due, as
 * veikart_initiative_review_due() for the initiative.
 * @param unit The unit.
 * @param gate A gate of the unit's current phase, or NULL for its single gate.
 * @return Seconds since the epoch; 0 when the gate is not a recurring review
 *         of the unit's current phase, or the unit has ended.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_unit_review_due(const veikart_unit *unit, const veikart_gate *gate);

/**
 * The rollout unit whose gate a decision was taken at.
 * @param decision A decision.
 * @return Owned by the initiative; NULL for a decision at the initiative's gates.
 * @since 0.1.0
 */
VEIKART_API const veikart_unit *veikart_decision_unit(const veikart_decision *decision);

/**
 * The sequence number of the event that added the unit.
 * @param unit The unit.
 * @return The sequence number; 0 when @p unit is NULL.
 * @since 0.1.0
 */
VEIKART_API uint64_t veikart_unit_seq(const veikart_unit *unit);

/**
 * The unit's id.
 * @param unit The unit.
 * @return Owned by the initiative; NULL when @p unit is NULL.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_unit_id(const veikart_unit *unit);

/**
 * The unit's name (its id when it has none).
 * @param unit The unit.
 * @return Owned by the initiative; NULL when @p unit is NULL.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_unit_title(const veikart_unit *unit);

/**
 * The unit's type.
 * @param unit The unit.
 * @return Owned by the initiative; NULL when it has none.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_unit_type_of(const veikart_unit *unit);

/**
 * The unit this unit belongs to.
 * @param unit The unit.
 * @return Owned by the initiative; NULL when it belongs to none.
 * @since 0.1.0
 */
VEIKART_API const veikart_unit *veikart_unit_parent(const veikart_unit *unit);

/**
 * The unit's wave.
 * @param unit The unit.
 * @return The wave; 0 when it has none.
 * @since 0.1.0
 */
VEIKART_API int veikart_unit_wave(const veikart_unit *unit);

/**
 * The unit's place in the rollout's order.
 * @param unit The unit.
 * @return The order; 0 when it has none.
 * @since 0.1.0
 */
VEIKART_API int veikart_unit_order(const veikart_unit *unit);

/**
 * The unit's current phase.
 * @param unit The unit.
 * @return Owned by the methodology; NULL when @p unit is NULL.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_unit_phase(const veikart_unit *unit);

/**
 * When the unit entered its current phase.
 * @param unit The unit.
 * @return Seconds since the epoch; 0 when @p unit is NULL.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_unit_phase_entered(const veikart_unit *unit);

/**
 * Whole days the unit has been in its phase, by the initiative's clock.
 * @param unit The unit.
 * @return The days; -1 when @p unit is NULL.
 * @since 0.1.0
 */
VEIKART_API long veikart_unit_days_in_phase(const veikart_unit *unit);

/**
 * Whether the unit has stayed in its phase longer than the phase allows.
 * @param unit The unit.
 * @return 1 or 0.
 * @since 0.1.0
 */
VEIKART_API int veikart_unit_is_stalled(const veikart_unit *unit);

/**
 * Where the unit stands.
 * @param unit The unit.
 * @return The status; #VEIKART_STATUS_ACTIVE when @p unit is NULL.
 * @since 0.1.0
 */
VEIKART_API veikart_status veikart_unit_status(const veikart_unit *unit);

/**
 * A unit's fact value, written as veikart_initiative_set() accepts it.
 * @param unit The unit.
 * @param fact_id A unit-scope fact.
 * @return Owned by the initiative until the fact changes; NULL when not recorded.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_unit_fact(const veikart_unit *unit, const char *fact_id);

/**
 * Who recorded a unit's fact.
 * @param unit The unit.
 * @param fact_id A unit-scope fact.
 * @return Owned by the initiative; NULL when not recorded.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_unit_fact_actor(const veikart_unit *unit, const char *fact_id);

/**
 * When a unit's fact was recorded.
 * @param unit The unit.
 * @param fact_id A unit-scope fact.
 * @return Seconds since the epoch; 0 when not recorded.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_unit_fact_time(const veikart_unit *unit, const char *fact_id);

/**
 * Whether a step was done during the unit's latest visit of its phase.
 * @param unit The unit.
 * @param phase_id The phase.
 * @param step_id The step.
 * @return 1 or 0.
 * @since 0.1.0
 */
VEIKART_API int veikart_unit_step_done(const veikart_unit *unit, const char *phase_id,
                                       const char *step_id);

/**
 * Number of decisions taken at the unit's gates, oldest first.
 * @param unit The unit.
 * @return The count.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_unit_decision_count(const veikart_unit *unit);

/**
 * A decision taken at the unit's gates.
 * @param unit The unit.
 * @param index 0-based, less than veikart_unit_decision_count().
 * @return Owned by the initiative; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const veikart_decision *veikart_unit_decision(const veikart_unit *unit, size_t index);

/**
 * Number of phase visits of the unit, the current one included.
 * @param unit The unit.
 * @return The count.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_unit_visit_count(const veikart_unit *unit);

/**
 * The phase of one of the unit's visits.
 * @param unit The unit.
 * @param index 0-based, less than veikart_unit_visit_count().
 * @return Owned by the methodology; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_unit_visit_phase(const veikart_unit *unit, size_t index);

/**
 * When one of the unit's visits began.
 * @param unit The unit.
 * @param index 0-based, less than veikart_unit_visit_count().
 * @return Seconds since the epoch; 0 when out of range.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_unit_visit_entered(const veikart_unit *unit, size_t index);

/**
 * When one of the unit's visits ended.
 * @param unit The unit.
 * @param index 0-based, less than veikart_unit_visit_count().
 * @return Seconds since the epoch; 0 for the current visit or when out of range.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_unit_visit_left(const veikart_unit *unit, size_t index);

/**
 * Whether a person may act in a role for a unit: assigned to it for the
 * whole initiative or for this unit.
 * @param unit The unit.
 * @param person The person.
 * @param role_id The role.
 * @return 1 or 0.
 * @since 0.1.0
 */
VEIKART_API int veikart_unit_holds(const veikart_unit *unit, const char *person,
                                   const char *role_id);

/** @} */

VEIKART_END_DECL

#endif
