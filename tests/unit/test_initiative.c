/*
 * The initiative engine through the public API, on the default methodology
 * with a clock the test sets: roles, facts, evidence, sign-offs, steps,
 * gate reports, decisions, the commit hook, replay and snapshots.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "support.h"

#define DAY 86400
#define START 1767603600 /* 2026-01-05T09:00:00Z */

typedef struct world {
	veikart_method *m;
	veikart_initiative *in;
	int64_t now;
	/* What the commit hook saw. */
	char **records;
	size_t nrecords;
	size_t calls;
	int veto;
} world;

static int64_t clock_of(void *payload)
{
	return ((world *)payload)->now;
}

static int keep(const veikart_event *const *events, size_t count, void *payload)
{
	world *w = payload;
	size_t i, len;
	const char *rec;

	w->calls++;
	if (w->veto)
		return w->veto;
	for (i = 0; i < count; i++) {
		rec = veikart_event_record(events[i], &len);
		w->records = realloc(w->records, (w->nrecords + 1) * sizeof(*w->records));
		w->records[w->nrecords++] = strndup(rec, len);
	}
	return 0;
}

static veikart_initiative_options options(world *w)
{
	veikart_initiative_options o = VEIKART_INITIATIVE_OPTIONS_INIT;

	o.clock = clock_of;
	o.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	o.clock_payload = w;
	o.commit = keep;
	o.commit_payload = w;
	return o;
}

static int setup(void **state)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_initiative_options o;
	world *w = calloc(1, sizeof(*w));

	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	assert_int_equal(veikart_method_load(&w->m, VEIKART_DEFAULT_METHOD, &lo, NULL), 0);
	w->now = START;
	o = options(w);
	assert_int_equal(
	        veikart_initiative_create(&w->in, w->m, "NT-1", "Digitalt nattilsyn", "Kari", &o),
	        0);
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Kari", "prosjekteier"), 0);
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Ola", "prosjektleder"), 0);
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Ingrid", "styringsgruppe"), 0);
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Per", "gevinstansvarlig"), 0);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;
	size_t i;

	veikart_initiative_free(w->in);
	veikart_method_free(w->m);
	for (i = 0; i < w->nrecords; i++)
		free(w->records[i]);
	free(w->records);
	free(w);
	return 0;
}

static void decide(world *w, const char *actor, veikart_outcome_kind kind, const char *to,
                   int override, int expect)
{
	veikart_decision_request r = VEIKART_DECISION_REQUEST_INIT;

	r.actor = actor;
	r.outcome = kind;
	r.to = to;
	r.rationale = "as discussed at the meeting";
	r.override = override;
	if (veikart_initiative_decide(w->in, &r) != expect)
		fail_msg("decide %s by %s: expected %d, got: %s", veikart_outcome_kind_name(kind),
		         actor, expect, veikart_error_last()->message);
}

/* Walk the first gate: needs capture done properly. */
static void pass_needs(world *w)
{
	static const char *const ids[] = { "challenge_described", "anchored_in_management",
		                           "need_for_change_understood" };
	static const char *const vals[] = { "true", "true", "yes" };

	assert_int_equal(veikart_initiative_set_many(w->in, "Ola", 3, ids, vals), 0);
	assert_int_equal(veikart_initiative_sign(w->in, "Kari", "project_mandate"), 0);
	w->now += 10 * DAY;
	decide(w, "Kari", VEIKART_OUTCOME_GO, NULL, 0, 0);
}

static void test_create_pins_the_methodology(void **state)
{
	world *w = *state;

	assert_string_equal(veikart_initiative_id(w->in), "NT-1");
	assert_string_equal(veikart_initiative_title(w->in), "Digitalt nattilsyn");
	assert_string_equal(veikart_initiative_creator(w->in), "Kari");
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)), "for-du-starter");
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_ACTIVE);
	assert_int_equal(veikart_initiative_seq(w->in), 5);
	assert_int_equal(strlen(veikart_initiative_head(w->in)), 64);
	assert_int_equal(veikart_initiative_phase_entered(w->in), START);
	assert_true(test_contains(w->records[0], "\tcreate\tKari\tid=NT-1\t"));
	assert_true(test_contains(w->records[0], veikart_method_digest(w->m)));
	assert_int_equal(veikart_initiative_visit_count(w->in), 1);
}

static void test_roles_are_checked(void **state)
{
	world *w = *state;
	uint64_t seq = veikart_initiative_seq(w->in);

	assert_true(veikart_initiative_holds(w->in, "Ola", "prosjektleder"));
	assert_false(veikart_initiative_holds(w->in, "Ola", "prosjekteier"));
	assert_int_equal(veikart_initiative_assign(w->in, "Mallory", "Mallory", "prosjekteier"),
	                 VEIKART_EDENIED);
	assert_true(test_contains(veikart_error_last()->message,
	                          "assigning role `prosjekteier` needs role `prosjekteier`; "
	                          "`Mallory` holds no role"));
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Ola", "prosjektleder"),
	                 VEIKART_EEXISTS);
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Ola", "kaptein"),
	                 VEIKART_ENOTFOUND);
	assert_int_equal(veikart_initiative_unassign(w->in, "Kari", "Ola", "prosjekteier"),
	                 VEIKART_ENOTFOUND);
	/* Refusals leave no event. */
	assert_int_equal(veikart_initiative_seq(w->in), seq);
	assert_int_equal(veikart_initiative_unassign(w->in, "Kari", "Per", "gevinstansvarlig"), 0);
	assert_false(veikart_initiative_holds(w->in, "Per", "gevinstansvarlig"));
	assert_int_equal(veikart_initiative_assignment_count(w->in), 3);
}

/*
 * Self-escalation: the project leader gives himself the steering group's
 * and the owner's roles to decide against a blocked gate.  Only an owner
 * assigns roles here, and nobody assigns a role to themselves once the
 * creator's first assignments are done.
 */
