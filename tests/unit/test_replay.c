/*
 * Replay refuses what the live calls refuse.  A host that stores events
 * itself and feeds them to veikart_initiative_apply() (as examples/sqlite-host
 * does), or `veikart verify` reading a journal, relies on the engine to
 * refuse an event that breaks a rule even when its record is well formed and
 * its hash chain recomputed, as a forger would: only the public API is used
 * to forge.  Each test takes an honest event, changes one thing in its
 * record, and applies it to a copy of the initiative as it stood before.
 * On tests/unit/rules-method.xml.
 * SPDX-License-Identifier: MIT
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "walk.h"

#define RULES "tests/unit/rules-method.xml"
#define ZEROS "0000000000000000000000000000000000000000000000000000000000000000"

/* Eva owns the initiative, Ingrid sits on the board, Ola leads. */
static void start(walk *w)
{
	memset(w, 0, sizeof(*w)); /* walk_start() dates the creation 2026-01-05 */
	walk_start(w, RULES, "R-1", "Rules", "Eva");
	walk_assign(w, "Eva", "Eva", "owner");
	walk_assign(w, "Eva", "Ingrid", "board");
	walk_assign(w, "Eva", "Ola", "lead");
}

/* The initiative as it stands now, rebuilt from the journal's events. */
static veikart_initiative *replica(walk *w)
{
	veikart_initiative *r = NULL;
	size_t i;

	walk_ok(veikart_initiative_open(&r, w->m, NULL), "open");
	for (i = 0; i < veikart_journal_count(w->j); i++)
		walk_ok(veikart_initiative_apply(r, veikart_journal_event(w->j, i)), "apply");
	return r;
}

static const veikart_event *last_event(walk *w)
{
	return veikart_journal_event(w->j, veikart_journal_count(w->j) - 1);
}

/*
 * EVENT's record with each FROM replaced by TO (pairs, NULL-terminated;
 * each FROM must occur), linked to PREV, and hashed again.
 */
static veikart_event *forge(const veikart_event *event, const char *prev, ...)
{
	char body[4096], record[4300], hash[VEIKART_HASH_HEX_LENGTH + 1], *at;
	const char *from, *to, *rec = veikart_event_record(event, NULL);
	size_t len = strlen(rec) - 1 - 2 * (6 + VEIKART_HASH_HEX_LENGTH);
	veikart_event *out = NULL;
	va_list ap;

	assert_true(len < sizeof(body));
	memcpy(body, rec, len);
	body[len] = '\0';
	va_start(ap, prev);
	while ((from = va_arg(ap, const char *)) != NULL) {
		to = va_arg(ap, const char *);
		at = strstr(body, from);
		if (at == NULL)
			fail_msg("`%s` is not in the record `%s`", from, body);
		assert_true(strlen(body) - strlen(from) + strlen(to) < sizeof(body));
		memmove(at + strlen(to), at + strlen(from), strlen(at + strlen(from)) + 1);
		memcpy(at, to, strlen(to));
	}
	va_end(ap);
	snprintf(record, sizeof(record), "%s\tprev=%s", body, prev);
	walk_ok(veikart_sha256_hex(hash, record, strlen(record)), "sha256");
	snprintf(record + strlen(record), sizeof(record) - strlen(record), "\thash=%s\n", hash);
	walk_ok(veikart_event_parse(&out, record, strlen(record)), "parse the forged record");
	return out;
}

/* EVENT, applied to R, is refused with CODE and a message holding TEXT,
 * and R is as it was. */
static void refused(veikart_initiative *r, veikart_event *event, int code, const char *text)
{
	uint64_t seq = veikart_initiative_seq(r);
	int err = veikart_initiative_apply(r, event);

	if (err != code || !test_contains(veikart_error_last()->message, text))
		fail_msg("the forged event gave %d (%s), not %d with \"%s\"", err,
		         err ? veikart_error_last()->message : "accepted", code, text);
	assert_int_equal(veikart_initiative_seq(r), seq);
	veikart_event_free(event);
}

/* The honest event applies where the forged ones were refused. */
static void accepted(veikart_initiative *r, const veikart_event *event)
{
	walk_ok(veikart_initiative_apply(r, event), "the honest event");
}

static int decide(walk *w, const char *actor, veikart_outcome_kind kind, int override,
                  const char *condition_due)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	veikart_condition cond = { "Train the night staff", condition_due };

	req.actor = actor;
	req.outcome = kind;
	req.override = override;
	req.rationale = "as the minutes say";
	req.conditions = condition_due != NULL ? &cond : NULL;
	req.condition_count = condition_due != NULL;
	return veikart_initiative_decide(w->in, &req);
}

