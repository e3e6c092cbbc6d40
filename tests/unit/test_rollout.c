/*
 * Broad rollout across units, through the public API, told as three
 * municipal stories, each on its shipped methodology (methodologies/):
 *
 *  - Silkeborg: a platform introduced at 30 day and residential facilities
 *    at once; the screens go up only after the training, and the project
 *    closes only when the facilities are live *and* the users use it;
 *  - Esset: seven service areas introduced in the order the steering group
 *    decided; an area that tries to start before its turn is refused;
 *  - Mittköping: a successive rollout that starts with a pilot within the
 *    implementation, with a short evaluation before the other units may
 *    start, and each later wave waiting for the one before.
 *
 * Every walk is journalled; each test ends by replaying the journal and
 * restoring a snapshot, which must give the same state byte for byte.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "event.h"
#include "support.h"

typedef struct world {
	veikart_method *m;
	veikart_journal *j;
	veikart_initiative *in;
	int64_t now;
	char dir[512];
	char path[600];
} world;

static int64_t clock_of(void *payload)
{
	return ((const world *)payload)->now;
}

/* Move the clock on to "YYYY-MM-DD" (10:00 UTC). */
static void on(world *w, const char *day)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(day, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		fail_msg("bad day %s", day);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 10;
	w->now = (int64_t)timegm(&tm);
}

static void ok(int err, const char *what)
{
	if (err != 0)
		fail_msg("%s: %s", what, veikart_error_last()->message);
}

/* A call refused with CODE, saying TEXT, and recording nothing. */
#define REFUSED(w, code, text, call)                                                         \
	do {                                                                                 \
		uint64_t seq_ = veikart_initiative_seq((w)->in);                             \
		int err_ = (call);                                                           \
		if (err_ != (code))                                                          \
			fail_msg("%s gave %d (%s), not %d", #call, err_,                     \
			         err_ ? veikart_error_last()->message : "accepted", (code)); \
		if (!test_contains(veikart_error_last()->message, (text)))                   \
			fail_msg("%s said \"%s\", not \"%s\"", #call,                        \
			         veikart_error_last()->message, (text));                     \
		assert_int_equal(veikart_initiative_seq((w)->in), seq_);                     \
	} while (0)

static void start(world *w, const char *method_file, const char *id, const char *title,
                  const char *creator)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;

	snprintf(w->dir, sizeof(w->dir), "%s", "/tmp/veikart-rollout-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	snprintf(w->path, sizeof(w->path), "%s/journal.vj", w->dir);
	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	/* An id names a built-in (shipped) methodology; a path, a test file. */
	ok(veikart_method_load(&w->m,
	                       strchr(method_file, '/') ? test_path(method_file) : method_file, &lo,
	                       NULL),
	   method_file);
	jo.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC;
	ok(veikart_journal_open(&w->j, w->path, &jo), "journal");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	io.commit = veikart_journal_commit;
	io.commit_payload = w->j;
	ok(veikart_initiative_create(&w->in, w->m, id, title, creator, &io), "create");
}

static int setup(void **state)
{
	world *w = calloc(1, sizeof(*w));

	*state = w;
	return w != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	world *w = *state;

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

static void set(world *w, const char *actor, const char *fact, const char *value)
{
	ok(veikart_initiative_set(w->in, actor, fact, value), fact);
}

/* Record FACT=VALUE pairs (NULL-terminated) of a unit in one call. */
static void unit_set(world *w, const char *actor, const char *unit, ...)
{
	const char *ids[8], *values[8], *pair;
	char copies[8][64], *eq;
	size_t n = 0;
	va_list ap;

	va_start(ap, unit);
	for (pair = va_arg(ap, const char *); pair != NULL && n < 8;
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
	ok(veikart_initiative_unit_set(w->in, actor, unit, n, ids, values), unit);
}

static veikart_decision_request request(const char *actor, const char *unit,
                                        veikart_outcome_kind kind, const char *why)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	req.actor = actor;
	req.unit = unit;
	req.outcome = kind;
	req.rationale = why;
	return req;
}

static void decide(world *w, const char *actor, const char *unit, veikart_outcome_kind kind,
                   const char *why)
{
	veikart_decision_request req = request(actor, unit, kind, why);

	ok(veikart_initiative_decide(w->in, &req), unit != NULL ? unit : "decide");
}

static void add_unit(world *w, const char *actor, const char *id, const char *title,
                     const char *type, int wave)
{
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;

	spec.id = id;
	spec.title = title;
	spec.type = type;
	spec.wave = wave;
	spec.order = wave;
	ok(veikart_initiative_add_unit(w->in, actor, &spec), id);
}

static const char *phase_of(const world *w, const char *unit)
{
	const veikart_unit *u = veikart_initiative_unit_by_id(w->in, unit);

	assert_non_null(u);
	return veikart_phase_id(veikart_unit_phase(u));
}

/* The initiative's gate (unit NULL) or a unit's stands as VERDICT, its
 * criterion CRITERION saying REASON (when not NULL). */
static void gate(world *w, const char *unit, veikart_verdict verdict, const char *criterion,
                 const char *reason)
{
	veikart_report *r = NULL;
	size_t i;

	if (unit == NULL)
		ok(veikart_initiative_evaluate(&r, w->in, NULL), "evaluate");
	else
		ok(veikart_initiative_unit_evaluate(&r, w->in, unit, NULL), unit);
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
		fail_msg("no criterion %s", criterion);
	veikart_report_free(r);
}

/* Replaying the journal, and restoring a snapshot, give the live state. */
static void same_after_replay_and_restore(world *w)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative *again = NULL, *restored = NULL;
	veikart_journal *j = NULL;
	char *live = NULL, *replayed = NULL, *back = NULL;
	size_t live_len, replayed_len, back_len;

	ok(veikart_initiative_snapshot(&live, &live_len, w->in), "snapshot");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	jo.flags = VEIKART_JOURNAL_READONLY;
	ok(veikart_journal_open(&j, w->path, &jo), "reopen");
	ok(veikart_initiative_replay(&again, w->m, j, &io), "replay");
	ok(veikart_initiative_snapshot(&replayed, &replayed_len, again), "snapshot");
	assert_int_equal(replayed_len, live_len);
	assert_memory_equal(replayed, live, live_len);
	ok(veikart_initiative_restore(&restored, w->m, live, live_len, &io), "restore");
	ok(veikart_initiative_snapshot(&back, &back_len, restored), "snapshot");
	assert_int_equal(back_len, live_len);
	assert_memory_equal(back, live, live_len);
	assert_int_equal(veikart_initiative_unit_count(restored),
	                 veikart_initiative_unit_count(w->in));
	veikart_string_free(live);
	veikart_string_free(replayed);
	veikart_string_free(back);
	veikart_initiative_free(again);
	veikart_initiative_free(restored);
	veikart_journal_free(j);
}