static void test_nobody_grants_themselves_authority(void **state)
{
	world *w = *state;
	uint64_t seq = veikart_initiative_seq(w->in);

	/* Kari named herself owner first; with every assigning role held,
	 * her creator's right is over. */
	assert_false(veikart_initiative_creator_may_assign(w->in));
	assert_int_equal(veikart_initiative_assign(w->in, "Ola", "Ola", "styringsgruppe"),
	                 VEIKART_EDENIED);
	assert_string_equal(veikart_error_last()->message,
	                    "assigning role `styringsgruppe` needs role `prosjekteier`; `Ola` "
	                    "holds prosjektleder");
	assert_int_equal(veikart_initiative_assign(w->in, "Ola", "Ola", "prosjekteier"),
	                 VEIKART_EDENIED);
	assert_int_equal(veikart_initiative_assign(w->in, "Ola", "Mallory", "prosjektleder"),
	                 VEIKART_EDENIED);
	/* The owner may assign, but not to herself. */
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Kari", "styringsgruppe"),
	                 VEIKART_EDENIED);
	assert_true(test_contains(veikart_error_last()->message,
	                          "nobody assigns role `styringsgruppe` to themselves"));
	assert_false(veikart_initiative_holds(w->in, "Kari", "styringsgruppe"));
	assert_int_equal(veikart_initiative_seq(w->in), seq);
	/* Taking a role away needs the same right; giving up one's own does not. */
	assert_int_equal(veikart_initiative_unassign(w->in, "Ola", "Ingrid", "styringsgruppe"),
	                 VEIKART_EDENIED);
	assert_int_equal(veikart_initiative_unassign(w->in, "Ola", "Ola", "prosjektleder"), 0);
	assert_int_equal(veikart_initiative_seq(w->in), seq + 1);
	/* Unassigning the only owner does not give the creator's right back. */
	assert_int_equal(veikart_initiative_unassign(w->in, "Kari", "Kari", "prosjekteier"), 0);
	assert_false(veikart_initiative_creator_may_assign(w->in));
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Kari", "prosjekteier"),
	                 VEIKART_EDENIED);
}

/* The creator's right lasts until every assigning role is held, and a
 * snapshot keeps whether it has ended. */
static void test_the_creators_right_ends_when_the_assigners_are_in_place(void **state)
{
	world *w = *state;
	veikart_initiative_options o = options(w);
	veikart_initiative *in = NULL, *back = NULL;
	char *snap = NULL;
	size_t len;

	assert_int_equal(veikart_initiative_create(&in, w->m, "NT-2", "Two", "Kari", &o), 0);
	assert_true(veikart_initiative_creator_may_assign(in));
	assert_int_equal(veikart_initiative_assign(in, "Kari", "Kari", "styringsgruppe"), 0);
	assert_int_equal(veikart_initiative_assign(in, "Kari", "Ola", "prosjektleder"), 0);
	assert_true(veikart_initiative_creator_may_assign(in));
	assert_int_equal(veikart_initiative_assign(in, "Kari", "Kari", "prosjekteier"), 0);
	assert_false(veikart_initiative_creator_may_assign(in));
	/* The owner leaves; the creator still may not step in. */
	assert_int_equal(veikart_initiative_unassign(in, "Kari", "Kari", "prosjekteier"), 0);
	assert_int_equal(veikart_initiative_snapshot(&snap, &len, in), 0);
	assert_true(test_contains(snap, "creator-assigns=\"ended\""));
	assert_int_equal(veikart_initiative_restore(&back, w->m, snap, len, &o), 0);
	assert_false(veikart_initiative_creator_may_assign(back));
	assert_int_equal(veikart_initiative_assign(back, "Kari", "Kari", "prosjekteier"),
	                 VEIKART_EDENIED);
	veikart_string_free(snap);
	veikart_initiative_free(back);
	veikart_initiative_free(in);
}

static int64_t year_9999(void *payload)
{
	(void)payload;
	return INT64_C(253402300799); /* 9999-12-31T23:59:59Z */
}

static int64_t in_a_minute(void *payload)
{
	(void)payload;
	return (int64_t)time(NULL) + 60;
}

/*
 * One event dated in the year 9999 would refuse every later change: a
 * host clock far ahead of the real-time clock is refused, unless the host
 * declares it simulated.  A small skew is allowed.
 */
static void test_a_clock_ahead_of_real_time_is_refused(void **state)
{
	world *w = *state;
	veikart_initiative_options o = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *in = NULL;

	o.clock = year_9999;
	assert_int_equal(veikart_initiative_create(&in, w->m, "F-1", "Future", "Kari", &o),
	                 VEIKART_ESTATE);
	assert_null(in);
	assert_true(test_contains(veikart_error_last()->message,
	                          "the clock says 9999-12-31T23:59:59Z, more than 300 seconds "
	                          "ahead of the system's real-time clock"));
	/* A caller built for the first version of the options is held to it too. */
	o.version = 1;
	assert_int_equal(veikart_initiative_create(&in, w->m, "F-1", "Future", "Kari", &o),
	                 VEIKART_ESTATE);
	o.version = VEIKART_INITIATIVE_OPTIONS_VERSION;
	/* Within the skew, and with a larger one. */
	o.clock = in_a_minute;
	assert_int_equal(veikart_initiative_create(&in, w->m, "F-2", "Soon", "Kari", &o), 0);
	veikart_initiative_free(in);
	in = NULL;
	o.clock = year_9999;
	o.max_clock_skew = INT64_C(400000000000);
	assert_int_equal(veikart_initiative_create(&in, w->m, "F-3", "Far", "Kari", &o), 0);
	veikart_initiative_free(in);
	in = NULL;
	/* Declared simulated. */
	o.max_clock_skew = 0;
	o.flags = VEIKART_INITIATIVE_SIMULATED_CLOCK;
	assert_int_equal(veikart_initiative_create(&in, w->m, "F-4", "Story", "Kari", &o), 0);
	veikart_initiative_free(in);
}

