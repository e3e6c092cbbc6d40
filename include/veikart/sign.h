/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 */
#ifndef VEIKART_SIGN_H
#define VEIKART_SIGN_H

/**
 * @file veikart/sign.h
 * @brief Signatures: who recorded an event, and seals of a journal's head.
 *
 * The hash chain (veikart/event.h) shows that a journal is intact, but
 * anyone who can write the file can rewrite an event and compute every
 * hash again.  Signatures close that gap: an event signed with an Ed25519
 * key (libsodium's `crypto_sign_detached()`) cannot be changed without the
 * secret key, and a *seal* (the head hash and the number of events, signed)
 * kept elsewhere shows whether the whole file was rewritten or cut.
 *
 * **Signed records.**  A signed event's record ends in two more fields,
 * after `hash=`:
 *
 *     ... TAB prev=HEX TAB hash=HEX TAB key=KEYID TAB sig=BASE64 LF
 *
 * The hash is computed as for any record (up to the tab before `hash=`),
 * so a signature changes neither the hash nor the chain, and unsigned
 * journals are unchanged.  `sig` is the Ed25519 signature, in standard
 * Base64 with padding (88 characters), of the 80 bytes
 * `veikart-event 1 ` followed by the event's 64 hexadecimal hash digits.
 *
 * **Key ids.**  A key's id is the first 16 hexadecimal digits (lowercase)
 * of the SHA-256 of its 32-byte Ed25519 public key.
 *
 * **Secret key files** hold one line:
 * `veikart-secret-key 1 KEYID SEED [NAME]`, where SEED is the 32-byte
 * Ed25519 seed in Base64 and NAME (escaped as in records) is the person
 * the key belongs to, absent for a host's key.
 *
 * **Keyrings** are text: the line `veikart-keyring 1`, then one line per
 * key, `key KEYID PUBLIC POLICY [NAME]` (PUBLIC: the public key in Base64;
 * POLICY: `must-sign`, `may-sign` or `host`; NAME escaped as in records and
 * required except for `host`).  Blank lines and lines starting with `#`
 * are skipped.
 *
 * **Seals** are text: `veikart-seal 1`, `events N`, `head HEX`,
 * `sealed-at SECONDS`, `key KEYID`, `sig BASE64`, one a line; `sig` signs
 * the bytes of the first four lines, line feeds included.
 *
 * See docs/format.md for the formats with examples.
 */

#include <stdint.h>

#include "common.h"
#include "event.h"
#include "journal.h"

VEIKART_BEGIN_DECL

/**
 * @defgroup veikart_sign Signatures
 * @{
 */

/** Length of a key id: 16 hexadecimal digits. */
#define VEIKART_KEY_ID_LENGTH 16

/** An Ed25519 key pair, with its id and the name of whom it belongs to. */
typedef struct veikart_key veikart_key;

/** The public keys a verifier trusts, with their owners and policies. */
typedef struct veikart_keyring veikart_keyring;

/** The keys that sign a journal's new events: one per actor, and a host's. */
typedef struct veikart_signer veikart_signer;

/** What a keyring says of a key and its owner. */
typedef enum veikart_key_policy {
	/** A person's key; their events may be unsigned (`may-sign`). */
	VEIKART_KEY_MAY_SIGN = 1,
	/** A person's key; every event of theirs must be signed by a key of theirs (`must-sign`).
	 */
	VEIKART_KEY_MUST_SIGN,
	/** A host system's key, which may sign any actor's events (`host`). */
	VEIKART_KEY_HOST
} veikart_key_policy;

/** Version of #veikart_sign_options these headers describe. */
#define VEIKART_SIGN_OPTIONS_VERSION 1

/**
 * Options for making keys, keyrings and signers.
 * @since 0.1.0
 */
typedef struct veikart_sign_options {
	/** Set to #VEIKART_SIGN_OPTIONS_VERSION. */
	unsigned int version;
	/** Allocator for the object made; NULL for malloc. */
	const veikart_allocator *allocator;
} veikart_sign_options;

/** Static initialiser for #veikart_sign_options: all defaults. */
#define VEIKART_SIGN_OPTIONS_INIT                  \
	{                                          \
		VEIKART_SIGN_OPTIONS_VERSION, NULL \
	}

