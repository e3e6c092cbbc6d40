/*
 * The file journal as a user sees it: creating, appending, reopening, the
 * lock, torn tails, damage named by event and line, group commit, failed
 * writes and failed allocations.  Events are made with the internal
 * builder, as the initiative engine makes them.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"

#include "event.h"
#include "journal.h"

#define HEADER "veikart-journal 1\n"
#define HEADER_LEN (sizeof(HEADER) - 1)
#define T0 INT64_C(1767225600) /* 2026-01-01T00:00:00Z */

/* A path for a test's journal, with nothing there yet. */
static char *temp_path(const char *name)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = malloc(4096);

	assert_non_null(path);
	snprintf(path, 4096, "%s/veikart-test-%ld-%s", dir, (long)getpid(), name);
	unlink(path);
	return path;
}

static long file_size(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (long)st.st_size;
}

static void write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void append_bytes(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_APPEND);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
}

/* Event `seq` of a test journal, chained to `prev`; its fields need escapes. */
static veikart_event *make_event(uint64_t seq, const char *prev)
{
	veikart__event_builder b;
	veikart_event *e = NULL;
	char value[32];

	snprintf(value, sizeof(value), "%" PRIu64, seq * 7);
	veikart__event_begin(&b, NULL, seq, T0 + (int64_t)seq, VEIKART_EVENT_SET, "Kari Nordmann");
	veikart__event_add(&b, "fact", "visits");
	veikart__event_add(&b, "value", value);
	veikart__event_add(&b, "rationale", "tab\there, back\\slash, line\nbreak");
	assert_int_equal(veikart__event_finish(&e, &b, prev), 0);
	veikart__event_builder_dispose(&b);
	return e;
}

static const char *last_hash(const veikart_journal *j)
{
	size_t n = veikart_journal_count(j);

	return n > 0 ? veikart_event_hash(veikart_journal_event(j, n - 1)) : VEIKART__HASH_ZERO;
}

/* Append `n` events that continue the journal, in one commit. */
static int append(veikart_journal *j, size_t n)
{
	veikart_event **evs = calloc(n, sizeof(*evs));
	const char *prev = last_hash(j);
	uint64_t seq = veikart_journal_count(j) + 1;
	size_t i;
	int rc;

	assert_non_null(evs);
	for (i = 0; i < n; i++) {
		evs[i] = make_event(seq + i, prev);
		prev = evs[i]->hash;
	}
	rc = veikart_journal_commit((const veikart_event *const *)evs, n, j);
	for (i = 0; i < n; i++)
		veikart__event_free(evs[i]);
	free(evs);
	return rc;
}

