/*
 * Comparing methodologies (veikart/diff.h): each kind of change found in
 * small hand-written pairs, an empty diff for the same methodology, the
 * text and XML forms, NULL arguments and allocation failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

/* The methodology every pair starts from; a test edits a copy. */
static const char base_doc[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<methodology xmlns=\"urn:veikart:methodology:1\" id=\"base\" version=\"1\" "
        "xml:lang=\"en\">\n"
        "  <title>Base</title><title xml:lang=\"nb\">Grunnlag</title>\n"
        "  <roles>\n"
        "    <role id=\"owner\" kind=\"person\" may-override=\"true\"><title>Owner</title>"
        "<title xml:lang=\"nb\">Eier</title></role>\n"
        "    <role id=\"board\" kind=\"body\"><title>Board</title></role>\n"
        "  </roles>\n"
        "  <facts>\n"
        "    <fact id=\"ready\" type=\"bool\"><title>Ready</title></fact>\n"
        "    <fact id=\"share\" type=\"ratio\"><title>Share</title></fact>\n"
        "    <fact id=\"plan\" type=\"evidence\"><title>Plan</title></fact>\n"
        "  </facts>\n"
        "  <phases>\n"
        "    <phase id=\"start\" kind=\"needs\"><title>Start</title>"
        "<title xml:lang=\"nb\">Oppstart</title>\n"
        "      <step id=\"s1\" role=\"owner\" produces=\"ready\"><title>First</title></step>\n"
        "      <step id=\"s2\" role=\"owner\"><title>Second</title></step>\n"
        "      <step id=\"s3\" role=\"board\" produces=\"plan\"><title>Third</title></step>\n"
        "    </phase>\n"
        "    <phase id=\"trial\" kind=\"pilot\" max-days=\"90\"><title>Trial</title></phase>\n"
        "    <phase id=\"end\" kind=\"closed\" terminal=\"true\"><title>End</title></phase>\n"
        "  </phases>\n"
        "  <gates>\n"
        "    <gate id=\"g1\" from=\"start\" aggregation=\"must-then-score\" threshold=\"0.5\">\n"
        "      <title>Go on</title>\n"
        "      <authority role=\"owner\"/>\n"
        "      <criterion id=\"c1\" level=\"must\" tags=\"A:1\"><text>Is ready</text>"
        "<check fact=\"ready\"/></criterion>\n"
        "      <criterion id=\"c2\" level=\"should\" weight=\"1\"><text>Used</text>"
        "<threshold fact=\"share\" op=\"ge\" value=\"60%\"/></criterion>\n"
        "      <outcome kind=\"go\" to=\"trial\"/>\n"
        "      <outcome kind=\"stop\" to=\"end\"/>\n"
        "    </gate>\n"
        "    <gate id=\"g2\" from=\"trial\">\n"
        "      <authority role=\"board\"/>\n"
        "      <criterion id=\"d1\"><text>Still ready</text><check fact=\"ready\"/></criterion>\n"
        "      <outcome kind=\"go\" to=\"end\"/>\n"
        "      <outcome kind=\"hold\"/>\n"
        "    </gate>\n"
        "  </gates>\n"
        "</methodology>\n";

/* The base with each `from` replaced by the `to` after it (NULL-terminated
 * pairs); every `from` must occur.  Returns a malloc'd document. */
static char *edit(const char *const *pairs)
{
	char *doc = strdup(base_doc), *at, *next;
	size_t i, flen, tlen;

	assert_non_null(doc);
	for (i = 0; pairs[i] != NULL; i += 2) {
		at = strstr(doc, pairs[i]);
		if (at == NULL)
			fail_msg("`%s` is not in the base", pairs[i]);
		flen = strlen(pairs[i]);
		tlen = strlen(pairs[i + 1]);
		next = malloc(strlen(doc) - flen + tlen + 1);
		assert_non_null(next);
		memcpy(next, doc, (size_t)(at - doc));
		memcpy(next + (at - doc), pairs[i + 1], tlen);
		strcpy(next + (at - doc) + tlen, at + flen);
		free(doc);
		doc = next;
	}
	return doc;
}

static veikart_method *load_doc(const char *doc)
{
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;
	char line[1024];
	size_t i;

	o.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	if (veikart_method_load_buffer(&m, doc, strlen(doc), "pair.xml", &o, &diags) != 0) {
		for (i = 0; i < veikart_diagnostics_count(diags); i++) {
			veikart_diagnostic_format(line, sizeof(line),
			                          veikart_diagnostics_get(diags, i));
			print_error("%s\n", line);
		}
		fail_msg("the test document does not load: %s", veikart_error_last()->message);
	}
	veikart_diagnostics_free(diags);
	return m;
}

/* The diff of the base and the base edited by `pairs`, as text. */
static char *diff_text(const char *const *pairs, const char *lang, size_t *count)
{
	veikart_diff_options opts = VEIKART_DIFF_OPTIONS_INIT;
	veikart_method *a = load_doc(base_doc);
	char *doc = edit(pairs), *text = NULL;
	veikart_method *b = load_doc(doc);
	veikart_diff *d = NULL;

	opts.lang = lang;
	assert_int_equal(veikart_diff_methods(&d, a, b, &opts), 0);
	assert_int_equal(veikart_diff_write(&text, NULL, d, VEIKART_DIFF_TEXT), 0);
	if (count != NULL)
		*count = veikart_diff_count(d);
	veikart_diff_free(d);
	veikart_method_free(b);
	veikart_method_free(a);
	free(doc);
	return text;
}

/* Fail unless `text` has `line` as one of its lines. */
static void has_line(const char *text, const char *line)
{
	const char *p = text;
	size_t n = strlen(line);

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return;
		p += n;
	}
	fail_msg("no line `%s` in:\n%s", line, text);
}

