/*
 * The Norwegian and Swedish methodologies of methodologies/, each walked
 * end to end through the public API, from its start to operation or new
 * practice, through every gate:
 *
 *  - ks-veikart-6: the six-phase KS Veikart; a first pilot round with too
 *    little use is refused and run again at wider scope;
 *  - ks-veikart-pv: the Veikart with Prosjektveiviseren's decision points
 *    BP1-BP5 (the shipped form of the overlay `prosjektveiviseren`); the
 *    project owner may not take BP1, which is top management's, and the
 *    baseline is binding at BP2/BP3;
 *  - skr-inforandebeslut: SKR's introduction decision on a decision basis;
 *    a DPIA that is attached but not approved by the personal data
 *    controller blocks the decision;
 *  - se-nationell-metod: the Veikart in Swedish; a pilot that overruns its
 *    time box is flagged as stalled, and broad introduction waits for a
 *    plan for it.
 *
 * Every walk is journalled and ends by replaying the journal and restoring
 * a snapshot, which must give the same state byte for byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

#define DAY 86400

/* A decision at GATE (NULL: the current phase's) refused with CODE and a
 * message that contains TEXT, recording nothing. */
static void refused_decide(walk *w, const char *actor, const char *gate, veikart_outcome_kind kind,
                           int code, const char *text)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	req.actor = actor;
	req.gate = gate;
	req.outcome = kind;
	req.rationale = "Go on?";
	WALK_REFUSED(w, code, text, veikart_initiative_decide(w->in, &req));
}

static const char *phase_title(const walk *w, const char *lang)
{
	return veikart_phase_title(veikart_initiative_phase(w->in), lang);
}

/* ---- ks-veikart-6 ----------------------------------------------------------------- */

