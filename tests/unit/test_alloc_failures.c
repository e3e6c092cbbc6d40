/*
 * The allocation-failure loop (docs/security.md, P7) over the life of one
 * initiative: load the methodology, open a journal, create the initiative,
 * record changes, evaluate gates, decide, snapshot, export, restore, and
 * replay from the journal.  Each operation is run with allocation 1, 2, …
 * failing until it succeeds.  Every failure must be #VEIKART_ENOMEM with an
 * empty out-parameter, leave the initiative and its journal as they were
 * (same snapshot, same events, same bytes on disk), and leak nothing.
 *
 * Everything allocates through one counting allocator, so that
 * `live == 0` at the end proves nothing leaked anywhere.  Unit changes and
 * restoring units go through the same loop in test_rollout.c; expressions
 * in test_expr.c and test_expr_cases.c; diffs in test_diff.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support.h"

#define KARI "Kari Nordmann"
#define OLA "Ola Hansen"
#define INGRID "Ingrid Berg"

/* No operation here needs more attempts than this; more means a loop that never succeeds. */
#define MAX_ATTEMPTS 20000

typedef struct world {
	test_counter c;
	veikart_allocator a;
	veikart_method *m;
	veikart_journal *j;
	veikart_initiative *in;
	int64_t now;
	char dir[64];
	char path[128];
} world;

static int64_t clock_of(void *payload)
{
	world *w = payload;

	w->now += 3600;
	return w->now;
}

static void ok(int err, const char *what)
{
	if (err != 0)
		fail_msg("%s: %s", what, veikart_error_last()->message);
}

static long file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (long)st.st_size;
}

static char *snapshot_of(const world *w)
{
	char *text = NULL;
	long fail_at = w->c.fail_at;

	/* The check itself must not fail: disarm the counter around it. */
	((world *)w)->c.fail_at = 0;
	ok(veikart_initiative_snapshot(&text, NULL, w->in), "snapshot");
	((world *)w)->c.fail_at = fail_at;
	return text;
}

/* A change failed for want of memory: #VEIKART_ENOMEM, or #VEIKART_EUSER
 * when the allocation that failed was the journal's, in the commit hook
 * (whose code the message keeps, see veikart_commit_fn). */
static int out_of_memory(int rc)
{
	return rc == VEIKART_ENOMEM ||
	       (rc == VEIKART_EUSER && test_contains(veikart_error_last()->message, "returned -2"));
}

/* Arm the counter so that the @p n th allocation from now fails. */
static void arm(world *w, long n)
{
	w->c.fail_at = w->c.calls + n;
}

static void disarm(world *w)
{
	w->c.fail_at = 0;
}

static int setup(void **state)
{
	world *w = calloc(1, sizeof(*w));

	if (w == NULL)
		return -1;
	w->a = test_counting_allocator(&w->c);
	w->now = INT64_C(1767603600); /* 2026-01-05T09:00:00Z */
	snprintf(w->dir, sizeof(w->dir), "%s", "/tmp/veikart-oom-XXXXXX");
	if (mkdtemp(w->dir) == NULL) {
		free(w);
		return -1;
	}
	snprintf(w->path, sizeof(w->path), "%s/journal.vj", w->dir);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;

	veikart_initiative_free(w->in);
	veikart_journal_free(w->j);
	veikart_method_free(w->m);
	unlink(w->path);
	rmdir(w->dir);
	free(w);
	return 0;
}

/* Load ks-veikart, open a new journal, create an initiative in it: each
 * with every allocation failing in turn. */
static void load_and_create(world *w)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	struct stat st;
	long n;
	int rc = -1;

	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	lo.allocator = &w->a;
	for (n = 1; rc != 0; n++) {
		assert_true(n < MAX_ATTEMPTS);
		arm(w, n);
		rc = veikart_method_load(&w->m, VEIKART_DEFAULT_METHOD, &lo, NULL);
		disarm(w);
		if (rc != 0) {
			assert_int_equal(rc, VEIKART_ENOMEM);
			assert_null(w->m);
			assert_int_equal(w->c.live, 0);
		}
	}
	/* Loading allocates: the loop above must have failed many times. */
	assert_true(n > 10);

	jo.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC;
	jo.allocator = &w->a;
	rc = -1;
	for (n = 1; rc != 0; n++) {
		long live = w->c.live;

		assert_true(n < MAX_ATTEMPTS);
		arm(w, n);
		rc = veikart_journal_open(&w->j, w->path, &jo);
		disarm(w);
		if (rc != 0) {
			assert_int_equal(rc, VEIKART_ENOMEM);
			assert_null(w->j);
			assert_int_equal(w->c.live, live);
			assert_int_equal(stat(w->path, &st), -1);
		}
	}

	io.allocator = &w->a;
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	io.commit = veikart_journal_commit;
	io.commit_payload = w->j;
	rc = -1;
	for (n = 1; rc != 0; n++) {
		long live = w->c.live, size = file_size(w->path);

		assert_true(n < MAX_ATTEMPTS);
		arm(w, n);
		rc = veikart_initiative_create(&w->in, w->m, "OOM-1", "Digitalt nattilsyn", KARI,
		                               &io);
		disarm(w);
		if (rc != 0) {
			assert_true(out_of_memory(rc));
			assert_null(w->in);
			/* The journal may keep a buffer grown for the event. */
			assert_true(w->c.live <= live + 4);
			assert_int_equal(veikart_journal_count(w->j), 0);
			assert_int_equal(file_size(w->path), size);
		}
	}
	assert_int_equal(veikart_journal_count(w->j), 1);
}