static void test_facts_are_typed(void **state)
{
	world *w = *state;
	uint64_t seq = veikart_initiative_seq(w->in);

	assert_int_equal(veikart_initiative_set(w->in, "Ola", "active_use_ratio", "45%"), 0);
	assert_string_equal(veikart_initiative_fact(w->in, "active_use_ratio"), "0.45");
	assert_string_equal(veikart_initiative_fact_actor(w->in, "active_use_ratio"), "Ola");
	assert_int_equal(veikart_initiative_fact_time(w->in, "active_use_ratio"), START);
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "active_use_ratio", "1.5"),
	                 VEIKART_ETYPE);
	assert_true(test_contains(veikart_error_last()->message, "between 0 and 1"));
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "pilot_start", "2026-02-30"),
	                 VEIKART_ETYPE);
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "no_such_fact", "1"),
	                 VEIKART_ENOTFOUND);
	assert_int_equal(veikart_initiative_set(w->in, "Stranger", "pilot_participants", "3"),
	                 VEIKART_EDENIED);
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "benefit_plan", "x"), VEIKART_ESTATE);
	assert_true(test_contains(veikart_error_last()->message, "attached, not set"));
	assert_int_equal(veikart_initiative_seq(w->in), seq + 1);
	assert_int_equal(veikart_initiative_clear(w->in, "Ola", "active_use_ratio"), 0);
	assert_null(veikart_initiative_fact(w->in, "active_use_ratio"));
	assert_int_equal(veikart_initiative_clear(w->in, "Ola", "active_use_ratio"),
	                 VEIKART_ENOTFOUND);
}

static void test_several_facts_are_one_commit(void **state)
{
	static const char *const ids[] = { "pilot_participants", "pilot_start", "user_experience" };
	static const char *const good[] = { "14", "2026-02-01", "medium" };
	static const char *const bad[] = { "14", "2026-02-01", "fantastic" };
	world *w = *state;
	size_t calls = w->calls;
	uint64_t seq = veikart_initiative_seq(w->in);

	assert_int_equal(veikart_initiative_set_many(w->in, "Ola", 3, ids, bad), VEIKART_ETYPE);
	assert_true(test_contains(veikart_error_last()->message, "fantastic"));
	assert_null(veikart_initiative_fact(w->in, "pilot_participants"));
	assert_int_equal(w->calls, calls);
	assert_int_equal(veikart_initiative_set_many(w->in, "Ola", 3, ids, good), 0);
	assert_int_equal(w->calls, calls + 1);
	assert_int_equal(veikart_initiative_seq(w->in), seq + 3);
	assert_string_equal(veikart_initiative_fact(w->in, "user_experience"), "medium");
}

static void test_evidence_and_signoffs_need_their_roles(void **state)
{
	static const char digest[] =
	        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
	world *w = *state;

	assert_int_equal(veikart_initiative_attach(w->in, "Ola", "benefit_plan",
	                                           "https://docs.example/plan.pdf", digest),
	                 0);
	assert_string_equal(
	        veikart_initiative_fact(w->in, "benefit_plan"),
	        "https://docs.example/plan.pdf sha256:9f86d081884c7d659a2feaa0c55ad015a3bf"
	        "4f1b2b0b822cd15d6c15b0f00a08");
	assert_int_equal(veikart_initiative_approve(w->in, "Ola", "benefit_plan"), VEIKART_EDENIED);
	assert_true(test_contains(veikart_error_last()->message, "needs role `prosjekteier`"));
	assert_true(test_contains(veikart_error_last()->message, "`Ola` holds prosjektleder"));
	assert_int_equal(veikart_initiative_approve(w->in, "Kari", "benefit_plan"), 0);
	assert_true(
	        test_contains(veikart_initiative_fact(w->in, "benefit_plan"), "approved-by:Kari"));
	assert_int_equal(veikart_initiative_approve(w->in, "Kari", "benefit_plan"), VEIKART_ESTATE);
	assert_int_equal(veikart_initiative_attach(w->in, "Ola", "benefit_plan", "x", "nothex"),
	                 VEIKART_ETYPE);
	/* A digest is 64 lowercase hexadecimal digits, nothing after them. */
	assert_int_equal(
	        veikart_initiative_attach(w->in, "Ola", "benefit_plan", "x",
	                                  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd"
	                                  "15d6c15b0f00a08Z"),
	        VEIKART_ETYPE);
	assert_true(test_contains(veikart_error_last()->message, "is not a SHA-256 digest"));
	assert_int_equal(
	        veikart_initiative_attach(w->in, "Ola", "benefit_plan", "x",
	                                  "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD"
	                                  "15D6C15B0F00A08"),
	        VEIKART_ETYPE);
	assert_int_equal(veikart_initiative_sign(w->in, "Ola", "project_mandate"), VEIKART_EDENIED);
	assert_true(test_contains(veikart_error_last()->message, "needs role `prosjekteier`"));
	assert_int_equal(veikart_initiative_sign(w->in, "Kari", "project_mandate"), 0);
	assert_string_equal(veikart_initiative_fact(w->in, "project_mandate"), "Kari");
	assert_int_equal(veikart_initiative_sign(w->in, "Kari", "benefit_plan"), VEIKART_ETYPE);
}

