/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Keys, keyrings and signers inside the library (sign.c), for the journal
 * that signs what it appends and for checking signatures and seals
 * (seal.c).
 */
#ifndef VEIKART_SIGN_INTERNAL_H
#define VEIKART_SIGN_INTERNAL_H

#include "util.h"

#define VEIKART__PK_BYTES 32
#define VEIKART__SK_BYTES 64
#define VEIKART__SIG_BYTES 64
#define VEIKART__KEY_ID_SIZE (VEIKART_KEY_ID_LENGTH + 1)
#define VEIKART__SIG_B64_SIZE 89 /* 88 characters and a NUL */

/* A key of a keyring. */
typedef struct veikart__ring_key {
	unsigned char pk[VEIKART__PK_BYTES];
	char id[VEIKART__KEY_ID_SIZE];
	veikart_key_policy policy;
	char *name; /* NULL for a host key without a name */
	unsigned long line;
} veikart__ring_key;

/* The key of the keyring with id ID (VEIKART_KEY_ID_LENGTH digits), or NULL. */
const veikart__ring_key *veikart__keyring_find(const veikart_keyring *kr, const char *id);
/* Whether the keyring says NAME must sign. */
int veikart__keyring_must_sign(const veikart_keyring *kr, const char *name);
/* Whether SIG (Base64, 88 characters) is the signature of MSG by PK. */
int veikart__signature_ok(const unsigned char *pk, const void *msg, size_t len, const char *sig);
/* Sign MSG with KEY into SIG (Base64 and a NUL). */
void veikart__key_sign(const veikart_key *key, const void *msg, size_t len,
                       char sig[VEIKART__SIG_B64_SIZE]);
/* The allocator a key was made with. */
const veikart_allocator *veikart__key_allocator(const veikart_key *key);
/* Whether an event's signature is KEY's (PK) signature of it. */
int veikart__event_signature_ok(const veikart_event *ev, const unsigned char *pk);
/* Replace *EV, an event the journal owns (allocated with ALLOC), with a
 * copy signed by SIGNER; on failure *EV is left as it was and the error
 * raised. */
int veikart__signer_sign(const veikart_signer *signer, veikart_event **ev,
                         const veikart_allocator *alloc);

#endif
