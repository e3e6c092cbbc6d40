/*
 * bench_rollup: how long an initiative's gate takes to evaluate when its
 * criteria roll up over 300 rollout units with 20 facts each.
 * SPDX-License-Identifier: MIT
 *
 * The gate has five criteria, each a roll-up over every unit: the share of
 * units live, mean adoption where live, a sum, a minimum and a filtered
 * count.  The units are spread over three waves and four unit phases, and
 * one in ten has not reported its adoption (so the unknowns are counted
 * too).  The evaluation is the public call a tool makes,
 * veikart_initiative_evaluate(), report and reasons included.
 *
 * Usage: bench_rollup [UNITS [ITERATIONS]]   (defaults: 300 and 2000)
 * Prints one line (the kind every program in bench/ prints, see bench.h):
 * libveikart-rollup, iterations, seconds in all, evaluations per second
 * (from the median), then the median, best and mean time per evaluation in
 * microseconds, the units, unit-criterion evaluations per second (from the
 * median) and the verdict.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "veikart.h"

#define NFACTS 20

static int64_t fixed_clock(void *payload)
{
	(void)payload;
	return 1767225600; /* 2026-01-01 */
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void die(const char *what)
{
	fprintf(stderr, "bench_rollup: %s: %s\n", what, veikart_error_last()->message);
	exit(1);
}

/* The methodology: an initiative rollout phase whose gate rolls up over the
 * units, and four unit phases. */
static char *methodology(void)
{
	static const char head[] =
	        "<methodology xmlns='urn:veikart:methodology:1' id='bench-rollup' version='1' "
	        "xml:lang='en'>"
	        "<roles><role id='owner' may-override='true'/></roles><facts>";
	static const char tail[] =
	        "</facts><phases>"
	        "<phase id='rollout' kind='rollout'/><phase id='operation' kind='operation' "
	        "terminal='true'/>"
	        "<phase id='preparing' kind='custom' scope='unit'/>"
	        "<phase id='training' kind='custom' scope='unit'/>"
	        "<phase id='live' kind='operation' scope='unit'/>"
	        "<phase id='established' kind='operation' scope='unit' terminal='true'/>"
	        "</phases><gates>"
	        "<gate id='g-rollout' from='rollout'><authority role='owner'/>"
	        "<criterion id='live'><expr>ratio(reached('live')) ge 90%</expr></criterion>"
	        "<criterion id='adopted'><expr>mean(f02 / f01, reached('live')) ge 60%</expr>"
	        "</criterion>"
	        "<criterion id='volume'><expr>sum(f03) ge 1000</expr></criterion>"
	        "<criterion id='floor'><expr>min(f04) ge 0.5</expr></criterion>"
	        "<criterion id='early'><expr>count(f05 gt 10 and wave() le 2) ge 50</expr>"
	        "</criterion>"
	        "<outcome kind='go' to='operation'/></gate>"
	        "<gate id='g-preparing' from='preparing'><authority role='owner'/>"
	        "<criterion id='c'><expr>f06</expr></criterion>"
	        "<outcome kind='go' to='training'/></gate>"
	        "<gate id='g-training' from='training'><authority role='owner'/>"
	        "<criterion id='c'><expr>f04 ge 0.5</expr></criterion>"
	        "<outcome kind='go' to='live'/></gate>"
	        "<gate id='g-live' from='live'><authority role='owner'/>"
	        "<criterion id='c'><expr>f02 / f01 ge 60%</expr></criterion>"
	        "<outcome kind='go' to='established'/></gate>"
	        "</gates></methodology>";
	static const char *const types[NFACTS] = {
		"integer", "integer", "integer", "ratio",  "integer", "bool",    "integer",
		"number",  "ratio",   "integer", "number", "integer", "ratio",   "bool",
		"integer", "number",  "integer", "ratio",  "integer", "integer",
	};
	size_t size = sizeof(head) + sizeof(tail) + NFACTS * 80;
	char *doc = malloc(size), *w;
	int i;

	if (doc == NULL)
		return NULL;
	w = doc + snprintf(doc, size, "%s", head);
	for (i = 0; i < NFACTS; i++)
		w += snprintf(w, size - (size_t)(w - doc),
		              "<fact id='f%02d' type='%s' scope='unit'/>", i + 1, types[i]);
	snprintf(w, size - (size_t)(w - doc), "%s", tail);
	return doc;
}

