/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_UNIT_TYPE_H
#define VEIKART_UNIT_TYPE_H

/**
 * @file veikart/unit_type.h
 * @brief Rollout unit types of a methodology.
 *
 * The kinds of rollout unit (municipality, site, team) and which kind belongs under which.  Every
 * handle and string belongs to the methodology (see method.h) and lives as long as it does.
 */

#include <stddef.h>

#include "common.h"
#include "types.h"

VEIKART_BEGIN_DECL

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

VEIKART_END_DECL

#endif