static void test_diff_should_same_methodology_be_empty(void **state)
{
	veikart_method *a = load_doc(base_doc), *b = load_doc(base_doc);
	veikart_diff *d = NULL;
	char *text = NULL;
	size_t len = 99;

	(void)state;
	assert_int_equal(veikart_diff_methods(&d, a, b, NULL), 0);
	assert_int_equal(veikart_diff_count(d), 0);
	assert_null(veikart_diff_entry_at(d, 0));
	assert_int_equal(veikart_diff_write(&text, &len, d, VEIKART_DIFF_TEXT), 0);
	assert_string_equal(text, "");
	assert_int_equal(len, 0);
	veikart_string_free(text);
	assert_int_equal(veikart_diff_write(&text, NULL, d, VEIKART_DIFF_XML), 0);
	assert_true(test_contains(text, "changes=\"0\"/>"));
	veikart_string_free(text);
	veikart_diff_free(d);
	/* A methodology with itself, and the built-in default with itself. */
	assert_int_equal(veikart_diff_methods(&d, a, a, NULL), 0);
	assert_int_equal(veikart_diff_count(d), 0);
	veikart_diff_free(d);
	veikart_method_free(b);
	veikart_method_free(a);
}

static void test_diff_should_entries_say_what_changed(void **state)
{
	const char *const pairs[] = { "version=\"1\"", "version=\"2\"", NULL };
	veikart_method *a = load_doc(base_doc), *b;
	char *doc = edit(pairs);
	const veikart_diff_entry *e;
	veikart_diff *d = NULL;

	(void)state;
	b = load_doc(doc);
	assert_int_equal(veikart_diff_methods(&d, a, b, NULL), 0);
	assert_int_equal(veikart_diff_count(d), 1);
	e = veikart_diff_entry_at(d, 0);
	assert_non_null(e);
	assert_int_equal(e->change, VEIKART_DIFF_CHANGED);
	assert_int_equal(e->what, VEIKART_DIFF_METHODOLOGY);
	assert_string_equal(e->path, "methodology");
	assert_string_equal(e->field, "version");
	assert_string_equal(e->old_value, "1");
	assert_string_equal(e->new_value, "2");
	assert_null(veikart_diff_entry_at(d, 1));
	veikart_diff_free(d);
	veikart_method_free(b);
	veikart_method_free(a);
	free(doc);
}

