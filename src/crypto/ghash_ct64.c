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
 * reflected product, reduced with shifts (mote_ghash_combine, ghash_impl.h).
 */
#include "aes_impl.h"
#include "bytes.h"
#include "ct.h"
#include "ghash_impl.h"
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

/* (y1:y0) <- (y1:y0) * H, with Karatsuba over the 64-bit halves; key
 * holds clmul keys for H1, H0 and H1 ^ H0. */
static void gf_mul(uint64_t *y1, uint64_t *y0, const void *key)
{
	const struct clmul_key *k = key;
	u64x2 a = clmul(*y1, &k[0]), b = clmul(*y0, &k[1]), c = clmul(*y1 ^ *y0, &k[2]);

	mote_ghash_combine(y1, y0, a.hi, a.lo, b.hi, b.lo, c.hi, c.lo);
}

void mote_ghash_ct64(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t len)
{
	struct clmul_key k[3];
	uint64_t h1 = mote_load64_be(h), h0 = mote_load64_be(h + 8);

	clmul_key_init(&k[0], h1);
	clmul_key_init(&k[1], h0);
	clmul_key_init(&k[2], h1 ^ h0);
	mote_ghash_blocks(y, data, len, gf_mul, k);
	mote_wipe(k, sizeof k);
}
