/*
 * bench_lifecycle: the lifecycle workload of docs/performance.md, through
 * the public API, as many times as fit in the time given.
 * SPDX-License-Identifier: MIT
 *
 * Each lifecycle is a new initiative (LC-1, LC-2, ...) of bench/lifecycle.xml
 * that walks needs -> planning -> pilot -> evaluation -(recycle)-> pilot ->
 * evaluation -> rollout -> operation and passes its yearly review: 1 create,
 * 3 assignments, 28 fact writes and 8 decisions, 40 events.  The library
 * checks every actor's role (for each fact, the role its recorded-by names,
 * as each peer checks its own table of who records what; for assignments,
 * who may assign), evaluates each gate when it is decided (and
 * keeps the report with the decision) and hash-chains every event; the
 * commit hook copies each event's record into an in-memory log, as the
 * peers do with theirs.  The clock advances one hour per event from
 * 2026-01-05T09:00:00Z.
 *
 * Usage: bench_lifecycle [--seconds S | --lifecycles N] [METHODOLOGY.xml]
 * Prints: libveikart, lifecycles, seconds, events per second.
 */
#include "lifecycle_script.h"

#define PROGRAM "bench_lifecycle"
#define EVENTS_PER_LIFECYCLE 40

#ifndef BENCH_LIFECYCLE_XML
#define BENCH_LIFECYCLE_XML "bench/lifecycle.xml"
#endif

/* The host: its clock and its in-memory log. */
typedef struct host {
	int64_t now;
	char *log;
	size_t len, cap;
	size_t records;
	char head[65]; /* LC-1's last hash, to compare with the peers' */
} host;

static int64_t host_clock(void *payload)
{
	return ((const host *)payload)->now;
}

static int keep_records(const veikart_event *const *events, size_t count, void *payload)
{
	host *h = payload;
	const char *record;
	size_t i, n;
	char *more;

	for (i = 0; i < count; i++) {
		record = veikart_event_record(events[i], &n);
		if (h->len + n > h->cap) {
			more = realloc(h->log, 2 * (h->len + n));
			if (more == NULL)
				return veikart_error_set(VEIKART_ENOMEM, "the log is full");
			h->log = more;
			h->cap = 2 * (h->len + n);
		}
		memcpy(h->log + h->len, record, n);
		h->len += n;
		h->records++;
	}
	return 0;
}

/* One lifecycle, checked: every call must succeed, and it must end in
 * operation after 40 events. */
static void lifecycle(const veikart_method *m, host *h, long n)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *in = NULL;
	char id[32];

	io.clock = host_clock;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = h;
	io.commit = keep_records;
	io.commit_payload = h;
	h->now = START_TIME;
	h->len = 0;
	h->records = 0;
	snprintf(id, sizeof(id), "LC-%ld", n);
	if (veikart_initiative_create(&in, m, id, "Lifecycle benchmark", "Kari", &io) < 0)
		bench_die(PROGRAM, "create");
	lifecycle_walk(in, &h->now, PROGRAM);
	if (veikart_initiative_seq(in) != EVENTS_PER_LIFECYCLE ||
	    h->records != EVENTS_PER_LIFECYCLE || veikart_initiative_decision_count(in) != 8 ||
	    strcmp(veikart_phase_id(veikart_initiative_phase(in)), "operation") != 0) {
		fprintf(stderr, "%s: lifecycle %s ended after %zu events in %s\n", PROGRAM, id,
		        h->records, veikart_phase_id(veikart_initiative_phase(in)));
		exit(1);
	}
	if (n == 1)
		snprintf(h->head, sizeof(h->head), "%s", veikart_initiative_head(in));
	veikart_initiative_free(in);
}

int main(int argc, char **argv)
{
	bench_args a;
	veikart_method *m = NULL;
	host h = { 0 };
	const char *path;
	double start, seconds;
	long n = 0, i;

	if (bench_parse(&a, argc, argv, "lifecycles", 1.0, "[METHODOLOGY.xml]") < 0)
		return 2;
	path = a.nrest > 0 ? a.rest[0] : BENCH_LIFECYCLE_XML;
	if (veikart_method_load(&m, path, NULL, NULL) < 0)
		bench_die(PROGRAM, path);
	for (i = 0; i < 20; i++) /* warm up the caches and the allocator */
		lifecycle(m, &h, i + 1);
	start = bench_now();
	while (bench_more(&a, n, start)) {
		n++;
		lifecycle(m, &h, n);
	}
	seconds = bench_now() - start;
	fprintf(stderr, "libveikart: libveikart %s; LC-1 head %s\n", veikart_version(), h.head);
	printf("libveikart\t%ld\t%.6f\t%.0f\n", n, seconds,
	       (double)n * EVENTS_PER_LIFECYCLE / seconds);
	veikart_method_free(m);
	free(h.log);
	return 0;
}
