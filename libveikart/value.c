/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Typed values: parsing a fact value written as text (what
 * veikart_facts_set() accepts), and writing a value back as text.  Dates
 * are the calendar's (calendar.c).
 */
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_impl.h"
#include "value.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

size_t veikart__utf8_check(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k;
	uint32_t cp, min;

	uint64_t word;

	while (i < len) {
		/* Records are mostly ASCII: eight bytes at a time while no byte has
		 * its top bit set. */
		while (len - i >= 8) {
			memcpy(&word, p + i, 8);
			if ((word & UINT64_C(0x8080808080808080)) != 0)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xE0) == 0xC0) {
			n = 2, cp = p[i] & 0x1Fu, min = 0x80;
		} else if ((p[i] & 0xF0) == 0xE0) {
			n = 3, cp = p[i] & 0x0Fu, min = 0x800;
		} else if ((p[i] & 0xF8) == 0xF0) {
			n = 4, cp = p[i] & 0x07u, min = 0x10000;
		} else {
			return i;
		}
		if (len - i < n)
			return i;
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (p[i + k] & 0x3Fu);
		}
		/* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return len;
}

/* A sentence for `why`, truncated to fit. */
static void say(char *why, size_t size, const char *fmt, ...) VEIKART__PRINTF(3, 4);
static void say(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL || size == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
}

/* [-+]?digits[.digits][(e|E)[-+]?digits], the only number syntax accepted. */
static int decimal_shaped(const char *s, size_t len)
{
	size_t i = 0, start;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	start = i;
	while (i < len && is_digit(s[i]))
		i++;
	if (i == start)
		return 0;
	if (i < len && s[i] == '.') {
		start = ++i;
		while (i < len && is_digit(s[i]))
			i++;
		if (i == start)
			return 0;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		start = i;
		while (i < len && is_digit(s[i]))
			i++;
		if (i == start)
			return 0;
	}
	return i == len;
}

/* strtod() on a decimal_shaped() slice, whatever LC_NUMERIC says. */
/*
 * A decimal of at most 15 digits and no exponent ("12", "-0.55", "1234.5"),
 * the form numbers are written in, read without strtod: its digits as an
 * integer are exact in a double (under 2^53), so are the powers of ten up
 * to 10^15, and one IEEE division of two exact values is correctly rounded,
 * as strtod is.  0 when it is not of that form.
 */
