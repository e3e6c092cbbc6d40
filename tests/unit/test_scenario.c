/*
 * The scenario of the default methodology, through the public API: digital
 * night-time supervision walks the KS Veikart from the first idea to new
 * practice, with a pilot round whose low adoption blocks the evaluation
 * gate and a recycle to a second round.
 *
 * It is the story `veikart demo` tells, call for call and second for
 * second; tests/cli/test_scenario.sh tells it a third time with the
 * commands, and compares the three journals, snapshots, audit trails and
 * reports.  When VEIKART_SCENARIO_OUT names a directory, the walk leaves
 * there journal.vj, snapshot.xml, report.md and report.html (labels in
 * English, at the time of the last decision) for that comparison.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

#define KARI "Kari Nordmann"
#define OLA "Ola Hansen"
#define INGRID "Ingrid Berg"
#define SIRI "Siri Lund"
#define ARCHIVE "https://arkiv.nordby.example/nattilsyn/"

typedef struct walk {
	veikart_method *m;
	veikart_journal *j;
	veikart_initiative *in;
	int64_t now;
	char dir[512];  /* a temporary directory, or "" when the journal is kept */
	char path[600]; /* the journal */
} walk;

static int64_t clock_of(void *payload)
{
	return ((const walk *)payload)->now;
}

/* Move the clock on to "YYYY-MM-DDTHH:MM:SSZ". */
static void at(walk *w, const char *when)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(when, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	           &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		fail_msg("bad time %s", when);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	w->now = (int64_t)timegm(&tm);
}

static void ok(int err, const char *what)
{
	if (err != 0)
		fail_msg("%s: %s", what, veikart_error_last()->message);
}

/* Record FACT=VALUE pairs (NULL-terminated) in one call. */
static void set(walk *w, const char *actor, ...)
{
	const char *ids[16], *values[16], *pair;
	char copies[16][128], *eq;
	size_t n = 0;
	va_list ap;

	va_start(ap, actor);
	for (pair = va_arg(ap, const char *); pair != NULL && n < 16;
	     pair = va_arg(ap, const char *)) {
		snprintf(copies[n], sizeof(copies[n]), "%s", pair);
		eq = strchr(copies[n], '=');
		assert_non_null(eq);
		*eq = '\0';
		ids[n] = copies[n];
		values[n] = eq + 1;
		n++;
	}
	va_end(ap);
	ok(veikart_initiative_set_many(w->in, actor, n, ids, values), "set");
}

static void step(walk *w, const char *actor, const char *phase, const char *id)
{
	ok(veikart_initiative_step(w->in, actor, phase, id), id);
}

static void attach(walk *w, const char *actor, const char *fact, const char *uri, const char *sha)
{
	ok(veikart_initiative_attach(w->in, actor, fact, uri, sha), fact);
}

static void decide(walk *w, const char *actor, veikart_outcome_kind kind, const char *why)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	req.actor = actor;
	req.outcome = kind;
	req.rationale = why;
	ok(veikart_initiative_decide(w->in, &req), "decide");
}

/* The current gate stands as the story says. */
static void gate(walk *w, veikart_verdict verdict, const char *summary)
{
	veikart_report *r = NULL;

	ok(veikart_initiative_evaluate(&r, w->in, NULL), "evaluate");
	if (veikart_report_verdict(r) != verdict)
		fail_msg("gate %s is %s: %s", veikart_gate_id(veikart_report_gate(r)),
		         veikart_verdict_name(veikart_report_verdict(r)),
		         veikart_report_summary(r));
	assert_string_equal(veikart_report_summary(r), summary);
	veikart_report_free(r);
}

static const char *phase(const walk *w)
{
	return veikart_phase_id(veikart_initiative_phase(w->in));
}

/* ---- the story, phase by phase ---------------------------------------------- */

