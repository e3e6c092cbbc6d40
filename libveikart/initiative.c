/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The state of an initiative: making and freeing it and the records it
 * keeps (facts, decisions, units, the walk through phases), the state as
 * an evaluation environment, and reading it.  Changes come as events
 * (apply.c); who may make them is in roles.c.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "initiative.h"
#include "method.h"

#define DEFAULT_MAX_TEXT (64u * 1024u)
#define DEFAULT_MAX_SKEW 300

/* ---- small helpers ---------------------------------------------------------- */

static int64_t system_clock(void *payload)
{
	(void)payload;
	return (int64_t)time(NULL);
}

/* " for unit `u`", or nothing for the initiative; for messages. */
const char *veikart__for_unit(const veikart_unit *unit, char *buf, size_t size)
{
	buf[0] = '\0';
	if (unit != NULL)
		snprintf(buf, size, " for unit `%s`", unit->id);
	return buf;
}

int veikart__active(const veikart_initiative *in)
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
int veikart__unit_open(const veikart_initiative *in, const veikart_unit *unit, int walking)
{
	int err = veikart__active(in);

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

veikart__walk *veikart__walk_of(veikart_initiative *in, veikart_unit *unit)
{
	return unit != NULL ? &unit->walk : &in->walk;
}

/* The phase a walk is in, for messages: "the initiative is in `x`". */
const char *veikart__who_is(const veikart_unit *unit, char *buf, size_t size)
{
	if (unit == NULL)
		snprintf(buf, size, "the initiative");
	else
		snprintf(buf, size, "unit `%s`", unit->id);
	return buf;
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

/* FNV-1a of a unit's id: where its search starts in the slots. */
static size_t unit_hash(const char *id)
{
	uint32_t h = 2166136261u;

	for (; *id != '\0'; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h;
}

veikart_unit *veikart__unit_find(const veikart_initiative *in, const char *id)
{
	size_t i;
	uint32_t k;

	if (in->unit_slots == NULL)
		return NULL;
	for (i = unit_hash(id) & in->unit_mask; (k = in->unit_slots[i]) != 0;
	     i = (i + 1) & in->unit_mask)
		if (strcmp(in->units[k - 1]->id, id) == 0)
			return in->units[k - 1];
	return NULL;
}

/* Put unit U (at its position) in SLOTS of MASK + 1, which has room. */
static void unit_slot_put(uint32_t *slots, size_t mask, const veikart_unit *u)
{
	size_t i = unit_hash(u->id) & mask;

	while (slots[i] != 0)
		i = (i + 1) & mask;
	slots[i] = (uint32_t)u->index + 1;
}

int veikart__unit_get(const veikart_initiative *in, const char *id, veikart_unit **out)
{
	*out = veikart__unit_find(in, id);
	if (*out != NULL)
		return 0;
	return veikart__error_set(VEIKART_ENOTFOUND, "the initiative has no rollout unit `%s`", id);
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

int veikart_status_from_name(const char *name, veikart_status *out)
{
	VEIKART__FROM_NAME(name, out, veikart_status, veikart_status_name, VEIKART_STATUS_ACTIVE,
	                   VEIKART_STATUS_STOPPED, "a status");
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
	r = veikart__block(&in->alloc, sizeof(*r), strs, 6, copies);
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

/* ---- decisions ------------------------------------------------------------------- */

veikart_decision *veikart__decision_new(veikart_initiative *in, size_t nvia, size_t nconditions,
                                        const char *actor, const char *rationale)
{
	const char *strs[2] = { actor, rationale };
	char *copies[2];
	veikart_decision *d;

	d = veikart__block(&in->alloc,
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

veikart_unit *veikart__unit_new(veikart_initiative *in, const char *id, const char *title,
                                const char *type, const char *parent_id)
{
	const char *strs[4] = { id, title != NULL && title[0] != '\0' ? title : id, type,
		                parent_id };
	char *copies[4];
	veikart_unit *u;

	u = veikart__block(&in->alloc, sizeof(*u), strs, 4, copies);
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
	    veikart__grow(&in->alloc, (void **)&u->walk.visits, &u->walk.cap_visits, 1,
	                  sizeof(*u->walk.visits)) < 0) {
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

int veikart__units_reserve(veikart_initiative *in)
{
	size_t n, i;
	uint32_t *slots;

	if (in->nunits >= UINT32_MAX - 1)
		return veikart__error_set(VEIKART_ELIMIT, "the initiative has %zu rollout units",
		                          in->nunits);
	if (veikart__grow(&in->alloc, (void **)&in->units, &in->cap_units, in->nunits + 1,
	                  sizeof(*in->units)) < 0 ||
	    veikart__grow(&in->alloc, (void **)&in->views, &in->cap_views, in->nunits + 1,
	                  sizeof(*in->views)) < 0)
		return VEIKART_ENOMEM;
	/* At most half full with one more: else twice the slots, rehashed. */
	if (in->unit_slots != NULL && 2 * (in->nunits + 1) <= in->unit_mask + 1)
		return 0;
	for (n = 16; n < 4 * (in->nunits + 1); n *= 2)
		;
	slots = veikart__calloc(&in->alloc, n, sizeof(*slots));
	if (slots == NULL)
		return VEIKART_ENOMEM;
	for (i = 0; i < in->nunits; i++)
		unit_slot_put(slots, n - 1, in->units[i]);
	veikart__free(&in->alloc, in->unit_slots);
	in->unit_slots = slots;
	in->unit_mask = n - 1;
	return 0;
}

/* Add a unit where veikart__units_reserve() made room: cannot fail. */
void veikart__unit_place(veikart_initiative *in, veikart_unit *u)
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
	unit_slot_put(in->unit_slots, in->unit_mask, u);
}

int veikart__unit_push(veikart_initiative *in, veikart_unit *u)
{
	if (veikart__units_reserve(in) < 0)
		return VEIKART_ENOMEM;
	veikart__unit_place(in, u);
	return 0;
}

/* ---- committing ------------------------------------------------------------------- */

void veikart__walk_enter(veikart_initiative *in, veikart_unit *unit, const veikart_phase *p,
                         int64_t time, uint64_t seq)
{
	veikart__walk *w = veikart__walk_of(in, unit);
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
	/* A host clock is held to the real-time clock unless declared
	 * simulated; the system clock is the real-time clock. */
	in->max_skew = -1;
	if (opts != NULL && opts->clock != NULL &&
	    !(opts->version >= 2 && (opts->flags & VEIKART_INITIATIVE_SIMULATED_CLOCK)))
		in->max_skew = opts->version >= 2 && opts->max_clock_skew > 0 ? opts->max_clock_skew
		                                                              : DEFAULT_MAX_SKEW;
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
	veikart__free(&alloc, in->unit_slots);
	veikart__free(&alloc, in->views);
	veikart__free(&alloc, in->phase_ids);
	veikart__arena_release(&in->scratch);
	veikart__free(&alloc, in);
}

/* ---- live changes ---------------------------------------------------------------- */

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
	d = veikart__days_from_time(veikart_initiative_now(in)) -
	    veikart__days_from_time(in->walk.phase_entered);
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
	return in ? in->clock(in->clock_payload) : 0;
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

int veikart_initiative_options_init(veikart_initiative_options *opts, unsigned int version)
{
	static const veikart_initiative_options defaults = VEIKART_INITIATIVE_OPTIONS_INIT;

	/* A caller built for version 1 has a structure without the fields of 2. */
	return veikart__options_init(
	        opts, version == 1 ? offsetof(veikart_initiative_options, flags) : sizeof(*opts),
	        &defaults, version, VEIKART_INITIATIVE_OPTIONS_VERSION,
	        "veikart_initiative_options");
}
