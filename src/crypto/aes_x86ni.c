/*
 * AES encryption with the x86-64 AES-NI instructions.
 *
 * Compiled on every x86-64 gcc/clang build so the tests always run it
 * where the CPU allows; the public functions only use it when
 * MOTE_ENABLE_AES_HW is set and CPUID reports AES-NI, PCLMULQDQ, SSSE3 and
 * SSE4.1 (see mote_aes_x86ni_available). Each function carries a target
 * attribute, so the rest of the build needs no -maes. The hardware rounds
 * are constant time by design; nothing here indexes memory by secret data.
 *
 * Round keys are the plain FIPS-197 schedule, 16 bytes per round in
 * memory order, held in mote_aes_ctx.sk (240 bytes for AES-256).
 */
#include "aes_impl.h"

#if MOTE_HAVE_X86NI

#include <cpuid.h>
#include <immintrin.h>
#include <string.h>

#include "ct.h"
#include "mote/error.h"

#define X86NI __attribute__((target("aes,pclmul,ssse3,sse4.1")))

int mote_aes_x86ni_available(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	/* ECX: bit 1 PCLMULQDQ, 9 SSSE3, 19 SSE4.1, 25 AES. */
	return (c & (1u << 1)) && (c & (1u << 9)) && (c & (1u << 19)) && (c & (1u << 25));
}

/* SubWord with AESENCLAST on four copies of the word: ShiftRows only moves
 * bytes between identical columns, and the zero round key adds nothing. */
X86NI static uint32_t sub_word(uint32_t x)
{
	__m128i v = _mm_aesenclast_si128(_mm_set1_epi32((int)x), _mm_setzero_si128());

	return (uint32_t)_mm_cvtsi128_si32(v);
}

int mote_aes_init_x86ni(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len)
{
	uint32_t w[60];
	unsigned nr = mote_aes_key_expand(w, key, key_len, sub_word);

	memset(ctx, 0, sizeof *ctx);
	if (nr == 0)
		return MOTE_ERR_BAD_KEY_LENGTH;
	/* x86 is little-endian: the words land in memory as the key bytes. */
	memcpy(ctx->sk, w, 16 * (nr + 1));
	ctx->nr = (uint8_t)nr;
	ctx->impl = MOTE_AES_IMPL_X86NI;
	mote_wipe(w, sizeof w);
	return 0;
}

X86NI static void load_keys(__m128i rk[15], const mote_aes_ctx *ctx)
{
	for (unsigned i = 0; i <= ctx->nr; i++)
		rk[i] = _mm_loadu_si128((const __m128i *)(const void *)(ctx->sk + 4 * i));
}

/* Encrypts N (1..8) blocks in place; the independent blocks keep the
 * AES unit's pipeline full. */
X86NI static inline void encrypt_n(const __m128i *rk, unsigned nr, __m128i *x, unsigned n)
{
	for (unsigned b = 0; b < n; b++)
		x[b] = _mm_xor_si128(x[b], rk[0]);
	for (unsigned i = 1; i < nr; i++) {
		for (unsigned b = 0; b < n; b++)
			x[b] = _mm_aesenc_si128(x[b], rk[i]);
	}
	for (unsigned b = 0; b < n; b++)
		x[b] = _mm_aesenclast_si128(x[b], rk[nr]);
}

X86NI void mote_aes_encrypt_blocks_x86ni(const mote_aes_ctx *ctx, const uint8_t *in,
                                         uint8_t *out, size_t nblocks)
{
	__m128i rk[15], x[8];

	load_keys(rk, ctx);
	while (nblocks > 0) {
		unsigned n = nblocks < 8 ? (unsigned)nblocks : 8;

		for (unsigned b = 0; b < n; b++)
			x[b] = _mm_loadu_si128((const __m128i *)(const void *)(in + 16 * b));
		encrypt_n(rk, ctx->nr, x, n);
		for (unsigned b = 0; b < n; b++)
			_mm_storeu_si128((__m128i *)(void *)(out + 16 * b), x[b]);
		in += 16 * n;
		out += 16 * n;
		nblocks -= n;
	}
	mote_wipe(rk, sizeof rk);
	mote_wipe(x, sizeof x);
}

static inline uint32_t bswap32(uint32_t x)
{
	return (x >> 24) | ((x >> 8) & 0xFF00u) | ((x << 8) & 0xFF0000u) | (x << 24);
}

/* N counter blocks: BASE with ctr + b, big-endian, in its last 4 bytes. */
X86NI static inline void counters(__m128i *x, __m128i base, uint32_t ctr, unsigned n)
{
	for (unsigned b = 0; b < n; b++)
		x[b] = _mm_insert_epi32(base, (int)bswap32(ctr + b), 3);
}

X86NI void mote_aes_ctr32_x86ni(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *ek0,
                                uint8_t *buf, size_t len)
{
	__m128i rk[15], x[8];
	__m128i base = _mm_loadu_si128((const __m128i *)(const void *)cb);
	uint32_t ctr = ((uint32_t)cb[12] << 24) | ((uint32_t)cb[13] << 16) |
	               ((uint32_t)cb[14] << 8) | cb[15];
	unsigned nr = ctx->nr;

	load_keys(rk, ctx);
	if (ek0 != NULL) {
		counters(x, base, ctr++, 1);
		encrypt_n(rk, nr, x, 1);
		_mm_storeu_si128((__m128i *)(void *)ek0, x[0]);
	}
	for (; len >= 128; len -= 128, buf += 128, ctr += 8) {
		counters(x, base, ctr, 8);
		encrypt_n(rk, nr, x, 8);
		for (unsigned b = 0; b < 8; b++) {
			__m128i *p = (__m128i *)(void *)(buf + 16 * b);

			_mm_storeu_si128(p, _mm_xor_si128(_mm_loadu_si128(p), x[b]));
		}
	}
	if (len > 0) {
		unsigned n = (unsigned)((len + 15) / 16);
		uint8_t ks[128];

		counters(x, base, ctr, n);
		encrypt_n(rk, nr, x, n);
		for (unsigned b = 0; b < n; b++)
			_mm_storeu_si128((__m128i *)(void *)(ks + 16 * b), x[b]);
		for (size_t i = 0; i < len; i++)
			buf[i] ^= ks[i];
		mote_wipe(ks, sizeof ks);
	}
	mote_wipe(rk, sizeof rk);
	mote_wipe(x, sizeof x);
}

#endif /* MOTE_HAVE_X86NI */
