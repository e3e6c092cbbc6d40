/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * What other modules may read of a set of fact values: the methodology it
 * is typed by, the value array, indexed by fact slot, that evaluation
 * takes (veikart__eval_env.facts), and the whole evaluation input with
 * the set's rollout units and phase.
 */
#ifndef VEIKART_FACTS_INTERNAL_H
#define VEIKART_FACTS_INTERNAL_H

#include "expr.h"
#include "value.h"

const veikart_method *veikart__facts_method(const veikart_facts *facts);
/* The values by slot (type 0: not recorded); `*count` receives the slot count. */
const veikart__value *veikart__facts_values(const veikart_facts *facts, size_t *count);
/* Fill env's facts, units (in the order they were added), phases and, when
 * `unit_id` is not NULL, the unit at hand: VEIKART_ENOTFOUND (raised) when
 * there is no such unit.  Times are left alone.  The env borrows from
 * `facts` until it changes. */
int veikart__facts_env(const veikart_facts *facts, const char *unit_id, veikart__eval_env *env);

#endif