/**
 * Initialise a #veikart_sign_options to its defaults, as
 * #VEIKART_SIGN_OPTIONS_INIT does, for callers that cannot use the macro.
 *
 * @param opts The structure to fill.
 * @param version #VEIKART_SIGN_OPTIONS_VERSION.
 * @return 0, #VEIKART_EINVALID when @p opts is NULL, or #VEIKART_EVERSION
 *         when @p version is not one this library knows.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_sign_options_init(veikart_sign_options *opts, unsigned int version);

/**
 * The name of a key policy as keyrings write it: "must-sign", "may-sign"
 * or "host".
 * @param policy A #veikart_key_policy.
 * @return A static string; "unknown" outside the enum.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_key_policy_name(veikart_key_policy policy);

/**
 * Make a new key pair from the system's random source.
 *
 * @param out Receives the key; free it with veikart_key_free().
 * @param name The person the key belongs to, as events name them (their
 *        `actor`), or NULL for a host's key, which signs for any actor.
 * @param opts Options, or NULL for the defaults.
 * @return 0; #VEIKART_EINVALID when @p out is NULL or @p name is empty or
 *         not valid UTF-8; #VEIKART_EVERSION; #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_key_generate(veikart_key **out, const char *name,
                                     const veikart_sign_options *opts);

/**
 * Read a secret key file (format in the file comment above).
 *
 * The library reads the file whatever its permissions; a program that
 * takes key files from people should refuse files others can read, as the
 * `veikart` tool does.
 *
 * @param out Receives the key; free it with veikart_key_free().
 * @param path The file.
 * @param opts Options, or NULL for the defaults.
 * @return 0; #VEIKART_ENOTFOUND when the file does not exist;
 *         #VEIKART_EFORMAT when it is not a secret key file, or its key id
 *         does not match its key (the message says which);
 *         #VEIKART_EIO; #VEIKART_EINVALID; #VEIKART_EVERSION; #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_key_load(veikart_key **out, const char *path,
                                 const veikart_sign_options *opts);

/**
 * Write a key to a new secret key file, readable and writable by its owner
 * only (mode 0600), and sync it.
 *
 * @param key The key.
 * @param path The file; it must not exist yet.
 * @return 0; #VEIKART_EEXISTS when the file exists; #VEIKART_ENOTFOUND
 *         when its directory does not exist; #VEIKART_EIO (nothing is left
 *         behind); #VEIKART_EINVALID.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_key_save(const veikart_key *key, const char *path);

/**
 * Free a key, wiping its secret part first.
 * @param key The key; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_key_free(veikart_key *key);

/**
 * The key's id: #VEIKART_KEY_ID_LENGTH lowercase hexadecimal digits.
 * @param key The key.
 * @return Owned by @p key; NULL when @p key is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_key_id(const veikart_key *key);

/**
 * The person the key belongs to.
 * @param key The key.
 * @return Owned by @p key; NULL for a host's key, or when @p key is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_key_name(const veikart_key *key);

/**
 * The key's line for a keyring: `key KEYID PUBLIC POLICY [NAME]` and a
 * line feed.  It holds only the public key.
 *
 * @param out Receives the line; free it with veikart_string_free().
 * @param key The key.
 * @param policy What the keyring is to say of the key: a person's key is
 *        #VEIKART_KEY_MUST_SIGN or #VEIKART_KEY_MAY_SIGN, a host's
 *        #VEIKART_KEY_HOST.
 * @return 0; #VEIKART_EINVALID when an argument is NULL, @p policy is not a
 *         #veikart_key_policy, or does not fit the key (a person's policy for
 *         a key without a name, or the reverse); #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_key_public_line(char **out, const veikart_key *key,
                                        veikart_key_policy policy);

/**
 * Read a keyring from text (format in the file comment above).
 *
 * @param out Receives the keyring; free it with veikart_keyring_free().
 * @param text The keyring's text.
 * @param length Its length in bytes.
 * @param opts Options, or NULL for the defaults.
 * @return 0; #VEIKART_EFORMAT when a line is not a key line, a key id does
 *         not match its public key, or a key id appears twice (the message
 *         gives the line); #VEIKART_EINVALID; #VEIKART_EVERSION;
 *         #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_keyring_parse(veikart_keyring **out, const char *text, size_t length,
                                      const veikart_sign_options *opts);

/**
 * Read a keyring file.
 *
 * @param out Receives the keyring; free it with veikart_keyring_free().
 * @param path The file.
 * @param opts Options, or NULL for the defaults.
 * @return As veikart_keyring_parse(), with the file's name in the error;
 *         #VEIKART_ENOTFOUND when the file does not exist; #VEIKART_EIO.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_keyring_load(veikart_keyring **out, const char *path,
                                     const veikart_sign_options *opts);

/**
 * Free a keyring.
 * @param keyring The keyring; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_keyring_free(veikart_keyring *keyring);

/**
 * Number of keys in a keyring.
 * @param keyring The keyring.
 * @return The count; 0 when @p keyring is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API size_t veikart_keyring_count(const veikart_keyring *keyring);

/**
 * Make an empty signer: the keys a journal signs its new events with.
 *
 * @param out Receives the signer; free it with veikart_signer_free().
 * @param opts Options, or NULL for the defaults.
 * @return 0; #VEIKART_EINVALID; #VEIKART_EVERSION; #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_signer_new(veikart_signer **out, const veikart_sign_options *opts);

/**
 * Give a signer a key (a copy of it).  An event is signed by the key named
 * after its actor, or else by the host's key (one without a name); an
 * event for which the signer has neither cannot be signed.
 *
 * @param signer The signer.
 * @param key The key.
 * @return 0; #VEIKART_EEXISTS when the signer has a key for that name
 *         already (or a host key, for a key without a name);
 *         #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @note A signer belongs to one thread while keys are added; after that,
 *       signing only reads it.
 * @since 0.1.0
 */
