/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The compiled form of an expression, shared by the compiler
 * (expr_parse.c), the evaluator (expr_eval.c) and the public wrappers
 * (expr_api.c).  Nobody else should need it: use expr.h.
 */
#ifndef VEIKART_EXPR_IMPL_H
#define VEIKART_EXPR_IMPL_H

#include "expr.h"

/* Node operations.  Arithmetic and comparisons are specialised by operand
 * type at compile time so that evaluation does not dispatch on types. */
typedef enum veikart__op {
	VEIKART__OP_CONST = 1,
	VEIKART__OP_FACT,
	VEIKART__OP_NEG_INT,
	VEIKART__OP_NEG_NUM,
	VEIKART__OP_NEG_DAYS, /* duration */
	VEIKART__OP_ADD_INT,
	VEIKART__OP_SUB_INT,
	VEIKART__OP_MUL_INT,
	VEIKART__OP_ADD_NUM,
	VEIKART__OP_SUB_NUM,
	VEIKART__OP_MUL_NUM,
	VEIKART__OP_DIV_NUM,   /* also integer / integer */
	VEIKART__OP_ADD_DAYS,  /* date + duration, duration + date, duration + duration */
	VEIKART__OP_SUB_DAYS,  /* date - duration, duration - duration */
	VEIKART__OP_SUB_DATES, /* date - date */
	VEIKART__OP_MUL_DAYS,  /* duration * integer, integer * duration */
	VEIKART__OP_CMP_INT,
	VEIKART__OP_CMP_NUM,
	VEIKART__OP_CMP_DAYS, /* dates or durations */
	VEIKART__OP_CMP_TEXT,
	VEIKART__OP_CMP_BOOL,
	VEIKART__OP_CMP_SCALE,
	VEIKART__OP_IN, /* a: the tested node; kids: the members (constants) */
	VEIKART__OP_NOT,
	VEIKART__OP_AND, /* kids */
	VEIKART__OP_OR,  /* kids */
	VEIKART__OP_DEFINED,
	VEIKART__OP_DAYS_IN_PHASE,
	VEIKART__OP_TODAY,
	VEIKART__OP_DAYS_SINCE,
	VEIKART__OP_HAS_EVIDENCE,
	VEIKART__OP_APPROVED,
	VEIKART__OP_SIGNED,
	/* Roll-ups over env->units: a is the value (NO_REF for count and
	 * ratio), b the filter (NO_REF when there is none). */
	VEIKART__OP_COUNT,
	VEIKART__OP_RATIO,
	VEIKART__OP_SUM,
	VEIKART__OP_MIN,
	VEIKART__OP_MAX,
	VEIKART__OP_MEAN,
	/* About the unit at hand (VEIKART__NODE_UNIT) or the initiative.  The
	 * ones that name a phase: a is the string literal, b the phase index. */
	VEIKART__OP_PHASE,
	VEIKART__OP_IN_PHASE,
	VEIKART__OP_REACHED,
	VEIKART__OP_WAVE,
	VEIKART__OP_UNIT_TYPE,
	VEIKART__OP_INITIATIVE_REACHED,
	VEIKART__OP_EARLIER_WAVES
} veikart__op;

/* Comparison operators, in the order of their canonical words. */
typedef enum veikart__cmp {
	VEIKART__CMP_EQ = 0,
	VEIKART__CMP_NE,
	VEIKART__CMP_LT,
	VEIKART__CMP_LE,
	VEIKART__CMP_GT,
	VEIKART__CMP_GE
} veikart__cmp;

/* Node flags. */
#define VEIKART__NODE_NEGATED 1u /* OP_IN: `not in` */
/* A unit-scope fact or a unit built-in that reads the unit at hand: the
 * iterated unit inside a roll-up, else env->unit.  Without it, the phase
 * built-ins read the initiative's phase. */
#define VEIKART__NODE_UNIT 2u
#define VEIKART__NODE_IN_ROLLUP 4u /* inside a roll-up's arguments */

#define VEIKART__NO_REF UINT32_MAX

