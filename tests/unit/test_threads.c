/*
 * Threads: a methodology is immutable once loaded and may be shared; an
 * initiative belongs to one thread at a time (docs/architecture.md).  Eight threads
 * each walk their own initiatives, each kept in its own journal, over ONE
 * methodology loaded once: assignments, facts, steps, evidence, gates,
 * decisions, rollout units, snapshots, restore and replay; meanwhile they
 * read the shared methodology through its accessors and compile and
 * evaluate expressions against it.  Every thread must end with exactly what
 * the same walk gives on the main thread alone.  Loading methodologies
 * concurrently, and the thread-local last error, are checked too.
 *
 * Run under ThreadSanitizer (-DVEIKART_SANITIZE=thread) this is the race
 * test.  No cmocka assertion runs off the main thread: a worker writes down
 * its first failure, and the main thread reports it.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

#define THREADS 8
#define ROUNDS 2

/* ---- the walks, as data ----------------------------------------------------------- */

typedef enum op_kind {
	END,
	AT,       /* a: the time, YYYY-MM-DDTHH:MM:SSZ */
	ASSIGN,   /* a: person, b: role, c: unit or NULL */
	STEP,     /* a: phase, b: step, c: unit or NULL */
	SET,      /* b: "FACT=VALUE ...", c: unit or NULL */
	SIGN,     /* a: fact */
	ATTACH,   /* a: fact, b: URI, c: SHA-256 */
	APPROVE,  /* a: fact */
	ADD_UNIT, /* a: id, b: title, c: type, n: wave */
	DECIDE,   /* a: rationale, n: outcome kind, c: unit or NULL */
	GATE,     /* n: verdict, a: summary or NULL, c: unit or NULL */
	DENIED    /* approve a: fact by the actor, refused with b in the message */
} op_kind;

typedef struct op {
	op_kind kind;
	const char *actor;
	const char *a, *b, *c;
	int n;
} op;

#define KARI "Kari Nordmann"
#define OLA "Ola Hansen"
#define INGRID "Ingrid Berg"
#define SIRI "Siri Lund"
#define ARCHIVE "https://arkiv.nordby.example/nattilsyn/"
#define READY "ready: every must criterion met; should-score 1.00 (needs 0.50)"

/* The default methodology's story (tests/unit/test_scenario.c), up to the
 * recycle after the first pilot round. */
