/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Decoding an event: check it against the rules and the initiative as it
 * stands, and prepare everything it changes; then, once the commit hook
 * has accepted it, commit.  Here are the events of the initiative's
 * life, its roles, facts, evidence, sign-offs and steps; decisions are in
 * decision.c, rollout units in unit.c.
 */
#include <stdio.h>
#include <string.h>

#include "change.h"
#include "method.h"

static const veikart_fact *fact_of(const veikart_initiative *in, const veikart_event *ev,
                                   size_t *slot)
{
	const char *id = veikart_event_field(ev, "fact");
	long s = id != NULL ? veikart__method_fact_slot(in->method, id) : -1;

	if (s < 0) {
		veikart__error_set(VEIKART_ENOTFOUND, "the methodology declares no fact `%s`",
		                   id != NULL ? id : "");
		return NULL;
	}
	*slot = (size_t)s;
	return veikart_method_fact(in->method, (size_t)s);
}

static int decode_create(veikart_initiative *in, veikart__change *c)
{
	static const char *const keys[] = { "id", "title", "method", "version", "digest", "phase" };
	const char *v[6] = { NULL }, *strs[3];
	char *copies[3];
	int err;

	if (in->id != NULL)
		return veikart__error_set(VEIKART_ESTATE, "the initiative already exists");
	err = veikart__event_fields(c->ev, keys, 6, v);
	if (err < 0)
		return err;
	if (strcmp(v[2], veikart_method_id(in->method)) != 0 ||
	    strcmp(v[3], veikart_method_version(in->method)) != 0 ||
	    strcmp(v[4], veikart_method_digest(in->method)) != 0)
		return veikart__error_set(
		        VEIKART_EMISMATCH,
		        "the initiative was created with methodology %s %s (digest "
		        "%.12s), not with %s %s (digest %.12s)",
		        v[2], v[3], v[4], veikart_method_id(in->method),
		        veikart_method_version(in->method), veikart_method_digest(in->method));
	c->phase = veikart_method_phase_by_id(in->method, v[5]);
	if (c->phase == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND, "the methodology has no phase `%s`",
		                          v[5]);
	if (veikart__grow(&in->alloc, (void **)&in->walk.visits, &in->walk.cap_visits, 1,
	                  sizeof(*in->walk.visits)) < 0)
		return VEIKART_ENOMEM;
	strs[0] = v[0];
	strs[1] = v[1];
	strs[2] = c->ev->actor;
	c->strings = veikart__block(&in->alloc, 0, strs, 3, copies);
	return c->strings != NULL ? 0 : VEIKART_ENOMEM;
}

static int decode_assign(veikart_initiative *in, veikart__change *c, int assign)
{
	static const char *const keys[] = { "person", "role" };
	const char *v[2] = { NULL };
	size_t i;
	char where[160];
	int err;

	/* Roles can change for a unit in any state: a stopped site's people
	 * may still need withdrawing. */
	err = veikart__active(in);
	if (err < 0)
		return err;
	err = veikart__event_fields(c->ev, keys, 2, v);
	if (err < 0)
		return err;
	c->role = veikart_method_role_by_id(in->method, v[1]);
	if (c->role == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND, "the methodology has no role `%s`",
		                          v[1]);
	veikart__for_unit(c->unit, where, sizeof(where));
	err = veikart__may_assign(in, c->ev->actor, v[0], c->role, c->unit, !assign);
	if (err < 0)
		return err;
	if (!assign) {
		for (i = 0; i < in->nassignments; i++) {
			if (in->assignments[i].role == c->role &&
			    in->assignments[i].unit == c->unit &&
			    strcmp(in->assignments[i].person, v[0]) == 0) {
				c->index = i;
				return 0;
			}
		}
		return veikart__error_set(VEIKART_ENOTFOUND, "`%s` does not hold role `%s`%s", v[0],
		                          v[1], where);
	}
	if (veikart__holds(in, v[0], c->role, c->unit))
		return veikart__error_set(
		        VEIKART_EEXISTS, "`%s` already holds role `%s`%s", v[0], v[1],
		        c->unit != NULL ? " (for the initiative or this unit)" : "");
	if (veikart__grow(&in->alloc, (void **)&in->assignments, &in->cap_assignments,
	                  in->nassignments + 1, sizeof(*in->assignments)) < 0)
		return VEIKART_ENOMEM;
	c->person = veikart__strdup(&in->alloc, v[0]);
	return c->person != NULL ? 0 : VEIKART_ENOMEM;
}

