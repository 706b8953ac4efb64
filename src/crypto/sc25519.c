/*
 * Scalars mod L by Barrett reduction (HAC 14.42) in radix 2^16 (see
 * sc25519.h). For x < 2^512, with mu = floor(2^512 / L):
 *   q = floor(floor(x / 2^240) * mu / 2^272)
 *   r = (x - q L) mod 2^272, which is below 3L,
 * then L is subtracted twice, each time only if r >= L.
 */
#include "sc25519.h"

#include "ct.h"

#define SC_LIMBS 16 /* a scalar */
#define SC_WIDE 32  /* a double-width value */
#define SC_Q 17     /* the Barrett quotient and remainder */

static const uint16_t order[SC_Q] = {0xd3ed, 0x5cf5, 0x631a, 0x5812, 0x9cd6, 0xa2f7,
                                     0xf9de, 0x14de, 0x0000, 0x0000, 0x0000, 0x0000,
                                     0x0000, 0x0000, 0x0000, 0x1000, 0x0000};

/* floor(2^512 / L). */
static const uint16_t mu[SC_Q] = {0x131b, 0x0a2c, 0xe5a3, 0xed9c, 0x29a7, 0x0863,
                                  0x215d, 0x2106, 0xffeb, 0xffff, 0xffff, 0xffff,
                                  0xffff, 0xffff, 0xffff, 0xffff, 0x000f};

static void load_limbs(uint16_t *r, const uint8_t *s, int n)
{
	for (int i = 0; i < n; i++)
		r[i] = (uint16_t)(s[2 * i] | (s[2 * i + 1] << 8));
}

/* r = the low nr limbs of a * b. Each 16x16 product is split at bit 16 into
 * two columns, so a column stays below 2 * 17 * 2^16. */
static void mul_limbs(uint16_t *r, int nr, const uint16_t *a, int na, const uint16_t *b, int nb)
{
	uint32_t t[SC_WIDE + 2] = {0};
	uint32_t c = 0;

	for (int i = 0; i < na; i++) {
		for (int j = 0; j < nb && i + j < nr; j++) {
			uint32_t p = (uint32_t)a[i] * b[j];
			t[i + j] += p & 0xFFFF;
			t[i + j + 1] += p >> 16;
		}
	}
	for (int k = 0; k < nr; k++) {
		c += t[k];
		r[k] = (uint16_t)c;
		c >>= 16;
	}
}

/* r -= L if r >= L, without branching on r. */
static void sub_order_if_ge(uint16_t r[SC_Q])
{
	uint16_t t[SC_Q];
	uint32_t x, borrow = 0;

	for (int i = 0; i < SC_Q; i++) {
		x = (uint32_t)r[i] - order[i] - borrow;
		t[i] = (uint16_t)x;
		borrow = x >> 31;
	}
	/* No borrow: r >= L, keep the difference. */
	uint16_t keep = (uint16_t)mote_ct_barrier32(0 - borrow);
	for (int i = 0; i < SC_Q; i++)
		r[i] = (uint16_t)((r[i] & keep) | (t[i] & ~keep));
}

/* out = x mod L for a 32-limb x. Wipes the intermediates, which may
 * derive from secrets. */
static void barrett(uint8_t out[32], const uint16_t x[SC_WIDE])
{
	uint16_t q[2 * SC_Q], r[SC_Q], ql[SC_Q];
	uint32_t borrow = 0, d;

	mul_limbs(q, 2 * SC_Q, x + SC_LIMBS - 1, SC_Q, mu, SC_Q);
	mul_limbs(ql, SC_Q, q + SC_Q, SC_Q, order, SC_Q);
	for (int i = 0; i < SC_Q; i++) {
		d = (uint32_t)x[i] - ql[i] - borrow;
		r[i] = (uint16_t)d;
		borrow = d >> 31;
	}
	sub_order_if_ge(r);
	sub_order_if_ge(r);
	for (int i = 0; i < SC_LIMBS; i++) {
		out[2 * i] = (uint8_t)r[i];
		out[2 * i + 1] = (uint8_t)(r[i] >> 8);
	}
	mote_wipe(q, sizeof q);
	mote_wipe(r, sizeof r);
	mote_wipe(ql, sizeof ql);
}

void mote_sc25519_reduce(uint8_t out[32], const uint8_t in[64])
{
	uint16_t x[SC_WIDE];

	load_limbs(x, in, SC_WIDE);
	barrett(out, x);
	mote_wipe(x, sizeof x);
}

void mote_sc25519_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32],
                         const uint8_t c[32])
{
	uint16_t x[SC_WIDE], al[SC_LIMBS], bl[SC_LIMBS], cl[SC_LIMBS];
	uint32_t carry = 0;

	load_limbs(al, a, SC_LIMBS);
	load_limbs(bl, b, SC_LIMBS);
	load_limbs(cl, c, SC_LIMBS);
	mul_limbs(x, SC_WIDE, al, SC_LIMBS, bl, SC_LIMBS);
	/* a b + c < 2^512: the carry dies before the top limb overflows. */
	for (int i = 0; i < SC_WIDE; i++) {
		carry += (uint32_t)x[i] + (i < SC_LIMBS ? cl[i] : 0);
		x[i] = (uint16_t)carry;
		carry >>= 16;
	}
	barrett(out, x);
	mote_wipe(x, sizeof x);
	mote_wipe(al, sizeof al);
	mote_wipe(bl, sizeof bl);
	mote_wipe(cl, sizeof cl);
}

uint32_t mote_sc25519_is_canonical(const uint8_t s[32])
{
	uint16_t v[SC_LIMBS];
	uint32_t x, borrow = 0;

	load_limbs(v, s, SC_LIMBS);
	for (int i = 0; i < SC_LIMBS; i++) {
		x = (uint32_t)v[i] - order[i] - borrow;
		borrow = x >> 31;
	}
	return 0 - borrow; /* s - L borrowed: s < L */
}
