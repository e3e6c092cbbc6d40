/*
 * iofault: an LD_PRELOAD shim that makes file I/O fail the way a full disk,
 * a read-only file system or a failing device does, for files under one
 * directory only.  The fault tests run as root, where chmod cannot make a
 * directory read-only, and may not mount a small file system.
 *
 * Configured by the environment, read on every call, so that a program may
 * change it as it runs (unsetenv("IOFAULT_ENOSPC_AFTER") is space freed):
 *
 *   IOFAULT_PREFIX=PATH         only the file PATH, or the directory PATH and
 *                               the files under it, are affected; without it
 *                               nothing is.  An absolute path.
 *   IOFAULT_ENOSPC_AFTER=N      the disk fills after N more bytes written to
 *                               files under PATH by this process: the write
 *                               that reaches N writes what fits and returns a
 *                               short count, the next fails with ENOSPC, as
 *                               write(2) does on a full disk.
 *   IOFAULT_FSYNC_ERRNO=EIO     fsync and fdatasync of files under PATH fail
 *                               with this error (EIO or ENOSPC).
 *   IOFAULT_OPEN_ERRNO=EROFS    opening a file under PATH to write or create it
 *                               fails with this error (EROFS or EACCES);
 *                               opening to read still works.
 *   IOFAULT_KILL_AFTER_WRITES=N the process kills itself with SIGKILL right
 *                               after its Nth write to a file under PATH:
 *                               a crash at a chosen moment.
 *
 * Paths are compared as given, made absolute with the working directory
 * (or the directory descriptor of openat); a descriptor's path is read from
 * /proc/self/fd.  The byte count is per process and not thread-safe: the
 * programs under test write from one thread.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static unsigned long long written; /* bytes written under the prefix */

/* The next definition of NAME (libc's, or a sanitizer's in front of it),
 * stored in FN, a pointer to a function pointer: ISO C has no cast from
 * dlsym's object pointer to a function pointer. */
static void next_fn(void *fn, const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (p == NULL) {
		/* Nothing sensible can go on without the real function. */
		fprintf(stderr, "iofault: no next %s: %s\n", name, dlerror());
		abort();
	}
	memcpy(fn, &p, sizeof(p));
}

#define REAL(type, name, ...)                    \
	static type (*real_##name)(__VA_ARGS__); \
	if (real_##name == NULL)                 \
	next_fn(&real_##name, #name)

static int errno_named(const char *name)
{
	static const struct {
		const char *name;
		int value;
	} known[] = {
		{ "EIO", EIO },       { "ENOSPC", ENOSPC }, { "EROFS", EROFS },
		{ "EACCES", EACCES }, { "EPERM", EPERM },   { "EDQUOT", EDQUOT },
	};
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(name, known[i].name) == 0)
			return known[i].value;
	return EIO;
}

/* The prefix, without a trailing slash; NULL when the shim is off. */
static const char *prefix(size_t *len)
{
	const char *p = getenv("IOFAULT_PREFIX");

	if (p == NULL || p[0] != '/')
		return NULL;
	*len = strlen(p);
	while (*len > 1 && p[*len - 1] == '/')
		(*len)--;
	return p;
}

static int under_prefix(const char *path)
{
	size_t len;
	const char *p = prefix(&len);

	if (p == NULL || strncmp(path, p, len) != 0)
		return 0;
	return path[len] == '\0' || path[len] == '/' || len == 1;
}

static int fd_under_prefix(int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t n;
	size_t len;

	if (prefix(&len) == NULL)
		return 0;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n < 0)
		return 0;
	path[n] = '\0';
	return under_prefix(path);
}

/* DIRFD/PATH made absolute, in BUF; 0 when it cannot be. */
static int absolute(char *buf, size_t size, int dirfd, const char *path)
{
	char link[64], dir[PATH_MAX];
	ssize_t n;

	if (path == NULL)
		return 0;
	if (path[0] == '/') {
		snprintf(buf, size, "%s", path);
		return 1;
	}
	if (dirfd == AT_FDCWD) {
		if (getcwd(dir, sizeof(dir)) == NULL)
			return 0;
	} else {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
		n = readlink(link, dir, sizeof(dir) - 1);
		if (n < 0)
			return 0;
		dir[n] = '\0';
	}
	snprintf(buf, size, "%s/%s", dir, path);
	return 1;
}

/* The error opening DIRFD/PATH with FLAGS must fail with, or 0. */
static int open_fault(int dirfd, const char *path, int flags)
{
	const char *e = getenv("IOFAULT_OPEN_ERRNO");
	char abs[PATH_MAX + 256];
	int writing = (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC));

	if (e == NULL || !writing || !absolute(abs, sizeof(abs), dirfd, path))
		return 0;
	return under_prefix(abs) ? errno_named(e) : 0;
}

/* How many of LEN bytes may be written to FD: LEN when there is room (or
 * FD is not under the prefix), fewer when the disk fills on the way, and
 * -1 with errno ENOSPC when it is full. */