static void test_steps_need_their_roles(void **state)
{
	world *w = *state;

	assert_int_equal(veikart_initiative_step(w->in, "Kari", "for-du-starter",
	                                         "beskrive-utfordringsbildet"),
	                 VEIKART_EDENIED);
	assert_int_equal(veikart_initiative_step(w->in, "Ola", "for-du-starter",
	                                         "beskrive-utfordringsbildet"),
	                 0);
	assert_true(veikart_initiative_step_done(w->in, "for-du-starter",
	                                         "beskrive-utfordringsbildet"));
	assert_int_equal(veikart_initiative_step(w->in, "Ola", "for-du-starter",
	                                         "beskrive-utfordringsbildet"),
	                 VEIKART_EEXISTS);
	assert_int_equal(veikart_initiative_step(w->in, "Ola", "for-du-starter", "dance"),
	                 VEIKART_ENOTFOUND);
	assert_int_equal(veikart_initiative_step(w->in, "Ola", "innsikt-og-ide", "innsikt"),
	                 VEIKART_ESTATE);
	/* Back in the phase after a recycle, its checklist starts afresh. */
	pass_needs(w);
	assert_false(veikart_initiative_step_done(w->in, "innsikt-og-ide", "innsikt"));
	assert_int_equal(veikart_initiative_step(w->in, "Ola", "innsikt-og-ide", "innsikt"), 0);
	decide(w, "Ingrid", VEIKART_OUTCOME_RECYCLE, NULL, 0, 0);
	assert_false(veikart_initiative_step_done(w->in, "for-du-starter",
	                                          "beskrive-utfordringsbildet"));
	w->now += DAY;
	decide(w, "Kari", VEIKART_OUTCOME_GO, NULL, 0, 0);
	assert_false(veikart_initiative_step_done(w->in, "innsikt-og-ide", "innsikt"));
	assert_int_equal(veikart_initiative_step(w->in, "Ola", "innsikt-og-ide", "innsikt"), 0);
	assert_true(veikart_initiative_step_done(w->in, "innsikt-og-ide", "innsikt"));
}

static void test_gate_report_explains_itself(void **state)
{
	world *w = *state;
	veikart_report *r = NULL;
	size_t i;

	assert_int_equal(veikart_initiative_evaluate(&r, w->in, NULL), 0);
	/* A missing sign-off is unmet, not unknown: the gate is blocked. */
	assert_int_equal(veikart_report_verdict(r), VEIKART_VERDICT_BLOCKED);
	assert_string_equal(veikart_gate_id(veikart_report_gate(r)), "g-for-du-starter");
	assert_string_equal(veikart_report_summary(r), "blocked: 1 must criterion unmet (mandate)");
	assert_int_equal(veikart_outcome_kind_of(veikart_report_recommended(r)),
	                 VEIKART_OUTCOME_HOLD);
	for (i = 0; i < veikart_report_count(r); i++) {
		assert_int_equal(
		        veikart_report_truth(r, i),
		        strcmp(veikart_criterion_id(veikart_report_criterion(r, i)), "mandate") == 0
		                ? VEIKART_UNMET
		                : VEIKART_UNKNOWN);
		assert_true(strlen(veikart_report_reason(r, i)) > 0);
	}
	veikart_report_free(r);
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "challenge_described", "false"), 0);
	assert_int_equal(veikart_initiative_evaluate(&r, w->in, NULL), 0);
	assert_int_equal(veikart_report_verdict(r), VEIKART_VERDICT_BLOCKED);
	assert_string_equal(veikart_report_summary(r),
	                    "blocked: 2 must criteria unmet (challenge, mandate)");
	veikart_report_free(r);
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "challenge_described", "true"), 0);
	assert_int_equal(veikart_initiative_sign(w->in, "Kari", "project_mandate"), 0);
	assert_int_equal(veikart_initiative_evaluate(&r, w->in, NULL), 0);
	assert_int_equal(veikart_report_verdict(r), VEIKART_VERDICT_INCOMPLETE);
	assert_string_equal(veikart_report_summary(r),
	                    "incomplete: 1 must criterion unknown (anchored)");
	veikart_report_free(r);
}

static void test_what_if_changes_nothing(void **state)
{
	world *w = *state;
	veikart_facts *hyp = NULL;
	veikart_report *r = NULL;
	uint64_t seq = veikart_initiative_seq(w->in);

	assert_int_equal(veikart_facts_new(&hyp, w->m), 0);
	assert_int_equal(veikart_facts_set(hyp, "challenge_described", "true"), 0);
	assert_int_equal(veikart_facts_set(hyp, "anchored_in_management", "true"), 0);
	assert_int_equal(veikart_facts_set(hyp, "project_mandate", "Kari"), 0);
	assert_int_equal(veikart_facts_set(hyp, "need_for_change_understood", "true"), 0);
	assert_int_equal(veikart_initiative_what_if(&r, w->in, NULL, hyp), 0);
	assert_int_equal(veikart_report_verdict(r), VEIKART_VERDICT_READY);
	assert_int_equal(veikart_outcome_kind_of(veikart_report_recommended(r)),
	                 VEIKART_OUTCOME_GO);
	veikart_report_free(r);
	assert_int_equal(veikart_initiative_seq(w->in), seq);
	assert_null(veikart_initiative_fact(w->in, "challenge_described"));
	veikart_facts_free(hyp);
}

static void test_only_the_authority_decides(void **state)
{
	world *w = *state;
	uint64_t seq = veikart_initiative_seq(w->in);

	pass_needs(w); /* decided by the owner */
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)), "innsikt-og-ide");
	seq = veikart_initiative_seq(w->in);
	/* The next gate belongs to the steering group. */
	assert_string_equal(veikart_role_id(veikart_initiative_authority(w->in, NULL)),
	                    "styringsgruppe");
	assert_string_equal(veikart_role_id(veikart_initiative_authority(
	                            w->in, veikart_method_gate_by_id(w->m, "g-for-du-starter"))),
	                    "prosjekteier");
	assert_null(veikart_initiative_authority(NULL, NULL));
	decide(w, "Kari", VEIKART_OUTCOME_HOLD, NULL, 0, VEIKART_EDENIED);
	assert_true(test_contains(veikart_error_last()->message, "needs role `styringsgruppe`"));
	assert_true(test_contains(veikart_error_last()->message, "`Kari` holds prosjekteier"));
	assert_int_equal(veikart_initiative_seq(w->in), seq);
	decide(w, "Ingrid", VEIKART_OUTCOME_HOLD, NULL, 0, 0);
	assert_int_equal(veikart_initiative_seq(w->in), seq + 1);
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)), "innsikt-og-ide");
}

