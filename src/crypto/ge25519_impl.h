/*
 * The Edwards group of Ed25519 (-x^2 + y^2 = 1 + d x^2 y^2 mod 2^255 - 19),
 * written once over the short field names of fe25519_bind.h and compiled
 * into each file that includes it after defining MOTE_FE_BITS (internal).
 * Everything here is static: each including file gets its own copy for
 * its own variant.
 *
 * Points use extended coordinates (X:Y:Z:T) with x = X/Z, y = Y/Z,
 * xy = T/Z, and the complete formulas of Hisil-Wong-Carter-Dawson 2008
 * (a = -1): no exceptional cases, so the identity and doublings need no
 * special handling. Additions and doublings produce a "completed" point
 * (E, F, G, H) with X = EF, Y = GH, Z = FG, T = EH; converting it costs
 * three multiplications, four if T is needed by the next addition.
 *
 * The field rule that add and sub take tight inputs (fe25519.h) is kept
 * by fe_carry where a sum feeds another sum; the comments mark them.
 */
#include <string.h>

#include "bytes.h"
#include "ct.h"
#include "fe25519_bind.h"
#include "ge25519_table.h"

typedef struct {
	fe X, Y, Z, T;
} ge_p3;

typedef struct {
	fe E, F, G, H;
} ge_p1p1;

/* Affine point for mixed addition: y + x, y - x, 2 d x y. */
typedef struct {
	fe ypx, ymx, xy2d;
} ge_niels;

static void ge_identity(ge_p3 *r)
{
	fe_set(&r->X, 0);
	fe_set(&r->Y, 1);
	fe_set(&r->Z, 1);
	fe_set(&r->T, 0);
}

/* r = p with T computed only when the next operation is an addition. */
static void ge_complete(ge_p3 *r, const ge_p1p1 *p, int with_t)
{
	fe_mul(&r->X, &p->E, &p->F);
	fe_mul(&r->Y, &p->G, &p->H);
	fe_mul(&r->Z, &p->F, &p->G);
	if (with_t)
		fe_mul(&r->T, &p->E, &p->H);
}

/*
 * r = 2p (dbl-2008-hwcd with a = -1; reads X, Y, Z only). With A = X^2,
 * B = Y^2, C = 2 Z^2 the formulas give E = 2XY, G = B - A, F = G - C and
 * H = -(A + B); here F and H are negated, which negates X, Y, Z and T
 * together and so leaves the point unchanged. r's fields serve as the
 * temporaries (A in E, B in F), so the frame holds no field element.
 */
static void ge_dbl(ge_p1p1 *r, const ge_p3 *p)
{
	fe_sq(&r->E, &p->X);
	fe_sq(&r->F, &p->Y);
	fe_add(&r->H, &r->E, &r->F);
	fe_carry(&r->H, &r->H);      /* A + B, feeds a sub */
	fe_sub(&r->G, &r->F, &r->E);
	fe_carry(&r->G, &r->G);      /* G = B - A, feeds a sub */
	fe_sq(&r->F, &p->Z);
	fe_add(&r->F, &r->F, &r->F);
	fe_carry(&r->F, &r->F);      /* C = 2 Z^2, feeds a sub */
	fe_add(&r->E, &p->X, &p->Y);
	fe_sq(&r->E, &r->E);
	fe_sub(&r->E, &r->E, &r->H); /* (X + Y)^2 - A - B = 2XY */
	fe_sub(&r->F, &r->F, &r->G); /* C - G */
}

/* The last step of an addition: with a, b, c, d (tight) in E, H, F, G,
 * set E = b - a, H = b + a, F = d - c, G = d + c. */
static void ge_add_finish(ge_p1p1 *r)
{
	fe t = r->E;

	fe_sub(&r->E, &r->H, &t);
	fe_add(&r->H, &r->H, &t);
	t = r->F;
	fe_sub(&r->F, &r->G, &t);
	fe_add(&r->G, &r->G, &t);
}

/* r = p + q (madd-2008-hwcd-3 with a = -1, k = 2d):
 * a = (Y - X)(y - x), b = (Y + X)(y + x), c = T 2dxy, d = 2Z. */
static void ge_add_niels(ge_p1p1 *r, const ge_p3 *p, const ge_niels *q)
{
	fe_sub(&r->E, &p->Y, &p->X);
	fe_mul(&r->E, &r->E, &q->ymx);
	fe_add(&r->H, &p->Y, &p->X);
	fe_mul(&r->H, &r->H, &q->ypx);
	fe_mul(&r->F, &p->T, &q->xy2d);
	fe_add(&r->G, &p->Z, &p->Z);
	fe_carry(&r->G, &r->G);
	ge_add_finish(r);
}

