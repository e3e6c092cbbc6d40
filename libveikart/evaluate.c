/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Evaluating an initiative's gates, or a unit's, now or with hypothetical
 * facts: the initiative's state as an evaluation environment, handed to
 * the report.
 */
#include <string.h>

#include "facts.h"
#include "initiative.h"
#include "method.h"

/* Evaluate a gate of the initiative (unit NULL) or of a unit, now. */
static int evaluate(veikart_report **out, const veikart_initiative *in, const veikart_unit *unit,
                    const veikart_gate *gate, const veikart_facts *hypothetical)
{
	const veikart__walk *w = unit != NULL ? &unit->walk : &in->walk;
	const veikart__value *overlay;
	veikart__value *values = NULL;
	veikart__eval_env env;
	veikart_scope scope;
	size_t i, n;
	int err;

	*out = NULL;
	if (gate == NULL) {
		if (w->phase == NULL || veikart_phase_gate_count(w->phase) != 1)
			return veikart__error_set(
			        VEIKART_ENOTFOUND, "phase `%s` has %s gate: say which to evaluate",
			        w->phase ? veikart_phase_id(w->phase) : "(none)",
			        w->phase && veikart_phase_gate_count(w->phase) > 1 ? "more than one"
			                                                           : "no");
		gate = veikart_phase_gate(w->phase, 0);
	}
	scope = veikart_phase_scope(veikart_gate_from(gate));
	if (unit == NULL && scope == VEIKART_SCOPE_UNIT)
		return veikart__error_set(
		        VEIKART_EINVALID,
		        "gate `%s` is passed by each rollout unit: evaluate it for "
		        "a unit",
		        veikart_gate_id(gate));
	if (unit != NULL && scope != VEIKART_SCOPE_UNIT)
		return veikart__error_set(VEIKART_EINVALID,
		                          "gate `%s` is the initiative's, not a rollout unit's",
		                          veikart_gate_id(gate));
	veikart__initiative_env(in, unit, in->clock(in->clock_payload), &env);
	if (hypothetical != NULL) {
		if (strcmp(veikart_method_digest(veikart__facts_method(hypothetical)),
		           veikart_method_digest(in->method)) != 0)
			return veikart__error_set(VEIKART_EMISMATCH,
			                          "the hypothetical facts are typed by another "
			                          "methodology");
		overlay = veikart__facts_values(hypothetical, &n);
		values = veikart__calloc(&in->alloc, in->nfacts ? in->nfacts : 1, sizeof(*values));
		if (values == NULL)
			return VEIKART_ENOMEM;
		for (i = 0; i < in->nfacts; i++)
			values[i] = i < n && overlay[i].type != 0 ? overlay[i] : in->values[i];
		env.facts = values;
	}
	err = veikart__report_evaluate(out, gate, &env, 0, &in->alloc);
	veikart__free(&in->alloc, values);
	return err;
}

int veikart_initiative_evaluate(veikart_report **out, const veikart_initiative *in,
                                const veikart_gate *gate)
{
	return veikart_initiative_what_if(out, in, gate, NULL);
}

int veikart_initiative_what_if(veikart_report **out, const veikart_initiative *in,
                               const veikart_gate *gate, const veikart_facts *hypothetical)
{
	if (out == NULL || in == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the report or no initiative");
	return evaluate(out, in, NULL, gate, hypothetical);
}

int veikart_initiative_unit_evaluate(veikart_report **out, const veikart_initiative *in,
                                     const char *unit_id, const veikart_gate *gate)
{
	veikart_unit *unit;
	int err;

	if (out == NULL || in == NULL || unit_id == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the report, no initiative or no unit");
	*out = NULL;
	err = veikart__unit_get(in, unit_id, &unit);
	return err < 0 ? err : evaluate(out, in, unit, gate, NULL);
}
