/*
 * Four shipped methodologies walked end to end through the public API:
 *
 *  - statens-it-projektmodel: the Danish state IT project model, once with
 *    a procurement and once without, where a go at the analysis gate
 *    passes over the procurement phase (its skip-if);
 *  - viborg: Viborg's gates, where who approves the project description
 *    depends on the funding pool that pays;
 *  - stage-gate: Cooper's Stage-Gate, with must-meet criteria, a weighted
 *    should-score, and the outcomes hold, recycle and kill;
 *  - nasss: the NASSS complexity review, taken into ks-veikart as an
 *    overlay, which comes due in the pilot and is passed with continue
 *    while the pilot's own gate goes on regardless.
 *
 * Every walk is journalled and ends by replaying the journal and restoring
 * a snapshot, which must give the same state byte for byte.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "walk.h"

#define DAY 86400

static const char *const ARCHIVE = "https://arkiv.example/";

static void attach(walk *w, const char *actor, const char *fact, const char *file)
{
	char uri[256];

	snprintf(uri, sizeof(uri), "%s%s", ARCHIVE, file);
	walk_attach(w, actor, fact, uri);
}

static veikart_decision_request request(const char *actor, const char *gate,
                                        veikart_outcome_kind kind, const char *why)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	req.actor = actor;
	req.gate = gate;
	req.outcome = kind;
	req.rationale = why;
	return req;
}

/* The verdict and summary of a named gate (of the current phase). */
static void gate_is(walk *w, const char *gate, veikart_verdict verdict, const char *summary)
{
	veikart_report *r = NULL;

	walk_ok(veikart_initiative_evaluate(&r, w->in, veikart_method_gate_by_id(w->m, gate)),
	        gate);
	if (veikart_report_verdict(r) != verdict ||
	    !test_contains(veikart_report_summary(r), summary))
		fail_msg("gate %s is %s: \"%s\", not \"%s\"", gate,
		         veikart_verdict_name(veikart_report_verdict(r)), veikart_report_summary(r),
		         summary);
	veikart_report_free(r);
}

/* The truth of one criterion of a named gate, and its reason. */
static void criterion_is(walk *w, const char *gate, const char *criterion, veikart_truth truth,
                         const char *reason)
{
	veikart_report *r = NULL;
	size_t i;

	walk_ok(veikart_initiative_evaluate(&r, w->in, veikart_method_gate_by_id(w->m, gate)),
	        gate);
	for (i = 0; i < veikart_report_count(r); i++)
		if (strcmp(veikart_criterion_id(veikart_report_criterion(r, i)), criterion) == 0)
			break;
	if (i == veikart_report_count(r))
		fail_msg("gate %s has no criterion %s", gate, criterion);
	if (veikart_report_truth(r, i) != truth ||
	    !test_contains(veikart_report_reason(r, i), reason))
		fail_msg("criterion %s: %d \"%s\", not %d \"%s\"", criterion,
		         (int)veikart_report_truth(r, i), veikart_report_reason(r, i), (int)truth,
		         reason);
	veikart_report_free(r);
}

static const char *authority(const walk *w)
{
	return veikart_role_id(veikart_initiative_authority(w->in, NULL));
}

/* Whether the initiative ever was in PHASE. */
static int visited(const walk *w, const char *phase)
{
	size_t i;

	for (i = 0; i < veikart_initiative_visit_count(w->in); i++)
		if (strcmp(veikart_phase_id(veikart_initiative_visit_phase(w->in, i)), phase) == 0)
			return 1;
	return 0;
}

static const veikart_decision *last_decision(const walk *w)
{
	return veikart_initiative_decision(w->in, veikart_initiative_decision_count(w->in) - 1);
}

/* ---- Statens it-projektmodel ----------------------------------------------------------- */

