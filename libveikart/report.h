/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Gate reports as the rest of the library makes them: a gate evaluated in
 * an evaluation environment, judged without words, or rebuilt from what a
 * decision recorded.  Reports know gates and expressions, not initiatives.
 */
#ifndef VEIKART_REPORT_INTERNAL_H
#define VEIKART_REPORT_INTERNAL_H

#include "expr.h"

/* Evaluate a gate.  With `words_now` 0, a report on a plain gate writes
 * its reasons and summary only when first asked for them. */
int veikart__report_evaluate(veikart_report **out, const veikart_gate *gate,
                             const veikart__eval_env *env, int words_now,
                             const veikart_allocator *alloc);
/* The truths (n = the gate's criteria) and the verdict of a gate, without
 * the reasons and summary in words a report carries: cheap enough to check
 * every recorded decision against. */
void veikart__gate_judge(const veikart_gate *gate, const veikart__eval_env *env,
                         veikart_truth *truths, veikart_verdict *verdict);
/* Set a report's score: a decision keeps the score as its record has it
 * (six significant digits), so that a live decision and its replay agree. */
void veikart__report_set_score(veikart_report *report, double score);

/* A report rebuilt from a recorded decision: per criterion, in the gate's
 * order, its truth and reason (criteria the record lacks are unknown). */
int veikart__report_rebuild(veikart_report **out, const veikart_gate *gate, int64_t time,
                            veikart_verdict verdict, double score, const veikart_truth *truths,
                            const char *const *reasons, const veikart_allocator *alloc);
/* Whether an outcome needs a ready gate (go, skip, continue) or one not
 * blocked (conditional go) to be taken without an override. */
int veikart__outcome_needs_override(veikart_outcome_kind kind, veikart_verdict verdict);

#endif
