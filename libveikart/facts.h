/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * What other modules may read of a set of fact values: the methodology it
 * is typed by and the value array, indexed by fact slot, that evaluation
 * takes (veikart__eval_env.facts).
 */
#ifndef VEIKART_FACTS_INTERNAL_H
#define VEIKART_FACTS_INTERNAL_H

#include "value.h"

const veikart_method *veikart__facts_method(const veikart_facts *facts);
/* The values by slot (type 0: not recorded); `*count` receives the slot count. */
const veikart__value *veikart__facts_values(const veikart_facts *facts, size_t *count);

#endif
