/*
 * Unit tests of SHA-256 (sha256.h): the standard's vectors, and the path
 * through the processor's SHA extensions against libsodium's on every
 * length across several blocks, fed in pieces of every size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support.h"

#include "sha256.h"

static void digest_hex(char out[VEIKART__SHA256_HEX_SIZE], int hw, const void *data, size_t len,
                       size_t piece)
{
	const unsigned char *p = data;
	unsigned char digest[VEIKART__SHA256_SIZE];
	veikart__sha256 ctx;
	size_t n;

	veikart__sha256_init_with(&ctx, hw);
	while (len > 0) {
		n = piece < len ? piece : len;
		veikart__sha256_update(&ctx, p, n);
		p += n;
		len -= n;
	}
	veikart__sha256_final(&ctx, digest);
	veikart__sha256_to_hex(out, digest);
}

static void sodium_hex(char out[VEIKART__SHA256_HEX_SIZE], const void *data, size_t len)
{
	unsigned char digest[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(out, VEIKART__SHA256_HEX_SIZE, digest, sizeof(digest));
}

/* FIPS 180-4's examples (NIST's "SHA256.pdf"), the empty message, and a
 * million 'a's, through both paths, whole and a byte at a time. */
static void test_sha256_should_give_the_standards_digests(void **state)
{
	static const struct {
		const char *text;
		const char *hex;
	} vectors[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
		  "klmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	char hex[VEIKART__SHA256_HEX_SIZE];
	char *million;
	size_t i, len;
	int hw;

	(void)state;
	for (hw = 0; hw <= 1; hw++) {
		for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
			len = strlen(vectors[i].text);
			digest_hex(hex, hw, vectors[i].text, len, len + 1);
			assert_string_equal(hex, vectors[i].hex);
			digest_hex(hex, hw, vectors[i].text, len, 1);
			assert_string_equal(hex, vectors[i].hex);
		}
		million = malloc(1000000);
		assert_non_null(million);
		memset(million, 'a', 1000000);
		digest_hex(hex, hw, million, 1000000, 1000000);
		assert_string_equal(
		        hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
		digest_hex(hex, hw, million, 1000000, 4099);
		assert_string_equal(
		        hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
		free(million);
	}
}

/* Every length from 0 to 600 bytes (the padding falls in the same block or
 * the next at 55, 56 and 64 bytes mod 64), in pieces of 1 to 130 bytes. */
static void test_sha256_should_agree_with_libsodium_on_every_length(void **state)
{
	static const size_t pieces[] = { 1, 3, 55, 56, 63, 64, 65, 130, 100000 };
	unsigned char data[600];
	char want[VEIKART__SHA256_HEX_SIZE], got[VEIKART__SHA256_HEX_SIZE];
	unsigned int seed = 12345;
	size_t len, i;
	int hw;

	(void)state;
	for (i = 0; i < sizeof(data); i++) {
		seed = seed * 1103515245u + 12345u;
		data[i] = (unsigned char)(seed >> 16);
	}
	for (len = 0; len <= sizeof(data); len++) {
		sodium_hex(want, data, len);
		for (hw = 0; hw <= 1; hw++) {
			for (i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
				digest_hex(got, hw, data, len, pieces[i]);
				if (strcmp(got, want) != 0)
					fail_msg("%s path, %zu bytes in pieces of %zu: %s, "
					         "libsodium %s",
					         hw ? "SHA extensions" : "libsodium", len,
					         pieces[i], got, want);
			}
		}
	}
	/* Two parts hashed as one, as methodology digests are. */
	veikart__sha256_hex2(got, data, 100, data + 100, 500);
	sodium_hex(want, data, 600);
	assert_string_equal(got, want);
	veikart__sha256_hex(got, data, 0);
	assert_string_equal(got,
	                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	print_message("SHA extensions on this processor: %s\n",
	              veikart__sha256_hw_available() ? "yes, both paths compared"
	                                             : "no, libsodium's path only");
}

/* The public functions: a file's digest equals its bytes' digest. */
static void test_sha256_should_hash_files_as_their_bytes(void **state)
{
	char path[] = "/tmp/veikart-sha256-XXXXXX";
	char from_file[VEIKART_HASH_HEX_LENGTH + 1], from_bytes[VEIKART_HASH_HEX_LENGTH + 1];
	static unsigned char data[200000];
	FILE *f;
	size_t i;
	int fd;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + i / 251);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, sizeof(data), f), sizeof(data));
	assert_int_equal(fclose(f), 0);
	assert_int_equal(veikart_sha256_file(from_file, path), 0);
	assert_int_equal(veikart_sha256_hex(from_bytes, data, sizeof(data)), 0);
	assert_string_equal(from_file, from_bytes);
	unlink(path);
	assert_int_equal(veikart_sha256_file(from_file, path), VEIKART_ENOTFOUND);
	assert_non_null(strstr(veikart_error_last()->message, path));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_should_give_the_standards_digests),
		cmocka_unit_test(test_sha256_should_agree_with_libsodium_on_every_length),
		cmocka_unit_test(test_sha256_should_hash_files_as_their_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
