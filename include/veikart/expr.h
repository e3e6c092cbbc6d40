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
 *
 * A #veikart_facts set can also hold rollout units, each with its phase,
 * wave, type and unit-scope facts, and the initiative's phase: a sandbox
 * for roll-ups such as `ratio(in_phase('live'))` and for expressions of
 * unit phases (veikart_expr_compile_in() with #VEIKART_SCOPE_UNIT).
 */

#include <stdint.h>

#include "common.h"
#include "types.h"

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

/**
 * The truth value named NAME: the inverse of veikart_truth_name(), for reading
 * names from records, command lines and configuration.
 * @param name A name as veikart_truth_name() writes it, such as "unknown".
 * @param out The truth value; unchanged on failure.
 * @return 0, or #VEIKART_EINVALID when NAME or OUT is NULL or NAME is not
 *         a name of one (the message lists the names).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_truth_from_name(const char *name, veikart_truth *out);

/** Marks a time that is not known, in #veikart_eval_options. */
#define VEIKART_TIME_UNKNOWN INT64_MIN

/** Version of #veikart_eval_options these headers describe. */
#define VEIKART_EVAL_OPTIONS_VERSION 1

/**
 * The moment an expression is evaluated at, and the unit it is about.
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
	/**
	 * For an expression compiled with #VEIKART_SCOPE_UNIT: the id of the
	 * unit at hand, one added with veikart_facts_add_unit().  Its
	 * unit-scope facts, `phase()`, `wave()` and the like are that unit's.
	 * NULL: no unit at hand, so those are unknown.  Must be NULL for an
	 * expression of the initiative.
	 */
	const char *unit;
} veikart_eval_options;

/** Static initialiser for #veikart_eval_options: both times unknown, no unit. */
#define VEIKART_EVAL_OPTIONS_INIT                                                              \
	{                                                                                      \
		VEIKART_EVAL_OPTIONS_VERSION, VEIKART_TIME_UNKNOWN, VEIKART_TIME_UNKNOWN, NULL \
	}

/**
 * Initialise a #veikart_eval_options to its defaults, as #VEIKART_EVAL_OPTIONS_INIT does, for
 * callers that cannot use the macro (bindings, C++).
 *
 * @param opts The structure to fill.
 * @param version #VEIKART_EVAL_OPTIONS_VERSION.
 * @return 0, #VEIKART_EINVALID when @p opts is NULL, or #VEIKART_EVERSION
 *         when @p version is not one this library knows.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_eval_options_init(veikart_eval_options *opts, unsigned int version);

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
 * Compile an expression as it would stand in a gate of the initiative or
 * of a unit phase.
 *
 * With #VEIKART_SCOPE_INITIATIVE this is veikart_expr_compile(): a
 * unit-scope fact may appear only inside a roll-up (`mean(users_active)`),
 * and `phase()`, `in_phase()` and `reached()` outside roll-ups are about the
 * initiative.  With #VEIKART_SCOPE_UNIT the expression is about one unit,
 * named at evaluation by veikart_eval_options.unit: unit-scope facts,
 * `phase()`, `wave()`, `unit_type()` and `earlier_waves_reached()` read
 * that unit.  Phase names in `in_phase('...')` and the like are checked
 * against the methodology's phases now.
 *
 * @param out Receives the expression; free it with veikart_expr_free().
 *        It must not outlive @p method.
 * @param method The methodology whose facts, scales and phases names refer to.
 * @param source The expression text, NUL-terminated, UTF-8.
 * @param scope #VEIKART_SCOPE_INITIATIVE or #VEIKART_SCOPE_UNIT.
 * @return 0; #VEIKART_EFORMAT for a syntax, name or type error (with the
 *         column in veikart_error_last()); #VEIKART_ELIMIT;
 *         #VEIKART_EINVALID for NULL arguments or another @p scope;
 *         #VEIKART_ENOMEM.
 * @note Thread-safe; @p method may be shared.
 * @since 0.1.0
 */
VEIKART_API int veikart_expr_compile_in(veikart_expr **out, const veikart_method *method,
                                        const char *source, veikart_scope scope);

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
 * @param facts The values to read, with the rollout units that roll-ups
 *        range over and the initiative's phase; NULL reads every fact as
 *        not recorded, with no units and no phase.  It must come from the
 *        methodology @p expr was compiled against.
 * @param opts The moment of evaluation and the unit at hand, or NULL when
 *        no time is known and there is no unit at hand.
 * @return 0; #VEIKART_EMISMATCH when @p facts belongs to another
 *         methodology; #VEIKART_ENOTFOUND when @p facts has no unit
 *         `opts->unit`; #VEIKART_EINVALID for a NULL argument, or a unit
 *         given for an expression of the initiative; #VEIKART_EVERSION;
 *         #VEIKART_ENOMEM.
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
 * @param fact_id A fact of scope initiative declared by the methodology.
 * @param value The value as text.
 * @return 0; #VEIKART_ENOTFOUND when no fact has that id; #VEIKART_ESTATE
 *         when the fact is recorded per unit (use veikart_facts_set_unit());
 *         #VEIKART_ETYPE when @p value is not a valid value of the fact's
 *         type (the error message says what was expected);
 *         #VEIKART_EINVALID; #VEIKART_ENOMEM.  On failure the fact keeps
 *         its previous value.
 * @note Not thread-safe on the same @p facts.
 * @since 0.1.0
 */
