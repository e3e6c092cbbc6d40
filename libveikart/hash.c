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
	uint64_t size, left;
	char why[160];
	ssize_t n;
	int fd, err;

	if (out == NULL || path == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the digest or no file");
	err = veikart__global_init();
	if (err < 0)
		return err;
	err = veikart__file_open(path, &fd, &size, why, sizeof(why));
	if (err < 0)
		return veikart__error_set(err, "%s: %s", path, why);
	/* The bytes the file holds when opened, and no more: a file still
	 * being written is refused rather than hashed half-way. */
	veikart__sha256_init(&st);
	n = 0;
	left = size;
	while (left > 0) {
		n = read(fd, chunk, left < sizeof(chunk) ? (size_t)left : sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		veikart__sha256_update(&st, chunk, (size_t)n);
		left -= (uint64_t)n;
	}
	if (n < 0)
		err = veikart__error_set(VEIKART_EIO, "cannot read %s: %s", path, strerror(errno));
	else if (left > 0 || read(fd, chunk, 1) != 0)
		err = veikart__error_set(VEIKART_EIO, "%s changed while it was read", path);
	close(fd);
	if (err < 0)
		return err;
	veikart__sha256_final(&st, digest);
	veikart__sha256_to_hex(out, digest);
	return 0;
}
