/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Tokens of the expression language, between the lexer (expr_lex.c) and
 * the parser (expr_parse.c), and the error helpers both use.
 */
#ifndef VEIKART_EXPR_LEX_H
#define VEIKART_EXPR_LEX_H

#include "expr_impl.h"

typedef enum veikart__tok {
	T_END = 0,
	T_IDENT,
	T_INT,
	T_NUMBER,
	T_STRING,
	T_DATE,
	T_DURATION,
	T_TRUE,
	T_FALSE,
	T_LPAREN,
	T_RPAREN,
	T_COMMA,
	T_PLUS,
	T_MINUS,
	T_STAR,
	T_SLASH,
	T_CMP,
	T_AND,
	T_OR,
	T_NOT,
	T_IN
} veikart__tok;

/* Token flags. */
#define VEIKART__TOKEN_SHOUTED 1u /* an identifier that is a keyword in capitals: AND */

typedef struct veikart__token {
	uint8_t kind;  /* veikart__tok */
	uint8_t cmp;   /* T_CMP: veikart__cmp */
	uint8_t flags; /* VEIKART__TOKEN_* */
	uint32_t off, len;
	veikart__value v; /* literals; strings live in the arena */
} veikart__token;

/* The canonical words of veikart__cmp, in its order. */
extern const char *const veikart__cmp_words[6];

/*
 * Split `src` into tokens, the last one T_END.  Literal values are parsed
 * (strings unescaped into `arena`).  The array comes from `alloc`; the
 * caller frees it, also after an error.  Returns 0 or the error code with
 * `err` filled in.
 */
int veikart__expr_lex(veikart__token **out, size_t *count, const char *src, size_t len,
                      veikart__arena *arena, const veikart_allocator *alloc,
                      veikart__expr_error *err);

/* Fill `err` (unless already filled) and return `code`. */
int veikart__expr_fail(veikart__expr_error *err, int code, size_t offset, const char *fmt, ...)
        VEIKART__PRINTF(4, 5);

/* How many bytes of src[off..off+len) to quote in a message: at most 48,
 * cut at a character boundary. */
int veikart__expr_clip(const char *src, size_t off, size_t len);

#endif
