/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Opening the files the library reads whole (methodology documents, the
 * documents whose digest is recorded as evidence): regular files only.
 * A FIFO, a device or a socket would block the open or never end, and a
 * file whose size says nothing (under /proc) cannot be bounded by it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* What a file that is not a regular one is. */
static const char *kind_of(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode))
		return "a character device";
	if (S_ISBLK(mode))
		return "a block device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a file";
}

int veikart__file_open(const char *path, int *fd_out, uint64_t *size, char *why, size_t why_size)
{
	struct stat st;
	char probe;
	ssize_t n;
	int fd, err;

	*fd_out = -1;
	*size = 0;
	/* Without O_NONBLOCK, opening a FIFO waits for a writer, for ever. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		snprintf(why, why_size, "cannot open: %s",
		         err == ENOENT ? "no such file" : strerror(err));
		return err == ENOENT ? VEIKART_ENOTFOUND : VEIKART_EIO;
	}
	if (fstat(fd, &st) < 0) {
		snprintf(why, why_size, "cannot read: %s", strerror(errno));
		close(fd);
		return VEIKART_EIO;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(why, why_size, "is %s, not a regular file", kind_of(st.st_mode));
		close(fd);
		return VEIKART_EIO;
	}
	if (st.st_size == 0) {
		/* Empty, or a file whose contents are made as it is read. */
		do
			n = read(fd, &probe, 1);
		while (n < 0 && errno == EINTR);
		if (n != 0) {
			snprintf(why, why_size,
			         "has no size but is not empty (as files under /proc), so it is "
			         "not read as a regular file");
			close(fd);
			return VEIKART_EIO;
		}
	}
	*fd_out = fd;
	*size = (uint64_t)st.st_size;
	return 0;
}