static void test_ks_veikart_6_walks_from_anchoring_to_new_practice(void **state)
{
	walk w;

	(void)state;
	walk_at(&w, "2026-01-05");
	walk_start(&w, "ks-veikart-6", "TRYGG-1", "Digitalt tilsyn", "Kari");
	assert_string_equal(walk_phase(&w), "forankring");
	walk_assign(&w, "Kari", "Kari", "prosjekteier");
	walk_assign(&w, "Kari", "Ola", "prosjektleder");
	walk_assign(&w, "Kari", "Styret", "styringsgruppe");
	walk_assign(&w, "Kari", "Liv", "gevinstansvarlig");

	/* Forankring: the five steps, the anchoring and the mandate. */
	walk_step(&w, "Ola", "forankring", "definere-problem");
	walk_set(&w, "Ola", "challenge_described=true", "goals_set=true",
	         "stakeholders_mapped=true", NULL);
	walk_set(&w, "Kari", "team_built=true", "anchored_in_management=true", NULL);
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "mandate", NULL);
	walk_sign(&w, "Kari", "project_mandate");
	/* Stakeholders (weight 2 of 5) alone reach only 0.4 of the 0.5 needed. */
	walk_gate(&w, NULL, VEIKART_VERDICT_INCOMPLETE, "related_projects", "not recorded");
	walk_set(&w, "Liv", "benefits_explored=true", NULL);
	walk_gate(&w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	walk_at(&w, "2026-01-26");
	walk_decide(&w, "Kari", VEIKART_OUTCOME_GO, NULL, "Anchored, and the mandate is signed.");
	assert_string_equal(walk_phase(&w), "innsikt");

	/* Innsikt. */
	walk_attach(&w, "Ola", "current_service_journey", "https://kommune.example/reise.pdf");
	walk_set(&w, "Ola", "user_insight_gathered=true", "learned_from_others=true", NULL);
	walk_at(&w, "2026-02-16");
	walk_decide(&w, "Kari", VEIKART_OUTCOME_GO, NULL, "We know today's service.");
	assert_string_equal(walk_phase(&w), "ideutvikling");
	assert_string_equal(phase_title(&w, "en"), "Idea development (name not confirmed)");

	/* Phase 3: the steering group decides to pilot. */
	walk_set(&w, "Ola", "idea_chosen=true", NULL);
	walk_set(&w, "Liv", "benefits_mapped=true", NULL);
	walk_attach(&w, "Ola", "target_picture", "https://kommune.example/malbilde.pdf");
	walk_attach(&w, "Liv", "baseline_measurement", "https://kommune.example/nullpunkt.xlsx");
	refused_decide(&w, "Kari", NULL, VEIKART_OUTCOME_GO, VEIKART_EDENIED, "styringsgruppe");
	walk_at(&w, "2026-03-02");
	walk_decide(&w, "Styret", VEIKART_OUTCOME_GO, NULL, "Pilot in one home-care district.");
	assert_string_equal(walk_phase(&w), "utproving");
	assert_string_equal(phase_title(&w, "nb"), "Pilotering");

	/* Pilotering: plan by the checklist, then run.  Running waits for the plan. */
	WALK_REFUSED(&w, VEIKART_ESTATE, "planlegge",
	             veikart_initiative_step(w.in, "Ola", "utproving", "gjore-klart"));
	walk_step(&w, "Ola", "utproving", "planlegge");
	walk_set(&w, "Ola", "pilot_plan_goals=true", "pilot_plan_scope=true",
	         "pilot_plan_duration=true", "pilot_plan_participants=true",
	         "pilot_plan_information=true", "pilot_plan_training=true",
	         "pilot_plan_error_handling=true", "pilot_plan_measurement=true",
	         "pilot_plan_observation=true", "pilot_plan_documentation=true", NULL);
	walk_step(&w, "Ola", "utproving", "gjore-klart");
	walk_set(&w, "Ola", "pilot_start=2026-03-09", "pilot_participants=14",
	         "staff_trained_ratio=85%", NULL);
	walk_set(&w, "Kari", "pilot_anchored_with_operations=true",
	         "pilot_follow_up_responsible=Ola Nordmann", NULL);
	walk_at(&w, "2026-05-11");
	walk_set(&w, "Ola", "active_use_ratio=45%", "user_experience=medium", NULL);
	walk_set(&w, "Liv", "hours_saved_per_week=6", NULL);
	walk_attach(&w, "Ola", "pilot_report", "https://kommune.example/pilot-1.pdf");
	walk_attach(&w, "Ola", "evaluation_report", "https://kommune.example/evaluering-1.pdf");
	walk_approve(&w, "Kari", "evaluation_report");
	/* Available is not adopted: 45 % active use blocks the way on. */
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "active_use", NULL);
	refused_decide(&w, "Styret", NULL, VEIKART_OUTCOME_GO, VEIKART_ESTATE,
	               "is not ready for go");
	walk_decide(&w, "Styret", VEIKART_OUTCOME_RECYCLE, "utproving",
	            "Too little use: a new round with night shifts included.");
	assert_string_equal(walk_phase(&w), "utproving");
	assert_false(veikart_initiative_step_done(w.in, "utproving", "planlegge"));

	/* The second round, at wider scope. */
	walk_at(&w, "2026-07-13");
	walk_set(&w, "Ola", "active_use_ratio=72%", "pilot_participants=31", NULL);
	walk_gate(&w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	walk_decide(&w, "Styret", VEIKART_OUTCOME_GO, NULL, "72 % use it: implement.");
	assert_string_equal(walk_phase(&w), "overgang-til-drift");

	/* Phase 5: the benefits realisation plan is required before the line takes over. */
	walk_attach(&w, "Ola", "implementation_plan", "https://kommune.example/impl.pdf");
	walk_approve(&w, "Kari", "implementation_plan");
	walk_sign(&w, "Liv", "line_acceptance");
	walk_set(&w, "Liv", "active_use_ratio=84%", NULL);
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "benefit_plan_approved", NULL);
	walk_attach(&w, "Liv", "benefit_plan", "https://kommune.example/gevinstplan.pdf");
	walk_approve(&w, "Kari", "benefit_plan");
	walk_at(&w, "2026-11-02");
	walk_decide(&w, "Kari", VEIKART_OUTCOME_GO, NULL, "The line owns the service now.");
	assert_string_equal(walk_phase(&w), "ny-praksis");
	assert_int_equal(veikart_initiative_status(w.in), VEIKART_STATUS_ACTIVE);

	/* Phase 6: the yearly benefit follow-up carries over from the base. */
	assert_int_equal(veikart_initiative_review_due(w.in, NULL), w.now + 365 * DAY);
	walk_at(&w, "2027-11-08");
	walk_set(&w, "Liv", "benefits_followed_up_on=2027-10-25", NULL);
	walk_attach(&w, "Liv", "benefit_report", "https://kommune.example/gevinst-2027.pdf");
	walk_decide(&w, "Liv", VEIKART_OUTCOME_CONTINUE, NULL, "Six hours a week saved.");
	assert_string_equal(walk_phase(&w), "ny-praksis");
	assert_int_equal(veikart_initiative_review_due(w.in, NULL), w.now + 365 * DAY);

	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* ---- ks-veikart-pv ---------------------------------------------------------------- */

