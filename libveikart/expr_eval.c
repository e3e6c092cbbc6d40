/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Evaluating a compiled expression, three-valued (Kleene), and explaining
 * the result afterwards.  Evaluation is a walk over the flat node array
 * that never allocates or formats: it records only which node decided
 * (veikart__why).  Explaining re-evaluates the parts it needs to quote.
 * A roll-up walks env->units, each in turn the unit at hand; when it is
 * unknown, explaining walks them again to name the units it missed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
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
	WHY_BUILTIN,  /* defined(), has_evidence(), approved(), signed() */
	WHY_ROLLUP,   /* a roll-up's filter or value is unknown for some unit */
	WHY_NO_UNITS, /* ratio(), mean(), min(), max() over no units */
	WHY_NO_UNIT,  /* a unit-context expression without a unit at hand */
	WHY_NO_PHASE, /* the initiative's phase, or a unit's, is not known */
	WHY_NO_WAVE,
	WHY_NO_TYPE,
	WHY_PHASE,  /* in_phase(), reached(), initiative_reached() */
	WHY_EARLIER /* earlier_waves_reached() */
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

/* A fact's value: the unit at hand's for a unit-scope fact.  Unit value
 * arrays are indexed by the same slots as env->facts. */
static const veikart__value *fact_value(const veikart__eval_env *env, const veikart__node *fact)
{
	const veikart__value *values = env->facts;
	const veikart__value *v;

	if (fact->flags & VEIKART__NODE_UNIT)
		values = env->unit != NULL ? env->unit->facts : NULL;
	if (values == NULL || fact->a >= env->nfacts)
		return NULL;
	v = &values[fact->a];
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

/* ------------------------------------------------------------------ */
/* Roll-ups                                                             */

/* What a roll-up adds up, in the representation its value type needs. */
typedef struct tally {
	size_t included; /* units whose filter is met (all without a filter) */
	int64_t i;       /* integer and day sums; min/max of those */
	double d;        /* number sums; min/max of numbers */
	int overflow;
} tally;

static void tally_add(tally *t, uint8_t op, const veikart__value *v)
{
	int first = t->included == 1;
	int64_t x;

	switch (v->type) {
	case VEIKART_TYPE_NUMBER:
	case VEIKART_TYPE_RATIO:
		if (op == VEIKART__OP_MIN) {
			if (first || v->u.n < t->d)
				t->d = v->u.n;
		} else if (op == VEIKART__OP_MAX) {
			if (first || v->u.n > t->d)
				t->d = v->u.n;
		} else {
			t->d += v->u.n;
		}
		return;
	case VEIKART_TYPE_INTEGER:
		x = v->u.i;
		break;
	default: /* date, duration */
		x = v->u.days;
		break;
	}
	if (op == VEIKART__OP_MEAN) {
		t->d += (double)x;
	} else if (op == VEIKART__OP_MIN) {
		if (first || x < t->i)
			t->i = x;
	} else if (op == VEIKART__OP_MAX) {
		if (first || x > t->i)
			t->i = x;
	} else if (!add_ok(t->i, x, &t->i)) {
		t->overflow = 1;
	}
}

/* The roll-up's value once every unit has been seen. */
static void tally_result(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                         const tally *t, veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	uint8_t vtype = nd->a != VEIKART__NO_REF ? e->nodes[nd->a].type : 0;
	int ok = 1;

	why->node = n;
	why->code = WHY_VALUE;
	if (nd->op == VEIKART__OP_COUNT) {
		out->type = VEIKART_TYPE_INTEGER;
		out->u.i = (int64_t)t->included;
		return;
	}
	if (nd->op == VEIKART__OP_RATIO ? env->nunits == 0
	                                : nd->op != VEIKART__OP_SUM && t->included == 0) {
		set_unknown(out, why, n, WHY_NO_UNITS);
		return;
	}
	if (t->overflow) {
		set_unknown(out, why, n, WHY_OVERFLOW);
		return;
	}
	switch (nd->op) {
	case VEIKART__OP_RATIO:
		out->type = VEIKART_TYPE_NUMBER;
		out->u.n = (double)t->included / (double)env->nunits;
		return;
	case VEIKART__OP_MEAN:
		out->type = VEIKART_TYPE_NUMBER;
		out->u.n = t->d / (double)t->included;
		ok = isfinite(out->u.n);
		break;
	default: /* sum, min, max */
		if (vtype == VEIKART_TYPE_NUMBER || vtype == VEIKART_TYPE_RATIO) {
			out->type = nd->type;
			out->u.n = t->d;
			ok = isfinite(t->d);
		} else if (vtype == VEIKART_TYPE_INTEGER) {
			out->type = VEIKART_TYPE_INTEGER;
			out->u.i = t->i;
		} else {
			ok = set_days(out, vtype, t->i);
		}
		break;
	}
	if (!ok)
		set_unknown(out, why, n, WHY_OVERFLOW);
}

/*
 * Over env->units, each in turn the unit at hand.  A filter that is unknown
 * for some unit, or a value unknown for an included one, makes the whole
 * roll-up unknown: explain() goes over the units again to name them.
 */
static void eval_rollup(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                        veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	veikart__eval_env sub = *env;
	veikart__value v;
	veikart__why w;
	tally t;
	size_t i;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < env->nunits; i++) {
		sub.unit = &env->units[i];
		if (nd->b != VEIKART__NO_REF) {
			eval(e, nd->b, &sub, &v, &w);
			if (v.type == 0) {
				set_unknown(out, why, n, WHY_ROLLUP);
				return;
			}
			if (!v.u.b)
				continue;
		}
		t.included++;
		if (nd->a == VEIKART__NO_REF)
			continue;
		eval(e, nd->a, &sub, &v, &w);
		if (v.type == 0) {
			set_unknown(out, why, n, WHY_ROLLUP);
			return;
		}
		tally_add(&t, nd->op, &v);
	}
	tally_result(e, n, env, &t, out, why);
}

