/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Compiling a criteria expression: recursive-descent parser with an
 * explicit depth counter over the tokens of expr_lex.c, running the type
 * and context checks of expr_check.c as each node is built, and giving the
 * result its canonical text (expr_print.c).  The result is a flat
 * node array in one arena, with facts resolved to slots, phase names to
 * indexes and operations specialised by type, so that expr_eval.c never
 * allocates, formats or looks anything up.  Whether a unit-scope fact or a
 * unit built-in reads the unit at hand or the initiative is decided here
 * too (VEIKART__NODE_UNIT), from the context and the enclosing roll-up.
 */
#include <stdio.h>
#include <string.h>

#include "expr_compile.h"

#define DEFAULT_MAX_LENGTH 4096
#define DEFAULT_MAX_DEPTH 64

static int fail_nomem(veikart__parser *p)
{
	return veikart__parse_fail(p, VEIKART_ENOMEM, 0, "out of memory");
}

/* ------------------------------------------------------------------ */
/* Nodes and names                                                      */

static const veikart__token *peek(const veikart__parser *p)
{
	return &p->toks[p->pos];
}

static const veikart__token *peek2(const veikart__parser *p)
{
	return p->pos + 1 < p->ntoks ? &p->toks[p->pos + 1] : &p->toks[p->ntoks - 1];
}

static const veikart__token *next(veikart__parser *p)
{
	const veikart__token *t = &p->toks[p->pos];

	if (t->kind != T_END)
		p->pos++;
	return t;
}

/* Nodes never outnumber tokens, so the array allocated up front is enough. */
static uint32_t add_node(veikart__parser *p, uint8_t op, uint8_t type, size_t from, size_t to)
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

static size_t src_end(const veikart__parser *p, uint32_t n)
{
	return (size_t)p->nodes[n].src_off + p->nodes[n].src_len;
}

/* The evaluator recurses over the tree, so its height is capped too. */
static int set_height(veikart__parser *p, uint32_t n, uint32_t below)
{
	p->heights[n] = below + 1;
	if (p->heights[n] > p->max_depth)
		return veikart__parse_fail(
		        p, VEIKART_ELIMIT, p->nodes[n].src_off,
		        "the expression is nested too deeply (more than %u levels)", p->max_depth);
	return 0;
}

static int enter(veikart__parser *p, size_t offset)
{
	if (++p->depth > p->max_depth)
		return veikart__parse_fail(
		        p, VEIKART_ELIMIT, offset,
		        "the expression is nested too deeply (more than %u levels)", p->max_depth);
	return 0;
}

static void push_kid(veikart__parser *p, uint32_t n)
{
	p->stack[p->nstack++] = n;
}

/* Move the kids collected since `from` into the kid array. */
static uint32_t take_kids(veikart__parser *p, uint32_t from, uint32_t *height)
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

static const struct veikart__builtin *find_builtin(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < veikart__nbuiltins; i++)
		if (strlen(veikart__builtins[i].name) == len &&
		    memcmp(veikart__builtins[i].name, name, len) == 0)
			return &veikart__builtins[i];
	return NULL;
}

static int copy_codes(veikart__parser *p, const char *const **out, const char *const *codes,
                      uint32_t n)
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
static int fact_ref(veikart__parser *p, const veikart__token *t, uint32_t *out)
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
		return veikart__parse_fail(p, VEIKART_EFORMAT, t->off,
		                           "`%.*s` is a function: write `%.*s()`",
		                           VEIKART__TOKEN_TEXT(p, t), VEIKART__TOKEN_TEXT(p, t));
	if (!found && (t->flags & VEIKART__TOKEN_SHOUTED))
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, t->off,
		        "unknown fact `%.*s` (operators are written in lower case)",
		        VEIKART__TOKEN_TEXT(p, t));
	if (!found)
		return veikart__parse_fail(p, VEIKART_EFORMAT, t->off, "unknown fact `%.*s`",
		                           VEIKART__TOKEN_TEXT(p, t));

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

/* ------------------------------------------------------------------ */
/* Type checks                                                          */

/* ------------------------------------------------------------------ */
/* Parser                                                               */

static int parse_or(veikart__parser *p, uint32_t *out);

