/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The expression compiler's parser state and built-ins, shared by the
 * parser (expr_parse.c), the type and context checks it runs as each node
 * is built (expr_check.c) and the canonical printer (expr_print.c).
 */
#ifndef VEIKART_EXPR_COMPILE_INTERNAL_H
#define VEIKART_EXPR_COMPILE_INTERNAL_H

#include "expr_lex.h"

typedef struct veikart__parser {
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
} veikart__parser;

#define veikart__parse_fail(p, code, offset, ...) \
	veikart__expr_fail((p)->err, code, offset, __VA_ARGS__)

/* What a built-in takes. */
enum {
	VEIKART__ARG_NONE,
	VEIKART__ARG_FACT,
	VEIKART__ARG_EVIDENCE,
	VEIKART__ARG_SIGNOFF,
	VEIKART__ARG_DATE,
	VEIKART__ARG_PHASE,  /* a phase id as a string literal */
	VEIKART__ARG_FILTER, /* a roll-up's condition */
	VEIKART__ARG_VALUE   /* a roll-up's value, then an optional condition */
};

/* Where a built-in may stand, and what it is about. */
enum {
	VEIKART__AT_ANY,      /* anywhere, about the initiative */
	VEIKART__AT_SUBJECT,  /* anywhere: about the unit at hand, or else the initiative */
	VEIKART__AT_UNIT,     /* inside a roll-up or at the top of a unit-context expression */
	VEIKART__AT_UNIT_TOP, /* at the top of a unit-context expression only */
	VEIKART__AT_ROLLUP    /* a roll-up itself: anywhere but inside another */
};

/* A built-in function: its name, operation, argument and result. */
struct veikart__builtin {
	const char *name;
	uint8_t op;
	uint8_t arg;
	uint8_t type; /* of the result; 0: decided by the value argument */
	uint8_t where;
	uint8_t min_args, max_args;
};
extern const struct veikart__builtin veikart__builtins[];
extern const size_t veikart__nbuiltins;

#define VEIKART__NODE_TEXT(p, n) veikart__expr_quote(p, n), (p)->src + (p)->nodes[n].src_off
#define VEIKART__TOKEN_TEXT(p, t) \
	veikart__expr_clip((p)->src, (t)->off, (t)->len), (p)->src + (t)->off

/* The words of the language (expr_names.c). */
/* A type's name as in the XML `type` attribute, and as a noun phrase
 * ("a number"); whether it is integer, number or ratio. */
const char *veikart__expr_type_name(unsigned int type);
const char *veikart__expr_a_type(unsigned int type);
int veikart__expr_is_numeric(unsigned int type);
/* Whether a constant is below zero (the printer puts it in parentheses). */
int veikart__expr_negative(const veikart__value *v);
/* Node N's source text, clipped for a message: the length to print. */
int veikart__expr_quote(const veikart__parser *p, uint32_t n);

/* The checks the parser runs as it builds nodes (expr_check.c). */
int veikart__check_to_scale(veikart__parser *p, uint32_t lit, uint32_t other);
int veikart__check_is_const(const veikart__parser *p, uint32_t n, unsigned int type);
int veikart__check_phase_literal(veikart__parser *p, uint32_t x, uint32_t lit);
int veikart__check_not_comparable(veikart__parser *p, uint32_t n);
int veikart__check_is_document(unsigned int type);
void veikart__check_days_hint(veikart__parser *p, uint32_t n, char *hint, size_t size);
int veikart__check_compare(veikart__parser *p, uint8_t cmp, uint32_t l, uint32_t r, size_t offset,
                           uint8_t *op);
int veikart__check_arith(veikart__parser *p, veikart__tok kind, uint32_t l, uint32_t r,
                         size_t offset, uint8_t *op, uint8_t *type);
int veikart__check_want_bool(veikart__parser *p, uint32_t n, const char *what);
int veikart__check_unknown_function(veikart__parser *p, const veikart__token *name);
int veikart__check_where(veikart__parser *p, const struct veikart__builtin *b,
                         const veikart__token *name);
int veikart__check_arity(veikart__parser *p, const struct veikart__builtin *b,
                         const veikart__token *name, uint32_t nargs);
int veikart__check_phase_of(veikart__parser *p, uint32_t lit, int *index);
int veikart__check_phase_scope(veikart__parser *p, const struct veikart__builtin *b, uint32_t lit,
                               int index, int unit);
int veikart__check_rollup(veikart__parser *p, const struct veikart__builtin *b, uint32_t value,
                          uint32_t filter, uint8_t *type);
void veikart__check_rollup_example(char *out, size_t size, const veikart__fact_ref *ref);
/* Node N in canonical text, in parentheses when it binds less tightly than
 * MIN (expr_print.c). */
void veikart__print_node(veikart__parser *p, veikart__buf *b, uint32_t n, int min);

#endif
