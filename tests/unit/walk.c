/*
 * Walking an initiative through a methodology in a scenario test.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "walk.h"

#define MAX_PAIRS 32

static int64_t clock_of(void *payload)
{
	return ((const walk *)payload)->now;
}

void walk_ok(int err, const char *what)
{
	if (err != 0)
		fail_msg("%s: %s", what, veikart_error_last()->message);
}

void walk_at(walk *w, const char *when)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (strlen(when) == 10) {
		if (sscanf(when, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
			fail_msg("bad day %s", when);
		tm.tm_hour = 10;
	} else if (sscanf(when, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		fail_msg("bad time %s", when);
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	w->now = (int64_t)timegm(&tm);
}

void walk_start(walk *w, const char *method, const char *id, const char *title, const char *creator)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	int64_t now = w->now;

	memset(w, 0, sizeof(*w));
	w->now = now;
	if (w->now == 0)
		walk_at(w, "2026-01-05");
	snprintf(w->dir, sizeof(w->dir), "%s", "/tmp/veikart-walk-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	snprintf(w->path, sizeof(w->path), "%s/journal.vj", w->dir);
	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	walk_ok(veikart_method_load(&w->m, strchr(method, '/') ? test_path(method) : method, &lo,
	                            NULL),
	        method);
	jo.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC;
	walk_ok(veikart_journal_open(&w->j, w->path, &jo), "journal");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	io.commit = veikart_journal_commit;
	io.commit_payload = w->j;
	walk_ok(veikart_initiative_create(&w->in, w->m, id, title, creator, &io), "create");
}

void walk_end(walk *w)
{
	veikart_initiative_free(w->in);
	veikart_journal_free(w->j);
	veikart_method_free(w->m);
	if (w->dir[0] != '\0') {
		unlink(w->path);
		rmdir(w->dir);
	}
	memset(w, 0, sizeof(*w));
}

void walk_assign(walk *w, const char *actor, const char *person, const char *role)
{
	walk_ok(veikart_initiative_assign(w->in, actor, person, role), role);
}

void walk_unit_assign(walk *w, const char *actor, const char *unit, const char *person,
                      const char *role)
{
	walk_ok(veikart_initiative_unit_assign(w->in, actor, unit, person, role), role);
}

/* Split the NULL-terminated "FACT=VALUE" arguments and record them. */
static void set_pairs(walk *w, const char *actor, const char *unit, va_list ap)
{
	const char *ids[MAX_PAIRS], *values[MAX_PAIRS], *pair;
	char copies[MAX_PAIRS][256], *eq;
	size_t n = 0;

	for (pair = va_arg(ap, const char *); pair != NULL; pair = va_arg(ap, const char *)) {
		if (n == MAX_PAIRS)
			fail_msg("more than %d facts in one call", MAX_PAIRS);
		snprintf(copies[n], sizeof(copies[n]), "%s", pair);
		eq = strchr(copies[n], '=');
		if (eq == NULL)
			fail_msg("`%s` is not FACT=VALUE", pair);
		*eq = '\0';
		ids[n] = copies[n];
		values[n] = eq + 1;
		n++;
	}
	if (unit != NULL)
		walk_ok(veikart_initiative_unit_set(w->in, actor, unit, n, ids, values), unit);
	else
		walk_ok(veikart_initiative_set_many(w->in, actor, n, ids, values), "set");
}

void walk_set(walk *w, const char *actor, ...)
{
	va_list ap;

	va_start(ap, actor);
	set_pairs(w, actor, NULL, ap);
	va_end(ap);
}

void walk_unit_set(walk *w, const char *actor, const char *unit, ...)
{
	va_list ap;

	va_start(ap, unit);
	set_pairs(w, actor, unit, ap);
	va_end(ap);
}

void walk_step(walk *w, const char *actor, const char *phase, const char *step)
{
	walk_ok(veikart_initiative_step(w->in, actor, phase, step), step);
}

void walk_unit_step(walk *w, const char *actor, const char *unit, const char *phase,
                    const char *step)
{
	walk_ok(veikart_initiative_unit_step(w->in, actor, unit, phase, step), step);
}

void walk_attach(walk *w, const char *actor, const char *fact, const char *uri)
{
	walk_ok(veikart_initiative_attach(w->in, actor, fact, uri, NULL), fact);
}

