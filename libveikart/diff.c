/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Comparing two methodologies through their public accessors: elements
 * matched by id (authority rules by role, outcomes by kind), one entry per
 * element added or removed and per field changed.  Entries and their
 * strings live in the diff's arena; the entry array grows on its own.
 */
#include <stdio.h>
#include <string.h>

#include "method.h"
#include "util.h"
#include "xml.h"

struct veikart_diff {
	veikart_allocator alloc;
	veikart__arena arena;
	veikart_diff_entry *entries;
	size_t count;
	size_t cap;
	const char *a_id, *a_version;
	const char *b_id, *b_version;
};

typedef struct differ {
	veikart_diff *d;
	const veikart_method *a, *b;
	const char *lang;   /* the options' language, or NULL */
	const char **langs; /* languages titles are compared in */
	size_t nlangs;
	int failed; /* memory ran out; everything after is skipped */
} differ;

/* How to walk one kind of element matched by id within a parent (the
 * methodology, a phase or a gate). */
typedef struct kind_ops {
	veikart_diff_what what;
	const char *name;        /* as in paths: "phase" */
	const char *label_field; /* "title", "text" */
	size_t (*count)(const void *parent);
	const void *(*at)(const void *parent, size_t index);
	const char *(*id)(const void *elem);
	const char *(*label)(const void *elem, const char *lang);
	/* Compare the fields of an element both have; pa and pb are the parents. */
	void (*fields)(differ *df, const char *path, const void *ea, const void *eb, const void *pa,
	               const void *pb);
} kind_ops;

static const char *const aggregation_names[] = { "must-then-score", "all", "k-of-n", "advisory" };

/* ---- recording entries ------------------------------------------------------ */

static const char *keep(differ *df, const char *s)
{
	char *copy;

	if (s == NULL || df->failed)
		return NULL;
	copy = veikart__arena_strdup(&df->d->arena, s);
	if (copy == NULL)
		df->failed = 1;
	return copy;
}

/* A path "PREFIX/NAME ID" (or "NAME ID" without a prefix), kept in the arena. */
static const char *path_of(differ *df, const char *prefix, const char *name, const char *id)
{
	veikart__buf b;
	const char *p;

	if (df->failed)
		return NULL;
	veikart__buf_init(&b, &df->d->alloc);
	if (prefix != NULL)
		veikart__buf_printf(&b, "%s/", prefix);
	veikart__buf_printf(&b, "%s %s", name, id != NULL ? id : "");
	if (b.failed) {
		df->failed = 1;
		veikart__buf_dispose(&b);
		return NULL;
	}
	p = keep(df, veikart__buf_cstr(&b));
	veikart__buf_dispose(&b);
	return p;
}

static void add(differ *df, veikart_diff_change change, veikart_diff_what what, const char *path,
                const char *field, const char *old_value, const char *new_value)
{
	veikart_diff *d = df->d;
	veikart_diff_entry e;

	if (df->failed)
		return;
	e.change = change;
	e.what = what;
	e.path = keep(df, path);
	e.field = keep(df, field);
	e.old_value = keep(df, old_value);
	e.new_value = keep(df, new_value);
	if (df->failed)
		return;
	if (veikart__grow(&d->alloc, (void **)&d->entries, &d->cap, d->count + 1,
	                  sizeof(*d->entries)) != 0) {
		df->failed = 1;
		return;
	}
	d->entries[d->count++] = e;
}

static void field_str(differ *df, veikart_diff_what what, const char *path, const char *field,
                      const char *old_value, const char *new_value)
{
	if (!veikart__streq(old_value, new_value))
		add(df, VEIKART_DIFF_CHANGED, what, path, field, old_value, new_value);
}

/* An unsigned count where 0 means "not set". */
static void field_uint(differ *df, veikart_diff_what what, const char *path, const char *field,
                       unsigned long old_value, unsigned long new_value)
{
	char a[32], b[32];

	if (old_value == new_value)
		return;
	snprintf(a, sizeof(a), "%lu", old_value);
	snprintf(b, sizeof(b), "%lu", new_value);
	add(df, VEIKART_DIFF_CHANGED, what, path, field, old_value != 0 ? a : NULL,
	    new_value != 0 ? b : NULL);
}

static void field_number(differ *df, veikart_diff_what what, const char *path, const char *field,
                         double old_value, double new_value)
{
	char a[64], b[64];

	veikart__format_number(a, sizeof(a), 6, 'g', old_value);
	veikart__format_number(b, sizeof(b), 6, 'g', new_value);
	field_str(df, what, path, field, a, b);
}

static void field_bool(differ *df, veikart_diff_what what, const char *path, const char *field,
                       int old_value, int new_value)
{
	field_str(df, what, path, field, old_value ? "true" : "false",
	          new_value ? "true" : "false");
}

typedef const char *(*label_fn)(const void *elem, const char *lang);

/* Titles (or texts, labels) in each language compared.  A label missing in
 * a language falls back to another, so a change that reads the same in an
 * earlier language is listed once, under that language. */
