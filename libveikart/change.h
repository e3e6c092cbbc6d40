/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Applying an event goes in two steps: decoding checks it against the
 * rules and prepares everything it will change (a veikart__change), and
 * committing, which cannot fail, puts the prepared change in place once
 * the commit hook has accepted it.  decode.c decodes and commits every kind
 * of event, asking the files of the concerns for theirs: decisions
 * (decision.c) and units (unit.c).
 */
#ifndef VEIKART_CHANGE_INTERNAL_H
#define VEIKART_CHANGE_INTERNAL_H

#include "initiative.h"

/* What an event will change, prepared before the hook is asked. */
typedef struct veikart__change {
	const veikart_event *ev;
	veikart_unit *unit;                /* the unit it is about; NULL: the initiative */
	veikart_unit *added;               /* unit-add */
	char *strings;                     /* create: id, title, creator */
	const veikart_phase *phase;        /* create: the start phase */
	char *person;                      /* assign */
	const veikart_role *role;          /* assign, unassign */
	size_t index;                      /* unassign: which assignment */
	veikart__step_rec step;            /* step */
	size_t slot;                       /* fact events */
	veikart__fact_rec *rec;            /* fact events; NULL for clear */
	veikart_decision *decision;        /* decide */
	veikart__condition_rec *condition; /* condition-met */
	char *actor;                       /* condition-met */
} veikart__change;

/* Decode one event into C (C->ev set, the rest zeroed), against the
 * initiative as it stands.  LIVE is the report a live decision was taken
 * on (NULL on replay); a decision that keeps it sets *LIVE to NULL. */
int veikart__decode(veikart_initiative *in, veikart__change *c, veikart_report **live);
/* Put a decoded change in place; cannot fail. */
void veikart__commit(veikart_initiative *in, veikart__change *c);
/* Free what a change prepared and did not put in place. */
void veikart__change_release(veikart_initiative *in, veikart__change *c);

/* The decoders of decision.c and unit.c, for veikart__decode(). */
int veikart__decode_decide(veikart_initiative *in, veikart__change *c, veikart_report **live);
int veikart__decode_condition(veikart_initiative *in, veikart__change *c);
int veikart__decode_unit_add(veikart_initiative *in, veikart__change *c);

#endif
