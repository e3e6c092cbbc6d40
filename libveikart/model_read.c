/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * From a validated document to the methodology model.  The same code reads
 * a base and applies a variant over it: in a variant, an element whose id
 * the base already has must say what to do with it (mode="modify",
 * "replace" or "remove"), so that reusing an id by accident is an error
 * instead of a silent change.
 *
 * The schema has already checked structure and attribute syntax; what is
 * left here is what XSD cannot say (required-unless-modify, duplicate
 * languages, modes), plus copying everything into the methodology's arena.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "model.h"

typedef struct reader {
	veikart_method *m;
	const veikart__xml *x;
	veikart_diagnostics *diags;
	int is_variant;
	int err; /* VEIKART_ENOMEM once an allocation failed */
} reader;

typedef enum action { ACT_SKIP, ACT_NEW, ACT_MODIFY, ACT_REPLACE, ACT_REMOVE } action;

#define NS VEIKART_METHOD_NAMESPACE

/* ---- small helpers -------------------------------------------------------- */

static void nomem(reader *r)
{
	r->err = VEIKART_ENOMEM;
}

static void diag(reader *r, const xmlNode *node, const char *attr, const char *fmt, ...)
        VEIKART__PRINTF(4, 5);

static void diag(reader *r, const xmlNode *node, const char *attr, const char *fmt, ...)
{
	unsigned int line, col;
	va_list ap;

	veikart__xml_where(r->x, node, attr, &line, &col);
	va_start(ap, fmt);
	if (veikart__diags_vadd(r->diags, VEIKART_SEVERITY_ERROR, r->x->name, line, col, fmt, ap) <
	    0)
		nomem(r);
	va_end(ap);
}

static veikart__src src_of(reader *r, const xmlNode *node)
{
	veikart__src s;

	s.x = r->x;
	s.node = node;
	return s;
}

/* Copy a libxml2-allocated string into the arena and free it. */
static const char *keep_copy(reader *r, const char *s)
{
	const char *p = veikart__arena_strdup(&r->m->arena, s);

	if (p == NULL)
		nomem(r);
	return p;
}

static const char *keep(reader *r, xmlChar *s)
{
	const char *p;

	if (s == NULL)
		return NULL;
	p = veikart__arena_strdup(&r->m->arena, (const char *)s);
	xmlFree(s);
	if (p == NULL)
		nomem(r);
	return p;
}

/* An unqualified attribute's value (entity references decoded), or NULL. */
static const char *attr(reader *r, const xmlNode *node, const char *name)
{
	xmlAttrPtr a = xmlHasNsProp(node, (const xmlChar *)name, NULL);
	xmlChar *v;

	if (a == NULL)
		return NULL;
	if (a->children == NULL)
		return "";
	/* Most values are one text node: copy it without a libxml2 copy first. */
	if (a->children->next == NULL && a->children->type == XML_TEXT_NODE &&
	    a->children->content != NULL)
		return keep_copy(r, (const char *)a->children->content);
	v = xmlNodeListGetString(node->doc, a->children, 1);
	if (v == NULL) {
		nomem(r);
		return NULL;
	}
	return keep(r, v);
}

