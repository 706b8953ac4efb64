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
 * together and so leaves the point unchanged.
 */
static void ge_dbl(ge_p1p1 *r, const ge_p3 *p)
{
	fe a, b, c;

	fe_sq(&a, &p->X);
	fe_sq(&b, &p->Y);
	fe_sq(&c, &p->Z);
	fe_add(&c, &c, &c);
	fe_carry(&c, &c);          /* C = 2 Z^2, feeds a sub */
	fe_add(&r->H, &a, &b);
	fe_carry(&r->H, &r->H);    /* A + B, feeds a sub */
	fe_sub(&r->G, &b, &a);
	fe_carry(&r->G, &r->G);    /* G = B - A, feeds a sub */
	fe_add(&r->E, &p->X, &p->Y);
	fe_sq(&r->E, &r->E);
	fe_sub(&r->E, &r->E, &r->H); /* (X + Y)^2 - A - B = 2XY */
	fe_sub(&r->F, &c, &r->G);    /* C - G */
}

/* r = p + q (madd-2008-hwcd-3 with a = -1, k = 2d). */
static void ge_add_niels(ge_p1p1 *r, const ge_p3 *p, const ge_niels *q)
{
	fe a, b, c, d;

	fe_sub(&a, &p->Y, &p->X);
	fe_mul(&a, &a, &q->ymx);
	fe_add(&b, &p->Y, &p->X);
	fe_mul(&b, &b, &q->ypx);
	fe_mul(&c, &p->T, &q->xy2d);
	fe_add(&d, &p->Z, &p->Z);
	fe_carry(&d, &d);          /* 2 Z, feeds a sub */
	fe_sub(&r->E, &b, &a);
	fe_sub(&r->F, &d, &c);
	fe_add(&r->G, &d, &c);
	fe_add(&r->H, &b, &a);
}

/* Signed radix-16 digits of s < 2^255: s = sum e[i] 16^i, -8 <= e[i] <= 8.
 * Branch-free: the carry is an arithmetic function of each digit. */
static void ge_recode16(int8_t e[64], const uint8_t s[32])
{
	int carry = 0;

	for (int i = 0; i < 32; i++) {
		e[2 * i] = (int8_t)(s[i] & 15);
		e[2 * i + 1] = (int8_t)(s[i] >> 4);
	}
	for (int i = 0; i < 63; i++) {
		int v = e[i] + carry;  /* 0 .. 16 */
		carry = (v + 8) >> 4;  /* 1 when v >= 8 */
		e[i] = (int8_t)(v - (carry << 4));
	}
	e[63] = (int8_t)(e[63] + carry);
}

/* r = e 2^(64 k) B for -8 <= e <= 8, reading all eight table entries of
 * block k so the access pattern does not depend on e. */
static void ge_select_base(ge_niels *r, int k, int e)
{
	uint32_t x = (uint32_t)e;
	uint32_t neg = x >> 31;
	uint32_t mag = (x ^ (0 - neg)) + neg;
	uint32_t w[24] = {1, 0, 0, 0, 0, 0, 0, 0, 1}; /* identity: 1, 1, 0 */
	uint8_t buf[96];
	fe zero, t;

	for (int j = 0; j < 8; j++) {
		uint32_t mask = mote_ct_eq(mag, (uint32_t)j + 1);
		const uint8_t *src = mote_ge25519_base_table[k][j];
		for (int i = 0; i < 24; i++)
			w[i] ^= mask & (w[i] ^ mote_load32_le(src + 4 * i));
	}
	for (int i = 0; i < 24; i++)
		mote_store32_le(buf + 4 * i, w[i]);
	fe_frombytes(&r->ypx, buf);
	fe_frombytes(&r->ymx, buf + 32);
	fe_frombytes(&r->xy2d, buf + 64);
	/* -P = (y - x, y + x, -2dxy) */
	fe_cswap(&r->ypx, &r->ymx, neg);
	fe_set(&zero, 0);
	fe_sub(&t, &zero, &r->xy2d); /* loose, only multiplied */
	fe_cmov(&r->xy2d, &t, 0 - neg);
	mote_wipe(w, sizeof w);
	mote_wipe(buf, sizeof buf);
	mote_wipe(&t, sizeof t);
}

/*
 * r = s B for s < 2^255, in constant time (r->T is left unset). With s = sum e[i] 16^i and
 * i = 16 k + m, s B = sum_m 16^m sum_k e[16 k + m] (2^(64 k) B): Horner
 * over m from 15 down needs 60 doublings and 64 table additions.
 */
static void ge_base_mul(ge_p3 *r, const uint8_t s[32])
{
	int8_t e[64];
	ge_p1p1 t;
	ge_niels n;

	ge_recode16(e, s);
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