/* Twenty facts for unit I; one unit in ten has not reported f02. */
static void facts_of(int i, const char **ids, const char **values, char (*buf)[32], size_t *n)
{
	int k;

	*n = 0;
	for (k = 0; k < NFACTS; k++) {
		if (k == 1 && i % 10 == 9)
			continue;
		snprintf(buf[*n], 32, "f%02d", k + 1);
		ids[*n] = buf[*n];
		switch (k) {
		case 0:
			snprintf(buf[NFACTS + *n], 32, "%d", 20 + i % 7);
			break;
		case 1:
			snprintf(buf[NFACTS + *n], 32, "%d", 12 + i % 9);
			break;
		case 3:
		case 8:
		case 12:
		case 17:
			snprintf(buf[NFACTS + *n], 32, "0.%d", 5 + i % 5);
			break;
		case 5:
		case 13:
			snprintf(buf[NFACTS + *n], 32, "true");
			break;
		case 7:
		case 10:
		case 15:
			snprintf(buf[NFACTS + *n], 32, "%d.5", i % 13);
			break;
		default:
			snprintf(buf[NFACTS + *n], 32, "%d", i % 17);
		}
		values[*n] = buf[NFACTS + *n];
		(*n)++;
	}
}

/* Move a unit on when its gate is ready; stay when it is not. */
static void go(veikart_initiative *in, const char *unit)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	int err;

	req.actor = "Owner";
	req.unit = unit;
	req.outcome = VEIKART_OUTCOME_GO;
	req.rationale = "Ready.";
	err = veikart_initiative_decide(in, &req);
	if (err < 0 && err != VEIKART_ESTATE)
		die(unit);
}

int main(int argc, char **argv)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	int units = argc > 1 ? atoi(argv[1]) : 300, iterations = argc > 2 ? atoi(argv[2]) : 2000;
	const char *ids[NFACTS], *values[NFACTS];
	char buf[2 * NFACTS][32], id[32];
	veikart_method *m = NULL;
	veikart_initiative *in = NULL;
	const veikart_gate *g;
	veikart_report *r = NULL;
	double *times, start, total = 0;
	size_t n;
	char *doc;
	int i;

	if (units < 1 || iterations < 1) {
		fprintf(stderr, "usage: bench_rollup [UNITS [ITERATIONS]]\n");
		return 2;
	}
	doc = methodology();
	times = malloc((size_t)iterations * sizeof(*times));
	if (doc == NULL || times == NULL)
		return 3;
	if (veikart_method_load_buffer(&m, doc, strlen(doc), "bench-rollup", NULL, NULL) < 0)
		die("load");
	io.clock = fixed_clock;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	if (veikart_initiative_create(&in, m, "B", "Bench", "Owner", &io) < 0 ||
	    veikart_initiative_assign(in, "Owner", "Owner", "owner") < 0)
		die("create");
	for (i = 0; i < units; i++) {
		veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
		snprintf(id, sizeof(id), "unit-%03d", i);
		spec.id = id;
		spec.wave = 1 + i % 3;
		if (veikart_initiative_add_unit(in, "Owner", &spec) < 0)
			die("add unit");
		facts_of(i, ids, values, buf, &n);
		if (veikart_initiative_unit_set(in, "Owner", id, n, ids, values) < 0)
			die("unit facts");
		/* Spread over the phases: most live, some behind, a few established. */
		if (i % 8 != 7)
			go(in, id);
		if (i % 8 != 7 && i % 8 != 6)
			go(in, id);
		if (i % 8 == 0 && i % 10 != 9)
			go(in, id);
	}
	g = veikart_method_gate_by_id(m, "g-rollout");
	for (i = 0; i < iterations / 10 + 1; i++) { /* warm up */
		if (veikart_initiative_evaluate(&r, in, g) < 0)
			die("evaluate");
		veikart_report_free(r);
	}
	for (i = 0; i < iterations; i++) {
		start = now_us();
		if (veikart_initiative_evaluate(&r, in, g) < 0)
			die("evaluate");
		times[i] = now_us() - start;
		total += times[i];
		veikart_report_free(r);
	}
	qsort(times, (size_t)iterations, sizeof(*times), cmp_double);
	if (veikart_initiative_evaluate(&r, in, g) < 0)
		die("evaluate");
	printf("libveikart-rollup\t%d\t%.6f\t%.0f\t%.1f\t%.1f\t%.1f\t%d\t%.0f\t%s\n", iterations,
	       total / 1e6, 1e6 / times[iterations / 2], times[iterations / 2], times[0],
	       total / iterations, units,
	       (double)units * (double)veikart_gate_criterion_count(g) /
	               (times[iterations / 2] / 1e6),
	       veikart_verdict_name(veikart_report_verdict(r)));
	veikart_report_free(r);
	veikart_initiative_free(in);
	veikart_method_free(m);
	free(times);
	free(doc);
	return 0;
}