static void test_prosjektveiviseren_puts_bp1_to_bp5_on_the_veikart(void **state)
{
	walk w;
	const veikart_gate *bp1;

	(void)state;
	walk_at(&w, "2026-01-05");
	walk_start(&w, "ks-veikart-pv", "PV-1", "Medisineringsstøtte", "Kari");
	assert_string_equal(veikart_method_id(w.m), "ks-veikart-pv");
	bp1 = veikart_method_gate_by_id(w.m, "g-for-du-starter");
	assert_string_equal(veikart_gate_title(bp1, "en"), "BP1: mandate for the concept phase");
	walk_assign(&w, "Kari", "Kari", "prosjekteier");
	walk_assign(&w, "Kari", "Rådmann", "virksomhetsledelse");
	walk_assign(&w, "Kari", "Ola", "prosjektleder");
	walk_assign(&w, "Kari", "Styret", "styringsgruppe");
	walk_assign(&w, "Kari", "Liv", "gevinstansvarlig");

	/* BP1: the concept mandate, signed and decided by top management. */
	walk_set(&w, "Ola", "challenge_described=true", "work_planned=true", NULL);
	walk_set(&w, "Kari", "anchored_in_management=true", "need_for_change_understood=true",
	         NULL);
	walk_sign(&w, "Kari", "project_mandate");
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "bp1_concept_mandate", NULL);
	WALK_REFUSED(&w, VEIKART_EDENIED, "virksomhetsledelse",
	             veikart_initiative_sign(w.in, "Kari", "concept_mandate"));
	walk_sign(&w, "Rådmann", "concept_mandate");
	walk_gate(&w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	/* The gate is ready, but BP1 is not the project owner's to take. */
	refused_decide(&w, "Kari", NULL, VEIKART_OUTCOME_GO, VEIKART_EDENIED, "virksomhetsledelse");
	walk_at(&w, "2026-02-02");
	walk_decide(&w, "Rådmann", VEIKART_OUTCOME_GO, NULL, "BP1: the concept phase may start.");
	assert_string_equal(walk_phase(&w), "innsikt-og-ide");

	/* BP2/BP3: proposal, appointments, governing document, benefit plan, baseline. */
	walk_set(&w, "Ola", "user_insight_gathered=true", "pilot_plan_goals=true",
	         "pilot_plan_scope=true", "pilot_plan_duration=true",
	         "pilot_plan_participants=true", "pilot_plan_information=true",
	         "pilot_plan_training=true", "pilot_plan_error_handling=true",
	         "pilot_plan_measurement=true", "pilot_plan_observation=true",
	         "pilot_plan_documentation=true", NULL);
	walk_attach(&w, "Ola", "target_picture", "https://kommune.example/malbilde.pdf");
	walk_attach(&w, "Kari", "project_proposal", "https://kommune.example/forslag.pdf");
	walk_approve(&w, "Rådmann", "project_proposal");
	walk_sign(&w, "Rådmann", "project_owner_appointed");
	walk_set(&w, "Kari", "benefit_owner_named=Liv Hansen", NULL);
	walk_attach(&w, "Ola", "governing_document", "https://kommune.example/styring.pdf");
	walk_approve(&w, "Kari", "governing_document");
	walk_attach(&w, "Liv", "benefit_plan", "https://kommune.example/gevinstplan.pdf");
	walk_approve(&w, "Kari", "benefit_plan");
	/* The base asks for the baseline as "should"; Prosjektveiviseren makes it binding. */
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "baseline_measured", NULL);
	refused_decide(&w, "Kari", NULL, VEIKART_OUTCOME_GO, VEIKART_ESTATE, "is not ready for go");
	walk_attach(&w, "Liv", "baseline_measurement", "https://kommune.example/nullpunkt.xlsx");
	walk_gate(&w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	/* The steering group decided here in the base; BP3 is the project owner's. */
	refused_decide(&w, "Styret", NULL, VEIKART_OUTCOME_GO, VEIKART_EDENIED, "prosjekteier");
	walk_at(&w, "2026-03-02");
	walk_decide(&w, "Kari", VEIKART_OUTCOME_GO, NULL, "BP3: execution may start.");
	assert_string_equal(walk_phase(&w), "utproving");

	/* The pilot round. */
	walk_set(&w, "Ola", "pilot_start=2026-03-09", "pilot_participants=12",
	         "staff_trained_ratio=90%", NULL);
	walk_at(&w, "2026-05-11");
	walk_set(&w, "Ola", "active_use_ratio=68%", "user_experience=high", NULL);
	walk_set(&w, "Liv", "hours_saved_per_week=4.5", NULL);
	walk_attach(&w, "Ola", "pilot_report", "https://kommune.example/pilot.pdf");
	walk_decide(&w, "Kari", VEIKART_OUTCOME_GO, NULL, "Evaluate the round.");
	assert_string_equal(walk_phase(&w), "evaluering");

	/* Evaluation: the Veikart's own decision, still the steering group's. */
	walk_attach(&w, "Ola", "evaluation_report", "https://kommune.example/evaluering.pdf");
	walk_approve(&w, "Kari", "evaluation_report");
	walk_gate(&w, NULL, VEIKART_VERDICT_READY, "benefit_plan_kept_up", NULL);
	walk_at(&w, "2026-06-01");
	walk_decide(&w, "Styret", VEIKART_OUTCOME_GO, NULL, "Into operation.");
	assert_string_equal(walk_phase(&w), "overgang-til-drift");

	/* BP4/BP5: the final report, and the line takes over. */
	walk_attach(&w, "Ola", "implementation_plan", "https://kommune.example/impl.pdf");
	walk_approve(&w, "Kari", "implementation_plan");
	walk_sign(&w, "Liv", "line_acceptance");
	walk_set(&w, "Liv", "active_use_ratio=83%", NULL);
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "bp5_final_report", NULL);
	walk_attach(&w, "Ola", "final_report", "https://kommune.example/sluttrapport.pdf");
	walk_approve(&w, "Kari", "final_report");
	walk_at(&w, "2026-10-05");
	walk_decide(&w, "Kari", VEIKART_OUTCOME_GO, NULL, "BP5: the project is closed.");
	assert_string_equal(walk_phase(&w), "ny-praksis");

	/* Realisere: the yearly follow-up by the benefit owner. */
	walk_at(&w, "2027-10-11");
	walk_set(&w, "Liv", "benefits_followed_up_on=2027-10-01", NULL);
	walk_attach(&w, "Liv", "benefit_report", "https://kommune.example/gevinst-2027.pdf");
	walk_decide(&w, "Liv", VEIKART_OUTCOME_CONTINUE, NULL, "Benefits on plan.");
	assert_string_equal(walk_phase(&w), "ny-praksis");

	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* ---- skr-inforandebeslut ---------------------------------------------------------- */

