/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Explaining an evaluated expression in words: from the node that decided
 * (veikart__why), quote the values and comparisons that made the result,
 * and for a roll-up that is unknown name the units it missed.  Explaining
 * evaluates again (expr_eval.c) the parts it needs to quote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr_impl.h"

/* ------------------------------------------------------------------ */
/* Units and roll-ups                                                   */

/* Which units a roll-up's reason names. */
enum { UNKNOWN_FILTER, UNKNOWN_VALUE };

/* Whether unit `i` is one the reason names; its inner reason's `why` in *w. */
static int unit_is(const veikart__expr *e, const veikart__node *nd, veikart__eval_env *sub,
                   int which, veikart__why *w)
{
	veikart__value v;

	if (nd->b != VEIKART__NO_REF) {
		veikart__eval_node(e, nd->b, sub, &v, w);
		if (v.type == 0 || !v.u.b)
			return which == UNKNOWN_FILTER && v.type == 0;
	}
	if (which == UNKNOWN_FILTER || nd->a == VEIKART__NO_REF)
		return 0;
	veikart__eval_node(e, nd->a, sub, &v, w);
	return v.type == 0;
}

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

	veikart__eval_node(e, nd->a, env, &va, &w);
	veikart__eval_node(e, nd->b, env, &vb, &w);
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

	veikart__eval_node(e, e->kids[nd->a], env, &x, &w);
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

	veikart__eval_node(e, side, env, &v, &w);
	if (nd->op != VEIKART__OP_IN && v.u.level >= 0) {
		side = nd->b;
		veikart__eval_node(e, side, env, &v, &w);
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
	const veikart__value *v = veikart__fact_value(env, &e->nodes[nd->a]);
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

	veikart__subject_phase(nd, env, &phase);
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
			veikart__eval_node(e, nd->b, &sub, &v, &w);
			no_filter += v.type == 0;
			if (v.type == 0 || !v.u.b)
				continue;
		}
		included++;
		if (nd->a != VEIKART__NO_REF) {
			veikart__eval_node(e, nd->a, &sub, &v, &w);
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
	if (veikart__order_num(&rounded, other) != veikart__order_num(v, other))
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
		veikart__eval_node(e, e->kids[nd->a + i], env, &v, &w);
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
	case VEIKART__WHY_VALUE:
		if (nd->type != VEIKART_TYPE_BOOL)
			break; /* a plain result speaks for itself */
		veikart__eval_node(e, n, env, &v, &w);
		if (nd->op == VEIKART__OP_CONST)
			veikart__buf_puts(b, v.u.b ? "constant true" : "constant false");
		else
			veikart__buf_cat(b, "`", fact_id(e, n), v.u.b ? "` is true" : "` is false",
			                 NULL);
		if (nd->op == VEIKART__OP_FACT && at_hand(nd, env))
			veikart__buf_cat(b, " for ", unit_name(env->unit), NULL);
		break;
	case VEIKART__WHY_NOT_RECORDED:
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
	case VEIKART__WHY_ROLLUP:
		explain_rollup(b, e, env, n);
		break;
	case VEIKART__WHY_NO_UNITS:
		put_text(b, e, n);
		veikart__buf_puts(b, env->nunits == 0 ? " is unknown: no units"
		                                      : " is unknown: no unit matches the filter");
		break;
	case VEIKART__WHY_NO_UNIT:
		put_text(b, e, n);
		veikart__buf_puts(b, " is unknown: no rollout unit is at hand");
		break;
	case VEIKART__WHY_NO_PHASE:
		veikart__subject_phase(nd, env, &phase);
		if (phase >= 0) {
			veikart__buf_puts(b, "the names of the phases are not known");
		} else if (nd->flags & VEIKART__NODE_UNIT) {
			put_subject(b, nd, env);
			veikart__buf_puts(b, " has not started");
		} else {
			veikart__buf_puts(b, "the initiative's phase is not known");
		}
		break;
	case VEIKART__WHY_NO_WAVE:
		put_subject(b, nd, env);
		veikart__buf_puts(b, " has no wave");
		break;
	case VEIKART__WHY_NO_TYPE:
		put_subject(b, nd, env);
		veikart__buf_puts(b, " has no unit type");
		break;
	case VEIKART__WHY_PHASE:
		explain_phase(b, e, env, n);
		break;
	case VEIKART__WHY_EARLIER:
		explain_earlier(b, e, env, n);
		break;
	case VEIKART__WHY_NO_NOW:
		if (nd->op == VEIKART__OP_DAYS_IN_PHASE) {
			veikart__buf_puts(b, "days in phase not known (no time given)");
		} else if (nd->op == VEIKART__OP_TODAY) {
			veikart__buf_puts(b, "today's date not known (no time given)");
		} else {
			put_text(b, e, n);
			veikart__buf_puts(b, " not known (no time given)");
		}
		break;
	case VEIKART__WHY_NO_ENTERED:
		veikart__buf_puts(b, "days in phase not known (phase entry time not given)");
		break;
	case VEIKART__WHY_OVERFLOW:
		explain_overflow(b, e, n);
		break;
	case VEIKART__WHY_DIVZERO:
		veikart__buf_puts(b, "division by zero in ");
		put_text(b, e, n);
		break;
	case VEIKART__WHY_SPECIAL:
		explain_special(b, e, env, n);
		break;
	case VEIKART__WHY_COMPARED:
		veikart__eval_node(e, n, env, &v, &w);
		if (nd->op == VEIKART__OP_IN)
			explain_in(b, e, env, n, v.u.b);
		else
			explain_compare(b, e, env, n, v.u.b);
		break;
	case VEIKART__WHY_ALL:
		explain_all(b, e, env, n);
		break;
	case VEIKART__WHY_BUILTIN:
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
