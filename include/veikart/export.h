/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_EXPORT_H
#define VEIKART_EXPORT_H

/**
 * @file veikart/export.h
 * @brief Reports for people: what a steering group reads at a gate meeting.
 */

#include "common.h"
#include "initiative.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_export Reports for people
 * @{
 */

/** Formats of a written report. */
typedef enum veikart_export_format {
	VEIKART_EXPORT_MARKDOWN = 0, /**< Markdown text. */
	VEIKART_EXPORT_HTML =
	        1 /**< One self-contained HTML page (styles inline, no scripts, no links out). */
} veikart_export_format;

/**
 * Write a report on an initiative: where it stands (phase, days in phase,
 * a stalled warning), who holds which role, the phase timeline, the gate
 * report of the current phase with what is missing, every decision with
 * its rationale, override and the report it was taken on, conditions and
 * whether they are met or overdue, the facts with who recorded them, and
 * the last event's hash for anchoring.
 *
 * The same initiative at the same clock time always gives the same text.
 *
 * @param out Receives the text, NUL-terminated; free it with veikart_string_free().
 * @param length If not NULL, receives its length in bytes.
 * @param initiative The initiative.
 * @param format #VEIKART_EXPORT_MARKDOWN or #VEIKART_EXPORT_HTML.
 * @param lang Language of the methodology's labels (phases, gates,
 *        criteria), or NULL for the methodology's own; the report's own
 *        words are English.
 * @return 0; #VEIKART_ESTATE before the initiative is created;
 *         #VEIKART_EINVALID for NULL arguments or an unknown format; #VEIKART_ENOMEM.
 * @since 0.1.0
 */
VEIKART_API int veikart_initiative_export(char **out, size_t *length,
                                          const veikart_initiative *initiative,
                                          veikart_export_format format, const char *lang);

/** @} */

VEIKART_END_DECL

#endif