static int expect_close(veikart__parser *p, const veikart__token *open, const char *what)
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
		return veikart__parse_fail(p, VEIKART_EFORMAT, t->off,
		                           "expected `)` to close `(`%s", what);
	if (t->kind == T_END)
		return veikart__parse_fail(p, VEIKART_EFORMAT, t->off,
		                           "expected `)` to close the `(` before `%.*s`%s",
		                           VEIKART__TOKEN_TEXT(p, after), what);
	return veikart__parse_fail(p, VEIKART_EFORMAT, t->off,
	                           "expected `)` to close the `(` before `%.*s`%s, found `%.*s`",
	                           VEIKART__TOKEN_TEXT(p, after), what, VEIKART__TOKEN_TEXT(p, t));
}

static int parse_call(veikart__parser *p, const veikart__token *name, uint32_t *out)
{
	const struct veikart__builtin *b = find_builtin(p->src + name->off, name->len);
	const veikart__token *open = next(p), *outer = p->rollup;
	uint32_t from = p->nstack, n, arg = 0, nargs, height = 0, filter = VEIKART__NO_REF;
	uint8_t type;
	veikart__node *nd;
	int err, index = 0;

	if (b == NULL)
		return veikart__check_unknown_function(p, name);
	err = veikart__check_where(p, b, name);
	if (err < 0)
		return err;
	/* `reached(live)`: say what to write rather than "unknown fact". */
	if (b->arg == VEIKART__ARG_PHASE && peek(p)->kind == T_IDENT && peek2(p)->kind != T_LPAREN)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, peek(p)->off,
		        "`%s()` takes a phase id in quotes, such as `%s('%.*s')`", b->name, b->name,
		        VEIKART__TOKEN_TEXT(p, peek(p)));
	if (b->where == VEIKART__AT_ROLLUP)
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
	err = veikart__check_arity(p, b, name, nargs);
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
	if (b->arg == VEIKART__ARG_DATE && p->nodes[arg].type != VEIKART_TYPE_DATE)
		return veikart__parse_fail(p, VEIKART_EFORMAT, p->nodes[arg].src_off,
		                           "`%s()` takes a date, but `%.*s` is %s", b->name,
		                           VEIKART__NODE_TEXT(p, arg),
		                           veikart__expr_a_type(p->nodes[arg].type));
	if (b->arg >= VEIKART__ARG_FACT && b->arg <= VEIKART__ARG_SIGNOFF &&
	    p->nodes[arg].op != VEIKART__OP_FACT)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[arg].src_off,
		        "`%s()` takes the name of %s, such as `%s(%s)`", b->name,
		        b->arg == VEIKART__ARG_FACT       ? "a fact"
		        : b->arg == VEIKART__ARG_EVIDENCE ? "an evidence fact"
		                                          : "a sign-off fact",
		        b->name, b->arg == VEIKART__ARG_SIGNOFF ? "mandate" : "benefit_plan");
	if ((b->arg == VEIKART__ARG_EVIDENCE && p->nodes[arg].type != VEIKART_TYPE_EVIDENCE) ||
	    (b->arg == VEIKART__ARG_SIGNOFF && p->nodes[arg].type != VEIKART_TYPE_SIGNOFF))
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[arg].src_off,
		        "`%s()` takes %s fact, but `%.*s` is %s", b->name,
		        b->arg == VEIKART__ARG_EVIDENCE ? "an evidence" : "a sign-off",
		        VEIKART__NODE_TEXT(p, arg), veikart__expr_a_type(p->nodes[arg].type));
	if (b->arg == VEIKART__ARG_PHASE) {
		if (!veikart__check_is_const(p, arg, VEIKART_TYPE_TEXT))
			return veikart__parse_fail(
			        p, VEIKART_EFORMAT, p->nodes[arg].src_off,
			        "`%s()` takes a phase id in quotes, such as `%s('live')`", b->name,
			        b->name);
		err = veikart__check_phase_of(p, arg, &index);
		if (err == 0)
			err = veikart__check_phase_scope(
			        p, b, arg, index,
			        b->where == VEIKART__AT_UNIT_TOP ||
			                (b->where == VEIKART__AT_SUBJECT &&
			                 (p->rollup != NULL ||
			                  p->decls->context == VEIKART__CONTEXT_UNIT)));
	} else if (b->arg == VEIKART__ARG_FILTER) {
		filter = nargs == 1 ? arg : VEIKART__NO_REF;
		arg = VEIKART__NO_REF;
		err = veikart__check_rollup(p, b, arg, filter, &type);
	} else if (b->arg == VEIKART__ARG_VALUE) {
		err = veikart__check_rollup(p, b, arg, filter, &type);
	}
	if (err < 0)
		return err;

	n = add_node(p, b->op, type, name->off, p->toks[p->pos - 1].off + 1);
	nd = &p->nodes[n];
	switch (b->arg) {
	case VEIKART__ARG_NONE:
		break;
	case VEIKART__ARG_PHASE:
		nd->a = arg;
		nd->b = (uint32_t)index;
		break;
	case VEIKART__ARG_FILTER:
	case VEIKART__ARG_VALUE:
		nd->a = arg;
		nd->b = filter;
		break;
	case VEIKART__ARG_DATE:
		nd->a = arg;
		break;
	default:
		nd->a = arg;
		nd->ref = p->nodes[arg].ref; /* the fact */
		break;
	}
	if (b->where == VEIKART__AT_UNIT || b->where == VEIKART__AT_UNIT_TOP ||
	    (b->where == VEIKART__AT_SUBJECT &&
	     (p->rollup != NULL || p->decls->context == VEIKART__CONTEXT_UNIT)))
		nd->flags |= VEIKART__NODE_UNIT;
	*out = n;
	return set_height(p, n, height);
}