static void start(walk *w, const char *out_dir)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;

	if (out_dir != NULL) {
		snprintf(w->path, sizeof(w->path), "%s/journal.vj", out_dir);
		unlink(w->path);
	} else {
		snprintf(w->dir, sizeof(w->dir), "%s", "/tmp/veikart-scenario-XXXXXX");
		assert_non_null(mkdtemp(w->dir));
		snprintf(w->path, sizeof(w->path), "%s/journal.vj", w->dir);
	}
	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	ok(veikart_method_load(&w->m, VEIKART_DEFAULT_METHOD, &lo, NULL), "load");
	jo.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC;
	ok(veikart_journal_open(&w->j, w->path, &jo), "journal");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	io.commit = veikart_journal_commit;
	io.commit_payload = w->j;
	at(w, "2026-01-05T09:00:00Z");
	ok(veikart_initiative_create(&w->in, w->m, "NATT-1", "Digitalt nattilsyn i hjemmetjenesten",
	                             KARI, &io),
	   "create");
	ok(veikart_initiative_assign(w->in, KARI, KARI, "prosjekteier"), "assign");
	ok(veikart_initiative_assign(w->in, KARI, OLA, "prosjektleder"), "assign");
	ok(veikart_initiative_assign(w->in, KARI, INGRID, "styringsgruppe"), "assign");
	ok(veikart_initiative_assign(w->in, KARI, SIRI, "gevinstansvarlig"), "assign");
}

/* Each test's walk is made by the setup and ended by the teardown, which
 * also runs after a failed assertion and removes the temporary files. */
static int setup(void **state)
{
	walk *w = calloc(1, sizeof(*w));

	*state = w;
	return w != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	walk *w = *state;

	veikart_initiative_free(w->in);
	veikart_journal_free(w->j);
	veikart_method_free(w->m);
	if (w->dir[0] != '\0') {
		unlink(w->path);
		rmdir(w->dir);
	}
	free(w);
	return 0;
}

static void before_you_start(walk *w)
{
	at(w, "2026-01-12T10:00:00Z");
	step(w, OLA, "for-du-starter", "beskrive-utfordringsbildet");
	set(w, OLA, "challenge_described=true", "work_planned=true", NULL);
	at(w, "2026-01-14T10:00:00Z");
	step(w, KARI, "for-du-starter", "forankre-i-ledelsen");
	set(w, KARI, "anchored_in_management=true", "need_for_change_understood=true", NULL);
	gate(w, VEIKART_VERDICT_BLOCKED, "blocked: 1 must criterion unmet (mandate)");
	at(w, "2026-01-19T09:00:00Z");
	ok(veikart_initiative_sign(w->in, KARI, "project_mandate"), "sign");
	gate(w, VEIKART_VERDICT_READY,
	     "ready: every must criterion met; should-score 1.00 (needs 0.50)");
	at(w, "2026-01-19T10:00:00Z");
	decide(w, KARI, VEIKART_OUTCOME_GO,
	       "The challenges are described and anchored with management, and the mandate is "
	       "signed: start the insight work.");
	assert_string_equal(phase(w), "innsikt-og-ide");
}

static void insight_and_idea(walk *w)
{
	uint64_t seq;

	at(w, "2026-02-02T10:00:00Z");
	step(w, OLA, "innsikt-og-ide", "innsikt");
	set(w, OLA, "user_insight_gathered=true", NULL);
	at(w, "2026-02-09T10:00:00Z");
	attach(w, OLA, "target_picture", ARCHIVE "malbilde.pdf",
	       "606fde36089a8f565fd4073abcda7d3eecffea28b8d112a1b9893ce509654691");
	at(w, "2026-02-16T10:00:00Z");
	set(w, OLA, "pilot_plan_goals=true", "pilot_plan_scope=true", "pilot_plan_duration=true",
	    "pilot_plan_participants=true", "pilot_plan_information=true",
	    "pilot_plan_training=true", "pilot_plan_error_handling=true",
	    "pilot_plan_measurement=true", "pilot_plan_observation=true",
	    "pilot_plan_documentation=true", NULL);
	step(w, OLA, "innsikt-og-ide", "pilotplan");
	at(w, "2026-02-23T10:00:00Z");
	attach(w, SIRI, "benefit_plan", ARCHIVE "gevinstplan.pdf",
	       "93b9a519f64a0a63b371b0aaa246f506e00dbd1bad738ec19c0bf83ef9345b51");
	step(w, SIRI, "innsikt-og-ide", "gevinstrealiseringsplan");
	/* The project leader may not approve the plan: no event. */
	seq = veikart_initiative_seq(w->in);
	assert_int_equal(veikart_initiative_approve(w->in, OLA, "benefit_plan"), VEIKART_EDENIED);
	assert_true(test_contains(veikart_error_last()->message, "needs role `prosjekteier`"));
	assert_int_equal(veikart_initiative_seq(w->in), seq);
	gate(w, VEIKART_VERDICT_BLOCKED, "blocked: 1 must criterion unmet (benefit_plan_approved)");
	at(w, "2026-02-24T09:00:00Z");
	ok(veikart_initiative_approve(w->in, KARI, "benefit_plan"), "approve");
	at(w, "2026-02-25T10:00:00Z");
	attach(w, SIRI, "baseline_measurement", ARCHIVE "nullpunkt.xlsx",
	       "bfe4135ed30244e795179ab7e3b14fa3296463e06d610313cfedaf6e5ebc1d72");
	step(w, SIRI, "innsikt-og-ide", "nullpunktsmaling");
	at(w, "2026-03-02T09:00:00Z");
	gate(w, VEIKART_VERDICT_READY,
	     "ready: every must criterion met; should-score 1.00 (needs 0.50)");
	at(w, "2026-03-02T10:00:00Z");
	decide(w, INGRID, VEIKART_OUTCOME_GO,
	       "Insight, target picture, pilot plan, an approved benefits plan and a baseline are "
	       "in place. Start the pilot in two home-care districts.");
	assert_string_equal(phase(w), "utproving");
}