/* ------------------------------------------------------------------ */
/* Units and phases                                                     */

/* The phase index (-1: none) of what the node is about, the unit at hand or
 * the initiative; returns 0 when that is a unit and there is none at hand. */
static int subject_phase(const veikart__node *nd, const veikart__eval_env *env, int32_t *phase)
{
	if (!(nd->flags & VEIKART__NODE_UNIT)) {
		*phase = env->phase;
		return 1;
	}
	if (env->unit == NULL)
		return 0;
	*phase = env->unit->phase;
	return 1;
}

/* Whether every unit of a wave before the unit at hand's has reached `target`. */
static int earlier_waves_reached(const veikart__eval_env *env, int32_t target)
{
	const veikart__unit_view *u = env->unit;
	size_t i;

	for (i = 0; i < env->nunits; i++)
		if (env->units[i].wave > 0 && env->units[i].wave < u->wave &&
		    env->units[i].phase < target)
			return 0;
	return 1;
}

static void eval_unit(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                      veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	const veikart__unit_view *u = env->unit;
	int32_t phase = -1;

	if (!subject_phase(nd, env, &phase)) {
		set_unknown(out, why, n, WHY_NO_UNIT);
		return;
	}
	switch (nd->op) {
	case VEIKART__OP_PHASE:
		if (phase < 0 || (size_t)phase >= env->nphases || env->phase_ids == NULL ||
		    env->phase_ids[phase] == NULL) {
			set_unknown(out, why, n, WHY_NO_PHASE);
			return;
		}
		out->type = VEIKART_TYPE_TEXT;
		out->u.text.ptr = env->phase_ids[phase];
		out->u.text.len = (uint32_t)strlen(env->phase_ids[phase]);
		why->node = n;
		why->code = WHY_VALUE;
		return;
	case VEIKART__OP_WAVE:
		if (u->wave <= 0) {
			set_unknown(out, why, n, WHY_NO_WAVE);
			return;
		}
		out->type = VEIKART_TYPE_INTEGER;
		out->u.i = u->wave;
		why->node = n;
		why->code = WHY_VALUE;
		return;
	case VEIKART__OP_UNIT_TYPE:
		if (u->type == NULL) {
			set_unknown(out, why, n, WHY_NO_TYPE);
			return;
		}
		out->type = VEIKART_TYPE_TEXT;
		out->u.text.ptr = u->type;
		out->u.text.len = (uint32_t)strlen(u->type);
		why->node = n;
		why->code = WHY_VALUE;
		return;
	case VEIKART__OP_EARLIER_WAVES:
		set_bool(out, why, n, WHY_EARLIER,
		         u->wave <= 0 || earlier_waves_reached(env, (int32_t)nd->b));
		return;
	default: /* in_phase, reached, initiative_reached */
		/* A unit that has not started is in no phase; the initiative always
		 * is in one, so not knowing it leaves the answer open. */
		if (phase < 0 && !(nd->flags & VEIKART__NODE_UNIT)) {
			set_unknown(out, why, n, WHY_NO_PHASE);
			return;
		}
		set_bool(out, why, n, WHY_PHASE,
		         nd->op == VEIKART__OP_IN_PHASE ? phase == (int32_t)nd->b
		                                        : phase >= (int32_t)nd->b);
		return;
	}
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
	case VEIKART__OP_COUNT:
	case VEIKART__OP_RATIO:
	case VEIKART__OP_SUM:
	case VEIKART__OP_MIN:
	case VEIKART__OP_MAX:
	case VEIKART__OP_MEAN:
		eval_rollup(e, n, env, out, why);
		break;
	case VEIKART__OP_PHASE:
	case VEIKART__OP_IN_PHASE:
	case VEIKART__OP_REACHED:
	case VEIKART__OP_WAVE:
	case VEIKART__OP_UNIT_TYPE:
	case VEIKART__OP_INITIATIVE_REACHED:
	case VEIKART__OP_EARLIER_WAVES:
		eval_unit(e, n, env, out, why);
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

static void put_operand(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                        uint32_t n, const veikart__value *v, const veikart__value *other);

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
		veikart__buf_cat(b, met ? " is " : " is not ", words[nd->cmp], " ", NULL);
	} else {
		put_text(b, e, nd->a);
		veikart__buf_puts(b, " is ");
		put_operand(b, e, env, nd->a, &va, &vb);
		veikart__buf_cat(b, met ? ", " : ", not ", words[nd->cmp], " ", NULL);
	}
	if (e->nodes[nd->b].op == VEIKART__OP_CONST) {
		put_value(b, e, nd->b, &vb);
	} else {
		put_text(b, e, nd->b);
		veikart__buf_puts(b, " (");
		put_operand(b, e, env, nd->b, &vb, &va);
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
		veikart__buf_cat(b, "fact `", id, v ? "` is recorded" : "` is not recorded", NULL);
		break;
	case VEIKART__OP_SIGNED:
		if (v != NULL)
			veikart__buf_cat(b, "`", id, "` signed by ", v->u.signoff->person, NULL);
		else
			veikart__buf_cat(b, "`", id, "` is not signed", NULL);
		break;
	default:
		if (v == NULL)
			veikart__buf_cat(b, "no evidence `", id, "` attached", NULL);
		else if (v->u.evidence->approved_by != NULL)
			veikart__buf_cat(b, "evidence `", id, "` attached, approved by ",
			                 v->u.evidence->approved_by, NULL);
		else if (nd->op == VEIKART__OP_APPROVED)
			veikart__buf_cat(b, "evidence `", id, "` attached but not approved", NULL);
		else
			veikart__buf_cat(b, "evidence `", id, "` attached", NULL);
		break;
	}
}

