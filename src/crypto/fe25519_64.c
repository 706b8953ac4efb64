/*
 * Field arithmetic mod 2^255 - 19 with five 51-bit limbs and 64x64->128
 * products (hosts with unsigned __int128). See fe25519.h for the interface.
 *
 * Bounds (limb i holds bits 51i .. 51i+50):
 *   tight: every limb < 2^51 + 2^15
 *   loose: every limb < 2^53 (add: < 2^52 + 2^16; sub adds 2p first:
 *          < 2^51 + 2^15 + 2^52)
 * mul of two loose values: each product < 2^53 * 19 * 2^53 < 2^111, a
 * column of five < 2^114; the last column has no factor 19, so its carry
 * times 19 fits 64 bits.
 */
#include "fe25519.h"

#if defined(__SIZEOF_INT128__)

#include "bytes.h"
#include "ct.h"

typedef unsigned __int128 u128;

#define MASK51 ((((uint64_t)1) << 51) - 1)

void mote_fe25519_frombytes_64(mote_fe25519_64 *r, const uint8_t s[32])
{
	r->v[0] = mote_load64_le(s) & MASK51;
	r->v[1] = (mote_load64_le(s + 6) >> 3) & MASK51;
	r->v[2] = (mote_load64_le(s + 12) >> 6) & MASK51;
	r->v[3] = (mote_load64_le(s + 19) >> 1) & MASK51;
	r->v[4] = (mote_load64_le(s + 24) >> 12) & MASK51; /* drops bit 255 */
}

void mote_fe25519_set_64(mote_fe25519_64 *r, uint16_t v)
{
	r->v[0] = v;
	r->v[1] = r->v[2] = r->v[3] = r->v[4] = 0;
}

/* Carry 128-bit column sums into tight limbs. The top carry folds back
 * times 19 (2^255 = 19 mod p); one more step settles limb 0. Inline: as a
 * call it took its five 128-bit arguments through the stack (gcc 12 -O2,
 * 2026-11: mul's chain 224 bytes instead of 56). */
static inline void carry128(mote_fe25519_64 *r, u128 t0, u128 t1, u128 t2, u128 t3, u128 t4)
{
	uint64_t c;

	c = (uint64_t)(t0 >> 51);
	t1 += c;
	c = (uint64_t)(t1 >> 51);
	t2 += c;
	c = (uint64_t)(t2 >> 51);
	t3 += c;
	c = (uint64_t)(t3 >> 51);
	t4 += c;
	c = (uint64_t)(t4 >> 51);
	uint64_t r0 = ((uint64_t)t0 & MASK51) + c * 19;
	r->v[0] = r0 & MASK51;
	r->v[1] = ((uint64_t)t1 & MASK51) + (r0 >> 51);
	r->v[2] = (uint64_t)t2 & MASK51;
	r->v[3] = (uint64_t)t3 & MASK51;
	r->v[4] = (uint64_t)t4 & MASK51;
}

void mote_fe25519_carry_64(mote_fe25519_64 *r, const mote_fe25519_64 *a)
{
	uint64_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3], a4 = a->v[4];

	a1 += a0 >> 51;
	a0 &= MASK51;
	a2 += a1 >> 51;
	a1 &= MASK51;
	a3 += a2 >> 51;
	a2 &= MASK51;
	a4 += a3 >> 51;
	a3 &= MASK51;
	a0 += (a4 >> 51) * 19;
	a4 &= MASK51;
	a1 += a0 >> 51;
	a0 &= MASK51;
	r->v[0] = a0;
	r->v[1] = a1;
	r->v[2] = a2;
	r->v[3] = a3;
	r->v[4] = a4;
}

void mote_fe25519_tobytes_64(uint8_t s[32], const mote_fe25519_64 *a)
{
	mote_fe25519_64 t;
	uint64_t q;

	/* After carry the value is below 2^255 + 2^53 < 2p, so it is
	 * reduced by subtracting p once when q = floor((t + 19) / 2^255)
	 * is 1: add 19 q and drop bit 255. */
	mote_fe25519_carry_64(&t, a);
	q = (t.v[0] + 19) >> 51;
	q = (t.v[1] + q) >> 51;
	q = (t.v[2] + q) >> 51;
	q = (t.v[3] + q) >> 51;
	q = (t.v[4] + q) >> 51;
	t.v[0] += 19 * q;
	t.v[1] += t.v[0] >> 51;
	t.v[0] &= MASK51;
	t.v[2] += t.v[1] >> 51;
	t.v[1] &= MASK51;
	t.v[3] += t.v[2] >> 51;
	t.v[2] &= MASK51;
	t.v[4] += t.v[3] >> 51;
	t.v[3] &= MASK51;
	t.v[4] &= MASK51;
	mote_store64_le(s, t.v[0] | (t.v[1] << 51));
	mote_store64_le(s + 8, (t.v[1] >> 13) | (t.v[2] << 38));
	mote_store64_le(s + 16, (t.v[2] >> 26) | (t.v[3] << 25));
	mote_store64_le(s + 24, (t.v[3] >> 39) | (t.v[4] << 12));
}