static void pilot_round_1(walk *w)
{
	at(w, "2026-03-02T11:00:00Z");
	set(w, OLA, "pilot_start=2026-03-09", "pilot_participants=24", "staff_trained_ratio=55%",
	    NULL);
	step(w, OLA, "utproving", "gjore-klart");
	step(w, OLA, "utproving", "rekruttere");
	at(w, "2026-04-06T10:00:00Z");
	set(w, OLA, "active_use_ratio=45%", NULL);
	step(w, OLA, "utproving", "gjennomfore");
	at(w, "2026-04-20T10:00:00Z");
	set(w, SIRI, "hours_saved_per_week=4", NULL);
	step(w, SIRI, "utproving", "male-underveis");
	at(w, "2026-05-04T10:00:00Z");
	set(w, OLA, "user_experience=medium", NULL);
	step(w, OLA, "utproving", "observere");
	at(w, "2026-05-11T09:00:00Z");
	attach(w, OLA, "pilot_report", ARCHIVE "pilotrapport-1.pdf",
	       "50d777bfa81ad370a4e2504230b6b6f6a037f2518aadca07acf3b408b6506666");
	step(w, OLA, "utproving", "dokumentere");
	gate(w, VEIKART_VERDICT_READY,
	     "ready: every must criterion met; should-score 1.00 (needs 0.50)");
	at(w, "2026-05-11T10:00:00Z");
	decide(w, KARI, VEIKART_OUTCOME_GO,
	       "The round has run ten weeks with 24 participants, and use and time saved were "
	       "measured. Evaluate it.");
	assert_string_equal(phase(w), "evaluering");
}

/* Up to the steering group's meeting, where the gate is blocked. */
static void evaluation_1(walk *w)
{
	at(w, "2026-05-25T10:00:00Z");
	attach(w, OLA, "evaluation_report", ARCHIVE "evaluering-1.pdf",
	       "f843835b151d2efe33881a5b7a719884bef658d1a4acedaac5ef1bc6d1e650ce");
	step(w, OLA, "evaluering", "evaluere");
	at(w, "2026-05-26T09:00:00Z");
	ok(veikart_initiative_approve(w->in, KARI, "evaluation_report"), "approve");
	at(w, "2026-06-01T09:00:00Z");
	/* Available is not adopted: the technology is everywhere, use is not. */
	gate(w, VEIKART_VERDICT_BLOCKED, "blocked: 1 must criterion unmet (active_use)");
}

