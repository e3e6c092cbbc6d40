/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Evaluating a compiled expression, three-valued (Kleene), and explaining
 * the result afterwards.  Evaluation is a walk over the flat node array
 * that never allocates or formats: it records only which node decided
 * (veikart__why).  Explaining re-evaluates the parts it needs to quote.
 */
#include <math.h>
#include <string.h>

#include "expr_impl.h"

/* What happened at the deciding node. */
enum why_code {
	WHY_VALUE = 1,    /* the node's own value (a fact, a constant, the result) */
	WHY_NOT_RECORDED, /* a fact has no value */
	WHY_NO_NOW,       /* the time of evaluation is not known */
	WHY_NO_ENTERED,   /* the time the phase was entered is not known */
	WHY_OVERFLOW,     /* the result does not fit its type */
	WHY_DIVZERO,
	WHY_SPECIAL,  /* a special scale value cannot be compared that way */
	WHY_COMPARED, /* a comparison or `in` decided */
	WHY_ALL,      /* every kid of an `and` was true, or of an `or` false */
	WHY_BUILTIN   /* defined(), has_evidence(), approved(), signed() */
};

static void set_unknown(veikart__value *out, veikart__why *why, uint32_t n, uint32_t code)
{
	out->type = 0;
	why->node = n;
	why->code = code;
}

static void set_bool(veikart__value *out, veikart__why *why, uint32_t n, uint32_t code, int b)
{
	out->type = VEIKART_TYPE_BOOL;
	out->u.b = b;
	why->node = n;
	why->code = code;
}

static double num(const veikart__value *v)
{
	return v->type == VEIKART_TYPE_INTEGER ? (double)v->u.i : v->u.n;
}

static int holds(uint8_t cmp, int c)
{
	switch (cmp) {
	case VEIKART__CMP_EQ:
		return c == 0;
	case VEIKART__CMP_NE:
		return c != 0;
	case VEIKART__CMP_LT:
		return c < 0;
	case VEIKART__CMP_LE:
		return c <= 0;
	case VEIKART__CMP_GT:
		return c > 0;
	default:
		return c >= 0;
	}
}

static int order_int(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static int order_num(const veikart__value *a, const veikart__value *b)
{
	double x, y;

	if (a->type == VEIKART_TYPE_INTEGER && b->type == VEIKART_TYPE_INTEGER)
		return order_int(a->u.i, b->u.i);
	x = num(a);
	y = num(b);
	return (x > y) - (x < y);
}

static int text_differs(const veikart__value *a, const veikart__value *b)
{
	return a->u.text.len != b->u.text.len ||
	       memcmp(a->u.text.ptr, b->u.text.ptr, a->u.text.len) != 0;
}

/* Checked int64 arithmetic (portable; no compiler built-ins). */
static int add_ok(int64_t a, int64_t b, int64_t *r)
{
	if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
		return 0;
	*r = a + b;
	return 1;
}

static int sub_ok(int64_t a, int64_t b, int64_t *r)
{
	if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b))
		return 0;
	*r = a - b;
	return 1;
}

static int mul_ok(int64_t a, int64_t b, int64_t *r)
{
	if (a > 0 ? (b > 0 ? a > INT64_MAX / b : b < INT64_MIN / a)
	          : (b > 0 ? a < INT64_MIN / b : (a != 0 && b < INT64_MAX / a)))
		return 0;
	*r = a * b;
	return 1;
}

/* Store a day count as a date or duration, or say it does not fit. */
static int set_days(veikart__value *out, uint8_t type, int64_t days)
{
	if (type == VEIKART_TYPE_DATE ? days < VEIKART__MIN_DATE || days > VEIKART__MAX_DATE
	                              : days <= INT32_MIN || days > INT32_MAX)
		return 0;
	out->type = type;
	out->u.days = (int32_t)days;
	return 1;
}

static const veikart__value *fact_value(const veikart__eval_env *env, const veikart__node *fact)
{
	const veikart__value *v;

	if (fact->a >= env->nfacts)
		return NULL;
	v = &env->facts[fact->a];
	return v->type == fact->type ? v : NULL;
}

