/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The checks the expression compiler runs as each node is built: the
 * types of comparisons and arithmetic (with scale literals turned into
 * ratings and hints for near misses), where a built-in may stand, its
 * arguments, phase names, and what a roll-up takes.  Every refusal says
 * where in the expression and what would be right.
 */
#include <stdio.h>
#include <string.h>

#include "expr_compile.h"

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
int veikart__check_to_scale(veikart__parser *p, uint32_t lit, uint32_t other)
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
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, nd->src_off,
		        "`%.*s` is not a level of scale `%s`, which `%.*s` is rated on (%s)",
		        VEIKART__NODE_TEXT(p, lit), ref->scale.id, VEIKART__NODE_TEXT(p, other),
		        codes);
	return veikart__parse_fail(p, VEIKART_EFORMAT, nd->src_off,
	                           "`%.*s` is not a level of `%.*s` (%s)",
	                           VEIKART__NODE_TEXT(p, lit), VEIKART__NODE_TEXT(p, other), codes);
}

int veikart__check_is_const(const veikart__parser *p, uint32_t n, unsigned int type)
{
	return p->nodes[n].op == VEIKART__OP_CONST && p->nodes[n].type == type;
}

static int is_special_const(const veikart__parser *p, uint32_t n)
{
	return p->nodes[n].op == VEIKART__OP_CONST && p->nodes[n].type == VEIKART_TYPE_SCALE &&
	       p->nodes[n].k.u.level < 0;
}

int veikart__check_not_comparable(veikart__parser *p, uint32_t n)
{
	const char *id = p->nodes[n].op == VEIKART__OP_FACT ? p->facts[p->nodes[n].ref].id : "x";

	if (p->nodes[n].type == VEIKART_TYPE_EVIDENCE)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[n].src_off,
		        "evidence cannot be compared: use `has_evidence(%s)` or `approved(%s)`", id,
		        id);
	return veikart__parse_fail(p, VEIKART_EFORMAT, p->nodes[n].src_off,
	                           "sign-offs cannot be compared: use `signed(%s)`", id);
}

int veikart__check_is_document(unsigned int type)
{
	return type == VEIKART_TYPE_EVIDENCE || type == VEIKART_TYPE_SIGNOFF;
}

/* A hint for a plain number where days were meant. */
void veikart__check_days_hint(veikart__parser *p, uint32_t n, char *hint, size_t size)
{
	if (veikart__check_is_const(p, n, VEIKART_TYPE_INTEGER))
		snprintf(hint, size, ": write `%lldd` for days", (long long)p->nodes[n].k.u.i);
}

/* `verb` is "compare", or the arithmetic symbol ("+"). */
static int mismatch(veikart__parser *p, const char *verb, uint32_t l, uint32_t r, size_t offset)
{
	unsigned int tl = p->nodes[l].type, tr = p->nodes[r].type;
	int compare = strcmp(verb, "compare") == 0;
	int shift = strcmp(verb, "+") == 0 || strcmp(verb, "-") == 0;
	char hint[96] = "";

	/* Days written without `d`: compared with or added to a duration or date. */
	if ((compare || shift) && veikart__expr_is_numeric(tr) &&
	    (tl == VEIKART_TYPE_DURATION || (shift && tl == VEIKART_TYPE_DATE)))
		veikart__check_days_hint(p, r, hint, sizeof(hint));
	else if ((compare || shift) && veikart__expr_is_numeric(tl) &&
	         (tr == VEIKART_TYPE_DURATION || (shift && tr == VEIKART_TYPE_DATE)))
		veikart__check_days_hint(p, l, hint, sizeof(hint));
	else if ((tl == VEIKART_TYPE_DATE && veikart__check_is_const(p, r, VEIKART_TYPE_TEXT)) ||
	         (tr == VEIKART_TYPE_DATE && veikart__check_is_const(p, l, VEIKART_TYPE_TEXT)))
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
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, offset, "cannot compare %s with %s%s",
		        veikart__expr_type_name(tl), veikart__expr_type_name(tr), hint);
	return veikart__parse_fail(p, VEIKART_EFORMAT, offset, "cannot apply `%s` to %s and %s%s",
	                           verb, veikart__expr_type_name(tl), veikart__expr_type_name(tr),
	                           hint);
}

