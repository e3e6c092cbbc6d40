/*
 * veikart demo - one initiative walks the KS Veikart, told as it goes.
 * SPDX-License-Identifier: MIT
 *
 * The story is data: a table of steps, each a time on the simulated clock,
 * a line of narration and one call of the library, run by a small
 * interpreter that prints the events each call recorded.  The same story is
 * told through the API by tests/unit/test_scenario.c and through the
 * commands by tests/cli/test_scenario.sh; the three journals must be
 * byte-identical, so a change here is a change there.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int run(int argc, char **argv);

const cli_command cli_demo = {
	"demo",
	"walk an initiative through the KS Veikart, telling the story",
	"usage: veikart demo [--journal FILE] [--lang LANG] [--path DIR]...\n"
	"\n"
	"Walk one initiative, digital night-time supervision in a municipality's\n"
	"home care, through the default methodology (the KS Veikart for service\n"
	"innovation), and tell the story as it goes: the project owner starts it\n"
	"and names the project leader, a steering group member and the benefit\n"
	"owner; needs, insight and planning pass their gates; the first pilot round\n"
	"shows low adoption, so the evaluation gate is blocked and the steering\n"
	"group sends it back for a second round; with better training it passes,\n"
	"goes into operation and becomes new practice.\n"
	"\n"
	"Every step is recorded in a real journal, on a simulated clock (from\n"
	"2026-01-05), so the output is the same every time.  Afterwards, try the\n"
	"other commands on the journal: status, log, report, verify.\n"
	"\n"
	"Options:\n"
	"  --journal FILE  write the journal to FILE (it must not exist); by default\n"
	"                  to a new temporary directory, which is kept\n"
	"  --lang LANG     labels of the methodology in LANG (default en; the\n"
	"                  narration is English)\n"
	"  --path DIR      look for methodologies in DIR first (repeatable); the\n"
	"                  story is written for ks-veikart and may not hold for others\n"
	"  -h, --help      show this help\n"
	"\n"
	"Exit status: 0 when the story is told, 1 when it does not hold for the\n"
	"methodology found, 2 for a wrong command line, 3 when the journal cannot\n"
	"be written.\n",
	run,
};

/* ---- the story ------------------------------------------------------------------- */

typedef enum demo_op {
	DEMO_SAY,     /* the clock moves on (when) and the story goes on (say) */
	DEMO_CREATE,  /* a: id, b: title */
	DEMO_ASSIGN,  /* a: person, b: role */
	DEMO_SET,     /* a: "FACT=VALUE FACT=VALUE ...", recorded in one call */
	DEMO_ATTACH,  /* a: fact, b: uri, c: sha256 */
	DEMO_APPROVE, /* a: fact */
	DEMO_SIGN,    /* a: fact */
	DEMO_STEP,    /* a: phase, b: step */
	DEMO_GATE,    /* show the report of the current phase's gate */
	DEMO_DECIDE   /* a: outcome, c: rationale */
} demo_op;

typedef struct demo_step {
	demo_op op;
	const char *when; /* DEMO_SAY: the time the clock moves on to, or NULL */
	const char *say;  /* DEMO_SAY: narration, or NULL */
	const char *actor;
	const char *a, *b, *c;
	int refused; /* the call is meant to be refused: the roles at work */
} demo_step;

/* The story's vocabulary: a scene (a time and what happens), then the calls. */
/* clang-format off */
#define SCENE(w, text)             { .op = DEMO_SAY, .when = (w), .say = (text) }
#define AT(w)                      { .op = DEMO_SAY, .when = (w) }
#define SAY(text)                  { .op = DEMO_SAY, .say = (text) }
#define CREATE(who, id, title)     { .op = DEMO_CREATE, .actor = (who), .a = (id), .b = (title) }
#define ASSIGN(who, person, role)  { .op = DEMO_ASSIGN, .actor = (who), .a = (person), .b = (role) }
#define SET(who, pairs)            { .op = DEMO_SET, .actor = (who), .a = (pairs) }
#define ATTACH(who, fact, uri, sha) \
	{ .op = DEMO_ATTACH, .actor = (who), .a = (fact), .b = (uri), .c = (sha) }
