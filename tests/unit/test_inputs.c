/*
 * Untrusted input reaching the library: names, ids and free text given to
 * the live calls, and the files a host names.  What a terminal or a line
 * of the audit trail would take for something else is refused before
 * anything is recorded.  On tests/unit/rules-method.xml.
 * SPDX-License-Identifier: MIT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"

#define RULES "tests/unit/rules-method.xml"
#define ESC "\x1b"
#define CSI "\xc2\x9b" /* U+009B in UTF-8 */

#define NAME_RULE "it may hold no control characters, not even tabs or line breaks"
#define TEXT_RULE "it may hold tabs and line breaks, but no other control characters"

/* Eva owns the initiative, Ingrid sits on the board, Ola leads. */
static void start(walk *w)
{
	memset(w, 0, sizeof(*w));
	walk_start(w, RULES, "R-1", "Rules", "Eva");
	walk_assign(w, "Eva", "Eva", "owner");
	walk_assign(w, "Eva", "Ingrid", "board");
	walk_assign(w, "Eva", "Ola", "lead");
}

static veikart_decision_request request(const char *actor, veikart_outcome_kind kind,
                                        const char *why)
{
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;

	req.actor = actor;
	req.outcome = kind;
	req.rationale = why;
	return req;
}

static void test_names_and_ids_with_control_characters_are_refused(void **state)
{
	const char *ids[] = { "a", "b" }, *values[] = { "true", "true" },
	           *bad_ids[] = { "a", "b" ESC };
	veikart_decision_request req = request("Eva", VEIKART_OUTCOME_GO, "ready");
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	veikart_initiative *other = NULL;
	size_t events;
	walk w;

	(void)state;
	start(&w);
	events = veikart_journal_count(w.j);

	/* Who acts, and who is given a role: an escape sequence would retitle
	 * or clear the terminal of whoever reads the trail. */
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the actor contains a control character (U+001B) at byte 4; " NAME_RULE,
	             veikart_initiative_assign(w.in, "Eva" ESC "]0;owned\a", "Per", "lead"));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the person contains a control character (U+0009) at byte 4",
	             veikart_initiative_assign(w.in, "Eva", "Per\tMallory", "lead"));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the person contains a control character (U+000A) at byte 4",
	             veikart_initiative_assign(w.in, "Eva", "Per\nMallory", "lead"));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the person contains a control character (U+000D) at byte 4",
	             veikart_initiative_unassign(w.in, "Eva", "Ola\rEva", "lead"));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the role contains a control character (U+0007) at byte 5",
	             veikart_initiative_assign(w.in, "Eva", "Per", "lead\a"));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the unit contains a control character (U+001B) at byte 5",
	             veikart_initiative_unit_assign(w.in, "Eva", "site" ESC, "Per", "lead"));

	/* Facts, evidence and steps. */
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the fact contains a control character (U+001B) at byte 2",
	             veikart_initiative_set(w.in, "Eva", "a" ESC "[8m", "true"));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the fact contains a control character (U+001B) at byte 2",
	             veikart_initiative_set_many(w.in, "Eva", 2, bad_ids, values));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the fact contains a control character (U+007F) at byte 2",
	             veikart_initiative_clear(w.in, "Eva", "a\x7f"));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the fact contains a control character (U+009B) at byte 2",
	             veikart_initiative_approve(w.in, "Eva", "a" CSI "2J"));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the fact contains a control character (U+0008) at byte 2",
	             veikart_initiative_sign(w.in, "Eva", "a\b"));
	WALK_REFUSED(
	        &w, VEIKART_EINVALID,
	        "the document address contains a control character (U+001B) at byte 20; " NAME_RULE,
	        veikart_initiative_attach(w.in, "Eva", "a", "https://a.example/x" ESC "[8m", NULL));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the document address contains a control character (U+0009) at byte 20",
	             veikart_initiative_attach(w.in, "Eva", "a", "https://a.example/x\ty", NULL));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the SHA-256 digest contains a control character (U+001B) at byte 1",
	             veikart_initiative_attach(w.in, "Eva", "a", "https://a.example/x", ESC));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the phase contains a control character (U+001B) at byte 2",
	             veikart_initiative_step(w.in, "Eva", "k" ESC, "s1"));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the step contains a control character (U+000A) at byte 3",
	             veikart_initiative_unit_step(w.in, "Eva", "site-1", "u-prep", "s1\n"));

	/* Rollout units. */
	spec.id = "site" ESC "[2J";
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the unit id contains a control character (U+001B) at byte 5",
	             veikart_initiative_add_unit(w.in, "Eva", &spec));
	spec.id = "site-1";
	spec.type = "site\t";
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the unit type contains a control character (U+0009) at byte 5",
	             veikart_initiative_add_unit(w.in, "Eva", &spec));
	spec.type = NULL;
	spec.parent = "north" ESC;
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the parent unit contains a control character (U+001B) at byte 6",
	             veikart_initiative_add_unit(w.in, "Eva", &spec));

	/* Decisions: the gate, where to, the unit, a condition's due date. */
	req.gate = "gk" ESC;
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the gate contains a control character (U+001B) at byte 3",
	             veikart_initiative_decide(w.in, &req));
	req.gate = NULL;
	req.to = "s\n";
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the target phase contains a control character (U+000A) at byte 2",
	             veikart_initiative_decide(w.in, &req));
	req.to = NULL;
	req.unit = "site" ESC;
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the unit contains a control character (U+001B) at byte 5",
	             veikart_initiative_decide(w.in, &req));

	/* Creating an initiative: its id is a name. */
	assert_int_equal(veikart_initiative_create(&other, w.m, "R" ESC "-2", "Rules", "Eva", NULL),
	                 VEIKART_EINVALID);
	assert_true(
	        test_contains(veikart_error_last()->message,
	                      "the initiative id contains a control character (U+001B) at byte 2"));
	assert_null(other);
	assert_int_equal(veikart_initiative_create(&other, w.m, "R-2", "Rules", "Eva\t", NULL),
	                 VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message,
	                          "the actor contains a control character (U+0009) at byte 4"));

	/* Nothing was recorded, and the honest calls still go through. */
	assert_int_equal(veikart_journal_count(w.j), events);
	walk_ok(veikart_initiative_set_many(w.in, "Eva", 2, ids, values), "set a and b");
	walk_ok(veikart_initiative_assign(w.in, "Eva", "Per Øvrebø", "lead"), "assign");
	walk_end(&w);
}