static const op ks_story[] = {
	{ AT, NULL, "2026-01-05T09:00:00Z", NULL, NULL, 0 },
	{ ASSIGN, KARI, KARI, "prosjekteier", NULL, 0 },
	{ ASSIGN, KARI, OLA, "prosjektleder", NULL, 0 },
	{ ASSIGN, KARI, INGRID, "styringsgruppe", NULL, 0 },
	{ ASSIGN, KARI, SIRI, "gevinstansvarlig", NULL, 0 },
	{ AT, NULL, "2026-01-12T10:00:00Z", NULL, NULL, 0 },
	{ STEP, OLA, "for-du-starter", "beskrive-utfordringsbildet", NULL, 0 },
	{ SET, OLA, NULL, "challenge_described=true work_planned=true", NULL, 0 },
	{ AT, NULL, "2026-01-14T10:00:00Z", NULL, NULL, 0 },
	{ STEP, KARI, "for-du-starter", "forankre-i-ledelsen", NULL, 0 },
	{ SET, KARI, NULL, "anchored_in_management=true need_for_change_understood=true", NULL, 0 },
	{ GATE, NULL, "blocked: 1 must criterion unmet (mandate)", NULL, NULL,
	  VEIKART_VERDICT_BLOCKED },
	{ AT, NULL, "2026-01-19T09:00:00Z", NULL, NULL, 0 },
	{ SIGN, KARI, "project_mandate", NULL, NULL, 0 },
	{ GATE, NULL, READY, NULL, NULL, VEIKART_VERDICT_READY },
	{ AT, NULL, "2026-01-19T10:00:00Z", NULL, NULL, 0 },
	{ DECIDE, KARI, "The mandate is signed: start the insight work.", NULL, NULL,
	  VEIKART_OUTCOME_GO },
	{ AT, NULL, "2026-02-02T10:00:00Z", NULL, NULL, 0 },
	{ STEP, OLA, "innsikt-og-ide", "innsikt", NULL, 0 },
	{ SET, OLA, NULL, "user_insight_gathered=true", NULL, 0 },
	{ AT, NULL, "2026-02-09T10:00:00Z", NULL, NULL, 0 },
	{ ATTACH, OLA, "target_picture", ARCHIVE "malbilde.pdf",
	  "606fde36089a8f565fd4073abcda7d3eecffea28b8d112a1b9893ce509654691", 0 },
	{ AT, NULL, "2026-02-16T10:00:00Z", NULL, NULL, 0 },
	{ SET, OLA, NULL,
	  "pilot_plan_goals=true pilot_plan_scope=true pilot_plan_duration=true "
	  "pilot_plan_participants=true pilot_plan_information=true pilot_plan_training=true "
	  "pilot_plan_error_handling=true pilot_plan_measurement=true "
	  "pilot_plan_observation=true pilot_plan_documentation=true",
	  NULL, 0 },
	{ STEP, OLA, "innsikt-og-ide", "pilotplan", NULL, 0 },
	{ AT, NULL, "2026-02-23T10:00:00Z", NULL, NULL, 0 },
	{ ATTACH, SIRI, "benefit_plan", ARCHIVE "gevinstplan.pdf",
	  "93b9a519f64a0a63b371b0aaa246f506e00dbd1bad738ec19c0bf83ef9345b51", 0 },
	{ STEP, SIRI, "innsikt-og-ide", "gevinstrealiseringsplan", NULL, 0 },
	{ DENIED, OLA, "benefit_plan", "needs role `prosjekteier`", NULL, 0 },
	{ GATE, NULL, "blocked: 1 must criterion unmet (benefit_plan_approved)", NULL, NULL,
	  VEIKART_VERDICT_BLOCKED },
	{ AT, NULL, "2026-02-24T09:00:00Z", NULL, NULL, 0 },
	{ APPROVE, KARI, "benefit_plan", NULL, NULL, 0 },
	{ AT, NULL, "2026-02-25T10:00:00Z", NULL, NULL, 0 },
	{ ATTACH, SIRI, "baseline_measurement", ARCHIVE "nullpunkt.xlsx",
	  "bfe4135ed30244e795179ab7e3b14fa3296463e06d610313cfedaf6e5ebc1d72", 0 },
	{ STEP, SIRI, "innsikt-og-ide", "nullpunktsmaling", NULL, 0 },
	{ AT, NULL, "2026-03-02T09:00:00Z", NULL, NULL, 0 },
	{ GATE, NULL, READY, NULL, NULL, VEIKART_VERDICT_READY },
	{ AT, NULL, "2026-03-02T10:00:00Z", NULL, NULL, 0 },
	{ DECIDE, INGRID, "Start the pilot in two home-care districts.", NULL, NULL,
	  VEIKART_OUTCOME_GO },
	{ AT, NULL, "2026-03-02T11:00:00Z", NULL, NULL, 0 },
	{ SET, OLA, NULL, "pilot_start=2026-03-09 pilot_participants=24 staff_trained_ratio=55%",
	  NULL, 0 },
	{ STEP, OLA, "utproving", "gjore-klart", NULL, 0 },
	{ STEP, OLA, "utproving", "rekruttere", NULL, 0 },
	{ AT, NULL, "2026-04-06T10:00:00Z", NULL, NULL, 0 },
	{ SET, OLA, NULL, "active_use_ratio=45%", NULL, 0 },
	{ STEP, OLA, "utproving", "gjennomfore", NULL, 0 },
	{ AT, NULL, "2026-04-20T10:00:00Z", NULL, NULL, 0 },
	{ SET, SIRI, NULL, "hours_saved_per_week=4", NULL, 0 },
	{ STEP, SIRI, "utproving", "male-underveis", NULL, 0 },
	{ AT, NULL, "2026-05-04T10:00:00Z", NULL, NULL, 0 },
	{ SET, OLA, NULL, "user_experience=medium", NULL, 0 },
	{ STEP, OLA, "utproving", "observere", NULL, 0 },
	{ AT, NULL, "2026-05-11T09:00:00Z", NULL, NULL, 0 },
	{ ATTACH, OLA, "pilot_report", ARCHIVE "pilotrapport-1.pdf",
	  "50d777bfa81ad370a4e2504230b6b6f6a037f2518aadca07acf3b408b6506666", 0 },
	{ STEP, OLA, "utproving", "dokumentere", NULL, 0 },
	{ GATE, NULL, READY, NULL, NULL, VEIKART_VERDICT_READY },
	{ AT, NULL, "2026-05-11T10:00:00Z", NULL, NULL, 0 },
	{ DECIDE, KARI, "Evaluate the first round.", NULL, NULL, VEIKART_OUTCOME_GO },
	{ AT, NULL, "2026-05-25T10:00:00Z", NULL, NULL, 0 },
	{ ATTACH, OLA, "evaluation_report", ARCHIVE "evaluering-1.pdf",
	  "f843835b151d2efe33881a5b7a719884bef658d1a4acedaac5ef1bc6d1e650ce", 0 },
	{ STEP, OLA, "evaluering", "evaluere", NULL, 0 },
	{ AT, NULL, "2026-05-26T09:00:00Z", NULL, NULL, 0 },
	{ APPROVE, KARI, "evaluation_report", NULL, NULL, 0 },
	{ AT, NULL, "2026-06-01T09:00:00Z", NULL, NULL, 0 },
	{ GATE, NULL, "blocked: 1 must criterion unmet (active_use)", NULL, NULL,
	  VEIKART_VERDICT_BLOCKED },
	{ AT, NULL, "2026-06-01T10:00:00Z", NULL, NULL, 0 },
	{ DECIDE, INGRID, "Available is not adopted: a new pilot round.", NULL, NULL,
	  VEIKART_OUTCOME_RECYCLE },
	{ END, NULL, NULL, NULL, NULL, 0 },
};

#define METTE "Mette Holm"
#define JENS "Jens Vang"
#define LISE "Lise Kragh"

