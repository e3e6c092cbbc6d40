/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Events and their records.  An event lives in one allocation: the struct,
 * its field tables, the record and the unescaped strings, so building one
 * costs one allocation and one hash, and freeing it one free.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "event.h"
#include "sha256.h"
#include "value.h"

static const char *const kind_names[] = {
	NULL,      "create", "assign", "unassign", "set",           "clear",    "attach",
	"approve", "sign",   "step",   "decide",   "condition-met", "unit-add",
};

const char *veikart_event_kind_name(veikart_event_kind kind)
{
	if ((int)kind <= 0 || (size_t)kind >= VEIKART__ARRAY_SIZE(kind_names))
		return "unknown";
	return kind_names[kind];
}

int veikart_event_kind_from_name(const char *name, veikart_event_kind *out)
{
	VEIKART__FROM_NAME(name, out, veikart_event_kind, veikart_event_kind_name,
	                   VEIKART_EVENT_CREATE, VEIKART_EVENT_UNIT_ADD, "a kind of event");
}

veikart_event_kind veikart__event_kind_from(const char *name, size_t len)
{
	size_t i;

	for (i = 1; i < VEIKART__ARRAY_SIZE(kind_names); i++)
		if (strlen(kind_names[i]) == len && memcmp(kind_names[i], name, len) == 0)
			return (veikart_event_kind)i;
	return (veikart_event_kind)0;
}

/* ---- writing --------------------------------------------------------------- */

/* The length of s (len bytes) in a record, where \, TAB, LF and CR take
 * two bytes.  Most values have none of them: one strcspn finds that. */
size_t veikart__record_escaped_len(const char *s, size_t len)
{
	size_t n = strcspn(s, "\\\t\n\r");

	if (n == len)
		return len;
	for (s += n, n = len; *s != '\0'; s++)
		n += *s == '\\' || *s == '\t' || *s == '\n' || *s == '\r';
	return n;
}

char *veikart__record_escape(char *w, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			*w++ = '\\';
			*w++ = '\\';
			break;
		case '\t':
			*w++ = '\\';
			*w++ = 't';
			break;
		case '\n':
			*w++ = '\\';
			*w++ = 'n';
			break;
		case '\r':
			*w++ = '\\';
			*w++ = 'r';
			break;
		default:
			*w++ = *s;
		}
	}
	return w;
}

/* Write s (len bytes, escaped_len once escaped) into a record. */
static char *put_escaped(char *w, const char *s, size_t len, size_t escaped)
{
	if (escaped == len) {
		memcpy(w, s, len);
		return w + len;
	}
	return veikart__record_escape(w, s);
}

void veikart__event_begin(veikart__event_builder *b, const veikart_allocator *alloc, uint64_t seq,
                          int64_t time, veikart_event_kind kind, const char *actor)
{
	b->alloc = alloc;
	b->seq = seq;
	b->time = time;
	b->kind = kind;
	b->actor = actor;
	b->fields = b->inline_fields;
	b->nfields = 0;
	b->cap = VEIKART__ARRAY_SIZE(b->inline_fields);
	b->failed = 0;
}

void veikart__event_add(veikart__event_builder *b, const char *key, const char *value)
{
	veikart__event_field *more;

	if (value == NULL || b->failed)
		return;
	if (b->nfields == b->cap) {
		more = veikart__malloc(b->alloc, 2 * b->cap * sizeof(*more));
		if (more == NULL) {
			b->failed = 1;
			return;
		}
		memcpy(more, b->fields, b->nfields * sizeof(*more));
		if (b->fields != b->inline_fields)
			veikart__free(b->alloc, b->fields);
		b->fields = more;
		b->cap *= 2;
	}
	b->fields[b->nfields].key = key;
	b->fields[b->nfields].value = value;
	b->nfields++;
}

void veikart__event_builder_dispose(veikart__event_builder *b)
{
	if (b->fields != b->inline_fields)
		veikart__free(b->alloc, b->fields);
	b->fields = b->inline_fields;
	b->nfields = 0;
}

