/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Compiling a criteria expression: recursive-descent parser with an
 * explicit depth counter over the tokens of expr_lex.c, type checker (run
 * as each node is built), and the canonical printer.  The result is a flat
 * node array in one arena, with facts resolved to slots, phase names to
 * indexes and operations specialised by type, so that expr_eval.c never
 * allocates, formats or looks anything up.  Whether a unit-scope fact or a
 * unit built-in reads the unit at hand or the initiative is decided here
 * too (VEIKART__NODE_UNIT), from the context and the enclosing roll-up.
 */
#include <stdio.h>
#include <string.h>

#include "expr_lex.h"

#define DEFAULT_MAX_LENGTH 4096
#define DEFAULT_MAX_DEPTH 64

typedef struct parser {
	const char *src;
	size_t len;
	const veikart__expr_decls *decls;
	veikart__expr_error *err;
	veikart__arena *arena;
	const veikart_allocator *alloc;
	unsigned int max_depth;
	unsigned int depth;
	const veikart__token *rollup; /* the roll-up whose arguments are being read */

	veikart__token *toks; /* temporary */
	size_t ntoks;
	size_t pos;

	veikart__node *nodes; /* in the arena; at most one node per token */
	uint32_t nnodes;
	uint32_t *kids; /* in the arena; every node is a kid at most once */
	uint32_t nkids;
	veikart__fact_ref *facts; /* in the arena; at most one per identifier */
	uint32_t nfacts;
	uint32_t *heights; /* temporary: levels of operators above the leaves */
	uint32_t *stack;   /* temporary: kids being collected */
	uint32_t nstack;
} parser;

#define fail(p, code, offset, ...) veikart__expr_fail((p)->err, code, offset, __VA_ARGS__)
#define clip veikart__expr_clip

static int fail_nomem(parser *p)
{
	return fail(p, VEIKART_ENOMEM, 0, "out of memory");
}

/* What a built-in takes. */
enum {
	ARG_NONE,
	ARG_FACT,
	ARG_EVIDENCE,
	ARG_SIGNOFF,
	ARG_DATE,
	ARG_PHASE,  /* a phase id as a string literal */
	ARG_FILTER, /* a roll-up's condition */
	ARG_VALUE   /* a roll-up's value, then an optional condition */
};

/* Where a built-in may stand, and what it is about. */
enum {
	AT_ANY,      /* anywhere, about the initiative */
	AT_SUBJECT,  /* anywhere: about the unit at hand, or else the initiative */
	AT_UNIT,     /* inside a roll-up or at the top of a unit-context expression */
	AT_UNIT_TOP, /* at the top of a unit-context expression only */
	AT_ROLLUP    /* a roll-up itself: anywhere but inside another */
};

static const struct builtin {
	const char *name;
	uint8_t op;
	uint8_t arg;
	uint8_t type; /* of the result; 0: decided by the value argument */
	uint8_t where;
	uint8_t min_args, max_args;
} builtins[] = {
	{ "defined", VEIKART__OP_DEFINED, ARG_FACT, VEIKART_TYPE_BOOL, AT_ANY, 1, 1 },
	{ "days_in_phase", VEIKART__OP_DAYS_IN_PHASE, ARG_NONE, VEIKART_TYPE_DURATION, AT_ANY, 0,
	  0 },
	{ "today", VEIKART__OP_TODAY, ARG_NONE, VEIKART_TYPE_DATE, AT_ANY, 0, 0 },
	{ "days_since", VEIKART__OP_DAYS_SINCE, ARG_DATE, VEIKART_TYPE_DURATION, AT_ANY, 1, 1 },
	{ "has_evidence", VEIKART__OP_HAS_EVIDENCE, ARG_EVIDENCE, VEIKART_TYPE_BOOL, AT_ANY, 1, 1 },
	{ "approved", VEIKART__OP_APPROVED, ARG_EVIDENCE, VEIKART_TYPE_BOOL, AT_ANY, 1, 1 },
	{ "signed", VEIKART__OP_SIGNED, ARG_SIGNOFF, VEIKART_TYPE_BOOL, AT_ANY, 1, 1 },
	{ "count", VEIKART__OP_COUNT, ARG_FILTER, VEIKART_TYPE_INTEGER, AT_ROLLUP, 0, 1 },
	{ "ratio", VEIKART__OP_RATIO, ARG_FILTER, VEIKART_TYPE_NUMBER, AT_ROLLUP, 1, 1 },
	{ "sum", VEIKART__OP_SUM, ARG_VALUE, 0, AT_ROLLUP, 1, 2 },
	{ "min", VEIKART__OP_MIN, ARG_VALUE, 0, AT_ROLLUP, 1, 2 },
	{ "max", VEIKART__OP_MAX, ARG_VALUE, 0, AT_ROLLUP, 1, 2 },
	{ "mean", VEIKART__OP_MEAN, ARG_VALUE, VEIKART_TYPE_NUMBER, AT_ROLLUP, 1, 2 },
	{ "phase", VEIKART__OP_PHASE, ARG_NONE, VEIKART_TYPE_TEXT, AT_SUBJECT, 0, 0 },
	{ "in_phase", VEIKART__OP_IN_PHASE, ARG_PHASE, VEIKART_TYPE_BOOL, AT_SUBJECT, 1, 1 },
	{ "reached", VEIKART__OP_REACHED, ARG_PHASE, VEIKART_TYPE_BOOL, AT_SUBJECT, 1, 1 },
	{ "wave", VEIKART__OP_WAVE, ARG_NONE, VEIKART_TYPE_INTEGER, AT_UNIT, 0, 0 },
	{ "unit_type", VEIKART__OP_UNIT_TYPE, ARG_NONE, VEIKART_TYPE_TEXT, AT_UNIT, 0, 0 },
	{ "initiative_reached", VEIKART__OP_INITIATIVE_REACHED, ARG_PHASE, VEIKART_TYPE_BOOL,
	  AT_ANY, 1, 1 },
	{ "earlier_waves_reached", VEIKART__OP_EARLIER_WAVES, ARG_PHASE, VEIKART_TYPE_BOOL,
	  AT_UNIT_TOP, 1, 1 },
};

/* Names as in the XML `type` attribute (veikart_type_name() lives in the
 * methodology module, which the compiler does not need to link against). */
static const char *type_name(unsigned int type)
{
	static const char *const names[] = { "unknown",  "bool",    "integer", "number",
		                             "ratio",    "text",    "date",    "scale",
		                             "evidence", "signoff", "duration" };

	return type < VEIKART__ARRAY_SIZE(names) ? names[type] : "unknown";
}

/* The same, as a noun phrase: "but this is a number". */
static const char *a_type(unsigned int type)
{
	static const char *const phrases[] = { "unknown",    "true or false",  "an integer",
		                               "a number",   "a ratio",        "text",
		                               "a date",     "a scale rating", "evidence",
		                               "a sign-off", "a duration" };

	return type < VEIKART__ARRAY_SIZE(phrases) ? phrases[type] : "unknown";
}

static int is_numeric(unsigned int type)
{
	return type == VEIKART_TYPE_INTEGER || type == VEIKART_TYPE_NUMBER ||
	       type == VEIKART_TYPE_RATIO;
}

/* ------------------------------------------------------------------ */
/* Nodes and names                                                      */

static const veikart__token *peek(const parser *p)
{
	return &p->toks[p->pos];
}

static const veikart__token *peek2(const parser *p)
{
	return p->pos + 1 < p->ntoks ? &p->toks[p->pos + 1] : &p->toks[p->ntoks - 1];
}

static const veikart__token *next(parser *p)
{
	const veikart__token *t = &p->toks[p->pos];

	if (t->kind != T_END)
		p->pos++;
	return t;
}

/* Nodes never outnumber tokens, so the array allocated up front is enough. */
static uint32_t add_node(parser *p, uint8_t op, uint8_t type, size_t from, size_t to)
{
	veikart__node *nd = &p->nodes[p->nnodes];

	memset(nd, 0, sizeof(*nd));
	nd->op = op;
	nd->type = type;
	nd->ref = VEIKART__NO_REF;
	nd->src_off = (uint32_t)from;
	nd->src_len = (uint32_t)(to - from);
	if (p->rollup != NULL)
		nd->flags = VEIKART__NODE_IN_ROLLUP;
	p->heights[p->nnodes] = 0;
	return p->nnodes++;
}

static size_t src_end(const parser *p, uint32_t n)
{
	return (size_t)p->nodes[n].src_off + p->nodes[n].src_len;
}