/* Silkeborg's rollout (tests/unit/test_rollout.c) with four facilities. */
static const op silkeborg_story[] = {
	{ AT, NULL, "2018-03-05T10:00:00Z", NULL, NULL, 0 },
	{ ASSIGN, METTE, METTE, "projektejer", NULL, 0 },
	{ ASSIGN, METTE, JENS, "udviklingskonsulent", NULL, 0 },
	{ ASSIGN, METTE, LISE, "leverandoer", NULL, 0 },
	{ AT, NULL, "2018-03-12T10:00:00Z", NULL, NULL, 0 },
	{ SET, JENS, NULL, "staff_involved=true supplier_involved=true", NULL, 0 },
	{ DECIDE, METTE, "The staff chose the platform.", NULL, NULL, VEIKART_OUTCOME_GO },
	{ AT, NULL, "2018-04-09T10:00:00Z", NULL, NULL, 0 },
	{ ATTACH, JENS, "implementation_plan",
	  "https://silkeborg.example/ibg/implementeringsplan.pdf", NULL, 0 },
	{ APPROVE, METTE, "implementation_plan", NULL, NULL, 0 },
	{ SET, LISE, NULL, "training_adapted=true", NULL, 0 },
	{ AT, NULL, "2018-04-16T10:00:00Z", NULL, NULL, 0 },
	{ GATE, NULL, NULL, NULL, NULL, VEIKART_VERDICT_INCOMPLETE },
	{ SET, JENS, NULL,
	  "information_plan=true supplier_best_practice=true problem_response_ready=true", NULL,
	  0 },
	{ DECIDE, METTE, "Roll out to the facilities this summer.", NULL, NULL,
	  VEIKART_OUTCOME_GO },
	{ AT, NULL, "2018-04-17T10:00:00Z", NULL, NULL, 0 },
	{ ADD_UNIT, JENS, "tilbud-01", "Botilbud 1", "botilbud", 1 },
	{ ADD_UNIT, JENS, "tilbud-02", "Botilbud 2", "botilbud", 1 },
	{ ADD_UNIT, JENS, "tilbud-03", "Dagtilbud 3", "dagtilbud", 1 },
	{ ADD_UNIT, JENS, "tilbud-04", "Botilbud 4", "botilbud", 1 },
	{ ASSIGN, JENS, "Leder 01", "leder", "tilbud-01", 0 },
	{ ASSIGN, JENS, "Leder 02", "leder", "tilbud-02", 0 },
	{ ASSIGN, JENS, "Leder 03", "leder", "tilbud-03", 0 },
	{ ASSIGN, JENS, "Leder 04", "leder", "tilbud-04", 0 },
	{ GATE, NULL, NULL, NULL, NULL, VEIKART_VERDICT_BLOCKED },
	{ AT, NULL, "2018-05-07T10:00:00Z", NULL, NULL, 0 },
	{ SET, JENS, NULL, "kickoff_held=true superusers=2", "tilbud-01", 0 },
	{ SET, JENS, NULL, "kickoff_held=true superusers=2", "tilbud-02", 0 },
	{ SET, JENS, NULL, "kickoff_held=true superusers=3", "tilbud-03", 0 },
	{ SET, JENS, NULL, "kickoff_held=true superusers=2", "tilbud-04", 0 },
	{ DECIDE, JENS, "Kick-off held.", NULL, "tilbud-01", VEIKART_OUTCOME_GO },
	{ DECIDE, JENS, "Kick-off held.", NULL, "tilbud-02", VEIKART_OUTCOME_GO },
	{ DECIDE, JENS, "Kick-off held.", NULL, "tilbud-03", VEIKART_OUTCOME_GO },
	{ DECIDE, JENS, "Kick-off held.", NULL, "tilbud-04", VEIKART_OUTCOME_GO },
	{ AT, NULL, "2018-05-22T10:00:00Z", NULL, NULL, 0 },
	{ STEP, LISE, "undervisning", "undervisning", "tilbud-01", 0 },
	{ SET, LISE, NULL, "staff_trained=90%", "tilbud-01", 0 },
	{ STEP, "Leder 01", "undervisning", "skaerme-op", "tilbud-01", 0 },
	{ SET, "Leder 01", NULL, "screens_up=true", "tilbud-01", 0 },
	{ STEP, LISE, "undervisning", "undervisning", "tilbud-02", 0 },
	{ SET, LISE, NULL, "staff_trained=70%", "tilbud-02", 0 },
	{ STEP, "Leder 02", "undervisning", "skaerme-op", "tilbud-02", 0 },
	{ SET, "Leder 02", NULL, "screens_up=true", "tilbud-02", 0 },
	{ AT, NULL, "2018-06-04T10:00:00Z", NULL, NULL, 0 },
	{ GATE, NULL, NULL, NULL, "tilbud-01", VEIKART_VERDICT_READY },
	{ GATE, NULL, NULL, NULL, "tilbud-02", VEIKART_VERDICT_BLOCKED },
	{ DECIDE, JENS, "Trained, and the screens are up.", NULL, "tilbud-01", VEIKART_OUTCOME_GO },
	{ GATE, NULL, NULL, NULL, NULL, VEIKART_VERDICT_BLOCKED },
	{ END, NULL, NULL, NULL, NULL, 0 },
};

