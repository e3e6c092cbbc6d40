/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_HASH_H
#define VEIKART_HASH_H

/**
 * @file veikart/hash.h
 * @brief SHA-256 digests as events and evidence write them.
 */

#include <stddef.h>

#include "common.h"

VEIKART_BEGIN_DECL

/**
 * @addtogroup veikart_event
 * @{
 */

/** Length of a hash in hexadecimal digits (SHA-256). */
#define VEIKART_HASH_HEX_LENGTH 64

/**
 * SHA-256 of bytes in memory, as 64 lowercase hexadecimal digits: the form
 * events and evidence digests use.
 * @param out Receives the digest and a NUL (65 bytes).
 * @param data The bytes.
 * @param size How many.
 * @return 0; #VEIKART_EINVALID when @p out is NULL, or @p data is NULL with a
 *         non-zero @p size.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_sha256_hex(char out[VEIKART_HASH_HEX_LENGTH + 1], const void *data,
                                   size_t size);

/**
 * SHA-256 of a file's contents, as 64 lowercase hexadecimal digits: the
 * digest to record when attaching a document as evidence.  The file must be
 * a regular file; it is read once, in pieces, up to the size it has when
 * opened, so any size is hashed in bounded memory and time.
 * @param out Receives the digest and a NUL (65 bytes).
 * @param path The file.
 * @return 0; #VEIKART_ENOTFOUND when the file does not exist; #VEIKART_EIO
 *         when it cannot be read, is not a regular file (a FIFO, a device,
 *         a directory, a file under /proc: refused without waiting on it),
 *         or changed size while it was read (the message names the file and
 *         says why); #VEIKART_EINVALID.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_sha256_file(char out[VEIKART_HASH_HEX_LENGTH + 1], const char *path);

/** @} */

VEIKART_END_DECL

#endif