int veikart__check_compare(veikart__parser *p, uint8_t cmp, uint32_t l, uint32_t r, size_t offset,
                           uint8_t *op)
{
	unsigned int tl = p->nodes[l].type, tr = p->nodes[r].type;
	int ordering = cmp != VEIKART__CMP_EQ && cmp != VEIKART__CMP_NE;
	int err;

	if (veikart__check_is_document(tl))
		return veikart__check_not_comparable(p, l);
	if (veikart__check_is_document(tr))
		return veikart__check_not_comparable(p, r);
	if (tl == VEIKART_TYPE_SCALE && veikart__check_is_const(p, r, VEIKART_TYPE_TEXT)) {
		err = veikart__check_to_scale(p, r, l);
		if (err < 0)
			return err;
		tr = VEIKART_TYPE_SCALE;
	} else if (tr == VEIKART_TYPE_SCALE && veikart__check_is_const(p, l, VEIKART_TYPE_TEXT)) {
		err = veikart__check_to_scale(p, l, r);
		if (err < 0)
			return err;
		tl = VEIKART_TYPE_SCALE;
	}
	if (veikart__expr_is_numeric(tl) && veikart__expr_is_numeric(tr)) {
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
			return veikart__parse_fail(p, VEIKART_EFORMAT, offset,
			                           "%s can only be compared with eq or ne, not %s",
			                           tl == VEIKART_TYPE_TEXT ? "text"
			                                                   : "true or false",
			                           veikart__cmp_words[cmp]);
		if (tl == VEIKART_TYPE_TEXT) {
			err = veikart__check_phase_literal(p, l, r);
			if (err == 0)
				err = veikart__check_phase_literal(p, r, l);
			if (err < 0)
				return err;
		}
		*op = tl == VEIKART_TYPE_TEXT ? VEIKART__OP_CMP_TEXT : VEIKART__OP_CMP_BOOL;
		return 0;
	case VEIKART_TYPE_SCALE:
		if (!same_scale(&p->facts[p->nodes[l].ref].scale, &p->facts[p->nodes[r].ref].scale))
			return veikart__parse_fail(
			        p, VEIKART_EFORMAT, offset,
			        "cannot compare ratings on different scales: `%.*s` and `%.*s`",
			        VEIKART__NODE_TEXT(p, l), VEIKART__NODE_TEXT(p, r));
		if (ordering && (is_special_const(p, l) || is_special_const(p, r))) {
			uint32_t s = is_special_const(p, l) ? l : r;

			return veikart__parse_fail(
			        p, VEIKART_EFORMAT, p->nodes[s].src_off,
			        "`%.*s` is a special value without a rank: only eq and ne can "
			        "compare with it",
			        VEIKART__NODE_TEXT(p, s));
		}
		*op = VEIKART__OP_CMP_SCALE;
		return 0;
	default:
		return mismatch(p, "compare", l, r, offset);
	}
}

/* Operation and result type of `l OP r` for + - * /. */
int veikart__check_arith(veikart__parser *p, veikart__tok kind, uint32_t l, uint32_t r,
                         size_t offset, uint8_t *op, uint8_t *type)
{
	static const char *const symbols[] = { "+", "-", "*", "/" };
	unsigned int tl = p->nodes[l].type, tr = p->nodes[r].type;
	int k = kind == T_PLUS ? 0 : kind == T_MINUS ? 1 : kind == T_STAR ? 2 : 3;
	int ints = tl == VEIKART_TYPE_INTEGER && tr == VEIKART_TYPE_INTEGER;
	int date_l = tl == VEIKART_TYPE_DATE, date_r = tr == VEIKART_TYPE_DATE;
	int dur_l = tl == VEIKART_TYPE_DURATION, dur_r = tr == VEIKART_TYPE_DURATION;

	if (veikart__expr_is_numeric(tl) && veikart__expr_is_numeric(tr)) {
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
	if (k == 2 && (dur_l || dur_r) && veikart__expr_is_numeric(dur_l ? tr : tl))
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, offset,
		        "cannot multiply a duration by %s: durations are whole days, so "
		        "multiply by an integer",
		        veikart__expr_a_type(dur_l ? tr : tl));
	return mismatch(p, symbols[k], l, r, offset);
}

