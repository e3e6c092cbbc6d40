/*
 * bench_replay: replaying a journal, hashes verified, against reading the
 * same file and checking its SHA-256 chain alone.
 * SPDX-License-Identifier: MIT
 *
 * The journal is written once, to a temporary directory: one initiative of
 * bench/lifecycle.xml that walks the lifecycle and then stays in operation
 * for years, its facts updated and its yearly review passed again and
 * again, until it holds about 10 000 events.  Then, alternately:
 *
 * - the library: veikart_journal_open() with VEIKART_JOURNAL_READONLY
 *   (which reads the file and parses and hash-checks every record) and
 *   veikart_initiative_replay() (which applies every event with the checks
 *   it met when it was recorded), then both freed;
 * - the limit: read the same file into memory and, for every record,
 *   compute the SHA-256 of its text before `hash=` with the library's own
 *   veikart_sha256_hex() (so both sides hash alike), compare
 *   it with the hash the record states, and check that its prev= is the
 *   record before's hash.  That is what a verified replay cannot avoid.
 *
 * The ratio is of the medians.
 *
 * Usage: bench_replay [--seconds S | --replays N] [EVENTS [METHODOLOGY.xml]]
 * Prints: libveikart-replay, replays, seconds spent replaying, events
 * replayed per second (median), events checked per second by the bare
 * chain check (median), the ratio of the medians, events, bytes.
 */
#include <unistd.h>

#include "lifecycle_script.h"

#define PROGRAM "bench_replay"

#ifndef BENCH_LIFECYCLE_XML
#define BENCH_LIFECYCLE_XML "bench/lifecycle.xml"
#endif

static int64_t host_clock(void *payload)
{
	return *(const int64_t *)payload;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

/* Write the journal: the lifecycle, then years in operation. */
static void write_journal(const veikart_method *m, const char *path, long events)
{
	static const char *const uses[] = { "0.72", "0.74", "0.71", "0.78", "0.8", "0.83" };
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_initiative *in = NULL;
	veikart_journal *j = NULL;
	int64_t now = START_TIME;
	char hours[32];
	long k;

	jo.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC;
	if (veikart_journal_open(&j, path, &jo) < 0)
		bench_die(PROGRAM, path);
	io.clock = host_clock;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = &now;
	io.commit = veikart_journal_commit;
	io.commit_payload = j;
	if (veikart_initiative_create(&in, m, "LC-REPLAY", "Lifecycle benchmark", "Kari", &io) < 0)
		bench_die(PROGRAM, "create");
	lifecycle_walk(in, &now, PROGRAM);
	req.actor = "Ingrid";
	req.outcome = VEIKART_OUTCOME_CONTINUE;
	req.rationale = "Benefits followed up; carry on.";
	for (k = 0; (long)veikart_initiative_seq(in) < events; k++) {
		now += 3600;
		if (k % 4 == 3) {
			if (veikart_initiative_decide(in, &req) < 0)
				bench_die(PROGRAM, "review");
			continue;
		}
		snprintf(hours, sizeof(hours), "%ld.%ld", 4 + k % 5, k % 10);
		if (veikart_initiative_set(in, "Ola", k % 2 ? "hours_saved" : "active_use",
		                           k % 2 ? hours : uses[k % 6]) < 0)
			bench_die(PROGRAM, "set");
	}
	veikart_initiative_free(in);
	veikart_journal_free(j);
}

static double library_replay(const veikart_method *m, const char *path, size_t expect)
{
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative *in = NULL;
	veikart_journal *j = NULL;
	double start = bench_now(), t;

	jo.flags = VEIKART_JOURNAL_READONLY;
	if (veikart_journal_open(&j, path, &jo) < 0)
		bench_die(PROGRAM, "open the journal");
	if (veikart_initiative_replay(&in, m, j, NULL) < 0)
		bench_die(PROGRAM, "replay");
	if (veikart_initiative_seq(in) != expect) {
		fprintf(stderr, "%s: replayed %llu events of %zu\n", PROGRAM,
		        (unsigned long long)veikart_initiative_seq(in), expect);
		exit(1);
	}
	veikart_initiative_free(in);
	veikart_journal_free(j);
	t = bench_now() - start;
	return t;
}

/* Read the file and check its chain; returns the time, or exits when the
 * chain does not hold (it must, or the comparison means nothing). */
static double bare_check(const char *path, size_t expect)
{
	char hex[VEIKART_HASH_HEX_LENGTH + 1], prev[65];
	double start = bench_now(), t;
	const char *p, *end, *nl, *hash;
	size_t size = 0, n = 0;
	char *data;

	data = bench_read_file(path, &size);
	if (data == NULL) {
		fprintf(stderr, "%s: cannot read %s\n", PROGRAM, path);
		exit(1);
	}
	memset(prev, '0', 64);
	prev[64] = '\0';
	end = data + size;
	p = memchr(data, '\n', size); /* the header line */
	p = p != NULL ? p + 1 : end;
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL || nl - p < 2 * (6 + 64))
			break;
		hash = nl - 64;
		veikart_sha256_hex(hex, p, (size_t)(hash - 6 - p));
		if (memcmp(hex, hash, 64) != 0 || memcmp(hash - 6 - 64, prev, 64) != 0)
			break;
		memcpy(prev, hash, 64);
		n++;
	}
	free(data);
	t = bench_now() - start;
	if (n != expect) {
		fprintf(stderr, "%s: the chain holds for %zu records of %zu\n", PROGRAM, n, expect);
		exit(1);
	}
	return t;
}

