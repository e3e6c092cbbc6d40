/*
 * libveikart - phase state machines for service innovation methodologies
 * SPDX-License-Identifier: MIT
 *
 * SHA-256 for the hash chain and the digests of methodologies.
 *
 * libsodium's crypto_hash_sha256 is the reference and the path on every
 * machine.  libsodium 1.0.18 has only a portable implementation, and its
 * maintainers keep it so (jedisct1/libsodium#808); on x86-64 processors with
 * the SHA extensions the hash chain is most of what a decision costs, so
 * there blocks are compressed with those instructions instead.  The padding
 * is FIPS 180-4's; unit.sha256 checks both paths against the standard's
 * vectors and against each other on every length across several blocks.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SHA_EXTENSIONS 1
#include <cpuid.h>
#include <immintrin.h>
#endif

/* Every byte's two hex digits, so that a digest is written a byte at a
 * time. */
static const char hex_pairs[513] =
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
        "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
        "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"
        "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
        "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
        "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf"
        "c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf"
        "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";

/* -1 until the processor has been asked; then 0 or 1.  Asking twice gives
 * the same answer, so a race between first callers is harmless. */
static atomic_int hw_state = -1;

#ifdef HAVE_SHA_EXTENSIONS

static const uint32_t round_constants[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static int cpu_has_sha_extensions(void)
{
	unsigned int eax, ebx, ecx, edx;

	/* SSSE3 and SSE4.1 (leaf 1, ECX bits 9 and 19), SHA (leaf 7, EBX bit 29). */
	if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0)
		return 0;
	if ((ecx & (1u << 9)) == 0 || (ecx & (1u << 19)) == 0)
		return 0;
	if (__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) == 0)
		return 0;
	return (ebx & (1u << 29)) != 0;
}

/*
 * Compresses n 64-byte blocks into h.  The instructions keep the state as
 * two registers, A B E F and C D G H, and do two rounds at a time; each
 * group of four rounds takes four message words plus their constants.
 */
__attribute__((target("sha,sse4.1,ssse3"))) static void
compress_hw(uint32_t h[8], const unsigned char *p, size_t n)
{
	const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i abef, cdgh, abef_saved, cdgh_saved, dcba, hgfe, w[4], m, k;
	int i;

	dcba = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
	hgfe = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);
	dcba = _mm_shuffle_epi32(dcba, 0xB1);     /* C D A B */
	hgfe = _mm_shuffle_epi32(hgfe, 0x1B);     /* H G F E */
	abef = _mm_alignr_epi8(dcba, hgfe, 8);    /* A B E F */
	cdgh = _mm_blend_epi16(hgfe, dcba, 0xF0); /* C D G H */

	for (; n > 0; n--, p += 64) {
		abef_saved = abef;
		cdgh_saved = cdgh;
		for (i = 0; i < 16; i++) {
			if (i < 4) {
				w[i] = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
				w[i] = _mm_shuffle_epi8(w[i], byte_swap);
			} else {
				/* W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16]:
				 * four words at a time. */
				m = _mm_sha256msg1_epu32(w[i % 4], w[(i + 1) % 4]);
				m = _mm_add_epi32(
				        m, _mm_alignr_epi8(w[(i + 3) % 4], w[(i + 2) % 4], 4));
				w[i % 4] = _mm_sha256msg2_epu32(m, w[(i + 3) % 4]);
			}
			k = _mm_loadu_si128((const __m128i *)(const void *)&round_constants[4 * i]);
			m = _mm_add_epi32(w[i % 4], k);
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m);
			m = _mm_shuffle_epi32(m, 0x0E);
			abef = _mm_sha256rnds2_epu32(abef, cdgh, m);
		}
		abef = _mm_add_epi32(abef, abef_saved);
		cdgh = _mm_add_epi32(cdgh, cdgh_saved);
	}

	abef = _mm_shuffle_epi32(abef, 0x1B);     /* F E B A */
	cdgh = _mm_shuffle_epi32(cdgh, 0xB1);     /* D C H G */
	dcba = _mm_blend_epi16(abef, cdgh, 0xF0); /* D C B A */
	hgfe = _mm_alignr_epi8(cdgh, abef, 8);    /* H G F E */
	_mm_storeu_si128((__m128i *)(void *)&h[0], dcba);
	_mm_storeu_si128((__m128i *)(void *)&h[4], hgfe);
}

#endif /* HAVE_SHA_EXTENSIONS */