int veikart__check_want_bool(veikart__parser *p, uint32_t n, const char *what)
{
	if (p->nodes[n].type == VEIKART_TYPE_BOOL)
		return 0;
	return veikart__parse_fail(
	        p, VEIKART_EFORMAT, p->nodes[n].src_off, "%s needs true or false, but `%.*s` is %s",
	        what, VEIKART__NODE_TEXT(p, n), veikart__expr_a_type(p->nodes[n].type));
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

int veikart__check_unknown_function(veikart__parser *p, const veikart__token *name)
{
	const char *s = p->src + name->off;
	char list[320];
	size_t i, n = 0, best = 0, quoted;
	unsigned int d, best_d = 99;

	for (i = 0; i < veikart__nbuiltins; i++) {
		d = distance(s, name->len, veikart__builtins[i].name,
		             strlen(veikart__builtins[i].name));
		if (d < best_d) {
			best_d = d;
			best = i;
		}
	}
	if (best_d <= 2 && best_d < name->len)
		return veikart__parse_fail(p, VEIKART_EFORMAT, name->off,
		                           "unknown function `%.*s`: did you mean `%s()`?",
		                           VEIKART__TOKEN_TEXT(p, name),
		                           veikart__builtins[best].name);
	list[0] = '\0';
	for (i = 0; i < veikart__nbuiltins && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s",
		                      i == 0                        ? ""
		                      : i + 1 == veikart__nbuiltins ? " and "
		                                                    : ", ",
		                      veikart__builtins[i].name);
	/* A long name is cut so that the whole list fits in the message. */
	quoted = name->len > 16 ? 16 : name->len;
	while (quoted < name->len && quoted > 0 && ((unsigned char)s[quoted] & 0xC0) == 0x80)
		quoted--;
	return veikart__parse_fail(p, VEIKART_EFORMAT, name->off,
	                           "unknown function `%.*s`; the functions are %s", (int)quoted, s,
	                           list);
}

/* Whether a built-in may stand here, before its arguments are read. */
int veikart__check_where(veikart__parser *p, const struct veikart__builtin *b,
                         const veikart__token *name)
{
	int unit_context = p->decls->context == VEIKART__CONTEXT_UNIT;

	switch (b->where) {
	case VEIKART__AT_ROLLUP:
		if (p->rollup != NULL)
			return veikart__parse_fail(
			        p, VEIKART_EFORMAT, name->off,
			        "roll-ups cannot be nested: `%s()` is inside `%.*s()`", b->name,
			        VEIKART__TOKEN_TEXT(p, p->rollup));
		return 0;
	case VEIKART__AT_UNIT:
		if (p->rollup == NULL && !unit_context)
			return veikart__parse_fail(
			        p, VEIKART_EFORMAT, name->off,
			        "`%s()` is about a rollout unit: use it inside a roll-up such as "
			        "%s, or in a gate of a unit phase",
			        b->name,
			        b->op == VEIKART__OP_WAVE ? "count(wave() eq 1)"
			                                  : "count(unit_type() eq 'site')");
		return 0;
	case VEIKART__AT_UNIT_TOP:
		if (p->rollup != NULL)
			return veikart__parse_fail(
			        p, VEIKART_EFORMAT, name->off,
			        "`%s()` compares the unit at hand with the units of earlier "
			        "waves, so it cannot stand inside a roll-up",
			        b->name);
		if (!unit_context)
			return veikart__parse_fail(
			        p, VEIKART_EFORMAT, name->off,
			        "`%s()` is about a rollout unit: use it in a gate or skip-if of "
			        "a unit phase",
			        b->name);
		return 0;
	default:
		return 0;
	}
}

static const char *arg_words(const struct veikart__builtin *b)
{
	switch (b->arg) {
	case VEIKART__ARG_DATE:
		return "a date";
	case VEIKART__ARG_FACT:
		return "a fact name";
	case VEIKART__ARG_EVIDENCE:
		return "an evidence fact";
	case VEIKART__ARG_SIGNOFF:
		return "a sign-off fact";
	case VEIKART__ARG_PHASE:
		return "a phase id in quotes";
	case VEIKART__ARG_FILTER:
		return "a condition";
	default:
		return "a value, then a condition";
	}
}

int veikart__check_arity(veikart__parser *p, const struct veikart__builtin *b,
                         const veikart__token *name, uint32_t nargs)
{
	const char *were = nargs == 1 ? "was" : "were";

	if (nargs >= b->min_args && nargs <= b->max_args)
		return 0;
	if (b->max_args == 0)
		return veikart__parse_fail(p, VEIKART_EFORMAT, name->off,
		                           "`%s()` takes no arguments, but %u %s given", b->name,
		                           nargs, were);
	if (b->min_args == b->max_args)
		return veikart__parse_fail(p, VEIKART_EFORMAT, name->off,
		                           "`%s()` takes 1 argument (%s), but %u %s given", b->name,
		                           arg_words(b), nargs, were);
	if (b->min_args == 0)
		return veikart__parse_fail(p, VEIKART_EFORMAT, name->off,
		                           "`%s()` takes at most 1 argument (%s), but %u %s given",
		                           b->name, arg_words(b), nargs, were);
	return veikart__parse_fail(p, VEIKART_EFORMAT, name->off,
	                           "`%s()` takes 1 or 2 arguments (%s), but %u %s given", b->name,
	                           arg_words(b), nargs, were);
}

/* The index of the phase a string literal names. */
int veikart__check_phase_of(veikart__parser *p, uint32_t lit, int *index)
{
	const veikart__node *nd = &p->nodes[lit];

	if (p->decls->phase_lookup == NULL)
		return veikart__parse_fail(p, VEIKART_EFORMAT, nd->src_off,
		                           "phases are not known here, so `%.*s` cannot name one",
		                           VEIKART__NODE_TEXT(p, lit));
	*index = p->decls->phase_lookup(nd->k.u.text.ptr, nd->k.u.text.len, p->decls->payload);
	if (*index < 0)
		return veikart__parse_fail(p, VEIKART_EFORMAT, nd->src_off,
		                           "`%.*s` is not a phase of the methodology",
		                           VEIKART__NODE_TEXT(p, lit));
	return 0;
}

/*
 * A phase named for what never walks it can never be met: a unit is never
 * in an initiative phase, nor the initiative in a unit phase.  `unit` says
 * whether the built-in is about a unit.
 */
int veikart__check_phase_scope(veikart__parser *p, const struct veikart__builtin *b, uint32_t lit,
                               int index, int unit)
{
	int per_unit;

	if (p->decls->phase_scope == NULL)
		return 0;
	per_unit = p->decls->phase_scope(index, p->decls->payload);
	if (b->op == VEIKART__OP_INITIATIVE_REACHED && per_unit)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[lit].src_off,
		        "`%.*s` is walked by each rollout unit, never by the initiative: "
		        "`initiative_reached()` takes a phase of the initiative",
		        VEIKART__NODE_TEXT(p, lit));
	if (b->op == VEIKART__OP_EARLIER_WAVES && !per_unit)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[lit].src_off,
		        "`%.*s` is a phase of the initiative, which units never walk: "
		        "`earlier_waves_reached()` takes a unit phase",
		        VEIKART__NODE_TEXT(p, lit));
	if (b->op != VEIKART__OP_IN_PHASE && b->op != VEIKART__OP_REACHED)
		return 0;
	if (unit && !per_unit)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[lit].src_off,
		        "`%.*s` is a phase of the initiative, which a unit never walks: for the "
		        "initiative's phase write `initiative_reached(%.*s)`",
		        VEIKART__NODE_TEXT(p, lit), VEIKART__NODE_TEXT(p, lit));
	if (!unit && per_unit)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[lit].src_off,
		        "`%.*s` is walked by each rollout unit, never by the initiative: count "
		        "the units, such as `count(%s(%.*s))`",
		        VEIKART__NODE_TEXT(p, lit), b->name, VEIKART__NODE_TEXT(p, lit));
	return 0;
}