/* set, clear, attach, approve, sign: all end in a new record (or none). */
static int decode_fact(veikart_initiative *in, veikart__change *c)
{
	const veikart_event *ev = c->ev;
	const veikart_unit *u = c->unit;
	const veikart_fact *f;
	const veikart__fact_rec *old;
	veikart__value v;
	veikart__evidence evidence;
	veikart__signoff signoff;
	const char *text, *sha;
	char why[200];
	int err;

	err = veikart__unit_open(in, u, 0);
	if (err < 0)
		return err;
	f = fact_of(in, ev, &c->slot);
	if (f == NULL)
		return veikart_error_last()->code;
	old = u != NULL ? u->facts[c->slot] : in->facts[c->slot];
	if (veikart_fact_scope(f) == VEIKART_SCOPE_UNIT && u == NULL)
		return veikart__error_set(VEIKART_ESTATE,
		                          "fact `%s` is recorded per rollout unit: say which unit",
		                          veikart_fact_id(f));
	if (veikart_fact_scope(f) != VEIKART_SCOPE_UNIT && u != NULL)
		return veikart__error_set(VEIKART_ESTATE,
		                          "fact `%s` is recorded for the whole initiative, not per "
		                          "unit",
		                          veikart_fact_id(f));
	memset(&v, 0, sizeof(v));
	switch (ev->kind) {
	case VEIKART_EVENT_SET:
		err = veikart__may_record(in, ev->actor, f, u, ev->kind);
		if (err < 0)
			return err;
		if (veikart_fact_type(f) == VEIKART_TYPE_EVIDENCE ||
		    veikart_fact_type(f) == VEIKART_TYPE_SIGNOFF)
			return veikart__error_set(
			        VEIKART_ESTATE, "fact `%s` is %s: it is %s, not set",
			        veikart_fact_id(f),
			        veikart_fact_type(f) == VEIKART_TYPE_EVIDENCE ? "evidence"
			                                                      : "a sign-off",
			        veikart_fact_type(f) == VEIKART_TYPE_EVIDENCE ? "attached"
			                                                      : "signed");
		text = veikart_event_field(ev, "value");
		if (text == NULL)
			return veikart__error_set(VEIKART_EFORMAT, "the set event has no `value`");
		err = veikart__value_parse(&v, veikart_fact_type(f),
		                           veikart__scale_info_of(veikart_fact_scale(f)), text,
		                           strlen(text), &in->scratch, why, sizeof(why));
		if (err == VEIKART_ENOMEM)
			return veikart__error_nomem();
		if (err < 0)
			return veikart__error_set(VEIKART_ETYPE,
			                          "`%s` is not a value of fact `%s`: %s", text,
			                          veikart_fact_id(f), why);
		break;
	case VEIKART_EVENT_CLEAR:
		err = veikart__may_record(in, ev->actor, f, u, ev->kind);
		if (err < 0)
			return err;
		if (old == NULL)
			return veikart__error_set(VEIKART_ENOTFOUND, "fact `%s` is not recorded",
			                          veikart_fact_id(f));
		c->rec = NULL;
		return 0;
	case VEIKART_EVENT_ATTACH:
		err = veikart__may_record(in, ev->actor, f, u, ev->kind);
		if (err < 0)
			return err;
		if (veikart_fact_type(f) != VEIKART_TYPE_EVIDENCE)
			return veikart__error_set(VEIKART_ETYPE, "fact `%s` is %s, not evidence",
			                          veikart_fact_id(f),
			                          veikart_type_name(veikart_fact_type(f)));
		memset(&evidence, 0, sizeof(evidence));
		evidence.uri = veikart_event_field(ev, "uri");
		sha = veikart_event_field(ev, "sha256");
		if (evidence.uri == NULL || evidence.uri[0] == '\0')
			return veikart__error_set(VEIKART_EFORMAT, "the attach event has no `uri`");
		if (sha != NULL) {
			size_t k;
			for (k = 0; sha[k] != '\0'; k++)
				if (!((sha[k] >= '0' && sha[k] <= '9') ||
				      (sha[k] >= 'a' && sha[k] <= 'f')))
					break;
			if (k != 64 || sha[k] != '\0')
				return veikart__error_set(VEIKART_ETYPE,
				                          "`%s` is not a SHA-256 digest: write 64 "
				                          "lowercase hexadecimal digits",
				                          sha);
		}
		evidence.sha256 = sha;
		v.type = VEIKART_TYPE_EVIDENCE;
		v.u.evidence = &evidence;
		break;
	case VEIKART_EVENT_APPROVE:
		if (veikart_fact_type(f) != VEIKART_TYPE_EVIDENCE)
			return veikart__error_set(VEIKART_ETYPE, "fact `%s` is %s, not evidence",
			                          veikart_fact_id(f),
			                          veikart_type_name(veikart_fact_type(f)));
		if (veikart_fact_role(f) != NULL &&
		    !veikart__holds(in, ev->actor, veikart_fact_role(f), u))
			return veikart__denied(in, ev->actor, veikart_fact_role(f), u,
			                       "approving this evidence");
		if (veikart_fact_role(f) == NULL) {
			err = veikart__may_act(in, ev->actor, u, "approving evidence");
			if (err < 0)
				return err;
		}
		if (old == NULL)
			return veikart__error_set(VEIKART_ESTATE, "no document is attached to `%s`",
			                          veikart_fact_id(f));
		if (old->evidence.approved_by != NULL)
			return veikart__error_set(VEIKART_ESTATE,
			                          "the document of `%s` is already "
			                          "approved by `%s`",
			                          veikart_fact_id(f), old->evidence.approved_by);
		evidence = old->evidence;
		evidence.approved_by = ev->actor;
		v.type = VEIKART_TYPE_EVIDENCE;
		v.u.evidence = &evidence;
		break;
	case VEIKART_EVENT_SIGN:
		if (veikart_fact_type(f) != VEIKART_TYPE_SIGNOFF)
			return veikart__error_set(VEIKART_ETYPE, "fact `%s` is %s, not a sign-off",
			                          veikart_fact_id(f),
			                          veikart_type_name(veikart_fact_type(f)));
		if (!veikart__holds(in, ev->actor, veikart_fact_role(f), u))
			return veikart__denied(in, ev->actor, veikart_fact_role(f), u,
			                       "signing this off");
		signoff.person = ev->actor;
		v.type = VEIKART_TYPE_SIGNOFF;
		v.u.signoff = &signoff;
		break;
	default:
		return VEIKART_ERROR;
	}
	c->rec = veikart__fact_rec_new(in, f, &v, ev->actor, ev->time, ev->seq);
	return c->rec != NULL ? 0 : VEIKART_ENOMEM;
}