VEIKART_API int veikart_facts_set(veikart_facts *facts, const char *fact_id, const char *value);

/**
 * Forget a fact's value, so that it reads as not recorded.
 * @param facts The set.
 * @param fact_id A fact of scope initiative declared by the methodology.
 * @return 0; #VEIKART_ENOTFOUND; #VEIKART_ESTATE for a fact recorded per
 *         unit; #VEIKART_EINVALID.
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

/**
 * Add a rollout unit to the set: roll-ups range over the units in the
 * order they were added, and veikart_eval_options.unit can name it as the
 * unit at hand.  Its unit-scope facts start out not recorded.
 *
 * @param facts The set.
 * @param unit_id The unit's id, unique in the set; non-empty UTF-8 text
 *        without control characters.  Reasons name the unit by it.
 * @param type The unit type (what `unit_type()` gives), or NULL for none.
 *        When the methodology declares unit types, one of them.
 * @param wave The rollout wave, 1 and up (what `wave()` gives), or 0 for none.
 * @param phase_id The unit's current phase, a phase of scope unit, or NULL
 *        when the unit has not started.
 * @return 0; #VEIKART_EEXISTS when the set has a unit of that id already;
 *         #VEIKART_ENOTFOUND when the methodology has no phase @p phase_id,
 *         or declares unit types but not @p type;
 *         #VEIKART_EINVALID for NULL @p facts or @p unit_id, an empty or
 *         unprintable id or type, a negative wave, or a phase of the
 *         initiative; #VEIKART_ENOMEM.  On failure the set is unchanged.
 * @note Not thread-safe on the same @p facts.
 * @since 0.1.0
 */
VEIKART_API int veikart_facts_add_unit(veikart_facts *facts, const char *unit_id, const char *type,
                                       int wave, const char *phase_id);

/**
 * Record a unit-scope fact's value for one unit, given as text and parsed
 * by the fact's type as veikart_facts_set() does.
 *
 * @param facts The set.
 * @param unit_id A unit added with veikart_facts_add_unit().
 * @param fact_id A fact of scope unit declared by the methodology.
 * @param value The value as text.
 * @return 0; #VEIKART_ENOTFOUND when there is no such unit or fact;
 *         #VEIKART_ESTATE when the fact is recorded for the initiative
 *         (use veikart_facts_set()); #VEIKART_ETYPE when @p value is not a
 *         valid value of the fact's type; #VEIKART_EINVALID;
 *         #VEIKART_ENOMEM.  On failure the fact keeps its previous value.
 * @note Not thread-safe on the same @p facts.
 * @since 0.1.0
 */
VEIKART_API int veikart_facts_set_unit(veikart_facts *facts, const char *unit_id,
                                       const char *fact_id, const char *value);

/**
 * A unit's value of a unit-scope fact, written as veikart_facts_set_unit()
 * would accept it.
 * @param facts The set.
 * @param unit_id The unit's id.
 * @param fact_id The fact's id.
 * @return Owned by @p facts until the value changes; NULL when the value
 *         is not recorded, or the unit or fact does not exist.
 * @note Not thread-safe against writers of the same @p facts.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_facts_get_unit(const veikart_facts *facts, const char *unit_id,
                                               const char *fact_id);

/**
 * Set the initiative's current phase, what `phase()`, `in_phase()` and
 * `reached()` outside roll-ups and `initiative_reached()` read.  Until it
 * is set, those are unknown.
 * @param facts The set.
 * @param phase_id A phase of scope initiative, or NULL for not known.
 * @return 0; #VEIKART_ENOTFOUND when the methodology has no such phase;
 *         #VEIKART_EINVALID for NULL @p facts or a phase walked by units.
 * @note Not thread-safe on the same @p facts.
 * @since 0.1.0
 */
VEIKART_API int veikart_facts_set_phase(veikart_facts *facts, const char *phase_id);

/** @} */

VEIKART_END_DECL

/* Everything a methodology declares, as this header always included. */
#include "method.h"

#endif