#define APPROVE(who, fact)         { .op = DEMO_APPROVE, .actor = (who), .a = (fact) }
#define REFUSED_APPROVE(who, fact) \
	{ .op = DEMO_APPROVE, .actor = (who), .a = (fact), .refused = 1 }
#define SIGN(who, fact)            { .op = DEMO_SIGN, .actor = (who), .a = (fact) }
#define STEP(who, phase, step)     { .op = DEMO_STEP, .actor = (who), .a = (phase), .b = (step) }
#define GATE()                     { .op = DEMO_GATE }
#define DECIDE(who, outcome, why)  { .op = DEMO_DECIDE, .actor = (who), .a = (outcome), .c = (why) }
/* clang-format on */

#define KARI "Kari Nordmann"
#define OLA "Ola Hansen"
#define INGRID "Ingrid Berg"
#define SIRI "Siri Lund"
#define ARCHIVE "https://arkiv.nordby.example/nattilsyn/"

/* clang-format off */
static const demo_step story[] = {
	/* Before you start */
	SCENE("2026-01-05T09:00:00Z",
	      "Nordby's home care wants to replace part of its night-time rounds with digital "
	      "supervision: a sensor and a camera that shows only a silhouette, so that "
	      "residents who need no visit can sleep undisturbed.  The project owner, Kari "
	      "Nordmann, starts the initiative on the KS Veikart for service innovation."),
	CREATE(KARI, "NATT-1", "Digitalt nattilsyn i hjemmetjenesten"),
	SAY("She names the people who will carry it, each in a role of the methodology: "
	    "herself as project owner, Ola Hansen as project leader, Ingrid Berg for the "
	    "steering group and Siri Lund, the line manager, as benefit owner."),
	ASSIGN(KARI, KARI, "prosjekteier"),
	ASSIGN(KARI, OLA, "prosjektleder"),
	ASSIGN(KARI, INGRID, "styringsgruppe"),
	ASSIGN(KARI, SIRI, "gevinstansvarlig"),
	SCENE("2026-01-12T10:00:00Z",
	      "Ola describes the challenge: the night shift spends most of its time driving "
	      "between homes, and the visits wake people up.  He plans the further work."),
	STEP(OLA, "for-du-starter", "beskrive-utfordringsbildet"),
	SET(OLA, "challenge_described=true work_planned=true"),
	SCENE("2026-01-14T10:00:00Z",
	      "Kari anchors the work with the head of health and care, and explains to the "
	      "staff why change is needed."),
	STEP(KARI, "for-du-starter", "forankre-i-ledelsen"),
	SET(KARI, "anchored_in_management=true need_for_change_understood=true"),
	SCENE("2026-01-19T09:00:00Z",
	      "She signs the project mandate, and the first gate is ready:"),
	SIGN(KARI, "project_mandate"),
	GATE(),
	AT("2026-01-19T10:00:00Z"),
	DECIDE(KARI, "go",
	       "The challenges are described and anchored with management, and the mandate is "
	       "signed: start the insight work."),

	/* Insight and idea */
	SCENE("2026-02-02T10:00:00Z",
	      "Before anyone talks about products, Ola's team interviews residents, relatives "
	      "and night staff."),
	STEP(OLA, "innsikt-og-ide", "innsikt"),
	SET(OLA, "user_insight_gathered=true"),
	SCENE("2026-02-09T10:00:00Z",
	      "They draw the target picture: supervision by need, a visit only when it helps."),
	ATTACH(OLA, "target_picture", ARCHIVE "malbilde.pdf",
	       "606fde36089a8f565fd4073abcda7d3eecffea28b8d112a1b9893ce509654691"),
	SCENE("2026-02-16T10:00:00Z",
	      "The pilot is planned with the KS checklist: goals, scope, duration, "
	      "participants, information, training, error handling, measurement, observation "
	      "and documentation, recorded in one go."),
	SET(OLA, "pilot_plan_goals=true pilot_plan_scope=true pilot_plan_duration=true "
	         "pilot_plan_participants=true pilot_plan_information=true "
	         "pilot_plan_training=true pilot_plan_error_handling=true "
	         "pilot_plan_measurement=true pilot_plan_observation=true "
	         "pilot_plan_documentation=true"),
	STEP(OLA, "innsikt-og-ide", "pilotplan"),
	SCENE("2026-02-23T10:00:00Z",
	      "Siri Lund, who will own the benefits in the line, writes the benefits "
	      "realisation plan."),
	ATTACH(SIRI, "benefit_plan", ARCHIVE "gevinstplan.pdf",
	       "93b9a519f64a0a63b371b0aaa246f506e00dbd1bad738ec19c0bf83ef9345b51"),
	STEP(SIRI, "innsikt-og-ide", "gevinstrealiseringsplan"),
	SAY("Ola, keen to get going, tries to approve the plan himself.  The methodology says "
	    "the project owner approves it, and the library holds to that:"),
	REFUSED_APPROVE(OLA, "benefit_plan"),
	SCENE("2026-02-24T09:00:00Z", "Kari reads the plan and approves it."),
	APPROVE(KARI, "benefit_plan"),
	SCENE("2026-02-25T10:00:00Z",
	      "Siri measures the baseline: how many hours a week the night shift spends on "
	      "supervision visits today."),
	ATTACH(SIRI, "baseline_measurement", ARCHIVE "nullpunkt.xlsx",
	       "bfe4135ed30244e795179ab7e3b14fa3296463e06d610313cfedaf6e5ebc1d72"),
	STEP(SIRI, "innsikt-og-ide", "nullpunktsmaling"),
	SCENE("2026-03-02T09:00:00Z", "The steering group meets.  Its gate report:"),
	GATE(),
	AT("2026-03-02T10:00:00Z"),
	DECIDE(INGRID, "go",
	       "Insight, target picture, pilot plan, an approved benefits plan and a baseline "
	       "are in place. Start the pilot in two home-care districts."),

	/* Development and pilot, round 1 */
	SCENE("2026-03-02T11:00:00Z",
	      "Ola fixes the start date and recruits 24 residents.  Training is squeezed in "
	      "between shifts: only 55 % of the night staff get it before the start."),
	SET(OLA, "pilot_start=2026-03-09 pilot_participants=24 staff_trained_ratio=55%"),
	STEP(OLA, "utproving", "gjore-klart"),
	STEP(OLA, "utproving", "rekruttere"),
	SCENE("2026-04-06T10:00:00Z",
	      "Four weeks in, the sensors work in all 24 homes, but digital supervision is "
	      "actually used for only 45 % of the residents: staff who were not trained still "
	      "drive out and look in."),
	SET(OLA, "active_use_ratio=45%"),
	STEP(OLA, "utproving", "gjennomfore"),
	SCENE("2026-04-20T10:00:00Z",
	      "Siri measures the benefits already during the pilot: 4 hours a week saved "
	      "against the baseline."),
	SET(SIRI, "hours_saved_per_week=4"),
	STEP(SIRI, "utproving", "male-underveis"),
	SCENE("2026-05-04T10:00:00Z",
	      "Ola observes residents and staff; they rate their experience medium."),
	SET(OLA, "user_experience=medium"),
	STEP(OLA, "utproving", "observere"),
	SCENE("2026-05-11T09:00:00Z",
	      "After ten weeks the findings are written up, and Kari looks at the gate."),
	ATTACH(OLA, "pilot_report", ARCHIVE "pilotrapport-1.pdf",
	       "50d777bfa81ad370a4e2504230b6b6f6a037f2518aadca07acf3b408b6506666"),
	STEP(OLA, "utproving", "dokumentere"),
	GATE(),
	AT("2026-05-11T10:00:00Z"),
	DECIDE(KARI, "go",
	       "The round has run ten weeks with 24 participants, and use and time saved were "
	       "measured. Evaluate it."),

	/* Evaluation */
	SCENE("2026-05-25T10:00:00Z", "Ola writes the evaluation report, and Kari approves it."),
	ATTACH(OLA, "evaluation_report", ARCHIVE "evaluering-1.pdf",
	       "f843835b151d2efe33881a5b7a719884bef658d1a4acedaac5ef1bc6d1e650ce"),
	STEP(OLA, "evaluering", "evaluere"),
	AT("2026-05-26T09:00:00Z"),
	APPROVE(KARI, "evaluation_report"),
	SCENE("2026-06-01T09:00:00Z",
	      "The steering group meets to decide whether the service goes into operation.  "
	      "The gate says it may not:"),
	GATE(),
	SAY("Available is not adopted.  The technology works and is installed in every home, "
	    "but with 45 % active use the new practice has not taken hold, and only 55 % of "
	    "the staff were trained.  Going into operation now would mean paying for a service "
	    "that half the staff work around.  Going on would take an override, and the "
	    "steering group does not want one: it sends the initiative back for another pilot "
	    "round.  The Veikart is never a straight line."),
	AT("2026-06-01T10:00:00Z"),
	DECIDE(INGRID, "recycle",
	       "Available is not adopted: 45 % active use, and 55 % of the night staff trained. "
	       "New pilot round, with training for every night shift before the start and a "
	       "super-user in each team."),

	/* Development and pilot, round 2 */
	SCENE("2026-06-08T10:00:00Z",
	      "This time every night shift is trained before the start, and each team gets a "
	      "super-user.  31 residents take part."),
	SET(OLA, "pilot_start=2026-06-15 pilot_participants=31 staff_trained_ratio=92%"),
	STEP(OLA, "utproving", "opplaering"),
	SCENE("2026-07-20T10:00:00Z",
	      "Active use rises to 72 %, and residents and staff now rate their experience "
	      "high."),
	SET(OLA, "active_use_ratio=72% user_experience=high"),
	SCENE("2026-08-03T10:00:00Z", "Siri measures 6.5 hours a week saved."),
	SET(SIRI, "hours_saved_per_week=6.5"),
	SCENE("2026-08-10T09:00:00Z",
	      "The second round is documented, and the project owner sends it to evaluation."),
	ATTACH(OLA, "pilot_report", ARCHIVE "pilotrapport-2.pdf",
	       "eff89d4387bb4a6fa9c38d389f79e3939b15d4c5938c6f25b9649f3483adb739"),
	AT("2026-08-10T10:00:00Z"),
	DECIDE(KARI, "go",
	       "Second round: ten weeks, 31 participants, every night shift trained. Evaluate "
	       "it."),

	/* Evaluation, again */
	SCENE("2026-08-24T10:00:00Z",
	      "The new evaluation report replaces the first, so it must be approved again."),
	ATTACH(OLA, "evaluation_report", ARCHIVE "evaluering-2.pdf",
	       "ba7cb6bc46c9b1d1e8877364d30b2677dfb4b87454254a198858d3fce5fda7ad"),
	AT("2026-08-25T09:00:00Z"),
	APPROVE(KARI, "evaluation_report"),
	SCENE("2026-08-31T10:00:00Z", "Siri compares the benefits with the baseline."),
	STEP(SIRI, "evaluering", "sammenligne-med-nullpunkt"),
	SCENE("2026-09-07T09:00:00Z", "The steering group meets again:"),
	GATE(),
	AT("2026-09-07T10:00:00Z"),
	DECIDE(INGRID, "go",
	       "72 % active use after the second round, 92 % of the staff trained, 6.5 hours a "
	       "week saved against the baseline. Take the service into operation across home "
	       "care."),

	/* Transition to operations */
	SCENE("2026-09-21T10:00:00Z",
	      "Ola documents the procurement of sensors and the support agreement."),
	ATTACH(OLA, "procurement_documents", ARCHIVE "anskaffelse.pdf",
	       "c540f17a4f8ba5db506a63bf8b1f435e32883fffcc3d48efb4f3a75b925f31b2"),
	STEP(OLA, "overgang-til-drift", "anskaffelser"),
	SCENE("2026-10-05T10:00:00Z",
	      "He writes the plan for implementation and benefits realisation, and Kari "
	      "approves it."),
	ATTACH(OLA, "implementation_plan", ARCHIVE "implementeringsplan.pdf",
	       "ad86579fdabc53088bf2e4cd4c760004ec90c9043ddd56ebaaa76db90a104d18"),
	STEP(OLA, "overgang-til-drift", "implementeringsplan"),
	AT("2026-10-06T09:00:00Z"),
	APPROVE(KARI, "implementation_plan"),
	SCENE("2026-11-02T10:00:00Z",
	      "Siri spreads the service to every home-care district: active use reaches 85 %, "
	      "and support, storage and equipment are rated medium ready."),
	SET(SIRI, "active_use_ratio=85% operational_readiness=medium"),
	STEP(SIRI, "overgang-til-drift", "spre-bruken"),
	STEP(SIRI, "overgang-til-drift", "driftsberedskap"),
	SCENE("2026-11-16T10:00:00Z",
	      "Siri signs that the line takes over operation and benefits."),
	SIGN(SIRI, "line_acceptance"),
	STEP(SIRI, "overgang-til-drift", "overta-i-linjen"),
	SCENE("2026-11-30T09:00:00Z", "The last gate, the project owner's:"),
	GATE(),
	AT("2026-11-30T10:00:00Z"),
	DECIDE(KARI, "go",
	       "The line has taken over, with 85 % active use and operations ready. Close the "
	       "project; the benefits are followed up in the line."),
	SCENE("2027-11-30T10:00:00Z",
	      "A year on, the project is long closed, but the benefits are still followed up: "
	      "the yearly review has come due.  Siri measures them against the baseline and "
	      "files the benefit report."),
	SET(SIRI, "benefits_followed_up_on=2027-11-30"),
	ATTACH(SIRI, "benefit_report", ARCHIVE "gevinstrapport-2027.pdf",
	       "e8fd6bb68323fb0805f99df1069acf0e8f06e32ae0e88c046bd2b5308c6f19d8"),
	STEP(SIRI, "ny-praksis", "gevinstoppfolging"),
	SCENE("2027-12-06T09:00:00Z", "The yearly review, the benefit owner's:"),
	GATE(),
	AT("2027-12-06T10:00:00Z"),
	DECIDE(SIRI, "continue",
	       "6.5 hours a week saved against the baseline, and 85 % still use it. Follow up "
	       "again next year."),
};
/* clang-format on */

