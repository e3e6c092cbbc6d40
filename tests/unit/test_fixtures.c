/*
 * Data-driven loader tests (jansson style).
 *
 *   tests/fixtures/invalid/CASE/input.xml  a document with problems
 *   tests/fixtures/invalid/CASE/expected.txt  every diagnostic, as
 *       `veikart validate` prints them, file names relative to CASE/
 *   tests/fixtures/valid/CASE/input.xml  a document that loads
 *   tests/fixtures/valid/CASE/expected.txt  the dump of the loaded model
 *
 * Other .xml files in CASE/ are bases, found by id on the search path
 * (CASE/ only: the environment, the installed and built-in methodologies are
 * not searched).  Set VEIKART_UPDATE_FIXTURES=1 to write the actual output
 * as expected.txt, then review the difference before committing it.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "support.h"

typedef struct fixture {
	char dir[8192];
	int valid;
} fixture;

/* Replace every occurrence of the case directory by ".", so that expected
 * output does not depend on where the source tree is. */
static char *relative(char *text, const char *dir)
{
	size_t dlen = strlen(dir);
	char *p;

	for (p = strstr(text, dir); p != NULL; p = strstr(p + 1, dir)) {
		*p = '.';
		memmove(p + 1, p + dlen, strlen(p + dlen) + 1);
	}
	return text;
}

static char *run_case(const fixture *fx, int *rc)
{
	veikart_load_options opts = VEIKART_LOAD_OPTIONS_INIT;
	const char *path[2] = { fx->dir, NULL };
	veikart_diagnostics *diags = NULL;
	veikart_method *m = NULL;
	char input[8300], line[8192];
	const veikart_diagnostic *d;
	char *out = NULL;
	size_t size = 0, i, prefix = strlen(fx->dir) + 1;
	FILE *mem = open_memstream(&out, &size);

	assert_non_null(mem);
	snprintf(input, sizeof(input), "%s/input.xml", fx->dir);
	opts.search_path = path;
	opts.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM | VEIKART_LOAD_NO_BUILTIN;
	*rc = veikart_method_load_file(&m, input, &opts, &diags);
	for (i = 0; i < veikart_diagnostics_count(diags); i++) {
		veikart_diagnostic copy = *veikart_diagnostics_get(diags, i);
		d = &copy;
		if (strncmp(copy.file, fx->dir, prefix - 1) == 0 && copy.file[prefix - 1] == '/')
			copy.file += prefix;
		veikart_diagnostic_format(line, sizeof(line), d);
		fprintf(mem, "%s\n", line);
	}
	if (*rc == 0)
		dump_method(mem, m);
	fclose(mem);
	veikart_method_free(m);
	veikart_diagnostics_free(diags);
	return relative(out, fx->dir);
}

static void test_fixture(void **state)
{
	const fixture *fx = *state;
	char expected_path[8300];
	char *actual, *expected;
	FILE *f;
	int rc;

	actual = run_case(fx, &rc);
	snprintf(expected_path, sizeof(expected_path), "%s/expected.txt", fx->dir);
	if (getenv("VEIKART_UPDATE_FIXTURES") != NULL) {
		f = fopen(expected_path, "w");
		assert_non_null(f);
		fputs(actual, f);
		fclose(f);
	}
	expected = test_read_file(expected_path, NULL);
	if (strcmp(actual, expected) != 0) {
		print_error("%s\n--- expected\n%s--- actual\n%s", fx->dir, expected, actual);
		fail();
	}
	if (fx->valid) {
		assert_int_equal(rc, 0);
	} else {
		/* The first error is also the thread's last error. */
		assert_true(rc < 0);
		assert_int_equal(veikart_error_last()->code, rc);
		assert_true(strlen(veikart_error_last()->message) > 0);
	}
	free(actual);
	free(expected);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct CMUnitTest *)a)->name, ((const struct CMUnitTest *)b)->name);
}

int main(void)
{
	static const char *const kinds[] = { "valid", "invalid" };
	struct CMUnitTest *tests = NULL, *grown;
	size_t n = 0, cap = 0, i, k;
	struct dirent *e;
	fixture *fx;
	char dir[4096];
	int failed;
	DIR *d;

	for (k = 0; k < 2; k++) {
		snprintf(dir, sizeof(dir), "%s/tests/fixtures/%s", VEIKART_SOURCE_DIR, kinds[k]);
		d = opendir(dir);
		if (d == NULL)
			continue;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				grown = realloc(tests, cap * sizeof(*tests));
				if (grown == NULL)
					abort();
				tests = grown;
			}
			fx = calloc(1, sizeof(*fx));
			if (fx == NULL)
				abort();
			snprintf(fx->dir, sizeof(fx->dir), "%s/%s", dir, e->d_name);
			fx->valid = k == 0;
			memset(&tests[n], 0, sizeof(tests[n]));
			tests[n].name =
			        strdup(fx->dir + strlen(VEIKART_SOURCE_DIR "/tests/fixtures/"));
			if (tests[n].name == NULL)
				abort();
			tests[n].test_func = test_fixture;
			tests[n].initial_state = fx;
			n++;
		}
		closedir(d);
	}
	qsort(tests, n, sizeof(*tests), by_name);
	failed = _cmocka_run_group_tests("fixtures", tests, n, NULL, NULL);
	for (i = 0; i < n; i++) {
		free((char *)tests[i].name);
		free(tests[i].initial_state);
	}
	free(tests);
	return failed;
}
