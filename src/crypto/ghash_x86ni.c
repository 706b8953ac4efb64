/*
 * GHASH with the x86-64 PCLMULQDQ instruction (see aes_x86ni.c for when
 * it is compiled and used).
 *
 * Same arithmetic as ghash_ct64.c: blocks byte-reversed into 128-bit
 * big-endian integers, Karatsuba with three carry-less products, the
 * 256-bit result shifted left once and reduced with shifts. Four blocks
 * at a time are folded with H^4, H^3, H^2, H and reduced once:
 * Y' = (Y + X1) H^4 + X2 H^3 + X3 H^2 + X4 H.
 */
#include "aes_impl.h"

#if MOTE_HAVE_X86NI

#include <immintrin.h>
#include <string.h>

#include "ct.h"

#define X86NI __attribute__((target("pclmul,ssse3")))

X86NI static inline __m128i load_be(const uint8_t *p)
{
	const __m128i rev = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

	return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), rev);
}

X86NI static inline void store_be(uint8_t *p, __m128i x)
{
	const __m128i rev = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

	_mm_storeu_si128((__m128i *)(void *)p, _mm_shuffle_epi8(x, rev));
}

/* Unreduced Karatsuba terms: hi*hi, lo*lo, (hi^lo)*(hi^lo). */
struct terms {
	__m128i a, b, c;
};

/* t += x * h, where hk holds h.hi ^ h.lo in its low lane. */
X86NI static inline void mul_acc(struct terms *t, __m128i x, __m128i h, __m128i hk)
{
	__m128i xk = _mm_xor_si128(x, _mm_shuffle_epi32(x, 0x4E));

	t->a = _mm_xor_si128(t->a, _mm_clmulepi64_si128(x, h, 0x11));
	t->b = _mm_xor_si128(t->b, _mm_clmulepi64_si128(x, h, 0x00));
	t->c = _mm_xor_si128(t->c, _mm_clmulepi64_si128(xk, hk, 0x00));
}

/* Combines the terms, shifts the 256-bit product left once and reduces
 * it modulo x^128 + x^7 + x^2 + x + 1 (ghash_ct64.c explains the shifts:
 * lanes are [w1:w0] in lo and [w3:w2] in hi). */
X86NI static inline __m128i reduce(const struct terms *t)
{
	__m128i m = _mm_xor_si128(_mm_xor_si128(t->c, t->a), t->b);
	__m128i hi = _mm_xor_si128(t->a, _mm_srli_si128(m, 8));
	__m128i lo = _mm_xor_si128(t->b, _mm_slli_si128(m, 8));
	__m128i clo = _mm_srli_epi64(lo, 63), chi = _mm_srli_epi64(hi, 63), l, r;

	lo = _mm_or_si128(_mm_slli_epi64(lo, 1), _mm_slli_si128(clo, 8));
	hi = _mm_or_si128(_mm_or_si128(_mm_slli_epi64(hi, 1), _mm_slli_si128(chi, 8)),
	                  _mm_srli_si128(clo, 8));
	/* w1 ^= w0 << 63, 62, 57: lo becomes [d:w0]. */
	l = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(lo, 63), _mm_slli_epi64(lo, 62)),
	                  _mm_slli_epi64(lo, 57));
	lo = _mm_xor_si128(lo, _mm_slli_si128(l, 8));
	/* [w3:w2] ^= [d:w0] ^ ([d:w0] >> 1, 2, 7 as 128-bit shifts). */
	r = _mm_xor_si128(_mm_xor_si128(_mm_srli_epi64(lo, 1), _mm_srli_epi64(lo, 2)),
	                  _mm_srli_epi64(lo, 7));
	l = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(lo, 63), _mm_slli_epi64(lo, 62)),
	                  _mm_slli_epi64(lo, 57));
	r = _mm_xor_si128(r, _mm_srli_si128(l, 8));
	return _mm_xor_si128(hi, _mm_xor_si128(lo, r));
}

X86NI static inline __m128i karatsuba_key(__m128i h)
{
	return _mm_xor_si128(h, _mm_shuffle_epi32(h, 0x4E));
}

X86NI static inline __m128i gf_mul(__m128i x, __m128i h, __m128i hk)
{
	struct terms t = {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};

	mul_acc(&t, x, h, hk);
	return reduce(&t);
}

X86NI void mote_ghash_x86ni(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t len)
{
	__m128i hp[8]; /* H, H^2, H^3, H^4 and their Karatsuba keys */
	__m128i acc = load_be(y);

	hp[0] = load_be(h);
	hp[4] = karatsuba_key(hp[0]);
	if (len >= 64) {
		for (unsigned i = 1; i < 4; i++) {
			hp[i] = gf_mul(hp[i - 1], hp[0], hp[4]);
			hp[4 + i] = karatsuba_key(hp[i]);
		}
		for (; len >= 64; len -= 64, data += 64) {
			struct terms t = {_mm_setzero_si128(), _mm_setzero_si128(),
			                  _mm_setzero_si128()};

			mul_acc(&t, _mm_xor_si128(acc, load_be(data)), hp[3], hp[7]);
			mul_acc(&t, load_be(data + 16), hp[2], hp[6]);
			mul_acc(&t, load_be(data + 32), hp[1], hp[5]);
			mul_acc(&t, load_be(data + 48), hp[0], hp[4]);
			acc = reduce(&t);
		}
	}
	for (; len >= 16; len -= 16, data += 16)
		acc = gf_mul(_mm_xor_si128(acc, load_be(data)), hp[0], hp[4]);
	if (len > 0) {
		uint8_t last[16] = {0};

		memcpy(last, data, len);
		acc = gf_mul(_mm_xor_si128(acc, load_be(last)), hp[0], hp[4]);
	}
	store_be(y, acc);
	mote_wipe(hp, sizeof hp);
}

#endif /* MOTE_HAVE_X86NI */
