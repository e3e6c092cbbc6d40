/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * An allocator that counts its calls and live blocks and fails the Nth
 * call: the allocation-failure loops (docs/security.md, P1 and P7).  Header-only,
 * so that the unit tests (support.c) and the fuzz targets (fuzz/fuzz.h),
 * which do not link cmocka, use the same one.
 */
#ifndef VEIKART_TEST_COUNTING_ALLOC_H
#define VEIKART_TEST_COUNTING_ALLOC_H

#include <stdlib.h>

#include <veikart.h>

typedef struct test_counter {
	long calls;   /* malloc and realloc calls so far, failed ones included */
	long fail_at; /* the call to fail (1-based); 0: none */
	long live;    /* blocks allocated and not yet freed */
} test_counter;

static inline void *test_counting_malloc(size_t size, void *payload)
{
	test_counter *c = payload;
	void *p;

	if (++c->calls == c->fail_at)
		return NULL;
	p = malloc(size);
	if (p != NULL)
		c->live++;
	return p;
}

static inline void *test_counting_realloc(void *ptr, size_t size, void *payload)
{
	test_counter *c = payload;
	void *p;

	if (++c->calls == c->fail_at)
		return NULL;
	p = realloc(ptr, size);
	if (p != NULL && ptr == NULL)
		c->live++;
	return p;
}

static inline void test_counting_free(void *ptr, void *payload)
{
	test_counter *c = payload;

	if (ptr != NULL)
		c->live--;
	free(ptr);
}

static inline veikart_allocator test_counting_allocator(test_counter *counter)
{
	veikart_allocator a = { test_counting_malloc, test_counting_realloc, test_counting_free,
		                counter };

	return a;
}

#endif
