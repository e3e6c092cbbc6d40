/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The words of the expression language that the parser, its checks and
 * its printer share: the built-in functions with what each takes and
 * gives, the names of the types in messages, and how a node's text is
 * quoted in them.
 */
#include <string.h>

#include "expr_compile.h"

const struct veikart__builtin veikart__builtins[] = {
	{ "defined", VEIKART__OP_DEFINED, VEIKART__ARG_FACT, VEIKART_TYPE_BOOL, VEIKART__AT_ANY, 1,
	  1 },
	{ "days_in_phase", VEIKART__OP_DAYS_IN_PHASE, VEIKART__ARG_NONE, VEIKART_TYPE_DURATION,
	  VEIKART__AT_ANY, 0, 0 },
	{ "today", VEIKART__OP_TODAY, VEIKART__ARG_NONE, VEIKART_TYPE_DATE, VEIKART__AT_ANY, 0, 0 },
	{ "days_since", VEIKART__OP_DAYS_SINCE, VEIKART__ARG_DATE, VEIKART_TYPE_DURATION,
	  VEIKART__AT_ANY, 1, 1 },
	{ "has_evidence", VEIKART__OP_HAS_EVIDENCE, VEIKART__ARG_EVIDENCE, VEIKART_TYPE_BOOL,
	  VEIKART__AT_ANY, 1, 1 },
	{ "approved", VEIKART__OP_APPROVED, VEIKART__ARG_EVIDENCE, VEIKART_TYPE_BOOL,
	  VEIKART__AT_ANY, 1, 1 },
	{ "signed", VEIKART__OP_SIGNED, VEIKART__ARG_SIGNOFF, VEIKART_TYPE_BOOL, VEIKART__AT_ANY, 1,
	  1 },
	{ "count", VEIKART__OP_COUNT, VEIKART__ARG_FILTER, VEIKART_TYPE_INTEGER, VEIKART__AT_ROLLUP,
	  0, 1 },
	{ "ratio", VEIKART__OP_RATIO, VEIKART__ARG_FILTER, VEIKART_TYPE_NUMBER, VEIKART__AT_ROLLUP,
	  1, 1 },
	{ "sum", VEIKART__OP_SUM, VEIKART__ARG_VALUE, 0, VEIKART__AT_ROLLUP, 1, 2 },
	{ "min", VEIKART__OP_MIN, VEIKART__ARG_VALUE, 0, VEIKART__AT_ROLLUP, 1, 2 },
	{ "max", VEIKART__OP_MAX, VEIKART__ARG_VALUE, 0, VEIKART__AT_ROLLUP, 1, 2 },
	{ "mean", VEIKART__OP_MEAN, VEIKART__ARG_VALUE, VEIKART_TYPE_NUMBER, VEIKART__AT_ROLLUP, 1,
	  2 },
	{ "phase", VEIKART__OP_PHASE, VEIKART__ARG_NONE, VEIKART_TYPE_TEXT, VEIKART__AT_SUBJECT, 0,
	  0 },
	{ "in_phase", VEIKART__OP_IN_PHASE, VEIKART__ARG_PHASE, VEIKART_TYPE_BOOL,
	  VEIKART__AT_SUBJECT, 1, 1 },
	{ "reached", VEIKART__OP_REACHED, VEIKART__ARG_PHASE, VEIKART_TYPE_BOOL,
	  VEIKART__AT_SUBJECT, 1, 1 },
	{ "wave", VEIKART__OP_WAVE, VEIKART__ARG_NONE, VEIKART_TYPE_INTEGER, VEIKART__AT_UNIT, 0,
	  0 },
	{ "unit_type", VEIKART__OP_UNIT_TYPE, VEIKART__ARG_NONE, VEIKART_TYPE_TEXT,
	  VEIKART__AT_UNIT, 0, 0 },
	{ "initiative_reached", VEIKART__OP_INITIATIVE_REACHED, VEIKART__ARG_PHASE,
	  VEIKART_TYPE_BOOL, VEIKART__AT_ANY, 1, 1 },
	{ "earlier_waves_reached", VEIKART__OP_EARLIER_WAVES, VEIKART__ARG_PHASE, VEIKART_TYPE_BOOL,
	  VEIKART__AT_UNIT_TOP, 1, 1 },
};

const size_t veikart__nbuiltins = VEIKART__ARRAY_SIZE(veikart__builtins);

/* Names as in the XML `type` attribute (veikart_type_name() lives in the
 * methodology module, which the compiler does not need to link against). */
const char *veikart__expr_type_name(unsigned int type)
{
	static const char *const names[] = { "unknown",  "bool",    "integer", "number",
		                             "ratio",    "text",    "date",    "scale",
		                             "evidence", "signoff", "duration" };

	return type < VEIKART__ARRAY_SIZE(names) ? names[type] : "unknown";
}

/* The same, as a noun phrase: "but this is a number". */
const char *veikart__expr_a_type(unsigned int type)
{
	static const char *const phrases[] = { "unknown",    "true or false",  "an integer",
		                               "a number",   "a ratio",        "text",
		                               "a date",     "a scale rating", "evidence",
		                               "a sign-off", "a duration" };

	return type < VEIKART__ARRAY_SIZE(phrases) ? phrases[type] : "unknown";
}

int veikart__expr_is_numeric(unsigned int type)
{
	return type == VEIKART_TYPE_INTEGER || type == VEIKART_TYPE_NUMBER ||
	       type == VEIKART_TYPE_RATIO;
}

int veikart__expr_quote(const veikart__parser *p, uint32_t n)
{
	return veikart__expr_clip(p->src, p->nodes[n].src_off, p->nodes[n].src_len);
}

int veikart__expr_negative(const veikart__value *v)
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
