/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Dates and times: the proleptic Gregorian calendar as day numbers since
 * 1970-01-01, dates written YYYY-MM-DD, and times as seconds since the
 * epoch in UTC, written YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.  No time zones
 * and no C library calls, so a date reads the same on every host.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "value.h"

/* Days from 0000-03-01 to 1970-01-01, for the era arithmetic below. */
#define EPOCH_SHIFT 719468
#define DAYS_PER_ERA 146097

/* Howard Hinnant's civil-date algorithms, in 64-bit so no input overflows. */
int32_t veikart__days_from_civil(int32_t y, unsigned int m, unsigned int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	unsigned int yoe = (unsigned int)(yy - era * 400);
	unsigned int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * DAYS_PER_ERA + (int64_t)doe - EPOCH_SHIFT);
}

void veikart__civil_from_days(int32_t days, int32_t *y, unsigned int *m, unsigned int *d)
{
	int64_t z = (int64_t)days + EPOCH_SHIFT;
	int64_t era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	unsigned int doe = (unsigned int)(z - era * DAYS_PER_ERA);
	unsigned int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int32_t)((int64_t)yoe + era * 400 + (*m <= 2));
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static unsigned int days_in_month(int32_t y, unsigned int m)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* 1 when `s` has the shape YYYY-MM-DD, whatever the numbers. */
int veikart__date_shaped(const char *s, size_t len)
{
	size_t i;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return 0;
	return 1;
}

int veikart__date_parse(int32_t *days, const char *s, size_t len)
{
	int32_t y;
	unsigned int m, d;

	if (!veikart__date_shaped(s, len))
		return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (unsigned int)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned int)((s[8] - '0') * 10 + (s[9] - '0'));
	if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*days = veikart__days_from_civil(y, m, d);
	return 0;
}

void veikart__date_format(char out[16], int32_t days)
{
	int32_t y;
	unsigned int m, d;

	if (days < VEIKART__MIN_DATE)
		days = VEIKART__MIN_DATE;
	if (days > VEIKART__MAX_DATE)
		days = VEIKART__MAX_DATE;
	veikart__civil_from_days(days, &y, &m, &d);
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int32_t veikart__days_from_time(int64_t t)
{
	int64_t days = t / VEIKART__DAY_SECONDS;

	if (t % VEIKART__DAY_SECONDS < 0)
		days--;
	if (days < INT32_MIN)
		return INT32_MIN;
	if (days > INT32_MAX)
		return INT32_MAX;
	return (int32_t)days;
}

void veikart__time_format(int64_t t, char *out, size_t size)
{
	int32_t days = veikart__days_from_time(t);
	int64_t sec = t - (int64_t)days * VEIKART__DAY_SECONDS;
	char date[16];

	veikart__date_format(date, days);
	if (days < VEIKART__MIN_DATE || days > VEIKART__MAX_DATE)
		snprintf(out, size, "%" PRId64 " seconds since 1970", t);
	else
		snprintf(out, size, "%sT%02d:%02d:%02dZ", date, (int)(sec / 3600),
		         (int)(sec / 60 % 60), (int)(sec % 60));
}

int veikart_time_parse(const char *text, int64_t *out)
{
	int32_t days;
	int h, mi, sec;
	size_t len;

	if (text == NULL || out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no text, or no place for the time");
	len = strlen(text);
	if (len < 10 || veikart__date_parse(&days, text, 10) < 0)
		goto bad;
	h = mi = sec = 0;
	if (len != 10) {
		/* THH:MM:SSZ */
		if (len != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
		    text[19] != 'Z')
			goto bad;
		for (size_t i = 11; i < 19; i++)
			if (i != 13 && i != 16 && (text[i] < '0' || text[i] > '9'))
				goto bad;
		h = (text[11] - '0') * 10 + (text[12] - '0');
		mi = (text[14] - '0') * 10 + (text[15] - '0');
		sec = (text[17] - '0') * 10 + (text[18] - '0');
		if (h > 23 || mi > 59 || sec > 59)
			goto bad;
	}
	*out = (int64_t)days * VEIKART__DAY_SECONDS + h * 3600 + mi * 60 + sec;
	return 0;
bad:
	return veikart__error_set(VEIKART_EINVALID,
	                          "`%s` is not a date (YYYY-MM-DD) or a time in UTC "
	                          "(YYYY-MM-DDTHH:MM:SSZ)",
	                          text);
}