static void test_going_on_against_the_verdict_needs_an_override(void **state)
{
	world *w = *state;
	const veikart_decision *d;
	uint64_t seq;

	pass_needs(w);
	/* Nobody gives themselves a role: a second owner seats Kari in the
	 * steering group. */
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Per", "prosjekteier"), 0);
	assert_int_equal(veikart_initiative_assign(w->in, "Per", "Kari", "styringsgruppe"), 0);
	seq = veikart_initiative_seq(w->in);
	decide(w, "Ingrid", VEIKART_OUTCOME_GO, NULL, 0, VEIKART_ESTATE);
	assert_true(test_contains(veikart_error_last()->message, "not ready for go"));
	assert_true(test_contains(veikart_error_last()->message, "override"));
	/* The steering group member may decide, but may not override. */
	decide(w, "Ingrid", VEIKART_OUTCOME_GO, NULL, 1, VEIKART_EDENIED);
	assert_true(test_contains(veikart_error_last()->message, "`prosjekteier`"));
	assert_int_equal(veikart_initiative_seq(w->in), seq);
	decide(w, "Kari", VEIKART_OUTCOME_HOLD, NULL, 1, VEIKART_EINVALID);
	decide(w, "Kari", VEIKART_OUTCOME_GO, NULL, 1, 0);
	d = veikart_initiative_decision(w->in, veikart_initiative_decision_count(w->in) - 1);
	assert_true(veikart_decision_is_override(d));
	assert_string_equal(veikart_decision_actor(d), "Kari");
	assert_string_equal(veikart_role_id(veikart_decision_authority(d)), "styringsgruppe");
	/* The report at that moment is kept with the decision. */
	assert_int_equal(veikart_report_verdict(veikart_decision_report(d)),
	                 VEIKART_VERDICT_BLOCKED);
	assert_int_equal(veikart_report_count(veikart_decision_report(d)), 5);
	assert_string_equal(veikart_phase_id(veikart_decision_target(d)), "utproving");
}

static void test_recycle_stop_and_the_end(void **state)
{
	world *w = *state;

	pass_needs(w);
	decide(w, "Ingrid", VEIKART_OUTCOME_RECYCLE, NULL, 0, 0);
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)), "for-du-starter");
	assert_int_equal(veikart_initiative_visit_count(w->in), 3);
	assert_int_not_equal(veikart_initiative_visit_left(w->in, 1), 0);
	assert_int_equal(veikart_initiative_visit_left(w->in, 2), 0);
	decide(w, "Kari", VEIKART_OUTCOME_STOP, NULL, 0, 0);
	assert_int_equal(veikart_initiative_status(w->in), VEIKART_STATUS_STOPPED);
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(w->in)), "avsluttet");
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "pilot_participants", "3"),
	                 VEIKART_ESTATE);
	assert_true(test_contains(veikart_error_last()->message, "stopped"));
}

static void test_stalled_after_max_days(void **state)
{
	world *w = *state;

	pass_needs(w);
	assert_int_equal(veikart_initiative_days_in_phase(w->in), 0);
	w->now += 400 * DAY;
	assert_int_equal(veikart_initiative_days_in_phase(w->in), 400);
	/* Planning sets no limit; the pilot does. */
	assert_false(veikart_initiative_is_stalled(w->in));
}

static void test_veto_leaves_the_initiative_unchanged(void **state)
{
	world *w = *state;
	uint64_t seq = veikart_initiative_seq(w->in);
	char head[65];

	strcpy(head, veikart_initiative_head(w->in));
	w->veto = -1;
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "pilot_participants", "12"),
	                 VEIKART_EUSER);
	assert_true(test_contains(veikart_error_last()->message, "commit hook"));
	assert_null(veikart_initiative_fact(w->in, "pilot_participants"));
	assert_int_equal(veikart_initiative_seq(w->in), seq);
	assert_string_equal(veikart_initiative_head(w->in), head);
	w->veto = 0;
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "pilot_participants", "12"), 0);
	assert_int_equal(veikart_initiative_seq(w->in), seq + 1);
}

static void test_clock_may_not_go_backwards(void **state)
{
	world *w = *state;

	w->now -= DAY;
	assert_int_equal(veikart_initiative_set(w->in, "Ola", "pilot_participants", "12"),
	                 VEIKART_ESTATE);
	assert_true(test_contains(veikart_error_last()->message, "earlier than the last event"));
}

/* Replay every record into a fresh initiative: same state, same snapshot. */
static veikart_initiative *replay(world *w)
{
	veikart_initiative_options o = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_initiative *r = NULL;
	veikart_event *ev;
	size_t i;

	o.clock = clock_of;
	o.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	o.clock_payload = w;
	assert_int_equal(veikart_initiative_open(&r, w->m, &o), 0);
	for (i = 0; i < w->nrecords; i++) {
		assert_int_equal(veikart_event_parse(&ev, w->records[i], strlen(w->records[i])), 0);
		if (veikart_initiative_apply(r, ev) != 0)
			fail_msg("record %zu: %s", i + 1, veikart_error_last()->message);
		veikart_event_free(ev);
	}
	return r;
}