/* ---- Silkeborg: thirty facilities at once ------------------------------------------ */

#define METTE "Mette Holm" /* projektejer */
#define JENS "Jens Vang"   /* udviklingskonsulent */
#define LISE "Lise Kragh"  /* leverandør: the supplier's trainer */
#define NSITES 30

static void site_id(char *buf, size_t size, int i)
{
	snprintf(buf, size, "tilbud-%02d", i);
}

static void leader_of(char *buf, size_t size, int i)
{
	snprintf(buf, size, "Leder %02d", i);
}

static void silkeborg_up_to_rollout(world *w)
{
	on(w, "2018-03-05");
	start(w, "silkeborg-ibg", "IBG-2018", "IBG-platformen på dag- og botilbud", METTE);
	ok(veikart_initiative_assign(w->in, METTE, METTE, "projektejer"), "assign");
	ok(veikart_initiative_assign(w->in, METTE, JENS, "udviklingskonsulent"), "assign");
	ok(veikart_initiative_assign(w->in, METTE, LISE, "leverandoer"), "assign");
	on(w, "2018-03-12");
	set(w, JENS, "staff_involved", "true");
	set(w, JENS, "supplier_involved", "true");
	decide(w, METTE, NULL, VEIKART_OUTCOME_GO,
	       "The staff chose the platform, which already runs at four facilities.");
	on(w, "2018-04-09");
	ok(veikart_initiative_attach(w->in, JENS, "implementation_plan",
	                             "https://silkeborg.example/ibg/implementeringsplan.pdf", NULL),
	   "attach");
	ok(veikart_initiative_approve(w->in, METTE, "implementation_plan"), "approve");
	set(w, LISE, "training_adapted", "true");
	/* Learning points 3 to 5: information, the supplier's pitfalls, readiness. */
	on(w, "2018-04-16");
	gate(w, NULL, VEIKART_VERDICT_INCOMPLETE, "ready_to_react", "not recorded");
	set(w, JENS, "information_plan", "true");
	set(w, LISE, "supplier_best_practice", "true");
	set(w, JENS, "problem_response_ready", "true");
	decide(w, METTE, NULL, VEIKART_OUTCOME_GO, "Roll out to all 30 facilities this summer.");
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)), "udrulning");
}

static void silkeborg_add_sites(world *w)
{
	char id[32], title[64], leader[32];
	int i;

	on(w, "2018-04-17");
	for (i = 1; i <= NSITES; i++) {
		site_id(id, sizeof(id), i);
		snprintf(title, sizeof(title), "%s %d", i % 3 == 0 ? "Dagtilbud" : "Botilbud", i);
		add_unit(w, JENS, id, title, i % 3 == 0 ? "dagtilbud" : "botilbud", 1);
		leader_of(leader, sizeof(leader), i);
		ok(veikart_initiative_unit_assign(w->in, JENS, id, leader, "leder"), leader);
	}
	assert_int_equal(veikart_initiative_unit_count(w->in), NSITES);
	/* Every facility starts in the first unit phase; none is live yet. */
	assert_string_equal(phase_of(w, "tilbud-17"), "forberedelse");
	gate(w, NULL, VEIKART_VERDICT_BLOCKED, "sites_live", "0 of 30");
}

