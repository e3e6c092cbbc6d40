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

#define CORPUS_MAX_FACTS 160
#define CORPUS_MAX_UNITS 64
#define CORPUS_NAME 64

typedef struct corpus_case {
	int line;
	char *expr; /* with ${N*TEXT} expanded; malloc'd */
	const char *facts;
	const char *type;
	const char *expect;
	const char *reason; /* "" when not checked */
} corpus_case;

typedef struct corpus_fact {
	char unit[CORPUS_NAME]; /* "" for a fact of the initiative */
	char id[CORPUS_NAME];
	char value[512];
} corpus_fact;

typedef struct corpus_unit {
	char id[CORPUS_NAME];
	char type[CORPUS_NAME];  /* "": none */
	char phase[CORPUS_NAME]; /* "": not started */
	int wave;                /* 0: none */
} corpus_unit;

typedef struct corpus_facts {
	corpus_fact items[CORPUS_MAX_FACTS];
	int count;
	corpus_unit units[CORPUS_MAX_UNITS];
	int nunits;
	int unit_context;        /* compile with VEIKART_SCOPE_UNIT */
	char at[CORPUS_NAME];    /* the unit at hand; "": none */
	char phase[CORPUS_NAME]; /* the initiative's phase; "": not known */
	int64_t now, entered;    /* VEIKART_TIME_UNKNOWN when not given */
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
	int32_t days = 0;
	int h = 0, m = 0, sec = 0;

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

static inline void corpus_copy(char *out, size_t size, const char *s, int line, const char *what)
{
	if (strlen(s) >= size)
		fail_msg("cases.tsv:%d: %s `%s` too long", line, what, s);
	memcpy(out, s, strlen(s) + 1);
}

/* `Site 1..30` stands for Site 1, Site 2, ... Site 30: the number of names,
 * and the k-th (from 0) in `out`.  A name without a range is one name. */
static inline int corpus_range(const char *name, int k, char *out, size_t size, int line)
{
	const char *dots = strstr(name, ".."), *start;
	long from, to;
	char *end;

	if (dots == NULL || dots == name || dots[-1] < '0' || dots[-1] > '9') {
		if (out != NULL)
			corpus_copy(out, size, name, line, "unit");
		return 1;
	}
	for (start = dots; start > name && start[-1] >= '0' && start[-1] <= '9'; start--)
		;
	from = strtol(start, NULL, 10);
	to = strtol(dots + 2, &end, 10);
	if (*end != '\0' || to < from || to - from >= CORPUS_MAX_UNITS)
		fail_msg("cases.tsv:%d: bad range `%s`", line, name);
	if (out != NULL) {
		if ((size_t)(start - name) + 24 >= size)
			fail_msg("cases.tsv:%d: unit `%s` too long", line, name);
		snprintf(out, size, "%.*s%ld", (int)(start - name), name, from + k);
	}
	return (int)(to - from + 1);
}

/* `@unit=ID, type=T, wave=N, phase=P`: all but the id may be left out. */
static inline void corpus_parse_unit(char *spec, int line, corpus_facts *out)
{
	corpus_unit u;
	char *part, *next, *eq;
	int n, k;

	memset(&u, 0, sizeof(u));
	next = strchr(spec, ',');
	if (next != NULL)
		*next++ = '\0';
	corpus_trim(spec);
	while (next != NULL) {
		part = next;
		next = strchr(part, ',');
		if (next != NULL)
			*next++ = '\0';
		eq = strchr(part, '=');
		if (eq == NULL)
			fail_msg("cases.tsv:%d: `%s` in a unit has no `=`", line, part);
		*eq = '\0';
		corpus_trim(part);
		corpus_trim(eq + 1);
		if (strcmp(part, "type") == 0)
			corpus_copy(u.type, sizeof(u.type), eq + 1, line, "type");
		else if (strcmp(part, "phase") == 0)
			corpus_copy(u.phase, sizeof(u.phase), eq + 1, line, "phase");
		else if (strcmp(part, "wave") == 0)
			u.wave = atoi(eq + 1);
		else
			fail_msg("cases.tsv:%d: unknown unit key `%s`", line, part);
	}
	n = corpus_range(spec, 0, NULL, 0, line);
	for (k = 0; k < n; k++) {
		if (out->nunits == CORPUS_MAX_UNITS)
			fail_msg("cases.tsv:%d: too many units", line);
		corpus_range(spec, k, u.id, sizeof(u.id), line);
		out->units[out->nunits++] = u;
	}
}

static inline void corpus_add_fact(corpus_facts *out, const char *unit, const char *id,
                                   const char *value, int line)
{
	corpus_fact *f;

	if (out->count == CORPUS_MAX_FACTS)
		fail_msg("cases.tsv:%d: too many facts", line);
	f = &out->items[out->count++];
	corpus_copy(f->unit, sizeof(f->unit), unit, line, "unit");
	corpus_copy(f->id, sizeof(f->id), id, line, "fact");
	corpus_copy(f->value, sizeof(f->value), value, line, "value");
}

/*
 * Split `id=value; UNIT.id=value; @unit=...; @at=UNIT; @context=unit;
 * @phase=P; @now=TIME; @entered=TIME` (`\;` is a `;`).
 */
static inline void corpus_parse_facts(const char *text, int line, corpus_facts *out)
{
	char item[600], name[CORPUS_NAME];
	size_t n;
	char *eq, *dot;
	int k, count;

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
		} else if (strcmp(item, "@phase") == 0) {
			corpus_copy(out->phase, sizeof(out->phase), eq + 1, line, "phase");
		} else if (strcmp(item, "@unit") == 0) {
			corpus_parse_unit(eq + 1, line, out);
		} else if (strcmp(item, "@at") == 0) {
			corpus_copy(out->at, sizeof(out->at), eq + 1, line, "unit");
			out->unit_context = 1;
		} else if (strcmp(item, "@context") == 0) {
			if (strcmp(eq + 1, "unit") != 0 && strcmp(eq + 1, "initiative") != 0)
				fail_msg("cases.tsv:%d: @context is unit or initiative", line);
			out->unit_context = strcmp(eq + 1, "unit") == 0;
		} else if (item[0] == '@') {
			fail_msg("cases.tsv:%d: unknown key `%s`", line, item);
		} else if ((dot = strrchr(item, '.')) != NULL) {
			*dot = '\0';
			count = corpus_range(item, 0, NULL, 0, line);
			for (k = 0; k < count; k++) {
				corpus_range(item, k, name, sizeof(name), line);
				corpus_add_fact(out, name, dot + 1, eq + 1, line);
			}
		} else {
			corpus_add_fact(out, "", item, eq + 1, line);
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