/* ---- a worker ------------------------------------------------------------------ */

typedef struct result {
	char *snapshot; /* of the live initiative */
	size_t snapshot_len;
	char *report; /* its Markdown report */
	size_t report_len;
	char *transcript; /* what each step of the walk said */
	size_t transcript_len;
	char phase[64];
} result;

typedef struct worker {
	const veikart_method *ks;        /* shared */
	const veikart_method *silkeborg; /* shared */
	int index;
	char dir[512];
	int64_t now;
	result ks_result, silkeborg_result;
	uint64_t method_sum; /* of everything read from the methodologies */
	char why[2048];      /* the first failure, "" when none */
	char *log;           /* the transcript being written */
	size_t log_len, log_cap;
} worker;

static int failed(worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int failed(worker *w, const char *fmt, ...)
{
	va_list ap;

	if (w->why[0] == '\0') {
		va_start(ap, fmt);
		vsnprintf(w->why, sizeof(w->why), fmt, ap);
		va_end(ap);
	}
	return -1;
}

static void note(worker *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(worker *w, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = (int)sizeof(line) - 1;
	if (w->log_len + (size_t)n + 2 > w->log_cap) {
		size_t cap = w->log_cap ? w->log_cap * 2 : 16384;
		char *grown = realloc(w->log, cap + (size_t)n);

		if (grown == NULL)
			return;
		w->log = grown;
		w->log_cap = cap + (size_t)n;
	}
	memcpy(w->log + w->log_len, line, (size_t)n);
	w->log_len += (size_t)n;
	w->log[w->log_len++] = '\n';
}

static int64_t clock_of(void *payload)
{
	return ((const worker *)payload)->now;
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm): no libc
 * time functions, so nothing shared between the threads. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int parse_time(const char *text, int64_t *out)
{
	int y, mo, d, h, mi, s;

	if (sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) != 6)
		return -1;
	*out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
	return 0;
}

static int set_facts(veikart_initiative *in, const char *actor, const char *unit, const char *pairs)
{
	const char *ids[16], *values[16];
	char copy[1024], *p, *eq, *save = NULL;
	size_t n = 0;

	snprintf(copy, sizeof(copy), "%s", pairs);
	for (p = strtok_r(copy, " ", &save); p != NULL && n < 16; p = strtok_r(NULL, " ", &save)) {
		eq = strchr(p, '=');
		if (eq == NULL)
			return VEIKART_EINVALID;
		*eq = '\0';
		ids[n] = p;
		values[n] = eq + 1;
		n++;
	}
	if (unit != NULL)
		return veikart_initiative_unit_set(in, actor, unit, n, ids, values);
	return veikart_initiative_set_many(in, actor, n, ids, values);
}

static int gate_op(worker *w, veikart_initiative *in, const op *o, size_t k)
{
	veikart_report *r = NULL;
	size_t i;
	int err;

	if (o->c != NULL)
		err = veikart_initiative_unit_evaluate(&r, in, o->c, NULL);
	else
		err = veikart_initiative_evaluate(&r, in, NULL);
	if (err < 0)
		return failed(w, "step %zu: evaluate: %s", k, veikart_error_last()->message);
	note(w, "gate %s%s%s: %s %.4f %s", veikart_gate_id(veikart_report_gate(r)),
	     o->c ? " of " : "", o->c ? o->c : "", veikart_verdict_name(veikart_report_verdict(r)),
	     veikart_report_score(r), veikart_report_summary(r));
	for (i = 0; i < veikart_report_count(r); i++)
		note(w, "  %s %s %s", veikart_criterion_id(veikart_report_criterion(r, i)),
		     veikart_truth_name(veikart_report_truth(r, i)), veikart_report_reason(r, i));
	if ((int)veikart_report_verdict(r) != o->n)
		err = failed(w, "step %zu: gate %s is %s: %s", k,
		             veikart_gate_id(veikart_report_gate(r)),
		             veikart_verdict_name(veikart_report_verdict(r)),
		             veikart_report_summary(r));
	else if (o->a != NULL && strcmp(veikart_report_summary(r), o->a) != 0)
		err = failed(w, "step %zu: the gate says \"%s\", not \"%s\"", k,
		             veikart_report_summary(r), o->a);
	veikart_report_free(r);
	return err;
}

static int run_op(worker *w, veikart_initiative *in, const op *o, size_t k)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	uint64_t seq = veikart_initiative_seq(in);
	int err = 0;

	switch (o->kind) {
	case END:
	case AT:
		return 0;
	case ASSIGN:
		err = o->c ? veikart_initiative_unit_assign(in, o->actor, o->c, o->a, o->b)
		           : veikart_initiative_assign(in, o->actor, o->a, o->b);
		break;
	case STEP:
		err = o->c ? veikart_initiative_unit_step(in, o->actor, o->c, o->a, o->b)
		           : veikart_initiative_step(in, o->actor, o->a, o->b);
		break;
	case SET:
		err = set_facts(in, o->actor, o->c, o->b);
		break;
	case SIGN:
		err = veikart_initiative_sign(in, o->actor, o->a);
		break;
	case ATTACH:
		err = veikart_initiative_attach(in, o->actor, o->a, o->b, o->c);
		break;
	case APPROVE:
		err = veikart_initiative_approve(in, o->actor, o->a);
		break;
	case ADD_UNIT:
		spec.id = o->a;
		spec.title = o->b;
		spec.type = o->c;
		spec.wave = o->n;
		spec.order = o->n;
		err = veikart_initiative_add_unit(in, o->actor, &spec);
		break;
	case DECIDE:
		req.actor = o->actor;
		req.rationale = o->a;
		req.outcome = (veikart_outcome_kind)o->n;
		req.unit = o->c;
		err = veikart_initiative_decide(in, &req);
		break;
	case GATE:
		return gate_op(w, in, o, k);
	case DENIED:
		/* Refused, with this thread's own message, and nothing recorded. */
		err = veikart_initiative_approve(in, o->actor, o->a);
		note(w, "refused: %d %s", err, veikart_error_last()->message);
		if (err != VEIKART_EDENIED || !test_contains(veikart_error_last()->message, o->b) ||
		    veikart_initiative_seq(in) != seq)
			return failed(w, "step %zu: approve by %s gave %d: %s", k, o->actor, err,
			              veikart_error_last()->message);
		return 0;
	}
	if (err < 0)
		return failed(w, "step %zu: %s", k, veikart_error_last()->message);
	note(w, "#%" PRIu64 " %s in %s", veikart_initiative_seq(in), veikart_initiative_head(in),
	     veikart_phase_id(veikart_initiative_phase(in)));
	return 0;
}

