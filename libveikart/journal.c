/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * The file journal: a header line, then one event record per line, only
 * ever appended to.  Opening reads and verifies the whole file and keeps
 * the events in memory; a commit writes its records with one write and one
 * sync, and only then adds them to the list.
 *
 * What a crash can leave, and what opening makes of it:
 * - an empty file, or a part of the header: the journal was being created
 *   and holds no events, so nothing acknowledged can be lost.  It opens as
 *   an empty journal (the partial header counts as torn bytes), and a
 *   writer writes the header.  Refusing it would leave a file that can be
 *   neither opened nor created until someone deletes it by hand.
 * - an incomplete last line: an append that never returned success.  It is
 *   reported as torn bytes, and a writer cuts it off.
 * Anything else that does not verify is damage, and opening refuses it.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "event.h"
#include "journal.h"
#include "method.h"
#include "sign.h"

#define HEADER "veikart-journal 1\n"
#define HEADER_LEN (sizeof(HEADER) - 1)
#define HEADER_NAME "veikart-journal "

#define KNOWN_FLAGS (VEIKART_JOURNAL_CREATE | VEIKART_JOURNAL_READONLY | VEIKART_JOURNAL_NO_SYNC)

struct veikart_journal {
	veikart_allocator alloc;
	char *path;
	int fd;
	unsigned int flags;
	veikart_event **events;
	size_t count;
	size_t cap;
	size_t size;      /* bytes of header and whole records: where the next append goes */
	size_t torn;      /* bytes of the incomplete last record found on opening */
	int headless;     /* an empty file or a partial header: creation was interrupted */
	int needs_cut;    /* a failed append could not be cut off yet */
	int unterminated; /* the last record is whole but lacks its newline */
	unsigned long syncs;
	const veikart_signer *signer; /* signs what is appended (veikart/sign.h) */
};

static const char *errno_text(int errnum)
{
	return errnum == ENOSPC ? "the disk is full" : strerror(errnum);
}

static int io_error(const veikart_journal *j, const char *what, int errnum)
{
	return veikart__error_set_at(VEIKART_EIO, j->path, 0, 0, "%s: %s: %s", j->path, what,
	                             errno_text(errnum));
}

static unsigned int line_number(unsigned long line)
{
	return line > UINT_MAX ? UINT_MAX : (unsigned int)line;
}

/* Every sync goes through here so that veikart__journal_syncs() counts them. */
static int sync_fd(veikart_journal *j, int fd, int data_only)
{
	int rc;

	if (j->flags & VEIKART_JOURNAL_NO_SYNC)
		return 0;
	j->syncs++;
	do {
		rc = data_only ? fdatasync(fd) : fsync(fd);
	} while (rc < 0 && errno == EINTR);
	return rc < 0 ? errno : 0;
}

/* A synced file can still vanish in a power cut if the directory entry that
 * names it is not on disk, so a writer syncs the directory before it
 * acknowledges anything: a crashed creation may have left the entry unsynced. */
static int sync_directory(veikart_journal *j)
{
	const char *slash = strrchr(j->path, '/');
	char *dir = NULL;
	int fd = -1, errnum, err = 0;

	if (j->flags & VEIKART_JOURNAL_NO_SYNC)
		goto out;
	if (slash == NULL)
		dir = veikart__strdup(&j->alloc, ".");
	else
		dir = veikart__strndup(&j->alloc, j->path,
		                       slash == j->path ? 1 : (size_t)(slash - j->path));
	if (dir == NULL) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		err = io_error(j, "cannot open its directory to sync it", errno);
		goto out;
	}
	errnum = sync_fd(j, fd, 0);
	/* Some file systems cannot sync a directory and say so with EINVAL;
	 * there is nothing more a program can do on them. */
	if (errnum != 0 && errnum != EINVAL)
		err = io_error(j, "cannot sync its directory", errnum);
out:
	if (fd >= 0)
		close(fd);
	veikart__free(&j->alloc, dir);
	return err;
}

static int write_at(int fd, const char *data, size_t len, size_t offset)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = pwrite(fd, data + done, len - done, (off_t)(offset + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno;
		/* No progress and no reason: do not spin. */
		if (n == 0)
			return EIO;
		done += (size_t)n;
	}
	return 0;
}

