/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Reading rollout units.  Units are changed by events like the rest of the
 * initiative (initiative.c); what is here only looks.
 */
#include <string.h>

#include "initiative.h"
#include "method.h"

size_t veikart_initiative_unit_count(const veikart_initiative *in)
{
	return in != NULL ? in->nunits : 0;
}

const veikart_unit *veikart_initiative_unit(const veikart_initiative *in, size_t index)
{
	return in != NULL && index < in->nunits ? in->units[index] : NULL;
}

const veikart_unit *veikart_initiative_unit_by_id(const veikart_initiative *in, const char *id)
{
	return in != NULL && id != NULL ? veikart__unit_find(in, id) : NULL;
}

const veikart_role *veikart_unit_authority(const veikart_unit *unit, const veikart_gate *gate)
{
	const veikart_phase *p;

	if (unit == NULL || unit->walk.phase == NULL)
		return NULL;
	p = unit->walk.phase;
	if (gate == NULL) {
		if (veikart_phase_gate_count(p) != 1)
			return NULL;
		gate = veikart_phase_gate(p, 0);
	}
	if (veikart_phase_scope(veikart_gate_from(gate)) != VEIKART_SCOPE_UNIT)
		return NULL;
	return veikart__initiative_authority(unit->initiative, unit, gate,
	                                     veikart_initiative_now(unit->initiative));
}

const char *veikart_unit_id(const veikart_unit *unit)
{
	return unit != NULL ? unit->id : NULL;
}

const char *veikart_unit_title(const veikart_unit *unit)
{
	return unit != NULL ? unit->title : NULL;
}

const char *veikart_unit_type_of(const veikart_unit *unit)
{
	return unit != NULL ? unit->type : NULL;
}

const veikart_unit *veikart_unit_parent(const veikart_unit *unit)
{
	return unit != NULL ? unit->parent : NULL;
}

int veikart_unit_wave(const veikart_unit *unit)
{
	return unit != NULL ? (int)unit->wave : 0;
}

int veikart_unit_order(const veikart_unit *unit)
{
	return unit != NULL ? (int)unit->order : 0;
}

uint64_t veikart_unit_seq(const veikart_unit *unit)
{
	return unit != NULL ? unit->seq : 0;
}

const veikart_phase *veikart_unit_phase(const veikart_unit *unit)
{
	return unit != NULL ? unit->walk.phase : NULL;
}

int64_t veikart_unit_phase_entered(const veikart_unit *unit)
{
	return unit != NULL ? unit->walk.phase_entered : 0;
}

long veikart_unit_days_in_phase(const veikart_unit *unit)
{
	int64_t d;

	if (unit == NULL || unit->walk.phase == NULL)
		return -1;
	d = veikart__days_from_time(veikart_initiative_now(unit->initiative)) -
	    veikart__days_from_time(unit->walk.phase_entered);
	return d < 0 ? 0 : (long)d;
}

int veikart_unit_is_stalled(const veikart_unit *unit)
{
	unsigned int max;

	if (unit == NULL || unit->walk.phase == NULL || unit->walk.status != VEIKART_STATUS_ACTIVE)
		return 0;
	max = veikart_phase_max_days(unit->walk.phase);
	return max > 0 && veikart_unit_days_in_phase(unit) > (long)max;
}

veikart_status veikart_unit_status(const veikart_unit *unit)
{
	return unit != NULL ? unit->walk.status : VEIKART_STATUS_ACTIVE;
}

static const veikart__fact_rec *rec_of(const veikart_unit *unit, const char *fact_id)
{
	long slot;

	if (unit == NULL || fact_id == NULL)
		return NULL;
	slot = veikart__method_fact_slot(unit->initiative->method, fact_id);
	return slot < 0 ? NULL : unit->facts[slot];
}

const char *veikart_unit_fact(const veikart_unit *unit, const char *fact_id)
{
	const veikart__fact_rec *r = rec_of(unit, fact_id);

	return r != NULL ? r->text : NULL;
}

const char *veikart_unit_fact_actor(const veikart_unit *unit, const char *fact_id)
{
	const veikart__fact_rec *r = rec_of(unit, fact_id);

	return r != NULL ? r->actor : NULL;
}

int64_t veikart_unit_fact_time(const veikart_unit *unit, const char *fact_id)
{
	const veikart__fact_rec *r = rec_of(unit, fact_id);

	return r != NULL ? r->time : 0;
}

int veikart_unit_step_done(const veikart_unit *unit, const char *phase_id, const char *step_id)
{
	return unit != NULL && veikart__walk_step_done(&unit->walk, phase_id, step_id);
}

size_t veikart_unit_decision_count(const veikart_unit *unit)
{
	return unit != NULL ? unit->walk.ndecisions : 0;
}

const veikart_decision *veikart_unit_decision(const veikart_unit *unit, size_t index)
{
	return unit != NULL && index < unit->walk.ndecisions ? unit->walk.decisions[index] : NULL;
}

size_t veikart_unit_visit_count(const veikart_unit *unit)
{
	return unit != NULL ? unit->walk.nvisits : 0;
}

const veikart_phase *veikart_unit_visit_phase(const veikart_unit *unit, size_t index)
{
	return unit != NULL && index < unit->walk.nvisits ? unit->walk.visits[index].phase : NULL;
}

int64_t veikart_unit_visit_entered(const veikart_unit *unit, size_t index)
{
	return unit != NULL && index < unit->walk.nvisits ? unit->walk.visits[index].entered : 0;
}

int64_t veikart_unit_visit_left(const veikart_unit *unit, size_t index)
{
	return unit != NULL && index < unit->walk.nvisits ? unit->walk.visits[index].left : 0;
}

int veikart_unit_holds(const veikart_unit *unit, const char *person, const char *role_id)
{
	const veikart_initiative *in;
	const veikart_role *role;
	size_t i;

	if (unit == NULL || person == NULL || role_id == NULL)
		return 0;
	in = unit->initiative;
	role = veikart_method_role_by_id(in->method, role_id);
	for (i = 0; role != NULL && i < in->nassignments; i++)
		if (in->assignments[i].role == role &&
		    (in->assignments[i].unit == NULL || in->assignments[i].unit == unit) &&
		    strcmp(in->assignments[i].person, person) == 0)
			return 1;
	return 0;
}

int64_t veikart_unit_review_due(const veikart_unit *unit, const veikart_gate *gate)
{
	return unit != NULL ? veikart__walk_review_due(&unit->walk, gate) : 0;
}

const veikart_unit *veikart_decision_unit(const veikart_decision *decision)
{
	return decision != NULL ? decision->unit : NULL;
}

const veikart_unit *veikart_initiative_assignment_unit(const veikart_initiative *in, size_t index)
{
	return in != NULL && index < in->nassignments ? in->assignments[index].unit : NULL;
}
