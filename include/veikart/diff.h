/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_DIFF_H
#define VEIKART_DIFF_H

/**
 * @file veikart/diff.h
 * @brief Comparing two methodologies: what a variant changes in its base.
 */

#include "common.h"
#include "method.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_diff Comparing methodologies
 * @ingroup veikart_method
 *
 * A diff says what methodology B changes relative to methodology A, with
 * the elements of the two matched by id: phases, steps (within their phase),
 * gates, criteria (within their gate), roles, facts, scales, unit types and
 * overlays.  Authority rules are matched by role and outcomes by kind within
 * their gate (the second rule or outcome of the same role or kind is
 * `ROLE#2` / `KIND#2`).  Each difference is one #veikart_diff_entry: an
 * element added or removed, or one field of an element that both have
 * changed, with its old and new value as text.
 *
 * The fields compared (the `field` of a changed entry):
 * - methodology: `id`, `version`, `extends`, `start`, `lang` (the default
 *   language), `languages` (all it writes labels in), `title[L]`;
 * - role: `title[L]`, `kind`, `may-override`;
 * - fact: `title[L]`, `type`, `scope`, `unit`, `scale`, `role`;
 * - scale: `title[L]`, `levels`, `specials` (codes, space-separated);
 * - unit-type: `title[L]`, `parent`;
 * - phase: `title[L]`, `kind`, `scope`, `optional`, `skip-if`,
 *   `repeatable`, `max-days`, `terminal`;
 * - step: `title[L]`, `role`, `order`, `produces`, `after-step`;
 * - gate: `title[L]`, `from` (the phase it leaves, however it was placed),
 *   `every-days`, `aggregation`, `threshold` (when both score),
 *   `k`;
 * - authority: `when` (the condition, canonical), `order`;
 * - criterion: `text[L]`, `level`, `weight`, `expression` (canonical, so
 *   a changed threshold shows here), `tags`;
 * - outcome: `to` (the target phase), `label[L]`.
 *
 * `order` is a position (1-based) among the siblings, reported only when
 * the element moved relative to the siblings both have.  Titles, texts and
 * labels are compared in every language both methodologies write labels
 * in, or in the one language chosen in the options; a label missing in a
 * language falls back as veikart_method_title() says, so a change that
 * reads the same in two languages is listed once, under the first.
 * @{
 */

/** What happened to an element. */
typedef enum veikart_diff_change {
	VEIKART_DIFF_ADDED = 0,   /**< B has it, A does not. */
	VEIKART_DIFF_REMOVED = 1, /**< A has it, B does not. */
	VEIKART_DIFF_CHANGED = 2  /**< Both have it; one field differs. */
} veikart_diff_change;

/** The kind of element an entry is about. */
typedef enum veikart_diff_what {
	VEIKART_DIFF_METHODOLOGY = 0, /**< The methodology itself (id, version, start, ...). */
	VEIKART_DIFF_OVERLAY,         /**< An overlay taken in with `with`. */
	VEIKART_DIFF_ROLE,            /**< A role. */
	VEIKART_DIFF_FACT,            /**< A fact declaration. */
	VEIKART_DIFF_SCALE,           /**< A scale. */
	VEIKART_DIFF_UNIT_TYPE,       /**< A rollout unit type. */
	VEIKART_DIFF_PHASE,           /**< A phase. */
	VEIKART_DIFF_STEP,            /**< A step of a phase. */
	VEIKART_DIFF_GATE,            /**< A gate. */
	VEIKART_DIFF_AUTHORITY,       /**< An authority rule of a gate. */
	VEIKART_DIFF_CRITERION,       /**< A criterion of a gate. */
	VEIKART_DIFF_OUTCOME          /**< An outcome of a gate. */
} veikart_diff_what;

/** Formats veikart_diff_write() writes. */
typedef enum veikart_diff_format {
	VEIKART_DIFF_TEXT = 0, /**< One line per entry, as `veikart diff` prints it. */
	VEIKART_DIFF_XML = 1   /**< `urn:veikart:diff:1`, described by schema/diff.xsd. */
} veikart_diff_format;

/**
 * One difference.  Owned by its #veikart_diff; every string lives as long
 * as the diff does.  Fields are only ever appended: read entries through
 * veikart_diff_entry_at(), never allocate one.
 *
 * @since 0.1.0
 */
typedef struct veikart_diff_entry {
	/** Added, removed or changed. */
	veikart_diff_change change;
	/** The kind of element. */
	veikart_diff_what what;
	/**
	 * Where the element is: its kind and id, within its parent's
	 * (`phase utproving`, `phase utproving/step gjore-klart`,
	 * `gate g-evaluering/criterion active_use`, `gate g-evaluering/outcome go`,
	 * `methodology`).
	 */
	const char *path;
	/**
	 * For #VEIKART_DIFF_CHANGED, the field that differs: `title[nb]`,
	 * `kind`, `level`, `expression`, `to`, ... ; NULL for added and removed
	 * elements.
	 */
	const char *field;
	/**
	 * The value in A: the field's old value, or the removed element's
	 * title (its expression for an authority rule's condition, its target
	 * for an outcome).  NULL when A has no value.
	 */
	const char *old_value;
	/** The value in B, as #old_value.  NULL when B has no value. */
	const char *new_value;
} veikart_diff_entry;

/** Version of #veikart_diff_options these headers describe. */
#define VEIKART_DIFF_OPTIONS_VERSION 1

/**
 * Options for veikart_diff_methods().
 *
 * Initialise with #VEIKART_DIFF_OPTIONS_INIT; fields are only ever appended.
 *
 * @since 0.1.0
 */
typedef struct veikart_diff_options {
	/** Set to #VEIKART_DIFF_OPTIONS_VERSION. */
	unsigned int version;
	/** Allocator for the diff; NULL for the allocator of methodology A. */
	const veikart_allocator *allocator;
	/**
	 * Language of the titles compared and of the titles shown for added and
	 * removed elements; NULL to compare every language both methodologies
	 * write labels in and show titles in each one's own default language.
	 */
	const char *lang;
} veikart_diff_options;

/** Static initialiser for #veikart_diff_options: all defaults. */
#define VEIKART_DIFF_OPTIONS_INIT                      \
	{                                              \
		VEIKART_DIFF_OPTIONS_VERSION, NULL, NULL \
	}

/**
 * Initialise a #veikart_diff_options to its defaults, as #VEIKART_DIFF_OPTIONS_INIT does, for
 * callers that cannot use the macro (bindings, C++).
 *
 * @param opts The structure to fill.
 * @param version #VEIKART_DIFF_OPTIONS_VERSION.
 * @return 0, #VEIKART_EINVALID when @p opts is NULL, or #VEIKART_EVERSION
 *         when @p version is not one this library knows.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_diff_options_init(veikart_diff_options *opts, unsigned int version);

/** A list of differences between two methodologies.  Immutable once made. */
typedef struct veikart_diff veikart_diff;

/**
 * Compare two methodologies: what @p b changes relative to @p a.
 *
 * Entries come in a fixed order: the methodology's own fields, overlays,
 * roles, facts, scales, unit types, then each phase followed by its steps,
 * then each gate followed by its authority rules, criteria and outcomes.
 * Within a kind, elements A has come first in A's order (removed or
 * changed), then those only B has, in B's order.  The same two
 * methodologies always give the same entries; a methodology compared with
 * itself gives none.
 *
 * @param out Receives the diff; the caller frees it with veikart_diff_free().
 *        Set to NULL on failure.
 * @param a The methodology compared against (the base, the old one).
 * @param b The methodology compared (the variant, the new one).
 * @param opts Options, or NULL for the defaults.
 * @return 0; #VEIKART_EINVALID when @p out, @p a or @p b is NULL;
 *         #VEIKART_EVERSION for options of an unknown version; #VEIKART_ENOMEM.
 * @note Thread-safe: methodologies are immutable, and any number of diffs
 *       may be made from them at once.
 * @since 0.1.0
 */
VEIKART_API int veikart_diff_methods(veikart_diff **out, const veikart_method *a,
                                     const veikart_method *b, const veikart_diff_options *opts);

/**
 * Free a diff and every entry and string in it.
 * @param diff The diff; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_diff_free(veikart_diff *diff);

/**
 * Number of differences.
 * @param diff The diff.
 * @return The count; 0 when the methodologies are the same or @p diff is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_diff_count(const veikart_diff *diff);

/**
 * A difference by position.
 * @param diff The diff.
 * @param index 0-based, less than veikart_diff_count().
 * @return Owned by @p diff; NULL when out of range or @p diff is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_diff_entry *veikart_diff_entry_at(const veikart_diff *diff,
                                                            size_t index);

/**
 * The name of a change: "added", "removed" or "changed".
 * @param change A #veikart_diff_change.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_diff_change_name(veikart_diff_change change);

/**
 * The name of a kind of element: "methodology", "overlay", "role", "fact",
 * "scale", "unit-type", "phase", "step", "gate", "authority", "criterion"
 * or "outcome".
 * @param what A #veikart_diff_what.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_diff_what_name(veikart_diff_what what);

/**
 * Write a diff for people or programs.
 *
 * #VEIKART_DIFF_TEXT gives a `--- A VERSION` and a `+++ B VERSION` line,
 * then one line per entry:
 *
 *     - phase for-du-starter: "Før du starter"
 *     + phase forankring: "Forankring"
 *     ~ gate g-utproving/criterion pilot_started: level: "must" -> "should"
 *
 * with values in double quotes (`\"`, `\\` and `\n` escaped) and `(none)`
 * for a missing one; an empty diff gives an empty text.
 * #VEIKART_DIFF_XML gives a document in the namespace `urn:veikart:diff:1`
 * (schema/diff.xsd): a `diff` element naming both methodologies, with an
 * `added`, `removed` or `changed` element per entry.
 * The same diff always gives the same bytes.
 *
 * @param out Receives the text, NUL-terminated; free it with veikart_string_free().
 *        Set to NULL on failure.
 * @param length If not NULL, receives its length in bytes.
 * @param diff The diff.
 * @param format #VEIKART_DIFF_TEXT or #VEIKART_DIFF_XML.
 * @return 0; #VEIKART_EINVALID for NULL arguments or an unknown format;
 *         #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_diff_write(char **out, size_t *length, const veikart_diff *diff,
                                   veikart_diff_format format);

/** @} */

VEIKART_END_DECL

#endif