static int truncate_to(int fd, size_t size)
{
	int rc;

	do {
		rc = ftruncate(fd, (off_t)size);
	} while (rc < 0 && errno == EINTR);
	return rc < 0 ? errno : 0;
}

/* ---- opening --------------------------------------------------------------- */

static int open_file(veikart_journal *j)
{
	int oflags = O_CLOEXEC, errnum;

	if (j->flags & VEIKART_JOURNAL_READONLY)
		oflags |= O_RDONLY;
	else
		oflags |= O_RDWR;
	if (j->flags & VEIKART_JOURNAL_CREATE)
		oflags |= O_CREAT | O_EXCL;
	j->fd = open(j->path, oflags, 0666);
	if (j->fd < 0) {
		errnum = errno;
		if (errnum == EEXIST)
			return veikart__error_set_at(VEIKART_EEXISTS, j->path, 0, 0,
			                             "%s already exists", j->path);
		if (errnum == ENOENT && (j->flags & VEIKART_JOURNAL_CREATE))
			return veikart__error_set_at(VEIKART_ENOTFOUND, j->path, 0, 0,
			                             "%s cannot be created: its directory does "
			                             "not exist",
			                             j->path);
		if (errnum == ENOENT)
			return veikart__error_set_at(VEIKART_ENOTFOUND, j->path, 0, 0,
			                             "%s does not exist", j->path);
		return io_error(j, "cannot open", errnum);
	}
	if (j->flags & VEIKART_JOURNAL_READONLY)
		return 0;
	if (flock(j->fd, LOCK_EX | LOCK_NB) < 0) {
		errnum = errno;
		if (errnum == EWOULDBLOCK)
			return veikart__error_set_at(VEIKART_ELOCKED, j->path, 0, 0,
			                             "%s is locked by another writer", j->path);
		return io_error(j, "cannot lock", errnum);
	}
	return 0;
}

/*
 * Read the whole file.  Its size is only where to start: files under /proc
 * say 0 and a writer may be appending, so read until the end, growing the
 * buffer.  Two bytes more than the data stay free, for a newline the last
 * record may lack and a NUL.
 */