static int parse_short_decimal(double *out, const char *s, size_t len)
{
	static const double powers[] = { 1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
		                         1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	size_t i = 0, digits = 0, decimals = 0;
	uint64_t m = 0;
	int neg = 0, point = 0;

	if (i < len && s[i] == '-') {
		neg = 1;
		i++;
	}
	for (; i < len; i++) {
		if (s[i] == '.' && !point && digits > 0) {
			point = 1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || ++digits > 15)
			return 0;
		m = m * 10 + (uint64_t)(s[i] - '0');
		decimals += (size_t)point;
	}
	if (digits == 0 || (point && decimals == 0))
		return 0;
	*out = m == 0 ? 0.0 : (neg ? -1.0 : 1.0) * ((double)m / powers[decimals]);
	return 1;
}

static int parse_double(double *out, const char *s, size_t len)
{
	char tmp[512];
	const char *point = localeconv()->decimal_point;
	size_t plen = point != NULL && point[0] != '\0' ? strlen(point) : 1;
	size_t i, j = 0;
	char *end;

	if (parse_short_decimal(out, s, len))
		return 0;
	for (i = 0; i < len; i++) {
		if (j + plen + 1 >= sizeof(tmp))
			return -1;
		if (s[i] == '.' && point != NULL && point[0] != '\0') {
			memcpy(tmp + j, point, plen);
			j += plen;
		} else {
			tmp[j++] = s[i];
		}
	}
	tmp[j] = '\0';
	*out = strtod(tmp, &end);
	if (*end != '\0')
		return -1;
	if (*out == 0)
		*out = 0; /* no negative zero in values */
	return 0;
}

int veikart__parse_number(double *out, const char *s, size_t len)
{
	if (!decimal_shaped(s, len))
		return -1;
	return parse_double(out, s, len);
}

size_t veikart__format_number(char *out, size_t size, int precision, char conversion, double n)
{
	const char *point = localeconv()->decimal_point;
	size_t plen = point != NULL ? strlen(point) : 0, len;
	char *at;
	int w;

	if (conversion == 'f')
		w = snprintf(out, size, "%.*f", precision, n);
	else
		w = snprintf(out, size, "%.*g", precision, n);
	if (w < 0 || size == 0) {
		if (size > 0)
			out[0] = '\0';
		return 0;
	}
	len = (size_t)w < size ? (size_t)w : size - 1;
	if (plen == 0 || (plen == 1 && point[0] == '.'))
		return len;
	at = strstr(out, point);
	if (at != NULL) {
		*at = '.';
		memmove(at + 1, at + plen, len - (size_t)(at - out) - plen + 1);
		len -= plen - 1;
	}
	return len;
}

/* 0, -1 for bad syntax, -2 for out of range. */
static int parse_int64(int64_t *out, const char *s, size_t len)
{
	uint64_t v = 0, limit = (uint64_t)INT64_MAX;
	size_t i = 0;
	int neg = 0;
	unsigned int digit;

	if (i < len && (s[i] == '-' || s[i] == '+')) {
		neg = s[i] == '-';
		i++;
	}
	if (i == len)
		return -1;
	if (neg)
		limit++;
	for (; i < len; i++) {
		if (!is_digit(s[i]))
			return -1;
		digit = (unsigned int)(s[i] - '0');
		if (v > (limit - digit) / 10)
			return -2;
		v = v * 10 + digit;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	if (neg && v == limit)
		*out = INT64_MIN;
	return 0;
}

static int parse_bool(veikart__value *out, const char *s, size_t len, char *why, size_t size)
{
	char word[6];
	size_t i;

	if (len < sizeof(word)) {
		for (i = 0; i < len; i++)
			word[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
		word[len] = '\0';
		if (strcmp(word, "true") == 0 || strcmp(word, "yes") == 0 ||
		    strcmp(word, "false") == 0 || strcmp(word, "no") == 0) {
			out->u.b = word[0] == 't' || word[0] == 'y';
			return 0;
		}
	}
	say(why, size, "a yes/no value is written true, false, yes or no");
	return VEIKART_ETYPE;
}

static int parse_integer(veikart__value *out, const char *s, size_t len, char *why, size_t size)
{
	int err = parse_int64(&out->u.i, s, len);

	if (err == -2)
		say(why, size, "an integer must be between %" PRId64 " and %" PRId64, INT64_MIN,
		    INT64_MAX);
	else if (err < 0)
		say(why, size, "an integer is a whole number such as 42 or -7");
	return err < 0 ? VEIKART_ETYPE : 0;
}

static int parse_number(veikart__value *out, const char *s, size_t len, char *why, size_t size)
{
	if (!decimal_shaped(s, len) || parse_double(&out->u.n, s, len) < 0) {
		say(why, size, "a number is written like 3.5, -12 or 1.5e6");
		return VEIKART_ETYPE;
	}
	if (!isfinite(out->u.n)) {
		say(why, size, "the number is too large");
		return VEIKART_ETYPE;
	}
	return 0;
}

static int parse_ratio(veikart__value *out, const char *s, size_t len, char *why, size_t size)
{
	int percent = len > 0 && s[len - 1] == '%';

	if (percent)
		len--;
	if (!decimal_shaped(s, len) || parse_double(&out->u.n, s, len) < 0) {
		say(why, size, "a ratio is written like 0.8 or 80%%");
		return VEIKART_ETYPE;
	}
	if (percent)
		out->u.n /= 100;
	if (!(out->u.n >= 0 && out->u.n <= 1)) {
		say(why, size, "a ratio is between 0 and 1 (or 0%% and 100%%)");
		return VEIKART_ETYPE;
	}
	return 0;
}

static int parse_date(veikart__value *out, const char *s, size_t len, char *why, size_t size)
{
	if (veikart__date_parse(&out->u.days, s, len) == 0)
		return 0;
	if (veikart__date_shaped(s, len))
		say(why, size, "there is no such day in the calendar");
	else
		say(why, size, "a date is written YYYY-MM-DD, such as 2026-11-23");
	return VEIKART_ETYPE;
}

static int parse_duration(veikart__value *out, const char *s, size_t len, char *why, size_t size)
{
	int64_t n = 0;
	int64_t per = len > 0 && s[len - 1] == 'w' ? 7 : 1;
	int err = -1;

	if (len >= 2 && (s[len - 1] == 'd' || s[len - 1] == 'w'))
		err = parse_int64(&n, s, len - 1);
	if (err == -1) {
		say(why, size, "a duration is a whole number of days or weeks, such as 90d or 12w");
		return VEIKART_ETYPE;
	}
	if (err < 0 || n > INT32_MAX / per || n < INT32_MIN / per) {
		say(why, size, "the duration is too long");
		return VEIKART_ETYPE;
	}
	out->u.days = (int32_t)(n * per);
	return 0;
}

/* Where a code list is written into a fixed buffer. */
typedef struct fixed {
	char *p;
	size_t size, len;
} fixed;

static void fixed_put(fixed *f, const char *s)
{
	size_t n = strlen(s);

	if (f->size == 0 || f->len + 1 >= f->size)
		return;
	if (n > f->size - f->len - 1)
		n = f->size - f->len - 1;
	memcpy(f->p + f->len, s, n);
	f->len += n;
	f->p[f->len] = '\0';
}

static int parse_scale(veikart__value *out, const veikart__scale_info *scale, const char *s,
                       size_t len, char *why, size_t size)
{
	fixed f = { why, size, 0 };
	uint32_t i;

	for (i = 0; scale != NULL && i < scale->nlevels; i++) {
		if (strlen(scale->levels[i]) == len && memcmp(scale->levels[i], s, len) == 0) {
			out->u.level = (int32_t)i;
			return 0;
		}
	}
	for (i = 0; scale != NULL && i < scale->nspecials; i++) {
		if (strlen(scale->specials[i]) == len && memcmp(scale->specials[i], s, len) == 0) {
			out->u.level = -(int32_t)i - 1;
			return 0;
		}
	}
	if (why != NULL && size > 0)
		why[0] = '\0';
	fixed_put(&f, "a rating is a level of the fact's scale (levels:");
	for (i = 0; scale != NULL && i < scale->nlevels; i++) {
		fixed_put(&f, i ? ", " : " ");
		fixed_put(&f, scale->levels[i]);
	}
	if (scale != NULL && scale->nspecials > 0)
		fixed_put(&f, "; special:");
	for (i = 0; scale != NULL && i < scale->nspecials; i++) {
		fixed_put(&f, i ? ", " : " ");
		fixed_put(&f, scale->specials[i]);
	}
	fixed_put(&f, ")");
	return VEIKART_ETYPE;
}

static int has_control(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return 1;
	return 0;
}

static int only_spaces(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ')
			return 0;
	return 1;
}

static int is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

#define SHA_TAG " sha256:"
#define APPROVED_TAG " approved-by:"

/* URI[ sha256:HEX][ approved-by:PERSON]; the person is the rest of the text. */
static int parse_evidence(veikart__value *out, const char *s, size_t len, veikart__arena *arena,
                          char *why, size_t size)
{
	veikart__evidence *ev = NULL;
	const char *sha = NULL, *person = NULL;
	size_t uri_len = 0, person_len = 0, i;
	size_t sha_tag = strlen(SHA_TAG), approved_tag = strlen(APPROVED_TAG);
	int err = VEIKART_ETYPE;

	while (uri_len < len && s[uri_len] != ' ')
		uri_len++;
	if (uri_len == 0 || has_control(s, len))
		goto bad;
	i = uri_len;
	if (len - i >= sha_tag && memcmp(s + i, SHA_TAG, sha_tag) == 0) {
		i += sha_tag;
		sha = s + i;
		for (; i < len && s[i] != ' '; i++)
			if (!is_hex(s[i]))
				goto bad;
		if (s + i - sha != 64)
			goto bad;
	}
	if (i < len) {
		if (len - i < approved_tag || memcmp(s + i, APPROVED_TAG, approved_tag) != 0)
			goto bad;
		person = s + i + approved_tag;
		person_len = len - i - approved_tag;
		if (only_spaces(person, person_len))
			goto bad;
	}

	err = VEIKART_ENOMEM;
	ev = veikart__arena_alloc(arena, sizeof(*ev));
	if (ev == NULL)
		goto out;
	ev->uri = veikart__arena_strndup(arena, s, uri_len);
	if (ev->uri == NULL)
		goto out;
	if (sha != NULL) {
		char *lower = veikart__arena_strndup(arena, sha, 64);

		if (lower == NULL)
			goto out;
		for (i = 0; i < 64; i++)
			if (lower[i] >= 'A' && lower[i] <= 'F')
				lower[i] = (char)(lower[i] - 'A' + 'a');
		ev->sha256 = lower;
	}
	if (person != NULL) {
		ev->approved_by = veikart__arena_strndup(arena, person, person_len);
		if (ev->approved_by == NULL)
			goto out;
	}
	out->u.evidence = ev;
	err = 0;
	goto out;
bad:
	say(why, size,
	    "evidence is written as a URI, optionally followed by ` sha256:` and 64 hex "
	    "digits, then by ` approved-by:` and the approver's name");
out:
	return err;
}

static int parse_signoff(veikart__value *out, const char *s, size_t len, veikart__arena *arena,
                         char *why, size_t size)
{
	veikart__signoff *so;
	char *person;

	if (only_spaces(s, len) || has_control(s, len)) {
		say(why, size, "a sign-off is the name of the person who signed");
		return VEIKART_ETYPE;
	}
	so = veikart__arena_alloc(arena, sizeof(*so));
	if (so == NULL)
		return VEIKART_ENOMEM;
	person = veikart__arena_strndup(arena, s, len);
	if (person == NULL)
		return VEIKART_ENOMEM;
	so->person = person;
	out->u.signoff = so;
	return 0;
}

int veikart__value_parse(veikart__value *out, veikart_type type, const veikart__scale_info *scale,
                         const char *text, size_t len, veikart__arena *arena, char *why,
                         size_t why_size)
{
	veikart__value v;
	int err;

	memset(&v, 0, sizeof(v));
	if (veikart__utf8_check(text, len) != len) {
		say(why, why_size, "the value is not valid UTF-8");
		return VEIKART_ETYPE;
	}
	switch (type) {
	case VEIKART_TYPE_BOOL:
		err = parse_bool(&v, text, len, why, why_size);
		break;
	case VEIKART_TYPE_INTEGER:
		err = parse_integer(&v, text, len, why, why_size);
		break;
	case VEIKART_TYPE_NUMBER:
		err = parse_number(&v, text, len, why, why_size);
		break;
	case VEIKART_TYPE_RATIO:
		err = parse_ratio(&v, text, len, why, why_size);
		break;
	case VEIKART_TYPE_TEXT:
		err = 0;
		if (len > UINT32_MAX) {
			say(why, why_size, "the text is too long");
			err = VEIKART_ETYPE;
			break;
		}
		v.u.text.ptr = veikart__arena_strndup(arena, text, len);
		v.u.text.len = (uint32_t)len;
		if (v.u.text.ptr == NULL)
			err = VEIKART_ENOMEM;
		break;
	case VEIKART_TYPE_DATE:
		err = parse_date(&v, text, len, why, why_size);
		break;
	case VEIKART_TYPE_SCALE:
		err = parse_scale(&v, scale, text, len, why, why_size);
		break;
	case VEIKART_TYPE_EVIDENCE:
		err = parse_evidence(&v, text, len, arena, why, why_size);
		break;
	case VEIKART_TYPE_SIGNOFF:
		err = parse_signoff(&v, text, len, arena, why, why_size);
		break;
	case VEIKART_TYPE_DURATION:
		err = parse_duration(&v, text, len, why, why_size);
		break;
	default:
		say(why, why_size, "values of this type cannot be written as text");
		err = VEIKART_ETYPE;
		break;
	}
	if (err == 0) {
		v.type = (uint8_t)type;
		*out = v;
	}
	return err;
}

/* Write k / 10^d (0 <= d <= 6) in decimal, with d digits after the point
 * when d > 0, into @p out (at least 28 bytes); return the length. */
static size_t put_scaled(char *out, int64_t k, int d)
{
	char digits[24];
	uint64_t v = k < 0 ? (uint64_t)0 - (uint64_t)k : (uint64_t)k;
	size_t n = 0, len = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n <= (size_t)d)
		digits[n++] = '0'; /* 0.05: a zero before the point, and after it */
	if (k < 0)
		out[len++] = '-';
	while (n > 0) {
		if (n == (size_t)d)
			out[len++] = '.';
		out[len++] = digits[--n];
	}
	out[len] = '\0';
	return len;
}

/* The common case of format_double() without printf and strtod: @p n is a
 * decimal with at most 6 digits after the point and 15 in all, and not so
 * small or large that %g would write it with an exponent.  Then the
 * shortest text that reads back as @p n is that decimal, which is what
 * %.15g writes.  Returns 0 when @p n is not such a number. */
static size_t format_short_decimal(char out[40], double n)
{
	static const double scale[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };
	double a = fabs(n), m;
	int64_t k;
	int d;

	if (!(a >= 1e-4 && a < 1e15))
		return 0;
	for (d = 0; d <= 6; d++) {
		m = n * scale[d];
		if (fabs(m) >= 1e15)
			return 0;
		/* n * 10^d is a whole number k, and n is the double nearest
		 * k / 10^d (the division rounds correctly): n is that decimal. */
		if (m == floor(m) && m / scale[d] == n) {
			k = (int64_t)m;
			/* n * 10^d may round to a whole number at a larger d than
			 * the decimal needs (0.55 * 100 does not, 0.55 * 1000
			 * does): drop the zeros that leaves. */
			while (d > 0 && k % 10 == 0) {
				k /= 10;
				d--;
			}
			return put_scaled(out, k, d);
		}
	}
	return 0;
}

/* Shortest of %.15g, %.16g, %.17g that reads back as the same double, with
 * a '.' whatever the locale; as a literal it always looks like a number
 * (3.0, not 3, which would read back as an integer). */
static void format_double(char out[40], double n, int literal)
{
	double back;
	size_t len;
	int prec;

	if (n == 0)
		n = 0; /* -0 is written 0 */
	if (n != 0 && format_short_decimal(out, n) > 0)
		goto done;
	for (prec = 15; prec <= 17; prec++) {
		len = veikart__format_number(out, 40, prec, 'g', n);
		if (!isfinite(n) || (parse_double(&back, out, len) == 0 && back == n))
			break;
	}
done:
	if (literal && isfinite(n) && strpbrk(out, ".e") == NULL)
		strcat(out, ".0");
}

static void put_quoted(veikart__buf *buf, const char *s, size_t len)
{
	size_t i, start = 0;

	veikart__buf_putc(buf, '\'');
	for (i = 0; i < len; i++) {
		if (s[i] == '\\' || s[i] == '\'') {
			veikart__buf_put(buf, s + start, i - start);
			veikart__buf_putc(buf, '\\');
			start = i;
		}
	}
	veikart__buf_put(buf, s + start, len - start);
	veikart__buf_putc(buf, '\'');
}

static void put_maybe_quoted(veikart__buf *buf, const char *s, size_t len, int literal)
{
	if (literal)
		put_quoted(buf, s, len);
	else
		veikart__buf_put(buf, s, len);
}

static void put_evidence(veikart__buf *buf, const veikart__evidence *ev, int literal)
{
	veikart__buf tmp;

	veikart__buf_init(&tmp, buf->alloc);
	veikart__buf_puts(&tmp, ev->uri);
	if (ev->sha256 != NULL)
		veikart__buf_printf(&tmp, "%s%s", SHA_TAG, ev->sha256);
	if (ev->approved_by != NULL)
		veikart__buf_printf(&tmp, "%s%s", APPROVED_TAG, ev->approved_by);
	if (tmp.failed)
		buf->failed = 1;
	else
		put_maybe_quoted(buf, veikart__buf_cstr(&tmp), tmp.len, literal);
	veikart__buf_dispose(&tmp);
}

size_t veikart__value_format_short(char out[VEIKART__VALUE_SHORT_SIZE], const veikart__value *value,
                                   int literal)
{
	size_t len;

	switch (value->type) {
	case VEIKART_TYPE_BOOL:
		memcpy(out, value->u.b ? "true" : "false", value->u.b ? 5 : 6);
		return value->u.b ? 4 : 5;
	case VEIKART_TYPE_INTEGER:
		return put_scaled(out, value->u.i, 0);
	case VEIKART_TYPE_NUMBER:
	case VEIKART_TYPE_RATIO:
		format_double(out, value->u.n, literal);
		return strlen(out);
	case VEIKART_TYPE_DATE:
		veikart__date_format(out, value->u.days);
		return strlen(out);
	case VEIKART_TYPE_DURATION:
		len = put_scaled(out, value->u.days, 0);
		out[len++] = 'd';
		out[len] = '\0';
		return len;
	default:
		return 0;
	}
}

size_t veikart__score_text(char out[VEIKART__VALUE_SHORT_SIZE], double score)
{
	size_t len, i, digits = 0;

	/* Most scores are short decimals (1, 0.5, 0.75): written as they are
	 * when they have at most six significant digits, which is what %.6g
	 * writes for them.  -0 is written 0. */
	if (score == 0 || score == 1) {
		out[0] = score == 0 ? '0' : '1';
		out[1] = '\0';
		return 1;
	}
	len = score < 1e6 && score > -1e6 ? format_short_decimal(out, score) : 0;
	for (i = 0; i < len; i++)
		if (is_digit(out[i]) && (digits > 0 || out[i] != '0'))
			digits++;
	if (len > 0 && digits <= 6)
		return len;
	return veikart__format_number(out, VEIKART__VALUE_SHORT_SIZE, 6, 'g', score);
}

int veikart__value_format(veikart__buf *buf, const veikart__value *value,
                          const veikart__scale_info *scale, int literal)
{
	char tmp[VEIKART__VALUE_SHORT_SIZE];
	const char *code = NULL;
	size_t len;
	int32_t level;

	len = veikart__value_format_short(tmp, value, literal);
	if (len > 0) {
		veikart__buf_put(buf, tmp, len);
		return buf->failed ? VEIKART_ENOMEM : 0;
	}
	switch (value->type) {
	case VEIKART_TYPE_TEXT:
		put_maybe_quoted(buf, value->u.text.ptr, value->u.text.len, literal);
		break;
	case VEIKART_TYPE_SCALE:
		level = value->u.level;
		if (scale != NULL && level >= 0 && (uint32_t)level < scale->nlevels)
			code = scale->levels[level];
		else if (scale != NULL && level < 0 && (uint32_t)(-(level + 1)) < scale->nspecials)
			code = scale->specials[-(level + 1)];
		if (code != NULL)
			put_maybe_quoted(buf, code, strlen(code), literal);
		else
			veikart__buf_printf(buf, "#%" PRId32, level);
		break;
	case VEIKART_TYPE_EVIDENCE:
		put_evidence(buf, value->u.evidence, literal);
		break;
	case VEIKART_TYPE_SIGNOFF:
		put_maybe_quoted(buf, value->u.signoff->person, strlen(value->u.signoff->person),
		                 literal);
		break;
	default:
		veikart__buf_puts(buf, "unknown");
		break;
	}
	return buf->failed ? VEIKART_ENOMEM : 0;
}