/* A journal of `n` events, appended one commit each. */
static void create_journal(const char *path, size_t n)
{
	veikart_journal_options o = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_journal *j = NULL;
	size_t i;

	unlink(path);
	o.flags = VEIKART_JOURNAL_CREATE;
	assert_int_equal(veikart_journal_open(&j, path, &o), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(append(j, 1), 0);
	veikart_journal_free(j);
}

static int open_with(veikart_journal **j, const char *path, unsigned int flags)
{
	veikart_journal_options o = VEIKART_JOURNAL_OPTIONS_INIT;

	o.flags = flags;
	return veikart_journal_open(j, path, &o);
}

static void test_journal_should_give_back_the_events_it_was_given(void **state)
{
	char *path = temp_path("roundtrip.vj");
	char hashes[6][VEIKART_HASH_HEX_LENGTH + 1], *text, *expected;
	veikart_journal *j = NULL;
	size_t i, len, rlen;
	const char *rec;

	(void)state;
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_CREATE), 0);
	assert_string_equal(veikart_journal_path(j), path);
	assert_int_equal(veikart_journal_count(j), 0);
	assert_int_equal(veikart_journal_torn_bytes(j), 0);
	assert_int_equal(append(j, 1), 0);
	assert_int_equal(append(j, 3), 0);
	assert_int_equal(append(j, 2), 0);
	/* The appended events are the journal's own copies: the caller's are gone. */
	assert_int_equal(veikart_journal_count(j), 6);
	for (i = 0; i < 6; i++) {
		assert_int_equal(veikart_event_seq(veikart_journal_event(j, i)), i + 1);
		strcpy(hashes[i], veikart_event_hash(veikart_journal_event(j, i)));
	}
	assert_null(veikart_journal_event(j, 6));
	veikart_journal_free(j);

	/* The file is the header and the records, nothing else. */
	text = test_read_file(path, &len);
	expected = malloc(len + 1);
	assert_non_null(expected);
	strcpy(expected, HEADER);
	for (i = 0; i < 6; i++) {
		veikart_event *e = make_event(i + 1, i == 0 ? VEIKART__HASH_ZERO : hashes[i - 1]);

		assert_string_equal(e->hash, hashes[i]);
		strcat(expected, e->record);
		veikart__event_free(e);
	}
	assert_string_equal(text, expected);
	free(expected);
	free(text);

	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_count(j), 6);
	assert_int_equal(veikart_journal_torn_bytes(j), 0);
	for (i = 0; i < 6; i++) {
		const veikart_event *e = veikart_journal_event(j, i);

		assert_int_equal(veikart_event_seq(e), i + 1);
		assert_string_equal(veikart_event_hash(e), hashes[i]);
		assert_string_equal(veikart_event_prev(e),
		                    i == 0 ? VEIKART__HASH_ZERO : hashes[i - 1]);
		assert_int_equal(veikart_event_time(e), T0 + (int64_t)i + 1);
		assert_string_equal(veikart_event_actor(e), "Kari Nordmann");
		assert_string_equal(veikart_event_field(e, "rationale"),
		                    "tab\there, back\\slash, line\nbreak");
		rec = veikart_event_record(e, &rlen);
		assert_int_equal(rlen, strlen(rec));
		assert_int_equal(rec[rlen - 1], '\n');
	}
	/* Appending after a reopen continues the chain. */
	assert_int_equal(append(j, 1), 0);
	assert_string_equal(veikart_event_prev(veikart_journal_event(j, 6)), hashes[5]);
	veikart_journal_free(j);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 7);
	veikart_journal_free(j);
	unlink(path);
	free(path);
}

static void test_journal_should_say_which_file_is_missing_existing_or_foreign(void **state)
{
	char *path = temp_path("files.vj"), *dir = temp_path("no-such-dir"), in_dir[4200];
	veikart_journal *j = (veikart_journal *)1;
	const veikart_error *err = veikart_error_last();

	(void)state;
	assert_int_equal(open_with(&j, path, 0), VEIKART_ENOTFOUND);
	assert_null(j);
	assert_true(test_contains(err->message, path));
	assert_true(test_contains(err->message, "does not exist"));
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), VEIKART_ENOTFOUND);
	snprintf(in_dir, sizeof(in_dir), "%s/j.vj", dir);
	assert_int_equal(open_with(&j, in_dir, VEIKART_JOURNAL_CREATE), VEIKART_ENOTFOUND);
	assert_true(test_contains(err->message, "directory does not exist"));

	create_journal(path, 2);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_CREATE), VEIKART_EEXISTS);
	assert_null(j);
	assert_true(test_contains(err->message, path));
	assert_true(test_contains(err->message, "already exists"));
	/* ...and the existing journal is untouched. */
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 2);
	veikart_journal_free(j);

	write_file(path, "<methodology/>\n", 15);
	assert_int_equal(open_with(&j, path, 0), VEIKART_EFORMAT);
	assert_null(j);
	assert_true(test_contains(err->message, " is not a veikart journal"));
	assert_string_equal(err->file, path);
	assert_int_equal(err->line, 1);
	/* A journal is a journal by its whole first line, not by a prefix. */
	write_file(path, "veikart-journal 10\n", 19);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), VEIKART_EFORMAT);
	assert_true(test_contains(err->message, "a format this library does not read"));
	assert_true(test_contains(err->message, "`veikart-journal 10`"));
	write_file(path, "veikart-journal 1\r\n", 19);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), VEIKART_EFORMAT);
	write_file(path, "Veikart-journal 1\n", 18);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), VEIKART_EFORMAT);
	/* No more than the header is a journal with no events. */
	write_file(path, HEADER, HEADER_LEN);
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_count(j), 0);
	veikart_journal_free(j);

	/* A directory is not a journal either. */
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(open_with(&j, dir, 0), VEIKART_EIO);
	assert_int_equal(open_with(&j, dir, VEIKART_JOURNAL_READONLY), VEIKART_EIO);
	assert_true(test_contains(err->message, "not a regular file"));
	rmdir(dir);
	unlink(path);
	free(dir);
	free(path);
}

