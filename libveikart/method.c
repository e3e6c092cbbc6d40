/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Reading a loaded methodology: labels in the reader's language, the
 * index of facts by id, and the accessors, public and internal.  A loaded
 * methodology never changes (load.c makes it), so every reader here may
 * run on any thread.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "method.h"
#include "model.h"

/* ---- labels ---------------------------------------------------------------- */

/* Same primary language subtag ("nb" and "nb-NO"), ignoring case. */
static int same_primary(const char *a, const char *b)
{
	size_t la = strcspn(a, "-_"), lb = strcspn(b, "-_"), i;

	if (la != lb)
		return 0;
	for (i = 0; i < la; i++) {
		char ca = a[i], cb = b[i];
		if (ca >= 'A' && ca <= 'Z')
			ca = (char)(ca - 'A' + 'a');
		if (cb >= 'A' && cb <= 'Z')
			cb = (char)(cb - 'A' + 'a');
		if (ca != cb)
			return 0;
	}
	return 1;
}

static const char *pick_lang(const veikart__labels *l, const char *lang)
{
	size_t i;

	if (lang == NULL)
		return NULL;
	for (i = 0; i < l->count; i++)
		if (veikart__strcaseeq(l->items[i].lang, lang))
			return l->items[i].text;
	for (i = 0; i < l->count; i++)
		if (same_primary(l->items[i].lang, lang))
			return l->items[i].text;
	return NULL;
}

const char *veikart__labels_pick(const veikart__labels *l, const veikart_method *m,
                                 const char *lang)
{
	const char *t;

	if (l->count == 0)
		return NULL;
	t = pick_lang(l, lang);
	if (t == NULL && m != NULL)
		t = pick_lang(l, m->lang);
	if (t == NULL)
		t = pick_lang(l, "en");
	return t != NULL ? t : l->items[0].text;
}

/* ---- facts ------------------------------------------------------------------ */

void veikart__fact_info_of(veikart__fact_info *out, const veikart_fact *f)
{
	memset(out, 0, sizeof(*out));
	out->id = f->id;
	out->index = f->slot;
	out->type = f->type;
	out->scope = f->scope;
	if (f->scale != NULL)
		out->scale = f->scale->info;
}

/* ---- the index of facts by id ------------------------------------------------- */