/* `phase() eq 'lve'` can never hold: check the literal when phases are known. */
int veikart__check_phase_literal(veikart__parser *p, uint32_t x, uint32_t lit)
{
	int index;

	if (p->nodes[x].op != VEIKART__OP_PHASE ||
	    !veikart__check_is_const(p, lit, VEIKART_TYPE_TEXT) || p->decls->phase_lookup == NULL)
		return 0;
	return veikart__check_phase_of(p, lit, &index);
}

/* What the arguments of a roll-up must be; sets the result type. */
int veikart__check_rollup(veikart__parser *p, const struct veikart__builtin *b, uint32_t value,
                          uint32_t filter, uint8_t *type)
{
	unsigned int t;
	int ok;

	if (filter != VEIKART__NO_REF && p->nodes[filter].type != VEIKART_TYPE_BOOL)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[filter].src_off,
		        "the filter of `%s()` must be true or false, but `%.*s` is %s%s", b->name,
		        VEIKART__NODE_TEXT(p, filter), veikart__expr_a_type(p->nodes[filter].type),
		        b->arg == VEIKART__ARG_FILTER &&
		                        veikart__expr_is_numeric(p->nodes[filter].type)
		                ? ": to add up values, use sum()"
		                : "");
	if (value == VEIKART__NO_REF)
		return 0;
	t = p->nodes[value].type;
	ok = veikart__expr_is_numeric(t) ||
	     (t == VEIKART_TYPE_DURATION && b->op != VEIKART__OP_MEAN) ||
	     (t == VEIKART_TYPE_DATE && (b->op == VEIKART__OP_MIN || b->op == VEIKART__OP_MAX));
	if (!ok)
		return veikart__parse_fail(
		        p, VEIKART_EFORMAT, p->nodes[value].src_off,
		        "`%s()` takes %s, but `%.*s` is %s%s", b->name,
		        b->op == VEIKART__OP_MEAN  ? "numbers"
		        : b->op == VEIKART__OP_SUM ? "numbers or durations"
		                                   : "numbers, durations or dates",
		        VEIKART__NODE_TEXT(p, value), veikart__expr_a_type(t),
		        t == VEIKART_TYPE_BOOL ? ": to count the units where it holds, use count()"
		                               : "");
	if (b->type != 0)
		*type = b->type;
	else if (b->op == VEIKART__OP_SUM && t == VEIKART_TYPE_RATIO)
		*type = VEIKART_TYPE_NUMBER; /* a sum of shares is not a share */
	else
		*type = (uint8_t)t;
	return 0;
}

/* How to use a unit-scope fact where a unit is needed, by its type. */
void veikart__check_rollup_example(char *out, size_t size, const veikart__fact_ref *ref)
{
	if (ref->type == VEIKART_TYPE_BOOL)
		snprintf(out, size, "count(%s)", ref->id);
	else if (veikart__expr_is_numeric(ref->type))
		snprintf(out, size, "mean(%s)", ref->id);
	else if (ref->type == VEIKART_TYPE_DATE || ref->type == VEIKART_TYPE_DURATION)
		snprintf(out, size, "max(%s)", ref->id);
	else if (ref->type == VEIKART_TYPE_SCALE && ref->scale.nlevels > 0)
		snprintf(out, size, "count(%s eq '%s')", ref->id,
		         ref->scale.levels[ref->scale.nlevels - 1]);
	else
		snprintf(out, size, "count(defined(%s))", ref->id);
}