/* One change to the initiative, as the user makes it. */
typedef struct change {
	const char *what;
	int (*run)(veikart_initiative *in);
} change;

static int assign_owner(veikart_initiative *in)
{
	return veikart_initiative_assign(in, KARI, KARI, "prosjekteier");
}

static int assign_leader(veikart_initiative *in)
{
	return veikart_initiative_assign(in, KARI, OLA, "prosjektleder");
}

static int assign_board(veikart_initiative *in)
{
	return veikart_initiative_assign(in, KARI, INGRID, "styringsgruppe");
}

static int start_step(veikart_initiative *in)
{
	return veikart_initiative_step(in, OLA, "for-du-starter", "beskrive-utfordringsbildet");
}

static int set_one(veikart_initiative *in)
{
	return veikart_initiative_set(in, OLA, "challenge_described", "true");
}

static int set_three(veikart_initiative *in)
{
	static const char *const ids[] = { "work_planned", "anchored_in_management",
		                           "need_for_change_understood" };
	static const char *const values[] = { "true", "true", "true" };

	return veikart_initiative_set_many(in, KARI, 3, ids, values);
}

static int clear_one(veikart_initiative *in)
{
	return veikart_initiative_clear(in, OLA, "challenge_described");
}

static int set_again(veikart_initiative *in)
{
	return veikart_initiative_set(in, OLA, "challenge_described", "true");
}

static int sign_mandate(veikart_initiative *in)
{
	return veikart_initiative_sign(in, KARI, "project_mandate");
}

static int decide_go(veikart_initiative *in)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	req.actor = KARI;
	req.outcome = VEIKART_OUTCOME_GO;
	req.rationale = "The mandate is signed: start the insight work.";
	return veikart_initiative_decide(in, &req);
}

static int attach_plan(veikart_initiative *in)
{
	return veikart_initiative_attach(
	        in, OLA, "benefit_plan", "https://arkiv.nordby.example/gevinstplan.pdf",
	        "93b9a519f64a0a63b371b0aaa246f506e00dbd1bad738ec19c0bf83ef9345b51");
}

static int approve_plan(veikart_initiative *in)
{
	return veikart_initiative_approve(in, KARI, "benefit_plan");
}

static int unassign_board(veikart_initiative *in)
{
	return veikart_initiative_unassign(in, KARI, INGRID, "styringsgruppe");
}

static const change changes[] = {
	{ "assign the owner", assign_owner },
	{ "assign the leader", assign_leader },
	{ "assign the board", assign_board },
	{ "record a step", start_step },
	{ "set a fact", set_one },
	{ "set three facts", set_three },
	{ "clear a fact", clear_one },
	{ "set it again", set_again },
	{ "sign the mandate", sign_mandate },
	{ "decide go", decide_go },
	{ "attach a document", attach_plan },
	{ "approve it", approve_plan },
	{ "unassign a role", unassign_board },
};

/* Make @p ch with allocation 1, 2, … failing until it succeeds. */
static void change_under_failures(world *w, const change *ch)
{
	char *before = snapshot_of(w), *after;
	size_t count = veikart_journal_count(w->j);
	long size = file_size(w->path), live = w->c.live, n;
	int rc = -1;

	for (n = 1; rc != 0; n++) {
		if (n >= MAX_ATTEMPTS)
			fail_msg("%s: still failing after %ld attempts", ch->what, n);
		arm(w, n);
		rc = ch->run(w->in);
		disarm(w);
		if (rc == 0)
			break;
		if (!out_of_memory(rc))
			fail_msg("%s, allocation %ld failing: %d %s", ch->what, n, rc,
			         veikart_error_last()->message);
		after = snapshot_of(w);
		if (strcmp(before, after) != 0)
			fail_msg("%s, allocation %ld failing: the initiative changed", ch->what, n);
		veikart_string_free(after);
		assert_int_equal(veikart_journal_count(w->j), count);
		assert_int_equal(file_size(w->path), size);
		/* Arrays may keep capacity grown for the change, but failures
		 * must not pile up allocations. */
		if (w->c.live > live + 4)
			fail_msg("%s, allocation %ld failing: %ld blocks more than before",
			         ch->what, n, w->c.live - live);
	}
	assert_true(veikart_journal_count(w->j) > count);
	assert_true(file_size(w->path) > size);
	veikart_string_free(before);
}

