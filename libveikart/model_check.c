/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The checks a schema cannot make, run on the merged model (after any
 * `extends`): every reference resolves, the phase graph can be walked from
 * the start to every phase and out of every phase that is not terminal,
 * outcomes go where their kind allows, unit types form a hierarchy, a
 * step waits only for an earlier step of its phase, and every expression
 * compiles and has the type its place needs.  Structured criteria are
 * turned into the expression they stand for here, once the facts' types
 * are final.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "method.h"
#include "model.h"

typedef struct checker {
	veikart_method *m;
	veikart_diagnostics *diags;
	int err;
} checker;

#define NS VEIKART_METHOD_NAMESPACE

int veikart__model_diag(veikart_diagnostics *diags, veikart_severity sev, const veikart__src *src,
                        const char *attr, const char *fmt, ...)
{
	unsigned int line = 0, col = 0;
	const char *file = NULL;
	va_list ap;
	int err;

	if (src != NULL && src->x != NULL) {
		veikart__xml_where(src->x, src->node, attr, &line, &col);
		file = src->x->name;
	}
	va_start(ap, fmt);
	err = veikart__diags_vadd(diags, sev, file, line, col, fmt, ap);
	va_end(ap);
	return err;
}

#define DIAG(ck, src, attr, ...)                                                            \
	do {                                                                                \
		if (veikart__model_diag((ck)->diags, VEIKART_SEVERITY_ERROR, (src), (attr), \
		                        __VA_ARGS__) < 0)                                   \
			(ck)->err = VEIKART_ENOMEM;                                         \
	} while (0)

#define WARN(ck, src, attr, ...)                                                              \
	do {                                                                                  \
		if (veikart__model_diag((ck)->diags, VEIKART_SEVERITY_WARNING, (src), (attr), \
		                        __VA_ARGS__) < 0)                                     \
			(ck)->err = VEIKART_ENOMEM;                                           \
	} while (0)

static const veikart_role *role_find(const veikart_method *m, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < m->roles.count; i++)
		if (strcmp(((const veikart_role *)m->roles.items[i])->id, id) == 0)
			return m->roles.items[i];
	return NULL;
}

static veikart_fact *fact_find(const veikart_method *m, const char *id, size_t len)
{
	size_t i;
	veikart_fact *f;

	for (i = 0; id != NULL && i < m->facts.count; i++) {
		f = m->facts.items[i];
		if (strlen(f->id) == len && memcmp(f->id, id, len) == 0)
			return f;
	}
	return NULL;
}

static veikart_phase *phase_find(const veikart_method *m, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < m->phases.count; i++)
		if (strcmp(((const veikart_phase *)m->phases.items[i])->id, id) == 0)
			return m->phases.items[i];
	return NULL;
}

static void role_ref(checker *ck, const char *id, const veikart_role **out, const veikart__src *src,
                     const char *attr, const char *whose)
{
	*out = NULL;
	if (id == NULL)
		return;
	*out = role_find(ck->m, id);
	if (*out == NULL)
		DIAG(ck, src, attr, "%s names role `%s`, which is not declared under <roles>",
		     whose, id);
}

/* ---- roles ---------------------------------------------------------------- */

/*
 * Read a list of role ids (assigned-by, recorded-by) into `out` and the
 * byte per role in `bytes`.
 */
static void role_list(checker *ck, const char *text, const veikart__src *src, const char *attr,
                      const char *whose, veikart__vec *out, unsigned char *bytes)
{
	const veikart_role *r;
	const char *p = text, *end;
	char id[128];
	size_t len;

	while (*p != '\0' && ck->err == 0) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		for (end = p;
		     *end != '\0' && *end != ' ' && *end != '\t' && *end != '\n' && *end != '\r';
		     end++)
			;
		len = (size_t)(end - p);
		if (len == 0)
			break;
		if (len >= sizeof(id)) {
			DIAG(ck, src, attr, "%s names a role id longer than %zu bytes", whose,
			     sizeof(id) - 1);
		} else {
			memcpy(id, p, len);
			id[len] = '\0';
			r = role_find(ck->m, id);
			if (r == NULL)
				DIAG(ck, src, attr,
				     "%s names role `%s`, which is not declared under <roles>",
				     whose, id);
			else if (!bytes[r->index]) {
				bytes[r->index] = 1;
				if (veikart__vec_push(&ck->m->arena, out, (void *)r) < 0)
					ck->err = VEIKART_ENOMEM;
			}
		}
		p = end;
	}
}

/*
 * Who may assign each role.  A role that says assigned-by="..." names its
 * assigners; the others take the default: the roles that may override,
 * or, in a methodology without one, the roles that decide at some gate,
 * or, without those either, every role.
 */