static void test_skr_introduction_decision_waits_for_an_approved_dpia(void **state)
{
	walk w;

	(void)state;
	walk_at(&w, "2026-02-02");
	walk_start(&w, "skr-inforandebeslut", "TILLSYN-1", "Digital tillsyn", "Anna");
	assert_string_equal(walk_phase(&w), "infor-beslut");
	assert_string_equal(phase_title(&w, "sv"), "Inför beslut om införande");
	walk_assign(&w, "Anna", "Nämnden", "beslutsfattare");
	walk_assign(&w, "Anna", "Anna", "verksamhetsansvarig");
	walk_assign(&w, "Anna", "Erik", "utredare");
	walk_assign(&w, "Anna", "Maria", "personuppgiftsansvarig");
	walk_assign(&w, "Anna", "Sofia", "nyttoansvarig");

	/* The decision basis. */
	walk_step(&w, "Erik", "infor-beslut", "behovsanalys");
	walk_attach(&w, "Erik", "needs_and_current_state", "https://kommun.example/nulage.pdf");
	walk_attach(&w, "Erik", "benefit_calculation", "https://kommun.example/nyttokalkyl.xlsx");
	walk_attach(&w, "Erik", "feasibility_and_risk", "https://kommun.example/risk.pdf");
	walk_attach(&w, "Erik", "security_assessment", "https://kommun.example/klassning.pdf");
	walk_set(&w, "Erik", "purpose_stated=true", "stakeholders_analysed=true", NULL);
	walk_attach(&w, "Erik", "dpia", "https://kommun.example/dpia.pdf");
	walk_sign(&w, "Nämnden", "introduction_decision");
	/* Attached is not approved, and only the controller approves a DPIA. */
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "dpia_approved", NULL);
	refused_decide(&w, "Nämnden", NULL, VEIKART_OUTCOME_GO, VEIKART_ESTATE,
	               "is not ready for go");
	WALK_REFUSED(&w, VEIKART_EDENIED, "personuppgiftsansvarig",
	             veikart_initiative_approve(w.in, "Erik", "dpia"));
	walk_approve(&w, "Maria", "dpia");
	walk_gate(&w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	walk_at(&w, "2026-03-16");
	walk_decide(&w, "Nämnden", VEIKART_OUTCOME_GO, NULL, "Införandebeslut fattat.");
	assert_string_equal(walk_phase(&w), "planera");

	/* Planera: the benefits realisation plan first of all. */
	walk_set(&w, "Anna", "information_classified=true", "target_group_and_legal_basis=true",
	         "processes_mapped=true", "fallback_routine=true", "access_control=true", NULL);
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "benefits_realisation_plan", NULL);
	walk_attach(&w, "Sofia", "benefits_realisation_plan", "https://kommun.example/nrp.pdf");
	walk_approve(&w, "Anna", "benefits_realisation_plan");
	walk_at(&w, "2026-05-04");
	walk_decide(&w, "Anna", VEIKART_OUTCOME_GO, NULL, "Planen är klar.");
	assert_string_equal(walk_phase(&w), "infora");

	/* Införa. */
	walk_set(&w, "Anna", "installation_routine=true", "care_plan_routine=true",
	         "staff_trained_ratio=70%", NULL);
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "staff_trained", NULL);
	walk_at(&w, "2026-09-07");
	walk_set(&w, "Anna", "staff_trained_ratio=92%", NULL);
	walk_set(&w, "Sofia", "active_use_ratio=65%", NULL);
	walk_decide(&w, "Anna", VEIKART_OUTCOME_GO, NULL, "Över i förvaltning.");
	assert_string_equal(walk_phase(&w), "forvalta");

	/* Förvalta: the yearly benefit follow-up. */
	assert_int_equal(veikart_initiative_review_due(w.in, NULL), w.now + 365 * DAY);
	walk_at(&w, "2027-09-13");
	walk_gate(&w, NULL, VEIKART_VERDICT_INCOMPLETE, "benefits_followed_up", "not recorded");
	walk_set(&w, "Sofia", "benefits_followed_up_on=2027-09-01", NULL);
	walk_decide(&w, "Sofia", VEIKART_OUTCOME_CONTINUE, NULL, "Nyttan följd upp.");
	assert_string_equal(walk_phase(&w), "forvalta");

	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* ---- se-nationell-metod ----------------------------------------------------------- */

