/*
 * Helpers shared by the unit tests.
 */
#ifndef VEIKART_TEST_SUPPORT_H
#define VEIKART_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "veikart.h"
#include "counting_alloc.h"

/* Path of a file under the source tree (static buffer, one per call site use). */
const char *test_path(const char *relative);
/* Read a whole file into a NUL-terminated malloc'd buffer; fails the test on error. */
char *test_read_file(const char *path, size_t *size);
/* Write a temporary file with the given contents; returns its path (malloc'd). */
char *test_write_temp(const char *name, const char *contents, size_t size);
/* True when `haystack` contains `needle`. */
int test_contains(const char *haystack, const char *needle);
/* Set a locale whose decimal point is a comma for `category` (LC_NUMERIC,
 * LC_ALL), as a host program in Norway, Sweden or Denmark may; fails the
 * test when none is installed.  Set "C" back with setlocale(). */
void test_decimal_comma_locale(int category);

#endif