/* Idea and analysis, up to a ready analysis gate. */
static void statens_to_analysis_gate(walk *w, const char *budget, const char *procurement)
{
	walk_assign(w, "Anne", "Anne", "projektejer");
	walk_assign(w, "Anne", "Bo", "projektleder");
	walk_assign(w, "Anne", "Carl", "styregruppe");

	walk_at(w, "2026-01-12");
	walk_set(w, "Bo", "idea_described=true", budget, NULL);
	walk_step(w, "Bo", "ide", "beskrive-ide");
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "steering_agreement",
	          "no evidence `steering_agreement`");
	attach(w, "Anne", "steering_agreement", "styregruppeaftale.pdf");
	walk_gate(w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	/* The project manager does not decide at the phase gates. */
	{
		veikart_decision_request req =
		        request("Bo", NULL, VEIKART_OUTCOME_GO, "The idea is described.");
		WALK_REFUSED(w, VEIKART_EDENIED, "needs role `styregruppe`",
		             veikart_initiative_decide(w->in, &req));
	}
	walk_decide(w, "Carl", VEIKART_OUTCOME_GO, NULL, "Analyse the idea.");
	assert_string_equal(walk_phase(w), "analyse");

	walk_at(w, "2026-02-16");
	walk_set(w, "Bo", "benefits_challenged=true", "benefits_anchored=true",
	         "change_management_costed=true", "receiving_organisation_ready=true",
	         "manager_backs_basis=true", "steering_owns_risks=true", "operations_involved=true",
	         NULL);
	/* One checklist question is still open. */
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "rollout_strategy", "not recorded");
	walk_set(w, "Bo", "rollout_strategy=true", procurement, NULL);
	attach(w, "Bo", "project_basis", "projektgrundlag.pdf");
	attach(w, "Bo", "business_case", "business-case.xlsx");
	attach(w, "Bo", "risk_checklist", "risikotjekliste.pdf");
	attach(w, "Bo", "risk_log", "risikolog.xlsx");
	/* The steering group approves the project basis and the business case. */
	WALK_REFUSED(w, VEIKART_EDENIED, "needs role `styregruppe`",
	             veikart_initiative_approve(w->in, "Bo", "business_case"));
	walk_approve(w, "Carl", "project_basis");
	walk_approve(w, "Carl", "business_case");
}

static void statens_realise(walk *w)
{
	walk_at(w, "2026-09-01");
	walk_set(w, "Bo", "solution_implemented=true", NULL);
	walk_gate(w, NULL, VEIKART_VERDICT_INCOMPLETE, "handed_to_operations", "not recorded");
	walk_set(w, "Bo", "handed_to_operations=true", NULL);
	walk_decide(w, "Carl", VEIKART_OUTCOME_GO, NULL, "In use and handed over.");
	assert_string_equal(walk_phase(w), "realisering");

	walk_at(w, "2027-03-01");
	attach(w, "Anne", "benefit_report", "gevinstopfoelgning.pdf");
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "benefit_report", "not approved");
	walk_approve(w, "Anne", "benefit_report");
	/* The project owner, not the steering group, closes the realisation. */
	{
		veikart_decision_request req =
		        request("Carl", NULL, VEIKART_OUTCOME_GO, "Benefits realised.");
		WALK_REFUSED(w, VEIKART_EDENIED, "needs role `projektejer`",
		             veikart_initiative_decide(w->in, &req));
	}
	walk_decide(w, "Anne", VEIKART_OUTCOME_GO, NULL, "The benefits are realised.");
	assert_string_equal(walk_phase(w), "afsluttet");
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_COMPLETED);
}