static void test_diff_should_phase_changes_be_found(void **state)
{
	const char *const pairs[] = {
		"<phase id=\"trial\" kind=\"pilot\" max-days=\"90\"><title>Trial</title>",
		"<phase id=\"trial\" kind=\"evaluation\" repeatable=\"true\"><title>Test</title>",
		"<title xml:lang=\"nb\">Oppstart</title>",
		"<title xml:lang=\"nb\">Begynnelse</title>",
		"<phase id=\"end\"",
		"<phase id=\"extra\" kind=\"closed\" "
		"terminal=\"true\"><title>Extra</title></phase>\n"
		"    <phase id=\"end\"",
		/* g2 may now stop into the new phase instead of holding. */
		"<outcome kind=\"hold\"/>",
		"<outcome kind=\"stop\" to=\"extra\"/>",
		NULL,
	};
	size_t n;
	char *text = diff_text(pairs, NULL, &n);

	(void)state;
	has_line(text, "~ phase start: title[nb]: \"Oppstart\" -> \"Begynnelse\"");
	has_line(text, "~ phase trial: title[en]: \"Trial\" -> \"Test\"");
	has_line(text, "~ phase trial: kind: \"pilot\" -> \"evaluation\"");
	has_line(text, "~ phase trial: repeatable: \"false\" -> \"true\"");
	has_line(text, "~ phase trial: max-days: \"90\" -> (none)");
	has_line(text, "+ phase extra: \"Extra\"");
	has_line(text, "- gate g2/outcome hold");
	has_line(text, "+ gate g2/outcome stop: \"extra\"");
	assert_int_equal(n, 8);
	veikart_string_free(text);
}

static void test_diff_should_removed_phase_and_its_gate_be_listed(void **state)
{
	/* g1 now leads straight to the end; trial and g2 are gone. */
	const char *const pairs[] = {
		"    <phase id=\"trial\" kind=\"pilot\" "
		"max-days=\"90\"><title>Trial</title></phase>\n",
		"",
		"<outcome kind=\"go\" to=\"trial\"/>",
		"<outcome kind=\"go\" to=\"end\"/>",
		"    <gate id=\"g2\" from=\"trial\">\n"
		"      <authority role=\"board\"/>\n"
		"      <criterion id=\"d1\"><text>Still ready</text><check "
		"fact=\"ready\"/></criterion>\n"
		"      <outcome kind=\"go\" to=\"end\"/>\n"
		"      <outcome kind=\"hold\"/>\n"
		"    </gate>\n",
		"",
		NULL,
	};
	size_t n;
	char *text = diff_text(pairs, NULL, &n);

	(void)state;
	has_line(text, "- phase trial: \"Trial\"");
	has_line(text, "- gate g2: \"g2\"");
	has_line(text, "~ gate g1/outcome go: to: \"trial\" -> \"end\"");
	assert_int_equal(n, 3);
	veikart_string_free(text);
}

static void test_diff_should_step_changes_be_found(void **state)
{
	const char *const pairs[] = {
		/* s1: another role and nothing produced; s3 moves before s2, and
		 * s4 comes in where s3 was. */
		"      <step id=\"s3\" role=\"board\" "
		"produces=\"plan\"><title>Third</title></step>\n",
		"      <step id=\"s4\" role=\"owner\"><title>Fourth</title></step>\n",
		"<step id=\"s1\" role=\"owner\" produces=\"ready\"><title>First</title></step>",
		"<step id=\"s1\" role=\"board\"><title>First</title></step>\n"
		"      <step id=\"s3\" role=\"board\" "
		"produces=\"plan\"><title>Third</title></step>",
		NULL,
	};
	size_t n;
	char *text = diff_text(pairs, NULL, &n);

	(void)state;
	has_line(text, "~ phase start/step s1: role: \"owner\" -> \"board\"");
	has_line(text, "~ phase start/step s1: produces: \"ready\" -> (none)");
	has_line(text, "~ phase start/step s2: order: \"2\" -> \"3\"");
	has_line(text, "~ phase start/step s3: order: \"3\" -> \"2\"");
	has_line(text, "+ phase start/step s4: \"Fourth\"");
	assert_int_equal(n, 5);
	veikart_string_free(text);
}

