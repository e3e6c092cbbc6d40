/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * Ed25519 keys (libsodium), secret key files, keyrings, signers, and
 * signing an event: its record gains key= and sig= after its hash, so the
 * hash and the chain stay what they were (formats in veikart/sign.h and
 * docs/format.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "event.h"
#include "sha256.h"
#include "sign.h"

#define SEED_BYTES 32
#define SEED_B64_LEN 44
#define PK_B64_LEN 44
#define KEY_FILE_HEADER "veikart-secret-key 1 "
#define KEYRING_HEADER "veikart-keyring 1"
/* A key file or keyring larger than this is not one. */
#define MAX_KEY_FILE 4096
#define MAX_KEYRING (8u << 20)

struct veikart_key {
	veikart_allocator alloc;
	unsigned char pk[VEIKART__PK_BYTES];
	unsigned char sk[VEIKART__SK_BYTES];
	char id[VEIKART__KEY_ID_SIZE];
	char *name; /* in the same block; NULL for a host's key */
};

struct veikart_keyring {
	veikart_allocator alloc;
	veikart__ring_key *keys;
	size_t count, cap;
	veikart__ring_key **by_id; /* sorted by id */
	char **must_sign;          /* names of must-sign keys, sorted, unique */
	size_t nmust;
};

struct veikart_signer {
	veikart_allocator alloc;
	veikart_key **keys; /* persons' keys, sorted by name */
	size_t count, cap;
	veikart_key *host;
};

static const char *const policy_names[] = { NULL, "may-sign", "must-sign", "host" };

const char *veikart_key_policy_name(veikart_key_policy policy)
{
	if ((int)policy <= 0 || (size_t)policy >= VEIKART__ARRAY_SIZE(policy_names))
		return "unknown";
	return policy_names[policy];
}

int veikart_sign_options_init(veikart_sign_options *opts, unsigned int version)
{
	static const veikart_sign_options defaults = VEIKART_SIGN_OPTIONS_INIT;

	return veikart__options_init(opts, sizeof(*opts), &defaults, version,
	                             VEIKART_SIGN_OPTIONS_VERSION, "veikart_sign_options");
}

/* The allocator of OPTS after checking its version (NULL: the default). */
static int options(const veikart_sign_options *opts, const veikart_allocator **alloc)
{
	int err;

	*alloc = NULL;
	if (opts != NULL) {
		err = veikart__check_version(opts->version, VEIKART_SIGN_OPTIONS_VERSION,
		                             "veikart_sign_options");
		if (err < 0)
			return err;
		*alloc = opts->allocator;
	}
	return veikart__global_init();
}

static void key_id_of(char id[VEIKART__KEY_ID_SIZE], const unsigned char *pk)
{
	char hex[VEIKART__SHA256_HEX_SIZE];

	veikart__sha256_hex(hex, pk, VEIKART__PK_BYTES);
	memcpy(id, hex, VEIKART_KEY_ID_LENGTH);
	id[VEIKART_KEY_ID_LENGTH] = '\0';
}

/* Decode exactly LEN Base64 characters into exactly SIZE bytes, refusing
 * any spelling but the canonical one. */
static int b64_exact(unsigned char *bin, size_t size, const char *s, size_t len)
{
	char again[128];
	const char *end = NULL;
	size_t got = 0;

	if (len >= sizeof(again) ||
	    sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL) != len + 1)
		return -1;
	if (sodium_base642bin(bin, size, s, len, NULL, &got, &end,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != size || end != s + len)
		return -1;
	sodium_bin2base64(again, sizeof(again), bin, size, sodium_base64_VARIANT_ORIGINAL);
	return memcmp(again, s, len) == 0 ? 0 : -1;
}

/* A name as keys and keyrings hold it: valid UTF-8, not empty, no raw
 * line break (escapes are for tabs and line breaks inside it). */
static int name_ok(const char *s, size_t len)
{
	return len > 0 && veikart__utf8_check(s, len) == len && memchr(s, '\0', len) == NULL &&
	       memchr(s, '\n', len) == NULL && memchr(s, '\r', len) == NULL;
}

/* ---- keys ------------------------------------------------------------------ */

static veikart_key *key_new(const veikart_allocator *alloc, const char *name, size_t namelen)
{
	veikart_key *k;

	k = veikart__calloc(alloc, 1, sizeof(*k) + (name != NULL ? namelen + 1 : 0));
	if (k == NULL)
		return NULL;
	k->alloc = *veikart__allocator_or_default(alloc);
	if (name != NULL) {
		k->name = (char *)(k + 1);
		memcpy(k->name, name, namelen);
		k->name[namelen] = '\0';
	}
	return k;
}

static void key_from_seed(veikart_key *k, const unsigned char *seed)
{
	crypto_sign_seed_keypair(k->pk, k->sk, seed);
	key_id_of(k->id, k->pk);
}

int veikart_key_generate(veikart_key **out, const char *name, const veikart_sign_options *opts)
{
	const veikart_allocator *alloc;
	unsigned char seed[SEED_BYTES];
	veikart_key *k;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the key");
	*out = NULL;
	if (name != NULL && !name_ok(name, strlen(name)))
		return veikart__error_set(VEIKART_EINVALID,
		                          "a key's name must be a person's name: not empty, valid "
		                          "UTF-8, on one line");
	err = options(opts, &alloc);
	if (err < 0)
		return err;
	k = key_new(alloc, name, name != NULL ? strlen(name) : 0);
	if (k == NULL)
		return VEIKART_ENOMEM;
	randombytes_buf(seed, sizeof(seed));
	key_from_seed(k, seed);
	sodium_memzero(seed, sizeof(seed));
	*out = k;
	return 0;
}

void veikart_key_free(veikart_key *key)
{
	veikart_allocator alloc;

	if (key == NULL)
		return;
	alloc = key->alloc;
	sodium_memzero(key->sk, sizeof(key->sk));
	veikart__free(&alloc, key);
}

const char *veikart_key_id(const veikart_key *key)
{
	return key ? key->id : NULL;
}

const veikart_allocator *veikart__key_allocator(const veikart_key *key)
{
	return &key->alloc;
}

const char *veikart_key_name(const veikart_key *key)
{
	return key ? key->name : NULL;
}

/* Read a small file whole into a NUL-terminated block of ALLOC. */
static int read_small(const char *path, const veikart_allocator *alloc, size_t max, char **out,
                      size_t *len)
{
	struct stat st;
	size_t got = 0;
	ssize_t n;
	char *data;
	int fd, errnum;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errnum = errno;
		if (errnum == ENOENT)
			return veikart__error_set_at(VEIKART_ENOTFOUND, path, 0, 0,
			                             "%s does not exist", path);
		return veikart__error_set_at(VEIKART_EIO, path, 0, 0, "%s: cannot open: %s", path,
		                             strerror(errnum));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return veikart__error_set_at(VEIKART_EIO, path, 0, 0, "%s is not a regular file",
		                             path);
	}
	if ((uintmax_t)st.st_size > max) {
		close(fd);
		return veikart__error_set_at(VEIKART_EFORMAT, path, 0, 0,
		                             "%s is too large (%jd bytes, at most %zu)", path,
		                             (intmax_t)st.st_size, max);
	}
	data = veikart__malloc(alloc, (size_t)st.st_size + 1);
	if (data == NULL) {
		close(fd);
		return VEIKART_ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, data + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			errnum = errno;
			close(fd);
			veikart__free(alloc, data);
			return veikart__error_set_at(VEIKART_EIO, path, 0, 0, "%s: cannot read: %s",
			                             path, strerror(errnum));
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	data[got] = '\0';
	*out = data;
	*len = got;
	return 0;
}

static int bad_key_file(const char *path, const char *what)
{
	return veikart__error_set_at(VEIKART_EFORMAT, path, 1, 0,
	                             "%s is not a veikart secret key "
	                             "file: %s",
	                             path, what);
}

/* `veikart-secret-key 1 KEYID SEED [NAME]` and a line feed. */
static int parse_key_file(veikart_key **out, const char *path, char *data, size_t len,
                          const veikart_allocator *alloc)
{
	unsigned char seed[SEED_BYTES];
	const char *p = data, *id, *seed_b64, *name = NULL;
	char *unescaped = NULL, *end;
	size_t namelen = 0;
	veikart_key *k;

	if (len == 0 || data[len - 1] != '\n' || memchr(data, '\n', len) != data + len - 1)
		return bad_key_file(path, "it must be one line, ending in a line feed");
	len--;
	if (len < strlen(KEY_FILE_HEADER) ||
	    memcmp(p, KEY_FILE_HEADER, strlen(KEY_FILE_HEADER)) != 0)
		return bad_key_file(path, "it does not start with `veikart-secret-key 1`");
	p += strlen(KEY_FILE_HEADER);
	id = p;
	if ((size_t)(data + len - p) < VEIKART_KEY_ID_LENGTH + 1 + SEED_B64_LEN ||
	    id[VEIKART_KEY_ID_LENGTH] != ' ')
		return bad_key_file(path, "it has no key id and key after the version");
	seed_b64 = id + VEIKART_KEY_ID_LENGTH + 1;
	if (b64_exact(seed, sizeof(seed), seed_b64, SEED_B64_LEN) < 0)
		return bad_key_file(path, "the key is not 32 bytes in Base64");
	p = seed_b64 + SEED_B64_LEN;
	if (p < data + len) {
		if (*p != ' ' || !name_ok(p + 1, (size_t)(data + len - p - 1))) {
			sodium_memzero(seed, sizeof(seed));
			return bad_key_file(path,
			                    "the name after the key is empty or not valid UTF-8");
		}
		name = p + 1;
		namelen = (size_t)(data + len - name);
		unescaped = veikart__malloc(alloc, namelen + 1);
		if (unescaped == NULL) {
			sodium_memzero(seed, sizeof(seed));
			return VEIKART_ENOMEM;
		}
		end = veikart__record_unescape(unescaped, name, namelen);
		if (end == NULL) {
			sodium_memzero(seed, sizeof(seed));
			veikart__free(alloc, unescaped);
			return bad_key_file(path, "the name has a backslash that starts no escape");
		}
		namelen = (size_t)(end - unescaped - 1);
	}
	k = key_new(alloc, unescaped, namelen);
	veikart__free(alloc, unescaped);
	if (k == NULL) {
		sodium_memzero(seed, sizeof(seed));
		return VEIKART_ENOMEM;
	}
	key_from_seed(k, seed);
	sodium_memzero(seed, sizeof(seed));
	if (memcmp(k->id, id, VEIKART_KEY_ID_LENGTH) != 0) {
		veikart_key_free(k);
		return bad_key_file(path, "the key id does not belong to the key (a changed or "
		                          "damaged file)");
	}
	*out = k;
	return 0;
}

int veikart_key_load(veikart_key **out, const char *path, const veikart_sign_options *opts)
{
	const veikart_allocator *alloc;
	char *data = NULL;
	size_t len = 0;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the key");
	*out = NULL;
	if (path == NULL || path[0] == '\0')
		return veikart__error_set(VEIKART_EINVALID, "no key file name");
	err = options(opts, &alloc);
	if (err < 0)
		return err;
	err = read_small(path, alloc, MAX_KEY_FILE, &data, &len);
	if (err < 0)
		return err;
	err = parse_key_file(out, path, data, len, alloc);
	sodium_memzero(data, len);
	veikart__free(alloc, data);
	return err;
}

/* The line `veikart-secret-key 1 ...` of KEY, into BUF (ALLOC's). */
static char *key_file_text(const veikart_key *key, size_t *len)
{
	unsigned char seed[SEED_BYTES];
	char seed_b64[SEED_B64_LEN + 1];
	size_t namelen = key->name ? veikart__record_escaped_len(key->name, strlen(key->name)) : 0;
	char *text, *w;

	*len = strlen(KEY_FILE_HEADER) + VEIKART_KEY_ID_LENGTH + 1 + SEED_B64_LEN +
	       (key->name ? 1 + namelen : 0) + 1;
	text = veikart__malloc(&key->alloc, *len + 1);
	if (text == NULL)
		return NULL;
	crypto_sign_ed25519_sk_to_seed(seed, key->sk);
	sodium_bin2base64(seed_b64, sizeof(seed_b64), seed, sizeof(seed),
	                  sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(seed, sizeof(seed));
	w = text;
	memcpy(w, KEY_FILE_HEADER, strlen(KEY_FILE_HEADER));
	w += strlen(KEY_FILE_HEADER);
	memcpy(w, key->id, VEIKART_KEY_ID_LENGTH);
	w += VEIKART_KEY_ID_LENGTH;
	*w++ = ' ';
	memcpy(w, seed_b64, SEED_B64_LEN);
	w += SEED_B64_LEN;
	sodium_memzero(seed_b64, sizeof(seed_b64));
	if (key->name != NULL) {
		*w++ = ' ';
		w = veikart__record_escape(w, key->name);
	}
	*w++ = '\n';
	*w = '\0';
	return text;
}

int veikart_key_save(const veikart_key *key, const char *path)
{
	size_t len = 0, done = 0;
	char *text;
	ssize_t n;
	int fd, errnum = 0;

	if (key == NULL || path == NULL || path[0] == '\0')
		return veikart__error_set(VEIKART_EINVALID, "no key or no file name");
	text = key_file_text(key, &len);
	if (text == NULL)
		return VEIKART_ENOMEM;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		errnum = errno;
		sodium_memzero(text, len);
		veikart__free(&key->alloc, text);
		if (errnum == EEXIST)
			return veikart__error_set_at(VEIKART_EEXISTS, path, 0, 0,
			                             "%s already exists; a key file is never "
			                             "overwritten",
			                             path);
		if (errnum == ENOENT)
			return veikart__error_set_at(VEIKART_ENOTFOUND, path, 0, 0,
			                             "%s cannot be created: its directory does not "
			                             "exist",
			                             path);
		return veikart__error_set_at(VEIKART_EIO, path, 0, 0, "%s: cannot create: %s", path,
		                             strerror(errnum));
	}
	/* The mode asked for is cut by the umask; make sure it is 0600. */
	if (fchmod(fd, 0600) < 0)
		errnum = errno;
	while (errnum == 0 && done < len) {
		n = write(fd, text + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			errnum = n < 0 ? errno : EIO;
		else
			done += (size_t)n;
	}
	if (errnum == 0 && fsync(fd) < 0)
		errnum = errno;
	if (close(fd) < 0 && errnum == 0)
		errnum = errno;
	sodium_memzero(text, len);
	veikart__free(&key->alloc, text);
	if (errnum != 0) {
		unlink(path);
		return veikart__error_set_at(VEIKART_EIO, path, 0, 0, "%s: cannot write: %s", path,
		                             errnum == ENOSPC ? "the disk is full"
		                                              : strerror(errnum));
	}
	return 0;
}

int veikart_key_public_line(char **out, const veikart_key *key, veikart_key_policy policy)
{
	char pk_b64[PK_B64_LEN + 1];
	veikart__buf b;
	char *escaped = NULL;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the line");
	*out = NULL;
	if (key == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no key");
	if (policy != VEIKART_KEY_MAY_SIGN && policy != VEIKART_KEY_MUST_SIGN &&
	    policy != VEIKART_KEY_HOST)
		return veikart__error_set(VEIKART_EINVALID, "%d is not a key policy", (int)policy);
	if ((policy == VEIKART_KEY_HOST) != (key->name == NULL))
		return veikart__error_set(VEIKART_EINVALID,
		                          key->name == NULL
		                                  ? "key %s has no name, so it is a host's key: "
		                                    "its policy is `host`"
		                                  : "key %s is a person's: its policy is "
		                                    "`must-sign` or `may-sign`",
		                          key->id);
	sodium_bin2base64(pk_b64, sizeof(pk_b64), key->pk, sizeof(key->pk),
	                  sodium_base64_VARIANT_ORIGINAL);
	if (key->name != NULL) {
		escaped = veikart__malloc(
		        &key->alloc, veikart__record_escaped_len(key->name, strlen(key->name)) + 1);
		if (escaped == NULL)
			return VEIKART_ENOMEM;
		*veikart__record_escape(escaped, key->name) = '\0';
	}
	veikart__buf_init(&b, &key->alloc);
	veikart__buf_cat(&b, "key ", key->id, " ", pk_b64, " ", veikart_key_policy_name(policy),
	                 NULL);
	if (escaped != NULL)
		veikart__buf_cat(&b, " ", escaped, NULL);
	veikart__buf_putc(&b, '\n');
	veikart__free(&key->alloc, escaped);
	if (b.failed) {
		veikart__buf_dispose(&b);
		return veikart__error_nomem();
	}
	*out = veikart__string_new(&key->alloc, b.ptr, b.len);
	veikart__buf_dispose(&b);
	return *out != NULL ? 0 : VEIKART_ENOMEM;
}

void veikart__key_sign(const veikart_key *key, const void *msg, size_t len,
                       char sig[VEIKART__SIG_B64_SIZE])
{
	unsigned char bin[VEIKART__SIG_BYTES];

	crypto_sign_detached(bin, NULL, msg, len, key->sk);
	sodium_bin2base64(sig, VEIKART__SIG_B64_SIZE, bin, sizeof(bin),
	                  sodium_base64_VARIANT_ORIGINAL);
}

int veikart__signature_ok(const unsigned char *pk, const void *msg, size_t len, const char *sig)
{
	unsigned char bin[VEIKART__SIG_BYTES];

	if (b64_exact(bin, sizeof(bin), sig, VEIKART__SIG_B64_LEN) < 0)
		return 0;
	return crypto_sign_verify_detached(bin, msg, len, pk) == 0;
}

/* ---- keyrings -------------------------------------------------------------- */

static int by_id_cmp(const void *a, const void *b)
{
	const veikart__ring_key *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static int str_cmp(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcmp(*x, *y);
}

void veikart_keyring_free(veikart_keyring *kr)
{
	veikart_allocator alloc;
	size_t i;

	if (kr == NULL)
		return;
	alloc = kr->alloc;
	for (i = 0; i < kr->count; i++)
		veikart__free(&alloc, kr->keys[i].name);
	veikart__free(&alloc, kr->keys);
	veikart__free(&alloc, kr->by_id);
	veikart__free(&alloc, kr->must_sign);
	veikart__free(&alloc, kr);
}

size_t veikart_keyring_count(const veikart_keyring *kr)
{
	return kr ? kr->count : 0;
}

static int bad_line(const char *file, unsigned long line, const char *what)
{
	return veikart__error_set_at(VEIKART_EFORMAT, file,
	                             line > UINT32_MAX ? UINT32_MAX : (unsigned int)line, 0,
	                             "%s:%lu: %s", file, line, what);
}

/* One key line: `key KEYID PUBLIC POLICY [NAME]` (LEN bytes, no line feed). */
static int parse_key_line(veikart_keyring *kr, const char *file, unsigned long line, const char *p,
                          size_t len)
{
	const char *end = p + len, *id, *pk, *pol, *sp, *name = NULL;
	veikart__ring_key *k;
	veikart_key_policy policy = (veikart_key_policy)0;
	void *grown;
	char *w;
	int i, err;

	if (len < 4 || memcmp(p, "key ", 4) != 0)
		return bad_line(file, line, "not a key line: `key KEYID PUBLIC-KEY POLICY [NAME]`");
	id = p + 4;
	if ((size_t)(end - id) < VEIKART_KEY_ID_LENGTH + 1 + PK_B64_LEN + 1 ||
	    id[VEIKART_KEY_ID_LENGTH] != ' ' || id[VEIKART_KEY_ID_LENGTH + 1 + PK_B64_LEN] != ' ')
		return bad_line(file, line,
		                "a key line is `key KEYID PUBLIC-KEY POLICY [NAME]`, with a key id "
		                "of 16 hex digits and a public key of 44 Base64 characters");
	pk = id + VEIKART_KEY_ID_LENGTH + 1;
	pol = pk + PK_B64_LEN + 1;
	sp = memchr(pol, ' ', (size_t)(end - pol));
	for (i = 1; i < (int)VEIKART__ARRAY_SIZE(policy_names); i++)
		if ((size_t)((sp ? sp : end) - pol) == strlen(policy_names[i]) &&
		    memcmp(pol, policy_names[i], strlen(policy_names[i])) == 0)
			policy = (veikart_key_policy)i;
	if (policy == 0)
		return bad_line(
		        file, line,
		        "the policy after the public key is not must-sign, may-sign or host");
	if (sp != NULL) {
		name = sp + 1;
		if (!name_ok(name, (size_t)(end - name)))
			return bad_line(file, line, "the name is empty or not valid UTF-8");
	} else if (policy != VEIKART_KEY_HOST) {
		return bad_line(file, line,
		                "a person's key (must-sign, may-sign) needs their name");
	}
	grown = kr->keys;
	err = veikart__grow(&kr->alloc, &grown, &kr->cap, kr->count + 1, sizeof(*k));
	if (err < 0)
		return err;
	kr->keys = grown;
	k = &kr->keys[kr->count];
	memset(k, 0, sizeof(*k));
	if (b64_exact(k->pk, sizeof(k->pk), pk, PK_B64_LEN) < 0)
		return bad_line(file, line, "the public key is not 32 bytes in Base64");
	key_id_of(k->id, k->pk);
	if (memcmp(k->id, id, VEIKART_KEY_ID_LENGTH) != 0)
		return bad_line(file, line,
		                "the key id is not the one of the public key (the first 16 hex "
		                "digits of its SHA-256)");
	k->policy = policy;
	k->line = line;
	if (name != NULL) {
		k->name = veikart__malloc(&kr->alloc, (size_t)(end - name) + 1);
		if (k->name == NULL)
			return VEIKART_ENOMEM;
		w = veikart__record_unescape(k->name, name, (size_t)(end - name));
		if (w == NULL) {
			veikart__free(&kr->alloc, k->name);
			k->name = NULL;
			return bad_line(file, line,
			                "the name has a backslash that starts no escape");
		}
	}
	kr->count++;
	return 0;
}

/* The indexes: keys by id (each id once), must-sign names. */
static int keyring_index(veikart_keyring *kr, const char *file)
{
	char what[200];
	size_t i, n = 0;

	kr->by_id = veikart__calloc(&kr->alloc, kr->count + 1, sizeof(*kr->by_id));
	kr->must_sign = veikart__calloc(&kr->alloc, kr->count + 1, sizeof(*kr->must_sign));
	if (kr->by_id == NULL || kr->must_sign == NULL)
		return VEIKART_ENOMEM;
	for (i = 0; i < kr->count; i++) {
		kr->by_id[i] = &kr->keys[i];
		if (kr->keys[i].policy == VEIKART_KEY_MUST_SIGN)
			kr->must_sign[n++] = kr->keys[i].name;
	}
	qsort(kr->by_id, kr->count, sizeof(*kr->by_id), by_id_cmp);
	for (i = 1; i < kr->count; i++) {
		const veikart__ring_key *a = kr->by_id[i - 1], *b = kr->by_id[i];

		if (strcmp(a->id, b->id) != 0)
			continue;
		if (a->line > b->line) {
			a = b;
			b = kr->by_id[i - 1];
		}
		snprintf(what, sizeof(what), "key %s is in the keyring twice (first on line %lu)",
		         b->id, a->line);
		return bad_line(file, b->line, what);
	}
	qsort(kr->must_sign, n, sizeof(*kr->must_sign), str_cmp);
	kr->nmust = n;
	return 0;
}

static int keyring_parse(veikart_keyring **out, const char *text, size_t length, const char *file,
                         const veikart_allocator *alloc)
{
	const char *p = text, *end = text + length, *nl;
	veikart_keyring *kr;
	unsigned long line = 0;
	size_t len;
	int err = 0, header = 0;

	if (memchr(text, '\0', length) != NULL)
		return bad_line(file, 1, "a keyring is text: this one contains a NUL byte");
	kr = veikart__calloc(alloc, 1, sizeof(*kr));
	if (kr == NULL)
		return VEIKART_ENOMEM;
	kr->alloc = *veikart__allocator_or_default(alloc);
	for (; p < end && err == 0; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		len = (size_t)(nl - p);
		line++;
		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (!header) {
			if (len != strlen(KEYRING_HEADER) || memcmp(p, KEYRING_HEADER, len) != 0)
				err = bad_line(file, line,
				               "not a veikart keyring: the first line must be "
				               "`veikart-keyring 1`");
			header = 1;
			continue;
		}
		if (len == 0 || p[0] == '#')
			continue;
		err = parse_key_line(kr, file, line, p, len);
	}
	if (err == 0 && !header)
		err = bad_line(file, 1, "not a veikart keyring: it is empty");
	if (err == 0)
		err = keyring_index(kr, file);
	if (err < 0) {
		veikart_keyring_free(kr);
		return err;
	}
	*out = kr;
	return 0;
}

int veikart_keyring_parse(veikart_keyring **out, const char *text, size_t length,
                          const veikart_sign_options *opts)
{
	const veikart_allocator *alloc;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the keyring");
	*out = NULL;
	if (text == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no keyring text");
	err = options(opts, &alloc);
	if (err < 0)
		return err;
	return keyring_parse(out, text, length, "keyring", alloc);
}

int veikart_keyring_load(veikart_keyring **out, const char *path, const veikart_sign_options *opts)
{
	const veikart_allocator *alloc;
	char *data = NULL;
	size_t len = 0;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the keyring");
	*out = NULL;
	if (path == NULL || path[0] == '\0')
		return veikart__error_set(VEIKART_EINVALID, "no keyring file name");
	err = options(opts, &alloc);
	if (err < 0)
		return err;
	err = read_small(path, alloc, MAX_KEYRING, &data, &len);
	if (err < 0)
		return err;
	err = keyring_parse(out, data, len, path, alloc);
	veikart__free(alloc, data);
	return err;
}

const veikart__ring_key *veikart__keyring_find(const veikart_keyring *kr, const char *id)
{
	veikart__ring_key want, *wantp = &want, **found;

	memcpy(want.id, id, VEIKART_KEY_ID_LENGTH);
	want.id[VEIKART_KEY_ID_LENGTH] = '\0';
	found = bsearch(&wantp, kr->by_id, kr->count, sizeof(*kr->by_id), by_id_cmp);
	return found ? *found : NULL;
}

int veikart__keyring_must_sign(const veikart_keyring *kr, const char *name)
{
	return bsearch(&name, kr->must_sign, kr->nmust, sizeof(*kr->must_sign), str_cmp) != NULL;
}

/* ---- signers ---------------------------------------------------------------- */

int veikart_signer_new(veikart_signer **out, const veikart_sign_options *opts)
{
	const veikart_allocator *alloc;
	veikart_signer *s;
	int err;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the signer");
	*out = NULL;
	err = options(opts, &alloc);
	if (err < 0)
		return err;
	s = veikart__calloc(alloc, 1, sizeof(*s));
	if (s == NULL)
		return VEIKART_ENOMEM;
	s->alloc = *veikart__allocator_or_default(alloc);
	*out = s;
	return 0;
}

void veikart_signer_free(veikart_signer *s)
{
	veikart_allocator alloc;
	size_t i;

	if (s == NULL)
		return;
	alloc = s->alloc;
	for (i = 0; i < s->count; i++)
		veikart_key_free(s->keys[i]);
	veikart_key_free(s->host);
	veikart__free(&alloc, s->keys);
	veikart__free(&alloc, s);
}

static int key_name_cmp(const void *a, const void *b)
{
	const veikart_key *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

int veikart_signer_add(veikart_signer *s, const veikart_key *key)
{
	veikart_key *copy, *const *found;
	size_t at;
	void *grown;
	int err;

	if (s == NULL || key == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no signer or no key");
	if (key->name == NULL && s->host != NULL)
		return veikart__error_set(VEIKART_EEXISTS, "the signer has a host key already (%s)",
		                          s->host->id);
	if (key->name != NULL && s->count > 0) {
		found = bsearch(&key, s->keys, s->count, sizeof(*s->keys), key_name_cmp);
		if (found != NULL)
			return veikart__error_set(VEIKART_EEXISTS,
			                          "the signer has a key for `%s` already (%s)",
			                          key->name, (*found)->id);
	}
	copy = key_new(&s->alloc, key->name, key->name ? strlen(key->name) : 0);
	if (copy == NULL)
		return VEIKART_ENOMEM;
	if (key->name != NULL) {
		grown = s->keys;
		err = veikart__grow(&s->alloc, &grown, &s->cap, s->count + 1, sizeof(*s->keys));
		if (err < 0) {
			veikart_key_free(copy);
			return err;
		}
		s->keys = grown;
	}
	memcpy(copy->pk, key->pk, sizeof(copy->pk));
	memcpy(copy->sk, key->sk, sizeof(copy->sk));
	memcpy(copy->id, key->id, sizeof(copy->id));
	if (key->name == NULL) {
		s->host = copy;
		return 0;
	}
	for (at = s->count; at > 0 && strcmp(s->keys[at - 1]->name, key->name) > 0; at--)
		s->keys[at] = s->keys[at - 1];
	s->keys[at] = copy;
	s->count++;
	return 0;
}

static const veikart_key *signer_key_for(const veikart_signer *s, const char *actor)
{
	veikart_key want, *wantp = &want, *const * found;

	/* bsearch() must not be given the NULL table of a signer with no person's key. */
	if (s->count == 0)
		return s->host;
	want.name = (char *)actor;
	found = bsearch(&wantp, s->keys, s->count, sizeof(*s->keys), key_name_cmp);
	return found ? *found : s->host;
}

/* ---- signing events --------------------------------------------------------- */

/* A copy of EV with the signature of KEY, allocated with ALLOC. */
static int sign_copy(veikart_event **out, const veikart_event *ev, const veikart_key *key,
                     const veikart_allocator *alloc)
{
	char msg[sizeof(VEIKART__SIG_CONTEXT) - 1 + 64], sig[VEIKART__SIG_B64_SIZE], why[200];
	size_t base = ev->record_len - 1, len;
	char *record;
	int err;

	if (ev->key_id != NULL)
		base -= VEIKART__SIG_TRAILER_LEN;
	memcpy(msg, VEIKART__SIG_CONTEXT, sizeof(VEIKART__SIG_CONTEXT) - 1);
	memcpy(msg + sizeof(VEIKART__SIG_CONTEXT) - 1, ev->hash, 64);
	veikart__key_sign(key, msg, sizeof(msg), sig);
	len = base + VEIKART__SIG_TRAILER_LEN + 1;
	record = veikart__malloc(alloc, len);
	if (record == NULL)
		return VEIKART_ENOMEM;
	memcpy(record, ev->record, base);
	memcpy(record + base, "\tkey=", 5);
	memcpy(record + base + 5, key->id, VEIKART_KEY_ID_LENGTH);
	memcpy(record + base + 5 + VEIKART_KEY_ID_LENGTH, "\tsig=", 5);
	memcpy(record + base + 10 + VEIKART_KEY_ID_LENGTH, sig, VEIKART__SIG_B64_LEN);
	record[len - 1] = '\n';
	err = veikart__event_parse(out, record, len, alloc, why, sizeof(why));
	veikart__free(alloc, record);
	if (err == VEIKART_ENOMEM)
		return veikart__error_nomem();
	if (err < 0)
		return veikart__error_set(err, "event %" PRIu64 " cannot be signed: %s", ev->seq,
		                          why);
	return 0;
}

static int no_key(const veikart_event *ev)
{
	return veikart__error_set(VEIKART_ENOTFOUND,
	                          "event %" PRIu64 " (%s by `%s`) cannot be signed: the signer "
	                          "has no key for `%s` and no host key",
	                          ev->seq, veikart_event_kind_name(ev->kind), ev->actor, ev->actor);
}

int veikart__signer_sign(const veikart_signer *s, veikart_event **ev,
                         const veikart_allocator *alloc)
{
	const veikart_key *key = signer_key_for(s, (*ev)->actor);
	veikart_event *signed_ev = NULL;
	int err;

	if (key == NULL)
		return no_key(*ev);
	err = sign_copy(&signed_ev, *ev, key, alloc);
	if (err < 0)
		return err;
	veikart__event_free(*ev);
	*ev = signed_ev;
	return 0;
}

int veikart_event_sign(veikart_event **out, const veikart_event *event,
                       const veikart_signer *signer)
{
	const veikart_key *key;

	if (out == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no place for the signed event");
	*out = NULL;
	if (event == NULL || signer == NULL)
		return veikart__error_set(VEIKART_EINVALID, "no event or no signer");
	key = signer_key_for(signer, event->actor);
	if (key == NULL)
		return no_key(event);
	return sign_copy(out, event, key, &event->alloc);
}

int veikart__event_signature_ok(const veikart_event *ev, const unsigned char *pk)
{
	char msg[sizeof(VEIKART__SIG_CONTEXT) - 1 + 64];

	memcpy(msg, VEIKART__SIG_CONTEXT, sizeof(VEIKART__SIG_CONTEXT) - 1);
	memcpy(msg + sizeof(VEIKART__SIG_CONTEXT) - 1, ev->hash, 64);
	return ev->sig != NULL && veikart__signature_ok(pk, msg, sizeof(msg), ev->sig);
}

const char *veikart_event_key_id(const veikart_event *event)
{
	return event ? event->key_id : NULL;
}

const char *veikart_event_signature(const veikart_event *event)
{
	return event ? event->sig : NULL;
}