/*
 * An empty file, or a part of the header, is what a crash while creating
 * a journal leaves: it holds no events, so it opens as an empty journal and
 * a writer finishes the header (rather than leaving a file that can be
 * neither opened nor created again).
 */
static void test_journal_should_finish_a_creation_a_crash_interrupted(void **state)
{
	char *path = temp_path("interrupted.vj"), *text;
	veikart_journal *j = NULL;
	size_t len;

	(void)state;
	write_file(path, "", 0);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 0);
	assert_int_equal(veikart_journal_torn_bytes(j), 0);
	veikart_journal_free(j);
	assert_int_equal(file_size(path), 0);
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_count(j), 0);
	assert_int_equal(append(j, 2), 0);
	veikart_journal_free(j);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 2);
	veikart_journal_free(j);

	write_file(path, "veikart-jour", 12);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_torn_bytes(j), 12);
	veikart_journal_free(j);
	assert_int_equal(file_size(path), 12);
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_count(j), 0);
	assert_int_equal(veikart_journal_torn_bytes(j), 12);
	veikart_journal_free(j);
	text = test_read_file(path, &len);
	assert_string_equal(text, HEADER);
	free(text);
	unlink(path);
	free(path);
}

static void test_journal_should_refuse_a_second_writer(void **state)
{
	char *path = temp_path("locked.vj"), msg[1200];
	veikart_journal *j = NULL, *reader = NULL, *again = NULL;
	int fds[2], status, rc = 0;
	ssize_t n, got = 0;
	pid_t pid;
	long size;

	(void)state;
	create_journal(path, 2);
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* Another process, as a second writer would be: report and leave. */
		veikart_journal *other = NULL;

		close(fds[0]);
		rc = veikart_journal_open(&other, path, NULL);
		snprintf(msg, sizeof(msg), "%d %s", rc, veikart_error_last()->message);
		if (write(fds[1], msg, strlen(msg)) < 0)
			_exit(2);
		veikart_journal_free(other);
		_exit(0);
	}
	close(fds[1]);
	while ((size_t)got < sizeof(msg) - 1) {
		n = read(fds[0], msg + got, sizeof(msg) - 1 - (size_t)got);
		if (n <= 0)
			break;
		got += n;
	}
	msg[got] = '\0';
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(sscanf(msg, "%d", &rc), 1);
	assert_int_equal(rc, VEIKART_ELOCKED);
	assert_true(test_contains(msg, path));
	assert_true(test_contains(msg, "is locked by another writer"));

	/* The same holds within one process: the lock belongs to the open journal. */
	assert_int_equal(open_with(&again, path, 0), VEIKART_ELOCKED);
	assert_null(again);

	/* A reader needs no lock, and cannot append. */
	size = file_size(path);
	assert_int_equal(open_with(&reader, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(reader), 2);
	assert_int_equal(append(reader, 1), VEIKART_ESTATE);
	assert_true(test_contains(veikart_error_last()->message, "read-only"));
	assert_int_equal(veikart_journal_count(reader), 2);
	assert_int_equal(file_size(path), size);

	/* Closing the writer releases the lock. */
	veikart_journal_free(j);
	assert_int_equal(open_with(&j, path, 0), 0);
	veikart_journal_free(j);
	veikart_journal_free(reader);
	unlink(path);
	free(path);
}