static void field_labels(differ *df, veikart_diff_what what, const char *path, const char *name,
                         label_fn label, const void *ea, const void *eb)
{
	const char *oa, *ob;
	char field[96];
	size_t i, j;
	int seen;

	for (i = 0; i < df->nlangs; i++) {
		oa = label(ea, df->langs[i]);
		ob = label(eb, df->langs[i]);
		if (veikart__streq(oa, ob))
			continue;
		seen = 0;
		for (j = 0; j < i && !seen; j++)
			seen = veikart__streq(label(ea, df->langs[j]), oa) &&
			       veikart__streq(label(eb, df->langs[j]), ob);
		if (seen)
			continue;
		snprintf(field, sizeof(field), "%s[%s]", name, df->langs[i]);
		add(df, VEIKART_DIFF_CHANGED, what, path, field, oa, ob);
	}
}

/* ---- matching by id --------------------------------------------------------- */

static const void *find(const kind_ops *k, const void *parent, const char *id, size_t *index)
{
	size_t i, n = k->count(parent);

	for (i = 0; i < n; i++) {
		if (veikart__streq(k->id(k->at(parent, i)), id)) {
			if (index != NULL)
				*index = i;
			return k->at(parent, i);
		}
	}
	return NULL;
}

/* Position of element `index` of `parent` among the elements `other` has
 * too, so that adding or removing an element moves no other. */
static size_t shared_rank(const kind_ops *k, const void *parent, const void *other, size_t index)
{
	size_t i, rank = 0;

	for (i = 0; i < index; i++)
		if (find(k, other, k->id(k->at(parent, i)), NULL) != NULL)
			rank++;
	return rank;
}

/* Entries for the elements of one kind under parents pa (in A) and pb (in B). */
static void compare_list(differ *df, const kind_ops *k, const char *prefix, const void *pa,
                         const void *pb)
{
	const void *ea, *eb;
	const char *path;
	size_t i, n;

	n = k->count(pa);
	for (i = 0; i < n && !df->failed; i++) {
		ea = k->at(pa, i);
		eb = find(k, pb, k->id(ea), NULL);
		path = path_of(df, prefix, k->name, k->id(ea));
		if (eb == NULL) {
			add(df, VEIKART_DIFF_REMOVED, k->what, path, NULL, k->label(ea, df->lang),
			    NULL);
			continue;
		}
		field_labels(df, k->what, path, k->label_field, k->label, ea, eb);
		if (k->fields != NULL)
			k->fields(df, path, ea, eb, pa, pb);
	}
	n = k->count(pb);
	for (i = 0; i < n && !df->failed; i++) {
		eb = k->at(pb, i);
		if (find(k, pa, k->id(eb), NULL) != NULL)
			continue;
		path = path_of(df, prefix, k->name, k->id(eb));
		add(df, VEIKART_DIFF_ADDED, k->what, path, NULL, NULL, k->label(eb, df->lang));
	}
}

/* A changed position among the elements both parents have. */
static void field_order(differ *df, const kind_ops *k, const char *path, const void *ea,
                        const void *eb, const void *pa, const void *pb)
{
	size_t ia = 0, ib = 0;

	find(k, pa, k->id(ea), &ia);
	find(k, pb, k->id(eb), &ib);
	if (shared_rank(k, pa, pb, ia) != shared_rank(k, pb, pa, ib))
		field_uint(df, k->what, path, "order", (unsigned long)ia + 1,
		           (unsigned long)ib + 1);
}

/* ---- accessors as kind_ops wants them ---------------------------------------- */

#define OPS_LIST(prefix, parent_t, elem_t, count_fn, at_fn)              \
	static size_t prefix##_count(const void *parent)                 \
	{                                                                \
		return count_fn((const parent_t *)parent);               \
	}                                                                \
	static const void *prefix##_at(const void *parent, size_t index) \
	{                                                                \
		return at_fn((const parent_t *)parent, index);           \
	}
#define OPS_ELEM(prefix, elem_t, id_fn, label_fn)                             \
	static const char *prefix##_id(const void *elem)                      \
	{                                                                     \
		return id_fn((const elem_t *)elem);                           \
	}                                                                     \
	static const char *prefix##_label(const void *elem, const char *lang) \
	{                                                                     \
		return label_fn((const elem_t *)elem, lang);                  \
	}

OPS_LIST(role, veikart_method, veikart_role, veikart_method_role_count, veikart_method_role)
OPS_ELEM(role, veikart_role, veikart_role_id, veikart_role_title)
OPS_LIST(fact, veikart_method, veikart_fact, veikart_method_fact_count, veikart_method_fact)
OPS_ELEM(fact, veikart_fact, veikart_fact_id, veikart_fact_title)
OPS_LIST(scale, veikart_method, veikart_scale, veikart_method_scale_count, veikart_method_scale)
OPS_ELEM(scale, veikart_scale, veikart_scale_id, veikart_scale_title)
OPS_LIST(utype, veikart_method, veikart_unit_type, veikart_method_unit_type_count,
         veikart_method_unit_type)
