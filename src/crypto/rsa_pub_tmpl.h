/*
 * The RSA public operation (x^e mod n for verification) on one limb size;
 * the including file defines BN_W, BN(name) and CORE_NAME.
 * Scratch: 4 numbers of n's size: n, x (Montgomery form), accumulator,
 * product.
 */
#include "rsa_core.h"

#if BN_W == 64
typedef uint64_t limb;
typedef mote_bn64_recip bn_recip;
#else
typedef uint32_t limb;
typedef mote_bn32_recip bn_recip;
#endif

#define LB (BN_W / 8)

static void core_pub(uint8_t *out, const uint8_t *n, size_t nlen, unsigned nbits,
                     const uint8_t *e, size_t elen, const uint8_t *x, void *scratch)
{
	size_t k = (nbits + BN_W - 1) / BN_W;
	limb *m = scratch, *xb = m + k, *acc = xb + k, *t = acc + k, *res, *o;
	bn_recip rc;
	limb m0i;

	BN(decode)(m, k, n, nlen);
	m0i = BN(ninv)(m[0]);
	BN(recip_init)(&rc, m, k, nbits);
	BN(decode)(xb, k, x, nlen);
	res = BN(pow_pub)(acc, xb, t, e, elen, m, m0i, k, &rc);
	o = res == acc ? t : acc;
	/* The exponent is odd: the last multiplication by the plain base
	 * leaves Montgomery form (mont(x^(e-1)) * x / R = x^e). */
	BN(decode)(xb, k, x, nlen);
	BN(montmul)(o, res, xb, m, m0i, k);
	BN(encode)(out, nlen, o, k);
}

const mote_rsa_pub_core CORE_NAME = {BN_W, core_pub};
