/*
 * bench_load: loading a methodology against a bare libxml2 parse of the
 * same bytes, in the same process.
 * SPDX-License-Identifier: MIT
 *
 * veikart_method_load_buffer() reads the document, validates it against the
 * schema, checks its meaning, merges it over its base (and overlays) when it
 * extends one, and compiles every expression.  The bare parse is what any
 * program that reads the file at all must pay: xmlReadMemory() and
 * xmlFreeDoc() of the same bytes, and of the base's and overlays' bytes too
 * when the methodology extends one (the load reads those as well).
 *
 * The two alternate, one load then one parse, so that both see the same
 * machine; the ratio is of their medians.
 *
 * Usage: bench_load [--seconds S | --rounds N] [FILE.xml...]
 *        (default: every methodology shipped in methodologies/, S per file)
 * Prints one line per file: load:ID, loads, seconds spent loading, loads
 * per second (from the median), bare parses per second (from the median),
 * the ratio of the medians, bytes parsed.
 */
#include <dirent.h>
#include <libxml/parser.h>

#include "bench.h"

#define PROGRAM "bench_load"

#ifndef BENCH_METHODOLOGIES_DIR
#define BENCH_METHODOLOGIES_DIR "methodologies"
#endif

#define MAX_PARTS 8

typedef struct doc {
	char path[1024];
	char *data;
	size_t size;
} doc;

/* The document and every file its load also reads (its bases and
 * overlays), found in its own directory. */
typedef struct subject {
	doc parts[MAX_PARTS];
	size_t nparts;
	size_t bytes;
	char id[128];
	const char *dirs[2];
	char dir[1024];
} subject;

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

static int add_part(subject *s, const char *path)
{
	size_t i;

	for (i = 0; i < s->nparts; i++)
		if (strcmp(s->parts[i].path, path) == 0)
			return 0;
	if (s->nparts == MAX_PARTS)
		return -1;
	snprintf(s->parts[s->nparts].path, sizeof(s->parts[0].path), "%s", path);
	s->parts[s->nparts].data = bench_read_file(path, &s->parts[s->nparts].size);
	if (s->parts[s->nparts].data == NULL) {
		fprintf(stderr, "%s: cannot read %s\n", PROGRAM, path);
		return -1;
	}
	s->bytes += s->parts[s->nparts].size;
	s->nparts++;
	return 0;
}

static int load(veikart_method **m, const subject *s)
{
	veikart_load_options lo = VEIKART_LOAD_OPTIONS_INIT;

	lo.search_path = s->dirs;
	lo.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	return veikart_method_load_buffer(m, s->parts[0].data, s->parts[0].size, s->parts[0].path,
	                                  &lo, NULL);
}

/* Whether the document is an overlay, which is only loaded as part of the
 * methodologies that take it in. */
static int is_overlay(const doc *d)
{
	const char *root = strstr(d->data, "<methodology"), *end;

	if (root == NULL)
		return 0;
	end = strchr(root, '>');
	if (end == NULL)
		return 0;
	return (strstr(root, "overlay=\"true\"") != NULL &&
	        strstr(root, "overlay=\"true\"") < end) ||
	       (strstr(root, "overlay='true'") != NULL && strstr(root, "overlay='true'") < end);
}

/* Find the files a load of PATH reads: the file, its bases, its overlays.
 * Returns 1 for an overlay, which is not measured alone. */
static int prepare(subject *s, const char *path)
{
	veikart_method *m = NULL, *base = NULL;
	const char *slash = strrchr(path, '/'), *next;
	char file[1200];
	size_t i;
	int err = -1;

	memset(s, 0, sizeof(*s));
	if (slash == NULL)
		snprintf(s->dir, sizeof(s->dir), ".");
	else
		snprintf(s->dir, sizeof(s->dir), "%.*s", (int)(slash - path), path);
	s->dirs[0] = s->dir;
	s->dirs[1] = NULL;
	if (add_part(s, path) < 0)
		goto out;
	if (is_overlay(&s->parts[0])) {
		err = 1;
		goto out;
	}
	if (load(&m, s) < 0) {
		fprintf(stderr, "%s: %s: %s\n", PROGRAM, path, veikart_error_last()->message);
		goto out;
	}
	snprintf(s->id, sizeof(s->id), "%s", veikart_method_id(m));
	for (i = 0; i < veikart_method_overlay_count(m); i++) {
		snprintf(file, sizeof(file), "%s/%s.xml", s->dir, veikart_method_overlay(m, i));
		if (add_part(s, file) < 0)
			goto out;
	}
	/* Bases, each loaded alone to learn what it extends in turn. */
	next = veikart_method_extends(m);
	while (next != NULL) {
		snprintf(file, sizeof(file), "%s/%s.xml", s->dir, next);
		if (add_part(s, file) < 0)
			goto out;
		veikart_method_free(base);
		base = NULL;
		if (veikart_method_load_file(&base, file, NULL, NULL) < 0)
			goto out;
		next = veikart_method_extends(base);
	}
	err = 0;
out:
	veikart_method_free(base);
	veikart_method_free(m);
	return err;
}

