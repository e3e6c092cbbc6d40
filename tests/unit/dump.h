/*
 * A plain-text dump of everything the public accessors say about a
 * methodology: the golden output of the valid fixtures.
 */
#ifndef VEIKART_TEST_DUMP_H
#define VEIKART_TEST_DUMP_H

#include <stdio.h>

#include "veikart.h"

void dump_method(FILE *out, const veikart_method *m);

#endif