/* Signed radix-16 digits of s < 2^255: s = sum e[i] 16^i, -8 <= e[i] <= 8.
 * With clamp, s is first clamped as X25519 does (bits 0..2 and 255
 * cleared, bit 254 set). Branch-free: the carry is an arithmetic function
 * of each digit. */
static void ge_recode16(int8_t e[64], const uint8_t s[32], int clamp)
{
	int carry = 0;

	for (int i = 0; i < 32; i++) {
		e[2 * i] = (int8_t)(s[i] & 15);
		e[2 * i + 1] = (int8_t)(s[i] >> 4);
	}
	if (clamp) {
		e[0] &= 8;
		e[63] = (int8_t)((e[63] & 7) | 4);
	}
	for (int i = 0; i < 63; i++) {
		int v = e[i] + carry;  /* 0 .. 16 */
		carry = (v + 8) >> 4;  /* 1 when v >= 8 */
		e[i] = (int8_t)(v - (carry << 4));
	}
	e[63] = (int8_t)(e[63] + carry);
}

/* r = e 2^(64 k) B for -8 <= e <= 8, reading all eight table entries of
 * block k so the access pattern does not depend on e. The entry's bytes
 * are chosen 32 bits at a time (memcpy: the words are never interpreted,
 * so byte order does not matter), negated as bytes, then decoded once. */
static void ge_select_base(ge_niels *r, int k, int e)
{
	uint32_t x = (uint32_t)e;
	uint32_t neg = mote_ct_barrier32(x >> 31);
	uint32_t mag = (x ^ (0 - neg)) + neg;
	uint32_t borrow = 0;
	uint32_t w[24] = {0};
	uint8_t *b = (uint8_t *)w;

	b[0] = b[32] = 1; /* the identity: 1, 1, 0 */
	for (int j = 0; j < 8; j++) {
		uint32_t mask = mote_ct_eq(mag, (uint32_t)j + 1);
		const uint8_t *src = mote_ge25519_base_table[k][j];
		for (int i = 0; i < 24; i++) {
			uint32_t v;
			memcpy(&v, src + 4 * i, 4);
			w[i] ^= mask & (w[i] ^ v);
		}
	}
	/* -P = (y - x, y + x, -2dxy): swap the first two fields and replace
	 * the third (canonical, nonzero) by p minus it. */
	for (int i = 0; i < 32; i++) {
		uint8_t p_byte = i == 0 ? 0xED : i == 31 ? 0x7F : 0xFF;
		uint8_t t = (uint8_t)((0 - neg) & (b[i] ^ b[32 + i]));
		uint32_t d = (uint32_t)p_byte - b[64 + i] - borrow;
		b[i] ^= t;
		b[32 + i] ^= t;
		borrow = (d >> 8) & 1;
		b[64 + i] ^= (uint8_t)((0 - neg) & (b[64 + i] ^ d));
	}
	fe_frombytes(&r->ypx, b);
	fe_frombytes(&r->ymx, b + 32);
	fe_frombytes(&r->xy2d, b + 64);
	mote_wipe(w, sizeof w);
}

/*
 * r = s B for s < 2^255 (clamped first if clamp), in constant time (r->T
 * is left unset). With
 * s = sum e[i] 16^i and i = 16 k + m, s B = sum_m 16^m sum_k e[16 k + m] (2^(64 k) B): Horner
 * over m from 15 down needs 60 doublings and 64 table additions.
 */
MOTE_FE_NOINLINE
static void ge_base_mul(ge_p3 *r, const uint8_t s[32], int clamp)
{
	int8_t e[64];
	ge_p1p1 t;
	ge_niels n;

	ge_recode16(e, s, clamp);
	ge_identity(r);
	for (int m = 15; m >= 0; m--) {
		for (int i = 0; m != 15 && i < 4; i++) {
			ge_dbl(&t, r);
			ge_complete(r, &t, i == 3);
		}
		for (int k = 0; k < 4; k++) {
			ge_select_base(&n, k, e[16 * k + m]);
			ge_add_niels(&t, r, &n);
			ge_complete(r, &t, k != 3);
		}
	}
	mote_wipe(e, sizeof e);
	mote_wipe(&t, sizeof t);
	mote_wipe(&n, sizeof n);
}