static void test_diff_should_removed_step_move_no_other(void **state)
{
	const char *const pairs[] = {
		"      <step id=\"s1\" role=\"owner\" "
		"produces=\"ready\"><title>First</title></step>\n",
		"",
		NULL,
	};
	size_t n;
	char *text = diff_text(pairs, NULL, &n);

	(void)state;
	has_line(text, "- phase start/step s1: \"First\"");
	assert_int_equal(n, 1);
	veikart_string_free(text);
}

static void test_diff_should_gate_changes_be_found(void **state)
{
	const char *const pairs[] = {
		"aggregation=\"must-then-score\" threshold=\"0.5\"",
		"aggregation=\"must-then-score\" threshold=\"0.75\"",
		"<authority role=\"owner\"/>",
		"<authority role=\"board\" when=\"share ge 0.9\"/><authority role=\"owner\"/>",
		"<gate id=\"g2\" from=\"trial\">\n      <authority role=\"board\"/>",
		"<gate id=\"g2\" from=\"trial\" aggregation=\"all\">\n      <authority "
		"role=\"owner\"/>",
		NULL,
	};
	size_t n;
	char *text = diff_text(pairs, NULL, &n);

	(void)state;
	has_line(text, "~ gate g1: threshold: \"0.5\" -> \"0.75\"");
	has_line(text, "+ gate g1/authority board: \"share ge 0.9\"");
	has_line(text, "~ gate g2: aggregation: \"must-then-score\" -> \"all\"");
	has_line(text, "- gate g2/authority board");
	has_line(text, "+ gate g2/authority owner");
	assert_int_equal(n, 5);
	veikart_string_free(text);
}

static void test_diff_should_authority_condition_and_recurring_review_be_found(void **state)
{
	const char *const base_pairs[] = { NULL };
	const char *const pairs[] = {
		"<authority role=\"owner\"/>",
		"<authority role=\"owner\" when=\"share ge 0.5\"/>",
		"<gate id=\"g2\" from=\"trial\">",
		"<gate id=\"g2\" from=\"trial\" every-days=\"30\">",
		"<outcome kind=\"hold\"/>",
		"<outcome kind=\"continue\"/>",
		NULL,
	};
	size_t n;
	char *text = diff_text(pairs, NULL, &n);
	char *same = diff_text(base_pairs, NULL, NULL);

	(void)state;
	has_line(text, "~ gate g1/authority owner: when: (none) -> \"share ge 0.5\"");
	has_line(text, "~ gate g2: every-days: (none) -> \"30\"");
	has_line(text, "- gate g2/outcome hold");
	has_line(text, "+ gate g2/outcome continue");
	assert_int_equal(n, 4);
	assert_string_equal(same, "");
	veikart_string_free(same);
	veikart_string_free(text);
}

static void test_diff_should_criterion_changes_be_found(void **state)
{
	const char *const pairs[] = {
		"<criterion id=\"c1\" level=\"must\" tags=\"A:1\">",
		"<criterion id=\"c1\" level=\"should\" weight=\"3\" tags=\"A:1 B:2\">",
		"value=\"60%\"",
		"value=\"80%\"",
		"      <criterion id=\"d1\"><text>Still ready</text><check "
		"fact=\"ready\"/></criterion>\n",
		"      <criterion id=\"d2\"><text>Has a plan</text><evidence "
		"fact=\"plan\"/></criterion>\n",
		NULL,
	};
	size_t n;
	char *text = diff_text(pairs, NULL, &n);

	(void)state;
	has_line(text, "~ gate g1/criterion c1: level: \"must\" -> \"should\"");
	has_line(text, "~ gate g1/criterion c1: weight: \"1\" -> \"3\"");
	has_line(text, "~ gate g1/criterion c1: tags: \"A:1\" -> \"A:1 B:2\"");
	has_line(text, "~ gate g1/criterion c2: expression: \"share ge 0.6\" -> \"share ge 0.8\"");
	has_line(text, "- gate g2/criterion d1: \"Still ready\"");
	has_line(text, "+ gate g2/criterion d2: \"Has a plan\"");
	assert_int_equal(n, 6);
	veikart_string_free(text);
}

