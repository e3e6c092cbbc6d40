/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_EVENT_H
#define VEIKART_EVENT_H

/**
 * @file veikart/event.h
 * @brief Events: the append-only, hash-chained record of an initiative.
 *
 * Everything that changes an initiative is an event: its sequence number,
 * the time, the person who acted, what kind of change it is, the details
 * (as key=value fields), the hash of the event before it, and its own
 * SHA-256 hash.  An initiative is the fold of its events: replaying them
 * rebuilds it exactly.
 *
 * Each event is stored as one line of UTF-8 text, its *record*:
 *
 *     SEQ TAB TIME TAB KIND TAB ACTOR (TAB KEY=VALUE)* TAB prev=HEX TAB hash=HEX LF
 *
 * TIME is whole seconds since 1970-01-01T00:00:00Z.  In ACTOR and VALUE a
 * backslash, tab, line feed and carriage return are written `\\`, `\t`,
 * `\n` and `\r`.  The hash is the SHA-256 of the record's bytes up to, not
 * including, the tab before `hash=`; it therefore covers the previous
 * event's hash, which chains the events together.  The first event's
 * `prev` is 64 zeros.  A host that stores events stores records.
 */

#include <stdint.h>

#include "common.h"
#include "hash.h"
#include "report.h"
#include "types.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_event Events
 * @{
 */

/** One event.  Immutable. */
typedef struct veikart_event veikart_event;

/** What an event records. */
typedef enum veikart_event_kind {
	VEIKART_EVENT_CREATE = 1,   /**< The initiative is created (`create`). */
	VEIKART_EVENT_ASSIGN,       /**< A person is given a role (`assign`). */
	VEIKART_EVENT_UNASSIGN,     /**< A person no longer holds a role (`unassign`). */
	VEIKART_EVENT_SET,          /**< A fact's value is recorded (`set`). */
	VEIKART_EVENT_CLEAR,        /**< A fact's value is withdrawn (`clear`). */
	VEIKART_EVENT_ATTACH,       /**< A document is attached as evidence (`attach`). */
	VEIKART_EVENT_APPROVE,      /**< Attached evidence is approved (`approve`). */
	VEIKART_EVENT_SIGN,         /**< A sign-off is given (`sign`). */
	VEIKART_EVENT_STEP,         /**< A step of a phase is done (`step`). */
	VEIKART_EVENT_DECIDE,       /**< A gate decision is taken (`decide`). */
	VEIKART_EVENT_CONDITION_MET, /**< A condition of a conditional go is met (`condition-met`). */
	VEIKART_EVENT_UNIT_ADD       /**< A rollout unit is added (`unit-add`). */
} veikart_event_kind;

/**
 * Host hook that sees the events of one operation before they are applied.
 *
 * Every call that changes an initiative produces one or more events (one
 * `set` per fact when several facts are recorded in one call) and hands
 * them to this hook together, in order.  The hook persists them, inside
 * the host's own transaction if it likes, and returns 0 to let them be
 * applied.  Any other return value vetoes all of them: the call fails with
 * #VEIKART_EUSER and the initiative is left exactly as it was.  The events
 * are valid only during the call.
 *
 * @param events The events, oldest first.
 * @param count How many (at least 1).
 * @param payload The payload given with the hook.
 * @return 0 to accept; anything else to veto.
 * @since 0.1.0
 */
typedef int (*veikart_commit_fn)(const veikart_event *const *events, size_t count, void *payload);

/**
 * The event's sequence number: 1 for the first event of an initiative, one
 * more for each event after.
 * @param event The event.
 * @return The number; 0 when @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API uint64_t veikart_event_seq(const veikart_event *event);

/**
 * When the event happened, in seconds since 1970-01-01T00:00:00Z.
 * @param event The event.
 * @return The time; 0 when @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_event_time(const veikart_event *event);

/**
 * The person who acted.
 * @param event The event.
 * @return Owned by @p event; NULL when @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_actor(const veikart_event *event);

/**
 * What the event records.
 * @param event The event.
 * @return The kind; 0 when @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_event_kind veikart_event_kind_of(const veikart_event *event);

/**
 * The name of an event kind as written in records: "create", "assign",
 * "unassign", "set", "clear", "attach", "approve", "sign", "step", "decide",
 * "condition-met" or "unit-add".
 * @param kind A #veikart_event_kind.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_kind_name(veikart_event_kind kind);

/**
 * The kind of event named NAME: the inverse of veikart_event_kind_name(), for reading
 * names from records, command lines and configuration.
 * @param name A name as veikart_event_kind_name() writes it, such as "decide".
 * @param out The kind of event; unchanged on failure.
 * @return 0, or #VEIKART_EINVALID when NAME or OUT is NULL or NAME is not
 *         a name of one (the message lists the names).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_event_kind_from_name(const char *name, veikart_event_kind *out);

/**
 * Number of key=value fields in the event's details.
 * @param event The event.
 * @return The count; 0 when @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_event_field_count(const veikart_event *event);

/**
 * The key of a field, in record order.
 * @param event The event.
 * @param index 0-based, less than veikart_event_field_count().
 * @return Owned by @p event; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_field_key(const veikart_event *event, size_t index);

/**
 * The value of a field, in record order, with escapes undone.
 * @param event The event.
 * @param index 0-based, less than veikart_event_field_count().
 * @return Owned by @p event; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_field_value(const veikart_event *event, size_t index);

/**
 * The value of the first field with a given key.
 * @param event The event.
 * @param key The key, such as "fact" or "rationale".
 * @return Owned by @p event; NULL when the event has no such field.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_field(const veikart_event *event, const char *key);

/**
 * The event's own hash: 64 lowercase hexadecimal digits.
 * @param event The event.
 * @return Owned by @p event; NULL when @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_hash(const veikart_event *event);

/**
 * The hash of the event before it (64 zeros for the first event).
 * @param event The event.
 * @return Owned by @p event; NULL when @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_prev(const veikart_event *event);

/**
 * The event's record: the line a host stores, line feed included.
 * @param event The event.
 * @param length If not NULL, receives the length in bytes.
 * @return Owned by @p event, NUL-terminated; NULL when @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_record(const veikart_event *event, size_t *length);

/**
 * Read an event from its record.
 *
 * Checks the record's syntax and that its hash matches its contents; it
 * cannot check the chain (that its `prev` is the hash of the event before),
 * which replaying into an initiative does.
 *
 * @param out Receives the event; free it with veikart_event_free().
 * @param record The record, with or without its final line feed.
 * @param length Its length in bytes.
 * @return 0; #VEIKART_EFORMAT when the record is not well formed (the
 *         message says which part); #VEIKART_ECORRUPT when its hash does not
 *         match its contents; #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_event_parse(veikart_event **out, const char *record, size_t length);

/**
 * Free an event returned by veikart_event_parse().
 *
 * Events handed to a #veikart_commit_fn or owned by a journal are not
 * freed by the caller.
 *
 * @param event The event; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_event_free(veikart_event *event);

/**
 * The value of the N-th field named KEY, for the keys an event repeats
 * (`via`, `result` and `condition` of a decision).
 * @param event The event.
 * @param key The key.
 * @param n 0-based, among the fields with that key.
 * @return Owned by @p event; NULL when it has fewer such fields, or an
 *         argument is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_field_nth(const veikart_event *event, const char *key,
                                                size_t n);

/**
 * A decision as its event records it, field by field (veikart_event_decision()).
 * The strings belong to the event.  The phases passed over, the criteria
 * results (`CRITERION TRUTH REASON`) and the conditions (`YYYY-MM-DD what
 * must be done`) are read with veikart_event_field_nth() and the keys
 * `via`, `result` and `condition`.
 * @since 0.1.0
 */
typedef struct veikart_decision_record {
	/** The rollout unit whose gate it is; NULL for the initiative's. */
	const char *unit;
	/** The gate's id. */
	const char *gate;
	/** What was decided. */
	veikart_outcome_kind outcome;
	/** The phase it led to; NULL when it stayed (hold, continue, a stop without one). */
	const char *to;
	/** How many phases it passed over because their skip-if held. */
	size_t via_count;
	/** The id of the role that decided. */
	const char *authority;
	/** Nonzero when it went against the gate's verdict. */
	int override;
	/** The gate's verdict when the decision was taken. */
	veikart_verdict verdict;
	/** The gate's score then, from 0 to 1. */
	double score;
	/** How many criteria results it records (one per criterion of the gate). */
	size_t result_count;
	/** How many conditions it sets (a conditional go). */
	size_t condition_count;
	/** Why: the decision's rationale. */
	const char *rationale;
} veikart_decision_record;

/**
 * Read a `decide` event field by field: the typed view of a decision as a
 * journal holds it, for tools that list or check decisions without
 * replaying the initiative.  The fields are read, not judged: whether the
 * decision kept the rules is for veikart_initiative_apply().
 * @param event A `decide` event.
 * @param out Filled on success.
 * @return 0; #VEIKART_EINVALID when an argument is NULL or the event is not
 *         a decision; #VEIKART_EFORMAT when a field is missing or is not
 *         what it should be (an unknown outcome or verdict, a score outside
 *         0 to 1), with the message saying which.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_event_decision(const veikart_event *event, veikart_decision_record *out);

/** @} */

VEIKART_END_DECL

#endif
