/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The expression lexer: source text to tokens, with literal values parsed
 * as fact values of their type would be, and the error helpers shared
 * with the parser.
 */
#include <stdio.h>
#include <string.h>

#include "expr_lex.h"

/* Source text quoted in a message is cut to this many bytes. */
#define QUOTE_MAX 48

typedef struct lexer {
	const char *src;
	size_t len;
	veikart__arena *arena;
	const veikart_allocator *alloc;
	veikart__expr_error *err;
	veikart__token *toks;
	size_t ntoks, cap_toks;
} lexer;

const char *const veikart__cmp_words[6] = { "eq", "ne", "lt", "le", "gt", "ge" };

static const struct keyword {
	const char *word;
	uint8_t kind;
	uint8_t cmp;
} keywords[] = {
	{ "and", T_AND, 0 },
	{ "or", T_OR, 0 },
	{ "not", T_NOT, 0 },
	{ "in", T_IN, 0 },
	{ "true", T_TRUE, 0 },
	{ "false", T_FALSE, 0 },
	{ "eq", T_CMP, VEIKART__CMP_EQ },
	{ "ne", T_CMP, VEIKART__CMP_NE },
	{ "lt", T_CMP, VEIKART__CMP_LT },
	{ "le", T_CMP, VEIKART__CMP_LE },
	{ "gt", T_CMP, VEIKART__CMP_GT },
	{ "ge", T_CMP, VEIKART__CMP_GE },
};

unsigned int veikart__expr_column(const char *src, size_t offset)
{
	unsigned int column = 1;
	size_t i;

	for (i = 0; i < offset; i++)
		if (((unsigned char)src[i] & 0xC0) != 0x80)
			column++;
	return column;
}

int veikart__expr_clip(const char *src, size_t off, size_t len)
{
	if (len > QUOTE_MAX) {
		len = QUOTE_MAX;
		while (len > 0 && ((unsigned char)src[off + len] & 0xC0) == 0x80)
			len--;
	}
	return (int)len;
}

int veikart__expr_fail(veikart__expr_error *err, int code, size_t offset, const char *fmt, ...)
{
	va_list ap;

	if (err->code != 0)
		return err->code;
	err->code = code;
	err->offset = offset;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return code;
}

#define fail(p, code, offset, ...) veikart__expr_fail((p)->err, code, offset, __VA_ARGS__)
#define clip veikart__expr_clip

static int fail_nomem(lexer *p)
{
	return fail(p, VEIKART_ENOMEM, 0, "out of memory");
}