static void test_silkeborg_should_take_30_sites_live_at_once(void **state)
{
	world *w = *state;
	char id[32], leader[32], value[32], *html = NULL;
	const veikart_unit *u;
	veikart_decision_request req;
	int i;

	silkeborg_up_to_rollout(w);
	silkeborg_add_sites(w);

	/* The first site: the screens may not go up before the training. */
	on(w, "2018-05-07");
	unit_set(w, JENS, "tilbud-01", "kickoff_held=true", "superusers=2", NULL);
	decide(w, JENS, "tilbud-01", VEIKART_OUTCOME_GO, "Kick-off held; two super users.");
	assert_string_equal(phase_of(w, "tilbud-01"), "undervisning");
	REFUSED(w, VEIKART_ESTATE, "comes after step `undervisning`",
	        veikart_initiative_unit_step(w->in, "Leder 01", "tilbud-01", "undervisning",
	                                     "skaerme-op"));
	/* ... and the leader of one facility does nothing at another. */
	REFUSED(w, VEIKART_EDENIED, "for unit `tilbud-01`",
	        veikart_initiative_unit_set(w->in, "Leder 02", "tilbud-01", 1,
	                                    (const char *const[]){ "screens_up" },
	                                    (const char *const[]){ "true" }));

	/* All thirty: kick-off, training, screens.  Four facilities train too
	 * few of their staff at first. */
	for (i = 2; i <= NSITES; i++) {
		site_id(id, sizeof(id), i);
		unit_set(w, JENS, id, "kickoff_held=true", "superusers=2", NULL);
		decide(w, JENS, id, VEIKART_OUTCOME_GO, "Kick-off held; two super users.");
	}
	on(w, "2018-05-22");
	for (i = 1; i <= NSITES; i++) {
		site_id(id, sizeof(id), i);
		leader_of(leader, sizeof(leader), i);
		ok(veikart_initiative_unit_step(w->in, LISE, id, "undervisning", "undervisning"),
		   id);
		snprintf(value, sizeof(value), "staff_trained=%s", i > 26 ? "70%" : "90%");
		unit_set(w, LISE, id, value, NULL);
		ok(veikart_initiative_unit_step(w->in, leader, id, "undervisning", "skaerme-op"),
		   id);
		unit_set(w, leader, id, "screens_up=true", NULL);
	}
	on(w, "2018-06-04");
	for (i = 1; i <= NSITES; i++) {
		site_id(id, sizeof(id), i);
		if (i <= 26) {
			decide(w, JENS, id, VEIKART_OUTCOME_GO, "Trained, and the screens are up.");
			assert_string_equal(phase_of(w, id), "i-brug");
		} else {
			gate(w, id, VEIKART_VERDICT_BLOCKED, "trained", "0.7");
			req = request(JENS, id, VEIKART_OUTCOME_GO, "Go anyway?");
			REFUSED(w, VEIKART_ESTATE, "is not ready for go",
			        veikart_initiative_decide(w->in, &req));
		}
	}
	/* 26 of 30 live is not nine in ten. */
	gate(w, NULL, VEIKART_VERDICT_BLOCKED, "sites_live", "26 of 30");

	/* The four catch up. */
	on(w, "2018-06-18");
	for (i = 27; i <= NSITES; i++) {
		site_id(id, sizeof(id), i);
		unit_set(w, LISE, id, "staff_trained=85%", NULL);
		decide(w, JENS, id, VEIKART_OUTCOME_GO, "Extra training session held.");
	}
	gate(w, NULL, VEIKART_VERDICT_INCOMPLETE, "adopted", "unknown for 30 of 30 matching units");

	/* Available is not adopted: everywhere live, used by too few. */
	on(w, "2018-08-13");
	for (i = 1; i <= NSITES; i++) {
		site_id(id, sizeof(id), i);
		unit_set(w, JENS, id, "users_enabled=20",
		         i <= 10 ? "users_active=16" : "users_active=8", NULL);
	}
	gate(w, NULL, VEIKART_VERDICT_BLOCKED, "adopted", NULL);
	req = request(METTE, NULL, VEIKART_OUTCOME_GO, "Everything is installed.");
	REFUSED(w, VEIKART_ESTATE, "not ready for go", veikart_initiative_decide(w->in, &req));

	/* Super-user networks and reminders lift the use. */
	on(w, "2018-10-01");
	for (i = 11; i <= NSITES; i++) {
		site_id(id, sizeof(id), i);
		unit_set(w, JENS, id, "users_active=14", NULL);
	}
	/* Used, but neither throughout-the-process point is on record yet. */
	gate(w, NULL, VEIKART_VERDICT_INCOMPLETE, "information_kept_high", "not recorded");
	set(w, JENS, "information_kept_high", "true");
	gate(w, NULL, VEIKART_VERDICT_READY, NULL, NULL);

	/* Each facility's own leader judges it established; no one else. */
	req = request("Leder 02", "tilbud-01", VEIKART_OUTCOME_GO, "It is used every day.");
	REFUSED(w, VEIKART_EDENIED, "needs role `leder`", veikart_initiative_decide(w->in, &req));
	for (i = 1; i <= NSITES; i++) {
		site_id(id, sizeof(id), i);
		leader_of(leader, sizeof(leader), i);
		decide(w, leader, id, VEIKART_OUTCOME_GO, "Used every day by staff and residents.");
		assert_int_equal(veikart_unit_status(veikart_initiative_unit_by_id(w->in, id)),
		                 VEIKART_STATUS_COMPLETED);
	}
	/* An established facility still reports its use... */
	unit_set(w, JENS, "tilbud-05", "users_active=17", NULL);
	/* ... but walks no further. */
	req = request(JENS, "tilbud-05", VEIKART_OUTCOME_HOLD, "Wait.");
	REFUSED(w, VEIKART_ESTATE, "unit `tilbud-05` is completed",
	        veikart_initiative_decide(w->in, &req));

	on(w, "2018-10-08");
	decide(w, METTE, NULL, VEIKART_OUTCOME_GO,
	       "All 30 facilities are live and the platform is used: over to operation.");
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_COMPLETED);

	/* What the API tells about one facility. */
	u = veikart_initiative_unit_by_id(w->in, "tilbud-03");
	assert_string_equal(veikart_unit_title(u), "Dagtilbud 3");
	assert_string_equal(veikart_unit_type_of(u), "dagtilbud");
	assert_int_equal(veikart_unit_wave(u), 1);
	assert_string_equal(veikart_phase_id(veikart_unit_phase(u)), "forankret");
	assert_int_equal(veikart_unit_visit_count(u), 4);
	assert_int_equal(veikart_unit_decision_count(u), 3);
	assert_ptr_equal(veikart_decision_unit(veikart_unit_decision(u, 0)), u);
	assert_string_equal(veikart_unit_fact(u, "staff_trained"), "0.9");
	assert_string_equal(veikart_unit_fact_actor(u, "staff_trained"), LISE);
	assert_true(veikart_unit_step_done(u, "undervisning", "skaerme-op"));
	assert_true(veikart_unit_holds(u, "Leder 03", "leder"));
	assert_false(veikart_unit_holds(u, "Leder 04", "leder"));
	assert_true(veikart_unit_holds(u, JENS, "udviklingskonsulent"));
	assert_null(veikart_decision_unit(veikart_initiative_decision(w->in, 0)));

	/* The report shows the rollout board. */
	ok(veikart_initiative_export(&html, NULL, w->in, VEIKART_EXPORT_HTML, "en"), "export");
	assert_true(test_contains(html, "<h2>Rollout</h2>"));
	assert_true(
	        test_contains(html, "30 units: Preparing 0; Training 0; Live 0; Established 30."));
	assert_true(test_contains(html, "Dagtilbud 3"));
	veikart_string_free(html);

	same_after_replay_and_restore(w);
}

/* ---- Esset: seven service areas in the decided order ---------------------------------- */

#define STYRGRUPP "Anna Ek"      /* styrgrupp */
#define INFORANDE "Per Lind"     /* införandeteam */
#define SAMORDNARE "Sara Nyberg" /* samordnare på förvaltning */
#define SUPER "Omar Haddad"      /* superanvändare */
#define FORVALTNING "Karin Sjö"  /* förvaltningsledning */

static const struct {
	const char *id, *title;
} areas[] = {
	{ "overformyndare", "Överförmyndarverksamhet" },
	{ "barn-och-unga", "Barn och unga" },
	{ "vuxen", "Vuxen" },
	{ "ekonomiskt-bistand", "Ekonomiskt bistånd" },
	{ "funktionsnedsattning", "Stöd och service till personer med funktionsnedsättning" },
	{ "aldreomsorg", "Äldreomsorg" },
	{ "halso-och-sjukvard", "Kommunal hälso- och sjukvård" },
};
#define NAREAS (sizeof(areas) / sizeof(areas[0]))

