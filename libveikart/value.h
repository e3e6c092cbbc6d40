/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Typed values: what a fact holds and what an expression computes.  The
 * representation is small and flat so that evaluation never allocates.
 */
#ifndef VEIKART_VALUE_H
#define VEIKART_VALUE_H

#include <stdint.h>

#include "util.h"

/* Seconds per day; dates are days since 1970-01-01 (proleptic Gregorian). */
#define VEIKART__DAY_SECONDS 86400

/* 0000-01-01 and 9999-12-31 in days since the epoch: the dates a
 * YYYY-MM-DD literal can name, and so the range date arithmetic keeps to. */
#define VEIKART__MIN_DATE (-719528)
#define VEIKART__MAX_DATE 2932896

typedef struct veikart__evidence {
	const char *uri;
	const char *sha256;      /* 64 hex digits, or NULL */
	const char *approved_by; /* person, or NULL when not approved */
} veikart__evidence;

typedef struct veikart__signoff {
	const char *person;
} veikart__signoff;

/* Scale levels are stored as their rank (0 = lowest).  Special values are
 * stored as -(index + 1), so any negative level is special. */
typedef struct veikart__value {
	uint8_t type; /* a veikart_type; 0 means "not recorded" / unknown */
	union {
		int b;
		int64_t i;
		double n;     /* number and ratio */
		int32_t days; /* date (since epoch) and duration */
		struct {
			const char *ptr;
			uint32_t len;
		} text;
		int32_t level;
		const veikart__evidence *evidence;
		const veikart__signoff *signoff;
	} u;
} veikart__value;

/* What the value parser needs to know about a scale. */
typedef struct veikart__scale_info {
	const char *id;            /* the scale's id, for messages; may be NULL */
	const char *const *levels; /* codes, lowest rank first */
	uint32_t nlevels;
	const char *const *specials; /* special codes */
	uint32_t nspecials;
} veikart__scale_info;

/* Calendar (calendar.c). */
int32_t veikart__days_from_civil(int32_t y, unsigned int m, unsigned int d);
void veikart__civil_from_days(int32_t days, int32_t *y, unsigned int *m, unsigned int *d);
/* Whether S has the shape YYYY-MM-DD, whatever the numbers. */
int veikart__date_shaped(const char *s, size_t len);
/* Parse exactly YYYY-MM-DD (a valid calendar date); 0 or -1. */
int veikart__date_parse(int32_t *days, const char *s, size_t len);
/* Writes YYYY-MM-DD and a NUL (11 bytes; years outside 0..9999 are clamped). */
void veikart__date_format(char out[16], int32_t days);
/* Days since epoch of a time in seconds since epoch (floor). */
int32_t veikart__days_from_time(int64_t t);
/* YYYY-MM-DDTHH:MM:SSZ, or the seconds for a time outside years 0..9999. */
void veikart__time_format(int64_t t, char *out, size_t size);

/*
 * Parse a fact value written as text (see veikart_facts_set()).  Strings in
 * the value (text, evidence, signoff) point into `arena`.  On a bad value,
 * returns VEIKART_ETYPE and writes a sentence into `why` saying what was
 * expected; nothing is raised, so callers can add their own context.
 */
int veikart__value_parse(veikart__value *out, veikart_type type, const veikart__scale_info *scale,
                         const char *text, size_t len, veikart__arena *arena, char *why,
                         size_t why_size);

/* Append the value as text: as a literal of its type when `literal` (text
 * quoted, scale codes quoted), else as veikart_facts_set() accepts it. */
int veikart__value_format(veikart__buf *buf, const veikart__value *value,
                          const veikart__scale_info *scale, int literal);

/* A number written [-+]digits[.digits][e[-+]digits], read with a '.'
 * whatever LC_NUMERIC says (as values, scores, weights and thresholds are
 * written).  0, or -1 when it is not such a number. */
int veikart__parse_number(double *out, const char *s, size_t len);

/* printf's %.<precision>f (conversion 'f') or %.<precision>g ('g') of n,
 * with a '.' whatever the locale's decimal point.  Returns the length. */
size_t veikart__format_number(char *out, size_t size, int precision, char conversion, double n);

/* Room for a value written by veikart__value_format_short(), or a score. */
#define VEIKART__VALUE_SHORT_SIZE 48

/* veikart__value_format() for the types whose text is short and needs no
 * scale (bool, integer, number, ratio, date, duration), into `out` without
 * allocating.  Returns the length, or 0 for the other types. */
size_t veikart__value_format_short(char out[VEIKART__VALUE_SHORT_SIZE], const veikart__value *value,
                                   int literal);

/* A gate's score as records and snapshots keep it: printf's %.6g, with a
 * '.' whatever the locale.  Returns the length. */
size_t veikart__score_text(char out[VEIKART__VALUE_SHORT_SIZE], double score);

#endif
