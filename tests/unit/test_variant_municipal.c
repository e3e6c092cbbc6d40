/*
 * The shipped Swedish municipal methodologies walked end to end through
 * the public API (walk.h):
 *
 *  - mittkoping: anchoring, needs, a test round whose final report does
 *    not yet recommend a broad rollout, a second round that does, then a
 *    broad rollout at once (skip past the pilot within the implementation);
 *  - esset: the per-area roles (ambassadors, super users) and what the
 *    administration answers for, and the project stopped before use
 *    (the successive order is walked in test_rollout.c);
 *  - boras-mcss: the project group's composition, licensed staff trained
 *    before go-live, and management under two recurring reviews (the
 *    monthly working group, super-user meetings twice a year).
 *
 * Each walk ends by replaying its journal and restoring a snapshot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "walk.h"

#define DAY 86400

static int setup(void **state)
{
	walk *w = calloc(1, sizeof(*w));

	*state = w;
	return w != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	walk *w = *state;

	walk_end(w);
	free(w);
	return 0;
}

static veikart_decision_request request(const char *actor, const char *unit, const char *gate,
                                        veikart_outcome_kind kind, const char *why)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	req.actor = actor;
	req.unit = unit;
	req.gate = gate;
	req.outcome = kind;
	req.rationale = why;
	return req;
}

/* ---- Mittköping: test, final report, broad rollout -------------------------------- */

#define EVA "Eva Berg"     /* förvaltningsledning */
#define LARS "Lars Holm"   /* namnd */
#define NILS "Nils Åberg"  /* projektledare */
#define MARIA "Maria Lund" /* enhetschef */

