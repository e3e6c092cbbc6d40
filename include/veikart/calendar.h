/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_CALENDAR_H
#define VEIKART_CALENDAR_H

/**
 * @file veikart/calendar.h
 * @brief Dates and times as the library reads and writes them.
 *
 * Times are seconds since 1970-01-01T00:00:00Z, in UTC; dates are written
 * YYYY-MM-DD in the proleptic Gregorian calendar.  The library never reads
 * the host's time zone.
 */

#include <stdint.h>

#include "common.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_calendar Dates and times
 * @{
 */

/**
 * Read a date or a time in UTC: `YYYY-MM-DD` (the start of that day) or
 * `YYYY-MM-DDTHH:MM:SSZ`, as a clock hook or VEIKART_NOW would give it.
 * A date that is not in the calendar (2026-02-30) is refused.
 * @param text The text.
 * @param out Seconds since the epoch; unchanged on failure.
 * @return 0, or #VEIKART_EINVALID when @p text or @p out is NULL or the
 *         text is neither form (the message says which forms are read).
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_time_parse(const char *text, int64_t *out);

/** @} */

VEIKART_END_DECL

#endif
