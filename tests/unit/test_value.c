/*
 * Unit tests of typed values (value.h): the calendar, parsing fact values
 * written as text, and writing values back.
 */
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include "expr_impl.h"
#include "value.h"

static const char *const levels[] = { "simple", "complicated", "complex" };
static const char *const specials[] = { "unknown", "mixed" };
static const veikart__scale_info nasss = { "nasss", levels, 3, specials, 2 };

static void test_value_should_convert_civil_dates_both_ways(void **state)
{
	int32_t d, y;
	unsigned int m, day, pm = 0, pd = 0;

	(void)state;
	assert_int_equal(veikart__days_from_civil(1970, 1, 1), 0);
	assert_int_equal(veikart__days_from_civil(1969, 12, 31), -1);
	assert_int_equal(veikart__days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(veikart__days_from_civil(2026, 11, 23), 20780);
	assert_int_equal(veikart__days_from_civil(0, 1, 1), VEIKART__MIN_DATE);
	assert_int_equal(veikart__days_from_civil(9999, 12, 31), VEIKART__MAX_DATE);
	/* Every day of years 0 to 9999 (and a margin) reads back, one after another. */
	for (d = VEIKART__MIN_DATE - 400; d <= VEIKART__MAX_DATE + 400; d++) {
		veikart__civil_from_days(d, &y, &m, &day);
		assert_int_equal(veikart__days_from_civil(y, m, day), d);
		assert_true(m >= 1 && m <= 12 && day >= 1 && day <= 31);
		if (d > VEIKART__MIN_DATE - 400)
			assert_true((m == pm && day == pd + 1) ||
			            (day == 1 && (m == pm + 1 || m == 1)));
		pm = m;
		pd = day;
	}
	veikart__civil_from_days(INT32_MIN, &y, &m, &day);
	assert_int_equal(veikart__days_from_civil(y, m, day), INT32_MIN);
	veikart__civil_from_days(INT32_MAX, &y, &m, &day);
	assert_int_equal(veikart__days_from_civil(y, m, day), INT32_MAX);
}

static void test_value_should_parse_only_real_calendar_dates(void **state)
{
	static const struct {
		const char *text;
		int ok;
		int32_t days;
	} cases[] = {
		{ "1970-01-01", 1, 0 },       { "2024-02-29", 1, 19782 },
		{ "2000-02-29", 1, 11016 },   { "0000-01-01", 1, -719528 },
		{ "9999-12-31", 1, 2932896 }, { "2026-02-29", 0, 0 },
		{ "1900-02-29", 0, 0 },       { "2026-04-31", 0, 0 },
		{ "2026-13-01", 0, 0 },       { "2026-00-10", 0, 0 },
		{ "2026-01-00", 0, 0 },       { "2026-1-05", 0, 0 },
		{ "2026-01-05x", 0, 0 },      { "26-01-05", 0, 0 },
		{ "2026/01/05", 0, 0 },       { "", 0, 0 },
		{ "+026-01-05", 0, 0 },
	};
	int32_t days;
	size_t i;

	(void)state;
	for (i = 0; i < VEIKART__ARRAY_SIZE(cases); i++) {
		days = 12345;
		if ((veikart__date_parse(&days, cases[i].text, strlen(cases[i].text)) == 0) !=
		    cases[i].ok)
			fail_msg("`%s` should %sparse", cases[i].text, cases[i].ok ? "" : "not ");
		if (cases[i].ok)
			assert_int_equal(days, cases[i].days);
	}
	/* The length given counts, not a NUL. */
	assert_int_equal(veikart__date_parse(&days, "2026-11-23T10:00", 10), 0);
	assert_int_equal(days, 20780);
}

static void test_value_should_format_dates_and_clamp_the_year(void **state)
{
	char out[16];

	(void)state;
	veikart__date_format(out, 20780);
	assert_string_equal(out, "2026-11-23");
	veikart__date_format(out, -1);
	assert_string_equal(out, "1969-12-31");
	veikart__date_format(out, INT32_MIN);
	assert_string_equal(out, "0000-01-01");
	veikart__date_format(out, INT32_MAX);
	assert_string_equal(out, "9999-12-31");
}

static void test_value_should_floor_times_to_days(void **state)
{
	(void)state;
	assert_int_equal(veikart__days_from_time(0), 0);
	assert_int_equal(veikart__days_from_time(86399), 0);
	assert_int_equal(veikart__days_from_time(86400), 1);
	assert_int_equal(veikart__days_from_time(-1), -1);
	assert_int_equal(veikart__days_from_time(-86400), -1);
	assert_int_equal(veikart__days_from_time(-86401), -2);
	assert_int_equal(veikart__days_from_time(1795428000), 20780);
	assert_int_equal(veikart__days_from_time(INT64_MAX), INT32_MAX);
	assert_int_equal(veikart__days_from_time(INT64_MIN + 1), INT32_MIN);
}

static void test_value_should_find_invalid_utf8(void **state)
{
	static const struct {
		const char *text;
		size_t bad;
	} cases[] = {
		{ "plain", 5 },
		{ "Blåbær", 8 },
		{ "\xf0\x9f\x98\x80", 4 },     /* U+1F600 */
		{ "a\xc3", 1 },                /* cut short */
		{ "a\xc3(", 1 },               /* bad continuation */
		{ "\xc0\xaf", 0 },             /* overlong '/' */
		{ "\xe0\x80\xaf", 0 },         /* overlong, 3 bytes */
		{ "ok\xed\xa0\x80", 2 },       /* surrogate U+D800 */
		{ "\xf4\x90\x80\x80", 0 },     /* past U+10FFFF */
		{ "\xf8\x88\x80\x80\x80", 0 }, /* 5-byte form */
		{ "\x80", 0 },                 /* lone continuation */
	};
	char text[41];
	size_t i, at;

	(void)state;
	for (i = 0; i < VEIKART__ARRAY_SIZE(cases); i++)
		assert_int_equal(veikart__utf8_check(cases[i].text, strlen(cases[i].text)),
		                 cases[i].bad);
	/* Long text is checked eight bytes at a time: a bad byte at every place,
	 * and a good two-byte character at every place, among ASCII. */
	for (at = 0; at < 40; at++) {
		memset(text, 'a', 40);
		text[40] = '\0';
		text[at] = '\x80';
		assert_int_equal(veikart__utf8_check(text, 40), at);
		if (at + 1 < 40) {
			text[at] = '\xc3';
			text[at + 1] = '\xa5'; /* å */
			assert_int_equal(veikart__utf8_check(text, 40), 40);
			assert_int_equal(veikart__utf8_check(text, at + 1), at); /* cut short */
		}
	}
}

/* Parse and write back (as veikart_facts_get() shows it, and as a literal). */
static void check_parse(veikart_type type, const char *text, const char *plain, const char *literal)
{
	veikart__arena arena;
	veikart__value v;
	veikart__buf buf;
	char why[256] = "";
	int rc;

	veikart__arena_init(&arena, NULL);
	veikart__buf_init(&buf, NULL);
	rc = veikart__value_parse(&v, type, &nasss, text, strlen(text), &arena, why, sizeof(why));
	if (rc != 0)
		fail_msg("`%s` does not parse as type %d: %s", text, type, why);
	assert_int_equal(v.type, type);
	assert_int_equal(veikart__value_format(&buf, &v, &nasss, 0), 0);
	if (strcmp(veikart__buf_cstr(&buf), plain) != 0)
		fail_msg("`%s` written as `%s`, expected `%s`", text, veikart__buf_cstr(&buf),
		         plain);
	veikart__buf_clear(&buf);
	assert_int_equal(veikart__value_format(&buf, &v, &nasss, 1), 0);
	if (strcmp(veikart__buf_cstr(&buf), literal) != 0)
		fail_msg("`%s` written as literal `%s`, expected `%s`", text,
		         veikart__buf_cstr(&buf), literal);
	veikart__buf_dispose(&buf);
	veikart__arena_release(&arena);
}

static void check_refused(veikart_type type, const char *text, const char *why_part)
{
	veikart__arena arena;
	veikart__value v;
	char why[256] = "";

	veikart__arena_init(&arena, NULL);
	memset(&v, 0x5a, sizeof(v));
	if (veikart__value_parse(&v, type, &nasss, text, strlen(text), &arena, why, sizeof(why)) !=
	            VEIKART_ETYPE ||
	    !test_contains(why, why_part))
		fail_msg("`%s` (type %d): expected refusal `%s`, got `%s`", text, type, why_part,
		         why);
	assert_int_equal(v.type, 0x5a); /* untouched */
	veikart__arena_release(&arena);
}

static void test_value_should_parse_each_type_as_documented(void **state)
{
	(void)state;
	check_parse(VEIKART_TYPE_BOOL, "true", "true", "true");
	check_parse(VEIKART_TYPE_BOOL, "No", "false", "false");
	check_parse(VEIKART_TYPE_BOOL, "YES", "true", "true");
	check_parse(VEIKART_TYPE_INTEGER, "42", "42", "42");
	check_parse(VEIKART_TYPE_INTEGER, "-0", "0", "0");
	check_parse(VEIKART_TYPE_INTEGER, "+7", "7", "7");
	check_parse(VEIKART_TYPE_INTEGER, "-9223372036854775808", "-9223372036854775808",
	            "-9223372036854775808");
	check_parse(VEIKART_TYPE_INTEGER, "9223372036854775807", "9223372036854775807",
	            "9223372036854775807");
	check_parse(VEIKART_TYPE_NUMBER, "3.5", "3.5", "3.5");
	check_parse(VEIKART_TYPE_NUMBER, "3", "3", "3.0");
	check_parse(VEIKART_TYPE_NUMBER, "-0.0", "0", "0.0");
	check_parse(VEIKART_TYPE_NUMBER, "0.1", "0.1", "0.1");
	check_parse(VEIKART_TYPE_NUMBER, "1e21", "1e+21", "1e+21");
	check_parse(VEIKART_TYPE_NUMBER, "1.5E-7", "1.5e-07", "1.5e-07");
	check_parse(VEIKART_TYPE_NUMBER, "0.30000000000000004", "0.30000000000000004",
	            "0.30000000000000004");
	check_parse(VEIKART_TYPE_NUMBER, "1.7976931348623157e308", "1.7976931348623157e+308",
	            "1.7976931348623157e+308");
	check_parse(VEIKART_TYPE_RATIO, "0.8", "0.8", "0.8");
	check_parse(VEIKART_TYPE_RATIO, "80%", "0.8", "0.8");
	check_parse(VEIKART_TYPE_RATIO, "0%", "0", "0.0");
	check_parse(VEIKART_TYPE_RATIO, "100%", "1", "1.0");
	check_parse(VEIKART_TYPE_RATIO, "33%", "0.33", "0.33");
	check_parse(VEIKART_TYPE_TEXT, "it's \\ \"x\"", "it's \\ \"x\"", "'it\\'s \\\\ \"x\"'");
	check_parse(VEIKART_TYPE_TEXT, "", "", "''");
	check_parse(VEIKART_TYPE_TEXT, "Blåbær", "Blåbær", "'Blåbær'");
	check_parse(VEIKART_TYPE_DATE, "2026-11-23", "2026-11-23", "2026-11-23");
	check_parse(VEIKART_TYPE_SCALE, "complex", "complex", "'complex'");
	check_parse(VEIKART_TYPE_SCALE, "mixed", "mixed", "'mixed'");
	check_parse(VEIKART_TYPE_EVIDENCE, "https://x/y.pdf", "https://x/y.pdf",
	            "'https://x/y.pdf'");
	check_parse(VEIKART_TYPE_EVIDENCE, "urn:doc:1 approved-by:Kari  Nordmann",
	            "urn:doc:1 approved-by:Kari  Nordmann",
	            "'urn:doc:1 approved-by:Kari  Nordmann'");
	check_parse(
	        VEIKART_TYPE_EVIDENCE,
	        "doc sha256:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
	        "doc sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789",
	        "'doc sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789'");
	/* The approver is the rest of the text, whatever it holds. */
	check_parse(VEIKART_TYPE_EVIDENCE, "x approved-by:Kari sha256:00",
	            "x approved-by:Kari sha256:00", "'x approved-by:Kari sha256:00'");
	check_parse(VEIKART_TYPE_SIGNOFF, "Kari Nordmann", "Kari Nordmann", "'Kari Nordmann'");
	check_parse(VEIKART_TYPE_SIGNOFF, "O'Neil", "O'Neil", "'O\\'Neil'");
	check_parse(VEIKART_TYPE_DURATION, "90d", "90d", "90d");
	check_parse(VEIKART_TYPE_DURATION, "12w", "84d", "84d");
	check_parse(VEIKART_TYPE_DURATION, "-3d", "-3d", "-3d");
}

static void test_value_should_say_what_was_expected(void **state)
{
	(void)state;
	check_refused(VEIKART_TYPE_BOOL, "ja", "true, false, yes or no");
	check_refused(VEIKART_TYPE_BOOL, "", "true, false, yes or no");
	check_refused(VEIKART_TYPE_BOOL, "truee", "true, false, yes or no");
	check_refused(VEIKART_TYPE_INTEGER, "4.0", "whole number");
	check_refused(VEIKART_TYPE_INTEGER, " 4", "whole number");
	check_refused(VEIKART_TYPE_INTEGER, "4 ", "whole number");
	check_refused(VEIKART_TYPE_INTEGER, "-", "whole number");
	check_refused(VEIKART_TYPE_INTEGER, "9223372036854775808", "between");
	check_refused(VEIKART_TYPE_INTEGER, "-9223372036854775809", "between");
	check_refused(VEIKART_TYPE_NUMBER, "inf", "written like");
	check_refused(VEIKART_TYPE_NUMBER, "1,5", "written like");
	check_refused(VEIKART_TYPE_NUMBER, ".5", "written like");
	check_refused(VEIKART_TYPE_NUMBER, "5.", "written like");
	check_refused(VEIKART_TYPE_NUMBER, "1e", "written like");
	check_refused(VEIKART_TYPE_NUMBER, "0x1p3", "written like");
	check_refused(VEIKART_TYPE_NUMBER, "1e400", "too large");
	check_refused(VEIKART_TYPE_RATIO, "1.2", "between 0 and 1 (or 0% and 100%)");
	check_refused(VEIKART_TYPE_RATIO, "100.5%", "between 0 and 1");
	check_refused(VEIKART_TYPE_RATIO, "-1%", "between 0 and 1");
	check_refused(VEIKART_TYPE_RATIO, "%", "written like 0.8 or 80%");
	check_refused(VEIKART_TYPE_RATIO, "80 %", "written like 0.8 or 80%");
	check_refused(VEIKART_TYPE_TEXT, "a\xff", "not valid UTF-8");
	check_refused(VEIKART_TYPE_DATE, "2026-02-29", "no such day");
	check_refused(VEIKART_TYPE_DATE, "2026-2-1", "YYYY-MM-DD");
	check_refused(VEIKART_TYPE_SCALE, "Complex",
	              "a rating is a level of the fact's scale (levels: simple, complicated, "
	              "complex; special: unknown, mixed)");
	check_refused(VEIKART_TYPE_EVIDENCE, "", "evidence is written as a URI");
	check_refused(VEIKART_TYPE_EVIDENCE, " x", "evidence is written as a URI");
	check_refused(VEIKART_TYPE_EVIDENCE, "x sha256:00", "evidence is written as a URI");
	check_refused(VEIKART_TYPE_EVIDENCE,
	              "x sha256:g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
	              "evidence");
	check_refused(VEIKART_TYPE_EVIDENCE, "x approved-by: ", "evidence");
	check_refused(VEIKART_TYPE_EVIDENCE, "x\ty", "evidence");
	check_refused(VEIKART_TYPE_SIGNOFF, "", "name of the person who signed");
	check_refused(VEIKART_TYPE_SIGNOFF, "   ", "name of the person who signed");
	check_refused(VEIKART_TYPE_SIGNOFF, "Kari\nNordmann", "name of the person who signed");
	check_refused(VEIKART_TYPE_DURATION, "90", "90d or 12w");
	check_refused(VEIKART_TYPE_DURATION, "9d9", "90d or 12w");
	check_refused(VEIKART_TYPE_DURATION, "99999999999999999999d", "too long");
	check_refused(VEIKART_TYPE_DURATION, "999999999w", "too long");
	check_refused(0, "x", "cannot be written as text");
}

static void test_value_should_write_numbers_whatever_the_locale(void **state)
{
	(void)state;
	test_decimal_comma_locale(LC_NUMERIC);
	check_parse(VEIKART_TYPE_NUMBER, "3.25", "3.25", "3.25");
	check_parse(VEIKART_TYPE_RATIO, "12.5%", "0.125", "0.125");
	check_refused(VEIKART_TYPE_NUMBER, "3,25", "written like");
	setlocale(LC_NUMERIC, "C");
}

/* How numbers were always written: the shortest of %.15g, %.16g and %.17g
 * that reads back as the same double (in the C locale), ".0" added to a
 * literal that would read back as an integer.  Decimals take a shorter way
 * now, which must give the same text. */
static void reference_number(char *out, size_t size, double n, int literal)
{
	int prec;

	if (n == 0)
		n = 0;
	for (prec = 15; prec <= 17; prec++) {
		snprintf(out, size, "%.*g", prec, n);
		if (!isfinite(n) || strtod(out, NULL) == n)
			break;
	}
	if (literal && isfinite(n) && strpbrk(out, ".e") == NULL)
		strncat(out, ".0", size - strlen(out) - 1);
}

static void check_number(double n)
{
	veikart__value v;
	veikart__buf buf;
	char want[64];
	int literal;

	memset(&v, 0, sizeof(v));
	v.type = VEIKART_TYPE_NUMBER;
	v.u.n = n;
	for (literal = 0; literal <= 1; literal++) {
		reference_number(want, sizeof(want), n, literal);
		veikart__buf_init(&buf, NULL);
		assert_int_equal(veikart__value_format(&buf, &v, NULL, literal), 0);
		if (strcmp(veikart__buf_cstr(&buf), want) != 0)
			fail_msg("%a (literal %d): wrote %s, expected %s", n, literal,
			         veikart__buf_cstr(&buf), want);
		veikart__buf_dispose(&buf);
	}
}

static void check_integer(int64_t i)
{
	veikart__value v;
	veikart__buf buf;
	char want[32];

	memset(&v, 0, sizeof(v));
	v.type = VEIKART_TYPE_INTEGER;
	v.u.i = i;
	snprintf(want, sizeof(want), "%" PRId64, i);
	veikart__buf_init(&buf, NULL);
	assert_int_equal(veikart__value_format(&buf, &v, NULL, 1), 0);
	assert_string_equal(veikart__buf_cstr(&buf), want);
	veikart__buf_dispose(&buf);
}

static void test_value_should_write_every_number_as_before(void **state)
{
	static const double edges[] = { 0.0,
		                        -0.0,
		                        1e-4,
		                        9.9999e-5,
		                        1e-5,
		                        0.000123,
		                        0.05,
		                        0.1 + 0.2,
		                        1.0 / 3.0,
		                        2.0 / 3.0,
		                        1e15,
		                        1e15 - 1,
		                        999999999999999.9,
		                        123456789012345.6,
		                        9007199254740992.0,
		                        1e16,
		                        1e300,
		                        5e-324,
		                        -0.5,
		                        0.55,
		                        0.72,
		                        12.5,
		                        -1234.000001,
		                        1e-6,
		                        4503599627370495.5,
		                        INFINITY,
		                        -INFINITY };
	static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9 };
	uint64_t bits = 0x9e3779b97f4a7c15u;
	int64_t k;
	double n;
	size_t i;
	int d;

	(void)state;
	for (i = 0; i < VEIKART__ARRAY_SIZE(edges); i++)
		check_number(edges[i]);
	/* Decimals: k / 10^d for a spread of k and d, both signs. */
	for (d = 0; d <= 9; d++) {
		for (k = 1; k < INT64_C(2000000000000000); k = k * 3 + 7) {
			n = (double)k / tens[d];
			check_number(n);
			check_number(-n);
		}
	}
	/* Any double: random bit patterns (NaN excluded). */
	for (i = 0; i < 50000; i++) {
		bits ^= bits << 13;
		bits ^= bits >> 7;
		bits ^= bits << 17;
		memcpy(&n, &bits, sizeof(n));
		if (!isnan(n))
			check_number(n);
		/* and values near the decimals people write */
		check_number((double)(bits % 100000000) / 1000.0);
		check_integer((int64_t)bits);
		check_integer((int64_t)(bits % 2000) - 1000);
	}
	check_integer(0);
	check_integer(INT64_MIN);
	check_integer(INT64_MAX);
}

