/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Internal helpers every module uses: allocation through the caller's hook,
 * an arena for immutable objects, a growable string, and raising errors.
 */
#ifndef VEIKART_UTIL_H
#define VEIKART_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "veikart.h"

/* The library's private declarations of its public modules. */

#if defined(__GNUC__)
#define VEIKART__PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define VEIKART__SENTINEL __attribute__((sentinel))
#else
#define VEIKART__PRINTF(fmt, args)
#define VEIKART__SENTINEL
#endif

#define VEIKART__ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation.  Every function takes the allocator explicitly; NULL means the
 * default (malloc).  On failure they raise VEIKART_ENOMEM and return NULL. */
const veikart_allocator *veikart__allocator_or_default(const veikart_allocator *alloc);
void *veikart__malloc(const veikart_allocator *alloc, size_t size);
void *veikart__calloc(const veikart_allocator *alloc, size_t count, size_t size);
void *veikart__realloc(const veikart_allocator *alloc, void *ptr, size_t size);
/* Grow an array to hold at least `need` elements of `size` bytes; doubles. */
int veikart__grow(const veikart_allocator *alloc, void **array, size_t *cap, size_t need,
                  size_t size);
void veikart__free(const veikart_allocator *alloc, void *ptr);
char *veikart__strndup(const veikart_allocator *alloc, const char *s, size_t len);
char *veikart__strdup(const veikart_allocator *alloc, const char *s);
/* One allocation of `head` zeroed bytes followed by copies of the N strings
 * (NULL ones are skipped and their copy is NULL), for a struct that keeps
 * its strings with it. */
void *veikart__block(const veikart_allocator *alloc, size_t head, const char *const *strs, size_t n,
                     char **copies);
/* A string the caller owns and frees with veikart_string_free(). */
char *veikart__string_new(const veikart_allocator *alloc, const char *data, size_t len);

/* Arena: many small allocations freed together.  Methodologies and compiled
 * expressions live in one, so freeing them is one walk over a few chunks. */
typedef struct veikart__arena_chunk veikart__arena_chunk;
typedef struct veikart__arena {
	const veikart_allocator *alloc;
	veikart__arena_chunk *head;
	size_t used;      /* bytes used in head */
	size_t cap;       /* bytes available in head */
	size_t next_size; /* of the next chunk */
} veikart__arena;

void veikart__arena_init(veikart__arena *arena, const veikart_allocator *alloc);
void *veikart__arena_alloc(veikart__arena *arena, size_t size); /* zeroed, 8-aligned */
char *veikart__arena_strndup(veikart__arena *arena, const char *s, size_t len);
char *veikart__arena_strdup(veikart__arena *arena, const char *s); /* NULL stays NULL */
void veikart__arena_release(veikart__arena *arena);

/* A growable array of pointers in an arena (the methodology's model). */
typedef struct veikart__vec {
	void **items;
	size_t count;
	size_t cap;
} veikart__vec;

int veikart__vec_push(veikart__arena *arena, veikart__vec *vec, void *item);
int veikart__vec_insert(veikart__arena *arena, veikart__vec *vec, size_t at, void *item);
void veikart__vec_remove(veikart__vec *vec, size_t at);

/* Growable NUL-terminated string.  After an allocation failure the buffer
 * stays in a failed state and further appends do nothing, so a sequence of
 * appends needs one check at the end. */
typedef struct veikart__buf {
	const veikart_allocator *alloc;
	char *ptr;
	size_t len;
	size_t cap;
	int failed;
	char *fixed; /* the caller's storage it started in (never freed), or NULL */
} veikart__buf;

void veikart__buf_init(veikart__buf *buf, const veikart_allocator *alloc);
/* Start in the caller's storage (`size` bytes, usually on the stack), and
 * move to the heap only if the text outgrows it. */
void veikart__buf_init_on(veikart__buf *buf, const veikart_allocator *alloc, char *storage,
                          size_t size);
/* Room for `size` bytes of text in one allocation, for a text whose
 * length is known roughly in advance. */
int veikart__buf_reserve(veikart__buf *buf, size_t size);
int veikart__buf_put(veikart__buf *buf, const char *data, size_t len);
int veikart__buf_puts(veikart__buf *buf, const char *s);
int veikart__buf_putc(veikart__buf *buf, char c);
int veikart__buf_printf(veikart__buf *buf, const char *fmt, ...) VEIKART__PRINTF(2, 3);
/* Strings one after another, up to a NULL: for the texts built on every
 * evaluation, where printf's parsing of the format costs more than the rest. */
int veikart__buf_cat(veikart__buf *buf, ...) VEIKART__SENTINEL;
int veikart__buf_vprintf(veikart__buf *buf, const char *fmt, va_list ap) VEIKART__PRINTF(2, 0);
void veikart__buf_clear(veikart__buf *buf);
const char *veikart__buf_cstr(const veikart__buf *buf); /* "" when empty */
char *veikart__buf_detach(veikart__buf *buf);           /* caller frees with the allocator */
void veikart__buf_dispose(veikart__buf *buf);