static void check_roles(checker *ck)
{
	veikart_method *m = ck->m;
	size_t n = m->roles.count, i, j, k;
	unsigned char *fallback;
	const veikart_gate *g;
	const veikart__authority *a;
	const veikart_role *r2;
	veikart_role *r;
	char whose[160];
	int any = 0;

	fallback = veikart__arena_alloc(&m->arena, n ? n : 1);
	m->assigning = veikart__arena_alloc(&m->arena, n ? n : 1);
	if (fallback == NULL || m->assigning == NULL) {
		ck->err = VEIKART_ENOMEM;
		return;
	}
	for (i = 0; i < n; i++) {
		r = m->roles.items[i];
		r->index = (uint32_t)i;
		r->assigners.count = 0;
		if (r->may_override)
			fallback[i] = 1, any = 1;
	}
	for (i = 0; !any && i < m->gates.count; i++) {
		g = m->gates.items[i];
		for (j = 0; j < g->authorities.count; j++) {
			a = g->authorities.items[j];
			r2 = role_find(m, a->role_id);
			if (r2 != NULL)
				fallback[r2->index] = 1, any = 1;
		}
	}
	if (!any)
		memset(fallback, 1, n);
	for (i = 0; i < n && ck->err == 0; i++) {
		r = m->roles.items[i];
		r->assigned_by = veikart__arena_alloc(&m->arena, n);
		if (r->assigned_by == NULL) {
			ck->err = VEIKART_ENOMEM;
			return;
		}
		if (r->assigned_by_id != NULL) {
			snprintf(whose, sizeof(whose), "role `%s`'s assigned-by", r->id);
			role_list(ck, r->assigned_by_id, &r->src, "assigned-by", whose,
			          &r->assigners, r->assigned_by);
			if (r->assigners.count == 0 && ck->err == 0)
				DIAG(ck, &r->src, "assigned-by",
				     "role `%s` says nobody may assign it: name at least one role",
				     r->id);
		} else {
			for (k = 0; k < n && ck->err == 0; k++) {
				if (!fallback[k])
					continue;
				r->assigned_by[k] = 1;
				if (veikart__vec_push(&m->arena, &r->assigners, m->roles.items[k]) <
				    0)
					ck->err = VEIKART_ENOMEM;
			}
		}
		for (k = 0; k < n; k++)
			m->assigning[k] |= r->assigned_by[k];
	}
}

/* ---- scales and facts ----------------------------------------------------- */

static void check_scales(checker *ck)
{
	veikart__level *a, *b;
	veikart_scale *s;
	const char **codes;
	size_t i, j, k, n;

	for (i = 0; i < ck->m->scales.count; i++) {
		s = ck->m->scales.items[i];
		if (s->levels.count == 0)
			DIAG(ck, &s->src, NULL, "scale `%s` has no <level>", s->id);
		n = s->levels.count + s->specials.count;
		for (j = 0; j < n; j++) {
			a = j < s->levels.count ? s->levels.items[j]
			                        : s->specials.items[j - s->levels.count];
			for (k = 0; k < j; k++) {
				b = k < s->levels.count ? s->levels.items[k]
				                        : s->specials.items[k - s->levels.count];
				if (veikart__streq(a->code, b->code))
					DIAG(ck, &a->src, "code", "scale `%s` has code `%s` twice",
					     s->id, a->code);
			}
		}
		codes = veikart__arena_alloc(&ck->m->arena, (n ? n : 1) * sizeof(*codes));
		if (codes == NULL) {
			ck->err = VEIKART_ENOMEM;
			return;
		}
		for (j = 0; j < s->levels.count; j++)
			codes[j] = ((const veikart__level *)s->levels.items[j])->code;
		for (j = 0; j < s->specials.count; j++)
			codes[s->levels.count + j] =
			        ((const veikart__level *)s->specials.items[j])->code;
		s->info.id = s->id;
		s->info.levels = codes;
		s->info.nlevels = (uint32_t)s->levels.count;
		s->info.specials = codes + s->levels.count;
		s->info.nspecials = (uint32_t)s->specials.count;
	}
}

static void check_facts(checker *ck)
{
	veikart_fact *f;
	char whose[160];
	size_t i, j;

	for (i = 0; i < ck->m->facts.count; i++) {
		f = ck->m->facts.items[i];
		f->slot = (uint32_t)i;
		f->scale = NULL;
		if (veikart__expr_is_reserved(f->id, strlen(f->id)))
			DIAG(ck, &f->src, "id",
			     "fact id `%s` is a word of the expression language, so no criterion "
			     "could name it: choose another id",
			     f->id);
		if (f->type == 0)
			continue; /* reported when read */
		if (f->scale_id != NULL) {
			for (j = 0; j < ck->m->scales.count; j++)
				if (strcmp(((const veikart_scale *)ck->m->scales.items[j])->id,
				           f->scale_id) == 0)
					f->scale = ck->m->scales.items[j];
			if (f->type != VEIKART_TYPE_SCALE)
				DIAG(ck, &f->src, "scale",
				     "fact `%s` is of type %s; only facts of type scale name a "
				     "scale",
				     f->id, veikart_type_name(f->type));
			else if (f->scale == NULL)
				DIAG(ck, &f->src, "scale",
				     "fact `%s` is rated on scale `%s`, which is not declared "
				     "under "
				     "<scales>",
				     f->id, f->scale_id);
		} else if (f->type == VEIKART_TYPE_SCALE) {
			DIAG(ck, &f->src, "type",
			     "fact `%s` is of type scale: say which with scale=\"...\"", f->id);
		}
		if (f->role_id != NULL && f->type != VEIKART_TYPE_SIGNOFF &&
		    f->type != VEIKART_TYPE_EVIDENCE)
			DIAG(ck, &f->src, "role",
			     "fact `%s` is of type %s; only signoff (who signs) and evidence (who "
			     "approves) facts name a role",
			     f->id, veikart_type_name(f->type));
		else
			role_ref(ck, f->role_id, &f->role, &f->src, "role", "fact");
		if (f->type == VEIKART_TYPE_SIGNOFF && f->role_id == NULL)
			DIAG(ck, &f->src, NULL,
			     "fact `%s` is a sign-off: say which role signs with role=\"...\"",
			     f->id);
		f->recorders.count = 0;
		f->recorded_by = NULL;
		if (f->recorded_by_id != NULL) {
			if (f->type == VEIKART_TYPE_SIGNOFF)
				DIAG(ck, &f->src, "recorded-by",
				     "fact `%s` is a sign-off, which its role signs: recorded-by "
				     "is for facts that are set or attached",
				     f->id);
			f->recorded_by = veikart__arena_alloc(
			        &ck->m->arena, ck->m->roles.count ? ck->m->roles.count : 1);
			if (f->recorded_by == NULL) {
				ck->err = VEIKART_ENOMEM;
				return;
			}
			snprintf(whose, sizeof(whose), "fact `%s`'s recorded-by", f->id);
			role_list(ck, f->recorded_by_id, &f->src, "recorded-by", whose,
			          &f->recorders, f->recorded_by);
		}
	}
}