/* ---- the interpreter ---------------------------------------------------------------- */

typedef struct demo {
	cli_session s; /* the journal, the methodology, the initiative, the clock */
	const char *lang;
	const veikart_phase *phase; /* the phase whose heading was printed last */
} demo;

/* Print TEXT wrapped at 78 columns. */
static void say(const char *text)
{
	const char *p = text, *word_end;
	size_t col = 0, len;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		word_end = p;
		while (*word_end != '\0' && *word_end != ' ')
			word_end++;
		len = (size_t)(word_end - p);
		if (col > 0 && col + 1 + len > 78) {
			fputc('\n', stdout);
			col = 0;
		} else if (col > 0) {
			fputc(' ', stdout);
			col++;
		}
		fwrite(p, 1, len, stdout);
		col += len;
		p = word_end;
	}
	fputc('\n', stdout);
}

/* A heading whenever the initiative enters a phase. */
static void heading(demo *d)
{
	const veikart_phase *p = veikart_initiative_phase(d->s.initiative);
	size_t i, visits = 0;

	if (p == d->phase)
		return;
	d->phase = p;
	for (i = 0; i < veikart_initiative_visit_count(d->s.initiative); i++)
		if (veikart_initiative_visit_phase(d->s.initiative, i) == p)
			visits++;
	printf("\n== %s (%s)", veikart_phase_title(p, d->lang), veikart_phase_id(p));
	if (visits > 1)
		printf(", visit %zu", visits);
	printf(" ==\n");
}

