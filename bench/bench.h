/*
 * bench.h: what the benchmark programs share: the clock, the command line
 * (--seconds S or a count), reading a file, and the one result line.
 * SPDX-License-Identifier: MIT
 *
 * Every program prints one line that bench/run reads, the same kind the
 * peers print:
 *
 *   NAME <TAB> COUNT <TAB> SECONDS <TAB> PER_SECOND [<TAB> more columns]
 *
 * COUNT things were done in SECONDS, PER_SECOND is the rate of the unit
 * the program names (events, criteria, loads, replays); further columns,
 * when a program has them, are described in its header comment.
 * bench_memory, which measures bytes rather than time, prints its name, the
 * events and then its byte counts.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "veikart.h"

/* Seconds on the monotonic clock. */
static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Print what failed, with the library's message, and exit. */
static inline void bench_die(const char *program, const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program, what, veikart_error_last()->message);
	exit(1);
}

/* How long to run: a fixed count when count > 0, else for seconds. */
typedef struct bench_args {
	double seconds;
	long count;
	const char *rest[16]; /* the arguments that are not options */
	int nrest;
} bench_args;

/*
 * Read [--seconds S | --COUNT_NAME N] [ARG...]; COUNT_NAME is the
 * program's word for its count ("lifecycles", "evaluations").  --count N
 * is accepted too.  Returns 0, or -1 after printing the usage.
 */
static inline int bench_parse(bench_args *a, int argc, char **argv, const char *count_name,
                              double default_seconds, const char *usage)
{
	char flag[64];
	int i;

	snprintf(flag, sizeof(flag), "--%s", count_name);
	a->seconds = default_seconds;
	a->count = 0;
	a->nrest = 0;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
			a->seconds = atof(argv[++i]);
			a->count = 0;
			if (a->seconds <= 0)
				goto usage;
		} else if ((strcmp(argv[i], flag) == 0 || strcmp(argv[i], "--count") == 0) &&
		           i + 1 < argc) {
			a->count = atol(argv[++i]);
			if (a->count < 1)
				goto usage;
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			goto usage;
		} else if (a->nrest < (int)(sizeof(a->rest) / sizeof(a->rest[0]))) {
			a->rest[a->nrest++] = argv[i];
		} else {
			goto usage;
		}
	}
	return 0;
usage:
	fprintf(stderr, "usage: %s [--seconds S | --%s N] %s\n", argv[0], count_name, usage);
	return -1;
}

/* Whether a run that has done DONE things since START should go on. */
static inline int bench_more(const bench_args *a, long done, double start)
{
	if (a->count > 0)
		return done < a->count;
	return bench_now() - start < a->seconds;
}

/* The whole file, NUL-terminated; NULL when it cannot be read. */
static inline char *bench_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0)
		goto out;
	n = ftell(f);
	if (n < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto out;
	data = malloc((size_t)n + 1);
	if (data == NULL)
		goto out;
	if (fread(data, 1, (size_t)n, f) != (size_t)n) {
		free(data);
		data = NULL;
		goto out;
	}
	data[n] = '\0';
	*size = (size_t)n;
out:
	fclose(f);
	return data;
}

#endif
