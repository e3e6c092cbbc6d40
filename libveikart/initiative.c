/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The initiative engine.  Every change goes the same way, live or replayed:
 *
 *   event(s) -> decode and check against the rules -> prepare (allocate
 *   everything the change needs) -> the host's commit hook -> commit
 *
 * Commit cannot fail, so once the hook has accepted (and perhaps persisted)
 * the events, applying them cannot be cut short by a failed allocation.
 * A live call builds its events from its arguments and then takes this same
 * path, so replaying a journal meets exactly the checks the live calls met.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "facts.h"
#include "initiative.h"
#include "method.h"

#define DEFAULT_MAX_TEXT (64u * 1024u)

/* ---- small helpers ---------------------------------------------------------- */

static int64_t system_clock(void *payload)
{
	(void)payload;
	return (int64_t)time(NULL);
}

static int64_t now_of(const veikart_initiative *in)
{
	return in->clock(in->clock_payload);
}

static int text_ok(const veikart_initiative *in, const char *s, const char *what)
{
	size_t len;

	if (s == NULL || s[0] == '\0')
		return veikart__error_set(VEIKART_EINVALID, "no %s given", what);
	len = strlen(s);
	if (len > in->max_text)
		return veikart__error_set(VEIKART_EINVALID, "the %s is %zu bytes, more than %zu",
		                          what, len, in->max_text);
	if (veikart__utf8_check(s, len) != len)
		return veikart__error_set(VEIKART_EINVALID, "the %s is not valid UTF-8", what);
	return 0;
}

/* Whether an assignment lets its holder act for a unit (NULL: for the
 * initiative): one for the whole initiative does, one for a unit only
 * there. */
static int covers(const veikart__assignment *a, const veikart_unit *unit)
{
	return a->unit == NULL || a->unit == unit;
}

static int holds(const veikart_initiative *in, const char *person, const veikart_role *role,
                 const veikart_unit *unit)
{
	size_t i;

	for (i = 0; i < in->nassignments; i++)
		if (in->assignments[i].role == role && covers(&in->assignments[i], unit) &&
		    strcmp(in->assignments[i].person, person) == 0)
			return 1;
	return 0;
}

static int holds_any(const veikart_initiative *in, const char *person, const veikart_unit *unit)
{
	size_t i;

	for (i = 0; i < in->nassignments; i++)
		if (covers(&in->assignments[i], unit) &&
		    strcmp(in->assignments[i].person, person) == 0)
			return 1;
	return 0;
}

/* " for unit `u`", or nothing for the initiative; for messages. */
static const char *for_unit(const veikart_unit *unit, char *buf, size_t size)
{
	buf[0] = '\0';
	if (unit != NULL)
		snprintf(buf, size, " for unit `%s`", unit->id);
	return buf;
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
			snprintf(out + n, size - n, "%s", for_unit(unit, where, sizeof(where)));
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

static int denied(const veikart_initiative *in, const char *actor, const veikart_role *role,
                  const veikart_unit *unit, const char *what)
{
	char held[256];

	roles_of(in, actor, unit, "no role", held, sizeof(held));
	return veikart__error_set(VEIKART_EDENIED, "%s needs role `%s`; `%s` holds %s", what,
	                          veikart_role_id(role), actor, held);
}

static int may_act(const veikart_initiative *in, const char *actor, const veikart_unit *unit,
                   const char *what)
{
	char where[160], held[256];

	if (holds_any(in, actor, unit))
		return 0;
	roles_of(in, actor, unit, "none", held, sizeof(held));
	return veikart__error_set(VEIKART_EDENIED,
	                          "%s needs a role in the initiative%s; `%s` holds %s", what,
	                          for_unit(unit, where, sizeof(where)), actor, held);
}

static int active(const veikart_initiative *in)
{
	if (in->id == NULL)
		return veikart__error_set(VEIKART_ESTATE,
		                          "the initiative has not been created yet");
	if (in->walk.status != VEIKART_STATUS_ACTIVE)
		return veikart__error_set(VEIKART_ESTATE,
		                          "the initiative is %s; nothing more can be "
		                          "recorded",
		                          veikart_status_name(in->walk.status));
	return 0;
}

/*
 * Whether a unit can change.  A stopped unit records nothing more; a unit
 * that has walked to its last phase can no longer do steps or decide, but
 * its facts can still be recorded, since adoption goes on being measured
 * while the initiative runs.
 */
static int unit_open(const veikart_initiative *in, const veikart_unit *unit, int walking)
{
	int err = active(in);

	if (err < 0 || unit == NULL)
		return err;
	if (unit->walk.status == VEIKART_STATUS_STOPPED ||
	    (walking && unit->walk.status != VEIKART_STATUS_ACTIVE))
		return veikart__error_set(VEIKART_ESTATE,
		                          "unit `%s` is %s; its %s can no longer change", unit->id,
		                          veikart_status_name(unit->walk.status),
		                          walking ? "phases and steps" : "facts");
	return 0;
}

static veikart__walk *walk_of(veikart_initiative *in, veikart_unit *unit)
{
	return unit != NULL ? &unit->walk : &in->walk;
}

/* The phase a walk is in, for messages: "the initiative is in `x`". */
static const char *who_is(const veikart_unit *unit, char *buf, size_t size)
{
	if (unit == NULL)
		snprintf(buf, size, "the initiative");
	else
		snprintf(buf, size, "unit `%s`", unit->id);
	return buf;
}

static int grow(veikart_initiative *in, void **array, size_t *cap, size_t need, size_t size)
{
	return veikart__grow(&in->alloc, array, cap, need, size);
}

/* Copy several strings into one allocation after a struct of `head` bytes. */
static void *block(const veikart_initiative *in, size_t head, const char *const *strs, size_t n,
                   char **copies)
{
	size_t total = head, i, len;
	char *p, *w;

	for (i = 0; i < n; i++)
		total += strs[i] ? strlen(strs[i]) + 1 : 0;
	p = veikart__malloc(&in->alloc, total);
	if (p == NULL)
		return NULL;
	memset(p, 0, head);
	w = p + head;
	for (i = 0; i < n; i++) {
		copies[i] = NULL;
		if (strs[i] == NULL)
			continue;
		len = strlen(strs[i]) + 1;
		memcpy(w, strs[i], len);
		copies[i] = w;
		w += len;
	}
	return p;
}

void veikart__initiative_env(const veikart_initiative *in, const veikart_unit *unit, int64_t now,
                             veikart__eval_env *env)
{
	const veikart__walk *w = unit != NULL ? &unit->walk : &in->walk;

	memset(env, 0, sizeof(*env));
	env->facts = in->values;
	env->nfacts = in->nfacts;
	env->now = now;
	env->phase_entered = w->phase != NULL ? w->phase_entered : VEIKART_TIME_UNKNOWN;
	env->units = in->views;
	env->nunits = in->nunits;
	env->unit = unit != NULL ? &in->views[unit->index] : NULL;
	env->phase = in->walk.phase != NULL ? (int32_t)veikart_phase_index(in->walk.phase) : -1;
	env->phase_ids = in->phase_ids;
	env->nphases = veikart_method_phase_count(in->method);
}

veikart_unit *veikart__unit_find(const veikart_initiative *in, const char *id)
{
	size_t i;

	/* Linear: the ids are short and lookups come one per event. */
	for (i = 0; i < in->nunits; i++)
		if (strcmp(in->units[i]->id, id) == 0)
			return in->units[i];
	return NULL;
}

const char *veikart_status_name(veikart_status status)
{
	switch (status) {
	case VEIKART_STATUS_ACTIVE:
		return "active";
	case VEIKART_STATUS_COMPLETED:
		return "completed";
	case VEIKART_STATUS_STOPPED:
		return "stopped";
	}
	return "unknown";
}

/* ---- fact records ----------------------------------------------------------- */

/* One block: the record, its canonical text, the actor and the value's
 * strings.  `v` may point anywhere; the copy points into the block. */
veikart__fact_rec *veikart__fact_rec_new(veikart_initiative *in, const veikart_fact *f,
                                         const veikart__value *v, const char *actor, int64_t time,
                                         uint64_t seq)
{
	const veikart__scale_info *scale = veikart__scale_info_of(veikart_fact_scale(f));
	const char *strs[6] = { NULL, actor, NULL, NULL, NULL, NULL };
	char *copies[6], short_text[VEIKART__VALUE_SHORT_SIZE];
	veikart__fact_rec *r;
	veikart__buf text;
	char *textcopy = NULL;

	/* Most values are short (numbers, dates, yes and no): written on the
	 * stack; the others in a buffer. */
	veikart__buf_init(&text, &in->alloc);
	if (veikart__value_format_short(short_text, v, 0) > 0) {
		strs[0] = short_text;
	} else if (veikart__value_format(&text, v, scale, 0) < 0 || text.failed) {
		veikart__buf_dispose(&text);
		veikart__error_nomem();
		return NULL;
	} else {
		strs[0] = veikart__buf_cstr(&text);
	}
	switch (v->type) {
	case VEIKART_TYPE_TEXT:
		textcopy = veikart__strndup(&in->alloc, v->u.text.ptr, v->u.text.len);
		if (textcopy == NULL) {
			veikart__buf_dispose(&text);
			return NULL;
		}
		strs[2] = textcopy;
		break;
	case VEIKART_TYPE_EVIDENCE:
		strs[2] = v->u.evidence->uri;
		strs[3] = v->u.evidence->sha256;
		strs[4] = v->u.evidence->approved_by;
		break;
	case VEIKART_TYPE_SIGNOFF:
		strs[2] = v->u.signoff->person;
		break;
	default:
		break;
	}
	r = block(in, sizeof(*r), strs, 6, copies);
	veikart__buf_dispose(&text);
	veikart__free(&in->alloc, textcopy);
	if (r == NULL)
		return NULL;
	r->value = *v;
	r->text = copies[0];
	r->actor = copies[1];
	r->seq = seq;
	r->time = time;
	switch (v->type) {
	case VEIKART_TYPE_TEXT:
		r->value.u.text.ptr = copies[2];
		break;
	case VEIKART_TYPE_EVIDENCE:
		r->evidence.uri = copies[2];
		r->evidence.sha256 = copies[3];
		r->evidence.approved_by = copies[4];
		r->value.u.evidence = &r->evidence;
		break;
	case VEIKART_TYPE_SIGNOFF:
		r->signoff.person = copies[2];
		r->value.u.signoff = &r->signoff;
		break;
	default:
		break;
	}
	return r;
}

/* ---- decoding and checking events ---------------------------------------------- */

/* What an event will change, prepared before the hook is asked. */
typedef struct change {
	const veikart_event *ev;
	veikart_unit *unit;                /* the unit it is about; NULL: the initiative */
	veikart_unit *added;               /* unit-add */
	char *strings;                     /* create: id, title, creator */
	const veikart_phase *phase;        /* create: the start phase */
	char *person;                      /* assign */
	const veikart_role *role;          /* assign, unassign */
	size_t index;                      /* unassign: which assignment */
	veikart__step_rec step;            /* step */
	size_t slot;                       /* fact events */
	veikart__fact_rec *rec;            /* fact events; NULL for clear */
	veikart_decision *decision;        /* decide */
	veikart__condition_rec *condition; /* condition-met */
	char *actor;                       /* condition-met */
} change;

/* Whether an event's field key is `want`: the same literal (events point
 * at the library's own keys), else the first byte decides most. */
static int key_is(const char *key, const char *want)
{
	return key == want || (key[0] == want[0] && strcmp(key, want) == 0);
}

/* Fetch the fields an event must have; an empty value counts as missing. */
static int fields_of(const veikart_event *ev, const char *const *keys, size_t n, const char **out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i] = veikart_event_field(ev, keys[i]);
		if (out[i] == NULL || out[i][0] == '\0')
			return veikart__error_set(VEIKART_EFORMAT, "the %s event has no `%s`",
			                          veikart_event_kind_name(ev->kind), keys[i]);
	}
	return 0;
}

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