static void test_mittkoping_should_walk_from_decision_to_broad_rollout(void **state)
{
	static const char *const units[] = { "hemtjanst-norr", "hemtjanst-syd", "boende-ekbacken",
		                             "boende-lunden" };
	walk *w = *state;
	veikart_decision_request req;
	size_t i;

	walk_at(w, "2018-02-05");
	walk_start(w, "mittkoping", "SANG", "Sängsensorer i hemtjänst och boende", EVA);
	walk_assign(w, EVA, EVA, "forvaltningsledning");
	walk_assign(w, EVA, LARS, "namnd");
	walk_assign(w, EVA, NILS, "projektledare");

	/* A: nothing starts before politics has decided the direction. */
	walk_set(w, EVA, "why_and_benefit_told=true", "cooperation_groups_used=true", NULL);
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "political_decision", NULL);
	walk_sign(w, LARS, "political_decision");
	walk_decide(w, EVA, VEIKART_OUTCOME_GO, NULL, "The committee decided; the staff are told.");
	assert_string_equal(walk_phase(w), "behov");

	/* B and C: the needs, a purpose, and a communication strategy. */
	walk_at(w, "2018-03-05");
	walk_set(w, EVA, "focus_areas_decided=true", NULL);
	walk_set(w, NILS, "citizen_needs_gathered=true",
	         "purpose_and_goal=Fewer night visits that wake the residents", NULL);
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "communication_strategy", NULL);
	walk_attach(w, NILS, "communication_strategy", "https://mittkoping.example/sang/komm.pdf");
	walk_decide(w, EVA, VEIKART_OUTCOME_GO, NULL,
	            "Test the bed sensors in ordinary operation.");
	assert_string_equal(walk_phase(w), "test-och-pilot");

	/* D: the final report comes after the follow-up, which comes after
	 * the project plan. */
	WALK_REFUSED(w, VEIKART_ESTATE, "comes after step `projektplan`",
	             veikart_initiative_step(w->in, NILS, "test-och-pilot", "folja-upp"));
	walk_step(w, NILS, "test-och-pilot", "projektplan");
	walk_attach(w, NILS, "pilot_project_plan", "https://mittkoping.example/sang/plan.pdf");
	walk_step(w, NILS, "test-och-pilot", "folja-upp");
	walk_set(w, NILS, "pilot_followed_up=true", NULL);
	walk_at(w, "2018-06-04");
	walk_step(w, NILS, "test-och-pilot", "slutrapport");
	walk_attach(w, NILS, "final_report", "https://mittkoping.example/sang/slutrapport-1.pdf");
	walk_approve(w, EVA, "final_report");
	walk_set(w, NILS, "broad_rollout_recommended=false", NULL);
	/* The first report does not recommend a broad rollout. */
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "recommends_rollout", "false");
	req = request(EVA, NULL, NULL, VEIKART_OUTCOME_GO, "Roll out anyway?");
	WALK_REFUSED(w, VEIKART_ESTATE, "is not ready for go",
	             veikart_initiative_decide(w->in, &req));
	walk_decide(w, EVA, VEIKART_OUTCOME_RECYCLE, NULL,
	            "Weight readings drift: a new round with recalibrated sensors.");
	assert_string_equal(walk_phase(w), "test-och-pilot");
	/* forankring, behov, test-och-pilot, and test-och-pilot again. */
	assert_int_equal(veikart_initiative_visit_count(w->in), 4);

	walk_at(w, "2018-09-03");
	walk_attach(w, NILS, "final_report", "https://mittkoping.example/sang/slutrapport-2.pdf");
	walk_approve(w, EVA, "final_report");
	walk_set(w, NILS, "broad_rollout_recommended=true", "managers_on_board=true", NULL);
	walk_gate(w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	walk_decide(w, EVA, VEIKART_OUTCOME_GO, NULL,
	            "The final report recommends a broad rollout.");
	assert_string_equal(walk_phase(w), "inforandeplanering");

	/* E: units with waves, but a broad rollout: everyone at once. */
	for (i = 0; i < 4; i++) {
		walk_add_unit(w, NILS, units[i], NULL, "enhet", (int)i + 1);
		walk_unit_assign(w, NILS, units[i], MARIA, "enhetschef");
	}
	walk_unit_decide(w, NILS, "hemtjanst-norr", VEIKART_OUTCOME_HOLD, NULL, "Not yet.");
	req = request(NILS, "hemtjanst-norr", NULL, VEIKART_OUTCOME_GO, "Start early?");
	WALK_REFUSED(w, VEIKART_ESTATE, "its_turn", veikart_initiative_decide(w->in, &req));
	walk_set(w, NILS, "scope_assessed=true", "plan_aired=true", NULL);
	walk_set(w, EVA, "rollout_mode=bredd", "critical_routines_decided=true", NULL);
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "implementation_plan", NULL);
	walk_attach(w, NILS, "implementation_plan",
	            "https://mittkoping.example/sang/inforande.pdf");
	walk_approve(w, EVA, "implementation_plan");
	walk_at(w, "2018-10-01");
	walk_decide(w, EVA, VEIKART_OUTCOME_SKIP, NULL,
	            "Tested twice already: broad rollout at once, no pilot within it.");
	assert_string_equal(walk_phase(w), "fullskaligt-inforande");

	/* The last wave need not wait for the first. */
	walk_unit_decide(w, NILS, "boende-lunden", VEIKART_OUTCOME_GO, NULL, "Broad: all at once.");
	for (i = 0; i < 3; i++)
		walk_unit_decide(w, NILS, units[i], VEIKART_OUTCOME_GO, NULL,
		                 "Broad: all at once.");
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "units_in_operation", "0 of 4");
	walk_at(w, "2018-11-05");
	walk_unit_set(w, MARIA, "boende-lunden", "staff_trained=80%", NULL);
	walk_gate(w, "boende-lunden", VEIKART_VERDICT_BLOCKED, "trained", "0.8");
	for (i = 0; i < 4; i++) {
		walk_unit_set(w, MARIA, units[i], "staff_trained=95%", "old_methods_replaced=true",
		              NULL);
		walk_unit_decide(w, MARIA, units[i], VEIKART_OUTCOME_GO, NULL,
		                 "The sensors replace the night rounds.");
		assert_string_equal(walk_unit_phase(w, units[i]), "enhet-i-drift");
	}
	walk_decide(w, EVA, VEIKART_OUTCOME_GO, NULL, "Every unit works with the sensors.");
	assert_string_equal(walk_phase(w), "drift");
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_COMPLETED);
	walk_same_after_replay_and_restore(w);
}

/* ---- Esset: the roles per area, and a project stopped before use ------------------ */

#define ANNA "Anna Ek"     /* styrgrupp */
#define PER "Per Lind"     /* inforandeteam */
#define KARIN "Karin Sjö"  /* forvaltningsledning */
#define SARA "Sara Nyberg" /* samordnare, for the guardianship area */
#define AMIR "Amir Said"   /* ambassador, for the guardianship area */
#define OMAR "Omar Haddad" /* superanvandare, for the guardianship area */