static void test_diff_should_outcome_changes_be_found(void **state)
{
	const char *const pairs[] = {
		"<outcome kind=\"stop\" to=\"end\"/>",
		"<outcome kind=\"hold\"/>",
		"<outcome kind=\"go\" to=\"end\"/>\n      <outcome kind=\"hold\"/>",
		"<outcome kind=\"go\" to=\"end\"/>\n      <outcome kind=\"recycle\" to=\"start\"/>"
		"\n      <outcome kind=\"recycle\" to=\"trial\"/>",
		NULL,
	};
	size_t n;
	char *text = diff_text(pairs, NULL, &n);

	(void)state;
	has_line(text, "- gate g1/outcome stop: \"end\"");
	has_line(text, "+ gate g1/outcome hold");
	has_line(text, "- gate g2/outcome hold");
	has_line(text, "+ gate g2/outcome recycle: \"start\"");
	has_line(text, "+ gate g2/outcome recycle#2: \"trial\"");
	assert_int_equal(n, 5);
	veikart_string_free(text);
}

static void test_diff_should_roles_and_facts_be_compared(void **state)
{
	const char *const pairs[] = {
		"<role id=\"owner\" kind=\"person\" may-override=\"true\">",
		"<role id=\"owner\" kind=\"person\">",
		"<role id=\"board\" kind=\"body\"><title>Board</title></role>",
		"<role id=\"board\" kind=\"body\"><title>Board</title></role>\n"
		"    <role id=\"clerk\"><title>Clerk</title></role>",
		"<fact id=\"share\" type=\"ratio\"><title>Share</title></fact>",
		"<fact id=\"share\" type=\"number\" unit=\"%\"><title>Share</title></fact>"
		"<fact id=\"when\" type=\"date\"><title>When</title></fact>",
		"value=\"60%\"",
		"value=\"60\"",
		NULL,
	};
	size_t n;
	char *text = diff_text(pairs, NULL, &n);

	(void)state;
	has_line(text, "~ role owner: may-override: \"true\" -> \"false\"");
	has_line(text, "+ role clerk: \"Clerk\"");
	has_line(text, "~ fact share: type: \"ratio\" -> \"number\"");
	has_line(text, "~ fact share: unit: (none) -> \"%\"");
	has_line(text, "+ fact when: \"When\"");
	has_line(text, "~ gate g1/criterion c2: expression: \"share ge 0.6\" -> \"share ge 60.0\"");
	assert_int_equal(n, 6);
	veikart_string_free(text);
}

static void test_diff_should_lang_limit_the_titles_compared(void **state)
{
	const char *const pairs[] = {
		"<title xml:lang=\"nb\">Oppstart</title>",
		"<title xml:lang=\"nb\">Begynnelse</title>",
		"<role id=\"board\" kind=\"body\"><title>Board</title></role>",
		"<role id=\"board\" kind=\"body\"><title>Board</title></role>\n"
		"    <role id=\"clerk\"><title>Clerk</title><title "
		"xml:lang=\"nb\">Sekretær</title></role>",
		NULL,
	};
	size_t n_en, n_nb, n_all;
	char *en = diff_text(pairs, "en", &n_en);
	char *nb = diff_text(pairs, "nb", &n_nb);
	char *all = diff_text(pairs, NULL, &n_all);

	(void)state;
	/* In English nothing of the phase changed; in bokmål its title did. */
	assert_false(test_contains(en, "phase start"));
	has_line(en, "+ role clerk: \"Clerk\"");
	has_line(nb, "~ phase start: title[nb]: \"Oppstart\" -> \"Begynnelse\"");
	has_line(nb, "+ role clerk: \"Sekretær\"");
	has_line(all, "~ phase start: title[nb]: \"Oppstart\" -> \"Begynnelse\"");
	assert_int_equal(n_en, 1);
	assert_int_equal(n_nb, 2);
	assert_int_equal(n_all, 2);
	veikart_string_free(en);
	veikart_string_free(nb);
	veikart_string_free(all);
}

