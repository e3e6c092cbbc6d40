/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Fuzz target: a journal file, read back and replayed against the built-in
 * KS Veikart.  The input is written to a file of this process (under
 * $TMPDIR, else /dev/shm, else /tmp), opened read-only and every event
 * read; the events are replayed into an initiative, which is read and goes
 * round a snapshot.  A journal with a torn end is also opened for writing,
 * which cuts it off.  Then the same is done with one allocation failing,
 * which must fail with #VEIKART_ENOMEM or as before, and leak nothing.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "fuzz_initiative.h"

#define FUZZ_MAX_INPUT (256 * 1024)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static veikart_method *method;
static char path[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	veikart_load_options opts = VEIKART_LOAD_OPTIONS_INIT;
	const char *dir = getenv("TMPDIR");

	(void)argc;
	(void)argv;
	if (dir == NULL || *dir == '\0')
		dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(path, sizeof(path), "%s/veikart-fuzz-journal-%ld.vj", dir, (long)getpid());
	opts.flags = VEIKART_LOAD_NO_ENV | VEIKART_LOAD_NO_SYSTEM;
	FUZZ_CHECK(veikart_method_load(&method, VEIKART_DEFAULT_METHOD, &opts, NULL) == 0);
	return 0;
}

static int write_file(const uint8_t *data, size_t size)
{
	ssize_t n;
	size_t done = 0;
	int fd, rc = -1;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		goto out;
	while (done < size) {
		n = write(fd, data + done, size - done);
		if (n <= 0)
			goto out;
		done += (size_t)n;
	}
	rc = 0;

out:
	if (fd >= 0)
		close(fd);
	return rc;
}

static void read_event(const veikart_event *e)
{
	veikart_event *again = NULL;
	const char *record;
	size_t i, length = 0;

	FUZZ_CHECK(e != NULL);
	(void)veikart_event_seq(e);
	(void)veikart_event_time(e);
	fuzz_read(veikart_event_actor(e));
	fuzz_read(veikart_event_kind_name(veikart_event_kind_of(e)));
	for (i = 0; i < veikart_event_field_count(e); i++) {
		fuzz_read(veikart_event_field_key(e, i));
		fuzz_read(veikart_event_field_value(e, i));
		fuzz_read(veikart_event_field(e, veikart_event_field_key(e, i)));
	}
	fuzz_read(veikart_event_prev(e));
	/* A record the journal took in parses on its own to the same event. */
	record = veikart_event_record(e, &length);
	FUZZ_CHECK(record != NULL && strlen(record) == length);
	FUZZ_CHECK(veikart_event_parse(&again, record, length) == 0);
	FUZZ_CHECK(strcmp(veikart_event_hash(again), veikart_event_hash(e)) == 0);
	veikart_event_free(again);
}

/*
 * Open the file read-only and replay it, with allocation @p fail_at failing
 * (0: none); with @p check, read and check everything.  Returns the first
 * failure's code, or 0.
 */
static int replay(fuzz_counter *c, unsigned long fail_at, int check)
{
	veikart_allocator a = fuzz_allocator(c);
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_initiative_options io = VEIKART_INITIATIVE_OPTIONS_INIT;
	veikart_journal *j = NULL;
	veikart_initiative *in = NULL;
	size_t i;
	int rc;

	jo.allocator = &a;
	jo.flags = VEIKART_JOURNAL_READONLY;
	io.allocator = &a;
	io.clock = fuzz_clock;
	io.flags |= VEIKART_INITIATIVE_SIMULATED_CLOCK;
	fuzz_arm(c, fail_at);
	rc = veikart_journal_open(&j, path, &jo);
	if (rc != 0) {
		FUZZ_CHECK(j == NULL);
		goto out;
	}
	if (check) {
		fuzz_read(veikart_journal_path(j));
		(void)veikart_journal_torn_bytes(j);
		for (i = 0; i < veikart_journal_count(j); i++)
			read_event(veikart_journal_event(j, i));
		FUZZ_CHECK(veikart_journal_event(j, i) == NULL);
	}
	rc = veikart_initiative_replay(&in, method, j, &io);
	if (rc != 0) {
		FUZZ_CHECK(in == NULL);
		goto out;
	}
	FUZZ_CHECK(veikart_initiative_seq(in) == veikart_journal_count(j));
	if (check) {
		fuzz_read_initiative(in);
		fuzz_round_trip(in, &io);
	}

out:
	veikart_initiative_free(in);
	veikart_journal_free(j);
	FUZZ_CHECK(c->live == 0);
	return rc;
}

/* A torn end: a writer cuts it off and keeps every whole event, after which it is gone. */
static void cut_torn_end(void)
{
	veikart_journal_options jo = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_journal *j = NULL;
	size_t count, torn;

	jo.flags = VEIKART_JOURNAL_READONLY;
	if (veikart_journal_open(&j, path, &jo) != 0)
		goto out;
	count = veikart_journal_count(j);
	torn = veikart_journal_torn_bytes(j);
	veikart_journal_free(j);
	j = NULL;
	if (torn == 0)
		goto out;
	jo.flags = VEIKART_JOURNAL_NO_SYNC;
	FUZZ_CHECK(veikart_journal_open(&j, path, &jo) == 0);
	FUZZ_CHECK(veikart_journal_count(j) == count && veikart_journal_torn_bytes(j) == torn);
	veikart_journal_free(j);
	j = NULL;
	jo.flags = VEIKART_JOURNAL_READONLY;
	FUZZ_CHECK(veikart_journal_open(&j, path, &jo) == 0);
	FUZZ_CHECK(veikart_journal_count(j) == count && veikart_journal_torn_bytes(j) == 0);

out:
	veikart_journal_free(j);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_counter c = { 0, 0, 0 };
	unsigned long calls;
	int rc, rc_failing;

	if (size > FUZZ_MAX_INPUT)
		goto out;
	FUZZ_CHECK(write_file(data, size) == 0);
	rc = replay(&c, 0, 0);
	calls = c.calls;
	if (calls > 0) {
		rc_failing = replay(&c, fuzz_pick(data, size, calls), 0);
		FUZZ_CHECK(rc_failing == rc || rc_failing == VEIKART_ENOMEM);
	}
	(void)replay(&c, 0, 1);
	cut_torn_end();

out:
	unlink(path);
	return 0;
}