static void explain(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                    const veikart__why *why);

/* ------------------------------------------------------------------ */
/* Explaining units and roll-ups                                        */

/* Units named in a reason before "and N more". */
#define NAMED_UNITS 3

static const char *unit_name(const veikart__unit_view *u)
{
	return u->title != NULL ? u->title : u->id != NULL ? u->id : "a unit";
}

/* Whether a reason about node `nd` should name the unit at hand. */
static int at_hand(const veikart__node *nd, const veikart__eval_env *env)
{
	return (nd->flags & VEIKART__NODE_UNIT) && !(nd->flags & VEIKART__NODE_IN_ROLLUP) &&
	       env->unit != NULL;
}

/* Who a unit built-in is about: inside a roll-up the units are named
 * by the roll-up's reason, so the inner one says "the unit". */
static void put_subject(veikart__buf *b, const veikart__node *nd, const veikart__eval_env *env)
{
	if (!(nd->flags & VEIKART__NODE_UNIT))
		veikart__buf_puts(b, "the initiative");
	else if (nd->flags & VEIKART__NODE_IN_ROLLUP || env->unit == NULL)
		veikart__buf_puts(b, "the unit");
	else
		veikart__buf_puts(b, unit_name(env->unit));
}

static void put_phase(veikart__buf *b, const veikart__eval_env *env, int32_t phase)
{
	if (phase >= 0 && (size_t)phase < env->nphases && env->phase_ids != NULL &&
	    env->phase_ids[phase] != NULL)
		veikart__buf_cat(b, "`", env->phase_ids[phase], "`", NULL);
	else
		veikart__buf_printf(b, "phase #%d", (int)phase);
}