/* The team of ambassadors and super users, the administration's own
 * preparations, and the training. */
static void esset_prepare_area(world *w, const char *id)
{
	ok(veikart_initiative_unit_step(w->in, SAMORDNARE, id, "omrade-forbereds",
	                                "verksamhetsteam"),
	   id);
	unit_set(w, SAMORDNARE, id, "team_formed=true", "ambassadors=2", "super_users=3", NULL);
	unit_set(w, FORVALTNING, id, "processes_designed=true", "roles_staffed=true",
	         "preparations_done=true", "data_quality_checked=true", NULL);
	ok(veikart_initiative_unit_step(w->in, SUPER, id, "omrade-forbereds", "utbildning"), id);
	unit_set(w, SUPER, id, "staff_trained=95%", NULL);
}

static void test_esset_should_refuse_an_area_out_of_order(void **state)
{
	world *w = *state;
	veikart_decision_request req;
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	const veikart_unit *u;
	char why[128];
	size_t i;

	on(w, "2018-06-14");
	start(w, "esset", "ESSET", "Modernisering av sociala system", STYRGRUPP);
	ok(veikart_initiative_assign(w->in, STYRGRUPP, STYRGRUPP, "styrgrupp"), "assign");
	ok(veikart_initiative_assign(w->in, STYRGRUPP, INFORANDE, "inforandeteam"), "assign");
	ok(veikart_initiative_assign(w->in, STYRGRUPP, SAMORDNARE, "samordnare"), "assign");
	ok(veikart_initiative_assign(w->in, STYRGRUPP, SUPER, "superanvandare"), "assign");
	ok(veikart_initiative_assign(w->in, STYRGRUPP, FORVALTNING, "forvaltningsledning"),
	   "assign");
	set(w, INFORANDE, "process_maps_approved", "true");
	ok(veikart_initiative_sign(w->in, STYRGRUPP, "introduction_order"), "sign");
	set(w, INFORANDE, "resources_planned", "true");
	set(w, INFORANDE, "training_and_support", "true");
	set(w, FORVALTNING, "coordinators_named", "true");

	/* The order: each area's wave is its place in it. */
	for (i = 0; i < NAREAS; i++)
		add_unit(w, INFORANDE, areas[i].id, areas[i].title, "verksamhetsomrade",
		         (int)i + 1);
	/* A type the methodology does not declare. */
	spec.id = "it";
	spec.type = "forvaltning";
	REFUSED(w, VEIKART_ENOTFOUND, "declares no unit type `forvaltning`",
	        veikart_initiative_add_unit(w->in, INFORANDE, &spec));
	spec.type = "verksamhetsomrade";
	spec.id = "vuxen";
	REFUSED(w, VEIKART_EEXISTS, "already has a unit `vuxen`",
	        veikart_initiative_add_unit(w->in, INFORANDE, &spec));

	/* No area starts before the project is in its introduction phase. */
	on(w, "2019-11-04");
	esset_prepare_area(w, "overformyndare");
	gate(w, "overformyndare", VEIKART_VERDICT_BLOCKED, "project_introducing", NULL);
	decide(w, STYRGRUPP, NULL, VEIKART_OUTCOME_GO,
	       "Start the introduction in the decided order.");
	on(w, "2020-01-13");
	decide(w, INFORANDE, "overformyndare", VEIKART_OUTCOME_GO, "First in the order.");
	assert_string_equal(phase_of(w, "overformyndare"), "omrade-inforande");

	/* Adults is ready, but children and young people come first. */
	on(w, "2020-02-03");
	esset_prepare_area(w, "vuxen");
	gate(w, "vuxen", VEIKART_VERDICT_BLOCKED, "in_order",
	     "Barn och unga (wave 2, in `omrade-forbereds`)");
	req = request(INFORANDE, "vuxen", VEIKART_OUTCOME_GO, "We are ready early.");
	REFUSED(w, VEIKART_ESTATE, "Barn och unga", veikart_initiative_decide(w->in, &req));
	assert_string_equal(phase_of(w, "vuxen"), "omrade-forbereds");

	/* In order, each area goes. */
	for (i = 1; i < NAREAS; i++) {
		on(w, i < 3 ? "2020-03-02" : "2020-09-07");
		if (i != 2)
			esset_prepare_area(w, areas[i].id);
		snprintf(why, sizeof(why), "Number %zu in the order.", i + 1);
		decide(w, INFORANDE, areas[i].id, VEIKART_OUTCOME_GO, why);
		assert_string_equal(phase_of(w, areas[i].id), "omrade-inforande");
	}
	gate(w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	on(w, "2020-11-02");
	decide(w, STYRGRUPP, NULL, VEIKART_OUTCOME_GO, "Every area works in the new system.");
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)),
	                    "interimsforvaltning");

	/* The areas go into operation as their use allows; the project ends
	 * when all have. */
	on(w, "2021-03-01");
	for (i = 0; i < NAREAS; i++) {
		unit_set(w, SAMORDNARE, areas[i].id, "users_enabled=500", "users_active=450",
		         "results_followed_up=true", NULL);
		decide(w, SAMORDNARE, areas[i].id, VEIKART_OUTCOME_GO, "Nine in ten use it.");
	}
	set(w, STYRGRUPP, "delivery_organisation", "true");
	decide(w, STYRGRUPP, NULL, VEIKART_OUTCOME_GO, "The delivery organisation takes over.");
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_COMPLETED);

	u = veikart_initiative_unit(w->in, 2);
	assert_string_equal(veikart_unit_id(u), "vuxen");
	assert_int_equal(veikart_unit_wave(u), 3);
	assert_int_equal(veikart_unit_order(u), 3);
	same_after_replay_and_restore(w);
}

/* ---- Mittköping: a pilot within the implementation -------------------------------------- */

#define AGARE "Eva Berg"    /* förvaltningsledning */
#define NAMND "Lars Holm"   /* politiken: the committee's chair */
#define LEDARE "Nils Åberg" /* projektledare */
#define CHEF "Maria Lund"   /* enhetschef, for every unit */

/* Anchored, the need set, no test of its own (the alarms are proven
 * elsewhere): straight to the implementation planning. */
