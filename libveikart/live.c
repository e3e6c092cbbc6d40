/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The live calls: each checks its arguments, builds its event(s), dated
 * by the initiative's clock and chained to its head, and applies them as
 * a replay would (apply.c), so the rules are checked once, in decoding.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "change.h"
#include "method.h"

/* What a text given to a live call may be (see text_ok()). */
enum {
	/* A name or an id: no control character at all, not even a tab or a
	 * line break (they would split a line of the audit trail). */
	TEXT_NAME = 0,
	/* Free text (a rationale, a value, a title): tabs and line breaks, but
	 * no other control character. */
	TEXT_FREE = 1 << 0,
	/* NULL stands for none. */
	TEXT_OPTIONAL = 1 << 1,
	/* "" is a text like any other. */
	TEXT_MAY_BE_EMPTY = 1 << 2
};

/* The control character at the start of s (C0, DEL or C1), or -1. */
static long control_at(const unsigned char *s, unsigned flags)
{
	if (s[0] < 0x20)
		return (flags & TEXT_FREE) && (s[0] == '\t' || s[0] == '\n') ? -1 : (long)s[0];
	if (s[0] == 0x7f)
		return 0x7f;
	/* U+0080 to U+009F, of which U+009B starts a terminal's commands too. */
	if (s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
		return (long)s[1];
	return -1;
}

/*
 * Every text a live call records or looks up is checked here, once: given
 * unless optional, not too long, UTF-8, and free of control characters,
 * which could rewrite a terminal's screen or split a line of what is
 * printed.  Replay does not check them: a journal written before keeps
 * replaying.
 */
/* As text_ok(), for WHAT of the thing WHOSE names (a fact's value): the
 * message says "the value of `fact`", written only when it is needed. */
static int text_ok_of(const veikart_initiative *in, const char *s, const char *what,
                      const char *whose, unsigned flags)
{
	char label[96];
	size_t len = 0, i = 0;
	long c = -1;

	if (s == NULL && (flags & TEXT_OPTIONAL))
		return 0;
	if (s != NULL && (s[0] != '\0' || (flags & TEXT_MAY_BE_EMPTY))) {
		len = strlen(s);
		if (len <= in->max_text && veikart__utf8_check(s, len) == len) {
			for (i = 0; i < len && c < 0; i++)
				c = control_at((const unsigned char *)s + i, flags);
			if (c < 0)
				return 0;
		}
	}
	/* Refused: say why, naming what it is. */
	if (whose != NULL) {
		snprintf(label, sizeof(label), "%s of `%.64s`", what, whose);
		what = label;
	}
	if (s == NULL || (s[0] == '\0' && !(flags & TEXT_MAY_BE_EMPTY)))
		return veikart__error_set(VEIKART_EINVALID, "no %s given", what);
	if (len > in->max_text)
		return veikart__error_set(VEIKART_EINVALID, "the %s is %zu bytes, more than %zu",
		                          what, len, in->max_text);
	if (c < 0)
		return veikart__error_set(VEIKART_EINVALID, "the %s is not valid UTF-8", what);
	return veikart__error_set(
	        VEIKART_EINVALID,
	        "the %s contains a control character (U+%04lX) at byte %zu; it may hold %s", what,
	        c, i,
	        (flags & TEXT_FREE) ? "tabs and line breaks, but no other control characters"
	                            : "no control characters, not even tabs or line breaks");
}

static int text_ok(const veikart_initiative *in, const char *s, const char *what, unsigned flags)
{
	return text_ok_of(in, s, what, NULL, flags);
}

/*
 * The time NOW may date an event: not before the last event (events are
 * recorded in order), and not ahead of the real-time clock by more than the
 * skew allowed, unless the clock is simulated: one event dated in the
 * future would refuse every change until then.
 */
static int clock_ok(const veikart_initiative *in, int64_t now)
{
	char when[32], last[32], real[32];
	int64_t wall = (int64_t)time(NULL);

	if (in->max_skew >= 0 && now > wall && now - wall > in->max_skew) {
		veikart__time_format(now, when, sizeof(when));
		veikart__time_format(wall, real, sizeof(real));
		return veikart__error_set(
		        VEIKART_ESTATE,
		        "the clock says %s, more than %" PRId64 " seconds ahead of "
		        "the system's real-time clock (%s): an event dated in the "
		        "future would refuse every change until then.  Set the "
		        "clock right, or declare it simulated if it is",
		        when, in->max_skew, real);
	}
	if (now < in->last_time) {
		veikart__time_format(now, when, sizeof(when));
		veikart__time_format(in->last_time, last, sizeof(last));
		return veikart__error_set(VEIKART_ESTATE,
		                          "the clock says %s, earlier than the last event (%s); "
		                          "events are recorded in order",
		                          when, last);
	}
	return 0;
}

/* Start an event as the next one of the initiative, dated now. */
static int begin(veikart_initiative *in, veikart__event_builder *b, veikart_event_kind kind,
                 const char *actor, int64_t *now)
{
	int err = text_ok(in, actor, "actor", TEXT_NAME);

	if (err < 0)
		return err;
	*now = veikart_initiative_now(in);
	err = clock_ok(in, *now);
	if (err < 0)
		return err;
	veikart__event_begin(b, &in->alloc, in->seq + 1, *now, kind, actor);
	return 0;
}

/* Finish the events of one call, chained to the initiative, and apply them
 * (LIVE: the report a decision was taken on, see veikart__decode()). */
static int record(veikart_initiative *in, veikart__event_builder *b, size_t n,
                  veikart_report **live)
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
	err = veikart__initiative_apply(in, (const veikart_event *const *)evs, n, 1, live);
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
	int64_t now = 0;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the initiative (out is NULL)");
	*out = NULL;
	err = veikart__initiative_init(&in, method, opts);
	if (err < 0)
		return err;
	err = text_ok(in, id, "initiative id", TEXT_NAME);
	if (err == 0)
		err = text_ok(in, title, "title", TEXT_FREE);
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
	err = record(in, &b, 1, NULL);
out:
	if (err < 0) {
		veikart_initiative_free(in);
		return err;
	}
	*out = in;
	return 0;
}