static int parse_primary(veikart__parser *p, uint32_t *out)
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

			veikart__check_rollup_example(example, sizeof(example), &p->facts[ref]);
			return veikart__parse_fail(
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
		return veikart__parse_fail(p, VEIKART_EFORMAT, t->off,
		                           "the expression ends where a value was expected");
	default:
		return veikart__parse_fail(p, VEIKART_EFORMAT, t->off,
		                           "expected a value, found `%.*s`",
		                           VEIKART__TOKEN_TEXT(p, t));
	}
}

static int parse_unary(veikart__parser *p, uint32_t *out)
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
		return veikart__parse_fail(p, VEIKART_EFORMAT, t->off, "cannot negate %s",
		                           veikart__expr_a_type(nd->type));
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

static int parse_binary(veikart__parser *p, uint32_t *out, int level);

/* Levels of binary arithmetic: 0 is + -, 1 is * /. */
static int parse_operand(veikart__parser *p, uint32_t *out, int level)
{
	return level == 0 ? parse_binary(p, out, 1) : parse_unary(p, out);
}

static int parse_binary(veikart__parser *p, uint32_t *out, int level)
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
			err = veikart__check_arith(p, t->kind, l, r, t->off, &op, &type);
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
static int check_member(veikart__parser *p, uint32_t x, uint32_t m)
{
	unsigned int tx = p->nodes[x].type, tm = p->nodes[m].type;
	char hint[96] = "";

	if (p->nodes[m].op != VEIKART__OP_CONST)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[m].src_off,
		        "the members of an `in` list must be literals, but `%.*s` is not",
		        VEIKART__NODE_TEXT(p, m));
	if (tx == VEIKART_TYPE_SCALE && tm == VEIKART_TYPE_TEXT)
		return veikart__check_to_scale(p, m, x);
	if ((veikart__expr_is_numeric(tx) && veikart__expr_is_numeric(tm)) || tx == tm)
		return veikart__check_phase_literal(p, x, m);
	if (tx == VEIKART_TYPE_DURATION)
		veikart__check_days_hint(p, m, hint, sizeof(hint));
	return veikart__parse_fail(p, VEIKART_EFORMAT, p->nodes[m].src_off,
	                           "`in` list member `%.*s` is %s, but `%.*s` is %s%s",
	                           VEIKART__NODE_TEXT(p, m), veikart__expr_a_type(tm),
	                           VEIKART__NODE_TEXT(p, x), veikart__expr_a_type(tx), hint);
}