static void test_esset_should_keep_roles_to_their_area_and_stop_before_use(void **state)
{
	walk *w = *state;
	const veikart_unit *u;
	veikart_decision_request req;

	walk_at(w, "2018-06-14");
	walk_start(w, "esset", "ESSET", "Modernisering av sociala system", ANNA);
	walk_assign(w, ANNA, ANNA, "styrgrupp");
	walk_assign(w, ANNA, PER, "inforandeteam");
	walk_assign(w, ANNA, KARIN, "forvaltningsledning");
	walk_add_unit(w, PER, "overformyndare", "Överförmyndarverksamhet", "verksamhetsomrade", 1);
	walk_add_unit(w, PER, "barn-och-unga", "Barn och unga", "verksamhetsomrade", 2);
	/* The team of one area: a coordinator, an ambassador, a super user. */
	walk_unit_assign(w, PER, "overformyndare", SARA, "samordnare");
	walk_unit_assign(w, PER, "overformyndare", AMIR, "ambassador");
	walk_unit_assign(w, PER, "overformyndare", OMAR, "superanvandare");
	u = veikart_initiative_unit_by_id(w->in, "overformyndare");
	assert_true(veikart_unit_holds(u, OMAR, "superanvandare"));
	assert_false(veikart_unit_holds(veikart_initiative_unit_by_id(w->in, "barn-och-unga"), OMAR,
	                                "superanvandare"));
	WALK_REFUSED(w, VEIKART_EDENIED, "for unit `overformyndare`",
	             veikart_initiative_unit_set(w->in, OMAR, "barn-och-unga", 1,
	                                         (const char *const[]){ "staff_trained" },
	                                         (const char *const[]){ "0.9" }));

	/* The project's own responsibilities come first. */
	walk_set(w, PER, "process_maps_approved=true", "resources_planned=true",
	         "training_and_support=true", NULL);
	walk_sign(w, ANNA, "introduction_order");
	walk_gate(w, NULL, VEIKART_VERDICT_INCOMPLETE, "coordinators", "not recorded");
	walk_set(w, KARIN, "coordinators_named=true", NULL);
	walk_at(w, "2019-11-04");
	walk_decide(w, ANNA, VEIKART_OUTCOME_GO, NULL, "Start in the decided order.");

	/* The area's team and what its administration answers for. */
	walk_unit_step(w, SARA, "overformyndare", "omrade-forbereds", "verksamhetsteam");
	walk_unit_set(w, SARA, "overformyndare", "team_formed=true", "ambassadors=1",
	              "super_users=0", NULL);
	walk_unit_set(w, KARIN, "overformyndare", "processes_designed=true", "roles_staffed=true",
	              "preparations_done=true", NULL);
	walk_unit_step(w, OMAR, "overformyndare", "omrade-forbereds", "utbildning");
	walk_unit_set(w, OMAR, "overformyndare", "staff_trained=92%", NULL);
	walk_gate(w, "overformyndare", VEIKART_VERDICT_BLOCKED, "team", "super_users");
	walk_unit_set(w, SARA, "overformyndare", "super_users=2", NULL);
	walk_gate(w, "overformyndare", VEIKART_VERDICT_INCOMPLETE, "data_quality", "not recorded");
	walk_unit_set(w, KARIN, "overformyndare", "data_quality_checked=true", NULL);
	walk_at(w, "2020-01-13");
	walk_unit_decide(w, PER, "overformyndare", VEIKART_OUTCOME_GO, NULL, "First in the order.");
	assert_string_equal(walk_unit_phase(w, "overformyndare"), "omrade-inforande");
	/* The area's coordinator judges it in operation; the adoption counts. */
	walk_unit_set(w, SARA, "overformyndare", "users_enabled=200", "users_active=120",
	              "results_followed_up=true", NULL);
	walk_gate(w, "overformyndare", VEIKART_VERDICT_BLOCKED, "used", NULL);
	req = request(OMAR, "overformyndare", NULL, VEIKART_OUTCOME_HOLD, "Wait.");
	WALK_REFUSED(w, VEIKART_EDENIED, "needs role `samordnare`",
	             veikart_initiative_decide(w->in, &req));

	/* The steering group stops the project before the platform is used. */
	walk_at(w, "2021-09-07");
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "all_areas_introduced", "1 of 2");
	walk_decide(w, ANNA, VEIKART_OUTCOME_STOP, NULL,
	            "Costs run away and the system is late: change direction.");
	assert_string_equal(walk_phase(w), "avbrutet");
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_STOPPED);
	walk_same_after_replay_and_restore(w);
}

