/*
 * Walking an initiative through a methodology in a scenario test: a
 * journalled initiative with a clock the test moves on, and short calls
 * that fail the test with the library's message when a step is refused.
 *
 *     walk w;
 *     walk_start(&w, "ks-veikart", "NT-1", "Digitalt nattilsyn", "Kari");
 *     walk_at(&w, "2026-01-12");
 *     walk_assign(&w, "Kari", "Kari", "prosjekteier");
 *     walk_set(&w, "Kari", "challenge_described=true", "work_planned=true", NULL);
 *     walk_gate(&w, NULL, VEIKART_VERDICT_BLOCKED, "mandate", "not recorded");
 *     walk_decide(&w, "Kari", VEIKART_OUTCOME_GO, NULL, "Mandate signed.");
 *     assert_string_equal(walk_phase(&w), "innsikt-og-ide");
 *     walk_same_after_replay_and_restore(&w);
 *     walk_end(&w);
 */
#ifndef VEIKART_TEST_WALK_H
#define VEIKART_TEST_WALK_H

#include "support.h"

typedef struct walk {
	veikart_method *m;
	veikart_journal *j;
	veikart_initiative *in;
	int64_t now;
	char dir[512];  /* the temporary directory of the journal */
	char path[600]; /* the journal */
} walk;

/* Load METHOD (an id, looked up among the built-in methodologies only, or a
 * path relative to the source tree when it holds a '/'), open a journal in
 * a temporary directory and create the initiative, at the time walk_at()
 * last set (2026-01-05 when never set). */
void walk_start(walk *w, const char *method, const char *id, const char *title,
                const char *creator);
/* Free everything and remove the journal; safe after a failed start. */
void walk_end(walk *w);

/* Move the clock on to "YYYY-MM-DD" (10:00 UTC) or "YYYY-MM-DDTHH:MM:SSZ". */
void walk_at(walk *w, const char *when);

/* Fail the test with the library's last message when ERR is not 0. */
void walk_ok(int err, const char *what);

void walk_assign(walk *w, const char *actor, const char *person, const char *role);
void walk_unit_assign(walk *w, const char *actor, const char *unit, const char *person,
                      const char *role);
/* Record "FACT=VALUE" pairs (NULL-terminated, at most 32) in one call. */
void walk_set(walk *w, const char *actor, ...);
void walk_unit_set(walk *w, const char *actor, const char *unit, ...);
void walk_step(walk *w, const char *actor, const char *phase, const char *step);
void walk_unit_step(walk *w, const char *actor, const char *unit, const char *phase,
                    const char *step);
void walk_attach(walk *w, const char *actor, const char *fact, const char *uri);
void walk_approve(walk *w, const char *actor, const char *fact);
void walk_sign(walk *w, const char *actor, const char *fact);
void walk_add_unit(walk *w, const char *actor, const char *id, const char *title,
                   const char *type, int wave);

/* Decide at the gate of the current phase (of UNIT, when not NULL); TO
 * names the target when the gate has several outcomes of the kind. */
void walk_decide(walk *w, const char *actor, veikart_outcome_kind kind, const char *to,
                 const char *why);
void walk_unit_decide(walk *w, const char *actor, const char *unit, veikart_outcome_kind kind,
                      const char *to, const char *why);
/* The same, at a named gate (a phase with several gates). */
void walk_decide_at(walk *w, const char *actor, const char *gate, veikart_outcome_kind kind,
                    const char *to, const char *why);

/* The gate of the current phase (of UNIT when not NULL) stands as VERDICT;
 * when CRITERION is not NULL, its reason contains REASON (when not NULL). */
void walk_gate(walk *w, const char *unit, veikart_verdict verdict, const char *criterion,
               const char *reason);

/* The current phase's id: of the initiative, or of a unit. */
const char *walk_phase(const walk *w);
const char *walk_unit_phase(const walk *w, const char *unit);

/* Replaying the journal and restoring a snapshot give the live state, byte
 * for byte. */
void walk_same_after_replay_and_restore(walk *w);

/* A call refused with CODE, whose message contains TEXT, recording nothing. */
#define WALK_REFUSED(w, code, text, call)                                                \
	do {                                                                             \
		uint64_t seq_ = veikart_initiative_seq((w)->in);                         \
		int err_ = (call);                                                       \
		if (err_ != (code))                                                      \
			fail_msg("%s gave %d (%s), not %d", #call, err_,                 \
			         err_ ? veikart_error_last()->message : "accepted",      \
			         (code));                                                \
		if (!test_contains(veikart_error_last()->message, (text)))               \
			fail_msg("%s said \"%s\", not \"%s\"", #call,                    \
			         veikart_error_last()->message, (text));                 \
		assert_int_equal(veikart_initiative_seq((w)->in), seq_);                 \
	} while (0)

#endif