static void test_value_should_write_scale_codes_it_cannot_name_by_rank(void **state)
{
	veikart__value v;
	veikart__buf buf;

	(void)state;
	memset(&v, 0, sizeof(v));
	v.type = VEIKART_TYPE_SCALE;
	v.u.level = 7;
	veikart__buf_init(&buf, NULL);
	assert_int_equal(veikart__value_format(&buf, &v, &nasss, 1), 0);
	assert_string_equal(veikart__buf_cstr(&buf), "#7");
	veikart__buf_clear(&buf);
	v.u.level = -2;
	assert_int_equal(veikart__value_format(&buf, &v, &nasss, 1), 0);
	assert_string_equal(veikart__buf_cstr(&buf), "'mixed'");
	veikart__buf_clear(&buf);
	v.type = 0;
	assert_int_equal(veikart__value_format(&buf, &v, NULL, 1), 0);
	assert_string_equal(veikart__buf_cstr(&buf), "unknown");
	veikart__buf_dispose(&buf);
}

/* Event records write their sequence numbers and times with these. */
static void test_value_should_write_integers_as_printf_does(void **state)
{
	static const int64_t signed_cases[] = { 0,         1,         -1,           9,
		                                10,        -10,       1767603600,   -62135596800,
		                                INT64_MAX, INT64_MIN, INT64_MIN + 1 };
	static const uint64_t unsigned_cases[] = { 0, 1, 9, 10, 99, 100, 4294967296u, UINT64_MAX };
	char got[VEIKART__INT_TEXT_SIZE], want[VEIKART__INT_TEXT_SIZE];
	uint64_t r = 88172645463325252u;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(signed_cases) / sizeof(signed_cases[0]); i++) {
		n = veikart__i64_text(got, signed_cases[i]);
		snprintf(want, sizeof(want), "%" PRId64, signed_cases[i]);
		assert_string_equal(got, want);
		assert_int_equal(n, strlen(want));
	}
	for (i = 0; i < sizeof(unsigned_cases) / sizeof(unsigned_cases[0]); i++) {
		n = veikart__u64_text(got, unsigned_cases[i]);
		snprintf(want, sizeof(want), "%" PRIu64, unsigned_cases[i]);
		assert_string_equal(got, want);
		assert_int_equal(n, strlen(want));
	}
	for (i = 0; i < 100000; i++) {
		r ^= r << 13, r ^= r >> 7, r ^= r << 17; /* xorshift64 */
		veikart__i64_text(got, (int64_t)r >> (r % 64));
		snprintf(want, sizeof(want), "%" PRId64, (int64_t)r >> (r % 64));
		assert_string_equal(got, want);
	}
}

