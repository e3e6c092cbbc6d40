/*
 * Hostile documents that are easier to generate than to check in: huge,
 * deep, wide.  Each is refused with a located diagnostic and the right
 * code; none is parsed in full.  The hand-written hostile cases (entities,
 * DTDs, XInclude, encodings) are fixtures under tests/fixtures/invalid/xml-*.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

#include "xml.h"

#define HEAD "<methodology xmlns=\"urn:veikart:methodology:1\" id=\"h\" version=\"1\">"

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
	char *s = malloc(hl + ul * n + tl + 1), *p;

	assert_non_null(s);
	memcpy(s, head, hl);
	p = s + hl;
	for (i = 0; i < n; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl + 1);
	return s;
}

static int load(const char *doc, size_t size, veikart_diagnostics **diags)
{
	veikart_method *m = NULL;
	int rc = veikart_method_load_buffer(&m, doc, size, "hostile.xml", NULL, diags);

	assert_null(m);
	return rc;
}

static void expect_first(veikart_diagnostics *diags, unsigned int line, const char *text)
{
	const veikart_diagnostic *d = veikart_diagnostics_get(diags, 0);

	assert_non_null(d);
	assert_int_equal(d->severity, VEIKART_SEVERITY_ERROR);
	assert_string_equal(d->file, "hostile.xml");
	assert_int_equal(d->line, line);
	assert_true(d->column > 0);
	if (!test_contains(d->message, text))
		fail_msg("expected \"%s\" in \"%s\"", text, d->message);
}

static void test_a_hundred_thousand_attributes(void **state)
{
	veikart_diagnostics *diags = NULL;
	char *doc = malloc(100000 * 12 + 200), *p;
	int i;

	(void)state;
	assert_non_null(doc);
	p = doc + sprintf(doc, HEAD "<title");
	for (i = 0; i < 100000; i++)
		p += sprintf(p, " a%d=\"x\"", i);
	strcpy(p, "/></methodology>");
	assert_int_equal(load(doc, strlen(doc), &diags), VEIKART_ELIMIT);
	expect_first(diags, 1, "more than 64 attributes");
	assert_int_equal(veikart_diagnostics_get(diags, 0)->column, strlen(HEAD) + 1);
	veikart_diagnostics_free(diags);
	free(doc);
}

static void test_ten_thousand_levels_deep(void **state)
{
	veikart_diagnostics *diags = NULL;
	char *open = repeat(HEAD, "<title>", 10000, ""), *doc;
	char *close = repeat("", "</title>", 10000, "</methodology>");

	(void)state;
	doc = malloc(strlen(open) + strlen(close) + 1);
	assert_non_null(doc);
	strcpy(doc, open);
	strcat(doc, close);
	assert_int_equal(load(doc, strlen(doc), &diags), VEIKART_ELIMIT);
	expect_first(diags, 1, "nested more than 64 levels deep");
	veikart_diagnostics_free(diags);
	free(open);
	free(close);
	free(doc);
}

static void test_a_quarter_million_elements(void **state)
{
	veikart_diagnostics *diags = NULL;
	char *doc = repeat(HEAD "<roles>", "<role id=\"r\"/>\n", 250000, "</roles></methodology>");

	(void)state;
	assert_int_equal(load(doc, strlen(doc), &diags), VEIKART_ELIMIT);
	/* Element 200 001 is the 199 999th role, on line 199 999. */
	expect_first(diags, 199999, "more than 200000 elements");
	veikart_diagnostics_free(diags);
	free(doc);
}

static void test_a_hundred_megabyte_file_is_not_read(void **state)
{
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;
	char *path = test_write_temp("huge.xml", HEAD, strlen(HEAD));
	int fd = open(path, O_WRONLY);

	(void)state;
	/* Sparse: the test costs no disk, and the loader must refuse it from
	 * its size alone. */
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 100L << 20), 0);
	close(fd);
	assert_int_equal(veikart_method_load_file(&m, path, NULL, &diags), VEIKART_ELIMIT);
	assert_null(m);
	assert_true(test_contains(veikart_diagnostics_get(diags, 0)->message, "104857600 bytes"));
	assert_true(test_contains(veikart_diagnostics_get(diags, 0)->message, "max_input_bytes"));
	veikart_diagnostics_free(diags);
	unlink(path);
	free(path);
}