static void test_swedish_method_flags_a_stalled_pilot_and_wants_a_scale_up_plan(void **state)
{
	walk w;

	(void)state;
	walk_at(&w, "2026-01-12");
	walk_start(&w, "se-nationell-metod", "NATT-1", "Digital nattillsyn", "Eva");
	assert_string_equal(veikart_method_title(w.m, "sv"),
	                    "Nationell strukturerad införandemetod (under framtagande)");
	assert_string_equal(phase_title(&w, "sv"), "Innan ni börjar");
	assert_string_equal(phase_title(&w, "en"), "Before you start");
	walk_assign(&w, "Eva", "Eva", "prosjekteier");
	walk_assign(&w, "Eva", "Nils", "prosjektleder");
	walk_assign(&w, "Eva", "Styrgruppen", "styringsgruppe");
	walk_assign(&w, "Eva", "Sara", "gevinstansvarlig");

	walk_set(&w, "Nils", "challenge_described=true", "work_planned=true", NULL);
	walk_set(&w, "Eva", "anchored_in_management=true", "need_for_change_understood=true", NULL);
	walk_sign(&w, "Eva", "project_mandate");
	walk_at(&w, "2026-02-02");
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "Direktivet är undertecknat.");
	assert_string_equal(walk_phase(&w), "innsikt-og-ide");

	walk_set(&w, "Nils", "user_insight_gathered=true", "pilot_plan_goals=true",
	         "pilot_plan_scope=true", "pilot_plan_duration=true",
	         "pilot_plan_participants=true", "pilot_plan_information=true",
	         "pilot_plan_training=true", "pilot_plan_error_handling=true",
	         "pilot_plan_measurement=true", "pilot_plan_observation=true",
	         "pilot_plan_documentation=true", NULL);
	walk_attach(&w, "Nils", "target_picture", "https://kommun.example/malbild.pdf");
	walk_attach(&w, "Sara", "benefit_plan", "https://kommun.example/nyttoplan.pdf");
	walk_approve(&w, "Eva", "benefit_plan");
	walk_attach(&w, "Sara", "baseline_measurement", "https://kommun.example/nollmatning.xlsx");
	walk_at(&w, "2026-03-02");
	walk_decide(&w, "Styrgruppen", VEIKART_OUTCOME_GO, NULL, "Starta piloten.");
	assert_string_equal(walk_phase(&w), "utproving");
	assert_string_equal(phase_title(&w, "sv"), "Pilotering");

	/* The pilot runs on past its time box: the pre-study's named failure. */
	walk_set(&w, "Nils", "pilot_start=2026-03-09", "pilot_participants=18",
	         "staff_trained_ratio=88%", NULL);
	walk_at(&w, "2026-08-28");
	assert_false(veikart_initiative_is_stalled(w.in));
	walk_at(&w, "2026-09-14");
	assert_int_equal(veikart_initiative_days_in_phase(w.in), 196);
	assert_true(veikart_initiative_is_stalled(w.in));
	walk_set(&w, "Nils", "active_use_ratio=66%", "user_experience=medium", NULL);
	walk_set(&w, "Sara", "hours_saved_per_week=8", NULL);
	walk_attach(&w, "Nils", "pilot_report", "https://kommun.example/pilotrapport.pdf");
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "Utvärdera piloten.");
	assert_string_equal(walk_phase(&w), "evaluering");
	assert_false(veikart_initiative_is_stalled(w.in));

	/* Broad introduction waits for a plan for it. */
	walk_attach(&w, "Nils", "evaluation_report", "https://kommun.example/utvardering.pdf");
	walk_approve(&w, "Eva", "evaluation_report");
	walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "scale_up_planned", NULL);
	refused_decide(&w, "Styrgruppen", NULL, VEIKART_OUTCOME_GO, VEIKART_ESTATE,
	               "is not ready for go");
	walk_attach(&w, "Nils", "scale_up_plan", "https://kommun.example/breddinforande.pdf");
	walk_at(&w, "2026-10-05");
	walk_decide(&w, "Styrgruppen", VEIKART_OUTCOME_GO, NULL, "Breddinför tjänsten.");
	assert_string_equal(walk_phase(&w), "overgang-til-drift");
	assert_string_equal(phase_title(&w, "sv"), "Breddinförande");

	walk_attach(&w, "Nils", "implementation_plan", "https://kommun.example/inforande.pdf");
	walk_approve(&w, "Eva", "implementation_plan");
	walk_sign(&w, "Sara", "line_acceptance");
	walk_set(&w, "Sara", "active_use_ratio=81%", NULL);
	walk_at(&w, "2027-03-01");
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "Linjen tar över.");
	assert_string_equal(walk_phase(&w), "ny-praksis");
	assert_string_equal(phase_title(&w, "sv"), "Ny praxis");

	walk_at(&w, "2028-03-06");
	walk_set(&w, "Sara", "benefits_followed_up_on=2028-02-20", NULL);
	walk_attach(&w, "Sara", "benefit_report", "https://kommun.example/nyttorapport-2028.pdf");
	walk_decide(&w, "Sara", VEIKART_OUTCOME_CONTINUE, NULL, "Nyttan följd upp.");
	assert_string_equal(walk_phase(&w), "ny-praksis");

	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ks_veikart_6_walks_from_anchoring_to_new_practice),
		cmocka_unit_test(test_prosjektveiviseren_puts_bp1_to_bp5_on_the_veikart),
		cmocka_unit_test(test_skr_introduction_decision_waits_for_an_approved_dpia),
		cmocka_unit_test(
		        test_swedish_method_flags_a_stalled_pilot_and_wants_a_scale_up_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