static void test_journal_should_cut_a_torn_tail_only_when_writing(void **state)
{
	char *path = temp_path("torn.vj");
	veikart_journal *j = NULL;
	veikart_event *next;
	long clean;

	(void)state;
	create_journal(path, 3);
	clean = file_size(path);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	next = make_event(4, last_hash(j));
	veikart_journal_free(j);
	/* Half of event 4, as a crash in the middle of its append leaves it. */
	append_bytes(path, next->record, next->record_len / 2);

	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 3);
	assert_int_equal(veikart_journal_torn_bytes(j), next->record_len / 2);
	veikart_journal_free(j);
	assert_int_equal(file_size(path), clean + (long)next->record_len / 2);

	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_count(j), 3);
	assert_int_equal(veikart_journal_torn_bytes(j), next->record_len / 2);
	assert_int_equal(file_size(path), clean);
	assert_int_equal(append(j, 1), 0);
	assert_string_equal(veikart_event_hash(veikart_journal_event(j, 3)), next->hash);
	veikart_journal_free(j);
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_count(j), 4);
	assert_int_equal(veikart_journal_torn_bytes(j), 0);
	veikart_journal_free(j);

	/* A whole record but for its line feed is an event: an editor or a
	 * copy may have dropped the final newline of an acknowledged one.  A
	 * writer puts the newline back. */
	create_journal(path, 3);
	append_bytes(path, next->record, next->record_len - 1);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 4);
	assert_int_equal(veikart_journal_torn_bytes(j), 0);
	veikart_journal_free(j);
	assert_int_equal(file_size(path), clean + (long)next->record_len - 1);
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_count(j), 4);
	assert_int_equal(file_size(path), clean + (long)next->record_len);
	assert_int_equal(append(j, 1), 0);
	veikart_journal_free(j);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 5);
	assert_int_equal(veikart_journal_torn_bytes(j), 0);
	veikart_journal_free(j);
	/* Less than that is torn, and cut off. */
	create_journal(path, 3);
	append_bytes(path, next->record, next->record_len - 2);
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_count(j), 3);
	assert_int_equal(veikart_journal_torn_bytes(j), next->record_len - 2);
	assert_int_equal(file_size(path), clean);
	veikart_journal_free(j);

	/* Zeros where the file system lost the data of an append are a tail too. */
	append_bytes(path, "\0\0\0\0\0\0\0\0", 8);
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_torn_bytes(j), 8);
	assert_int_equal(file_size(path), clean);
	veikart_journal_free(j);
	veikart__event_free(next);
	unlink(path);
	free(path);
}

/* Which event (1-based) the byte at `pos` belongs to, and where that starts. */
static size_t event_at(const char *text, size_t pos)
{
	size_t k = 0, i;

	for (i = HEADER_LEN; i <= pos; i++)
		if (i == HEADER_LEN || text[i - 1] == '\n')
			k++;
	return k;
}