/* Equality of an `in` member: 1, 0, or -1 when a special value of the
 * tested rating meets a level (undecidable, as for eq). */
static int member_equal(const veikart__value *x, const veikart__value *m)
{
	switch (x->type) {
	case VEIKART_TYPE_INTEGER:
	case VEIKART_TYPE_NUMBER:
	case VEIKART_TYPE_RATIO:
		return order_num(x, m) == 0;
	case VEIKART_TYPE_DATE:
	case VEIKART_TYPE_DURATION:
		return x->u.days == m->u.days;
	case VEIKART_TYPE_TEXT:
		return !text_differs(x, m);
	case VEIKART_TYPE_BOOL:
		return !x->u.b == !m->u.b;
	default: /* scale */
		if (x->u.level < 0 && m->u.level >= 0)
			return -1;
		return x->u.level == m->u.level;
	}
}

static int is_special_const(const veikart__node *nd)
{
	return nd->op == VEIKART__OP_CONST && nd->k.u.level < 0;
}

static void eval(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                 veikart__value *out, veikart__why *why);

/* Both operands of a binary node; 0 (and `out` unknown) when one is not known. */
static int operands(const veikart__expr *e, const veikart__node *nd, const veikart__eval_env *env,
                    veikart__value *a, veikart__value *b, veikart__value *out, veikart__why *why)
{
	eval(e, nd->a, env, a, why);
	if (a->type != 0)
		eval(e, nd->b, env, b, why);
	if (a->type == 0 || b->type == 0) {
		out->type = 0;
		return 0;
	}
	return 1;
}

static void eval_logic(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                       veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	int deciding = nd->op == VEIKART__OP_OR; /* the value that decides at once */
	veikart__why w, first_unknown = { 0, 0 };
	veikart__value v;
	uint32_t i;

	for (i = 0; i < nd->b; i++) {
		eval(e, e->kids[nd->a + i], env, &v, &w);
		if (v.type == 0) {
			if (first_unknown.code == 0)
				first_unknown = w;
		} else if (!v.u.b == !deciding) {
			*out = v;
			*why = w;
			return;
		}
	}
	if (first_unknown.code != 0) {
		out->type = 0;
		*why = first_unknown;
		return;
	}
	set_bool(out, why, n, WHY_ALL, !deciding);
}

static void eval_in(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                    veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	const uint32_t *kids = e->kids + nd->a;
	int found = 0, undecided = 0, r;
	veikart__value x;
	uint32_t i;

	eval(e, kids[0], env, &x, why);
	if (x.type == 0) {
		out->type = 0;
		return;
	}
	for (i = 1; i < nd->b && !found; i++) {
		r = member_equal(&x, &e->nodes[kids[i]].k);
		found = r == 1;
		undecided |= r < 0;
	}
	if (!found && undecided)
		set_unknown(out, why, n, WHY_SPECIAL);
	else
		set_bool(out, why, n, WHY_COMPARED, found != !!(nd->flags & VEIKART__NODE_NEGATED));
}

static void eval_compare(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                         veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	veikart__value a, b;
	int c;

	if (!operands(e, nd, env, &a, &b, out, why))
		return;
	switch (nd->op) {
	case VEIKART__OP_CMP_INT:
		c = order_int(a.u.i, b.u.i);
		break;
	case VEIKART__OP_CMP_NUM:
		c = order_num(&a, &b);
		break;
	case VEIKART__OP_CMP_DAYS:
		c = order_int(a.u.days, b.u.days);
		break;
	case VEIKART__OP_CMP_TEXT:
		c = text_differs(&a, &b);
		break;
	case VEIKART__OP_CMP_BOOL:
		c = !a.u.b != !b.u.b;
		break;
	default: /* scale: special values have no rank, only an identity */
		if (a.u.level < 0 || b.u.level < 0) {
			if (!is_special_const(&e->nodes[nd->a]) &&
			    !is_special_const(&e->nodes[nd->b])) {
				set_unknown(out, why, n, WHY_SPECIAL);
				return;
			}
			c = a.u.level != b.u.level;
		} else {
			c = order_int(a.u.level, b.u.level);
		}
		break;
	}
	set_bool(out, why, n, WHY_COMPARED, holds(nd->cmp, c));
}

