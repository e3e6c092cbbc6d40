/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * A set of fact values typed by a methodology (veikart_facts_*): a value
 * array indexed by fact slot, ready for evaluation as it is, and per fact
 * one owned block holding its strings and its canonical text, so that
 * setting a fact again frees exactly the old value.  Rollout units, each
 * with a value array of its own for the unit-scope facts, and the
 * initiative's phase make it a sandbox for roll-ups and unit built-ins.
 */
#include <string.h>

#include "expr_impl.h"
#include "facts.h"
#include "method.h"

/* Values by slot: one array for the initiative, one per unit. */
typedef struct slots {
	veikart__value *values; /* type 0 when not recorded */
	const char **texts;     /* as veikart_facts_get() returns it */
	void **blocks;          /* the storage behind values and texts */
} slots;

typedef struct unit {
	const char *id;   /* in this block */
	const char *type; /* in this block, or NULL */
	int32_t wave;     /* 0: none */
	int32_t phase;    /* -1: not started */
	slots s;          /* the arrays follow the struct, then the strings */
} unit;

struct veikart_facts {
	const veikart_method *method;
	const veikart_allocator *alloc;
	size_t count; /* slots */
	slots s;
	int32_t phase;          /* the initiative's; -1: not known */
	const char **phase_ids; /* by phase index, for phase() and reasons */
	size_t nphases;
	unit **units; /* in the order they were added */
	size_t nunits, cap_units;
	veikart__unit_view *views; /* by unit, what evaluation reads */
	size_t cap_views;
};

/* Bytes of a value quoted in a message, cut at a character boundary. */
#define QUOTE_MAX 60

/* The three slot arrays at `p` (pointer-aligned), `count` long each. */
static void *slots_at(slots *s, void *p, size_t count)
{
	s->values = p;
	s->texts = (const char **)(void *)(s->values + count);
	s->blocks = (void **)(void *)(s->texts + count);
	return s->blocks + count;
}

static size_t slots_size(size_t count)
{
	return count * (sizeof(veikart__value) + sizeof(const char *) + sizeof(void *));
}

static void slots_dispose(const veikart_allocator *alloc, slots *s, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		veikart__free(alloc, s->blocks[i]);
}

