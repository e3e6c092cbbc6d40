/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Who may do what: the roles people hold, for the whole initiative or for
 * one rollout unit; the authority that decides at a gate; and refusals
 * that say what the actor holds.
 */
#include <stdio.h>
#include <string.h>

#include "initiative.h"
#include "method.h"

/* Whether an assignment lets its holder act for a unit (NULL: for the
 * initiative): one for the whole initiative does, one for a unit only
 * there. */
static int covers(const veikart__assignment *a, const veikart_unit *unit)
{
	return a->unit == NULL || a->unit == unit;
}

int veikart__holds(const veikart_initiative *in, const char *person, const veikart_role *role,
                   const veikart_unit *unit)
{
	size_t i;

	for (i = 0; i < in->nassignments; i++)
		if (in->assignments[i].role == role && covers(&in->assignments[i], unit) &&
		    strcmp(in->assignments[i].person, person) == 0)
			return 1;
	return 0;
}

int veikart__holds_any(const veikart_initiative *in, const char *person, const veikart_unit *unit)
{
	size_t i;

	for (i = 0; i < in->nassignments; i++)
		if (covers(&in->assignments[i], unit) &&
		    strcmp(in->assignments[i].person, person) == 0)
			return 1;
	return 0;
}

/*
 * What a person holds there, for refusals, after "`Ola` holds ":
 * "prosjektleder, gevinstansvarlig", "lead for unit `site-01`", "no role
 * here, only lead for unit `site-02`", or NONE when they hold nothing.
 */
static void roles_of(const veikart_initiative *in, const char *person, const veikart_unit *unit,
                     const char *none, char *out, size_t size)
{
	size_t i, n = 0;
	char where[160];

	out[0] = '\0';
	for (i = 0; i < in->nassignments && n < size; i++)
		if (covers(&in->assignments[i], unit) &&
		    strcmp(in->assignments[i].person, person) == 0)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "",
			                      veikart_role_id(in->assignments[i].role));
	if (n > 0) {
		if (n < size)
			snprintf(out + n, size - n, "%s",
			         veikart__for_unit(unit, where, sizeof(where)));
		return;
	}
	/* Roles for other units only: say where, or "holds none" misleads. */
	for (i = 0; i < in->nassignments && n < size; i++) {
		if (in->assignments[i].unit == NULL ||
		    strcmp(in->assignments[i].person, person) != 0)
			continue;
		n += (size_t)snprintf(
		        out + n, size - n, "%s%s for unit `%s`", n ? ", " : "no role here, only ",
		        veikart_role_id(in->assignments[i].role), in->assignments[i].unit->id);
	}
	if (n == 0)
		snprintf(out, size, "%s", none);
}

int veikart__denied(const veikart_initiative *in, const char *actor, const veikart_role *role,
                    const veikart_unit *unit, const char *what)
{
	char held[256];

	roles_of(in, actor, unit, "no role", held, sizeof(held));
	return veikart__error_set(VEIKART_EDENIED, "%s needs role `%s`; `%s` holds %s", what,
	                          veikart_role_id(role), actor, held);
}

int veikart__may_act(const veikart_initiative *in, const char *actor, const veikart_unit *unit,
                     const char *what)
{
	char where[160], held[256];

	if (veikart__holds_any(in, actor, unit))
		return 0;
	roles_of(in, actor, unit, "none", held, sizeof(held));
	return veikart__error_set(VEIKART_EDENIED,
	                          "%s needs a role in the initiative%s; `%s` holds %s", what,
	                          veikart__for_unit(unit, where, sizeof(where)), actor, held);
}

/* Who decides at a gate now: the first authority rule whose condition holds. */
const veikart_role *veikart__initiative_authority(const veikart_initiative *in,
                                                  const veikart_unit *unit, const veikart_gate *g,
                                                  int64_t now)
{
	const veikart__expr *e;
	veikart__eval_env env;
	size_t i;

	veikart__initiative_env(in, unit, now, &env);
	for (i = 0; i < veikart_gate_authority_count(g); i++) {
		e = veikart__gate_authority_expr(g, i);
		if (e == NULL || veikart__expr_eval_bool(e, &env, NULL) == VEIKART_MET)
			return veikart_gate_authority_role(g, i);
	}
	return NULL;
}

const veikart_role *veikart_initiative_authority(const veikart_initiative *in,
                                                 const veikart_gate *gate)
{
	if (in == NULL || in->walk.phase == NULL)
		return NULL;
	if (gate == NULL) {
		if (veikart_phase_gate_count(in->walk.phase) != 1)
			return NULL;
		gate = veikart_phase_gate(in->walk.phase, 0);
	}
	return veikart__initiative_authority(in, NULL, gate, veikart_initiative_now(in));
}

int veikart__may_override(const veikart_initiative *in, const char *person,
                          const veikart_unit *unit)
{
	size_t i;

	for (i = 0; i < in->nassignments; i++)
		if (covers(&in->assignments[i], unit) &&
		    strcmp(in->assignments[i].person, person) == 0 &&
		    veikart_role_may_override(in->assignments[i].role))
			return 1;
	return 0;
}

int veikart__override_denied(const veikart_initiative *in, const char *actor,
                             const veikart_unit *unit, const veikart_gate *g)
{
	char roles[256], held[256];
	size_t i, n = 0;

	roles[0] = '\0';
	for (i = 0; i < veikart_method_role_count(in->method) && n < sizeof(roles); i++)
		if (veikart_role_may_override(veikart_method_role(in->method, i)))
			n += (size_t)snprintf(roles + n, sizeof(roles) - n, "%s`%s`",
			                      n ? " or " : "",
			                      veikart_role_id(veikart_method_role(in->method, i)));
	roles_of(in, actor, unit, "no role", held, sizeof(held));
	if (n == 0)
		return veikart__error_set(
		        VEIKART_EDENIED,
		        "overriding gate `%s` needs a role that may override, and "
		        "this methodology has none",
		        veikart_gate_id(g));
	return veikart__error_set(VEIKART_EDENIED,
	                          "overriding gate `%s` needs role %s; `%s` holds %s",
	                          veikart_gate_id(g), roles, actor, held);
}