/* Lay out the one block an event lives in. */
static veikart_event *event_block(const veikart_allocator *alloc, size_t nfields, size_t record_len,
                                  size_t strings, char **record_at, char **strings_at)
{
	size_t head = sizeof(veikart_event) + 2 * nfields * sizeof(char *);
	veikart_event *e;

	if (record_len > SIZE_MAX / 2 || strings > SIZE_MAX / 2 - record_len - head) {
		veikart__error_nomem();
		return NULL;
	}
	e = veikart__malloc(alloc, head + record_len + 1 + strings);
	if (e == NULL)
		return NULL;
	memset(e, 0, sizeof(*e));
	e->alloc = *veikart__allocator_or_default(alloc);
	e->keys = (const char **)(e + 1);
	e->values = e->keys + nfields;
	e->nfields = nfields;
	*record_at = (char *)(e->values + nfields);
	*strings_at = *record_at + record_len + 1;
	return e;
}

int veikart__event_finish(veikart_event **out, veikart__event_builder *b, const char *prev)
{
	char seqbuf[VEIKART__INT_TEXT_SIZE], timebuf[VEIKART__INT_TEXT_SIZE], *w, *s;
	size_t record_len, i, hashed, seqlen, timelen, kindlen, actorlen, actor_escaped;
	veikart__event_field *f;
	const char *kind = veikart_event_kind_name(b->kind);
	veikart_event *e;

	*out = NULL;
	if (b->failed)
		return VEIKART_ENOMEM;
	seqlen = veikart__u64_text(seqbuf, b->seq);
	timelen = veikart__i64_text(timebuf, b->time);
	kindlen = strlen(kind);
	actorlen = strlen(b->actor);
	actor_escaped = veikart__record_escaped_len(b->actor, actorlen);
	record_len = seqlen + 1 + timelen + 1 + kindlen + 1 + actor_escaped;
	for (i = 0; i < b->nfields; i++) {
		f = &b->fields[i];
		f->key_len = strlen(f->key);
		f->value_len = strlen(f->value);
		f->escaped_len = veikart__record_escaped_len(f->value, f->value_len);
		record_len += 1 + f->key_len + 1 + f->escaped_len;
	}
	record_len += strlen("\tprev=") + 64 + strlen("\thash=") + 64 + 1;

	/* The actor and values are the builder's own: not copied. */
	e = event_block(b->alloc, b->nfields, record_len, 0, &w, &s);
	if (e == NULL)
		return VEIKART_ENOMEM;
	e->seq = b->seq;
	e->time = b->time;
	e->kind = b->kind;
	e->record = w;
	e->record_len = record_len;

	memcpy(w, seqbuf, seqlen);
	w += seqlen;
	*w++ = '\t';
	memcpy(w, timebuf, timelen);
	w += timelen;
	*w++ = '\t';
	memcpy(w, kind, kindlen);
	w += kindlen;
	*w++ = '\t';
	w = put_escaped(w, b->actor, actorlen, actor_escaped);
	e->actor = b->actor;
	for (i = 0; i < b->nfields; i++) {
		f = &b->fields[i];
		*w++ = '\t';
		memcpy(w, f->key, f->key_len);
		w += f->key_len;
		*w++ = '=';
		w = put_escaped(w, f->value, f->value_len, f->escaped_len);
		e->keys[i] = f->key;
		e->values[i] = f->value;
	}
	memcpy(w, "\tprev=", 6);
	w += 6;
	memcpy(w, prev, 64);
	w += 64;
	memcpy(e->prev, prev, 64);
	e->prev[64] = '\0';
	/* The hash covers everything before the tab that introduces it. */
	hashed = (size_t)(w - e->record);
	veikart__sha256_hex(e->hash, e->record, hashed);
	memcpy(w, "\thash=", 6);
	w += 6;
	memcpy(w, e->hash, 64);
	w += 64;
	*w++ = '\n';
	*w = '\0';
	*out = e;
	return 0;
}

/* ---- reading --------------------------------------------------------------- */

static int say(char *why, size_t size, const char *fmt, ...) VEIKART__PRINTF(3, 4);

static int say(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (why != NULL && size > 0)
		vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return VEIKART_EFORMAT;
}