/* Numbers are read without strtod when they are short decimals: the same
 * double, bit for bit, as strtod gives, on decimals of every length. */
static void test_value_should_read_numbers_as_strtod_does(void **state)
{
	static const char *const edge[] = { "0",
		                            "-0",
		                            "0.0",
		                            "1",
		                            "-1",
		                            "0.1",
		                            "0.55",
		                            "123456789012345",
		                            "-999999999999999",
		                            "0.000000000000001",
		                            "1234567890123456",
		                            "9007199254740993",
		                            "3.14159265358979",
		                            "0.30000000000000004" };
	uint64_t r = 0x9E3779B97F4A7C15u;
	veikart__arena arena;
	veikart__value v;
	char text[40], why[256];
	double want;
	size_t i, n, k, digits, point;

	(void)state;
	veikart__arena_init(&arena, NULL);
	for (i = 0; i < 200000 + sizeof(edge) / sizeof(edge[0]); i++) {
		if (i < sizeof(edge) / sizeof(edge[0])) {
			snprintf(text, sizeof(text), "%s", edge[i]);
		} else {
			r ^= r << 13, r ^= r >> 7, r ^= r << 17; /* xorshift64 */
			digits = 1 + r % 17;
			point = (r >> 8) % (digits + 1); /* 0: no point */
			n = 0;
			if ((r >> 16) & 1)
				text[n++] = '-';
			for (k = 0; k < digits; k++) {
				if (point > 0 && k == digits - point + 0 && k > 0)
					text[n++] = '.';
				text[n++] = (char)('0' + (r >> (20 + 2 * k % 40)) % 10);
			}
			text[n] = '\0';
		}
		if (veikart__value_parse(&v, VEIKART_TYPE_NUMBER, NULL, text, strlen(text), &arena,
		                         why, sizeof(why)) != 0)
			fail_msg("`%s` does not read as a number: %s", text, why);
		want = strtod(text, NULL);
		if (want == 0)
			want = 0; /* no negative zero in values */
		if (memcmp(&v.u.n, &want, sizeof(want)) != 0)
			fail_msg("`%s` read as %.17g, strtod gives %.17g", text, v.u.n, want);
	}
	veikart__arena_release(&arena);
}