/* The events the last call recorded, as `veikart log` shows them. */
static void print_new(demo *d)
{
	size_t n = veikart_journal_count(d->s.journal);

	for (; d->s.mark < n; d->s.mark++) {
		printf("  ");
		cli_print_event(stdout, veikart_journal_event(d->s.journal, d->s.mark), d->s.method,
		                d->lang);
		printf("\n");
	}
}

static int set_facts(demo *d, const demo_step *st)
{
	char buf[1024], *save = NULL, *tok, *eq;
	const char *ids[16], *values[16];
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", st->a);
	for (tok = strtok_r(buf, " ", &save); tok != NULL && n < 16;
	     tok = strtok_r(NULL, " ", &save)) {
		eq = strchr(tok, '=');
		if (eq == NULL)
			continue;
		*eq = '\0';
		ids[n] = tok;
		values[n++] = eq + 1;
	}
	return veikart_initiative_set_many(d->s.initiative, st->actor, n, ids, values);
}

static int decide(demo *d, const demo_step *st)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	int err;

	req.actor = st->actor;
	req.rationale = st->c;
	err = veikart_outcome_kind_from_name(st->a, &req.outcome);
	return err < 0 ? err : veikart_initiative_decide(d->s.initiative, &req);
}

static int show_gate(demo *d)
{
	veikart_report *r = NULL;
	int err = veikart_initiative_evaluate(&r, d->s.initiative, NULL);

	if (err == 0) {
		printf("\n");
		cli_print_report(stdout, d->s.initiative, NULL, r, d->lang);
	}
	veikart_report_free(r);
	return err;
}

