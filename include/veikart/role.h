/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_ROLE_H
#define VEIKART_ROLE_H

/**
 * @file veikart/role.h
 * @brief Roles and bodies of a methodology.
 *
 * The roles people are assigned to, who may override a gate.  Every handle and string belongs to
 * the methodology (see method.h) and lives as long as it does.
 */

#include <stddef.h>

#include "common.h"
#include "types.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_roles Roles
 * @ingroup veikart_method
 * @{
 */

/**
 * Number of roles.
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_role_count(const veikart_method *method);

/**
 * A role by position, in document order.
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_role_count().
 * @return Owned by @p method; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_method_role(const veikart_method *method, size_t index);

/**
 * A role by id.
 * @param method The methodology.
 * @param id The role's id.
 * @return Owned by @p method; NULL when there is no such role.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_method_role_by_id(const veikart_method *method,
                                                          const char *id);

/**
 * The role's id.
 * @param role The role.
 * @return Owned by the methodology; NULL when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_role_id(const veikart_role *role);

/**
 * The role's title in a language, chosen as for veikart_method_title().
 * @param role The role.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_role_title(const veikart_role *role, const char *lang);

/**
 * What the role does, in a language, if the methodology says.
 * @param role The role.
 * @param lang A language tag, or NULL for the default; chosen as for veikart_method_title().
 * @return Owned by the methodology; NULL when there is no description.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_role_description(const veikart_role *role, const char *lang);

/**
 * Whether the role is held by people or is a collective body.
 * @param role The role.
 * @return The kind; #VEIKART_ROLE_PERSON when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_role_kind veikart_role_kind_of(const veikart_role *role);

/**
 * Whether people holding this role may override a gate that is not ready.
 * @param role The role.
 * @return 1 or 0; 0 when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_role_may_override(const veikart_role *role);

/**
 * Number of roles whose holders may assign this role to people and take it
 * away: the role's `assigned-by`, or the default docs/format.md describes
 * (the roles that may override; without those, the roles that decide at
 * some gate; without those, every role).
 * @param role The role.
 * @return The count; 0 when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_role_assigner_count(const veikart_role *role);

/**
 * A role that may assign this one, by position.
 * @param role The role.
 * @param index 0-based, less than veikart_role_assigner_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_role_assigner(const veikart_role *role, size_t index);

/**
 * Whether holders of @p assigner may assign @p role.
 * @param assigner The role an actor holds.
 * @param role The role to assign.
 * @return 1 or 0; 0 when either is NULL or they belong to different
 *         methodologies.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_role_may_assign(const veikart_role *assigner, const veikart_role *role);

/**
 * Whether someone who may assign this role may assign it to themselves
 * (the role's `self-assign`).  Without it, only the initiative's creator,
 * before every assigning role is held, assigns roles to themselves.
 * @param role The role.
 * @return 1 or 0; 0 when @p role is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_role_self_assign(const veikart_role *role);

/** @} */

VEIKART_END_DECL

#endif