static int decode_create(veikart_initiative *in, change *c)
{
	static const char *const keys[] = { "id", "title", "method", "version", "digest", "phase" };
	const char *v[6] = { NULL }, *strs[3];
	char *copies[3];
	int err;

	if (in->id != NULL)
		return veikart__error_set(VEIKART_ESTATE, "the initiative already exists");
	err = fields_of(c->ev, keys, 6, v);
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
	if (grow(in, (void **)&in->walk.visits, &in->walk.cap_visits, 1, sizeof(*in->walk.visits)) <
	    0)
		return VEIKART_ENOMEM;
	strs[0] = v[0];
	strs[1] = v[1];
	strs[2] = c->ev->actor;
	c->strings = block(in, 0, strs, 3, copies);
	return c->strings != NULL ? 0 : VEIKART_ENOMEM;
}

static int decode_assign(veikart_initiative *in, change *c, int assign)
{
	static const char *const keys[] = { "person", "role" };
	const char *v[2] = { NULL };
	size_t i;
	char where[160];
	int err;

	/* Roles can change for a unit in any state: a stopped site's people
	 * may still need withdrawing. */
	err = active(in);
	if (err < 0)
		return err;
	err = fields_of(c->ev, keys, 2, v);
	if (err < 0)
		return err;
	c->role = veikart_method_role_by_id(in->method, v[1]);
	if (c->role == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND, "the methodology has no role `%s`",
		                          v[1]);
	for_unit(c->unit, where, sizeof(where));
	if (strcmp(c->ev->actor, in->creator) != 0 && !holds_any(in, c->ev->actor, c->unit))
		return veikart__error_set(VEIKART_EDENIED,
		                          "assigning roles%s needs the creator (`%s`) or a role in "
		                          "the initiative%s; `%s` holds none",
		                          where, in->creator, where, c->ev->actor);
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
	if (holds(in, v[0], c->role, c->unit))
		return veikart__error_set(
		        VEIKART_EEXISTS, "`%s` already holds role `%s`%s", v[0], v[1],
		        c->unit != NULL ? " (for the initiative or this unit)" : "");
	if (grow(in, (void **)&in->assignments, &in->cap_assignments, in->nassignments + 1,
	         sizeof(*in->assignments)) < 0)
		return VEIKART_ENOMEM;
	c->person = veikart__strdup(&in->alloc, v[0]);
	return c->person != NULL ? 0 : VEIKART_ENOMEM;
}

/* set, clear, attach, approve, sign: all end in a new record (or none). */
static int decode_fact(veikart_initiative *in, change *c)
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

	err = unit_open(in, u, 0);
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
		err = may_act(in, ev->actor, u, "recording a fact");
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
		err = may_act(in, ev->actor, u, "withdrawing a fact");
		if (err < 0)
			return err;
		if (old == NULL)
			return veikart__error_set(VEIKART_ENOTFOUND, "fact `%s` is not recorded",
			                          veikart_fact_id(f));
		c->rec = NULL;
		return 0;
	case VEIKART_EVENT_ATTACH:
		err = may_act(in, ev->actor, u, "attaching evidence");
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
		if (veikart_fact_role(f) != NULL && !holds(in, ev->actor, veikart_fact_role(f), u))
			return denied(in, ev->actor, veikart_fact_role(f), u,
			              "approving this evidence");
		if (veikart_fact_role(f) == NULL) {
			err = may_act(in, ev->actor, u, "approving evidence");
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
		if (!holds(in, ev->actor, veikart_fact_role(f), u))
			return denied(in, ev->actor, veikart_fact_role(f), u, "signing this off");
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

static int decode_step(veikart_initiative *in, change *c)
{
	static const char *const keys[] = { "phase", "step" };
	const veikart_step *s = NULL, *before;
	veikart__walk *w = walk_of(in, c->unit);
	const char *v[2] = { NULL };
	char who[160];
	size_t i;
	int err;

	err = unit_open(in, c->unit, 1);
	if (err < 0)
		return err;
	err = fields_of(c->ev, keys, 2, v);
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
		return veikart__error_set(
		        VEIKART_ESTATE, "step `%s` belongs to phase `%s`, but %s is in `%s`", v[1],
		        v[0], who_is(c->unit, who, sizeof(who)), veikart_phase_id(w->phase));
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
		                          who_is(c->unit, who, sizeof(who)));
	if (veikart_step_role(s) != NULL && !holds(in, c->ev->actor, veikart_step_role(s), c->unit))
		return denied(in, c->ev->actor, veikart_step_role(s), c->unit, "this step");
	if (veikart_step_role(s) == NULL) {
		err = may_act(in, c->ev->actor, c->unit, "marking a step done");
		if (err < 0)
			return err;
	}
	if (grow(in, (void **)&w->steps, &w->cap_steps, w->nsteps + 1, sizeof(*w->steps)) < 0)
		return VEIKART_ENOMEM;
	c->step.step = s;
	c->step.seq = c->ev->seq;
	c->step.time = c->ev->time;
	c->step.actor = veikart__strdup(&in->alloc, c->ev->actor);
	return c->step.actor != NULL ? 0 : VEIKART_ENOMEM;
}

/* ---- decisions ------------------------------------------------------------------- */

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
	return veikart__initiative_authority(in, NULL, gate, now_of(in));
}

static int may_override(const veikart_initiative *in, const char *person, const veikart_unit *unit)
{
	size_t i;

	for (i = 0; i < in->nassignments; i++)
		if (covers(&in->assignments[i], unit) &&
		    strcmp(in->assignments[i].person, person) == 0 &&
		    veikart_role_may_override(in->assignments[i].role))
			return 1;
	return 0;
}

static int override_denied(const veikart_initiative *in, const char *actor,
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

static int verdict_from(const char *s, veikart_verdict *out)
{
	veikart_verdict v;

	for (v = VEIKART_VERDICT_READY; v <= VEIKART_VERDICT_ADVISORY; v++) {
		if (strcmp(s, veikart_verdict_name(v)) == 0) {
			*out = v;
			return 0;
		}
	}
	return veikart__error_set(VEIKART_EFORMAT, "`%s` is not a verdict", s);
}

static int outcome_kind_from(const char *s, veikart_outcome_kind *out)
{
	veikart_outcome_kind k;

	for (k = VEIKART_OUTCOME_GO; k <= VEIKART_OUTCOME_CONTINUE; k++) {
		if (strcmp(s, veikart_outcome_kind_name(k)) == 0) {
			*out = k;
			return 0;
		}
	}
	return veikart__error_set(VEIKART_EFORMAT, "`%s` is not an outcome", s);
}

/* The report kept with a decision, rebuilt from its `result` fields:
 * "CRITERION TRUTH REASON". */
static int decision_report(veikart_initiative *in, const veikart_event *ev, const veikart_gate *g,
                           veikart_verdict verdict, double score, veikart_report **out)
{
	size_t n = veikart_gate_criterion_count(g), i, j, k, next = 0;
	veikart_truth *truths;
	const char **reasons;
	const char *key, *val, *sp, *sp2;
	int err;

	truths = veikart__calloc(&in->alloc, n ? n : 1, sizeof(*truths));
	reasons = veikart__calloc(&in->alloc, n ? n : 1, sizeof(*reasons));
	if (truths == NULL || reasons == NULL) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		truths[i] = VEIKART_UNKNOWN;
		reasons[i] = "not recorded with the decision";
	}
	for (k = 0; k < veikart_event_field_count(ev); k++) {
		key = veikart_event_field_key(ev, k);
		val = veikart_event_field_value(ev, k);
		if (!key_is(key, "result"))
			continue;
		sp = strchr(val, ' ');
		sp2 = sp ? strchr(sp + 1, ' ') : NULL;
		if (sp == NULL || sp2 == NULL) {
			err = veikart__error_set(VEIKART_EFORMAT,
			                         "result `%s` is not CRITERION TRUTH "
			                         "REASON",
			                         val);
			goto out;
		}
		/* Results are recorded in the gate's order: the next criterion
		 * is looked at first. */
		for (j = 0; j < n; j++) {
			const char *cid;
			i = (next + j) % n;
			cid = veikart_criterion_id(veikart_gate_criterion(g, i));
			if (strncmp(cid, val, (size_t)(sp - val)) == 0 && cid[sp - val] == '\0')
				break;
		}
		if (j == n) {
			err = veikart__error_set(VEIKART_EFORMAT,
			                         "gate `%s` has no criterion `%.*s`",
			                         veikart_gate_id(g), (int)(sp - val), val);
			goto out;
		}
		if ((size_t)(sp2 - sp - 1) == 3 && memcmp(sp + 1, "met", 3) == 0)
			truths[i] = VEIKART_MET;
		else if ((size_t)(sp2 - sp - 1) == 5 && memcmp(sp + 1, "unmet", 5) == 0)
			truths[i] = VEIKART_UNMET;
		else
			truths[i] = VEIKART_UNKNOWN;
		reasons[i] = sp2 + 1;
		next = i + 1;
	}
	err = veikart__report_rebuild(out, g, ev->time, verdict, score, truths, reasons,
	                              &in->alloc);
out:
	veikart__free(&in->alloc, truths);
	veikart__free(&in->alloc, reasons);
	return err;
}