int veikart_facts_new(veikart_facts **out, const veikart_method *method)
{
	veikart_facts *f;
	const veikart_allocator *alloc;
	size_t count, nphases, size, i;
	char *p;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_facts_new: out is NULL");
	*out = NULL;
	if (method == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_facts_new: method is NULL");
	alloc = veikart__method_allocator(method);
	count = veikart__method_fact_slots(method);
	nphases = veikart_method_phase_count(method);
	/* One block: the struct, the slot arrays, the phase ids (all pointer-aligned). */
	size = sizeof(*f) + slots_size(count) + nphases * sizeof(*f->phase_ids);
	p = veikart__calloc(alloc, 1, size);
	if (p == NULL)
		return VEIKART_ENOMEM;
	f = (veikart_facts *)(void *)p;
	f->method = method;
	f->alloc = alloc;
	f->count = count;
	f->phase = -1;
	f->phase_ids = slots_at(&f->s, p + sizeof(*f), count);
	f->nphases = nphases;
	for (i = 0; i < nphases; i++)
		f->phase_ids[i] = veikart_phase_id(veikart_method_phase(method, i));
	*out = f;
	return 0;
}

void veikart_facts_free(veikart_facts *facts)
{
	size_t i;

	if (facts == NULL)
		return;
	for (i = 0; i < facts->nunits; i++) {
		slots_dispose(facts->alloc, &facts->units[i]->s, facts->count);
		veikart__free(facts->alloc, facts->units[i]);
	}
	veikart__free(facts->alloc, facts->units);
	veikart__free(facts->alloc, facts->views);
	slots_dispose(facts->alloc, &facts->s, facts->count);
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

/* The slot of a fact of the scope `scope`, or a raised error. */
static long find_slot(const veikart_facts *facts, const char *fact_id, veikart_scope scope,
                      const char *fn)
{
	long slot = veikart__method_fact_slot(facts->method, fact_id);
	veikart__fact_info info;

	if (slot < 0 || (size_t)slot >= facts->count) {
		veikart__error_set(VEIKART_ENOTFOUND, "%s: the methodology declares no fact `%s`",
		                   fn, fact_id);
		return VEIKART_ENOTFOUND;
	}
	memset(&info, 0, sizeof(info));
	veikart__method_fact_info(facts->method, (size_t)slot, &info);
	if (info.scope == scope)
		return slot;
	if (scope == VEIKART_SCOPE_INITIATIVE)
		return veikart__error_set(VEIKART_ESTATE,
		                          "%s: fact `%s` is recorded per unit: use "
		                          "veikart_facts_set_unit() to record it for a unit",
		                          fn, fact_id);
	return veikart__error_set(VEIKART_ESTATE,
	                          "%s: fact `%s` is recorded for the initiative, not per unit: use "
	                          "veikart_facts_set()",
	                          fn, fact_id);
}

/* Parse `value` as fact `slot`'s type and store it in `s`. */
static int store(veikart_facts *facts, slots *s, long slot, const char *fact_id, const char *value)
{
	veikart__fact_info info;
	veikart__arena scratch;
	veikart__buf text;
	veikart__value v;
	const char *stored_text = NULL;
	void *block = NULL;
	char why[256];
	int err;

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
	veikart__free(facts->alloc, s->blocks[slot]);
	s->blocks[slot] = block;
	s->texts[slot] = stored_text;
	s->values[slot] = v;
out:
	veikart__buf_dispose(&text);
	veikart__arena_release(&scratch);
	return err;
}

int veikart_facts_set(veikart_facts *facts, const char *fact_id, const char *value)
{
	long slot;

	if (facts == NULL || fact_id == NULL || value == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_facts_set: %s is NULL",
		                          facts == NULL     ? "facts"
		                          : fact_id == NULL ? "fact_id"
		                                            : "value");
	slot = find_slot(facts, fact_id, VEIKART_SCOPE_INITIATIVE, "veikart_facts_set");
	if (slot < 0)
		return (int)slot;
	return store(facts, &facts->s, slot, fact_id, value);
}

int veikart_facts_unset(veikart_facts *facts, const char *fact_id)
{
	long slot;

	if (facts == NULL || fact_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_facts_unset: %s is NULL",
		                          facts == NULL ? "facts" : "fact_id");
	slot = find_slot(facts, fact_id, VEIKART_SCOPE_INITIATIVE, "veikart_facts_unset");
	if (slot < 0)
		return (int)slot;
	veikart__free(facts->alloc, facts->s.blocks[slot]);
	facts->s.blocks[slot] = NULL;
	facts->s.texts[slot] = NULL;
	memset(&facts->s.values[slot], 0, sizeof(facts->s.values[slot]));
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
	return facts->s.texts[slot];
}

/* ---- rollout units and phases ---------------------------------------------- */

static unit *find_unit(const veikart_facts *facts, const char *unit_id)
{
	size_t i;

	for (i = 0; i < facts->nunits; i++)
		if (strcmp(facts->units[i]->id, unit_id) == 0)
			return facts->units[i];
	return NULL;
}

/* The index of phase `id` of the scope `scope`, or a raised error. */
static int find_phase(const veikart_facts *facts, const char *id, veikart_scope scope,
                      const char *fn)
{
	const veikart_phase *p = veikart_method_phase_by_id(facts->method, id);

	if (p == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND,
		                          "%s: the methodology has no phase `%s`", fn, id);
	if (veikart_phase_scope(p) != scope)
		return veikart__error_set(
		        VEIKART_EINVALID, "%s: phase `%s` is walked by %s", fn, id,
		        scope == VEIKART_SCOPE_UNIT ? "the initiative, not by units"
		                                    : "each unit, not by the "
		                                      "initiative");
	return (int)veikart_phase_index(p);
}

/* Non-empty, UTF-8, no control characters: a name a reason can show. */
static int printable(const char *s)
{
	size_t i, len = strlen(s);

	if (len == 0 || veikart__utf8_check(s, len) != len)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return 0;
	return 1;
}

int veikart_facts_add_unit(veikart_facts *facts, const char *unit_id, const char *type, int wave,
                           const char *phase_id)
{
	static const char fn[] = "veikart_facts_add_unit";
	size_t id_size, type_size, size;
	int phase = -1;
	void *array;
	char *p;
	unit *u;

	if (facts == NULL || unit_id == NULL)
		return veikart__error_set(VEIKART_EINVALID, "%s: %s is NULL", fn,
		                          facts == NULL ? "facts" : "unit_id");
	if (!printable(unit_id) || (type != NULL && !printable(type)))
		return veikart__error_set(VEIKART_EINVALID,
		                          "%s: a unit's %s must be non-empty UTF-8 text without "
		                          "control characters",
		                          fn, printable(unit_id) ? "type" : "id");
	if (wave < 0)
		return veikart__error_set(VEIKART_EINVALID,
		                          "%s: wave %d is negative (0 means no wave)", fn, wave);
	if (find_unit(facts, unit_id) != NULL)
		return veikart__error_set(VEIKART_EEXISTS, "%s: there is already a unit `%s`", fn,
		                          unit_id);
	if (type != NULL && veikart_method_unit_type_count(facts->method) > 0 &&
	    veikart_method_unit_type_by_id(facts->method, type) == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND,
		                          "%s: the methodology declares no unit type `%s`", fn,
		                          type);
	if (phase_id != NULL) {
		phase = find_phase(facts, phase_id, VEIKART_SCOPE_UNIT, fn);
		if (phase < 0)
			return phase;
	}
	/* Room in both arrays first, so that a failure changes nothing. */
	array = facts->units;
	if (veikart__grow(facts->alloc, &array, &facts->cap_units, facts->nunits + 1,
	                  sizeof(*facts->units)) < 0)
		return VEIKART_ENOMEM;
	facts->units = array;
	array = facts->views;
	if (veikart__grow(facts->alloc, &array, &facts->cap_views, facts->nunits + 1,
	                  sizeof(*facts->views)) < 0)
		return VEIKART_ENOMEM;
	facts->views = array;

	id_size = strlen(unit_id) + 1;
	type_size = type != NULL ? strlen(type) + 1 : 0;
	size = sizeof(*u) + slots_size(facts->count) + id_size + type_size;
	p = veikart__calloc(facts->alloc, 1, size);
	if (p == NULL)
		return VEIKART_ENOMEM;
	u = (unit *)(void *)p;
	p = slots_at(&u->s, p + sizeof(*u), facts->count);
	u->id = memcpy(p, unit_id, id_size);
	if (type != NULL)
		u->type = memcpy(p + id_size, type, type_size);
	u->wave = (int32_t)wave;
	u->phase = phase;
	/* The view points into the unit, which never moves. */
	facts->views[facts->nunits].id = u->id;
	facts->views[facts->nunits].title = u->id;
	facts->views[facts->nunits].type = u->type;
	facts->views[facts->nunits].wave = u->wave;
	facts->views[facts->nunits].phase = u->phase;
	facts->views[facts->nunits].facts = u->s.values;
	facts->units[facts->nunits++] = u;
	return 0;
}

int veikart_facts_set_unit(veikart_facts *facts, const char *unit_id, const char *fact_id,
                           const char *value)
{
	static const char fn[] = "veikart_facts_set_unit";
	unit *u;
	long slot;

	if (facts == NULL || unit_id == NULL || fact_id == NULL || value == NULL)
		return veikart__error_set(VEIKART_EINVALID, "%s: %s is NULL", fn,
		                          facts == NULL     ? "facts"
		                          : unit_id == NULL ? "unit_id"
		                          : fact_id == NULL ? "fact_id"
		                                            : "value");
	u = find_unit(facts, unit_id);
	if (u == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND, "%s: there is no unit `%s`", fn,
		                          unit_id);
	slot = find_slot(facts, fact_id, VEIKART_SCOPE_UNIT, fn);
	if (slot < 0)
		return (int)slot;
	return store(facts, &u->s, slot, fact_id, value);
}

const char *veikart_facts_get_unit(const veikart_facts *facts, const char *unit_id,
                                   const char *fact_id)
{
	const unit *u;
	long slot;

	if (facts == NULL || unit_id == NULL || fact_id == NULL)
		return NULL;
	u = find_unit(facts, unit_id);
	slot = veikart__method_fact_slot(facts->method, fact_id);
	if (u == NULL || slot < 0 || (size_t)slot >= facts->count)
		return NULL;
	return u->s.texts[slot];
}

int veikart_facts_set_phase(veikart_facts *facts, const char *phase_id)
{
	static const char fn[] = "veikart_facts_set_phase";
	int phase = -1;

	if (facts == NULL)
		return veikart__error_set(VEIKART_EINVALID, "%s: facts is NULL", fn);
	if (phase_id != NULL) {
		phase = find_phase(facts, phase_id, VEIKART_SCOPE_INITIATIVE, fn);
		if (phase < 0)
			return phase;
	}
	facts->phase = phase;
	return 0;
}

/* ---- internal ---------------------------------------------------------------- */

const veikart_method *veikart__facts_method(const veikart_facts *facts)
{
	return facts->method;
}

const veikart__value *veikart__facts_values(const veikart_facts *facts, size_t *count)
{
	*count = facts->count;
	return facts->s.values;
}

int veikart__facts_env(const veikart_facts *facts, const char *unit_id, veikart__eval_env *env)
{
	size_t i;

	env->facts = facts->s.values;
	env->nfacts = facts->count;
	env->units = facts->views;
	env->nunits = facts->nunits;
	env->phase = facts->phase;
	env->phase_ids = facts->phase_ids;
	env->nphases = facts->nphases;
	env->unit = NULL;
	if (unit_id == NULL)
		return 0;
	for (i = 0; i < facts->nunits; i++)
		if (strcmp(facts->views[i].id, unit_id) == 0)
			env->unit = &facts->views[i];
	if (env->unit == NULL)
		return veikart__error_set(VEIKART_ENOTFOUND,
		                          "veikart_expr_evaluate: there is no unit `%s`", unit_id);
	return 0;
}