static void test_journal_should_name_the_event_of_any_changed_byte(void **state)
{
	static const int replacements[] = { -1, '\n', '\0', '\t', '\\', 0xff };
	char *path = temp_path("sweep.vj"), *text, expect[64];
	const veikart_error *err = veikart_error_last();
	veikart_journal *j = NULL;
	size_t len, pos, r, k, last_start, checked = 0;
	unsigned char c;
	int fd, rc;

	(void)state;
	create_journal(path, 5);
	text = test_read_file(path, &len);
	for (last_start = len - 1; text[last_start - 1] != '\n'; last_start--)
		;
	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	for (pos = HEADER_LEN; pos < len; pos++) {
		for (r = 0; r < VEIKART__ARRAY_SIZE(replacements); r++) {
			/* -1: flip the lowest bit, the smallest change there is. */
			c = (unsigned char)(replacements[r] < 0 ? text[pos] ^ 1 : replacements[r]);
			if (c == (unsigned char)text[pos])
				continue;
			assert_int_equal(pwrite(fd, &c, 1, (off_t)pos), 1);
			rc = open_with(&j, path, VEIKART_JOURNAL_READONLY);
			k = event_at(text, pos);
			if (pos == len - 1) {
				/*
				 * The last record's line feed: without it that record
				 * is indistinguishable from an append cut short by a
				 * crash, which was never acknowledged.  So it is a torn
				 * tail (and a writer would cut it off), not damage.
				 */
				assert_int_equal(rc, 0);
				assert_int_equal(veikart_journal_count(j), 4);
				assert_int_equal(veikart_journal_torn_bytes(j), len - last_start);
				veikart_journal_free(j);
			} else {
				snprintf(expect, sizeof(expect), "event %zu (line %zu): ", k,
				         k + 1);
				if (rc != VEIKART_ECORRUPT || !test_contains(err->message, expect))
					fail_msg("byte %zu set to 0x%02x: got %d, `%s`; expected "
					         "damage to `%s`",
					         pos, c, rc, err->message, expect);
				assert_null(j);
				assert_string_equal(err->file, path);
				assert_int_equal(err->line, k + 1);
			}
			assert_int_equal(pwrite(fd, text + pos, 1, (off_t)pos), 1);
			checked++;
		}
	}
	close(fd);
	assert_true(checked > 5 * 100);
	/* Undone, every change leaves the journal as it was. */
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(veikart_journal_count(j), 5);
	veikart_journal_free(j);
	free(text);
	unlink(path);
	free(path);
}

/* Remove, repeat or replace whole records: the chain gives each away. */
static void test_journal_should_notice_missing_repeated_and_foreign_records(void **state)
{
	char *path = temp_path("records.vj"), *text, *edited;
	const veikart_error *err = veikart_error_last();
	size_t len, starts[7], n = 0, i;
	veikart_journal *j = NULL;
	veikart_event *foreign;

	(void)state;
	create_journal(path, 5);
	text = test_read_file(path, &len);
	edited = malloc(2 * len);
	assert_non_null(edited);
	for (i = HEADER_LEN; i < len; i++)
		if (i == HEADER_LEN || text[i - 1] == '\n')
			starts[n++] = i;
	starts[n] = len;
	assert_int_equal(n, 5);

	/* Without event 3, event 4 is on line 4 where event 3 should be. */
	memcpy(edited, text, starts[2]);
	memcpy(edited + starts[2], text + starts[3], len - starts[3]);
	write_file(path, edited, len - (starts[3] - starts[2]));
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), VEIKART_ECORRUPT);
	assert_true(test_contains(err->message, "event 4 (line 4): event 3 should be here"));
	assert_int_equal(err->line, 4);

	/* Event 2 twice. */
	memcpy(edited, text, starts[2]);
	memcpy(edited + starts[2], text + starts[1], starts[2] - starts[1]);
	memcpy(edited + starts[2] + (starts[2] - starts[1]), text + starts[2], len - starts[2]);
	write_file(path, edited, len + starts[2] - starts[1]);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), VEIKART_ECORRUPT);
	assert_true(test_contains(err->message, "event 2 (line 4): event 3 should be here"));

	/* Events 4 and 5 swapped. */
	memcpy(edited, text, starts[3]);
	memcpy(edited + starts[3], text + starts[4], len - starts[4]);
	memcpy(edited + starts[3] + (len - starts[4]), text + starts[3], starts[4] - starts[3]);
	write_file(path, edited, len);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), VEIKART_ECORRUPT);
	assert_true(test_contains(err->message, "event 5 (line 5): event 4 should be here"));

	/* A valid event 3 from another history: its own hash is right, its link is not. */
	foreign = make_event(3, VEIKART__HASH_ZERO);
	memcpy(edited, text, starts[2]);
	memcpy(edited + starts[2], foreign->record, foreign->record_len);
	memcpy(edited + starts[2] + foreign->record_len, text + starts[3], len - starts[3]);
	write_file(path, edited, starts[2] + foreign->record_len + len - starts[3]);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), VEIKART_ECORRUPT);
	assert_true(test_contains(err->message,
	                          "event 3 (line 4): its prev is not the hash of event 2"));
	veikart__event_free(foreign);

	/* A first event must start the chain. */
	foreign = make_event(1, text + starts[2] - 65);
	write_file(path, HEADER, HEADER_LEN);
	append_bytes(path, foreign->record, foreign->record_len);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), VEIKART_ECORRUPT);
	assert_true(test_contains(err->message, "event 1 (line 2): its prev is not 64 zeros"));
	veikart__event_free(foreign);

	/* Line feeds are record ends: an empty line is a damaged record. */
	memcpy(edited, text, starts[1]);
	edited[starts[1]] = '\n';
	memcpy(edited + starts[1] + 1, text + starts[1], len - starts[1]);
	write_file(path, edited, len + 1);
	assert_int_equal(open_with(&j, path, 0), VEIKART_ECORRUPT);
	assert_true(test_contains(err->message, "event 2 (line 3): "));
	free(edited);
	free(text);
	unlink(path);
	free(path);
}