OPS_ELEM(utype, veikart_unit_type, veikart_unit_type_id, veikart_unit_type_title)
OPS_LIST(phase, veikart_method, veikart_phase, veikart_method_phase_count, veikart_method_phase)
OPS_ELEM(phase, veikart_phase, veikart_phase_id, veikart_phase_title)
OPS_LIST(step, veikart_phase, veikart_step, veikart_phase_step_count, veikart_phase_step)
OPS_ELEM(step, veikart_step, veikart_step_id, veikart_step_title)
OPS_LIST(gate, veikart_method, veikart_gate, veikart_method_gate_count, veikart_method_gate)
OPS_ELEM(gate, veikart_gate, veikart_gate_id, veikart_gate_title)
OPS_LIST(crit, veikart_gate, veikart_criterion, veikart_gate_criterion_count,
         veikart_gate_criterion)
OPS_ELEM(crit, veikart_criterion, veikart_criterion_id, veikart_criterion_text)

static const char *role_id_or_null(const veikart_role *r)
{
	return r != NULL ? veikart_role_id(r) : NULL;
}

static const char *phase_id_or_null(const veikart_phase *p)
{
	return p != NULL ? veikart_phase_id(p) : NULL;
}

static const char *scope_name(veikart_scope s)
{
	return s == VEIKART_SCOPE_UNIT ? "unit" : "initiative";
}

/* ---- what is compared of each kind ------------------------------------------ */

/* The ids of N roles, each get(owner, i), space-separated; NULL for none. */
static const char *role_ids(differ *df, const void *owner, size_t n,
                            const veikart_role *(*get)(const void *, size_t))
{
	veikart__buf b;
	const char *ids;
	size_t i;

	if (df->failed || n == 0)
		return NULL;
	veikart__buf_init(&b, &df->d->alloc);
	for (i = 0; i < n; i++) {
		if (i > 0)
			veikart__buf_putc(&b, ' ');
		veikart__buf_puts(&b, veikart_role_id(get(owner, i)));
	}
	if (b.failed)
		df->failed = 1;
	ids = keep(df, veikart__buf_cstr(&b));
	veikart__buf_dispose(&b);
	return ids;
}

static const veikart_role *assigner_at(const void *role, size_t i)
{
	return veikart_role_assigner(role, i);
}

static const veikart_role *recorder_at(const void *fact, size_t i)
{
	return veikart_fact_recorder(fact, i);
}

static void role_fields(differ *df, const char *path, const void *ea, const void *eb,
                        const void *pa, const void *pb)
{
	const veikart_role *a = ea, *b = eb;

	(void)pa;
	(void)pb;
	field_str(df, VEIKART_DIFF_ROLE, path, "kind",
	          veikart_role_kind_of(a) == VEIKART_ROLE_BODY ? "body" : "person",
	          veikart_role_kind_of(b) == VEIKART_ROLE_BODY ? "body" : "person");
	field_bool(df, VEIKART_DIFF_ROLE, path, "may-override", veikart_role_may_override(a),
	           veikart_role_may_override(b));
	field_str(df, VEIKART_DIFF_ROLE, path, "assigned-by",
	          role_ids(df, a, veikart_role_assigner_count(a), assigner_at),
	          role_ids(df, b, veikart_role_assigner_count(b), assigner_at));
	field_bool(df, VEIKART_DIFF_ROLE, path, "self-assign", veikart_role_self_assign(a),
	           veikart_role_self_assign(b));
}

static void fact_fields(differ *df, const char *path, const void *ea, const void *eb,
                        const void *pa, const void *pb)
{
	const veikart_fact *a = ea, *b = eb;
	const veikart_scale *sa = veikart_fact_scale(a), *sb = veikart_fact_scale(b);

	(void)pa;
	(void)pb;
	field_str(df, VEIKART_DIFF_FACT, path, "type", veikart_type_name(veikart_fact_type(a)),
	          veikart_type_name(veikart_fact_type(b)));
	field_str(df, VEIKART_DIFF_FACT, path, "scope", scope_name(veikart_fact_scope(a)),
	          scope_name(veikart_fact_scope(b)));
	field_str(df, VEIKART_DIFF_FACT, path, "unit", veikart_fact_unit(a), veikart_fact_unit(b));
	field_str(df, VEIKART_DIFF_FACT, path, "scale", sa != NULL ? veikart_scale_id(sa) : NULL,
	          sb != NULL ? veikart_scale_id(sb) : NULL);
	field_str(df, VEIKART_DIFF_FACT, path, "role", role_id_or_null(veikart_fact_role(a)),
	          role_id_or_null(veikart_fact_role(b)));
	field_str(df, VEIKART_DIFF_FACT, path, "recorded-by",
	          role_ids(df, a, veikart_fact_recorder_count(a), recorder_at),
	          role_ids(df, b, veikart_fact_recorder_count(b), recorder_at));
}

/* The codes of a scale's levels (or special values), space-separated. */
static const char *scale_codes(differ *df, const veikart_scale *s, int specials)
{
	veikart__buf b;
	const char *codes;
	size_t i, n;

	if (df->failed)
		return NULL;
	veikart__buf_init(&b, &df->d->alloc);
	n = specials ? veikart_scale_special_count(s) : veikart_scale_level_count(s);
	for (i = 0; i < n; i++) {
		if (i > 0)
			veikart__buf_putc(&b, ' ');
		veikart__buf_puts(&b, specials ? veikart_scale_special_code(s, i)
		                               : veikart_scale_level_code(s, i));
	}
	if (b.failed)
		df->failed = 1;
	codes = keep(df, veikart__buf_cstr(&b));
	veikart__buf_dispose(&b);
	return codes;
}