void walk_approve(walk *w, const char *actor, const char *fact)
{
	walk_ok(veikart_initiative_approve(w->in, actor, fact), fact);
}

void walk_sign(walk *w, const char *actor, const char *fact)
{
	walk_ok(veikart_initiative_sign(w->in, actor, fact), fact);
}

void walk_add_unit(walk *w, const char *actor, const char *id, const char *title, const char *type,
                   int wave)
{
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;

	spec.id = id;
	spec.title = title;
	spec.type = type;
	spec.wave = wave;
	spec.order = wave;
	walk_ok(veikart_initiative_add_unit(w->in, actor, &spec), id);
}

static void decide(walk *w, const char *actor, const char *unit, const char *gate,
                   veikart_outcome_kind kind, const char *to, const char *why)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	req.actor = actor;
	req.unit = unit;
	req.gate = gate;
	req.outcome = kind;
	req.to = to;
	req.rationale = why;
	walk_ok(veikart_initiative_decide(w->in, &req), veikart_outcome_kind_name(kind));
}

void walk_decide(walk *w, const char *actor, veikart_outcome_kind kind, const char *to,
                 const char *why)
{
	decide(w, actor, NULL, NULL, kind, to, why);
}

void walk_unit_decide(walk *w, const char *actor, const char *unit, veikart_outcome_kind kind,
                      const char *to, const char *why)
{
	decide(w, actor, unit, NULL, kind, to, why);
}

void walk_decide_at(walk *w, const char *actor, const char *gate, veikart_outcome_kind kind,
                    const char *to, const char *why)
{
	decide(w, actor, NULL, gate, kind, to, why);
}

void walk_gate(walk *w, const char *unit, veikart_verdict verdict, const char *criterion,
               const char *reason)
{
	veikart_report *r = NULL;
	size_t i;

	if (unit == NULL)
		walk_ok(veikart_initiative_evaluate(&r, w->in, NULL), "evaluate");
	else
		walk_ok(veikart_initiative_unit_evaluate(&r, w->in, unit, NULL), unit);
	if (veikart_report_verdict(r) != verdict)
		fail_msg("gate %s%s%s is %s: %s", veikart_gate_id(veikart_report_gate(r)),
		         unit ? " of " : "", unit ? unit : "",
		         veikart_verdict_name(veikart_report_verdict(r)),
		         veikart_report_summary(r));
	for (i = 0; criterion != NULL && i < veikart_report_count(r); i++) {
		if (strcmp(veikart_criterion_id(veikart_report_criterion(r, i)), criterion) != 0)
			continue;
		if (reason != NULL && !test_contains(veikart_report_reason(r, i), reason))
			fail_msg("criterion %s: \"%s\" does not say \"%s\"", criterion,
			         veikart_report_reason(r, i), reason);
		break;
	}
	if (criterion != NULL && i == veikart_report_count(r))
		fail_msg("gate %s has no criterion %s", veikart_gate_id(veikart_report_gate(r)),
		         criterion);
	veikart_report_free(r);
}

const char *walk_phase(const walk *w)
{
	return veikart_phase_id(veikart_initiative_phase(w->in));
}

const char *walk_unit_phase(const walk *w, const char *unit)
{
	const veikart_unit *u = veikart_initiative_unit_by_id(w->in, unit);

	if (u == NULL)
		fail_msg("no unit %s", unit);
	return veikart_phase_id(veikart_unit_phase(u));
}

/* Two decisions' reports say the same, to the last bit of the score. */
/* Two decisions are the same: what was decided, by whom, with what
 * conditions, on the same report. */