static void test_journal_should_refuse_events_that_do_not_continue_it(void **state)
{
	char *path = temp_path("chain.vj");
	const veikart_error *err = veikart_error_last();
	veikart_event *evs[3];
	veikart_journal *j = NULL;
	const char *h2;
	long size;
	size_t i;

	(void)state;
	create_journal(path, 2);
	size = file_size(path);
	assert_int_equal(open_with(&j, path, 0), 0);
	h2 = last_hash(j);

	evs[0] = make_event(4, h2);
	assert_int_equal(veikart_journal_commit((const veikart_event *const *)evs, 1, j),
	                 VEIKART_ECORRUPT);
	assert_true(test_contains(err->message, "event 4 does not continue the journal"));
	assert_true(test_contains(err->message, "expects event 3"));
	veikart__event_free(evs[0]);

	evs[0] = make_event(3, VEIKART__HASH_ZERO);
	assert_int_equal(veikart_journal_commit((const veikart_event *const *)evs, 1, j),
	                 VEIKART_ECORRUPT);
	assert_true(test_contains(err->message, "its prev is not the hash"));
	veikart__event_free(evs[0]);

	/* One bad event in a batch: none of it is written. */
	evs[0] = make_event(3, h2);
	evs[1] = make_event(4, evs[0]->hash);
	evs[2] = make_event(5, h2);
	assert_int_equal(veikart_journal_commit((const veikart_event *const *)evs, 3, j),
	                 VEIKART_ECORRUPT);
	assert_true(test_contains(err->message, "event 5"));
	/* A record that does not match its own hash is refused too. */
	evs[1]->record[evs[1]->record_len - 2] ^= 1;
	assert_int_equal(veikart_journal_commit((const veikart_event *const *)evs, 2, j),
	                 VEIKART_ECORRUPT);
	assert_true(test_contains(err->message, "event 4 to append is damaged"));
	evs[1]->record[evs[1]->record_len - 2] ^= 1;
	assert_int_equal(veikart_journal_count(j), 2);
	assert_int_equal(file_size(path), size);

	assert_int_equal(veikart_journal_commit((const veikart_event *const *)evs, 2, j), 0);
	assert_int_equal(veikart_journal_count(j), 4);
	for (i = 0; i < 3; i++)
		veikart__event_free(evs[i]);
	veikart_journal_free(j);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 4);
	veikart_journal_free(j);
	unlink(path);
	free(path);
}

