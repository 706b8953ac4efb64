/*
 * The X25519 function of RFC 7748, written once and compiled once per
 * field variant (internal). x25519_NN.c defines MOTE_FE_BITS and includes
 * this file, which defines mote_x25519_NN, mote_x25519_base_NN and
 * mote_x25519_ladder_base_NN.
 *
 * Montgomery ladder over x-coordinates in projective form (X:Z), one
 * ladder step per scalar bit from bit 254 down, with constant-time
 * conditional swaps driven by the XOR of consecutive bits (RFC 7748
 * section 5). Stack: seven field elements, then the inversion's four.
 */
#include "ct.h"
#include "curve25519.h"
#include "fe25519_bind.h"
#include "ge25519_impl.h"
#include "mote/error.h"

/* One step: (x2:z2) <- 2 (x2:z2), (x3:z3) <- (x2:z2) + (x3:z3), given the
 * difference x1. Every add/sub reads tight values (mul/sq outputs). */
static void ladder_step(const fe *x1, fe *x2, fe *z2, fe *x3, fe *z3, fe *t0, fe *t1)
{
	fe_add(t0, x2, z2);   /* A */
	fe_sub(t1, x2, z2);   /* B */
	fe_add(x2, x3, z3);   /* C */
	fe_sub(z2, x3, z3);   /* D */
	fe_mul(z2, z2, t0);   /* DA */
	fe_mul(x2, x2, t1);   /* CB */
	fe_add(x3, z2, x2);
	fe_sub(z3, z2, x2);
	fe_sq(x3, x3);        /* x3 = (DA + CB)^2 */
	fe_sq(z3, z3);
	fe_mul(z3, z3, x1);   /* z3 = x1 (DA - CB)^2 */
	fe_sq(t0, t0);        /* AA */
	fe_sq(t1, t1);        /* BB */
	fe_mul(x2, t0, t1);   /* x2 = AA BB */
	fe_sub(t1, t0, t1);   /* E = AA - BB */
	fe_mul_a24(z2, t1);
	fe_add(z2, z2, t0);
	fe_mul(z2, z2, t1);   /* z2 = E (AA + a24 E) */
}

int FE_NAME(mote_x25519)(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32])
{
	fe x1, x2, z2, x3, z3, t0, t1;
	uint32_t swap = 0, nonzero = 0;

	fe_frombytes(&x1, point); /* ignores bit 255, accepts u >= p */
	fe_set(&x2, 1);
	fe_set(&z2, 0);
	x3 = x1;
	fe_set(&z3, 1);
	for (int i = 254; i >= 0; i--) {
		/* Clamping (RFC 7748 section 5) applied bit by bit: bit 254
		 * set, bits 0..2 clear (i is public, the bit is not). */
		uint32_t bit = (scalar[i >> 3] >> (i & 7)) & 1;
		bit = i == 254 ? 1 : i < 3 ? 0 : bit;
		swap ^= bit;
		fe_cswap(&x2, &x3, swap);
		fe_cswap(&z2, &z3, swap);
		swap = bit;
		ladder_step(&x1, &x2, &z2, &x3, &z3, &t0, &t1);
	}
	fe_cswap(&x2, &x3, swap);
	fe_cswap(&z2, &z3, swap);
	mote_wipe(&x3, sizeof x3);
	mote_wipe(&z3, sizeof z3);
	mote_wipe(&t0, sizeof t0);
	mote_wipe(&t1, sizeof t1);
	fe_invert(&z2, &z2);
	fe_mul(&x2, &x2, &z2);
	fe_tobytes(out, &x2);

	/* An all-zero result means the peer's point had small order
	 * (RFC 7748 section 6.1); checked without branching on the bytes. */
	for (int i = 0; i < 32; i++)
		nonzero |= out[i];
	mote_wipe(&x2, sizeof x2);
	mote_wipe(&z2, sizeof z2);
	return -(int)(mote_ct_is_zero(nonzero) & (uint32_t)-MOTE_ERR_WEAK_KEY);
}

/* X25519(scalar, 9) by the ladder: the slower path, kept so the tests can
 * hold both against the vectors. */
void FE_NAME(mote_x25519_ladder_base)(uint8_t pub[32], const uint8_t scalar[32])
{
	static const uint8_t nine[32] = {9};

	/* A clamped scalar is a nonzero multiple of 8 below 8L, so the
	 * result is never the all-zero point: the status is always 0. */
	(void)FE_NAME(mote_x25519)(pub, scalar, nine);
}

/*
 * X25519(scalar, 9) through the Edwards curve: u = 9 is the image of the
 * Ed25519 base point B under the birational map u = (1 + y) / (1 - y),
 * which respects the group law, so k 9 is the image of k B, computed by
 * the constant-time fixed-base comb of ge25519_impl.h (60 doublings, 64
 * table additions instead of 255 ladder steps). k B is never the identity
 * (k is a nonzero multiple of 8 below 8L), so Z - Y is invertible.
 */
void FE_NAME(mote_x25519_base)(uint8_t pub[32], const uint8_t scalar[32])
{
	ge_p3 p;

	ge_base_mul(&p, scalar, 1); /* clamped as RFC 7748 section 5 requires */
	/* u = (Z + Y) / (Z - Y), in the unused X and T. */
	fe_add(&p.X, &p.Z, &p.Y);
	fe_sub(&p.T, &p.Z, &p.Y);
	fe_invert(&p.T, &p.T);
	fe_mul(&p.X, &p.X, &p.T);
	fe_tobytes(pub, &p.X);
	mote_wipe(&p, sizeof p);
}
