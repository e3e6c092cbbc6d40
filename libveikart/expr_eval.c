/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Evaluating a compiled expression, three-valued (Kleene).  Evaluation is
 * a walk over the flat node array that never allocates or formats: it
 * records only which node decided (veikart__why), for expr_explain.c to
 * put into words.  A roll-up walks env->units, each in turn the unit at
 * hand.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_impl.h"

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

int veikart__order_num(const veikart__value *a, const veikart__value *b)
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
const veikart__value *veikart__fact_value(const veikart__eval_env *env, const veikart__node *fact)
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
		return veikart__order_num(x, m) == 0;
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

/* Both operands of a binary node; 0 (and `out` unknown) when one is not known. */
static int operands(const veikart__expr *e, const veikart__node *nd, const veikart__eval_env *env,
                    veikart__value *a, veikart__value *b, veikart__value *out, veikart__why *why)
{
	veikart__eval_node(e, nd->a, env, a, why);
	if (a->type != 0)
		veikart__eval_node(e, nd->b, env, b, why);
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
		veikart__eval_node(e, e->kids[nd->a + i], env, &v, &w);
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
	set_bool(out, why, n, VEIKART__WHY_ALL, !deciding);
}

static void eval_in(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                    veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	const uint32_t *kids = e->kids + nd->a;
	int found = 0, undecided = 0, r;
	veikart__value x;
	uint32_t i;

	veikart__eval_node(e, kids[0], env, &x, why);
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
		set_unknown(out, why, n, VEIKART__WHY_SPECIAL);
	else
		set_bool(out, why, n, VEIKART__WHY_COMPARED,
		         found != !!(nd->flags & VEIKART__NODE_NEGATED));
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
		c = veikart__order_num(&a, &b);
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
				set_unknown(out, why, n, VEIKART__WHY_SPECIAL);
				return;
			}
			c = a.u.level != b.u.level;
		} else {
			c = order_int(a.u.level, b.u.level);
		}
		break;
	}
	set_bool(out, why, n, VEIKART__WHY_COMPARED, holds(nd->cmp, c));
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
			set_unknown(out, why, n, VEIKART__WHY_DIVZERO);
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
		set_unknown(out, why, n, VEIKART__WHY_OVERFLOW);
}

static void eval_time(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                      veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	veikart__value d;
	int64_t diff;
	int32_t today;

	if (nd->op == VEIKART__OP_DAYS_SINCE) {
		veikart__eval_node(e, nd->a, env, &d, why);
		if (d.type == 0) {
			out->type = 0;
			return;
		}
	}
	if (env->now == VEIKART_TIME_UNKNOWN) {
		set_unknown(out, why, n, VEIKART__WHY_NO_NOW);
		return;
	}
	today = veikart__days_from_time(env->now);
	if (nd->op == VEIKART__OP_TODAY) {
		if (!set_days(out, VEIKART_TYPE_DATE, today))
			set_unknown(out, why, n, VEIKART__WHY_OVERFLOW);
		return;
	}
	if (nd->op == VEIKART__OP_DAYS_SINCE) {
		if (!set_days(out, VEIKART_TYPE_DURATION, (int64_t)today - d.u.days))
			set_unknown(out, why, n, VEIKART__WHY_OVERFLOW);
		return;
	}
	if (env->phase_entered == VEIKART_TIME_UNKNOWN) {
		set_unknown(out, why, n, VEIKART__WHY_NO_ENTERED);
		return;
	}
	/* Whole days elapsed, rounded down, also when the clock is behind. */
	if (!sub_ok(env->now, env->phase_entered, &diff) ||
	    !set_days(out, VEIKART_TYPE_DURATION,
	              diff / VEIKART__DAY_SECONDS - (diff % VEIKART__DAY_SECONDS < 0)))
		set_unknown(out, why, n, VEIKART__WHY_OVERFLOW);
}

