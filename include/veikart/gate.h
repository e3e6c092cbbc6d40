/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_GATE_H
#define VEIKART_GATE_H

/**
 * @file veikart/gate.h
 * @brief Gates, criteria and outcomes of a methodology.
 *
 * The decision points that leave a phase: who decides, the criteria, how they add up, and where
 * each outcome leads.  Every handle and string belongs to the methodology (see method.h) and lives
 * as long as it does.
 */

#include <stddef.h>

#include "common.h"
#include "types.h"

VEIKART_BEGIN_DECL

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
 * The criterion level named NAME: the inverse of veikart_level_name(), for reading
 * names from records, command lines and configuration.
 * @param name A name as veikart_level_name() writes it, such as "should".
 * @param out The criterion level; unchanged on failure.
 * @return 0, or #VEIKART_EINVALID when NAME or OUT is NULL or NAME is not
 *         a name of one (the message lists the names).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_level_from_name(const char *name, veikart_level *out);

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
 * The outcome kind named NAME: the inverse of veikart_outcome_kind_name(), for reading
 * names from records, command lines and configuration.
 * @param name A name as veikart_outcome_kind_name() writes it, such as "conditional-go".
 * @param out The outcome kind; unchanged on failure.
 * @return 0, or #VEIKART_EINVALID when NAME or OUT is NULL or NAME is not
 *         a name of one (the message lists the names).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_outcome_kind_from_name(const char *name, veikart_outcome_kind *out);

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

/* Before 0.1.0 this header held gate reports; they are in report.h now,
 * and including gate.h still declares them. */
#include "report.h"

#endif
