/*
 * Field arithmetic mod 2^255 - 19 with ten limbs of alternately 26 and 25
 * bits (radix 2^25.5) and 32x32->64 products: UMULL/UMLAL on Cortex-M4,
 * MUL/MULHU on RV32IM. See fe25519.h for the interface.
 *
 * Limb i holds bits ceil(25.5 i) .. ; even limbs are 26 bits wide, odd
 * ones 25. a_i b_j lands at weight ceil(25.5 (i+j)), one bit higher when
 * i and j are both odd (hence the doubled odd limbs), and i + j >= 10
 * wraps to 2^255 = 19 (hence the limbs times 19).
 *
 * Bounds (E = even limb, O = odd limb):
 *   tight: E < 2^26, O < 2^25 + 2^17
 *   loose: E < 3 * 2^26 + 2^18, O < 3 * 2^25 + 2^18 (sub adds 2p first)
 * Loose limbs times 19 stay below 2^32; a product is below 2^60 and a
 * column of ten below 2^63.
 */
#include "fe25519.h"

#include "bytes.h"
#include "ct.h"

#define MASK26 0x3FFFFFFu
#define MASK25 0x1FFFFFFu

/* Bit offset and byte position of each limb inside the encoding. */
static const uint8_t limb_byte[10] = {0, 3, 6, 9, 12, 16, 19, 22, 25, 28};
static const uint8_t limb_shift[10] = {0, 2, 3, 5, 6, 0, 1, 3, 4, 6};

void mote_fe25519_frombytes_32(mote_fe25519_32 *r, const uint8_t s[32])
{
	for (int i = 0; i < 10; i++) {
		uint32_t w = mote_load32_le(s + limb_byte[i]) >> limb_shift[i];
		r->v[i] = w & ((i & 1) ? MASK25 : MASK26); /* limb 9 drops bit 255 */
	}
}

void mote_fe25519_set_32(mote_fe25519_32 *r, uint16_t v)
{
	r->v[0] = v;
	for (int i = 1; i < 10; i++)
		r->v[i] = 0;
}

/* Column sums become limbs as they are produced: each column's sum plus
 * the carry from the one before goes through acc, which keeps a single
 * 64-bit value live instead of ten. COL(i, sum) emits limb i. */
#define COL(i, sum)                                                                     \
	do {                                                                                \
		acc += (sum);                                                                   \
		r->v[i] = (uint32_t)acc & (((i) & 1) ? MASK25 : MASK26);                        \
		acc >>= ((i) & 1) ? 25 : 26;                                                    \
	} while (0)

/* The carry out of limb 9 folds back times 19; one more step settles
 * limb 0 (limb 1 then stays below 2^25 + 2^17). */
static void fold_top(mote_fe25519_32 *r, uint64_t carry)
{
	uint64_t r0 = r->v[0] + carry * 19;

	r->v[0] = (uint32_t)r0 & MASK26;
	r->v[1] += (uint32_t)(r0 >> 26);
}

/* Carry 64-bit column sums into tight limbs. */
static void carry64(mote_fe25519_32 *r, const uint64_t t[10])
{
	uint64_t acc = 0;

	for (int i = 0; i < 10; i++)
		COL(i, t[i]);
	fold_top(r, acc);
}

void mote_fe25519_carry_32(mote_fe25519_32 *r, const mote_fe25519_32 *a)
{
	uint64_t t[10];

	for (int i = 0; i < 10; i++)
		t[i] = a->v[i];
	carry64(r, t);
}

void mote_fe25519_tobytes_32(uint8_t s[32], const mote_fe25519_32 *a)
{
	mote_fe25519_32 t;
	uint32_t q;

	/* After carry the value is below 2^255 + 2^43 < 2p: subtract p
	 * once when q = floor((t + 19) / 2^255) is 1, i.e. add 19 q and
	 * drop bit 255. */
	mote_fe25519_carry_32(&t, a);
	q = (t.v[0] + 19) >> 26;
	for (int i = 1; i < 10; i++)
		q = (t.v[i] + q) >> ((i & 1) ? 25 : 26);
	t.v[0] += 19 * q;
	for (int i = 0; i < 9; i++) {
		t.v[i + 1] += t.v[i] >> ((i & 1) ? 25 : 26);
		t.v[i] &= (i & 1) ? MASK25 : MASK26;
	}
	t.v[9] &= MASK25;

	/* Pack 255 bits little-endian. */
	uint64_t acc = 0;
	int bits = 0, n = 0;
	for (int i = 0; i < 10; i++) {
		acc |= (uint64_t)t.v[i] << bits;
		bits += (i & 1) ? 25 : 26;
		while (bits >= 8) {
			s[n++] = (uint8_t)acc;
			acc >>= 8;
			bits -= 8;
		}
	}
	s[31] = (uint8_t)acc; /* the last 7 bits; bit 255 is 0 */
}