static void scale_fields(differ *df, const char *path, const void *ea, const void *eb,
                         const void *pa, const void *pb)
{
	(void)pa;
	(void)pb;
	field_str(df, VEIKART_DIFF_SCALE, path, "levels", scale_codes(df, ea, 0),
	          scale_codes(df, eb, 0));
	field_str(df, VEIKART_DIFF_SCALE, path, "specials", scale_codes(df, ea, 1),
	          scale_codes(df, eb, 1));
}

static void utype_fields(differ *df, const char *path, const void *ea, const void *eb,
                         const void *pa, const void *pb)
{
	const veikart_unit_type *a = veikart_unit_type_parent(ea);
	const veikart_unit_type *b = veikart_unit_type_parent(eb);

	(void)pa;
	(void)pb;
	field_str(df, VEIKART_DIFF_UNIT_TYPE, path, "parent",
	          a != NULL ? veikart_unit_type_id(a) : NULL,
	          b != NULL ? veikart_unit_type_id(b) : NULL);
}

static void step_fields(differ *df, const char *path, const void *ea, const void *eb,
                        const void *pa, const void *pb);
static const kind_ops step_ops = {
	VEIKART_DIFF_STEP, "step", "title", step_count, step_at, step_id, step_label, step_fields,
};

static void step_fields(differ *df, const char *path, const void *ea, const void *eb,
                        const void *pa, const void *pb)
{
	const veikart_step *a = ea, *b = eb;
	const veikart_fact *fa = veikart_step_produces(a), *fb = veikart_step_produces(b);
	const veikart_step *aa = veikart_step_after(a), *ab = veikart_step_after(b);

	field_str(df, VEIKART_DIFF_STEP, path, "role", role_id_or_null(veikart_step_role(a)),
	          role_id_or_null(veikart_step_role(b)));
	field_order(df, &step_ops, path, ea, eb, pa, pb);
	field_str(df, VEIKART_DIFF_STEP, path, "produces", fa != NULL ? veikart_fact_id(fa) : NULL,
	          fb != NULL ? veikart_fact_id(fb) : NULL);
	field_str(df, VEIKART_DIFF_STEP, path, "after-step",
	          aa != NULL ? veikart_step_id(aa) : NULL, ab != NULL ? veikart_step_id(ab) : NULL);
}

static void phase_fields(differ *df, const char *path, const void *ea, const void *eb,
                         const void *pa, const void *pb)
{
	const veikart_phase *a = ea, *b = eb;

	(void)pa;
	(void)pb;
	field_str(df, VEIKART_DIFF_PHASE, path, "kind",
	          veikart_phase_kind_name(veikart_phase_kind_of(a)),
	          veikart_phase_kind_name(veikart_phase_kind_of(b)));
	field_str(df, VEIKART_DIFF_PHASE, path, "scope", scope_name(veikart_phase_scope(a)),
	          scope_name(veikart_phase_scope(b)));
	field_bool(df, VEIKART_DIFF_PHASE, path, "optional", veikart_phase_is_optional(a),
	           veikart_phase_is_optional(b));
	field_str(df, VEIKART_DIFF_PHASE, path, "skip-if", veikart_phase_skip_if(a),
	          veikart_phase_skip_if(b));
	field_bool(df, VEIKART_DIFF_PHASE, path, "repeatable", veikart_phase_is_repeatable(a),
	           veikart_phase_is_repeatable(b));
	field_uint(df, VEIKART_DIFF_PHASE, path, "max-days", veikart_phase_max_days(a),
	           veikart_phase_max_days(b));
	field_bool(df, VEIKART_DIFF_PHASE, path, "terminal", veikart_phase_is_terminal(a),
	           veikart_phase_is_terminal(b));
	compare_list(df, &step_ops, path, a, b);
}

/* The tags of a criterion, space-separated. */
static const char *tags_of(differ *df, const veikart_criterion *c)
{
	veikart__buf b;
	const char *tags;
	size_t i;

	if (df->failed)
		return NULL;
	veikart__buf_init(&b, &df->d->alloc);
	for (i = 0; i < veikart_criterion_tag_count(c); i++) {
		if (i > 0)
			veikart__buf_putc(&b, ' ');
		veikart__buf_puts(&b, veikart_criterion_tag(c, i));
	}
	if (b.failed)
		df->failed = 1;
	tags = keep(df, veikart__buf_cstr(&b));
	veikart__buf_dispose(&b);
	return tags;
}

static void crit_fields(differ *df, const char *path, const void *ea, const void *eb,
                        const void *pa, const void *pb)
{
	const veikart_criterion *a = ea, *b = eb;

	(void)pa;
	(void)pb;
	field_str(df, VEIKART_DIFF_CRITERION, path, "level",
	          veikart_level_name(veikart_criterion_level(a)),
	          veikart_level_name(veikart_criterion_level(b)));
	field_number(df, VEIKART_DIFF_CRITERION, path, "weight", veikart_criterion_weight(a),
	             veikart_criterion_weight(b));
	field_str(df, VEIKART_DIFF_CRITERION, path, "expression", veikart_criterion_expression(a),
	          veikart_criterion_expression(b));
	field_str(df, VEIKART_DIFF_CRITERION, path, "tags", tags_of(df, a), tags_of(df, b));
}

