/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_FACT_H
#define VEIKART_FACT_H

/**
 * @file veikart/fact.h
 * @brief Fact declarations and scales of a methodology.
 *
 * What an initiative records, each fact with its type, and the scales ratings are given on.  Every
 * handle and string belongs to the methodology (see method.h) and lives as long as it does.
 */

#include <stddef.h>

#include "common.h"
#include "types.h"

VEIKART_BEGIN_DECL

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
 * The type named NAME: the inverse of veikart_type_name(), for reading
 * names from records, command lines and configuration.
 * @param name A name as veikart_type_name() writes it, such as "ratio".
 * @param out The type; unchanged on failure.
 * @return 0, or #VEIKART_EINVALID when NAME or OUT is NULL or NAME is not
 *         a name of one (the message lists the names).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_type_from_name(const char *name, veikart_type *out);

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
 * Number of roles the fact names as the ones that record it (its
 * `recorded-by`): only holders of one of them may set, clear or attach it.
 * @param fact The fact declaration.
 * @return The count; 0 when any role in the initiative may record the fact,
 *         or when @p fact is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_fact_recorder_count(const veikart_fact *fact);

/**
 * A role that records the fact, by position in its `recorded-by`.
 * @param fact The fact declaration.
 * @param index 0-based, less than veikart_fact_recorder_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_fact_recorder(const veikart_fact *fact, size_t index);

/**
 * Whether a holder of @p role may record (set, clear, attach) the fact.
 * @param fact The fact declaration.
 * @param role A role of the same methodology.
 * @return 1 or 0: 1 when the fact names @p role in its `recorded-by` or
 *         names no roles at all; 0 when either is NULL or they belong to
 *         different methodologies.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_fact_may_record(const veikart_fact *fact, const veikart_role *role);

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

VEIKART_END_DECL

#endif