static void eval_arith(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                       veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	veikart__value a, b;
	int64_t r = 0;
	double d;
	int ok = 1;

	if (!operands(e, nd, env, &a, &b, out, why))
		return;
	switch (nd->op) {
	case VEIKART__OP_ADD_INT:
	case VEIKART__OP_SUB_INT:
	case VEIKART__OP_MUL_INT:
		ok = nd->op == VEIKART__OP_ADD_INT   ? add_ok(a.u.i, b.u.i, &r)
		     : nd->op == VEIKART__OP_SUB_INT ? sub_ok(a.u.i, b.u.i, &r)
		                                     : mul_ok(a.u.i, b.u.i, &r);
		out->type = VEIKART_TYPE_INTEGER;
		out->u.i = r;
		break;
	case VEIKART__OP_DIV_NUM:
		if (num(&b) == 0) {
			set_unknown(out, why, n, WHY_DIVZERO);
			return;
		}
		/* fall through */
	case VEIKART__OP_ADD_NUM:
	case VEIKART__OP_SUB_NUM:
	case VEIKART__OP_MUL_NUM:
		d = nd->op == VEIKART__OP_ADD_NUM   ? num(&a) + num(&b)
		    : nd->op == VEIKART__OP_SUB_NUM ? num(&a) - num(&b)
		    : nd->op == VEIKART__OP_MUL_NUM ? num(&a) * num(&b)
		                                    : num(&a) / num(&b);
		ok = isfinite(d);
		out->type = VEIKART_TYPE_NUMBER;
		out->u.n = d;
		break;
	case VEIKART__OP_ADD_DAYS:
		ok = set_days(out, nd->type, (int64_t)a.u.days + b.u.days);
		break;
	case VEIKART__OP_SUB_DAYS:
	case VEIKART__OP_SUB_DATES:
		ok = set_days(out, nd->type, (int64_t)a.u.days - b.u.days);
		break;
	default: /* MUL_DAYS: one side is a duration, the other an integer */
		ok = a.type == VEIKART_TYPE_DURATION ? mul_ok(a.u.days, b.u.i, &r)
		                                     : mul_ok(a.u.i, b.u.days, &r);
		ok = ok && set_days(out, VEIKART_TYPE_DURATION, r);
		break;
	}
	if (!ok)
		set_unknown(out, why, n, WHY_OVERFLOW);
}

static void eval_time(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                      veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	veikart__value d;
	int64_t diff;
	int32_t today;

	if (nd->op == VEIKART__OP_DAYS_SINCE) {
		eval(e, nd->a, env, &d, why);
		if (d.type == 0) {
			out->type = 0;
			return;
		}
	}
	if (env->now == VEIKART_TIME_UNKNOWN) {
		set_unknown(out, why, n, WHY_NO_NOW);
		return;
	}
	today = veikart__days_from_time(env->now);
	if (nd->op == VEIKART__OP_TODAY) {
		if (!set_days(out, VEIKART_TYPE_DATE, today))
			set_unknown(out, why, n, WHY_OVERFLOW);
		return;
	}
	if (nd->op == VEIKART__OP_DAYS_SINCE) {
		if (!set_days(out, VEIKART_TYPE_DURATION, (int64_t)today - d.u.days))
			set_unknown(out, why, n, WHY_OVERFLOW);
		return;
	}
	if (env->phase_entered == VEIKART_TIME_UNKNOWN) {
		set_unknown(out, why, n, WHY_NO_ENTERED);
		return;
	}
	/* Whole days elapsed, rounded down, also when the clock is behind. */
	if (!sub_ok(env->now, env->phase_entered, &diff) ||
	    !set_days(out, VEIKART_TYPE_DURATION,
	              diff / VEIKART__DAY_SECONDS - (diff % VEIKART__DAY_SECONDS < 0)))
		set_unknown(out, why, n, WHY_OVERFLOW);
}

static void eval_builtin(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                         veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	const veikart__value *v = fact_value(env, &e->nodes[nd->a]);
	int b;

	switch (nd->op) {
	case VEIKART__OP_APPROVED:
		b = v != NULL && v->u.evidence->approved_by != NULL;
		break;
	default: /* defined, has_evidence, signed: recorded or not */
		b = v != NULL;
		break;
	}
	set_bool(out, why, n, WHY_BUILTIN, b);
}

