/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * What other modules may ask of a loaded methodology beyond the public
 * accessors: its allocator, its limits, and the declarations the
 * expression compiler and the value parser resolve names against.
 */
#ifndef VEIKART_METHOD_INTERNAL_H
#define VEIKART_METHOD_INTERNAL_H

#include "expr.h"
#include "util.h"
#include "value.h"

/* The allocator the methodology (and everything made from it) uses. */
const veikart_allocator *veikart__method_allocator(const veikart_method *m);

/* Declarations for compiling an expression against the methodology's facts
 * and phases (a phase name resolves to its position), with its load limits.
 * `want_bool` is left 0 and `context` is VEIKART__CONTEXT_INITIATIVE. */
void veikart__method_expr_decls(const veikart_method *m, veikart__expr_decls *out);

/* Number of fact slots (one per declared fact, in declaration order). */
size_t veikart__method_fact_slots(const veikart_method *m);

/* Information on fact `index` (0 <= index < slots): id, type, scale. */
void veikart__method_fact_info(const veikart_method *m, size_t index, veikart__fact_info *out);

/* Slot of a fact by id, or -1. */
long veikart__method_fact_slot(const veikart_method *m, const char *id);

/* What the value parser needs to know of a scale; NULL for NULL. */
const veikart__scale_info *veikart__scale_info_of(const veikart_scale *scale);

/* The compiled expression of a criterion, a phase's skip-if (NULL when it
 * has none) and an authority rule's condition (NULL when unconditional). */
const veikart__expr *veikart__criterion_expr(const veikart_criterion *c);
const veikart__expr *veikart__phase_skip_if_expr(const veikart_phase *p);
const veikart__expr *veikart__gate_authority_expr(const veikart_gate *g, size_t index);

/* Whether a gate's criteria are all plain, and if so the fact slots they
 * read (each once). */
int veikart__gate_plain(const veikart_gate *g, const uint32_t **slots, size_t *count);

/* Load the released version of methodology ID with DIGEST, kept on the
 * search path as released/ID/DIGEST/ID.xml with the base and overlays it
 * was released with.  VEIKART_ENOTFOUND (no error set) when no directory
 * keeps it. */
int veikart__method_load_released(veikart_method **out, const char *id, const char *digest,
                                  const veikart_load_options *opts, veikart_diagnostics **diags);

/* Whether a role may assign some role: the creator's right to assign
 * ends when every such role is held. */
int veikart__role_assigns(const veikart_role *r);

#endif
