/*
 * bench_gate: gate evaluation throughput through the public API.
 * SPDX-License-Identifier: MIT
 *
 * An initiative of bench/lifecycle.xml with all 23 facts recorded; the
 * program evaluates its six gates in turn (23 criteria: checks of a bool,
 * thresholds on integers, numbers and ratios; some met, some not) with
 * veikart_initiative_evaluate(), the call a tool makes, which builds the
 * whole report: a truth and a reason in words per criterion, the verdict,
 * the score, the recommended outcome and a summary.  A criterion
 * evaluation is one criterion of one report.
 *
 * Usage: bench_gate [--seconds S | --evaluations N] [METHODOLOGY.xml]
 * (N is rounded up to whole rounds over the six gates.)
 * Prints: libveikart-gate, criterion evaluations, seconds, criterion
 * evaluations per second, gate reports per second.
 */
#include "bench.h"

#define PROGRAM "bench_gate"

#ifndef BENCH_LIFECYCLE_XML
#define BENCH_LIFECYCLE_XML "bench/lifecycle.xml"
#endif

static int64_t fixed_clock(void *payload)
{
	(void)payload;
	return 1767603600; /* 2026-01-05T09:00:00Z */
}

/* Every fact of the lifecycle, as it stands in the first evaluation. */
static const char *const fact_ids[] = {
	"need_described",      "users_involved",   "anchored",         "mandate_signed",
	"problem_owner_named", "plan_goals",       "plan_scope",       "risk_assessed",
	"baseline_hours",      "budget_approved",  "participants",     "weeks",
	"staff_trained",       "pilot_report",     "active_use",       "hours_saved",
	"evaluation_approved", "units_live_ratio", "support_in_place", "training_done",
	"benefit_realized",    "within_budget",    "users_satisfied",
};
static const char *const fact_values[] = {
	"true", "true", "true", "true", "true", "true", "true", "true",
	"12",   "true", "24",   "10",   "0.55", "true", "0.45", "4",
	"true", "0.95", "true", "true", "true", "true", "true",
};

int main(int argc, char **argv)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	const veikart_gate *gates[16];
	veikart_initiative *in = NULL;
	veikart_method *m = NULL;
	veikart_report *r = NULL;
	size_t ngates, g, per_round = 0;
	long evaluations = 0, criteria = 0, i;
	double start, seconds;
	const char *path;
	bench_args a;

	if (bench_parse(&a, argc, argv, "evaluations", 1.0, "[METHODOLOGY.xml]") < 0)
		return 2;
	path = a.nrest > 0 ? a.rest[0] : BENCH_LIFECYCLE_XML;
	if (veikart_method_load(&m, path, NULL, NULL) < 0)
		bench_die(PROGRAM, path);
	io.clock = fixed_clock;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	if (veikart_initiative_create(&in, m, "G-1", "Gates", "Kari", &io) < 0 ||
	    veikart_initiative_assign(in, "Kari", "Ola", "lead") < 0 ||
	    veikart_initiative_assign(in, "Kari", "Ola", "board") < 0 ||
	    veikart_initiative_assign(in, "Kari", "Ola", "owner") < 0 ||
	    veikart_initiative_set_many(in, "Ola", sizeof(fact_ids) / sizeof(fact_ids[0]), fact_ids,
	                                fact_values) < 0)
		bench_die(PROGRAM, "set up the initiative");
	ngates = veikart_method_gate_count(m);
	if (ngates == 0 || ngates > sizeof(gates) / sizeof(gates[0])) {
		fprintf(stderr, "%s: %s has %zu gates\n", PROGRAM, path, ngates);
		return 1;
	}
	for (g = 0; g < ngates; g++) {
		gates[g] = veikart_method_gate(m, g);
		per_round += veikart_gate_criterion_count(gates[g]);
	}
	for (i = 0; i < 1000; i++) { /* warm up */
		if (veikart_initiative_evaluate(&r, in, gates[(size_t)i % ngates]) < 0)
			bench_die(PROGRAM, "evaluate");
		veikart_report_free(r);
	}
	/* Whole rounds over the gates, so every criterion counts alike. */
	start = bench_now();
	while (bench_more(&a, evaluations, start)) {
		for (g = 0; g < ngates; g++) {
			if (veikart_initiative_evaluate(&r, in, gates[g]) < 0)
				bench_die(PROGRAM, "evaluate");
			veikart_report_free(r);
		}
		evaluations += (long)ngates;
		criteria += (long)per_round;
	}
	seconds = bench_now() - start;
	printf("libveikart-gate\t%ld\t%.6f\t%.0f\t%.0f\n", criteria, seconds,
	       (double)criteria / seconds, (double)evaluations / seconds);
	veikart_initiative_free(in);
	veikart_method_free(m);
	return 0;
}