/* Whether a step was done during the walk's current visit. */
static int done_this_visit(const veikart__walk *w, const veikart_step *s)
{
	size_t i;

	for (i = 0; i < w->nsteps; i++)
		if (w->steps[i].step == s && w->steps[i].seq > w->visits[w->nvisits - 1].seq)
			return 1;
	return 0;
}

static int decode_step(veikart_initiative *in, veikart__change *c)
{
	static const char *const keys[] = { "phase", "step" };
	const veikart_step *s = NULL, *before;
	veikart__walk *w = veikart__walk_of(in, c->unit);
	const char *v[2] = { NULL };
	char who[160];
	size_t i;
	int err;

	err = veikart__unit_open(in, c->unit, 1);
	if (err < 0)
		return err;
	err = veikart__event_fields(c->ev, keys, 2, v);
	if (err < 0)
		return err;
	c->step.phase = veikart_method_phase_by_id(in->method, v[0]);
	if (c->step.phase == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND, "the methodology has no phase `%s`",
		                          v[0]);
	for (i = 0; i < veikart_phase_step_count(c->step.phase); i++)
		if (strcmp(veikart_step_id(veikart_phase_step(c->step.phase, i)), v[1]) == 0)
			s = veikart_phase_step(c->step.phase, i);
	if (s == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND, "phase `%s` has no step `%s`", v[0],
		                          v[1]);
	/* Steps are the checklist of the phase being walked; a phase visited
	 * again (a new pilot round) has its checklist afresh. */
	if (c->step.phase != w->phase)
		return veikart__error_set(VEIKART_ESTATE,
		                          "step `%s` belongs to phase `%s`, but %s is in `%s`",
		                          v[1], v[0], veikart__who_is(c->unit, who, sizeof(who)),
		                          veikart_phase_id(w->phase));
	if (done_this_visit(w, s))
		return veikart__error_set(VEIKART_EEXISTS,
		                          "step `%s` of phase `%s` is already done in this visit",
		                          v[1], v[0]);
	before = veikart_step_after(s);
	if (before != NULL && !done_this_visit(w, before))
		return veikart__error_set(VEIKART_ESTATE,
		                          "step `%s` comes after step `%s`, which %s has not done "
		                          "yet in this phase",
		                          v[1], veikart_step_id(before),
		                          veikart__who_is(c->unit, who, sizeof(who)));
	if (veikart_step_role(s) != NULL &&
	    !veikart__holds(in, c->ev->actor, veikart_step_role(s), c->unit))
		return veikart__denied(in, c->ev->actor, veikart_step_role(s), c->unit,
		                       "this step");
	if (veikart_step_role(s) == NULL) {
		err = veikart__may_act(in, c->ev->actor, c->unit, "marking a step done");
		if (err < 0)
			return err;
	}
	if (veikart__grow(&in->alloc, (void **)&w->steps, &w->cap_steps, w->nsteps + 1,
	                  sizeof(*w->steps)) < 0)
		return VEIKART_ENOMEM;
	c->step.step = s;
	c->step.seq = c->ev->seq;
	c->step.time = c->ev->time;
	c->step.actor = veikart__strdup(&in->alloc, c->ev->actor);
	return c->step.actor != NULL ? 0 : VEIKART_ENOMEM;
}

