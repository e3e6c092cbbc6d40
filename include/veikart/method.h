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
#include "types.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_method Methodologies
 * @{
 */

/** Id of the methodology compiled into the library (the KS Veikart). */
#define VEIKART_DEFAULT_METHOD "ks-veikart"

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
 *         #VEIKART_EIO when it cannot be read, or is not a regular file
 *         (a FIFO, a device, a directory, a file under /proc: the message
 *         says which; such a file is refused without waiting on it);
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

VEIKART_END_DECL

/* The parts of a methodology, each in a header of its own; including
 * method.h declares them all, as it always has. */
#include "fact.h"
#include "gate.h"
#include "phase.h"
#include "role.h"
#include "unit_type.h"

#endif