/* Snapshot, restore and replay of the journal all give the same state. */
static int same_three_ways(worker *w, const veikart_method *m, veikart_initiative *in,
                           const char *path, result *res)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative *restored = NULL, *replayed = NULL;
	veikart_journal *j = NULL;
	char *again = NULL, *back = NULL;
	size_t again_len = 0, back_len = 0;
	int err;

	err = veikart_initiative_snapshot(&res->snapshot, &res->snapshot_len, in);
	if (err < 0) {
		err = failed(w, "snapshot: %s", veikart_error_last()->message);
		goto out;
	}
	err = veikart_initiative_export(&res->report, &res->report_len, in, VEIKART_EXPORT_MARKDOWN,
	                                "en");
	if (err < 0) {
		err = failed(w, "export: %s", veikart_error_last()->message);
		goto out;
	}
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	err = veikart_initiative_restore(&restored, m, res->snapshot, res->snapshot_len, &io);
	if (err == 0)
		err = veikart_initiative_snapshot(&back, &back_len, restored);
	if (err < 0) {
		err = failed(w, "restore: %s", veikart_error_last()->message);
		goto out;
	}
	jo.flags = VEIKART_JOURNAL_READONLY;
	err = veikart_journal_open(&j, path, &jo);
	if (err == 0)
		err = veikart_initiative_replay(&replayed, m, j, &io);
	if (err == 0)
		err = veikart_initiative_snapshot(&again, &again_len, replayed);
	if (err < 0) {
		err = failed(w, "replay %s: %s", path, veikart_error_last()->message);
		goto out;
	}
	if (back_len != res->snapshot_len || memcmp(back, res->snapshot, back_len) != 0)
		err = failed(w, "the restored initiative is not the live one");
	else if (again_len != res->snapshot_len || memcmp(again, res->snapshot, again_len) != 0)
		err = failed(w, "the replayed initiative is not the live one");
out:
	veikart_string_free(again);
	veikart_string_free(back);
	veikart_initiative_free(replayed);
	veikart_initiative_free(restored);
	veikart_journal_free(j);
	return err;
}

/* Walk STORY on M from scratch, journalled in the worker's own file. */
static int walk(worker *w, const veikart_method *m, const op *story, const char *id,
                const char *creator, result *res)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative *in = NULL;
	veikart_journal *j = NULL;
	char path[700];
	size_t k;
	int err;

	snprintf(path, sizeof(path), "%s/%s.vj", w->dir, id);
	unlink(path);
	free(w->log);
	w->log = NULL;
	w->log_len = w->log_cap = 0;
	if (parse_time(story[0].a, &w->now) < 0)
		return failed(w, "bad time %s", story[0].a);
	jo.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC;
	err = veikart_journal_open(&j, path, &jo);
	if (err < 0) {
		err = failed(w, "%s", veikart_error_last()->message);
		goto out;
	}
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	io.commit = veikart_journal_commit;
	io.commit_payload = j;
	err = veikart_initiative_create(&in, m, id, "Shared by threads", creator, &io);
	if (err < 0) {
		err = failed(w, "create: %s", veikart_error_last()->message);
		goto out;
	}
	for (k = 0; story[k].kind != END; k++) {
		if (story[k].kind == AT && parse_time(story[k].a, &w->now) < 0) {
			err = failed(w, "bad time %s", story[k].a);
			goto out;
		}
		err = run_op(w, in, &story[k], k);
		if (err < 0)
			goto out;
	}
	snprintf(res->phase, sizeof(res->phase), "%s",
	         veikart_phase_id(veikart_initiative_phase(in)));
	err = same_three_ways(w, m, in, path, res);
