/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_JOURNAL_H
#define VEIKART_JOURNAL_H

/**
 * @file veikart/journal.h
 * @brief The embedded default store: an append-only, crash-safe file of events.
 *
 * A journal is a text file: the line `veikart-journal 1`, then one event
 * record per line (see veikart/event.h).  It is written only by appending,
 * and an append is on disk (written and synced) before the call that made
 * the events returns success.  One writer at a time holds an exclusive
 * lock; a second gets #VEIKART_ELOCKED instead of interleaving.
 *
 * A power cut in the middle of an append leaves an incomplete last record.
 * Opening the journal for writing detects it, reports it, and cuts it off;
 * every event that was acknowledged is before it and intact.  Any other
 * damage (a changed byte, a missing or reordered record) is an error that
 * names the record.  (This relies on the file system writing an append's
 * pages in order, as Linux file systems do for appends of the size a
 * command makes; an append torn out of order would show as damage in a
 * record that was never acknowledged.)
 *
 * An empty file, or one holding only part of the first line, is what a
 * crash while creating a journal leaves: it opens as a journal with no
 * events (the partial line counts in veikart_journal_torn_bytes()), and a
 * writer completes the first line.
 *
 * A process that forks while holding a journal open for writing shares the
 * lock with its child until the child exits or executes another program.
 *
 * To persist an initiative in a journal, pass veikart_journal_commit() as
 * its commit hook with the journal as payload.
 */

#include <stdint.h>