static int perform(demo *d, const demo_step *st)
{
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *in = d->s.initiative;

	switch (st->op) {
	case DEMO_SAY:
		return 0;
	case DEMO_CREATE:
		/* The demo's dates are its own story's. */
		io.clock = cli_session_clock;
		io.clock_payload = &d->s;
		io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
		io.commit = veikart_journal_commit;
		io.commit_payload = d->s.journal;
		return veikart_initiative_create(&d->s.initiative, d->s.method, st->a, st->b,
		                                 st->actor, &io);
	case DEMO_ASSIGN:
		return veikart_initiative_assign(in, st->actor, st->a, st->b);
	case DEMO_SET:
		return set_facts(d, st);
	case DEMO_ATTACH:
		return veikart_initiative_attach(in, st->actor, st->a, st->b, st->c);
	case DEMO_APPROVE:
		return veikart_initiative_approve(in, st->actor, st->a);
	case DEMO_SIGN:
		return veikart_initiative_sign(in, st->actor, st->a);
	case DEMO_STEP:
		return veikart_initiative_step(in, st->actor, st->a, st->b);
	case DEMO_GATE:
		return show_gate(d);
	case DEMO_DECIDE:
		return decide(d, st);
	}
	return 0;
}

/* Tell the whole story; returns a CLI exit code. */
static int tell(demo *d)
{
	const demo_step *st;
	size_t i;
	int err;

	for (i = 0; i < sizeof(story) / sizeof(story[0]); i++) {
		st = &story[i];
		if (st->when != NULL && veikart_time_parse(st->when, &d->s.now) < 0) {
			fprintf(stderr, "veikart demo: step %zu: bad time `%s`\n", i + 1, st->when);
			return CLI_FAILED;
		}
		if (st->say != NULL) {
			printf("\n");
			say(st->say);
		}
		if (st->op == DEMO_SAY)
			continue;
		err = perform(d, st);
		if (st->refused && err < 0) {
			printf("  refused: ");
			say(cli_text(veikart_error_last()->message));
			continue;
		}
		if (err < 0 || st->refused) {
			fprintf(stderr,
			        "veikart demo: the story does not hold for %s %s at step %zu: %s\n",
			        veikart_method_id(d->s.method), veikart_method_version(d->s.method),
			        i + 1,
			        err < 0 ? cli_text(veikart_error_last()->message)
			                : "it was not refused");
			return cli_exit_code(err);
		}
		if (st->op == DEMO_CREATE)
			heading(d);
		else if (st->op == DEMO_GATE)
			continue;
		print_new(d);
		if (st->op == DEMO_DECIDE)
			heading(d);
	}
	return CLI_OK;
}