static int is_true(const char *v)
{
	return v != NULL && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

static void *new_item(reader *r, size_t size)
{
	void *p = veikart__arena_alloc(&r->m->arena, size);

	if (p == NULL)
		nomem(r);
	return p;
}

static void push(reader *r, veikart__vec *vec, void *item)
{
	if (item != NULL && veikart__vec_push(&r->m->arena, vec, item) < 0)
		nomem(r);
}

/* Text content with runs of white space collapsed to one space, trimmed:
 * labels are often wrapped over several lines in the file. */
static const char *text_of(reader *r, const xmlNode *node, int collapse)
{
	const xmlNode *only = node->children;
	xmlChar *raw = NULL;
	const char *text, *kept, *p;
	char *out, *w;
	int space = 0;

	/* Most elements hold one text node: read it in place rather than have
	 * libxml2 copy it first. */
	if (only != NULL && only->next == NULL && only->type == XML_TEXT_NODE &&
	    only->content != NULL) {
		text = (const char *)only->content;
	} else {
		raw = xmlNodeGetContent(node);
		if (raw == NULL) {
			if (node->children != NULL)
				nomem(r);
			return "";
		}
		text = (const char *)raw;
	}
	if (!collapse) {
		kept = keep_copy(r, text);
		if (raw != NULL)
			xmlFree(raw);
		return kept;
	}
	out = veikart__arena_alloc(&r->m->arena, strlen(text) + 1);
	if (out == NULL) {
		if (raw != NULL)
			xmlFree(raw);
		nomem(r);
		return NULL;
	}
	w = out;
	for (p = text; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = w != out;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = *p;
	}
	*w = '\0';
	if (raw != NULL)
		xmlFree(raw);
	return out;
}

/* A language tag as BCP 47 shapes it: letters, then '-' subtags. */
static int lang_ok(const char *lang)
{
	size_t n = 0;
	const char *p;

	for (p = lang; *p != '\0'; p++) {
		if (*p == '-') {
			if (n == 0)
				return 0;
			n = 0;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')) ||
		    ++n > 8)
			return 0;
	}
	return n > 0 && (lang[0] < '0' || lang[0] > '9');
}

static void note_language(reader *r, const char *lang)
{
	size_t i;

	for (i = 0; i < r->m->languages.count; i++)
		if (veikart__strcaseeq(r->m->languages.items[i], lang))
			return;
	push(r, &r->m->languages, (void *)(uintptr_t)lang);
}

/*
 * The xml:lang that applies to node (its own or the nearest ancestor's),
 * kept in the arena; NULL when none does, or an allocation failed (r->err).  A language
 * already met is not copied again: a methodology names a few languages in
 * hundreds of labels.
 */
static const char *lang_of(reader *r, const xmlNode *node)
{
	const xmlNode *cur;
	const char *v = NULL;
	xmlAttrPtr a = NULL;
	size_t i;

	for (cur = node; cur != NULL && cur->type == XML_ELEMENT_NODE; cur = cur->parent) {
		a = xmlHasNsProp(cur, (const xmlChar *)"lang", XML_XML_NAMESPACE);
		if (a != NULL)
			break;
	}
	if (a == NULL)
		return NULL;
	if (a->children != NULL && a->children->next == NULL &&
	    a->children->type == XML_TEXT_NODE && a->children->content != NULL)
		v = (const char *)a->children->content;
	if (v == NULL) /* an empty value, or one of several nodes */
		return keep(r, xmlNodeGetLang(node));
	for (i = 0; i < r->m->languages.count; i++)
		if (strcmp(r->m->languages.items[i], v) == 0)
			return r->m->languages.items[i];
	return keep_copy(r, v);
}

/* Set (or, in a variant, replace) the label of one language. */
static void label_put(reader *r, veikart__labels *labels, const xmlNode *node, int replace)
{
	const char *lang, *text;
	veikart__label *items;
	size_t i;

	lang = lang_of(r, node);
	if (lang == NULL) {
		if (r->err == 0)
			diag(r, node, NULL,
			     "<%s> has no language: add xml:lang here or on <methodology>",
			     (const char *)node->name);
		return;
	}
	text = text_of(r, node, 1);
	if (lang == NULL || text == NULL)
		return;
	if (!lang_ok(lang)) {
		diag(r, node, "lang",
		     "`%s` is not a language tag (write e.g. nb, sv, da, en, nb-NO)", lang);
		return;
	}
	note_language(r, lang);
	for (i = 0; i < labels->count; i++) {
		if (!veikart__strcaseeq(labels->items[i].lang, lang))
			continue;
		if (!replace) {
			diag(r, node, NULL, "a second <%s> in language `%s`",
			     (const char *)node->name, lang);
			return;
		}
		labels->items[i].text = text;
		return;
	}
	items = veikart__arena_alloc(&r->m->arena, (labels->count + 1) * sizeof(*items));
	if (items == NULL) {
		nomem(r);
		return;
	}
	if (labels->count)
		memcpy(items, labels->items, labels->count * sizeof(*items));
	items[labels->count].lang = lang;
	items[labels->count].text = text;
	labels->items = items;
	labels->count++;
}

/* Read every child <name> of node into labels. */
static void labels_read(reader *r, veikart__labels *labels, const xmlNode *node, const char *name,
                        int replace)
{
	const xmlNode *c;

	for (c = veikart__xml_first_child(node); c != NULL; c = veikart__xml_next(c))
		if (veikart__xml_is(c, NS, name))
			label_put(r, labels, c, replace);
}

static int has_child(const xmlNode *node, const char *name)
{
	const xmlNode *c;

	for (c = veikart__xml_first_child(node); c != NULL; c = veikart__xml_next(c))
		if (veikart__xml_is(c, NS, name))
			return 1;
	return 0;
}

static size_t find_index(const veikart__vec *vec, size_t id_offset, const char *id)
{
	size_t i;

	for (i = 0; i < vec->count; i++) {
		const char *other = *(const char *const *)((const char *)vec->items[i] + id_offset);
		if (veikart__streq(other, id))
			return i;
	}
	return SIZE_MAX;
}

/*
 * What to do with an element of a given id: add it, or apply its mode to
 * the base's element of that id.  `what` names the kind ("phase"), `within`
 * says where ids are unique ("" or " in gate `g`").
 */
static action decide(reader *r, const xmlNode *node, const char *what, const char *id,
                     const veikart__src *existing, const char *within)
{
	const char *mode = attr(r, node, "mode");
	unsigned int line, col;

	if (mode != NULL && !r->is_variant) {
		diag(r, node, "mode",
		     "mode=\"%s\" is only for variants, and this methodology extends no other",
		     mode);
		/* Read the element anyway, so that this one slip does not make
		 * every reference to it an error too. */
		mode = NULL;
	}
	if (mode == NULL) {
		if (existing == NULL)
			return ACT_NEW;
		if (existing->x == r->x) {
			veikart__xml_where(r->x, existing->node, NULL, &line, &col);
			diag(r, node, "id", "%s id `%s` is used twice%s (first at line %u)", what,
			     id, within, line);
		} else {
			diag(r, node, "id",
			     "%s `%s` already exists%s in the base methodology: write "
			     "mode=\"modify\" to change it, mode=\"replace\" to replace it, or "
			     "choose "
			     "another id",
			     what, id, within);
		}
		return ACT_SKIP;
	}
	if (existing == NULL || existing->x == r->x) {
		diag(r, node, "mode", "mode=\"%s\": there is no %s `%s`%s in the base methodology",
		     mode, what, id, within);
		return ACT_SKIP;
	}
	if (strcmp(mode, "modify") == 0)
		return ACT_MODIFY;
	if (strcmp(mode, "replace") == 0)
		return ACT_REPLACE;
	return ACT_REMOVE;
}

/*
 * Place a new or replacing element: at `at` (replace), else per after/before
 * when its kind may be placed, else at the end.  Only phases are placed; a
 * step's after-step="..." is an order of work, never a position.
 */
static void place(reader *r, veikart__vec *vec, size_t id_offset, int placeable, void *item,
                  const xmlNode *node, size_t at)
{
	const char *after = placeable ? attr(r, node, "after") : NULL;
	const char *before = placeable ? attr(r, node, "before") : NULL;
	const char *ref = after ? after : before;
	size_t i;

	if (ref != NULL) {
		i = find_index(vec, id_offset, ref);
		if (i == SIZE_MAX) {
			diag(r, node, after ? "after" : "before",
			     "there is no phase `%s` to place it %s", ref,
			     after ? "after" : "before");
		} else {
			if (at != SIZE_MAX) {
				veikart__vec_remove(vec, at);
				if (at < i)
					i--;
			}
			if (veikart__vec_insert(&r->m->arena, vec, after ? i + 1 : i, item) < 0)
				nomem(r);
			return;
		}
	}
	if (at != SIZE_MAX) {
		vec->items[at] = item;
		return;
	}
	push(r, vec, item);
}

/*
 * Every element with an id is read the same way: find the base's element of
 * that id, decide what the document does with it, and add, modify, replace
 * or remove.  What differs per kind is described by an item_kind.
 */
typedef struct item_kind {
	const char *what; /* "phase", as messages name it */
	int placeable;    /* after="ID" / before="ID" say where it goes (phases) */
	size_t size;
	size_t method_at; /* offsets of the fields every kind has */
	size_t src_at;
	size_t id_at;
	void (*init)(void *item); /* defaults of a new element, or NULL */
	void (*fill)(reader *r, void *item, const xmlNode *node, int replace);
	/* Report what a new element lacks that only a modification may leave out. */
	void (*complete)(reader *r, const void *item, const xmlNode *node);
} item_kind;

#define ITEM_KIND(type, what, placeable, init, fill, complete)                              \
	{                                                                                   \
		what, placeable, sizeof(type), offsetof(type, method), offsetof(type, src), \
		        offsetof(type, id), init, fill, complete                            \
	}

#define FIELD(item, at, type) (*(type *)((char *)(item) + (at)))

static void read_item(reader *r, const item_kind *k, veikart__vec *vec, const xmlNode *node,
                      const char *within)
{
	const char *id = attr(r, node, "id");
	size_t i = find_index(vec, k->id_at, id);
	void *old = i == SIZE_MAX ? NULL : vec->items[i];
	void *item;
	action a = decide(r, node, k->what, id, old ? &FIELD(old, k->src_at, veikart__src) : NULL,
	                  within);

	switch (a) {
	case ACT_SKIP:
		return;
	case ACT_REMOVE:
		veikart__vec_remove(vec, i);
		return;
	case ACT_MODIFY:
		k->fill(r, old, node, 1);
		if (k->placeable &&
		    (attr(r, node, "after") != NULL || attr(r, node, "before") != NULL))
			place(r, vec, k->id_at, 1, old, node, i);
		return;
	case ACT_NEW:
	case ACT_REPLACE:
		item = new_item(r, k->size);
		if (item == NULL)
			return;
		FIELD(item, k->method_at, const veikart_method *) = r->m;
		FIELD(item, k->src_at, veikart__src) = src_of(r, node);
		FIELD(item, k->id_at, const char *) = id;
		if (k->init != NULL)
			k->init(item);
		k->fill(r, item, node, 0);
		if (k->complete != NULL)
			k->complete(r, item, node);
		place(r, vec, k->id_at, k->placeable, item, node, a == ACT_NEW ? SIZE_MAX : i);
		return;
	}
}

/* ---- roles ---------------------------------------------------------------- */

static void role_fill(reader *r, void *item, const xmlNode *node, int replace)
{
	veikart_role *role = item;
	const char *v;

	v = attr(r, node, "kind");
	if (v != NULL)
		role->kind = strcmp(v, "body") == 0 ? VEIKART_ROLE_BODY : VEIKART_ROLE_PERSON;
	v = attr(r, node, "may-override");
	if (v != NULL)
		role->may_override = is_true(v);
	v = attr(r, node, "assigned-by");
	if (v != NULL)
		role->assigned_by_id = v;
	v = attr(r, node, "self-assign");
	if (v != NULL)
		role->self_assign = is_true(v);
	labels_read(r, &role->title, node, "title", replace);
	labels_read(r, &role->description, node, "description", replace);
}

/* ---- scales --------------------------------------------------------------- */

static veikart__level *level_read(reader *r, const xmlNode *node, int special)
{
	veikart__level *lv = new_item(r, sizeof(*lv));
	const char *meaning;

	if (lv == NULL)
		return NULL;
	lv->code = attr(r, node, "code");
	lv->src = src_of(r, node);
	if (special) {
		meaning = attr(r, node, "meaning");
		if (veikart__streq(meaning, "mixed"))
			lv->meaning = VEIKART_SPECIAL_MIXED;
		else if (veikart__streq(meaning, "not-applicable"))
			lv->meaning = VEIKART_SPECIAL_NOT_APPLICABLE;
		else
			lv->meaning = VEIKART_SPECIAL_MISSING;
	}
	labels_read(r, &lv->label, node, "label", 0);
	return lv;
}

static void scale_fill(reader *r, void *item, const xmlNode *node, int replace)
{
	veikart_scale *s = item;
	const xmlNode *c;

	labels_read(r, &s->title, node, "title", replace);
	/* Levels are a ranked list: a variant that gives levels gives them all. */
	if (has_child(node, "level"))
		s->levels.count = 0;
	if (has_child(node, "special"))
		s->specials.count = 0;
	for (c = veikart__xml_first_child(node); c != NULL; c = veikart__xml_next(c)) {
		if (veikart__xml_is(c, NS, "level"))
			push(r, &s->levels, level_read(r, c, 0));
		else if (veikart__xml_is(c, NS, "special"))
			push(r, &s->specials, level_read(r, c, 1));
	}
}

/* ---- facts ---------------------------------------------------------------- */

static const struct {
	const char *name;
	veikart_type type;
} fact_types[] = {
	{ "bool", VEIKART_TYPE_BOOL },       { "integer", VEIKART_TYPE_INTEGER },
	{ "number", VEIKART_TYPE_NUMBER },   { "ratio", VEIKART_TYPE_RATIO },
	{ "text", VEIKART_TYPE_TEXT },       { "date", VEIKART_TYPE_DATE },
	{ "scale", VEIKART_TYPE_SCALE },     { "evidence", VEIKART_TYPE_EVIDENCE },
	{ "signoff", VEIKART_TYPE_SIGNOFF },
};

static void fact_fill(reader *r, void *item, const xmlNode *node, int replace)
{
	veikart_fact *f = item;
	const char *v;
	size_t i;

	v = attr(r, node, "type");
	for (i = 0; v != NULL && i < VEIKART__ARRAY_SIZE(fact_types); i++)
		if (strcmp(v, fact_types[i].name) == 0)
			f->type = fact_types[i].type;
	v = attr(r, node, "scope");
	if (v != NULL)
		f->scope = strcmp(v, "unit") == 0 ? VEIKART_SCOPE_UNIT : VEIKART_SCOPE_INITIATIVE;
	v = attr(r, node, "unit");
	if (v != NULL)
		f->unit = v;
	v = attr(r, node, "scale");
	if (v != NULL)
		f->scale_id = v;
	v = attr(r, node, "role");
	if (v != NULL)
		f->role_id = v;
	v = attr(r, node, "recorded-by");
	if (v != NULL)
		f->recorded_by_id = v;
	labels_read(r, &f->title, node, "title", replace);
	labels_read(r, &f->description, node, "description", replace);
}

/* ---- unit types ----------------------------------------------------------- */

static void unit_type_fill(reader *r, void *item, const xmlNode *node, int replace)
{
	veikart_unit_type *t = item;
	const char *v;

	v = attr(r, node, "parent");
	if (v != NULL)
		t->parent_id = v;
	labels_read(r, &t->title, node, "title", replace);
	labels_read(r, &t->description, node, "description", replace);
}

/* ---- phases and steps ----------------------------------------------------- */

static void step_fill(reader *r, void *item, const xmlNode *node, int replace)
{
	veikart_step *s = item;
	const char *v;

	v = attr(r, node, "role");
	if (v != NULL)
		s->role_id = v;
	v = attr(r, node, "produces");
	if (v != NULL)
		s->produces_id = v;
	v = attr(r, node, "after-step");
	if (v != NULL)
		s->after_id = v;
	labels_read(r, &s->title, node, "title", replace);
}

static const item_kind step_kind = ITEM_KIND(veikart_step, "step", 0, NULL, step_fill, NULL);

static const char *const phase_kinds[] = {
	"needs", "planning", "pilot", "evaluation", "rollout", "operation", "closed", "custom",
};

static void phase_fill(reader *r, void *item, const xmlNode *node, int replace)
{
	veikart_phase *p = item;
	const xmlNode *c;
	veikart__buf within;
	const char *v;
	size_t i;

	v = attr(r, node, "kind");
	for (i = 0; v != NULL && i < VEIKART__ARRAY_SIZE(phase_kinds); i++)
		if (strcmp(v, phase_kinds[i]) == 0)
			p->kind = (int)i;
	v = attr(r, node, "scope");
	if (v != NULL)
		p->scope = strcmp(v, "unit") == 0 ? VEIKART_SCOPE_UNIT : VEIKART_SCOPE_INITIATIVE;
	v = attr(r, node, "optional");
	if (v != NULL)
		p->optional = is_true(v);
	v = attr(r, node, "repeatable");
	if (v != NULL)
		p->repeatable = is_true(v);
	v = attr(r, node, "terminal");
	if (v != NULL)
		p->terminal = is_true(v);
	v = attr(r, node, "max-days");
	if (v != NULL)
		p->max_days = (unsigned int)strtoul(v, NULL, 10);
	labels_read(r, &p->title, node, "title", replace);
	labels_read(r, &p->description, node, "description", replace);

	veikart__buf_init(&within, &r->m->alloc);
	veikart__buf_printf(&within, " in phase `%s`", p->id);
	if (within.failed)
		nomem(r);
	for (c = veikart__xml_first_child(node); c != NULL; c = veikart__xml_next(c)) {
		if (veikart__xml_is(c, NS, "skip-if")) {
			p->skip_if = text_of(r, c, 0);
			p->skip_if_src = src_of(r, c);
			p->skip_if_expr = NULL;
		} else if (veikart__xml_is(c, NS, "step")) {
			read_item(r, &step_kind, &p->steps, c, veikart__buf_cstr(&within));
		}
	}
	veikart__buf_dispose(&within);
}

/* ---- gates, criteria, outcomes -------------------------------------------- */

static const char *const criterion_bodies[] = {
	"expr", "check", "threshold", "evidence", "signoff", "scale", "elapsed",
};

static void criterion_fill(reader *r, void *item, const xmlNode *node, int replace)
{
	veikart_criterion *c = item;
	const xmlNode *ch;
	const char *v, *p, *start;
	size_t i, n;

	v = attr(r, node, "level");
	if (v != NULL)
		c->level = strcmp(v, "should") == 0 ? VEIKART_LEVEL_SHOULD
		           : strcmp(v, "info") == 0 ? VEIKART_LEVEL_INFO
		                                    : VEIKART_LEVEL_MUST;
	v = attr(r, node, "weight");
	if (v != NULL)
		veikart__parse_number(&c->weight, v, strlen(v)); /* the schema checked it */
	v = attr(r, node, "tags");
	if (v != NULL) {
		/* Split on white space into an arena array. */
		for (n = 0, p = v; *p != '\0';) {
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			if (*p == '\0')
				break;
			n++;
			while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				p++;
		}
		c->tags = veikart__arena_alloc(&r->m->arena, (n ? n : 1) * sizeof(*c->tags));
		if (c->tags == NULL) {
			nomem(r);
			return;
		}
		for (i = 0, p = v; i < n;) {
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			start = p;
			while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
				p++;
			c->tags[i] =
			        veikart__arena_strndup(&r->m->arena, start, (size_t)(p - start));
			if (c->tags[i++] == NULL)
				nomem(r);
		}
		c->ntags = n;
	}
	labels_read(r, &c->text, node, "text", replace);
	for (ch = veikart__xml_first_child(node); ch != NULL; ch = veikart__xml_next(ch)) {
		for (i = 0; i < VEIKART__ARRAY_SIZE(criterion_bodies); i++) {
			if (!veikart__xml_is(ch, NS, criterion_bodies[i]))
				continue;
			c->kind = (veikart_criterion_kind)i;
			c->body_src = src_of(r, ch);
			c->source = i == 0 ? text_of(r, ch, 0) : NULL;
			c->expr = NULL;
		}
	}
}

static void criterion_init(void *item)
{
	((veikart_criterion *)item)->weight = 1.0;
}

static void criterion_complete(reader *r, const void *item, const xmlNode *node)
{
	const veikart_criterion *c = item;

	if (c->body_src.node == NULL)
		diag(r, node, NULL,
		     "criterion `%s` says nothing to check: give it an <expr> or one of "
		     "<check>, <threshold>, <evidence>, <signoff>, <scale>, <elapsed>",
		     c->id);
}

static const item_kind criterion_kind = ITEM_KIND(veikart_criterion, "criterion", 0, criterion_init,
                                                  criterion_fill, criterion_complete);

static const char *const outcome_kinds[] = {
	"go", "conditional-go", "hold", "recycle", "stop", "skip", "continue",
};

static veikart_outcome *outcome_read(reader *r, const xmlNode *node)
{
	veikart_outcome *o = new_item(r, sizeof(*o));
	const char *v;
	size_t i;

	if (o == NULL)
		return NULL;
	o->method = r->m;
	o->src = src_of(r, node);
	v = attr(r, node, "kind");
	for (i = 0; v != NULL && i < VEIKART__ARRAY_SIZE(outcome_kinds); i++)
		if (strcmp(v, outcome_kinds[i]) == 0)
			o->kind = (veikart_outcome_kind)i;
	o->to_id = attr(r, node, "to");
	labels_read(r, &o->label, node, "label", 0);
	return o;
}

static veikart__authority *authority_read(reader *r, const xmlNode *node)
{
	veikart__authority *a = new_item(r, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->src = src_of(r, node);
	a->role_id = attr(r, node, "role");
	a->when = attr(r, node, "when");
	return a;
}

static void gate_fill(reader *r, void *item, const xmlNode *node, int replace)
{
	veikart_gate *g = item;
	const xmlNode *c;
	veikart__buf within;
	const char *v;
	size_t i;

	v = attr(r, node, "from");
	if (v != NULL) {
		g->from_id = v;
		g->from_kind = -1;
		g->from_src = src_of(r, node);
	}
	v = attr(r, node, "from-kind");
	for (i = 0; v != NULL && i < VEIKART__ARRAY_SIZE(phase_kinds); i++) {
		if (strcmp(v, phase_kinds[i]) != 0)
			continue;
		g->from_kind = (int)i;
		g->from_src = src_of(r, node);
		/* In a variant, from-kind given anew replaces a from. */
		if (attr(r, node, "from") == NULL)
			g->from_id = NULL;
	}
	v = attr(r, node, "every-days");
	if (v != NULL)
		g->every_days = (unsigned int)strtoul(v, NULL, 10);
	v = attr(r, node, "aggregation");
	if (v != NULL)
		g->aggregation = strcmp(v, "all") == 0        ? VEIKART_AGGREGATION_ALL
		                 : strcmp(v, "k-of-n") == 0   ? VEIKART_AGGREGATION_K_OF_N
		                 : strcmp(v, "advisory") == 0 ? VEIKART_AGGREGATION_ADVISORY
		                                              : VEIKART_AGGREGATION_MUST_THEN_SCORE;
	v = attr(r, node, "threshold");
	if (v != NULL)
		veikart__parse_number(&g->threshold, v, strlen(v));
	v = attr(r, node, "k");
	if (v != NULL)
		g->k = (unsigned int)strtoul(v, NULL, 10);
	labels_read(r, &g->title, node, "title", replace);
	labels_read(r, &g->description, node, "description", replace);

	/* Authority and outcomes are lists without ids: given, they replace. */
	if (has_child(node, "authority"))
		g->authorities.count = 0;
	if (has_child(node, "outcome"))
		g->outcomes.count = 0;
	veikart__buf_init(&within, &r->m->alloc);
	veikart__buf_printf(&within, " in gate `%s`", g->id);
	if (within.failed)
		nomem(r);
	for (c = veikart__xml_first_child(node); c != NULL; c = veikart__xml_next(c)) {
		if (veikart__xml_is(c, NS, "authority"))
			push(r, &g->authorities, authority_read(r, c));
		else if (veikart__xml_is(c, NS, "criterion"))
			read_item(r, &criterion_kind, &g->criteria, c, veikart__buf_cstr(&within));
		else if (veikart__xml_is(c, NS, "outcome"))
			push(r, &g->outcomes, outcome_read(r, c));
	}
	veikart__buf_dispose(&within);
}

/* ---- what each kind needs ------------------------------------------------- */

static void phase_init(void *item)
{
	((veikart_phase *)item)->kind = -1;
}

static void fact_complete(reader *r, const void *item, const xmlNode *node)
{
	const veikart_fact *f = item;

	if (f->type == 0)
		diag(r, node, NULL,
		     "fact `%s` needs a type (bool, integer, number, ratio, text, date, scale, "
		     "evidence or signoff)",
		     f->id);
}

static void phase_complete(reader *r, const void *item, const xmlNode *node)
{
	const veikart_phase *p = item;

	if (p->kind < 0)
		diag(r, node, NULL,
		     "phase `%s` needs a kind (needs, planning, pilot, evaluation, rollout, "
		     "operation, closed or custom)",
		     p->id);
}

static void gate_complete(reader *r, const void *item, const xmlNode *node)
{
	const veikart_gate *g = item;

	if (g->from_id == NULL && g->from_kind < 0)
		diag(r, node, NULL,
		     "gate `%s` needs from=\"PHASE\": the phase it leaves (or from-kind=\"KIND\": "
		     "the first phase of that kind)",
		     g->id);
	if (g->from_id != NULL && g->from_kind >= 0)
		diag(r, node, "from-kind", "gate `%s` has both from=\"%s\" and from-kind: give one",
		     g->id, g->from_id);
}

static const item_kind role_kind = ITEM_KIND(veikart_role, "role", 0, NULL, role_fill, NULL);
static const item_kind scale_kind = ITEM_KIND(veikart_scale, "scale", 0, NULL, scale_fill, NULL);
static const item_kind fact_kind =
        ITEM_KIND(veikart_fact, "fact", 0, NULL, fact_fill, fact_complete);
static const item_kind unit_type_kind =
        ITEM_KIND(veikart_unit_type, "unit type", 0, NULL, unit_type_fill, NULL);
static const item_kind phase_kind =
        ITEM_KIND(veikart_phase, "phase", 1, phase_init, phase_fill, phase_complete);
static void gate_init(void *item)
{
	((veikart_gate *)item)->from_kind = -1;
}

static const item_kind gate_kind =
        ITEM_KIND(veikart_gate, "gate", 0, gate_init, gate_fill, gate_complete);

/* ---- the document --------------------------------------------------------- */

static void read_sources(reader *r, const xmlNode *root)
{
	const xmlNode *c;
	veikart__source *s;
	const char *title;

	for (c = veikart__xml_first_child(root); c != NULL; c = veikart__xml_next(c)) {
		if (!veikart__xml_is(c, NS, "source"))
			continue;
		s = new_item(r, sizeof(*s));
		if (s == NULL)
			return;
		s->href = attr(r, c, "href");
		title = text_of(r, c, 1);
		s->title = title != NULL && title[0] != '\0' ? title : NULL;
		push(r, &r->m->sources, s);
	}
}

static void read_group(reader *r, const xmlNode *root, const char *group, const char *name,
                       const item_kind *k, veikart__vec *vec)
{
	const xmlNode *g, *c;

	for (g = veikart__xml_first_child(root); g != NULL; g = veikart__xml_next(g)) {
		if (!veikart__xml_is(g, NS, group))
			continue;
		for (c = veikart__xml_first_child(g); c != NULL; c = veikart__xml_next(c))
			if (veikart__xml_is(c, NS, name))
				read_item(r, k, vec, c, "");
	}
}

/* Roles, scales, facts, unit types, phases and gates, in the schema's order. */
static void read_parts(reader *r, const xmlNode *root)
{
	veikart_method *m = r->m;

	read_group(r, root, "roles", "role", &role_kind, &m->roles);
	read_group(r, root, "scales", "scale", &scale_kind, &m->scales);
	read_group(r, root, "facts", "fact", &fact_kind, &m->facts);
	read_group(r, root, "unit-types", "unit-type", &unit_type_kind, &m->unit_types);
	read_group(r, root, "phases", "phase", &phase_kind, &m->phases);
	read_group(r, root, "gates", "gate", &gate_kind, &m->gates);
}

int veikart__model_read(veikart_method *m, const veikart__xml *x, unsigned int how,
                        veikart_diagnostics *diags)
{
	const xmlNode *root = xmlDocGetRootElement(x->doc);
	int is_variant = (how & (VEIKART__READ_VARIANT | VEIKART__READ_OVERLAY)) != 0;
	reader r;
	const char *v;
	xmlChar *lang;

	memset(&r, 0, sizeof(r));
	r.m = m;
	r.x = x;
	r.diags = diags;
	r.is_variant = is_variant;

	if (how & VEIKART__READ_OVERLAY) {
		/* Its parts only: the methodology it joins keeps its name. */
		read_sources(&r, root);
		read_parts(&r, root);
		return r.err;
	}
	m->src.x = x;
	m->src.node = root;
	m->id = attr(&r, root, "id");
	m->version = attr(&r, root, "version");
	m->extends = attr(&r, root, "extends");
	lang = xmlNodeGetLang(root);
	if (lang != NULL)
		m->lang = keep(&r, lang);
	v = attr(&r, root, "start");
	if (v != NULL) {
		m->start_id = v;
		m->start_src.x = x;
		m->start_src.node = root;
	}
	labels_read(&r, &m->title, root, "title", is_variant);
	labels_read(&r, &m->description, root, "description", is_variant);
	read_sources(&r, root);
	read_parts(&r, root);
	return r.err;
}