static void same_decision(const veikart_decision *a, const veikart_decision *b)
{
	const veikart_report *ra = veikart_decision_report(a), *rb = veikart_decision_report(b);
	size_t i;

	assert_true(veikart_decision_seq(a) == veikart_decision_seq(b));
	assert_string_equal(veikart_decision_actor(a), veikart_decision_actor(b));
	assert_ptr_equal(veikart_decision_authority(a), veikart_decision_authority(b));
	assert_ptr_equal(veikart_decision_outcome(a), veikart_decision_outcome(b));
	assert_ptr_equal(veikart_decision_target(a), veikart_decision_target(b));
	assert_string_equal(veikart_decision_rationale(a), veikart_decision_rationale(b));
	assert_int_equal(veikart_decision_is_override(a), veikart_decision_is_override(b));
	assert_int_equal(veikart_decision_condition_count(a), veikart_decision_condition_count(b));
	for (i = 0; i < veikart_decision_condition_count(a); i++) {
		assert_string_equal(veikart_decision_condition_text(a, i),
		                    veikart_decision_condition_text(b, i));
		assert_string_equal(veikart_decision_condition_due(a, i),
		                    veikart_decision_condition_due(b, i));
		assert_true(veikart_decision_condition_met(a, i) ==
		            veikart_decision_condition_met(b, i));
	}
	assert_non_null(ra);
	assert_non_null(rb);
	assert_ptr_equal(veikart_report_gate(ra), veikart_report_gate(rb));
	assert_true(veikart_report_time(ra) == veikart_report_time(rb));
	assert_int_equal(veikart_report_verdict(ra), veikart_report_verdict(rb));
	if (veikart_report_score(ra) != veikart_report_score(rb))
		fail_msg("decision %llu: score %.17g, after replay or restore %.17g",
		         (unsigned long long)veikart_decision_seq(a), veikart_report_score(ra),
		         veikart_report_score(rb));
	assert_ptr_equal(veikart_report_recommended(ra), veikart_report_recommended(rb));
	assert_string_equal(veikart_report_summary(ra), veikart_report_summary(rb));
	assert_int_equal(veikart_report_count(ra), veikart_report_count(rb));
	for (i = 0; i < veikart_report_count(ra); i++) {
		assert_int_equal(veikart_report_truth(ra, i), veikart_report_truth(rb, i));
		assert_string_equal(veikart_report_reason(ra, i), veikart_report_reason(rb, i));
	}
}

/* The decisions of two initiatives (and of their units) report the same. */
static void same_decisions(const veikart_initiative *a, const veikart_initiative *b)
{
	const veikart_unit *ua, *ub;
	size_t i, k;

	assert_int_equal(veikart_initiative_decision_count(a),
	                 veikart_initiative_decision_count(b));
	for (i = 0; i < veikart_initiative_decision_count(a); i++)
		same_decision(veikart_initiative_decision(a, i), veikart_initiative_decision(b, i));
	assert_int_equal(veikart_initiative_unit_count(a), veikart_initiative_unit_count(b));
	for (k = 0; k < veikart_initiative_unit_count(a); k++) {
		ua = veikart_initiative_unit(a, k);
		ub = veikart_initiative_unit(b, k);
		assert_int_equal(veikart_unit_decision_count(ua), veikart_unit_decision_count(ub));
		for (i = 0; i < veikart_unit_decision_count(ua); i++)
			same_decision(veikart_unit_decision(ua, i), veikart_unit_decision(ub, i));
	}
}

void walk_same_after_replay_and_restore(walk *w)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative *again = NULL, *restored = NULL;
	veikart_journal *j = NULL;
	char *live = NULL, *replayed = NULL, *back = NULL;
	size_t live_len, replayed_len, back_len;

	walk_ok(veikart_initiative_snapshot(&live, &live_len, w->in), "snapshot");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	jo.flags = VEIKART_JOURNAL_READONLY;
	walk_ok(veikart_journal_open(&j, w->path, &jo), "reopen");
	walk_ok(veikart_initiative_replay(&again, w->m, j, &io), "replay");
	walk_ok(veikart_initiative_snapshot(&replayed, &replayed_len, again), "snapshot");
	assert_int_equal(replayed_len, live_len);
	assert_memory_equal(replayed, live, live_len);
	walk_ok(veikart_initiative_restore(&restored, w->m, live, live_len, &io), "restore");
	walk_ok(veikart_initiative_snapshot(&back, &back_len, restored), "snapshot");
	assert_int_equal(back_len, live_len);
	assert_memory_equal(back, live, live_len);
	/* The snapshot writes scores to six digits; the reports themselves
	 * must agree exactly too. */
	same_decisions(w->in, again);
	same_decisions(w->in, restored);
	veikart_string_free(live);
	veikart_string_free(replayed);
	veikart_string_free(back);
	veikart_initiative_free(again);
	veikart_initiative_free(restored);
	veikart_journal_free(j);
}
