/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_INITIATIVE_H
#define VEIKART_INITIATIVE_H

/**
 * @file veikart/initiative.h
 * @brief Initiatives: one introduction walking a methodology, event by event.
 *
 * An initiative is created over a loaded methodology and pins its id,
 * version and digest.  People are assigned to roles; facts, evidence,
 * sign-offs and steps are recorded, each by an actor at a time; gates are
 * evaluated; decisions move the initiative between phases.  Every change is
 * an event (veikart/event.h) handed first to the host's commit hook, which
 * may persist it or veto it, and only then applied.  A call that changes
 * the initiative either produces all its events and applies them, or
 * changes nothing.
 *
 * Who may do what:
 * - assign and unassign: the creator, or anyone who holds a role;
 * - record facts, attach evidence, clear facts: anyone who holds a role;
 * - approve evidence and mark a step done: a holder of the role the
 *   methodology names for it (any role holder when it names none);
 * - sign: a holder of the sign-off's role;
 * - decide at a gate: a holder of the gate's authority role; going on
 *   against the gate's verdict (an override) also needs a role that may
 *   override, and a rationale.
 *
 * What the calls that record take as text (#VEIKART_EINVALID otherwise,
 * the message naming the argument and the character):
 * - names and ids (the actor, a person, a role, a fact, a phase, a step, a
 *   gate, a unit, the initiative's id, a document's address, a digest, a
 *   condition's due date): valid UTF-8 with no control character at all
 *   (U+0000 to U+001F, U+007F, U+0080 to U+009F), not even a tab or a line
 *   break;
 * - free text (a value, a rationale, a title, a condition's text): valid
 *   UTF-8 that may hold tabs and line breaks (U+0009, U+000A), but no other
 *   control character (a carriage return is one).
 * Both are at most @c max_text_bytes long.  Only the calls check this:
 * events recorded before are applied and replayed as they stand.
 *
 * An initiative belongs to one thread at a time; its methodology may be
 * shared.  The methodology must outlive it.
 */

#include <stdint.h>

