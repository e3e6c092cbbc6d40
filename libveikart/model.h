/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The methodology model, shared by the modules that build it (model_read.c,
 * model_check.c) and the one that reads it (method.c).  Everything lives in the
 * methodology's arena; lists are arrays of pointers so that elements keep
 * their address while a variant adds, replaces or removes others.
 */
#ifndef VEIKART_MODEL_H
#define VEIKART_MODEL_H

#include "expr.h"
#include "util.h"
#include "xml.h"

/* Where an element was written; valid only while the load runs. */
typedef struct veikart__src {
	const veikart__xml *x;
	const xmlNode *node;
} veikart__src;

typedef struct veikart__label {
	const char *lang;
	const char *text;
} veikart__label;

typedef struct veikart__labels {
	veikart__label *items;
	size_t count;
} veikart__labels;

struct veikart_role {
	const veikart_method *method;
	veikart__src src;
	const char *id;
	veikart__labels title;
	veikart__labels description;
	veikart_role_kind kind;
	int may_override;
	const char *assigned_by_id; /* assigned-by: ids of the roles that assign this one */
	int self_assign;            /* self-assign: an assigner may give it to themselves */
	uint32_t index;             /* position in the methodology's roles */
	/* The roles that may assign this one, and the same as one byte per
	 * role of the methodology (by index), for the check each assignment
	 * makes.  Set by the model check. */
	veikart__vec assigners;
	unsigned char *assigned_by;
};

typedef struct veikart__level {
	const char *code;
	veikart__labels label;
	veikart_special_meaning meaning; /* specials only */
	veikart__src src;
} veikart__level;

struct veikart_scale {
	const veikart_method *method;
	veikart__src src;
	const char *id;
	veikart__labels title;
	veikart__vec levels;      /* veikart__level */
	veikart__vec specials;    /* veikart__level */
	veikart__scale_info info; /* built when the model is final */
};

struct veikart_unit_type {
	const veikart_method *method;
	veikart__src src;
	const char *id;
	veikart__labels title;
	veikart__labels description;
	const char *parent_id;
	const veikart_unit_type *parent;
	size_t index; /* position in m->unit_types, set by the checks */
};

struct veikart_fact {
	const veikart_method *method;
	veikart__src src;
	const char *id;
	veikart__labels title;
	veikart__labels description;
	veikart_type type; /* 0 until set */
	veikart_scope scope;
	const char *unit;
	const char *scale_id;
	const veikart_scale *scale;
	const char *role_id;
	const veikart_role *role;
	uint32_t slot;
	const char *recorded_by_id; /* recorded-by: ids of the roles that record it */
	/* Those roles, and one byte per role of the methodology (by index);
	 * an empty list and NULL when any role may record it. */
	veikart__vec recorders;
	unsigned char *recorded_by;
};

struct veikart_step {
	const veikart_method *method;
	veikart__src src;
	const char *id;
	veikart__labels title;
	const char *role_id;
	const veikart_role *role;
	const char *produces_id;
	const veikart_fact *produces;
	const char *after_id; /* after-step: a step of the same phase done first */
	const veikart_step *after;
};

struct veikart_phase {
	const veikart_method *method;
	veikart__src src;
	const char *id;
	size_t index;
	veikart__labels title;
	veikart__labels description;
	int kind; /* veikart_phase_kind, or -1 until set */
	veikart_scope scope;
	int optional;
	int repeatable;
	int terminal;
	unsigned int max_days;
	const char *skip_if; /* source text, then canonical text */
	veikart__src skip_if_src;
	veikart__expr *skip_if_expr;
	veikart__vec steps; /* veikart_step */
	veikart__vec gates; /* const veikart_gate, filled when final */
};

struct veikart_criterion {
	const veikart_method *method;
	veikart__src src;
	veikart__src body_src; /* the element holding the expression or structured kind */
	const char *id;
	veikart__labels text;
	veikart_level level;
	double weight;
	veikart_criterion_kind kind;
	const char **tags;
	size_t ntags;
	const char *source; /* expression as written or generated, then canonical */
	int source_in_attr; /* 0: in the body's text; else generated from attributes */
	veikart__expr *expr;
	const veikart_fact **facts;
	size_t nfacts;
};