static void recycle(walk *w)
{
	const veikart_decision *d;

	at(w, "2026-06-01T10:00:00Z");
	decide(w, INGRID, VEIKART_OUTCOME_RECYCLE,
	       "Available is not adopted: 45 % active use, and 55 % of the night staff trained. "
	       "New pilot round, with training for every night shift before the start and a "
	       "super-user in each team.");
	assert_string_equal(phase(w), "utproving");
	d = veikart_initiative_decision(w->in, veikart_initiative_decision_count(w->in) - 1);
	assert_int_equal(veikart_outcome_kind_of(veikart_decision_outcome(d)),
	                 VEIKART_OUTCOME_RECYCLE);
	assert_int_equal(veikart_report_verdict(veikart_decision_report(d)),
	                 VEIKART_VERDICT_BLOCKED);
	assert_false(veikart_decision_is_override(d));
}

static void pilot_round_2(walk *w)
{
	at(w, "2026-06-08T10:00:00Z");
	set(w, OLA, "pilot_start=2026-06-15", "pilot_participants=31", "staff_trained_ratio=92%",
	    NULL);
	step(w, OLA, "utproving", "opplaering");
	/* Facts outlive the visit (the first round's report still counts),
	 * but the new round has neither started nor run its course. */
	gate(w, VEIKART_VERDICT_BLOCKED,
	     "blocked: 2 must criteria unmet (pilot_started, pilot_ran_long_enough)");
	at(w, "2026-07-20T10:00:00Z");
	set(w, OLA, "active_use_ratio=72%", "user_experience=high", NULL);
	at(w, "2026-08-03T10:00:00Z");
	set(w, SIRI, "hours_saved_per_week=6.5", NULL);
	at(w, "2026-08-10T09:00:00Z");
	attach(w, OLA, "pilot_report", ARCHIVE "pilotrapport-2.pdf",
	       "eff89d4387bb4a6fa9c38d389f79e3939b15d4c5938c6f25b9649f3483adb739");
	at(w, "2026-08-10T10:00:00Z");
	decide(w, KARI, VEIKART_OUTCOME_GO,
	       "Second round: ten weeks, 31 participants, every night shift trained. Evaluate it.");
	assert_string_equal(phase(w), "evaluering");
}

static void evaluation_2(walk *w)
{
	at(w, "2026-08-24T10:00:00Z");
	attach(w, OLA, "evaluation_report", ARCHIVE "evaluering-2.pdf",
	       "ba7cb6bc46c9b1d1e8877364d30b2677dfb4b87454254a198858d3fce5fda7ad");
	/* A new document takes the approval of the old one away. */
	gate(w, VEIKART_VERDICT_BLOCKED, "blocked: 1 must criterion unmet (evaluation_approved)");
	at(w, "2026-08-25T09:00:00Z");
	ok(veikart_initiative_approve(w->in, KARI, "evaluation_report"), "approve");
	at(w, "2026-08-31T10:00:00Z");
	step(w, SIRI, "evaluering", "sammenligne-med-nullpunkt");
	at(w, "2026-09-07T09:00:00Z");
	gate(w, VEIKART_VERDICT_READY,
	     "ready: every must criterion met; should-score 1.00 (needs 0.50)");
	at(w, "2026-09-07T10:00:00Z");
	decide(w, INGRID, VEIKART_OUTCOME_GO,
	       "72 % active use after the second round, 92 % of the staff trained, 6.5 hours a "
	       "week saved against the baseline. Take the service into operation across home "
	       "care.");
	assert_string_equal(phase(w), "overgang-til-drift");
}

static void transition_to_operations(walk *w)
{
	at(w, "2026-09-21T10:00:00Z");
	attach(w, OLA, "procurement_documents", ARCHIVE "anskaffelse.pdf",
	       "c540f17a4f8ba5db506a63bf8b1f435e32883fffcc3d48efb4f3a75b925f31b2");
	step(w, OLA, "overgang-til-drift", "anskaffelser");
	at(w, "2026-10-05T10:00:00Z");
	attach(w, OLA, "implementation_plan", ARCHIVE "implementeringsplan.pdf",
	       "ad86579fdabc53088bf2e4cd4c760004ec90c9043ddd56ebaaa76db90a104d18");
	step(w, OLA, "overgang-til-drift", "implementeringsplan");
	at(w, "2026-10-06T09:00:00Z");
	ok(veikart_initiative_approve(w->in, KARI, "implementation_plan"), "approve");
	at(w, "2026-11-02T10:00:00Z");
	set(w, SIRI, "active_use_ratio=85%", "operational_readiness=medium", NULL);
	step(w, SIRI, "overgang-til-drift", "spre-bruken");
	step(w, SIRI, "overgang-til-drift", "driftsberedskap");
	at(w, "2026-11-16T10:00:00Z");
	ok(veikart_initiative_sign(w->in, SIRI, "line_acceptance"), "sign");
	step(w, SIRI, "overgang-til-drift", "overta-i-linjen");
	at(w, "2026-11-30T09:00:00Z");
	gate(w, VEIKART_VERDICT_READY,
	     "ready: every must criterion met; should-score 1.00 (needs 0.50)");
	at(w, "2026-11-30T10:00:00Z");
	decide(w, KARI, VEIKART_OUTCOME_GO,
	       "The line has taken over, with 85 % active use and operations ready. Close the "
	       "project; the benefits are followed up in the line.");
	assert_string_equal(phase(w), "ny-praksis");
}