out:
	res->transcript = w->log;
	res->transcript_len = w->log_len;
	w->log = NULL;
	w->log_len = w->log_cap = 0;
	veikart_initiative_free(in);
	veikart_journal_free(j);
	unlink(path);
	return err;
}

/* ---- reading the shared methodology ------------------------------------------------- */

static void mix(uint64_t *sum, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "(null)");

	for (; *p != '\0'; p++)
		*sum = (*sum ^ *p) * UINT64_C(1099511628211);
	*sum = (*sum ^ 0xff) * UINT64_C(1099511628211);
}

static void mix_number(uint64_t *sum, double x)
{
	char text[64];

	snprintf(text, sizeof(text), "%.6g", x);
	mix(sum, text);
}

/* Everything a host reads to show a methodology, in every language. */
static void read_method(const veikart_method *m, uint64_t *sum)
{
	size_t i, k, l;
	const char *lang;

	mix(sum, veikart_method_id(m));
	mix(sum, veikart_method_version(m));
	mix(sum, veikart_method_digest(m));
	for (l = 0; l <= veikart_method_language_count(m); l++) {
		lang = l < veikart_method_language_count(m) ? veikart_method_language(m, l) : NULL;
		mix(sum, veikart_method_title(m, lang));
		for (i = 0; i < veikart_method_role_count(m); i++)
			mix(sum, veikart_role_title(veikart_method_role(m, i), lang));
		for (i = 0; i < veikart_method_fact_count(m); i++) {
			const veikart_fact *f = veikart_method_fact(m, i);

			mix(sum, veikart_fact_id(f));
			mix(sum, veikart_fact_title(f, lang));
			mix(sum, veikart_type_name(veikart_fact_type(f)));
		}
		for (i = 0; i < veikart_method_phase_count(m); i++) {
			const veikart_phase *p = veikart_method_phase(m, i);

			mix(sum, veikart_phase_id(p));
			mix(sum, veikart_phase_title(p, lang));
			for (k = 0; k < veikart_phase_step_count(p); k++)
				mix(sum, veikart_step_title(veikart_phase_step(p, k), lang));
		}
		for (i = 0; i < veikart_method_gate_count(m); i++) {
			const veikart_gate *g = veikart_method_gate(m, i);

			mix(sum, veikart_gate_title(g, lang));
			mix_number(sum, veikart_gate_threshold(g));
			for (k = 0; k < veikart_gate_criterion_count(g); k++) {
				const veikart_criterion *c = veikart_gate_criterion(g, k);

				mix(sum, veikart_criterion_text(c, lang));
				mix(sum, veikart_level_name(veikart_criterion_level(c)));
				mix_number(sum, veikart_criterion_weight(c));
				mix(sum, veikart_criterion_expression(c));
			}
			for (k = 0; k < veikart_gate_outcome_count(g); k++)
				mix(sum, veikart_outcome_label(veikart_gate_outcome(g, k), lang));
		}
	}
}

/* Compile every criterion's expression against M as its gate does, and
 * evaluate those of the initiative with a few facts; a bad expression says
 * where it is wrong, in this thread's own error. */
static int compile_and_evaluate(worker *w, const veikart_method *m, uint64_t *sum)
{
	veikart_eval_options eo = VEIKART_EVAL_OPTIONS_INIT;
	veikart_facts *facts = NULL;
	veikart_expr *e = NULL;
	veikart_value *v = NULL;
	veikart_scope scope;
	char bad[32], wrong[64];
	size_t i, k;
	int err;

	err = veikart_facts_new(&facts, m);
	if (err < 0)
		return failed(w, "facts: %s", veikart_error_last()->message);
	/* Whatever of these the methodology has. */
	veikart_facts_set(facts, "challenge_described", "true");
	veikart_facts_set(facts, "active_use_ratio", "45%");
	veikart_facts_set(facts, "staff_involved", "true");
	eo.now = INT64_C(1767225600);
	eo.phase_entered = INT64_C(1767225600) - 20 * 86400;
	for (i = 0; i < veikart_method_gate_count(m) && err == 0; i++) {
		const veikart_gate *g = veikart_method_gate(m, i);

		scope = veikart_phase_scope(veikart_gate_from(g));
		for (k = 0; k < veikart_gate_criterion_count(g) && err == 0; k++) {
			const char *src =
			        veikart_criterion_expression(veikart_gate_criterion(g, k));

			if (src == NULL)
				continue;
			err = veikart_expr_compile_in(&e, m, src, scope);
			if (err < 0) {
				err = failed(w, "compile `%s`: %s", src,
				             veikart_error_last()->message);
				break;
			}
			mix(sum, veikart_expr_text(e));
			mix(sum, veikart_type_name(veikart_expr_type(e)));
			if (scope == VEIKART_SCOPE_INITIATIVE) {
				err = veikart_expr_evaluate(&v, e, facts, &eo);
				if (err < 0) {
					err = failed(w, "evaluate `%s`: %s", src,
					             veikart_error_last()->message);
				} else {
					mix(sum, veikart_truth_name(veikart_value_truth(v)));
					mix(sum, veikart_value_text(v));
					mix(sum, veikart_value_reason(v));
				}
				veikart_value_free(v);
				v = NULL;
			}
			veikart_expr_free(e);
			e = NULL;
		}
	}
	/* An error of this thread's own making, in this thread's own words. */
	snprintf(bad, sizeof(bad), "no_fact_%d", w->index + 100);
	snprintf(wrong, sizeof(wrong), "%s and true", bad);
	if (err == 0 && veikart_expr_compile(&e, m, wrong) != VEIKART_EFORMAT)
		err = failed(w, "`%s` compiled", wrong);
	else if (err == 0 && !test_contains(veikart_error_last()->message, bad))
		err = failed(w, "`%s` gave another error: %s", wrong,
		             veikart_error_last()->message);
	veikart_expr_free(e);
	veikart_facts_free(facts);
	return err;
}

