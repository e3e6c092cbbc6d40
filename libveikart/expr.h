/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The criteria expression language, inside the library: compile against a
 * set of declarations, evaluate against an array of values.  The public
 * wrappers (veikart_expr_*) and the methodology loader both sit on this.
 */
#ifndef VEIKART_EXPR_INTERNAL_H
#define VEIKART_EXPR_INTERNAL_H

#include "util.h"
#include "value.h"

typedef struct veikart__expr veikart__expr;

/* What the compiler learns about a name it meets in an expression. */
typedef struct veikart__fact_info {
	const char *id;            /* lives at least as long as the compiled expression */
	uint32_t index;            /* slot in veikart__eval_env.facts */
	veikart_type type;         /* declared type */
	veikart_scope scope;       /* initiative or unit */
	veikart__scale_info scale; /* for VEIKART_TYPE_SCALE */
} veikart__fact_info;

/* Resolve a fact name: 0 and *out filled, or VEIKART_ENOTFOUND. */
typedef int (*veikart__fact_lookup_fn)(veikart__fact_info *out, const char *name, size_t len,
                                       void *payload);

/* Resolve a phase name: its index in the methodology's order, or -1. */
typedef int (*veikart__phase_lookup_fn)(const char *name, size_t len, void *payload);
/* Whether the phase of that index is walked per unit (1) or by the initiative (0). */
typedef int (*veikart__phase_scope_fn)(int index, void *payload);

/* Where an expression is evaluated, which decides what a unit-scope fact
 * and the unit built-ins mean at its top level. */
typedef enum veikart__expr_context {
	VEIKART__CONTEXT_INITIATIVE = 0, /* initiative gates, skip-if, authority */
	VEIKART__CONTEXT_UNIT = 1        /* gates and skip-if of unit phases: one unit at hand */
} veikart__expr_context;

typedef struct veikart__expr_decls {
	veikart__fact_lookup_fn lookup;
	void *payload;
	const veikart_allocator *alloc;        /* NULL: default */
	unsigned int max_length;               /* bytes; 0: 4096 */
	unsigned int max_depth;                /* nesting; 0: 64 */
	int want_bool;                         /* the result must be boolean (criteria, skip-if) */
	veikart__phase_lookup_fn phase_lookup; /* NULL: phase names are not known */
	veikart__phase_scope_fn phase_scope;   /* NULL: scopes are not checked */
	veikart__expr_context context;
	/* NULL: the expression has an arena of its own.  Otherwise it is built
	 * in this one and lives as long as it (veikart__expr_free() then frees
	 * nothing); a methodology's expressions live in the methodology's. */
	veikart__arena *arena;
} veikart__expr_decls;

/* A compile error: which code, where (byte offset into the source), what. */
typedef struct veikart__expr_error {
	int code; /* VEIKART_EFORMAT, VEIKART_ELIMIT or VEIKART_ENOMEM */
	size_t offset;
	char message[256];
} veikart__expr_error;

/* Compile.  Returns 0, or the error code with `err` filled in.  Does not
 * raise the thread-local error: callers know the context (file, line). */
int veikart__expr_compile(veikart__expr **out, const char *src, size_t len,
                          const veikart__expr_decls *decls, veikart__expr_error *err);
void veikart__expr_free(veikart__expr *expr);
veikart_type veikart__expr_type(const veikart__expr *expr);
const char *veikart__expr_text(const veikart__expr *expr); /* canonical form */
/* Facts the expression reads (their index), in order of first mention. */
size_t veikart__expr_fact_count(const veikart__expr *expr);
uint32_t veikart__expr_fact(const veikart__expr *expr, size_t i);

/* Whether a name is a word of the language in any case (`and`, `IN`, `True`):
 * such a name can never refer to a fact. */
int veikart__expr_is_reserved(const char *name, size_t len);

/* Evaluation input.  A value with type 0 is "not recorded". */
/* One rollout unit as evaluation sees it. */
typedef struct veikart__unit_view {
	const char *id;
	const char *title;           /* for reasons; may equal id */
	const char *type;            /* the unit type's id, or NULL */
	int32_t wave;                /* 0: no wave */
	int32_t phase;               /* index of the unit's current phase; -1: none */
	const veikart__value *facts; /* by slot: the unit-scope facts' values */
} veikart__unit_view;

typedef struct veikart__eval_env {
	const veikart__value *facts; /* by slot: the initiative-scope facts' values */
	size_t nfacts;
	int64_t now;           /* VEIKART_TIME_UNKNOWN when not known */
	int64_t phase_entered; /* VEIKART_TIME_UNKNOWN when not known */
	/* Rollout units: what roll-ups range over, in the initiative's order. */
	const veikart__unit_view *units;
	size_t nunits;
	/* The unit a unit-context expression is about (NULL otherwise). */
	const veikart__unit_view *unit;
	/* The initiative's current phase (index; -1: none) and, for phase()
	 * and reasons, the methodology's phase ids by index. */
	int32_t phase;
	const char *const *phase_ids;
	size_t nphases;
} veikart__eval_env;

/* Where an evaluation was decided, for a reason to be written later.  Kept
 * small and allocation-free so that gate evaluation stays cheap; turning it
 * into words is veikart__expr_explain()'s job. */
typedef struct veikart__why {
	uint32_t node; /* the node that decided the result */
	uint32_t code; /* what happened there (internal to expr) */
} veikart__why;

/* Evaluate a boolean expression.  `why` may be NULL. */
veikart_truth veikart__expr_eval_bool(const veikart__expr *expr, const veikart__eval_env *env,
                                      veikart__why *why);
/* Evaluate any expression; out->type 0 means unknown.  Text results point
 * into the expression or into env's values.  `why` may be NULL. */
void veikart__expr_eval(const veikart__expr *expr, const veikart__eval_env *env,
                        veikart__value *out, veikart__why *why);
/* Append the reason for a result in words. */
int veikart__expr_explain(veikart__buf *out, const veikart__expr *expr,
                          const veikart__eval_env *env, const veikart__why *why);

/* Whether the expression reads nothing but initiative-scope facts of the
 * plain types (bool, integer, number, ratio, date, duration, scale), the
 * time and when the phase was entered: no units, phases, texts, documents
 * or sign-offs.  Its result and reason are then fixed by those values. */
int veikart__expr_is_plain(const veikart__expr *expr);

#endif