/* The evaluator recurses over the tree, so its height is capped too. */
static int set_height(parser *p, uint32_t n, uint32_t below)
{
	p->heights[n] = below + 1;
	if (p->heights[n] > p->max_depth)
		return fail(p, VEIKART_ELIMIT, p->nodes[n].src_off,
		            "the expression is nested too deeply (more than %u levels)",
		            p->max_depth);
	return 0;
}

static int enter(parser *p, size_t offset)
{
	if (++p->depth > p->max_depth)
		return fail(p, VEIKART_ELIMIT, offset,
		            "the expression is nested too deeply (more than %u levels)",
		            p->max_depth);
	return 0;
}

static void push_kid(parser *p, uint32_t n)
{
	p->stack[p->nstack++] = n;
}

/* Move the kids collected since `from` into the kid array. */
static uint32_t take_kids(parser *p, uint32_t from, uint32_t *height)
{
	uint32_t start = p->nkids, i;

	*height = 0;
	for (i = from; i < p->nstack; i++) {
		p->kids[p->nkids++] = p->stack[i];
		if (p->heights[p->stack[i]] > *height)
			*height = p->heights[p->stack[i]];
	}
	p->nstack = from;
	return start;
}

static int quote_node(const parser *p, uint32_t n)
{
	return clip(p->src, p->nodes[n].src_off, p->nodes[n].src_len);
}

#define NODE_TEXT(p, n) quote_node(p, n), (p)->src + (p)->nodes[n].src_off
#define TOKEN_TEXT(p, t) clip((p)->src, (t)->off, (t)->len), (p)->src + (t)->off

static const struct builtin *find_builtin(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < VEIKART__ARRAY_SIZE(builtins); i++)
		if (strlen(builtins[i].name) == len && memcmp(builtins[i].name, name, len) == 0)
			return &builtins[i];
	return NULL;
}

static int copy_codes(parser *p, const char *const **out, const char *const *codes, uint32_t n)
{
	const char **copy;
	uint32_t i;

	*out = NULL;
	if (n == 0)
		return 0;
	copy = veikart__arena_alloc(p->arena, n * sizeof(*copy));
	if (copy == NULL)
		return fail_nomem(p);
	for (i = 0; i < n; i++) {
		copy[i] = veikart__arena_strdup(p->arena, codes[i]);
		if (copy[i] == NULL)
			return fail_nomem(p);
	}
	*out = copy;
	return 0;
}

/* The reference for a fact name: an earlier one, or a new one looked up. */
static int fact_ref(parser *p, const veikart__token *t, uint32_t *out)
{
	const char *name = p->src + t->off;
	veikart__fact_info info;
	veikart__fact_ref *ref;
	uint32_t i;
	int found;

	for (i = 0; i < p->nfacts; i++) {
		if (strlen(p->facts[i].id) == t->len && memcmp(p->facts[i].id, name, t->len) == 0) {
			*out = i;
			return 0;
		}
	}
	memset(&info, 0, sizeof(info));
	found = p->decls->lookup != NULL &&
	        p->decls->lookup(&info, name, t->len, p->decls->payload) == 0;
	if (!found && find_builtin(name, t->len) != NULL)
		return fail(p, VEIKART_EFORMAT, t->off, "`%.*s` is a function: write `%.*s()`",
		            TOKEN_TEXT(p, t), TOKEN_TEXT(p, t));
	if (!found && (t->flags & VEIKART__TOKEN_SHOUTED))
		return fail(p, VEIKART_EFORMAT, t->off,
		            "unknown fact `%.*s` (operators are written in lower case)",
		            TOKEN_TEXT(p, t));
	if (!found)
		return fail(p, VEIKART_EFORMAT, t->off, "unknown fact `%.*s`", TOKEN_TEXT(p, t));

	ref = &p->facts[p->nfacts];
	ref->id = veikart__arena_strndup(p->arena, name, t->len);
	ref->slot = info.index;
	ref->type = info.type;
	ref->scope = info.scope;
	if (ref->id == NULL)
		return fail_nomem(p);
	if (info.type == VEIKART_TYPE_SCALE) {
		ref->scale.nlevels = info.scale.nlevels;
		ref->scale.nspecials = info.scale.nspecials;
		if (info.scale.id != NULL) {
			ref->scale.id = veikart__arena_strdup(p->arena, info.scale.id);
			if (ref->scale.id == NULL)
				return fail_nomem(p);
		}
		if (copy_codes(p, &ref->scale.levels, info.scale.levels, info.scale.nlevels) < 0 ||
		    copy_codes(p, &ref->scale.specials, info.scale.specials, info.scale.nspecials) <
		            0)
			return VEIKART_ENOMEM;
	}
	*out = p->nfacts++;
	return 0;
}

static int same_scale(const veikart__scale_info *a, const veikart__scale_info *b)
{
	uint32_t i;

	if (a->nlevels != b->nlevels || a->nspecials != b->nspecials)
		return 0;
	for (i = 0; i < a->nlevels; i++)
		if (strcmp(a->levels[i], b->levels[i]) != 0)
			return 0;
	for (i = 0; i < a->nspecials; i++)
		if (strcmp(a->specials[i], b->specials[i]) != 0)
			return 0;
	return 1;
}

static void list_codes(char *out, size_t size, const veikart__scale_info *scale)
{
	size_t n = 0;
	uint32_t i;

	out[0] = '\0';
	for (i = 0; i < scale->nlevels && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s",
		                      i ? ", " : "levels: ", scale->levels[i]);
	for (i = 0; i < scale->nspecials && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s",
		                      i ? ", " : "; special: ", scale->specials[i]);
}

/* Turn the string literal `lit` into a rating on the scale of `other`. */
static int to_scale(parser *p, uint32_t lit, uint32_t other)
{
	veikart__node *nd = &p->nodes[lit];
	const veikart__fact_ref *ref = &p->facts[p->nodes[other].ref];
	const char *code = nd->k.u.text.ptr;
	size_t len = nd->k.u.text.len;
	char codes[160];
	uint32_t i;

	for (i = 0; i < ref->scale.nlevels + ref->scale.nspecials; i++) {
		const char *c = i < ref->scale.nlevels
		                        ? ref->scale.levels[i]
		                        : ref->scale.specials[i - ref->scale.nlevels];

		if (strlen(c) == len && memcmp(c, code, len) == 0) {
			nd->k.type = VEIKART_TYPE_SCALE;
			nd->k.u.level = i < ref->scale.nlevels
			                        ? (int32_t)i
			                        : -(int32_t)(i - ref->scale.nlevels) - 1;
			nd->type = VEIKART_TYPE_SCALE;
			nd->ref = p->nodes[other].ref;
			return 0;
		}
	}
	list_codes(codes, sizeof(codes), &ref->scale);
	if (ref->scale.id != NULL)
		return fail(p, VEIKART_EFORMAT, nd->src_off,
		            "`%.*s` is not a level of scale `%s`, which `%.*s` is rated on (%s)",
		            NODE_TEXT(p, lit), ref->scale.id, NODE_TEXT(p, other), codes);
	return fail(p, VEIKART_EFORMAT, nd->src_off, "`%.*s` is not a level of `%.*s` (%s)",
	            NODE_TEXT(p, lit), NODE_TEXT(p, other), codes);
}

static int is_const(const parser *p, uint32_t n, unsigned int type)
{
	return p->nodes[n].op == VEIKART__OP_CONST && p->nodes[n].type == type;
}

static int is_special_const(const parser *p, uint32_t n)
{
	return p->nodes[n].op == VEIKART__OP_CONST && p->nodes[n].type == VEIKART_TYPE_SCALE &&
	       p->nodes[n].k.u.level < 0;
}

/* ------------------------------------------------------------------ */
/* Type checks                                                          */

static int check_phase_literal(parser *p, uint32_t x, uint32_t lit);

static int not_comparable(parser *p, uint32_t n)
{
	const char *id = p->nodes[n].op == VEIKART__OP_FACT ? p->facts[p->nodes[n].ref].id : "x";

	if (p->nodes[n].type == VEIKART_TYPE_EVIDENCE)
		return fail(p, VEIKART_EFORMAT, p->nodes[n].src_off,
		            "evidence cannot be compared: use `has_evidence(%s)` or `approved(%s)`",
		            id, id);
	return fail(p, VEIKART_EFORMAT, p->nodes[n].src_off,
	            "sign-offs cannot be compared: use `signed(%s)`", id);
}

static int is_document(unsigned int type)
{
	return type == VEIKART_TYPE_EVIDENCE || type == VEIKART_TYPE_SIGNOFF;
}