static void test_statens_with_procurement_goes_through_every_phase(void **state)
{
	walk w;

	(void)state;
	walk_at(&w, "2026-01-05");
	walk_start(&w, "statens-it-projektmodel", "SKAT-1", "Nyt sagssystem", "Anne");
	statens_to_analysis_gate(&w, "budget_mdkk=85", "procurement_needed=true");
	/* Above 70 mio. kr. the Finance Committee must approve. */
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "finance_committee",
	          "`budget_mdkk` is 85.0, not le 70");
	attach(&w, "Anne", "finance_committee", "aktstykke.pdf");
	walk_approve(&w, "Anne", "finance_committee");
	walk_gate(&w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	walk_decide(&w, "Carl", VEIKART_OUTCOME_GO, NULL, "Go ahead; tender the system.");
	assert_string_equal(walk_phase(&w), "anskaffelse");

	walk_at(&w, "2026-05-04");
	walk_gate(&w, NULL, VEIKART_VERDICT_INCOMPLETE, "contract_signed", "not recorded");
	walk_set(&w, "Bo", "contract_signed=true", NULL);
	walk_decide(&w, "Carl", VEIKART_OUTCOME_GO, NULL, "Contract signed.");
	assert_string_equal(walk_phase(&w), "gennemfoerelse");

	statens_realise(&w);
	assert_true(visited(&w, "anskaffelse"));
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

static void test_statens_without_procurement_passes_over_the_procurement_phase(void **state)
{
	walk w;
	const veikart_decision *d;

	(void)state;
	walk_at(&w, "2026-01-05");
	walk_start(&w, "statens-it-projektmodel", "CPR-7", "Ny selvbetjening", "Anne");
	statens_to_analysis_gate(&w, "budget_mdkk=20", "procurement_needed=false");
	/* Below 70 mio. kr. the Finance Committee is not asked. */
	walk_gate(&w, NULL, VEIKART_VERDICT_READY, "finance_committee", "le 70");
	walk_decide(&w, "Carl", VEIKART_OUTCOME_GO, NULL, "Built in house: nothing to procure.");
	/* The go led to procurement, whose skip-if holds: it lands in execution. */
	assert_string_equal(walk_phase(&w), "gennemfoerelse");
	d = last_decision(&w);
	assert_string_equal(veikart_phase_id(veikart_outcome_target(veikart_decision_outcome(d))),
	                    "anskaffelse");
	assert_string_equal(veikart_phase_id(veikart_decision_target(d)), "gennemfoerelse");
	assert_false(visited(&w, "anskaffelse"));

	statens_realise(&w);
	assert_false(visited(&w, "anskaffelse"));
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* ---- Viborg ------------------------------------------------------------------------------- */

static void test_viborg_authority_follows_the_funding_pool(void **state)
{
	walk w;
	veikart_decision_request req;

	(void)state;
	walk_at(&w, "2026-01-05");
	walk_start(&w, "viborg", "VIB-3", "Digitale nøglebokse", "Dorte");
	walk_assign(&w, "Dorte", "Dorte", "idehaver");
	walk_assign(&w, "Dorte", "Erik", "naermeste-chef");
	walk_assign(&w, "Dorte", "Freja", "ledergruppe");
	walk_assign(&w, "Dorte", "Gustav", "chefgruppe");

	/* Gate 1: the nearest manager approves the one-page description. */
	walk_at(&w, "2026-01-12");
	attach(&w, "Dorte", "idea_description", "idebeskrivelse.pdf");
	walk_set(&w, "Dorte", "idea_target_group=true", "idea_purpose=true", "idea_budget=true",
	         "idea_period=true", "idea_risk=true", NULL);
	WALK_REFUSED(&w, VEIKART_EDENIED, "needs role `naermeste-chef`",
	             veikart_initiative_approve(w.in, "Dorte", "idea_description"));
	walk_approve(&w, "Erik", "idea_description");
	assert_string_equal(authority(&w), "naermeste-chef");
	walk_decide(&w, "Erik", VEIKART_OUTCOME_GO, NULL, "Approved in writing.");
	assert_string_equal(walk_phase(&w), "undersoegelse");

	/* Gate 2: no pool named yet; the fallback rule names the area. */
	walk_at(&w, "2026-02-09");
	attach(&w, "Dorte", "project_description", "projektbeskrivelse.pdf");
	assert_string_equal(authority(&w), "ledergruppe");
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "pool_named",
	          "`funding_pool` is not recorded");

	/* The area's own pool: its leadership group approves, not the managers. */
	walk_set(&w, "Dorte", "funding_pool=omraade", NULL);
	assert_string_equal(authority(&w), "ledergruppe");
	walk_gate(&w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	req = request("Gustav", NULL, VEIKART_OUTCOME_GO, "Approved.");
	WALK_REFUSED(&w, VEIKART_EDENIED, "needs role `ledergruppe`",
	             veikart_initiative_decide(w.in, &req));

	/* The area's pool is spent; the shared pool pays: the managers decide. */
	walk_at(&w, "2026-02-16");
	walk_set(&w, "Dorte", "funding_pool=faelles", NULL);
	assert_string_equal(authority(&w), "chefgruppe");
	req = request("Freja", NULL, VEIKART_OUTCOME_GO, "Approved.");
	WALK_REFUSED(&w, VEIKART_EDENIED, "needs role `chefgruppe`",
	             veikart_initiative_decide(w.in, &req));
	walk_decide(&w, "Gustav", VEIKART_OUTCOME_GO, NULL, "Paid from the shared pool.");
	assert_string_equal(walk_phase(&w), "prioritering");
	assert_string_equal(veikart_role_id(veikart_decision_authority(last_decision(&w))),
	                    "chefgruppe");

	/* Prioritisation: waits in the queue, then starts. */
	walk_at(&w, "2026-03-02");
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "start_planned",
	          "`planned_start` is not recorded");
	walk_decide(&w, "Gustav", VEIKART_OUTCOME_HOLD, NULL, "Wait for the autumn slot.");
	assert_string_equal(walk_phase(&w), "prioritering");
	walk_at(&w, "2026-08-03");
	walk_set(&w, "Dorte", "resources_allocated=true", "planned_start=2026-09-01", NULL);
	walk_decide(&w, "Gustav", VEIKART_OUTCOME_GO, NULL, "Start in September.");
	assert_string_equal(walk_phase(&w), "igangsat");
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* ---- Stage-Gate ------------------------------------------------------------------------ */

static void stage_gate_start(walk *w, const char *id)
{
	walk_at(w, "2026-01-05");
	walk_start(w, "stage-gate", id, "Smart medication dispenser", "Hana");
	walk_assign(w, "Hana", "Hana", "project-leader");
	walk_assign(w, "Hana", "Ivar", "gatekeepers");
	walk_assign(w, "Hana", "Jill", "executive-sponsor");
}

static void stage_gate_through_screens(walk *w)
{
	walk_at(w, "2026-01-19");
	walk_set(w, "Hana", "strategic_alignment=true", "technically_plausible=true",
	         "strategic_importance=7", NULL);
	walk_decide(w, "Ivar", VEIKART_OUTCOME_GO, NULL, "Fits the strategy.");
	assert_string_equal(walk_phase(w), "scoping");
	walk_at(w, "2026-02-16");
	walk_set(w, "Hana", "no_killer_variables=true", "market_attractiveness=7",
	         "technical_feasibility=8", "payback_years=2.5", NULL);
	attach(w, "Hana", "scoping_assessment", "scoping.pdf");
	walk_gate(w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	walk_decide(w, "Ivar", VEIKART_OUTCOME_GO, NULL, "Build the business case.");
	assert_string_equal(walk_phase(w), "business-case");
}

static void test_stage_gate_holds_recycles_and_goes_to_launch(void **state)
{
	walk w;
	veikart_decision_request req;

	(void)state;
	stage_gate_start(&w, "SG-1");
	stage_gate_through_screens(&w);

	/* Gate 3: every must met, but the weighted should-score is too low. */
	walk_at(&w, "2026-04-06");
	attach(&w, "Hana", "business_case", "business-case-v1.pdf");
	walk_approve(&w, "Ivar", "business_case");
	walk_set(&w, "Hana", "competitive_advantage=4", "core_competencies=5", "reward_vs_risk=5",
	         NULL);
	/* Met: strategic importance (2), market (1), feasibility (1) of 9. */
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "competitive_advantage", "not ge '6'");
	gate_is(&w, "gate-3", VEIKART_VERDICT_BLOCKED, "blocked: should-score 0.44, needs 0.60");
	req = request("Ivar", NULL, VEIKART_OUTCOME_GO, "Promising.");
	WALK_REFUSED(&w, VEIKART_ESTATE, "is not ready for go",
	             veikart_initiative_decide(w.in, &req));
	/* Gates with teeth: the gatekeepers cannot override; the sponsor could. */
	req.override = 1;
	WALK_REFUSED(&w, VEIKART_EDENIED, "needs role `executive-sponsor`",
	             veikart_initiative_decide(w.in, &req));
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_HOLD, NULL, "Wait for the market study.");
	assert_string_equal(walk_phase(&w), "business-case");

	walk_at(&w, "2026-05-04");
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_RECYCLE, NULL,
	            "The advantage is not shown: rework the business case.");
	assert_string_equal(walk_phase(&w), "business-case");
	assert_int_equal(veikart_outcome_kind_of(veikart_decision_outcome(last_decision(&w))),
	                 VEIKART_OUTCOME_RECYCLE);

	walk_at(&w, "2026-06-01");
	attach(&w, "Hana", "business_case", "business-case-v2.pdf");
	/* A new document replaces the old one and its approval. */
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "business_case", "not approved");
	walk_approve(&w, "Ivar", "business_case");
	walk_set(&w, "Hana", "competitive_advantage=7", "reward_vs_risk=6", NULL);
	gate_is(&w, "gate-3", VEIKART_VERDICT_READY, "should-score 0.89 (needs 0.60)");
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_GO, NULL, "Go to development.");
	assert_string_equal(walk_phase(&w), "development");

	/* Gate 4 and gate 5, with a recycle from testing back to development. */
	walk_at(&w, "2026-09-07");
	walk_set(&w, "Hana", "prototype_validated=true", NULL);
	attach(&w, "Hana", "test_plan", "test-plan.pdf");
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_GO, NULL, "Test it.");
	assert_string_equal(walk_phase(&w), "testing");
	walk_at(&w, "2026-10-05");
	walk_set(&w, "Hana", "validation_passed=false", NULL);
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "validation_passed", "false");
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_RECYCLE, NULL,
	            "Field trial failed: fix the dosing.");
	assert_string_equal(walk_phase(&w), "development");
	walk_at(&w, "2026-11-02");
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_GO, NULL, "Dosing fixed.");
	assert_string_equal(walk_phase(&w), "testing");
	walk_at(&w, "2026-12-07");
	walk_set(&w, "Hana", "validation_passed=true", NULL);
	attach(&w, "Hana", "launch_plan", "launch-plan.pdf");
	walk_approve(&w, "Ivar", "launch_plan");
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_GO, NULL, "Launch.");
	assert_string_equal(walk_phase(&w), "launch");
	walk_at(&w, "2027-06-07");
	walk_set(&w, "Hana", "results_vs_targets=true", "lessons_recorded=true", NULL);
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_GO, NULL, "Targets met.");
	assert_string_equal(walk_phase(&w), "in-market");
	assert_int_equal(veikart_initiative_status(w.in), VEIKART_STATUS_COMPLETED);
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* The same walk in a host program that set a decimal-comma locale: the
 * scores in summaries, records and snapshots keep their '.', the
 * methodology's weights and thresholds read the same, and the journal
 * replays. */
