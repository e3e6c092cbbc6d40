/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * A growable string for building messages, reasons and text output.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

/* The first allocation of a buffer, in bytes. */
#define BUF_FIRST_SIZE 64

void veikart__buf_init(veikart__buf *buf, const veikart_allocator *alloc)
{
	buf->alloc = alloc;
	buf->ptr = NULL;
	buf->len = 0;
	buf->cap = 0;
	buf->failed = 0;
	buf->fixed = NULL;
}

void veikart__buf_init_on(veikart__buf *buf, const veikart_allocator *alloc, char *storage,
                          size_t size)
{
	veikart__buf_init(buf, alloc);
	if (storage != NULL && size > 0) {
		storage[0] = '\0';
		buf->ptr = storage;
		buf->cap = size;
		buf->fixed = storage;
	}
}

static int reserve(veikart__buf *buf, size_t extra)
{
	void *p = buf->ptr;
	size_t need;

	if (buf->failed)
		return VEIKART_ENOMEM;
	if (extra < buf->cap - buf->len)
		return 0; /* it fits, with room for the NUL */
	if (extra >= SIZE_MAX - buf->len) {
		buf->failed = 1;
		return veikart__error_nomem();
	}
	/* Texts are built from many small pieces: start at a size most of
	 * them fit in, rather than doubling up to it. */
	need = buf->len + extra + 1;
	if (need < BUF_FIRST_SIZE)
		need = BUF_FIRST_SIZE;
	if (p != NULL && p == buf->fixed) {
		/* Out of the caller's storage: the text moves to the heap. */
		size_t cap = 0;
		p = NULL;
		if (veikart__grow(buf->alloc, &p, &cap, need, 1) < 0) {
			buf->failed = 1;
			return VEIKART_ENOMEM;
		}
		memcpy(p, buf->fixed, buf->len + 1);
		buf->ptr = p;
		buf->cap = cap;
		return 0;
	}
	if (veikart__grow(buf->alloc, &p, &buf->cap, need, 1) < 0) {
		buf->failed = 1;
		return VEIKART_ENOMEM;
	}
	buf->ptr = p;
	return 0;
}

int veikart__buf_reserve(veikart__buf *buf, size_t size)
{
	return size > buf->len ? reserve(buf, size - buf->len) : 0;
}

int veikart__buf_put(veikart__buf *buf, const char *data, size_t len)
{
	if (reserve(buf, len) < 0)
		return VEIKART_ENOMEM;
	if (len)
		memcpy(buf->ptr + buf->len, data, len);
	buf->len += len;
	buf->ptr[buf->len] = '\0';
	return 0;
}

int veikart__buf_puts(veikart__buf *buf, const char *s)
{
	return veikart__buf_put(buf, s, strlen(s));
}

int veikart__buf_cat(veikart__buf *buf, ...)
{
	const char *s;
	va_list ap;
	int err = 0;

	va_start(ap, buf);
	for (s = va_arg(ap, const char *); s != NULL; s = va_arg(ap, const char *))
		if (veikart__buf_put(buf, s, strlen(s)) < 0)
			err = VEIKART_ENOMEM;
	va_end(ap);
	return err;
}

int veikart__buf_putc(veikart__buf *buf, char c)
{
	return veikart__buf_put(buf, &c, 1);
}

int veikart__buf_vprintf(veikart__buf *buf, const char *fmt, va_list ap)
{
	va_list copy;
	size_t room;
	int n;

	if (buf->failed)
		return VEIKART_ENOMEM;
	/* Format into the room there is, and only when the text does not fit
	 * grow and format it again: reasons and messages are built from many
	 * short pieces, and most fit. */
	room = buf->ptr != NULL ? buf->cap - buf->len : 0;
	va_copy(copy, ap);
	n = vsnprintf(room > 0 ? buf->ptr + buf->len : NULL, room, fmt, copy);
	va_end(copy);
	if (n < 0) {
		if (room > 0)
			buf->ptr[buf->len] = '\0';
		return veikart__error_set(VEIKART_ERROR, "cannot format text");
	}
	if ((size_t)n >= room) {
		if (room > 0)
			buf->ptr[buf->len] = '\0'; /* what did fit is not part of the text */
		if (reserve(buf, (size_t)n) < 0)
			return VEIKART_ENOMEM;
		vsnprintf(buf->ptr + buf->len, (size_t)n + 1, fmt, ap);
	}
	buf->len += (size_t)n;
	return 0;
}

int veikart__buf_printf(veikart__buf *buf, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = veikart__buf_vprintf(buf, fmt, ap);
	va_end(ap);
	return err;
}

void veikart__buf_clear(veikart__buf *buf)
{
	buf->len = 0;
	if (buf->ptr != NULL)
		buf->ptr[0] = '\0';
}

const char *veikart__buf_cstr(const veikart__buf *buf)
{
	return buf->ptr != NULL ? buf->ptr : "";
}

char *veikart__buf_detach(veikart__buf *buf)
{
	char *p;

	if (buf->failed) {
		veikart__buf_dispose(buf);
		return NULL;
	}
	if (buf->ptr == NULL && reserve(buf, 0) < 0)
		return NULL;
	if (buf->len == 0)
		buf->ptr[0] = '\0';
	if (buf->ptr == buf->fixed) {
		p = veikart__strndup(buf->alloc, buf->ptr, buf->len);
		veikart__buf_init(buf, buf->alloc);
		return p;
	}
	p = buf->ptr;
	veikart__buf_init(buf, buf->alloc);
	return p;
}

void veikart__buf_dispose(veikart__buf *buf)
{
	if (buf->ptr != buf->fixed)
		veikart__free(buf->alloc, buf->ptr);
	veikart__buf_init(buf, buf->alloc);
}

/* "00" to "99", so that numbers are written two digits at a time. */
static const char digit_pairs[201] = "000102030405060708091011121314151617181920212223242526272829"
                                     "303132333435363738394041424344454647484950515253545556575859"
                                     "606162636465666768697071727374757677787980818283848586878889"
                                     "90919293949596979899";

size_t veikart__u64_text(char *out, uint64_t v)
{
	char digits[20], *w = digits + sizeof(digits);
	size_t n;

	while (v >= 100) {
		w -= 2;
		memcpy(w, digit_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		w -= 2;
		memcpy(w, digit_pairs + 2 * v, 2);
	} else {
		*--w = (char)('0' + v);
	}
	n = (size_t)(digits + sizeof(digits) - w);
	memcpy(out, w, n);
	out[n] = '\0';
	return n;
}

size_t veikart__i64_text(char out[VEIKART__INT_TEXT_SIZE], int64_t v)
{
	/* The magnitude as unsigned, so INT64_MIN needs no special case. */
	if (v < 0) {
		out[0] = '-';
		return 1 + veikart__u64_text(out + 1, 0 - (uint64_t)v);
	}
	return veikart__u64_text(out, (uint64_t)v);
}
