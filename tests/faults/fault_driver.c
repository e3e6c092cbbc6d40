/*
 * fault_driver: a host program that keeps an initiative on the built-in
 * ks-veikart in a journal, run by test_faults.sh under the iofault shim
 * (iofault.c), which makes the disk fill, fsync fail or the directory
 * read-only.  It checks what the host sees at the failure, and what is on
 * disk after it.
 *
 *   fault_driver record JOURNAL STATE [--fsync-fails-at K] [--give-up]
 *       Create JOURNAL and record the story below, one change per call,
 *       counting the changes acknowledged.  The first change that fails
 *       (the disk filling, as IOFAULT_ENOSPC_AFTER says, or fsync failing
 *       from change K on) must fail as documented: the journal's commit
 *       returns VEIKART_EIO, and the initiative's call VEIKART_EUSER with
 *       the journal's message, which names the file and says why (creating
 *       the journal itself fails with VEIKART_EIO).  It must leave the
 *       initiative as it was and the file holding exactly the acknowledged
 *       events, nothing torn.
 *       Then the space "frees" (the fault is switched off) and the same
 *       change is recorded again, and the rest of the story after it; with
 *       --give-up the program stops there instead.  STATE receives the
 *       number of events acknowledged, the head and the snapshot.
 *       Exit 0 when every check held and a fault happened, 1 otherwise.
 *
 *   fault_driver check JOURNAL STATE
 *       Without the shim: JOURNAL opens for writing with nothing to cut off,
 *       and replays to exactly STATE.
 *
 *   fault_driver read-only DIR EXISTING STATE
 *       Under the shim with DIR read-only (IOFAULT_OPEN_ERRNO): creating a
 *       journal in DIR fails, names the file and leaves nothing; opening
 *       EXISTING for writing fails and leaves it unchanged; opening it
 *       read-only works and replays to STATE.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <veikart.h>

#define KARI "Kari Nordmann"
#define OLA "Ola Hansen"
#define INGRID "Ingrid Berg"
#define SIRI "Siri Lund"
#define ARCHIVE "https://arkiv.nordby.example/nattilsyn/"
#define T0 INT64_C(1767603600) /* 2026-01-05T09:00:00Z */

typedef enum kind { ASSIGN, STEP, SET, SIGN, ATTACH, APPROVE, DECIDE } kind;

/* One change of the story: a call that records one or more events. */
typedef struct change {
	kind kind;
	const char *actor;
	const char *a; /* person, phase, fact or rationale */
	const char *b; /* role, step, "FACT=VALUE ..." or URI */
	const char *c; /* SHA-256 */
} change;

/* Digital night-time supervision up to the pilot, as `veikart demo` tells it. */
static const change story[] = {
	{ ASSIGN, KARI, KARI, "prosjekteier", NULL },
	{ ASSIGN, KARI, OLA, "prosjektleder", NULL },
	{ ASSIGN, KARI, INGRID, "styringsgruppe", NULL },
	{ ASSIGN, KARI, SIRI, "gevinstansvarlig", NULL },
	{ STEP, OLA, "for-du-starter", "beskrive-utfordringsbildet", NULL },
	{ SET, OLA, NULL, "challenge_described=true work_planned=true", NULL },
	{ STEP, KARI, "for-du-starter", "forankre-i-ledelsen", NULL },
	{ SET, KARI, NULL, "anchored_in_management=true need_for_change_understood=true", NULL },
	{ SIGN, KARI, "project_mandate", NULL, NULL },
	{ DECIDE, KARI,
	  "The challenges are described and anchored with management, and the mandate is "
	  "signed: start the insight work.",
	  NULL, NULL },
	{ STEP, OLA, "innsikt-og-ide", "innsikt", NULL },
	{ SET, OLA, NULL, "user_insight_gathered=true", NULL },
	{ ATTACH, OLA, "target_picture", ARCHIVE "malbilde.pdf",
	  "606fde36089a8f565fd4073abcda7d3eecffea28b8d112a1b9893ce509654691" },
	/* Ten facts in one call: one commit of ten events, all or none. */
	{ SET, OLA, NULL,
	  "pilot_plan_goals=true pilot_plan_scope=true pilot_plan_duration=true "
	  "pilot_plan_participants=true pilot_plan_information=true pilot_plan_training=true "
	  "pilot_plan_error_handling=true pilot_plan_measurement=true "
	  "pilot_plan_observation=true pilot_plan_documentation=true",
	  NULL },
	{ STEP, OLA, "innsikt-og-ide", "pilotplan", NULL },
	{ ATTACH, SIRI, "benefit_plan", ARCHIVE "gevinstplan.pdf",
	  "93b9a519f64a0a63b371b0aaa246f506e00dbd1bad738ec19c0bf83ef9345b51" },
	{ STEP, SIRI, "innsikt-og-ide", "gevinstrealiseringsplan", NULL },
	{ APPROVE, KARI, "benefit_plan", NULL, NULL },
	{ ATTACH, SIRI, "baseline_measurement", ARCHIVE "nullpunkt.xlsx",
	  "bfe4135ed30244e795179ab7e3b14fa3296463e06d610313cfedaf6e5ebc1d72" },
	{ STEP, SIRI, "innsikt-og-ide", "nullpunktsmaling", NULL },
	{ DECIDE, INGRID,
	  "Insight, target picture, pilot plan, an approved benefits plan and a baseline are "
	  "in place. Start the pilot in two home-care districts.",
	  NULL, NULL },
	{ SET, OLA, NULL, "pilot_start=2026-03-09 pilot_participants=24 staff_trained_ratio=55%",
	  NULL },
	{ STEP, OLA, "utproving", "gjore-klart", NULL },
};
#define STORY_LENGTH (sizeof(story) / sizeof(story[0]))

