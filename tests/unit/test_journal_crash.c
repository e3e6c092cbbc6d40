/*
 * The journal against SIGKILL.  In each trial a child process creates a
 * journal and appends events one commit at a time, with real syncs, and
 * tells the parent each sequence number as soon as its commit returned:
 * those were acknowledged.  The parent kills the child at a random moment
 * and reopens the journal.  It must open, hold every acknowledged event
 * intact (and at most the one commit in flight besides), and be clean when
 * opened a second time.
 *
 * Kills are spread over the whole run.  Trial i picks a random point in
 * the i-th of TRIALS equal slices of the appends, waits for that many
 * acknowledgements, then kills after a random fraction of a few commits'
 * time (measured first), so that kills land in writes, in syncs and
 * between them.  Waiting for progress rather than for a time keeps the
 * spread even when sync latency wanders, as it does on a shared disk.
 * Trial 0 kills while the journal is being created.  The seed is printed;
 * VEIKART_CRASH_SEED=<seed> replays the same choices (the timing of a
 * machine never replays exactly).
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support.h"

#include "event.h"
#include "journal.h"

#define APPENDS 1000
#define TRIALS 50
#define HEADER_LEN (sizeof("veikart-journal 1\n") - 1)
#define T0 INT64_C(1767225600)

static uint64_t seed, rng;
static int trial = -1;

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void check(int ok, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (ok)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail_msg("seed %" PRIu64 " (replay with VEIKART_CRASH_SEED=%" PRIu64 "), trial %d: %s",
	         seed, seed, trial, msg);
}

/* splitmix64: small, and the same sequence everywhere for a given seed. */
static uint64_t next_random(void)
{
	uint64_t z = (rng += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static double uniform(void)
{
	return (double)(next_random() >> 11) / 9007199254740992.0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static veikart_event *make_event(uint64_t seq, const char *prev)
{
	veikart__event_builder b;
	veikart_event *e = NULL;
	char value[32];

	snprintf(value, sizeof(value), "%" PRIu64, seq * 7);
	veikart__event_begin(&b, NULL, seq, T0 + (int64_t)seq, VEIKART_EVENT_SET, "crash test");
	veikart__event_add(&b, "fact", "visits");
	veikart__event_add(&b, "value", value);
	if (veikart__event_finish(&e, &b, prev) < 0)
		e = NULL;
	veikart__event_builder_dispose(&b);
	return e;
}

/* The child: no cmocka here, only exit codes. */
static void append_until_killed(const char *path, int ack) __attribute__((noreturn));

static void append_until_killed(const char *path, int ack)
{
	veikart_journal_options o = VEIKART_JOURNAL_OPTIONS_INIT;
	char prev[VEIKART__SHA256_HEX_SIZE] = VEIKART__HASH_ZERO;
	veikart_journal *j = NULL;
	veikart_event *e;
	uint64_t seq;

	o.flags = VEIKART_JOURNAL_CREATE;
	if (veikart_journal_open(&j, path, &o) < 0)
		_exit(10);
	for (seq = 1; seq <= APPENDS; seq++) {
		e = make_event(seq, prev);
		if (e == NULL)
			_exit(11);
		if (veikart_journal_commit((const veikart_event *const *)&e, 1, j) < 0)
			_exit(12);
		if (write(ack, &seq, sizeof(seq)) != (ssize_t)sizeof(seq))
			_exit(13);
		memcpy(prev, e->hash, sizeof(prev));
		veikart__event_free(e);
	}
	veikart_journal_free(j);
	_exit(0);
}

typedef struct outcome {
	size_t acked;   /* events the child was told were committed */
	size_t found;   /* events the reopened journal holds */
	size_t torn;    /* bytes cut off on reopening */
	int completed;  /* the child finished before the kill */
	int no_journal; /* killed before it created the file */
} outcome;

/* Take the acknowledgements that are there, up to `upto`; they come in order,
 * each once.  Returns 0 at the end of the pipe. */
static int take_acks(int fd, outcome *out, size_t upto)
{
	uint64_t seq;
	ssize_t n;

	while (out->acked < upto) {
		n = read(fd, &seq, sizeof(seq));
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			return 0;
		check(n == (ssize_t)sizeof(seq), "a short read from the pipe");
		check(seq == out->acked + 1, "acknowledgement %" PRIu64 " came after %zu", seq,
		      out->acked);
		out->acked++;
	}
	return 1;
}

/*
 * Run a child.  With `target` >= 0, wait for that many acknowledgements,
 * then `jitter` seconds more, and kill it; otherwise let it finish.
 */
static void run_child(const char *path, long target, double jitter, outcome *out, double *took)
{
	struct timespec ts;
	double start;
	int fds[2], status;
	pid_t pid;

	memset(out, 0, sizeof(*out));
	unlink(path);
	check(pipe(fds) == 0, "pipe: %s", strerror(errno));
	start = now();
	pid = fork();
	check(pid >= 0, "fork: %s", strerror(errno));
	if (pid == 0) {
		close(fds[0]);
		append_until_killed(path, fds[1]);
	}
	close(fds[1]);
	if (target >= 0) {
		take_acks(fds[0], out, (size_t)target);
		ts.tv_sec = (time_t)jitter;
		ts.tv_nsec = (long)((jitter - (double)ts.tv_sec) * 1e9);
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		kill(pid, SIGKILL);
	}
	check(waitpid(pid, &status, 0) == pid, "waitpid: %s", strerror(errno));
	if (took != NULL)
		*took = now() - start;
	if (WIFEXITED(status)) {
		check(WEXITSTATUS(status) == 0, "the child failed with exit code %d",
		      WEXITSTATUS(status));
		out->completed = 1;
	} else {
		check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		      "the child died of something else than the kill");
	}
	take_acks(fds[0], out, SIZE_MAX);
	close(fds[0]);
	check(!out->completed || out->acked == APPENDS,
	      "the child finished but acknowledged only %zu events", out->acked);
}

static long file_size(const char *path)
{
	struct stat st;

	check(stat(path, &st) == 0, "stat %s: %s", path, strerror(errno));
	return (long)st.st_size;
}

/* Every event is the one the child made for that place, linked to the one before. */
static void check_events(const veikart_journal *j)
{
	const char *prev = VEIKART__HASH_ZERO;
	const veikart_event *e;
	char value[32];
	size_t i, n = veikart_journal_count(j), bytes = HEADER_LEN, len;

	for (i = 0; i < n; i++) {
		e = veikart_journal_event(j, i);
		snprintf(value, sizeof(value), "%zu", (i + 1) * 7);
		check(veikart_event_seq(e) == i + 1, "event %zu has sequence number %" PRIu64,
		      i + 1, veikart_event_seq(e));
		check(veikart__streq(veikart_event_field(e, "value"), value) &&
		              veikart_event_time(e) == T0 + (int64_t)i + 1,
		      "event %zu is not the one appended", i + 1);
		check(strcmp(veikart_event_prev(e), prev) == 0, "event %zu does not link", i + 1);
		prev = veikart_event_hash(e);
		veikart_event_record(e, &len);
		bytes += len;
	}
	check(file_size(veikart_journal_path(j)) == (long)bytes,
	      "the file has %ld bytes, its %zu events %zu", file_size(veikart_journal_path(j)), n,
	      bytes);
}

static void reopen_and_check(const char *path, outcome *out)
{
	veikart_journal *j = NULL;
	int rc;

	rc = veikart_journal_open(&j, path, NULL);
	if (rc == VEIKART_ENOTFOUND && out->acked == 0) {
		out->no_journal = 1;
		return;
	}
	check(rc == 0, "reopening failed with %d: %s (%zu acknowledged)", rc,
	      veikart_error_last()->message, out->acked);
	out->found = veikart_journal_count(j);
	out->torn = veikart_journal_torn_bytes(j);
	/* The child commits event k + 1 only after acknowledging k, so at most
	 * one event was written and not acknowledged. */
	check(out->found == out->acked || out->found == out->acked + 1,
	      "%zu events acknowledged, %zu in the journal", out->acked, out->found);
	check_events(j);
	veikart_journal_free(j);

	/* Whatever was torn has been cut: the second opening finds a clean file. */
	rc = veikart_journal_open(&j, path, NULL);
	check(rc == 0, "the second reopening failed with %d: %s", rc,
	      veikart_error_last()->message);
	check(veikart_journal_torn_bytes(j) == 0, "%zu torn bytes are still there",
	      veikart_journal_torn_bytes(j));
	check(veikart_journal_count(j) == out->found, "the second reopening found %zu events",
	      veikart_journal_count(j));
	check_events(j);
	veikart_journal_free(j);
}

static void test_journal_should_keep_every_acknowledged_event_through_sigkill(void **state)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	const char *replay = getenv("VEIKART_CRASH_SEED");
	size_t acked_min = APPENDS, acked_max = 0, torn_trials = 0, unacked = 0;
	int mid_run = 0, completed = 0, no_journal = 0, deciles[10] = { 0 };
	double run, again, started = now(), commit;
	long target;
	char path[4096];
	outcome o;

	(void)state;
	seed = replay != NULL ? strtoull(replay, NULL, 10)
	                      : (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	rng = seed;
	print_message("[ seed     ] %" PRIu64 " (replay with VEIKART_CRASH_SEED=%" PRIu64 ")\n",
	              seed, seed);
	snprintf(path, sizeof(path), "%s/veikart-test-%ld-crash.vj", dir, (long)getpid());

	/* How long a whole run takes here: the shorter of two, so that the
	 * late kills still land before the end. */
	run_child(path, -1, 0, &o, &run);
	reopen_and_check(path, &o);
	check(o.found == APPENDS && o.torn == 0, "an undisturbed run left %zu events", o.found);
	run_child(path, -1, 0, &o, &again);
	print_message("[ timing   ] %d appends with a sync each take %.3f s and %.3f s\n", APPENDS,
	              run, again);
	if (again < run)
		run = again;
	commit = run / APPENDS;

	for (trial = 0; trial < TRIALS; trial++) {
		target = trial == 0 ? 0 : (long)(((double)trial + uniform()) * APPENDS / TRIALS);
		run_child(path, target, uniform() * 3 * commit, &o, NULL);
		reopen_and_check(path, &o);
		if (o.acked < acked_min)
			acked_min = o.acked;
		if (o.acked > acked_max)
			acked_max = o.acked;
		torn_trials += o.torn > 0;
		unacked += o.found > o.acked;
		completed += o.completed;
		no_journal += o.no_journal;
		if (!o.completed && !o.no_journal) {
			mid_run++;
			deciles[o.acked * 10 / (APPENDS + 1)]++;
		}
	}
	print_message("[ kills    ] %d trials: %d mid-run (acknowledged %zu to %zu), %d before "
	              "the file existed, %d after the run; %zu with a torn tail, %zu with an "
	              "unacknowledged last event\n",
	              TRIALS, mid_run, acked_min, acked_max, no_journal, completed, torn_trials,
	              unacked);
	print_message("[ deciles  ] %d %d %d %d %d %d %d %d %d %d\n", deciles[0], deciles[1],
	              deciles[2], deciles[3], deciles[4], deciles[5], deciles[6], deciles[7],
	              deciles[8], deciles[9]);
	print_message("[ total    ] %.1f s\n", now() - started);
	trial = -1;
	/* A run whose kills all missed the appends would prove nothing. */
	check(mid_run >= TRIALS / 2, "only %d of %d kills landed while appending", mid_run, TRIALS);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_journal_should_keep_every_acknowledged_event_through_sigkill),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