static void test_a_long_single_line_keeps_exact_columns(void **state)
{
	veikart_diagnostics *diags = NULL;
	char *doc = repeat(HEAD "<title xml:lang=\"en\">", "x", 300000,
	                   "</title><bogus/></methodology>");
	size_t col = strlen(HEAD "<title xml:lang=\"en\">") + 300000 + strlen("</title>") + 1;

	(void)state;
	assert_int_equal(load(doc, strlen(doc), &diags), VEIKART_EFORMAT);
	expect_first(diags, 1, "bogus");
	assert_int_equal(veikart_diagnostics_get(diags, 0)->column, col);
	veikart_diagnostics_free(diags);
	free(doc);
}

/* The library must never print: run bad loads with stderr captured. */
static void test_nothing_is_printed(void **state)
{
	static const char *const docs[] = {
		"<methodology",
		"<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"b\">]><m>&a;</m>",
		HEAD "<title>&undefined;</title></methodology>",
		HEAD "<phases><phase id=\"p\" kind=\"nope\"/></phases></methodology>",
		"<a xmlns=\"urn:veikart:methodology:1\"></b>",
		"\xef\xbb\xbf<?xml version=\"1.0\" standalone=\"maybe\"?><x/>",
	};
	char *path = test_write_temp("stderr.txt", "", 0);
	int saved = dup(2), fd = open(path, O_WRONLY | O_TRUNC);
	veikart_diagnostics *diags;
	size_t i, size;
	char *captured;

	(void)state;
	assert_true(saved >= 0 && fd >= 0);
	fflush(stderr);
	dup2(fd, 2);
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		diags = NULL;
		assert_true(load(docs[i], strlen(docs[i]), &diags) < 0);
		assert_true(veikart_diagnostics_error_count(diags) > 0);
		veikart_diagnostics_free(diags);
	}
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	captured = test_read_file(path, &size);
	if (size != 0)
		fail_msg("the library printed: %s", captured);
	free(captured);
	unlink(path);
	free(path);
}

/* Positions come from a line table built when first asked for; without
 * memory for it, by counting line feeds: the same line and column. */
static void test_positions_are_the_same_without_memory_for_the_line_table(void **state)
{
	static const char doc[] = "<a>\n  <b x='\xc3\xa5'/>\n\n\t<c>\xe2\x82\xac</c>\n</a>";
	test_counter none = { 0, 1, 0 }; /* fails the first allocation, and counts */
	veikart_allocator failing = test_counting_allocator(&none);
	veikart__xml with = { NULL, "doc.xml", (const unsigned char *)doc, sizeof(doc) - 1, NULL,
		              NULL, 0 };
	veikart__xml without = with;
	unsigned int l1, c1, l2, c2;
	size_t offset;

	(void)state;
	without.alloc = &failing;
	for (offset = 0; offset <= sizeof(doc); offset++) {
		none.fail_at = none.calls + 1; /* every attempt fails */
		veikart__xml_offset_where(&with, offset, &l1, &c1);
		veikart__xml_offset_where(&without, offset, &l2, &c2);
		assert_null(without.lines);
		assert_int_equal(l1, l2);
		assert_int_equal(c1, c2);
	}
	veikart__xml_offset_where(&with, 14, &l1, &c1);
	assert_int_equal(l1, 2); /* the quote after å: two bytes, one character */
	assert_int_equal(c1, 10);
	veikart__xml_dispose(&with);
	assert_int_equal(none.live, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_hundred_thousand_attributes),
		cmocka_unit_test(test_ten_thousand_levels_deep),
		cmocka_unit_test(test_a_quarter_million_elements),
		cmocka_unit_test(test_a_hundred_megabyte_file_is_not_read),
		cmocka_unit_test(test_a_long_single_line_keeps_exact_columns),
		cmocka_unit_test(test_nothing_is_printed),
		cmocka_unit_test(test_positions_are_the_same_without_memory_for_the_line_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
