/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Events inside the library: building one (which writes its record and
 * hashes it once) and reading one back from a record.
 */
#ifndef VEIKART_EVENT_INTERNAL_H
#define VEIKART_EVENT_INTERNAL_H

#include <string.h>

#include "util.h"

#define VEIKART__HASH_ZERO "0000000000000000000000000000000000000000000000000000000000000000"

struct veikart_event {
	veikart_allocator alloc;
	uint64_t seq;
	int64_t time;
	veikart_event_kind kind;
	const char *actor; /* unescaped */
	size_t nfields;
	const char **keys;   /* record order */
	const char **values; /* unescaped */
	char prev[VEIKART__SHA256_HEX_SIZE];
	char hash[VEIKART__SHA256_HEX_SIZE];
	char *record; /* the line, with its line feed, NUL-terminated */
	size_t record_len;
	/* A signed event's key id and Base64 signature (veikart/sign.h); both
	 * NULL when it is not signed. */
	const char *key_id;
	const char *sig;
};

/* What a signature adds to a record after its hash:
 * TAB key=<16 hex digits> TAB sig=<88 Base64 characters>. */
#define VEIKART__SIG_B64_LEN 88
#define VEIKART__SIG_TRAILER_LEN (5 + VEIKART_KEY_ID_LENGTH + 5 + VEIKART__SIG_B64_LEN)
/* What an event's signature signs: this prefix, then its 64 hash digits. */
#define VEIKART__SIG_CONTEXT "veikart-event 1 "

typedef struct veikart__event_field {
	const char *key; /* a literal: keys are never escaped */
	const char *value;
	size_t key_len, value_len, escaped_len; /* measured once, in finish */
} veikart__event_field;

/* Collects an event's parts; nothing is copied until finish. */
typedef struct veikart__event_builder {
	const veikart_allocator *alloc;
	uint64_t seq;
	int64_t time;
	veikart_event_kind kind;
	const char *actor;
	veikart__event_field inline_fields[16];
	veikart__event_field *fields;
	size_t nfields;
	size_t cap;
	int failed;
} veikart__event_builder;

void veikart__event_begin(veikart__event_builder *b, const veikart_allocator *alloc, uint64_t seq,
                          int64_t time, veikart_event_kind kind, const char *actor);
/* Add a field; `value` must live until finish.  NULL values are skipped. */
void veikart__event_add(veikart__event_builder *b, const char *key, const char *value);
/* Write the record, chained to `prev` (64 hex digits), and hash it.  The
 * event's actor and values are the builder's strings, not copies: free the
 * event before they go. */
int veikart__event_finish(veikart_event **out, veikart__event_builder *b, const char *prev);
void veikart__event_builder_dispose(veikart__event_builder *b);

/* Read an event from a record (with or without its line feed).  On failure
 * returns VEIKART_EFORMAT or VEIKART_ECORRUPT and writes why into `why`;
 * nothing is raised. */
int veikart__event_parse(veikart_event **out, const char *record, size_t len,
                         const veikart_allocator *alloc, char *why, size_t why_size);
void veikart__event_free(veikart_event *event);

veikart_event_kind veikart__event_kind_from(const char *name, size_t len);

/* Escaping as records do it (\\, \t, \n, \r), for the other text formats
 * that hold names (sign.c): the length of S (LEN bytes) once escaped;
 * write it escaped at W and return the end; unescape LEN bytes of S into W
 * with a NUL, returning the end after the NUL, or NULL for a backslash
 * that starts no escape. */
size_t veikart__record_escaped_len(const char *s, size_t len);
char *veikart__record_escape(char *w, const char *s);
char *veikart__record_unescape(char *w, const char *s, size_t len);

/* Whether a field's key is WANT.  Keys are short and most differ in their
 * first byte, so that is compared before the call: a replay looks up every
 * field of every event, and the first byte saves it 4 % of its
 * instructions (docs/performance.md, 5.4). */
static inline int veikart__key_is(const char *key, const char *want)
{
	return key[0] == want[0] && strcmp(key, want) == 0;
}

/* The values of the fields KEYS (N of them) of an event, into OUT; an
 * event without one, or with it empty, is refused (VEIKART_EFORMAT). */
int veikart__event_fields(const veikart_event *ev, const char *const *keys, size_t n,
                          const char **out);

#endif