/*
 * Who assigns whom, and who records which fact, are checked on replay as
 * live: an assignment forged into the journal by someone without the
 * right, or to oneself, and a fact recorded by someone who does not own
 * it, are refused with the live call's message.
 */
static void test_roles_and_owned_facts_are_checked_on_replay(void **state)
{
	veikart_initiative *r;
	const veikart_event *ev;
	walk w;

	(void)state;
	start(&w);
	/* Live. */
	WALK_REFUSED(&w, VEIKART_EDENIED,
	             "assigning role `board` needs role `owner`; `Ola` holds lead",
	             veikart_initiative_assign(w.in, "Ola", "Ola", "board"));
	WALK_REFUSED(&w, VEIKART_EDENIED, "nobody assigns role `lead` to themselves",
	             veikart_initiative_assign(w.in, "Eva", "Eva", "lead"));
	WALK_REFUSED(&w, VEIKART_EDENIED, "recording fact `o` needs role `owner`; `Ola` holds lead",
	             veikart_initiative_set(w.in, "Ola", "o", "true"));
	WALK_REFUSED(&w, VEIKART_EDENIED,
	             "attaching evidence to `d` needs role `lead` or `board`; `Eva` holds owner",
	             veikart_initiative_attach(w.in, "Eva", "d", "file:///d.pdf", NULL));
	walk_ok(veikart_initiative_attach(w.in, "Ola", "d", "file:///d.pdf", NULL), "attach");

	/* Replayed. */
	r = replica(&w);
	walk_assign(&w, "Eva", "Ingrid", "lead");
	ev = last_event(&w);
	refused(r, forge(ev, veikart_event_prev(ev), "\tassign\tEva\t", "\tassign\tIngrid\t", NULL),
	        VEIKART_EDENIED, "assigning role `lead` needs role `owner`; `Ingrid` holds board");
	refused(r, forge(ev, veikart_event_prev(ev), "person=Ingrid", "person=Eva", NULL),
	        VEIKART_EDENIED, "nobody assigns role `lead` to themselves");
	accepted(r, ev);
	walk_set(&w, "Eva", "o=true", NULL);
	ev = last_event(&w);
	refused(r, forge(ev, veikart_event_prev(ev), "\tset\tEva\t", "\tset\tOla\t", NULL),
	        VEIKART_EDENIED, "recording fact `o` needs role `owner`; `Ola` holds lead");
	accepted(r, ev);
	/* A role that may be taken by oneself. */
	walk_assign(&w, "Eva", "Eva", "board");
	veikart_initiative_free(r);
	walk_end(&w);
}

/* Write TEXT to the file PATH. */
static void write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/*
 * Verifying a journal file: nothing in the file switches a check off.  A
 * journal on a methodology that cannot be found fails unless the caller
 * asks for the chain alone; a cut is found against the count and head the
 * host kept; empty, header-only and foreign files are not journals.
 */