static const kind_ops crit_ops = {
	VEIKART_DIFF_CRITERION,
	"criterion",
	"text",
	crit_count,
	crit_at,
	crit_id,
	crit_label,
	crit_fields,
};

/* Authority rules, matched by role: the n-th rule of a role in A is the
 * n-th rule of that role in B. */
static int authority_find(const veikart_gate *g, const char *role, size_t nth, size_t *index)
{
	size_t i, seen = 0;

	for (i = 0; i < veikart_gate_authority_count(g); i++) {
		if (!veikart__streq(role_id_or_null(veikart_gate_authority_role(g, i)), role))
			continue;
		if (seen++ == nth) {
			*index = i;
			return 1;
		}
	}
	return 0;
}

static size_t authority_nth(const veikart_gate *g, size_t index)
{
	const char *role = role_id_or_null(veikart_gate_authority_role(g, index));
	size_t i, nth = 0;

	for (i = 0; i < index; i++)
		if (veikart__streq(role_id_or_null(veikart_gate_authority_role(g, i)), role))
			nth++;
	return nth;
}

static const char *keyed_path(differ *df, const char *prefix, const char *name, const char *key,
                              size_t nth)
{
	char k[160];

	if (nth == 0)
		return path_of(df, prefix, name, key);
	snprintf(k, sizeof(k), "%s#%zu", key, nth + 1);
	return path_of(df, prefix, name, k);
}

/* Rank of rule `index` among the rules the other gate has too. */
static size_t authority_rank(const veikart_gate *g, const veikart_gate *other, size_t index)
{
	size_t i, j, rank = 0;

	for (i = 0; i < index; i++)
		if (authority_find(other, role_id_or_null(veikart_gate_authority_role(g, i)),
		                   authority_nth(g, i), &j))
			rank++;
	return rank;
}

static void compare_authorities(differ *df, const char *prefix, const veikart_gate *a,
                                const veikart_gate *b)
{
	const char *role, *path;
	size_t i, j, nth;

	for (i = 0; i < veikart_gate_authority_count(a) && !df->failed; i++) {
		role = role_id_or_null(veikart_gate_authority_role(a, i));
		nth = authority_nth(a, i);
		path = keyed_path(df, prefix, "authority", role, nth);
		if (!authority_find(b, role, nth, &j)) {
			add(df, VEIKART_DIFF_REMOVED, VEIKART_DIFF_AUTHORITY, path, NULL,
			    veikart_gate_authority_condition(a, i), NULL);
			continue;
		}
		field_str(df, VEIKART_DIFF_AUTHORITY, path, "when",
		          veikart_gate_authority_condition(a, i),
		          veikart_gate_authority_condition(b, j));
		if (authority_rank(a, b, i) != authority_rank(b, a, j))
			field_uint(df, VEIKART_DIFF_AUTHORITY, path, "order", (unsigned long)i + 1,
			           (unsigned long)j + 1);
	}
	for (j = 0; j < veikart_gate_authority_count(b) && !df->failed; j++) {
		role = role_id_or_null(veikart_gate_authority_role(b, j));
		nth = authority_nth(b, j);
		if (authority_find(a, role, nth, &i))
			continue;
		path = keyed_path(df, prefix, "authority", role, nth);
		add(df, VEIKART_DIFF_ADDED, VEIKART_DIFF_AUTHORITY, path, NULL, NULL,
		    veikart_gate_authority_condition(b, j));
	}
}

/* Outcomes, matched by kind as authority rules are by role. */
static const veikart_outcome *outcome_find(const veikart_gate *g, veikart_outcome_kind kind,
                                           size_t nth)
{
	size_t i, seen = 0;

	for (i = 0; i < veikart_gate_outcome_count(g); i++)
		if (veikart_outcome_kind_of(veikart_gate_outcome(g, i)) == kind && seen++ == nth)
			return veikart_gate_outcome(g, i);
	return NULL;
}

static size_t outcome_nth(const veikart_gate *g, size_t index)
{
	veikart_outcome_kind kind = veikart_outcome_kind_of(veikart_gate_outcome(g, index));
	size_t i, nth = 0;

	for (i = 0; i < index; i++)
		if (veikart_outcome_kind_of(veikart_gate_outcome(g, i)) == kind)
			nth++;
	return nth;
}

static const char *outcome_label(const void *elem, const char *lang)
{
	return veikart_outcome_label(elem, lang);
}