static void release(subject *s)
{
	size_t i;

	for (i = 0; i < s->nparts; i++)
		free(s->parts[i].data);
}

static double bare_parse(const subject *s)
{
	double start = bench_now();
	xmlDocPtr d;
	size_t i;

	for (i = 0; i < s->nparts; i++) {
		d = xmlReadMemory(s->parts[i].data, (int)s->parts[i].size, NULL, NULL,
		                  XML_PARSE_NONET);
		if (d == NULL) {
			fprintf(stderr, "%s: libxml2 cannot parse %s\n", PROGRAM, s->parts[i].path);
			exit(1);
		}
		xmlFreeDoc(d);
	}
	return bench_now() - start;
}

static double library_load(const subject *s)
{
	veikart_method *m = NULL;
	double start = bench_now(), t;

	if (load(&m, s) < 0)
		bench_die(PROGRAM, s->parts[0].path);
	veikart_method_free(m);
	t = bench_now() - start;
	return t;
}

static int measure(const bench_args *a, const char *path)
{
	double *lib = NULL, *bare = NULL, start, spent = 0, mlib, mbare;
	size_t n = 0, cap = 0;
	subject s;
	int i, err = -1;

	err = prepare(&s, path);
	if (err != 0) {
		if (err > 0)
			fprintf(stderr,
			        "%s: %s is an overlay, measured in the methodologies that take it "
			        "in\n",
			        PROGRAM, path);
		err = err > 0 ? 0 : -1;
		goto out;
	}
	err = -1;
	for (i = 0; i < 5; i++) { /* warm up */
		library_load(&s);
		bare_parse(&s);
	}
	start = bench_now();
	while (bench_more(a, (long)n, start)) {
		if (n == cap) {
			double *l2, *b2;

			cap = cap ? 2 * cap : 256;
			l2 = realloc(lib, cap * sizeof(*lib));
			if (l2 != NULL)
				lib = l2;
			b2 = realloc(bare, cap * sizeof(*bare));
			if (b2 != NULL)
				bare = b2;
			if (l2 == NULL || b2 == NULL)
				goto out;
		}
		lib[n] = library_load(&s);
		bare[n] = bare_parse(&s);
		spent += lib[n];
		n++;
	}
	qsort(lib, n, sizeof(*lib), cmp_double);
	qsort(bare, n, sizeof(*bare), cmp_double);
	mlib = lib[n / 2];
	mbare = bare[n / 2];
	printf("load:%s\t%zu\t%.6f\t%.1f\t%.1f\t%.3f\t%zu\n", s.id, n, spent, 1.0 / mlib,
	       1.0 / mbare, mlib / mbare, s.bytes);
	fflush(stdout);
	err = 0;
out:
	release(&s);
	free(lib);
	free(bare);
	return err;
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

int main(int argc, char **argv)
{
	char *files[64], path[1200];
	struct dirent *e;
	size_t nfiles = 0, i, len;
	bench_args a;
	DIR *d;
	int status = 0;

	if (bench_parse(&a, argc, argv, "rounds", 0.5, "[FILE.xml...]") < 0)
		return 2;
	xmlInitParser();
	if (a.nrest > 0) {
		for (i = 0; i < (size_t)a.nrest; i++)
			status |= measure(&a, a.rest[i]) < 0;
		return status;
	}
	/* Every shipped methodology, ks-veikart (the default) first. */
	d = opendir(BENCH_METHODOLOGIES_DIR);
	if (d == NULL) {
		fprintf(stderr, "%s: cannot read %s\n", PROGRAM, BENCH_METHODOLOGIES_DIR);
		return 1;
	}
	for (e = readdir(d); e != NULL && nfiles < 64; e = readdir(d)) {
		len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 4, ".xml") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", BENCH_METHODOLOGIES_DIR, e->d_name);
		files[nfiles] = strdup(path);
		if (files[nfiles] != NULL)
			nfiles++;
	}
	closedir(d);
	qsort(files, nfiles, sizeof(files[0]), by_name);
	snprintf(path, sizeof(path), "%s/%s.xml", BENCH_METHODOLOGIES_DIR, VEIKART_DEFAULT_METHOD);
	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i], path) == 0)
			status |= measure(&a, files[i]) < 0;
	for (i = 0; i < nfiles; i++) {
		if (strcmp(files[i], path) != 0)
			status |= measure(&a, files[i]) < 0;
		free(files[i]);
	}
	return status;
}