void mote_fe25519_add_32(mote_fe25519_32 *r, const mote_fe25519_32 *a, const mote_fe25519_32 *b)
{
	for (int i = 0; i < 10; i++)
		r->v[i] = a->v[i] + b->v[i];
}

/* a + 2p - b, with 2p = (2^27 - 38, 2^26 - 2, 2^27 - 2, 2^26 - 2, ...),
 * which exceeds every tight limb. */
void mote_fe25519_sub_32(mote_fe25519_32 *r, const mote_fe25519_32 *a, const mote_fe25519_32 *b)
{
	r->v[0] = a->v[0] + 0x7FFFFDAu - b->v[0];
	for (int i = 1; i < 10; i++)
		r->v[i] = a->v[i] + ((i & 1) ? 0x3FFFFFEu : 0x7FFFFFEu) - b->v[i];
}

#define M(x, y) ((uint64_t)(x) * (y))

MOTE_FE_NOINLINE
void mote_fe25519_mul_32(mote_fe25519_32 *r, const mote_fe25519_32 *a, const mote_fe25519_32 *b)
{
	uint32_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3], a4 = a->v[4];
	uint32_t a5 = a->v[5], a6 = a->v[6], a7 = a->v[7], a8 = a->v[8], a9 = a->v[9];
	uint32_t b0 = b->v[0], b1 = b->v[1], b2 = b->v[2], b3 = b->v[3], b4 = b->v[4];
	uint32_t b5 = b->v[5], b6 = b->v[6], b7 = b->v[7], b8 = b->v[8], b9 = b->v[9];
	uint32_t a1_2 = 2 * a1, a3_2 = 2 * a3, a5_2 = 2 * a5, a7_2 = 2 * a7, a9_2 = 2 * a9;
	uint32_t b1_19 = 19 * b1, b2_19 = 19 * b2, b3_19 = 19 * b3, b4_19 = 19 * b4;
	uint32_t b5_19 = 19 * b5, b6_19 = 19 * b6, b7_19 = 19 * b7, b8_19 = 19 * b8;
	uint32_t b9_19 = 19 * b9;
	uint64_t acc = 0;

	COL(0, M(a0, b0) + M(a1_2, b9_19) + M(a2, b8_19) + M(a3_2, b7_19) + M(a4, b6_19) +
	       M(a5_2, b5_19) + M(a6, b4_19) + M(a7_2, b3_19) + M(a8, b2_19) + M(a9_2, b1_19));
	COL(1, M(a0, b1) + M(a1, b0) + M(a2, b9_19) + M(a3, b8_19) + M(a4, b7_19) +
	       M(a5, b6_19) + M(a6, b5_19) + M(a7, b4_19) + M(a8, b3_19) + M(a9, b2_19));
	COL(2, M(a0, b2) + M(a1_2, b1) + M(a2, b0) + M(a3_2, b9_19) + M(a4, b8_19) +
	       M(a5_2, b7_19) + M(a6, b6_19) + M(a7_2, b5_19) + M(a8, b4_19) + M(a9_2, b3_19));
	COL(3, M(a0, b3) + M(a1, b2) + M(a2, b1) + M(a3, b0) + M(a4, b9_19) + M(a5, b8_19) +
	       M(a6, b7_19) + M(a7, b6_19) + M(a8, b5_19) + M(a9, b4_19));
	COL(4, M(a0, b4) + M(a1_2, b3) + M(a2, b2) + M(a3_2, b1) + M(a4, b0) + M(a5_2, b9_19) +
	       M(a6, b8_19) + M(a7_2, b7_19) + M(a8, b6_19) + M(a9_2, b5_19));
	COL(5, M(a0, b5) + M(a1, b4) + M(a2, b3) + M(a3, b2) + M(a4, b1) + M(a5, b0) +
	       M(a6, b9_19) + M(a7, b8_19) + M(a8, b7_19) + M(a9, b6_19));
	COL(6, M(a0, b6) + M(a1_2, b5) + M(a2, b4) + M(a3_2, b3) + M(a4, b2) + M(a5_2, b1) +
	       M(a6, b0) + M(a7_2, b9_19) + M(a8, b8_19) + M(a9_2, b7_19));
	COL(7, M(a0, b7) + M(a1, b6) + M(a2, b5) + M(a3, b4) + M(a4, b3) + M(a5, b2) +
	       M(a6, b1) + M(a7, b0) + M(a8, b9_19) + M(a9, b8_19));
	COL(8, M(a0, b8) + M(a1_2, b7) + M(a2, b6) + M(a3_2, b5) + M(a4, b4) + M(a5_2, b3) +
	       M(a6, b2) + M(a7_2, b1) + M(a8, b0) + M(a9_2, b9_19));
	COL(9, M(a0, b9) + M(a1, b8) + M(a2, b7) + M(a3, b6) + M(a4, b5) + M(a5, b4) +
	       M(a6, b3) + M(a7, b2) + M(a8, b1) + M(a9, b0));
	fold_top(r, acc);
}