static void test_stage_gate_walks_alike_in_a_decimal_comma_locale(void **state)
{
	test_decimal_comma_locale(LC_ALL);
	test_stage_gate_holds_recycles_and_goes_to_launch(state);
	setlocale(LC_ALL, "C");
}

static void test_stage_gate_kills_on_a_killer_variable(void **state)
{
	walk w;
	veikart_decision_request req;

	(void)state;
	stage_gate_start(&w, "SG-2");
	walk_at(&w, "2026-01-19");
	walk_set(&w, "Hana", "strategic_alignment=true", "technically_plausible=true", NULL);
	/* Without a should-meet rating the score cannot be known. */
	walk_gate(&w, NULL, VEIKART_VERDICT_INCOMPLETE, "strategic_importance", "not recorded");
	walk_set(&w, "Hana", "strategic_importance=6", NULL);
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_GO, NULL, "Worth scoping.");
	walk_at(&w, "2026-02-16");
	walk_set(&w, "Hana", "no_killer_variables=false", "market_attractiveness=9", NULL);
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "no_killer_variables", "false");
	walk_decide(&w, "Ivar", VEIKART_OUTCOME_STOP, NULL,
	            "Kill: the device needs a medical certification we cannot get.");
	assert_string_equal(walk_phase(&w), "killed");
	assert_int_equal(veikart_initiative_status(w.in), VEIKART_STATUS_STOPPED);
	req = request("Ivar", NULL, VEIKART_OUTCOME_GO, "Try again.");
	WALK_REFUSED(&w, VEIKART_ESTATE, "the initiative is stopped",
	             veikart_initiative_decide(w.in, &req));
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* ---- NASSS ---------------------------------------------------------------------------------- */