typedef struct veikart__authority {
	veikart__src src;
	const char *role_id;
	const veikart_role *role;
	const char *when; /* source text, then canonical; NULL when unconditional */
	veikart__expr *expr;
} veikart__authority;

struct veikart_outcome {
	const veikart_method *method;
	veikart__src src;
	veikart_outcome_kind kind;
	const char *to_id;
	const veikart_phase *to;
	veikart__labels label;
};

struct veikart_gate {
	const veikart_method *method;
	veikart__src src;
	veikart__src from_src;
	const char *id;
	veikart__labels title;
	veikart__labels description;
	const char *from_id;
	int from_kind; /* veikart_phase_kind for from-kind="...", or -1 */
	const veikart_phase *from;
	unsigned int every_days; /* a recurring review; 0: not one */
	veikart_aggregation aggregation;
	double threshold;
	unsigned int k;
	veikart__vec authorities; /* veikart__authority */
	veikart__vec criteria;    /* veikart_criterion */
	veikart__vec outcomes;    /* veikart_outcome */
	/* When every criterion is plain (veikart__expr_is_plain()), reports
	 * keep the values they read and write their reasons when first asked:
	 * the fact slots the criteria read, each once.  Set by the load. */
	int plain;
	const uint32_t *reads;
	size_t nreads;
};

typedef struct veikart__source {
	const char *href;
	const char *title;
} veikart__source;

struct veikart_method {
	veikart_allocator alloc;
	veikart__arena arena;
	unsigned int max_expr_length;
	unsigned int max_expr_depth;
	veikart__src src; /* the root element of the last document read */

	const char *id;
	const char *version;
	const char *extends;
	veikart__vec overlays; /* const char: ids of the overlays applied, in order */
	const char *file;
	const char *lang;
	char digest[VEIKART__SHA256_HEX_SIZE];
	veikart__labels title;
	veikart__labels description;
	veikart__vec sources;   /* veikart__source */
	veikart__vec languages; /* const char */
	veikart__vec roles;
	veikart__vec scales;
	veikart__vec facts;
	veikart__vec unit_types;
	veikart__vec phases;
	veikart__vec gates;
	const char *start_id;
	veikart__src start_src;
	const veikart_phase *start;
	const veikart_phase *unit_start; /* first unit-scope phase, or NULL */
	/* One byte per role: 1 for a role that may assign some role.  The
	 * creator's right to assign ends when every one of them is held. */
	unsigned char *assigning;
	/* Facts by id, for the lookup every fact event makes: open addressing,
	 * each slot the fact's position + 1 (0: empty).  Built when the load
	 * is complete; NULL (a linear search) if there was no memory. */
	uint32_t *fact_index;
	uint32_t fact_index_mask;
};

/* Labels: pick one by language (the fallback chain of veikart_method_title). */
const char *veikart__labels_pick(const veikart__labels *labels, const veikart_method *m,
                                 const char *lang);

/* How a document is read into the model. */
enum {
	VEIKART__READ_VARIANT = 1u << 0, /* applied over what the model holds */
	VEIKART__READ_OVERLAY = 1u << 1  /* an overlay: adds parts, names nothing of the whole */
};

/* Build the model from a parsed, validated document (`how`: VEIKART__READ_*
 * flags).  A variant or overlay is applied over what `m` already holds; an
 * overlay leaves the methodology's id, version, start and titles alone.
 * Problems go to diags. */
int veikart__model_read(veikart_method *m, const veikart__xml *x, unsigned int how,
                        veikart_diagnostics *diags);

/* Resolve references, run the semantic checks and compile every expression.
 * Problems go to diags; returns VEIKART_ENOMEM or 0 (check diags for errors). */
int veikart__model_check(veikart_method *m, veikart_diagnostics *diags);

/* What the expression compiler needs to know about a fact (method.c). */
void veikart__fact_info_of(veikart__fact_info *out, const veikart_fact *f);

/* Index the facts by id, for veikart__method_fact_slot() (method.c); left
 * without an index when memory runs out, lookups then go one by one. */
void veikart__method_index_facts(veikart_method *m);

/* Report a problem at an element (and attribute) of the model. */
int veikart__model_diag(veikart_diagnostics *diags, veikart_severity sev, const veikart__src *src,
                        const char *attr, const char *fmt, ...) VEIKART__PRINTF(5, 6);

#endif