static void mittkoping_up_to_planning(world *w)
{
	ok(veikart_initiative_assign(w->in, AGARE, AGARE, "forvaltningsledning"), "assign");
	ok(veikart_initiative_assign(w->in, AGARE, NAMND, "namnd"), "assign");
	ok(veikart_initiative_assign(w->in, AGARE, LEDARE, "projektledare"), "assign");
	ok(veikart_initiative_sign(w->in, NAMND, "political_decision"), "sign");
	set(w, AGARE, "why_and_benefit_told", "true");
	decide(w, AGARE, NULL, VEIKART_OUTCOME_GO,
	       "Politics has decided; every workplace is told.");
	set(w, AGARE, "focus_areas_decided", "true");
	set(w, LEDARE, "citizen_needs_gathered", "true");
	set(w, LEDARE, "purpose_and_goal", "Safer nights at home with digital alarms.");
	ok(veikart_initiative_attach(w->in, LEDARE, "communication_strategy",
	                             "https://mittkoping.example/larm/kommunikation.pdf", NULL),
	   "attach");
	decide(w, AGARE, NULL, VEIKART_OUTCOME_SKIP, "Proven technology: no test of our own.");
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)),
	                    "inforandeplanering");
}

static void test_mittkoping_should_hold_later_waves_until_the_pilot_is_evaluated(void **state)
{
	static const char *const units[] = { "vastra", "ostra",   "norra",
		                             "sodra",  "centrum", "hamnen" };
	world *w = *state;
	veikart_decision_request req;
	size_t i;

	on(w, "2017-09-04");
	start(w, "mittkoping", "LARM", "Digitala trygghetslarm", AGARE);
	mittkoping_up_to_planning(w);
	for (i = 0; i < 6; i++)
		add_unit(w, LEDARE, units[i], NULL, NULL, i < 2 ? 1 : 2);
	for (i = 0; i < 6; i++)
		ok(veikart_initiative_unit_assign(w->in, LEDARE, units[i], CHEF, "enhetschef"),
		   units[i]);
	assert_string_equal(veikart_unit_title(veikart_initiative_unit_by_id(w->in, "vastra")),
	                    "vastra");
	set(w, LEDARE, "scope_assessed", "true");
	set(w, AGARE, "rollout_mode", "successivt");
	set(w, AGARE, "critical_routines_decided", "true");
	ok(veikart_initiative_attach(w->in, LEDARE, "implementation_plan",
	                             "https://mittkoping.example/larm/plan.pdf", NULL),
	   "attach");
	ok(veikart_initiative_approve(w->in, AGARE, "implementation_plan"), "approve");
	decide(w, AGARE, NULL, VEIKART_OUTCOME_GO, "Successively: start with two pilot units.");

	/* The pilot units start; the others wait for the evaluation. */
	on(w, "2017-09-11");
	decide(w, LEDARE, "vastra", VEIKART_OUTCOME_GO, "Pilot unit.");
	gate(w, NULL, VEIKART_VERDICT_BLOCKED, "pilot_units_started", NULL);
	decide(w, LEDARE, "ostra", VEIKART_OUTCOME_GO, "Pilot unit.");
	req = request(LEDARE, "norra", VEIKART_OUTCOME_GO, "Why wait?");
	REFUSED(w, VEIKART_ESTATE, "its_turn", veikart_initiative_decide(w->in, &req));
	on(w, "2017-10-09");
	decide(w, AGARE, NULL, VEIKART_OUTCOME_GO, "Both pilot units run: a short evaluation.");

	/* The short evaluation finds errors: another round in the pilot units. */
	on(w, "2017-10-16");
	set(w, LEDARE, "short_evaluation", "Alarms reach the wrong night team.");
	gate(w, NULL, VEIKART_VERDICT_INCOMPLETE, "corrected", "not recorded");
	decide(w, AGARE, NULL, VEIKART_OUTCOME_RECYCLE,
	       "Correct the routing and run two weeks more.");
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)),
	                    "pilot-i-inforandet");
	REFUSED(w, VEIKART_ESTATE, "its_turn", veikart_initiative_decide(w->in, &req));
	on(w, "2017-10-30");
	decide(w, AGARE, NULL, VEIKART_OUTCOME_GO, "The corrected routing works.");
	set(w, LEDARE, "corrections_made", "true");
	decide(w, AGARE, NULL, VEIKART_OUTCOME_GO, "Corrected: full-scale implementation.");

	/* Successive: the second wave waits until the pilot units are in
	 * operation. */
	on(w, "2017-11-06");
	gate(w, "norra", VEIKART_VERDICT_BLOCKED, "its_turn", "vastra (wave 1, in `enhet-igang`)");
	REFUSED(w, VEIKART_ESTATE, "its_turn", veikart_initiative_decide(w->in, &req));
	for (i = 0; i < 2; i++) {
		unit_set(w, CHEF, units[i], "staff_trained=100%", "old_methods_replaced=true",
		         NULL);
		decide(w, CHEF, units[i], VEIKART_OUTCOME_GO, "In everyday use.");
	}
	for (i = 2; i < 6; i++)
		decide(w, LEDARE, units[i], VEIKART_OUTCOME_GO, "Second wave.");
	on(w, "2017-12-04");
	for (i = 2; i < 6; i++) {
		unit_set(w, CHEF, units[i], "staff_trained=100%", "old_methods_replaced=true",
		         NULL);
		decide(w, CHEF, units[i], VEIKART_OUTCOME_GO, "In everyday use.");
	}
	decide(w, AGARE, NULL, VEIKART_OUTCOME_GO, "Every unit is in operation.");
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_COMPLETED);
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)), "drift");
	same_after_replay_and_restore(w);
}

/* ---- what is refused, and how it says so ------------------------------------------------ */