static int read_whole(veikart_journal *j, char **out, size_t *size)
{
	struct stat st;
	size_t got = 0, cap;
	char *data = NULL, *bigger;
	ssize_t n;
	int err = 0;

	*out = NULL;
	*size = 0;
	if (fstat(j->fd, &st) < 0) {
		err = io_error(j, "cannot read", errno);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err = veikart__error_set_at(VEIKART_EIO, j->path, 0, 0, "%s is not a regular file",
		                            j->path);
		goto out;
	}
	if ((uintmax_t)st.st_size >= SIZE_MAX / 2) {
		err = veikart__error_nomem();
		goto out;
	}
	cap = (size_t)st.st_size + 4096;
	data = veikart__malloc(&j->alloc, cap);
	if (data == NULL) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	for (;;) {
		if (cap - got < 2) {
			if (cap >= SIZE_MAX / 2) {
				err = veikart__error_nomem();
				goto out;
			}
			bigger = veikart__realloc(&j->alloc, data, cap * 2);
			if (bigger == NULL) {
				err = VEIKART_ENOMEM;
				goto out;
			}
			data = bigger;
			cap *= 2;
		}
		n = pread(j->fd, data + got, cap - got - 2, (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = io_error(j, "cannot read", errno);
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	data[got] = '\0';
	*out = data;
	*size = got;
	data = NULL;
out:
	veikart__free(&j->alloc, data);
	return err;
}

static int not_a_journal(const veikart_journal *j, const char *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	size_t len = nl ? (size_t)(nl - data) : size;

	if (size > strlen(HEADER_NAME) && memcmp(data, HEADER_NAME, strlen(HEADER_NAME)) == 0)
		return veikart__error_set_at(VEIKART_EFORMAT, j->path, 1, 0,
		                             "%s is a veikart journal in a format this library "
		                             "does not read (`%.*s`; it reads `veikart-journal 1`)",
		                             j->path, (int)(len > 40 ? 40 : len), data);
	return veikart__error_set_at(VEIKART_EFORMAT, j->path, 1, 0, "%s is not a veikart journal",
	                             j->path);
}

static int damaged(const veikart_journal *j, uint64_t seq, unsigned long line, const char *what)
{
	return veikart__error_set_at(VEIKART_ECORRUPT, j->path, line_number(line), 0,
	                             "%s: event %" PRIu64 " (line %lu): %s", j->path, seq, line,
	                             what);
}

static const char *last_hash(const veikart_journal *j)
{
	return j->count > 0 ? j->events[j->count - 1]->hash : VEIKART__HASH_ZERO;
}

/* Room in the list for one more event. */
static int room_for_one(veikart_journal *j)
{
	void *events = j->events;
	int err = veikart__grow(&j->alloc, &events, &j->cap, j->count + 1, sizeof(*j->events));

	if (err == 0)
		j->events = events;
	return err;
}

/* The rest of the file after the last newline, at P (LEN bytes, with
 * room for one more): a whole record without its newline, or torn bytes. */
static int last_record(veikart_journal *j, char *p, size_t len)
{
	char why[256];
	veikart_event *e = NULL;
	int err;

	j->torn = len;
	p[len] = '\n';
	err = veikart__event_parse(&e, p, len + 1, &j->alloc, why, sizeof(why));
	p[len] = '\0';
	if (err == VEIKART_ENOMEM)
		return veikart__error_nomem();
	if (err < 0)
		return 0;
	if (e->seq != (uint64_t)j->count + 1 ||
	    memcmp(e->prev, last_hash(j), VEIKART_HASH_HEX_LENGTH) != 0) {
		veikart__event_free(e);
		return 0;
	}
	err = room_for_one(j);
	if (err < 0) {
		veikart__event_free(e);
		return err;
	}
	j->events[j->count++] = e;
	j->size += len + 1;
	j->torn = 0;
	j->unterminated = 1;
	return 0;
}

/*
 * Parse and verify every whole line; the header is line 1, event k line
 * k + 1.  A last line without its newline is a whole record if it reads
 * as one, with its number and link in place: an editor or a copy may drop
 * the final newline, and the event was acknowledged.  Anything else there
 * is an incomplete record, torn bytes.  DATA has room for one more byte.
 */
static int load(veikart_journal *j, char *data, size_t size)
{
	char *p, *end = data + size, *nl;
	char why[256], what[320];
	unsigned long line = 1;
	veikart_event *e;
	uint64_t seq;
	int err;

	if (size < HEADER_LEN && memcmp(data, HEADER, size) == 0) {
		j->headless = 1;
		j->torn = size;
		return 0;
	}
	if (size < HEADER_LEN || memcmp(data, HEADER, HEADER_LEN) != 0)
		return not_a_journal(j, data, size);
	j->size = HEADER_LEN;
	for (p = data + HEADER_LEN; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL) {
			err = last_record(j, p, (size_t)(end - p));
			if (err < 0)
				return err;
			break;
		}
		line++;
		err = room_for_one(j);
		if (err < 0)
			return err;
		err = veikart__event_parse(&e, p, (size_t)(nl - p) + 1, &j->alloc, why,
		                           sizeof(why));
		if (err == VEIKART_ENOMEM)
			return veikart__error_nomem();
		if (err < 0)
			return damaged(j, (uint64_t)j->count + 1, line, why);
		if (e->seq != (uint64_t)j->count + 1) {
			snprintf(what, sizeof(what),
			         "event %zu should be here: events are missing, repeated or out "
			         "of order",
			         j->count + 1);
			seq = e->seq;
			veikart__event_free(e);
			return damaged(j, seq, line, what);
		}
		if (memcmp(e->prev, last_hash(j), VEIKART_HASH_HEX_LENGTH) != 0) {
			if (j->count == 0)
				snprintf(what, sizeof(what), "%s",
				         "its prev is not 64 zeros, as the first event's must be");
			else
				snprintf(what, sizeof(what),
				         "its prev is not the hash of event %zu: the chain is "
				         "broken",
				         j->count);
			veikart__event_free(e);
			return damaged(j, (uint64_t)j->count + 1, line, what);
		}
		j->events[j->count++] = e;
		j->size += (size_t)(nl - p) + 1;
	}
	return 0;
}

/* Make the file end where the journal does: write the header a crash kept
 * from being written, or cut off a torn tail. */
static int repair(veikart_journal *j)
{
	int errnum;

	if (j->headless) {
		errnum = truncate_to(j->fd, 0);
		if (errnum == 0)
			errnum = write_at(j->fd, HEADER, HEADER_LEN, 0);
		if (errnum != 0)
			return io_error(j, "cannot write the header", errnum);
		j->size = HEADER_LEN;
	} else if (j->torn > 0) {
		errnum = truncate_to(j->fd, j->size);
		if (errnum != 0)
			return io_error(j, "cannot cut off the incomplete last record", errnum);
	} else if (j->unterminated) {
		errnum = write_at(j->fd, "\n", 1, j->size - 1);
		if (errnum != 0)
			return io_error(j, "cannot end the last record with its newline", errnum);
		j->unterminated = 0;
	} else {
		return 0;
	}
	errnum = sync_fd(j, j->fd, 0);
	if (errnum != 0)
		return io_error(j, "cannot sync", errnum);
	return 0;
}

int veikart_journal_open(veikart_journal **out, const char *path,
                         const veikart_journal_options *opts)
{
	veikart_journal_options defaults = VEIKART_JOURNAL_OPTIONS_INIT;
	veikart_journal *j = NULL;
	char *data = NULL;
	size_t size;
	int created = 0, err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the journal");
	*out = NULL;
	if (path == NULL || path[0] == '\0')
		return veikart__error_set(VEIKART_EINVALID, "no journal file name");
	if (opts == NULL)
		opts = &defaults;
	err = veikart__check_version(opts->version, VEIKART_JOURNAL_OPTIONS_VERSION,
	                             "veikart_journal_options");
	if (err < 0)
		return err;
	if (opts->flags & ~(unsigned int)KNOWN_FLAGS)
		return veikart__error_set(VEIKART_EINVALID, "unknown journal flags 0x%x",
		                          opts->flags & ~(unsigned int)KNOWN_FLAGS);
	if ((opts->flags & VEIKART_JOURNAL_CREATE) && (opts->flags & VEIKART_JOURNAL_READONLY))
		return veikart__error_set(VEIKART_EINVALID,
		                          "a journal cannot be created read-only");

	j = veikart__calloc(opts->allocator, 1, sizeof(*j));
	if (j == NULL)
		return VEIKART_ENOMEM;
	j->alloc = *veikart__allocator_or_default(opts->allocator);
	j->fd = -1;
	j->flags = opts->flags;
	j->path = veikart__strdup(&j->alloc, path);
	if (j->path == NULL) {
		err = VEIKART_ENOMEM;
		goto out;
	}
	err = open_file(j);
	if (err < 0)
		goto out;
	created = (j->flags & VEIKART_JOURNAL_CREATE) != 0;
	err = read_whole(j, &data, &size);
	if (err < 0)
		goto out;
	/* A new file is empty, like one whose creation was interrupted, and
	 * gets its header the same way. */
	err = load(j, data, size);
	if (err < 0 || (j->flags & VEIKART_JOURNAL_READONLY))
		goto out;
	err = repair(j);
	if (err < 0)
		goto out;
	err = sync_directory(j);
out:
	veikart__free(&j->alloc, data);
	if (err < 0) {
		/* A journal that failed to come into being leaves nothing behind,
		 * so that creating it again does not find it in the way. */
		if (created)
			unlink(j->path);
		veikart_journal_free(j);
		return err;
	}
	*out = j;
	return 0;
}

void veikart_journal_free(veikart_journal *j)
{
	veikart_allocator alloc;
	size_t i;

	if (j == NULL)
		return;
	alloc = j->alloc;
	/* Closing the descriptor releases the lock. */
	if (j->fd >= 0)
		close(j->fd);
	for (i = 0; i < j->count; i++)
		veikart__event_free(j->events[i]);
	veikart__free(&alloc, j->events);
	veikart__free(&alloc, j->path);
	veikart__free(&alloc, j);
}

const char *veikart_journal_path(const veikart_journal *j)
{
	return j ? j->path : NULL;
}

size_t veikart_journal_count(const veikart_journal *j)
{
	return j ? j->count : 0;
}

const veikart_event *veikart_journal_event(const veikart_journal *j, size_t index)
{
	return j && index < j->count ? j->events[index] : NULL;
}

size_t veikart_journal_torn_bytes(const veikart_journal *j)
{
	return j ? j->torn : 0;
}

unsigned long veikart__journal_syncs(const veikart_journal *j)
{
	return j ? j->syncs : 0;
}

/* ---- appending ------------------------------------------------------------- */

/* Take an unacknowledged append back off the file.  If even that fails the
 * next commit tries again before it writes, so a stray tail never ends up
 * in front of acknowledged records. */
static int cut_back(veikart_journal *j)
{
	int errnum = truncate_to(j->fd, j->size);

	j->needs_cut = errnum != 0;
	/* Without a sync the cut may be undone by a crash; what comes back is
	 * whole records that were never acknowledged, or a torn tail, and
	 * either opens. */
	if (errnum == 0)
		sync_fd(j, j->fd, 1);
	return errnum;
}

/* Copy the events into the free slots after j->events[j->count - 1],
 * checking that they continue the chain.  Parsing the records again is
 * the one copy that needs nothing of the event's layout, and it checks
 * each record's hash too. */
static int take_copies(veikart_journal *j, const veikart_event *const *events, size_t count,
                       size_t *total)
{
	const char *prev = last_hash(j);
	veikart_event **slot = j->events + j->count;
	uint64_t expected;
	char why[256];
	size_t i;
	int err;

	*total = 0;
	for (i = 0; i < count; i++) {
		expected = (uint64_t)j->count + 1 + i;
		err = veikart__event_parse(&slot[i], events[i]->record, events[i]->record_len,
		                           &j->alloc, why, sizeof(why));
		if (err == VEIKART_ENOMEM)
			return veikart__error_nomem();
		if (err < 0)
			return veikart__error_set(VEIKART_ECORRUPT,
			                          "%s: event %" PRIu64 " to append is damaged: %s",
			                          j->path, events[i]->seq, why);
		if (slot[i]->seq != expected)
			return veikart__error_set(VEIKART_ECORRUPT,
			                          "%s: event %" PRIu64
			                          " does not continue the journal, which "
			                          "expects event %" PRIu64 " next",
			                          j->path, slot[i]->seq, expected);
		if (memcmp(slot[i]->prev, prev, VEIKART_HASH_HEX_LENGTH) != 0)
			return veikart__error_set(VEIKART_ECORRUPT,
			                          "%s: event %" PRIu64
			                          " does not continue the journal: its prev is "
			                          "not the hash of the event before it",
			                          j->path, slot[i]->seq);
		if (j->signer != NULL && slot[i]->key_id == NULL) {
			err = veikart__signer_sign(j->signer, &slot[i], &j->alloc);
			if (err < 0)
				return err;
		}
		prev = slot[i]->hash;
		if (slot[i]->record_len > SIZE_MAX - *total)
			return veikart__error_nomem();
		*total += slot[i]->record_len;
	}
	return 0;
}

int veikart_journal_commit(const veikart_event *const *events, size_t count, void *journal)
{
	veikart_journal *j = journal;
	veikart_event **slot;
	char *buf = NULL, *w;
	const char *data;
	size_t i, total = 0;
	void *grown;
	int errnum, err = 0;

	if (j == NULL || (events == NULL && count > 0))
		return veikart__error_set(VEIKART_EINVALID, "no journal or no events");
	for (i = 0; i < count; i++)
		if (events[i] == NULL)
			return veikart__error_set(VEIKART_EINVALID, "event %zu of %zu is NULL",
			                          i + 1, count);
	if (j->flags & VEIKART_JOURNAL_READONLY)
		return veikart__error_set_at(VEIKART_ESTATE, j->path, 0, 0,
		                             "%s is open read-only: nothing can be appended",
		                             j->path);
	if (count == 0)
		return 0;
	if (count > SIZE_MAX / sizeof(*j->events) - j->count)
		return veikart__error_nomem();

	/* Everything that can fail without touching the file comes first. */
	grown = j->events;
	err = veikart__grow(&j->alloc, &grown, &j->cap, j->count + count, sizeof(*j->events));
	if (err < 0)
		return err;
	j->events = grown;
	slot = j->events + j->count;
	memset(slot, 0, count * sizeof(*slot));
	err = take_copies(j, events, count, &total);
	if (err < 0)
		goto out;
	if (count == 1) {
		data = slot[0]->record;
	} else {
		buf = veikart__malloc(&j->alloc, total);
		if (buf == NULL) {
			err = VEIKART_ENOMEM;
			goto out;
		}
		for (i = 0, w = buf; i < count; i++) {
			memcpy(w, slot[i]->record, slot[i]->record_len);
			w += slot[i]->record_len;
		}
		data = buf;
	}
	if (j->needs_cut) {
		errnum = cut_back(j);
		if (errnum != 0) {
			err = io_error(j, "cannot cut off an earlier failed append", errnum);
			goto out;
		}
	}

	errnum = write_at(j->fd, data, total, j->size);
	if (errnum != 0) {
		err = io_error(j, "cannot append", errnum);
		(void)cut_back(j);
		goto out;
	}
	errnum = sync_fd(j, j->fd, 1);
	if (errnum != 0) {
		err = io_error(j, "cannot sync the append to disk", errnum);
		(void)cut_back(j);
		goto out;
	}
	j->count += count;
	j->size += total;
out:
	/* On failure the copies in the free slots go; on success they are the
	 * journal's and j->count already covers them. */
	if (err < 0)
		for (i = 0; i < count; i++)
			veikart__event_free(slot[i]);
	veikart__free(&j->alloc, buf);
	return err;
}

int veikart_journal_set_signer(veikart_journal *j, const veikart_signer *signer)
{
	if (j == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no journal");
	if ((j->flags & VEIKART_JOURNAL_READONLY) != 0)
		return veikart__error_set_at(VEIKART_ESTATE, j->path, 0, 0,
		                             "%s is open read-only: it appends nothing to sign",
		                             j->path);
	j->signer = signer;
	return 0;
}

int veikart_journal_options_init(veikart_journal_options *opts, unsigned int version)
{
	static const veikart_journal_options defaults = VEIKART_JOURNAL_OPTIONS_INIT;

	return veikart__options_init(opts, sizeof(*opts), &defaults, version,
	                             VEIKART_JOURNAL_OPTIONS_VERSION, "veikart_journal_options");
}

int veikart_journal_method(veikart_method **out, const veikart_journal *journal, const char *ref,
                           const veikart_load_options *opts, veikart_diagnostics **diags)
{
	static const char *const keys[] = { "method", "version", "digest" };
	const veikart_event *first;
	const char *v[3];
	int err;

	if (out != NULL)
		*out = NULL;
	if (out == NULL || journal == NULL)
		return veikart__error_set(VEIKART_EINVALID,
		                          "no place for the methodology or no journal");
	first = journal->count > 0 ? journal->events[0] : NULL;
	if (first == NULL)
		return veikart__error_set_at(VEIKART_ENOTFOUND, journal->path, 0, 0,
		                             "%s holds no events yet, so it names no methodology",
		                             journal->path);
	if (first->kind != VEIKART_EVENT_CREATE || veikart__event_fields(first, keys, 3, v) < 0)
		return veikart__error_set_at(VEIKART_ECORRUPT, journal->path, 2, 0,
		                             "%s: event 1 is not a `create` event naming its "
		                             "methodology",
		                             journal->path);
	/* A released version kept by its digest is the very document; the
	 * current file with the id may have been corrected since. */
	if (ref == NULL) {
		err = veikart__method_load_released(out, v[0], v[2], opts, diags);
		if (err != VEIKART_ENOTFOUND)
			return err;
	}
	err = veikart_method_load(out, ref != NULL ? ref : v[0], opts, diags);
	if (err < 0)
		return veikart__error_set(err, "%s (%s was recorded against methodology %s %s)",
		                          veikart_error_last()->message, journal->path, v[0], v[1]);
	if (strcmp(veikart_method_digest(*out), v[2]) == 0)
		return 0;
	err = veikart__error_set(VEIKART_EMISMATCH,
	                         "%s was recorded against methodology %s %s with digest %s, but "
	                         "%s is %s %s with digest %s: a different document",
	                         journal->path, v[0], v[1], v[2], veikart_method_file(*out),
	                         veikart_method_id(*out), veikart_method_version(*out),
	                         veikart_method_digest(*out));
	veikart_method_free(*out);
	*out = NULL;
	return err;
}
