/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The public expression API (veikart_expr_*, veikart_value_*): thin
 * wrappers that check arguments, take declarations from a methodology,
 * raise errors with a column, and turn an evaluation into owned text.
 */
#include <string.h>

#include "expr_impl.h"
#include "facts.h"
#include "method.h"

struct veikart_expr {
	const veikart_method *method;
	const veikart_allocator *alloc;
	veikart__expr *impl;
};

struct veikart_value {
	const veikart_allocator *alloc;
	veikart_type type;
	veikart_truth truth;
	const char *text;   /* NULL when unknown */
	const char *reason; /* never NULL */
	                    /* the two strings follow */
};

int veikart_expr_compile(veikart_expr **out, const veikart_method *method, const char *source)
{
	veikart__expr_decls decls;
	veikart__expr_error err;
	veikart_expr *e = NULL;
	int rc;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_expr_compile: out is NULL");
	*out = NULL;
	if (method == NULL || source == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_expr_compile: %s is NULL",
		                          method == NULL ? "method" : "source");
	memset(&decls, 0, sizeof(decls));
	veikart__method_expr_decls(method, &decls);
	decls.want_bool = 0;
	e = veikart__calloc(decls.alloc, 1, sizeof(*e));
	if (e == NULL) {
		rc = VEIKART_ENOMEM;
		goto out;
	}
	e->method = method;
	e->alloc = decls.alloc;
	rc = veikart__expr_compile(&e->impl, source, strlen(source), &decls, &err);
	if (rc == VEIKART_ENOMEM)
		veikart__error_nomem();
	else if (rc < 0)
		veikart__error_set_at(rc, NULL, 1, veikart__expr_column(source, err.offset), "%s",
		                      err.message);
	if (rc < 0)
		goto out;
	*out = e;
	e = NULL;
out:
	if (e != NULL)
		veikart__free(decls.alloc, e);
	return rc;
}

void veikart_expr_free(veikart_expr *expr)
{
	if (expr == NULL)
		return;
	veikart__expr_free(expr->impl);
	veikart__free(expr->alloc, expr);
}

const char *veikart_expr_text(const veikart_expr *expr)
{
	return expr != NULL ? veikart__expr_text(expr->impl) : NULL;
}

veikart_type veikart_expr_type(const veikart_expr *expr)
{
	return expr != NULL ? veikart__expr_type(expr->impl) : (veikart_type)0;
}

/* Facts loaded from another copy of the same document have the same slots. */
static int same_method(const veikart_method *a, const veikart_method *b)
{
	return a == b || veikart__streq(veikart_method_digest(a), veikart_method_digest(b));
}

static veikart_truth truth_of(const veikart__value *v)
{
	if (v->type == 0)
		return VEIKART_UNKNOWN;
	if (v->type == VEIKART_TYPE_BOOL)
		return v->u.b ? VEIKART_MET : VEIKART_UNMET;
	return VEIKART_MET;
}

int veikart_expr_evaluate(veikart_value **out, const veikart_expr *expr, const veikart_facts *facts,
                          const veikart_eval_options *opts)
{
	veikart__eval_env env;
	veikart__value v;
	veikart__why why = { 0, 0 };
	veikart__buf text, reason;
	veikart_value *value;
	char *p;
	int rc;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_expr_evaluate: out is NULL");
	*out = NULL;
	if (expr == NULL)
		return veikart__error_set(VEIKART_EINVALID, "veikart_expr_evaluate: expr is NULL");
	if (opts != NULL) {
		rc = veikart__check_version(opts->version, VEIKART_EVAL_OPTIONS_VERSION,
		                            "veikart_eval_options");
		if (rc < 0)
			return rc;
	}
	if (facts != NULL && !same_method(veikart__facts_method(facts), expr->method))
		return veikart__error_set(VEIKART_EMISMATCH,
		                          "veikart_expr_evaluate: the facts belong to methodology "
		                          "`%s`, the expression to `%s`",
		                          veikart_method_id(veikart__facts_method(facts)),
		                          veikart_method_id(expr->method));
	memset(&env, 0, sizeof(env));
	if (facts != NULL)
		env.facts = veikart__facts_values(facts, &env.nfacts);
	env.now = opts != NULL ? opts->now : VEIKART_TIME_UNKNOWN;
	env.phase_entered = opts != NULL ? opts->phase_entered : VEIKART_TIME_UNKNOWN;

	veikart__expr_eval(expr->impl, &env, &v, &why);
	veikart__buf_init(&text, expr->alloc);
	veikart__buf_init(&reason, expr->alloc);
	if (v.type != 0)
		veikart__expr_format_value(&text, expr->impl, veikart__expr_result_ref(expr->impl),
		                           &v);
	veikart__expr_explain(&reason, expr->impl, &env, &why);
	rc = VEIKART_ENOMEM;
	if (text.failed || reason.failed)
		goto out;
	/* One block: the struct, then the text and the reason. */
	value = veikart__malloc(expr->alloc, sizeof(*value) + text.len + 1 + reason.len + 1);
	if (value == NULL)
		goto out;
	p = (char *)(value + 1);
	value->alloc = expr->alloc;
	value->type = veikart__expr_type(expr->impl);
	value->truth = truth_of(&v);
	value->text = NULL;
	if (v.type != 0) {
		memcpy(p, veikart__buf_cstr(&text), text.len + 1);
		value->text = p;
		p += text.len + 1;
	}
	memcpy(p, veikart__buf_cstr(&reason), reason.len + 1);
	value->reason = p;
	*out = value;
	rc = 0;
out:
	if (rc < 0)
		veikart__error_nomem();
	veikart__buf_dispose(&text);
	veikart__buf_dispose(&reason);
	return rc;
}

veikart_type veikart_value_type(const veikart_value *value)
{
	return value != NULL ? value->type : (veikart_type)0;
}

veikart_truth veikart_value_truth(const veikart_value *value)
{
	return value != NULL ? value->truth : VEIKART_UNKNOWN;
}

const char *veikart_value_text(const veikart_value *value)
{
	return value != NULL ? value->text : NULL;
}

const char *veikart_value_reason(const veikart_value *value)
{
	return value != NULL ? value->reason : "";
}

void veikart_value_free(veikart_value *value)
{
	if (value == NULL)
		return;
	veikart__free(value->alloc, value);
}