/* One worker's whole task, ROUNDS times; the results of the last round stay. */
static void *work(void *arg)
{
	worker *w = arg;
	int round;

	for (round = 0; round < ROUNDS && w->why[0] == '\0'; round++) {
		result ks = { 0 }, sb = { 0 };
		uint64_t sum = UINT64_C(14695981039346656037);

		read_method(w->ks, &sum);
		if (walk(w, w->ks, ks_story, "NATT-1", KARI, &ks) == 0)
			read_method(w->silkeborg, &sum);
		if (w->why[0] == '\0' && compile_and_evaluate(w, w->ks, &sum) == 0 &&
		    walk(w, w->silkeborg, silkeborg_story, "IBG-2018", METTE, &sb) == 0)
			compile_and_evaluate(w, w->silkeborg, &sum);
		veikart_string_free(w->ks_result.snapshot);
		veikart_string_free(w->ks_result.report);
		free(w->ks_result.transcript);
		veikart_string_free(w->silkeborg_result.snapshot);
		veikart_string_free(w->silkeborg_result.report);
		free(w->silkeborg_result.transcript);
		w->ks_result = ks;
		w->silkeborg_result = sb;
		w->method_sum = sum;
	}
	return NULL;
}

/* ---- the tests --------------------------------------------------------------------- */

static veikart_method *load(const char *id)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_method *m = NULL;

	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	if (veikart_method_load(&m, id, &lo, NULL) < 0)
		fail_msg("%s: %s", id, veikart_error_last()->message);
	return m;
}

static void worker_init(worker *w, int index, const veikart_method *ks,
                        const veikart_method *silkeborg)
{
	memset(w, 0, sizeof(*w));
	w->index = index;
	w->ks = ks;
	w->silkeborg = silkeborg;
	snprintf(w->dir, sizeof(w->dir), "%s", "/tmp/veikart-threads-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
}

static void worker_dispose(worker *w)
{
	veikart_string_free(w->ks_result.snapshot);
	veikart_string_free(w->ks_result.report);
	free(w->ks_result.transcript);
	veikart_string_free(w->silkeborg_result.snapshot);
	veikart_string_free(w->silkeborg_result.report);
	free(w->silkeborg_result.transcript);
	free(w->log);
	rmdir(w->dir);
}

static void same_result(const result *got, const result *want, int index, const char *what)
{
	if (got->transcript_len != want->transcript_len ||
	    memcmp(got->transcript, want->transcript, want->transcript_len) != 0)
		fail_msg("thread %d: the %s walk went otherwise:\n%.*s", index, what,
		         (int)got->transcript_len, got->transcript);
	if (got->snapshot_len != want->snapshot_len ||
	    memcmp(got->snapshot, want->snapshot, want->snapshot_len) != 0)
		fail_msg("thread %d: the %s snapshot differs", index, what);
	if (got->report_len != want->report_len ||
	    memcmp(got->report, want->report, want->report_len) != 0)
		fail_msg("thread %d: the %s report differs", index, what);
	assert_string_equal(got->phase, want->phase);
}

static void test_threads_should_walk_one_shared_methodology_alike(void **state)
{
	veikart_method *ks = load("ks-veikart"), *silkeborg = load("silkeborg-ibg");
	worker alone, workers[THREADS];
	pthread_t threads[THREADS];
	int i;

	(void)state;
	/* The walk on the main thread alone: what every thread must get. */
	worker_init(&alone, -1, ks, silkeborg);
	work(&alone);
	if (alone.why[0] != '\0')
		fail_msg("on the main thread alone: %s", alone.why);
	assert_string_equal(alone.ks_result.phase, "utproving");
	assert_string_equal(alone.silkeborg_result.phase, "udrulning");
	assert_true(test_contains(alone.ks_result.snapshot, "NATT-1"));
	assert_true(test_contains(alone.silkeborg_result.snapshot, "tilbud-04"));

	for (i = 0; i < THREADS; i++)
		worker_init(&workers[i], i, ks, silkeborg);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&threads[i], NULL, work, &workers[i]), 0);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(threads[i], NULL), 0);
	for (i = 0; i < THREADS; i++) {
		if (workers[i].why[0] != '\0')
			fail_msg("thread %d: %s", i, workers[i].why);
		same_result(&workers[i].ks_result, &alone.ks_result, i, "ks-veikart");
		same_result(&workers[i].silkeborg_result, &alone.silkeborg_result, i,
		            "silkeborg-ibg");
		assert_true(workers[i].method_sum == alone.method_sum);
	}
	for (i = 0; i < THREADS; i++)
		worker_dispose(&workers[i]);
	worker_dispose(&alone);
	veikart_method_free(silkeborg);
	veikart_method_free(ks);
}