/* The phase a node names, from its literal. */
static void put_target(veikart__buf *b, const veikart__expr *e, const veikart__node *nd)
{
	const veikart__value *k = &e->nodes[nd->a].k;

	veikart__buf_putc(b, '`');
	veikart__buf_put(b, k->u.text.ptr, k->u.text.len);
	veikart__buf_putc(b, '`');
}

static void explain_phase(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                          uint32_t n)
{
	const veikart__node *nd = &e->nodes[n];
	int32_t phase = -1, target = (int32_t)nd->b;

	subject_phase(nd, env, &phase);
	put_subject(b, nd, env);
	if (phase < 0) {
		veikart__buf_puts(b, nd->op == VEIKART__OP_IN_PHASE
		                             ? " has not started, so it is not in "
		                             : " has not started, so it has not "
		                               "reached ");
	} else if (phase == target) {
		veikart__buf_puts(b, " is in ");
	} else if (nd->op == VEIKART__OP_IN_PHASE) {
		veikart__buf_puts(b, " is in ");
		put_phase(b, env, phase);
		veikart__buf_puts(b, ", not in ");
	} else if (phase > target) {
		veikart__buf_puts(b, " is in ");
		put_phase(b, env, phase);
		veikart__buf_puts(b, ", past ");
	} else {
		veikart__buf_puts(b, " is in ");
		put_phase(b, env, phase);
		veikart__buf_puts(b, " and has not reached ");
	}
	put_target(b, e, nd);
}

static void explain_earlier(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                            uint32_t n)
{
	const veikart__node *nd = &e->nodes[n];
	const veikart__unit_view *u = env->unit, *x;
	int32_t target = (int32_t)nd->b;
	size_t i, earlier = 0, blocked = 0;

	if (u->wave <= 0) {
		veikart__buf_printf(b, "%s has no wave, so no units come before it", unit_name(u));
		return;
	}
	for (i = 0; i < env->nunits; i++) {
		x = &env->units[i];
		if (x->wave <= 0 || x->wave >= u->wave)
			continue;
		earlier++;
		if (x->phase >= target)
			continue;
		if (blocked == 0) {
			veikart__buf_puts(b, "units of earlier waves have not reached ");
			put_target(b, e, nd);
			veikart__buf_puts(b, ": ");
		}
		if (++blocked > NAMED_UNITS)
			continue;
		if (blocked > 1)
			veikart__buf_puts(b, ", ");
		veikart__buf_printf(b, "%s (wave %d, ", unit_name(x), (int)x->wave);
		if (x->phase < 0) {
			veikart__buf_puts(b, "not started)");
		} else {
			veikart__buf_puts(b, "in ");
			put_phase(b, env, x->phase);
			veikart__buf_putc(b, ')');
		}
	}
	if (blocked > NAMED_UNITS)
		veikart__buf_printf(b, " and %zu more", blocked - NAMED_UNITS);
	if (blocked > 0)
		return;
	if (earlier == 0)
		veikart__buf_printf(b, "no unit is in a wave before wave %d", (int)u->wave);
	else if (earlier == 1)
		veikart__buf_puts(b, "the unit of an earlier wave has reached ");
	else
		veikart__buf_printf(b, "the %zu units of earlier waves have reached ", earlier);
	if (earlier > 0)
		put_target(b, e, nd);
}

/* Which units a roll-up's reason names. */
enum { UNKNOWN_FILTER, UNKNOWN_VALUE };

/* Whether unit `i` is one the reason names; its inner reason's `why` in *w. */
static int unit_is(const veikart__expr *e, const veikart__node *nd, veikart__eval_env *sub,
                   int which, veikart__why *w)
{
	veikart__value v;

	if (nd->b != VEIKART__NO_REF) {
		eval(e, nd->b, sub, &v, w);
		if (v.type == 0 || !v.u.b)
			return which == UNKNOWN_FILTER && v.type == 0;
	}
	if (which == UNKNOWN_FILTER || nd->a == VEIKART__NO_REF)
		return 0;
	eval(e, nd->a, sub, &v, w);
	return v.type == 0;
}

