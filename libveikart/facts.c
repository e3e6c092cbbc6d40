/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * A set of fact values typed by a methodology (veikart_facts_*): a value
 * array indexed by fact slot, ready for evaluation as it is, and per fact
 * one owned block holding its strings and its canonical text, so that
 * setting a fact again frees exactly the old value.
 */
#include <string.h>

#include "expr_impl.h"
#include "facts.h"
#include "method.h"

struct veikart_facts {
	const veikart_method *method;
	const veikart_allocator *alloc;
	size_t count;
	veikart__value *values; /* by slot; type 0 when not recorded */
	const char **texts;     /* by slot: as veikart_facts_get() returns it */
	void **blocks;          /* by slot: the storage behind values and texts */
};

/* Bytes of a value quoted in a message, cut at a character boundary. */
#define QUOTE_MAX 60

int veikart_facts_new(veikart_facts **out, const veikart_method *method)
{
	veikart_facts *f;
	const veikart_allocator *alloc;
	size_t count, size;
	char *p;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_facts_new: out is NULL");
	*out = NULL;
	if (method == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_facts_new: method is NULL");
	alloc = veikart__method_allocator(method);
	count = veikart__method_fact_slots(method);
	/* One block: the struct, then the three arrays (all pointer-aligned). */
	size = sizeof(*f) + count * (sizeof(*f->values) + sizeof(*f->texts) + sizeof(*f->blocks));
	p = veikart__calloc(alloc, 1, size);
	if (p == NULL)
		return VEIKART_ENOMEM;
	f = (veikart_facts *)(void *)p;
	f->method = method;
	f->alloc = alloc;
	f->count = count;
	f->values = (veikart__value *)(void *)(p + sizeof(*f));
	f->texts = (const char **)(void *)(f->values + count);
	f->blocks = (void **)(void *)(f->texts + count);
	*out = f;
	return 0;
}

void veikart_facts_free(veikart_facts *facts)
{
	size_t i;

	if (facts == NULL)
		return;
	for (i = 0; i < facts->count; i++)
		veikart__free(facts->alloc, facts->blocks[i]);
	veikart__free(facts->alloc, facts);
}

static int quote_len(const char *s)
{
	size_t len = strlen(s);

	if (len > QUOTE_MAX) {
		len = QUOTE_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	return (int)len;
}

static size_t size_of(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

static char *put(char **p, const char *s)
{
	char *copy = *p;
	size_t n = size_of(s);

	if (s == NULL)
		return NULL;
	memcpy(copy, s, n);
	*p += n;
	return copy;
}

/*
 * Move a parsed value and its text into one owned block: the evidence or
 * sign-off record first (for alignment), then the text, then the strings.
 * Text values and sign-offs share their string with the text.
 */
static int pack(const veikart_allocator *alloc, veikart__value *v, const char *text, size_t len,
                void **block_out, const char **text_out)
{
	const veikart__evidence *ev = v->type == VEIKART_TYPE_EVIDENCE ? v->u.evidence : NULL;
	size_t head = 0, size;
	char *block, *p;

	if (v->type == VEIKART_TYPE_EVIDENCE)
		head = sizeof(veikart__evidence);
	else if (v->type == VEIKART_TYPE_SIGNOFF)
		head = sizeof(veikart__signoff);
	size = head + len + 1;
	if (ev != NULL)
		size += size_of(ev->uri) + size_of(ev->sha256) + size_of(ev->approved_by);
	block = veikart__malloc(alloc, size);
	if (block == NULL)
		return VEIKART_ENOMEM;
	p = block + head;
	memcpy(p, text, len);
	p[len] = '\0';
	*text_out = p;
	p += len + 1;
	if (v->type == VEIKART_TYPE_TEXT) {
		v->u.text.ptr = *text_out;
	} else if (v->type == VEIKART_TYPE_SIGNOFF) {
		veikart__signoff *so = (veikart__signoff *)(void *)block;

		so->person = *text_out;
		v->u.signoff = so;
	} else if (ev != NULL) {
		veikart__evidence *copy = (veikart__evidence *)(void *)block;

		copy->uri = put(&p, ev->uri);
		copy->sha256 = put(&p, ev->sha256);
		copy->approved_by = put(&p, ev->approved_by);
		v->u.evidence = copy;
	}
	*block_out = block;
	return 0;
}

static long find_slot(const veikart_facts *facts, const char *fact_id, const char *fn)
{
	long slot = veikart__method_fact_slot(facts->method, fact_id);

	if (slot < 0 || (size_t)slot >= facts->count)
		veikart__error_set(VEIKART_ENOTFOUND, "%s: the methodology declares no fact `%s`",
		                   fn, fact_id);
	return slot;
}

int veikart_facts_set(veikart_facts *facts, const char *fact_id, const char *value)
{
	veikart__fact_info info;
	veikart__arena scratch;
	veikart__buf text;
	veikart__value v;
	const char *stored_text = NULL;
	void *block = NULL;
	char why[256];
	long slot;
	int err;

	if (facts == NULL || fact_id == NULL || value == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_facts_set: %s is NULL",
		                          facts == NULL     ? "facts"
		                          : fact_id == NULL ? "fact_id"
		                                            : "value");
	slot = find_slot(facts, fact_id, "veikart_facts_set");
	if (slot < 0)
		return VEIKART_ENOTFOUND;
	memset(&info, 0, sizeof(info));
	veikart__method_fact_info(facts->method, (size_t)slot, &info);
	veikart__arena_init(&scratch, facts->alloc);
	veikart__buf_init(&text, facts->alloc);

	err = veikart__value_parse(&v, info.type, &info.scale, value, strlen(value), &scratch, why,
	                           sizeof(why));
	if (err == VEIKART_ETYPE) {
		if (veikart__utf8_check(value, strlen(value)) == strlen(value))
			veikart__error_set(VEIKART_ETYPE,
			                   "`%.*s` is not a valid value for fact `%s`: %s",
			                   quote_len(value), value, fact_id, why);
		else
			veikart__error_set(VEIKART_ETYPE, "not a valid value for fact `%s`: %s",
			                   fact_id, why);
		goto out;
	}
	if (err < 0)
		goto out;
	err = veikart__value_format(&text, &v, &info.scale, 0);
	if (err < 0)
		goto out;
	err = pack(facts->alloc, &v, veikart__buf_cstr(&text), text.len, &block, &stored_text);
	if (err < 0)
		goto out;
	veikart__free(facts->alloc, facts->blocks[slot]);
	facts->blocks[slot] = block;
	facts->texts[slot] = stored_text;
	facts->values[slot] = v;
out:
	veikart__buf_dispose(&text);
	veikart__arena_release(&scratch);
	return err;
}

int veikart_facts_unset(veikart_facts *facts, const char *fact_id)
{
	long slot;

	if (facts == NULL || fact_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_facts_unset: %s is NULL",
		                          facts == NULL ? "facts" : "fact_id");
	slot = find_slot(facts, fact_id, "veikart_facts_unset");
	if (slot < 0)
		return VEIKART_ENOTFOUND;
	veikart__free(facts->alloc, facts->blocks[slot]);
	facts->blocks[slot] = NULL;
	facts->texts[slot] = NULL;
	memset(&facts->values[slot], 0, sizeof(facts->values[slot]));
	return 0;
}

const char *veikart_facts_get(const veikart_facts *facts, const char *fact_id)
{
	long slot;

	if (facts == NULL || fact_id == NULL)
		return NULL;
	slot = veikart__method_fact_slot(facts->method, fact_id);
	if (slot < 0 || (size_t)slot >= facts->count)
		return NULL;
	return facts->texts[slot];
}

const veikart_method *veikart__facts_method(const veikart_facts *facts)
{
	return facts->method;
}

const veikart__value *veikart__facts_values(const veikart_facts *facts, size_t *count)
{
	*count = facts->count;
	return facts->values;
}