static void test_verification_cannot_be_talked_out_of_its_work(void **state)
{
	veikart_verify_options vo = VEIKART_VERIFY_OPTIONS_INIT;
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	const char *paths[] = { VEIKART_SOURCE_DIR "/tests/unit", NULL };
	char head[65], other[700];
	uint64_t n;
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", NULL);
	/* The rules methodology is not on any search path. */
	assert_int_equal(veikart_journal_verify(w.path, NULL, &n, head), VEIKART_ENOTFOUND);
	assert_true(test_contains(veikart_error_last()->message,
	                          "the chain is intact, but the rules cannot be checked"));
	vo.flags = VEIKART_VERIFY_CHAIN_ONLY;
	assert_int_equal(veikart_journal_verify(w.path, &vo, &n, head), 0);
	assert_int_equal(n, 5);
	assert_string_equal(head, veikart_initiative_head(w.in));
	/* Found by id on the search path: the rules are checked. */
	lo.search_path = paths;
	vo.flags = 0;
	vo.load = &lo;
	vo.method = VEIKART_SOURCE_DIR "/tests/unit/rules-method.xml";
	assert_int_equal(veikart_journal_verify(w.path, &vo, &n, head), 0);
	/* The recorded digest zeroed and the chain recomputed, as a forger
	 * would to switch the rules off: the digest names no document. */
	{
		char forged[700], zeros[65] = { 0 };
		const veikart_event *first = veikart_journal_event(w.j, 0);
		veikart_event *ev;
		FILE *f;

		memset(zeros, '0', 64);
		ev = forge(first, veikart_event_prev(first), veikart_event_field(first, "digest"),
		           zeros, NULL);
		snprintf(forged, sizeof(forged), "%s/forged.vj", w.dir);
		f = fopen(forged, "wb");
		assert_non_null(f);
		fprintf(f, "veikart-journal 1\n%s", veikart_event_record(ev, NULL));
		assert_int_equal(fclose(f), 0);
		veikart_event_free(ev);
		assert_int_equal(veikart_journal_verify(forged, &vo, &n, head), VEIKART_EMISMATCH);
		assert_true(test_contains(veikart_error_last()->message, "a different document"));
		vo.method = NULL;
		assert_int_equal(veikart_journal_verify(forged, &vo, &n, head), VEIKART_ENOTFOUND);
		vo.method = VEIKART_SOURCE_DIR "/tests/unit/rules-method.xml";
		unlink(forged);
	}
	/* What the host kept. */
	vo.expect_events = 6;
	assert_int_equal(veikart_journal_verify(w.path, &vo, &n, head), VEIKART_ECORRUPT);
	assert_true(test_contains(veikart_error_last()->message,
	                          "holds 5 events, but 6 were expected"));
	vo.expect_events = 5;
	vo.expect_head = "0123456789abcdef";
	assert_int_equal(veikart_journal_verify(w.path, &vo, &n, head), VEIKART_ECORRUPT);
	assert_true(test_contains(veikart_error_last()->message, "cut short or rewritten"));
	vo.expect_head = "not hex at all";
	assert_int_equal(veikart_journal_verify(w.path, &vo, &n, head), VEIKART_EINVALID);
	/* Not journals. */
	vo = (veikart_verify_options)VEIKART_VERIFY_OPTIONS_INIT;
	vo.flags = VEIKART_VERIFY_CHAIN_ONLY;
	snprintf(other, sizeof(other), "%s/empty.vj", w.dir);
	write_file(other, "", 0);
	assert_int_equal(veikart_journal_verify(other, &vo, &n, head), VEIKART_ECORRUPT);
	assert_true(test_contains(veikart_error_last()->message, "holds no events"));
	write_file(other, "veikart-journal 1\n", 18);
	assert_int_equal(veikart_journal_verify(other, &vo, &n, head), VEIKART_ECORRUPT);
	assert_string_equal(head, "");
	unlink(other);
	assert_int_equal(veikart_journal_verify("/proc/self/status", &vo, &n, head),
	                 VEIKART_EFORMAT);
	assert_true(test_contains(veikart_error_last()->message, "is not a veikart journal"));
	walk_end(&w);
}

static void test_only_the_authority_decides_on_replay(void **state)
{
	veikart_initiative *r;
	const veikart_event *go;
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "b=false", "c=true", NULL);
	r = replica(&w);
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "ready");
	go = last_event(&w);
	refused(r, forge(go, veikart_event_prev(go), "\tdecide\tEva\t", "\tdecide\tOla\t", NULL),
	        VEIKART_EDENIED, "deciding at this gate needs role `owner`; `Ola` holds lead");
	refused(r,
	        forge(go, veikart_event_prev(go), "\tauthority=owner\t", "\tauthority=board\t",
	              NULL),
	        VEIKART_EDENIED, "gate `gk` is decided by role `owner` now, not `board`");
	accepted(r, go);
	veikart_initiative_free(r);
	walk_end(&w);
}