static void compare_outcomes(differ *df, const char *prefix, const veikart_gate *a,
                             const veikart_gate *b)
{
	const veikart_outcome *oa, *ob;
	const char *path, *kind;
	size_t i, j, nth;

	for (i = 0; i < veikart_gate_outcome_count(a) && !df->failed; i++) {
		oa = veikart_gate_outcome(a, i);
		nth = outcome_nth(a, i);
		kind = veikart_outcome_kind_name(veikart_outcome_kind_of(oa));
		ob = outcome_find(b, veikart_outcome_kind_of(oa), nth);
		path = keyed_path(df, prefix, "outcome", kind, nth);
		if (ob == NULL) {
			add(df, VEIKART_DIFF_REMOVED, VEIKART_DIFF_OUTCOME, path, NULL,
			    phase_id_or_null(veikart_outcome_target(oa)), NULL);
			continue;
		}
		field_str(df, VEIKART_DIFF_OUTCOME, path, "to",
		          phase_id_or_null(veikart_outcome_target(oa)),
		          phase_id_or_null(veikart_outcome_target(ob)));
		field_labels(df, VEIKART_DIFF_OUTCOME, path, "label", outcome_label, oa, ob);
	}
	for (j = 0; j < veikart_gate_outcome_count(b) && !df->failed; j++) {
		ob = veikart_gate_outcome(b, j);
		nth = outcome_nth(b, j);
		if (outcome_find(a, veikart_outcome_kind_of(ob), nth) != NULL)
			continue;
		kind = veikart_outcome_kind_name(veikart_outcome_kind_of(ob));
		path = keyed_path(df, prefix, "outcome", kind, nth);
		add(df, VEIKART_DIFF_ADDED, VEIKART_DIFF_OUTCOME, path, NULL, NULL,
		    phase_id_or_null(veikart_outcome_target(ob)));
	}
}

static void gate_fields(differ *df, const char *path, const void *ea, const void *eb,
                        const void *pa, const void *pb)
{
	const veikart_gate *a = ea, *b = eb;
	veikart_aggregation ga = veikart_gate_aggregation(a), gb = veikart_gate_aggregation(b);

	(void)pa;
	(void)pb;
	field_str(df, VEIKART_DIFF_GATE, path, "from", phase_id_or_null(veikart_gate_from(a)),
	          phase_id_or_null(veikart_gate_from(b)));
	field_uint(df, VEIKART_DIFF_GATE, path, "every-days", veikart_gate_every_days(a),
	           veikart_gate_every_days(b));
	field_str(df, VEIKART_DIFF_GATE, path, "aggregation",
	          (unsigned)ga < VEIKART__ARRAY_SIZE(aggregation_names) ? aggregation_names[ga]
	                                                                : "unknown",
	          (unsigned)gb < VEIKART__ARRAY_SIZE(aggregation_names) ? aggregation_names[gb]
	                                                                : "unknown");
	if (ga == VEIKART_AGGREGATION_MUST_THEN_SCORE && gb == VEIKART_AGGREGATION_MUST_THEN_SCORE)
		field_number(df, VEIKART_DIFF_GATE, path, "threshold", veikart_gate_threshold(a),
		             veikart_gate_threshold(b));
	field_uint(df, VEIKART_DIFF_GATE, path, "k", veikart_gate_k(a), veikart_gate_k(b));
	compare_authorities(df, path, a, b);
	compare_list(df, &crit_ops, path, a, b);
	compare_outcomes(df, path, a, b);
}

static const kind_ops method_kinds[] = {
	{ VEIKART_DIFF_ROLE, "role", "title", role_count, role_at, role_id, role_label,
	  role_fields },
	{ VEIKART_DIFF_FACT, "fact", "title", fact_count, fact_at, fact_id, fact_label,
	  fact_fields },
	{ VEIKART_DIFF_SCALE, "scale", "title", scale_count, scale_at, scale_id, scale_label,
	  scale_fields },
	{ VEIKART_DIFF_UNIT_TYPE, "unit-type", "title", utype_count, utype_at, utype_id,
	  utype_label, utype_fields },
	{ VEIKART_DIFF_PHASE, "phase", "title", phase_count, phase_at, phase_id, phase_label,
	  phase_fields },
	{ VEIKART_DIFF_GATE, "gate", "title", gate_count, gate_at, gate_id, gate_label,
	  gate_fields },
};

/* ---- the methodology as a whole ---------------------------------------------- */

static int has_language(const veikart_method *m, const char *lang)
{
	size_t i;

	for (i = 0; i < veikart_method_language_count(m); i++)
		if (veikart__strcaseeq(veikart_method_language(m, i), lang))
			return 1;
	return 0;
}

static const char *languages_of(differ *df, const veikart_method *m)
{
	veikart__buf b;
	const char *langs;
	size_t i;

	if (df->failed)
		return NULL;
	veikart__buf_init(&b, &df->d->alloc);
	for (i = 0; i < veikart_method_language_count(m); i++) {
		if (i > 0)
			veikart__buf_putc(&b, ' ');
		veikart__buf_puts(&b, veikart_method_language(m, i));
	}
	if (b.failed)
		df->failed = 1;
	langs = keep(df, veikart__buf_cstr(&b));
	veikart__buf_dispose(&b);
	return langs;
}

/* The languages titles are compared in: the one asked for, or those both write. */
static int choose_languages(differ *df)
{
	size_t i, n = veikart_method_language_count(df->a);

	df->langs = veikart__arena_alloc(&df->d->arena, (n + 1) * sizeof(*df->langs));
	if (df->langs == NULL)
		return VEIKART_ENOMEM;
	if (df->lang != NULL) {
		df->langs[df->nlangs++] = df->lang;
		return 0;
	}
	for (i = 0; i < n; i++)
		if (has_language(df->b, veikart_method_language(df->a, i)))
			df->langs[df->nlangs++] = veikart_method_language(df->a, i);
	return 0;
}