typedef struct host {
	const char *path;
	veikart_method *m;
	veikart_journal *j;
	veikart_initiative *in;
	int64_t now;
	int journal_rc; /* what veikart_journal_commit() last returned */
	int failures;
} host;

static void check(host *h, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void check(host *h, int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return;
	fprintf(stderr, "fault_driver: FAIL: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	h->failures++;
}

static int contains(const char *haystack, const char *needle)
{
	return haystack != NULL && strstr(haystack, needle) != NULL;
}

static int64_t host_clock(void *payload)
{
	return ((const host *)payload)->now;
}

/* The journal's own commit, remembering what it said. */
static int host_commit(const veikart_event *const *events, size_t count, void *payload)
{
	host *h = payload;

	h->journal_rc = veikart_journal_commit(events, count, h->j);
	return h->journal_rc;
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int load_method(host *h)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	int rc;

	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	rc = veikart_method_load(&h->m, "ks-veikart", &lo, NULL);
	if (rc < 0)
		fprintf(stderr, "fault_driver: ks-veikart: %s\n", veikart_error_last()->message);
	return rc;
}

static int set_facts(veikart_initiative *in, const char *actor, const char *pairs)
{
	const char *ids[16], *values[16];
	char copy[1024], *p, *eq, *save = NULL;
	size_t n = 0;

	snprintf(copy, sizeof(copy), "%s", pairs);
	for (p = strtok_r(copy, " ", &save); p != NULL && n < 16; p = strtok_r(NULL, " ", &save)) {
		eq = strchr(p, '=');
		if (eq == NULL)
			return veikart_error_set(VEIKART_EINVALID, "not FACT=VALUE");
		*eq = '\0';
		ids[n] = p;
		values[n] = eq + 1;
		n++;
	}
	return veikart_initiative_set_many(in, actor, n, ids, values);
}

static int apply_change(host *h, const change *c)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	switch (c->kind) {
	case ASSIGN:
		return veikart_initiative_assign(h->in, c->actor, c->a, c->b);
	case STEP:
		return veikart_initiative_step(h->in, c->actor, c->a, c->b);
	case SET:
		return set_facts(h->in, c->actor, c->b);
	case SIGN:
		return veikart_initiative_sign(h->in, c->actor, c->a);
	case ATTACH:
		return veikart_initiative_attach(h->in, c->actor, c->a, c->b, c->c);
	case APPROVE:
		return veikart_initiative_approve(h->in, c->actor, c->a);
	case DECIDE:
		req.actor = c->actor;
		req.outcome = VEIKART_OUTCOME_GO;
		req.rationale = c->a;
		return veikart_initiative_decide(h->in, &req);
	}
	return VEIKART_EINVALID;
}

static const char *kind_name(kind k)
{
	static const char *const names[] = { "assign", "step",    "set",   "sign",
		                             "attach", "approve", "decide" };
	return names[k];
}

/* ---- what the host must see at a failure ----------------------------------------- */

typedef struct fault {
	const char *env;    /* the variable that makes it; unset to end it */
	const char *what;   /* the journal's words for the operation */
	const char *reason; /* and for the cause */
} fault;

/* The last error is the journal's (code VEIKART_EIO) or an initiative's
 * refusal carrying it (VEIKART_EUSER), naming the file and the cause. */
static void check_error(host *h, int rc, int expected, const fault *f, const char *what)
{
	const veikart_error *e = veikart_error_last();

	check(h, rc == expected, "%s gave %d (%s), not %d", what, rc, veikart_strerror(rc),
	      expected);
	check(h, e->code == expected, "the last error has code %d, not %d", e->code, expected);
	check(h, contains(e->message, h->path), "the message does not name %s: %s", h->path,
	      e->message);
	check(h, contains(e->message, f->what), "the message does not say `%s`: %s", f->what,
	      e->message);
	check(h, contains(e->message, f->reason), "the message does not say `%s`: %s", f->reason,
	      e->message);
}

/* Reading the file now (no lock is needed to read) gives exactly the
 * acknowledged events: COUNT of them, the last HEAD, nothing torn. */
static void check_on_disk(host *h, size_t count, const char *head, long size)
{
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_journal *r = NULL;
	const veikart_event *last;
	int rc;

	check(h, file_size(h->path) == size, "%s is %ld bytes after the failure, not %ld", h->path,
	      file_size(h->path), size);
	jo.flags = VEIKART_JOURNAL_READONLY;
	rc = veikart_journal_open(&r, h->path, &jo);
	check(h, rc == 0, "%s does not open read-only after the failure: %s", h->path,
	      veikart_error_last()->message);
	if (rc == 0) {
		check(h, veikart_journal_count(r) == count,
		      "%s holds %zu events, not the %zu acknowledged", h->path,
		      veikart_journal_count(r), count);
		check(h, veikart_journal_torn_bytes(r) == 0, "%s ends in %zu torn bytes", h->path,
		      veikart_journal_torn_bytes(r));
		last = veikart_journal_event(r, count > 0 ? count - 1 : 0);
		if (count > 0 && last != NULL)
			check(h, strcmp(veikart_event_hash(last), head) == 0,
			      "the last event on disk is not the last acknowledged");
	}
	veikart_journal_free(r);
}

static int write_state(host *h, const char *state)
{
	char *snap = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	rc = veikart_initiative_snapshot(&snap, &len, h->in);
	if (rc < 0) {
		check(h, 0, "snapshot: %s", veikart_error_last()->message);
		return -1;
	}
	f = fopen(state, "wb");
	if (f == NULL) {
		check(h, 0, "%s: %s", state, strerror(errno));
		veikart_string_free(snap);
		return -1;
	}
	fprintf(f, "%zu %s\n", veikart_journal_count(h->j), veikart_initiative_head(h->in));
	fwrite(snap, 1, len, f);
	check(h, fclose(f) == 0, "%s: %s", state, strerror(errno));
	veikart_string_free(snap);
	return 0;
}

/* STATE as written by write_state(): the count, the head, the snapshot. */
static char *read_state(const char *state, size_t *count, char head[65], size_t *snap_len)
{
	FILE *f = fopen(state, "rb");
	char *data = NULL;
	size_t cap = 0, len = 0, n;

	if (f == NULL)
		return NULL;
	if (fscanf(f, "%zu %64s", count, head) != 2 || fgetc(f) != '\n') {
		fclose(f);
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			data = realloc(data, cap);
			if (data == NULL)
				break;
		}
		n = fread(data + len, 1, cap - len, f);
		if (n == 0)
			break;
		len += n;
	}
	fclose(f);
	*snap_len = len;
	return data;
}