static void test_overrides_are_checked_on_replay(void **state)
{
	veikart_initiative *r;
	const veikart_event *go;
	walk w;

	(void)state;
	start(&w);
	/* A ready gate: nothing to override. */
	walk_set(&w, "Eva", "a=true", "b=true", NULL);
	r = replica(&w);
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "ready");
	go = last_event(&w);
	refused(r,
	        forge(go, veikart_event_prev(go), "\tverdict=", "\toverride=yes\tverdict=", NULL),
	        VEIKART_EINVALID, "nothing to override: a go at a gate that is ready needs none");
	accepted(r, go);
	veikart_initiative_free(r);

	/* A blocked gate: Eva sits on the board too, and may override. */
	walk_assign(&w, "Eva", "Eva", "board");
	walk_set(&w, "Eva", "m=false", "x=true", NULL);
	r = replica(&w);
	walk_ok(decide(&w, "Eva", VEIKART_OUTCOME_GO, 1, NULL), "override");
	go = last_event(&w);
	assert_true(test_contains(veikart_event_record(go, NULL), "\toverride=yes\t"));
	refused(r, forge(go, veikart_event_prev(go), "\toverride=yes", "", NULL), VEIKART_ESTATE,
	        "gate `gs` is not ready for go: blocked");
	refused(r, forge(go, veikart_event_prev(go), "\tdecide\tEva\t", "\tdecide\tIngrid\t", NULL),
	        VEIKART_EDENIED, "overriding gate `gs` needs role `owner`; `Ingrid` holds board");
	/* An override with no reason: a rationale of white space only. */
	refused(r,
	        forge(go, veikart_event_prev(go), "\trationale=as the minutes say",
	              "\trationale= \\t\\n \\r\\n", NULL),
	        VEIKART_EINVALID, "the rationale is only white space: a decision says why");
	accepted(r, go);
	veikart_initiative_free(r);
	walk_end(&w);
}

/* The live calls refuse control characters in names; a journal recorded
 * before they did still replays, its names as they were. */
static void test_control_characters_recorded_before_still_replay(void **state)
{
	veikart_initiative *r;
	const veikart_event *assign;
	veikart_event *old;
	walk w;

	(void)state;
	start(&w);
	r = replica(&w);
	walk_assign(&w, "Eva", "Per", "lead");
	assign = last_event(&w);
	old = forge(assign, veikart_event_prev(assign), "\tperson=Per", "\tperson=Per\x1b[2J",
	            NULL);
	accepted(r, old);
	veikart_event_free(old);
	assert_string_equal(
	        veikart_initiative_assignment_person(r, veikart_initiative_assignment_count(r) - 1),
	        "Per\x1b[2J");
	veikart_initiative_free(r);
	walk_end(&w);
}

static void test_conditions_are_checked_on_replay(void **state)
{
	veikart_initiative *r;
	const veikart_event *go;
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "b=true", NULL);
	r = replica(&w);
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "ready");
	go = last_event(&w);
	refused(r,
	        forge(go, veikart_event_prev(go),
	              "\trationale=", "\tcondition=2026-09-01 Train\trationale=", NULL),
	        VEIKART_EINVALID, "only a conditional go has conditions");
	accepted(r, go);
	veikart_initiative_free(r);

	/* Incomplete: a conditional go needs no override, but its conditions. */
	walk_assign(&w, "Eva", "Eva", "board");
	walk_set(&w, "Eva", "m=true", "y=true", NULL);
	r = replica(&w);
	walk_ok(decide(&w, "Eva", VEIKART_OUTCOME_CONDITIONAL_GO, 0, "2026-09-01"), "conditional");
	go = last_event(&w);
	refused(r,
	        forge(go, veikart_event_prev(go), "\tcondition=2026-09-01 Train the night staff",
	              "", NULL),
	        VEIKART_EINVALID, "a conditional go needs at least one condition with a due date");
	refused(r,
	        forge(go, veikart_event_prev(go), "\tcondition=2026-09-01 ",
	              "\tcondition=2026-09-01_", NULL),
	        VEIKART_EINVALID, "is not `YYYY-MM-DD what must be done`");
	accepted(r, go);
	veikart_initiative_free(r);
	walk_end(&w);
}

/* A decision records every criterion as the gate had it; one changed
 * result is refused even when the verdict it records is the true one. */
static void test_recorded_results_are_the_gates_on_replay(void **state)
{
	veikart_initiative *r;
	const veikart_event *go;
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "b=false", "c=true", NULL);
	r = replica(&w);
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "ready");
	go = last_event(&w);
	refused(r, forge(go, veikart_event_prev(go), "\tresult=b unmet ", "\tresult=b met ", NULL),
	        VEIKART_ECORRUPT,
	        "records criterion `b` of gate `gk` as met, but at that time it was unmet");
	refused(r, forge(go, veikart_event_prev(go), "\tto=s\t", "\tto=al\t", NULL),
	        VEIKART_ENOTFOUND, "gate `gk` has no go outcome to al");
	accepted(r, go);
	veikart_initiative_free(r);
	walk_end(&w);
}

/* The gate a decision is taken at leaves the phase the initiative, or the
 * unit, is in. */