/* FNV-1a: ids are short, and any spread will do. */
static uint32_t id_hash(const char *id)
{
	uint32_t h = 2166136261u;

	for (; *id != '\0'; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h;
}

void veikart__method_index_facts(veikart_method *m)
{
	uint32_t size = 16, *slots, h;
	size_t i;

	if (m->facts.count >= UINT32_MAX / 4)
		return;
	while (size < 2 * m->facts.count)
		size *= 2;
	slots = veikart__arena_alloc(&m->arena, size * sizeof(*slots));
	if (slots == NULL)
		return;
	for (i = 0; i < m->facts.count; i++) {
		h = id_hash(((const veikart_fact *)m->facts.items[i])->id);
		while (slots[h & (size - 1)] != 0)
			h++;
		slots[h & (size - 1)] = (uint32_t)i + 1;
	}
	m->fact_index = slots;
	m->fact_index_mask = size - 1;
}

/* ---- internal accessors ---------------------------------------------------- */

const veikart_allocator *veikart__method_allocator(const veikart_method *m)
{
	return &m->alloc;
}

size_t veikart__method_fact_slots(const veikart_method *m)
{
	return m->facts.count;
}

void veikart__method_fact_info(const veikart_method *m, size_t index, veikart__fact_info *out)
{
	veikart__fact_info_of(out, m->facts.items[index]);
}

long veikart__method_fact_slot(const veikart_method *m, const char *id)
{
	const char *fid;
	uint32_t h, at;
	size_t i;

	if (id == NULL)
		return -1;
	if (m->fact_index != NULL) {
		for (h = id_hash(id);; h++) {
			at = m->fact_index[h & m->fact_index_mask];
			if (at == 0)
				return -1;
			fid = ((const veikart_fact *)m->facts.items[at - 1])->id;
			if (fid[0] == id[0] && strcmp(fid, id) == 0)
				return (long)at - 1;
		}
	}
	/* The first byte before the call: most ids differ there. */
	for (i = 0; i < m->facts.count; i++) {
		fid = ((const veikart_fact *)m->facts.items[i])->id;
		if (fid[0] == id[0] && strcmp(fid, id) == 0)
			return (long)i;
	}
	return -1;
}

const veikart__scale_info *veikart__scale_info_of(const veikart_scale *s)
{
	return s ? &s->info : NULL;
}

const veikart__expr *veikart__criterion_expr(const veikart_criterion *c)
{
	return c ? c->expr : NULL;
}

int veikart__gate_plain(const veikart_gate *g, const uint32_t **slots, size_t *count)
{
	*slots = g->reads;
	*count = g->nreads;
	return g->plain;
}

const veikart__expr *veikart__phase_skip_if_expr(const veikart_phase *p)
{
	return p ? p->skip_if_expr : NULL;
}

const veikart__expr *veikart__gate_authority_expr(const veikart_gate *g, size_t index)
{
	if (g == NULL || index >= g->authorities.count)
		return NULL;
	return ((const veikart__authority *)g->authorities.items[index])->expr;
}

/* ---- public accessors ------------------------------------------------------ */

#define VEC_GET(vec, i) ((i) < (vec).count ? (vec).items[i] : NULL)

static const void *by_id(const veikart__vec *vec, size_t id_offset, const char *id)
{
	size_t i;

	const char *vid;

	/* The first byte before the call: most ids differ there. */
	for (i = 0; id != NULL && i < vec->count; i++) {
		vid = *(const char *const *)((const char *)vec->items[i] + id_offset);
		if (vid[0] == id[0] && strcmp(vid, id) == 0)
			return vec->items[i];
	}
	return NULL;
}

const char *veikart_method_id(const veikart_method *m)
{
	return m ? m->id : NULL;
}

const char *veikart_method_version(const veikart_method *m)
{
	return m ? m->version : NULL;
}

const char *veikart_method_digest(const veikart_method *m)
{
	return m ? m->digest : NULL;
}

const char *veikart_method_extends(const veikart_method *m)
{
	return m ? m->extends : NULL;
}

size_t veikart_method_overlay_count(const veikart_method *m)
{
	return m ? m->overlays.count : 0;
}

const char *veikart_method_overlay(const veikart_method *m, size_t i)
{
	return m && i < m->overlays.count ? m->overlays.items[i] : NULL;
}

const char *veikart_method_file(const veikart_method *m)
{
	return m ? m->file : NULL;
}

const char *veikart_method_lang(const veikart_method *m)
{
	return m ? m->lang : NULL;
}

size_t veikart_method_language_count(const veikart_method *m)
{
	return m ? m->languages.count : 0;
}

const char *veikart_method_language(const veikart_method *m, size_t i)
{
	return m ? VEC_GET(m->languages, i) : NULL;
}

const char *veikart_method_title(const veikart_method *m, const char *lang)
{
	const char *t;

	if (m == NULL)
		return NULL;
	t = veikart__labels_pick(&m->title, m, lang);
	return t ? t : m->id;
}

const char *veikart_method_description(const veikart_method *m, const char *lang)
{
	return m ? veikart__labels_pick(&m->description, m, lang) : NULL;
}

size_t veikart_method_source_count(const veikart_method *m)
{
	return m ? m->sources.count : 0;
}

const char *veikart_method_source_href(const veikart_method *m, size_t i)
{
	const veikart__source *s = m ? VEC_GET(m->sources, i) : NULL;

	return s ? s->href : NULL;
}

const char *veikart_method_source_title(const veikart_method *m, size_t i)
{
	const veikart__source *s = m ? VEC_GET(m->sources, i) : NULL;

	return s ? s->title : NULL;
}

const veikart_phase *veikart_method_start(const veikart_method *m)
{
	return m ? m->start : NULL;
}

const veikart_phase *veikart_method_unit_start(const veikart_method *m)
{
	return m ? m->unit_start : NULL;
}

size_t veikart_method_role_count(const veikart_method *m)
{
	return m ? m->roles.count : 0;
}

const veikart_role *veikart_method_role(const veikart_method *m, size_t i)
{
	return m ? VEC_GET(m->roles, i) : NULL;
}

const veikart_role *veikart_method_role_by_id(const veikart_method *m, const char *id)
{
	return m ? by_id(&m->roles, offsetof(veikart_role, id), id) : NULL;
}

const char *veikart_role_id(const veikart_role *r)
{
	return r ? r->id : NULL;
}

const char *veikart_role_title(const veikart_role *r, const char *lang)
{
	const char *t;

	if (r == NULL)
		return NULL;
	t = veikart__labels_pick(&r->title, r->method, lang);
	return t ? t : r->id;
}

const char *veikart_role_description(const veikart_role *r, const char *lang)
{
	return r ? veikart__labels_pick(&r->description, r->method, lang) : NULL;
}

veikart_role_kind veikart_role_kind_of(const veikart_role *r)
{
	return r ? r->kind : VEIKART_ROLE_PERSON;
}

int veikart_role_may_override(const veikart_role *r)
{
	return r ? r->may_override : 0;
}

size_t veikart_role_assigner_count(const veikart_role *r)
{
	return r ? r->assigners.count : 0;
}

const veikart_role *veikart_role_assigner(const veikart_role *r, size_t index)
{
	return r && index < r->assigners.count ? r->assigners.items[index] : NULL;
}

int veikart_role_may_assign(const veikart_role *assigner, const veikart_role *role)
{
	if (assigner == NULL || role == NULL || assigner->method != role->method)
		return 0;
	return role->assigned_by[assigner->index];
}

int veikart_role_self_assign(const veikart_role *r)
{
	return r ? r->self_assign : 0;
}

int veikart__role_assigns(const veikart_role *r)
{
	return r->method->assigning[r->index];
}

const char *veikart_type_name(veikart_type type)
{
	static const char *const names[] = {
		"unknown", "bool",  "integer",  "number",  "ratio",    "text",
		"date",    "scale", "evidence", "signoff", "duration",
	};

	if ((int)type < 0 || (size_t)type >= VEIKART__ARRAY_SIZE(names))
		return "unknown";
	return names[type];
}

int veikart_type_from_name(const char *name, veikart_type *out)
{
	VEIKART__FROM_NAME(name, out, veikart_type, veikart_type_name, VEIKART_TYPE_BOOL,
	                   VEIKART_TYPE_DURATION, "a type");
}

size_t veikart_method_fact_count(const veikart_method *m)
{
	return m ? m->facts.count : 0;
}

const veikart_fact *veikart_method_fact(const veikart_method *m, size_t i)
{
	return m ? VEC_GET(m->facts, i) : NULL;
}

const veikart_fact *veikart_method_fact_by_id(const veikart_method *m, const char *id)
{
	long slot = m ? veikart__method_fact_slot(m, id) : -1;

	return slot >= 0 ? m->facts.items[slot] : NULL;
}

const char *veikart_fact_id(const veikart_fact *f)
{
	return f ? f->id : NULL;
}

const char *veikart_fact_title(const veikart_fact *f, const char *lang)
{
	const char *t;

	if (f == NULL)
		return NULL;
	t = veikart__labels_pick(&f->title, f->method, lang);
	return t ? t : f->id;
}

const char *veikart_fact_description(const veikart_fact *f, const char *lang)
{
	return f ? veikart__labels_pick(&f->description, f->method, lang) : NULL;
}

veikart_type veikart_fact_type(const veikart_fact *f)
{
	return f ? f->type : (veikart_type)0;
}

veikart_scope veikart_fact_scope(const veikart_fact *f)
{
	return f ? f->scope : VEIKART_SCOPE_INITIATIVE;
}

const char *veikart_fact_unit(const veikart_fact *f)
{
	return f ? f->unit : NULL;
}

const veikart_scale *veikart_fact_scale(const veikart_fact *f)
{
	return f ? f->scale : NULL;
}

const veikart_role *veikart_fact_role(const veikart_fact *f)
{
	return f ? f->role : NULL;
}

size_t veikart_fact_recorder_count(const veikart_fact *f)
{
	return f ? f->recorders.count : 0;
}

const veikart_role *veikart_fact_recorder(const veikart_fact *f, size_t index)
{
	return f && index < f->recorders.count ? f->recorders.items[index] : NULL;
}

int veikart_fact_may_record(const veikart_fact *f, const veikart_role *role)
{
	if (f == NULL || role == NULL || role->method != f->method)
		return 0;
	return f->recorded_by == NULL || f->recorded_by[role->index];
}

size_t veikart_method_unit_type_count(const veikart_method *m)
{
	return m ? m->unit_types.count : 0;
}

const veikart_unit_type *veikart_method_unit_type(const veikart_method *m, size_t i)
{
	return m ? VEC_GET(m->unit_types, i) : NULL;
}

const veikart_unit_type *veikart_method_unit_type_by_id(const veikart_method *m, const char *id)
{
	return m ? by_id(&m->unit_types, offsetof(veikart_unit_type, id), id) : NULL;
}

const char *veikart_unit_type_id(const veikart_unit_type *t)
{
	return t ? t->id : NULL;
}

const char *veikart_unit_type_title(const veikart_unit_type *t, const char *lang)
{
	const char *title;

	if (t == NULL)
		return NULL;
	title = veikart__labels_pick(&t->title, t->method, lang);
	return title ? title : t->id;
}

const char *veikart_unit_type_description(const veikart_unit_type *t, const char *lang)
{
	return t != NULL ? veikart__labels_pick(&t->description, t->method, lang) : NULL;
}

const veikart_unit_type *veikart_unit_type_parent(const veikart_unit_type *t)
{
	return t ? t->parent : NULL;
}

size_t veikart_method_scale_count(const veikart_method *m)
{
	return m ? m->scales.count : 0;
}

const veikart_scale *veikart_method_scale(const veikart_method *m, size_t i)
{
	return m ? VEC_GET(m->scales, i) : NULL;
}

const veikart_scale *veikart_method_scale_by_id(const veikart_method *m, const char *id)
{
	return m ? by_id(&m->scales, offsetof(veikart_scale, id), id) : NULL;
}

const char *veikart_scale_id(const veikart_scale *s)
{
	return s ? s->id : NULL;
}

const char *veikart_scale_title(const veikart_scale *s, const char *lang)
{
	const char *t;

	if (s == NULL)
		return NULL;
	t = veikart__labels_pick(&s->title, s->method, lang);
	return t ? t : s->id;
}

size_t veikart_scale_level_count(const veikart_scale *s)
{
	return s ? s->levels.count : 0;
}

const char *veikart_scale_level_code(const veikart_scale *s, size_t i)
{
	const veikart__level *lv = s ? VEC_GET(s->levels, i) : NULL;

	return lv ? lv->code : NULL;
}

const char *veikart_scale_level_label(const veikart_scale *s, size_t i, const char *lang)
{
	const veikart__level *lv = s ? VEC_GET(s->levels, i) : NULL;
	const char *t;

	if (lv == NULL)
		return NULL;
	t = veikart__labels_pick(&lv->label, s->method, lang);
	return t ? t : lv->code;
}

size_t veikart_scale_special_count(const veikart_scale *s)
{
	return s ? s->specials.count : 0;
}

const char *veikart_scale_special_code(const veikart_scale *s, size_t i)
{
	const veikart__level *lv = s ? VEC_GET(s->specials, i) : NULL;

	return lv ? lv->code : NULL;
}

veikart_special_meaning veikart_scale_special_meaning(const veikart_scale *s, size_t i)
{
	const veikart__level *lv = s ? VEC_GET(s->specials, i) : NULL;

	return lv ? lv->meaning : VEIKART_SPECIAL_MISSING;
}

const char *veikart_scale_special_label(const veikart_scale *s, size_t i, const char *lang)
{
	const veikart__level *lv = s ? VEC_GET(s->specials, i) : NULL;
	const char *t;

	if (lv == NULL)
		return NULL;
	t = veikart__labels_pick(&lv->label, s->method, lang);
	return t ? t : lv->code;
}

const char *veikart_phase_kind_name(veikart_phase_kind kind)
{
	static const char *const names[] = {
		"needs",   "planning",  "pilot",  "evaluation",
		"rollout", "operation", "closed", "custom",
	};

	if ((int)kind < 0 || (size_t)kind >= VEIKART__ARRAY_SIZE(names))
		return "unknown";
	return names[kind];
}

int veikart_phase_kind_from_name(const char *name, veikart_phase_kind *out)
{
	VEIKART__FROM_NAME(name, out, veikart_phase_kind, veikart_phase_kind_name,
	                   VEIKART_PHASE_NEEDS, VEIKART_PHASE_CUSTOM, "a kind of phase");
}

size_t veikart_method_phase_count(const veikart_method *m)
{
	return m ? m->phases.count : 0;
}

const veikart_phase *veikart_method_phase(const veikart_method *m, size_t i)
{
	return m ? VEC_GET(m->phases, i) : NULL;
}

const veikart_phase *veikart_method_phase_by_id(const veikart_method *m, const char *id)
{
	return m ? by_id(&m->phases, offsetof(veikart_phase, id), id) : NULL;
}

const char *veikart_phase_id(const veikart_phase *p)
{
	return p ? p->id : NULL;
}

size_t veikart_phase_index(const veikart_phase *p)
{
	return p ? p->index : 0;
}

const char *veikart_phase_title(const veikart_phase *p, const char *lang)
{
	const char *t;

	if (p == NULL)
		return NULL;
	t = veikart__labels_pick(&p->title, p->method, lang);
	return t ? t : p->id;
}

const char *veikart_phase_description(const veikart_phase *p, const char *lang)
{
	return p ? veikart__labels_pick(&p->description, p->method, lang) : NULL;
}

veikart_phase_kind veikart_phase_kind_of(const veikart_phase *p)
{
	return p && p->kind >= 0 ? (veikart_phase_kind)p->kind : VEIKART_PHASE_CUSTOM;
}

veikart_scope veikart_phase_scope(const veikart_phase *p)
{
	return p ? p->scope : VEIKART_SCOPE_INITIATIVE;
}

int veikart_phase_is_optional(const veikart_phase *p)
{
	return p ? p->optional : 0;
}

int veikart_phase_is_repeatable(const veikart_phase *p)
{
	return p ? p->repeatable : 0;
}

int veikart_phase_is_terminal(const veikart_phase *p)
{
	return p ? p->terminal : 0;
}

unsigned int veikart_phase_max_days(const veikart_phase *p)
{
	return p ? p->max_days : 0;
}

const char *veikart_phase_skip_if(const veikart_phase *p)
{
	return p ? p->skip_if : NULL;
}

size_t veikart_phase_step_count(const veikart_phase *p)
{
	return p ? p->steps.count : 0;
}

const veikart_step *veikart_phase_step(const veikart_phase *p, size_t i)
{
	return p ? VEC_GET(p->steps, i) : NULL;
}

size_t veikart_phase_gate_count(const veikart_phase *p)
{
	return p ? p->gates.count : 0;
}

const veikart_gate *veikart_phase_gate(const veikart_phase *p, size_t i)
{
	return p ? VEC_GET(p->gates, i) : NULL;
}

const char *veikart_step_id(const veikart_step *s)
{
	return s ? s->id : NULL;
}

const char *veikart_step_title(const veikart_step *s, const char *lang)
{
	const char *t;

	if (s == NULL)
		return NULL;
	t = veikart__labels_pick(&s->title, s->method, lang);
	return t ? t : s->id;
}

const veikart_role *veikart_step_role(const veikart_step *s)
{
	return s ? s->role : NULL;
}

const veikart_fact *veikart_step_produces(const veikart_step *s)
{
	return s ? s->produces : NULL;
}

const veikart_step *veikart_step_after(const veikart_step *s)
{
	return s ? s->after : NULL;
}

size_t veikart_method_gate_count(const veikart_method *m)
{
	return m ? m->gates.count : 0;
}

const veikart_gate *veikart_method_gate(const veikart_method *m, size_t i)
{
	return m ? VEC_GET(m->gates, i) : NULL;
}

const veikart_gate *veikart_method_gate_by_id(const veikart_method *m, const char *id)
{
	return m ? by_id(&m->gates, offsetof(veikart_gate, id), id) : NULL;
}

const char *veikart_gate_id(const veikart_gate *g)
{
	return g ? g->id : NULL;
}

const char *veikart_gate_title(const veikart_gate *g, const char *lang)
{
	const char *t;

	if (g == NULL)
		return NULL;
	t = veikart__labels_pick(&g->title, g->method, lang);
	return t ? t : g->id;
}

const char *veikart_gate_description(const veikart_gate *g, const char *lang)
{
	return g ? veikart__labels_pick(&g->description, g->method, lang) : NULL;
}

const veikart_phase *veikart_gate_from(const veikart_gate *g)
{
	return g ? g->from : NULL;
}

veikart_aggregation veikart_gate_aggregation(const veikart_gate *g)
{
	return g ? g->aggregation : VEIKART_AGGREGATION_MUST_THEN_SCORE;
}

double veikart_gate_threshold(const veikart_gate *g)
{
	return g ? g->threshold : 0.0;
}

unsigned int veikart_gate_k(const veikart_gate *g)
{
	return g && g->aggregation == VEIKART_AGGREGATION_K_OF_N ? g->k : 0;
}

unsigned int veikart_gate_every_days(const veikart_gate *g)
{
	return g ? g->every_days : 0;
}

size_t veikart_gate_authority_count(const veikart_gate *g)
{
	return g ? g->authorities.count : 0;
}

const veikart_role *veikart_gate_authority_role(const veikart_gate *g, size_t i)
{
	const veikart__authority *a = g ? VEC_GET(g->authorities, i) : NULL;

	return a ? a->role : NULL;
}

const char *veikart_gate_authority_condition(const veikart_gate *g, size_t i)
{
	const veikart__authority *a = g ? VEC_GET(g->authorities, i) : NULL;

	return a ? a->when : NULL;
}

size_t veikart_gate_criterion_count(const veikart_gate *g)
{
	return g ? g->criteria.count : 0;
}

const veikart_criterion *veikart_gate_criterion(const veikart_gate *g, size_t i)
{
	return g ? VEC_GET(g->criteria, i) : NULL;
}

const veikart_criterion *veikart_gate_criterion_by_id(const veikart_gate *g, const char *id)
{
	return g ? by_id(&g->criteria, offsetof(veikart_criterion, id), id) : NULL;
}

size_t veikart_gate_outcome_count(const veikart_gate *g)
{
	return g ? g->outcomes.count : 0;
}

const veikart_outcome *veikart_gate_outcome(const veikart_gate *g, size_t i)
{
	return g ? VEC_GET(g->outcomes, i) : NULL;
}

const char *veikart_criterion_id(const veikart_criterion *c)
{
	return c ? c->id : NULL;
}

const char *veikart_criterion_text(const veikart_criterion *c, const char *lang)
{
	const char *t;

	if (c == NULL)
		return NULL;
	t = veikart__labels_pick(&c->text, c->method, lang);
	return t ? t : c->id;
}

veikart_level veikart_criterion_level(const veikart_criterion *c)
{
	return c ? c->level : VEIKART_LEVEL_INFO;
}

const char *veikart_level_name(veikart_level level)
{
	switch (level) {
	case VEIKART_LEVEL_MUST:
		return "must";
	case VEIKART_LEVEL_SHOULD:
		return "should";
	case VEIKART_LEVEL_INFO:
		return "info";
	}
	return "unknown";
}

int veikart_level_from_name(const char *name, veikart_level *out)
{
	VEIKART__FROM_NAME(name, out, veikart_level, veikart_level_name, VEIKART_LEVEL_MUST,
	                   VEIKART_LEVEL_INFO, "a level");
}

double veikart_criterion_weight(const veikart_criterion *c)
{
	return c ? c->weight : 0.0;
}

veikart_criterion_kind veikart_criterion_kind_of(const veikart_criterion *c)
{
	return c ? c->kind : VEIKART_CRITERION_EXPR;
}

const char *veikart_criterion_expression(const veikart_criterion *c)
{
	return c ? c->source : NULL;
}

size_t veikart_criterion_tag_count(const veikart_criterion *c)
{
	return c ? c->ntags : 0;
}

const char *veikart_criterion_tag(const veikart_criterion *c, size_t i)
{
	return c && i < c->ntags ? c->tags[i] : NULL;
}

size_t veikart_criterion_fact_count(const veikart_criterion *c)
{
	return c ? c->nfacts : 0;
}

const veikart_fact *veikart_criterion_fact(const veikart_criterion *c, size_t i)
{
	return c && i < c->nfacts ? c->facts[i] : NULL;
}

const char *veikart_outcome_kind_name(veikart_outcome_kind kind)
{
	static const char *const names[] = {
		"go", "conditional-go", "hold", "recycle", "stop", "skip", "continue",
	};

	if ((int)kind < 0 || (size_t)kind >= VEIKART__ARRAY_SIZE(names))
		return "unknown";
	return names[kind];
}

int veikart_outcome_kind_from_name(const char *name, veikart_outcome_kind *out)
{
	VEIKART__FROM_NAME(name, out, veikart_outcome_kind, veikart_outcome_kind_name,
	                   VEIKART_OUTCOME_GO, VEIKART_OUTCOME_CONTINUE, "an outcome");
}

veikart_outcome_kind veikart_outcome_kind_of(const veikart_outcome *o)
{
	return o ? o->kind : VEIKART_OUTCOME_HOLD;
}

const veikart_phase *veikart_outcome_target(const veikart_outcome *o)
{
	return o ? o->to : NULL;
}

const char *veikart_outcome_label(const veikart_outcome *o, const char *lang)
{
	const char *t;

	if (o == NULL)
		return NULL;
	t = veikart__labels_pick(&o->label, o->method, lang);
	return t ? t : veikart_outcome_kind_name(o->kind);
}