static ssize_t room(int fd, size_t len)
{
	const char *limit = getenv("IOFAULT_ENOSPC_AFTER");
	unsigned long long max;
	char *end;

	if (limit == NULL || len == 0 || !fd_under_prefix(fd))
		return (ssize_t)len;
	max = strtoull(limit, &end, 10);
	if (*end != '\0')
		return (ssize_t)len;
	if (written >= max) {
		errno = ENOSPC;
		return -1;
	}
	return max - written < len ? (ssize_t)(max - written) : (ssize_t)len;
}

static void count(int fd, ssize_t n)
{
	static unsigned long long writes;
	const char *kill_after = getenv("IOFAULT_KILL_AFTER_WRITES");

	if (n > 0 && getenv("IOFAULT_ENOSPC_AFTER") != NULL && fd_under_prefix(fd))
		written += (unsigned long long)n;
	if (n > 0 && kill_after != NULL && fd_under_prefix(fd) &&
	    ++writes == strtoull(kill_after, NULL, 10))
		raise(SIGKILL);
}

static int sync_fault(int fd)
{
	const char *e = getenv("IOFAULT_FSYNC_ERRNO");

	return e != NULL && fd_under_prefix(fd) ? errno_named(e) : 0;
}

/* ---- the interposed functions ------------------------------------------- */

ssize_t write(int fd, const void *buf, size_t len)
{
	REAL(ssize_t, write, int, const void *, size_t);
	ssize_t n = room(fd, len);

	if (n < 0)
		return -1;
	n = real_write(fd, buf, (size_t)n);
	count(fd, n);
	return n;
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	REAL(ssize_t, pwrite, int, const void *, size_t, off_t);
	ssize_t n = room(fd, len);

	if (n < 0)
		return -1;
	n = real_pwrite(fd, buf, (size_t)n, off);
	count(fd, n);
	return n;
}

ssize_t pwrite64(int fd, const void *buf, size_t len, off64_t off)
{
	REAL(ssize_t, pwrite64, int, const void *, size_t, off64_t);
	ssize_t n = room(fd, len);

	if (n < 0)
		return -1;
	n = real_pwrite64(fd, buf, (size_t)n, off);
	count(fd, n);
	return n;
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	REAL(ssize_t, writev, int, const struct iovec *, int);
	struct iovec cut[64];
	size_t total = 0, left;
	ssize_t n;
	int i, k;

	for (i = 0; i < iovcnt; i++)
		total += iov[i].iov_len;
	n = room(fd, total);
	if (n < 0)
		return -1;
	if ((size_t)n < total && iovcnt <= 64) {
		/* Only what fits: the leading bytes of the vector. */
		for (i = 0, k = 0, left = (size_t)n; i < iovcnt && left > 0; i++, k++) {
			cut[k] = iov[i];
			if (cut[k].iov_len > left)
				cut[k].iov_len = left;
			left -= cut[k].iov_len;
		}
		n = real_writev(fd, cut, k);
	} else {
		n = real_writev(fd, iov, iovcnt);
	}
	count(fd, n);
	return n;
}

int fsync(int fd)
{
	REAL(int, fsync, int);
	int e = sync_fault(fd);

	if (e != 0) {
		errno = e;
		return -1;
	}
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(int, fdatasync, int);
	int e = sync_fault(fd);

	if (e != 0) {
		errno = e;
		return -1;
	}
	return real_fdatasync(fd);
}

/* open's mode is there only when the flags create a file. */
static mode_t mode_arg(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? (mode_t)va_arg(ap, int) : 0;
}

int open(const char *path, int flags, ...)
{
	REAL(int, open, const char *, int, ...);
	int e = open_fault(AT_FDCWD, path, flags);
	mode_t mode;
	va_list ap;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (e != 0) {
		errno = e;
		return -1;
	}
	return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	REAL(int, open64, const char *, int, ...);
	int e = open_fault(AT_FDCWD, path, flags);
	mode_t mode;
	va_list ap;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (e != 0) {
		errno = e;
		return -1;
	}
	return real_open64(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	REAL(int, openat, int, const char *, int, ...);
	int e = open_fault(dirfd, path, flags);
	mode_t mode;
	va_list ap;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (e != 0) {
		errno = e;
		return -1;
	}
	return real_openat(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	REAL(int, openat64, int, const char *, int, ...);
	int e = open_fault(dirfd, path, flags);
	mode_t mode;
	va_list ap;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	if (e != 0) {
		errno = e;
		return -1;
	}
	return real_openat64(dirfd, path, flags, mode);
}

int creat(const char *path, mode_t mode)
{
	REAL(int, creat, const char *, mode_t);
	int e = open_fault(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC);

	if (e != 0) {
		errno = e;
		return -1;
	}
	return real_creat(path, mode);
}

FILE *fopen(const char *path, const char *how)
{
	REAL(FILE *, fopen, const char *, const char *);
	int e = strpbrk(how, "wa+") != NULL ? open_fault(AT_FDCWD, path, O_WRONLY | O_CREAT) : 0;

	if (e != 0) {
		errno = e;
		return NULL;
	}
	return real_fopen(path, how);
}