/* The roles of LIST (count N, each from get(owner, i)) as "`a` or `b`". */
static void role_names(const void *owner, size_t n,
                       const veikart_role *(*get)(const void *, size_t), char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s`%s`", i ? " or " : "",
		                        veikart_role_id(get(owner, i)));
}

static const veikart_role *assigner_at(const void *role, size_t i)
{
	return veikart_role_assigner(role, i);
}

static const veikart_role *recorder_at(const void *fact, size_t i)
{
	return veikart_fact_recorder(fact, i);
}

int veikart__may_assign(const veikart_initiative *in, const char *actor, const char *person,
                        const veikart_role *role, const veikart_unit *unit, int unassign)
{
	const veikart__assignment *a;
	char where[160], roles[256], held[256];
	int may = 0;
	size_t i;

	/* The creator starts the initiative and names its first people,
	 * self included, until every role that may assign is held. */
	if (!in->creator_right_ended && strcmp(actor, in->creator) == 0)
		return 0;
	for (i = 0; i < in->nassignments && !may; i++) {
		a = &in->assignments[i];
		may = covers(a, unit) && strcmp(a->person, actor) == 0 &&
		      veikart_role_may_assign(a->role, role);
	}
	/* Anyone may give up a role of their own. */
	if (unassign && strcmp(actor, person) == 0)
		return 0;
	veikart__for_unit(unit, where, sizeof(where));
	if (!may) {
		role_names(role, veikart_role_assigner_count(role), assigner_at, roles,
		           sizeof(roles));
		roles_of(in, actor, unit, "no role", held, sizeof(held));
		return veikart__error_set(VEIKART_EDENIED,
		                          "%s role `%s`%s needs role %s; `%s` holds %s",
		                          unassign ? "withdrawing" : "assigning",
		                          veikart_role_id(role), where, roles, actor, held);
	}
	if (!unassign && strcmp(actor, person) == 0 && !veikart_role_self_assign(role))
		return veikart__error_set(VEIKART_EDENIED,
		                          "nobody assigns role `%s` to themselves: `%s` may assign "
		                          "it to others, and another holder of a role that may "
		                          "assign it must assign it to `%s`",
		                          veikart_role_id(role), actor, actor);
	return 0;
}

int veikart__may_record(const veikart_initiative *in, const char *actor, const veikart_fact *fact,
                        const veikart_unit *unit, veikart_event_kind kind)
{
	/* What the change is, said of any fact, and of this one. */
	const char *any = kind == VEIKART_EVENT_ATTACH  ? "attaching evidence"
	                  : kind == VEIKART_EVENT_CLEAR ? "withdrawing a fact"
	                                                : "recording a fact";
	const char *this_one = kind == VEIKART_EVENT_ATTACH  ? "attaching evidence to"
	                       : kind == VEIKART_EVENT_CLEAR ? "withdrawing fact"
	                                                     : "recording fact";
	char roles[256], held[256];
	size_t i;

	if (veikart_fact_recorder_count(fact) == 0)
		return veikart__may_act(in, actor, unit, any);
	for (i = 0; i < in->nassignments; i++)
		if (covers(&in->assignments[i], unit) &&
		    strcmp(in->assignments[i].person, actor) == 0 &&
		    veikart_fact_may_record(fact, in->assignments[i].role))
			return 0;
	role_names(fact, veikart_fact_recorder_count(fact), recorder_at, roles, sizeof(roles));
	roles_of(in, actor, unit, "no role", held, sizeof(held));
	return veikart__error_set(VEIKART_EDENIED, "%s `%s` needs role %s; `%s` holds %s", this_one,
	                          veikart_fact_id(fact), roles, actor, held);
}

void veikart__creator_right_update(veikart_initiative *in)
{
	const veikart_role *r;
	size_t i, k, n = veikart_method_role_count(in->method);
	int held;

	if (in->creator_right_ended)
		return;
	for (k = 0; k < n; k++) {
		r = veikart_method_role(in->method, k);
		if (!veikart__role_assigns(r))
			continue;
		for (i = 0, held = 0; i < in->nassignments && !held; i++)
			held = in->assignments[i].role == r;
		if (!held)
			return;
	}
	in->creator_right_ended = 1;
}

int veikart_initiative_creator_may_assign(const veikart_initiative *in)
{
	return in != NULL && in->id != NULL && !in->creator_right_ended;
}

size_t veikart_initiative_assignment_count(const veikart_initiative *in)
{
	return in ? in->nassignments : 0;
}

const char *veikart_initiative_assignment_person(const veikart_initiative *in, size_t i)
{
	return in && i < in->nassignments ? in->assignments[i].person : NULL;
}

const veikart_role *veikart_initiative_assignment_role(const veikart_initiative *in, size_t i)
{
	return in && i < in->nassignments ? in->assignments[i].role : NULL;
}

int veikart_initiative_holds(const veikart_initiative *in, const char *person, const char *role_id)
{
	const veikart_role *r;

	if (in == NULL || person == NULL || role_id == NULL)
		return 0;
	r = veikart_method_role_by_id(in->method, role_id);
	return r != NULL && veikart__holds(in, person, r, NULL);
}