static int overlay_in(const veikart_method *m, const char *id)
{
	size_t i;

	for (i = 0; i < veikart_method_overlay_count(m); i++)
		if (veikart__streq(veikart_method_overlay(m, i), id))
			return 1;
	return 0;
}

static const char *method_title(const void *elem, const char *lang)
{
	return veikart_method_title(elem, lang);
}

static void compare_method(differ *df)
{
	const veikart_method *a = df->a, *b = df->b;
	const veikart_diff_what w = VEIKART_DIFF_METHODOLOGY;
	size_t i;

	field_str(df, w, "methodology", "id", veikart_method_id(a), veikart_method_id(b));
	field_str(df, w, "methodology", "version", veikart_method_version(a),
	          veikart_method_version(b));
	field_str(df, w, "methodology", "extends", veikart_method_extends(a),
	          veikart_method_extends(b));
	field_str(df, w, "methodology", "start", phase_id_or_null(veikart_method_start(a)),
	          phase_id_or_null(veikart_method_start(b)));
	field_str(df, w, "methodology", "lang", veikart_method_lang(a), veikart_method_lang(b));
	field_str(df, w, "methodology", "languages", languages_of(df, a), languages_of(df, b));
	field_labels(df, w, "methodology", "title", method_title, a, b);
	for (i = 0; i < veikart_method_overlay_count(a); i++)
		if (!overlay_in(b, veikart_method_overlay(a, i)))
			add(df, VEIKART_DIFF_REMOVED, VEIKART_DIFF_OVERLAY,
			    path_of(df, NULL, "overlay", veikart_method_overlay(a, i)), NULL, NULL,
			    NULL);
	for (i = 0; i < veikart_method_overlay_count(b); i++)
		if (!overlay_in(a, veikart_method_overlay(b, i)))
			add(df, VEIKART_DIFF_ADDED, VEIKART_DIFF_OVERLAY,
			    path_of(df, NULL, "overlay", veikart_method_overlay(b, i)), NULL, NULL,
			    NULL);
	for (i = 0; i < VEIKART__ARRAY_SIZE(method_kinds); i++)
		compare_list(df, &method_kinds[i], NULL, a, b);
}

/* ---- the public functions ----------------------------------------------------- */

int veikart_diff_methods(veikart_diff **out, const veikart_method *a, const veikart_method *b,
                         const veikart_diff_options *opts)
{
	const veikart_allocator *alloc;
	veikart_diff *d = NULL;
	differ df;
	int err;

	if (out != NULL)
		*out = NULL;
	if (out == NULL || a == NULL || b == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the diff or no methodology");
	if (opts != NULL) {
		err = veikart__check_version(opts->version, VEIKART_DIFF_OPTIONS_VERSION,
		                             "veikart_diff_options");
		if (err != 0)
			return err;
	}
	alloc = opts != NULL && opts->allocator != NULL ? opts->allocator
	                                                : veikart__method_allocator(a);
	alloc = veikart__allocator_or_default(alloc);
	d = veikart__calloc(alloc, 1, sizeof(*d));
	if (d == NULL)
		return VEIKART_ENOMEM;
	d->alloc = *alloc;
	veikart__arena_init(&d->arena, &d->alloc);

	memset(&df, 0, sizeof(df));
	df.d = d;
	df.a = a;
	df.b = b;
	df.lang = opts != NULL ? opts->lang : NULL;
	df.lang = keep(&df, df.lang);
	d->a_id = keep(&df, veikart_method_id(a));
	d->a_version = keep(&df, veikart_method_version(a));
	d->b_id = keep(&df, veikart_method_id(b));
	d->b_version = keep(&df, veikart_method_version(b));
	if (df.failed || choose_languages(&df) != 0) {
		err = veikart__error_nomem();
		goto out;
	}
	compare_method(&df);
	if (df.failed) {
		err = veikart__error_nomem();
		goto out;
	}
	*out = d;
	d = NULL;
	err = 0;
out:
	veikart_diff_free(d);
	return err;
}

void veikart_diff_free(veikart_diff *diff)
{
	veikart_allocator alloc;

	if (diff == NULL)
		return;
	alloc = diff->alloc;
	veikart__arena_release(&diff->arena);
	veikart__free(&alloc, diff->entries);
	veikart__free(&alloc, diff);
}

size_t veikart_diff_count(const veikart_diff *diff)
{
	return diff != NULL ? diff->count : 0;
}

const veikart_diff_entry *veikart_diff_entry_at(const veikart_diff *diff, size_t index)
{
	if (diff == NULL || index >= diff->count)
		return NULL;
	return &diff->entries[index];
}

const char *veikart_diff_change_name(veikart_diff_change change)
{
	switch (change) {
	case VEIKART_DIFF_ADDED:
		return "added";
	case VEIKART_DIFF_REMOVED:
		return "removed";
	case VEIKART_DIFF_CHANGED:
		return "changed";
	}
	return "unknown";
}

const char *veikart_diff_what_name(veikart_diff_what what)
{
	static const char *const names[] = {
		"methodology", "overlay", "role", "fact",      "scale",     "unit-type",
		"phase",       "step",    "gate", "authority", "criterion", "outcome",
	};

	if ((unsigned)what >= VEIKART__ARRAY_SIZE(names))
		return "unknown";
	return names[what];
}

/* ---- writing ------------------------------------------------------------------ */

static void put_quoted(veikart__buf *b, const char *s)
{
	if (s == NULL) {
		veikart__buf_puts(b, "(none)");
		return;
	}
	veikart__buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\') {
			veikart__buf_putc(b, '\\');
			veikart__buf_putc(b, *s);
		} else if (*s == '\n') {
			veikart__buf_puts(b, "\\n");
		} else {
			veikart__buf_putc(b, *s);
		}
	}
	veikart__buf_putc(b, '"');
}

