/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The canonical text of a compiled expression: one way to write it, with
 * only the parentheses its operators need, so that two spellings of one
 * criterion compare equal (veikart_expr_text(), the diff of methodologies).
 */
#include <stdio.h>
#include <string.h>

#include "expr_compile.h"

static int precedence(const veikart__node *nd)
{
	switch (nd->op) {
	case VEIKART__OP_OR:
		return 1;
	case VEIKART__OP_AND:
		return 2;
	case VEIKART__OP_NOT:
		return 3;
	case VEIKART__OP_CMP_INT:
	case VEIKART__OP_CMP_NUM:
	case VEIKART__OP_CMP_DAYS:
	case VEIKART__OP_CMP_TEXT:
	case VEIKART__OP_CMP_BOOL:
	case VEIKART__OP_CMP_SCALE:
	case VEIKART__OP_IN:
		return 4;
	case VEIKART__OP_ADD_INT:
	case VEIKART__OP_SUB_INT:
	case VEIKART__OP_ADD_NUM:
	case VEIKART__OP_SUB_NUM:
	case VEIKART__OP_ADD_DAYS:
	case VEIKART__OP_SUB_DAYS:
	case VEIKART__OP_SUB_DATES:
		return 5;
	case VEIKART__OP_MUL_INT:
	case VEIKART__OP_MUL_NUM:
	case VEIKART__OP_DIV_NUM:
	case VEIKART__OP_MUL_DAYS:
		return 6;
	case VEIKART__OP_NEG_INT:
	case VEIKART__OP_NEG_NUM:
	case VEIKART__OP_NEG_DAYS:
		return 7;
	case VEIKART__OP_CONST:
		return veikart__expr_negative(&nd->k) ? 7 : 8;
	default:
		return 8;
	}
}

static const char *arith_symbol(uint8_t op)
{
	switch (op) {
	case VEIKART__OP_ADD_INT:
	case VEIKART__OP_ADD_NUM:
	case VEIKART__OP_ADD_DAYS:
		return " + ";
	case VEIKART__OP_MUL_INT:
	case VEIKART__OP_MUL_NUM:
	case VEIKART__OP_MUL_DAYS:
		return " * ";
	case VEIKART__OP_DIV_NUM:
		return " / ";
	default:
		return " - ";
	}
}

static const struct veikart__builtin *builtin_of(uint8_t op)
{
	size_t i;

	for (i = 0; i < veikart__nbuiltins; i++)
		if (veikart__builtins[i].op == op)
			return &veikart__builtins[i];
	return NULL;
}

static void print_call(veikart__parser *p, veikart__buf *b, const veikart__node *nd,
                       const struct veikart__builtin *call)
{
	veikart__buf_printf(b, "%s(", call->name);
	switch (call->arg) {
	case VEIKART__ARG_NONE:
		break;
	case VEIKART__ARG_FILTER:
		if (nd->b != VEIKART__NO_REF)
			veikart__print_node(p, b, nd->b, 1);
		break;
	case VEIKART__ARG_VALUE:
		veikart__print_node(p, b, nd->a, 1);
		if (nd->b != VEIKART__NO_REF) {
			veikart__buf_puts(b, ", ");
			veikart__print_node(p, b, nd->b, 1);
		}
		break;
	default:
		veikart__print_node(p, b, nd->a, 1);
		break;
	}
	veikart__buf_putc(b, ')');
}

/* Print node `n`, in parentheses when it binds less tightly than `min`;
 * record where its text is, for reasons that quote it. */
void veikart__print_node(veikart__parser *p, veikart__buf *b, uint32_t n, int min)
{
	veikart__node *nd = &p->nodes[n];
	int prec = precedence(nd), paren = prec < min;
	size_t start;
	uint32_t i;

	if (paren)
		veikart__buf_putc(b, '(');
	start = b->len;
	switch (nd->op) {
	case VEIKART__OP_CONST:
		veikart__value_format(
		        b, &nd->k, nd->ref != VEIKART__NO_REF ? &p->facts[nd->ref].scale : NULL, 1);
		break;
	case VEIKART__OP_FACT:
		veikart__buf_puts(b, p->facts[nd->ref].id);
		break;
	case VEIKART__OP_NEG_INT:
	case VEIKART__OP_NEG_NUM:
	case VEIKART__OP_NEG_DAYS:
		/* "- -x", not "-(-x)": parentheses would count as nesting. */
		veikart__buf_puts(b, precedence(&p->nodes[nd->a]) == 7 ? "- " : "-");
		veikart__print_node(p, b, nd->a, 7);
		break;
	case VEIKART__OP_NOT:
		veikart__buf_puts(b, "not ");
		veikart__print_node(p, b, nd->a, 3);
		break;
	case VEIKART__OP_AND:
	case VEIKART__OP_OR:
		/* `a and (b and c)` needs no parentheses: and, or are associative. */
		for (i = 0; i < nd->b; i++) {
			if (i > 0)
				veikart__buf_puts(b, nd->op == VEIKART__OP_AND ? " and " : " or ");
			veikart__print_node(p, b, p->kids[nd->a + i], prec);
		}
		break;
	case VEIKART__OP_IN:
		veikart__print_node(p, b, p->kids[nd->a], 5);
		veikart__buf_puts(b, nd->flags & VEIKART__NODE_NEGATED ? " not in (" : " in (");
		for (i = 1; i < nd->b; i++) {
			if (i > 1)
				veikart__buf_puts(b, ", ");
			veikart__print_node(p, b, p->kids[nd->a + i], 1);
		}
		veikart__buf_putc(b, ')');
		break;
	default:
		if (builtin_of(nd->op) != NULL) {
			print_call(p, b, nd, builtin_of(nd->op));
		} else if (prec == 4) {
			veikart__print_node(p, b, nd->a, 5);
			veikart__buf_printf(b, " %s ", veikart__cmp_words[nd->cmp]);
			veikart__print_node(p, b, nd->b, 5);
		} else {
			/* Left-associative: only the right operand needs a tighter binding. */
			veikart__print_node(p, b, nd->a, prec);
			veikart__buf_puts(b, arith_symbol(nd->op));
			veikart__print_node(p, b, nd->b, prec + 1);
		}
		break;
	}
	nd->text_off = (uint32_t)start;
	nd->text_len = (uint32_t)(b->len - start);
	if (paren)
		veikart__buf_putc(b, ')');
}