/* ---- loading at once ------------------------------------------------------------- */

typedef struct loader {
	int index;
	char digests[4][65];
	char why[1024];
} loader;

static const char *const load_ids[4] = { "ks-veikart", "silkeborg-ibg", "ks-veikart-pv", "esset" };

static void *load_all(void *arg)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	loader *l = arg;
	veikart_method *m;
	size_t i, k;

	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	/* Each thread starts at another methodology. */
	for (k = 0; k < 4; k++) {
		i = (k + (size_t)l->index) % 4;
		m = NULL;
		if (veikart_method_load(&m, load_ids[i], &lo, NULL) < 0) {
			snprintf(l->why, sizeof(l->why), "%s: %s", load_ids[i],
			         veikart_error_last()->message);
			return NULL;
		}
		snprintf(l->digests[i], sizeof(l->digests[i]), "%s", veikart_method_digest(m));
		veikart_method_free(m);
	}
	return NULL;
}

static void test_threads_should_load_methodologies_at_once(void **state)
{
	loader alone, loaders[THREADS];
	pthread_t threads[THREADS];
	int i, k;

	(void)state;
	memset(&alone, 0, sizeof(alone));
	load_all(&alone);
	if (alone.why[0] != '\0')
		fail_msg("%s", alone.why);
	memset(loaders, 0, sizeof(loaders));
	for (i = 0; i < THREADS; i++) {
		loaders[i].index = i;
		assert_int_equal(pthread_create(&threads[i], NULL, load_all, &loaders[i]), 0);
	}
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_join(threads[i], NULL), 0);
	for (i = 0; i < THREADS; i++) {
		if (loaders[i].why[0] != '\0')
			fail_msg("thread %d: %s", i, loaders[i].why);
		for (k = 0; k < 4; k++)
			assert_string_equal(loaders[i].digests[k], alone.digests[k]);
	}
}

/* One report, read by every thread at once: a report on a gate that reads
 * plain facts writes its words when first asked, and the threads racing to
 * ask must all get the one text published, whole. */
typedef struct reader {
	const veikart_report *report;
	pthread_barrier_t *start;
	const char *summary;
	const char *reasons[16];
} reader;

static void *read_report(void *arg)
{
	reader *rd = arg;
	size_t i;

	pthread_barrier_wait(rd->start);
	rd->summary = veikart_report_summary(rd->report);
	for (i = 0; i < veikart_report_count(rd->report) && i < 16; i++)
		rd->reasons[i] = veikart_report_reason(rd->report, i);
	return NULL;
}

static void test_threads_should_share_one_report(void **state)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	static const char *const ids[] = { "participants", "weeks", "pilot_report" };
	static const char *const values[] = { "24", "10", "true" };
	veikart_initiative *in = NULL;
	veikart_facts *f = NULL;
	veikart_method *m = NULL;
	veikart_report *r = NULL;
	pthread_barrier_t start;
	pthread_t threads[THREADS];
	reader readers[THREADS];
	const veikart_gate *g;
	size_t i;
	int round, k;

	(void)state;
	assert_int_equal(veikart_method_load(&m, test_path("bench/lifecycle.xml"), NULL, NULL), 0);
	assert_int_equal(veikart_initiative_create(&in, m, "T-1", "Threads", "Kari", &io), 0);
	assert_int_equal(veikart_facts_new(&f, m), 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(veikart_facts_set(f, ids[i], values[i]), 0);
	g = veikart_method_gate_by_id(m, "pilot-gate");
	assert_non_null(g);
	for (round = 0; round < 20; round++) {
		assert_int_equal(veikart_initiative_what_if(&r, in, g, f), 0);
		assert_int_equal(pthread_barrier_init(&start, NULL, THREADS), 0);
		memset(readers, 0, sizeof(readers));
		for (k = 0; k < THREADS; k++) {
			readers[k].report = r;
			readers[k].start = &start;
			assert_int_equal(
			        pthread_create(&threads[k], NULL, read_report, &readers[k]), 0);
		}
		for (k = 0; k < THREADS; k++)
			assert_int_equal(pthread_join(threads[k], NULL), 0);
		pthread_barrier_destroy(&start);
		for (k = 0; k < THREADS; k++) {
			assert_ptr_equal(readers[k].summary, veikart_report_summary(r));
			for (i = 0; i < veikart_report_count(r) && i < 16; i++)
				assert_ptr_equal(readers[k].reasons[i],
				                 veikart_report_reason(r, i));
		}
		assert_non_null(strstr(veikart_report_reason(r, 0), "`participants` is 24"));
		veikart_report_free(r);
	}
	veikart_facts_free(f);
	veikart_initiative_free(in);
	veikart_method_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_should_walk_one_shared_methodology_alike),
		cmocka_unit_test(test_threads_should_load_methodologies_at_once),
		cmocka_unit_test(test_threads_should_share_one_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
