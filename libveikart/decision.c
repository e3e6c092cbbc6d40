/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Decisions at gates: the rules a decision keeps, checked once for the
 * live call and for replay alike; the report a decision is taken on, and
 * where it lands past phases whose skip-if holds; decoding decide and
 * condition-met events; and reading a decision.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "method.h"

#define MAX_VIA VEIKART__MAX_VIA

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
		if (!veikart__key_is(key, "result"))
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

/*
 * Where an outcome lands: entering a phase whose skip-if holds passes over
 * it to where its gate's go outcome leads.  Fills `via` (MAX_VIA places)
 * with the phases passed over.
 */
const veikart_phase *veikart__landing(const veikart_initiative *in, const veikart_unit *unit,
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

	land = veikart__landing(in, unit, veikart_outcome_target(d->outcome), d->time, via, &n);
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

int veikart__decision_gate(const veikart_initiative *in, const veikart_unit *unit,
                           const veikart_gate *g)
{
	const veikart__walk *w = unit != NULL ? &unit->walk : &in->walk;
	char who[160];

	if (veikart_gate_from(g) == w->phase)
		return 0;
	return veikart__error_set(VEIKART_ESTATE, "gate `%s` leaves phase `%s`, but %s is in `%s`",
	                          veikart_gate_id(g), veikart_phase_id(veikart_gate_from(g)),
	                          veikart__who_is(unit, who, sizeof(who)),
	                          w->phase ? veikart_phase_id(w->phase) : "(none)");
}

int veikart__decision_authority(const veikart_initiative *in, const veikart_unit *unit,
                                const veikart_gate *g, int64_t time, const veikart_role **out)
{
	*out = veikart__initiative_authority(in, unit, g, time);
	if (*out != NULL)
		return 0;
	return veikart__error_set(VEIKART_EDENIED,
	                          "no authority rule of gate `%s` applies: none of its "
	                          "conditions holds",
	                          veikart_gate_id(g));
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

/*
 * The rules of a decision, live or replayed: the actor holds the deciding
 * role; going against the report's verdict is an override, and only then,
 * by a role that may override; a conditional go, and only it, has
 * conditions.  The decision's report is the one it is taken on: its
 * verdict decides, its summary explains a refusal.
 */
static int check_rules(const veikart_initiative *in, const veikart_decision *d, size_t nconditions)
{
	veikart_outcome_kind kind = veikart_outcome_kind_of(d->outcome);
	veikart_verdict verdict = veikart_report_verdict(d->report);
	int needs = veikart__outcome_needs_override(kind, verdict);
	char where[160], missing[700];

	if (!veikart__holds(in, d->actor, d->authority, d->unit))
		return veikart__denied(in, d->actor, d->authority, d->unit,
		                       "deciding at this gate");
	if (needs && !d->override)
		return veikart__error_set(
		        VEIKART_ESTATE,
		        "gate `%s`%s is not ready for %s: %s%s; to go on anyway, decide "
		        "with an override and a rationale",
		        veikart_gate_id(d->gate), veikart__for_unit(d->unit, where, sizeof(where)),
		        veikart_outcome_kind_name(kind), veikart_report_summary(d->report),
		        missing_of(d->report, missing, sizeof(missing)));
	if (d->override && !needs)
		return veikart__error_set(
		        VEIKART_EINVALID,
		        "nothing to override: a %s at a gate that is %s needs none",
		        veikart_outcome_kind_name(kind), veikart_verdict_name(verdict));
	if (d->override && !veikart__may_override(in, d->actor, d->unit))
		return veikart__override_denied(in, d->actor, d->unit, d->gate);
	if (kind == VEIKART_OUTCOME_CONDITIONAL_GO && nconditions == 0)
		return veikart__error_set(VEIKART_EINVALID, "a conditional go needs at least one "
		                                            "condition with a due date");
	if (kind != VEIKART_OUTCOME_CONDITIONAL_GO && nconditions > 0)
		return veikart__error_set(VEIKART_EINVALID, "only a conditional go has conditions");
	return 0;
}

/* The phases a decision passed over and its conditions, from its record. */
static int read_via_and_conditions(veikart_initiative *in, const veikart_event *ev,
                                   veikart_decision *d)
{
	const char *key, *val;
	int32_t days;
	size_t k;

	for (k = 0; k < veikart_event_field_count(ev); k++) {
		key = veikart_event_field_key(ev, k);
		val = veikart_event_field_value(ev, k);
		if (veikart__key_is(key, "via")) {
			const veikart_phase *p = veikart_method_phase_by_id(in->method, val);
			if (p == NULL || veikart_phase_skip_if(p) == NULL)
				return veikart__error_set(
				        VEIKART_EFORMAT,
				        "`%s` cannot be passed over: it has no skip-if", val);
			d->via[d->nvia++] = p;
		} else if (veikart__key_is(key, "condition")) {
			veikart__condition_rec *cr = &d->conditions[d->nconditions];
			if (strlen(val) < 12 || val[10] != ' ' ||
			    veikart__date_parse(&days, val, 10) < 0)
				return veikart__error_set(
				        VEIKART_EINVALID,
				        "condition `%s` is not `YYYY-MM-DD what must be done`",
				        val);
			memcpy(cr->due, val, 10);
			cr->due[10] = '\0';
			cr->text = veikart__strdup(&in->alloc, val + 11);
			if (cr->text == NULL)
				return VEIKART_ENOMEM;
			d->nconditions++;
		}
	}
	return 0;
}

int veikart__decode_decide(veikart_initiative *in, veikart__change *c, veikart_report **live)
{
	const veikart_event *ev = c->ev;
	const veikart_gate *g;
	const veikart_outcome *o = NULL;
	const veikart_role *role;
	const veikart_phase *first, *target = NULL;
	veikart_decision_record rec;
	veikart_decision *d;
	veikart__walk *w = veikart__walk_of(in, c->unit);
	size_t i;
	int err;

	err = veikart__unit_open(in, c->unit, 1);
	if (err == 0)
		err = veikart_event_decision(ev, &rec);
	if (err == 0 && rec.rationale[strspn(rec.rationale, " \t\n\r\v\f")] == '\0')
		err = veikart__error_set(VEIKART_EINVALID,
		                         "the rationale is only white space: a decision says why "
		                         "it was taken");
	if (err < 0)
		return err;
	err = veikart__decision_gate_for(in, c->unit, rec.gate, &g);
	if (err == 0)
		err = veikart__decision_gate(in, c->unit, g);
	if (err < 0)
		return err;

	/* Where it leads: the phases passed over by skip-if, then the target. */
	if (rec.to != NULL) {
		target = veikart_method_phase_by_id(in->method, rec.to);
		if (target == NULL)
			return veikart__error_set(VEIKART_ENOTFOUND,
			                          "the methodology has no phase `%s`", rec.to);
	}
	first = rec.via_count > 0 ? veikart_method_phase_by_id(
	                                    in->method, veikart_event_field_nth(ev, "via", 0))
	                          : target;
	for (i = 0; i < veikart_gate_outcome_count(g); i++) {
		const veikart_outcome *cand = veikart_gate_outcome(g, i);
		if (veikart_outcome_kind_of(cand) == rec.outcome &&
		    veikart_outcome_target(cand) == first)
			o = cand;
	}
	if (o == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND, "gate `%s` has no %s outcome%s%s",
		                          rec.gate, veikart_outcome_kind_name(rec.outcome),
		                          first ? " to " : "",
		                          first ? veikart_phase_id(first) : "");
	if (rec.via_count > 0 && target == NULL)
		return veikart__error_set(VEIKART_EFORMAT, "the decision passes over phases but "
		                                           "lands nowhere");

	/* Who decides: the role the authority rules give at its time. */
	err = veikart__decision_authority(in, c->unit, g, ev->time, &role);
	if (err < 0)
		return err;
	if (strcmp(veikart_role_id(role), rec.authority) != 0)
		return veikart__error_set(VEIKART_EDENIED,
		                          "gate `%s` is decided by role `%s` now, not `%s`",
		                          rec.gate, veikart_role_id(role), rec.authority);

	/* Everything the decision needs, allocated now. */
	if (veikart__grow(&in->alloc, (void **)&w->decisions, &w->cap_decisions, w->ndecisions + 1,
	                  sizeof(*w->decisions)) < 0 ||
	    veikart__grow(&in->alloc, (void **)&w->visits, &w->cap_visits, w->nvisits + 1,
	                  sizeof(*w->visits)) < 0)
		return VEIKART_ENOMEM;
	d = veikart__decision_new(in, rec.via_count, rec.condition_count, ev->actor, rec.rationale);
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
	d->override = rec.override;
	err = read_via_and_conditions(in, ev, d);
	if (err < 0)
		return err;

	if (live != NULL && *live != NULL && veikart_report_gate(*live) == g) {
		/* A live decision: its record was made from this report, at this
		 * moment and in this state, and its landing was worked out the
		 * same way.  Keeping the report itself equals rebuilding it from
		 * the record once the score is the record's (six digits). */
		d->report = *live;
		*live = NULL;
		veikart__report_set_score(d->report, rec.score);
		return check_rules(in, d, rec.condition_count);
	}
	err = decision_report(in, ev, g, rec.verdict, rec.score, &d->report);
	if (err == 0)
		err = check_rules(in, d, rec.condition_count);
	if (err == 0)
		err = check_landing(in, c->unit, d);
	if (err == 0)
		err = check_recorded_report(in, c->unit, ev, g, d->report);
	return err;
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

int veikart__decode_condition(veikart_initiative *in, veikart__change *c)
{
	static const char *const keys[] = { "decision", "condition" };
	const char *v[2] = { NULL };
	char *end;
	unsigned long long seq, n;
	veikart_decision *d = NULL;
	int err;

	err = veikart__event_fields(c->ev, keys, 2, v);
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
	if (!veikart__holds(in, c->ev->actor, d->authority, d->unit))
		return veikart__denied(in, c->ev->actor, d->authority, d->unit,
		                       "recording a condition as met");
	c->condition = &d->conditions[n - 1];
	c->actor = veikart__strdup(&in->alloc, c->ev->actor);
	return c->actor != NULL ? 0 : VEIKART_ENOMEM;
}

/* The single gate of the walk's current phase, or the named one. */
int veikart__decision_gate_for(const veikart_initiative *in, const veikart_unit *unit,
                               const char *id, const veikart_gate **out)
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
int veikart__decision_outcome_for(const veikart_gate *g, veikart_outcome_kind kind, const char *to,
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