static void eval_builtin(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                         veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	const veikart__value *v = veikart__fact_value(env, &e->nodes[nd->a]);
	int b;

	switch (nd->op) {
	case VEIKART__OP_APPROVED:
		b = v != NULL && v->u.evidence->approved_by != NULL;
		break;
	default: /* defined, has_evidence, signed: recorded or not */
		b = v != NULL;
		break;
	}
	set_bool(out, why, n, VEIKART__WHY_BUILTIN, b);
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
	why->code = VEIKART__WHY_VALUE;
	if (nd->op == VEIKART__OP_COUNT) {
		out->type = VEIKART_TYPE_INTEGER;
		out->u.i = (int64_t)t->included;
		return;
	}
	if (nd->op == VEIKART__OP_RATIO ? env->nunits == 0
	                                : nd->op != VEIKART__OP_SUM && t->included == 0) {
		set_unknown(out, why, n, VEIKART__WHY_NO_UNITS);
		return;
	}
	if (t->overflow) {
		set_unknown(out, why, n, VEIKART__WHY_OVERFLOW);
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
		set_unknown(out, why, n, VEIKART__WHY_OVERFLOW);
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
			veikart__eval_node(e, nd->b, &sub, &v, &w);
			if (v.type == 0) {
				set_unknown(out, why, n, VEIKART__WHY_ROLLUP);
				return;
			}
			if (!v.u.b)
				continue;
		}
		t.included++;
		if (nd->a == VEIKART__NO_REF)
			continue;
		veikart__eval_node(e, nd->a, &sub, &v, &w);
		if (v.type == 0) {
			set_unknown(out, why, n, VEIKART__WHY_ROLLUP);
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
int veikart__subject_phase(const veikart__node *nd, const veikart__eval_env *env, int32_t *phase)
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

	if (!veikart__subject_phase(nd, env, &phase)) {
		set_unknown(out, why, n, VEIKART__WHY_NO_UNIT);
		return;
	}
	switch (nd->op) {
	case VEIKART__OP_PHASE:
		if (phase < 0 || (size_t)phase >= env->nphases || env->phase_ids == NULL ||
		    env->phase_ids[phase] == NULL) {
			set_unknown(out, why, n, VEIKART__WHY_NO_PHASE);
			return;
		}
		out->type = VEIKART_TYPE_TEXT;
		out->u.text.ptr = env->phase_ids[phase];
		out->u.text.len = (uint32_t)strlen(env->phase_ids[phase]);
		why->node = n;
		why->code = VEIKART__WHY_VALUE;
		return;
	case VEIKART__OP_WAVE:
		if (u->wave <= 0) {
			set_unknown(out, why, n, VEIKART__WHY_NO_WAVE);
			return;
		}
		out->type = VEIKART_TYPE_INTEGER;
		out->u.i = u->wave;
		why->node = n;
		why->code = VEIKART__WHY_VALUE;
		return;
	case VEIKART__OP_UNIT_TYPE:
		if (u->type == NULL) {
			set_unknown(out, why, n, VEIKART__WHY_NO_TYPE);
			return;
		}
		out->type = VEIKART_TYPE_TEXT;
		out->u.text.ptr = u->type;
		out->u.text.len = (uint32_t)strlen(u->type);
		why->node = n;
		why->code = VEIKART__WHY_VALUE;
		return;
	case VEIKART__OP_EARLIER_WAVES:
		set_bool(out, why, n, VEIKART__WHY_EARLIER,
		         u->wave <= 0 || earlier_waves_reached(env, (int32_t)nd->b));
		return;
	default: /* in_phase, reached, initiative_reached */
		/* A unit that has not started is in no phase; the initiative always
		 * is in one, so not knowing it leaves the answer open. */
		if (phase < 0 && !(nd->flags & VEIKART__NODE_UNIT)) {
			set_unknown(out, why, n, VEIKART__WHY_NO_PHASE);
			return;
		}
		set_bool(out, why, n, VEIKART__WHY_PHASE,
		         nd->op == VEIKART__OP_IN_PHASE ? phase == (int32_t)nd->b
		                                        : phase >= (int32_t)nd->b);
		return;
	}
}

void veikart__eval_node(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                        veikart__value *out, veikart__why *why)
{
	const veikart__node *nd = &e->nodes[n];
	const veikart__value *v;

	switch (nd->op) {
	case VEIKART__OP_CONST:
		*out = nd->k;
		why->node = n;
		why->code = VEIKART__WHY_VALUE;
		break;
	case VEIKART__OP_FACT:
		v = veikart__fact_value(env, nd);
		if (v == NULL) {
			set_unknown(out, why, n, VEIKART__WHY_NOT_RECORDED);
			break;
		}
		*out = *v;
		why->node = n;
		why->code = VEIKART__WHY_VALUE;
		break;
	case VEIKART__OP_NEG_INT:
	case VEIKART__OP_NEG_NUM:
	case VEIKART__OP_NEG_DAYS:
		veikart__eval_node(e, nd->a, env, out, why);
		if (out->type == 0)
			break;
		if (nd->op == VEIKART__OP_NEG_NUM) {
			out->u.n = -num(out);
			out->type = VEIKART_TYPE_NUMBER;
		} else if (nd->op == VEIKART__OP_NEG_DAYS) {
			out->u.days = -out->u.days; /* set_days() keeps INT32_MIN out */
		} else if (out->u.i == INT64_MIN) {
			set_unknown(out, why, n, VEIKART__WHY_OVERFLOW);
		} else {
			out->u.i = -out->u.i;
		}
		break;
	case VEIKART__OP_NOT:
		veikart__eval_node(e, nd->a, env, out, why);
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

	veikart__eval_node(expr, expr->root, env, &v, why != NULL ? why : &ignored);
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
	veikart__eval_node(expr, expr->root, env, out, why);
	if (out->type != 0 && out->type != VEIKART_TYPE_BOOL) {
		why->node = expr->root;
		why->code = VEIKART__WHY_VALUE;
	}
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