static int64_t clock_of(void *payload)
{
	return ((const walk *)payload)->now;
}

/* A variant of ks-veikart that takes in the shipped NASSS overlay. */
static const char VARIANT[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<methodology xmlns=\"urn:veikart:methodology:1\" id=\"nattilsyn-nasss\" version=\"1\"\n"
        "             xml:lang=\"nb\" extends=\"ks-veikart\" extends-version=\"2017.1\"\n"
        "             with=\"nasss\">\n"
        "  <title>Nattilsyn med NASSS</title>\n"
        "  <title xml:lang=\"en\">Night supervision with NASSS</title>\n"
        "</methodology>\n";

/* Load BASE with="nasss" from the built-in methodologies only. */
static int load_with_nasss(veikart_method **m, const char *base)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	char doc[600];
	int n;

	n = snprintf(doc, sizeof(doc),
	             "<methodology xmlns=\"urn:veikart:methodology:1\" id=\"t\" version=\"1\" "
	             "xml:lang=\"en\" extends=\"%s\" with=\"nasss\"><title>t</title>"
	             "</methodology>",
	             base);
	assert_true(n > 0 && (size_t)n < sizeof(doc));
	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	return veikart_method_load_buffer(m, doc, (size_t)n, "t.xml", &lo, NULL);
}