static void test_journal_should_sync_once_per_commit(void **state)
{
	char *path = temp_path("group.vj");
	veikart_journal *j = NULL;
	unsigned long before;

	(void)state;
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_CREATE), 0);
	/* Creating syncs the header, then the directory that names the file. */
	assert_int_equal(veikart__journal_syncs(j), 2);
	before = veikart__journal_syncs(j);
	assert_int_equal(append(j, 100), 0);
	assert_int_equal(veikart__journal_syncs(j), before + 1);
	assert_int_equal(append(j, 1), 0);
	assert_int_equal(veikart__journal_syncs(j), before + 2);
	/* Nothing to write, nothing to sync. */
	assert_int_equal(veikart_journal_commit(NULL, 0, j), 0);
	assert_int_equal(veikart__journal_syncs(j), before + 2);
	veikart_journal_free(j);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 101);
	assert_int_equal(veikart__journal_syncs(j), 0);
	veikart_journal_free(j);

	unlink(path);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_NO_SYNC), 0);
	assert_int_equal(append(j, 100), 0);
	assert_int_equal(append(j, 1), 0);
	assert_int_equal(veikart__journal_syncs(j), 0);
	veikart_journal_free(j);
	append_bytes(path, "12\t", 3);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_NO_SYNC), 0);
	assert_int_equal(veikart_journal_torn_bytes(j), 3);
	assert_int_equal(veikart_journal_count(j), 101);
	assert_int_equal(veikart__journal_syncs(j), 0);
	veikart_journal_free(j);
	unlink(path);
	free(path);
}

/* A write that fails half way (here: the file size limit) must take back what
 * it wrote, acknowledge nothing, and leave the journal usable. */
static void test_journal_should_take_back_a_failed_append(void **state)
{
	char *path = temp_path("efbig.vj");
	const veikart_error *err = veikart_error_last();
	struct rlimit saved, lim;
	veikart_journal *j = NULL;
	void (*handler)(int);
	long size;
	int rc;

	(void)state;
	create_journal(path, 2);
	size = file_size(path);
	assert_int_equal(open_with(&j, path, 0), 0);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	if (saved.rlim_cur != RLIM_INFINITY && saved.rlim_cur < (rlim_t)size + 4096)
		skip();
	lim = saved;
	lim.rlim_cur = (rlim_t)size + 10;
	handler = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	rc = append(j, 3);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, handler);

	assert_int_equal(rc, VEIKART_EIO);
	assert_true(test_contains(err->message, path));
	assert_true(test_contains(err->message, "cannot append"));
	assert_true(test_contains(err->message, strerror(EFBIG)));
	assert_int_equal(veikart_journal_count(j), 2);
	assert_int_equal(file_size(path), size);

	assert_int_equal(append(j, 3), 0);
	assert_int_equal(veikart_journal_count(j), 5);
	veikart_journal_free(j);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 5);
	assert_int_equal(veikart_journal_torn_bytes(j), 0);
	veikart_journal_free(j);
	unlink(path);
	free(path);
}

static void test_journal_should_survive_every_failed_allocation(void **state)
{
	char *path = temp_path("alloc.vj");
	veikart_journal_options o = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_journal *j = NULL;
	veikart_allocator a;
	test_counter c;
	long fail, size, live;
	struct stat st;
	size_t count;
	int rc;

	(void)state;
	/* Creating: a failure leaves no file behind to get in the way. */
	for (fail = 1;; fail++) {
		memset(&c, 0, sizeof(c));
		c.fail_at = fail;
		a = test_counting_allocator(&c);
		o.allocator = &a;
		o.flags = VEIKART_JOURNAL_CREATE;
		rc = veikart_journal_open(&j, path, &o);
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		assert_null(j);
		assert_int_equal(c.live, 0);
		assert_int_equal(stat(path, &st), -1);
		assert_true(fail < 100);
	}
	assert_true(fail > 2);
	c.fail_at = 0;
	assert_int_equal(append(j, 6), 0);
	veikart_journal_free(j);
	assert_int_equal(c.live, 0);

	/* Opening a journal with events. */
	for (fail = 1;; fail++) {
		memset(&c, 0, sizeof(c));
		c.fail_at = fail;
		a = test_counting_allocator(&c);
		o.allocator = &a;
		o.flags = 0;
		rc = veikart_journal_open(&j, path, &o);
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		assert_null(j);
		assert_int_equal(c.live, 0);
		assert_true(fail < 100);
	}
	assert_true(fail > 6);
	c.fail_at = 0;
	assert_int_equal(veikart_journal_count(j), 6);

	/* Committing: a failure writes nothing and keeps nothing. */
	for (fail = 1;; fail++) {
		count = veikart_journal_count(j);
		size = file_size(path);
		live = c.live;
		c.fail_at = c.calls + fail;
		rc = append(j, 3);
		c.fail_at = 0;
		if (rc == 0)
			break;
		assert_int_equal(rc, VEIKART_ENOMEM);
		assert_int_equal(veikart_journal_count(j), count);
		assert_int_equal(file_size(path), size);
		assert_int_equal(c.live, live);
		assert_true(fail < 100);
	}
	assert_true(fail > 3);
	assert_int_equal(veikart_journal_count(j), 9);
	veikart_journal_free(j);
	assert_int_equal(c.live, 0);
	assert_int_equal(open_with(&j, path, VEIKART_JOURNAL_READONLY), 0);
	assert_int_equal(veikart_journal_count(j), 9);
	veikart_journal_free(j);
	unlink(path);
	free(path);
}

