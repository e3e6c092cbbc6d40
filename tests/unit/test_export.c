/*
 * Reports for people: Markdown and a self-contained HTML page that say the
 * same things, escape what they quote, and depend only on state and clock.
 */
#include <stdlib.h>
#include <string.h>

#include "walk.h"

#define DAY 86400
#define START 1767603600 /* 2026-01-05T09:00:00Z */

static int64_t now_value = START;

static int64_t fixed(void *payload)
{
	(void)payload;
	return now_value;
}

typedef struct world {
	veikart_method *m;
	veikart_initiative *in;
} world;

static int setup(void **state)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;
	veikart_initiative_options o = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	world *w = calloc(1, sizeof(*w));
	static const char *const ids[] = { "challenge_described", "anchored_in_management",
		                           "need_for_change_understood" };
	static const char *const vals[] = { "true", "true", "true" };

	now_value = START;
	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	assert_int_equal(veikart_method_load(&w->m, VEIKART_DEFAULT_METHOD, &lo, NULL), 0);
	o.clock = fixed;
	o.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	assert_int_equal(veikart_initiative_create(&w->in, w->m, "NT-1",
	                                           "Nattilsyn <pilot> & \"test\" | one", "Kari",
	                                           &o),
	                 0);
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Kari", "prosjekteier"), 0);
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Ingrid", "styringsgruppe"), 0);
	assert_int_equal(veikart_initiative_set_many(w->in, "Kari", 3, ids, vals), 0);
	assert_int_equal(veikart_initiative_sign(w->in, "Kari", "project_mandate"), 0);
	now_value += 3 * DAY;
	req.actor = "Kari";
	req.outcome = VEIKART_OUTCOME_GO;
	req.rationale = "The need is clear;\nwe <start> now";
	assert_int_equal(veikart_initiative_decide(w->in, &req), 0);
	now_value += 10 * DAY;
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	world *w = *state;

	veikart_initiative_free(w->in);
	veikart_method_free(w->m);
	free(w);
	return 0;
}

static char *export(world *w, veikart_export_format f, const char *lang)
{
	char *text = NULL;
	size_t len = 0;

	assert_int_equal(veikart_initiative_export(&text, &len, w->in, f, lang), 0);
	assert_int_equal(strlen(text), len);
	return text;
}

static void test_markdown_says_where_it_stands(void **state)
{
	world *w = *state;
	char *md = export(w, VEIKART_EXPORT_MARKDOWN, "en");

	assert_true(test_contains(md, "# Nattilsyn &lt;pilot&gt; &amp; \"test\" \\| one (NT-1)\n"));
	assert_true(test_contains(md, "**Status:** active: Insight and idea (planning) since "
	                              "2026-01-08, 10 days"));
	assert_true(test_contains(md, "## Gate: "));
	assert_true(test_contains(md, "**Verdict:** blocked: "));
	assert_true(test_contains(md, "### What is missing"));
	assert_true(test_contains(md, "**Decided by:** Steering group"));
	/* The decision, its rationale on one quoted line, and the gate it was taken on. */
	assert_true(test_contains(md, "**Decided by:** Kari, as Project owner (event 8)"));
	assert_true(test_contains(md, "> The need is clear; we &lt;start&gt; now\n"));
	assert_true(test_contains(md, "**The gate stood:** ready: every must criterion met"));
	assert_true(test_contains(md, "### 2026-01-08, "));
	assert_true(test_contains(md, "| Before you start | 2026-01-05 | 2026-01-08 | 3 |"));
	assert_true(test_contains(md, "| Insight and idea | 2026-01-08 | (current) | 10 |"));
	assert_true(test_contains(md, "| Project owner | Kari |"));
	assert_true(test_contains(md, veikart_initiative_head(w->in)));
	veikart_string_free(md);
}

/* A name from the journal is text in either report: no script, no link,
 * no emphasis, no table cell of its own, no escape sequence. */