/* A hint for a plain number where days were meant. */
static void days_hint(parser *p, uint32_t n, char *hint, size_t size)
{
	if (is_const(p, n, VEIKART_TYPE_INTEGER))
		snprintf(hint, size, ": write `%lldd` for days", (long long)p->nodes[n].k.u.i);
}

/* `verb` is "compare", or the arithmetic symbol ("+"). */
static int mismatch(parser *p, const char *verb, uint32_t l, uint32_t r, size_t offset)
{
	unsigned int tl = p->nodes[l].type, tr = p->nodes[r].type;
	int compare = strcmp(verb, "compare") == 0;
	int shift = strcmp(verb, "+") == 0 || strcmp(verb, "-") == 0;
	char hint[96] = "";

	/* Days written without `d`: compared with or added to a duration or date. */
	if ((compare || shift) && is_numeric(tr) &&
	    (tl == VEIKART_TYPE_DURATION || (shift && tl == VEIKART_TYPE_DATE)))
		days_hint(p, r, hint, sizeof(hint));
	else if ((compare || shift) && is_numeric(tl) &&
	         (tr == VEIKART_TYPE_DURATION || (shift && tr == VEIKART_TYPE_DATE)))
		days_hint(p, l, hint, sizeof(hint));
	else if ((tl == VEIKART_TYPE_DATE && is_const(p, r, VEIKART_TYPE_TEXT)) ||
	         (tr == VEIKART_TYPE_DATE && is_const(p, l, VEIKART_TYPE_TEXT)))
		snprintf(hint, sizeof(hint), ": write dates without quotes, such as 2026-11-23");
	else if (compare && (tl == VEIKART_TYPE_SCALE || tr == VEIKART_TYPE_SCALE))
		snprintf(hint, sizeof(hint),
		         ": compare a rating with a level in quotes, such as "
		         "'simple'");
	/* Point at a literal operand when there is one: that is what to rewrite. */
	if (p->nodes[r].op == VEIKART__OP_CONST && p->nodes[l].op != VEIKART__OP_CONST)
		offset = p->nodes[r].src_off;
	else if (p->nodes[l].op == VEIKART__OP_CONST && p->nodes[r].op != VEIKART__OP_CONST)
		offset = p->nodes[l].src_off;
	if (compare)
		return fail(p, VEIKART_EFORMAT, offset, "cannot compare %s with %s%s",
		            type_name(tl), type_name(tr), hint);
	return fail(p, VEIKART_EFORMAT, offset, "cannot apply `%s` to %s and %s%s", verb,
	            type_name(tl), type_name(tr), hint);
}

static int check_compare(parser *p, uint8_t cmp, uint32_t l, uint32_t r, size_t offset, uint8_t *op)
{
	unsigned int tl = p->nodes[l].type, tr = p->nodes[r].type;
	int ordering = cmp != VEIKART__CMP_EQ && cmp != VEIKART__CMP_NE;
	int err;

	if (is_document(tl))
		return not_comparable(p, l);
	if (is_document(tr))
		return not_comparable(p, r);
	if (tl == VEIKART_TYPE_SCALE && is_const(p, r, VEIKART_TYPE_TEXT)) {
		err = to_scale(p, r, l);
		if (err < 0)
			return err;
		tr = VEIKART_TYPE_SCALE;
	} else if (tr == VEIKART_TYPE_SCALE && is_const(p, l, VEIKART_TYPE_TEXT)) {
		err = to_scale(p, l, r);
		if (err < 0)
			return err;
		tl = VEIKART_TYPE_SCALE;
	}
	if (is_numeric(tl) && is_numeric(tr)) {
		*op = tl == VEIKART_TYPE_INTEGER && tr == VEIKART_TYPE_INTEGER
		              ? VEIKART__OP_CMP_INT
		              : VEIKART__OP_CMP_NUM;
		return 0;
	}
	if (tl != tr)
		return mismatch(p, "compare", l, r, offset);
	switch (tl) {
	case VEIKART_TYPE_DATE:
	case VEIKART_TYPE_DURATION:
		*op = VEIKART__OP_CMP_DAYS;
		return 0;
	case VEIKART_TYPE_TEXT:
	case VEIKART_TYPE_BOOL:
		if (ordering)
			return fail(p, VEIKART_EFORMAT, offset,
			            "%s can only be compared with eq or ne, not %s",
			            tl == VEIKART_TYPE_TEXT ? "text" : "true or false",
			            veikart__cmp_words[cmp]);
		if (tl == VEIKART_TYPE_TEXT) {
			err = check_phase_literal(p, l, r);
			if (err == 0)
				err = check_phase_literal(p, r, l);
			if (err < 0)
				return err;
		}
		*op = tl == VEIKART_TYPE_TEXT ? VEIKART__OP_CMP_TEXT : VEIKART__OP_CMP_BOOL;
		return 0;
	case VEIKART_TYPE_SCALE:
		if (!same_scale(&p->facts[p->nodes[l].ref].scale, &p->facts[p->nodes[r].ref].scale))
			return fail(p, VEIKART_EFORMAT, offset,
			            "cannot compare ratings on different scales: `%.*s` and `%.*s`",
			            NODE_TEXT(p, l), NODE_TEXT(p, r));
		if (ordering && (is_special_const(p, l) || is_special_const(p, r))) {
			uint32_t s = is_special_const(p, l) ? l : r;

			return fail(p, VEIKART_EFORMAT, p->nodes[s].src_off,
			            "`%.*s` is a special value without a rank: only eq and ne can "
			            "compare with it",
			            NODE_TEXT(p, s));
		}
		*op = VEIKART__OP_CMP_SCALE;
		return 0;
	default:
		return mismatch(p, "compare", l, r, offset);
	}
}

/* Operation and result type of `l OP r` for + - * /. */
static int check_arith(parser *p, veikart__tok kind, uint32_t l, uint32_t r, size_t offset,
                       uint8_t *op, uint8_t *type)
{
	static const char *const symbols[] = { "+", "-", "*", "/" };
	unsigned int tl = p->nodes[l].type, tr = p->nodes[r].type;
	int k = kind == T_PLUS ? 0 : kind == T_MINUS ? 1 : kind == T_STAR ? 2 : 3;
	int ints = tl == VEIKART_TYPE_INTEGER && tr == VEIKART_TYPE_INTEGER;
	int date_l = tl == VEIKART_TYPE_DATE, date_r = tr == VEIKART_TYPE_DATE;
	int dur_l = tl == VEIKART_TYPE_DURATION, dur_r = tr == VEIKART_TYPE_DURATION;

	if (is_numeric(tl) && is_numeric(tr)) {
		static const uint8_t int_ops[] = { VEIKART__OP_ADD_INT, VEIKART__OP_SUB_INT,
			                           VEIKART__OP_MUL_INT, VEIKART__OP_DIV_NUM };
		static const uint8_t num_ops[] = { VEIKART__OP_ADD_NUM, VEIKART__OP_SUB_NUM,
			                           VEIKART__OP_MUL_NUM, VEIKART__OP_DIV_NUM };

		*op = ints ? int_ops[k] : num_ops[k];
		*type = ints && k != 3 ? VEIKART_TYPE_INTEGER : VEIKART_TYPE_NUMBER;
		return 0;
	}
	if (k == 0 && ((date_l && dur_r) || (dur_l && date_r) || (dur_l && dur_r))) {
		*op = VEIKART__OP_ADD_DAYS;
		*type = dur_l && dur_r ? VEIKART_TYPE_DURATION : VEIKART_TYPE_DATE;
		return 0;
	}
	if (k == 1 && (date_l || dur_l) && dur_r) {
		*op = VEIKART__OP_SUB_DAYS;
		*type = (uint8_t)tl;
		return 0;
	}
	if (k == 1 && date_l && date_r) {
		*op = VEIKART__OP_SUB_DATES;
		*type = VEIKART_TYPE_DURATION;
		return 0;
	}
	if (k == 2 &&
	    ((dur_l && tr == VEIKART_TYPE_INTEGER) || (tl == VEIKART_TYPE_INTEGER && dur_r))) {
		*op = VEIKART__OP_MUL_DAYS;
		*type = VEIKART_TYPE_DURATION;
		return 0;
	}
	if (k == 2 && (dur_l || dur_r) && is_numeric(dur_l ? tr : tl))
		return fail(p, VEIKART_EFORMAT, offset,
		            "cannot multiply a duration by %s: durations are whole days, so "
		            "multiply by an integer",
		            a_type(dur_l ? tr : tl));
	return mismatch(p, symbols[k], l, r, offset);
}