/* An operation that reads the initiative and hands back a new object. */
static void read_under_failures(world *w, const char *what, int (*run)(world *w, void **out),
                                void (*release)(void *))
{
	char *before = snapshot_of(w), *after;
	long live = w->c.live, n;
	void *out = NULL;
	int rc = -1;

	for (n = 1; rc != 0; n++) {
		if (n >= MAX_ATTEMPTS)
			fail_msg("%s: still failing after %ld attempts", what, n);
		arm(w, n);
		rc = run(w, &out);
		disarm(w);
		if (rc == 0)
			break;
		if (rc != VEIKART_ENOMEM)
			fail_msg("%s, allocation %ld failing: %d %s", what, n, rc,
			         veikart_error_last()->message);
		assert_null(out);
		if (w->c.live != live)
			fail_msg("%s, allocation %ld failing: %ld blocks leaked", what, n,
			         w->c.live - live);
	}
	assert_non_null(out);
	if (n < 2)
		fail_msg("%s succeeded with its first allocation failing: it hid the failure, "
		         "or allocates nothing and tests nothing",
		         what);
	release(out);
	assert_int_equal(w->c.live, live);
	after = snapshot_of(w);
	assert_string_equal(before, after);
	veikart_string_free(before);
	veikart_string_free(after);
}

static int evaluate(world *w, void **out)
{
	return veikart_initiative_evaluate((veikart_report **)out, w->in, NULL);
}

static int what_if(world *w, void **out)
{
	veikart_facts *facts = NULL;
	int rc;

	rc = veikart_facts_new(&facts, w->m);
	if (rc == 0)
		rc = veikart_facts_set(facts, "user_insight_gathered", "true");
	if (rc == 0)
		rc = veikart_initiative_what_if((veikart_report **)out, w->in, NULL, facts);
	veikart_facts_free(facts);
	return rc;
}

static int snapshot(world *w, void **out)
{
	return veikart_initiative_snapshot((char **)out, NULL, w->in);
}

static int export_html(world *w, void **out)
{
	return veikart_initiative_export((char **)out, NULL, w->in, VEIKART_EXPORT_HTML, NULL);
}

static int export_markdown(world *w, void **out)
{
	return veikart_initiative_export((char **)out, NULL, w->in, VEIKART_EXPORT_MARKDOWN, "en");
}

static void free_report(void *p)
{
	veikart_report_free(p);
}

static void free_string(void *p)
{
	veikart_string_free(p);
}

static void test_every_failed_allocation_leaves_no_trace(void **state)
{
	world *w = *state;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative *copy = NULL;
	veikart_journal *j = NULL;
	char *text = NULL, *again = NULL;
	size_t i, len = 0;
	long n, size, live;
	int rc;

	load_and_create(w);
	for (i = 0; i < sizeof(changes) / sizeof(changes[0]); i++)
		change_under_failures(w, &changes[i]);
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)), "innsikt-og-ide");

	read_under_failures(w, "evaluate", evaluate, free_report);
	read_under_failures(w, "what-if", what_if, free_report);
	read_under_failures(w, "snapshot", snapshot, free_string);
	read_under_failures(w, "export as HTML", export_html, free_string);
	read_under_failures(w, "export as Markdown", export_markdown, free_string);

	/* Restore the snapshot. */
	ok(veikart_initiative_snapshot(&text, &len, w->in), "snapshot");
	io.allocator = &w->a;
	live = w->c.live;
	rc = -1;
	for (n = 1; rc != 0; n++) {
		assert_true(n < MAX_ATTEMPTS);
		arm(w, n);
		rc = veikart_initiative_restore(&copy, w->m, text, len, &io);
		disarm(w);
		if (rc != 0) {
			assert_int_equal(rc, VEIKART_ENOMEM);
			assert_null(copy);
			assert_int_equal(w->c.live, live);
		}
	}
	assert_true(n > 10);
	ok(veikart_initiative_snapshot(&again, NULL, copy), "snapshot");
	assert_string_equal(text, again);
	veikart_string_free(again);
	again = NULL;
	veikart_initiative_free(copy);
	copy = NULL;

	/* Open the journal read-only and replay it. */
	size = file_size(w->path);
	jo.flags = VEIKART_JOURNAL_READONLY;
	jo.allocator = &w->a;
	rc = -1;
	for (n = 1; rc != 0; n++) {
		assert_true(n < MAX_ATTEMPTS);
		arm(w, n);
		rc = veikart_journal_open(&j, w->path, &jo);
		if (rc == 0)
			rc = veikart_initiative_replay(&copy, w->m, j, &io);
		disarm(w);
		if (rc != 0) {
			assert_int_equal(rc, VEIKART_ENOMEM);
			assert_null(copy);
			veikart_journal_free(j);
			j = NULL;
			assert_int_equal(w->c.live, live);
		}
		assert_int_equal(file_size(w->path), size);
	}
	assert_true(n > 20);
	ok(veikart_initiative_snapshot(&again, NULL, copy), "snapshot");
	assert_string_equal(text, again);
	veikart_string_free(again);
	veikart_initiative_free(copy);
	veikart_journal_free(j);
	veikart_string_free(text);

	/* Everything freed, nothing left behind. */
	veikart_initiative_free(w->in);
	w->in = NULL;
	veikart_journal_free(w->j);
	w->j = NULL;
	veikart_method_free(w->m);
	w->m = NULL;
	assert_int_equal(w->c.live, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_failed_allocation_leaves_no_trace, setup,
		                                teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
