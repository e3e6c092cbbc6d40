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
	veikart_scope scope;
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

/* Names as long as this are no fact's or phase's (ids are at most 64). */
#define NAME_MAX_BYTES 128

/* What the sandbox's lookups need, and what they saw. */
typedef struct sandbox {
	const veikart_method *method;
	int missed_phase; /* a phase lookup failed, which ends compiling */
} sandbox;

static int fact_lookup(veikart__fact_info *out, const char *name, size_t len, void *payload)
{
	const sandbox *sb = payload;
	char id[NAME_MAX_BYTES];
	long slot;

	if (len >= sizeof(id))
		return VEIKART_ENOTFOUND;
	memcpy(id, name, len);
	id[len] = '\0';
	slot = veikart__method_fact_slot(sb->method, id);
	if (slot < 0)
		return VEIKART_ENOTFOUND;
	veikart__method_fact_info(sb->method, (size_t)slot, out);
	return 0;
}

static int phase_lookup(const char *name, size_t len, void *payload)
{
	sandbox *sb = payload;
	const veikart_phase *phase = NULL;
	char id[NAME_MAX_BYTES];

	if (len < sizeof(id)) {
		memcpy(id, name, len);
		id[len] = '\0';
		phase = veikart_method_phase_by_id(sb->method, id);
	}
	if (phase == NULL) {
		sb->missed_phase = 1;
		return -1;
	}
	return (int)veikart_phase_index(phase);
}

static int phase_scope(int index, void *payload)
{
	const sandbox *sb = payload;
	const veikart_phase *phase = veikart_method_phase(sb->method, (size_t)index);

	return phase != NULL && veikart_phase_scope(phase) == VEIKART_SCOPE_UNIT;
}

/* "`'lve'` is not a phase of the methodology (phases: p1, p2, preparing)". */
static void raise_compile_error(const sandbox *sb, const char *source,
                                const veikart__expr_error *err)
{
	veikart__buf b;
	size_t i, n = veikart_method_phase_count(sb->method);

	veikart__buf_init(&b, veikart__method_allocator(sb->method));
	veikart__buf_puts(&b, err->message);
	if (sb->missed_phase) {
		for (i = 0; i < n; i++)
			veikart__buf_printf(&b, "%s%s", i == 0 ? " (phases: " : ", ",
			                    veikart_phase_id(veikart_method_phase(sb->method, i)));
		veikart__buf_puts(&b, n > 0 ? ")" : "");
	}
	veikart__error_set_at(err->code, NULL, 1, veikart__expr_column(source, err->offset), "%s",
	                      b.failed ? err->message : veikart__buf_cstr(&b));
	veikart__buf_dispose(&b);
}

int veikart_expr_compile_in(veikart_expr **out, const veikart_method *method, const char *source,
                            veikart_scope scope)
{
	static const char fn[] = "veikart_expr_compile";
	veikart__expr_decls decls;
	veikart__expr_error err;
	veikart_expr *e = NULL;
	sandbox sb;
	int rc;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "%s: out is NULL", fn);
	*out = NULL;
	if (method == NULL || source == NULL)
		return veikart__error_set(VEIKART_EINVALID, "%s: %s is NULL", fn,
		                          method == NULL ? "method" : "source");
	if (scope != VEIKART_SCOPE_INITIATIVE && scope != VEIKART_SCOPE_UNIT)
		return veikart__error_set(VEIKART_EINVALID,
		                          "%s: scope %d is neither initiative nor unit", fn,
		                          (int)scope);
	memset(&sb, 0, sizeof(sb));
	sb.method = method;
	memset(&decls, 0, sizeof(decls));
	veikart__method_expr_decls(method, &decls);
	decls.lookup = fact_lookup;
	decls.phase_lookup = phase_lookup;
	decls.phase_scope = phase_scope;
	decls.payload = &sb;
	decls.want_bool = 0;
	decls.context =
	        scope == VEIKART_SCOPE_UNIT ? VEIKART__CONTEXT_UNIT : VEIKART__CONTEXT_INITIATIVE;
	e = veikart__calloc(decls.alloc, 1, sizeof(*e));
	if (e == NULL) {
		rc = VEIKART_ENOMEM;
		goto out;
	}
	e->method = method;
	e->alloc = decls.alloc;
	e->scope = scope;
	rc = veikart__expr_compile(&e->impl, source, strlen(source), &decls, &err);
	if (rc == VEIKART_ENOMEM)
		veikart__error_nomem();
	else if (rc < 0)
		raise_compile_error(&sb, source, &err);
	if (rc < 0)
		goto out;
	*out = e;
	e = NULL;
out:
	if (e != NULL)
		veikart__free(decls.alloc, e);
	return rc;
}

int veikart_expr_compile(veikart_expr **out, const veikart_method *method, const char *source)
{
	return veikart_expr_compile_in(out, method, source, VEIKART_SCOPE_INITIATIVE);
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
	const char *unit;
	char *p;
	int rc;

	memset(&env, 0, sizeof(env));
	env.phase = -1;
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
	unit = opts != NULL ? opts->unit : NULL;
	if (unit != NULL && expr->scope != VEIKART_SCOPE_UNIT)
		return veikart__error_set(VEIKART_EINVALID,
		                          "veikart_expr_evaluate: the expression is about the "
		                          "initiative, so it takes no unit (compile it with "
		                          "VEIKART_SCOPE_UNIT)");
	if (facts != NULL) {
		rc = veikart__facts_env(facts, unit, &env);
		if (rc < 0)
			return rc;
	} else if (unit != NULL) {
		return veikart__error_set(VEIKART_ENOTFOUND,
		                          "veikart_expr_evaluate: there is no unit `%s` (no facts "
		                          "were given)",
		                          unit);
	}
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

int veikart_eval_options_init(veikart_eval_options *opts, unsigned int version)
{
	static const veikart_eval_options defaults = VEIKART_EVAL_OPTIONS_INIT;

	return veikart__options_init(opts, sizeof(*opts), &defaults, version,
	                             VEIKART_EVAL_OPTIONS_VERSION, "veikart_eval_options");
}
