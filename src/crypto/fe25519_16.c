/*
 * Field arithmetic mod 2^255 - 19 for cores without a constant-time
 * 32x32->64 multiply (ESP8266, Cortex-M0/M0+, some Cortex-M3): sixteen
 * 16-bit limbs, products from 16x16->32 multiplies only, and no 64-bit
 * arithmetic at all (compilers lower 64-bit additions to branches on some
 * of these cores). See fe25519.h for the interface.
 *
 * A value is any 256-bit number 0 <= a < 2^256 in sixteen uint16_t limbs
 * (weight 2^(16 i)); every operation returns that form, so there is no
 * loose/tight distinction here. 2^256 = 38 mod p.
 *
 * A product a_i b_j < 2^32 is split at bit 16 and its halves added into
 * columns i + j and i + j + 1, so a column never exceeds 32 * 2^16.
 */
#include "fe25519.h"

#include "ct.h"

/* Turn sixteen columns t[i] < 2^26.4 into a value below 2^256. The carry c
 * out of the top (< 1250) folds back as 38 c; if that overflows again the
 * low part is then below 38 c < 2^16 - 38, so the last fold of 38 into limb
 * 0 cannot carry. */
static void carry_columns(mote_fe25519_16 *r, uint32_t t[16])
{
	uint32_t c = 0;

	for (int i = 0; i < 16; i++) {
		t[i] += c;
		c = t[i] >> 16;
		t[i] &= 0xFFFF;
	}
	t[0] += 38 * c;
	c = 0;
	for (int i = 0; i < 16; i++) {
		t[i] += c;
		c = t[i] >> 16;
		r->v[i] = (uint16_t)t[i];
	}
	r->v[0] = (uint16_t)(r->v[0] + 38 * c);
}

void mote_fe25519_frombytes_16(mote_fe25519_16 *r, const uint8_t s[32])
{
	for (int i = 0; i < 16; i++)
		r->v[i] = (uint16_t)(s[2 * i] | (s[2 * i + 1] << 8));
	r->v[15] &= 0x7FFF; /* bit 255 ignored */
}

void mote_fe25519_tobytes_16(uint8_t s[32], const mote_fe25519_16 *a)
{
	uint32_t t[16], c, q;

	/* Fold bit 255 (value now < 2^255 + 19 < 2p), then subtract p once
	 * when q = floor((t + 19) / 2^255) is 1: add 19 q, drop bit 255. */
	for (int i = 0; i < 16; i++)
		t[i] = a->v[i];
	c = t[15] >> 15;
	t[15] &= 0x7FFF;
	t[0] += 19 * c;
	for (int i = 0; i < 15; i++) {
		t[i + 1] += t[i] >> 16;
		t[i] &= 0xFFFF;
	}
	q = (t[0] + 19) >> 16;
	for (int i = 1; i < 15; i++)
		q = (t[i] + q) >> 16;
	q = (t[15] + q) >> 15;
	t[0] += 19 * q;
	for (int i = 0; i < 15; i++) {
		t[i + 1] += t[i] >> 16;
		t[i] &= 0xFFFF;
	}
	t[15] &= 0x7FFF;
	for (int i = 0; i < 16; i++) {
		s[2 * i] = (uint8_t)t[i];
		s[2 * i + 1] = (uint8_t)(t[i] >> 8);
	}
}

void mote_fe25519_set_16(mote_fe25519_16 *r, uint16_t v)
{
	r->v[0] = v;
	for (int i = 1; i < 16; i++)
		r->v[i] = 0;
}

void mote_fe25519_add_16(mote_fe25519_16 *r, const mote_fe25519_16 *a, const mote_fe25519_16 *b)
{
	uint32_t t[16];

	for (int i = 0; i < 16; i++)
		t[i] = (uint32_t)a->v[i] + b->v[i];
	carry_columns(r, t);
}