/*
 * The report a decision records must be the gate as it stood: evaluate it
 * again at the event's time.  Otherwise a decision could be forged with a
 * "ready" verdict at a blocked gate, and a recomputed hash chain would hide
 * it.  Live decisions pass trivially: their record was made this way.
 */
static int check_recorded_report(veikart_initiative *in, const veikart_unit *unit,
                                 const veikart_event *ev, const veikart_gate *g,
                                 const veikart_report *recorded)
{
	size_t i, n = veikart_gate_criterion_count(g);
	veikart_report *now = NULL;
	veikart_truth *truths;
	veikart_verdict verdict;
	veikart__eval_env env;
	int err, same;

	veikart__initiative_env(in, unit, ev->time, &env);
	/* Truths and verdict first; the reasons in words only for the message
	 * when they differ. */
	truths = veikart__calloc(&in->alloc, n ? n : 1, sizeof(*truths));
	if (truths == NULL)
		return VEIKART_ENOMEM;
	veikart__gate_judge(g, &env, truths, &verdict);
	same = verdict == veikart_report_verdict(recorded);
	for (i = 0; same && i < n; i++)
		same = truths[i] == veikart_report_truth(recorded, i);
	veikart__free(&in->alloc, truths);
	if (same)
		return 0;

	err = veikart__report_evaluate(&now, g, &env, 1, &in->alloc);
	if (err < 0)
		return err;
	if (veikart_report_verdict(now) != veikart_report_verdict(recorded)) {
		err = veikart__error_set(
		        VEIKART_ECORRUPT,
		        "the decision records gate `%s` as %s, but at that time it "
		        "was %s (%s)",
		        veikart_gate_id(g), veikart_verdict_name(veikart_report_verdict(recorded)),
		        veikart_verdict_name(veikart_report_verdict(now)),
		        veikart_report_summary(now));
		goto out;
	}
	for (i = 0; i < veikart_report_count(now); i++) {
		if (veikart_report_truth(now, i) == veikart_report_truth(recorded, i))
			continue;
		err = veikart__error_set(VEIKART_ECORRUPT,
		                         "the decision records criterion `%s` of gate `%s` as %s, "
		                         "but at that time it "
		                         "was %s (%s)",
		                         veikart_criterion_id(veikart_report_criterion(now, i)),
		                         veikart_gate_id(g),
		                         veikart_truth_name(veikart_report_truth(recorded, i)),
		                         veikart_truth_name(veikart_report_truth(now, i)),
		                         veikart_report_reason(now, i));
		goto out;
	}
out:
	veikart_report_free(now);
	return err;
}

#define MAX_VIA 64

/*
 * Where an outcome lands: entering a phase whose skip-if holds passes over
 * it to where its gate's go outcome leads.  Fills `via` (MAX_VIA places)
 * with the phases passed over.
 */
static const veikart_phase *landing(const veikart_initiative *in, const veikart_unit *unit,
                                    const veikart_phase *target, int64_t now,
                                    const veikart_phase **via, size_t *nvia)
{
	const veikart_outcome *go;
	const veikart_gate *g;
	veikart__eval_env env;
	size_t i, j;

	*nvia = 0;
	veikart__initiative_env(in, unit, now, &env);
	env.phase_entered = now;
	while (target != NULL && veikart__phase_skip_if_expr(target) != NULL && *nvia < MAX_VIA &&
	       veikart__expr_eval_bool(veikart__phase_skip_if_expr(target), &env, NULL) ==
	               VEIKART_MET) {
		go = NULL;
		for (i = 0; i < veikart_phase_gate_count(target) && go == NULL; i++) {
			g = veikart_phase_gate(target, i);
			for (j = 0; j < veikart_gate_outcome_count(g) && go == NULL; j++)
				if (veikart_outcome_kind_of(veikart_gate_outcome(g, j)) ==
				    VEIKART_OUTCOME_GO)
					go = veikart_gate_outcome(g, j);
		}
		if (go == NULL)
			break;
		via[(*nvia)++] = target;
		target = veikart_outcome_target(go);
	}
	return target;
}

/* A replayed decision must land where the rules led at its time. */
static int check_landing(const veikart_initiative *in, const veikart_unit *unit,
                         const veikart_decision *d)
{
	const veikart_phase *via[MAX_VIA], *land;
	size_t n;

	land = landing(in, unit, veikart_outcome_target(d->outcome), d->time, via, &n);
	if (land == d->target && n == d->nvia &&
	    (n == 0 || memcmp(via, d->via, n * sizeof(*via)) == 0))
		return 0;
	return veikart__error_set(
	        VEIKART_ECORRUPT,
	        "the decision at gate `%s` records that it led to `%s`%s, but at "
	        "that time it led to `%s`%s",
	        veikart_gate_id(d->gate), d->target ? veikart_phase_id(d->target) : "(nowhere)",
	        d->nvia ? " passing over phases" : "", land ? veikart_phase_id(land) : "(nowhere)",
	        n ? " passing over phases" : "");
}

static int decode_decide(veikart_initiative *in, change *c)
{
	static const char *const keys[] = { "gate",    "outcome", "authority",
		                            "verdict", "score",   "rationale" };
	const veikart_event *ev = c->ev;
	const char *v[6] = { NULL }, *to, *key, *val;
	const veikart_gate *g;
	const veikart_outcome *o = NULL;
	const veikart_role *role;
	const veikart_phase *first, *target = NULL;
	veikart_outcome_kind kind = VEIKART_OUTCOME_HOLD;
	veikart_verdict verdict = VEIKART_VERDICT_BLOCKED;
	veikart_decision *d;
	veikart__walk *w = walk_of(in, c->unit);
	size_t i, nvia = 0, ncond = 0, k;
	double score;
	char who[160];
	int err, override;

	err = unit_open(in, c->unit, 1);
	if (err < 0)
		return err;
	err = fields_of(ev, keys, 6, v);
	if (err < 0)
		return err;
	g = veikart_method_gate_by_id(in->method, v[0]);
	if (g == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND, "the methodology has no gate `%s`",
		                          v[0]);
	if (veikart_gate_from(g) != w->phase)
		return veikart__error_set(
		        VEIKART_ESTATE, "gate `%s` leaves phase `%s`, but %s is in `%s`", v[0],
		        veikart_phase_id(veikart_gate_from(g)), who_is(c->unit, who, sizeof(who)),
		        veikart_phase_id(w->phase));
	err = outcome_kind_from(v[1], &kind);
	if (err < 0)
		return err;
	err = verdict_from(v[3], &verdict);
	if (err < 0)
		return err;
	if (veikart__parse_number(&score, v[4], strlen(v[4])) < 0 ||
	    !(score >= 0.0 && score <= 1.0))
		return veikart__error_set(VEIKART_EFORMAT, "score `%s` is not between 0 and 1",
		                          v[4]);

	/* Where it leads: the phases passed over by skip-if, then the target. */
	for (k = 0; k < veikart_event_field_count(ev); k++) {
		key = veikart_event_field_key(ev, k);
		if (key_is(key, "via"))
			nvia++;
		else if (key_is(key, "condition"))
			ncond++;
	}
	to = veikart_event_field(ev, "to");
	if (to != NULL) {
		target = veikart_method_phase_by_id(in->method, to);
		if (target == NULL)
			return veikart__error_set(VEIKART_ENOTFOUND,
			                          "the methodology has no phase `%s`", to);
	}
	first = nvia > 0 ? veikart_method_phase_by_id(in->method, veikart_event_field(ev, "via"))
	                 : target;
	for (i = 0; i < veikart_gate_outcome_count(g); i++) {
		const veikart_outcome *cand = veikart_gate_outcome(g, i);
		if (veikart_outcome_kind_of(cand) == kind && veikart_outcome_target(cand) == first)
			o = cand;
	}
	if (o == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND, "gate `%s` has no %s outcome%s%s",
		                          v[0], v[1], first ? " to " : "",
		                          first ? veikart_phase_id(first) : "");
	if (nvia > 0 && target == NULL)
		return veikart__error_set(VEIKART_EFORMAT, "the decision passes over phases but "
		                                           "lands nowhere");

	/* Who decides, and whether they may go against the verdict. */
	role = veikart__initiative_authority(in, c->unit, g, ev->time);
	if (role == NULL)
		return veikart__error_set(VEIKART_EDENIED,
		                          "no authority rule of gate `%s` applies: none of its "
		                          "conditions holds",
		                          v[0]);
	if (strcmp(veikart_role_id(role), v[2]) != 0)
		return veikart__error_set(VEIKART_EDENIED,
		                          "gate `%s` is decided by role `%s` now, not `%s`", v[0],
		                          veikart_role_id(role), v[2]);
	if (!holds(in, ev->actor, role, c->unit))
		return denied(in, ev->actor, role, c->unit, "deciding at this gate");
	override = veikart_event_field(ev, "override") != NULL;
	if (veikart__outcome_needs_override(kind, verdict) && !override)
		return veikart__error_set(VEIKART_ESTATE,
		                          "gate `%s` is %s: a %s needs an override (by a role that "
		                          "may override) with a rationale",
		                          v[0], veikart_verdict_name(verdict), v[1]);
	if (override && !veikart__outcome_needs_override(kind, verdict))
		return veikart__error_set(
		        VEIKART_EINVALID,
		        "nothing to override: a %s at a gate that is %s needs none", v[1],
		        veikart_verdict_name(verdict));
	if (override && !may_override(in, ev->actor, c->unit))
		return override_denied(in, ev->actor, c->unit, g);
	if (kind == VEIKART_OUTCOME_CONDITIONAL_GO && ncond == 0)
		return veikart__error_set(VEIKART_EINVALID, "a conditional go needs at least one "
		                                            "condition with a due date");
	if (kind != VEIKART_OUTCOME_CONDITIONAL_GO && ncond > 0)
		return veikart__error_set(VEIKART_EINVALID, "only a conditional go has conditions");

	/* Everything the decision needs, allocated now. */
	if (grow(in, (void **)&w->decisions, &w->cap_decisions, w->ndecisions + 1,
	         sizeof(*w->decisions)) < 0 ||
	    grow(in, (void **)&w->visits, &w->cap_visits, w->nvisits + 1, sizeof(*w->visits)) < 0)
		return VEIKART_ENOMEM;
	d = veikart__decision_new(in, nvia, ncond, ev->actor, v[5]);
	if (d == NULL)
		return VEIKART_ENOMEM;
	c->decision = d;
	d->unit = c->unit;
	d->seq = ev->seq;
	d->time = ev->time;
	d->authority = role;
	d->gate = g;
	d->outcome = o;
	d->target = target;
	d->override = override;
	for (k = 0; k < veikart_event_field_count(ev); k++) {
		key = veikart_event_field_key(ev, k);
		val = veikart_event_field_value(ev, k);
		if (key_is(key, "via")) {
			const veikart_phase *p = veikart_method_phase_by_id(in->method, val);
			if (p == NULL || veikart_phase_skip_if(p) == NULL)
				return veikart__error_set(
				        VEIKART_EFORMAT,
				        "`%s` cannot be passed over: it has no skip-if", val);
			d->via[d->nvia++] = p;
		} else if (key_is(key, "condition")) {
			veikart__condition_rec *cr = &d->conditions[d->nconditions];
			int32_t days;
			if (strlen(val) < 12 || val[10] != ' ' ||
			    veikart__date_parse(&days, val, 10) < 0)
				return veikart__error_set(
				        VEIKART_EINVALID,
				        "condition `%s` is not `YYYY-MM-DD what must "
				        "be done`",
				        val);
			memcpy(cr->due, val, 10);
			cr->due[10] = '\0';
			cr->text = veikart__strdup(&in->alloc, val + 11);
			if (cr->text == NULL)
				return VEIKART_ENOMEM;
			d->nconditions++;
		}
	}
	if (in->live_report != NULL && veikart_report_gate(in->live_report) == g) {
		/* A live decision: its record was made from this report, at this
		 * moment and in this state, and its landing was worked out the
		 * same way, so there is nothing to check.  Keeping the report
		 * itself equals rebuilding it from the record once the score is
		 * the record's (six digits). */
		d->report = in->live_report;
		in->live_report = NULL;
		veikart__report_set_score(d->report, score);
		return 0;
	}
	err = decision_report(in, ev, g, verdict, score, &d->report);
	if (err < 0)
		return err;
	err = check_landing(in, c->unit, d);
	if (err < 0)
		return err;
	return check_recorded_report(in, c->unit, ev, g, d->report);
}

