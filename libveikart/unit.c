/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Rollout units: reading them, and the rules a new unit keeps (decoding a
 * unit-add event).  A unit is made, freed and walked by initiative.c, and
 * changed by events like the rest of the initiative.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
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

/* Rollout order: by wave, then by order, then as added; no wave or no
 * order sorts last. */
static int by_rollout_order(const void *a, const void *b)
{
	const veikart_unit *x = *(const veikart_unit *const *)a,
	                   *y = *(const veikart_unit *const *)b;
	int32_t wx = x->wave > 0 ? x->wave : INT32_MAX, wy = y->wave > 0 ? y->wave : INT32_MAX;
	int32_t ox = x->order > 0 ? x->order : INT32_MAX, oy = y->order > 0 ? y->order : INT32_MAX;

	if (wx != wy)
		return wx < wy ? -1 : 1;
	if (ox != oy)
		return ox < oy ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

int veikart_initiative_rollout_order(const veikart_initiative *in, const veikart_unit **out,
                                     size_t size)
{
	size_t i;

	if (in == NULL || out == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no initiative, or no place for the units");
	if (size < in->nunits)
		return veikart__error_set(VEIKART_EINVALID,
		                          "room for %zu units, but the initiative has %zu", size,
		                          in->nunits);
	for (i = 0; i < in->nunits; i++)
		out[i] = in->units[i];
	qsort(out, in->nunits, sizeof(*out), by_rollout_order);
	return 0;
}

#define MAX_UNIT_ID 200

/* A unit's id: short, printable UTF-8, so that it reads well in lists and
 * command lines. */
static int unit_id_ok(const char *id)
{
	size_t len = strlen(id), i;

	if (len > MAX_UNIT_ID)
		return veikart__error_set(VEIKART_EINVALID,
		                          "unit id `%.40s...` is %zu bytes, more than %d", id, len,
		                          MAX_UNIT_ID);
	if (veikart__utf8_check(id, len) != len)
		return veikart__error_set(VEIKART_EINVALID, "unit id is not valid UTF-8");
	for (i = 0; i < len; i++)
		if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
			return veikart__error_set(VEIKART_EINVALID,
			                          "unit id `%s` holds a control character", id);
	return 0;
}

static int count_of(const char *text, const char *what, int32_t *out)
{
	char *end;
	long v;

	*out = 0;
	if (text == NULL)
		return 0;
	v = strtol(text, &end, 10);
	if (text[0] < '0' || text[0] > '9' || *end != '\0' || v > VEIKART__MAX_WAVE)
		return veikart__error_set(VEIKART_EFORMAT,
		                          "%s `%s` is not a whole number from 0 to %d", what, text,
		                          VEIKART__MAX_WAVE);
	*out = (int32_t)v;
	return 0;
}

/* The unit types a methodology declares, for messages: "kommun, botilbud". */
static void unit_types_of(const veikart_method *m, char *out, size_t size)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < veikart_method_unit_type_count(m) && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "",
		                      veikart_unit_type_id(veikart_method_unit_type(m, i)));
}

/* A unit whose type belongs under another type needs a parent of that type. */
static int check_parent(const veikart_unit_type *t, const char *type, const veikart_unit *parent)
{
	const veikart_unit_type *pt = t != NULL ? veikart_unit_type_parent(t) : NULL;

	if (pt == NULL)
		return 0;
	if (parent == NULL)
		return veikart__error_set(
		        VEIKART_EINVALID,
		        "a unit of type `%s` belongs to a unit of type `%s`: give "
		        "its parent",
		        type, veikart_unit_type_id(pt));
	if (parent->type == NULL || strcmp(parent->type, veikart_unit_type_id(pt)) != 0)
		return veikart__error_set(VEIKART_EINVALID,
		                          "a unit of type `%s` belongs to a unit of type `%s`, but "
		                          "`%s` is %s%s%s",
		                          type, veikart_unit_type_id(pt), parent->id,
		                          parent->type ? "of type `" : "of no type",
		                          parent->type ? parent->type : "",
		                          parent->type ? "`" : "");
	return 0;
}

int veikart__decode_unit_add(veikart_initiative *in, veikart__change *c)
{
	static const char *const keys[] = { "unit" };
	const veikart_event *ev = c->ev;
	const veikart_unit_type *t = NULL;
	const char *id = NULL, *title, *type, *parent_id;
	veikart_unit *parent = NULL, *u;
	char types[512];
	int32_t wave = 0, order = 0;
	int err;

	err = veikart__active(in);
	if (err < 0)
		return err;
	err = veikart__event_fields(ev, keys, 1, &id);
	if (err < 0)
		return err;
	c->phase = veikart_method_unit_start(in->method);
	if (c->phase == NULL)
		return veikart__error_set(VEIKART_ESTATE,
		                          "methodology `%s` has no phases walked per unit, so an "
		                          "initiative under it has no rollout units",
		                          veikart_method_id(in->method));
	err = veikart__may_act(in, ev->actor, NULL, "adding a rollout unit");
	if (err < 0)
		return err;
	err = unit_id_ok(id);
	if (err < 0)
		return err;
	if (veikart__unit_find(in, id) != NULL)
		return veikart__error_set(VEIKART_EEXISTS, "the initiative already has a unit `%s`",
		                          id);
	type = veikart_event_field(ev, "type");
	if (type != NULL && veikart_method_unit_type_count(in->method) > 0) {
		t = veikart_method_unit_type_by_id(in->method, type);
		unit_types_of(in->method, types, sizeof(types));
		if (t == NULL)
			return veikart__error_set(
			        VEIKART_ENOTFOUND,
			        "the methodology declares no unit type `%s` (it has: "
			        "%s)",
			        type, types);
	}
	parent_id = veikart_event_field(ev, "parent");
	if (parent_id != NULL) {
		parent = veikart__unit_find(in, parent_id);
		if (parent == NULL)
			return veikart__error_set(
			        VEIKART_ENOTFOUND,
			        "unit `%s` cannot belong to `%s`: there is no such "
			        "unit",
			        id, parent_id);
	}
	err = check_parent(t, type, parent);
	if (err == 0)
		err = count_of(veikart_event_field(ev, "wave"), "wave", &wave);
	if (err == 0)
		err = count_of(veikart_event_field(ev, "order"), "order", &order);
	if (err < 0)
		return err;
	title = veikart_event_field(ev, "title");
	if (veikart__units_reserve(in) < 0)
		return VEIKART_ENOMEM;
	u = veikart__unit_new(in, id, title, type, parent_id);
	if (u == NULL)
		return VEIKART_ENOMEM;
	u->parent = parent;
	u->wave = wave;
	u->order = order;
	u->seq = ev->seq;
	u->time = ev->time;
	c->added = u;
	return 0;
}