/* As walk_start(), for the variant above. */
static void nasss_start(walk *w)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;

	memset(w, 0, sizeof(*w));
	walk_at(w, "2026-01-05");
	snprintf(w->dir, sizeof(w->dir), "%s", "/tmp/veikart-nasss-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	walk_ok(veikart_method_load_buffer(&w->m, VARIANT, sizeof(VARIANT) - 1,
	                                   "nattilsyn-nasss.xml", &lo, NULL),
	        "load");
	snprintf(w->path, sizeof(w->path), "%s/journal.vj", w->dir);
	jo.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC;
	walk_ok(veikart_journal_open(&w->j, w->path, &jo), "journal");
	io.clock = clock_of;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	io.clock_payload = w;
	io.commit = veikart_journal_commit;
	io.commit_payload = w->j;
	walk_ok(veikart_initiative_create(&w->in, w->m, "NT-9", "Digitalt nattilsyn", "Kari", &io),
	        "create");
}

static void nasss_end(walk *w)
{
	walk_end(w);
}

/* ks-veikart's first two gates, as in tests/unit/test_scenario.c. */
static void ks_to_pilot(walk *w)
{
	walk_assign(w, "Kari", "Kari", "prosjekteier");
	walk_assign(w, "Kari", "Ola", "prosjektleder");
	walk_assign(w, "Kari", "Ingrid", "styringsgruppe");
	walk_assign(w, "Kari", "Nora", "nasss-group");
	walk_at(w, "2026-01-12");
	walk_set(w, "Ola", "challenge_described=true", "work_planned=true",
	         "anchored_in_management=true", "need_for_change_understood=true", NULL);
	walk_sign(w, "Kari", "project_mandate");
	walk_decide(w, "Kari", VEIKART_OUTCOME_GO, NULL, "Mandate signed.");
	walk_at(w, "2026-02-16");
	walk_set(w, "Ola", "user_insight_gathered=true", "pilot_plan_goals=true",
	         "pilot_plan_scope=true", "pilot_plan_duration=true",
	         "pilot_plan_participants=true", "pilot_plan_information=true",
	         "pilot_plan_training=true", "pilot_plan_error_handling=true",
	         "pilot_plan_measurement=true", "pilot_plan_observation=true",
	         "pilot_plan_documentation=true", NULL);
	attach(w, "Ola", "target_picture", "malbilde.pdf");
	attach(w, "Ola", "benefit_plan", "gevinstplan.pdf");
	walk_approve(w, "Kari", "benefit_plan");
	attach(w, "Ola", "baseline_measurement", "nullpunkt.xlsx");
	walk_at(w, "2026-03-02");
	walk_decide(w, "Ingrid", VEIKART_OUTCOME_GO, NULL, "Start the pilot.");
	assert_string_equal(walk_phase(w), "utproving");
}

