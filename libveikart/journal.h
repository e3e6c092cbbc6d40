/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The journal inside the library: what tests and benchmarks may ask of it
 * beyond the public API.
 */
#ifndef VEIKART_JOURNAL_INTERNAL_H
#define VEIKART_JOURNAL_INTERNAL_H

#include "util.h"

/* How many syncs (fsync or fdatasync, of the file or of its directory) the
 * journal has asked for since it was opened, failed ones included: tests
 * use it to show that a commit of N events costs one sync. */
unsigned long veikart__journal_syncs(const veikart_journal *j);

#endif