static veikart_decision *walk_decision(const veikart__walk *w, uint64_t seq)
{
	size_t lo = 0, hi = w->ndecisions, mid;

	/* Decisions are kept in the order taken, so by sequence number. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (w->decisions[mid]->seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->ndecisions && w->decisions[lo]->seq == seq ? w->decisions[lo] : NULL;
}

/* The decision an event recorded, at the initiative's gates or a unit's. */
static veikart_decision *decision_by_seq(const veikart_initiative *in, uint64_t seq)
{
	veikart_decision *d = walk_decision(&in->walk, seq);
	size_t i;

	for (i = 0; d == NULL && i < in->nunits; i++)
		d = walk_decision(&in->units[i]->walk, seq);
	return d;
}

static int decode_condition(veikart_initiative *in, change *c)
{
	static const char *const keys[] = { "decision", "condition" };
	const char *v[2] = { NULL };
	char *end;
	unsigned long long seq, n;
	veikart_decision *d = NULL;
	int err;

	err = fields_of(c->ev, keys, 2, v);
	if (err < 0)
		return err;
	seq = strtoull(v[0], &end, 10);
	if (*end != '\0')
		return veikart__error_set(VEIKART_EFORMAT, "decision `%s` is not a number", v[0]);
	n = strtoull(v[1], &end, 10);
	if (*end != '\0' || n == 0)
		return veikart__error_set(VEIKART_EFORMAT, "condition `%s` is not a number from 1",
		                          v[1]);
	d = decision_by_seq(in, seq);
	if (d == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND,
		                          "no decision was recorded as event %llu", seq);
	if (n > d->nconditions)
		return veikart__error_set(VEIKART_ENOTFOUND,
		                          "decision %llu has %zu condition(s), not "
		                          "%llu",
		                          seq, d->nconditions, n);
	if (d->conditions[n - 1].met_seq != 0)
		return veikart__error_set(VEIKART_EEXISTS,
		                          "condition %llu of decision %llu is already "
		                          "met",
		                          n, seq);
	if (!holds(in, c->ev->actor, d->authority, d->unit))
		return denied(in, c->ev->actor, d->authority, d->unit,
		              "recording a condition as met");
	c->condition = &d->conditions[n - 1];
	c->actor = veikart__strdup(&in->alloc, c->ev->actor);
	return c->actor != NULL ? 0 : VEIKART_ENOMEM;
}

veikart_decision *veikart__decision_new(veikart_initiative *in, size_t nvia, size_t nconditions,
                                        const char *actor, const char *rationale)
{
	const char *strs[2] = { actor, rationale };
	char *copies[2];
	veikart_decision *d;

	d = block(in,
	          sizeof(*d) + (nvia + 1) * sizeof(*d->via) +
	                  (nconditions + 1) * sizeof(*d->conditions),
	          strs, 2, copies);
	if (d == NULL)
		return NULL;
	d->via = (const veikart_phase **)(d + 1);
	d->conditions = (veikart__condition_rec *)(d->via + nvia + 1);
	d->actor = copies[0];
	d->rationale = copies[1];
	return d;
}

void veikart__decision_free(veikart_initiative *in, veikart_decision *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nconditions; i++) {
		veikart__free(&in->alloc, d->conditions[i].text);
		veikart__free(&in->alloc, d->conditions[i].met_actor);
	}
	veikart_report_free(d->report);
	veikart__free(&in->alloc, d);
}

/* ---- rollout units ---------------------------------------------------------------- */

#define MAX_UNIT_ID 200
#define MAX_WAVE 100000

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
	if (text[0] < '0' || text[0] > '9' || *end != '\0' || v > MAX_WAVE)
		return veikart__error_set(VEIKART_EFORMAT,
		                          "%s `%s` is not a whole number from 0 to %d", what, text,
		                          MAX_WAVE);
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

static int units_reserve(veikart_initiative *in);

static int decode_unit_add(veikart_initiative *in, change *c)
{
	static const char *const keys[] = { "unit" };
	const veikart_event *ev = c->ev;
	const veikart_unit_type *t = NULL;
	const char *id = NULL, *title, *type, *parent_id;
	veikart_unit *parent = NULL, *u;
	char types[512];
	int32_t wave = 0, order = 0;
	int err;

	err = active(in);
	if (err < 0)
		return err;
	err = fields_of(ev, keys, 1, &id);
	if (err < 0)
		return err;
	c->phase = veikart_method_unit_start(in->method);
	if (c->phase == NULL)
		return veikart__error_set(VEIKART_ESTATE,
		                          "methodology `%s` has no phases walked per unit, so an "
		                          "initiative under it has no rollout units",
		                          veikart_method_id(in->method));
	err = may_act(in, ev->actor, NULL, "adding a rollout unit");
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
	if (units_reserve(in) < 0)
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

veikart_unit *veikart__unit_new(veikart_initiative *in, const char *id, const char *title,
                                const char *type, const char *parent_id)
{
	const char *strs[4] = { id, title != NULL && title[0] != '\0' ? title : id, type,
		                parent_id };
	char *copies[4];
	veikart_unit *u;

	u = block(in, sizeof(*u), strs, 4, copies);
	if (u == NULL)
		return NULL;
	u->initiative = in;
	u->id = copies[0];
	u->title = copies[1];
	u->type = copies[2];
	u->parent_id = copies[3];
	u->facts = veikart__calloc(&in->alloc, in->nfacts ? in->nfacts : 1, sizeof(*u->facts));
	u->values = veikart__calloc(&in->alloc, in->nfacts ? in->nfacts : 1, sizeof(*u->values));
	if (u->facts == NULL || u->values == NULL ||
	    grow(in, (void **)&u->walk.visits, &u->walk.cap_visits, 1, sizeof(*u->walk.visits)) <
	            0) {
		veikart__unit_free(in, u);
		return NULL;
	}
	return u;
}

static void walk_dispose(veikart_initiative *in, veikart__walk *w)
{
	size_t i;

	for (i = 0; i < w->nsteps; i++)
		veikart__free(&in->alloc, w->steps[i].actor);
	for (i = 0; i < w->ndecisions; i++)
		veikart__decision_free(in, w->decisions[i]);
	veikart__free(&in->alloc, w->steps);
	veikart__free(&in->alloc, w->visits);
	veikart__free(&in->alloc, w->decisions);
}

void veikart__unit_free(veikart_initiative *in, veikart_unit *u)
{
	size_t i;

	if (u == NULL)
		return;
	for (i = 0; i < in->nfacts && u->facts != NULL; i++)
		veikart__free(&in->alloc, u->facts[i]);
	walk_dispose(in, &u->walk);
	veikart__free(&in->alloc, u->facts);
	veikart__free(&in->alloc, u->values);
	veikart__free(&in->alloc, u); /* the strings share its block */
}

static int units_reserve(veikart_initiative *in)
{
	if (grow(in, (void **)&in->units, &in->cap_units, in->nunits + 1, sizeof(*in->units)) < 0 ||
	    grow(in, (void **)&in->views, &in->cap_views, in->nunits + 1, sizeof(*in->views)) < 0)
		return VEIKART_ENOMEM;
	return 0;
}

/* Add a unit where units_reserve() made room: cannot fail. */
static void unit_place(veikart_initiative *in, veikart_unit *u)
{
	veikart__unit_view *v;

	u->index = in->nunits;
	in->units[in->nunits] = u;
	v = &in->views[in->nunits];
	memset(v, 0, sizeof(*v));
	v->id = u->id;
	v->title = u->title;
	v->type = u->type;
	v->wave = u->wave;
	v->phase = u->walk.phase != NULL ? (int32_t)veikart_phase_index(u->walk.phase) : -1;
	v->facts = u->values;
	in->nunits++;
}

int veikart__unit_push(veikart_initiative *in, veikart_unit *u)
{
	if (units_reserve(in) < 0)
		return VEIKART_ENOMEM;
	unit_place(in, u);
	return 0;
}

static void change_release(veikart_initiative *in, change *c)
{
	veikart__free(&in->alloc, c->strings);
	veikart__free(&in->alloc, c->person);
	veikart__free(&in->alloc, c->step.actor);
	veikart__free(&in->alloc, c->rec);
	veikart__free(&in->alloc, c->actor);
	veikart__decision_free(in, c->decision);
	veikart__unit_free(in, c->added);
}

static int decode(veikart_initiative *in, change *c)
{
	const char *unit = veikart_event_field(c->ev, "unit");

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
		c->unit = veikart__unit_find(in, unit);
		if (c->unit == NULL)
			return veikart__error_set(VEIKART_ENOTFOUND,
			                          "the initiative has no rollout unit `%s`", unit);
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
		return decode_decide(in, c);
	case VEIKART_EVENT_CONDITION_MET:
		return decode_condition(in, c);
	case VEIKART_EVENT_UNIT_ADD:
		return decode_unit_add(in, c);
	}
	return veikart__error_set(VEIKART_EFORMAT, "unknown kind of event");
}