static void test_replay_gives_the_same_snapshot(void **state)
{
	world *w = *state;
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_initiative *r, *restored = NULL;
	char *a = NULL, *b = NULL, *c = NULL;
	size_t alen, blen;

	pass_needs(w);
	assert_int_equal(veikart_initiative_step(w->in, "Ola", "innsikt-og-ide", "innsikt"), 0);
	req.actor = "Ingrid";
	req.outcome = VEIKART_OUTCOME_HOLD;
	req.rationale = "Wait for the\tbenefit plan;\nnext meeting in March";
	assert_int_equal(veikart_initiative_decide(w->in, &req), 0);
	r = replay(w);
	assert_int_equal(veikart_initiative_snapshot(&a, &alen, w->in), 0);
	assert_int_equal(veikart_initiative_snapshot(&b, &blen, r), 0);
	assert_int_equal(alen, blen);
	assert_string_equal(a, b);
	assert_true(test_contains(a, "<rationale>Wait for the&#9;benefit plan;&#10;next"));
	/* A restored initiative is indistinguishable: same snapshot, and it
	 * continues the chain. */
	assert_int_equal(veikart_initiative_restore(&restored, w->m, a, alen, NULL), 0);
	assert_int_equal(veikart_initiative_snapshot(&c, NULL, restored), 0);
	assert_string_equal(a, c);
	assert_string_equal(veikart_initiative_head(restored), veikart_initiative_head(w->in));
	assert_int_equal(veikart_initiative_decision_count(restored), 2);
	assert_string_equal(veikart_decision_rationale(veikart_initiative_decision(restored, 1)),
	                    req.rationale);
	veikart_string_free(a);
	veikart_string_free(b);
	veikart_string_free(c);
	veikart_initiative_free(r);
	veikart_initiative_free(restored);
}

static void test_replay_refuses_a_broken_chain(void **state)
{
	world *w = *state;
	veikart_initiative *r = NULL;
	veikart_event *first, *third;

	assert_int_equal(veikart_initiative_open(&r, w->m, NULL), 0);
	assert_int_equal(veikart_event_parse(&first, w->records[0], strlen(w->records[0])), 0);
	assert_int_equal(veikart_event_parse(&third, w->records[2], strlen(w->records[2])), 0);
	assert_int_equal(veikart_initiative_apply(r, third), VEIKART_ECORRUPT);
	assert_int_equal(veikart_initiative_apply(r, first), 0);
	assert_int_equal(veikart_initiative_apply(r, third), VEIKART_ECORRUPT);
	assert_true(test_contains(veikart_error_last()->message, "does not follow event 1"));
	assert_int_equal(veikart_initiative_seq(r), 1);
	veikart_event_free(first);
	veikart_event_free(third);
	veikart_initiative_free(r);
}

/* A decision forged with a "ready" verdict at a blocked gate, by the real
 * authority and correctly chained, is refused on replay: the gate is
 * evaluated again as it stood at that moment. */
static void test_replay_refuses_a_forged_verdict(void **state)
{
	world *w = *state;
	const veikart_gate *g;
	veikart__event_builder b;
	veikart_initiative *r;
	veikart_event *forged = NULL;
	char result[8][128];
	size_t i;

	pass_needs(w);
	g = veikart_method_gate_by_id(w->m, "g-innsikt-og-ide");
	veikart__event_begin(&b, NULL, veikart_initiative_seq(w->in) + 1, w->now + DAY,
	                     VEIKART_EVENT_DECIDE, "Ingrid");
	veikart__event_add(&b, "gate", "g-innsikt-og-ide");
	veikart__event_add(&b, "outcome", "go");
	veikart__event_add(&b, "to", "utproving");
	veikart__event_add(&b, "authority", "styringsgruppe");
	veikart__event_add(&b, "verdict", "ready");
	veikart__event_add(&b, "score", "1");
	for (i = 0; i < veikart_gate_criterion_count(g); i++) {
		snprintf(result[i], sizeof(result[i]), "%s met forged",
		         veikart_criterion_id(veikart_gate_criterion(g, i)));
		veikart__event_add(&b, "result", result[i]);
	}
	veikart__event_add(&b, "rationale", "all is well");
	assert_int_equal(veikart__event_finish(&forged, &b, veikart_initiative_head(w->in)), 0);
	veikart__event_builder_dispose(&b);
	r = replay(w);
	assert_int_equal(veikart_initiative_apply(r, forged), VEIKART_ECORRUPT);
	assert_true(test_contains(veikart_error_last()->message,
	                          "records gate `g-innsikt-og-ide` as ready, but at that time it "
	                          "was blocked"));
	snprintf(result[0], sizeof(result[0]), "event %llu (decide by `Ingrid`)",
	         (unsigned long long)veikart_initiative_seq(w->in) + 1);
	assert_true(test_contains(veikart_error_last()->message, result[0]));
	veikart__event_free(forged);
	veikart_initiative_free(r);
}

static void test_replay_refuses_another_methodology(void **state)
{
	static const char other[] =
	        "<methodology xmlns=\"urn:veikart:methodology:1\" id=\"ks-veikart\" version=\"9\" "
	        "xml:lang=\"en\" extends=\"ks-veikart\"/>";
	world *w = *state;
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_initiative *r = NULL;
	veikart_method *m = NULL;
	veikart_event *first;
	char *snap = NULL;
	size_t len;

	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	assert_int_equal(veikart_method_load_buffer(&m, other, strlen(other), "v9", &lo, NULL), 0);
	assert_int_equal(veikart_initiative_open(&r, m, NULL), 0);
	assert_int_equal(veikart_event_parse(&first, w->records[0], strlen(w->records[0])), 0);
	assert_int_equal(veikart_initiative_apply(r, first), VEIKART_EMISMATCH);
	assert_true(test_contains(veikart_error_last()->message, "2017.1"));
	veikart_initiative_free(r);
	assert_int_equal(veikart_initiative_snapshot(&snap, &len, w->in), 0);
	assert_int_equal(veikart_initiative_restore(&r, m, snap, len, NULL), VEIKART_EMISMATCH);
	assert_null(r);
	veikart_string_free(snap);
	veikart_event_free(first);
	veikart_method_free(m);
}