void veikart__change_release(veikart_initiative *in, veikart__change *c)
{
	veikart__free(&in->alloc, c->strings);
	veikart__free(&in->alloc, c->person);
	veikart__free(&in->alloc, c->step.actor);
	veikart__free(&in->alloc, c->rec);
	veikart__free(&in->alloc, c->actor);
	veikart__decision_free(in, c->decision);
	veikart__unit_free(in, c->added);
}

int veikart__decode(veikart_initiative *in, veikart__change *c, veikart_report **live)
{
	const char *unit = veikart_event_field(c->ev, "unit");
	int err;

	if (c->ev->kind != VEIKART_EVENT_CREATE && in->id == NULL)
		return veikart__error_set(VEIKART_ESTATE,
		                          "the first event must create the initiative");
	/* Most kinds of event may be about a unit; unit-add names the new one,
	 * and a condition belongs to the decision it names. */
	if (unit != NULL && c->ev->kind != VEIKART_EVENT_UNIT_ADD &&
	    c->ev->kind != VEIKART_EVENT_CONDITION_MET) {
		if (c->ev->kind == VEIKART_EVENT_CREATE)
			return veikart__error_set(VEIKART_EFORMAT,
			                          "the create event cannot be about a unit");
		err = veikart__unit_get(in, unit, &c->unit);
		if (err < 0)
			return err;
	}
	switch (c->ev->kind) {
	case VEIKART_EVENT_CREATE:
		return decode_create(in, c);
	case VEIKART_EVENT_ASSIGN:
		return decode_assign(in, c, 1);
	case VEIKART_EVENT_UNASSIGN:
		return decode_assign(in, c, 0);
	case VEIKART_EVENT_SET:
	case VEIKART_EVENT_CLEAR:
	case VEIKART_EVENT_ATTACH:
	case VEIKART_EVENT_APPROVE:
	case VEIKART_EVENT_SIGN:
		return decode_fact(in, c);
	case VEIKART_EVENT_STEP:
		return decode_step(in, c);
	case VEIKART_EVENT_DECIDE:
		return veikart__decode_decide(in, c, live);
	case VEIKART_EVENT_CONDITION_MET:
		return veikart__decode_condition(in, c);
	case VEIKART_EVENT_UNIT_ADD:
		return veikart__decode_unit_add(in, c);
	}
	return veikart__error_set(VEIKART_EFORMAT, "unknown kind of event");
}