typedef struct veikart__node {
	uint8_t op;    /* veikart__op */
	uint8_t type;  /* veikart_type of the result */
	uint8_t cmp;   /* veikart__cmp, for comparisons */
	uint8_t flags; /* VEIKART__NODE_* */
	uint32_t a, b; /* operands; for AND, OR and IN: kids[a .. a+b) */
	uint32_t ref;  /* fact reference (facts, built-ins on facts, scale-typed nodes) */
	uint32_t text_off, text_len; /* the node in the canonical text */
	uint32_t src_off, src_len;   /* the node in the source (compile messages) */
	veikart__value k;            /* OP_CONST: the value */
} veikart__node;

/* A fact the expression reads, with what it needs to print its values. */
typedef struct veikart__fact_ref {
	const char *id;
	uint32_t slot;
	veikart_type type;
	veikart_scope scope;
	veikart__scale_info scale; /* codes copied into the expression's arena */
} veikart__fact_ref;

struct veikart__expr {
	veikart__arena arena; /* everything below lives in it, this struct too */
	const veikart__node *nodes;
	uint32_t nnodes;
	uint32_t root;
	const uint32_t *kids;
	const veikart__fact_ref *facts;
	uint32_t nfacts;
	veikart_type type;
	const char *text; /* canonical */
};

/* 1-based character column of a byte offset in an expression (expr_parse.c). */
unsigned int veikart__expr_column(const char *src, size_t offset);

/* Append a value as a literal of its type; `ref` says which fact's scale
 * names a scale level (VEIKART__NO_REF otherwise). */
int veikart__expr_format_value(veikart__buf *out, const veikart__expr *expr, uint32_t ref,
                               const veikart__value *value);

/* The fact reference a scale-typed result refers to (VEIKART__NO_REF). */
uint32_t veikart__expr_result_ref(const veikart__expr *expr);

/* What happened at the deciding node. */
enum veikart__why_code {
	VEIKART__WHY_VALUE = 1,    /* the node's own value (a fact, a constant, the result) */
	VEIKART__WHY_NOT_RECORDED, /* a fact has no value */
	VEIKART__WHY_NO_NOW,       /* the time of evaluation is not known */
	VEIKART__WHY_NO_ENTERED,   /* the time the phase was entered is not known */
	VEIKART__WHY_OVERFLOW,     /* the result does not fit its type */
	VEIKART__WHY_DIVZERO,
	VEIKART__WHY_SPECIAL,  /* a special scale value cannot be compared that way */
	VEIKART__WHY_COMPARED, /* a comparison or `in` decided */
	VEIKART__WHY_ALL,      /* every kid of an `and` was true, or of an `or` false */
	VEIKART__WHY_BUILTIN,  /* defined(), has_evidence(), approved(), signed() */
	VEIKART__WHY_ROLLUP,   /* a roll-up's filter or value is unknown for some unit */
	VEIKART__WHY_NO_UNITS, /* ratio(), mean(), min(), max() over no units */
	VEIKART__WHY_NO_UNIT,  /* a unit-context expression without a unit at hand */
	VEIKART__WHY_NO_PHASE, /* the initiative's phase, or a unit's, is not known */
	VEIKART__WHY_NO_WAVE,
	VEIKART__WHY_NO_TYPE,
	VEIKART__WHY_PHASE,  /* in_phase(), reached(), initiative_reached() */
	VEIKART__WHY_EARLIER /* earlier_waves_reached() */
};

/* Shared by evaluation (expr_eval.c) and explanation (expr_explain.c). */
void veikart__eval_node(const veikart__expr *e, uint32_t n, const veikart__eval_env *env,
                        veikart__value *out, veikart__why *why);
const veikart__value *veikart__fact_value(const veikart__eval_env *env, const veikart__node *fact);
/* The order of two numbers (integers compared exactly): -1, 0 or 1. */
int veikart__order_num(const veikart__value *a, const veikart__value *b);
/* The phase index (-1: none) of what a unit node is about, the unit at
 * hand or the initiative; 0 when that is a unit and none is at hand. */
int veikart__subject_phase(const veikart__node *nd, const veikart__eval_env *env, int32_t *phase);

#endif