int main(int argc, char **argv)
{
	char dir[] = "/tmp/bench_replay.XXXXXX", path[64];
	double *lib = NULL, *bare = NULL, start, spent = 0, mlib, mbare;
	long events = 10000, n = 0, i;
	veikart_method *m = NULL;
	size_t size = 0, count, cap;
	const char *method_path;
	char *journal;
	bench_args a;

	if (bench_parse(&a, argc, argv, "replays", 1.0, "[EVENTS [METHODOLOGY.xml]]") < 0)
		return 2;
	if (a.nrest > 0)
		events = atol(a.rest[0]);
	if (events < 40) {
		fprintf(stderr, "%s: a journal needs at least the 40 events of a lifecycle\n",
		        PROGRAM);
		return 2;
	}
	method_path = a.nrest > 1 ? a.rest[1] : BENCH_LIFECYCLE_XML;
	if (veikart_method_load(&m, method_path, NULL, NULL) < 0)
		bench_die(PROGRAM, method_path);
	if (mkdtemp(dir) == NULL) {
		perror(PROGRAM);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/lc.journal", dir);
	write_journal(m, path, events);
	journal = bench_read_file(path, &size);
	free(journal);
	{
		veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
		veikart_journal *j = NULL;

		jo.flags = VEIKART_JOURNAL_READONLY;
		if (veikart_journal_open(&j, path, &jo) < 0)
			bench_die(PROGRAM, "open the journal");
		count = veikart_journal_count(j);
		veikart_journal_free(j);
	}
	cap = a.count > 0 ? (size_t)a.count : 1024;
	lib = malloc(cap * sizeof(*lib));
	bare = malloc(cap * sizeof(*bare));
	if (lib == NULL || bare == NULL)
		return 3;
	for (i = 0; i < 2; i++) { /* warm up */
		library_replay(m, path, count);
		bare_check(path, count);
	}
	start = bench_now();
	while (bench_more(&a, n, start) && (size_t)n < cap) {
		lib[n] = library_replay(m, path, count);
		bare[n] = bare_check(path, count);
		spent += lib[n];
		n++;
	}
	qsort(lib, (size_t)n, sizeof(*lib), cmp_double);
	qsort(bare, (size_t)n, sizeof(*bare), cmp_double);
	mlib = lib[n / 2];
	mbare = bare[n / 2];
	printf("libveikart-replay\t%ld\t%.6f\t%.0f\t%.0f\t%.3f\t%zu\t%zu\n", n, spent,
	       (double)count / mlib, (double)count / mbare, mlib / mbare, count, size);
	unlink(path);
	rmdir(dir);
	veikart_method_free(m);
	free(lib);
	free(bare);
	return 0;
}