/* The snapshot of an initiative replayed from J is STATE's. */
static void check_replay(host *h, veikart_journal *j, const char *state)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *in = NULL;
	char head[65] = "", *want, *snap = NULL;
	size_t count = 0, want_len = 0, len = 0;
	int rc;

	want = read_state(state, &count, head, &want_len);
	check(h, want != NULL, "%s cannot be read", state);
	if (want == NULL)
		return;
	check(h, veikart_journal_count(j) == count, "%s holds %zu events, not the %zu acknowledged",
	      h->path, veikart_journal_count(j), count);
	io.clock = host_clock;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = h;
	rc = veikart_initiative_replay(&in, h->m, j, &io);
	check(h, rc == 0, "%s does not replay: %s", h->path, veikart_error_last()->message);
	if (rc == 0) {
		check(h, strcmp(veikart_initiative_head(in), head) == 0,
		      "replayed head %s, not the acknowledged %s", veikart_initiative_head(in),
		      head);
		rc = veikart_initiative_snapshot(&snap, &len, in);
		check(h, rc == 0 && len == want_len && memcmp(snap, want, len) == 0,
		      "the replayed initiative is not the one acknowledged");
	}
	veikart_string_free(snap);
	veikart_initiative_free(in);
	free(want);
}

/* ---- record ------------------------------------------------------------------------ */