/* ---- Borås: MCSS, its project group, and management under review ------------------ */

#define ANDERS "Anders Jonsson" /* itvoo */
#define BRITT "Britt Olsson"    /* projektagare */
#define HANNA "Hanna Ek"        /* projektledare */
#define GRUPP "Gun Persson"     /* arbetsgrupp: its chair */
#define APPVA "Appva utbildare" /* leverantor */

static void test_boras_should_review_monthly_and_twice_a_year_after_go_live(void **state)
{
	walk *w = *state;
	const veikart_gate *monthly, *superusers;
	veikart_decision_request req;
	int64_t live;

	walk_at(w, "2018-09-03");
	walk_start(w, "boras-mcss", "MCSS", "Digital signering med MCSS", BRITT);
	walk_assign(w, BRITT, BRITT, "projektagare");
	walk_assign(w, BRITT, HANNA, "projektledare");
	walk_assign(w, BRITT, ANDERS, "itvoo");
	walk_assign(w, BRITT, GRUPP, "arbetsgrupp");
	walk_assign(w, BRITT, APPVA, "leverantor");
	monthly = veikart_method_gate_by_id(w->m, "g-arbetsgrupp");
	superusers = veikart_method_gate_by_id(w->m, "g-stodanvandartraff");
	assert_int_equal(veikart_gate_every_days(monthly), 30);
	assert_int_equal(veikart_gate_every_days(superusers), 182);
	/* Not due before their phase is reached. */
	assert_int_equal(veikart_initiative_review_due(w->in, monthly), 0);

	/* The project group: ITVoO, unit managers, MAS/MAR must be in it; of
	 * delegation process leaders and IT coordinators, one kind is enough. */
	walk_set(w, BRITT, "project_leader_named=true", "itvoo_in_group=true",
	         "unit_managers_in_group=true", NULL);
	walk_set(w, HANNA, "weekly_meetings=true", NULL);
	walk_attach(w, HANNA, "project_plan", "https://boras.example/mcss/projektplan.pdf");
	walk_approve(w, BRITT, "project_plan");
	walk_gate(w, NULL, VEIKART_VERDICT_INCOMPLETE, "mas_mar", "not recorded");
	walk_set(w, BRITT, "mas_mar_in_group=true", "delegation_leaders_in_group=false",
	         "it_coordinators_in_group=false", NULL);
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "it_coordinators", NULL);
	walk_set(w, BRITT, "it_coordinators_in_group=true", NULL);
	walk_gate(w, NULL, VEIKART_VERDICT_READY, NULL, NULL);
	walk_decide(w, BRITT, VEIKART_OUTCOME_GO, NULL, "The group is in place; weekly meetings.");
	assert_string_equal(walk_phase(w), "inforande");

	/* The licensed staff are trained before go-live, after the demo. */
	walk_at(w, "2018-11-05");
	WALK_REFUSED(w, VEIKART_ESTATE, "comes after step `visning`",
	             veikart_initiative_step(w->in, APPVA, "inforande", "utbildning"));
	walk_step(w, APPVA, "inforande", "visning");
	walk_set(w, APPVA, "supplier_on_site=true", NULL);
	walk_step(w, APPVA, "inforande", "utbildning");
	walk_set(w, APPVA, "licensed_staff_trained=70%", NULL);
	walk_set(w, ANDERS, "support_via_itvoo=true", "working_group_formed=true", NULL);
	walk_gate(w, NULL, VEIKART_VERDICT_BLOCKED, "licensed_staff_trained", "0.7");
	req = request(BRITT, NULL, NULL, VEIKART_OUTCOME_GO, "Go live anyway?");
	WALK_REFUSED(w, VEIKART_ESTATE, "is not ready for go",
	             veikart_initiative_decide(w->in, &req));
	walk_at(w, "2019-03-04");
	walk_set(w, APPVA, "licensed_staff_trained=94%", NULL);
	walk_set(w, ANDERS, "super_users=12", NULL);
	walk_decide(w, BRITT, VEIKART_OUTCOME_GO, NULL, "Licensed staff trained: go live.");
	assert_string_equal(walk_phase(w), "forvaltning");
	live = w->now;

	/* Two reviews in one phase: each has its own due date, and a decision
	 * names its gate. */
	assert_int_equal(veikart_initiative_review_due(w->in, monthly), live + 30 * DAY);
	assert_int_equal(veikart_initiative_review_due(w->in, superusers), live + 182 * DAY);
	assert_int_equal(veikart_initiative_review_due(w->in, NULL), 0);
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_ACTIVE);

	/* A month on, the monthly review is due; the working group met. */
	walk_at(w, "2019-04-04");
	assert_true(veikart_initiative_now(w->in) >= veikart_initiative_review_due(w->in, monthly));
	assert_true(veikart_initiative_now(w->in) <
	            veikart_initiative_review_due(w->in, superusers));
	walk_set(w, GRUPP, "working_group_met_on=2019-04-01",
	         "requests_to_supplier=Sort the signing list by time of day", NULL);
	req = request(ANDERS, NULL, "g-arbetsgrupp", VEIKART_OUTCOME_CONTINUE, "Met.");
	WALK_REFUSED(w, VEIKART_EDENIED, "needs role `arbetsgrupp`",
	             veikart_initiative_decide(w->in, &req));
	walk_decide_at(w, GRUPP, "g-arbetsgrupp", VEIKART_OUTCOME_CONTINUE, NULL,
	               "Three requests handled; one taken on to Appva.");
	assert_string_equal(walk_phase(w), "forvaltning");
	assert_int_equal(veikart_initiative_review_due(w->in, monthly), w->now + 30 * DAY);
	/* The half-yearly review is not moved by the monthly one. */
	assert_int_equal(veikart_initiative_review_due(w->in, superusers), live + 182 * DAY);

	/* Thirty days later it is due again; the group has not met since. */
	walk_at(w, "2019-05-04");
	assert_int_equal(veikart_initiative_now(w->in),
	                 veikart_initiative_review_due(w->in, monthly));
	req = request(GRUPP, NULL, "g-arbetsgrupp", VEIKART_OUTCOME_CONTINUE, "All well?");
	WALK_REFUSED(w, VEIKART_ESTATE, "is not ready for continue",
	             veikart_initiative_decide(w->in, &req));
	walk_set(w, GRUPP, "working_group_met_on=2019-05-02", NULL);
	walk_decide_at(w, GRUPP, "g-arbetsgrupp", VEIKART_OUTCOME_CONTINUE, NULL,
	               "Met on 2 May: the new unit structure is in the system.");
	assert_int_equal(veikart_initiative_review_due(w->in, monthly), w->now + 30 * DAY);

	/* Half a year after go-live, the super users meet with ITVoO. */
	walk_at(w, "2019-09-03");
	assert_true(veikart_initiative_now(w->in) >=
	            veikart_initiative_review_due(w->in, superusers));
	walk_set(w, ANDERS, "superuser_meeting_on=2019-08-29", "itvoo_at_superuser_meeting=true",
	         NULL);
	walk_decide_at(w, ANDERS, "g-stodanvandartraff", VEIKART_OUTCOME_CONTINUE, NULL,
	               "Super-user meeting held; two wishes go to the working group.");
	assert_int_equal(veikart_initiative_review_due(w->in, superusers), w->now + 182 * DAY);
	assert_int_equal(veikart_initiative_decision_count(w->in), 5);
	walk_same_after_replay_and_restore(w);

	/* The system is retired at a review: the initiative ends there. */
	walk_at(w, "2019-10-07");
	walk_decide_at(w, GRUPP, "g-arbetsgrupp", VEIKART_OUTCOME_STOP, NULL,
	               "Replaced by the region's joint system.");
	assert_string_equal(walk_phase(w), "avvecklat");
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_STOPPED);
	assert_int_equal(veikart_initiative_review_due(w->in, monthly), 0);
	walk_same_after_replay_and_restore(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		        test_mittkoping_should_walk_from_decision_to_broad_rollout, setup,
		        teardown),
		cmocka_unit_test_setup_teardown(
		        test_esset_should_keep_roles_to_their_area_and_stop_before_use, setup,
		        teardown),
		cmocka_unit_test_setup_teardown(
		        test_boras_should_review_monthly_and_twice_a_year_after_go_live, setup,
		        teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