/* ---- committing ------------------------------------------------------------------- */

void veikart__walk_enter(veikart_initiative *in, veikart_unit *unit, const veikart_phase *p,
                         int64_t time, uint64_t seq)
{
	veikart__walk *w = walk_of(in, unit);
	veikart__visit *v;

	if (w->nvisits > 0)
		w->visits[w->nvisits - 1].left = time;
	v = &w->visits[w->nvisits++];
	v->phase = p;
	v->entered = time;
	v->left = 0;
	v->seq = seq;
	w->phase = p;
	w->phase_entered = time;
	if (veikart_phase_is_terminal(p))
		w->status = VEIKART_STATUS_COMPLETED;
	if (unit != NULL)
		in->views[unit->index].phase = (int32_t)veikart_phase_index(p);
}

static void commit(veikart_initiative *in, change *c)
{
	const veikart_event *ev = c->ev;
	veikart__walk *w = walk_of(in, c->unit);
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
		unit_place(in, c->added);
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

/* Name the event in a replay error, keeping the code. */
static int about_event(const veikart_event *ev, int err)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), "%s", veikart_error_last()->message);
	return veikart__error_set(err, "event %" PRIu64 " (%s by `%s`): %s", ev->seq,
	                          veikart_event_kind_name(ev->kind), ev->actor, msg);
}

int veikart__initiative_apply(veikart_initiative *in, const veikart_event *const *events,
                              size_t count, int call_hook)
{
	change local[4], *changes = local;
	const char *prev = in->head;
	int64_t last = in->last_time;
	size_t k;
	int err = 0, rc;

	if (count > VEIKART__ARRAY_SIZE(local)) {
		changes = veikart__calloc(&in->alloc, count, sizeof(*changes));
		if (changes == NULL)
			return VEIKART_ENOMEM;
	}
	memset(changes, 0, count * sizeof(*changes));
	for (k = 0; k < count; k++) {
		const veikart_event *ev = events[k];
		changes[k].ev = ev;
		if (ev->seq != in->seq + k + 1 || strcmp(ev->prev, prev) != 0) {
			err = veikart__error_set(VEIKART_ECORRUPT,
			                         "event %" PRIu64 " does not follow event %" PRIu64
			                         " (expected sequence %" PRIu64 " linked to %.12s)",
			                         ev->seq, in->seq + k, in->seq + k + 1, prev);
			goto out;
		}
		if (ev->time < last) {
			err = veikart__error_set(
			        VEIKART_ECORRUPT,
			        "event %" PRIu64 " is dated before the event before it", ev->seq);
			goto out;
		}
		/* Facts in one batch are independent; decode each against the
		 * state as it stands (decisions and creation come alone). */
		err = decode(in, &changes[k]);
		if (err < 0) {
			if (!call_hook)
				err = about_event(ev, err);
			goto out;
		}
		prev = ev->hash;
		last = ev->time;
	}
	if (call_hook && in->commit != NULL) {
		veikart_error_clear();
		rc = in->commit(events, count, in->commit_payload);
		if (rc != 0) {
			char why[900] = "";
			/* A hook that said why (with veikart_error_set(), as the
			 * journal does when it cannot write) keeps its reason. */
			if (rc < 0 && veikart_error_last()->code == rc)
				snprintf(why, sizeof(why), ": %s", veikart_error_last()->message);
			err = veikart__error_set(VEIKART_EUSER,
			                         "the change was not committed (the commit hook "
			                         "returned %d)%s",
			                         rc, why);
			goto out;
		}
	}
	for (k = 0; k < count; k++)
		commit(in, &changes[k]);
out:
	veikart__arena_release(&in->scratch);
	/* Every change, the one that failed half-prepared included; the ones
	 * never reached are zeroed, and committed ones were emptied. */
	for (k = 0; k < count; k++)
		change_release(in, &changes[k]);
	if (changes != local)
		veikart__free(&in->alloc, changes);
	return err;
}

/* ---- construction ------------------------------------------------------------------ */

