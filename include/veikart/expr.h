/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_EXPR_H
#define VEIKART_EXPR_H

/**
 * @file veikart/expr.h
 * @brief The criteria expression language: compile, hold values, evaluate.
 *
 * Every criterion is an expression over facts, compiled and type-checked
 * when its methodology loads.  This header lets a program do the same with
 * an expression of its own: compile it against a methodology's fact
 * declarations, put values in a #veikart_facts set, and evaluate.
 * Evaluation is three-valued (met, unmet, unknown) and always explains
 * itself.  docs/format.md describes the language.
 */

#include <stdint.h>

#include "common.h"
#include "method.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_expr Expressions
 * @{
 */

/** A compiled expression.  Immutable; shareable between threads. */
typedef struct veikart_expr veikart_expr;
/** A set of fact values, typed by a methodology's declarations. */
typedef struct veikart_facts veikart_facts;
/** The result of evaluating an expression. */
typedef struct veikart_value veikart_value;

/** Three-valued truth. */
typedef enum veikart_truth {
	VEIKART_UNMET = 0,  /**< The expression is false. */
	VEIKART_MET = 1,    /**< The expression is true. */
	VEIKART_UNKNOWN = 2 /**< Not enough is known to tell (a fact not recorded, ...). */
} veikart_truth;

/**
 * The name of a truth value: "met", "unmet" or "unknown".
 * @param truth A #veikart_truth.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_truth_name(veikart_truth truth);

/** Marks a time that is not known, in #veikart_eval_options. */
#define VEIKART_TIME_UNKNOWN INT64_MIN

/** Version of #veikart_eval_options these headers describe. */
#define VEIKART_EVAL_OPTIONS_VERSION 1

/**
 * The moment an expression is evaluated at.
 *
 * Times are seconds since 1970-01-01T00:00:00Z.  `today()` is the UTC date
 * of #now, and `days_in_phase()` the whole days from #phase_entered to #now.
 *
 * @since 0.1.0
 */
typedef struct veikart_eval_options {
	/** Set to #VEIKART_EVAL_OPTIONS_VERSION. */
	unsigned int version;
	/** The time of evaluation, or #VEIKART_TIME_UNKNOWN. */
	int64_t now;
	/** When the current phase was entered, or #VEIKART_TIME_UNKNOWN. */
	int64_t phase_entered;
} veikart_eval_options;

/** Static initialiser for #veikart_eval_options: both times unknown. */
#define VEIKART_EVAL_OPTIONS_INIT                                                        \
	{                                                                                \
		VEIKART_EVAL_OPTIONS_VERSION, VEIKART_TIME_UNKNOWN, VEIKART_TIME_UNKNOWN \
	}

/**
 * Compile an expression against a methodology's fact declarations.
 *
 * The expression is parsed and type-checked now; evaluating it later
 * cannot fail on types.  A syntax or type error comes back as
 * #VEIKART_EFORMAT with veikart_error_last() saying what is wrong and at
 * which column (line 1).
 *
 * @param out Receives the expression; free it with veikart_expr_free().
 *        It must not outlive @p method.
 * @param method The methodology whose facts and scales names refer to.
 * @param source The expression text, NUL-terminated, UTF-8.
 * @return 0; #VEIKART_EFORMAT for a syntax, name or type error;
 *         #VEIKART_ELIMIT when the text is longer or deeper than the
 *         methodology's load limits; #VEIKART_EINVALID for NULL arguments;
 *         #VEIKART_ENOMEM.
 * @note Thread-safe; @p method may be shared.
 * @since 0.1.0
 */
VEIKART_API int veikart_expr_compile(veikart_expr **out, const veikart_method *method,
                                     const char *source);

/**
 * Free a compiled expression.
 * @param expr The expression; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_expr_free(veikart_expr *expr);

/**
 * The expression in canonical form: one space around operators, word
 * forms for comparisons (`ge`, `lt`), no redundant parentheses.
 * @param expr The expression.
 * @return Owned by @p expr; NULL when @p expr is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_expr_text(const veikart_expr *expr);

/**
 * The type the expression evaluates to.
 * @param expr The expression.
 * @return The type; 0 when @p expr is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_type veikart_expr_type(const veikart_expr *expr);

/**
 * Evaluate an expression.
 *
 * Evaluation never fails on the expression's account: a fact that is not
 * recorded, a division by zero or an overflow make the result unknown,
 * with the reason.
 *
 * @param out Receives the result; free it with veikart_value_free().
 * @param expr The expression.
 * @param facts The values to read; NULL reads every fact as not recorded.
 *        It must come from the methodology @p expr was compiled against.
 * @param opts The moment of evaluation, or NULL when no time is known.
 * @return 0; #VEIKART_EMISMATCH when @p facts belongs to another
 *         methodology; #VEIKART_EINVALID; #VEIKART_EVERSION; #VEIKART_ENOMEM.
 * @note Thread-safe for distinct @p out; @p expr and @p facts are only read.
 * @since 0.1.0
 */
VEIKART_API int veikart_expr_evaluate(veikart_value **out, const veikart_expr *expr,
                                      const veikart_facts *facts, const veikart_eval_options *opts);

/**
 * The type of a result.
 * @param value The result.
 * @return The expression's type; 0 when @p value is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_type veikart_value_type(const veikart_value *value);

/**
 * The truth of a result.
 * @param value The result.
 * @return For a boolean result: met, unmet or unknown.  For other types:
 *         #VEIKART_UNKNOWN when the value is unknown, else #VEIKART_MET.
 *         #VEIKART_UNKNOWN when @p value is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_truth veikart_value_truth(const veikart_value *value);

/**
 * The result written as a literal of its type (`true` or `false`, `42`,
 * `0.8`, `2026-11-23`, `90d`, `'text'`); a rating as its quoted code.
 * @param value The result.
 * @return Owned by @p value; NULL when the value is unknown.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_value_text(const veikart_value *value);

/**
 * Why the result is what it is, in words: for an unknown value what is
 * missing ("fact `staff_trained` is not recorded"); for a boolean the
 * comparison that decided it ("`staff_trained` is 0.5, not ge 0.8").
 * @param value The result.
 * @return Owned by @p value; never NULL for a valid @p value (may be empty).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_value_reason(const veikart_value *value);

/**
 * Free a result.
 * @param value The result; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_value_free(veikart_value *value);

/**
 * Create an empty set of fact values for a methodology.
 *
 * @param out Receives the set; free it with veikart_facts_free().  It must
 *        not outlive @p method.
 * @param method The methodology whose declarations type the values.
 * @return 0; #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_facts_new(veikart_facts **out, const veikart_method *method);

/**
 * Free a set of fact values.
 * @param facts The set; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_facts_free(veikart_facts *facts);

/**
 * Record a fact's value, given as text and parsed by the fact's type.
 *
 * Accepted forms: bool `true`/`false`/`yes`/`no` in any case; integer
 * `42` or `+42`; number `3.5` or `1.5e6` (finite); ratio `0.8` or `80%`
 * (between 0 and 1); text as is (valid UTF-8); date `YYYY-MM-DD` (a real
 * calendar day); scale a level or special code of the fact's scale;
 * evidence `URI` optionally followed by ` sha256:HEX` (64 hex digits, kept
 * in lower case) and ` approved-by:PERSON`; signoff the signing person's
 * name.  Numbers are read the same whatever the C locale.
 *
 * @param facts The set.
 * @param fact_id A fact declared by the methodology.
 * @param value The value as text.
 * @return 0; #VEIKART_ENOTFOUND when no fact has that id; #VEIKART_ETYPE
 *         when @p value is not a valid value of the fact's type (the error
 *         message says what was expected); #VEIKART_EINVALID; #VEIKART_ENOMEM.
 *         On failure the fact keeps its previous value.
 * @note Not thread-safe on the same @p facts.
 * @since 0.1.0
 */
VEIKART_API int veikart_facts_set(veikart_facts *facts, const char *fact_id, const char *value);

/**
 * Forget a fact's value, so that it reads as not recorded.
 * @param facts The set.
 * @param fact_id A fact declared by the methodology.
 * @return 0; #VEIKART_ENOTFOUND; #VEIKART_EINVALID.
 * @note Not thread-safe on the same @p facts.
 * @since 0.1.0
 */
VEIKART_API int veikart_facts_unset(veikart_facts *facts, const char *fact_id);

/**
 * A fact's value, written as veikart_facts_set() would accept it.
 * @param facts The set.
 * @param fact_id The fact's id.
 * @return Owned by @p facts until the fact changes; NULL when the fact is
 *         not recorded or not declared.
 * @note Not thread-safe against writers of the same @p facts.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_facts_get(const veikart_facts *facts, const char *fact_id);

/** @} */

VEIKART_END_DECL

#endif
