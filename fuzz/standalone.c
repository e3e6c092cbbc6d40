/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * A main() for a fuzz target when there is no libFuzzer (libgit2's
 * standalone driver): run LLVMFuzzerTestOneInput() once on every file named
 * on the command line and on every file of every directory named, so that
 * an ordinary build replays the corpora and each crash found once stays a
 * regression test.  Prints one line with the count on success; a target
 * that crashes or aborts is named on stderr with the file it was given.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Defined by the targets that need one-time set-up. */
extern int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* The file being run, for the crash message. */
static char current[4096];

static void write_all(const char *s)
{
	size_t len = strlen(s);
	ssize_t n;

	while (len > 0) {
		n = write(STDERR_FILENO, s, len);
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* Say which input brought the target down, then die of the same signal. */
static void on_crash(int sig)
{
	write_all("standalone: crashed on ");
	write_all(current);
	write_all("\n");
	signal(sig, SIG_DFL);
	raise(sig);
}

static int run_file(const char *path)
{
	struct stat st;
	uint8_t *data = NULL;
	FILE *f = NULL;
	size_t size;
	int rc = -1;

	snprintf(current, sizeof(current), "%s", path);
	f = fopen(path, "rb");
	if (f == NULL || fstat(fileno(f), &st) != 0) {
		fprintf(stderr, "standalone: %s: %s\n", path, strerror(errno));
		goto out;
	}
	size = (size_t)st.st_size;
	/* Exactly the size, so that ASan sees a read past the end; never 0. */
	data = malloc(size > 0 ? size : 1);
	if (data == NULL || fread(data, 1, size, f) != size) {
		fprintf(stderr, "standalone: %s: cannot read\n", path);
		goto out;
	}
	if (LLVMFuzzerTestOneInput(data, size) != 0) {
		fprintf(stderr, "standalone: %s: the target returned non-zero\n", path);
		goto out;
	}
	rc = 0;

out:
	free(data);
	if (f != NULL)
		fclose(f);
	return rc;
}

static int skip_entry(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* Run every file of @p dir in name order; count them in @p count.  Returns the failures. */
static int run_dir(const char *dir, size_t *count)
{
	struct dirent **entries = NULL;
	char path[4096];
	struct stat st;
	int i, n, failures = 0;

	n = scandir(dir, &entries, skip_entry, alphasort);
	if (n < 0) {
		fprintf(stderr, "standalone: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, entries[i]->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (run_file(path) != 0)
				failures++;
			(*count)++;
		}
		free(entries[i]);
	}
	free(entries);
	return failures;
}

int main(int argc, char **argv)
{
	static const int signals[] = { SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
	struct stat st;
	size_t i, count = 0;
	int a, failures = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE-OR-DIRECTORY...\n", argv[0]);
		return 2;
	}
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		signal(signals[i], on_crash);
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (a = 1; a < argc; a++) {
		if (stat(argv[a], &st) != 0) {
			fprintf(stderr, "standalone: %s: %s\n", argv[a], strerror(errno));
			failures++;
		} else if (S_ISDIR(st.st_mode)) {
			failures += run_dir(argv[a], &count);
		} else {
			if (run_file(argv[a]) != 0)
				failures++;
			count++;
		}
	}
	if (failures != 0) {
		fprintf(stderr, "standalone: %d of %zu input(s) failed\n", failures, count);
		return 1;
	}
	printf("%zu input(s) ran\n", count);
	return count > 0 ? 0 : 1;
}
