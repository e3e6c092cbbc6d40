/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_TYPES_H
#define VEIKART_TYPES_H

/**
 * @file veikart/types.h
 * @brief The handles and enumerations of a methodology's definition.
 *
 * Shared by the headers that read a methodology (method.h, role.h,
 * fact.h, unit_type.h, phase.h, gate.h) and those that use its parts.
 */

#include "common.h"

VEIKART_BEGIN_DECL

/**
 * @addtogroup veikart_method
 * @{
 */

/** A loaded, checked and compiled methodology.  Immutable; shareable between threads. */
typedef struct veikart_method veikart_method;
/** A role or body that people are assigned to (project owner, steering group). */
typedef struct veikart_role veikart_role;
/** A fact declaration: something an initiative records, with its type. */
typedef struct veikart_fact veikart_fact;
/** An ordinal scale with levels and special values (NASSS, CFIR, TRL). */
typedef struct veikart_scale veikart_scale;
/** A kind of rollout unit (municipality, site, team), possibly within a parent kind. */
typedef struct veikart_unit_type veikart_unit_type;
/** A phase of the methodology. */
typedef struct veikart_phase veikart_phase;
/** A checklist item inside a phase. */
typedef struct veikart_step veikart_step;
/** A gate: the decision point that leaves a phase. */
typedef struct veikart_gate veikart_gate;
/** One criterion of a gate. */
typedef struct veikart_criterion veikart_criterion;
/** One outcome a gate decision may take. */
typedef struct veikart_outcome veikart_outcome;

/** The types a fact or expression can have. */
typedef enum veikart_type {
	VEIKART_TYPE_BOOL = 1, /**< true or false. */
	VEIKART_TYPE_INTEGER,  /**< A whole number (64-bit). */
	VEIKART_TYPE_NUMBER,   /**< A decimal number. */
	VEIKART_TYPE_RATIO,    /**< A share between 0 and 1 (written 0.8 or 80%). */
	VEIKART_TYPE_TEXT,     /**< UTF-8 text. */
	VEIKART_TYPE_DATE,     /**< A calendar date, YYYY-MM-DD. */
	VEIKART_TYPE_SCALE,    /**< A level (or special value) of a declared scale. */
	VEIKART_TYPE_EVIDENCE, /**< A document: URI, SHA-256 digest, approval. */
	VEIKART_TYPE_SIGNOFF,  /**< A sign-off by a person holding a role. */
	VEIKART_TYPE_DURATION  /**< A number of days (expressions only: `90d`). */
} veikart_type;

/** Whether something belongs to the initiative as a whole or to each rollout unit. */
typedef enum veikart_scope {
	VEIKART_SCOPE_INITIATIVE = 0, /**< One value or state for the initiative. */
	VEIKART_SCOPE_UNIT = 1        /**< One value or state per rollout unit. */
} veikart_scope;

/** Canonical phase kinds, so that tools can compare variants stage by stage. */
typedef enum veikart_phase_kind {
	VEIKART_PHASE_NEEDS = 0,  /**< Needs capture, anchoring, insight. */
	VEIKART_PHASE_PLANNING,   /**< Planning, decision basis, preparation. */
	VEIKART_PHASE_PILOT,      /**< Trial at limited scope. */
	VEIKART_PHASE_EVALUATION, /**< Evaluation of the pilot. */
	VEIKART_PHASE_ROLLOUT,    /**< Broad rollout. */
	VEIKART_PHASE_OPERATION,  /**< Operation, new practice, benefits follow-up. */
	VEIKART_PHASE_CLOSED,     /**< Ended (stopped or concluded). */
	VEIKART_PHASE_CUSTOM      /**< Anything else. */
} veikart_phase_kind;

/** Kinds of role. */
typedef enum veikart_role_kind {
	VEIKART_ROLE_PERSON = 0, /**< Held by individual people. */
	VEIKART_ROLE_BODY =
	        1 /**< A collective body (steering group, board) acting through its members. */
} veikart_role_kind;

/** Meaning of a special value on a scale. */
typedef enum veikart_special_meaning {
	VEIKART_SPECIAL_MISSING = 0,       /**< No rating could be given. */
	VEIKART_SPECIAL_MIXED = 1,         /**< Raters or sites disagree. */
	VEIKART_SPECIAL_NOT_APPLICABLE = 2 /**< The item does not apply here. */
} veikart_special_meaning;

/** How a criterion counts at its gate. */
typedef enum veikart_level {
	VEIKART_LEVEL_MUST = 0,   /**< Must be met for the gate to be ready. */
	VEIKART_LEVEL_SHOULD = 1, /**< Counts towards the weighted score. */
	VEIKART_LEVEL_INFO = 2    /**< Shown in the report; never blocks. */
} veikart_level;

/** How a gate turns criterion results into a verdict. */
typedef enum veikart_aggregation {
	VEIKART_AGGREGATION_MUST_THEN_SCORE =
	        0,                       /**< Every must met, then should-score >= threshold. */
	VEIKART_AGGREGATION_ALL = 1,     /**< Every must and should criterion met. */
	VEIKART_AGGREGATION_K_OF_N = 2,  /**< At least k of the must and should criteria met. */
	VEIKART_AGGREGATION_ADVISORY = 3 /**< A profile only; the gate never blocks. */
} veikart_aggregation;

/** The canonical meaning of a gate outcome. */
typedef enum veikart_outcome_kind {
	VEIKART_OUTCOME_GO = 0, /**< Move on to the target phase. */
	VEIKART_OUTCOME_CONDITIONAL_GO =
	        1,                   /**< Move on, with conditions that must be met by a date. */
	VEIKART_OUTCOME_HOLD = 2,    /**< Stay; decide again later. */
	VEIKART_OUTCOME_RECYCLE = 3, /**< Go back to an earlier (or the same) phase. */
	VEIKART_OUTCOME_STOP = 4,    /**< End the initiative. */
	VEIKART_OUTCOME_SKIP = 5,    /**< Jump over an optional phase to the target. */
	VEIKART_OUTCOME_CONTINUE = 6 /**< A recurring review passed; stay and carry on. */
} veikart_outcome_kind;

/** Kinds of criterion as written in the XML; all compile to an expression. */
typedef enum veikart_criterion_kind {
	VEIKART_CRITERION_EXPR = 0,  /**< A free expression. */
	VEIKART_CRITERION_CHECK,     /**< A yes/no fact must be true. */
	VEIKART_CRITERION_THRESHOLD, /**< A fact compared with a value. */
	VEIKART_CRITERION_EVIDENCE,  /**< A document must be attached (and approved). */
	VEIKART_CRITERION_SIGNOFF,   /**< A sign-off must be recorded. */
	VEIKART_CRITERION_SCALE,     /**< A rating compared with scale levels. */
	VEIKART_CRITERION_ELAPSED    /**< Enough (or not too much) time has passed. */
} veikart_criterion_kind;

/** @} */

VEIKART_END_DECL

#endif