static void eval(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                 veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	const veikart__value *v;

	switch (nd->op) {
	case VEIKART__OP_CONST:
		*out = nd->k;
		why->node = n;
		why->code = WHY_VALUE;
		break;
	case VEIKART__OP_FACT:
		v = fact_value(env, nd);
		if (v == NULL) {
			set_unknown(out, why, n, WHY_NOT_RECORDED);
			break;
		}
		*out = *v;
		why->node = n;
		why->code = WHY_VALUE;
		break;
	case VEIKART__OP_NEG_INT:
	case VEIKART__OP_NEG_NUM:
	case VEIKART__OP_NEG_DAYS:
		eval(e, nd->a, env, out, why);
		if (out->type == 0)
			break;
		if (nd->op == VEIKART__OP_NEG_NUM) {
			out->u.n = -num(out);
			out->type = VEIKART_TYPE_NUMBER;
		} else if (nd->op == VEIKART__OP_NEG_DAYS) {
			out->u.days = -out->u.days; /* set_days() keeps INT32_MIN out */
		} else if (out->u.i == INT64_MIN) {
			set_unknown(out, why, n, WHY_OVERFLOW);
		} else {
			out->u.i = -out->u.i;
		}
		break;
	case VEIKART__OP_NOT:
		eval(e, nd->a, env, out, why);
		out->u.b = !out->u.b;
		break;
	case VEIKART__OP_AND:
	case VEIKART__OP_OR:
		eval_logic(e, n, env, out, why);
		break;
	case VEIKART__OP_IN:
		eval_in(e, n, env, out, why);
		break;
	case VEIKART__OP_CMP_INT:
	case VEIKART__OP_CMP_NUM:
	case VEIKART__OP_CMP_DAYS:
	case VEIKART__OP_CMP_TEXT:
	case VEIKART__OP_CMP_BOOL:
	case VEIKART__OP_CMP_SCALE:
		eval_compare(e, n, env, out, why);
		break;
	case VEIKART__OP_DAYS_IN_PHASE:
	case VEIKART__OP_TODAY:
	case VEIKART__OP_DAYS_SINCE:
		eval_time(e, n, env, out, why);
		break;
	case VEIKART__OP_DEFINED:
	case VEIKART__OP_HAS_EVIDENCE:
	case VEIKART__OP_APPROVED:
	case VEIKART__OP_SIGNED:
		eval_builtin(e, n, env, out, why);
		break;
	default:
		eval_arith(e, n, env, out, why);
		break;
	}
}

veikart_truth veikart__expr_eval_bool(const veikart__expr *expr, const veikart__eval_env *env,
                                      veikart__why *why)
{
	veikart__why ignored;
	veikart__value v;

	eval(expr, expr->root, env, &v, why != NULL ? why : &ignored);
	if (v.type != VEIKART_TYPE_BOOL)
		return VEIKART_UNKNOWN;
	return v.u.b ? VEIKART_MET : VEIKART_UNMET;
}

void veikart__expr_eval(const veikart__expr *expr, const veikart__eval_env *env,
                        veikart__value *out, veikart__why *why)
{
	veikart__why ignored;

	if (why == NULL)
		why = &ignored;
	eval(expr, expr->root, env, out, why);
	if (out->type != 0 && out->type != VEIKART_TYPE_BOOL) {
		why->node = expr->root;
		why->code = WHY_VALUE;
	}
}

/* ------------------------------------------------------------------ */
/* Explaining                                                           */

static uint32_t ref_of(const veikart__expr *e, uint32_t n)
{
	return e->nodes[n].type == VEIKART_TYPE_SCALE ? e->nodes[n].ref : VEIKART__NO_REF;
}

int veikart__expr_format_value(veikart__buf *out, const veikart__expr *expr, uint32_t ref,
                               const veikart__value *value)
{
	return veikart__value_format(out, value,
	                             ref != VEIKART__NO_REF ? &expr->facts[ref].scale : NULL, 1);
}