/*
 * "Site 4, Site 9, Site 17 and 2 more", each unit's own reason in
 * parentheses, or, when the named units share one, that once at the end.
 */
static void list_units(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                       uint32_t n, int which, size_t count, int reasons)
{
	const veikart__node *nd = &e->nodes[n];
	veikart__eval_env sub = *env;
	veikart__buf why[NAMED_UNITS];
	const char *names[NAMED_UNITS];
	size_t i, k = 0, named = count < NAMED_UNITS ? count : NAMED_UNITS;
	int same = 1;
	veikart__why w;

	for (i = 0; i < NAMED_UNITS; i++)
		veikart__buf_init(&why[i], b->alloc);
	for (i = 0; i < env->nunits && k < named; i++) {
		sub.unit = &env->units[i];
		if (!unit_is(e, nd, &sub, which, &w))
			continue;
		names[k] = unit_name(sub.unit);
		if (reasons)
			explain(&why[k], e, &sub, &w);
		if (why[k].failed)
			b->failed = 1;
		same = same && why[k].len == why[0].len &&
		       memcmp(veikart__buf_cstr(&why[k]), veikart__buf_cstr(&why[0]), why[0].len) ==
		               0;
		k++;
	}
	for (i = 0; i < k; i++) {
		veikart__buf_puts(b, i > 0 ? ", " : "");
		veikart__buf_puts(b, names[i]);
		if (!same && why[i].len > 0)
			veikart__buf_printf(b, " (%s)", veikart__buf_cstr(&why[i]));
	}
	if (count > k)
		veikart__buf_printf(b, " and %zu more", count - k);
	if (same && k > 0 && why[0].len > 0)
		veikart__buf_printf(b, " (%s)", veikart__buf_cstr(&why[0]));
	for (i = 0; i < NAMED_UNITS; i++)
		veikart__buf_dispose(&why[i]);
}

static void explain_rollup(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                           uint32_t n)
{
	const veikart__node *nd = &e->nodes[n];
	veikart__eval_env sub = *env;
	size_t i, included = 0, no_filter = 0, no_value = 0;
	veikart__value v;
	veikart__why w;

	for (i = 0; i < env->nunits; i++) {
		sub.unit = &env->units[i];
		if (nd->b != VEIKART__NO_REF) {
			eval(e, nd->b, &sub, &v, &w);
			no_filter += v.type == 0;
			if (v.type == 0 || !v.u.b)
				continue;
		}
		included++;
		if (nd->a != VEIKART__NO_REF) {
			eval(e, nd->a, &sub, &v, &w);
			no_value += v.type == 0;
		}
	}
	if (no_filter > 0) {
		veikart__buf_puts(b, "the filter ");
		put_text(b, e, nd->b);
		veikart__buf_printf(b, " is unknown for %zu unit%s: ", no_filter,
		                    no_filter == 1 ? "" : "s");
		list_units(b, e, env, n, UNKNOWN_FILTER, no_filter, 1);
	} else if (nd->a == VEIKART__NO_REF) {
		return; /* count() and ratio() are unknown only through their filter */
	} else if (e->nodes[nd->a].op == VEIKART__OP_FACT) {
		veikart__buf_printf(b, "%zu of %zu %sunit%s %s not recorded `%s`: ", no_value,
		                    included, nd->b != VEIKART__NO_REF ? "matching " : "",
		                    included == 1 ? "" : "s", no_value == 1 ? "has" : "have",
		                    fact_id(e, nd->a));
		list_units(b, e, env, n, UNKNOWN_VALUE, no_value, 0);
	} else {
		put_text(b, e, nd->a);
		veikart__buf_printf(b, " is unknown for %zu of %zu %sunit%s: ", no_value, included,
		                    nd->b != VEIKART__NO_REF ? "matching " : "",
		                    included == 1 ? "" : "s");
		list_units(b, e, env, n, UNKNOWN_VALUE, no_value, 1);
	}
}

static int is_rollup(uint8_t op)
{
	return op >= VEIKART__OP_COUNT && op <= VEIKART__OP_MEAN;
}

/*
 * A roll-up's number in a reason: to four significant digits where that
 * still reads the same against the other side ("is 0.8333, not ge 0.9"),
 * else in full; ratio() says how many units it counted.
 */