static int parse_in(veikart__parser *p, uint32_t x, int negated, uint32_t *out)
{
	const veikart__token *open = next(p);
	uint32_t from = p->nstack, m, n, height, start;
	int err;

	if (veikart__check_is_document(p->nodes[x].type))
		return veikart__check_not_comparable(p, x);
	if (open->kind != T_LPAREN)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, open->off,
		        "expected `(` after `in`: write a list such as `in ('a', 'b')`");
	if (peek(p)->kind == T_RPAREN)
		return veikart__parse_fail(p, VEIKART_EFORMAT, peek(p)->off,
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

static int is_comparison_next(const veikart__parser *p)
{
	const veikart__token *t = peek(p);

	return t->kind == T_CMP || t->kind == T_IN || (t->kind == T_NOT && peek2(p)->kind == T_IN);
}

static int parse_compare(veikart__parser *p, uint32_t *out)
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
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, t->off,
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
			err = veikart__check_compare(p, t->cmp, l, r, t->off, &op);
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
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, peek(p)->off,
		        "comparisons cannot be chained: join them with `and`, as in "
		        "`a lt b and b lt c`");
	*out = n;
	return 0;
}

static int parse_not(veikart__parser *p, uint32_t *out)
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
		err = veikart__check_want_bool(p, k, "`not`");
	if (err < 0)
		return err;
	p->depth--;
	n = add_node(p, VEIKART__OP_NOT, VEIKART_TYPE_BOOL, t->off, src_end(p, k));
	p->nodes[n].a = k;
	*out = n;
	return set_height(p, n, p->heights[k]);
}

/* `and` and `or` chains become one node with a list of kids. */
static int parse_chain(veikart__parser *p, uint32_t *out, veikart__tok kind)
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
	err = veikart__check_want_bool(p, first, what);
	push_kid(p, first);
	while (err == 0 && peek(p)->kind == kind) {
		next(p);
		err = kind == T_OR ? parse_chain(p, &k, T_AND) : parse_not(p, &k);
		if (err == 0)
			err = veikart__check_want_bool(p, k, what);
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

static int parse_or(veikart__parser *p, uint32_t *out)
{
	return parse_chain(p, out, T_OR);
}

/* ------------------------------------------------------------------ */
/* Canonical printer                                                    */

/* ------------------------------------------------------------------ */
/* Compile                                                              */

static int parse_all(veikart__parser *p, uint32_t *root)
{
	const veikart__token *t;
	int err;

	if (p->toks[0].kind == T_END)
		return veikart__parse_fail(p, VEIKART_EFORMAT, 0, "the expression is empty");
	err = parse_or(p, root);
	if (err < 0)
		return err;
	t = peek(p);
	if (t->kind == T_RPAREN)
		return veikart__parse_fail(p, VEIKART_EFORMAT, t->off,
		                           "unexpected `)`: there is no `(` to close");
	if (t->kind == T_IDENT && (t->flags & VEIKART__TOKEN_SHOUTED))
		return veikart__parse_fail(p, VEIKART_EFORMAT, t->off,
		                           "unexpected `%.*s`: operators are written in lower case",
		                           VEIKART__TOKEN_TEXT(p, t));
	if (t->kind != T_END)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, t->off,
		        "unexpected `%.*s`: expected an operator or the end of the expression",
		        VEIKART__TOKEN_TEXT(p, t));
	if (p->decls->want_bool && p->nodes[*root].type != VEIKART_TYPE_BOOL) {
		const veikart__node *nd = &p->nodes[*root];
		const char *hint = nd->type == VEIKART_TYPE_EVIDENCE  ? " (use has_evidence() or "
		                                                        "approved())"
		                   : nd->type == VEIKART_TYPE_SIGNOFF ? " (use signed())"
		                                                      : "";

		return veikart__parse_fail(p, VEIKART_EFORMAT, nd->src_off,
		                           "must be true or false (a condition), but this is %s%s",
		                           veikart__expr_a_type(nd->type), hint);
	}
	return 0;
}

/* Arrays sized by the token count, now that it is known. */
static int allocate(veikart__parser *p)
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
	veikart__parser p;
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
		rc = veikart__parse_fail(&p, VEIKART_ELIMIT, max_length,
		                         "the expression is %zu bytes long; the limit is %u", len,
		                         max_length);
		goto out;
	}
	bad = veikart__utf8_check(src, len);
	if (bad != len) {
		rc = veikart__parse_fail(&p, VEIKART_EFORMAT, bad,
		                         "the expression is not valid UTF-8");
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

	veikart__print_node(&p, &text, root, 0);
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