/* The overlay sits in the first pilot phase of whatever takes it in, and
 * says so when there is none. */
static void test_nasss_fits_any_method_with_a_pilot(void **state)
{
	static const char *const bases[][2] = {
		{ "ks-veikart", "utproving" },
		{ "ks-veikart-6", "utproving" },
		{ "stage-gate", NULL },
		{ "mittkoping", NULL },
	};
	const veikart_gate *g;
	veikart_method *m;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		m = NULL;
		walk_ok(load_with_nasss(&m, bases[i][0]), bases[i][0]);
		assert_int_equal(veikart_method_overlay_count(m), 1);
		g = veikart_method_gate_by_id(m, "nasss-review");
		assert_non_null(g);
		assert_int_equal(veikart_phase_kind_of(veikart_gate_from(g)), VEIKART_PHASE_PILOT);
		if (bases[i][1] != NULL)
			assert_string_equal(veikart_phase_id(veikart_gate_from(g)), bases[i][1]);
		assert_int_equal(veikart_gate_every_days(g), 90);
		assert_int_equal(veikart_gate_aggregation(g), VEIKART_AGGREGATION_ADVISORY);
		veikart_method_free(m);
	}
	m = NULL;
	assert_int_equal(load_with_nasss(&m, "viborg"), VEIKART_EFORMAT);
	assert_null(m);
}