int veikart__expr_is_reserved(const char *s, size_t len)
{
	char lower[8];
	size_t i;

	if (len >= sizeof(lower))
		return 0;
	for (i = 0; i < len; i++)
		lower[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	for (i = 0; i < VEIKART__ARRAY_SIZE(keywords); i++)
		if (strlen(keywords[i].word) == len && memcmp(keywords[i].word, lower, len) == 0)
			return 1;
	return 0;
}

static int is_keyword_in_capitals(const char *s, size_t len)
{
	char lower[8];
	size_t i;

	if (len >= sizeof(lower))
		return 0;
	for (i = 0; i < len; i++)
		lower[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	for (i = 0; i < VEIKART__ARRAY_SIZE(keywords); i++)
		if (strlen(keywords[i].word) == len && memcmp(keywords[i].word, lower, len) == 0 &&
		    memcmp(keywords[i].word, s, len) != 0)
			return 1;
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int push_token(lexer *p, const veikart__token *t)
{
	void *toks = p->toks;

	if (veikart__grow(p->alloc, &toks, &p->cap_toks, p->ntoks + 1, sizeof(*p->toks)) < 0)
		return fail_nomem(p);
	p->toks = toks;
	p->toks[p->ntoks++] = *t;
	return 0;
}

static size_t scan_digits(const char *s, size_t i, size_t len)
{
	while (i < len && is_digit(s[i]))
		i++;
	return i;
}

static void lex_word(lexer *p, veikart__token *t, size_t end)
{
	size_t i;

	t->kind = T_IDENT;
	t->len = (uint32_t)(end - t->off);
	for (i = 0; i < VEIKART__ARRAY_SIZE(keywords); i++) {
		if (strlen(keywords[i].word) == t->len &&
		    memcmp(keywords[i].word, p->src + t->off, t->len) == 0) {
			t->kind = keywords[i].kind;
			t->cmp = keywords[i].cmp;
			return;
		}
	}
	if (is_keyword_in_capitals(p->src + t->off, t->len))
		t->flags |= VEIKART__TOKEN_SHOUTED;
}

/* A literal's value, parsed as a fact value of that type would be. */
static int lex_value(lexer *p, veikart__token *t, veikart_type type, size_t from, size_t to,
                     const char *what)
{
	char why[160];

	if (veikart__value_parse(&t->v, type, NULL, p->src + from, to - from, p->arena, why,
	                         sizeof(why)) == 0)
		return 0;
	return fail(p, VEIKART_EFORMAT, t->off, "`%.*s` is not %s: %s",
	            clip(p->src, t->off, to - t->off), p->src + t->off, what, why);
}

/* Bytes in the character at s[i]. */
static size_t char_len(const char *s, size_t i, size_t len)
{
	size_t n = 1;

	while (i + n < len && ((unsigned char)s[i + n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* What may not follow a literal directly: `48h`, `1.`, `2026-01-01T`. */
static int check_after_literal(lexer *p, const veikart__token *t, size_t i)
{
	const char *s = p->src;
	size_t j = i;

	if (i >= p->len || !(veikart__is_ident_char(s[i]) || s[i] == '.'))
		return 0;
	while (j < p->len && veikart__is_ident_char(s[j]))
		j++;
	if (j == i)
		j = i + 1;
	if (t->kind == T_DATE)
		return fail(p, VEIKART_EFORMAT, t->off, "`%.*s` is not a date: write YYYY-MM-DD",
		            clip(s, t->off, j - t->off), s + t->off);
	if (s[i] == '.')
		return fail(p, VEIKART_EFORMAT, t->off,
		            "`%.*s` is not a number: write decimals as `1.5`",
		            clip(s, t->off, j - t->off), s + t->off);
	return fail(p, VEIKART_EFORMAT, t->off,
	            "`%.*s` is not a number: write durations as `90d` (days) or `12w` (weeks), "
	            "percentages as `80%%`",
	            clip(s, t->off, j - t->off), s + t->off);
}

/*
 * Numbers: 12, 12.5, 1.5e3, 80% (= 0.8), 90d, 12w (= 84d) and dates
 * 2026-11-23.  Digits joined by dashes without spaces are taken as a
 * date, so that 2026-1-5 is an error rather than the number 2020.
 */
static int lex_number(lexer *p, veikart__token *t, size_t *pos)
{
	const char *s = p->src;
	size_t len = p->len, i = scan_digits(s, t->off, len), j;
	int fraction = 0;
	int err;

	if (i + 1 < len && s[i] == '-' && is_digit(s[i + 1])) {
		j = scan_digits(s, i + 1, len);
		if (j + 1 < len && s[j] == '-' && is_digit(s[j + 1])) {
			i = scan_digits(s, j + 1, len);
			t->kind = T_DATE;
			err = lex_value(p, t, VEIKART_TYPE_DATE, t->off, i, "a date");
			goto out;
		}
	}
	if (i + 1 < len && s[i] == '.' && is_digit(s[i + 1])) {
		i = scan_digits(s, i + 1, len);
		fraction = 1;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		j = i + 1;
		if (j < len && (s[j] == '+' || s[j] == '-'))
			j++;
		if (j < len && is_digit(s[j])) {
			i = scan_digits(s, j, len);
			fraction = 1;
		}
	}
	t->kind = fraction ? T_NUMBER : T_INT;
	if (i < len && (s[i] == 'd' || s[i] == 'w') &&
	    (i + 1 == len || !veikart__is_ident_char(s[i + 1]))) {
		if (fraction)
			return fail(p, VEIKART_EFORMAT, t->off,
			            "`%.*s`: a duration is a whole number of days or weeks",
			            clip(s, t->off, i + 1 - t->off), s + t->off);
		t->kind = T_DURATION;
		i++;
		err = lex_value(p, t, VEIKART_TYPE_DURATION, t->off, i, "a duration");
	} else if (i < len && s[i] == '%') {
		t->kind = T_NUMBER;
		err = lex_value(p, t, VEIKART_TYPE_NUMBER, t->off, i, "a percentage");
		t->v.u.n /= 100;
		i++;
	} else if (fraction) {
		err = lex_value(p, t, VEIKART_TYPE_NUMBER, t->off, i, "a number");
	} else {
		err = lex_value(p, t, VEIKART_TYPE_INTEGER, t->off, i, "an integer");
	}
out:
	if (err == 0)
		err = check_after_literal(p, t, i);
	t->len = (uint32_t)(i - t->off);
	*pos = i;
	return err;
}

/* '...' or "..." with \\, \' and \" as the only escapes. */
static int lex_string(lexer *p, veikart__token *t, size_t *pos)
{
	const char *s = p->src;
	char quote = s[t->off], *text;
	size_t i, n = 0, k;

	/* Measure first, so the arena holds exactly the unescaped text. */
	for (i = t->off + 1; i < p->len && s[i] != quote; i++, n++) {
		if (s[i] != '\\')
			continue;
		if (i + 1 < p->len && (s[i + 1] == '\\' || s[i + 1] == '\'' || s[i + 1] == '"')) {
			i++;
			continue;
		}
		return fail(p, VEIKART_EFORMAT, i,
		            "unknown escape `\\%.*s` in a string: only \\\\, \\' and \\\" may "
		            "follow a backslash",
		            i + 1 < p->len ? (int)char_len(s, i + 1, p->len) : 0, s + i + 1);
	}
	if (i >= p->len)
		return fail(p, VEIKART_EFORMAT, t->off,
		            "unterminated string: `%.*s` has no closing %c",
		            (int)(i - t->off > 16 ? 16 : i - t->off), s + t->off, quote);
	text = veikart__arena_alloc(p->arena, n + 1);
	if (text == NULL)
		return fail_nomem(p);
	for (k = t->off + 1, n = 0; k < i; k++) {
		if (s[k] == '\\')
			k++;
		text[n++] = s[k];
	}
	t->kind = T_STRING;
	t->len = (uint32_t)(i + 1 - t->off);
	t->v.type = VEIKART_TYPE_TEXT;
	t->v.u.text.ptr = text;
	t->v.u.text.len = (uint32_t)n;
	*pos = i + 1;
	return 0;
}

static int lex_symbol(lexer *p, veikart__token *t, size_t *pos)
{
	const char *s = p->src;
	size_t i = t->off;
	char c = s[i], c2 = i + 1 < p->len ? s[i + 1] : '\0';
	int two = 0;

	switch (c) {
	case '(':
		t->kind = T_LPAREN;
		break;
	case ')':
		t->kind = T_RPAREN;
		break;
	case ',':
		t->kind = T_COMMA;
		break;
	case '+':
		t->kind = T_PLUS;
		break;
	case '-':
		t->kind = T_MINUS;
		break;
	case '*':
		t->kind = T_STAR;
		break;
	case '/':
		t->kind = T_SLASH;
		break;
	case '=':
		t->kind = T_CMP;
		t->cmp = VEIKART__CMP_EQ;
		two = c2 == '=';
		break;
	case '!':
		if (c2 != '=')
			return fail(p, VEIKART_EFORMAT, i,
			            "unexpected `!`: write `not` to negate, `!=` or `ne` for not "
			            "equal");
		t->kind = T_CMP;
		t->cmp = VEIKART__CMP_NE;
		two = 1;
		break;
	case '<':
		t->kind = T_CMP;
		t->cmp = c2 == '='   ? VEIKART__CMP_LE
		         : c2 == '>' ? VEIKART__CMP_NE
		                     : VEIKART__CMP_LT;
		two = c2 == '=' || c2 == '>';
		break;
	case '>':
		t->kind = T_CMP;
		t->cmp = c2 == '=' ? VEIKART__CMP_GE : VEIKART__CMP_GT;
		two = c2 == '=';
		break;
	case '&':
		return fail(p, VEIKART_EFORMAT, i, "unexpected `&`: write `and`");
	case '|':
		return fail(p, VEIKART_EFORMAT, i, "unexpected `|`: write `or`");
	case '\0':
		return fail(p, VEIKART_EFORMAT, i, "unexpected NUL byte");
	default:
		if ((unsigned char)c < 0x20 || c == 0x7F)
			return fail(p, VEIKART_EFORMAT, i, "unexpected control character 0x%02X",
			            (unsigned int)(unsigned char)c);
		return fail(p, VEIKART_EFORMAT, i, "unexpected character `%.*s`",
		            (int)char_len(s, i, p->len), s + i);
	}
	t->len = two ? 2 : 1;
	*pos = i + t->len;
	return 0;
}

static int lex_all(lexer *p)
{
	const char *s = p->src;
	size_t i = 0;
	veikart__token t;
	int err = 0;

	while (err == 0) {
		while (i < p->len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		memset(&t, 0, sizeof(t));
		t.off = (uint32_t)i;
		if (i == p->len) {
			err = push_token(p, &t); /* T_END */
			break;
		}
		if (veikart__is_ident_start(s[i])) {
			size_t end = i;

			while (end < p->len && veikart__is_ident_char(s[end]))
				end++;
			lex_word(p, &t, end);
			i = end;
		} else if (is_digit(s[i])) {
			err = lex_number(p, &t, &i);
		} else if (s[i] == '\'' || s[i] == '"') {
			err = lex_string(p, &t, &i);
		} else {
			err = lex_symbol(p, &t, &i);
		}
		if (err == 0)
			err = push_token(p, &t);
	}
	return err;
}

int veikart__expr_lex(veikart__token **out, size_t *count, const char *src, size_t len,
                      veikart__arena *arena, const veikart_allocator *alloc,
                      veikart__expr_error *err)
{
	lexer lx;
	int rc;

	memset(&lx, 0, sizeof(lx));
	lx.src = src;
	lx.len = len;
	lx.arena = arena;
	lx.alloc = alloc;
	lx.err = err;
	rc = lex_all(&lx);
	*out = lx.toks;
	*count = lx.ntoks;
	return rc;
}
