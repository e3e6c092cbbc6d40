/*
 * Reading tests/expr/cases.tsv, the expression conformance table (its
 * header comment describes the format).  Header-only so that both
 * test_expr.c (internal API) and test_expr_cases.c (public API) use it.
 */
#ifndef VEIKART_TEST_EXPR_CORPUS_H
#define VEIKART_TEST_EXPR_CORPUS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "value.h"

#define CORPUS_MAX_FACTS 32

typedef struct corpus_case {
	int line;
	char *expr; /* with ${N*TEXT} expanded; malloc'd */
	const char *facts;
	const char *type;
	const char *expect;
	const char *reason; /* "" when not checked */
} corpus_case;

typedef struct corpus_fact {
	char id[64];
	char value[512];
} corpus_fact;

typedef struct corpus_facts {
	corpus_fact items[CORPUS_MAX_FACTS];
	int count;
	int64_t now, entered; /* VEIKART_TIME_UNKNOWN when not given */
} corpus_facts;

typedef struct corpus {
	char *data;
	char *cursor;
	int line;
} corpus;

static inline void corpus_open(corpus *c)
{
	c->data = test_read_file(test_path("tests/expr/cases.tsv"), NULL);
	c->cursor = c->data;
	c->line = 0;
}

static inline void corpus_close(corpus *c)
{
	free(c->data);
	c->data = NULL;
}

/* Expand ${N*TEXT} (TEXT repeated N times; TEXT has no `}`). */
static inline char *corpus_expand(const char *s)
{
	size_t cap = strlen(s) + 1, len = 0, n, tlen, k;
	char *out = malloc(cap), *end;
	const char *close;

	assert_non_null(out);
	while (*s != '\0') {
		n = 0;
		end = NULL;
		close = NULL;
		if (s[0] == '$' && s[1] == '{') {
			n = strtoul(s + 2, &end, 10);
			close = strchr(s, '}');
		}
		if (n > 0 && *end == '*' && close != NULL && close > end) {
			tlen = (size_t)(close - end - 1);
			cap += n * tlen;
			out = realloc(out, cap);
			assert_non_null(out);
			for (k = 0; k < n; k++, len += tlen)
				memcpy(out + len, end + 1, tlen);
			s = close + 1;
			continue;
		}
		out[len++] = *s++;
	}
	out[len] = '\0';
	return out;
}

/* The next case, or 0 at the end.  Comment and blank lines are skipped. */
static inline int corpus_next(corpus *c, corpus_case *out)
{
	char *fields[5], *line, *nl, *tab;
	int n;

	while (*c->cursor != '\0') {
		line = c->cursor;
		nl = strchr(line, '\n');
		if (nl != NULL) {
			*nl = '\0';
			c->cursor = nl + 1;
		} else {
			c->cursor = line + strlen(line);
		}
		c->line++;
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (n = 0; n < 5; n++)
			fields[n] = (char *)"";
		for (n = 0; n < 5 && line != NULL; n++) {
			fields[n] = line;
			tab = strchr(line, '\t');
			if (tab != NULL)
				*tab = '\0';
			line = tab != NULL ? tab + 1 : NULL;
		}
		if (n < 4)
			fail_msg("cases.tsv:%d: expected at least 4 tab-separated fields", c->line);
		out->line = c->line;
		out->expr = corpus_expand(fields[0]);
		out->facts = fields[1];
		out->type = fields[2];
		out->expect = fields[3];
		out->reason = fields[4];
		return 1;
	}
	return 0;
}

/* YYYY-MM-DDTHH:MM:SSZ as seconds since the epoch. */
static inline int64_t corpus_time(const char *s, int line)
{
	int32_t days;
	int h, m, sec;

	if (strlen(s) != 20 || veikart__date_parse(&days, s, 10) < 0 || s[10] != 'T' ||
	    s[19] != 'Z' || sscanf(s + 11, "%2d:%2d:%2d", &h, &m, &sec) != 3)
		fail_msg("cases.tsv:%d: bad time `%s`", line, s);
	return (int64_t)days * 86400 + h * 3600 + m * 60 + sec;
}

static inline void corpus_trim(char *s)
{
	size_t len = strlen(s), start = 0;

	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
	while (s[start] == ' ')
		start++;
	memmove(s, s + start, len - start + 1);
}

/* Split `id=value; id=value; @now=TIME; @entered=TIME` (`\;` is a `;`). */
static inline void corpus_parse_facts(const char *text, int line, corpus_facts *out)
{
	char item[600];
	size_t n;
	char *eq;

	memset(out, 0, sizeof(*out));
	out->now = INT64_MIN;
	out->entered = INT64_MIN;
	if (strcmp(text, "-") == 0)
		return;
	while (*text != '\0') {
		for (n = 0; *text != '\0' && *text != ';' && n + 1 < sizeof(item); text++) {
			if (text[0] == '\\' && (text[1] == ';' || text[1] == '\\'))
				text++;
			item[n++] = *text;
		}
		item[n] = '\0';
		if (*text == ';')
			text++;
		corpus_trim(item);
		if (item[0] == '\0')
			continue;
		eq = strchr(item, '=');
		if (eq == NULL)
			fail_msg("cases.tsv:%d: fact `%s` has no `=`", line, item);
		*eq = '\0';
		corpus_trim(item);
		corpus_trim(eq + 1);
		if (strcmp(item, "@now") == 0) {
			out->now = corpus_time(eq + 1, line);
		} else if (strcmp(item, "@entered") == 0) {
			out->entered = corpus_time(eq + 1, line);
		} else {
			if (out->count == CORPUS_MAX_FACTS)
				fail_msg("cases.tsv:%d: too many facts", line);
			if (strlen(item) >= sizeof(out->items[0].id) ||
			    strlen(eq + 1) >= sizeof(out->items[0].value))
				fail_msg("cases.tsv:%d: fact `%s` too long", line, item);
			memcpy(out->items[out->count].id, item, strlen(item) + 1);
			memcpy(out->items[out->count].value, eq + 1, strlen(eq + 1) + 1);
			out->count++;
		}
	}
}

/* error@COL and limit@COL: the column, else 0. */
static inline unsigned int corpus_error_column(const char *expect, const char *kind)
{
	size_t n = strlen(kind);

	if (strncmp(expect, kind, n) != 0 || expect[n] != '@')
		return 0;
	return (unsigned int)strtoul(expect + n + 1, NULL, 10);
}

#endif
