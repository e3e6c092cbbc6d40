/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_REPORT_H
#define VEIKART_REPORT_H

/**
 * @file veikart/report.h
 * @brief Gate reports: every criterion met, unmet or unknown, and why.
 *
 * A report is what a steering group reads before deciding at a gate: each
 * criterion with its result and reason, how the must and should criteria
 * add up, the score, the verdict and the outcome the gate recommends.  The
 * library recommends; the authority decides.
 */

#include <stdint.h>

#include "common.h"
#include "expr.h"
#include "types.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_report Gate reports
 * @{
 */

/**
 * The evaluation of a gate at one moment.  Immutable.
 *
 * A report on a gate whose criteria read only initiative facts of the plain
 * types (yes/no, integers, numbers, ratios, dates, durations, scale levels)
 * and the clock keeps the values they read, and writes its reasons and
 * summary when they are first asked for: a tool that wants only verdicts
 * does not pay for the words.  What it writes is what it would have
 * written when it was made, whatever happened to the initiative since.
 */
typedef struct veikart_report veikart_report;

/** What a report concludes. */
typedef enum veikart_verdict {
	/** Every criterion the gate's rule needs is met: the gate may be passed. */
	VEIKART_VERDICT_READY = 0,
	/** Nothing needed is unmet, but some is unknown: record what is missing. */
	VEIKART_VERDICT_INCOMPLETE = 1,
	/** A must criterion is unmet, or the rule cannot be satisfied. */
	VEIKART_VERDICT_BLOCKED = 2,
	/** An advisory gate: a profile, never a verdict. */
	VEIKART_VERDICT_ADVISORY = 3
} veikart_verdict;

/**
 * The name of a verdict: "ready", "incomplete", "blocked" or "advisory".
 * @param verdict A #veikart_verdict.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_verdict_name(veikart_verdict verdict);

/**
 * The verdict named NAME: the inverse of veikart_verdict_name(), for reading
 * names from records, command lines and configuration.
 * @param name A name as veikart_verdict_name() writes it, such as "incomplete".
 * @param out The verdict; unchanged on failure.
 * @return 0, or #VEIKART_EINVALID when NAME or OUT is NULL or NAME is not
 *         a name of one (the message lists the names).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_verdict_from_name(const char *name, veikart_verdict *out);

/**
 * The gate the report is about.
 * @param report The report.
 * @return Owned by the methodology; NULL when @p report is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_gate *veikart_report_gate(const veikart_report *report);

/**
 * When the gate was evaluated, in seconds since 1970-01-01T00:00:00Z.
 * @param report The report.
 * @return The time; 0 when @p report is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int64_t veikart_report_time(const veikart_report *report);

/**
 * The verdict.
 * @param report The report.
 * @return The verdict; #VEIKART_VERDICT_BLOCKED when @p report is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_verdict veikart_report_verdict(const veikart_report *report);

/**
 * The weighted should-score: the weight of the should criteria met divided
 * by the weight of all should criteria.  A gate without should criteria
 * scores 1.
 * @param report The report.
 * @return Between 0 and 1; 0 when @p report is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API double veikart_report_score(const veikart_report *report);

/**
 * The outcome the gate recommends: its go outcome when ready, its hold
 * outcome when not.
 * @param report The report.
 * @return Owned by the methodology; NULL for an advisory gate, when the
 *         gate has no outcome of the recommended kind, or when @p report is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_outcome *veikart_report_recommended(const veikart_report *report);

/**
 * One sentence saying what the verdict rests on ("blocked: 1 of 2 must
 * criteria unmet (adoption); should-score 0.50, needs 0.50").
 * @param report The report.
 * @return Owned by @p report; NULL when @p report is NULL.  When the
 *         sentence is written now (see #veikart_report) and memory runs
 *         out, a fixed text saying so, which is not kept: asking again
 *         tries again.
 * @note Thread-safe: threads asking at once get the same text.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_report_summary(const veikart_report *report);

/**
 * Number of criteria in the report (all of the gate's, in its order).
 * @param report The report.
 * @return The count; 0 when @p report is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_report_count(const veikart_report *report);

/**
 * The criterion of a result.
 * @param report The report.
 * @param index 0-based, less than veikart_report_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_criterion *veikart_report_criterion(const veikart_report *report,
                                                              size_t index);

/**
 * The result of a criterion.
 * @param report The report.
 * @param index 0-based, less than veikart_report_count().
 * @return Met, unmet or unknown; #VEIKART_UNKNOWN when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_truth veikart_report_truth(const veikart_report *report, size_t index);

/**
 * Why a criterion has its result ("`active_use_ratio` is 0.45, not ge 0.6",
 * "fact `pilot_report` is not recorded").
 * @param report The report.
 * @param index 0-based, less than veikart_report_count().
 * @return Owned by @p report; NULL when out of range.  When the reasons
 *         are written now (see #veikart_report) and memory runs out, a
 *         fixed text saying so, which is not kept: asking again tries again.
 * @note Thread-safe: threads asking at once get the same text.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_report_reason(const veikart_report *report, size_t index);

/**
 * Free a report.
 *
 * Reports kept with decisions belong to their initiative and are not freed
 * by the caller.
 *
 * @param report The report; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_report_free(veikart_report *report);

/** @} */

VEIKART_END_DECL

#endif
