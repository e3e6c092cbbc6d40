/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_DIAGNOSTICS_H
#define VEIKART_DIAGNOSTICS_H

/**
 * @file veikart/diagnostics.h
 * @brief Every problem a load found, each with its place in the file.
 *
 * A load does not stop at the first problem: it reports all it can find, so
 * a methodology author fixes a file in one round.  Each diagnostic names the
 * file, line and column and says what is wrong in the author's terms.
 */

#include "common.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_diagnostics Diagnostics
 * @{
 */

/** How serious a diagnostic is. */
typedef enum veikart_severity {
	VEIKART_SEVERITY_ERROR = 0,   /**< The document cannot be used. */
	VEIKART_SEVERITY_WARNING = 1, /**< The document loads, but probably not as meant. */
	VEIKART_SEVERITY_NOTE = 2     /**< Context for the diagnostic before it. */
} veikart_severity;

/**
 * One problem found in a document.
 *
 * Fields may be appended in later versions; never allocate this structure
 * yourself.  Strings belong to the list that returned the diagnostic.
 *
 * @since 0.1.0
 */
typedef struct veikart_diagnostic {
	veikart_severity severity; /**< Error, warning or note. */
	const char *file;          /**< The file (or name given to a buffer); never NULL. */
	unsigned int line;         /**< 1-based line, or 0 when the problem is not at one place. */
	unsigned int column;       /**< 1-based column in characters, or 0 when unknown. */
	const char *message;       /**< What is wrong, in words; never NULL. */
} veikart_diagnostic;

/** A list of diagnostics, in the order of the places they refer to. */
typedef struct veikart_diagnostics veikart_diagnostics;

/**
 * Number of diagnostics in the list.
 *
 * @param diags The list; NULL counts as empty.
 * @return The count.
 * @note Safe to call from several threads on the same list.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_diagnostics_count(const veikart_diagnostics *diags);

/**
 * Number of diagnostics of severity #VEIKART_SEVERITY_ERROR.
 *
 * @param diags The list; NULL counts as empty.
 * @return The count.
 * @note Safe to call from several threads on the same list.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_diagnostics_error_count(const veikart_diagnostics *diags);

/**
 * One diagnostic of the list.
 *
 * @param diags The list.
 * @param index 0-based position, less than veikart_diagnostics_count().
 * @return A pointer owned by @p diags, or NULL when @p diags is NULL or
 *         @p index is out of range.
 * @note Safe to call from several threads on the same list.
 * @since 0.1.0
 */
VEIKART_API const veikart_diagnostic *veikart_diagnostics_get(const veikart_diagnostics *diags,
                                                              size_t index);

/**
 * Format a diagnostic the way compilers do: `FILE:LINE:COL: error: TEXT`.
 *
 * Line and column are left out when unknown.  The result is always
 * NUL-terminated when @p size is not 0, and truncated to fit.
 *
 * @param buf Where to write.
 * @param size Size of @p buf in bytes.
 * @param diag The diagnostic.
 * @return The length the full text needs, not counting the NUL (as
 *         snprintf()), or #VEIKART_EINVALID when @p diag is NULL or @p buf is
 *         NULL with a non-zero @p size.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_diagnostic_format(char *buf, size_t size, const veikart_diagnostic *diag);

/**
 * Free a diagnostics list.
 *
 * @param diags The list; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_diagnostics_free(veikart_diagnostics *diags);

/** @} */

VEIKART_END_DECL

#endif