static void test_a_gate_of_another_phase_is_refused_on_replay(void **state)
{
	veikart_initiative *r;
	const veikart_event *go;
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "b=true", NULL);
	walk_add_unit(&w, "Eva", "site-1", "Site one", NULL, 1);
	walk_unit_set(&w, "Ola", "site-1", "u=true", NULL);
	r = replica(&w);
	walk_unit_decide(&w, "Ola", "site-1", VEIKART_OUTCOME_GO, NULL, "trained");
	assert_string_equal(walk_unit_phase(&w, "site-1"), "u-live");
	go = last_event(&w);
	refused(r,
	        forge(go, veikart_event_prev(go), "\tgate=gu1\t", "\tgate=gu2\t", "\tto=u-live\t",
	              "\tto=u-done\t", NULL),
	        VEIKART_ESTATE,
	        "gate `gu2` leaves phase `u-live`, but unit `site-1` is in `u-prep`");
	accepted(r, go);

	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "ready");
	go = last_event(&w);
	refused(r,
	        forge(go, veikart_event_prev(go), "\tgate=gk\t", "\tgate=gal\t", "\tto=s\t",
	              "\tto=adv\t", NULL),
	        VEIKART_ESTATE, "gate `gal` leaves phase `al`, but the initiative is in `k`");
	accepted(r, go);
	veikart_initiative_free(r);
	walk_end(&w);
}

/* A decision lands where the skip-if rules led at its time: one that
 * claims to have entered a phase its skip-if passed over is refused. */
static void test_the_landing_is_checked_on_replay(void **state)
{
	veikart_initiative *r;
	const veikart_event *go;
	walk w;

	(void)state;
	memset(&w, 0, sizeof(w));
	walk_start(&w, "tests/fixtures/valid/everything/input.xml", "E-1", "Everything", "Eva");
	walk_assign(&w, "Eva", "Eva", "eier");
	walk_set(&w, "Eva", "described=true", "pool=central", "budget=100000", "procurement=false",
	         "active=0.9", NULL);
	walk_attach(&w, "Eva", "plan", "file:plan.pdf");
	walk_approve(&w, "Eva", "plan");
	walk_sign(&w, "Eva", "mandate");
	r = replica(&w);
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "no procurement needed");
	go = last_event(&w);
	assert_true(test_contains(veikart_event_record(go, NULL), "\tto=pilot\tvia=anskaffelse\t"));
	refused(r,
	        forge(go, veikart_event_prev(go), "\tto=pilot\tvia=anskaffelse\t",
	              "\tto=anskaffelse\t", NULL),
	        VEIKART_ECORRUPT,
	        "records that it led to `anskaffelse`, but at that time it led to `pilot` passing "
	        "over phases");
	accepted(r, go);
	veikart_initiative_free(r);
	walk_end(&w);
}

/* A unit's wave and order are whole numbers from 0 to 100000. */
static void test_a_units_wave_is_checked_on_replay(void **state)
{
	veikart_initiative *r;
	const veikart_event *add;
	walk w;

	(void)state;
	start(&w);
	r = replica(&w);
	walk_add_unit(&w, "Eva", "site-1", "Site one", NULL, 3);
	add = last_event(&w);
	refused(r, forge(add, veikart_event_prev(add), "\twave=3", "\twave=-3", NULL),
	        VEIKART_EFORMAT, "wave `-3` is not a whole number from 0 to 100000");
	refused(r, forge(add, veikart_event_prev(add), "\torder=3", "\torder=100001", NULL),
	        VEIKART_EFORMAT, "order `100001` is not a whole number from 0 to 100000");
	accepted(r, add);
	veikart_initiative_free(r);
	walk_end(&w);
}

/* Each event links to the hash of the one before it and is not dated
 * before it, whoever stored it. */
static void test_the_chain_is_checked_on_apply(void **state)
{
	veikart_initiative *r;
	const veikart_event *set;
	char when[64], earlier[64];
	walk w;

	(void)state;
	start(&w);
	r = replica(&w);
	walk_at(&w, "2026-02-01");
	walk_set(&w, "Eva", "a=true", NULL);
	set = last_event(&w);
	/* The right sequence number, linked to another chain. */
	refused(r, forge(set, ZEROS, NULL), VEIKART_ECORRUPT, "does not follow event 4");
	/* The right link, numbered as if an event were missing. */
	snprintf(when, sizeof(when), "%llu\t", (unsigned long long)veikart_event_seq(set));
	snprintf(earlier, sizeof(earlier), "%llu\t",
	         (unsigned long long)veikart_event_seq(set) + 1);
	refused(r, forge(set, veikart_event_prev(set), when, earlier, NULL), VEIKART_ECORRUPT,
	        "event 6 does not follow event 4 (expected sequence 5");
	snprintf(when, sizeof(when), "\t%lld\tset\t", (long long)veikart_event_time(set));
	snprintf(earlier, sizeof(earlier), "\t%lld\tset\t",
	         (long long)veikart_event_time(veikart_journal_event(w.j, 0)) - 1);
	refused(r, forge(set, veikart_event_prev(set), when, earlier, NULL), VEIKART_ECORRUPT,
	        "is dated before the event before it");
	accepted(r, set);
	veikart_initiative_free(r);
	walk_end(&w);
}