/* Open (create) the journal and the initiative; once the fault struck and
 * ended, FAULTED is set. */
static int start(host *h, const fault *f, int *faulted, int give_up)
{
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	int rc;

	jo.flags = VEIKART_JOURNAL_CREATE;
	rc = veikart_journal_open(&h->j, h->path, &jo);
	if (rc < 0 && f->env != NULL && getenv(f->env) != NULL) {
		/* The disk was full when the journal was created: nothing is left. */
		check_error(h, rc, VEIKART_EIO,
		            &(fault){ NULL, "cannot write the header", f->reason },
		            "creating the journal");
		check(h, h->j == NULL, "a journal that failed to open was handed out");
		check(h, access(h->path, F_OK) != 0, "%s is left behind", h->path);
		printf("the disk filled while creating the journal\n");
		*faulted = 1;
		if (give_up)
			return 1;
		unsetenv(f->env);
		rc = veikart_journal_open(&h->j, h->path, &jo);
	}
	if (rc < 0) {
		check(h, 0, "cannot create %s: %s", h->path, veikart_error_last()->message);
		return -1;
	}
	io.clock = host_clock;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = h;
	io.commit = host_commit;
	io.commit_payload = h;
	h->now = T0;
	rc = veikart_initiative_create(&h->in, h->m, "NATT-1",
	                               "Digitalt nattilsyn i hjemmetjenesten", KARI, &io);
	if (rc < 0 && !*faulted && f->env != NULL && getenv(f->env) != NULL) {
		check_error(h, rc, VEIKART_EUSER, f, "creating the initiative");
		check(h, h->journal_rc == VEIKART_EIO, "the journal gave %d, not VEIKART_EIO",
		      h->journal_rc);
		check(h, h->in == NULL, "an initiative that failed to be created was handed out");
		check(h, veikart_journal_count(h->j) == 0, "the journal counts %zu events",
		      veikart_journal_count(h->j));
		check_on_disk(h, 0, "", 18);
		printf("the disk filled at the create event\n");
		*faulted = 1;
		if (give_up)
			return 1;
		unsetenv(f->env);
		rc = veikart_initiative_create(&h->in, h->m, "NATT-1",
		                               "Digitalt nattilsyn i hjemmetjenesten", KARI, &io);
	}
	if (rc < 0) {
		check(h, 0, "cannot create the initiative: %s", veikart_error_last()->message);
		return -1;
	}
	return 0;
}