/* The borrow out of the top means the result is 2^256 too large, i.e.
 * 38 too large mod p: take 38 off. If that borrows again, the value is now
 * at least 2^256 - 38, so the second 38 comes off limb 0 without a borrow.
 * A borrow is bit 31 of the (wrapped) 32-bit difference. */
void mote_fe25519_sub_16(mote_fe25519_16 *r, const mote_fe25519_16 *a, const mote_fe25519_16 *b)
{
	uint32_t t[16], x, br = 0;

	for (int i = 0; i < 16; i++) {
		x = (uint32_t)a->v[i] - b->v[i] - br;
		t[i] = x & 0xFFFF;
		br = x >> 31;
	}
	t[0] -= 38 * br;
	br = 0;
	for (int i = 0; i < 16; i++) {
		x = t[i] - br;
		r->v[i] = (uint16_t)x;
		br = x >> 31;
	}
	r->v[0] = (uint16_t)(r->v[0] - 38 * br);
}

/* t[i] += 38 t[i + 16]: the upper 256 bits of a product, folded. */
static void fold_columns(mote_fe25519_16 *r, uint32_t t[32])
{
	for (int i = 0; i < 16; i++)
		t[i] += 38 * t[i + 16];
	carry_columns(r, t);
}

MOTE_FE_NOINLINE
void mote_fe25519_mul_16(mote_fe25519_16 *r, const mote_fe25519_16 *a, const mote_fe25519_16 *b)
{
	uint32_t t[32] = {0};

	for (int i = 0; i < 16; i++) {
		uint32_t ai = a->v[i];
		for (int j = 0; j < 16; j++) {
			uint32_t p = ai * b->v[j]; /* 16x16->32 */
			t[i + j] += p & 0xFFFF;
			t[i + j + 1] += p >> 16;
		}
	}
	fold_columns(r, t);
}

MOTE_FE_NOINLINE
void mote_fe25519_sq_16(mote_fe25519_16 *r, const mote_fe25519_16 *a)
{
	uint32_t t[32] = {0};

	for (int i = 0; i < 16; i++) {
		uint32_t ai = a->v[i];
		uint32_t p = ai * ai;
		t[2 * i] += p & 0xFFFF;
		t[2 * i + 1] += p >> 16;
		for (int j = i + 1; j < 16; j++) {
			p = ai * a->v[j];
			t[i + j] += (p & 0xFFFF) << 1;
			t[i + j + 1] += (p >> 16) << 1;
		}
	}
	fold_columns(r, t);
}

/* 121665 = 2^16 + 0xDB41: one 16x16 product and a shifted copy. */
void mote_fe25519_mul_a24_16(mote_fe25519_16 *r, const mote_fe25519_16 *a)
{
	uint32_t t[17] = {0};

	for (int i = 0; i < 16; i++) {
		uint32_t p = (uint32_t)a->v[i] * 0xDB41;
		t[i] += p & 0xFFFF;
		t[i + 1] += (p >> 16) + a->v[i];
	}
	t[0] += 38 * t[16];
	carry_columns(r, t);
}

void mote_fe25519_carry_16(mote_fe25519_16 *r, const mote_fe25519_16 *a)
{
	*r = *a;
}

void mote_fe25519_cswap_16(mote_fe25519_16 *a, mote_fe25519_16 *b, uint32_t bit)
{
	uint16_t mask = (uint16_t)mote_ct_barrier32(0 - bit);

	for (int i = 0; i < 16; i++) {
		uint16_t t = mask & (a->v[i] ^ b->v[i]);
		a->v[i] ^= t;
		b->v[i] ^= t;
	}
}

void mote_fe25519_cmov_16(mote_fe25519_16 *r, const mote_fe25519_16 *a, uint32_t mask)
{
	uint16_t m = (uint16_t)mote_ct_barrier32(mask);

	for (int i = 0; i < 16; i++)
		r->v[i] ^= m & (r->v[i] ^ a->v[i]);
}

#define MOTE_FE_BITS 16
#include "fe25519_pow.h"