static const char hierarchy_method[] =
        "<methodology xmlns='urn:veikart:methodology:1' id='h' version='1' xml:lang='en'>"
        "<roles><role id='owner' may-override='true'/><role id='lead'/></roles>"
        "<facts><fact id='budget' type='number'/>"
        "<fact id='enabled' type='integer' scope='unit'/>"
        "<fact id='active' type='integer' scope='unit'/></facts>"
        "<unit-types><unit-type id='kommune'/>"
        "<unit-type id='sted' parent='kommune'/></unit-types>"
        "<phases><phase id='plan' kind='planning'/><phase id='rollout' kind='rollout'/>"
        "<phase id='done' kind='closed' terminal='true'/>"
        "<phase id='ready' kind='custom' scope='unit'/>"
        "<phase id='live' kind='operation' scope='unit' terminal='true'/></phases>"
        "<gates><gate id='g-plan' from='plan'><authority role='owner'/>"
        "<criterion id='c'><expr>budget gt 0</expr></criterion>"
        "<outcome kind='go' to='rollout'/></gate>"
        "<gate id='g-rollout' from='rollout'><authority role='owner'/>"
        "<criterion id='used'><expr>sum(active) / sum(enabled) ge 50%</expr></criterion>"
        "<outcome kind='go' to='done'/></gate>"
        "<gate id='g-ready' from='ready'><authority role='lead'/>"
        "<criterion id='c'><expr>enabled gt 0</expr></criterion>"
        "<outcome kind='go' to='live'/><outcome kind='stop'/></gate></gates>"
        "</methodology>";

/*
 * Units are found by id however many there are: each of 5 000, added one
 * by one, is found, live and after a snapshot is restored, and an id that
 * is not there is not (the lookup is a hash, not a walk along the list).
 */
static void test_every_unit_is_found_by_its_id(void **state)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	world *w = *state;
	veikart_initiative *back = NULL;
	const veikart_unit *u;
	char id[32], *snap = NULL;
	size_t k, len;

	ok(veikart_method_load_buffer(&w->m, hierarchy_method, sizeof(hierarchy_method) - 1,
	                              "h.xml", NULL, NULL),
	   "load");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	on(w, "2026-01-05");
	ok(veikart_initiative_create(&w->in, w->m, "H", "Many", "Owner", &io), "create");
	ok(veikart_initiative_assign(w->in, "Owner", "Owner", "owner"), "assign");
	spec.type = "kommune";
	for (k = 0; k < 5000; k++) {
		snprintf(id, sizeof(id), "k-%zu", k);
		spec.id = id;
		ok(veikart_initiative_add_unit(w->in, "Owner", &spec), id);
	}
	ok(veikart_initiative_snapshot(&snap, &len, w->in), "snapshot");
	ok(veikart_initiative_restore(&back, w->m, snap, len, &io), "restore");
	for (k = 0; k < 5000; k++) {
		snprintf(id, sizeof(id), "k-%zu", k);
		u = veikart_initiative_unit_by_id(w->in, id);
		assert_non_null(u);
		assert_string_equal(veikart_unit_id(u), id);
		u = veikart_initiative_unit_by_id(back, id);
		assert_non_null(u);
		assert_string_equal(veikart_unit_id(u), id);
	}
	assert_null(veikart_initiative_unit_by_id(w->in, "k-5000"));
	assert_null(veikart_initiative_unit_by_id(back, "k-"));
	spec.id = "k-4999";
	assert_int_equal(veikart_initiative_add_unit(w->in, "Owner", &spec), VEIKART_EEXISTS);
	veikart_string_free(snap);
	veikart_initiative_free(back);
}

