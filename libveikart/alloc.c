/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Allocation through the caller's hook, and the arena that immutable
 * objects (methodologies, compiled expressions) are built in.
 */
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void *default_malloc(size_t size, void *payload)
{
	(void)payload;
	return malloc(size);
}

static void *default_realloc(void *ptr, size_t size, void *payload)
{
	(void)payload;
	return realloc(ptr, size);
}

static void default_free(void *ptr, void *payload)
{
	(void)payload;
	free(ptr);
}

static const veikart_allocator default_allocator = { default_malloc, default_realloc, default_free,
	                                             NULL };

const veikart_allocator *veikart__allocator_or_default(const veikart_allocator *alloc)
{
	if (alloc == NULL || alloc->malloc == NULL || alloc->realloc == NULL || alloc->free == NULL)
		return &default_allocator;
	return alloc;
}

void *veikart__malloc(const veikart_allocator *alloc, size_t size)
{
	void *p;

	alloc = veikart__allocator_or_default(alloc);
	p = alloc->malloc(size ? size : 1, alloc->payload);
	if (p == NULL)
		veikart__error_nomem();
	return p;
}

void *veikart__calloc(const veikart_allocator *alloc, size_t count, size_t size)
{
	void *p;

	if (size != 0 && count > SIZE_MAX / size) {
		veikart__error_nomem();
		return NULL;
	}
	p = veikart__malloc(alloc, count * size);
	if (p != NULL)
		memset(p, 0, count * size);
	return p;
}

void *veikart__realloc(const veikart_allocator *alloc, void *ptr, size_t size)
{
	void *p;

	alloc = veikart__allocator_or_default(alloc);
	p = alloc->realloc(ptr, size ? size : 1, alloc->payload);
	if (p == NULL)
		veikart__error_nomem();
	return p;
}

int veikart__grow(const veikart_allocator *alloc, void **array, size_t *cap, size_t need,
                  size_t size)
{
	size_t n = *cap ? *cap : 8;
	void *p;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return veikart__error_nomem();
		n *= 2;
	}
	if (size != 0 && n > SIZE_MAX / size)
		return veikart__error_nomem();
	p = veikart__realloc(alloc, *array, n * size);
	if (p == NULL)
		return VEIKART_ENOMEM;
	*array = p;
	*cap = n;
	return 0;
}

void veikart__free(const veikart_allocator *alloc, void *ptr)
{
	if (ptr == NULL)
		return;
	alloc = veikart__allocator_or_default(alloc);
	alloc->free(ptr, alloc->payload);
}