/* Squaring: each cross product once, doubled (d = 2a); odd-by-odd cross
 * products doubled again (q = 4a). */
MOTE_FE_NOINLINE
void mote_fe25519_sq_32(mote_fe25519_32 *r, const mote_fe25519_32 *a)
{
	uint32_t a0 = a->v[0], a1 = a->v[1], a2 = a->v[2], a3 = a->v[3], a4 = a->v[4];
	uint32_t a5 = a->v[5], a6 = a->v[6], a7 = a->v[7], a8 = a->v[8], a9 = a->v[9];
	uint32_t d0 = 2 * a0, d1 = 2 * a1, d2 = 2 * a2, d3 = 2 * a3, d4 = 2 * a4;
	uint32_t d5 = 2 * a5, d6 = 2 * a6, d7 = 2 * a7, d8 = 2 * a8, d9 = 2 * a9;
	uint32_t q1 = 4 * a1, q3 = 4 * a3, q5 = 4 * a5, q7 = 4 * a7;
	uint32_t a5_19 = 19 * a5, a6_19 = 19 * a6, a7_19 = 19 * a7, a8_19 = 19 * a8;
	uint32_t a9_19 = 19 * a9;
	uint64_t acc = 0;

	COL(0, M(a0, a0) + M(q1, a9_19) + M(d2, a8_19) + M(q3, a7_19) + M(d4, a6_19) +
	       M(d5, a5_19));
	COL(1, M(d0, a1) + M(d2, a9_19) + M(d3, a8_19) + M(d4, a7_19) + M(d5, a6_19));
	COL(2, M(d0, a2) + M(d1, a1) + M(q3, a9_19) + M(d4, a8_19) + M(q5, a7_19) + M(a6, a6_19));
	COL(3, M(d0, a3) + M(d1, a2) + M(d4, a9_19) + M(d5, a8_19) + M(d6, a7_19));
	COL(4, M(d0, a4) + M(q1, a3) + M(a2, a2) + M(q5, a9_19) + M(d6, a8_19) + M(d7, a7_19));
	COL(5, M(d0, a5) + M(d1, a4) + M(d2, a3) + M(d6, a9_19) + M(d7, a8_19));
	COL(6, M(d0, a6) + M(q1, a5) + M(d2, a4) + M(d3, a3) + M(q7, a9_19) + M(a8, a8_19));
	COL(7, M(d0, a7) + M(d1, a6) + M(d2, a5) + M(d3, a4) + M(d8, a9_19));
	COL(8, M(d0, a8) + M(q1, a7) + M(d2, a6) + M(q3, a5) + M(a4, a4) + M(d9, a9_19));
	COL(9, M(d0, a9) + M(d1, a8) + M(d2, a7) + M(d3, a6) + M(d4, a5));
	fold_top(r, acc);
}

void mote_fe25519_mul_a24_32(mote_fe25519_32 *r, const mote_fe25519_32 *a)
{
	uint64_t t[10];

	for (int i = 0; i < 10; i++)
		t[i] = M(a->v[i], 121665);
	carry64(r, t);
}

#undef M
#undef COL

void mote_fe25519_cswap_32(mote_fe25519_32 *a, mote_fe25519_32 *b, uint32_t bit)
{
	uint32_t mask = mote_ct_barrier32(0 - bit);

	for (int i = 0; i < 10; i++) {
		uint32_t t = mask & (a->v[i] ^ b->v[i]);
		a->v[i] ^= t;
		b->v[i] ^= t;
	}
}

void mote_fe25519_cmov_32(mote_fe25519_32 *r, const mote_fe25519_32 *a, uint32_t mask)
{
	uint32_t m = mote_ct_barrier32(mask);

	for (int i = 0; i < 10; i++)
		r->v[i] ^= m & (r->v[i] ^ a->v[i]);
}

#define MOTE_FE_BITS 32
#include "fe25519_pow.h"
