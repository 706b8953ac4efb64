/*
 * Constant-time modular inversion for an odd modulus, written once for both
 * limb sizes; the including file defines BN_W and BN(name).
 *
 * Algorithm: the binary extended GCD with the optimisation of T. Pornin,
 * "Optimized Binary GCD for Modular Inversion" (IACR ePrint 2020/972,
 * algorithm 2). Invariants a = u*y and b = v*y (mod m), starting from
 * (a, b, u, v) = (y, m, 1, 0). STEPS inner binary-GCD steps at a time run
 * on 64-bit approximations of a and b (the low STEPS bits, which are exact,
 * and the top STEPS+2 bits), collecting a 2x2 matrix (f0 g0; f1 g1) that is
 * then applied to the full values; u and v follow, divided by 2^STEPS mod m
 * Montgomery-style. Each outer step shortens len(a) + len(b) by STEPS, so
 * ceil((2*len(m) - 1) / STEPS) steps reach (0, gcd); once a = 0 further
 * steps change nothing, which makes a safety margin free of risk.
 *
 * STEPS bounds the matrix: |f0| + |g0| <= 2^STEPS. With 32-bit limbs, 30
 * keeps every limb-by-coefficient sum below 2^63 (signed 64-bit).
 */
#include <string.h>

#include "bignum_ops_tmpl.h"

#if BN_W == 64
#define BN_INV_STEPS 31
typedef __int128 sdlimb;
#else
#define BN_INV_STEPS 30
typedef int64_t sdlimb;
#endif

/* Bit length of (a | b). */
static limb bn_bitlen2(const limb *a, const limb *b, size_t k)
{
	limb top = 0, tw = 0;

	for (size_t j = 0; j < k; j++) {
		limb w = a[j] | b[j];
		limb nz = bn_mask(bn_nz_w(w));
		top ^= (top ^ (limb)j) & nz;
		tw ^= (tw ^ w) & nz;
	}
	return top * BN_W + bn_bitlen_w(tw);
}

/* ā = (a mod 2^STEPS) + 2^STEPS * floor(a / 2^(n - STEPS - 2)), n =
 * max(len(a), len(b), 2*STEPS + 2): exact once a and b are small. */
static void bn_approx(uint64_t *pa, uint64_t *pb, const limb *a, const limb *b, size_t k)
{
	const limb kk = BN_INV_STEPS + 1;
	limb n = bn_bitlen2(a, b, k);
	limb off;

	n ^= (n ^ (2 * kk)) & bn_mask(bn_lt_w(n, 2 * kk));
	off = n - kk - 1;
	const uint64_t lowm = ((uint64_t)1 << BN_INV_STEPS) - 1;
	const uint64_t topm = ((uint64_t)1 << (BN_INV_STEPS + 2)) - 1;
	*pa = ((uint64_t)a[0] & lowm) |
	      ((bn_extract(a, k, off) & topm) << BN_INV_STEPS);
	*pb = ((uint64_t)b[0] & lowm) |
	      ((bn_extract(b, k, off) & topm) << BN_INV_STEPS);
}

/* 1 if x < y for 64-bit values, else 0. */
static uint64_t bn_lt64(uint64_t x, uint64_t y)
{
	return ((~x & y) | (~(x ^ y) & (x - y))) >> 63;
}

/* STEPS binary-GCD steps on the approximations; m = {f0, g0, f1, g1}
 * as two's complement 64-bit values. */
static void bn_inner(uint64_t a, uint64_t b, uint64_t m[4])
{
	uint64_t f0 = 1, g0 = 0, f1 = 0, g1 = 1;

	for (int j = 0; j < BN_INV_STEPS; j++) {
		uint64_t odd = mote_ct_barrier64((uint64_t)0 - (a & 1));
		uint64_t sw = odd & mote_ct_barrier64((uint64_t)0 - bn_lt64(a, b));
		uint64_t t = (a ^ b) & sw;
		a ^= t, b ^= t;
		t = (f0 ^ f1) & sw;
		f0 ^= t, f1 ^= t;
		t = (g0 ^ g1) & sw;
		g0 ^= t, g1 ^= t;
		a -= b & odd;
		f0 -= f1 & odd;
		g0 -= g1 & odd;
		a >>= 1;
		f1 += f1;
		g1 += g1;
	}
	m[0] = f0, m[1] = g0, m[2] = f1, m[3] = g1;
}

/* x = -x (two's complement, k limbs) when neg is all ones. */
static void bn_cneg(limb *x, size_t k, limb neg)
{
	limb c = neg & 1;

	for (size_t j = 0; j < k; j++) {
		dlimb z = (dlimb)(x[j] ^ neg) + c;
		x[j] = (limb)z;
		c = (limb)(z >> BN_W);
	}
}

/* (a, b) = ((a*f0 + b*g0), (a*f1 + b*g1)) / 2^STEPS, exact; negative
 * results are negated together with their row of the matrix. */
