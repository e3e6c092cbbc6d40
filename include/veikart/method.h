/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_METHOD_H
#define VEIKART_METHOD_H

/**
 * @file veikart/method.h
 * @brief Loading a methodology from XML and reading its definition.
 *
 * A methodology (#veikart_method) is the definition layer: roles, fact
 * declarations, scales, rollout unit types, phases with their steps, and
 * gates with criteria and outcomes.  It is loaded once, checked, compiled, and never changes
 * afterwards, so one methodology can be shared by any number of threads
 * and initiatives.
 *
 * Every element handle (#veikart_phase, #veikart_gate, ...) and every
 * string returned by the accessors belongs to the methodology and lives as
 * long as it does.  Accessors never fail on a valid handle; given NULL they
 * return NULL, 0 or the documented neutral value.
 */

#include "common.h"
#include "diagnostics.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_method Methodologies
 * @{
 */

/** Id of the methodology compiled into the library (the KS Veikart). */
#define VEIKART_DEFAULT_METHOD "ks-veikart"

/** A loaded, checked and compiled methodology.  Immutable; shareable between threads. */
typedef struct veikart_method veikart_method;
/** A role or body that people are assigned to (project owner, steering group). */
typedef struct veikart_role veikart_role;
/** A fact declaration: something an initiative records, with its type. */
typedef struct veikart_fact veikart_fact;
/** An ordinal scale with levels and special values (NASSS, CFIR, TRL). */
typedef struct veikart_scale veikart_scale;
/** A kind of rollout unit (municipality, site, team), possibly within a parent kind. */
typedef struct veikart_unit_type veikart_unit_type;
/** A phase of the methodology. */
typedef struct veikart_phase veikart_phase;
/** A checklist item inside a phase. */
typedef struct veikart_step veikart_step;
/** A gate: the decision point that leaves a phase. */
typedef struct veikart_gate veikart_gate;
/** One criterion of a gate. */
typedef struct veikart_criterion veikart_criterion;
/** One outcome a gate decision may take. */
typedef struct veikart_outcome veikart_outcome;

/** The types a fact or expression can have. */
typedef enum veikart_type {
	VEIKART_TYPE_BOOL = 1, /**< true or false. */
	VEIKART_TYPE_INTEGER,  /**< A whole number (64-bit). */
	VEIKART_TYPE_NUMBER,   /**< A decimal number. */
	VEIKART_TYPE_RATIO,    /**< A share between 0 and 1 (written 0.8 or 80%). */
	VEIKART_TYPE_TEXT,     /**< UTF-8 text. */
	VEIKART_TYPE_DATE,     /**< A calendar date, YYYY-MM-DD. */
	VEIKART_TYPE_SCALE,    /**< A level (or special value) of a declared scale. */
	VEIKART_TYPE_EVIDENCE, /**< A document: URI, SHA-256 digest, approval. */
	VEIKART_TYPE_SIGNOFF,  /**< A sign-off by a person holding a role. */
	VEIKART_TYPE_DURATION  /**< A number of days (expressions only: `90d`). */
} veikart_type;

/** Whether something belongs to the initiative as a whole or to each rollout unit. */
typedef enum veikart_scope {
	VEIKART_SCOPE_INITIATIVE = 0, /**< One value or state for the initiative. */
	VEIKART_SCOPE_UNIT = 1        /**< One value or state per rollout unit. */
} veikart_scope;

/** Canonical phase kinds, so that tools can compare variants stage by stage. */
typedef enum veikart_phase_kind {
	VEIKART_PHASE_NEEDS = 0,  /**< Needs capture, anchoring, insight. */
	VEIKART_PHASE_PLANNING,   /**< Planning, decision basis, preparation. */
	VEIKART_PHASE_PILOT,      /**< Trial at limited scope. */
	VEIKART_PHASE_EVALUATION, /**< Evaluation of the pilot. */
	VEIKART_PHASE_ROLLOUT,    /**< Broad rollout. */
	VEIKART_PHASE_OPERATION,  /**< Operation, new practice, benefits follow-up. */
	VEIKART_PHASE_CLOSED,     /**< Ended (stopped or concluded). */
	VEIKART_PHASE_CUSTOM      /**< Anything else. */
} veikart_phase_kind;

/** Kinds of role. */
typedef enum veikart_role_kind {
	VEIKART_ROLE_PERSON = 0, /**< Held by individual people. */
	VEIKART_ROLE_BODY =
	        1 /**< A collective body (steering group, board) acting through its members. */
} veikart_role_kind;

/** Meaning of a special value on a scale. */
typedef enum veikart_special_meaning {
	VEIKART_SPECIAL_MISSING = 0,       /**< No rating could be given. */
	VEIKART_SPECIAL_MIXED = 1,         /**< Raters or sites disagree. */
	VEIKART_SPECIAL_NOT_APPLICABLE = 2 /**< The item does not apply here. */
} veikart_special_meaning;

/** How a criterion counts at its gate. */
typedef enum veikart_level {
	VEIKART_LEVEL_MUST = 0,   /**< Must be met for the gate to be ready. */
	VEIKART_LEVEL_SHOULD = 1, /**< Counts towards the weighted score. */
	VEIKART_LEVEL_INFO = 2    /**< Shown in the report; never blocks. */
} veikart_level;

/** How a gate turns criterion results into a verdict. */
typedef enum veikart_aggregation {
	VEIKART_AGGREGATION_MUST_THEN_SCORE =
	        0,                       /**< Every must met, then should-score >= threshold. */
	VEIKART_AGGREGATION_ALL = 1,     /**< Every must and should criterion met. */
	VEIKART_AGGREGATION_K_OF_N = 2,  /**< At least k of the must and should criteria met. */
	VEIKART_AGGREGATION_ADVISORY = 3 /**< A profile only; the gate never blocks. */
} veikart_aggregation;

/** The canonical meaning of a gate outcome. */
typedef enum veikart_outcome_kind {
	VEIKART_OUTCOME_GO = 0, /**< Move on to the target phase. */
	VEIKART_OUTCOME_CONDITIONAL_GO =
	        1,                   /**< Move on, with conditions that must be met by a date. */
	VEIKART_OUTCOME_HOLD = 2,    /**< Stay; decide again later. */
	VEIKART_OUTCOME_RECYCLE = 3, /**< Go back to an earlier (or the same) phase. */
	VEIKART_OUTCOME_STOP = 4,    /**< End the initiative. */
	VEIKART_OUTCOME_SKIP = 5,    /**< Jump over an optional phase to the target. */
	VEIKART_OUTCOME_CONTINUE = 6 /**< A recurring review passed; stay and carry on. */
} veikart_outcome_kind;

/** Kinds of criterion as written in the XML; all compile to an expression. */
typedef enum veikart_criterion_kind {
	VEIKART_CRITERION_EXPR = 0,  /**< A free expression. */
	VEIKART_CRITERION_CHECK,     /**< A yes/no fact must be true. */
	VEIKART_CRITERION_THRESHOLD, /**< A fact compared with a value. */
	VEIKART_CRITERION_EVIDENCE,  /**< A document must be attached (and approved). */
	VEIKART_CRITERION_SIGNOFF,   /**< A sign-off must be recorded. */
	VEIKART_CRITERION_SCALE,     /**< A rating compared with scale levels. */
	VEIKART_CRITERION_ELAPSED    /**< Enough (or not too much) time has passed. */
} veikart_criterion_kind;

/** Flags for veikart_load_options::flags. */
typedef enum veikart_load_flags {
	VEIKART_LOAD_NO_ENV = 1u << 0,    /**< Ignore the VEIKART_PATH environment variable. */
	VEIKART_LOAD_NO_SYSTEM = 1u << 1, /**< Do not search the installed share folder. */
	VEIKART_LOAD_NO_BUILTIN = 1u << 2 /**< Do not fall back to the methodologies compiled in. */
} veikart_load_flags;

/** Version of #veikart_load_options these headers describe. */
#define VEIKART_LOAD_OPTIONS_VERSION 1

/**
 * Options for loading a methodology.
 *
 * Initialise with #VEIKART_LOAD_OPTIONS_INIT or veikart_load_options_init()
 * and change only what you need; a limit left at 0 takes its default.
 * Fields are only ever appended, and #version tells the library which
 * fields the caller knows about.
 *
 * @since 0.1.0
 */
typedef struct veikart_load_options {
	/** Set to #VEIKART_LOAD_OPTIONS_VERSION. */
	unsigned int version;
	/** Allocator for the methodology and everything derived from it; NULL for malloc. */
	const veikart_allocator *allocator;
	/**
	 * Directories searched for a methodology given by id (a base named in
	 * `extends`, or an id passed to veikart_method_load()), before
	 * VEIKART_PATH, the installed share folder and the built-in ones.
	 * A NULL-terminated array, or NULL.
	 */
	const char *const *search_path;
	/** A combination of #veikart_load_flags. */
	unsigned int flags;
	/** Largest document accepted, in bytes.  0: 8 MiB. */
	size_t max_input_bytes;
	/** Longest expression accepted, in bytes.  0: 4096. */
	unsigned int max_expr_length;
	/** Deepest expression nesting accepted.  0: 64. */
	unsigned int max_expr_depth;
	/** Most attributes accepted on one element.  0: 64. */
	unsigned int max_attributes;
	/** Longest `extends` chain accepted.  0: 8. */
	unsigned int max_extends_depth;
} veikart_load_options;

/** Static initialiser for #veikart_load_options: all defaults. */
#define VEIKART_LOAD_OPTIONS_INIT                                          \
	{                                                                  \
		VEIKART_LOAD_OPTIONS_VERSION, NULL, NULL, 0, 0, 0, 0, 0, 0 \
	}

/**
 * Initialise load options to their defaults.
 *
 * @param opts The structure to fill.
 * @param version #VEIKART_LOAD_OPTIONS_VERSION.
 * @return 0, #VEIKART_EINVALID when @p opts is NULL, or #VEIKART_EVERSION
 *         when @p version is not one this library knows.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_load_options_init(veikart_load_options *opts, unsigned int version);

/**
 * Load a methodology from a file.
 *
 * The file is read by the library (never by libxml2, which resolves no
 * URIs), refused if it is larger than the input limit or carries any DOCTYPE,
 * validated against the built-in schema, checked for meaning (unknown
 * references, duplicate ids, unreachable phases, phases with no way out,
 * expression type errors), merged over its base when it says `extends`,
 * and compiled.
 *
 * @param out Receives the methodology on success; the caller frees it with
 *        veikart_method_free().  Set to NULL on failure.
 * @param path File to read.
 * @param opts Options, or NULL for the defaults.
 * @param diags If not NULL, receives every problem found (also warnings on
 *        success); the caller frees it with veikart_diagnostics_free().
 * @return 0 on success;
 *         #VEIKART_EFORMAT when the file is not a valid methodology (the
 *         diagnostics say where and why, and veikart_error_last() holds the
 *         first error);
 *         #VEIKART_ENOTFOUND when the file, or a base it extends, is not found;
 *         #VEIKART_ELIMIT when the file exceeds the input limit;
 *         #VEIKART_EIO when it cannot be read;
 *         #VEIKART_EINVALID for NULL arguments; #VEIKART_EVERSION for unknown
 *         options; #VEIKART_ENOMEM.
 * @note Thread-safe: any number of threads may load at once.
 * @since 0.1.0
 */
VEIKART_API int veikart_method_load_file(veikart_method **out, const char *path,
                                         const veikart_load_options *opts,
                                         veikart_diagnostics **diags);

/**
 * Load a methodology from memory.
 *
 * As veikart_method_load_file(), for a document already in memory.
 *
 * @param out Receives the methodology on success; free with veikart_method_free().
 * @param data The document bytes (UTF-8 XML); need not be NUL-terminated.
 * @param size Number of bytes in @p data.
 * @param name Name used for the document in diagnostics (a file name, or
 *        something like "request body"); NULL for "(buffer)".
 * @param opts Options, or NULL for the defaults.
 * @param diags If not NULL, receives every problem found.
 * @return As veikart_method_load_file().
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_method_load_buffer(veikart_method **out, const void *data, size_t size,
                                           const char *name, const veikart_load_options *opts,
                                           veikart_diagnostics **diags);

/**
 * Load a methodology given as a file path or as an id.
 *
 * @p ref is taken as a path when it contains a '/' or ends in ".xml";
 * otherwise as an id, looked up as `ID.xml` in the directories of
 * veikart_load_options::search_path, then in each directory of the
 * VEIKART_PATH environment variable (separated by ':'), then in the
 * installed share folder, then among the methodologies compiled into the
 * library.  The first file found must declare that id.
 *
 * @param out Receives the methodology; free with veikart_method_free().
 * @param ref A path or an id such as #VEIKART_DEFAULT_METHOD.
 * @param opts Options, or NULL for the defaults.
 * @param diags If not NULL, receives every problem found.
 * @return As veikart_method_load_file().
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_method_load(veikart_method **out, const char *ref,
                                    const veikart_load_options *opts, veikart_diagnostics **diags);

/**
 * Free a methodology.
 *
 * Initiatives and expressions made from it must be freed first.
 *
 * @param method The methodology; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_method_free(veikart_method *method);

/**
 * Number of methodologies compiled into the library.
 *
 * @return The count.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_builtin_count(void);

/**
 * Id of a methodology compiled into the library.
 *
 * @param index 0-based, less than veikart_builtin_count().
 * @return A static string, or NULL when @p index is out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_builtin_id(size_t index);

/**
 * The methodology's id, as in its `id` attribute.
 * @param method The methodology.
 * @return Owned by @p method; NULL when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_id(const veikart_method *method);

/**
 * The methodology's version string, as in its `version` attribute.
 * @param method The methodology.
 * @return Owned by @p method; NULL when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_version(const veikart_method *method);

/**
 * A SHA-256 digest of the methodology's documents, in 64 lowercase hex digits.
 *
 * It covers the document's bytes and, for a variant, the digest of its base,
 * so any change to either gives another digest.  Initiatives pin it.
 *
 * @param method The methodology.
 * @return Owned by @p method; NULL when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_digest(const veikart_method *method);

/**
 * Id of the base this methodology extends.
 * @param method The methodology.
 * @return Owned by @p method; NULL when it extends nothing or @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_extends(const veikart_method *method);

/**
 * Number of overlays applied (`with="..."` in this methodology or the ones
 * it extends): parts such as an advisory assessment that any methodology
 * can take in.
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_overlay_count(const veikart_method *method);

/**
 * Id of an overlay applied, in the order applied (bases' overlays first).
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_overlay_count().
 * @return Owned by @p method; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_overlay(const veikart_method *method, size_t index);

/**
 * Name of the file (or buffer) the methodology was loaded from.
 * @param method The methodology.
 * @return Owned by @p method; NULL when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_file(const veikart_method *method);

/**
 * The document's default language: the `xml:lang` of its root element.
 * @param method The methodology.
 * @return Owned by @p method; NULL when the root has none or @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_lang(const veikart_method *method);

/**
 * Number of distinct languages its labels are written in.
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_language_count(const veikart_method *method);

/**
 * One of the languages its labels are written in, in order of first use.
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_language_count().
 * @return A language tag owned by @p method, or NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_language(const veikart_method *method, size_t index);

/**
 * The methodology's title in a language.
 *
 * Every label accessor (titles, texts, outcome labels) picks a language
 * the same way: the requested tag exactly (ignoring case); else a label
 * with the same primary language ("nb" for "nb-NO", and the reverse); else
 * the document's default language; else English; else the first label
 * written.  Elements without any label fall back to their id.
 *
 * @param method The methodology.
 * @param lang A language tag such as "nb", "sv", "en"; NULL for the default.
 * @return Owned by @p method; NULL only when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_title(const veikart_method *method, const char *lang);

/**
 * The methodology's description in a language, if it has one.
 * @param method The methodology.
 * @param lang A language tag, or NULL for the default; chosen as for veikart_method_title().
 * @return Owned by @p method; NULL when there is no description.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_description(const veikart_method *method, const char *lang);

/**
 * Number of sources the methodology cites (`<source href=...>`).
 * @param method The methodology.
 * @return The count, base sources included for a variant.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_source_count(const veikart_method *method);

/**
 * Address of a cited source.
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_source_count().
 * @return Owned by @p method; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_source_href(const veikart_method *method, size_t index);

/**
 * Title of a cited source (the element's text).
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_source_count().
 * @return Owned by @p method; NULL when out of range or the source has no title.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_method_source_title(const veikart_method *method, size_t index);

/**
 * The phase an initiative starts in: the `start` attribute of the
 * methodology, or else its first initiative-scope phase.
 * @param method The methodology.
 * @return Owned by @p method; NULL when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_method_start(const veikart_method *method);

/**
 * The phase a new rollout unit starts in: the first phase of scope unit in
 * the methodology's phase order.
 * @param method The methodology.
 * @return Owned by @p method; NULL when the methodology has no unit-scope
 *         phase or @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_method_unit_start(const veikart_method *method);

/** @} */

/**
 * @defgroup veikart_roles Roles
 * @ingroup veikart_method
 * @{
 */

/**
 * Number of roles.
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_role_count(const veikart_method *method);

/**
 * A role by position, in document order.
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_role_count().
 * @return Owned by @p method; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_method_role(const veikart_method *method, size_t index);

/**
 * A role by id.
 * @param method The methodology.
 * @param id The role's id.
 * @return Owned by @p method; NULL when there is no such role.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_method_role_by_id(const veikart_method *method,
                                                          const char *id);

/**
 * The role's id.
 * @param role The role.
 * @return Owned by the methodology; NULL when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_role_id(const veikart_role *role);

/**
 * The role's title in a language, chosen as for veikart_method_title().
 * @param role The role.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_role_title(const veikart_role *role, const char *lang);

/**
 * What the role does, in a language, if the methodology says.
 * @param role The role.
 * @param lang A language tag, or NULL for the default; chosen as for veikart_method_title().
 * @return Owned by the methodology; NULL when there is no description.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_role_description(const veikart_role *role, const char *lang);

/**
 * Whether the role is held by people or is a collective body.
 * @param role The role.
 * @return The kind; #VEIKART_ROLE_PERSON when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_role_kind veikart_role_kind_of(const veikart_role *role);

/**
 * Whether people holding this role may override a gate that is not ready.
 * @param role The role.
 * @return 1 or 0; 0 when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_role_may_override(const veikart_role *role);

/** @} */

/**
 * @defgroup veikart_facts_decl Fact declarations and scales
 * @ingroup veikart_method
 * @{
 */

/**
 * The name of a type: "bool", "integer", "number", "ratio", "text", "date",
 * "scale", "evidence", "signoff" or "duration".
 * @param type A #veikart_type.
 * @return A static string; "unknown" for values outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_type_name(veikart_type type);

/**
 * Number of fact declarations.
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_fact_count(const veikart_method *method);

/**
 * A fact declaration by position, in document order.
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_fact_count().
 * @return Owned by @p method; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_fact *veikart_method_fact(const veikart_method *method, size_t index);

/**
 * A fact declaration by id.
 * @param method The methodology.
 * @param id The fact's id.
 * @return Owned by @p method; NULL when there is no such fact.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_fact *veikart_method_fact_by_id(const veikart_method *method,
                                                          const char *id);

/**
 * The fact's id, as used in expressions.
 * @param fact The fact declaration.
 * @return Owned by the methodology; NULL when @p fact is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_fact_id(const veikart_fact *fact);

/**
 * The fact's title in a language, chosen as for veikart_method_title().
 * @param fact The fact declaration.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p fact is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_fact_title(const veikart_fact *fact, const char *lang);

/**
 * What the fact records, in a language, if the methodology says.
 * @param fact The fact declaration.
 * @param lang A language tag, or NULL for the default; chosen as for veikart_method_title().
 * @return Owned by the methodology; NULL when there is no description.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_fact_description(const veikart_fact *fact, const char *lang);

/**
 * The fact's declared type.
 * @param fact The fact declaration.
 * @return The type; 0 when @p fact is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_type veikart_fact_type(const veikart_fact *fact);

/**
 * Whether the fact is recorded once per initiative or per rollout unit.
 * @param fact The fact declaration.
 * @return The scope; #VEIKART_SCOPE_INITIATIVE when @p fact is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_scope veikart_fact_scope(const veikart_fact *fact);

/**
 * The unit of measure the fact is recorded in ("NOK", "users"), if declared.
 * @param fact The fact declaration.
 * @return Owned by the methodology; NULL when none is declared.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_fact_unit(const veikart_fact *fact);

/**
 * The scale a fact of type #VEIKART_TYPE_SCALE is rated on.
 * @param fact The fact declaration.
 * @return Owned by the methodology; NULL for facts of other types.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_scale *veikart_fact_scale(const veikart_fact *fact);

/**
 * The role tied to the fact: who signs a #VEIKART_TYPE_SIGNOFF fact, or who
 * approves a #VEIKART_TYPE_EVIDENCE document.
 * @param fact The fact declaration.
 * @return Owned by the methodology; NULL when the fact names no role.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_fact_role(const veikart_fact *fact);

/**
 * Number of scales.
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_scale_count(const veikart_method *method);

/**
 * A scale by position, in document order.
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_scale_count().
 * @return Owned by @p method; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_scale *veikart_method_scale(const veikart_method *method, size_t index);

/**
 * A scale by id.
 * @param method The methodology.
 * @param id The scale's id.
 * @return Owned by @p method; NULL when there is no such scale.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_scale *veikart_method_scale_by_id(const veikart_method *method,
                                                            const char *id);

/**
 * The scale's id.
 * @param scale The scale.
 * @return Owned by the methodology; NULL when @p scale is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_scale_id(const veikart_scale *scale);

/**
 * The scale's title in a language, chosen as for veikart_method_title().
 * @param scale The scale.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p scale is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_scale_title(const veikart_scale *scale, const char *lang);

/**
 * Number of ordinal levels, lowest first.
 * @param scale The scale.
 * @return The count; 0 when @p scale is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_scale_level_count(const veikart_scale *scale);

/**
 * Code of a level, as written in ratings and expressions ("complex").
 * @param scale The scale.
 * @param index 0-based, less than veikart_scale_level_count(); order is rank.
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_scale_level_code(const veikart_scale *scale, size_t index);

/**
 * Label of a level in a language, chosen as for veikart_method_title().
 * @param scale The scale.
 * @param index 0-based, less than veikart_scale_level_count().
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_scale_level_label(const veikart_scale *scale, size_t index,
                                                  const char *lang);

/**
 * Number of special values (missing, mixed, not applicable).
 * @param scale The scale.
 * @return The count; 0 when @p scale is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_scale_special_count(const veikart_scale *scale);

/**
 * Code of a special value.
 * @param scale The scale.
 * @param index 0-based, less than veikart_scale_special_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_scale_special_code(const veikart_scale *scale, size_t index);

/**
 * What a special value means.
 * @param scale The scale.
 * @param index 0-based, less than veikart_scale_special_count().
 * @return The meaning; #VEIKART_SPECIAL_MISSING when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_special_meaning veikart_scale_special_meaning(const veikart_scale *scale,
                                                                  size_t index);

/**
 * Label of a special value in a language, chosen as for veikart_method_title().
 * @param scale The scale.
 * @param index 0-based, less than veikart_scale_special_count().
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_scale_special_label(const veikart_scale *scale, size_t index,
                                                    const char *lang);

/** @} */

/**
 * @defgroup veikart_unit_types Rollout unit types
 * @ingroup veikart_method
 * @{
 */

/**
 * Number of rollout unit types (`<unit-types>`).
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL or it declares none.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_unit_type_count(const veikart_method *method);

/**
 * A unit type by position, in document order (a variant's new types after
 * its base's).
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_unit_type_count().
 * @return Owned by @p method; NULL when out of range or @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_unit_type *veikart_method_unit_type(const veikart_method *method,
                                                              size_t index);

/**
 * A unit type by id.
 * @param method The methodology.
 * @param id The unit type's id.
 * @return Owned by @p method; NULL when there is no such type or an argument is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_unit_type *veikart_method_unit_type_by_id(const veikart_method *method,
                                                                    const char *id);

/**
 * The unit type's id.
 * @param type The unit type.
 * @return Owned by the methodology; NULL when @p type is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_unit_type_id(const veikart_unit_type *type);

/**
 * The unit type's title in a language, chosen as for veikart_method_title();
 * the id when it has no title.
 * @param type The unit type.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p type is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_unit_type_title(const veikart_unit_type *type, const char *lang);

/**
 * What units of this type are, in a language, if the methodology says.
 * @param type The unit type.
 * @param lang A language tag, or NULL for the default; chosen as for veikart_method_title().
 * @return Owned by the methodology; NULL when there is no description.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_unit_type_description(const veikart_unit_type *type,
                                                      const char *lang);

/**
 * The type a unit of this type belongs within (`parent="..."`): a site's
 * municipality, a team's service area.  Following parents always ends; the
 * loader refuses cycles.
 * @param type The unit type.
 * @return Owned by the methodology; NULL when the type is at the top of the
 *         hierarchy or @p type is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_unit_type *veikart_unit_type_parent(const veikart_unit_type *type);

/** @} */

/**
 * @defgroup veikart_phases Phases and steps
 * @ingroup veikart_method
 * @{
 */

/**
 * The name of a phase kind: "needs", "planning", "pilot", "evaluation",
 * "rollout", "operation", "closed" or "custom".
 * @param kind A #veikart_phase_kind.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_kind_name(veikart_phase_kind kind);

/**
 * Number of phases.
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_phase_count(const veikart_method *method);

/**
 * A phase by position.  Positions follow the methodology's order, which
 * is what "earlier" means for a recycle.
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_phase_count().
 * @return Owned by @p method; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_method_phase(const veikart_method *method, size_t index);

/**
 * A phase by id.
 * @param method The methodology.
 * @param id The phase's id.
 * @return Owned by @p method; NULL when there is no such phase.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_method_phase_by_id(const veikart_method *method,
                                                            const char *id);

/**
 * The phase's id.
 * @param phase The phase.
 * @return Owned by the methodology; NULL when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_id(const veikart_phase *phase);

/**
 * The phase's position in the methodology's order.
 * @param phase The phase.
 * @return 0-based position; 0 when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_phase_index(const veikart_phase *phase);

/**
 * The phase's title in a language, chosen as for veikart_method_title().
 * @param phase The phase.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_title(const veikart_phase *phase, const char *lang);

/**
 * What the phase is for, in a language, if the methodology says.
 * @param phase The phase.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when there is no description.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_description(const veikart_phase *phase, const char *lang);

/**
 * The phase's canonical kind.
 * @param phase The phase.
 * @return The kind; #VEIKART_PHASE_CUSTOM when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_phase_kind veikart_phase_kind_of(const veikart_phase *phase);

/**
 * Whether the initiative or each rollout unit walks this phase.
 * @param phase The phase.
 * @return The scope; #VEIKART_SCOPE_INITIATIVE when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_scope veikart_phase_scope(const veikart_phase *phase);

/**
 * Whether the phase may be skipped by a gate's skip outcome.
 * @param phase The phase.
 * @return 1 or 0.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_phase_is_optional(const veikart_phase *phase);

/**
 * Whether the phase may be entered more than once.
 * @param phase The phase.
 * @return 1 or 0.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_phase_is_repeatable(const veikart_phase *phase);

/**
 * Whether the phase ends the walk (nothing leaves it).
 * @param phase The phase.
 * @return 1 or 0.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_phase_is_terminal(const veikart_phase *phase);

/**
 * Days an initiative may spend in the phase before it counts as stalled.
 * @param phase The phase.
 * @return The number of days; 0 when the phase sets no limit.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API unsigned int veikart_phase_max_days(const veikart_phase *phase);

/**
 * The condition under which the phase is passed over, as an expression in
 * canonical form.
 * @param phase The phase.
 * @return Owned by the methodology; NULL when the phase has no skip-if.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_skip_if(const veikart_phase *phase);

/**
 * Number of steps (checklist items) in the phase.
 * @param phase The phase.
 * @return The count; 0 when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_phase_step_count(const veikart_phase *phase);

/**
 * A step by position, in document order.
 * @param phase The phase.
 * @param index 0-based, less than veikart_phase_step_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_step *veikart_phase_step(const veikart_phase *phase, size_t index);

/**
 * Number of gates that leave the phase.
 * @param phase The phase.
 * @return The count; 0 when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_phase_gate_count(const veikart_phase *phase);

/**
 * A gate leaving the phase, in document order.
 * @param phase The phase.
 * @param index 0-based, less than veikart_phase_gate_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_gate *veikart_phase_gate(const veikart_phase *phase, size_t index);

/**
 * The step's id, unique within its phase.
 * @param step The step.
 * @return Owned by the methodology; NULL when @p step is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_step_id(const veikart_step *step);

/**
 * The step's title in a language, chosen as for veikart_method_title().
 * @param step The step.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p step is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_step_title(const veikart_step *step, const char *lang);

/**
 * The role responsible for the step.
 * @param step The step.
 * @return Owned by the methodology; NULL when the step names none.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_step_role(const veikart_step *step);

/**
 * The fact the step produces (a document, a sign-off, a measurement).
 * @param step The step.
 * @return Owned by the methodology; NULL when the step names none.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_fact *veikart_step_produces(const veikart_step *step);

/**
 * The step that must be done before this one can be marked done
 * (`after-step="..."`).  It is a step of the same phase, listed earlier.
 * @param step The step.
 * @return Owned by the methodology; NULL when the step waits for none or
 *         @p step is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_step *veikart_step_after(const veikart_step *step);

/** @} */

/**
 * @defgroup veikart_gates Gates, criteria and outcomes
 * @ingroup veikart_method
 * @{
 */

/**
 * Number of gates.
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_gate_count(const veikart_method *method);

/**
 * A gate by position, in document order.
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_gate_count().
 * @return Owned by @p method; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_gate *veikart_method_gate(const veikart_method *method, size_t index);

/**
 * A gate by id.
 * @param method The methodology.
 * @param id The gate's id.
 * @return Owned by @p method; NULL when there is no such gate.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_gate *veikart_method_gate_by_id(const veikart_method *method,
                                                          const char *id);

/**
 * The gate's id.
 * @param gate The gate.
 * @return Owned by the methodology; NULL when @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_gate_id(const veikart_gate *gate);

/**
 * The gate's title in a language, chosen as for veikart_method_title().
 * @param gate The gate.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_gate_title(const veikart_gate *gate, const char *lang);

/**
 * What is decided at the gate, in a language, if the methodology says.
 * @param gate The gate.
 * @param lang A language tag, or NULL for the default; chosen as for veikart_method_title().
 * @return Owned by the methodology; NULL when there is no description.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_gate_description(const veikart_gate *gate, const char *lang);

/**
 * The phase the gate leaves.
 * @param gate The gate.
 * @return Owned by the methodology; NULL when @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_gate_from(const veikart_gate *gate);

/**
 * How the gate turns criterion results into a verdict.
 * @param gate The gate.
 * @return The rule; #VEIKART_AGGREGATION_MUST_THEN_SCORE when @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_aggregation veikart_gate_aggregation(const veikart_gate *gate);

/**
 * The weighted should-score (0 to 1) the gate needs under
 * #VEIKART_AGGREGATION_MUST_THEN_SCORE.
 * @param gate The gate.
 * @return The threshold; 0 when the gate sets none or @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API double veikart_gate_threshold(const veikart_gate *gate);

/**
 * How many criteria must be met under #VEIKART_AGGREGATION_K_OF_N.
 * @param gate The gate.
 * @return k; 0 for other rules or when @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API unsigned int veikart_gate_k(const veikart_gate *gate);

/**
 * The interval of a recurring review (`every-days`): the gate comes due
 * this many days after its phase is entered, and again after each continue
 * decision at it (see veikart_initiative_review_due()).
 * @param gate The gate.
 * @return Days; 0 when the gate is not a recurring review or @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API unsigned int veikart_gate_every_days(const veikart_gate *gate);

/**
 * Number of authority rules.  The first rule whose condition holds (or
 * that has none) names the role that decides at the gate.
 * @param gate The gate.
 * @return The count; 0 when @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_gate_authority_count(const veikart_gate *gate);

/**
 * The role an authority rule gives the decision to.
 * @param gate The gate.
 * @param index 0-based, less than veikart_gate_authority_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_gate_authority_role(const veikart_gate *gate, size_t index);

/**
 * The condition of an authority rule, as an expression in canonical form.
 * @param gate The gate.
 * @param index 0-based, less than veikart_gate_authority_count().
 * @return Owned by the methodology; NULL when the rule has no condition or
 *         @p index is out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_gate_authority_condition(const veikart_gate *gate, size_t index);

/**
 * Number of criteria.
 * @param gate The gate.
 * @return The count; 0 when @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_gate_criterion_count(const veikart_gate *gate);

/**
 * A criterion by position, in document order.
 * @param gate The gate.
 * @param index 0-based, less than veikart_gate_criterion_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_criterion *veikart_gate_criterion(const veikart_gate *gate, size_t index);

/**
 * A criterion by id.
 * @param gate The gate.
 * @param id The criterion's id, unique within the gate.
 * @return Owned by the methodology; NULL when there is no such criterion.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_criterion *veikart_gate_criterion_by_id(const veikart_gate *gate,
                                                                  const char *id);

/**
 * Number of outcomes a decision at the gate may take.
 * @param gate The gate.
 * @return The count; 0 when @p gate is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_gate_outcome_count(const veikart_gate *gate);

/**
 * An outcome by position, in document order.
 * @param gate The gate.
 * @param index 0-based, less than veikart_gate_outcome_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_outcome *veikart_gate_outcome(const veikart_gate *gate, size_t index);

/**
 * The criterion's id, unique within its gate.
 * @param criterion The criterion.
 * @return Owned by the methodology; NULL when @p criterion is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_criterion_id(const veikart_criterion *criterion);

/**
 * The criterion's text in a language, chosen as for veikart_method_title().
 * @param criterion The criterion.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p criterion is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_criterion_text(const veikart_criterion *criterion,
                                               const char *lang);

/**
 * Whether the criterion must be met, counts towards the score, or informs.
 * @param criterion The criterion.
 * @return The level; #VEIKART_LEVEL_INFO when @p criterion is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_level veikart_criterion_level(const veikart_criterion *criterion);

/**
 * The name of a level: "must", "should" or "info".
 * @param level A #veikart_level.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_level_name(veikart_level level);

/**
 * The criterion's weight in the should-score.
 * @param criterion The criterion.
 * @return The weight (default 1); 0 when @p criterion is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API double veikart_criterion_weight(const veikart_criterion *criterion);

/**
 * The kind the criterion was written as.
 * @param criterion The criterion.
 * @return The kind; #VEIKART_CRITERION_EXPR when @p criterion is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_criterion_kind veikart_criterion_kind_of(const veikart_criterion *criterion);

/**
 * The expression the criterion compiles to, in canonical form.  Structured
 * kinds show the expression they stand for (`<signoff fact="mandate"/>` is
 * `signed(mandate)`).
 * @param criterion The criterion.
 * @return Owned by the methodology; NULL when @p criterion is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_criterion_expression(const veikart_criterion *criterion);

/**
 * Number of framework tags on the criterion (`NASSS:2d`, `CFIR:I.E`).
 * @param criterion The criterion.
 * @return The count; 0 when @p criterion is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_criterion_tag_count(const veikart_criterion *criterion);

/**
 * A framework tag, in document order.
 * @param criterion The criterion.
 * @param index 0-based, less than veikart_criterion_tag_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_criterion_tag(const veikart_criterion *criterion, size_t index);

/**
 * Number of facts the criterion's expression reads.
 * @param criterion The criterion.
 * @return The count; 0 when @p criterion is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_criterion_fact_count(const veikart_criterion *criterion);

/**
 * A fact the criterion's expression reads, in order of first mention.
 * @param criterion The criterion.
 * @param index 0-based, less than veikart_criterion_fact_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_fact *veikart_criterion_fact(const veikart_criterion *criterion,
                                                       size_t index);

/**
 * The name of an outcome kind: "go", "conditional-go", "hold", "recycle",
 * "stop", "skip" or "continue".
 * @param kind A #veikart_outcome_kind.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_outcome_kind_name(veikart_outcome_kind kind);

/**
 * The outcome's canonical kind.
 * @param outcome The outcome.
 * @return The kind; #VEIKART_OUTCOME_HOLD when @p outcome is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_outcome_kind veikart_outcome_kind_of(const veikart_outcome *outcome);

/**
 * The phase the outcome leads to.
 * @param outcome The outcome.
 * @return Owned by the methodology; NULL for outcomes that stay (hold,
 *         continue) or end without a closing phase (stop).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_outcome_target(const veikart_outcome *outcome);

/**
 * The outcome's label in a language, chosen as for veikart_method_title();
 * without labels, the kind's name.
 * @param outcome The outcome.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology or static; NULL when @p outcome is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_outcome_label(const veikart_outcome *outcome, const char *lang);

/** @} */

VEIKART_END_DECL

#endif