static int record(const char *path, const char *state, int argc, char **argv)
{
	host h;
	fault f = { "IOFAULT_ENOSPC_AFTER", "cannot append", "the disk is full" };
	char *before = NULL, *after = NULL, head[65];
	size_t before_len = 0, after_len = 0, acked, i;
	long size;
	int rc, k, faulted = 0, give_up = 0, stopped = 0, expect_fault;
	long fsync_at = -1;

	memset(&h, 0, sizeof(h));
	h.path = path;
	for (k = 0; k < argc; k++) {
		if (strcmp(argv[k], "--give-up") == 0) {
			give_up = 1;
		} else if (strcmp(argv[k], "--fsync-fails-at") == 0 && k + 1 < argc) {
			fsync_at = strtol(argv[++k], NULL, 10);
			f = (fault){ "IOFAULT_FSYNC_ERRNO", "cannot sync the append to disk",
				     strerror(EIO) };
		} else {
			fprintf(stderr, "fault_driver: unknown option %s\n", argv[k]);
			return 2;
		}
	}
	expect_fault = getenv(f.env) != NULL || fsync_at >= 0;
	unlink(path);
	remove(state);
	if (load_method(&h) < 0)
		return 1;
	rc = start(&h, &f, &faulted, give_up);
	if (rc != 0) {
		stopped = rc > 0;
		goto out;
	}
	for (i = 0; i < STORY_LENGTH; i++) {
		h.now = T0 + 3600 * (int64_t)(i + 1);
		if ((long)i == fsync_at)
			setenv("IOFAULT_FSYNC_ERRNO", "EIO", 1);
		acked = veikart_journal_count(h.j);
		snprintf(head, sizeof(head), "%s", veikart_initiative_head(h.in));
		size = file_size(path);
		veikart_string_free(before);
		before = NULL;
		if (veikart_initiative_snapshot(&before, &before_len, h.in) < 0) {
			check(&h, 0, "snapshot: %s", veikart_error_last()->message);
			goto out;
		}
		h.journal_rc = 0;
		rc = apply_change(&h, &story[i]);
		if (rc == 0)
			continue;
		if (faulted || getenv(f.env) == NULL) {
			check(&h, 0, "change %zu (%s) failed: %s", i + 1, kind_name(story[i].kind),
			      veikart_error_last()->message);
			goto out;
		}
		/* The fault: refused, reported, and nothing of it anywhere. */
		printf("change %zu (%s) failed after %zu events: %s\n", i + 1,
		       kind_name(story[i].kind), acked, veikart_error_last()->message);
		faulted = 1;
		check_error(&h, rc, VEIKART_EUSER, &f, kind_name(story[i].kind));
		check(&h, h.journal_rc == VEIKART_EIO, "the journal gave %d, not VEIKART_EIO",
		      h.journal_rc);
		check(&h, veikart_journal_count(h.j) == acked,
		      "the journal counts %zu events, not %zu", veikart_journal_count(h.j), acked);
		check(&h, veikart_initiative_seq(h.in) == acked,
		      "the initiative is at event %" PRIu64, veikart_initiative_seq(h.in));
		veikart_string_free(after);
		after = NULL;
		rc = veikart_initiative_snapshot(&after, &after_len, h.in);
		check(&h,
		      rc == 0 && after_len == before_len && memcmp(after, before, after_len) == 0,
		      "the initiative changed although the change was refused");
		check_on_disk(&h, acked, head, size);
		if (give_up) {
			stopped = 1;
			goto out;
		}
		/* Space freed (or the device works again): the same change goes in. */
		unsetenv(f.env);
		rc = apply_change(&h, &story[i]);
		check(&h, rc == 0, "change %zu again, with room: %s", i + 1,
		      veikart_error_last()->message);
		if (rc != 0)
			goto out;
	}
out:
	check(&h, faulted || !expect_fault, "no fault happened (%s=%s)", f.env,
	      getenv(f.env) ? getenv(f.env) : "unset");
	/* No initiative, no STATE: the check then expects no events. */
	if (h.in != NULL)
		write_state(&h, state);
	printf("%zu events acknowledged%s\n", veikart_journal_count(h.j),
	       stopped ? ", then the program gave up" : "");
	veikart_string_free(before);
	veikart_string_free(after);
	veikart_initiative_free(h.in);
	veikart_journal_free(h.j);
	veikart_method_free(h.m);
	return h.failures ? 1 : 0;
}

/* ---- check ------------------------------------------------------------------------- */