static void bn_update_ab(limb *a, limb *b, size_t k, uint64_t m[4])
{
	sdlimb f0 = (int64_t)m[0], g0 = (int64_t)m[1], f1 = (int64_t)m[2], g1 = (int64_t)m[3];
	sdlimb ca = 0, cb = 0;
	limb pa = 0, pb = 0, na, nb;

	for (size_t j = 0; j < k; j++) {
		sdlimb za = (sdlimb)a[j] * f0 + (sdlimb)b[j] * g0 + ca;
		sdlimb zb = (sdlimb)a[j] * f1 + (sdlimb)b[j] * g1 + cb;
		ca = za >> BN_W; /* arithmetic shift (gcc, clang) */
		cb = zb >> BN_W;
		if (j > 0) {
			a[j - 1] = (pa >> BN_INV_STEPS) | ((limb)za << (BN_W - BN_INV_STEPS));
			b[j - 1] = (pb >> BN_INV_STEPS) | ((limb)zb << (BN_W - BN_INV_STEPS));
		}
		pa = (limb)za;
		pb = (limb)zb;
	}
	a[k - 1] = (pa >> BN_INV_STEPS) | ((limb)ca << (BN_W - BN_INV_STEPS));
	b[k - 1] = (pb >> BN_INV_STEPS) | ((limb)cb << (BN_W - BN_INV_STEPS));
	na = bn_mask((limb)((dlimb)ca >> (2 * BN_W - 1)));
	nb = bn_mask((limb)((dlimb)cb >> (2 * BN_W - 1)));
	bn_cneg(a, k, na);
	bn_cneg(b, k, nb);
	/* The matrix is 64-bit whatever the limb size: widen the masks from
	 * their bit, not by zero extension. */
	uint64_t wa = mote_ct_barrier64((uint64_t)0 - (na & 1));
	uint64_t wb = mote_ct_barrier64((uint64_t)0 - (nb & 1));
	m[0] = (m[0] ^ wa) - wa;
	m[1] = (m[1] ^ wa) - wa;
	m[2] = (m[2] ^ wb) - wb;
	m[3] = (m[3] ^ wb) - wb;
}

/* Brings x + hi*2^(W*k), known to lie in (-m, 2m), into [0, m). */
static void bn_fix_range(limb *x, limb hi, const limb *m, size_t k)
{
	hi += BN(add)(x, m, k, hi >> (BN_W - 1));
	BN(sub)(x, m, k, bn_nz_w(hi) | (1 - BN(lt)(x, m, k)));
}

/* (u, v) = ((u*f0 + v*g0), (u*f1 + v*g1)) / 2^STEPS mod m: add the
 * multiple t*m (t < 2^STEPS) that clears the low STEPS bits, then shift. */
static void bn_update_uv(limb *u, limb *v, const limb *mod, limb m0i, size_t k,
                         const uint64_t m[4])
{
	sdlimb f0 = (int64_t)m[0], g0 = (int64_t)m[1], f1 = (int64_t)m[2], g1 = (int64_t)m[3];
	const limb lowm = ((limb)1 << BN_INV_STEPS) - 1;
	limb tu = ((u[0] * (limb)m[0] + v[0] * (limb)m[1]) * m0i) & lowm;
	limb tv = ((u[0] * (limb)m[2] + v[0] * (limb)m[3]) * m0i) & lowm;
	sdlimb cu = 0, cv = 0;
	limb pu = 0, pv = 0;

	for (size_t j = 0; j < k; j++) {
		sdlimb zu = (sdlimb)u[j] * f0 + (sdlimb)v[j] * g0 + (sdlimb)mod[j] * tu + cu;
		sdlimb zv = (sdlimb)u[j] * f1 + (sdlimb)v[j] * g1 + (sdlimb)mod[j] * tv + cv;
		cu = zu >> BN_W;
		cv = zv >> BN_W;
		if (j > 0) {
			u[j - 1] = (pu >> BN_INV_STEPS) | ((limb)zu << (BN_W - BN_INV_STEPS));
			v[j - 1] = (pv >> BN_INV_STEPS) | ((limb)zv << (BN_W - BN_INV_STEPS));
		}
		pu = (limb)zu;
		pv = (limb)zv;
	}
	u[k - 1] = (pu >> BN_INV_STEPS) | ((limb)cu << (BN_W - BN_INV_STEPS));
	v[k - 1] = (pv >> BN_INV_STEPS) | ((limb)cv << (BN_W - BN_INV_STEPS));
	bn_fix_range(u, (limb)(cu >> BN_INV_STEPS), mod, k);
	bn_fix_range(v, (limb)(cv >> BN_INV_STEPS), mod, k);
}

limb BN(modinv)(limb *v, limb *a, limb *b, limb *u, const limb *m, limb m0i, size_t k)
{
	size_t iters = (2 * k * BN_W - 1 + BN_INV_STEPS - 1) / BN_INV_STEPS + 2;
	limb d;

	memcpy(b, m, k * sizeof *b);
	memset(u, 0, k * sizeof *u);
	memset(v, 0, k * sizeof *v);
	u[0] = 1;
	for (size_t i = 0; i < iters; i++) {
		uint64_t ab, bb, mat[4];
		bn_approx(&ab, &bb, a, b, k);
		bn_inner(ab, bb, mat);
		bn_update_ab(a, b, k, mat);
		bn_update_uv(u, v, m, m0i, k, mat);
	}
	d = b[0] ^ 1;
	for (size_t j = 1; j < k; j++)
		d |= b[j];
	return 1 - bn_nz_w(d);
}