static void test_diff_should_overlay_and_variant_be_compared(void **state)
{
	char dir[4096];
	const char *path[] = { dir, NULL };
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;
	veikart_method *a = NULL, *b = NULL;
	veikart_diff *d = NULL;
	char *text = NULL;

	(void)state;
	snprintf(dir, sizeof(dir), "%s", test_path("tests/fixtures/valid/overlay"));
	o.search_path = path;
	o.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	assert_int_equal(veikart_method_load(&a, "base", &o, NULL), 0);
	assert_int_equal(veikart_method_load(
	                         &b, test_path("tests/fixtures/valid/overlay/input.xml"), &o, NULL),
	                 0);
	assert_int_equal(veikart_diff_methods(&d, a, b, NULL), 0);
	assert_int_equal(veikart_diff_write(&text, NULL, d, VEIKART_DIFF_TEXT), 0);
	has_line(text, "--- base 1");
	has_line(text, "+++ local 1");
	has_line(text, "~ methodology: extends: (none) -> \"base\"");
	has_line(text, "+ overlay assess");
	/* The overlay's gate, placed by from-kind, with the variant's interval. */
	assert_true(test_contains(text, "\n+ gate assessment"));
	veikart_string_free(text);
	veikart_diff_free(d);
	/* The other way round the overlay is removed. */
	assert_int_equal(veikart_diff_methods(&d, b, a, NULL), 0);
	assert_int_equal(veikart_diff_write(&text, NULL, d, VEIKART_DIFF_TEXT), 0);
	has_line(text, "- overlay assess");
	assert_true(test_contains(text, "\n- gate assessment"));
	veikart_string_free(text);
	veikart_diff_free(d);
	veikart_method_free(b);
	veikart_method_free(a);
}

static void test_diff_should_text_and_xml_escape_values(void **state)
{
	const char *const pairs[] = {
		"<text>Used</text>",
		"<text>Used \"a lot\" &amp; &lt;often&gt;</text>",
		NULL,
	};
	veikart_method *a = load_doc(base_doc), *b;
	char *doc = edit(pairs), *text = NULL;
	veikart_diff *d = NULL;
	size_t len = 0;

	(void)state;
	b = load_doc(doc);
	assert_int_equal(veikart_diff_methods(&d, a, b, NULL), 0);
	assert_int_equal(veikart_diff_write(&text, &len, d, VEIKART_DIFF_TEXT), 0);
	assert_int_equal(len, strlen(text));
	assert_string_equal(text, "--- base 1\n+++ base 1\n"
	                          "~ gate g1/criterion c2: text[en]: \"Used\" -> "
	                          "\"Used \\\"a lot\\\" & <often>\"\n");
	veikart_string_free(text);
	assert_int_equal(veikart_diff_write(&text, NULL, d, VEIKART_DIFF_XML), 0);
	assert_true(test_contains(text, "<diff xmlns=\"urn:veikart:diff:1\" old=\"base\" "
	                                "old-version=\"1\" new=\"base\" new-version=\"1\" "
	                                "changes=\"1\">\n"));
	assert_true(test_contains(text,
	                          "  <changed what=\"criterion\" path=\"gate g1/criterion c2\" "
	                          "field=\"text[en]\"><old>Used</old><new>Used &quot;a "
	                          "lot&quot; &amp; &lt;often&gt;</new></changed>\n"));
	assert_true(test_contains(text, "</diff>\n"));
	veikart_string_free(text);
	veikart_diff_free(d);
	veikart_method_free(b);
	veikart_method_free(a);
	free(doc);
}