/* 64 lowercase hexadecimal digits.  Every record has 128 of them; a test
 * per byte, with branches the processor cannot predict on random digits,
 * costs 7 % more instructions in a replay (docs/performance.md, 5.4).
 * Eight bytes at a time: for ASCII bytes, adding 128 - lo sets a byte's
 * high bit when it is at least lo, and adding 127 - hi when it is above
 * hi, with no carry into the next byte. */
#define BYTES(b) (UINT64_C(0x0101010101010101) * (uint8_t)(b))
#define HIGH_BITS BYTES(0x80)

static int is_hex64(const char *s, size_t len)
{
	uint64_t x, digit, lower;
	size_t i;

	if (len != 64)
		return 0;
	for (i = 0; i < 64; i += 8) {
		memcpy(&x, s + i, 8);
		if (x & HIGH_BITS)
			return 0;
		digit = (x + BYTES(128 - '0')) & ~(x + BYTES(127 - '9'));
		lower = (x + BYTES(128 - 'a')) & ~(x + BYTES(127 - 'f'));
		if (((digit | lower) & HIGH_BITS) != HIGH_BITS)
			return 0;
	}
	return 1;
}

static int parse_u64(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || len > 20 || (len > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		/* Nineteen digits cannot overflow; only the twentieth can. */
		if (i == 19 && v > (UINT64_MAX - (uint64_t)(s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Unescape into w; returns the end, or NULL for a backslash that starts
 * no escape.  (Raw line breaks were refused for the whole record.)  Most
 * values have no backslash: they are copied whole. */
char *veikart__record_unescape(char *w, const char *s, size_t len)
{
	const char *bs;
	size_t n;

	for (;;) {
		bs = memchr(s, '\\', len);
		if (bs == NULL)
			break;
		n = (size_t)(bs - s);
		memcpy(w, s, n);
		w += n;
		if (n + 1 >= len)
			return NULL;
		switch (bs[1]) {
		case '\\':
			*w++ = '\\';
			break;
		case 't':
			*w++ = '\t';
			break;
		case 'n':
			*w++ = '\n';
			break;
		case 'r':
			*w++ = '\r';
			break;
		default:
			return NULL;
		}
		s = bs + 2;
		len -= n + 2;
	}
	memcpy(w, s, len);
	w += len;
	*w++ = '\0';
	return w;
}

static const char bad_escape_text[] = "a field has a backslash that starts no escape (\\\\, "
                                      "\\t, \\n, \\r), or a raw line break";

/* The signature fields a signed record ends in (veikart/sign.h): on
 * success *LEN is cut to the record before them and KEY and SIG point at
 * the key id and the Base64 signature in RECORD. */
static int signature_fields(const char *record, size_t *len, const char **key, const char **sig,
                            char *why, size_t why_size)
{
	unsigned char bin[crypto_sign_BYTES];
	const char *t, *end;
	size_t binlen = 0, i;

	t = *len >= VEIKART__SIG_TRAILER_LEN ? record + *len - VEIKART__SIG_TRAILER_LEN : NULL;
	if (t == NULL || memcmp(t, "\tkey=", 5) != 0 ||
	    memcmp(t + 5 + VEIKART_KEY_ID_LENGTH, "\tsig=", 5) != 0)
		return say(why, why_size,
		           "the signature fields are malformed: a signed record ends in "
		           "key=<16 hex digits> and sig=<88 Base64 characters>, after its hash");
	*key = t + 5;
	*sig = t + 5 + VEIKART_KEY_ID_LENGTH + 5;
	for (i = 0; i < VEIKART_KEY_ID_LENGTH; i++)
		if (!(((*key)[i] >= '0' && (*key)[i] <= '9') ||
		      ((*key)[i] >= 'a' && (*key)[i] <= 'f')))
			return say(why, why_size,
			           "the signature fields are malformed: key= is not 16 lowercase "
			           "hex digits");
	/* libsodium refuses wrong padding and unused bits that are not zero: a
	 * signature has one spelling, so a record cannot change unnoticed. */
	if (sodium_base642bin(bin, sizeof(bin), *sig, VEIKART__SIG_B64_LEN, NULL, &binlen, &end,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    binlen != sizeof(bin) || end != *sig + VEIKART__SIG_B64_LEN)
		return say(why, why_size,
		           "the signature fields are malformed: sig= is not a signature in "
		           "Base64 (88 characters)");
	*len -= VEIKART__SIG_TRAILER_LEN;
	return 0;
}

/* Whether the record's last field (LEN bytes) is one of the signature's. */
static int ends_in_signature(const char *record, size_t len)
{
	const char *p = record + len;

	while (p > record && p[-1] != '\t')
		p--;
	if (p == record)
		return 0;
	return (size_t)(record + len - p) >= 4 &&
	       (memcmp(p, "sig=", 4) == 0 || memcmp(p, "key=", 4) == 0);
}

static int key_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		      s[i] == '_'))
			return 0;
	return 1;
}

int veikart__event_parse(veikart_event **out, const char *record, size_t len,
                         const veikart_allocator *alloc, char *why, size_t why_size)
{
	const char *tok[4], *p, *end, *tab, *eq, *prev, *hash;
	struct {
		const char *eq, *end;
	} at[48];
	size_t toklen[4], nfields = 0, i, hashed, whole, extra = 0;
	char computed[VEIKART__SHA256_HEX_SIZE], *w, *s;
	const char *key_id = NULL, *sig = NULL;
	uint64_t seq, time_abs;
	veikart_event *e;
	int negative;

	*out = NULL;
	if (len > 0 && record[len - 1] == '\n')
		len--;
	if (veikart__utf8_check(record, len) != len)
		return say(why, why_size, "the record is not valid UTF-8");
	if (memchr(record, '\0', len) != NULL)
		return say(why, why_size, "the record contains a NUL byte");
	if (memchr(record, '\n', len) != NULL || memchr(record, '\r', len) != NULL)
		return say(why, why_size, "%s", bad_escape_text);
	whole = len;
	/* Most records end in their hash; only the others are looked at for a signature. */
	if ((len < 70 || memcmp(record + len - 70, "\thash=", 6) != 0) &&
	    ends_in_signature(record, len)) {
		if (signature_fields(record, &len, &key_id, &sig, why, why_size) < 0)
			return VEIKART_EFORMAT;
		extra = VEIKART_KEY_ID_LENGTH + 1 + VEIKART__SIG_B64_LEN + 1;
	}
	/* The last two fields are prev= and hash=, each 64 hex digits. */
	if (len < 4 + 2 * (6 + 64))
		return say(why, why_size, "the record is too short to be an event");
	hash = record + len - 64;
	if (memcmp(hash - 6, "\thash=", 6) != 0 || !is_hex64(hash, 64))
		return say(why, why_size, "the record does not end in hash=<64 hex digits>");
	prev = hash - 6 - 64;
	if (prev < record + 6 || memcmp(prev - 6, "\tprev=", 6) != 0 || !is_hex64(prev, 64))
		return say(why, why_size, "the record has no prev=<64 hex digits> before its hash");
	hashed = (size_t)(hash - 6 - record);
	end = prev - 6;

	/* seq, time, kind, actor */
	p = record;
	for (i = 0; i < 4; i++) {
		tab = memchr(p, '\t', (size_t)(end - p));
		tok[i] = p;
		toklen[i] = tab ? (size_t)(tab - p) : (size_t)(end - p);
		if (tab == NULL && i < 3)
			return say(why, why_size,
			           "the record has fewer than four fields before prev=");
		p = tab ? tab + 1 : end;
	}
	if (parse_u64(tok[0], toklen[0], &seq) < 0 || seq == 0)
		return say(why, why_size, "the sequence number `%.*s` is not a positive number",
		           (int)(toklen[0] > 24 ? 24 : toklen[0]), tok[0]);
	negative = toklen[1] > 0 && tok[1][0] == '-';
	if (parse_u64(tok[1] + negative, toklen[1] - (size_t)negative, &time_abs) < 0 ||
	    time_abs > (uint64_t)INT64_MAX)
		return say(why, why_size, "the time `%.*s` is not a number of seconds",
		           (int)(toklen[1] > 24 ? 24 : toklen[1]), tok[1]);
	if (veikart__event_kind_from(tok[2], toklen[2]) == 0)
		return say(why, why_size, "`%.*s` is not a kind of event",
		           (int)(toklen[2] > 24 ? 24 : toklen[2]), tok[2]);
	if (toklen[3] == 0)
		return say(why, why_size, "the event names no actor");

	/* Count and check the key=value fields, keeping where the first ones
	 * are so that they are not looked for twice. */
	for (p = tok[3] + toklen[3]; p < end;) {
		p++; /* the tab */
		tab = memchr(p, '\t', (size_t)(end - p));
		if (tab == NULL)
			tab = end;
		eq = memchr(p, '=', (size_t)(tab - p));
		if (eq == NULL || !key_ok(p, (size_t)(eq - p)))
			return say(why, why_size, "field %zu is not key=value", nfields + 1);
		if (nfields < VEIKART__ARRAY_SIZE(at)) {
			at[nfields].eq = eq;
			at[nfields].end = tab;
		}
		nfields++;
		p = tab;
	}

	/* The record's own hash: anything else is damage, not syntax. */
	veikart__sha256_hex(computed, record, hashed);
	if (memcmp(computed, hash, 64) != 0) {
		say(why, why_size, "the hash does not match the event's contents");
		return VEIKART_ECORRUPT;
	}

	e = event_block(alloc, nfields, whole + 1, len + 1 + extra, &w, &s);
	if (e == NULL)
		return VEIKART_ENOMEM;
	memcpy(w, record, whole);
	w[whole] = '\n';
	w[whole + 1] = '\0';
	e->record = w;
	e->record_len = whole + 1;
	if (key_id != NULL) {
		memcpy(s, key_id, VEIKART_KEY_ID_LENGTH);
		s[VEIKART_KEY_ID_LENGTH] = '\0';
		e->key_id = s;
		s += VEIKART_KEY_ID_LENGTH + 1;
		memcpy(s, sig, VEIKART__SIG_B64_LEN);
		s[VEIKART__SIG_B64_LEN] = '\0';
		e->sig = s;
		s += VEIKART__SIG_B64_LEN + 1;
	}
	e->seq = seq;
	e->time = negative ? -(int64_t)time_abs : (int64_t)time_abs;
	e->kind = veikart__event_kind_from(tok[2], toklen[2]);
	memcpy(e->prev, prev, 64);
	memcpy(e->hash, hash, 64);
	e->actor = s;
	s = veikart__record_unescape(s, tok[3], toklen[3]);
	if (s == NULL)
		goto bad_escape;
	for (i = 0, p = tok[3] + toklen[3]; p < end; i++) {
		p++;
		if (i < VEIKART__ARRAY_SIZE(at)) {
			eq = at[i].eq;
			tab = at[i].end;
		} else {
			tab = memchr(p, '\t', (size_t)(end - p));
			if (tab == NULL)
				tab = end;
			eq = memchr(p, '=', (size_t)(tab - p));
		}
		/* Keys are copied as they are: they contain no escapes. */
		e->keys[i] = s;
		memcpy(s, p, (size_t)(eq - p));
		s[eq - p] = '\0';
		s += eq - p + 1;
		e->values[i] = s;
		s = veikart__record_unescape(s, eq + 1, (size_t)(tab - eq - 1));
		if (s == NULL)
			goto bad_escape;
		p = tab;
	}
	*out = e;
	return 0;
bad_escape:
	veikart__event_free(e);
	return say(why, why_size, "%s", bad_escape_text);
}

void veikart__event_free(veikart_event *e)
{
	veikart_allocator alloc;

	if (e == NULL)
		return;
	alloc = e->alloc;
	veikart__free(&alloc, e);
}

/* ---- public ---------------------------------------------------------------- */

int veikart_event_parse(veikart_event **out, const char *record, size_t length)
{
	char why[200];
	int err;

	if (out == NULL || record == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the event or no record");
	err = veikart__event_parse(out, record, length, NULL, why, sizeof(why));
	if (err == VEIKART_ENOMEM)
		return veikart__error_nomem();
	if (err < 0)
		return veikart__error_set(err, "%s", why);
	return 0;
}

void veikart_event_free(veikart_event *event)
{
	veikart__event_free(event);
}

uint64_t veikart_event_seq(const veikart_event *e)
{
	return e ? e->seq : 0;
}

int64_t veikart_event_time(const veikart_event *e)
{
	return e ? e->time : 0;
}

const char *veikart_event_actor(const veikart_event *e)
{
	return e ? e->actor : NULL;
}

veikart_event_kind veikart_event_kind_of(const veikart_event *e)
{
	return e ? e->kind : (veikart_event_kind)0;
}

size_t veikart_event_field_count(const veikart_event *e)
{
	return e ? e->nfields : 0;
}

const char *veikart_event_field_key(const veikart_event *e, size_t i)
{
	return e && i < e->nfields ? e->keys[i] : NULL;
}

const char *veikart_event_field_value(const veikart_event *e, size_t i)
{
	return e && i < e->nfields ? e->values[i] : NULL;
}

const char *veikart_event_field(const veikart_event *e, const char *key)
{
	size_t i;

	for (i = 0; e != NULL && key != NULL && i < e->nfields; i++)
		if (veikart__key_is(e->keys[i], key))
			return e->values[i];
	return NULL;
}

const char *veikart_event_hash(const veikart_event *e)
{
	return e ? e->hash : NULL;
}

const char *veikart_event_prev(const veikart_event *e)
{
	return e ? e->prev : NULL;
}

const char *veikart_event_record(const veikart_event *e, size_t *length)
{
	if (length != NULL)
		*length = e ? e->record_len : 0;
	return e ? e->record : NULL;
}

/* Fetch the fields an event must have; an empty value counts as missing. */
int veikart__event_fields(const veikart_event *ev, const char *const *keys, size_t n,
                          const char **out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i] = veikart_event_field(ev, keys[i]);
		if (out[i] == NULL || out[i][0] == '\0')
			return veikart__error_set(VEIKART_EFORMAT, "the %s event has no `%s`",
			                          veikart_event_kind_name(ev->kind), keys[i]);
	}
	return 0;
}

const char *veikart_event_field_nth(const veikart_event *e, const char *key, size_t n)
{
	size_t i;

	for (i = 0; e != NULL && key != NULL && i < e->nfields; i++)
		if (veikart__key_is(e->keys[i], key) && n-- == 0)
			return e->values[i];
	return NULL;
}

int veikart_event_decision(const veikart_event *e, veikart_decision_record *out)
{
	static const char *const keys[] = { "gate",    "outcome", "authority",
		                            "verdict", "score",   "rationale" };
	const char *v[6];
	size_t i;
	int err;

	if (e == NULL || out == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no event, or no place for the decision");
	if (e->kind != VEIKART_EVENT_DECIDE)
		return veikart__error_set(VEIKART_EINVALID,
		                          "event %" PRIu64 " is a %s event, not a decision", e->seq,
		                          veikart_event_kind_name(e->kind));
	err = veikart__event_fields(e, keys, 6, v);
	if (err < 0)
		return err;
	memset(out, 0, sizeof(*out));
	if (veikart_outcome_kind_from_name(v[1], &out->outcome) < 0 ||
	    veikart_verdict_from_name(v[3], &out->verdict) < 0)
		return veikart__error_set(VEIKART_EFORMAT, "%s", veikart_error_last()->message);
	if (veikart__parse_number(&out->score, v[4], strlen(v[4])) < 0 ||
	    !(out->score >= 0.0 && out->score <= 1.0))
		return veikart__error_set(VEIKART_EFORMAT, "score `%s` is not between 0 and 1",
		                          v[4]);
	out->unit = veikart_event_field(e, "unit");
	out->gate = v[0];
	out->to = veikart_event_field(e, "to");
	out->authority = v[2];
	out->override = veikart_event_field(e, "override") != NULL;
	out->rationale = v[5];
	for (i = 0; i < e->nfields; i++) {
		if (veikart__key_is(e->keys[i], "via"))
			out->via_count++;
		else if (veikart__key_is(e->keys[i], "result"))
			out->result_count++;
		else if (veikart__key_is(e->keys[i], "condition"))
			out->condition_count++;
	}
	return 0;
}