static void test_free_text_may_hold_tabs_and_line_breaks_only(void **state)
{
	veikart_decision_request req = request("Eva", VEIKART_OUTCOME_GO, NULL);
	veikart_initiative *other = NULL;
	const veikart_decision *d;
	size_t events;
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "b=true", NULL);
	events = veikart_journal_count(w.j);

	req.rationale = "Minutes of the board\r\nsigned";
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the rationale contains a control character (U+000D) at byte 21; " TEXT_RULE,
	             veikart_initiative_decide(w.in, &req));
	req.rationale = "ok" ESC "[1A" ESC "[2Kapproved by all";
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the rationale contains a control character (U+001B) at byte 3",
	             veikart_initiative_decide(w.in, &req));
	req.rationale = "ok\x7f";
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the rationale contains a control character (U+007F) at byte 3",
	             veikart_initiative_decide(w.in, &req));
	req.rationale = "ok " CSI "31m";
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the rationale contains a control character (U+009B) at byte 4",
	             veikart_initiative_decide(w.in, &req));
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the value of `a` contains a control character (U+001B) at byte 5; " TEXT_RULE,
	             veikart_initiative_set(w.in, "Eva", "a", "true" ESC "[8m"));
	assert_int_equal(veikart_initiative_create(&other, w.m, "R-2", "Rules\a", "Eva", NULL),
	                 VEIKART_EINVALID);
	assert_true(test_contains(veikart_error_last()->message,
	                          "the title contains a control character (U+0007) at byte 6"));
	assert_int_equal(veikart_journal_count(w.j), events);

	/* Tabs and line breaks are text; the record escapes them. */
	req.rationale = "Minutes of the board:\n\t- signed by all\n\t- budget set";
	walk_ok(veikart_initiative_decide(w.in, &req), "decide with a rationale of two lines");
	d = veikart_initiative_decision(w.in, 0);
	assert_string_equal(veikart_decision_rationale(d),
	                    "Minutes of the board:\n\t- signed by all\n\t- budget set");
	walk_ok(veikart_initiative_create(&other, w.m, "R-2", "Two\tlines\nof title", "Eva", NULL),
	        "a title of two lines");
	assert_string_equal(veikart_initiative_title(other), "Two\tlines\nof title");
	veikart_initiative_free(other);
	walk_same_after_replay_and_restore(&w);
	walk_end(&w);
}