#include "common.h"
#include "event.h"
#include "expr.h"
#include "gate.h"
#include "journal.h"
#include "method.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_initiative Initiatives
 * @{
 */

/** One initiative walking a methodology. */
typedef struct veikart_initiative veikart_initiative;
/** A decision taken at a gate, kept by its initiative. */
typedef struct veikart_decision veikart_decision;

/**
 * The host's clock: the time now, in seconds since 1970-01-01T00:00:00Z.
 * @param payload The payload given with the clock.
 * @return The time.
 * @since 0.1.0
 */
typedef int64_t (*veikart_clock_fn)(void *payload);

/** Where an initiative stands. */
typedef enum veikart_status {
	VEIKART_STATUS_ACTIVE = 0,    /**< Walking its phases. */
	VEIKART_STATUS_COMPLETED = 1, /**< Reached a terminal phase by going on. */
	VEIKART_STATUS_STOPPED = 2    /**< Stopped by a decision. */
} veikart_status;

/** Version of #veikart_initiative_options these headers describe: 2 adds
 *  #veikart_initiative_options.flags and .max_clock_skew. */
#define VEIKART_INITIATIVE_OPTIONS_VERSION 2

/** Flags for #veikart_initiative_options. */
typedef enum veikart_initiative_flags {
	/** The clock is simulated (tests, demonstrations, what-if tools): it may
	 *  run ahead of the system's real-time clock by any amount.  Without
	 *  this flag, a host clock more than
	 *  #veikart_initiative_options.max_clock_skew ahead of real time is
	 *  refused, for an event dated in the future would lock the journal
	 *  against every change until then. */
	VEIKART_INITIATIVE_SIMULATED_CLOCK = 1u << 0
} veikart_initiative_flags;

/**
 * Options for an initiative.
 *
 * Initialise with #VEIKART_INITIATIVE_OPTIONS_INIT; fields are only ever
 * appended.
 *
 * @since 0.1.0
 */
typedef struct veikart_initiative_options {
	/** Set to #VEIKART_INITIATIVE_OPTIONS_VERSION. */
	unsigned int version;
	/** Allocator; NULL for the methodology's. */
	const veikart_allocator *allocator;
	/** The clock; NULL for the system clock. */
	veikart_clock_fn clock;
	/** Passed to #clock. */
	void *clock_payload;
	/** The commit hook that sees every event first; NULL to apply events unpersisted. */
	veikart_commit_fn commit;
	/** Passed to #commit. */
	void *commit_payload;
	/** Longest text accepted in a value, a rationale or a name, in bytes.  0: 64 KiB. */
	size_t max_text_bytes;
	/** A combination of #veikart_initiative_flags (version 2). */
	unsigned int flags;
	/** How many seconds #clock may run ahead of the system's real-time
	 *  clock before a change is refused; 0: 300 (five minutes).  Ignored
	 *  for the system clock and with #VEIKART_INITIATIVE_SIMULATED_CLOCK
	 *  (version 2). */
	int64_t max_clock_skew;
} veikart_initiative_options;

/** Static initialiser for #veikart_initiative_options: all defaults. */
#define VEIKART_INITIATIVE_OPTIONS_INIT                                                   \
	{                                                                                 \
		VEIKART_INITIATIVE_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 0, 0, 0 \
	}

/**
 * Initialise a #veikart_initiative_options to its defaults, as #VEIKART_INITIATIVE_OPTIONS_INIT
 * does, for callers that cannot use the macro (bindings, C++).
 *
 * @param opts The structure to fill.
 * @param version #VEIKART_INITIATIVE_OPTIONS_VERSION.
 * @return 0, #VEIKART_EINVALID when @p opts is NULL, or #VEIKART_EVERSION
 *         when @p version is not one this library knows.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_options_init(veikart_initiative_options *opts,
                                                unsigned int version);

/**
 * Create an initiative.  Its first event, `create`, records the id, title,
 * the methodology's id, version and digest, and the start phase.
 *
 * @param out Receives the initiative; free it with veikart_initiative_free().
 * @param method The methodology it walks; must outlive the initiative.
 * @param id The initiative's id (any non-empty text).
 * @param title Its title.
 * @param actor Who creates it.
 * @param opts Options, or NULL for the defaults.
 * @return 0; #VEIKART_EUSER when the commit hook vetoes; #VEIKART_EINVALID
 *         for missing or over-long arguments; #VEIKART_EVERSION; #VEIKART_ENOMEM.
 * @note Thread-safe; @p method may be shared.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_create(veikart_initiative **out, const veikart_method *method,
                                          const char *id, const char *title, const char *actor,
                                          const veikart_initiative_options *opts);

/**
 * Make an empty initiative to replay events into with
 * veikart_initiative_apply().  Until its `create` event is applied it has
 * no id and no phase.
 *
 * @param out Receives the initiative; free it with veikart_initiative_free().
 * @param method The methodology the events were recorded against.
 * @param opts Options, or NULL for the defaults.  The commit hook is not
 *        called for applied events, only for later changes.
 * @return 0; #VEIKART_EINVALID; #VEIKART_EVERSION; #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_open(veikart_initiative **out, const veikart_method *method,
                                        const veikart_initiative_options *opts);

/**
 * Apply a recorded event, as when it was first recorded.
 *
 * The event must continue the initiative's chain (sequence number, hash of
 * the event before, time not earlier) and must be allowed by the rules in
 * force at that point (roles, gate authority, values of the right type).
 * The commit hook is not called.
 *
 * @param initiative The initiative.
 * @param event The event.
 * @return 0; #VEIKART_ECORRUPT when the event does not continue the chain;
 *         #VEIKART_EMISMATCH when a `create` event names another
 *         methodology, version or digest; #VEIKART_EDENIED, #VEIKART_ESTATE,
 *         #VEIKART_ETYPE, #VEIKART_ENOTFOUND when the event breaks a rule
 *         (the message names the event); #VEIKART_ENOMEM.  On failure the
 *         initiative is unchanged.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_apply(veikart_initiative *initiative,
                                         const veikart_event *event);

/**
 * Rebuild an initiative from a journal, and keep it in that journal.
 *
 * Every event of @p journal is applied in order.  Unless @p opts names a
 * commit hook of its own, later changes are committed to @p journal.
 *
 * @param out Receives the initiative; free it before the journal.
 * @param method The methodology the journal was recorded against.
 * @param journal An open journal.
 * @param opts Options, or NULL for the defaults.
 * @return As veikart_initiative_apply(), plus #VEIKART_ENOTFOUND when the
 *         journal holds no events.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_replay(veikart_initiative **out, const veikart_method *method,
                                          veikart_journal *journal,
                                          const veikart_initiative_options *opts);

/**
 * Free an initiative.
 * @param initiative The initiative; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_initiative_free(veikart_initiative *initiative);

/**
 * The initiative's id.
 * @param initiative The initiative.
 * @return Owned by @p initiative; NULL before its `create` event or when NULL.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_initiative_id(const veikart_initiative *initiative);

/**
 * The initiative's title.
 * @param initiative The initiative.
 * @return Owned by @p initiative; NULL before its `create` event or when NULL.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_initiative_title(const veikart_initiative *initiative);

/**
 * Who created the initiative.
 * @param initiative The initiative.
 * @return Owned by @p initiative; NULL before its `create` event or when NULL.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_initiative_creator(const veikart_initiative *initiative);

/**
 * The methodology the initiative walks.
 * @param initiative The initiative.
 * @return The methodology given at creation; NULL when @p initiative is NULL.
 * @since 0.1.0
 */
VEIKART_API const veikart_method *veikart_initiative_method(const veikart_initiative *initiative);

/**
 * The current phase.
 * @param initiative The initiative.
 * @return Owned by the methodology; NULL before the `create` event.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_initiative_phase(const veikart_initiative *initiative);

/**
 * When the current phase was entered, in seconds since the epoch.
 * @param initiative The initiative.
 * @return The time; 0 before the `create` event.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_initiative_phase_entered(const veikart_initiative *initiative);

/**
 * Whole days in the current phase, by the initiative's clock.
 * @param initiative The initiative.
 * @return The days (0 on the day it was entered); -1 before the `create` event.
 * @since 0.1.0
 */
VEIKART_API long veikart_initiative_days_in_phase(const veikart_initiative *initiative);

/**
 * Whether the initiative has stayed in its phase longer than the phase's
 * max-days allow.  Only an active initiative can be stalled.
 * @param initiative The initiative.
 * @return 1 or 0.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_is_stalled(const veikart_initiative *initiative);

/**
 * When a recurring review comes due: a gate with `every-days` is due that
 * many days after its phase was entered, and again that many days after
 * each continue decision at it.  A review is due when
 * veikart_initiative_now() has reached this time; deciding continue at it
 * sets the next one.
 * @param initiative The initiative.
 * @param gate A gate of the current phase, or NULL for the phase's single gate.
 * @return Seconds since the epoch; 0 when the gate is not a recurring
 *         review, not a gate of the current phase, or the initiative has ended.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_initiative_review_due(const veikart_initiative *initiative,
                                                  const veikart_gate *gate);

/**
 * Where the initiative stands.
 * @param initiative The initiative.
 * @return The status; #VEIKART_STATUS_ACTIVE when @p initiative is NULL.
 * @since 0.1.0
 */
VEIKART_API veikart_status veikart_initiative_status(const veikart_initiative *initiative);

/**
 * The name of a status: "active", "completed" or "stopped".
 * @param status A #veikart_status.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_status_name(veikart_status status);

/**
 * The status named NAME: the inverse of veikart_status_name(), for reading
 * names from records, command lines and configuration.
 * @param name A name as veikart_status_name() writes it, such as "stopped".
 * @param out The status; unchanged on failure.
 * @return 0, or #VEIKART_EINVALID when NAME or OUT is NULL or NAME is not
 *         a name of one (the message lists the names).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_status_from_name(const char *name, veikart_status *out);

/**
 * The sequence number of the last event applied.
 * @param initiative The initiative.
 * @return The number; 0 before any event.
 * @since 0.1.0
 */
VEIKART_API uint64_t veikart_initiative_seq(const veikart_initiative *initiative);

/**
 * The hash of the last event applied, 64 hexadecimal digits: a host that
 * keeps it elsewhere can later prove the events were not rewritten.
 * @param initiative The initiative.
 * @return Owned by @p initiative (64 zeros before any event); NULL when NULL.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_initiative_head(const veikart_initiative *initiative);

/**
 * The time by the initiative's clock.
 * @param initiative The initiative.
 * @return Seconds since the epoch; 0 when @p initiative is NULL.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_initiative_now(const veikart_initiative *initiative);

/* ---- people ------------------------------------------------------------ */

/**
 * Assign a person to a role.
 * @param initiative The initiative.
 * @param actor Who assigns: the creator, or anyone who holds a role.
 * @param person Who is assigned.
 * @param role_id A role of the methodology.
 * @return 0; #VEIKART_ENOTFOUND for an unknown role; #VEIKART_EEXISTS when
 *         the person already holds it; #VEIKART_EDENIED when the actor may not
 *         assign; #VEIKART_ESTATE when the initiative has ended;
 *         #VEIKART_EUSER when the hook vetoes; #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_assign(veikart_initiative *initiative, const char *actor,
                                          const char *person, const char *role_id);

/**
 * Withdraw a person from a role.
 * @param initiative The initiative.
 * @param actor Who withdraws: the creator, or anyone who holds a role.
 * @param person Who is withdrawn.
 * @param role_id The role.
 * @return 0; #VEIKART_ENOTFOUND when the person does not hold the role;
 *         otherwise as veikart_initiative_assign().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_unassign(veikart_initiative *initiative, const char *actor,
                                            const char *person, const char *role_id);

/**
 * Number of assignments (person, role), in the order made.
 * @param initiative The initiative.
 * @return The count; 0 when @p initiative is NULL.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_initiative_assignment_count(const veikart_initiative *initiative);

/**
 * The person of an assignment.
 * @param initiative The initiative.
 * @param index 0-based, less than veikart_initiative_assignment_count().
 * @return Owned by @p initiative; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_initiative_assignment_person(const veikart_initiative *initiative,
                                                             size_t index);

/**
 * The role of an assignment.
 * @param initiative The initiative.
 * @param index 0-based, less than veikart_initiative_assignment_count().
 * @return Owned by the methodology; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *
veikart_initiative_assignment_role(const veikart_initiative *initiative, size_t index);

/**
 * Whether the initiative's creator may still assign any role, to anyone,
 * themselves included.  That right lets the creator name the first people;
 * it ends for good once every role that may assign some role (see
 * veikart_role_assigner()) is held, for the initiative or a unit.  From then on
 * only holders of a role that may assign a role assign it, and nobody
 * assigns a role to themselves unless it says `self-assign`.
 * @param initiative The initiative.
 * @return 1 or 0; 0 when @p initiative is NULL or not created yet.
 * @note Not thread-safe on the same initiative.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_creator_may_assign(const veikart_initiative *initiative);

/**
 * Whether a person holds a role.
 * @param initiative The initiative.
 * @param person The person.
 * @param role_id The role's id.
 * @return 1 or 0.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_holds(const veikart_initiative *initiative, const char *person,
                                         const char *role_id);

/* ---- facts --------------------------------------------------------------- */

/**
 * Record a fact's value, given as text and parsed by the fact's type (see
 * veikart_facts_set() for the forms).  Evidence and sign-offs have their
 * own calls; facts recorded per unit are not set here.
 * @param initiative The initiative.
 * @param actor Who records it; must hold a role.
 * @param fact_id A fact of the methodology.
 * @param value The value.
 * @return 0; #VEIKART_ENOTFOUND for an unknown fact; #VEIKART_ETYPE for a
 *         value of the wrong type (the message says what is expected);
 *         #VEIKART_EDENIED when the actor holds no role; #VEIKART_ESTATE
 *         when the initiative has ended or the fact is evidence, a sign-off
 *         or per unit; #VEIKART_EUSER; #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_set(veikart_initiative *initiative, const char *actor,
                                       const char *fact_id, const char *value);

/**
 * Record several facts in one call: all are recorded, as one `set` event
 * each committed together, or none is.
 * @param initiative The initiative.
 * @param actor Who records them.
 * @param count How many.
 * @param fact_ids The facts.
 * @param values Their values, as for veikart_initiative_set().
 * @return As veikart_initiative_set(); the message names the fact at fault.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_set_many(veikart_initiative *initiative, const char *actor,
                                            size_t count, const char *const *fact_ids,
                                            const char *const *values);

/**
 * Withdraw a fact's value (of any type), so that it reads as not recorded.
 * @param initiative The initiative.
 * @param actor Who withdraws it; must hold a role.
 * @param fact_id The fact.
 * @return 0; #VEIKART_ENOTFOUND when the fact is unknown or not recorded;
 *         otherwise as veikart_initiative_set().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_clear(veikart_initiative *initiative, const char *actor,
                                         const char *fact_id);

/**
 * Attach a document as the value of an evidence fact.  A new document
 * replaces the one before, and its approval.
 * @param initiative The initiative.
 * @param actor Who attaches it; must hold a role.
 * @param fact_id An evidence fact.
 * @param uri Where the document is.
 * @param sha256 Its SHA-256 digest, 64 hexadecimal digits, or NULL.
 * @return 0; #VEIKART_ETYPE when the fact is not evidence or the digest is
 *         malformed; otherwise as veikart_initiative_set().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_attach(veikart_initiative *initiative, const char *actor,
                                          const char *fact_id, const char *uri, const char *sha256);

/**
 * Approve the document attached to an evidence fact.
 * @param initiative The initiative.
 * @param actor Who approves; must hold the role the fact names.
 * @param fact_id An evidence fact with a document attached.
 * @return 0; #VEIKART_EDENIED naming the role needed; #VEIKART_ESTATE when
 *         nothing is attached or it is already approved; otherwise as
 *         veikart_initiative_set().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_approve(veikart_initiative *initiative, const char *actor,
                                           const char *fact_id);

/**
 * Sign off: record the actor's signature as the value of a sign-off fact.
 * @param initiative The initiative.
 * @param actor Who signs; must hold the sign-off's role.
 * @param fact_id A sign-off fact.
 * @return 0; #VEIKART_EDENIED naming the role needed; #VEIKART_ETYPE when
 *         the fact is not a sign-off; otherwise as veikart_initiative_set().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_sign(veikart_initiative *initiative, const char *actor,
                                        const char *fact_id);

/**
 * A fact's value, written as veikart_initiative_set() accepts it.
 * @param initiative The initiative.
 * @param fact_id The fact.
 * @return Owned by @p initiative until the fact changes; NULL when the fact
 *         is unknown or not recorded.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_initiative_fact(const veikart_initiative *initiative,
                                                const char *fact_id);

/**
 * Who recorded a fact's current value.
 * @param initiative The initiative.
 * @param fact_id The fact.
 * @return Owned by @p initiative; NULL when the fact is not recorded.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_initiative_fact_actor(const veikart_initiative *initiative,
                                                      const char *fact_id);

/**
 * When a fact's current value was recorded.
 * @param initiative The initiative.
 * @param fact_id The fact.
 * @return Seconds since the epoch; 0 when the fact is not recorded.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_initiative_fact_time(const veikart_initiative *initiative,
                                                 const char *fact_id);

/**
 * Mark a step of the current phase done.  A phase visited again (a new
 * pilot round) has its checklist afresh.
 * @param initiative The initiative.
 * @param actor Who did it; must hold the step's role (any role when it names none).
 * @param phase_id The current phase.
 * @param step_id The step.
 * @return 0; #VEIKART_ENOTFOUND for an unknown phase or step;
 *         #VEIKART_ESTATE when the phase is not the current one;
 *         #VEIKART_EEXISTS when already done in this visit;
 *         #VEIKART_EDENIED naming the role needed; otherwise as
 *         veikart_initiative_set().
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_step(veikart_initiative *initiative, const char *actor,
                                        const char *phase_id, const char *step_id);

/**
 * Whether a step was done during the latest visit of its phase.
 * @param initiative The initiative.
 * @param phase_id The phase.
 * @param step_id The step.
 * @return 1 or 0.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_step_done(const veikart_initiative *initiative,
                                             const char *phase_id, const char *step_id);

/* ---- gates and decisions --------------------------------------------------- */

/**
 * Evaluate a gate now, with the initiative's facts and clock.
 * @param out Receives the report; free it with veikart_report_free().
 * @param initiative The initiative.
 * @param gate A gate of the methodology, or NULL for the gate that leaves
 *        the current phase.
 * @return 0; #VEIKART_ENOTFOUND when @p gate is NULL and the current phase
 *         has no gate (or several); #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_evaluate(veikart_report **out,
                                            const veikart_initiative *initiative,
                                            const veikart_gate *gate);

/**
 * Evaluate a gate as it would stand with some facts different: what-if.
 * Facts recorded in @p hypothetical take the place of the initiative's;
 * the others stay as recorded.  Nothing is changed or recorded.
 * @param out Receives the report; free it with veikart_report_free().
 * @param initiative The initiative.
 * @param gate A gate, or NULL for the current phase's.
 * @param hypothetical Values made with veikart_facts_new() for the same
 *        methodology, or NULL for none (the gate as veikart_initiative_evaluate()
 *        gives it).
 * @return As veikart_initiative_evaluate(), plus #VEIKART_EMISMATCH when
 *         @p hypothetical belongs to another methodology.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_what_if(veikart_report **out,
                                           const veikart_initiative *initiative,
                                           const veikart_gate *gate,
                                           const veikart_facts *hypothetical);

/**
 * Who decides at a gate now: the role of the first authority rule whose
 * condition holds with the initiative's facts.
 * @param initiative The initiative.
 * @param gate A gate, or NULL for the gate of the current phase.
 * @return Owned by the methodology; NULL when no rule applies, the current
 *         phase has no single gate, or an argument is NULL.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_initiative_authority(const veikart_initiative *initiative,
                                                             const veikart_gate *gate);

/** A condition of a conditional go. */
typedef struct veikart_condition {
	const char *text; /**< What must be done. */
	const char *due;  /**< By when: YYYY-MM-DD. */
} veikart_condition;

/** Version of #veikart_decision_request these headers describe. */
#define VEIKART_DECISION_REQUEST_VERSION 1

/**
 * A decision to take at a gate.
 * @since 0.1.0
 */
typedef struct veikart_decision_request {
	/** Set to #VEIKART_DECISION_REQUEST_VERSION. */
	unsigned int version;
	/** Who decides; must hold the gate's authority role. */
	const char *actor;
	/** The gate's id, or NULL for the gate of the current phase. */
	const char *gate;
	/** The outcome. */
	veikart_outcome_kind outcome;
	/** The target phase's id, needed when the gate has several outcomes of this kind. */
	const char *to;
	/** Why: required, and more than white space. */
	const char *rationale;
	/** Non-zero to go on although the gate is not ready (needs a role that may override). */
	int override;
	/** Conditions of a conditional go (at least one); NULL otherwise. */
	const veikart_condition *conditions;
	/** Number of #conditions. */
	size_t condition_count;
	/** The rollout unit whose gate this is (see veikart/unit.h), or NULL for the initiative's.
	 */
	const char *unit;
} veikart_decision_request;

/** Static initialiser for #veikart_decision_request. */
#define VEIKART_DECISION_REQUEST_INIT                                                              \
	{                                                                                          \
		VEIKART_DECISION_REQUEST_VERSION, NULL, NULL, VEIKART_OUTCOME_HOLD, NULL, NULL, 0, \
		        NULL, 0, NULL                                                              \
	}

/**
 * Initialise a #veikart_decision_request to its defaults, as #VEIKART_DECISION_REQUEST_INIT does,
 * for callers that cannot use the macro (bindings, C++).
 *
 * @param opts The structure to fill.
 * @param version #VEIKART_DECISION_REQUEST_VERSION.
 * @return 0, #VEIKART_EINVALID when @p opts is NULL, or #VEIKART_EVERSION
 *         when @p version is not one this library knows.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_decision_request_init(veikart_decision_request *opts, unsigned int version);

/**
 * Decide at a gate.
 *
 * The gate is evaluated at this moment and the report is kept with the
 * decision.  Go, skip and continue need a ready gate, conditional go one
 * that is not blocked; otherwise the decision must say `override`, by a
 * person who also holds a role that may override.  Hold, recycle and stop
 * are always open to the authority.  Entering a phase whose skip-if holds
 * passes over it to where its gate's go outcome leads.
 *
 * @param initiative The initiative.
 * @param request The decision.
 * @return 0; #VEIKART_EDENIED when the actor does not hold the gate's
 *         authority or may not override (the message names the role
 *         needed); #VEIKART_ESTATE when the gate is not the current
 *         phase's, the initiative has ended, or the gate is not ready and no
 *         override is given (the message says what is missing);
 *         #VEIKART_ENOTFOUND when the gate has no such outcome;
 *         #VEIKART_EINVALID for a missing rationale or one of white space
 *         only (also when a recorded decision is applied or replayed),
 *         ambiguous target or bad condition; #VEIKART_EUSER;
 *         #VEIKART_EVERSION; #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_decide(veikart_initiative *initiative,
                                          const veikart_decision_request *request);

/**
 * Record that a condition of a conditional go is met.
 * @param initiative The initiative.
 * @param actor Who records it; must hold the authority role the decision was taken under.
 * @param decision_seq The sequence number of the decision's event.
 * @param index 0-based condition of that decision.
 * @return 0; #VEIKART_ENOTFOUND for no such decision or condition;
 *         #VEIKART_EEXISTS when already met; #VEIKART_EDENIED; #VEIKART_EUSER;
 *         #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_meet_condition(veikart_initiative *initiative, const char *actor,
                                                  uint64_t decision_seq, size_t index);

/**
 * Number of decisions taken, oldest first.
 * @param initiative The initiative.
 * @return The count.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_initiative_decision_count(const veikart_initiative *initiative);

/**
 * A decision.
 * @param initiative The initiative.
 * @param index 0-based, less than veikart_initiative_decision_count().
 * @return Owned by @p initiative; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const veikart_decision *
veikart_initiative_decision(const veikart_initiative *initiative, size_t index);

/**
 * The sequence number of the decision's event.
 * @param decision The decision.
 * @return The number; 0 when NULL.
 * @since 0.1.0
 */
VEIKART_API uint64_t veikart_decision_seq(const veikart_decision *decision);

/**
 * When the decision was taken.
 * @param decision The decision.
 * @return Seconds since the epoch; 0 when NULL.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_decision_time(const veikart_decision *decision);

/**
 * Who decided.
 * @param decision The decision.
 * @return Owned by the initiative; NULL when NULL.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_decision_actor(const veikart_decision *decision);

/**
 * The role the decision was taken in (the gate's authority at that moment).
 * @param decision The decision.
 * @return Owned by the methodology; NULL when NULL.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_decision_authority(const veikart_decision *decision);

/**
 * The gate decided at.
 * @param decision The decision.
 * @return Owned by the methodology; NULL when NULL.
 * @since 0.1.0
 */
VEIKART_API const veikart_gate *veikart_decision_gate(const veikart_decision *decision);

/**
 * The outcome taken.
 * @param decision The decision.
 * @return Owned by the methodology; NULL when NULL.
 * @since 0.1.0
 */
VEIKART_API const veikart_outcome *veikart_decision_outcome(const veikart_decision *decision);

/**
 * The phase the decision led to (after any phases passed over by skip-if).
 * @param decision The decision.
 * @return Owned by the methodology; NULL when the decision stayed in the
 *         phase (hold, continue) or stopped without a closing phase.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_decision_target(const veikart_decision *decision);

/**
 * Why the decision was taken.
 * @param decision The decision.
 * @return Owned by the initiative; NULL when NULL.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_decision_rationale(const veikart_decision *decision);

/**
 * Whether the decision went on against the gate's verdict.
 * @param decision The decision.
 * @return 1 or 0.
 * @since 0.1.0
 */
VEIKART_API int veikart_decision_is_override(const veikart_decision *decision);

/**
 * The gate report as it stood when the decision was taken.
 * @param decision The decision.
 * @return Owned by the initiative; NULL when NULL.
 * @since 0.1.0
 */
VEIKART_API const veikart_report *veikart_decision_report(const veikart_decision *decision);

/**
 * Number of conditions of a conditional go.
 * @param decision The decision.
 * @return The count (0 for other outcomes).
 * @since 0.1.0
 */
VEIKART_API size_t veikart_decision_condition_count(const veikart_decision *decision);

/**
 * A condition's text.
 * @param decision The decision.
 * @param index 0-based, less than veikart_decision_condition_count().
 * @return Owned by the initiative; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_decision_condition_text(const veikart_decision *decision,
                                                        size_t index);

/**
 * A condition's due date, YYYY-MM-DD.
 * @param decision The decision.
 * @param index 0-based, less than veikart_decision_condition_count().
 * @return Owned by the initiative; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_decision_condition_due(const veikart_decision *decision,
                                                       size_t index);

/**
 * When a condition was recorded as met.
 * @param decision The decision.
 * @param index 0-based, less than veikart_decision_condition_count().
 * @return Seconds since the epoch; 0 while it is open or when out of range.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_decision_condition_met(const veikart_decision *decision, size_t index);

/* ---- history -------------------------------------------------------------- */

/**
 * Number of phase visits so far, the current one included, oldest first.
 * @param initiative The initiative.
 * @return The count.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_initiative_visit_count(const veikart_initiative *initiative);

/**
 * The phase of a visit.
 * @param initiative The initiative.
 * @param index 0-based, less than veikart_initiative_visit_count().
 * @return Owned by the methodology; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *
veikart_initiative_visit_phase(const veikart_initiative *initiative, size_t index);

/**
 * When a visit began.
 * @param initiative The initiative.
 * @param index 0-based, less than veikart_initiative_visit_count().
 * @return Seconds since the epoch; 0 when out of range.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_initiative_visit_entered(const veikart_initiative *initiative,
                                                     size_t index);

/**
 * When a visit ended.
 * @param initiative The initiative.
 * @param index 0-based, less than veikart_initiative_visit_count().
 * @return Seconds since the epoch; 0 for the current visit or when out of range.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_initiative_visit_left(const veikart_initiative *initiative,
                                                  size_t index);

/* ---- snapshots -------------------------------------------------------------- */

/**
 * Write the initiative's state as namespaced XML (`urn:veikart:snapshot:1`,
 * schema/snapshot.xsd): its id, methodology id, version and digest, the
 * last event's sequence number and hash, and everything the events built.
 * The same state always gives the same bytes.
 * @param out Receives the text, NUL-terminated; free it with veikart_string_free().
 * @param length If not NULL, receives its length.
 * @param initiative The initiative.
 * @return 0; #VEIKART_ESTATE before the `create` event; #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_snapshot(char **out, size_t *length,
                                            const veikart_initiative *initiative);

/**
 * Rebuild an initiative from a snapshot.  The snapshot must be for this
 * methodology: same id, version and digest.  Later changes continue its
 * chain of events.
 * @param out Receives the initiative; free it with veikart_initiative_free().
 * @param method The methodology.
 * @param data The snapshot.
 * @param size Its length in bytes.
 * @param opts Options, or NULL for the defaults.
 * @return 0; #VEIKART_EMISMATCH when the snapshot belongs to another
 *         methodology, version or digest (the message names both);
 *         #VEIKART_EFORMAT when it is not a valid snapshot (the message says
 *         where); #VEIKART_ELIMIT; #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_restore(veikart_initiative **out, const veikart_method *method,
                                           const void *data, size_t size,
                                           const veikart_initiative_options *opts);

/** @} */

VEIKART_END_DECL

#endif