static void test_nasss_overlay_advises_without_blocking_the_pilot_gate(void **state)
{
	walk w;
	const veikart_gate *review, *pilot;
	veikart_decision_request req;
	int64_t entered;

	(void)state;
	nasss_start(&w);
	assert_int_equal(veikart_method_overlay_count(w.m), 1);
	assert_string_equal(veikart_method_overlay(w.m, 0), "nasss");
	review = veikart_method_gate_by_id(w.m, "nasss-review");
	pilot = veikart_method_gate_by_id(w.m, "g-utproving");
	/* from-kind="pilot": the first pilot phase of ks-veikart. */
	assert_ptr_equal(veikart_gate_from(review), veikart_gate_from(pilot));
	assert_int_equal(veikart_initiative_review_due(w.in, review), 0);

	ks_to_pilot(&w);
	entered = w.now;
	assert_int_equal(veikart_initiative_review_due(w.in, review), entered + 90 * DAY);

	walk_at(&w, "2026-03-09");
	walk_set(&w, "Ola", "pilot_start=2026-03-09", "pilot_participants=24",
	         "staff_trained_ratio=85%", NULL);
	/* Ninety days on, the review is due: the group rates the domains. */
	walk_at(&w, "2026-06-01");
	assert_true(veikart_initiative_now(w.in) >= veikart_initiative_review_due(w.in, review));
	walk_set(&w, "Nora", "nasss_condition=complicated", "nasss_technology=complex",
	         "nasss_value_proposition=simple", "nasss_adopters=complicated",
	         "nasss_organisation=complicated", "nasss_wider_system=simple",
	         "nasss_embedding=not-known", NULL);
	gate_is(&w, "nasss-review", VEIKART_VERDICT_ADVISORY,
	        "advisory: 5 met, 1 unmet, 1 unknown");
	criterion_is(&w, "nasss-review", "technology", VEIKART_UNMET, "complex");
	criterion_is(&w, "nasss-review", "condition", VEIKART_MET, "complicated");
	criterion_is(&w, "nasss-review", "embedding", VEIKART_UNKNOWN, "not-known");
	/* Only the assessment group passes the review. */
	req = request("Ola", "nasss-review", VEIKART_OUTCOME_CONTINUE, "Discussed.");
	WALK_REFUSED(&w, VEIKART_EDENIED, "needs role `nasss-group`",
	             veikart_initiative_decide(w.in, &req));
	walk_set(&w, "Nora", "nasss_narrative=Integration with the care record is complex.", NULL);
	walk_decide_at(&w, "Nora", "nasss-review", VEIKART_OUTCOME_CONTINUE, NULL,
	               "Complex technology: plan the integration work with the supplier.");
	assert_string_equal(walk_phase(&w), "utproving");
	assert_int_equal(veikart_initiative_review_due(w.in, review), w.now + 90 * DAY);

	/* The next review is overdue, and a domain is complex: the pilot's own
	 * gate is judged on its own criteria and goes on. */
	walk_at(&w, "2026-09-07");
	assert_true(veikart_initiative_now(w.in) > veikart_initiative_review_due(w.in, review));
	walk_set(&w, "Ola", "active_use_ratio=72%", "hours_saved_per_week=6.5", NULL);
	attach(&w, "Ola", "pilot_report", "pilotrapport.pdf");
	gate_is(&w, "g-utproving", VEIKART_VERDICT_READY, "ready");
	walk_decide_at(&w, "Kari", "g-utproving", VEIKART_OUTCOME_GO, NULL, "Evaluate the pilot.");
	assert_string_equal(walk_phase(&w), "evaluering");
	/* Out of the pilot phase, no review is due. */
	assert_int_equal(veikart_initiative_review_due(w.in, review), 0);
	walk_same_after_replay_and_restore(&w);
	nasss_end(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_statens_with_procurement_goes_through_every_phase),
		cmocka_unit_test(
		        test_statens_without_procurement_passes_over_the_procurement_phase),
		cmocka_unit_test(test_viborg_authority_follows_the_funding_pool),
		cmocka_unit_test(test_stage_gate_holds_recycles_and_goes_to_launch),
		cmocka_unit_test(test_stage_gate_walks_alike_in_a_decimal_comma_locale),
		cmocka_unit_test(test_stage_gate_kills_on_a_killer_variable),
		cmocka_unit_test(test_nasss_fits_any_method_with_a_pilot),
		cmocka_unit_test(test_nasss_overlay_advises_without_blocking_the_pilot_gate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