/* A rationale says why: white space only says nothing, least of all for an
 * override. */
static void test_a_rationale_of_white_space_is_refused(void **state)
{
	veikart_decision_request req = request("Eva", VEIKART_OUTCOME_GO, " \t\n \n");
	walk w;

	(void)state;
	start(&w);
	walk_set(&w, "Eva", "a=true", "b=true", NULL);
	WALK_REFUSED(&w, VEIKART_EINVALID, "the rationale is only white space",
	             veikart_initiative_decide(w.in, &req));
	/* At a blocked gate, where the override needs its reason. */
	walk_assign(&w, "Eva", "Eva", "board");
	walk_decide(&w, "Eva", VEIKART_OUTCOME_GO, NULL, "Two of three.");
	req.override = 1;
	req.rationale = "   ";
	WALK_REFUSED(&w, VEIKART_EINVALID,
	             "the rationale is only white space: a decision says why it was taken",
	             veikart_initiative_decide(w.in, &req));
	req.rationale = " Budget approved by the council. ";
	walk_ok(veikart_initiative_decide(w.in, &req), "override with a reason");
	assert_string_equal(walk_phase(&w), "al");
	walk_end(&w);
}

/* PATH is refused as a methodology file and as a document to hash, with
 * VEIKART_EIO and a message that says what it is. */
static void not_a_regular_file(const char *path, const char *what)
{
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;
	char hex[VEIKART_HASH_HEX_LENGTH + 1], expected[600];

	snprintf(expected, sizeof(expected), "%s: %s", path, what);
	assert_int_equal(veikart_method_load_file(&m, path, NULL, &diags), VEIKART_EIO);
	assert_null(m);
	assert_int_equal(veikart_diagnostics_count(diags), 1);
	assert_string_equal(veikart_diagnostics_get(diags, 0)->file, path);
	assert_string_equal(veikart_diagnostics_get(diags, 0)->message, what);
	veikart_diagnostics_free(diags);
	/* veikart_method_load() reads a path (it has a '/') the same way. */
	assert_int_equal(veikart_method_load(&m, path, NULL, NULL), VEIKART_EIO);
	assert_true(test_contains(veikart_error_last()->message, what));
	assert_int_equal(veikart_sha256_file(hex, path), VEIKART_EIO);
	assert_string_equal(veikart_error_last()->message, expected);
}

/* A FIFO, a device, a directory or a file under /proc would hang the
 * reader or never end: only regular files are read.  (Should the check go,
 * the alarm ends the test instead of a hang.) */
static void test_only_regular_files_are_read(void **state)
{
	char dir[] = "/tmp/veikart-inputs-XXXXXX", fifo[64], hex[VEIKART_HASH_HEX_LENGTH + 1];

	(void)state;
	alarm(60);
	assert_non_null(mkdtemp(dir));
	snprintf(fifo, sizeof(fifo), "%s/m.xml", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	not_a_regular_file(fifo, "is a FIFO, not a regular file");
	not_a_regular_file("/dev/zero", "is a character device, not a regular file");
	not_a_regular_file(dir, "is a directory, not a regular file");
	if (access("/proc/self/status", R_OK) == 0)
		not_a_regular_file("/proc/self/status",
		                   "has no size but is not empty (as files under /proc), so it is "
		                   "not read as a regular file");
	assert_int_equal(unlink(fifo), 0);
	assert_int_equal(rmdir(dir), 0);

	/* A regular file is read as before, an empty one too. */
	assert_int_equal(veikart_sha256_file(hex, test_path("methodologies/esset.xml")), 0);
	snprintf(fifo, sizeof(fifo), "%s", "/tmp/veikart-inputs-empty-XXXXXX");
	{
		int fd = mkstemp(fifo);
		assert_true(fd >= 0);
		close(fd);
	}
	assert_int_equal(veikart_sha256_file(hex, fifo), 0);
	assert_string_equal(hex,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	assert_int_equal(unlink(fifo), 0);
	alarm(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_and_ids_with_control_characters_are_refused),
		cmocka_unit_test(test_free_text_may_hold_tabs_and_line_breaks_only),
		cmocka_unit_test(test_a_rationale_of_white_space_is_refused),
		cmocka_unit_test(test_only_regular_files_are_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