void mote_fe25519_add_64(mote_fe25519_64 *r, const mote_fe25519_64 *a, const mote_fe25519_64 *b)
{
	for (int i = 0; i < 5; i++)
		r->v[i] = a->v[i] + b->v[i];
}

/* a + 2p - b: 2p in limbs is (2^52 - 38, 2^52 - 2, ...), which exceeds
 * every tight limb, so no limb goes negative. */
void mote_fe25519_sub_64(mote_fe25519_64 *r, const mote_fe25519_64 *a, const mote_fe25519_64 *b)
{
	r->v[0] = a->v[0] + 0xFFFFFFFFFFFDAu - b->v[0];
	r->v[1] = a->v[1] + 0xFFFFFFFFFFFFEu - b->v[1];
	r->v[2] = a->v[2] + 0xFFFFFFFFFFFFEu - b->v[2];
	r->v[3] = a->v[3] + 0xFFFFFFFFFFFFEu - b->v[3];
	r->v[4] = a->v[4] + 0xFFFFFFFFFFFFEu - b->v[4];
}

MOTE_FE_NOINLINE
void mote_fe25519_mul_64(mote_fe25519_64 *r, const mote_fe25519_64 *a, const mote_fe25519_64 *b)
{
	uint64_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3], a4 = a->v[4];
	uint64_t b0 = b->v[0], b1 = b->v[1], b2 = b->v[2], b3 = b->v[3], b4 = b->v[4];
	uint64_t b1_19 = b1 * 19, b2_19 = b2 * 19, b3_19 = b3 * 19, b4_19 = b4 * 19;
	u128 t0, t1, t2, t3, t4;

	/* a_i b_j with i + j >= 5 lands at 2^255 * 2^(51(i+j-5)) = 19 * ... */
	t0 = (u128)a0 * b0 + (u128)a1 * b4_19 + (u128)a2 * b3_19 + (u128)a3 * b2_19 +
	     (u128)a4 * b1_19;
	t1 = (u128)a0 * b1 + (u128)a1 * b0 + (u128)a2 * b4_19 + (u128)a3 * b3_19 +
	     (u128)a4 * b2_19;
	t2 = (u128)a0 * b2 + (u128)a1 * b1 + (u128)a2 * b0 + (u128)a3 * b4_19 +
	     (u128)a4 * b3_19;
	t3 = (u128)a0 * b3 + (u128)a1 * b2 + (u128)a2 * b1 + (u128)a3 * b0 + (u128)a4 * b4_19;
	t4 = (u128)a0 * b4 + (u128)a1 * b3 + (u128)a2 * b2 + (u128)a3 * b1 + (u128)a4 * b0;
	carry128(r, t0, t1, t2, t3, t4);
}

MOTE_FE_NOINLINE
void mote_fe25519_sq_64(mote_fe25519_64 *r, const mote_fe25519_64 *a)
{
	uint64_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3], a4 = a->v[4];
	uint64_t d0 = 2 * a0, d1 = 2 * a1, d2 = 2 * a2;
	uint64_t a3_19 = a3 * 19, a4_19 = a4 * 19;
	u128 t0, t1, t2, t3, t4;

	t0 = (u128)a0 * a0 + (u128)d1 * a4_19 + (u128)d2 * a3_19;
	t1 = (u128)d0 * a1 + (u128)d2 * a4_19 + (u128)a3 * a3_19;
	t2 = (u128)d0 * a2 + (u128)a1 * a1 + (u128)(2 * a3) * a4_19;
	t3 = (u128)d0 * a3 + (u128)d1 * a2 + (u128)a4 * a4_19;
	t4 = (u128)d0 * a4 + (u128)d1 * a3 + (u128)a2 * a2;
	carry128(r, t0, t1, t2, t3, t4);
}

void mote_fe25519_mul_a24_64(mote_fe25519_64 *r, const mote_fe25519_64 *a)
{
	carry128(r, (u128)a->v[0] * 121665, (u128)a->v[1] * 121665, (u128)a->v[2] * 121665,
	         (u128)a->v[3] * 121665, (u128)a->v[4] * 121665);
}

void mote_fe25519_cswap_64(mote_fe25519_64 *a, mote_fe25519_64 *b, uint32_t bit)
{
	uint64_t mask = mote_ct_barrier64(0 - (uint64_t)bit);

	for (int i = 0; i < 5; i++) {
		uint64_t t = mask & (a->v[i] ^ b->v[i]);
		a->v[i] ^= t;
		b->v[i] ^= t;
	}
}

void mote_fe25519_cmov_64(mote_fe25519_64 *r, const mote_fe25519_64 *a, uint32_t mask)
{
	uint64_t m = mote_ct_barrier64((uint64_t)0 - (mask & 1));

	for (int i = 0; i < 5; i++)
		r->v[i] ^= m & (r->v[i] ^ a->v[i]);
}

#define MOTE_FE_BITS 64
#include "fe25519_pow.h"

#endif /* __SIZEOF_INT128__ */
