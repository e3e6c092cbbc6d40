/*
 * Helpers shared by the unit tests.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

const char *test_path(const char *relative)
{
	static char paths[8][4096];
	static int next;
	char *p = paths[next++ % 8];

	snprintf(p, 4096, "%s/%s", VEIKART_SOURCE_DIR, relative);
	return p;
}

char *test_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	data[n] = '\0';
	fclose(f);
	if (size)
		*size = (size_t)n;
	return data;
}

char *test_write_temp(const char *name, const char *contents, size_t size)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = malloc(4096);
	FILE *f;

	assert_non_null(path);
	snprintf(path, 4096, "%s/veikart-test-%ld-%s", dir, (long)getpid(), name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(contents, 1, size, f), size);
	fclose(f);
	return path;
}

int test_contains(const char *haystack, const char *needle)
{
	return haystack != NULL && needle != NULL && strstr(haystack, needle) != NULL;
}

void test_decimal_comma_locale(int category)
{
	static const char *const locales[] = { "nb_NO.UTF-8", "de_DE.UTF-8", "sv_SE.UTF-8",
		                               "fr_FR.UTF-8" };
	size_t i;

	for (i = 0; i < sizeof(locales) / sizeof(locales[0]); i++)
		if (setlocale(category, locales[i]) != NULL)
			return;
	fail_msg("no locale with a decimal comma is installed; tools/install-deps generates "
	         "nb_NO.UTF-8");
}
