/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_PHASE_H
#define VEIKART_PHASE_H

/**
 * @file veikart/phase.h
 * @brief Phases and steps of a methodology.
 *
 * The phases an initiative (or each rollout unit) walks, and the checklist of each.  Every handle
 * and string belongs to the methodology (see method.h) and lives as long as it does.
 */

#include <stddef.h>

#include "common.h"
#include "types.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_phases Phases and steps
 * @ingroup veikart_method
 * @{
 */

/**
 * The name of a phase kind: "needs", "planning", "pilot", "evaluation",
 * "rollout", "operation", "closed" or "custom".
 * @param kind A #veikart_phase_kind.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_kind_name(veikart_phase_kind kind);

/**
 * The kind of phase named NAME: the inverse of veikart_phase_kind_name(), for reading
 * names from records, command lines and configuration.
 * @param name A name as veikart_phase_kind_name() writes it, such as "pilot".
 * @param out The kind of phase; unchanged on failure.
 * @return 0, or #VEIKART_EINVALID when NAME or OUT is NULL or NAME is not
 *         a name of one (the message lists the names).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_phase_kind_from_name(const char *name, veikart_phase_kind *out);

/**
 * Number of phases.
 * @param method The methodology.
 * @return The count; 0 when @p method is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_method_phase_count(const veikart_method *method);

/**
 * A phase by position.  Positions follow the methodology's order, which
 * is what "earlier" means for a recycle.
 * @param method The methodology.
 * @param index 0-based, less than veikart_method_phase_count().
 * @return Owned by @p method; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_method_phase(const veikart_method *method, size_t index);

/**
 * A phase by id.
 * @param method The methodology.
 * @param id The phase's id.
 * @return Owned by @p method; NULL when there is no such phase.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_phase *veikart_method_phase_by_id(const veikart_method *method,
                                                            const char *id);

/**
 * The phase's id.
 * @param phase The phase.
 * @return Owned by the methodology; NULL when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_id(const veikart_phase *phase);

/**
 * The phase's position in the methodology's order.
 * @param phase The phase.
 * @return 0-based position; 0 when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_phase_index(const veikart_phase *phase);

/**
 * The phase's title in a language, chosen as for veikart_method_title().
 * @param phase The phase.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_title(const veikart_phase *phase, const char *lang);

/**
 * What the phase is for, in a language, if the methodology says.
 * @param phase The phase.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when there is no description.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_description(const veikart_phase *phase, const char *lang);

/**
 * The phase's canonical kind.
 * @param phase The phase.
 * @return The kind; #VEIKART_PHASE_CUSTOM when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_phase_kind veikart_phase_kind_of(const veikart_phase *phase);

/**
 * Whether the initiative or each rollout unit walks this phase.
 * @param phase The phase.
 * @return The scope; #VEIKART_SCOPE_INITIATIVE when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API veikart_scope veikart_phase_scope(const veikart_phase *phase);

/**
 * Whether the phase may be skipped by a gate's skip outcome.
 * @param phase The phase.
 * @return 1 or 0.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_phase_is_optional(const veikart_phase *phase);

/**
 * Whether the phase may be entered more than once.
 * @param phase The phase.
 * @return 1 or 0.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_phase_is_repeatable(const veikart_phase *phase);

/**
 * Whether the phase ends the walk (nothing leaves it).
 * @param phase The phase.
 * @return 1 or 0.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_phase_is_terminal(const veikart_phase *phase);

/**
 * Days an initiative may spend in the phase before it counts as stalled.
 * @param phase The phase.
 * @return The number of days; 0 when the phase sets no limit.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API unsigned int veikart_phase_max_days(const veikart_phase *phase);

/**
 * The condition under which the phase is passed over, as an expression in
 * canonical form.
 * @param phase The phase.
 * @return Owned by the methodology; NULL when the phase has no skip-if.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_phase_skip_if(const veikart_phase *phase);

/**
 * Number of steps (checklist items) in the phase.
 * @param phase The phase.
 * @return The count; 0 when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_phase_step_count(const veikart_phase *phase);

/**
 * A step by position, in document order.
 * @param phase The phase.
 * @param index 0-based, less than veikart_phase_step_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_step *veikart_phase_step(const veikart_phase *phase, size_t index);

/**
 * Number of gates that leave the phase.
 * @param phase The phase.
 * @return The count; 0 when @p phase is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_phase_gate_count(const veikart_phase *phase);

/**
 * A gate leaving the phase, in document order.
 * @param phase The phase.
 * @param index 0-based, less than veikart_phase_gate_count().
 * @return Owned by the methodology; NULL when out of range.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_gate *veikart_phase_gate(const veikart_phase *phase, size_t index);

/**
 * The step's id, unique within its phase.
 * @param step The step.
 * @return Owned by the methodology; NULL when @p step is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_step_id(const veikart_step *step);

/**
 * The step's title in a language, chosen as for veikart_method_title().
 * @param step The step.
 * @param lang A language tag, or NULL for the default.
 * @return Owned by the methodology; NULL when @p step is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_step_title(const veikart_step *step, const char *lang);

/**
 * The role responsible for the step.
 * @param step The step.
 * @return Owned by the methodology; NULL when the step names none.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_role *veikart_step_role(const veikart_step *step);

/**
 * The fact the step produces (a document, a sign-off, a measurement).
 * @param step The step.
 * @return Owned by the methodology; NULL when the step names none.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_fact *veikart_step_produces(const veikart_step *step);

/**
 * The step that must be done before this one can be marked done
 * (`after-step="..."`).  It is a step of the same phase, listed earlier.
 * @param step The step.
 * @return Owned by the methodology; NULL when the step waits for none or
 *         @p step is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const veikart_step *veikart_step_after(const veikart_step *step);

/** @} */

VEIKART_END_DECL

#endif