/* One event of two fields (K2 "": one), both names or ids, about the
 * initiative or a unit (`unit` NULL). */
static int simple(veikart_initiative *in, veikart_event_kind kind, const char *actor,
                  const char *unit, const char *k1, const char *v1, const char *k2, const char *v2)
{
	veikart__event_builder b;
	int64_t now = 0;
	int err;

	if (in == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative given");
	err = text_ok(in, unit, "unit", TEXT_OPTIONAL);
	if (err == 0)
		err = text_ok(in, v1, k1, TEXT_NAME);
	if (err == 0 && k2[0] != '\0')
		err = text_ok(in, v2, k2, TEXT_NAME);
	if (err == 0)
		err = begin(in, &b, kind, actor, &now);
	if (err < 0)
		return err;
	veikart__event_add(&b, "unit", unit);
	veikart__event_add(&b, k1, v1);
	veikart__event_add(&b, k2, v2);
	return record(in, &b, 1, NULL);
}

static int assign(veikart_initiative *in, veikart_event_kind kind, const char *actor,
                  const char *unit, const char *person, const char *role_id)
{
	return simple(in, kind, actor, unit, "person", person, "role", role_id);
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
	int64_t now = 0;
	size_t k, begun = 0;
	int err;

	if (in == NULL || count == 0 || fact_ids == NULL || values == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative, or no facts to record");
	err = text_ok(in, unit, "unit", TEXT_OPTIONAL);
	for (k = 0; err == 0 && k < count; k++) {
		if (fact_ids[k] == NULL || values[k] == NULL)
			return veikart__error_set(VEIKART_EINVALID,
			                          "fact %zu has no id or no value", k + 1);
		err = text_ok(in, fact_ids[k], "fact", TEXT_NAME);
		/* The fact's id is clean now: the value's messages may name it. */
		if (err == 0)
			err = text_ok_of(in, values[k], "value", fact_ids[k],
			                 TEXT_FREE | TEXT_MAY_BE_EMPTY);
	}
	if (err < 0)
		return err;
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
	err = record(in, b, count, NULL);
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
	int64_t now = 0;
	int err;

	if (in == NULL || fact_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative or no fact given");
	err = text_ok(in, unit, "unit", TEXT_OPTIONAL);
	if (err == 0)
		err = text_ok(in, fact_id, "fact", TEXT_NAME);
	if (err == 0)
		err = text_ok(in, uri, "document address", TEXT_NAME);
	if (err == 0)
		err = text_ok(in, sha256, "SHA-256 digest", TEXT_NAME | TEXT_OPTIONAL);
	if (err == 0)
		err = begin(in, &b, VEIKART_EVENT_ATTACH, actor, &now);
	if (err < 0)
		return err;
	veikart__event_add(&b, "unit", unit);
	veikart__event_add(&b, "fact", fact_id);
	veikart__event_add(&b, "uri", uri);
	veikart__event_add(&b, "sha256", sha256);
	return record(in, &b, 1, NULL);
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
	int64_t now = 0;
	int err;

	if (in == NULL || spec == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative or no unit given");
	err = veikart__check_version(spec->version, VEIKART_UNIT_SPEC_VERSION, "veikart_unit_spec");
	if (err < 0)
		return err;
	err = text_ok(in, spec->id, "unit id", TEXT_NAME);
	if (err == 0)
		err = text_ok(in, spec->title, "unit title", TEXT_FREE | TEXT_OPTIONAL);
	if (err == 0)
		err = text_ok(in, spec->type, "unit type", TEXT_NAME | TEXT_OPTIONAL);
	if (err == 0)
		err = text_ok(in, spec->parent, "parent unit", TEXT_NAME | TEXT_OPTIONAL);
	if (err == 0 && (spec->wave < 0 || spec->wave > VEIKART__MAX_WAVE || spec->order < 0 ||
	                 spec->order > VEIKART__MAX_WAVE))
		err = veikart__error_set(VEIKART_EINVALID,
		                         "wave %d or order %d is not a whole number from 0 to %d",
		                         spec->wave, spec->order, VEIKART__MAX_WAVE);
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
	return record(in, &b, 1, NULL);
}

int veikart_initiative_decide(veikart_initiative *in, const veikart_decision_request *req)
{
	const veikart_phase *via[VEIKART__MAX_VIA], *target;
	const veikart_gate *g;
	const veikart_outcome *o;
	const veikart_role *role;
	veikart_unit *unit = NULL;
	veikart__event_builder b;
	veikart_report *report = NULL;
	veikart__eval_env env;
	char score[VEIKART__VALUE_SHORT_SIZE], **results = NULL, **conditions = NULL;
	size_t nvia = 0, i, n = 0, nc = 0, *ends;
	veikart__buf texts;
	int64_t now = 0;
	int err, building = 0;

	if (in == NULL || req == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no initiative or no decision given");
	err = veikart__check_version(req->version, VEIKART_DECISION_REQUEST_VERSION,
	                             "veikart_decision_request");
	if (err < 0)
		return err;
	err = text_ok(in, req->unit, "unit", TEXT_OPTIONAL);
	if (err == 0)
		err = text_ok(in, req->gate, "gate", TEXT_OPTIONAL);
	if (err == 0)
		err = text_ok(in, req->to, "target phase", TEXT_OPTIONAL);
	if (err == 0)
		err = text_ok(in, req->rationale, "rationale", TEXT_FREE);
	for (i = 0; err == 0 && req->conditions != NULL && i < req->condition_count; i++) {
		char what[48];
		if (req->conditions[i].due == NULL || req->conditions[i].text == NULL)
			return veikart__error_set(VEIKART_EINVALID,
			                          "condition %zu has no text or no due date",
			                          i + 1);
		snprintf(what, sizeof(what), "due date of condition %zu", i + 1);
		err = text_ok(in, req->conditions[i].due, what, TEXT_NAME);
		snprintf(what, sizeof(what), "text of condition %zu", i + 1);
		if (err == 0)
			err = text_ok(in, req->conditions[i].text, what, TEXT_FREE);
	}
	if (err < 0)
		return err;
	if (req->unit != NULL) {
		err = veikart__unit_get(in, req->unit, &unit);
		if (err < 0)
			return err;
	}
	err = veikart__unit_open(in, unit, 1);
	if (err == 0)
		err = veikart__decision_gate_for(in, unit, req->gate, &g);
	if (err == 0)
		err = veikart__decision_gate(in, unit, g);
	if (err == 0)
		err = veikart__decision_outcome_for(g, req->outcome, req->to, &o);
	if (err == 0)
		err = begin(in, &b, VEIKART_EVENT_DECIDE, req->actor, &now);
	if (err < 0)
		return err;
	building = 1;
	veikart__buf_init(&texts, &in->alloc);

	/* The record names the deciding role and the report the decision is
	 * taken on; the rules are checked when the event is decoded
	 * (decision.c), as on replay. */
	err = veikart__decision_authority(in, unit, g, now, &role);
	if (err < 0)
		goto out;
	veikart__initiative_env(in, unit, now, &env);
	err = veikart__report_evaluate(&report, g, &env, 1, &in->alloc);
	if (err < 0)
		goto out;

	/* Where it lands: phases whose skip-if holds are passed over. */
	target = veikart__landing(in, unit, veikart_outcome_target(o), now, via, &nvia);

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
	/* The decision keeps the report when its event is accepted. */
	err = record(in, &b, 1, &report);
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

int veikart_decision_request_init(veikart_decision_request *opts, unsigned int version)
{
	static const veikart_decision_request defaults = VEIKART_DECISION_REQUEST_INIT;

	return veikart__options_init(opts, sizeof(*opts), &defaults, version,
	                             VEIKART_DECISION_REQUEST_VERSION, "veikart_decision_request");
}

int veikart_unit_spec_init(veikart_unit_spec *opts, unsigned int version)
{
	static const veikart_unit_spec defaults = VEIKART_UNIT_SPEC_INIT;

	return veikart__options_init(opts, sizeof(*opts), &defaults, version,
	                             VEIKART_UNIT_SPEC_VERSION, "veikart_unit_spec");
}