static void epilogue(demo *d, const char *path)
{
	veikart_initiative *in = d->s.initiative;
	const veikart_phase *phase = veikart_initiative_phase(in);
	const veikart_gate *gate;
	int64_t due;
	size_t i;
	char when[32];

	cli_format_date(when, sizeof(when), veikart_initiative_phase_entered(in));
	printf("\n");
	say("The service is now ordinary practice, and the project is closed; the initiative "
	    "stays active for the yearly benefit follow-up.  The journal holds every step "
	    "above: who did what and when, every gate report the decisions were taken on, and "
	    "a hash chain that shows it has not been changed since.");
	printf("\nStatus: %s, in %s since %s, after %zu decisions.\n",
	       veikart_status_name(veikart_initiative_status(in)),
	       veikart_phase_title(phase, d->lang), when, veikart_initiative_decision_count(in));
	for (i = 0; i < veikart_phase_gate_count(phase); i++) {
		gate = veikart_phase_gate(phase, i);
		due = veikart_initiative_review_due(in, gate);
		if (due == 0)
			continue;
		cli_format_date(when, sizeof(when), due);
		printf("Next review: %s, due %s.\n", veikart_gate_title(gate, d->lang), when);
	}
	printf("The journal is %s (%zu events).  Try:\n\n", path,
	       veikart_journal_count(d->s.journal));
	printf("  veikart status %s --lang %s\n", path, d->lang);
	printf("  veikart log %s --lang %s\n", path, d->lang);
	printf("  veikart report %s --format html --lang %s --output nattilsyn.html\n", path,
	       d->lang);
	printf("  veikart verify %s\n", path);
}