char *veikart__strndup(const veikart_allocator *alloc, const char *s, size_t len)
{
	char *p = veikart__malloc(alloc, len + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *veikart__strdup(const veikart_allocator *alloc, const char *s)
{
	return s ? veikart__strndup(alloc, s, strlen(s)) : NULL;
}

/* Arena chunks hold their payload right after the header. */
struct veikart__arena_chunk {
	veikart__arena_chunk *next;
	size_t size;
	max_align_t align[];
};

#define ARENA_FIRST_CHUNK 512
#define ARENA_CHUNK_SIZE 8192

void veikart__arena_init(veikart__arena *arena, const veikart_allocator *alloc)
{
	arena->alloc = alloc;
	arena->head = NULL;
	arena->used = 0;
	arena->cap = 0;
	arena->next_size = ARENA_FIRST_CHUNK;
}

void *veikart__arena_alloc(veikart__arena *arena, size_t size)
{
	veikart__arena_chunk *chunk;
	size_t chunk_size;
	void *p;

	size = (size + 7) & ~(size_t)7;
	if (size == 0)
		size = 8;
	if (arena->head == NULL || arena->cap - arena->used < size) {
		if (size > SIZE_MAX - sizeof(*chunk)) {
			veikart__error_nomem();
			return NULL;
		}
		if (arena->head != NULL && size > ARENA_CHUNK_SIZE / 4) {
			/* A large one-off block: keep filling the current chunk. */
			chunk = veikart__malloc(arena->alloc, sizeof(*chunk) + size);
			if (chunk == NULL)
				return NULL;
			chunk->size = size;
			chunk->next = arena->head->next;
			arena->head->next = chunk;
			memset(chunk->align, 0, size);
			return chunk->align;
		}
		/* Chunks double from a small first one: most expressions need a
		 * few hundred bytes, a methodology some tens of kilobytes. */
		if (arena->next_size == 0) /* a zeroed arena, never initialised */
			arena->next_size = ARENA_FIRST_CHUNK;
		chunk_size = arena->next_size > size ? arena->next_size : size;
		chunk = veikart__malloc(arena->alloc, sizeof(*chunk) + chunk_size);
		if (chunk == NULL)
			return NULL;
		chunk->size = chunk_size;
		chunk->next = arena->head;
		arena->head = chunk;
		arena->used = 0;
		arena->cap = chunk_size;
		if (arena->next_size < ARENA_CHUNK_SIZE)
			arena->next_size *= 2;
	}
	p = (char *)arena->head->align + arena->used;
	arena->used += size;
	memset(p, 0, size);
	return p;
}

char *veikart__arena_strndup(veikart__arena *arena, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX) {
		veikart__error_nomem();
		return NULL;
	}
	p = veikart__arena_alloc(arena, len + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *veikart__arena_strdup(veikart__arena *arena, const char *s)
{
	return s ? veikart__arena_strndup(arena, s, strlen(s)) : NULL;
}

void veikart__arena_release(veikart__arena *arena)
{
	veikart__arena_chunk *chunk = arena->head, *next;

	while (chunk != NULL) {
		next = chunk->next;
		veikart__free(arena->alloc, chunk);
		chunk = next;
	}
	arena->head = NULL;
	arena->used = 0;
	arena->cap = 0;
}

/* Copy several strings into one allocation after a struct of `head` bytes. */
void *veikart__block(const veikart_allocator *alloc, size_t head, const char *const *strs, size_t n,
                     char **copies)
{
	size_t total = head, i, len;
	char *p, *w;

	for (i = 0; i < n; i++)
		total += strs[i] ? strlen(strs[i]) + 1 : 0;
	p = veikart__malloc(alloc, total);
	if (p == NULL)
		return NULL;
	memset(p, 0, head);
	w = p + head;
	for (i = 0; i < n; i++) {
		copies[i] = NULL;
		if (strs[i] == NULL)
			continue;
		len = strlen(strs[i]) + 1;
		memcpy(w, strs[i], len);
		copies[i] = w;
		w += len;
	}
	return p;
}

/* ---- arena vectors --------------------------------------------------------- */

int veikart__vec_push(veikart__arena *arena, veikart__vec *vec, void *item)
{
	return veikart__vec_insert(arena, vec, vec->count, item);
}

int veikart__vec_insert(veikart__arena *arena, veikart__vec *vec, size_t at, void *item)
{
	void **items;
	size_t cap;

	if (vec->count == vec->cap) {
		cap = vec->cap ? vec->cap * 2 : 8;
		items = veikart__arena_alloc(arena, cap * sizeof(*items));
		if (items == NULL)
			return VEIKART_ENOMEM;
		if (vec->count)
			memcpy(items, vec->items, vec->count * sizeof(*items));
		vec->items = items;
		vec->cap = cap;
	}
	if (at > vec->count)
		at = vec->count;
	memmove(vec->items + at + 1, vec->items + at, (vec->count - at) * sizeof(*vec->items));
	vec->items[at] = item;
	vec->count++;
	return 0;
}

void veikart__vec_remove(veikart__vec *vec, size_t at)
{
	if (at >= vec->count)
		return;
	memmove(vec->items + at, vec->items + at + 1, (vec->count - at - 1) * sizeof(*vec->items));
	vec->count--;
}

/* Strings handed to the caller carry their allocator just before them, so
 * that veikart_string_free() needs nothing else. */
typedef struct string_head {
	veikart_allocator alloc;
	max_align_t align[];
} string_head;

char *veikart__string_new(const veikart_allocator *alloc, const char *data, size_t len)
{
	string_head *h;
	char *s;

	if (len > SIZE_MAX - sizeof(*h) - 1) {
		veikart__error_nomem();
		return NULL;
	}
	h = veikart__malloc(alloc, sizeof(*h) + len + 1);
	if (h == NULL)
		return NULL;
	h->alloc = *veikart__allocator_or_default(alloc);
	s = (char *)h->align;
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

void veikart_string_free(char *string)
{
	string_head *h;
	veikart_allocator alloc;

	if (string == NULL)
		return;
	h = (string_head *)(void *)(string - offsetof(string_head, align));
	alloc = h->alloc;
	veikart__free(&alloc, h);
}