uint32_t veikart__expr_result_ref(const veikart__expr *expr)
{
	return ref_of(expr, expr->root);
}

static void put_text(veikart__buf *b, const veikart__expr *e, uint32_t n)
{
	veikart__buf_putc(b, '`');
	veikart__buf_put(b, e->text + e->nodes[n].text_off, e->nodes[n].text_len);
	veikart__buf_putc(b, '`');
}

static void put_value(veikart__buf *b, const veikart__expr *e, uint32_t n, const veikart__value *v)
{
	veikart__expr_format_value(b, e, ref_of(e, n), v);
}

static const char *fact_id(const veikart__expr *e, uint32_t n)
{
	return e->facts[e->nodes[n].ref].id;
}

/* "`staff_trained` is 0.5, not ge 0.8"; "0.8 is not le `x` (0.5)". */
static void explain_compare(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                            uint32_t n, int met)
{
	static const char *const words[] = { "eq", "ne", "lt", "le", "gt", "ge" };
	const veikart__node *nd = &e->nodes[n];
	veikart__value va, vb;
	veikart__why w;

	eval(e, nd->a, env, &va, &w);
	eval(e, nd->b, env, &vb, &w);
	if (e->nodes[nd->a].op == VEIKART__OP_CONST) {
		put_value(b, e, nd->a, &va);
		veikart__buf_printf(b, " is %s%s ", met ? "" : "not ", words[nd->cmp]);
	} else {
		put_text(b, e, nd->a);
		veikart__buf_puts(b, " is ");
		put_value(b, e, nd->a, &va);
		veikart__buf_printf(b, ", %s%s ", met ? "" : "not ", words[nd->cmp]);
	}
	if (e->nodes[nd->b].op == VEIKART__OP_CONST) {
		put_value(b, e, nd->b, &vb);
	} else {
		put_text(b, e, nd->b);
		veikart__buf_puts(b, " (");
		put_value(b, e, nd->b, &vb);
		veikart__buf_putc(b, ')');
	}
}

/* "`x` is 'complex', not in ('simple', 'complicated')". */
static void explain_in(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                       uint32_t n, int met)
{
	const veikart__node *nd = &e->nodes[n];
	const veikart__node *first = &e->nodes[e->kids[nd->a + 1]];
	const veikart__node *last = &e->nodes[e->kids[nd->a + nd->b - 1]];
	int member = met != !!(nd->flags & VEIKART__NODE_NEGATED);
	veikart__value x;
	veikart__why w;

	eval(e, e->kids[nd->a], env, &x, &w);
	put_text(b, e, e->kids[nd->a]);
	veikart__buf_puts(b, " is ");
	put_value(b, e, e->kids[nd->a], &x);
	veikart__buf_puts(b, member ? ", in (" : ", not in (");
	veikart__buf_put(b, e->text + first->text_off,
	                 last->text_off + last->text_len - first->text_off);
	veikart__buf_putc(b, ')');
}

static void explain_special(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                            uint32_t n)
{
	const veikart__node *nd = &e->nodes[n];
	uint32_t side = nd->op == VEIKART__OP_IN ? e->kids[nd->a] : nd->a;
	veikart__value v;
	veikart__why w;

	eval(e, side, env, &v, &w);
	if (nd->op != VEIKART__OP_IN && v.u.level >= 0) {
		side = nd->b;
		eval(e, side, env, &v, &w);
	}
	put_text(b, e, side);
	veikart__buf_puts(b, " is ");
	put_value(b, e, side, &v);
	veikart__buf_puts(b, ", a special value, so ");
	put_text(b, e, n);
	veikart__buf_puts(b, " cannot be decided");
}