void veikart__commit(veikart_initiative *in, veikart__change *c)
{
	const veikart_event *ev = c->ev;
	veikart__walk *w = veikart__walk_of(in, c->unit);
	veikart__fact_rec **facts;
	veikart__value *values;
	veikart__assignment *a;
	veikart_decision *d;
	size_t len;

	switch (ev->kind) {
	case VEIKART_EVENT_CREATE:
		in->id = c->strings;
		len = strlen(in->id) + 1;
		in->title = in->id + len;
		in->creator = in->title + strlen(in->title) + 1;
		c->strings = NULL;
		in->created = ev->time;
		veikart__walk_enter(in, NULL, c->phase, ev->time, ev->seq);
		break;
	case VEIKART_EVENT_ASSIGN:
		a = &in->assignments[in->nassignments++];
		a->person = c->person;
		a->role = c->role;
		a->unit = c->unit;
		a->seq = ev->seq;
		a->time = ev->time;
		c->person = NULL;
		veikart__creator_right_update(in);
		break;
	case VEIKART_EVENT_UNASSIGN:
		veikart__free(&in->alloc, in->assignments[c->index].person);
		memmove(&in->assignments[c->index], &in->assignments[c->index + 1],
		        (in->nassignments - c->index - 1) * sizeof(*in->assignments));
		in->nassignments--;
		break;
	case VEIKART_EVENT_SET:
	case VEIKART_EVENT_CLEAR:
	case VEIKART_EVENT_ATTACH:
	case VEIKART_EVENT_APPROVE:
	case VEIKART_EVENT_SIGN:
		facts = c->unit != NULL ? c->unit->facts : in->facts;
		values = c->unit != NULL ? c->unit->values : in->values;
		veikart__free(&in->alloc, facts[c->slot]);
		facts[c->slot] = c->rec;
		if (c->rec != NULL)
			values[c->slot] = c->rec->value;
		else
			memset(&values[c->slot], 0, sizeof(values[c->slot]));
		c->rec = NULL;
		break;
	case VEIKART_EVENT_STEP:
		w->steps[w->nsteps++] = c->step;
		c->step.actor = NULL;
		break;
	case VEIKART_EVENT_DECIDE:
		d = c->decision;
		c->decision = NULL;
		w->decisions[w->ndecisions++] = d;
		if (d->target != NULL)
			veikart__walk_enter(in, c->unit, d->target, ev->time, ev->seq);
		if (veikart_outcome_kind_of(d->outcome) == VEIKART_OUTCOME_STOP) {
			w->status = VEIKART_STATUS_STOPPED;
			if (d->target == NULL && w->nvisits > 0)
				w->visits[w->nvisits - 1].left = ev->time;
		}
		break;
	case VEIKART_EVENT_UNIT_ADD:
		veikart__unit_place(in, c->added);
		veikart__walk_enter(in, c->added, c->phase, ev->time, ev->seq);
		c->added = NULL;
		break;
	case VEIKART_EVENT_CONDITION_MET:
		c->condition->met_seq = ev->seq;
		c->condition->met_time = ev->time;
		c->condition->met_actor = c->actor;
		c->actor = NULL;
		break;
	}
	in->seq = ev->seq;
	memcpy(in->head, ev->hash, VEIKART__SHA256_HEX_SIZE);
	in->last_time = ev->time;
}