static int check_journal(const char *path, const char *state)
{
	host h;
	int rc;

	memset(&h, 0, sizeof(h));
	h.path = path;
	if (load_method(&h) < 0)
		return 1;
	/* A journal whose creation failed is not there at all. */
	if (access(state, F_OK) != 0 && access(path, F_OK) != 0)
		goto out;
	rc = veikart_journal_open(&h.j, path, NULL);
	check(&h, rc == 0, "%s does not open for writing: %s", path, veikart_error_last()->message);
	if (rc != 0)
		goto out;
	check(&h, veikart_journal_torn_bytes(h.j) == 0, "%s had %zu torn bytes to cut off", path,
	      veikart_journal_torn_bytes(h.j));
	/* No initiative acknowledged: at most the header of an empty journal. */
	if (access(state, F_OK) != 0)
		check(&h, veikart_journal_count(h.j) == 0, "%s holds %zu events, none acknowledged",
		      path, veikart_journal_count(h.j));
	else
		check_replay(&h, h.j, state);
out:
	veikart_journal_free(h.j);
	veikart_method_free(h.m);
	return h.failures ? 1 : 0;
}

/* ---- read-only --------------------------------------------------------------------- */

/* The whole of PATH, malloc'd, in *DATA; its length, or -1. */
static long slurp(const char *path, char **data)
{
	FILE *f = fopen(path, "rb");
	long len = -1;

	*data = NULL;
	if (f == NULL)
		return -1;
	if (fseek(f, 0, SEEK_END) == 0)
		len = ftell(f);
	if (len >= 0 && fseek(f, 0, SEEK_SET) == 0)
		*data = malloc((size_t)len + 1);
	if (*data == NULL || fread(*data, 1, (size_t)len, f) != (size_t)len)
		len = -1;
	fclose(f);
	return len;
}

static int read_only(const char *dir, const char *existing, const char *state)
{
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	const char *why = getenv("IOFAULT_OPEN_ERRNO");
	char created[4096], *before = NULL, *after = NULL;
	long before_len, after_len;
	fault f = { NULL, "cannot open", NULL };
	host h;
	int rc;

	memset(&h, 0, sizeof(h));
	if (why == NULL) {
		fprintf(stderr, "fault_driver: set IOFAULT_OPEN_ERRNO\n");
		return 2;
	}
	f.reason = strerror(strcmp(why, "EACCES") == 0 ? EACCES : EROFS);
	if (load_method(&h) < 0)
		return 1;

	/* Creating a journal there fails, names the file, and leaves nothing. */
	snprintf(created, sizeof(created), "%s/new.vj", dir);
	h.path = created;
	jo.flags = VEIKART_JOURNAL_CREATE;
	rc = veikart_journal_open(&h.j, created, &jo);
	check_error(&h, rc, VEIKART_EIO, &f, "creating a journal");
	check(&h, h.j == NULL, "a journal that failed to open was handed out");
	check(&h, access(created, F_OK) != 0, "%s is left behind", created);
	veikart_journal_free(h.j);
	h.j = NULL;

	/* An existing journal does not open for writing, and is not touched. */
	h.path = existing;
	before_len = slurp(existing, &before);
	check(&h, before_len > 0, "%s cannot be read", existing);
	rc = veikart_journal_open(&h.j, existing, NULL);
	check_error(&h, rc, VEIKART_EIO, &f, "opening the journal for writing");
	check(&h, h.j == NULL, "a journal that failed to open was handed out");
	veikart_journal_free(h.j);
	h.j = NULL;
	after_len = slurp(existing, &after);
	check(&h, after_len == before_len && memcmp(after, before, (size_t)after_len) == 0,
	      "%s changed", existing);

	/* Reading needs no write access: it opens, and replays. */
	jo.flags = VEIKART_JOURNAL_READONLY;
	rc = veikart_journal_open(&h.j, existing, &jo);
	check(&h, rc == 0, "%s does not open read-only: %s", existing,
	      veikart_error_last()->message);
	if (rc == 0)
		check_replay(&h, h.j, state);
	veikart_journal_free(h.j);
	veikart_method_free(h.m);
	free(before);
	free(after);
	return h.failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "record") == 0)
		return record(argv[2], argv[3], argc - 4, argv + 4);
	if (argc == 4 && strcmp(argv[1], "check") == 0)
		return check_journal(argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[1], "read-only") == 0)
		return read_only(argv[2], argv[3], argv[4]);
	fprintf(stderr, "usage: fault_driver record JOURNAL STATE [--fsync-fails-at K] "
	                "[--give-up]\n"
	                "       fault_driver check JOURNAL STATE\n"
	                "       fault_driver read-only DIR EXISTING STATE\n");
	return 2;
}