/* Decimal text of an integer and a NUL, without printf (event records
 * carry two on every line); returns the length, at most 20. */
#define VEIKART__INT_TEXT_SIZE 24
size_t veikart__u64_text(char *out, uint64_t v); /* out: 21 bytes */
size_t veikart__i64_text(char out[VEIKART__INT_TEXT_SIZE], int64_t v);

/* Raising errors: fill the thread-local record and return `code`. */
int veikart__error_set(int code, const char *fmt, ...) VEIKART__PRINTF(2, 3);
int veikart__error_set_at(int code, const char *file, unsigned int line, unsigned int column,
                          const char *fmt, ...) VEIKART__PRINTF(5, 6);
int veikart__error_nomem(void);
/* Raise from a diagnostic (the first error of a load). */
int veikart__error_from_diagnostic(int code, const veikart_diagnostic *diag);

/* Check an options structure's version: 0, or VEIKART_EVERSION raised. */
int veikart__check_version(unsigned int version, unsigned int max, const char *what);
/* The body of a veikart_X_init() function: check VERSION, then fill OPTS
 * (SIZE bytes, starting with its version field) from DEFAULTS. */
int veikart__options_init(void *opts, size_t size, const void *defaults, unsigned int version,
                          unsigned int max, const char *what);

/* Diagnostics list (the public type is opaque; modules add to it). */
int veikart__diags_new(veikart_diagnostics **out, const veikart_allocator *alloc);
int veikart__diags_add(veikart_diagnostics *diags, veikart_severity severity, const char *file,
                       unsigned int line, unsigned int column, const char *fmt, ...)
        VEIKART__PRINTF(6, 7);
int veikart__diags_vadd(veikart_diagnostics *diags, veikart_severity severity, const char *file,
                        unsigned int line, unsigned int column, const char *fmt, va_list ap)
        VEIKART__PRINTF(6, 0);
/* Sort by file (in order of first appearance), line and column; stable. */
void veikart__diags_sort(veikart_diagnostics *diags);
const veikart_diagnostic *veikart__diags_first_error(const veikart_diagnostics *diags);

/* Open PATH to read it whole (file.c): 0 with its descriptor and size when
 * it is a regular file; otherwise a negative code (VEIKART_ENOTFOUND,
 * VEIKART_EIO) and, in WHY, what it is ("is a FIFO, not a regular file").
 * Raises no error: the caller says it with the file's name. */
int veikart__file_open(const char *path, int *fd, uint64_t *size, char *why, size_t why_size);

/* Length of the longest prefix of s that is valid UTF-8 (len when all is). */
size_t veikart__utf8_check(const char *s, size_t len);

/* Strings. */
int veikart__streq(const char *a, const char *b); /* NULL-safe */
int veikart__strcaseeq(const char *a, const char *b);
int veikart__is_ident_start(int c);
int veikart__is_ident_char(int c);

/*
 * The body of a veikart_X_from_name() function: the value of the
 * enumeration TYPE, from FIRST to LAST, whose NAME_FN() is NAME, or
 * VEIKART_EINVALID with a message that lists the names (WHAT: "an outcome").
 */
#define VEIKART__FROM_NAME(name, out, type, name_fn, first, last, what)                            \
	do {                                                                                       \
		char names_[256];                                                                  \
		size_t n_ = 0;                                                                     \
		int k_;                                                                            \
		if ((name) == NULL || (out) == NULL)                                               \
			return veikart__error_set(VEIKART_EINVALID,                                \
			                          "no name, or no place for the value");           \
		for (k_ = (int)(first); k_ <= (int)(last); k_++)                                   \
			if (strcmp((name), name_fn((type)k_)) == 0) {                              \
				*(out) = (type)k_;                                                 \
				return 0;                                                          \
			}                                                                          \
		for (k_ = (int)(first); k_ <= (int)(last) && n_ < sizeof(names_); k_++)            \
			n_ += (size_t)snprintf(names_ + n_, sizeof(names_) - n_, "%s%s",           \
			                       k_ > (int)(first) ? ", " : "", name_fn((type)k_));  \
		return veikart__error_set(VEIKART_EINVALID, "`%s` is not %s (%s)", (name), (what), \
		                          names_);                                                 \
	} while (0)

/* Once-only library initialisation (libxml2, libsodium, built-in schemas).
 * Every entry point that needs them calls this; cheap after the first call. */
int veikart__global_init(void);

/* A SHA-256 as 64 lowercase hex digits and a NUL (sha256.h hashes). */
#define VEIKART__SHA256_HEX_SIZE 65

#endif