/* A snapshot restores, and a journal replays, only on the methodology it
 * was taken on: the same id and version with other contents is another
 * methodology. */
static void test_another_document_of_the_same_version_is_refused(void **state)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_initiative *r = NULL;
	veikart_method *other = NULL;
	char *xml, *at, *snap = NULL;
	size_t size, len;
	walk w;

	(void)state;
	start(&w);
	xml = test_read_file(test_path(RULES), &size);
	at = strstr(xml, "threshold=\"0.6\"");
	assert_non_null(at);
	at[strlen("threshold=\"0.")] = '5';
	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	walk_ok(veikart_method_load_buffer(&other, xml, size, "rules-0.5", &lo, NULL), "load");
	assert_string_equal(veikart_method_id(other), veikart_method_id(w.m));
	assert_string_equal(veikart_method_version(other), veikart_method_version(w.m));
	walk_ok(veikart_initiative_snapshot(&snap, &len, w.in), "snapshot");
	assert_int_equal(veikart_initiative_restore(&r, other, snap, len, NULL), VEIKART_EMISMATCH);
	assert_true(test_contains(veikart_error_last()->message, "digest"));
	assert_null(r);
	walk_ok(veikart_initiative_open(&r, other, NULL), "open");
	assert_int_equal(veikart_initiative_apply(r, veikart_journal_event(w.j, 0)),
	                 VEIKART_EMISMATCH);
	assert_true(test_contains(veikart_error_last()->message, "digest"));
	veikart_initiative_free(r);
	veikart_string_free(snap);
	veikart_method_free(other);
	free(xml);
	walk_end(&w);
}

/* A snapshot whose decisions are not in the order they were taken is
 * damaged, and restore says where. */
static void test_a_snapshot_with_decisions_out_of_order_is_refused(void **state)
{
	veikart_initiative *r = NULL;
	char *snap = NULL, *first;
	size_t len;
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "b=false", NULL);
	walk_decide(&w, "Eva", VEIKART_OUTCOME_HOLD, NULL, "wait for b");
	walk_set(&w, "Eva", "b=true", NULL);
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "ready");
	walk_ok(veikart_initiative_snapshot(&snap, &len, w.in), "snapshot");
	first = strstr(snap, "<decision seq=\"");
	assert_non_null(first);
	/* The first decision (event 7) numbered as the second (event 9). */
	assert_true(strncmp(first, "<decision seq=\"7\"", 17) == 0);
	first[15] = '9';
	assert_int_equal(veikart_initiative_restore(&r, w.m, snap, len, NULL), VEIKART_EFORMAT);
	assert_true(test_contains(veikart_error_last()->message, "decision 9 is out of order"));
	assert_null(r);
	veikart_string_free(snap);
	walk_end(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roles_and_owned_facts_are_checked_on_replay),
		cmocka_unit_test(test_verification_cannot_be_talked_out_of_its_work),
		cmocka_unit_test(test_only_the_authority_decides_on_replay),
		cmocka_unit_test(test_overrides_are_checked_on_replay),
		cmocka_unit_test(test_conditions_are_checked_on_replay),
		cmocka_unit_test(test_control_characters_recorded_before_still_replay),
		cmocka_unit_test(test_recorded_results_are_the_gates_on_replay),
		cmocka_unit_test(test_a_gate_of_another_phase_is_refused_on_replay),
		cmocka_unit_test(test_the_landing_is_checked_on_replay),
		cmocka_unit_test(test_a_units_wave_is_checked_on_replay),
		cmocka_unit_test(test_the_chain_is_checked_on_apply),
		cmocka_unit_test(test_another_document_of_the_same_version_is_refused),
		cmocka_unit_test(test_a_snapshot_with_decisions_out_of_order_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
