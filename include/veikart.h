/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_H
#define VEIKART_H

/**
 * @file veikart.h
 * @brief The whole public API of libveikart in one include.
 *
 * @mainpage libveikart
 *
 * libveikart models a structured rollout methodology for welfare technology
 * and digital services (the Norwegian Veikart for tjenesteinnovasjon and its
 * Nordic cousins) as a phase state machine whose gates carry criteria
 * loaded from XML.
 *
 * - @ref veikart_method "Methodologies": load, validate and read a definition.
 * - @ref veikart_expr "Expressions": the criteria language on its own.
 * - @ref veikart_initiative "Initiatives": facts, gates, decisions.
 * - @ref veikart_report "Gate reports", @ref veikart_event "events",
 *   the @ref veikart_journal "journal" and @ref veikart_export "reports for people".
 * - @ref veikart_diff "Comparing methodologies": what a variant changes.
 * - @ref veikart_diagnostics "Diagnostics" and @ref veikart_errors "errors".
 *
 * The user guide and the format reference are in the `docs/` folder of the
 * source tree.
 */

#include "veikart/common.h"
#include "veikart/version.h"
#include "veikart/errors.h"
#include "veikart/calendar.h"
#include "veikart/diagnostics.h"
#include "veikart/types.h"
#include "veikart/method.h"
#include "veikart/role.h"
#include "veikart/fact.h"
#include "veikart/unit_type.h"
#include "veikart/phase.h"
#include "veikart/gate.h"
#include "veikart/expr.h"
#include "veikart/report.h"
#include "veikart/hash.h"
#include "veikart/event.h"
#include "veikart/journal.h"
#include "veikart/initiative.h"
#include "veikart/unit.h"
#include "veikart/export.h"
#include "veikart/diff.h"
#include "veikart/sign.h"

#endif