/* A score is written as records always had it, printf's %.6g (in the C
 * locale), with a '.' in any locale. */
static void check_score(double score)
{
	char want[64], got[VEIKART__VALUE_SHORT_SIZE];
	size_t len;

	snprintf(want, sizeof(want), "%.6g", score == 0 ? 0.0 : score);
	len = veikart__score_text(got, score);
	if (strcmp(got, want) != 0 || len != strlen(want))
		fail_msg("score %.17g: wrote `%s`, %%.6g writes `%s`", score, got, want);
}

static void test_value_should_write_scores_as_printf_does(void **state)
{
	static const double edges[] = { 0.0,       -0.0,     1.0,       0.5,       0.25,
		                        1e-4,      9.99e-5,  0.0001234, 1e-5,      0.123456,
		                        0.1234567, 0.999999, 0.9999995, 0.9999994, 1e6 - 1,
		                        1e6,       123456.5, 0.1 + 0.2 };
	uint64_t bits = 0x2545f4914f6cdd1du;
	unsigned int met, total;
	size_t i;

	(void)state;
	for (i = 0; i < VEIKART__ARRAY_SIZE(edges); i++)
		check_score(edges[i]);
	/* What a gate's score is: met weight over total weight. */
	for (total = 1; total <= 400; total++)
		for (met = 0; met <= total; met++)
			check_score((double)met / (double)total);
	for (i = 0; i < 200000; i++) {
		bits ^= bits << 13;
		bits ^= bits >> 7;
		bits ^= bits << 17;
		check_score((double)(bits >> 11) / 9007199254740992.0);
		check_score((double)(bits % 100000) / 1000.0);
	}
	{
		char got[VEIKART__VALUE_SHORT_SIZE];
		test_decimal_comma_locale(LC_NUMERIC);
		veikart__score_text(got, 2.0 / 3.0);
		setlocale(LC_NUMERIC, "C");
		assert_string_equal(got, "0.666667");
	}
}

