/*
 * Fixed exponentiations mod 2^255 - 19, written once for every variant
 * (internal). Included at the end of each fe25519_NN.c after MOTE_FE_BITS
 * is defined; uses that file's fe_sq and fe_mul.
 *
 * Both exponents share the prefix 2^250 - 1 (the usual addition chain:
 * 254 squarings, 11 multiplications for the inverse). The chain is fixed,
 * so the time does not depend on the value.
 */
#include "fe25519_bind.h"

/* r = a^(2^n), n >= 1. */
static void fe_sqn(fe *r, const fe *a, int n)
{
	fe_sq(r, a);
	while (--n > 0)
		fe_sq(r, r);
}

/* r = z^(2^250 - 1), z11 = z^11. */
static void fe_pow250(fe *r, fe *z11, const fe *z)
{
	fe t0, t1;

	fe_sq(&t0, z);               /* 2 */
	fe_sqn(&t1, &t0, 2);         /* 8 */
	fe_mul(&t1, &t1, z);         /* 9 */
	fe_mul(z11, &t1, &t0);       /* 11 */
	fe_sq(&t0, z11);             /* 22 */
	fe_mul(&t0, &t0, &t1);       /* 2^5 - 1 */
	fe_sqn(&t1, &t0, 5);
	fe_mul(&t1, &t1, &t0);       /* 2^10 - 1, kept in t1 */
	fe_sqn(&t0, &t1, 10);
	fe_mul(&t0, &t0, &t1);       /* 2^20 - 1 */
	fe_sqn(r, &t0, 20);
	fe_mul(r, r, &t0);           /* 2^40 - 1 */
	fe_sqn(r, r, 10);
	fe_mul(r, r, &t1);           /* 2^50 - 1, kept in r */
	fe_sqn(&t0, r, 50);
	fe_mul(&t0, &t0, r);         /* 2^100 - 1 */
	fe_sqn(&t1, &t0, 100);
	fe_mul(&t1, &t1, &t0);       /* 2^200 - 1 */
	fe_sqn(&t1, &t1, 50);
	fe_mul(r, &t1, r);           /* 2^250 - 1 */
}

void fe_invert(fe *r, const fe *a)
{
	fe t, z11;

	fe_pow250(&t, &z11, a);
	fe_sqn(&t, &t, 5);           /* 2^255 - 32 */
	fe_mul(r, &t, &z11);         /* 2^255 - 21 = p - 2 */
}

void fe_pow22523(fe *r, const fe *a)
{
	fe t, z11;

	fe_pow250(&t, &z11, a);
	fe_sqn(&t, &t, 2);           /* 2^252 - 4 */
	fe_mul(r, &t, a);            /* 2^252 - 3 = (p - 5) / 8 */
}