static void test_diff_should_null_arguments_be_refused(void **state)
{
	veikart_method *a = load_doc(base_doc);
	veikart_diff_options bad = VEIKART_DIFF_OPTIONS_INIT;
	veikart_diff *d = (veikart_diff *)1;
	char *text = (char *)1;

	(void)state;
	assert_int_equal(veikart_diff_methods(NULL, a, a, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_diff_methods(&d, NULL, a, NULL), VEIKART_EINVALID);
	assert_null(d);
	d = (veikart_diff *)1;
	assert_int_equal(veikart_diff_methods(&d, a, NULL, NULL), VEIKART_EINVALID);
	assert_null(d);
	bad.version = 99;
	assert_int_equal(veikart_diff_methods(&d, a, a, &bad), VEIKART_EVERSION);
	assert_null(d);
	assert_int_equal(veikart_diff_write(&text, NULL, NULL, VEIKART_DIFF_TEXT),
	                 VEIKART_EINVALID);
	assert_null(text);
	assert_int_equal(veikart_diff_methods(&d, a, a, NULL), 0);
	assert_int_equal(veikart_diff_write(NULL, NULL, d, VEIKART_DIFF_TEXT), VEIKART_EINVALID);
	assert_int_equal(veikart_diff_write(&text, NULL, d, (veikart_diff_format)7),
	                 VEIKART_EINVALID);
	assert_null(text);
	veikart_diff_free(d);
	veikart_diff_free(NULL);
	assert_int_equal(veikart_diff_count(NULL), 0);
	assert_null(veikart_diff_entry_at(NULL, 0));
	assert_string_equal(veikart_diff_change_name(VEIKART_DIFF_REMOVED), "removed");
	assert_string_equal(veikart_diff_change_name((veikart_diff_change)9), "unknown");
	assert_string_equal(veikart_diff_what_name(VEIKART_DIFF_UNIT_TYPE), "unit-type");
	assert_string_equal(veikart_diff_what_name(VEIKART_DIFF_OUTCOME), "outcome");
	assert_string_equal(veikart_diff_what_name((veikart_diff_what)99), "unknown");
	veikart_method_free(a);
}

/* Fail the 1st, 2nd, ... allocation of a diff and its text until both
 * succeed: each failure is VEIKART_ENOMEM and leaves nothing allocated. */
static void test_allocation_failures_are_clean(void **state)
{
	veikart_method *a = NULL, *b = NULL;
	veikart_load_options o = VEIKART_LOAD_OPTIONS_INIT;
	veikart_diff_options opts = VEIKART_DIFF_OPTIONS_INIT;
	test_counter c;
	veikart_allocator alloc = test_counting_allocator(&c);
	veikart_diff *d;
	char *text;
	long n;
	int rc = -1;

	(void)state;
	o.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	assert_int_equal(veikart_method_load(&a, "ks-veikart", &o, NULL), 0);
	assert_int_equal(veikart_method_load(&b, "ks-veikart-6", &o, NULL), 0);
	opts.allocator = &alloc;
	for (n = 1; rc != 0; n++) {
		memset(&c, 0, sizeof(c));
		c.fail_at = n;
		d = NULL;
		text = NULL;
		rc = veikart_diff_methods(&d, a, b, &opts);
		if (rc == 0)
			rc = veikart_diff_write(&text, NULL, d,
			                        n % 2 ? VEIKART_DIFF_TEXT : VEIKART_DIFF_XML);
		if (rc != 0) {
			assert_int_equal(rc, VEIKART_ENOMEM);
			assert_null(text);
		} else {
			assert_true(veikart_diff_count(d) > 20);
			assert_true(test_contains(text, "g-utproving"));
		}
		veikart_string_free(text);
		veikart_diff_free(d);
		if (c.live != 0)
			fail_msg("%ld block(s) leaked when allocation %ld failed", c.live, n);
		assert_true(n < 100000);
	}
	assert_true(n > 5);
	veikart_method_free(b);
	veikart_method_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_should_same_methodology_be_empty),
		cmocka_unit_test(test_diff_should_entries_say_what_changed),
		cmocka_unit_test(test_diff_should_phase_changes_be_found),
		cmocka_unit_test(test_diff_should_removed_phase_and_its_gate_be_listed),
		cmocka_unit_test(test_diff_should_step_changes_be_found),
		cmocka_unit_test(test_diff_should_removed_step_move_no_other),
		cmocka_unit_test(test_diff_should_gate_changes_be_found),
		cmocka_unit_test(
		        test_diff_should_authority_condition_and_recurring_review_be_found),
		cmocka_unit_test(test_diff_should_criterion_changes_be_found),
		cmocka_unit_test(test_diff_should_outcome_changes_be_found),
		cmocka_unit_test(test_diff_should_roles_and_facts_be_compared),
		cmocka_unit_test(test_diff_should_lang_limit_the_titles_compared),
		cmocka_unit_test(test_diff_should_overlay_and_variant_be_compared),
		cmocka_unit_test(test_diff_should_text_and_xml_escape_values),
		cmocka_unit_test(test_diff_should_null_arguments_be_refused),
		cmocka_unit_test(test_allocation_failures_are_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