int veikart__sha256_hw_available(void)
{
	int state = atomic_load_explicit(&hw_state, memory_order_relaxed);

	if (state < 0) {
#ifdef HAVE_SHA_EXTENSIONS
		state = cpu_has_sha_extensions();
#else
		state = 0;
#endif
		atomic_store_explicit(&hw_state, state, memory_order_relaxed);
	}
	return state;
}

void veikart__sha256_init_with(veikart__sha256 *ctx, int hw)
{
	static const uint32_t initial[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	ctx->hw = hw && veikart__sha256_hw_available();
	if (!ctx->hw) {
		crypto_hash_sha256_init(&ctx->u.sodium);
		return;
	}
	memcpy(ctx->u.own.h, initial, sizeof(initial));
	ctx->u.own.bytes = 0;
	ctx->u.own.used = 0;
}

void veikart__sha256_init(veikart__sha256 *ctx)
{
	veikart__sha256_init_with(ctx, 1);
}

#ifdef HAVE_SHA_EXTENSIONS
static void own_update(veikart__sha256 *ctx, const unsigned char *p, size_t len)
{
	size_t take, whole;

	ctx->u.own.bytes += len;
	if (ctx->u.own.used > 0) {
		take = 64 - ctx->u.own.used;
		if (take > len)
			take = len;
		memcpy(ctx->u.own.buf + ctx->u.own.used, p, take);
		ctx->u.own.used += take;
		p += take;
		len -= take;
		if (ctx->u.own.used < 64)
			return;
		compress_hw(ctx->u.own.h, ctx->u.own.buf, 1);
		ctx->u.own.used = 0;
	}
	whole = len / 64;
	if (whole > 0)
		compress_hw(ctx->u.own.h, p, whole);
	p += whole * 64;
	len -= whole * 64;
	memcpy(ctx->u.own.buf, p, len);
	ctx->u.own.used = len;
}

/* FIPS 180-4, 5.1.1: a one bit, zeros to 56 bytes mod 64, the length in bits. */
static void own_final(veikart__sha256 *ctx, unsigned char out[VEIKART__SHA256_SIZE])
{
	uint64_t bits = ctx->u.own.bytes * 8;
	unsigned char *buf = ctx->u.own.buf;
	size_t used = ctx->u.own.used;
	int i;

	buf[used++] = 0x80;
	if (used > 56) {
		memset(buf + used, 0, 64 - used);
		compress_hw(ctx->u.own.h, buf, 1);
		used = 0;
	}
	memset(buf + used, 0, 56 - used);
	for (i = 0; i < 8; i++)
		buf[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	compress_hw(ctx->u.own.h, buf, 1);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(ctx->u.own.h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(ctx->u.own.h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(ctx->u.own.h[i] >> 8);
		out[4 * i + 3] = (unsigned char)ctx->u.own.h[i];
	}
}
#endif

void veikart__sha256_update(veikart__sha256 *ctx, const void *data, size_t len)
{
	if (len == 0)
		return;
#ifdef HAVE_SHA_EXTENSIONS
	if (ctx->hw) {
		own_update(ctx, data, len);
		return;
	}
#endif
	crypto_hash_sha256_update(&ctx->u.sodium, data, (unsigned long long)len);
}

void veikart__sha256_final(veikart__sha256 *ctx, unsigned char out[VEIKART__SHA256_SIZE])
{
#ifdef HAVE_SHA_EXTENSIONS
	if (ctx->hw) {
		own_final(ctx, out);
		return;
	}
#endif
	crypto_hash_sha256_final(&ctx->u.sodium, out);
}

void veikart__sha256_to_hex(char out[VEIKART__SHA256_HEX_SIZE],
                            const unsigned char digest[VEIKART__SHA256_SIZE])
{
	int i;

	for (i = 0; i < VEIKART__SHA256_SIZE; i++)
		memcpy(out + 2 * i, hex_pairs + 2 * digest[i], 2);
	out[2 * VEIKART__SHA256_SIZE] = '\0';
}

void veikart__sha256_hex(char out[VEIKART__SHA256_HEX_SIZE], const void *data, size_t len)
{
	veikart__sha256_hex2(out, data, len, NULL, 0);
}

void veikart__sha256_hex2(char out[VEIKART__SHA256_HEX_SIZE], const void *a, size_t alen,
                          const void *b, size_t blen)
{
	unsigned char digest[VEIKART__SHA256_SIZE];
	veikart__sha256 ctx;

	veikart__sha256_init(&ctx);
	veikart__sha256_update(&ctx, a, alen);
	veikart__sha256_update(&ctx, b, blen);
	veikart__sha256_final(&ctx, digest);
	veikart__sha256_to_hex(out, digest);
}