static void test_a_name_is_text_in_both_reports(void **state)
{
	world *w = *state;
	char *md, *html;

	assert_int_equal(veikart_initiative_assign(w->in, "Kari",
	                                           "<script>alert(1)</script> *Ola* [x](y) | z_",
	                                           "styringsgruppe"),
	                 0);
	md = export(w, VEIKART_EXPORT_MARKDOWN, "en");
	assert_false(test_contains(md, "<script"));
	assert_true(test_contains(md, "&lt;script&gt;alert(1)&lt;/script&gt; \\*Ola\\* "
	                              "\\[x\\](y) \\| z\\_"));
	html = export(w, VEIKART_EXPORT_HTML, "en");
	assert_false(test_contains(html, "<script"));
	assert_true(test_contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; *Ola* [x](y) | z_"));
	veikart_string_free(md);
	veikart_string_free(html);
}

/* Markdown that a text would start: a heading, a list, a numbered list, a
 * quote, a code block; an underscore inside a word is left alone. */
static void test_markdown_a_text_cannot_start(void **state)
{
	world *w = *state;
	veikart_initiative *other = NULL;
	char *md = NULL;
	size_t len;

	(void)w;
	assert_int_equal(veikart_initiative_create(&other, w->m, "NT-2", "# 1. - > snake_case",
	                                           "Kari", NULL),
	                 0);
	assert_int_equal(veikart_initiative_export(&md, &len, other, VEIKART_EXPORT_MARKDOWN, "en"),
	                 0);
	assert_true(test_contains(md, "# \\# 1. - &gt; snake_case (NT-2)\n"));
	veikart_string_free(md);
	veikart_initiative_free(other);
	assert_int_equal(veikart_initiative_create(&other, w->m, "NT-3", "12. item", "Kari", NULL),
	                 0);
	assert_int_equal(veikart_initiative_export(&md, &len, other, VEIKART_EXPORT_MARKDOWN, "en"),
	                 0);
	assert_true(test_contains(md, "# 12\\. item (NT-3)\n"));
	veikart_string_free(md);
	veikart_initiative_free(other);
}

static void test_html_is_one_self_contained_page(void **state)
{
	world *w = *state;
	char *html = export(w, VEIKART_EXPORT_HTML, "en");

	assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
	assert_true(test_contains(html, "<style>"));
	assert_false(test_contains(html, "<script"));
	assert_false(test_contains(html, "src="));
	assert_false(test_contains(html, "href="));
	assert_false(test_contains(html, "@import"));
	assert_true(test_contains(html, "<h1>Nattilsyn &lt;pilot&gt; &amp; &quot;test&quot; | one "
	                                "(NT-1)</h1>"));
	assert_true(test_contains(html, "<blockquote>The need is clear;<br>we &lt;start&gt; "
	                                "now</blockquote>"));
	assert_true(test_contains(html, "<span class=\"unmet\">unmet</span>"));
	assert_true(test_contains(html, "</html>\n"));
	veikart_string_free(html);
}

static void test_labels_follow_the_language(void **state)
{
	world *w = *state;
	char *nb = export(w, VEIKART_EXPORT_MARKDOWN, "nb");
	char *again = export(w, VEIKART_EXPORT_MARKDOWN, "nb");

	assert_true(test_contains(nb, "Innsikt og idé"));
	assert_false(test_contains(nb, "Insight and idea"));
	/* Same state, same clock: same text. */
	assert_string_equal(nb, again);
	veikart_string_free(nb);
	veikart_string_free(again);
}

static void test_stalled_and_overdue_are_flagged(void **state)
{
	world *w = *state;
	veikart_decision_request req = VEIKART_DECISION_REQUEST_INIT;
	char *md;

	/* Nobody gives themselves a role: a second owner seats Kari in the
	 * steering group. */
	assert_int_equal(veikart_initiative_assign(w->in, "Kari", "Per", "prosjekteier"), 0);
	assert_int_equal(veikart_initiative_assign(w->in, "Per", "Kari", "styringsgruppe"), 0);
	req.actor = "Kari";
	req.outcome = VEIKART_OUTCOME_GO;
	req.rationale = "Pilot now, plan the benefits in parallel";
	req.override = 1;
	assert_int_equal(veikart_initiative_decide(w->in, &req), 0);
	now_value += 200 * DAY; /* the pilot allows 180 */
	md = export(w, VEIKART_EXPORT_MARKDOWN, "en");
	assert_true(test_contains(md, "> **Warning:** Stalled: 200 days in Development and pilot, "
	                              "which is meant to take at most 180."));
	assert_true(test_contains(md, "OVERRIDE of the gate's verdict"));
	veikart_string_free(md);
}

static void test_refuses_bad_arguments(void **state)
{
	world *w = *state;
	veikart_initiative *empty = NULL;
	char *text = NULL;

	assert_int_equal(veikart_initiative_export(NULL, NULL, w->in, VEIKART_EXPORT_HTML, NULL),
	                 VEIKART_EINVALID);
	assert_int_equal(
	        veikart_initiative_export(&text, NULL, w->in, (veikart_export_format)7, NULL),
	        VEIKART_EINVALID);
	assert_int_equal(veikart_initiative_open(&empty, w->m, NULL), 0);
	assert_int_equal(veikart_initiative_export(&text, NULL, empty, VEIKART_EXPORT_HTML, NULL),
	                 VEIKART_ESTATE);
	assert_null(text);
	veikart_initiative_free(empty);
}

/* The rollout lists the units in rollout order: by wave, then by order,
 * then as added; a unit without a wave comes after every wave, one without
 * an order after the ordered units of its wave.  The board has a row per
 * wave in the same order. */
static void test_units_are_listed_in_rollout_order(void **state)
{
	static const struct {
		const char *id;
		int wave, order;
	} units[] = {
		{ "no-wave", 0, 0 },   { "wave-2", 2, 0 },   { "w1-no-order", 1, 0 },
		{ "w1-second", 1, 2 }, { "w1-first", 1, 1 },
	};
	static const char *const expected[] = { "| w1-first |", "| w1-second |", "| w1-no-order |",
		                                "| wave-2 |", "| no-wave |" };
	veikart_unit_spec spec = VEIKART_UNIT_SPEC_INIT;
	const char *table, *at, *before;
	char *md = NULL;
	size_t i;
	walk w;

	(void)state;
	memset(&w, 0, sizeof(w));
	walk_start(&w, "tests/unit/rules-method.xml", "R-1", "Rules", "Eva");
	walk_assign(&w, "Eva", "Eva", "owner");
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		spec.id = units[i].id;
		spec.wave = units[i].wave;
		spec.order = units[i].order;
		walk_ok(veikart_initiative_add_unit(w.in, "Eva", &spec), units[i].id);
	}
	walk_ok(veikart_initiative_export(&md, NULL, w.in, VEIKART_EXPORT_MARKDOWN, "en"),
	        "export");
	table = strstr(md, "### Units");
	assert_non_null(table);
	for (i = 0, before = table; i < sizeof(expected) / sizeof(expected[0]); i++) {
		at = strstr(table, expected[i]);
		if (at == NULL || at < before)
			fail_msg("`%s` is not after the units before it in:\n%s", expected[i],
			         table);
		before = at;
	}
	at = strstr(md, "| 1 |");
	assert_non_null(at);
	at = strstr(at, "| 2 |");
	assert_non_null(at);
	assert_non_null(strstr(at, "| none |"));
	veikart_string_free(md);
	walk_end(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_markdown_says_where_it_stands),
		T(test_html_is_one_self_contained_page),
		T(test_labels_follow_the_language),
		T(test_stalled_and_overdue_are_flagged),
		T(test_refuses_bad_arguments),
		T(test_a_name_is_text_in_both_reports),
		T(test_markdown_a_text_cannot_start),
#undef T
		cmocka_unit_test(test_units_are_listed_in_rollout_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