/* The project is closed, but new practice is reviewed every year: the
 * first yearly benefit follow-up comes due a year after the go. */
static void first_yearly_review(walk *w)
{
	const veikart_gate *review = veikart_method_gate_by_id(w->m, "g-gevinstoppfolging");
	int64_t went_live = w->now;

	assert_non_null(review);
	assert_int_equal(veikart_gate_every_days(review), 365);
	assert_int_equal(veikart_initiative_review_due(w->in, review), went_live + 365 * 86400);
	at(w, "2027-11-30T10:00:00Z");
	set(w, SIRI, "benefits_followed_up_on=2027-11-30", NULL);
	attach(w, SIRI, "benefit_report", ARCHIVE "gevinstrapport-2027.pdf",
	       "e8fd6bb68323fb0805f99df1069acf0e8f06e32ae0e88c046bd2b5308c6f19d8");
	step(w, SIRI, "ny-praksis", "gevinstoppfolging");
	at(w, "2027-12-06T09:00:00Z");
	assert_true(veikart_initiative_review_due(w->in, review) <= w->now);
	gate(w, VEIKART_VERDICT_READY,
	     "ready: every must criterion met; should-score 1.00 (needs 0.50)");
	at(w, "2027-12-06T10:00:00Z");
	decide(w, SIRI, VEIKART_OUTCOME_CONTINUE,
	       "6.5 hours a week saved against the baseline, and 85 % still use it. Follow up "
	       "again next year.");
	assert_string_equal(phase(w), "ny-praksis");
	assert_int_equal(veikart_initiative_review_due(w->in, review), w->now + 365 * 86400);
}

static void whole_story(walk *w)
{
	before_you_start(w);
	insight_and_idea(w);
	pilot_round_1(w);
	evaluation_1(w);
	recycle(w);
	pilot_round_2(w);
	evaluation_2(w);
	transition_to_operations(w);
	first_yearly_review(w);
}

/* ---- tests ------------------------------------------------------------------------ */

static void save(const char *dir, const char *name, const char *text, size_t len)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void test_scenario_should_walk_every_phase_with_one_recycle(void **state)
{
	const char *out = getenv("VEIKART_SCENARIO_OUT");
	char *snap = NULL, *md = NULL, *html = NULL;
	size_t snap_len, md_len, html_len;
	walk *w = *state;

	start(w, out != NULL && out[0] != '\0' ? out : NULL);
	whole_story(w);
	/* New practice outlives the project: the initiative stays active. */
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_ACTIVE);
	assert_int_equal(veikart_initiative_seq(w->in), 80);
	assert_int_equal(veikart_journal_count(w->j), 80);
	assert_int_equal(veikart_initiative_decision_count(w->in), 8);
	/* Eight visits: the pilot and the evaluation twice each. */
	assert_int_equal(veikart_initiative_visit_count(w->in), 8);
	assert_string_equal(veikart_phase_id(veikart_initiative_visit_phase(w->in, 4)),
	                    "utproving");
	assert_string_equal(veikart_initiative_fact(w->in, "active_use_ratio"), "0.85");
	assert_string_equal(veikart_initiative_fact_actor(w->in, "active_use_ratio"), SIRI);

	ok(veikart_initiative_snapshot(&snap, &snap_len, w->in), "snapshot");
	ok(veikart_initiative_export(&md, &md_len, w->in, VEIKART_EXPORT_MARKDOWN, "en"), "md");
	ok(veikart_initiative_export(&html, &html_len, w->in, VEIKART_EXPORT_HTML, "en"), "html");
	assert_true(test_contains(md, "Available is not adopted"));
	if (out != NULL && out[0] != '\0') {
		save(out, "snapshot.xml", snap, snap_len);
		save(out, "report.md", md, md_len);
		save(out, "report.html", html, html_len);
	}
	veikart_string_free(snap);
	veikart_string_free(md);
	veikart_string_free(html);
}