int veikart__initiative_init(veikart_initiative **out, const veikart_method *method,
                             const veikart_initiative_options *opts)
{
	const veikart_allocator *alloc;
	veikart_initiative *in;
	size_t n, i;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the initiative (out is NULL)");
	*out = NULL;
	if (method == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no methodology given");
	if (opts != NULL) {
		err = veikart__check_version(opts->version, VEIKART_INITIATIVE_OPTIONS_VERSION,
		                             "veikart_initiative_options");
		if (err < 0)
			return err;
	}
	alloc = opts != NULL && opts->allocator != NULL ? opts->allocator
	                                                : veikart__method_allocator(method);
	in = veikart__calloc(alloc, 1, sizeof(*in));
	if (in == NULL)
		return VEIKART_ENOMEM;
	in->alloc = *veikart__allocator_or_default(alloc);
	in->method = method;
	in->clock = opts != NULL && opts->clock != NULL ? opts->clock : system_clock;
	in->clock_payload = opts != NULL ? opts->clock_payload : NULL;
	in->commit = opts != NULL ? opts->commit : NULL;
	in->commit_payload = opts != NULL ? opts->commit_payload : NULL;
	in->max_text =
	        opts != NULL && opts->max_text_bytes ? opts->max_text_bytes : DEFAULT_MAX_TEXT;
	veikart__arena_init(&in->scratch, &in->alloc);
	memcpy(in->head, VEIKART__HASH_ZERO, sizeof(in->head));
	n = veikart__method_fact_slots(method);
	in->nfacts = n;
	in->facts = veikart__calloc(&in->alloc, n ? n : 1, sizeof(*in->facts));
	in->values = veikart__calloc(&in->alloc, n ? n : 1, sizeof(*in->values));
	n = veikart_method_phase_count(method);
	in->phase_ids = veikart__calloc(&in->alloc, n ? n : 1, sizeof(*in->phase_ids));
	if (in->facts == NULL || in->values == NULL || in->phase_ids == NULL) {
		veikart_initiative_free(in);
		return VEIKART_ENOMEM;
	}
	for (i = 0; i < n; i++)
		in->phase_ids[i] = veikart_phase_id(veikart_method_phase(method, i));
	*out = in;
	return 0;
}

int veikart_initiative_open(veikart_initiative **out, const veikart_method *method,
                            const veikart_initiative_options *opts)
{
	return veikart__initiative_init(out, method, opts);
}

void veikart_initiative_free(veikart_initiative *in)
{
	veikart_allocator alloc;
	size_t i;

	if (in == NULL)
		return;
	alloc = in->alloc;
	for (i = 0; i < in->nfacts && in->facts != NULL; i++)
		veikart__free(&alloc, in->facts[i]);
	for (i = 0; i < in->nassignments; i++)
		veikart__free(&alloc, in->assignments[i].person);
	walk_dispose(in, &in->walk);
	for (i = 0; i < in->nunits; i++)
		veikart__unit_free(in, in->units[i]);
	veikart__free(&alloc, in->id); /* title and creator share its block */
	veikart__free(&alloc, in->facts);
	veikart__free(&alloc, in->values);
	veikart__free(&alloc, in->assignments);
	veikart__free(&alloc, in->units);
	veikart__free(&alloc, in->views);
	veikart__free(&alloc, in->phase_ids);
	veikart__arena_release(&in->scratch);
	veikart__free(&alloc, in);
}

int veikart_initiative_apply(veikart_initiative *in, const veikart_event *event)
{
	if (in == NULL || event == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative or no event given");
	return veikart__initiative_apply(in, &event, 1, 0);
}

int veikart_initiative_replay(veikart_initiative **out, const veikart_method *method,
                              veikart_journal *journal, const veikart_initiative_options *opts)
{
	veikart_initiative_options o = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *in = NULL;
	size_t i, n;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the initiative (out is NULL)");
	*out = NULL;
	if (journal == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no journal given");
	if (opts != NULL) {
		err = veikart__check_version(opts->version, VEIKART_INITIATIVE_OPTIONS_VERSION,
		                             "veikart_initiative_options");
		if (err < 0)
			return err;
		o = *opts;
	}
	if (o.commit == NULL) {
		o.commit = veikart_journal_commit;
		o.commit_payload = journal;
	}
	n = veikart_journal_count(journal);
	if (n == 0)
		return veikart__error_set(VEIKART_ENOTFOUND, "journal %s holds no events",
		                          veikart_journal_path(journal));
	err = veikart__initiative_init(&in, method, &o);
	if (err < 0)
		return err;
	for (i = 0; i < n; i++) {
		err = veikart_initiative_apply(in, veikart_journal_event(journal, i));
		if (err < 0) {
			veikart_initiative_free(in);
			return err;
		}
	}
	*out = in;
	return 0;
}

/* ---- live changes ---------------------------------------------------------------- */

/* Start an event as the next one of the initiative, dated now. */
static int begin(veikart_initiative *in, veikart__event_builder *b, veikart_event_kind kind,
                 const char *actor, int64_t *now)
{
	int err = text_ok(in, actor, "actor");

	if (err < 0)
		return err;
	*now = now_of(in);
	if (*now < in->last_time)
		return veikart__error_set(VEIKART_ESTATE,
		                          "the clock says %" PRId64 ", earlier than the last event "
		                          "(%" PRId64 "); events are recorded in order",
		                          *now, in->last_time);
	veikart__event_begin(b, &in->alloc, in->seq + 1, *now, kind, actor);
	return 0;
}

/* Finish the events of one call, chained to the initiative, and apply them. */
static int record(veikart_initiative *in, veikart__event_builder *b, size_t n)
{
	veikart_event *local[4] = { NULL }, **evs = local;
	const char *prev = in->head;
	size_t k, made = 0;
	int err = 0;

	if (n > VEIKART__ARRAY_SIZE(local)) {
		evs = veikart__calloc(&in->alloc, n, sizeof(*evs));
		if (evs == NULL) {
			err = VEIKART_ENOMEM;
			goto out;
		}
	}
	for (k = 0; k < n; k++) {
		b[k].seq = in->seq + k + 1;
		err = veikart__event_finish(&evs[k], &b[k], prev);
		if (err < 0) {
			err = veikart__error_nomem();
			goto out;
		}
		made = k + 1;
		prev = evs[k]->hash;
	}
	err = veikart__initiative_apply(in, (const veikart_event *const *)evs, n, 1);
out:
	for (k = 0; k < n; k++)
		veikart__event_builder_dispose(&b[k]);
	for (k = 0; k < made; k++)
		veikart__event_free(evs[k]);
	if (evs != local)
		veikart__free(&in->alloc, evs);
	return err;
}

int veikart_initiative_create(veikart_initiative **out, const veikart_method *method,
                              const char *id, const char *title, const char *actor,
                              const veikart_initiative_options *opts)
{
	veikart_initiative *in = NULL;
	veikart__event_builder b;
	int64_t now;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the initiative (out is NULL)");
	*out = NULL;
	err = veikart__initiative_init(&in, method, opts);
	if (err < 0)
		return err;
	err = text_ok(in, id, "initiative id");
	if (err == 0)
		err = text_ok(in, title, "title");
	if (err == 0)
		err = begin(in, &b, VEIKART_EVENT_CREATE, actor, &now);
	if (err < 0)
		goto out;
	veikart__event_add(&b, "id", id);
	veikart__event_add(&b, "title", title);
	veikart__event_add(&b, "method", veikart_method_id(method));
	veikart__event_add(&b, "version", veikart_method_version(method));
	veikart__event_add(&b, "digest", veikart_method_digest(method));
	veikart__event_add(&b, "phase", veikart_phase_id(veikart_method_start(method)));
	err = record(in, &b, 1);
out:
	if (err < 0) {
		veikart_initiative_free(in);
		return err;
	}
	*out = in;
	return 0;
}

/* One event of two fields, about the initiative or a unit (`unit` NULL). */
static int simple(veikart_initiative *in, veikart_event_kind kind, const char *actor,
                  const char *unit, const char *k1, const char *v1, const char *k2, const char *v2)
{
	veikart__event_builder b;
	int64_t now;
	int err;

	if (in == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative given");
	err = begin(in, &b, kind, actor, &now);
	if (err < 0)
		return err;
	veikart__event_add(&b, "unit", unit);
	veikart__event_add(&b, k1, v1);
	veikart__event_add(&b, k2, v2);
	return record(in, &b, 1);
}

static int assign(veikart_initiative *in, veikart_event_kind kind, const char *actor,
                  const char *unit, const char *person, const char *role_id)
{
	int err = in != NULL ? text_ok(in, person, "person") : 0;

	if (err == 0 && role_id == NULL)
		err = veikart__error_set(VEIKART_EINVALID, "no role given");
	return err < 0 ? err : simple(in, kind, actor, unit, "person", person, "role", role_id);
}

int veikart_initiative_assign(veikart_initiative *in, const char *actor, const char *person,
                              const char *role_id)
{
	return assign(in, VEIKART_EVENT_ASSIGN, actor, NULL, person, role_id);
}

int veikart_initiative_unassign(veikart_initiative *in, const char *actor, const char *person,
                                const char *role_id)
{
	return assign(in, VEIKART_EVENT_UNASSIGN, actor, NULL, person, role_id);
}

int veikart_initiative_unit_assign(veikart_initiative *in, const char *actor, const char *unit_id,
                                   const char *person, const char *role_id)
{
	if (unit_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no unit given");
	return assign(in, VEIKART_EVENT_ASSIGN, actor, unit_id, person, role_id);
}

int veikart_initiative_unit_unassign(veikart_initiative *in, const char *actor, const char *unit_id,
                                     const char *person, const char *role_id)
{
	if (unit_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no unit given");
	return assign(in, VEIKART_EVENT_UNASSIGN, actor, unit_id, person, role_id);
}

/* Facts of the initiative or of a unit, one `set` event each, in one commit. */
static int set_many(veikart_initiative *in, const char *actor, const char *unit, size_t count,
                    const char *const *fact_ids, const char *const *values)
{
	veikart__event_builder local[4], *b = local;
	int64_t now;
	size_t k, begun = 0;
	int err;

	if (in == NULL || count == 0 || fact_ids == NULL || values == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative, or no facts to record");
	for (k = 0; k < count; k++) {
		if (fact_ids[k] == NULL || values[k] == NULL)
			return veikart__error_set(VEIKART_EINVALID,
			                          "fact %zu has no id or no value", k + 1);
		if (strlen(values[k]) > in->max_text)
			return veikart__error_set(VEIKART_EINVALID,
			                          "the value of `%s` is longer than "
			                          "%zu bytes",
			                          fact_ids[k], in->max_text);
	}
	if (count > VEIKART__ARRAY_SIZE(local)) {
		b = veikart__calloc(&in->alloc, count, sizeof(*b));
		if (b == NULL)
			return VEIKART_ENOMEM;
	}
	for (k = 0; k < count; k++) {
		err = begin(in, &b[k], VEIKART_EVENT_SET, actor, &now);
		if (err < 0)
			goto out;
		begun = k + 1;
		veikart__event_add(&b[k], "unit", unit);
		veikart__event_add(&b[k], "fact", fact_ids[k]);
		veikart__event_add(&b[k], "value", values[k]);
	}
	begun = 0; /* record() disposes of the builders */
	err = record(in, b, count);
out:
	for (k = 0; k < begun; k++)
		veikart__event_builder_dispose(&b[k]);
	if (b != local)
		veikart__free(&in->alloc, b);
	return err;
}

int veikart_initiative_set(veikart_initiative *in, const char *actor, const char *fact_id,
                           const char *value)
{
	return set_many(in, actor, NULL, 1, &fact_id, &value);
}

int veikart_initiative_set_many(veikart_initiative *in, const char *actor, size_t count,
                                const char *const *fact_ids, const char *const *values)
{
	return set_many(in, actor, NULL, count, fact_ids, values);
}

int veikart_initiative_unit_set(veikart_initiative *in, const char *actor, const char *unit_id,
                                size_t count, const char *const *fact_ids,
                                const char *const *values)
{
	if (unit_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no unit given");
	return set_many(in, actor, unit_id, count, fact_ids, values);
}

static int fact_event(veikart_initiative *in, veikart_event_kind kind, const char *actor,
                      const char *unit, const char *fact_id)
{
	if (fact_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no fact given");
	return simple(in, kind, actor, unit, "fact", fact_id, "", NULL);
}

int veikart_initiative_clear(veikart_initiative *in, const char *actor, const char *fact_id)
{
	return fact_event(in, VEIKART_EVENT_CLEAR, actor, NULL, fact_id);
}

int veikart_initiative_approve(veikart_initiative *in, const char *actor, const char *fact_id)
{
	return fact_event(in, VEIKART_EVENT_APPROVE, actor, NULL, fact_id);
}

int veikart_initiative_sign(veikart_initiative *in, const char *actor, const char *fact_id)
{
	return fact_event(in, VEIKART_EVENT_SIGN, actor, NULL, fact_id);
}

static int unit_fact_event(veikart_initiative *in, veikart_event_kind kind, const char *actor,
                           const char *unit_id, const char *fact_id)
{
	if (unit_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no unit given");
	return fact_event(in, kind, actor, unit_id, fact_id);
}

int veikart_initiative_unit_clear(veikart_initiative *in, const char *actor, const char *unit_id,
                                  const char *fact_id)
{
	return unit_fact_event(in, VEIKART_EVENT_CLEAR, actor, unit_id, fact_id);
}

int veikart_initiative_unit_approve(veikart_initiative *in, const char *actor, const char *unit_id,
                                    const char *fact_id)
{
	return unit_fact_event(in, VEIKART_EVENT_APPROVE, actor, unit_id, fact_id);
}

int veikart_initiative_unit_sign(veikart_initiative *in, const char *actor, const char *unit_id,
                                 const char *fact_id)
{
	return unit_fact_event(in, VEIKART_EVENT_SIGN, actor, unit_id, fact_id);
}

static int attach(veikart_initiative *in, const char *actor, const char *unit, const char *fact_id,
                  const char *uri, const char *sha256)
{
	veikart__event_builder b;
	int64_t now;
	int err;

	if (in == NULL || fact_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative or no fact given");
	err = text_ok(in, uri, "document address");
	if (err == 0)
		err = begin(in, &b, VEIKART_EVENT_ATTACH, actor, &now);
	if (err < 0)
		return err;
	veikart__event_add(&b, "unit", unit);
	veikart__event_add(&b, "fact", fact_id);
	veikart__event_add(&b, "uri", uri);
	veikart__event_add(&b, "sha256", sha256);
	return record(in, &b, 1);
}

int veikart_initiative_attach(veikart_initiative *in, const char *actor, const char *fact_id,
                              const char *uri, const char *sha256)
{
	return attach(in, actor, NULL, fact_id, uri, sha256);
}

int veikart_initiative_unit_attach(veikart_initiative *in, const char *actor, const char *unit_id,
                                   const char *fact_id, const char *uri, const char *sha256)
{
	if (unit_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no unit given");
	return attach(in, actor, unit_id, fact_id, uri, sha256);
}

static int step(veikart_initiative *in, const char *actor, const char *unit, const char *phase_id,
                const char *step_id)
{
	if (phase_id == NULL || step_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no phase or no step given");
	return simple(in, VEIKART_EVENT_STEP, actor, unit, "phase", phase_id, "step", step_id);
}

int veikart_initiative_step(veikart_initiative *in, const char *actor, const char *phase_id,
                            const char *step_id)
{
	return step(in, actor, NULL, phase_id, step_id);
}

int veikart_initiative_unit_step(veikart_initiative *in, const char *actor, const char *unit_id,
                                 const char *phase_id, const char *step_id)
{
	if (unit_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no unit given");
	return step(in, actor, unit_id, phase_id, step_id);
}

int veikart_initiative_add_unit(veikart_initiative *in, const char *actor,
                                const veikart_unit_spec *spec)
{
	veikart__event_builder b;
	char wave[16], order[16];
	int64_t now;
	int err;

	if (in == NULL || spec == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative or no unit given");
	err = veikart__check_version(spec->version, VEIKART_UNIT_SPEC_VERSION, "veikart_unit_spec");
	if (err < 0)
		return err;
	err = text_ok(in, spec->id, "unit id");
	if (err == 0 && spec->title != NULL)
		err = text_ok(in, spec->title, "unit title");
	if (err == 0 && spec->type != NULL)
		err = text_ok(in, spec->type, "unit type");
	if (err == 0 && spec->parent != NULL)
		err = text_ok(in, spec->parent, "parent unit");
	if (err == 0 &&
	    (spec->wave < 0 || spec->wave > MAX_WAVE || spec->order < 0 || spec->order > MAX_WAVE))
		err = veikart__error_set(VEIKART_EINVALID,
		                         "wave %d or order %d is not a whole number from 0 to %d",
		                         spec->wave, spec->order, MAX_WAVE);
	if (err == 0)
		err = begin(in, &b, VEIKART_EVENT_UNIT_ADD, actor, &now);
	if (err < 0)
		return err;
	snprintf(wave, sizeof(wave), "%d", spec->wave);
	snprintf(order, sizeof(order), "%d", spec->order);
	veikart__event_add(&b, "unit", spec->id);
	veikart__event_add(&b, "title", spec->title);
	veikart__event_add(&b, "type", spec->type);
	veikart__event_add(&b, "parent", spec->parent);
	veikart__event_add(&b, "wave", spec->wave > 0 ? wave : NULL);
	veikart__event_add(&b, "order", spec->order > 0 ? order : NULL);
	return record(in, &b, 1);
}

/* The single gate of the walk's current phase, or the named one. */
static int gate_for(const veikart_initiative *in, const veikart_unit *unit, const char *id,
                    const veikart_gate **out)
{
	const veikart__walk *w = unit != NULL ? &unit->walk : &in->walk;

	*out = NULL;
	if (id != NULL) {
		*out = veikart_method_gate_by_id(in->method, id);
		if (*out == NULL)
			return veikart__error_set(VEIKART_ENOTFOUND,
			                          "the methodology has no gate `%s`", id);
		return 0;
	}
	if (w->phase == NULL || veikart_phase_gate_count(w->phase) == 0)
		return veikart__error_set(VEIKART_ENOTFOUND, "phase `%s` has no gate",
		                          w->phase ? veikart_phase_id(w->phase) : "(none)");
	if (veikart_phase_gate_count(w->phase) > 1)
		return veikart__error_set(VEIKART_ENOTFOUND,
		                          "phase `%s` has several gates: say which",
		                          veikart_phase_id(w->phase));
	*out = veikart_phase_gate(w->phase, 0);
	return 0;
}

/* "go to pilot, hold, stop": a gate's outcomes, for messages. */
static const char *outcomes_of(const veikart_gate *g, char *buf, size_t size)
{
	const veikart_outcome *o;
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < veikart_gate_outcome_count(g) && n < size; i++) {
		o = veikart_gate_outcome(g, i);
		n += (size_t)snprintf(buf + n, size - n, "%s%s%s%s", n ? ", " : "",
		                      veikart_outcome_kind_name(veikart_outcome_kind_of(o)),
		                      veikart_outcome_target(o) ? " to " : "",
		                      veikart_outcome_target(o)
		                              ? veikart_phase_id(veikart_outcome_target(o))
		                              : "");
	}
	return buf;
}

/* Pick the outcome a request names; list the choices when it is ambiguous. */
static int outcome_for(const veikart_gate *g, veikart_outcome_kind kind, const char *to,
                       const veikart_outcome **out)
{
	const veikart_outcome *o;
	char choices[512];
	size_t i, found = 0;

	*out = NULL;
	for (i = 0; i < veikart_gate_outcome_count(g); i++) {
		o = veikart_gate_outcome(g, i);
		if (veikart_outcome_kind_of(o) != kind)
			continue;
		if (to != NULL && (veikart_outcome_target(o) == NULL ||
		                   strcmp(veikart_phase_id(veikart_outcome_target(o)), to) != 0))
			continue;
		*out = o;
		found++;
	}
	if (found == 1)
		return 0;
	*out = NULL;
	if (found > 1)
		return veikart__error_set(VEIKART_EINVALID,
		                          "gate `%s` has several %s outcomes: say where to (%s)",
		                          veikart_gate_id(g), veikart_outcome_kind_name(kind),
		                          outcomes_of(g, choices, sizeof(choices)));
	return veikart__error_set(VEIKART_ENOTFOUND, "gate `%s` has no %s outcome%s%s (it has: %s)",
	                          veikart_gate_id(g), veikart_outcome_kind_name(kind),
	                          to ? " to " : "", to ? to : "",
	                          outcomes_of(g, choices, sizeof(choices)));
}

/* What holds a gate back, for a refusal: "; in_order: units of earlier
 * waves have not reached ..." for each must criterion not met. */
static const char *missing_of(const veikart_report *r, char *buf, size_t size)
{
	const veikart_criterion *c;
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < veikart_report_count(r) && n < size; i++) {
		c = veikart_report_criterion(r, i);
		if (veikart_report_truth(r, i) == VEIKART_MET ||
		    veikart_criterion_level(c) != VEIKART_LEVEL_MUST)
			continue;
		n += (size_t)snprintf(buf + n, size - n, "; %s: %s", veikart_criterion_id(c),
		                      veikart_report_reason(r, i));
	}
	return buf;
}

int veikart_initiative_decide(veikart_initiative *in, const veikart_decision_request *req)
{
	const veikart_phase *via[MAX_VIA], *target;
	const veikart_gate *g;
	const veikart_outcome *o;
	const veikart_role *role;
	veikart_unit *unit = NULL;
	veikart__event_builder b;
	veikart_report *report = NULL;
	veikart__eval_env env;
	char score[VEIKART__VALUE_SHORT_SIZE], who[160], **results = NULL, **conditions = NULL;
	size_t nvia = 0, i, n = 0, nc = 0, *ends;
	veikart__buf texts;
	int64_t now;
	int err, building = 0;

	if (in == NULL || req == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative or no decision given");
	err = veikart__check_version(req->version, VEIKART_DECISION_REQUEST_VERSION,
	                             "veikart_decision_request");
	if (err < 0)
		return err;
	if (req->unit != NULL) {
		unit = veikart__unit_find(in, req->unit);
		if (unit == NULL)
			return veikart__error_set(VEIKART_ENOTFOUND,
			                          "the initiative has no rollout unit `%s`",
			                          req->unit);
	}
	err = unit_open(in, unit, 1);
	if (err < 0)
		return err;
	err = text_ok(in, req->rationale, "rationale");
	if (err < 0)
		return err;
	err = gate_for(in, unit, req->gate, &g);
	if (err < 0)
		return err;
	if (veikart_gate_from(g) != walk_of(in, unit)->phase)
		return veikart__error_set(
		        VEIKART_ESTATE, "gate `%s` leaves phase `%s`, but %s is in `%s`",
		        veikart_gate_id(g), veikart_phase_id(veikart_gate_from(g)),
		        who_is(unit, who, sizeof(who)), veikart_phase_id(walk_of(in, unit)->phase));
	err = outcome_for(g, req->outcome, req->to, &o);
	if (err < 0)
		return err;
	err = begin(in, &b, VEIKART_EVENT_DECIDE, req->actor, &now);
	if (err < 0)
		return err;
	building = 1;
	veikart__buf_init(&texts, &in->alloc);

	/* The rules are checked again when the event is applied; checking the
	 * ones a person is most likely to break here gives the clearest message. */
	role = veikart__initiative_authority(in, unit, g, now);
	if (role == NULL) {
		err = veikart__error_set(VEIKART_EDENIED,
		                         "no authority rule of gate `%s` applies: none of its "
		                         "conditions holds",
		                         veikart_gate_id(g));
		goto out;
	}
	if (!holds(in, req->actor, role, unit)) {
		err = denied(in, req->actor, role, unit, "deciding at this gate");
		goto out;
	}
	veikart__initiative_env(in, unit, now, &env);
	err = veikart__report_evaluate(&report, g, &env, 1, &in->alloc);
	if (err < 0)
		goto out;
	if (veikart__outcome_needs_override(req->outcome, veikart_report_verdict(report)) &&
	    !req->override) {
		char missing[700];
		err = veikart__error_set(
		        VEIKART_ESTATE,
		        "gate `%s`%s is not ready for %s: %s%s; to go on anyway, decide "
		        "with an override and a rationale",
		        veikart_gate_id(g), for_unit(unit, who, sizeof(who)),
		        veikart_outcome_kind_name(req->outcome), veikart_report_summary(report),
		        missing_of(report, missing, sizeof(missing)));
		goto out;
	}
	if (req->override &&
	    !veikart__outcome_needs_override(req->outcome, veikart_report_verdict(report))) {
		err = veikart__error_set(
		        VEIKART_EINVALID,
		        "nothing to override: a %s at a gate that is %s needs none",
		        veikart_outcome_kind_name(req->outcome),
		        veikart_verdict_name(veikart_report_verdict(report)));
		goto out;
	}
	if (req->override && !may_override(in, req->actor, unit)) {
		err = override_denied(in, req->actor, unit, g);
		goto out;
	}

	/* Where it lands: phases whose skip-if holds are passed over. */
	target = landing(in, unit, veikart_outcome_target(o), now, via, &nvia);

	n = veikart_report_count(report);
	nc = req->conditions != NULL ? req->condition_count : 0;
	results = veikart__calloc(&in->alloc, n + 1, sizeof(*results) + sizeof(*ends));
	conditions = veikart__calloc(&in->alloc, nc + 1, sizeof(*conditions));
	if (results == NULL || conditions == NULL) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	for (i = 0; i < nc; i++) {
		veikart__buf cb;
		if (req->conditions[i].due == NULL || req->conditions[i].text == NULL) {
			err = veikart__error_set(VEIKART_EINVALID,
			                         "condition %zu has no text or no due "
			                         "date",
			                         i + 1);
			goto out;
		}
		veikart__buf_init(&cb, &in->alloc);
		veikart__buf_cat(&cb, req->conditions[i].due, " ", req->conditions[i].text, NULL);
		conditions[i] = veikart__buf_detach(&cb);
		if (conditions[i] == NULL) {
			err = VEIKART_ENOMEM;
			goto out;
		}
	}
	/* Each result is CRITERION TRUTH REASON; all of them in one buffer,
	 * NUL-separated, placed once the buffer has stopped growing. */
	ends = (size_t *)(results + n + 1);
	veikart__buf_reserve(&texts, 128 * n); /* most fit: one allocation */
	for (i = 0; i < n; i++) {
		veikart__buf_cat(&texts, veikart_criterion_id(veikart_report_criterion(report, i)),
		                 " ", veikart_truth_name(veikart_report_truth(report, i)), " ",
		                 veikart_report_reason(report, i), NULL);
		veikart__buf_putc(&texts, '\0');
		ends[i] = texts.len;
	}
	if (texts.failed) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++)
		results[i] = (char *)veikart__buf_cstr(&texts) + (i > 0 ? ends[i - 1] : 0);
	veikart__score_text(score, veikart_report_score(report));

	veikart__event_add(&b, "unit", unit != NULL ? unit->id : NULL);
	veikart__event_add(&b, "gate", veikart_gate_id(g));
	veikart__event_add(&b, "outcome", veikart_outcome_kind_name(req->outcome));
	veikart__event_add(&b, "to", target ? veikart_phase_id(target) : NULL);
	for (i = 0; i < nvia; i++)
		veikart__event_add(&b, "via", veikart_phase_id(via[i]));
	veikart__event_add(&b, "authority", veikart_role_id(role));
	veikart__event_add(&b, "override", req->override ? "yes" : NULL);
	veikart__event_add(&b, "verdict", veikart_verdict_name(veikart_report_verdict(report)));
	veikart__event_add(&b, "score", score);
	for (i = 0; i < n; i++)
		veikart__event_add(&b, "result", results[i]);
	for (i = 0; i < nc; i++)
		veikart__event_add(&b, "condition", conditions[i]);
	veikart__event_add(&b, "rationale", req->rationale);
	building = 0;
	/* The decoding of the event keeps the report (see decode_decide()). */
	in->live_report = report;
	report = NULL;
	err = record(in, &b, 1);
	veikart_report_free(in->live_report); /* not taken: the event was refused first */
	in->live_report = NULL;
out:
	if (building)
		veikart__event_builder_dispose(&b);
	veikart__buf_dispose(&texts);
	for (i = 0; conditions != NULL && i < nc; i++)
		veikart__free(&in->alloc, conditions[i]);
	veikart__free(&in->alloc, results);
	veikart__free(&in->alloc, conditions);
	veikart_report_free(report);
	return err;
}

int veikart_initiative_meet_condition(veikart_initiative *in, const char *actor,
                                      uint64_t decision_seq, size_t index)
{
	char seq[24], num[24];

	snprintf(seq, sizeof(seq), "%" PRIu64, decision_seq);
	snprintf(num, sizeof(num), "%zu", index + 1);
	return simple(in, VEIKART_EVENT_CONDITION_MET, actor, NULL, "decision", seq, "condition",
	              num);
}

/* ---- reading ------------------------------------------------------------------------ */

const char *veikart_initiative_id(const veikart_initiative *in)
{
	return in ? in->id : NULL;
}

const char *veikart_initiative_title(const veikart_initiative *in)
{
	return in ? in->title : NULL;
}

const char *veikart_initiative_creator(const veikart_initiative *in)
{
	return in ? in->creator : NULL;
}

const veikart_method *veikart_initiative_method(const veikart_initiative *in)
{
	return in ? in->method : NULL;
}

const veikart_phase *veikart_initiative_phase(const veikart_initiative *in)
{
	return in ? in->walk.phase : NULL;
}

int64_t veikart_initiative_phase_entered(const veikart_initiative *in)
{
	return in && in->walk.phase ? in->walk.phase_entered : 0;
}

long veikart_initiative_days_in_phase(const veikart_initiative *in)
{
	int64_t d;

	if (in == NULL || in->walk.phase == NULL)
		return -1;
	d = veikart__days_from_time(now_of(in)) - veikart__days_from_time(in->walk.phase_entered);
	return d < 0 ? 0 : (long)d;
}

int veikart_initiative_is_stalled(const veikart_initiative *in)
{
	unsigned int max;

	if (in == NULL || in->walk.phase == NULL || in->walk.status != VEIKART_STATUS_ACTIVE)
		return 0;
	max = veikart_phase_max_days(in->walk.phase);
	return max > 0 && veikart_initiative_days_in_phase(in) > (long)max;
}

veikart_status veikart_initiative_status(const veikart_initiative *in)
{
	return in ? in->walk.status : VEIKART_STATUS_ACTIVE;
}

uint64_t veikart_initiative_seq(const veikart_initiative *in)
{
	return in ? in->seq : 0;
}

const char *veikart_initiative_head(const veikart_initiative *in)
{
	return in ? in->head : NULL;
}

int64_t veikart_initiative_now(const veikart_initiative *in)
{
	return in ? now_of(in) : 0;
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
	return r != NULL && holds(in, person, r, NULL);
}

static const veikart__fact_rec *rec_of(const veikart_initiative *in, const char *id)
{
	long slot = in != NULL && id != NULL ? veikart__method_fact_slot(in->method, id) : -1;

	return slot < 0 ? NULL : in->facts[slot];
}

const char *veikart_initiative_fact(const veikart_initiative *in, const char *fact_id)
{
	const veikart__fact_rec *r = rec_of(in, fact_id);

	return r ? r->text : NULL;
}

const char *veikart_initiative_fact_actor(const veikart_initiative *in, const char *fact_id)
{
	const veikart__fact_rec *r = rec_of(in, fact_id);

	return r ? r->actor : NULL;
}

int64_t veikart_initiative_fact_time(const veikart_initiative *in, const char *fact_id)
{
	const veikart__fact_rec *r = rec_of(in, fact_id);

	return r ? r->time : 0;
}

int veikart__walk_step_done(const veikart__walk *w, const char *phase_id, const char *step_id)
{
	uint64_t from = 0, to = UINT64_MAX;
	size_t i, k;

	if (phase_id == NULL || step_id == NULL)
		return 0;
	/* Done during the latest visit of the phase: between the event that
	 * entered it and the one that entered the next phase. */
	for (k = w->nvisits; k > 0; k--) {
		if (strcmp(veikart_phase_id(w->visits[k - 1].phase), phase_id) != 0)
			continue;
		from = w->visits[k - 1].seq;
		to = k < w->nvisits ? w->visits[k].seq : UINT64_MAX;
		break;
	}
	if (k == 0)
		return 0;
	for (i = 0; i < w->nsteps; i++)
		if (w->steps[i].seq > from && w->steps[i].seq < to &&
		    strcmp(veikart_phase_id(w->steps[i].phase), phase_id) == 0 &&
		    strcmp(veikart_step_id(w->steps[i].step), step_id) == 0)
			return 1;
	return 0;
}

int64_t veikart__walk_review_due(const veikart__walk *w, const veikart_gate *g)
{
	const veikart_decision *d;
	int64_t base;
	uint64_t entered;
	size_t i;

	if (w->phase == NULL || w->nvisits == 0 || w->status != VEIKART_STATUS_ACTIVE)
		return 0;
	if (g == NULL && veikart_phase_gate_count(w->phase) == 1)
		g = veikart_phase_gate(w->phase, 0);
	if (g == NULL || veikart_gate_from(g) != w->phase || veikart_gate_every_days(g) == 0)
		return 0;
	base = w->visits[w->nvisits - 1].entered;
	entered = w->visits[w->nvisits - 1].seq;
	/* The latest review passed during this visit, if any. */
	for (i = w->ndecisions; i > 0; i--) {
		d = w->decisions[i - 1];
		if (d->seq <= entered)
			break;
		if (d->gate == g &&
		    veikart_outcome_kind_of(d->outcome) == VEIKART_OUTCOME_CONTINUE) {
			base = d->time;
			break;
		}
	}
	return base + (int64_t)veikart_gate_every_days(g) * 86400;
}

int64_t veikart_initiative_review_due(const veikart_initiative *in, const veikart_gate *gate)
{
	return in != NULL ? veikart__walk_review_due(&in->walk, gate) : 0;
}

int veikart_initiative_step_done(const veikart_initiative *in, const char *phase_id,
                                 const char *step_id)
{
	return in != NULL && veikart__walk_step_done(&in->walk, phase_id, step_id);
}

size_t veikart_initiative_decision_count(const veikart_initiative *in)
{
	return in ? in->walk.ndecisions : 0;
}

const veikart_decision *veikart_initiative_decision(const veikart_initiative *in, size_t i)
{
	return in && i < in->walk.ndecisions ? in->walk.decisions[i] : NULL;
}

uint64_t veikart_decision_seq(const veikart_decision *d)
{
	return d ? d->seq : 0;
}

int64_t veikart_decision_time(const veikart_decision *d)
{
	return d ? d->time : 0;
}

const char *veikart_decision_actor(const veikart_decision *d)
{
	return d ? d->actor : NULL;
}

const veikart_role *veikart_decision_authority(const veikart_decision *d)
{
	return d ? d->authority : NULL;
}

const veikart_gate *veikart_decision_gate(const veikart_decision *d)
{
	return d ? d->gate : NULL;
}

const veikart_outcome *veikart_decision_outcome(const veikart_decision *d)
{
	return d ? d->outcome : NULL;
}

const veikart_phase *veikart_decision_target(const veikart_decision *d)
{
	return d ? d->target : NULL;
}

const char *veikart_decision_rationale(const veikart_decision *d)
{
	return d ? d->rationale : NULL;
}

int veikart_decision_is_override(const veikart_decision *d)
{
	return d ? d->override : 0;
}

const veikart_report *veikart_decision_report(const veikart_decision *d)
{
	return d ? d->report : NULL;
}

size_t veikart_decision_condition_count(const veikart_decision *d)
{
	return d ? d->nconditions : 0;
}

const char *veikart_decision_condition_text(const veikart_decision *d, size_t i)
{
	return d && i < d->nconditions ? d->conditions[i].text : NULL;
}

const char *veikart_decision_condition_due(const veikart_decision *d, size_t i)
{
	return d && i < d->nconditions ? d->conditions[i].due : NULL;
}

int64_t veikart_decision_condition_met(const veikart_decision *d, size_t i)
{
	return d && i < d->nconditions ? d->conditions[i].met_time : 0;
}

size_t veikart_initiative_visit_count(const veikart_initiative *in)
{
	return in ? in->walk.nvisits : 0;
}

const veikart_phase *veikart_initiative_visit_phase(const veikart_initiative *in, size_t i)
{
	return in && i < in->walk.nvisits ? in->walk.visits[i].phase : NULL;
}

int64_t veikart_initiative_visit_entered(const veikart_initiative *in, size_t i)
{
	return in && i < in->walk.nvisits ? in->walk.visits[i].entered : 0;
}

int64_t veikart_initiative_visit_left(const veikart_initiative *in, size_t i)
{
	return in && i < in->walk.nvisits ? in->walk.visits[i].left : 0;
}