/* ---- unit types ------------------------------------------------------------ */

static veikart_unit_type *unit_type_find(const veikart_method *m, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < m->unit_types.count; i++)
		if (strcmp(((const veikart_unit_type *)m->unit_types.items[i])->id, id) == 0)
			return m->unit_types.items[i];
	return NULL;
}

#define CYCLE_NAMES 8 /* a longer cycle is named in part: a message stays readable */

/* Report a cycle of parents, naming it from `first` round to `first`. */
static void report_cycle(checker *ck, const veikart_unit_type *first)
{
	const veikart_unit_type *u;
	veikart__buf names;
	size_t n = 1;

	veikart__buf_init(&names, &ck->m->alloc);
	veikart__buf_printf(&names, "`%s`", first->id);
	for (u = first->parent; u != first; u = u->parent, n++)
		if (n < CYCLE_NAMES)
			veikart__buf_printf(&names, " -> `%s`", u->id);
	if (n > CYCLE_NAMES)
		veikart__buf_printf(&names, " -> ... (%zu unit types in all)", n);
	veikart__buf_printf(&names, " -> `%s`", first->id);
	if (names.failed)
		ck->err = VEIKART_ENOMEM;
	else
		DIAG(ck, &first->src, "parent",
		     "the parents of unit types go round in a cycle: %s; one of them must be at "
		     "the top, without parent=\"...\"",
		     veikart__buf_cstr(&names));
	veikart__buf_dispose(&names);
}

/*
 * Report each cycle of parents once, at the member written first.  Each type
 * is walked over once (hostile files may have many): 1 marks the walk under
 * way, 2 a type already walked.  Meeting a 1 again means a cycle.
 */
static void check_unit_type_cycles(checker *ck)
{
	const veikart_method *m = ck->m;
	const veikart_unit_type *t, *u, *first;
	unsigned char *state;
	size_t i, n = m->unit_types.count;

	state = veikart__calloc(&m->alloc, n ? n : 1, 1);
	if (state == NULL) {
		ck->err = VEIKART_ENOMEM;
		return;
	}
	for (i = 0; i < n && ck->err == 0; i++) {
		for (t = m->unit_types.items[i]; t != NULL && state[t->index] == 0; t = t->parent)
			state[t->index] = 1;
		if (t != NULL && state[t->index] == 1) {
			first = t;
			for (u = t->parent; u != t; u = u->parent)
				if (u->index < first->index)
					first = u;
			report_cycle(ck, first);
		}
		for (t = m->unit_types.items[i]; t != NULL && state[t->index] == 1; t = t->parent)
			state[t->index] = 2;
	}
	veikart__free(&m->alloc, state);
}

static void check_unit_types(checker *ck)
{
	veikart_unit_type *t;
	size_t i;

	for (i = 0; i < ck->m->unit_types.count; i++) {
		t = ck->m->unit_types.items[i];
		t->index = i;
		t->parent = NULL;
		if (t->parent_id == NULL)
			continue;
		if (strcmp(t->parent_id, t->id) == 0) {
			DIAG(ck, &t->src, "parent",
			     "unit type `%s` names itself as its parent: a unit belongs to a unit "
			     "of another type",
			     t->id);
			continue;
		}
		t->parent = unit_type_find(ck->m, t->parent_id);
		if (t->parent == NULL)
			DIAG(ck, &t->src, "parent",
			     "unit type `%s` has parent `%s`, which is not declared under "
			     "<unit-types>",
			     t->id, t->parent_id);
	}
	if (ck->err == 0)
		check_unit_type_cycles(ck);
}

/* ---- expressions ----------------------------------------------------------- */

static int lookup(veikart__fact_info *out, const char *name, size_t len, void *payload)
{
	const veikart_fact *f = fact_find(payload, name, len);

	if (f == NULL)
		return VEIKART_ENOTFOUND;
	veikart__fact_info_of(out, f);
	return 0;
}

/* A phase's position in the methodology's order.  Searched in m->phases
 * rather than read from p->index, which is not set until the checks run. */
static int phase_lookup(const char *name, size_t len, void *payload)
{
	const veikart_method *m = payload;
	const veikart_phase *p;
	size_t i;

	for (i = 0; name != NULL && i < m->phases.count && i <= (size_t)INT_MAX; i++) {
		p = m->phases.items[i];
		if (strlen(p->id) == len && memcmp(p->id, name, len) == 0)
			return (int)i;
	}
	return -1;
}

static int phase_scope(int index, void *payload)
{
	const veikart_method *m = payload;

	if (index < 0 || (size_t)index >= m->phases.count)
		return 0;
	return ((const veikart_phase *)m->phases.items[index])->scope == VEIKART_SCOPE_UNIT;
}