static void test_units_should_refuse_bad_requests_clearly(void **state)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	veikart_decision_request req;
	world *w = *state;
	const veikart_unit *sted;

	ok(veikart_method_load_buffer(&w->m, hierarchy_method, sizeof(hierarchy_method) - 1,
	                              "h.xml", NULL, NULL),
	   "load");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	on(w, "2026-01-05");
	ok(veikart_initiative_create(&w->in, w->m, "H", "Hierarchy", "Owner", &io), "create");
	ok(veikart_initiative_assign(w->in, "Owner", "Owner", "owner"), "assign");

	spec.id = "oslo";
	spec.type = "kommune";
	REFUSED(w, VEIKART_EDENIED, "needs a role",
	        veikart_initiative_add_unit(w->in, "Nobody", &spec));
	ok(veikart_initiative_add_unit(w->in, "Owner", &spec), "oslo");
	spec.id = "grorud";
	spec.type = "sted";
	REFUSED(w, VEIKART_EINVALID, "belongs to a unit of type `kommune`: give its parent",
	        veikart_initiative_add_unit(w->in, "Owner", &spec));
	spec.parent = "bergen";
	REFUSED(w, VEIKART_ENOTFOUND, "no such unit",
	        veikart_initiative_add_unit(w->in, "Owner", &spec));
	spec.parent = "oslo";
	ok(veikart_initiative_add_unit(w->in, "Owner", &spec), "grorud");
	spec.id = "grorud-team";
	spec.parent = "grorud";
	spec.type = "kommune";
	ok(veikart_initiative_add_unit(w->in, "Owner", &spec), "a kommune may sit anywhere");
	spec.id = "x";
	spec.type = "sted";
	spec.parent = "grorud";
	REFUSED(w, VEIKART_EINVALID, "but `grorud` is of type `sted`",
	        veikart_initiative_add_unit(w->in, "Owner", &spec));
	spec.parent = "grorud-team";
	ok(veikart_initiative_add_unit(w->in, "Owner", &spec), "x");
	spec.id = "y";
	spec.parent = NULL;
	spec.type = NULL;
	spec.wave = -1;
	REFUSED(w, VEIKART_EINVALID, "wave -1", veikart_initiative_add_unit(w->in, "Owner", &spec));
	spec.wave = 0;
	spec.id = "";
	REFUSED(w, VEIKART_EINVALID, "no unit id",
	        veikart_initiative_add_unit(w->in, "Owner", &spec));
	spec.version = 99;
	REFUSED(w, VEIKART_EVERSION, "veikart_unit_spec",
	        veikart_initiative_add_unit(w->in, "Owner", &spec));
	sted = veikart_initiative_unit_by_id(w->in, "grorud");
	assert_string_equal(veikart_unit_id(veikart_unit_parent(sted)), "oslo");
	assert_null(veikart_unit_parent(veikart_initiative_unit_by_id(w->in, "oslo")));
	assert_null(veikart_initiative_unit_by_id(w->in, "bergen"));
	assert_null(veikart_initiative_unit(w->in, 4));

	/* Facts go where they belong. */
	REFUSED(w, VEIKART_ESTATE, "recorded per rollout unit: say which unit",
	        veikart_initiative_set(w->in, "Owner", "enabled", "10"));
	REFUSED(w, VEIKART_ESTATE, "for the whole initiative, not per unit",
	        veikart_initiative_unit_set(w->in, "Owner", "grorud", 1,
	                                    (const char *const[]){ "budget" },
	                                    (const char *const[]){ "10" }));
	REFUSED(w, VEIKART_ENOTFOUND, "no rollout unit `bergen`",
	        veikart_initiative_unit_set(w->in, "Owner", "bergen", 1,
	                                    (const char *const[]){ "enabled" },
	                                    (const char *const[]){ "10" }));
	REFUSED(w, VEIKART_EINVALID, "no unit given",
	        veikart_initiative_unit_set(w->in, "Owner", NULL, 1,
	                                    (const char *const[]){ "enabled" },
	                                    (const char *const[]){ "10" }));

	/* A role for one unit only. */
	ok(veikart_initiative_unit_assign(w->in, "Owner", "grorud", "Lea", "lead"), "assign");
	REFUSED(w, VEIKART_EEXISTS, "already holds role `lead`",
	        veikart_initiative_unit_assign(w->in, "Owner", "grorud", "Lea", "lead"));
	assert_ptr_equal(veikart_initiative_assignment_unit(w->in, 1), sted);
	assert_false(veikart_initiative_holds(w->in, "Lea", "lead"));
	assert_true(veikart_unit_holds(sted, "Lea", "lead"));
	REFUSED(w, VEIKART_EDENIED, "needs a role in the initiative for unit `oslo`",
	        veikart_initiative_unit_set(w->in, "Lea", "oslo", 1,
	                                    (const char *const[]){ "enabled" },
	                                    (const char *const[]){ "10" }));
	REFUSED(w, VEIKART_EDENIED,
	        "needs a role in the initiative; `Lea` holds no role here, only lead for unit "
	        "`grorud`",
	        veikart_initiative_set(w->in, "Lea", "budget", "10"));
	ok(veikart_initiative_unit_set(w->in, "Lea", "grorud", 1,
	                               (const char *const[]){ "enabled" },
	                               (const char *const[]){ "10" }),
	   "her unit");

	/* Gates: the unit's own, evaluated for the unit. */
	assert_ptr_equal(veikart_unit_authority(sted, NULL),
	                 veikart_method_role_by_id(w->m, "lead"));
	{
		veikart_report *r = NULL;
		assert_int_equal(veikart_initiative_evaluate(
		                         &r, w->in, veikart_method_gate_by_id(w->m, "g-ready")),
		                 VEIKART_EINVALID);
		assert_true(test_contains(veikart_error_last()->message, "evaluate it for a unit"));
		assert_int_equal(
		        veikart_initiative_unit_evaluate(&r, w->in, "grorud",
		                                         veikart_method_gate_by_id(w->m, "g-plan")),
		        VEIKART_EINVALID);
		assert_null(r);
	}
	req = request("Owner", "grorud", VEIKART_OUTCOME_GO, "Ready.");
	REFUSED(w, VEIKART_EDENIED, "needs role `lead`", veikart_initiative_decide(w->in, &req));
	req.gate = "g-plan";
	REFUSED(w, VEIKART_ESTATE, "but unit `grorud` is in `ready`",
	        veikart_initiative_decide(w->in, &req));
	req = request("Lea", "grorud", VEIKART_OUTCOME_STOP, "Not this site after all.");
	ok(veikart_initiative_decide(w->in, &req), "stop");
	assert_int_equal(veikart_unit_status(sted), VEIKART_STATUS_STOPPED);
	REFUSED(w, VEIKART_ESTATE, "unit `grorud` is stopped",
	        veikart_initiative_unit_set(w->in, "Lea", "grorud", 1,
	                                    (const char *const[]){ "enabled" },
	                                    (const char *const[]){ "12" }));
	/* The withdrawal of a unit role names the unit. */
	REFUSED(w, VEIKART_ENOTFOUND, "does not hold role `lead` for unit `oslo`",
	        veikart_initiative_unit_unassign(w->in, "Owner", "oslo", "Lea", "lead"));
	ok(veikart_initiative_unit_unassign(w->in, "Owner", "grorud", "Lea", "lead"), "unassign");
	assert_false(veikart_unit_holds(sted, "Lea", "lead"));
}

/* Fail the Nth allocation of each unit change until it succeeds: every
 * failure is an error that leaves the initiative as it was. */
typedef int (*unit_change_fn)(veikart_initiative *in);

static int change_add(veikart_initiative *in)
{
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;

	spec.id = "grorud";
	spec.title = "Grorud";
	spec.type = "sted";
	spec.parent = "oslo";
	spec.wave = 2;
	return veikart_initiative_add_unit(in, "Owner", &spec);
}

static int change_set(veikart_initiative *in)
{
	static const char *const ids[] = { "enabled", "active" };
	static const char *const values[] = { "40", "25" };

	return veikart_initiative_unit_set(in, "Owner", "grorud", 2, ids, values);
}

static int change_decide(veikart_initiative *in)
{
	veikart_decision_request req = request("Owner", "grorud", VEIKART_OUTCOME_GO, "Ready.");

	return veikart_initiative_decide(in, &req);
}