/* A buffer started in the caller's storage uses no heap until the text
 * outgrows it, then moves there with its text; a failure on the way is
 * clean, and detach always hands over heap memory. */
static void test_buf_should_start_in_the_callers_storage(void **state)
{
	test_counter counter = { 0, 0, 0 };
	veikart_allocator alloc = test_counting_allocator(&counter);
	char space[16], *p;
	veikart__buf b;

	(void)state;
	veikart__buf_init_on(&b, &alloc, space, sizeof(space));
	assert_string_equal(veikart__buf_cstr(&b), "");
	veikart__buf_puts(&b, "fifteen bytes..");
	assert_ptr_equal(veikart__buf_cstr(&b), space);
	assert_int_equal(counter.calls, 0);
	veikart__buf_puts(&b, "!"); /* 16 with the NUL: no longer fits */
	assert_ptr_not_equal(veikart__buf_cstr(&b), space);
	assert_string_equal(veikart__buf_cstr(&b), "fifteen bytes..!");
	assert_int_equal(counter.live, 1);
	veikart__buf_dispose(&b);
	assert_int_equal(counter.live, 0);

	veikart__buf_init_on(&b, &alloc, space, sizeof(space));
	veikart__buf_puts(&b, "short");
	p = veikart__buf_detach(&b);
	assert_non_null(p);
	assert_ptr_not_equal(p, space);
	assert_string_equal(p, "short");
	veikart__free(&alloc, p);
	assert_int_equal(counter.live, 0);

	counter.calls = 0;
	counter.fail_at = 1;
	veikart__buf_init_on(&b, &alloc, space, sizeof(space));
	veikart__buf_puts(&b, "this text is longer than the space");
	assert_true(b.failed);
	assert_null(veikart__buf_detach(&b));
	veikart__buf_dispose(&b);
	assert_int_equal(counter.live, 0);
}

