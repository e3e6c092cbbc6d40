/*
 * sqlite-host: a host application that embeds libveikart and keeps every
 * event in SQLite.
 *
 * The engine hands the events of each change to a commit hook before it
 * applies them.  The hook here writes them into an `events` table inside
 * one SQLite transaction.  If any step fails, COMMIT included, it rolls
 * back and says no: the library then leaves the initiative as it was and
 * the call fails with VEIKART_EUSER, so the change happened in both places
 * or in neither.  On start-up the initiative is rebuilt from the table.
 *
 * Usage: sqlite-host [--fail-commit] DATABASE
 *
 * Each run holds the next gate meeting of the initiative NT-1 on the
 * built-in KS Veikart: the first run creates it and passes the first gate,
 * the next run passes the second.  With --fail-commit, SQLite refuses the
 * COMMIT of the meeting's decision, and the program shows that neither the
 * database nor the initiative changed.  The clock is fixed (the first
 * meeting is on 2026-01-05, each later one two weeks after the last stored
 * event), so the output is the same on every machine.
 *
 * Exit status: 0 when everything behaved as it should (a refused decision
 * included), 1 otherwise.
 *
 * SPDX-License-Identifier: MIT
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>
#include <veikart.h>

#define DAY 86400
#define FIRST_MEETING INT64_C(1767603600) /* 2026-01-05T09:00:00Z */
#define MEETING_INTERVAL (14 * DAY)

typedef struct host {
	sqlite3 *db;
	sqlite3_stmt *insert;
	int64_t now;     /* what the initiative's clock says */
	int fail_commit; /* set: SQLite's own commit hook refuses every COMMIT */
} host;

/* What the events table holds: how many events, and the last one. */
typedef struct stored {
	int64_t count;
	int64_t last_time;
	char last_hash[VEIKART_HASH_HEX_LENGTH + 1];
} stored;

static const char schema[] =
        "CREATE TABLE IF NOT EXISTS events (\n"
        "  seq    INTEGER PRIMARY KEY,  -- 1, 2, 3, ...: the order to replay in\n"
        "  time   INTEGER NOT NULL,     -- seconds since 1970, by the initiative's clock\n"
        "  actor  TEXT NOT NULL,\n"
        "  kind   TEXT NOT NULL,        -- create, assign, set, sign, decide, ...\n"
        "  record TEXT NOT NULL,        -- the event itself: this is what is replayed\n"
        "  hash   TEXT NOT NULL UNIQUE  -- its SHA-256, which the next event chains to\n"
        ")";

/* ---- reporting --------------------------------------------------------- */

static int veikart_failed(const char *what, int rc)
{
	fprintf(stderr, "sqlite-host: %s: %s: %s\n", what, veikart_strerror(rc),
	        veikart_error_last()->message);
	return 1;
}

static int sqlite_failed(const host *h, const char *what)
{
	fprintf(stderr, "sqlite-host: %s: %s\n", what, sqlite3_errmsg(h->db));
	return 1;
}

static const char *date_of(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL || strftime(buf, size, "%Y-%m-%d %H:%M UTC", &tm) == 0)
		snprintf(buf, size, "%" PRId64, t);
	return buf;
}

static const char *truth_name(veikart_truth t)
{
	return t == VEIKART_MET ? "met" : t == VEIKART_UNMET ? "unmet" : "unknown";
}

static void print_report(const veikart_report *r)
{
	const veikart_gate *gate = veikart_report_gate(r);
	const veikart_outcome *rec = veikart_report_recommended(r);
	size_t i;

	printf("gate %s: %s\n", veikart_gate_id(gate), veikart_gate_title(gate, "en"));
	for (i = 0; i < veikart_report_count(r); i++) {
		const veikart_criterion *c = veikart_report_criterion(r, i);

		printf("  %-7s %-6s %-24s %s\n", truth_name(veikart_report_truth(r, i)),
		       veikart_level_name(veikart_criterion_level(c)), veikart_criterion_id(c),
		       veikart_report_reason(r, i));
	}
	printf("  verdict: %s (score %.2f)\n", veikart_verdict_name(veikart_report_verdict(r)),
	       veikart_report_score(r));
	printf("  summary: %s\n", veikart_report_summary(r));
	printf("  recommended: %s\n",
	       rec != NULL ? veikart_outcome_kind_name(veikart_outcome_kind_of(rec)) : "nothing");
}