static void test_unit_allocation_failures_leave_no_trace(void **state)
{
	static const unit_change_fn changes[] = { change_add, change_set, change_decide };
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	world *w = *state;
	veikart_initiative *copy = NULL;
	test_counter c;
	veikart_allocator a = test_counting_allocator(&c);
	char *before = NULL, *after = NULL;
	size_t k, len;
	long n;
	int rc;

	ok(veikart_method_load_buffer(&w->m, hierarchy_method, sizeof(hierarchy_method) - 1,
	                              "h.xml", NULL, NULL),
	   "load");
	memset(&c, 0, sizeof(c));
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	io.allocator = &a;
	on(w, "2026-01-05");
	ok(veikart_initiative_create(&w->in, w->m, "H", "Hierarchy", "Owner", &io), "create");
	ok(veikart_initiative_assign(w->in, "Owner", "Owner", "lead"), "assign");
	ok(veikart_initiative_assign(w->in, "Owner", "Owner", "owner"), "assign");
	spec.id = "oslo";
	spec.type = "kommune";
	ok(veikart_initiative_add_unit(w->in, "Owner", &spec), "oslo");
	for (k = 0; k < sizeof(changes) / sizeof(changes[0]); k++) {
		ok(veikart_initiative_snapshot(&before, NULL, w->in), "snapshot");
		rc = -1;
		for (n = 1; rc != 0; n++) {
			c.calls = 0;
			c.fail_at = n;
			rc = changes[k](w->in);
			c.fail_at = 0;
			if (rc == 0)
				break;
			assert_int_equal(rc, VEIKART_ENOMEM);
			ok(veikart_initiative_snapshot(&after, NULL, w->in), "snapshot");
			assert_string_equal(before, after);
			veikart_string_free(after);
			after = NULL;
		}
		assert_true(n > 2);
		veikart_string_free(before);
		before = NULL;
	}
	assert_string_equal(phase_of(w, "grorud"), "live");

	/* Restoring a snapshot with units, every allocation failing in turn. */
	ok(veikart_initiative_snapshot(&before, &len, w->in), "snapshot");
	rc = -1;
	for (n = 1; rc != 0; n++) {
		c.calls = 0;
		c.fail_at = n;
		rc = veikart_initiative_restore(&copy, w->m, before, len, &io);
		c.fail_at = 0;
		if (rc != 0) {
			assert_int_equal(rc, VEIKART_ENOMEM);
			assert_null(copy);
		}
	}
	ok(veikart_initiative_snapshot(&after, NULL, copy), "snapshot");
	assert_string_equal(before, after);
	veikart_string_free(before);
	veikart_string_free(after);
	veikart_initiative_free(copy);
	veikart_initiative_free(w->in);
	w->in = NULL;
	assert_int_equal(c.live, 0);
}

/* Events made elsewhere (a journal edited and its chain recomputed) meet
 * the same rules as live calls: a unit decision must record the unit's
 * gate as it stood, and a unit must exist to be spoken of. */
static veikart_event *forge(world *w, veikart_event_kind kind, const char *actor,
                            const char *const *fields)
{
	veikart__event_builder b;
	veikart_event *ev = NULL;

	veikart__event_begin(&b, NULL, veikart_initiative_seq(w->in) + 1, w->now, kind, actor);
	for (; fields[0] != NULL; fields += 2)
		veikart__event_add(&b, fields[0], fields[1]);
	assert_int_equal(veikart__event_finish(&ev, &b, veikart_initiative_head(w->in)), 0);
	veikart__event_builder_dispose(&b);
	return ev;
}

static void test_forged_unit_events_are_refused(void **state)
{
	static const char *const decision[] = {
		"unit",   "grorud",       "gate",      "g-ready",     "outcome", "go",    "to",
		"live",   "authority",    "lead",      "verdict",     "ready",   "score", "1",
		"result", "c met forged", "rationale", "all is well", NULL
	};
	static const char *const nowhere[] = { "unit",  "bergen", "fact", "enabled",
		                               "value", "3",      NULL };
	static const char *const orphan[] = {
		"unit", "x", "type", "sted", "parent", "nowhere", NULL
	};
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	world *w = *state;
	veikart_event *ev;

	ok(veikart_method_load_buffer(&w->m, hierarchy_method, sizeof(hierarchy_method) - 1,
	                              "h.xml", NULL, NULL),
	   "load");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	on(w, "2026-01-05");
	ok(veikart_initiative_create(&w->in, w->m, "H", "Hierarchy", "Owner", &io), "create");
	ok(veikart_initiative_assign(w->in, "Owner", "Owner", "lead"), "assign");
	ok(veikart_initiative_assign(w->in, "Owner", "Owner", "owner"), "assign");
	spec.id = "oslo";
	spec.type = "kommune";
	ok(veikart_initiative_add_unit(w->in, "Owner", &spec), "oslo");
	spec.id = "grorud";
	spec.type = "sted";
	spec.parent = "oslo";
	ok(veikart_initiative_add_unit(w->in, "Owner", &spec), "grorud");

	ev = forge(w, VEIKART_EVENT_DECIDE, "Owner", decision);
	REFUSED(w, VEIKART_ECORRUPT,
	        "records gate `g-ready` as ready, but at that time it was incomplete",
	        veikart_initiative_apply(w->in, ev));
	veikart__event_free(ev);
	ev = forge(w, VEIKART_EVENT_SET, "Owner", nowhere);
	REFUSED(w, VEIKART_ENOTFOUND, "no rollout unit `bergen`",
	        veikart_initiative_apply(w->in, ev));
	veikart__event_free(ev);
	ev = forge(w, VEIKART_EVENT_UNIT_ADD, "Owner", orphan);
	REFUSED(w, VEIKART_ENOTFOUND, "cannot belong to `nowhere`",
	        veikart_initiative_apply(w->in, ev));
	veikart__event_free(ev);
	assert_string_equal(phase_of(w, "grorud"), "ready");
	assert_int_equal(veikart_initiative_unit_count(w->in), 2);
}

/* A methodology without unit phases has no units. */
static void test_units_should_need_unit_phases(void **state)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	world *w = *state;

	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	ok(veikart_method_load(&w->m, VEIKART_DEFAULT_METHOD, &lo, NULL), "load");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	on(w, "2026-01-05");
	ok(veikart_initiative_create(&w->in, w->m, "K", "KS", "Kari", &io), "create");
	ok(veikart_initiative_assign(w->in, "Kari", "Kari", "prosjekteier"), "assign");
	spec.id = "bydel-1";
	REFUSED(w, VEIKART_ESTATE, "has no phases walked per unit",
	        veikart_initiative_add_unit(w->in, "Kari", &spec));
	assert_int_equal(veikart_initiative_unit_count(w->in), 0);
	assert_null(veikart_unit_id(NULL));
	assert_null(veikart_unit_phase(NULL));
	assert_int_equal(veikart_unit_days_in_phase(NULL), -1);
	assert_int_equal(veikart_unit_decision_count(NULL), 0);
	assert_int_equal(veikart_initiative_unit_count(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_silkeborg_should_take_30_sites_live_at_once,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_esset_should_refuse_an_area_out_of_order,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(
		        test_mittkoping_should_hold_later_waves_until_the_pilot_is_evaluated, setup,
		        teardown),
		cmocka_unit_test_setup_teardown(test_every_unit_is_found_by_its_id, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_units_should_refuse_bad_requests_clearly,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_unit_allocation_failures_leave_no_trace, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_forged_unit_events_are_refused, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_units_should_need_unit_phases, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