static int want_bool(parser *p, uint32_t n, const char *what)
{
	if (p->nodes[n].type == VEIKART_TYPE_BOOL)
		return 0;
	return fail(p, VEIKART_EFORMAT, p->nodes[n].src_off,
	            "%s needs true or false, but `%.*s` is %s", what, NODE_TEXT(p, n),
	            a_type(p->nodes[n].type));
}

/* ------------------------------------------------------------------ */
/* Parser                                                               */

static int parse_or(parser *p, uint32_t *out);

static int expect_close(parser *p, const veikart__token *open, const char *what)
{
	const veikart__token *t = peek(p);

	if (t->kind == T_RPAREN) {
		next(p);
		return 0;
	}
	/* Name the opening by what follows it rather than by a column: inside a
	 * file, the column of the expression is not the column of the line. */
	const veikart__token *after = open + 1;

	if (after->kind == T_END)
		return fail(p, VEIKART_EFORMAT, t->off, "expected `)` to close `(`%s", what);
	if (t->kind == T_END)
		return fail(p, VEIKART_EFORMAT, t->off,
		            "expected `)` to close the `(` before `%.*s`%s", TOKEN_TEXT(p, after),
		            what);
	return fail(p, VEIKART_EFORMAT, t->off,
	            "expected `)` to close the `(` before `%.*s`%s, found `%.*s`",
	            TOKEN_TEXT(p, after), what, TOKEN_TEXT(p, t));
}