/* ---- the database ------------------------------------------------------ */

/* SQLite's commit hook (not libveikart's): returning non-zero turns the
 * COMMIT into a ROLLBACK, which is how --fail-commit makes COMMIT fail. */
static int refuse_when_armed(void *payload)
{
	return ((const host *)payload)->fail_commit;
}

static int db_open(host *h, const char *path)
{
	if (sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK)
		return sqlite_failed(h, path);
	if (sqlite3_exec(h->db, schema, NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_failed(h, "create the events table");
	if (sqlite3_prepare_v2(h->db,
	                       "INSERT INTO events (seq, time, actor, kind, record, hash) "
	                       "VALUES (?, ?, ?, ?, ?, ?)",
	                       -1, &h->insert, NULL) != SQLITE_OK)
		return sqlite_failed(h, "prepare the insert");
	sqlite3_commit_hook(h->db, refuse_when_armed, h);
	return 0;
}

static void db_close(host *h)
{
	sqlite3_finalize(h->insert);
	sqlite3_close(h->db);
}

static int db_stored(host *h, stored *s)
{
	sqlite3_stmt *q = NULL;
	int rc = 1;

	memset(s, 0, sizeof(*s));
	if (sqlite3_prepare_v2(h->db,
	                       "SELECT (SELECT count(*) FROM events), time, hash "
	                       "FROM events ORDER BY seq DESC LIMIT 1",
	                       -1, &q, NULL) != SQLITE_OK)
		goto out;
	switch (sqlite3_step(q)) {
	case SQLITE_ROW:
		s->count = sqlite3_column_int64(q, 0);
		s->last_time = sqlite3_column_int64(q, 1);
		snprintf(s->last_hash, sizeof(s->last_hash), "%s",
		         (const char *)sqlite3_column_text(q, 2));
		rc = 0;
		break;
	case SQLITE_DONE: /* no events yet */
		rc = 0;
		break;
	default:
		break;
	}
out:
	if (rc != 0)
		sqlite_failed(h, "read the events table");
	sqlite3_finalize(q);
	return rc;
}

static int insert_event(host *h, const veikart_event *ev)
{
	size_t length;
	const char *record = veikart_event_record(ev, &length);
	int rc;

	sqlite3_reset(h->insert);
	sqlite3_bind_int64(h->insert, 1, (sqlite3_int64)veikart_event_seq(ev));
	sqlite3_bind_int64(h->insert, 2, veikart_event_time(ev));
	sqlite3_bind_text(h->insert, 3, veikart_event_actor(ev), -1, SQLITE_STATIC);
	sqlite3_bind_text(h->insert, 4, veikart_event_kind_name(veikart_event_kind_of(ev)), -1,
	                  SQLITE_STATIC);
	sqlite3_bind_text(h->insert, 5, record, (int)length, SQLITE_STATIC);
	sqlite3_bind_text(h->insert, 6, veikart_event_hash(ev), -1, SQLITE_STATIC);
	rc = sqlite3_step(h->insert);
	sqlite3_reset(h->insert);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/*
 * libveikart's commit hook: store the events of one call in one
 * transaction.  Returning non-zero vetoes them: the call fails with
 * VEIKART_EUSER and the initiative stays as it was.
 */
static int store_events(const veikart_event *const *events, size_t count, void *payload)
{
	host *h = payload;
	char why[256];
	size_t i;

	if (sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	for (i = 0; i < count; i++) {
		if (insert_event(h, events[i]) != SQLITE_OK)
			goto fail;
	}
	if (sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	snprintf(why, sizeof(why), "SQLite: %s", sqlite3_errmsg(h->db));
	/* A refused COMMIT has rolled back already; any other failure has not. */
	if (!sqlite3_get_autocommit(h->db))
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	/* Say why: the library keeps the reason in its own error. */
	return veikart_error_set(VEIKART_EIO, why);
}

/* The initiative's clock: the meeting's fixed time. */
static int64_t host_clock(void *payload)
{
	return ((const host *)payload)->now;
}

static veikart_initiative_options host_options(host *h)
{
	veikart_initiative_options o = VEIKART_INITIATIVE_OPTIONS_INIT;

	o.clock = host_clock;
	o.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	o.clock_payload = h;
	o.commit = store_events;
	o.commit_payload = h;
	return o;
}

/* ---- rebuilding the initiative ----------------------------------------- */

/* Replay every stored record, in order, into a new initiative. */
static int load_initiative(host *h, const veikart_method *m, veikart_initiative **out)
{
	veikart_initiative_options opts = host_options(h);
	veikart_initiative *in = NULL;
	veikart_event *ev = NULL;
	sqlite3_stmt *q = NULL;
	char last_hash[VEIKART_HASH_HEX_LENGTH + 1] = "";
	int rc, step, failed = 1;

	rc = veikart_initiative_open(&in, m, &opts);
	if (rc != 0) {
		veikart_failed("open an initiative", rc);
		goto out;
	}
	if (sqlite3_prepare_v2(h->db, "SELECT seq, record, hash FROM events ORDER BY seq", -1, &q,
	                       NULL) != SQLITE_OK) {
		sqlite_failed(h, "read the events");
		goto out;
	}
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(q, 0);
		const char *record = (const char *)sqlite3_column_text(q, 1);
		size_t length = (size_t)sqlite3_column_bytes(q, 1);
		const char *hash = (const char *)sqlite3_column_text(q, 2);

		rc = veikart_event_parse(&ev, record, length);
		if (rc != 0) {
			fprintf(stderr, "sqlite-host: event %" PRId64 ": ", seq);
			veikart_failed("parse", rc);
			goto out;
		}
		/* The other columns are copies for queries; the record is the truth. */
		if (veikart_event_seq(ev) != (uint64_t)seq ||
		    strcmp(veikart_event_hash(ev), hash) != 0) {
			fprintf(stderr,
			        "sqlite-host: event %" PRId64 ": columns differ from its record\n",
			        seq);
			goto out;
		}
		rc = veikart_initiative_apply(in, ev);
		if (rc != 0) {
			fprintf(stderr, "sqlite-host: event %" PRId64 ": ", seq);
			veikart_failed("replay", rc);
			goto out;
		}
		snprintf(last_hash, sizeof(last_hash), "%s", hash);
		veikart_event_free(ev);
		ev = NULL;
	}
	if (step != SQLITE_DONE) {
		sqlite_failed(h, "read the events");
		goto out;
	}
	if (strcmp(veikart_initiative_head(in), last_hash) != 0) {
		fprintf(stderr, "sqlite-host: head %s is not the last stored hash %s\n",
		        veikart_initiative_head(in), last_hash);
		goto out;
	}
	*out = in;
	in = NULL;
	failed = 0;
out:
	veikart_event_free(ev);
	sqlite3_finalize(q);
	veikart_initiative_free(in);
	return failed;
}

static int create_initiative(host *h, const veikart_method *m, veikart_initiative **out)
{
	static const char *const cast[][2] = {
		{ "Kari", "prosjekteier" },    /* project owner; decides the first gate */
		{ "Ola", "prosjektleder" },    /* project manager; records the facts */
		{ "Ingrid", "styringsgruppe" } /* steering group; decides the second gate */
	};
	veikart_initiative_options opts = host_options(h);
	veikart_initiative *in = NULL;
	size_t i;
	int rc;

	rc = veikart_initiative_create(&in, m, "NT-1", "Digitalt nattilsyn", "Kari", &opts);
	if (rc != 0)
		return veikart_failed("create the initiative", rc);
	printf("created initiative %s \"%s\"\n", veikart_initiative_id(in),
	       veikart_initiative_title(in));
	for (i = 0; i < sizeof(cast) / sizeof(cast[0]); i++) {
		rc = veikart_initiative_assign(in, "Kari", cast[i][0], cast[i][1]);
		if (rc != 0) {
			veikart_initiative_free(in);
			return veikart_failed("assign", rc);
		}
		printf("assigned %s as %s\n", cast[i][0], cast[i][1]);
	}
	*out = in;
	return 0;
}

/* ---- the meetings -------------------------------------------------------- */

/* Before the first gate: the challenge is described and the mandate signed. */
static int first_meeting(veikart_initiative *in, veikart_decision_request *req)
{
	static const char *const facts[] = { "challenge_described", "anchored_in_management",
		                             "need_for_change_understood" };
	static const char *const values[] = { "true", "yes", "true" };
	int rc;

	/* Several facts in one call are one commit: all stored, or none. */
	rc = veikart_initiative_set_many(in, "Ola", 3, facts, values);
	if (rc != 0)
		return veikart_failed("record facts", rc);
	printf("Ola recorded 3 facts\n");
	if (veikart_initiative_fact(in, "project_mandate") == NULL) {
		rc = veikart_initiative_sign(in, "Kari", "project_mandate");
		if (rc != 0)
			return veikart_failed("sign the mandate", rc);
		printf("Kari signed project_mandate\n");
	}
	req->actor = "Kari";
	req->outcome = VEIKART_OUTCOME_GO;
	req->rationale = "The challenge is described and anchored; the mandate is signed";
	return 0;
}

/* Before the second gate: insight, a pilot plan and an approved benefit plan. */
static int second_meeting(veikart_initiative *in, veikart_decision_request *req)
{
	static const char *const facts[] = { "user_insight_gathered",   "pilot_plan_goals",
		                             "pilot_plan_scope",        "pilot_plan_duration",
		                             "pilot_plan_participants", "pilot_plan_information",
		                             "pilot_plan_training",     "pilot_plan_error_handling",
		                             "pilot_plan_measurement",  "pilot_plan_observation",
		                             "pilot_plan_documentation" };
	static const char *const values[] = { "true", "true", "true", "true", "true", "true",
		                              "true", "true", "true", "true", "true" };
	int rc;

	rc = veikart_initiative_set_many(in, "Ola", sizeof(facts) / sizeof(facts[0]), facts,
	                                 values);
	if (rc != 0)
		return veikart_failed("record facts", rc);
	printf("Ola recorded %zu facts\n", sizeof(facts) / sizeof(facts[0]));
	if (veikart_initiative_fact(in, "target_picture") == NULL) {
		rc = veikart_initiative_attach(
		        in, "Ola", "target_picture",
		        "https://intranett.example/nattilsyn/malbilde.pdf",
		        "606fde36089a8f565fd4073abcda7d3eecffea28b8d112a1b9893ce509654691");
		if (rc != 0)
			return veikart_failed("attach the target picture", rc);
		printf("Ola attached target_picture\n");
	}
	if (veikart_initiative_fact(in, "benefit_plan") == NULL) {
		rc = veikart_initiative_attach(
		        in, "Ola", "benefit_plan",
		        "https://intranett.example/nattilsyn/gevinst.pdf",
		        "93b9a519f64a0a63b371b0aaa246f506e00dbd1bad738ec19c0bf83ef9345b51");
		if (rc != 0)
			return veikart_failed("attach the benefit plan", rc);
		rc = veikart_initiative_approve(in, "Kari", "benefit_plan");
		if (rc != 0)
			return veikart_failed("approve the benefit plan", rc);
		printf("Ola attached benefit_plan, Kari approved it\n");
	}
	req->actor = "Ingrid";
	req->outcome = VEIKART_OUTCOME_GO;
	req->rationale = "Plans are in place; the baseline is measured in the first pilot month";
	return 0;
}

/* ---- deciding ------------------------------------------------------------ */

static int decide(veikart_initiative *in, const veikart_decision_request *req)
{
	const veikart_decision *d;
	const veikart_phase *to;
	int rc;

	rc = veikart_initiative_decide(in, req);
	if (rc != 0)
		return veikart_failed("decide", rc);
	d = veikart_initiative_decision(in, veikart_initiative_decision_count(in) - 1);
	to = veikart_decision_target(d);
	printf("decision: %s by %s as %s, to %s (event %" PRIu64 ")\n",
	       veikart_outcome_kind_name(veikart_outcome_kind_of(veikart_decision_outcome(d))),
	       veikart_decision_actor(d), veikart_role_id(veikart_decision_authority(d)),
	       to != NULL ? veikart_phase_id(to) : "(same phase)", veikart_decision_seq(d));
	return 0;
}

/*
 * --fail-commit: SQLite refuses the COMMIT of the decision.  Show that the
 * decision happened nowhere: the table, the live initiative and one rebuilt
 * from the table are all as they were before.
 */
static int decide_with_failing_commit(host *h, const veikart_method *m, veikart_initiative *in,
                                      const veikart_decision_request *req)
{
	veikart_initiative *reloaded = NULL;
	char *before = NULL, *after = NULL, *again = NULL;
	stored db_before, db_after;
	uint64_t seq = veikart_initiative_seq(in);
	int rc, same_db, same_live, same_reloaded, failed = 1;

	if (db_stored(h, &db_before) != 0)
		goto out;
	rc = veikart_initiative_snapshot(&before, NULL, in);
	if (rc != 0) {
		veikart_failed("snapshot", rc);
		goto out;
	}
	printf("--fail-commit: SQLite will refuse the COMMIT of this decision\n");
	h->fail_commit = 1;
	rc = veikart_initiative_decide(in, req);
	h->fail_commit = 0;
	if (rc != VEIKART_EUSER) {
		fprintf(stderr, "sqlite-host: expected the decision to be refused, got: %s\n",
		        rc == 0 ? "success" : veikart_strerror(rc));
		goto out;
	}
	printf("decision refused: %s: %s\n", veikart_strerror(rc), veikart_error_last()->message);

	if (db_stored(h, &db_after) != 0)
		goto out;
	rc = veikart_initiative_snapshot(&after, NULL, in);
	if (rc != 0) {
		veikart_failed("snapshot", rc);
		goto out;
	}
	if (load_initiative(h, m, &reloaded) != 0)
		goto out;
	rc = veikart_initiative_snapshot(&again, NULL, reloaded);
	if (rc != 0) {
		veikart_failed("snapshot", rc);
		goto out;
	}
	same_db = db_before.count == db_after.count &&
	          strcmp(db_before.last_hash, db_after.last_hash) == 0;
	same_live = veikart_initiative_seq(in) == seq && strcmp(before, after) == 0;
	same_reloaded = strcmp(before, again) == 0;
	printf("  SQLite: %" PRId64 " events before, %" PRId64 " after, last hash %s\n",
	       db_before.count, db_after.count, same_db ? "unchanged" : "CHANGED");
	printf("  initiative: seq %" PRIu64 ", phase %s, snapshot %s\n", veikart_initiative_seq(in),
	       veikart_phase_id(veikart_initiative_phase(in)), same_live ? "unchanged" : "CHANGED");
	printf("  rebuilt from SQLite: snapshot %s\n",
	       same_reloaded ? "same as before the decision" : "DIFFERENT");
	failed = !(same_db && same_live && same_reloaded);
out:
	veikart_string_free(before);
	veikart_string_free(after);
	veikart_string_free(again);
	veikart_initiative_free(reloaded);
	return failed;
}

/* ---- main ------------------------------------------------------------------ */

static int usage(void)
{
	fprintf(stderr, "usage: sqlite-host [--fail-commit] DATABASE\n");
	return 1;
}

int main(int argc, char **argv)
{
	host h = { 0 };
	veikart_method *m = NULL;
	veikart_initiative *in = NULL;
	veikart_report *report = NULL;
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	const char *path, *phase;
	int (*meeting)(veikart_initiative *, veikart_decision_request *) = NULL;
	int fail_commit = 0, rc, status = 1;
	stored s;
	char date[32];

	if (argc == 3 && strcmp(argv[1], "--fail-commit") == 0)
		fail_commit = 1;
	else if (argc != 2 || argv[1][0] == '-')
		return usage();
	path = argv[argc - 1];

	if (db_open(&h, path) != 0 || db_stored(&h, &s) != 0)
		goto out;
	/* The built-in KS Veikart.  Every event pins its id, version and digest. */
	rc = veikart_method_load(&m, VEIKART_DEFAULT_METHOD, NULL, NULL);
	if (rc != 0) {
		veikart_failed("load the methodology", rc);
		goto out;
	}
	printf("methodology %s %s\n", veikart_method_id(m), veikart_method_version(m));

	if (s.count == 0) {
		h.now = FIRST_MEETING;
		printf("database %s: new\n", path);
		if (create_initiative(&h, m, &in) != 0)
			goto out;
	} else {
		printf("database %s: %" PRId64 " events\n", path, s.count);
		if (load_initiative(&h, m, &in) != 0)
			goto out;
		printf("replayed %" PRIu64 " events; head %s matches the last stored hash\n",
		       veikart_initiative_seq(in), veikart_initiative_head(in));
		h.now = s.last_time + MEETING_INTERVAL;
	}
	printf("meeting on %s\n", date_of(h.now, date, sizeof(date)));

	/* Each meeting records what its gate needs and says who decides what. */
	phase = veikart_phase_id(veikart_initiative_phase(in));
	if (strcmp(phase, "for-du-starter") == 0)
		meeting = first_meeting;
	else if (strcmp(phase, "innsikt-og-ide") == 0)
		meeting = second_meeting;
	if (meeting != NULL && meeting(in, &req) != 0)
		goto out;

	rc = veikart_initiative_evaluate(&report, in, NULL);
	if (rc == 0)
		print_report(report);
	else if (rc != VEIKART_ENOTFOUND) { /* ENOTFOUND: the phase has no gate */
		veikart_failed("evaluate", rc);
		goto out;
	}

	rc = 0;
	if (meeting == NULL) {
		printf("this example plans no meeting in phase %s\n", phase);
		if (fail_commit) {
			fprintf(stderr, "sqlite-host: --fail-commit: no decision to refuse\n");
			goto out;
		}
	} else if (fail_commit)
		rc = decide_with_failing_commit(&h, m, in, &req);
	else
		rc = decide(in, &req);
	if (rc != 0)
		goto out;

	if (db_stored(&h, &s) != 0)
		goto out;
	printf("final phase: %s (%s)\n", veikart_phase_id(veikart_initiative_phase(in)),
	       veikart_status_name(veikart_initiative_status(in)));
	printf("final seq: %" PRIu64 "\n", veikart_initiative_seq(in));
	printf("final head: %s\n", veikart_initiative_head(in));
	printf("stored events: %" PRId64 "\n", s.count);
	status = 0;
out:
	veikart_report_free(report);
	veikart_initiative_free(in); /* before its methodology */
	veikart_method_free(m);
	db_close(&h);
	return status;
}