void veikart__method_expr_decls(const veikart_method *m, veikart__expr_decls *out)
{
	memset(out, 0, sizeof(*out));
	out->lookup = lookup;
	out->phase_lookup = phase_lookup;
	out->phase_scope = phase_scope;
	out->context = VEIKART__CONTEXT_INITIATIVE;
	out->payload = (void *)(uintptr_t)m;
	out->alloc = &m->alloc;
	out->max_length = m->max_expr_length;
	out->max_depth = m->max_expr_depth;
}

static size_t utf8_chars(const char *s, size_t bytes)
{
	size_t i, n = 0;

	for (i = 0; i < bytes && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/*
 * Compile `source`.  When `in_text` or `in_attr` says where it was written,
 * an error points at the exact character; for generated expressions it
 * points at the element.
 */
static veikart__expr *compile(checker *ck, const char *source, const veikart__src *src,
                              const char *in_attr, int in_text, veikart__expr_context context,
                              const char *what)
{
	veikart__expr_decls decls;
	veikart__expr_error e;
	veikart__expr *expr = NULL;
	unsigned int line = 0, col = 0;
	int err;

	veikart__method_expr_decls(ck->m, &decls);
	decls.want_bool = 1;
	decls.context = context;
	decls.arena = &ck->m->arena;
	memset(&e, 0, sizeof(e));
	err = veikart__expr_compile(&expr, source, strlen(source), &decls, &e);
	if (err == 0)
		return expr;
	if (err == VEIKART_ENOMEM || e.code == VEIKART_ENOMEM) {
		ck->err = VEIKART_ENOMEM;
		return NULL;
	}
	if (in_attr != NULL || in_text)
		veikart__xml_where_in(src->x, src->node, in_attr, utf8_chars(source, e.offset),
		                      &line, &col);
	else
		veikart__xml_where(src->x, src->node, NULL, &line, &col);
	if (veikart__diags_add(ck->diags, VEIKART_SEVERITY_ERROR, src->x->name, line, col, "%s: %s",
	                       what, e.message) < 0)
		ck->err = VEIKART_ENOMEM;
	return NULL;
}

/* Expressions of a unit-scope phase (its skip-if, its gates' criteria and
 * authority conditions) are about one unit at a time. */
static veikart__expr_context context_of(const veikart_phase *p)
{
	return p != NULL && p->scope == VEIKART_SCOPE_UNIT ? VEIKART__CONTEXT_UNIT
	                                                   : VEIKART__CONTEXT_INITIATIVE;
}

/* An attribute of the body element of a structured criterion. */
static const char *body_attr(checker *ck, const veikart_criterion *c, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(c->body_src.node, (const xmlChar *)name);
	const char *p;

	if (v == NULL)
		return NULL;
	p = veikart__arena_strdup(&ck->m->arena, (const char *)v);
	xmlFree(v);
	if (p == NULL)
		ck->err = VEIKART_ENOMEM;
	return p;
}

/* The fact a structured criterion names, checked against the kinds it allows. */
static const veikart_fact *body_fact(checker *ck, const veikart_criterion *c, const char *attr,
                                     const char *element, unsigned int types, const char *need,
                                     const char *suggest)
{
	const char *id = body_attr(ck, c, attr);
	const veikart_fact *f;

	if (id == NULL)
		return NULL;
	f = fact_find(ck->m, id, strlen(id));
	if (f == NULL) {
		DIAG(ck, &c->body_src, attr,
		     "<%s> names fact `%s`, which is not declared under <facts>", element, id);
		return NULL;
	}
	if (!(types & (1u << f->type))) {
		DIAG(ck, &c->body_src, attr, "<%s> %s, but fact `%s` is of type %s%s", element,
		     need, id, veikart_type_name(f->type), suggest);
		return NULL;
	}
	return f;
}

#define T(t) (1u << (t))

static int put_literal(checker *ck, veikart__buf *b, const veikart_criterion *c,
                       const veikart_fact *f, const char *attr, const char *text)
{
	veikart__value v;
	char why[160];
	int err;

	err = veikart__value_parse(&v, f->type, f->scale ? &f->scale->info : NULL, text,
	                           strlen(text), &ck->m->arena, why, sizeof(why));
	if (err == VEIKART_ENOMEM) {
		ck->err = err;
		return err;
	}
	if (err < 0) {
		DIAG(ck, &c->body_src, attr, "`%s` is not a value of fact `%s`: %s", text, f->id,
		     why);
		return err;
	}
	return veikart__value_format(b, &v, f->scale ? &f->scale->info : NULL, 1);
}

/* Write the expression a structured criterion stands for. */
static const char *structured_source(checker *ck, const veikart_criterion *c)
{
	const veikart_fact *f = NULL;
	const char *op, *v, *min, *max, *since;
	const char *element = (const char *)c->body_src.node->name;
	veikart__buf b;
	const char *out = NULL, *p, *start;
	int first = 1;

	veikart__buf_init(&b, &ck->m->alloc);
	switch (c->kind) {
	case VEIKART_CRITERION_CHECK:
		f = body_fact(ck, c, "fact", element, T(VEIKART_TYPE_BOOL),
		              "needs a yes/no fact (type bool)",
		              "; compare other values with <threshold>");
		if (f != NULL)
			veikart__buf_puts(&b, f->id);
		break;
	case VEIKART_CRITERION_THRESHOLD:
		f = body_fact(
		        ck, c, "fact", element,
		        T(VEIKART_TYPE_BOOL) | T(VEIKART_TYPE_INTEGER) | T(VEIKART_TYPE_NUMBER) |
		                T(VEIKART_TYPE_RATIO) | T(VEIKART_TYPE_TEXT) |
		                T(VEIKART_TYPE_DATE) | T(VEIKART_TYPE_SCALE),
		        "compares a value",
		        "; documents and sign-offs are checked with <evidence> and <signoff>");
		op = body_attr(ck, c, "op");
		v = body_attr(ck, c, "value");
		if (f == NULL || op == NULL || v == NULL)
			break;
		veikart__buf_printf(&b, "%s %s ", f->id, op);
		if (put_literal(ck, &b, c, f, "value", v) < 0)
			goto out;
		break;
	case VEIKART_CRITERION_EVIDENCE:
		f = body_fact(ck, c, "fact", element, T(VEIKART_TYPE_EVIDENCE),
		              "needs a fact of type evidence", "");
		v = body_attr(ck, c, "approved");
		if (f != NULL)
			veikart__buf_printf(
			        &b, "%s(%s)",
			        v != NULL && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
			                ? "approved"
			                : "has_evidence",
			        f->id);
		break;
	case VEIKART_CRITERION_SIGNOFF:
		f = body_fact(ck, c, "fact", element, T(VEIKART_TYPE_SIGNOFF),
		              "needs a fact of type signoff", "");
		if (f != NULL)
			veikart__buf_printf(&b, "signed(%s)", f->id);
		break;
	case VEIKART_CRITERION_SCALE:
		f = body_fact(ck, c, "fact", element, T(VEIKART_TYPE_SCALE),
		              "needs a fact rated on a scale (type scale)", "");
		op = body_attr(ck, c, "op");
		v = body_attr(ck, c, "level");
		p = body_attr(ck, c, "in");
		if (f == NULL)
			break;
		if ((op != NULL) + (p != NULL) != 1 || (op != NULL) != (v != NULL)) {
			DIAG(ck, &c->body_src, NULL,
			     "<scale> takes either op=\"...\" with level=\"...\", or in=\"LEVEL "
			     "...\"");
			goto out;
		}
		if (op != NULL) {
			veikart__buf_printf(&b, "%s %s ", f->id, op);
			if (put_literal(ck, &b, c, f, "level", v) < 0)
				goto out;
			break;
		}
		veikart__buf_printf(&b, "%s in (", f->id);
		while (*p != '\0') {
			char code[128];
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			if (*p == '\0')
				break;
			start = p;
			while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				p++;
			if ((size_t)(p - start) >= sizeof(code)) {
				DIAG(ck, &c->body_src, "in",
				     "a level code in in=\"...\" is too long");
				goto out;
			}
			memcpy(code, start, (size_t)(p - start));
			code[p - start] = '\0';
			if (!first)
				veikart__buf_puts(&b, ", ");
			first = 0;
			if (put_literal(ck, &b, c, f, "in", code) < 0)
				goto out;
		}
		if (first) {
			DIAG(ck, &c->body_src, "in", "in=\"\" lists no levels");
			goto out;
		}
		veikart__buf_putc(&b, ')');
		break;
	case VEIKART_CRITERION_ELAPSED:
		min = body_attr(ck, c, "min-days");
		max = body_attr(ck, c, "max-days");
		since = body_attr(ck, c, "since");
		if (min == NULL && max == NULL) {
			DIAG(ck, &c->body_src, NULL,
			     "<elapsed> needs min-days=\"...\", max-days=\"...\" or both");
			goto out;
		}
		if (since != NULL) {
			f = body_fact(
			        ck, c, "since", element, T(VEIKART_TYPE_DATE),
			        "counts days since a date, so since=\"...\" names a fact of type "
			        "date",
			        "");
			if (f == NULL)
				goto out;
		}
		/* Written out in full for each bound: the expression shows exactly
		 * what is compared. */
		if (min != NULL) {
			if (since != NULL)
				veikart__buf_printf(&b, "days_since(%s) ge %sd", f->id, min);
			else
				veikart__buf_printf(&b, "days_in_phase() ge %sd", min);
		}
		if (min != NULL && max != NULL)
			veikart__buf_puts(&b, " and ");
		if (max != NULL) {
			if (since != NULL)
				veikart__buf_printf(&b, "days_since(%s) le %sd", f->id, max);
			else
				veikart__buf_printf(&b, "days_in_phase() le %sd", max);
		}
		break;
	case VEIKART_CRITERION_EXPR:
		break;
	}
	if (b.failed) {
		ck->err = VEIKART_ENOMEM;
		goto out;
	}
	if (b.len > 0) {
		out = veikart__arena_strndup(&ck->m->arena, veikart__buf_cstr(&b), b.len);
		if (out == NULL)
			ck->err = VEIKART_ENOMEM;
	}
out:
	veikart__buf_dispose(&b);
	return out;
}

static void check_criterion(checker *ck, veikart_gate *g, veikart_criterion *c)
{
	veikart__buf what;
	size_t i, j, n;
	uint32_t slot;

	if (c->body_src.node == NULL)
		return; /* reported when read */
	if (c->kind != VEIKART_CRITERION_EXPR) {
		c->source = structured_source(ck, c);
		if (c->source == NULL)
			return;
	}
	veikart__buf_init(&what, &ck->m->alloc);
	veikart__buf_printf(&what, "criterion `%s` of gate `%s`", c->id, g->id);
	c->expr =
	        compile(ck, c->source, &c->body_src, NULL, c->kind == VEIKART_CRITERION_EXPR,
	                context_of(g->from), what.failed ? "criterion" : veikart__buf_cstr(&what));
	veikart__buf_dispose(&what);
	if (c->expr == NULL)
		return;
	n = veikart__expr_fact_count(c->expr);
	c->facts = veikart__arena_alloc(&ck->m->arena, (n ? n : 1) * sizeof(*c->facts));
	if (c->facts == NULL) {
		ck->err = VEIKART_ENOMEM;
		return;
	}
	for (i = 0; i < n; i++) {
		slot = veikart__expr_fact(c->expr, i);
		for (j = 0; j < ck->m->facts.count; j++)
			if (((const veikart_fact *)ck->m->facts.items[j])->slot == slot)
				c->facts[i] = ck->m->facts.items[j];
	}
	c->nfacts = n;
}

/* ---- phases and gates ------------------------------------------------------ */

/* The phase other than `p` that has a step `id`, if any: for a hint. */
static const veikart_phase *phase_with_step(const veikart_method *m, const veikart_phase *p,
                                            const char *id)
{
	const veikart_phase *q;
	size_t i, j;

	for (i = 0; i < m->phases.count; i++) {
		q = m->phases.items[i];
		for (j = 0; q != p && j < q->steps.count; j++)
			if (strcmp(((const veikart_step *)q->steps.items[j])->id, id) == 0)
				return q;
	}
	return NULL;
}

/* A step's after-step must name a step of its phase listed before it, which
 * also keeps the order free of cycles. */
static void check_step_after(checker *ck, const veikart_phase *p, size_t at)
{
	veikart_step *s = p->steps.items[at];
	const veikart_step *other;
	const veikart_phase *elsewhere;
	size_t k;

	s->after = NULL;
	if (s->after_id == NULL)
		return;
	for (k = 0; k < p->steps.count; k++) {
		other = p->steps.items[k];
		if (strcmp(other->id, s->after_id) == 0)
			break;
	}
	if (k < at) {
		s->after = p->steps.items[k];
		return;
	}
	if (k == at) {
		DIAG(ck, &s->src, "after-step",
		     "step `%s` waits for itself: after-step names another step of the phase",
		     s->id);
		return;
	}
	if (k < p->steps.count) {
		DIAG(ck, &s->src, "after-step",
		     "step `%s` waits for step `%s`, which comes later in phase `%s`: a step can "
		     "only wait for one listed before it",
		     s->id, s->after_id, p->id);
		return;
	}
	elsewhere = phase_with_step(ck->m, p, s->after_id);
	if (elsewhere != NULL)
		DIAG(ck, &s->src, "after-step",
		     "step `%s` waits for step `%s`, which is a step of phase `%s`: after-step "
		     "orders the steps of one phase",
		     s->id, s->after_id, elsewhere->id);
	else
		DIAG(ck, &s->src, "after-step",
		     "step `%s` waits for step `%s`, which phase `%s` does not have", s->id,
		     s->after_id, p->id);
}

static void check_phases(checker *ck)
{
	veikart_phase *p;
	veikart_step *s;
	veikart__buf what;
	size_t i, j;

	ck->m->unit_start = NULL;
	for (i = 0; i < ck->m->phases.count; i++) {
		p = ck->m->phases.items[i];
		p->index = i;
		p->gates.count = 0;
		if (p->scope == VEIKART_SCOPE_UNIT && ck->m->unit_start == NULL)
			ck->m->unit_start = p;
		for (j = 0; j < p->steps.count; j++) {
			check_step_after(ck, p, j);
			s = p->steps.items[j];
			role_ref(ck, s->role_id, &s->role, &s->src, "role", "the step");
			s->produces = NULL;
			if (s->produces_id != NULL) {
				s->produces =
				        fact_find(ck->m, s->produces_id, strlen(s->produces_id));
				if (s->produces == NULL)
					DIAG(ck, &s->src, "produces",
					     "step `%s` produces fact `%s`, which is not declared "
					     "under "
					     "<facts>",
					     s->id, s->produces_id);
			}
		}
		if (p->skip_if != NULL) {
			veikart__buf_init(&what, &ck->m->alloc);
			veikart__buf_printf(&what, "skip-if of phase `%s`", p->id);
			p->skip_if_expr =
			        compile(ck, p->skip_if, &p->skip_if_src, NULL, 1, context_of(p),
			                what.failed ? "skip-if" : veikart__buf_cstr(&what));
			veikart__buf_dispose(&what);
		}
	}
	if (ck->m->phases.count == 0) {
		DIAG(ck, &ck->m->src, NULL,
		     "the methodology has no phases: add <phases> with at "
		     "least one <phase>");
		return;
	}
	if (ck->m->start_id != NULL) {
		ck->m->start = phase_find(ck->m, ck->m->start_id);
		if (ck->m->start == NULL)
			DIAG(ck, &ck->m->start_src, "start", "start=\"%s\" names no phase",
			     ck->m->start_id);
		else if (ck->m->start->scope != VEIKART_SCOPE_INITIATIVE)
			DIAG(ck, &ck->m->start_src, "start",
			     "the start phase `%s` is walked per unit; an initiative starts in a "
			     "phase of "
			     "scope initiative",
			     ck->m->start_id);
	} else {
		for (i = 0; i < ck->m->phases.count && ck->m->start == NULL; i++)
			if (((const veikart_phase *)ck->m->phases.items[i])->scope ==
			    VEIKART_SCOPE_INITIATIVE)
				ck->m->start = ck->m->phases.items[i];
		if (ck->m->start == NULL)
			DIAG(ck, &((const veikart_phase *)ck->m->phases.items[0])->src, NULL,
			     "every phase is walked per unit; an initiative needs a phase of scope "
			     "initiative to start in");
	}
}

static void check_outcome(checker *ck, const veikart_gate *g, veikart_outcome *o)
{
	const char *kind = veikart_outcome_kind_name(o->kind);
	const veikart_phase *from = g->from, *mid;
	size_t i;
	int needs_to = o->kind == VEIKART_OUTCOME_GO || o->kind == VEIKART_OUTCOME_CONDITIONAL_GO ||
	               o->kind == VEIKART_OUTCOME_RECYCLE || o->kind == VEIKART_OUTCOME_SKIP;

	o->to = NULL;
	if (o->to_id == NULL) {
		if (needs_to)
			DIAG(ck, &o->src, NULL, "a %s outcome needs to=\"PHASE\": where it leads",
			     kind);
		return;
	}
	if (o->kind == VEIKART_OUTCOME_HOLD || o->kind == VEIKART_OUTCOME_CONTINUE) {
		DIAG(ck, &o->src, "to",
		     "a %s outcome stays in the phase, so it takes no to=\"...\"", kind);
		return;
	}
	o->to = phase_find(ck->m, o->to_id);
	if (o->to == NULL) {
		DIAG(ck, &o->src, "to", "outcome %s leads to phase `%s`, which does not exist",
		     kind, o->to_id);
		return;
	}
	if (from == NULL)
		return;
	if (o->to->scope != from->scope) {
		DIAG(ck, &o->src, "to",
		     "gate `%s` leaves a phase walked per %s, but `%s` is walked per %s", g->id,
		     from->scope == VEIKART_SCOPE_UNIT ? "unit" : "initiative", o->to->id,
		     o->to->scope == VEIKART_SCOPE_UNIT ? "unit" : "initiative");
		return;
	}
	switch (o->kind) {
	case VEIKART_OUTCOME_GO:
	case VEIKART_OUTCOME_CONDITIONAL_GO:
		if (o->to == from)
			DIAG(ck, &o->src, "to",
			     "a %s outcome leads on to another phase; to stay, use hold, or "
			     "recycle "
			     "for a new round",
			     kind);
		break;
	case VEIKART_OUTCOME_RECYCLE:
		if (o->to->index > from->index)
			DIAG(ck, &o->src, "to",
			     "recycle goes back, but `%s` comes after `%s`; use go or skip to move "
			     "forward",
			     o->to->id, from->id);
		break;
	case VEIKART_OUTCOME_SKIP:
		if (o->to->index <= from->index + 1) {
			DIAG(ck, &o->src, "to",
			     "skip jumps over at least one phase, but `%s` is not beyond the phase "
			     "after `%s`",
			     o->to->id, from->id);
			break;
		}
		for (i = from->index + 1; i < o->to->index; i++) {
			mid = ck->m->phases.items[i];
			if (mid->scope == from->scope && !mid->optional && mid->skip_if == NULL)
				DIAG(ck, &o->src, "to",
				     "skip from `%s` to `%s` passes over `%s`, which is not "
				     "optional",
				     from->id, o->to->id, mid->id);
		}
		break;
	case VEIKART_OUTCOME_STOP:
		if (!o->to->terminal)
			DIAG(ck, &o->src, "to",
			     "stop ends the initiative, so `%s` must be a terminal phase",
			     o->to->id);
		break;
	default:
		break;
	}
}

/* from-kind="KIND": the first initiative phase of that kind. */
static void resolve_from_kind(checker *ck, veikart_gate *g)
{
	const veikart_phase *p;
	size_t i;

	for (i = 0; i < ck->m->phases.count; i++) {
		p = ck->m->phases.items[i];
		if (p->kind == g->from_kind && p->scope == VEIKART_SCOPE_INITIATIVE) {
			g->from_id = p->id;
			return;
		}
	}
	DIAG(ck, &g->from_src, "from-kind",
	     "gate `%s` leaves the first phase of kind `%s`, and this methodology has no "
	     "initiative phase of that kind",
	     g->id, veikart_phase_kind_name((veikart_phase_kind)g->from_kind));
}

/* A recurring review is passed with a continue outcome, which stays in the
 * phase until the next review comes due. */
static void check_recurring(checker *ck, const veikart_gate *g)
{
	size_t i;

	if (g->every_days == 0)
		return;
	for (i = 0; i < g->outcomes.count; i++)
		if (((const veikart_outcome *)g->outcomes.items[i])->kind ==
		    VEIKART_OUTCOME_CONTINUE)
			return;
	DIAG(ck, &g->src, "every-days",
	     "gate `%s` comes back every %u days, so it needs <outcome kind=\"continue\"/>: the "
	     "decision that a review passed",
	     g->id, g->every_days);
}

static void check_gates(checker *ck)
{
	veikart__authority *a;
	veikart_criterion *c;
	veikart_gate *g;
	veikart_phase *from;
	veikart__buf what;
	size_t i, j, scored;
	int unconditional;

	for (i = 0; i < ck->m->gates.count; i++) {
		g = ck->m->gates.items[i];
		if (g->from_id == NULL && g->from_kind >= 0)
			resolve_from_kind(ck, g);
		from = g->from_id ? phase_find(ck->m, g->from_id) : NULL;
		g->from = from;
		if (g->from_id != NULL && from == NULL)
			DIAG(ck, &g->from_src, "from",
			     "gate `%s` leaves phase `%s`, which does not exist", g->id,
			     g->from_id);
		if (from != NULL && veikart__vec_push(&ck->m->arena, &from->gates, g) < 0)
			ck->err = VEIKART_ENOMEM;
		if (from != NULL && from->terminal)
			DIAG(ck, &g->from_src, "from",
			     "gate `%s` leaves phase `%s`, but that phase is terminal", g->id,
			     from->id);

		if (g->authorities.count == 0)
			DIAG(ck, &g->src, NULL,
			     "gate `%s` says nobody decides: add <authority role=\"...\"/>", g->id);
		unconditional = 0;
		for (j = 0; j < g->authorities.count; j++) {
			a = g->authorities.items[j];
			if (unconditional)
				WARN(ck, &a->src, NULL,
				     "this authority rule is never used: an earlier one has no "
				     "when=\"...\"");
			role_ref(ck, a->role_id, &a->role, &a->src, "role", "the authority");
			if (a->when == NULL) {
				unconditional = 1;
				continue;
			}
			veikart__buf_init(&what, &ck->m->alloc);
			veikart__buf_printf(&what, "authority condition of gate `%s`", g->id);
			a->expr = compile(ck, a->when, &a->src, "when", 0, context_of(from),
			                  what.failed ? "when" : veikart__buf_cstr(&what));
			veikart__buf_dispose(&what);
		}
		if (g->authorities.count > 0 && !unconditional)
			WARN(ck, &g->src, NULL,
			     "every authority rule of gate `%s` has a condition: when none holds, "
			     "nobody may decide",
			     g->id);

		scored = 0;
		for (j = 0; j < g->criteria.count; j++) {
			c = g->criteria.items[j];
			check_criterion(ck, g, c);
			if (c->level != VEIKART_LEVEL_INFO)
				scored++;
		}
		if (g->aggregation == VEIKART_AGGREGATION_K_OF_N && (g->k == 0 || g->k > scored))
			DIAG(ck, &g->src, "k",
			     "gate `%s` needs k of its %zu must and should criteria, so k is "
			     "between 1 "
			     "and %zu",
			     g->id, scored, scored);

		if (g->outcomes.count == 0)
			DIAG(ck, &g->src, NULL,
			     "gate `%s` has no <outcome>: a decision has nowhere to go", g->id);
		for (j = 0; j < g->outcomes.count; j++)
			check_outcome(ck, g, g->outcomes.items[j]);
		check_recurring(ck, g);
	}
}

/* Walk the graph from each machine's start: the initiative's start phase,
 * and the first phase walked per unit. */
static int mark_reachable(const veikart_method *m, const veikart_phase *start, unsigned char *seen)
{
	const veikart_phase **stack;
	const veikart_phase *p;
	const veikart_gate *g;
	const veikart_outcome *o;
	size_t top = 0, i, j;

	stack = veikart__calloc(&m->alloc, m->phases.count + 1, sizeof(*stack));
	if (stack == NULL)
		return VEIKART_ENOMEM;
	seen[start->index] = 1;
	stack[top++] = start;
	while (top > 0) {
		p = stack[--top];
		for (i = 0; i < p->gates.count; i++) {
			g = p->gates.items[i];
			for (j = 0; j < g->outcomes.count; j++) {
				o = g->outcomes.items[j];
				if (o->to != NULL && !seen[o->to->index]) {
					seen[o->to->index] = 1;
					stack[top++] = o->to;
				}
			}
		}
	}
	veikart__free(&m->alloc, stack);
	return 0;
}

static void check_graph(checker *ck)
{
	const veikart_method *m = ck->m;
	const veikart_phase *p, *unit_start = m->unit_start;
	const veikart_gate *g;
	const veikart_outcome *o;
	unsigned char *seen;
	size_t i, j, k;
	int way_out;

	if (m->start == NULL || m->phases.count == 0)
		return;
	seen = veikart__calloc(&m->alloc, m->phases.count, 1);
	if (seen == NULL) {
		ck->err = VEIKART_ENOMEM;
		return;
	}
	/* Without the walk every phase would look unreachable. */
	if (mark_reachable(m, m->start, seen) != 0 ||
	    (unit_start != NULL && mark_reachable(m, unit_start, seen) != 0)) {
		ck->err = VEIKART_ENOMEM;
		goto out;
	}

	for (i = 0; i < m->phases.count; i++) {
		p = m->phases.items[i];
		if (!seen[i])
			DIAG(ck, &p->src, NULL,
			     "phase `%s` cannot be reached: no gate outcome leads to it from the "
			     "start "
			     "phase `%s`",
			     p->id, p->scope == VEIKART_SCOPE_UNIT ? unit_start->id : m->start->id);
		if (p->terminal)
			continue;
		way_out = 0;
		for (j = 0; j < p->gates.count && !way_out; j++) {
			g = p->gates.items[j];
			for (k = 0; k < g->outcomes.count; k++) {
				o = g->outcomes.items[k];
				if ((o->to != NULL && o->to != p) ||
				    o->kind == VEIKART_OUTCOME_STOP)
					way_out = 1;
			}
		}
		if (!way_out)
			DIAG(ck, &p->src, NULL,
			     "phase `%s` is not terminal, but no gate leads out of it: add a gate "
			     "with from=\"%s\", or mark the phase terminal=\"true\"",
			     p->id, p->id);
	}

out:
	veikart__free(&m->alloc, seen);
}

int veikart__model_check(veikart_method *m, veikart_diagnostics *diags)
{
	checker ck;

	memset(&ck, 0, sizeof(ck));
	ck.m = m;
	ck.diags = diags;
	check_roles(&ck);
	if (ck.err == 0)
		check_scales(&ck);
	if (ck.err == 0)
		check_facts(&ck);
	if (ck.err == 0)
		check_unit_types(&ck);
	if (ck.err == 0)
		check_phases(&ck);
	if (ck.err == 0)
		check_gates(&ck);
	if (ck.err == 0)
		check_graph(&ck);
	return ck.err;
}