VEIKART_API int veikart_signer_add(veikart_signer *signer, const veikart_key *key);

/**
 * Free a signer, wiping its keys.
 * @param signer The signer; NULL is a no-op.
 * @since 0.1.0
 */
VEIKART_API void veikart_signer_free(veikart_signer *signer);

/**
 * A signed copy of an event: its record with `key=` and `sig=` added by
 * the signer's key for the event's actor (or its host key).  An event
 * signed already is signed again, by that key.
 *
 * For a host that keeps events in a store of its own: call this from the
 * commit hook and store the signed record.
 *
 * @param out Receives the copy; free it with veikart_event_free().
 * @param event The event.
 * @param signer The signer.
 * @return 0; #VEIKART_ENOTFOUND when the signer has no key for the event's
 *         actor and no host key (the message names the actor);
 *         #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API int veikart_event_sign(veikart_event **out, const veikart_event *event,
                                   const veikart_signer *signer);

/**
 * The id of the key that signed an event.
 * @param event The event.
 * @return Owned by @p event; NULL when it is not signed, or @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_key_id(const veikart_event *event);

/**
 * An event's signature, in Base64, as its record holds it.
 * @param event The event.
 * @return Owned by @p event; NULL when it is not signed, or @p event is NULL.
 * @note Thread-safe.
 * @since 0.1.0
 */
VEIKART_API const char *veikart_event_signature(const veikart_event *event);

/**
 * Sign the events a journal appends from now on with @p signer: each
 * event handed to veikart_journal_commit() that is not signed yet is
 * signed before it is written.  An event the signer has no key for is
 * refused (#VEIKART_ENOTFOUND), and nothing of that commit is written.
 *
 * @param journal The journal, open for writing.
 * @param signer The signer, which must outlive its use by the journal,
 *        or NULL to stop signing.
 * @return 0; #VEIKART_ESTATE when the journal is read-only;
 *         #VEIKART_EINVALID.
 * @note A journal belongs to one thread at a time.
 * @since 0.1.0
 */
VEIKART_API int veikart_journal_set_signer(veikart_journal *journal, const veikart_signer *signer);

/**
 * Check every signature of a journal against a keyring, oldest event
 * first, and stop at the first that fails.
 *
 * An event fails when it is signed with a key the keyring does not hold,
 * when its signature does not match it (it was changed after it was
 * signed), when it is signed with a person's key but recorded in another
 * person's name, or when it is not signed and its actor's key is
 * `must-sign` (it must be signed by a key of theirs; a host's signature
 * does not count for them).
 *
 * @param journal The journal.
 * @param keyring The keys to check against.
 * @param signed_count If not NULL, receives how many events are signed
 *        (when the call succeeds).
 * @return 0; #VEIKART_ECORRUPT when an event fails (the message names the
 *         event by number and line, and says why; veikart_error_last()
 *         gives the journal's file and the line); #VEIKART_EINVALID.
 * @note Thread-safe for different journals.
 * @since 0.1.0
 */
VEIKART_API int veikart_journal_verify_signatures(const veikart_journal *journal,
                                                  const veikart_keyring *keyring,
                                                  size_t *signed_count);

/**
 * Seal a journal's head: the number of events, the last one's hash and the
 * time, signed with @p key.  Keep the seal where those who can write the
 * journal cannot (see veikart_seal_check()).
 *
 * @param out Receives the seal's text; free it with veikart_string_free().
 * @param journal The journal.
 * @param key The key to sign with.
 * @param time When it is sealed, in seconds since 1970-01-01T00:00:00Z.
 * @return 0; #VEIKART_EINVALID; #VEIKART_ENOMEM.
 * @note Thread-safe for different journals.
 * @since 0.1.0
 */
VEIKART_API int veikart_seal_make(char **out, const veikart_journal *journal,
                                  const veikart_key *key, int64_t time);

/**
 * Check a journal against a seal: the seal's signature (by a key of the
 * keyring), then that the journal still holds the sealed events unchanged.
 * Events appended after the seal are allowed.
 *
 * @param journal The journal.
 * @param seal The seal's text, as veikart_seal_make() wrote it.
 * @param length Its length in bytes.
 * @param keyring The keys the seal may be signed with.
 * @param sealed_events If not NULL, receives the number of events the seal
 *        covers (when the call succeeds).
 * @return 0; #VEIKART_EFORMAT when the seal is not well formed (the
 *         message gives its line); #VEIKART_ECORRUPT when its signature
 *         does not match or its key is not in the keyring, when the journal
 *         holds fewer events than were sealed (it was cut), or when the
 *         sealed event's hash differs (it was rewritten);
 *         #VEIKART_EINVALID.
 * @note Thread-safe for different journals.
 * @since 0.1.0
 */
VEIKART_API int veikart_seal_check(const veikart_journal *journal, const char *seal, size_t length,
                                   const veikart_keyring *keyring, uint64_t *sealed_events);

/** @} */

VEIKART_END_DECL

#endif