static void test_restore_refuses_damage_with_a_place(void **state)
{
	world *w = *state;
	veikart_initiative *r = NULL;
	char *snap = NULL, *p;
	size_t len;

	assert_int_equal(veikart_initiative_snapshot(&snap, &len, w->in), 0);
	p = strstr(snap, "role=\"prosjektleder\"");
	assert_non_null(p);
	memcpy(p, "role=\"prosjektlede_\"", 20);
	assert_int_equal(veikart_initiative_restore(&r, w->m, snap, len, NULL), VEIKART_EFORMAT);
	assert_true(test_contains(veikart_error_last()->message, "no role `prosjektlede_`"));
	assert_string_equal(veikart_error_last()->file, "snapshot");
	assert_true(veikart_error_last()->line > 1);
	assert_int_equal(veikart_initiative_restore(&r, w->m, "<x/>", 4, NULL), VEIKART_EFORMAT);
	assert_int_equal(veikart_initiative_restore(&r, w->m, "", 0, NULL), VEIKART_EFORMAT);
	veikart_string_free(snap);
}

/* An initiative on the fixture that has every feature, its first gate ready
 * when `procurement` and `active` are as given. */
static veikart_initiative *everything(world *w, veikart_method **m, const char *procurement,
                                      const char *active)
{
	veikart_initiative_options o = options(w);
	veikart_initiative *in = NULL;
	const char *ids[] = { "described", "pool", "budget", "procurement", "active" };
	const char *vals[] = { "true", "central", "100000", procurement, active };
	static const char digest[] =
	        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

	assert_int_equal(
	        veikart_method_load_file(m, test_path("tests/fixtures/valid/everything/input.xml"),
	                                 NULL, NULL),
	        0);
	assert_int_equal(veikart_initiative_create(&in, *m, "E-1", "Everything", "Eva", &o), 0);
	assert_int_equal(veikart_initiative_assign(in, "Eva", "Eva", "eier"), 0);
	assert_int_equal(veikart_initiative_set_many(in, "Eva", 5, ids, vals), 0);
	assert_int_equal(veikart_initiative_attach(in, "Eva", "plan", "file:plan.pdf", digest), 0);
	assert_int_equal(veikart_initiative_approve(in, "Eva", "plan"), 0);
	assert_int_equal(veikart_initiative_sign(in, "Eva", "mandate"), 0);
	return in;
}

/* Entering a phase whose skip-if holds passes over it. */
static void test_skip_if_passes_over_a_phase(void **state)
{
	world *w = *state;
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_method *m = NULL;
	veikart_initiative *in = everything(w, &m, "false", "0.9");
	const veikart_decision *d;

	req.actor = "Eva";
	req.outcome = VEIKART_OUTCOME_GO;
	req.rationale = "No procurement is needed";
	assert_int_equal(veikart_initiative_decide(in, &req), 0);
	d = veikart_initiative_decision(in, 0);
	assert_string_equal(veikart_phase_id(veikart_decision_target(d)), "pilot");
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(in)), "pilot");
	assert_true(test_contains(w->records[w->nrecords - 1], "\tto=pilot\tvia=anskaffelse\t"));
	veikart_initiative_free(in);
	veikart_method_free(m);
}

/* A phase whose skip-if is unknown is entered, not passed over: only a
 * skip-if that is met skips. */
static void test_skip_if_unknown_enters_the_phase(void **state)
{
	world *w = *state;
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_method *m = NULL;
	veikart_initiative *in = everything(w, &m, "false", "0.9");
	const veikart_decision *d;

	assert_int_equal(veikart_initiative_clear(in, "Eva", "procurement"), 0);
	req.actor = "Eva";
	req.outcome = VEIKART_OUTCOME_GO;
	req.rationale = "Procurement is not decided yet";
	assert_int_equal(veikart_initiative_decide(in, &req), 0);
	d = veikart_initiative_decision(in, 0);
	assert_string_equal(veikart_phase_id(veikart_decision_target(d)), "anskaffelse");
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(in)), "anskaffelse");
	assert_false(test_contains(w->records[w->nrecords - 1], "\tvia="));
	veikart_initiative_free(in);
	veikart_method_free(m);
}

/* A conditional go records conditions with due dates, tracked until met. */
static void test_conditional_go_tracks_its_conditions(void **state)
{
	world *w = *state;
	veikart_condition cond[2] = { { "Train the night staff", "2026-09-01" },
		                      { "Sign the data processing agreement", "2026-06-30" } };
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_method *m = NULL;
	veikart_initiative *in = everything(w, &m, "true", "0.2");
	const veikart_decision *d;

	req.actor = "Eva";
	req.outcome = VEIKART_OUTCOME_CONDITIONAL_GO;
	req.rationale = "Go on while the staff are trained";
	assert_int_equal(veikart_initiative_decide(in, &req), VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message, "at least one condition"));
	req.conditions = cond;
	req.condition_count = 2;
	/* The should-score is short, not a must: not blocked, so no override. */
	assert_int_equal(veikart_initiative_decide(in, &req), 0);
	d = veikart_initiative_decision(in, 0);
	assert_int_equal(veikart_decision_condition_count(d), 2);
	assert_string_equal(veikart_decision_condition_text(d, 1),
	                    "Sign the data processing agreement");
	assert_string_equal(veikart_decision_condition_due(d, 0), "2026-09-01");
	assert_int_equal(veikart_decision_condition_met(d, 0), 0);
	assert_int_equal(veikart_initiative_meet_condition(in, "Eva", veikart_decision_seq(d), 5),
	                 VEIKART_ENOTFOUND);
	assert_int_equal(veikart_initiative_assign(in, "Eva", "Nils", "leder"), 0);
	assert_int_equal(veikart_initiative_meet_condition(in, "Nils", veikart_decision_seq(d), 1),
	                 VEIKART_EDENIED);
	w->now += DAY;
	assert_int_equal(veikart_initiative_meet_condition(in, "Eva", veikart_decision_seq(d), 1),
	                 0);
	assert_int_equal(veikart_decision_condition_met(d, 1), w->now);
	assert_int_equal(veikart_initiative_meet_condition(in, "Eva", veikart_decision_seq(d), 1),
	                 VEIKART_EEXISTS);
	veikart_initiative_free(in);
	veikart_method_free(m);
}

