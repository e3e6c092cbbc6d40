/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Checking a journal against a keyring: every signature, and who must
 * sign; and seals, the signed head of a journal kept elsewhere, which show
 * a rewrite or a cut of the whole file (formats in veikart/sign.h).
 */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "event.h"
#include "sign.h"

#define SEAL_HEADER "veikart-seal 1\n"

static int refused(const veikart_journal *j, size_t index, const char *fmt, ...)
        VEIKART__PRINTF(3, 4);

/* Event INDEX + 1 is on line INDEX + 2: the header is line 1. */
static int refused(const veikart_journal *j, size_t index, const char *fmt, ...)
{
	const char *path = veikart_journal_path(j);
	unsigned long line = (unsigned long)index + 2;
	char what[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return veikart__error_set_at(VEIKART_ECORRUPT, path,
	                             line > UINT_MAX ? UINT_MAX : (unsigned int)line, 0,
	                             "%s: event %zu (line %lu): %s", path, index + 1, line, what);
}

int veikart_journal_verify_signatures(const veikart_journal *j, const veikart_keyring *kr,
                                      size_t *signed_count)
{
	const veikart__ring_key *k;
	const veikart_event *ev;
	size_t i, n, nsigned = 0;

	if (j == NULL || kr == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no journal or no keyring");
	n = veikart_journal_count(j);
	for (i = 0; i < n; i++) {
		ev = veikart_journal_event(j, i);
		if (ev->key_id == NULL) {
			if (veikart__keyring_must_sign(kr, ev->actor))
				return refused(
				        j, i,
				        "it is not signed, but the keyring says `%s` must sign "
				        "every event of theirs",
				        ev->actor);
			continue;
		}
		k = veikart__keyring_find(kr, ev->key_id);
		if (k == NULL)
			return refused(
			        j, i,
			        "it is signed with key %s, which is not in the keyring, so the "
			        "signature cannot be checked",
			        ev->key_id);
		if (!veikart__event_signature_ok(ev, k->pk))
			return refused(
			        j, i,
			        "its signature by key %s (%s) does not match it: the event was "
			        "changed after it was signed",
			        k->id, k->name ? k->name : "host");
		if (k->policy != VEIKART_KEY_HOST && strcmp(k->name, ev->actor) != 0)
			return refused(
			        j, i, "it is recorded as `%s` but signed with the key of `%s` (%s)",
			        ev->actor, k->name, k->id);
		if (k->policy == VEIKART_KEY_HOST && veikart__keyring_must_sign(kr, ev->actor))
			return refused(j, i,
			               "it is signed by the host key %s, but the keyring says `%s` "
			               "must sign every event of theirs with a key of their own",
			               k->id, ev->actor);
		nsigned++;
	}
	if (signed_count != NULL)
		*signed_count = nsigned;
	return 0;
}

/* ---- seals ----------------------------------------------------------------- */

int veikart_seal_make(char **out, const veikart_journal *j, const veikart_key *key, int64_t time)
{
	char sig[VEIKART__SIG_B64_SIZE], text[400];
	const veikart_event *last;
	size_t n;
	int len, all;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the seal");
	*out = NULL;
	if (j == NULL || key == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no journal or no key");
	n = veikart_journal_count(j);
	last = n > 0 ? veikart_journal_event(j, n - 1) : NULL;
	len = snprintf(text, sizeof(text),
	               SEAL_HEADER "events %zu\nhead %s\nsealed-at %" PRId64 "\n", n,
	               last != NULL ? last->hash : VEIKART__HASH_ZERO, time);
	veikart__key_sign(key, text, (size_t)len, sig);
	all = len + snprintf(text + len, sizeof(text) - (size_t)len, "key %s\nsig %s\n",
	                     veikart_key_id(key), sig);
	*out = veikart__string_new(veikart__key_allocator(key), text, (size_t)all);
	return *out != NULL ? 0 : VEIKART_ENOMEM;
}

static int bad_seal(unsigned int line, const char *what)
{
	return veikart__error_set_at(VEIKART_EFORMAT, "seal", line, 0, "the seal, line %u: %s",
	                             line, what);
}

/* The next line of the seal if it is `WORD VALUE`: VALUE and its length. */
static int seal_line(const char **p, const char *end, const char *word, unsigned int line,
                     const char **value, size_t *len)
{
	size_t wlen = strlen(word);
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	char what[80];

	if (nl == NULL || (size_t)(nl - *p) <= wlen + 1 || memcmp(*p, word, wlen) != 0 ||
	    (*p)[wlen] != ' ') {
		snprintf(what, sizeof(what), "expected `%s ...` and a line feed", word);
		return bad_seal(line, what);
	}
	*value = *p + wlen + 1;
	*len = (size_t)(nl - *value);
	*p = nl + 1;
	return 0;
}

/* A decimal number without sign or leading zeros, at most MAX. */
static int seal_number(const char *s, size_t len, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || len > 19 || (len > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

int veikart_seal_check(const veikart_journal *j, const char *seal, size_t length,
                       const veikart_keyring *kr, uint64_t *sealed_events)
{
	const char *p = seal, *end = seal + length, *v, *head, *key_id, *sig, *signed_end;
	const veikart__ring_key *k;
	const veikart_event *ev;
	uint64_t events, t;
	size_t len, n, hlen;
	int negative, err;

	if (j == NULL || seal == NULL || kr == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no journal, no seal or no keyring");
	if (length < strlen(SEAL_HEADER) || memcmp(seal, SEAL_HEADER, strlen(SEAL_HEADER)) != 0)
		return bad_seal(1, "not a veikart seal: the first line must be `veikart-seal 1`");
	p += strlen(SEAL_HEADER);
	err = seal_line(&p, end, "events", 2, &v, &len);
	if (err < 0)
		return err;
	if (seal_number(v, len, SIZE_MAX, &events) < 0)
		return bad_seal(2, "the number of events is not a number");
	err = seal_line(&p, end, "head", 3, &head, &hlen);
	if (err < 0)
		return err;
	if (hlen != 64 || strspn(head, "0123456789abcdef") < 64)
		return bad_seal(3, "the head is not 64 lowercase hex digits");
	err = seal_line(&p, end, "sealed-at", 4, &v, &len);
	if (err < 0)
		return err;
	negative = len > 0 && v[0] == '-';
	if (seal_number(v + negative, len - (size_t)negative, INT64_MAX, &t) < 0)
		return bad_seal(4, "the time is not a number of seconds");
	signed_end = p;
	err = seal_line(&p, end, "key", 5, &key_id, &len);
	if (err < 0)
		return err;
	if (len != VEIKART_KEY_ID_LENGTH || strspn(key_id, "0123456789abcdef") < len)
		return bad_seal(5, "the key id is not 16 lowercase hex digits");
	err = seal_line(&p, end, "sig", 6, &sig, &len);
	if (err < 0)
		return err;
	if (len != VEIKART__SIG_B64_LEN)
		return bad_seal(6, "the signature is not 88 Base64 characters");
	if (p != end)
		return bad_seal(7, "the seal goes on after its signature");

	k = veikart__keyring_find(kr, key_id);
	if (k == NULL)
		return veikart__error_set(VEIKART_ECORRUPT,
		                          "the seal is signed with key %.16s, which is not in the "
		                          "keyring",
		                          key_id);
	if (!veikart__signature_ok(k->pk, seal, (size_t)(signed_end - seal), sig))
		return veikart__error_set(VEIKART_ECORRUPT,
		                          "the seal's signature by key %s (%s) does not match it: "
		                          "the seal was changed",
		                          k->id, k->name ? k->name : "host");
	n = veikart_journal_count(j);
	if (n < events)
		return veikart__error_set_at(
		        VEIKART_ECORRUPT, veikart_journal_path(j), 0, 0,
		        "%s holds %zu events, but the seal by key %s (%s) covers %" PRIu64
		        ": events %zu to %" PRIu64 " were cut off, or the journal was replaced",
		        veikart_journal_path(j), n, k->id, k->name ? k->name : "host", events,
		        n + 1, events);
	ev = events > 0 ? veikart_journal_event(j, (size_t)events - 1) : NULL;
	if (memcmp(ev != NULL ? ev->hash : VEIKART__HASH_ZERO, head, 64) != 0)
		return veikart__error_set_at(
		        VEIKART_ECORRUPT, veikart_journal_path(j), 0, 0,
		        "%s: event %" PRIu64 " is not the one sealed by key %s (%s): its hash is "
		        "%.12s..., the seal's %.12s...; the journal was rewritten at or before "
		        "event %" PRIu64,
		        veikart_journal_path(j), events, k->id, k->name ? k->name : "host",
		        ev != NULL ? ev->hash : VEIKART__HASH_ZERO, head, events);
	if (sealed_events != NULL)
		*sealed_events = events;
	return 0;
}