/* Under a decimal-comma locale, what the library reads and writes keeps
 * its '.': weights and thresholds of a methodology, a decision's score,
 * the scores in a report's summary. */
static void test_value_should_keep_its_point_in_any_locale(void **state)
{
	veikart_method *c = NULL, *comma = NULL;
	const veikart_gate *gc, *gk;
	char out[64];
	double x = 0;
	size_t i, k;

	(void)state;
	assert_int_equal(veikart_method_load(&c, "stage-gate", NULL, NULL), 0);
	test_decimal_comma_locale(LC_NUMERIC);
	assert_int_equal(veikart__parse_number(&x, "0.666667", 8), 0);
	assert_true(x == 0.666667);
	assert_int_equal(veikart__parse_number(&x, "0,5", 3), -1);
	assert_int_equal(veikart__format_number(out, sizeof(out), 2, 'f', 0.5), 4);
	assert_string_equal(out, "0.50");
	veikart__format_number(out, sizeof(out), 4, 'g', 2.0 / 3.0);
	assert_string_equal(out, "0.6667");
	assert_int_equal(veikart_method_load(&comma, "stage-gate", NULL, NULL), 0);
	setlocale(LC_NUMERIC, "C");
	for (k = 0; k < veikart_method_gate_count(c); k++) {
		gc = veikart_method_gate(c, k);
		gk = veikart_method_gate(comma, k);
		assert_true(veikart_gate_threshold(gc) == veikart_gate_threshold(gk));
		for (i = 0; i < veikart_gate_criterion_count(gc); i++)
			assert_true(veikart_criterion_weight(veikart_gate_criterion(gc, i)) ==
			            veikart_criterion_weight(veikart_gate_criterion(gk, i)));
	}
	assert_true(veikart_gate_threshold(veikart_method_gate(comma, 0)) == 0.6);
	veikart_method_free(c);
	veikart_method_free(comma);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_should_convert_civil_dates_both_ways),
		cmocka_unit_test(test_value_should_parse_only_real_calendar_dates),
		cmocka_unit_test(test_value_should_format_dates_and_clamp_the_year),
		cmocka_unit_test(test_value_should_floor_times_to_days),
		cmocka_unit_test(test_value_should_find_invalid_utf8),
		cmocka_unit_test(test_value_should_parse_each_type_as_documented),
		cmocka_unit_test(test_value_should_say_what_was_expected),
		cmocka_unit_test(test_value_should_write_numbers_whatever_the_locale),
		cmocka_unit_test(test_value_should_write_every_number_as_before),
		cmocka_unit_test(test_value_should_write_integers_as_printf_does),
		cmocka_unit_test(test_value_should_write_scores_as_printf_does),
		cmocka_unit_test(test_buf_should_start_in_the_callers_storage),
		cmocka_unit_test(test_value_should_keep_its_point_in_any_locale),
		cmocka_unit_test(test_value_should_read_numbers_as_strtod_does),
		cmocka_unit_test(test_value_should_write_scale_codes_it_cannot_name_by_rank),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