static int run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "journal", required_argument, NULL, 'j' },
		CLI_OPTION_LANG,
		CLI_OPTION_PATH,
		CLI_OPTION_HELP,
		{ NULL, 0, NULL, 0 },
	};
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	char dir[4096], path[4200], intro[1024];
	const char *journal = NULL, *tmp;
	cli_common common;
	demo d;
	int c, rc, err;

	memset(&common, 0, sizeof(common));
	memset(&d, 0, sizeof(d));
	d.s.cmd = &cli_demo;
	for (;;) {
		c = getopt_long(argc, argv, "h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'j') {
			journal = optarg;
			continue;
		}
		rc = cli_common_option(&cli_demo, &common, c);
		if (rc >= 0)
			return rc;
	}
	if (optind != argc)
		return cli_usage_error(&cli_demo,
		                       "takes no operands (the journal is --journal FILE)");
	d.lang = common.lang != NULL ? common.lang : "en";
	if (journal == NULL) {
		tmp = getenv("TMPDIR");
		snprintf(dir, sizeof(dir), "%s/veikart-demo-XXXXXX",
		         tmp != NULL && tmp[0] != '\0' ? tmp : "/tmp");
		if (mkdtemp(dir) == NULL) {
			fprintf(stderr, "veikart demo: cannot make a directory %s: %s\n", dir,
			        strerror(errno));
			return CLI_FAILED;
		}
		snprintf(path, sizeof(path), "%s/nattilsyn.vj", dir);
		journal = path;
	}
	rc = cli_load_method(&d.s.method, VEIKART_DEFAULT_METHOD, &common);
	if (rc != CLI_OK)
		return rc;
	jo.flags = VEIKART_JOURNAL_CREATE;
	err = veikart_journal_open(&d.s.journal, journal, &jo);
	if (err < 0) {
		rc = cli_error(&cli_demo, err);
		goto out;
	}
	snprintf(intro, sizeof(intro),
	         "veikart demo: one initiative walks \"%s\" (%s %s), from the first idea to new "
	         "practice.  The dates are simulated; every step is recorded in the journal, as "
	         "the commands would record it.",
	         veikart_method_title(d.s.method, d.lang), veikart_method_id(d.s.method),
	         veikart_method_version(d.s.method));
	say(intro);
	rc = tell(&d);
	if (rc == CLI_OK)
		epilogue(&d, journal);
out:
	cli_session_close(&d.s);
	return rc;
}