static char lower(char c)
{
	return (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

/* Edit distance of two short words, ignoring case, for "did you mean";
 * 99 when too long. */
static unsigned int distance(const char *a, size_t la, const char *b, size_t lb)
{
	unsigned int row[33], prev, next_prev, cost;
	size_t i, j;

	if (la > 32 || lb > 32)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = (unsigned int)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (unsigned int)i;
		for (j = 1; j <= lb; j++) {
			next_prev = row[j];
			cost = prev + (lower(a[i - 1]) != lower(b[j - 1]));
			if (row[j] + 1 < cost)
				cost = row[j] + 1;
			if (row[j - 1] + 1 < cost)
				cost = row[j - 1] + 1;
			row[j] = cost;
			prev = next_prev;
		}
	}
	return row[lb];
}

static int unknown_function(parser *p, const veikart__token *name)
{
	const char *s = p->src + name->off;
	char list[320];
	size_t i, n = 0, best = 0, quoted;
	unsigned int d, best_d = 99;

	for (i = 0; i < VEIKART__ARRAY_SIZE(builtins); i++) {
		d = distance(s, name->len, builtins[i].name, strlen(builtins[i].name));
		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	if (best_d <= 2 && best_d < name->len)
		return fail(p, VEIKART_EFORMAT, name->off,
		            "unknown function `%.*s`: did you mean `%s()`?", TOKEN_TEXT(p, name),
		            builtins[best].name);
	list[0] = '\0';
	for (i = 0; i < VEIKART__ARRAY_SIZE(builtins) && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
		                      i == 0                                   ? ""
		                      : i + 1 == VEIKART__ARRAY_SIZE(builtins) ? " and "
		                                                               : ", ",
		                      builtins[i].name);
	/* A long name is cut so that the whole list fits in the message. */
	quoted = name->len > 16 ? 16 : name->len;
	while (quoted < name->len && quoted > 0 && ((unsigned char)s[quoted] & 0xC0) == 0x80)
		quoted--;
	return fail(p, VEIKART_EFORMAT, name->off, "unknown function `%.*s`; the functions are %s",
	            (int)quoted, s, list);
}

/* Whether a built-in may stand here, before its arguments are read. */
static int check_where(parser *p, const struct builtin *b, const veikart__token *name)
{
	int unit_context = p->decls->context == VEIKART__CONTEXT_UNIT;

	switch (b->where) {
	case AT_ROLLUP:
		if (p->rollup != NULL)
			return fail(p, VEIKART_EFORMAT, name->off,
			            "roll-ups cannot be nested: `%s()` is inside `%.*s()`", b->name,
			            TOKEN_TEXT(p, p->rollup));
		return 0;
	case AT_UNIT:
		if (p->rollup == NULL && !unit_context)
			return fail(
			        p, VEIKART_EFORMAT, name->off,
			        "`%s()` is about a rollout unit: use it inside a roll-up such as "
			        "%s, or in a gate of a unit phase",
			        b->name,
			        b->op == VEIKART__OP_WAVE ? "count(wave() eq 1)"
			                                  : "count(unit_type() eq 'site')");
		return 0;
	case AT_UNIT_TOP:
		if (p->rollup != NULL)
			return fail(p, VEIKART_EFORMAT, name->off,
			            "`%s()` compares the unit at hand with the units of earlier "
			            "waves, so it cannot stand inside a roll-up",
			            b->name);
		if (!unit_context)
			return fail(
			        p, VEIKART_EFORMAT, name->off,
			        "`%s()` is about a rollout unit: use it in a gate or skip-if of "
			        "a unit phase",
			        b->name);
		return 0;
	default:
		return 0;
	}
}

static const char *arg_words(const struct builtin *b)
{
	switch (b->arg) {
	case ARG_DATE:
		return "a date";
	case ARG_FACT:
		return "a fact name";
	case ARG_EVIDENCE:
		return "an evidence fact";
	case ARG_SIGNOFF:
		return "a sign-off fact";
	case ARG_PHASE:
		return "a phase id in quotes";
	case ARG_FILTER:
		return "a condition";
	default:
		return "a value, then a condition";
	}
}

static int check_arity(parser *p, const struct builtin *b, const veikart__token *name,
                       uint32_t nargs)
{
	const char *were = nargs == 1 ? "was" : "were";

	if (nargs >= b->min_args && nargs <= b->max_args)
		return 0;
	if (b->max_args == 0)
		return fail(p, VEIKART_EFORMAT, name->off,
		            "`%s()` takes no arguments, but %u %s given", b->name, nargs, were);
	if (b->min_args == b->max_args)
		return fail(p, VEIKART_EFORMAT, name->off,
		            "`%s()` takes 1 argument (%s), but %u %s given", b->name, arg_words(b),
		            nargs, were);
	if (b->min_args == 0)
		return fail(p, VEIKART_EFORMAT, name->off,
		            "`%s()` takes at most 1 argument (%s), but %u %s given", b->name,
		            arg_words(b), nargs, were);
	return fail(p, VEIKART_EFORMAT, name->off,
	            "`%s()` takes 1 or 2 arguments (%s), but %u %s given", b->name, arg_words(b),
	            nargs, were);
}

/* The index of the phase a string literal names. */
static int phase_of(parser *p, uint32_t lit, int *index)
{
	const veikart__node *nd = &p->nodes[lit];

	if (p->decls->phase_lookup == NULL)
		return fail(p, VEIKART_EFORMAT, nd->src_off,
		            "phases are not known here, so `%.*s` cannot name one",
		            NODE_TEXT(p, lit));
	*index = p->decls->phase_lookup(nd->k.u.text.ptr, nd->k.u.text.len, p->decls->payload);
	if (*index < 0)
		return fail(p, VEIKART_EFORMAT, nd->src_off,
		            "`%.*s` is not a phase of the methodology", NODE_TEXT(p, lit));
	return 0;
}

/*
 * A phase named for what never walks it can never be met: a unit is never
 * in an initiative phase, nor the initiative in a unit phase.  `unit` says
 * whether the built-in is about a unit.
 */
static int check_phase_scope(parser *p, const struct builtin *b, uint32_t lit, int index, int unit)
{
	int per_unit;

	if (p->decls->phase_scope == NULL)
		return 0;
	per_unit = p->decls->phase_scope(index, p->decls->payload);
	if (b->op == VEIKART__OP_INITIATIVE_REACHED && per_unit)
		return fail(p, VEIKART_EFORMAT, p->nodes[lit].src_off,
		            "`%.*s` is walked by each rollout unit, never by the initiative: "
		            "`initiative_reached()` takes a phase of the initiative",
		            NODE_TEXT(p, lit));
	if (b->op == VEIKART__OP_EARLIER_WAVES && !per_unit)
		return fail(p, VEIKART_EFORMAT, p->nodes[lit].src_off,
		            "`%.*s` is a phase of the initiative, which units never walk: "
		            "`earlier_waves_reached()` takes a unit phase",
		            NODE_TEXT(p, lit));
	if (b->op != VEIKART__OP_IN_PHASE && b->op != VEIKART__OP_REACHED)
		return 0;
	if (unit && !per_unit)
		return fail(
		        p, VEIKART_EFORMAT, p->nodes[lit].src_off,
		        "`%.*s` is a phase of the initiative, which a unit never walks: for the "
		        "initiative's phase write `initiative_reached(%.*s)`",
		        NODE_TEXT(p, lit), NODE_TEXT(p, lit));
	if (!unit && per_unit)
		return fail(p, VEIKART_EFORMAT, p->nodes[lit].src_off,
		            "`%.*s` is walked by each rollout unit, never by the initiative: count "
		            "the units, such as `count(%s(%.*s))`",
		            NODE_TEXT(p, lit), b->name, NODE_TEXT(p, lit));
	return 0;
}

/* `phase() eq 'lve'` can never hold: check the literal when phases are known. */
static int check_phase_literal(parser *p, uint32_t x, uint32_t lit)
{
	int index;

	if (p->nodes[x].op != VEIKART__OP_PHASE || !is_const(p, lit, VEIKART_TYPE_TEXT) ||
	    p->decls->phase_lookup == NULL)
		return 0;
	return phase_of(p, lit, &index);
}

/* What the arguments of a roll-up must be; sets the result type. */
static int check_rollup(parser *p, const struct builtin *b, uint32_t value, uint32_t filter,
                        uint8_t *type)
{
	unsigned int t;
	int ok;

	if (filter != VEIKART__NO_REF && p->nodes[filter].type != VEIKART_TYPE_BOOL)
		return fail(p, VEIKART_EFORMAT, p->nodes[filter].src_off,
		            "the filter of `%s()` must be true or false, but `%.*s` is %s%s",
		            b->name, NODE_TEXT(p, filter), a_type(p->nodes[filter].type),
		            b->arg == ARG_FILTER && is_numeric(p->nodes[filter].type)
		                    ? ": to add up values, use sum()"
		                    : "");
	if (value == VEIKART__NO_REF)
		return 0;
	t = p->nodes[value].type;
	ok = is_numeric(t) || (t == VEIKART_TYPE_DURATION && b->op != VEIKART__OP_MEAN) ||
	     (t == VEIKART_TYPE_DATE && (b->op == VEIKART__OP_MIN || b->op == VEIKART__OP_MAX));
	if (!ok)
		return fail(p, VEIKART_EFORMAT, p->nodes[value].src_off,
		            "`%s()` takes %s, but `%.*s` is %s%s", b->name,
		            b->op == VEIKART__OP_MEAN  ? "numbers"
		            : b->op == VEIKART__OP_SUM ? "numbers or durations"
		                                       : "numbers, durations or dates",
		            NODE_TEXT(p, value), a_type(t),
		            t == VEIKART_TYPE_BOOL
		                    ? ": to count the units where it holds, use count()"
		                    : "");
	if (b->type != 0)
		*type = b->type;
	else if (b->op == VEIKART__OP_SUM && t == VEIKART_TYPE_RATIO)
		*type = VEIKART_TYPE_NUMBER; /* a sum of shares is not a share */
	else
		*type = (uint8_t)t;
	return 0;
}

static int parse_call(parser *p, const veikart__token *name, uint32_t *out)
{
	const struct builtin *b = find_builtin(p->src + name->off, name->len);
	const veikart__token *open = next(p), *outer = p->rollup;
	uint32_t from = p->nstack, n, arg = 0, nargs, height = 0, filter = VEIKART__NO_REF;
	uint8_t type;
	veikart__node *nd;
	int err, index = 0;

	if (b == NULL)
		return unknown_function(p, name);
	err = check_where(p, b, name);
	if (err < 0)
		return err;
	/* `reached(live)`: say what to write rather than "unknown fact". */
	if (b->arg == ARG_PHASE && peek(p)->kind == T_IDENT && peek2(p)->kind != T_LPAREN)
		return fail(p, VEIKART_EFORMAT, peek(p)->off,
		            "`%s()` takes a phase id in quotes, such as `%s('%.*s')`", b->name,
		            b->name, TOKEN_TEXT(p, peek(p)));
	if (b->where == AT_ROLLUP)
		p->rollup = name;
	err = enter(p, open->off);
	while (err == 0 && peek(p)->kind != T_RPAREN) {
		err = parse_or(p, &arg);
		if (err < 0)
			return err;
		push_kid(p, arg);
		if (peek(p)->kind != T_COMMA)
			break;
		next(p);
	}
	if (err == 0)
		err = expect_close(p, open, " after the arguments");
	if (err < 0)
		return err;
	p->depth--;
	p->rollup = outer;
	nargs = p->nstack - from;
	err = check_arity(p, b, name, nargs);
	if (err < 0)
		return err;
	if (nargs >= 1)
		arg = p->stack[from];
	if (nargs == 2)
		filter = p->stack[from + 1];
	for (n = from; n < p->nstack; n++)
		if (p->heights[p->stack[n]] > height)
			height = p->heights[p->stack[n]];
	p->nstack = from;
	type = b->type;
	if (b->arg == ARG_DATE && p->nodes[arg].type != VEIKART_TYPE_DATE)
		return fail(p, VEIKART_EFORMAT, p->nodes[arg].src_off,
		            "`%s()` takes a date, but `%.*s` is %s", b->name, NODE_TEXT(p, arg),
		            a_type(p->nodes[arg].type));
	if (b->arg >= ARG_FACT && b->arg <= ARG_SIGNOFF && p->nodes[arg].op != VEIKART__OP_FACT)
		return fail(p, VEIKART_EFORMAT, p->nodes[arg].src_off,
		            "`%s()` takes the name of %s, such as `%s(%s)`", b->name,
		            b->arg == ARG_FACT       ? "a fact"
		            : b->arg == ARG_EVIDENCE ? "an evidence fact"
		                                     : "a sign-off fact",
		            b->name, b->arg == ARG_SIGNOFF ? "mandate" : "benefit_plan");
	if ((b->arg == ARG_EVIDENCE && p->nodes[arg].type != VEIKART_TYPE_EVIDENCE) ||
	    (b->arg == ARG_SIGNOFF && p->nodes[arg].type != VEIKART_TYPE_SIGNOFF))
		return fail(p, VEIKART_EFORMAT, p->nodes[arg].src_off,
		            "`%s()` takes %s fact, but `%.*s` is %s", b->name,
		            b->arg == ARG_EVIDENCE ? "an evidence" : "a sign-off",
		            NODE_TEXT(p, arg), a_type(p->nodes[arg].type));
	if (b->arg == ARG_PHASE) {
		if (!is_const(p, arg, VEIKART_TYPE_TEXT))
			return fail(p, VEIKART_EFORMAT, p->nodes[arg].src_off,
			            "`%s()` takes a phase id in quotes, such as `%s('live')`",
			            b->name, b->name);
		err = phase_of(p, arg, &index);
		if (err == 0)
			err = check_phase_scope(
			        p, b, arg, index,
			        b->where == AT_UNIT_TOP ||
			                (b->where == AT_SUBJECT &&
			                 (p->rollup != NULL ||
			                  p->decls->context == VEIKART__CONTEXT_UNIT)));
	} else if (b->arg == ARG_FILTER) {
		filter = nargs == 1 ? arg : VEIKART__NO_REF;
		arg = VEIKART__NO_REF;
		err = check_rollup(p, b, arg, filter, &type);
	} else if (b->arg == ARG_VALUE) {
		err = check_rollup(p, b, arg, filter, &type);
	}
	if (err < 0)
		return err;

	n = add_node(p, b->op, type, name->off, p->toks[p->pos - 1].off + 1);
	nd = &p->nodes[n];
	switch (b->arg) {
	case ARG_NONE:
		break;
	case ARG_PHASE:
		nd->a = arg;
		nd->b = (uint32_t)index;
		break;
	case ARG_FILTER:
	case ARG_VALUE:
		nd->a = arg;
		nd->b = filter;
		break;
	case ARG_DATE:
		nd->a = arg;
		break;
	default:
		nd->a = arg;
		nd->ref = p->nodes[arg].ref; /* the fact */
		break;
	}
	if (b->where == AT_UNIT || b->where == AT_UNIT_TOP ||
	    (b->where == AT_SUBJECT &&
	     (p->rollup != NULL || p->decls->context == VEIKART__CONTEXT_UNIT)))
		nd->flags |= VEIKART__NODE_UNIT;
	*out = n;
	return set_height(p, n, height);
}

/* How to use a unit-scope fact where a unit is needed, by its type. */
static void rollup_example(char *out, size_t size, const veikart__fact_ref *ref)
{
	if (ref->type == VEIKART_TYPE_BOOL)
		snprintf(out, size, "count(%s)", ref->id);
	else if (is_numeric(ref->type))
		snprintf(out, size, "mean(%s)", ref->id);
	else if (ref->type == VEIKART_TYPE_DATE || ref->type == VEIKART_TYPE_DURATION)
		snprintf(out, size, "max(%s)", ref->id);
	else if (ref->type == VEIKART_TYPE_SCALE && ref->scale.nlevels > 0)
		snprintf(out, size, "count(%s eq '%s')", ref->id,
		         ref->scale.levels[ref->scale.nlevels - 1]);
	else
		snprintf(out, size, "count(defined(%s))", ref->id);
}

static int parse_primary(parser *p, uint32_t *out)
{
	const veikart__token *t = next(p);
	uint32_t n, ref = 0;
	int err;

	switch (t->kind) {
	case T_INT:
	case T_NUMBER:
	case T_STRING:
	case T_DATE:
	case T_DURATION:
	case T_TRUE:
	case T_FALSE:
		n = add_node(p, VEIKART__OP_CONST, 0, t->off, (size_t)t->off + t->len);
		p->nodes[n].k = t->v;
		if (t->kind == T_TRUE || t->kind == T_FALSE) {
			p->nodes[n].k.type = VEIKART_TYPE_BOOL;
			p->nodes[n].k.u.b = t->kind == T_TRUE;
		}
		p->nodes[n].type = p->nodes[n].k.type;
		*out = n;
		return 0;
	case T_IDENT:
		if (peek(p)->kind == T_LPAREN)
			return parse_call(p, t, out);
		err = fact_ref(p, t, &ref);
		if (err < 0)
			return err;
		if (p->facts[ref].scope == VEIKART_SCOPE_UNIT && p->rollup == NULL &&
		    p->decls->context != VEIKART__CONTEXT_UNIT) {
			char example[160];

			rollup_example(example, sizeof(example), &p->facts[ref]);
			return fail(
			        p, VEIKART_EFORMAT, t->off,
			        "fact `%s` is recorded per unit: use it in a roll-up such as %s, "
			        "or in a gate of a unit phase",
			        p->facts[ref].id, example);
		}
		n = add_node(p, VEIKART__OP_FACT, (uint8_t)p->facts[ref].type, t->off,
		             (size_t)t->off + t->len);
		p->nodes[n].a = p->facts[ref].slot;
		p->nodes[n].ref = ref;
		if (p->facts[ref].scope == VEIKART_SCOPE_UNIT)
			p->nodes[n].flags |= VEIKART__NODE_UNIT;
		*out = n;
		return 0;
	case T_LPAREN:
		err = enter(p, t->off);
		if (err == 0)
			err = parse_or(p, &n);
		if (err == 0)
			err = expect_close(p, t, "");
		if (err < 0)
			return err;
		p->depth--;
		/* Messages quote the operand with its parentheses. */
		p->nodes[n].src_len = p->toks[p->pos - 1].off + 1 - t->off;
		p->nodes[n].src_off = t->off;
		*out = n;
		return 0;
	case T_END:
		return fail(p, VEIKART_EFORMAT, t->off,
		            "the expression ends where a value was expected");
	default:
		return fail(p, VEIKART_EFORMAT, t->off, "expected a value, found `%.*s`",
		            TOKEN_TEXT(p, t));
	}
}

static int negative(const veikart__value *v)
{
	switch (v->type) {
	case VEIKART_TYPE_INTEGER:
		return v->u.i < 0;
	case VEIKART_TYPE_NUMBER:
		return v->u.n < 0;
	case VEIKART_TYPE_DURATION:
		return v->u.days < 0;
	default:
		return 0;
	}
}

static int parse_unary(parser *p, uint32_t *out)
{
	const veikart__token *t = peek(p);
	uint32_t k, n;
	veikart__node *nd;
	uint8_t op = 0;
	int err;

	if (t->kind != T_MINUS)
		return parse_primary(p, out);
	next(p);
	err = enter(p, t->off);
	if (err == 0)
		err = parse_unary(p, &k);
	if (err < 0)
		return err;
	p->depth--;
	nd = &p->nodes[k];
	switch (nd->type) {
	case VEIKART_TYPE_INTEGER:
		op = VEIKART__OP_NEG_INT;
		break;
	case VEIKART_TYPE_NUMBER:
	case VEIKART_TYPE_RATIO:
		op = VEIKART__OP_NEG_NUM;
		break;
	case VEIKART_TYPE_DURATION:
		op = VEIKART__OP_NEG_DAYS;
		break;
	default:
		return fail(p, VEIKART_EFORMAT, t->off, "cannot negate %s", a_type(nd->type));
	}
	/* A negative literal is a literal: fold it, so that `in` lists accept it. */
	if (nd->op == VEIKART__OP_CONST &&
	    !(nd->type == VEIKART_TYPE_INTEGER && nd->k.u.i == INT64_MIN) &&
	    !(nd->type == VEIKART_TYPE_DURATION && nd->k.u.days == INT32_MIN)) {
		if (nd->type == VEIKART_TYPE_INTEGER)
			nd->k.u.i = -nd->k.u.i;
		else if (nd->type == VEIKART_TYPE_NUMBER)
			nd->k.u.n = -nd->k.u.n;
		else
			nd->k.u.days = -nd->k.u.days;
		nd->src_len += nd->src_off - t->off;
		nd->src_off = t->off;
		*out = k;
		return 0;
	}
	n = add_node(p, op, nd->type == VEIKART_TYPE_RATIO ? VEIKART_TYPE_NUMBER : nd->type, t->off,
	             src_end(p, k));
	p->nodes[n].a = k;
	*out = n;
	return set_height(p, n, p->heights[k]);
}

static int parse_binary(parser *p, uint32_t *out, int level);

/* Levels of binary arithmetic: 0 is + -, 1 is * /. */
static int parse_operand(parser *p, uint32_t *out, int level)
{
	return level == 0 ? parse_binary(p, out, 1) : parse_unary(p, out);
}

static int parse_binary(parser *p, uint32_t *out, int level)
{
	uint32_t l = 0, r = 0, n;
	const veikart__token *t;
	uint8_t op = 0, type = 0;
	int err;

	err = parse_operand(p, &l, level);
	while (err == 0) {
		t = peek(p);
		if (level == 0 ? t->kind != T_PLUS && t->kind != T_MINUS
		               : t->kind != T_STAR && t->kind != T_SLASH)
			break;
		next(p);
		err = parse_operand(p, &r, level);
		if (err == 0)
			err = check_arith(p, t->kind, l, r, t->off, &op, &type);
		if (err < 0)
			break;
		n = add_node(p, op, type, p->nodes[l].src_off, src_end(p, r));
		p->nodes[n].a = l;
		p->nodes[n].b = r;
		err = set_height(p, n,
		                 p->heights[l] > p->heights[r] ? p->heights[l] : p->heights[r]);
		l = n;
	}
	*out = l;
	return err;
}

/* Members of an `in` list: literals of the tested value's type. */
static int check_member(parser *p, uint32_t x, uint32_t m)
{
	unsigned int tx = p->nodes[x].type, tm = p->nodes[m].type;
	char hint[96] = "";

	if (p->nodes[m].op != VEIKART__OP_CONST)
		return fail(p, VEIKART_EFORMAT, p->nodes[m].src_off,
		            "the members of an `in` list must be literals, but `%.*s` is not",
		            NODE_TEXT(p, m));
	if (tx == VEIKART_TYPE_SCALE && tm == VEIKART_TYPE_TEXT)
		return to_scale(p, m, x);
	if ((is_numeric(tx) && is_numeric(tm)) || tx == tm)
		return check_phase_literal(p, x, m);
	if (tx == VEIKART_TYPE_DURATION)
		days_hint(p, m, hint, sizeof(hint));
	return fail(p, VEIKART_EFORMAT, p->nodes[m].src_off,
	            "`in` list member `%.*s` is %s, but `%.*s` is %s%s", NODE_TEXT(p, m),
	            a_type(tm), NODE_TEXT(p, x), a_type(tx), hint);
}

static int parse_in(parser *p, uint32_t x, int negated, uint32_t *out)
{
	const veikart__token *open = next(p);
	uint32_t from = p->nstack, m, n, height, start;
	int err;

	if (is_document(p->nodes[x].type))
		return not_comparable(p, x);
	if (open->kind != T_LPAREN)
		return fail(p, VEIKART_EFORMAT, open->off,
		            "expected `(` after `in`: write a list such as `in ('a', 'b')`");
	if (peek(p)->kind == T_RPAREN)
		return fail(p, VEIKART_EFORMAT, peek(p)->off,
		            "an `in` list needs at least one member");
	err = enter(p, open->off);
	push_kid(p, x);
	while (err == 0) {
		err = parse_binary(p, &m, 0);
		if (err == 0)
			err = check_member(p, x, m);
		if (err < 0)
			return err;
		push_kid(p, m);
		if (peek(p)->kind != T_COMMA)
			break;
		next(p);
	}
	if (err == 0)
		err = expect_close(p, open, " of the `in` list");
	if (err < 0)
		return err;
	p->depth--;
	start = take_kids(p, from, &height);
	n = add_node(p, VEIKART__OP_IN, VEIKART_TYPE_BOOL, p->nodes[x].src_off,
	             p->toks[p->pos - 1].off + 1);
	p->nodes[n].a = start;
	p->nodes[n].b = p->nkids - start;
	if (negated)
		p->nodes[n].flags |= VEIKART__NODE_NEGATED;
	*out = n;
	return set_height(p, n, height);
}

static int is_comparison_next(const parser *p)
{
	const veikart__token *t = peek(p);

	return t->kind == T_CMP || t->kind == T_IN || (t->kind == T_NOT && peek2(p)->kind == T_IN);
}

static int parse_compare(parser *p, uint32_t *out)
{
	uint32_t l = 0, r = 0, n = 0;
	const veikart__token *t;
	uint8_t op = 0;
	int err;

	err = parse_binary(p, &l, 0);
	if (err < 0)
		return err;
	t = peek(p);
	if (t->kind == T_NOT && peek2(p)->kind != T_IN)
		return fail(p, VEIKART_EFORMAT, t->off,
		            "unexpected `not` after a value: write `not in (...)`, or `not` before "
		            "the condition");
	if (!is_comparison_next(p)) {
		*out = l;
		return 0;
	}
	if (t->kind == T_CMP) {
		next(p);
		err = parse_binary(p, &r, 0);
		if (err == 0)
			err = check_compare(p, t->cmp, l, r, t->off, &op);
		if (err < 0)
			return err;
		n = add_node(p, op, VEIKART_TYPE_BOOL, p->nodes[l].src_off, src_end(p, r));
		p->nodes[n].a = l;
		p->nodes[n].b = r;
		p->nodes[n].cmp = t->cmp;
		err = set_height(p, n,
		                 p->heights[l] > p->heights[r] ? p->heights[l] : p->heights[r]);
	} else {
		if (t->kind == T_NOT)
			next(p);
		next(p); /* in */
		err = parse_in(p, l, t->kind == T_NOT, &n);
	}
	if (err < 0)
		return err;
	if (is_comparison_next(p))
		return fail(p, VEIKART_EFORMAT, peek(p)->off,
		            "comparisons cannot be chained: join them with `and`, as in "
		            "`a lt b and b lt c`");
	*out = n;
	return 0;
}

static int parse_not(parser *p, uint32_t *out)
{
	const veikart__token *t = peek(p);
	uint32_t k, n;
	int err;

	if (t->kind != T_NOT)
		return parse_compare(p, out);
	next(p);
	err = enter(p, t->off);
	if (err == 0)
		err = parse_not(p, &k);
	if (err == 0)
		err = want_bool(p, k, "`not`");
	if (err < 0)
		return err;
	p->depth--;
	n = add_node(p, VEIKART__OP_NOT, VEIKART_TYPE_BOOL, t->off, src_end(p, k));
	p->nodes[n].a = k;
	*out = n;
	return set_height(p, n, p->heights[k]);
}

/* `and` and `or` chains become one node with a list of kids. */
static int parse_chain(parser *p, uint32_t *out, veikart__tok kind)
{
	const char *what = kind == T_OR ? "`or`" : "`and`";
	uint32_t first = 0, k = 0, n, from = p->nstack, start, height;
	int err;

	err = kind == T_OR ? parse_chain(p, &first, T_AND) : parse_not(p, &first);
	if (err < 0)
		return err;
	if (peek(p)->kind != kind) {
		*out = first;
		return 0;
	}
	err = want_bool(p, first, what);
	push_kid(p, first);
	while (err == 0 && peek(p)->kind == kind) {
		next(p);
		err = kind == T_OR ? parse_chain(p, &k, T_AND) : parse_not(p, &k);
		if (err == 0)
			err = want_bool(p, k, what);
		if (err == 0)
			push_kid(p, k);
	}
	if (err < 0)
		return err;
	start = take_kids(p, from, &height);
	n = add_node(p, kind == T_OR ? VEIKART__OP_OR : VEIKART__OP_AND, VEIKART_TYPE_BOOL,
	             p->nodes[first].src_off, src_end(p, k));
	p->nodes[n].a = start;
	p->nodes[n].b = p->nkids - start;
	*out = n;
	return set_height(p, n, height);
}

static int parse_or(parser *p, uint32_t *out)
{
	return parse_chain(p, out, T_OR);
}

/* ------------------------------------------------------------------ */
/* Canonical printer                                                    */

static int precedence(const veikart__node *nd)
{
	switch (nd->op) {
	case VEIKART__OP_OR:
		return 1;
	case VEIKART__OP_AND:
		return 2;
	case VEIKART__OP_NOT:
		return 3;
	case VEIKART__OP_CMP_INT:
	case VEIKART__OP_CMP_NUM:
	case VEIKART__OP_CMP_DAYS:
	case VEIKART__OP_CMP_TEXT:
	case VEIKART__OP_CMP_BOOL:
	case VEIKART__OP_CMP_SCALE:
	case VEIKART__OP_IN:
		return 4;
	case VEIKART__OP_ADD_INT:
	case VEIKART__OP_SUB_INT:
	case VEIKART__OP_ADD_NUM:
	case VEIKART__OP_SUB_NUM:
	case VEIKART__OP_ADD_DAYS:
	case VEIKART__OP_SUB_DAYS:
	case VEIKART__OP_SUB_DATES:
		return 5;
	case VEIKART__OP_MUL_INT:
	case VEIKART__OP_MUL_NUM:
	case VEIKART__OP_DIV_NUM:
	case VEIKART__OP_MUL_DAYS:
		return 6;
	case VEIKART__OP_NEG_INT:
	case VEIKART__OP_NEG_NUM:
	case VEIKART__OP_NEG_DAYS:
		return 7;
	case VEIKART__OP_CONST:
		return negative(&nd->k) ? 7 : 8;
	default:
		return 8;
	}
}

static const char *arith_symbol(uint8_t op)
{
	switch (op) {
	case VEIKART__OP_ADD_INT:
	case VEIKART__OP_ADD_NUM:
	case VEIKART__OP_ADD_DAYS:
		return " + ";
	case VEIKART__OP_MUL_INT:
	case VEIKART__OP_MUL_NUM:
	case VEIKART__OP_MUL_DAYS:
		return " * ";
	case VEIKART__OP_DIV_NUM:
		return " / ";
	default:
		return " - ";
	}
}

static const struct builtin *builtin_of(uint8_t op)
{
	size_t i;

	for (i = 0; i < VEIKART__ARRAY_SIZE(builtins); i++)
		if (builtins[i].op == op)
			return &builtins[i];
	return NULL;
}

static void print_node(parser *p, veikart__buf *b, uint32_t n, int min);

static void print_call(parser *p, veikart__buf *b, const veikart__node *nd,
                       const struct builtin *call)
{
	veikart__buf_printf(b, "%s(", call->name);
	switch (call->arg) {
	case ARG_NONE:
		break;
	case ARG_FILTER:
		if (nd->b != VEIKART__NO_REF)
			print_node(p, b, nd->b, 1);
		break;
	case ARG_VALUE:
		print_node(p, b, nd->a, 1);
		if (nd->b != VEIKART__NO_REF) {
			veikart__buf_puts(b, ", ");
			print_node(p, b, nd->b, 1);
		}
		break;
	default:
		print_node(p, b, nd->a, 1);
		break;
	}
	veikart__buf_putc(b, ')');
}

/* Print node `n`, in parentheses when it binds less tightly than `min`;
 * record where its text is, for reasons that quote it. */
static void print_node(parser *p, veikart__buf *b, uint32_t n, int min)
{
	veikart__node *nd = &p->nodes[n];
	int prec = precedence(nd), paren = prec < min;
	size_t start;
	uint32_t i;

	if (paren)
		veikart__buf_putc(b, '(');
	start = b->len;
	switch (nd->op) {
	case VEIKART__OP_CONST:
		veikart__value_format(
		        b, &nd->k, nd->ref != VEIKART__NO_REF ? &p->facts[nd->ref].scale : NULL, 1);
		break;
	case VEIKART__OP_FACT:
		veikart__buf_puts(b, p->facts[nd->ref].id);
		break;
	case VEIKART__OP_NEG_INT:
	case VEIKART__OP_NEG_NUM:
	case VEIKART__OP_NEG_DAYS:
		/* "- -x", not "-(-x)": parentheses would count as nesting. */
		veikart__buf_puts(b, precedence(&p->nodes[nd->a]) == 7 ? "- " : "-");
		print_node(p, b, nd->a, 7);
		break;
	case VEIKART__OP_NOT:
		veikart__buf_puts(b, "not ");
		print_node(p, b, nd->a, 3);
		break;
	case VEIKART__OP_AND:
	case VEIKART__OP_OR:
		/* `a and (b and c)` needs no parentheses: and, or are associative. */
		for (i = 0; i < nd->b; i++) {
			if (i > 0)
				veikart__buf_puts(b, nd->op == VEIKART__OP_AND ? " and " : " or ");
			print_node(p, b, p->kids[nd->a + i], prec);
		}
		break;
	case VEIKART__OP_IN:
		print_node(p, b, p->kids[nd->a], 5);
		veikart__buf_puts(b, nd->flags & VEIKART__NODE_NEGATED ? " not in (" : " in (");
		for (i = 1; i < nd->b; i++) {
			if (i > 1)
				veikart__buf_puts(b, ", ");
			print_node(p, b, p->kids[nd->a + i], 1);
		}
		veikart__buf_putc(b, ')');
		break;
	default:
		if (builtin_of(nd->op) != NULL) {
			print_call(p, b, nd, builtin_of(nd->op));
		} else if (prec == 4) {
			print_node(p, b, nd->a, 5);
			veikart__buf_printf(b, " %s ", veikart__cmp_words[nd->cmp]);
			print_node(p, b, nd->b, 5);
		} else {
			/* Left-associative: only the right operand needs a tighter binding. */
			print_node(p, b, nd->a, prec);
			veikart__buf_puts(b, arith_symbol(nd->op));
			print_node(p, b, nd->b, prec + 1);
		}
		break;
	}
	nd->text_off = (uint32_t)start;
	nd->text_len = (uint32_t)(b->len - start);
	if (paren)
		veikart__buf_putc(b, ')');
}

/* ------------------------------------------------------------------ */
/* Compile                                                              */

static int parse_all(parser *p, uint32_t *root)
{
	const veikart__token *t;
	int err;

	if (p->toks[0].kind == T_END)
		return fail(p, VEIKART_EFORMAT, 0, "the expression is empty");
	err = parse_or(p, root);
	if (err < 0)
		return err;
	t = peek(p);
	if (t->kind == T_RPAREN)
		return fail(p, VEIKART_EFORMAT, t->off, "unexpected `)`: there is no `(` to close");
	if (t->kind == T_IDENT && (t->flags & VEIKART__TOKEN_SHOUTED))
		return fail(p, VEIKART_EFORMAT, t->off,
		            "unexpected `%.*s`: operators are written in lower case",
		            TOKEN_TEXT(p, t));
	if (t->kind != T_END)
		return fail(p, VEIKART_EFORMAT, t->off,
		            "unexpected `%.*s`: expected an operator or the end of the expression",
		            TOKEN_TEXT(p, t));
	if (p->decls->want_bool && p->nodes[*root].type != VEIKART_TYPE_BOOL) {
		const veikart__node *nd = &p->nodes[*root];
		const char *hint = nd->type == VEIKART_TYPE_EVIDENCE  ? " (use has_evidence() or "
		                                                        "approved())"
		                   : nd->type == VEIKART_TYPE_SIGNOFF ? " (use signed())"
		                                                      : "";

		return fail(p, VEIKART_EFORMAT, nd->src_off,
		            "must be true or false (a condition), but this is %s%s",
		            a_type(nd->type), hint);
	}
	return 0;
}

/* Arrays sized by the token count, now that it is known. */
static int allocate(parser *p)
{
	size_t n = p->ntoks;

	p->nodes = veikart__arena_alloc(p->arena, n * sizeof(*p->nodes));
	p->kids = veikart__arena_alloc(p->arena, n * sizeof(*p->kids));
	p->facts = veikart__arena_alloc(p->arena, n * sizeof(*p->facts));
	if (p->nodes == NULL || p->kids == NULL || p->facts == NULL)
		return fail_nomem(p);
	p->heights = veikart__calloc(p->alloc, 2 * n, sizeof(*p->heights));
	if (p->heights == NULL)
		return fail_nomem(p);
	p->stack = p->heights + n;
	return 0;
}

int veikart__expr_compile(veikart__expr **out, const char *src, size_t len,
                          const veikart__expr_decls *decls, veikart__expr_error *err)
{
	veikart__arena own, *arena;
	veikart__expr *expr;
	veikart__buf text;
	parser p;
	uint32_t root = 0;
	unsigned int max_length;
	size_t bad;
	int rc;

	*out = NULL;
	memset(err, 0, sizeof(*err));
	memset(&p, 0, sizeof(p));
	veikart__arena_init(&own, decls->alloc);
	arena = decls->arena != NULL ? decls->arena : &own;
	veikart__buf_init(&text, decls->alloc);
	p.src = src;
	p.len = len;
	p.decls = decls;
	p.err = err;
	p.arena = arena;
	p.alloc = decls->alloc;
	p.max_depth = decls->max_depth ? decls->max_depth : DEFAULT_MAX_DEPTH;
	max_length = decls->max_length ? decls->max_length : DEFAULT_MAX_LENGTH;

	/* The length first, before any work proportional to it. */
	if (len > max_length) {
		rc = fail(&p, VEIKART_ELIMIT, max_length,
		          "the expression is %zu bytes long; the limit is %u", len, max_length);
		goto out;
	}
	bad = veikart__utf8_check(src, len);
	if (bad != len) {
		rc = fail(&p, VEIKART_EFORMAT, bad, "the expression is not valid UTF-8");
		goto out;
	}
	expr = veikart__arena_alloc(arena, sizeof(*expr));
	if (expr == NULL) {
		rc = fail_nomem(&p);
		goto out;
	}
	rc = veikart__expr_lex(&p.toks, &p.ntoks, src, len, arena, p.alloc, err);
	if (rc == 0)
		rc = allocate(&p);
	if (rc == 0)
		rc = parse_all(&p, &root);
	if (rc < 0)
		goto out;

	print_node(&p, &text, root, 0);
	if (text.failed) {
		rc = fail_nomem(&p);
		goto out;
	}
	expr->text = veikart__arena_strndup(arena, veikart__buf_cstr(&text), text.len);
	if (expr->text == NULL) {
		rc = fail_nomem(&p);
		goto out;
	}
	expr->nodes = p.nodes;
	expr->nnodes = p.nnodes;
	expr->root = root;
	expr->kids = p.kids;
	expr->facts = p.facts;
	expr->nfacts = p.nfacts;
	expr->type = p.nodes[root].type;
	/* An arena of its own now owns itself, through expr; a shared one stays
	 * its owner's (expr->arena was zeroed: nothing to release). */
	if (arena == &own)
		expr->arena = own;
	*out = expr;
	rc = 0;
out:
	if (rc < 0)
		veikart__arena_release(
		        &own); /* a shared arena keeps what failed until its owner goes */
	veikart__buf_dispose(&text);
	veikart__free(p.alloc, p.toks);
	veikart__free(p.alloc, p.heights);
	return rc;
}

void veikart__expr_free(veikart__expr *expr)
{
	veikart__arena arena;

	if (expr == NULL)
		return;
	arena = expr->arena;
	veikart__arena_release(&arena);
}

veikart_type veikart__expr_type(const veikart__expr *expr)
{
	return expr->type;
}

const char *veikart__expr_text(const veikart__expr *expr)
{
	return expr->text;
}

size_t veikart__expr_fact_count(const veikart__expr *expr)
{
	return expr->nfacts;
}

uint32_t veikart__expr_fact(const veikart__expr *expr, size_t i)
{
	return expr->facts[i].slot;
}
