/*
 * GHASH (SP 800-38D) in constant time with 64x64->128 integer multiplies.
 *
 * Carry-less products by integer multiplication ("holes"): split each
 * operand into four classes of bits whose positions are equal mod 4. The
 * integer product of two classes only has bits of one class, and each of
 * those positions receives a count of terms; as long as every count is
 * below 16 it fits in the 4-bit gap before the next position of the class,
 * so its low bit is the XOR of the terms. A 64-bit class has 16 bits, and
 * 16 x 16 bits could put 16 terms on one position, so the key's classes
 * drop their top nibble (15 bits each, counts <= 15) and the four bits of
 * that nibble are added back with masks. No table, no branch, no
 * secret-dependent address; integer multiplies are constant time on the
 * 64-bit CPUs this variant is chosen for.
 *
 * Field elements are the bit-reflected 128-bit big-endian integers of
 * GCM: the product of two such integers, shifted left once, is the 256-bit
 * reflected product, reduced below with shifts.
 */
#include <string.h>

#include "aes_impl.h"
#include "bytes.h"
#include "ct.h"
#include "mote/config.h"

static const uint64_t class_mask[4] = {0x1111111111111111u, 0x2222222222222222u,
                                       0x4444444444444444u, 0x8888888888888888u};

typedef struct {
	uint64_t hi, lo;
} u64x2;

#if MOTE_MUL_BITS == 64
__extension__ typedef unsigned __int128 u128;

static inline u64x2 mul64(uint64_t a, uint64_t b)
{
	u128 p = (u128)a * b;
	u64x2 r = {(uint64_t)(p >> 64), (uint64_t)p};

	return r;
}
#else
/* Plain 64x64->128 integer product from four 32x32->64 ones. */
static inline u64x2 mul64(uint64_t a, uint64_t b)
{
	uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
	uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
	u64x2 r = {hh + (lh >> 32) + (hl >> 32) + (mid >> 32), (mid << 32) | (uint32_t)ll};

	return r;
}
#endif

/* One 64-bit operand prepared for clmul(): c[k] its class-k bits below bit
 * 60, t[k] all ones if bit 60 + k is set. */
struct clmul_key {
	uint64_t c[4], t[4];
};

static void clmul_key_init(struct clmul_key *k, uint64_t h)
{
	for (unsigned i = 0; i < 4; i++) {
		k->c[i] = h & class_mask[i] & 0x0FFFFFFFFFFFFFFFu;
		k->t[i] = 0 - ((h >> (60 + i)) & 1);
	}
}

/* Carry-less 64x64->128 product of x and the key's operand. */
static inline u64x2 clmul(uint64_t x, const struct clmul_key *k)
{
	uint64_t xs[4], hi = 0, lo = 0;

	for (unsigned a = 0; a < 4; a++)
		xs[a] = x & class_mask[a];
	for (unsigned cls = 0; cls < 4; cls++) {
		u64x2 z = {0, 0};

		for (unsigned a = 0; a < 4; a++) {
			u64x2 p = mul64(xs[a], k->c[(cls - a) & 3]);

			z.hi ^= p.hi;
			z.lo ^= p.lo;
		}
		hi |= z.hi & class_mask[cls];
		lo |= z.lo & class_mask[cls];
	}
	for (unsigned i = 0; i < 4; i++) {
		uint64_t t = x & k->t[i];

		lo ^= t << (60 + i);
		hi ^= t >> (4 - i);
	}
	u64x2 r = {hi, lo};
	return r;
}

/* (y1:y0) <- (y1:y0) * H, with Karatsuba over the 64-bit halves. */
static void gf_mul(uint64_t *y1, uint64_t *y0, const struct clmul_key k[3])
{
	u64x2 a = clmul(*y1, &k[0]), b = clmul(*y0, &k[1]), c = clmul(*y1 ^ *y0, &k[2]);
	uint64_t mh = c.hi ^ a.hi ^ b.hi, ml = c.lo ^ a.lo ^ b.lo;
	uint64_t p3 = a.hi, p2 = a.lo ^ mh, p1 = b.hi ^ ml, p0 = b.lo;
	uint64_t w3 = (p3 << 1) | (p2 >> 63), w2 = (p2 << 1) | (p1 >> 63);
	uint64_t w1 = (p1 << 1) | (p0 >> 63), w0 = p0 << 1;

	/* x^128 = x^7 + x^2 + x + 1: degree d lands on d - 128, -127, -126
	 * and -121, i.e. the same bit 128 places up, then 1, 2, 7 lower. */
	w2 ^= w0 ^ (w0 >> 1) ^ (w0 >> 2) ^ (w0 >> 7);
	w1 ^= (w0 << 63) ^ (w0 << 62) ^ (w0 << 57);
	w3 ^= w1 ^ (w1 >> 1) ^ (w1 >> 2) ^ (w1 >> 7);
	w2 ^= (w1 << 63) ^ (w1 << 62) ^ (w1 << 57);
	*y1 = w3;
	*y0 = w2;
}

void mote_ghash_ct64(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t len)
{
	struct clmul_key k[3];
	uint64_t h1 = mote_load64_be(h), h0 = mote_load64_be(h + 8);
	uint64_t y1 = mote_load64_be(y), y0 = mote_load64_be(y + 8);

	clmul_key_init(&k[0], h1);
	clmul_key_init(&k[1], h0);
	clmul_key_init(&k[2], h1 ^ h0);
	for (; len >= 16; len -= 16, data += 16) {
		y1 ^= mote_load64_be(data);
		y0 ^= mote_load64_be(data + 8);
		gf_mul(&y1, &y0, k);
	}
	if (len > 0) {
		uint8_t last[16] = {0};

		memcpy(last, data, len);
		y1 ^= mote_load64_be(last);
		y0 ^= mote_load64_be(last + 8);
		gf_mul(&y1, &y0, k);
	}
	mote_store64_be(y, y1);
	mote_store64_be(y + 8, y0);
	mote_wipe(k, sizeof k);
}