static void explain_builtin(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                            uint32_t n)
{
	const veikart__node *nd = &e->nodes[n];
	const veikart__value *v = fact_value(env, &e->nodes[nd->a]);
	const char *id = fact_id(e, nd->a);

	switch (nd->op) {
	case VEIKART__OP_DEFINED:
		veikart__buf_printf(b, "fact `%s` is %s", id, v ? "recorded" : "not recorded");
		break;
	case VEIKART__OP_SIGNED:
		if (v != NULL)
			veikart__buf_printf(b, "`%s` signed by %s", id, v->u.signoff->person);
		else
			veikart__buf_printf(b, "`%s` is not signed", id);
		break;
	default:
		if (v == NULL)
			veikart__buf_printf(b, "no evidence `%s` attached", id);
		else if (v->u.evidence->approved_by != NULL)
			veikart__buf_printf(b, "evidence `%s` attached, approved by %s", id,
			                    v->u.evidence->approved_by);
		else if (nd->op == VEIKART__OP_APPROVED)
			veikart__buf_printf(b, "evidence `%s` attached but not approved", id);
		else
			veikart__buf_printf(b, "evidence `%s` attached", id);
		break;
	}
}

static void explain(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                    const veikart__why *why);

/* Every kid of an `and` that held, or of an `or` that failed, in turn. */
static void explain_all(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                        uint32_t n)
{
	const veikart__node *nd = &e->nodes[n];
	veikart__value v;
	veikart__why w;
	uint32_t i;

	for (i = 0; i < nd->b; i++) {
		if (i > 0)
			veikart__buf_puts(b, "; ");
		eval(e, e->kids[nd->a + i], env, &v, &w);
		explain(b, e, env, &w);
	}
}

static void explain_overflow(veikart__buf *b, const veikart__expr *e, uint32_t n)
{
	switch (e->nodes[n].type) {
	case VEIKART_TYPE_INTEGER:
		veikart__buf_puts(b, "integer overflow in ");
		break;
	case VEIKART_TYPE_DATE:
		veikart__buf_puts(b, "date out of range in ");
		break;
	case VEIKART_TYPE_DURATION:
		veikart__buf_puts(b, "duration out of range in ");
		break;
	default:
		veikart__buf_puts(b, "number too large in ");
		break;
	}
	put_text(b, e, n);
}

static void explain(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                    const veikart__why *why)
{
	uint32_t n = why->node;
	const veikart__node *nd = &e->nodes[n];
	veikart__value v;
	veikart__why w;

	switch (why->code) {
	case WHY_VALUE:
		if (nd->type != VEIKART_TYPE_BOOL)
			break; /* a plain result speaks for itself */
		eval(e, n, env, &v, &w);
		if (nd->op == VEIKART__OP_CONST)
			veikart__buf_printf(b, "constant %s", v.u.b ? "true" : "false");
		else
			veikart__buf_printf(b, "`%s` is %s", fact_id(e, n),
			                    v.u.b ? "true" : "false");
		break;
	case WHY_NOT_RECORDED:
		veikart__buf_printf(b, "fact `%s` is not recorded", fact_id(e, n));
		break;
	case WHY_NO_NOW:
		if (nd->op == VEIKART__OP_DAYS_IN_PHASE) {
			veikart__buf_puts(b, "days in phase not known (no time given)");
		} else if (nd->op == VEIKART__OP_TODAY) {
			veikart__buf_puts(b, "today's date not known (no time given)");
		} else {
			put_text(b, e, n);
			veikart__buf_puts(b, " not known (no time given)");
		}
		break;
	case WHY_NO_ENTERED:
		veikart__buf_puts(b, "days in phase not known (phase entry time not given)");
		break;
	case WHY_OVERFLOW:
		explain_overflow(b, e, n);
		break;
	case WHY_DIVZERO:
		veikart__buf_puts(b, "division by zero in ");
		put_text(b, e, n);
		break;
	case WHY_SPECIAL:
		explain_special(b, e, env, n);
		break;
	case WHY_COMPARED:
		eval(e, n, env, &v, &w);
		if (nd->op == VEIKART__OP_IN)
			explain_in(b, e, env, n, v.u.b);
		else
			explain_compare(b, e, env, n, v.u.b);
		break;
	case WHY_ALL:
		explain_all(b, e, env, n);
		break;
	case WHY_BUILTIN:
		explain_builtin(b, e, env, n);
		break;
	default:
		break;
	}
}

int veikart__expr_explain(veikart__buf *out, const veikart__expr *expr,
                          const veikart__eval_env *env, const veikart__why *why)
{
	if (why != NULL && why->node < expr->nnodes)
		explain(out, expr, env, why);
	return out->failed ? VEIKART_ENOMEM : 0;
}