/* Replayed from its journal, the initiative is the same, to the byte. */
static void test_scenario_should_replay_to_the_same_snapshot_and_reports(void **state)
{
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *again = NULL;
	veikart_journal *j = NULL;
	char *a[3] = { NULL, NULL, NULL }, *b[3] = { NULL, NULL, NULL };
	size_t i;
	walk *w = *state;

	start(w, NULL);
	whole_story(w);
	jo.flags = VEIKART_JOURNAL_READONLY;
	ok(veikart_journal_open(&j, w->path, &jo), "reopen");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	ok(veikart_initiative_replay(&again, w->m, j, &io), "replay");
	ok(veikart_initiative_snapshot(&a[0], NULL, w->in), "snapshot");
	ok(veikart_initiative_snapshot(&b[0], NULL, again), "snapshot");
	ok(veikart_initiative_export(&a[1], NULL, w->in, VEIKART_EXPORT_MARKDOWN, "en"), "md");
	ok(veikart_initiative_export(&b[1], NULL, again, VEIKART_EXPORT_MARKDOWN, "en"), "md");
	ok(veikart_initiative_export(&a[2], NULL, w->in, VEIKART_EXPORT_HTML, NULL), "html");
	ok(veikart_initiative_export(&b[2], NULL, again, VEIKART_EXPORT_HTML, NULL), "html");
	for (i = 0; i < 3; i++) {
		assert_string_equal(a[i], b[i]);
		veikart_string_free(a[i]);
		veikart_string_free(b[i]);
	}
	assert_string_equal(veikart_initiative_head(again), veikart_initiative_head(w->in));
	veikart_initiative_free(again);
	veikart_journal_free(j);
}

/* At the blocked gate: going on would be an override, which the steering
 * group member may not give; what-if shows what adoption would take. */
static void test_scenario_should_hold_the_blocked_gate_against_a_go(void **state)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_facts *hyp = NULL;
	veikart_report *r = NULL;
	uint64_t seq;
	walk *w = *state;

	start(w, NULL);
	before_you_start(w);
	insight_and_idea(w);
	pilot_round_1(w);
	evaluation_1(w);
	seq = veikart_initiative_seq(w->in);
	req.actor = INGRID;
	req.outcome = VEIKART_OUTCOME_GO;
	req.rationale = "The technology works";
	assert_int_equal(veikart_initiative_decide(w->in, &req), VEIKART_ESTATE);
	assert_true(test_contains(veikart_error_last()->message, "active_use"));
	req.override = 1;
	assert_int_equal(veikart_initiative_decide(w->in, &req), VEIKART_EDENIED);
	assert_true(test_contains(veikart_error_last()->message, "`prosjekteier`"));
	req.actor = KARI;
	assert_int_equal(veikart_initiative_decide(w->in, &req), VEIKART_EDENIED);
	assert_true(test_contains(veikart_error_last()->message, "`styringsgruppe`"));
	assert_int_equal(veikart_initiative_seq(w->in), seq);
	assert_int_equal(veikart_journal_count(w->j), seq);

	ok(veikart_facts_new(&hyp, w->m), "facts");
	ok(veikart_facts_set(hyp, "active_use_ratio", "72%"), "what-if");
	ok(veikart_initiative_what_if(&r, w->in, NULL, hyp), "what-if");
	assert_int_equal(veikart_report_verdict(r), VEIKART_VERDICT_READY);
	assert_string_equal(veikart_initiative_fact(w->in, "active_use_ratio"), "0.45");
	veikart_report_free(r);
	veikart_facts_free(hyp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_scenario_should_walk_every_phase_with_one_recycle),
		T(test_scenario_should_replay_to_the_same_snapshot_and_reports),
		T(test_scenario_should_hold_the_blocked_gate_against_a_go),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
