/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * SHA-256 for the library's users: of bytes, and of a file (the digest to
 * record with a piece of evidence).  The hashing itself is sha256.c's.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sha256.h"
#include "util.h"

int veikart_sha256_hex(char out[VEIKART_HASH_HEX_LENGTH + 1], const void *data, size_t size)
{
	int err;

	if (out == NULL || (data == NULL && size != 0))
		return veikart__error_set(VEIKART_EINVALID, "no place for the digest or no data");
	err = veikart__global_init();
	if (err < 0)
		return err;
	veikart__sha256_hex(out, data, size);
	return 0;
}

int veikart_sha256_file(char out[VEIKART_HASH_HEX_LENGTH + 1], const char *path)
{
	unsigned char digest[VEIKART__SHA256_SIZE], chunk[65536];
	veikart__sha256 st;
	ssize_t n;
	int fd, err;

	if (out == NULL || path == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the digest or no file");
	err = veikart__global_init();
	if (err < 0)
		return err;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return veikart__error_set(errno == ENOENT ? VEIKART_ENOTFOUND : VEIKART_EIO,
		                          "cannot open %s: %s", path, strerror(errno));
	veikart__sha256_init(&st);
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		veikart__sha256_update(&st, chunk, (size_t)n);
	}
	if (n < 0) {
		err = veikart__error_set(VEIKART_EIO, "cannot read %s: %s", path, strerror(errno));
		close(fd);
		return err;
	}
	close(fd);
	veikart__sha256_final(&st, digest);
	veikart__sha256_to_hex(out, digest);
	return 0;
}