static void put_operand(veikart__buf *b, const veikart__expr *e, const veikart__eval_env *env,
                        uint32_t n, const veikart__value *v, const veikart__value *other)
{
	const veikart__node *nd = &e->nodes[n];
	veikart__value rounded = *v;
	char tmp[40];
	double x;

	if (!is_rollup(nd->op) ||
	    (v->type != VEIKART_TYPE_NUMBER && v->type != VEIKART_TYPE_RATIO)) {
		put_value(b, e, n, v);
		return;
	}
	veikart__format_number(tmp, sizeof(tmp), 4, 'g', v->u.n);
	if (veikart__parse_number(&x, tmp, strlen(tmp)) < 0)
		x = v->u.n;
	rounded.u.n = x;
	if (order_num(&rounded, other) != order_num(v, other))
		rounded = *v;
	put_value(b, e, n, &rounded);
	if (nd->op == VEIKART__OP_RATIO)
		veikart__buf_printf(b, " (%.0f of %zu unit%s)", v->u.n * (double)env->nunits,
		                    env->nunits, env->nunits == 1 ? "" : "s");
}

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
	int32_t phase = -1;
	veikart__value v;
	veikart__why w;

	switch (why->code) {
	case WHY_VALUE:
		if (nd->type != VEIKART_TYPE_BOOL)
			break; /* a plain result speaks for itself */
		eval(e, n, env, &v, &w);
		if (nd->op == VEIKART__OP_CONST)
			veikart__buf_puts(b, v.u.b ? "constant true" : "constant false");
		else
			veikart__buf_cat(b, "`", fact_id(e, n), v.u.b ? "` is true" : "` is false",
			                 NULL);
		if (nd->op == VEIKART__OP_FACT && at_hand(nd, env))
			veikart__buf_cat(b, " for ", unit_name(env->unit), NULL);
		break;
	case WHY_NOT_RECORDED:
		if ((nd->flags & VEIKART__NODE_UNIT) && env->unit == NULL)
			veikart__buf_printf(b,
			                    "fact `%s` is recorded per unit, and no rollout unit "
			                    "is at hand",
			                    fact_id(e, n));
		else
			veikart__buf_cat(b, "fact `", fact_id(e, n), "` is not recorded", NULL);
		if (at_hand(nd, env))
			veikart__buf_cat(b, " for ", unit_name(env->unit), NULL);
		break;
	case WHY_ROLLUP:
		explain_rollup(b, e, env, n);
		break;
	case WHY_NO_UNITS:
		put_text(b, e, n);
		veikart__buf_puts(b, env->nunits == 0 ? " is unknown: no units"
		                                      : " is unknown: no unit matches the filter");
		break;
	case WHY_NO_UNIT:
		put_text(b, e, n);
		veikart__buf_puts(b, " is unknown: no rollout unit is at hand");
		break;
	case WHY_NO_PHASE:
		subject_phase(nd, env, &phase);
		if (phase >= 0) {
			veikart__buf_puts(b, "the names of the phases are not known");
		} else if (nd->flags & VEIKART__NODE_UNIT) {
			put_subject(b, nd, env);
			veikart__buf_puts(b, " has not started");
		} else {
			veikart__buf_puts(b, "the initiative's phase is not known");
		}
		break;
	case WHY_NO_WAVE:
		put_subject(b, nd, env);
		veikart__buf_puts(b, " has no wave");
		break;
	case WHY_NO_TYPE:
		put_subject(b, nd, env);
		veikart__buf_puts(b, " has no unit type");
		break;
	case WHY_PHASE:
		explain_phase(b, e, env, n);
		break;
	case WHY_EARLIER:
		explain_earlier(b, e, env, n);
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

int veikart__expr_is_plain(const veikart__expr *e)
{
	uint32_t i;

	for (i = 0; i < e->nnodes; i++)
		if (e->nodes[i].op > VEIKART__OP_SIGNED || (e->nodes[i].flags & VEIKART__NODE_UNIT))
			return 0;
	for (i = 0; i < e->nfacts; i++) {
		if (e->facts[i].scope == VEIKART_SCOPE_UNIT)
			return 0;
		switch (e->facts[i].type) {
		case VEIKART_TYPE_BOOL:
		case VEIKART_TYPE_INTEGER:
		case VEIKART_TYPE_NUMBER:
		case VEIKART_TYPE_RATIO:
		case VEIKART_TYPE_DATE:
		case VEIKART_TYPE_DURATION:
		case VEIKART_TYPE_SCALE:
			break;
		default:
			return 0;
		}
	}
	return 1;
}