static void test_journal_should_reject_null_and_bad_arguments(void **state)
{
	char *path = temp_path("args.vj");
	veikart_journal_options o = VEIKART_JOURNAL_OPTIONS_INIT;
	const veikart_event *none[1] = { NULL };
	veikart_journal *j = (veikart_journal *)1;

	(void)state;
	create_journal(path, 1);
	assert_int_equal(veikart_journal_open(NULL, path, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_journal_open(&j, NULL, NULL), VEIKART_EINVALID);
	assert_null(j);
	assert_int_equal(veikart_journal_open(&j, "", NULL), VEIKART_EINVALID);
	o.version = 0;
	assert_int_equal(veikart_journal_open(&j, path, &o), VEIKART_EVERSION);
	o.version = VEIKART_JOURNAL_OPTIONS_VERSION + 1;
	assert_int_equal(veikart_journal_open(&j, path, &o), VEIKART_EVERSION);
	o.version = VEIKART_JOURNAL_OPTIONS_VERSION;
	o.flags = 1u << 7;
	assert_int_equal(veikart_journal_open(&j, path, &o), VEIKART_EINVALID);
	o.flags = VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_READONLY;
	assert_int_equal(veikart_journal_open(&j, path, &o), VEIKART_EINVALID);

	assert_int_equal(veikart_journal_open(&j, path, NULL), 0);
	assert_int_equal(veikart_journal_commit(NULL, 1, j), VEIKART_EINVALID);
	assert_int_equal(veikart_journal_commit(none, 1, j), VEIKART_EINVALID);
	assert_int_equal(veikart_journal_commit(none, 1, NULL), VEIKART_EINVALID);
	assert_int_equal(veikart_journal_count(j), 1);
	veikart_journal_free(j);

	assert_null(veikart_journal_path(NULL));
	assert_int_equal(veikart_journal_count(NULL), 0);
	assert_null(veikart_journal_event(NULL, 0));
	assert_int_equal(veikart_journal_torn_bytes(NULL), 0);
	assert_int_equal(veikart__journal_syncs(NULL), 0);
	veikart_journal_free(NULL);
	unlink(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_journal_should_give_back_the_events_it_was_given),
		cmocka_unit_test(test_journal_should_say_which_file_is_missing_existing_or_foreign),
		cmocka_unit_test(test_journal_should_finish_a_creation_a_crash_interrupted),
		cmocka_unit_test(test_journal_should_refuse_a_second_writer),
		cmocka_unit_test(test_journal_should_cut_a_torn_tail_only_when_writing),
		cmocka_unit_test(test_journal_should_name_the_event_of_any_changed_byte),
		cmocka_unit_test(test_journal_should_notice_missing_repeated_and_foreign_records),
		cmocka_unit_test(test_journal_should_refuse_events_that_do_not_continue_it),
		cmocka_unit_test(test_journal_should_sync_once_per_commit),
		cmocka_unit_test(test_journal_should_take_back_a_failed_append),
		cmocka_unit_test(test_journal_should_survive_every_failed_allocation),
		cmocka_unit_test(test_journal_should_reject_null_and_bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
