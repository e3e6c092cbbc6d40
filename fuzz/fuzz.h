/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * What the fuzz targets share: an allocator that counts live blocks and
 * fails one chosen allocation (libxml2's xmlFuzzInjectFailure, jansson's
 * chaos test), and a fixed clock so that every run of an input is the same.
 */
#ifndef VEIKART_FUZZ_H
#define VEIKART_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <veikart.h>

#include "counting_alloc.h"

/* The unit tests' counting allocator: calls, live blocks, the call to fail. */
typedef test_counter fuzz_counter;

static inline veikart_allocator fuzz_allocator(fuzz_counter *c)
{
	return test_counting_allocator(c);
}

/* Start counting afresh, failing allocation @p fail_at (0: none). */
static inline void fuzz_arm(fuzz_counter *c, unsigned long fail_at)
{
	c->calls = 0;
	c->fail_at = fail_at;
}

/*
 * Which of @p calls allocations to fail for this input: the input's bytes
 * pick it, so the fuzzer reaches different failures by mutating, and the
 * document itself stays an ordinary file (no prefix to strip).
 */
static inline unsigned long fuzz_pick(const uint8_t *data, size_t size, unsigned long calls)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return calls == 0 ? 0 : 1 + (unsigned long)(h % calls);
}

/* The clock of every initiative: 2026-11-23T10:00:00Z. */
static inline int64_t fuzz_clock(void *payload)
{
	(void)payload;
	return INT64_C(1795428000);
}

/* Where fuzz_read() leaves its result, so that the reading is not optimised away. */
static volatile size_t fuzz_sink;

/* Read a string the library returned to its end, so that ASan sees a bad one. */
static inline void fuzz_read(const char *s)
{
	if (s != NULL)
		fuzz_sink = strlen(s);
}

/* A broken promise of the library: stop so that the fuzzer reports the input. */
#define FUZZ_CHECK(cond)         \
	do {                     \
		if (!(cond))     \
			abort(); \
	} while (0)

#endif