/* Fail the Nth allocation of a decision until it succeeds: every failure
 * is an error that leaves the initiative as it was. */
static void test_allocation_failures_leave_no_trace(void **state)
{
	world *w = *state;
	test_counter c;
	veikart_allocator a = test_counting_allocator(&c);
	veikart_initiative_options o = options(w);
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_initiative *in = NULL;
	char *before = NULL, *after = NULL;
	long first_live = 0;
	static const char *const ids[] = { "challenge_described", "anchored_in_management",
		                           "need_for_change_understood" };
	static const char *const vals[] = { "true", "true", "true" };
	long n;
	int rc = -1;

	o.allocator = &a;
	memset(&c, 0, sizeof(c));
	assert_int_equal(veikart_initiative_create(&in, w->m, "OOM", "Out of memory", "Kari", &o),
	                 0);
	assert_int_equal(veikart_initiative_assign(in, "Kari", "Kari", "prosjekteier"), 0);
	assert_int_equal(veikart_initiative_set_many(in, "Kari", 3, ids, vals), 0);
	assert_int_equal(veikart_initiative_sign(in, "Kari", "project_mandate"), 0);
	req.actor = "Kari";
	req.outcome = VEIKART_OUTCOME_GO;
	req.rationale = "Ready";
	assert_int_equal(veikart_initiative_snapshot(&before, NULL, in), 0);
	for (n = 1; rc != 0; n++) {
		c.calls = 0;
		c.fail_at = n;
		rc = veikart_initiative_decide(in, &req);
		c.fail_at = 0;
		if (rc != 0) {
			assert_int_equal(rc, VEIKART_ENOMEM);
			/* Arrays may keep capacity grown for the change, but
			 * failures must not pile up allocations. */
			if (first_live == 0)
				first_live = c.live;
			assert_true(c.live <= first_live + 2);
			veikart_string_free(after);
			after = NULL;
			assert_int_equal(veikart_initiative_snapshot(&after, NULL, in), 0);
			assert_string_equal(before, after);
		}
	}
	assert_true(n > 5);
	assert_string_equal(veikart_phase_id(veikart_initiative_phase(in)), "innsikt-og-ide");
	veikart_string_free(before);
	veikart_string_free(after);
	veikart_initiative_free(in);
	assert_int_equal(c.live, 0);
}

static void test_null_arguments(void **state)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_initiative *in = NULL;
	world *w = *state;

	assert_int_equal(veikart_initiative_create(&in, NULL, "x", "y", "z", NULL),
	                 VEIKART_EINVALID);
	assert_int_equal(veikart_initiative_create(&in, w->m, "", "y", "z", NULL),
	                 VEIKART_EINVALID);
	assert_int_equal(veikart_initiative_create(NULL, w->m, "x", "y", "z", NULL),
	                 VEIKART_EINVALID);
	assert_int_equal(veikart_initiative_set(NULL, "a", "b", "c"), VEIKART_EINVALID);
	assert_int_equal(veikart_initiative_set(w->in, NULL, "pilot_participants", "1"),
	                 VEIKART_EINVALID);
	assert_int_equal(veikart_initiative_decide(w->in, NULL), VEIKART_EINVALID);
	req.actor = "Kari";
	req.outcome = VEIKART_OUTCOME_HOLD;
	assert_int_equal(veikart_initiative_decide(w->in, &req), VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message, "rationale"));
	req.version = 42;
	assert_int_equal(veikart_initiative_decide(w->in, &req), VEIKART_EVERSION);
	assert_null(veikart_initiative_id(NULL));
	assert_int_equal(veikart_initiative_days_in_phase(NULL), -1);
	veikart_initiative_free(NULL);
	veikart_string_free(NULL);
	veikart_report_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_create_pins_the_methodology),
		T(test_roles_are_checked),
		T(test_nobody_grants_themselves_authority),
		T(test_a_clock_ahead_of_real_time_is_refused),
		T(test_the_creators_right_ends_when_the_assigners_are_in_place),
		T(test_facts_are_typed),
		T(test_several_facts_are_one_commit),
		T(test_evidence_and_signoffs_need_their_roles),
		T(test_steps_need_their_roles),
		T(test_gate_report_explains_itself),
		T(test_what_if_changes_nothing),
		T(test_only_the_authority_decides),
		T(test_going_on_against_the_verdict_needs_an_override),
		T(test_recycle_stop_and_the_end),
		T(test_stalled_after_max_days),
		T(test_veto_leaves_the_initiative_unchanged),
		T(test_clock_may_not_go_backwards),
		T(test_replay_gives_the_same_snapshot),
		T(test_replay_refuses_a_broken_chain),
		T(test_replay_refuses_a_forged_verdict),
		T(test_replay_refuses_another_methodology),
		T(test_restore_refuses_damage_with_a_place),
		T(test_skip_if_passes_over_a_phase),
		T(test_skip_if_unknown_enters_the_phase),
		T(test_conditional_go_tracks_its_conditions),
		T(test_allocation_failures_leave_no_trace),
		T(test_null_arguments),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
