/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * SHA-256: the SHA extensions of the processor where it has them,
 * libsodium otherwise (sha256.c).
 */
#ifndef VEIKART_SHA256_H
#define VEIKART_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "util.h"

#define VEIKART__SHA256_SIZE 32

typedef struct {
	int hw;
	union {
		crypto_hash_sha256_state sodium;
		struct {
			uint32_t h[8];
			uint64_t bytes;
			size_t used;
			unsigned char buf[64];
		} own;
	} u;
} veikart__sha256;

/* Whether this processor has the SHA extensions (asked once). */
int veikart__sha256_hw_available(void);

void veikart__sha256_init(veikart__sha256 *ctx);
/* As veikart__sha256_init(), with the extensions only when hw is non-zero
 * and the processor has them; for tests that compare the two paths. */
void veikart__sha256_init_with(veikart__sha256 *ctx, int hw);
void veikart__sha256_update(veikart__sha256 *ctx, const void *data, size_t len);
void veikart__sha256_final(veikart__sha256 *ctx, unsigned char out[VEIKART__SHA256_SIZE]);

void veikart__sha256_to_hex(char out[VEIKART__SHA256_HEX_SIZE],
                            const unsigned char digest[VEIKART__SHA256_SIZE]);
void veikart__sha256_hex(char out[VEIKART__SHA256_HEX_SIZE], const void *data, size_t len);
/* The digest of a followed by b, without joining them in memory. */
void veikart__sha256_hex2(char out[VEIKART__SHA256_HEX_SIZE], const void *a, size_t alen,
                          const void *b, size_t blen);

#endif