static void write_text(veikart__buf *b, const veikart_diff *d)
{
	static const char marks[] = { '+', '-', '~' };
	const veikart_diff_entry *e;
	size_t i;

	if (d->count == 0)
		return;
	veikart__buf_printf(b, "--- %s %s\n+++ %s %s\n", d->a_id, d->a_version, d->b_id,
	                    d->b_version);
	for (i = 0; i < d->count; i++) {
		e = &d->entries[i];
		veikart__buf_printf(b, "%c %s", marks[e->change], e->path);
		if (e->change == VEIKART_DIFF_CHANGED) {
			veikart__buf_printf(b, ": %s: ", e->field);
			put_quoted(b, e->old_value);
			veikart__buf_puts(b, " -> ");
			put_quoted(b, e->new_value);
		} else if (e->change == VEIKART_DIFF_ADDED && e->new_value != NULL) {
			veikart__buf_puts(b, ": ");
			put_quoted(b, e->new_value);
		} else if (e->change == VEIKART_DIFF_REMOVED && e->old_value != NULL) {
			veikart__buf_puts(b, ": ");
			put_quoted(b, e->old_value);
		}
		veikart__buf_putc(b, '\n');
	}
}

static void write_xml(veikart__buf *b, const veikart_diff *d)
{
	const veikart_diff_entry *e;
	const char *element;
	size_t i;

	veikart__buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                     "<diff xmlns=\"urn:veikart:diff:1\"");
	veikart__xml_put_attr(b, "old", d->a_id);
	veikart__xml_put_attr(b, "old-version", d->a_version);
	veikart__xml_put_attr(b, "new", d->b_id);
	veikart__xml_put_attr(b, "new-version", d->b_version);
	veikart__buf_printf(b, " changes=\"%zu\"", d->count);
	if (d->count == 0) {
		veikart__buf_puts(b, "/>\n");
		return;
	}
	veikart__buf_puts(b, ">\n");
	for (i = 0; i < d->count; i++) {
		e = &d->entries[i];
		element = veikart_diff_change_name(e->change);
		veikart__buf_printf(b, "  <%s", element);
		veikart__xml_put_attr(b, "what", veikart_diff_what_name(e->what));
		veikart__xml_put_attr(b, "path", e->path);
		veikart__xml_put_attr(b, "field", e->field);
		if (e->old_value == NULL && e->new_value == NULL) {
			veikart__buf_puts(b, "/>\n");
			continue;
		}
		veikart__buf_putc(b, '>');
		if (e->old_value != NULL) {
			veikart__buf_puts(b, "<old>");
			veikart__xml_put_text(b, e->old_value);
			veikart__buf_puts(b, "</old>");
		}
		if (e->new_value != NULL) {
			veikart__buf_puts(b, "<new>");
			veikart__xml_put_text(b, e->new_value);
			veikart__buf_puts(b, "</new>");
		}
		veikart__buf_printf(b, "</%s>\n", element);
	}
	veikart__buf_puts(b, "</diff>\n");
}

int veikart_diff_write(char **out, size_t *length, const veikart_diff *diff,
                       veikart_diff_format format)
{
	veikart__buf b;
	int err = 0;

	if (out != NULL)
		*out = NULL;
	if (out == NULL || diff == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the text or no diff");
	if (format != VEIKART_DIFF_TEXT && format != VEIKART_DIFF_XML)
		return veikart__error_set(VEIKART_EINVALID, "unknown diff format %d", (int)format);
	veikart__buf_init(&b, &diff->alloc);
	if (format == VEIKART_DIFF_TEXT)
		write_text(&b, diff);
	else
		write_xml(&b, diff);
	if (b.failed) {
		err = veikart__error_nomem();
		goto out;
	}
	*out = veikart__string_new(&diff->alloc, veikart__buf_cstr(&b), b.len);
	if (*out == NULL) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	if (length != NULL)
		*length = b.len;
out:
	veikart__buf_dispose(&b);
	return err;
}

int veikart_diff_options_init(veikart_diff_options *opts, unsigned int version)
{
	static const veikart_diff_options defaults = VEIKART_DIFF_OPTIONS_INIT;

	return veikart__options_init(opts, sizeof(*opts), &defaults, version,
	                             VEIKART_DIFF_OPTIONS_VERSION, "veikart_diff_options");
}