#include "common.h"
#include "event.h"
#include "method.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_journal Journal
 * @{
 */

/** An open journal file. */
typedef struct veikart_journal veikart_journal;

/** Flags for veikart_journal_options::flags. */
typedef enum veikart_journal_flags {
	/** Create a new journal; fail with #VEIKART_EEXISTS if the file exists. */
	VEIKART_JOURNAL_CREATE = 1u << 0,
	/** Open for reading only: take no lock, append nothing, cut nothing. */
	VEIKART_JOURNAL_READONLY = 1u << 1,
	/**
	 * Do not sync after appending.  Only for tests and benchmarks: an
	 * append is then acknowledged before it is on disk.
	 */
	VEIKART_JOURNAL_NO_SYNC = 1u << 2
} veikart_journal_flags;

/** Version of #veikart_journal_options these headers describe. */
#define VEIKART_JOURNAL_OPTIONS_VERSION 1

/**
 * Options for opening a journal.
 * @since 0.1.0
 */
typedef struct veikart_journal_options {
	/** Set to #VEIKART_JOURNAL_OPTIONS_VERSION. */
	unsigned int version;
	/** Allocator for the journal and the events it holds; NULL for malloc. */
	const veikart_allocator *allocator;
	/** A combination of #veikart_journal_flags. */
	unsigned int flags;
} veikart_journal_options;

/** Static initialiser for #veikart_journal_options: open for writing. */
#define VEIKART_JOURNAL_OPTIONS_INIT                     \
	{                                                \
		VEIKART_JOURNAL_OPTIONS_VERSION, NULL, 0 \
	}

/**
 * Initialise a #veikart_journal_options to its defaults, as #VEIKART_JOURNAL_OPTIONS_INIT does, for
 * callers that cannot use the macro (bindings, C++).
 *
 * @param opts The structure to fill.
 * @param version #VEIKART_JOURNAL_OPTIONS_VERSION.
 * @return 0, #VEIKART_EINVALID when @p opts is NULL, or #VEIKART_EVERSION
 *         when @p version is not one this library knows.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_journal_options_init(veikart_journal_options *opts, unsigned int version);

/**
 * Open (or, with #VEIKART_JOURNAL_CREATE, create) a journal and read it.
 *
 * Every record is read and checked: its syntax, its hash, its sequence
 * number and its link to the record before.  When the file ends in an
 * incomplete record, opening for writing cuts it off and opening read-only
 * leaves it; either way veikart_journal_torn_bytes() says how many bytes
 * it had.
 *
 * @param out Receives the journal; close it with veikart_journal_free().
 * @param path The file.
 * @param opts Options, or NULL to open an existing journal for writing.
 * @return 0;
 *         #VEIKART_ENOTFOUND when the file does not exist (and is not to be
 *         created), or its directory does not exist;
 *         #VEIKART_EEXISTS when it exists and was to be created;
 *         #VEIKART_ELOCKED when another writer holds it;
 *         #VEIKART_EFORMAT when it is not a journal;
 *         #VEIKART_ECORRUPT when a record is damaged (the message names the
 *         record by sequence number and line, and says what is wrong);
 *         #VEIKART_EIO; #VEIKART_EINVALID; #VEIKART_EVERSION; #VEIKART_ENOMEM.
 * @note Thread-safe for distinct journals.  A journal belongs to one thread at a time.
 * @since 0.1.0
 */
VEIKART_API int veikart_journal_open(veikart_journal **out, const char *path,
                                     const veikart_journal_options *opts);

/**
 * Close a journal and release its lock.
 * @param journal The journal; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_journal_free(veikart_journal *journal);

/**
 * The journal's file name, as given to veikart_journal_open().
 * @param journal The journal.
 * @return Owned by @p journal; NULL when @p journal is NULL.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_journal_path(const veikart_journal *journal);

/**
 * Number of events in the journal, appended ones included.
 * @param journal The journal.
 * @return The count; 0 when @p journal is NULL.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_journal_count(const veikart_journal *journal);

/**
 * An event of the journal, oldest first.
 * @param journal The journal.
 * @param index 0-based, less than veikart_journal_count().
 * @return Owned by @p journal, valid until it is freed; NULL when out of range.
 * @since 0.1.0
 */
VEIKART_API const veikart_event *veikart_journal_event(const veikart_journal *journal,
                                                       size_t index);

/**
 * How many bytes the incomplete last record had when the journal was
 * opened (0 when the journal ended cleanly).  Opened for writing, those
 * bytes have been cut off.
 * @param journal The journal.
 * @return The number of bytes.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_journal_torn_bytes(const veikart_journal *journal);

/**
 * Append events and sync them to disk: the commit hook for an initiative
 * kept in this journal.
 *
 * All the events are written with one write and one sync, so recording
 * many facts in one call costs one sync.  The events must continue the
 * journal's chain (sequence numbers and hashes).  If writing fails, the
 * file is cut back to where it was, so the journal stays valid and holds
 * exactly the events acknowledged before.
 *
 * @param events The events, oldest first.
 * @param count How many; 0 is allowed and writes nothing.
 * @param journal The journal (a #veikart_journal, as the hook's payload).
 * @return 0; #VEIKART_ESTATE when the journal is read-only;
 *         #VEIKART_ECORRUPT when the events do not continue the chain;
 *         #VEIKART_EIO when writing or syncing fails (the message says
 *         why, for example that the disk is full); #VEIKART_EINVALID;
 *         #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_journal_commit(const veikart_event *const *events, size_t count,
                                       void *journal);

/**
 * Load the methodology a journal was recorded against, to replay it on.
 *
 * The journal's first event, `create`, names the methodology's id, version
 * and digest.  The methodology loaded is @p ref when given (a file or an
 * id), else the recorded id: first a released version kept by its digest
 * as `released/ID/DIGEST/ID.xml` in a directory of the search path of
 * @p opts, `VEIKART_PATH` or the installed methodologies (see
 * docs/format.md), then found as veikart_method_load() finds ids (the same
 * directories, then the built-in methodologies).  Either way it must be the very document the journal was
 * recorded against: another document with the same id and version would
 * judge the events by other rules.
 *
 * @param out Receives the methodology (free it with
 *        veikart_method_free()); NULL on failure.
 * @param journal An open journal.
 * @param ref The methodology to load instead of the recorded id, or NULL.
 * @param opts Load options, or NULL for the defaults.
 * @param diags If not NULL, receives the problems found in the
 *        document, as veikart_method_load() gives them.
 * @return 0; #VEIKART_ENOTFOUND when the journal holds no events or the
 *         methodology is not found; #VEIKART_ECORRUPT when the first event
 *         is not a `create` event naming a methodology; #VEIKART_EMISMATCH
 *         when the document found has another digest (the message names
 *         both); the other errors of veikart_method_load() (such as
 *         #VEIKART_EFORMAT for a document that is not valid);
 *         #VEIKART_EINVALID.
 * @note Thread-safe for different journals.
 * @since 0.1.0
 */
VEIKART_API int veikart_journal_method(veikart_method **out, const veikart_journal *journal,
                                       const char *ref, const veikart_load_options *opts,
                                       veikart_diagnostics **diags);

/** Version of #veikart_verify_options these headers describe. */
#define VEIKART_VERIFY_OPTIONS_VERSION 1

/** Flags for #veikart_verify_options. */
typedef enum veikart_verify_flags {
	/** Check the chain alone, not the rules of the methodology. */
	VEIKART_VERIFY_CHAIN_ONLY = 1u << 0
} veikart_verify_flags;

/**
 * Options for veikart_journal_verify().
 *
 * Initialise with #VEIKART_VERIFY_OPTIONS_INIT; fields are only ever
 * appended.
 *
 * @since 0.1.0
 */
typedef struct veikart_verify_options {
	/** Set to #VEIKART_VERIFY_OPTIONS_VERSION. */
	unsigned int version;
	/** A combination of #veikart_verify_flags. */
	unsigned int flags;
	/** The methodology to check against, a file or an id; NULL for the id
	 *  the journal names.  Either way its digest must be the recorded one. */
	const char *method;
	/** Options for loading the methodology (search path, limits); NULL for
	 *  the defaults. */
	const veikart_load_options *load;
	/** The head the host kept of the journal, 12 to 64 lowercase hex digits
	 *  (a prefix of the hash); the journal must hold an event with that
	 *  hash.  NULL: no expectation. */
	const char *expect_head;
	/** The number of events the host knows the journal held; it must hold
	 *  at least as many.  0: no expectation. */
	uint64_t expect_events;
} veikart_verify_options;

/** Static initialiser for #veikart_verify_options: all defaults. */
#define VEIKART_VERIFY_OPTIONS_INIT                             \
	{                                                       \
		VEIKART_VERIFY_OPTIONS_VERSION, 0, NULL, NULL, NULL, 0 \
	}

/**
 * Initialise a #veikart_verify_options to its defaults, as
 * #VEIKART_VERIFY_OPTIONS_INIT does, for callers that cannot use the macro.
 *
 * @param opts The structure to fill.
 * @param version #VEIKART_VERIFY_OPTIONS_VERSION.
 * @return 0, #VEIKART_EINVALID when @p opts is NULL, or #VEIKART_EVERSION
 *         when @p version is not one this library knows.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_verify_options_init(veikart_verify_options *opts, unsigned int version);

/**
 * Verify a journal file without changing it: that it is a journal with at
 * least one event, that every event's hash, number and link are intact,
 * that every event kept the rules of the very methodology it was recorded
 * against (found as veikart_journal_method() finds it), and that it holds
 * what the host kept of it (#veikart_verify_options.expect_head and
 * .expect_events).  Nothing in the file can switch a check off: a journal
 * whose methodology is not at hand, or whose digest matches no document,
 * fails, unless the caller asks for #VEIKART_VERIFY_CHAIN_ONLY.
 *
 * An incomplete last record (a write that never returned) is not an error;
 * veikart_journal_torn_bytes() on an opened journal says how long it is.
 * A whole last record that lacks only its newline is an event.
 *
 * @param path The journal file; it must be a regular file.
 * @param opts Options, or NULL for the defaults.
 * @param events If not NULL, receives the number of events (also on
 *        failure, as far as the chain was read; 0 if it was not).
 * @param head If not NULL, receives the last event's hash, 64 hex digits
 *        and a NUL (on failure, an empty string).
 * @return 0 when everything checked holds.  #VEIKART_ENOTFOUND when the
 *         file or the methodology does not exist; #VEIKART_EFORMAT for a
 *         file that is not a journal; #VEIKART_ECORRUPT for a broken chain,
 *         a file with no events, or a journal that does not hold the
 *         expected head or number of events; #VEIKART_EMISMATCH when the
 *         methodology found is another document; the error of the first
 *         event that breaks a rule (#VEIKART_EDENIED, #VEIKART_ESTATE...),
 *         whose message names the event; #VEIKART_EIO; #VEIKART_ENOMEM;
 *         #VEIKART_EINVALID for bad arguments; #VEIKART_EVERSION.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_journal_verify(const char *path, const veikart_verify_options *opts,
                                       uint64_t *events, char head[65]);

/** @} */

VEIKART_END_DECL

#endif
