/*
 * One P-256 or P-384 core (internal). The including file defines
 *   EC_MUL_BITS   64, 32 or 16 (see ec_limb.h)
 *   EC_BITS       256 or 384
 *   EC_OPS_NAME   the struct mote_ec_ops it exports
 * and nothing else; everything here is static apart from that struct.
 *
 * Memory: no scratch, stack only; every buffer is a fixed multiple of the
 * coordinate size (see the figures in mote/ec.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ct.h"
#include "ec_limb.h"
#include "ec_ops.h"
#include "mote/error.h"

#define EC_BYTES (EC_BITS / 8)
#define EC_N (EC_BITS / EC_LIMB_BITS)

#include "ec_field_impl.h"

typedef struct {
	ec_fe x, y;
} ec_affine;

#if EC_BITS == 256
#include "ec_p256_const.h"
#elif EC_BITS == 384
#include "ec_p384_const.h"
#else
#error "EC_BITS must be 256 or 384"
#endif

static const ec_fe ec_one_plain = {1};

/* The coordinate field (mod p) and the scalars (mod n). Kept out of line
 * (noinline): inlined into the point formulas, their temporaries would
 * not share stack slots and add ~100 bytes to the deepest frame. */
static EC_NOINLINE void fp_mul(ec_limb *r, const ec_limb *a, const ec_limb *b)
{
	ec_mont_mul(r, a, b, ec_p, EC_P_M0I);
}

static EC_NOINLINE void fp_add(ec_limb *r, const ec_limb *a, const ec_limb *b)
{
	ec_mod_add(r, a, b, ec_p);
}

static EC_NOINLINE void fp_sub(ec_limb *r, const ec_limb *a, const ec_limb *b)
{
	ec_mod_sub(r, a, b, ec_p);
}

static EC_NOINLINE void sc_mul(ec_limb *r, const ec_limb *a, const ec_limb *b)
{
	ec_mont_mul(r, a, b, ec_n, EC_N_M0I);
}

#include "ec_point_impl.h"
#include "ec_mul_impl.h"

/* A negative error code when the mask is all ones, 0 when it is zero,
 * without a branch. */
static int ec_err_if(uint32_t mask, int err)
{
	return -(int)(mask & (uint32_t)-err);
}

/* All ones if 0 < k < n. */
static uint32_t ec_scalar_ok(const ec_limb *k)
{
	return ~ec_is_zero(k) & (uint32_t)(ec_lt(k, ec_n) & 1u) * 0xFFFFFFFFu;
}

/* Decodes and checks a public point X||Y: coordinates below p and on the
 * curve (y^2 = x^3 - 3x + b). */
static EC_NOINLINE int ec_decode_point(ec_point *r, const uint8_t *in)
{
	ec_fe lhs, rhs, t;

	ec_from_be(r->x, in);
	ec_from_be(r->y, in + EC_BYTES);
	if (!(ec_lt(r->x, ec_p) & ec_lt(r->y, ec_p)))
		return MOTE_ERR_BAD_POINT;
	fp_mul(r->x, r->x, ec_p_r2);
	fp_mul(r->y, r->y, ec_p_r2);
	memcpy(r->z, ec_p_one, sizeof(ec_fe));
	fp_mul(lhs, r->y, r->y);
	fp_mul(rhs, r->x, r->x);
	fp_mul(rhs, rhs, r->x);
	fp_add(t, r->x, r->x);
	fp_add(t, t, r->x);
	fp_sub(rhs, rhs, t);
	fp_add(rhs, rhs, ec_b);
	if (!ec_eq(lhs, rhs))
		return MOTE_ERR_BAD_POINT;
	return 0;
}

/* Affine coordinates of p as bytes (y skipped when y_out is NULL). The
 * identity comes out as (0, 0). Constant time. */
static EC_NOINLINE void ec_encode_affine(uint8_t *x_out, uint8_t *y_out, const ec_point *p)
{
	ec_fe zi, t;

	ec_pow(zi, p->z, ec_p_minus_2, fp_mul);
	fp_mul(t, p->x, zi);
	fp_mul(t, t, ec_one_plain);
	ec_to_be(x_out, t);
	if (y_out) {
		fp_mul(t, p->y, zi);
		fp_mul(t, t, ec_one_plain);
		ec_to_be(y_out, t);
	}
	mote_wipe(zi, sizeof zi);
	mote_wipe(t, sizeof t);
}

/* Zeroes len bytes of out unless ok is all ones. */
static void ec_mask_bytes(uint8_t *out, size_t len, uint32_t ok)
{
	for (size_t i = 0; i < len; i++)
		out[i] &= (uint8_t)ok;
}

static int ec_ecdh(uint8_t *shared_x, const uint8_t *priv, const uint8_t *peer)
{
	ec_point r;
	ec_fe k;
	int err = ec_decode_point(&r, peer);

	if (err)
		return err;
	ec_from_be(k, priv);
	uint32_t ok = ec_scalar_ok(k);
	ec_mul_ct(&r, k);
	ec_encode_affine(shared_x, NULL, &r);
	ec_mask_bytes(shared_x, EC_BYTES, ok);
	mote_wipe(k, sizeof k);
	mote_wipe(&r, sizeof r);
	return ec_err_if(~ok, MOTE_ERR_BAD_KEY);
}

static int ec_public_key(uint8_t *pub, const uint8_t *priv)
{
	ec_point r;
	ec_fe k;

	ec_from_be(k, priv);
	uint32_t ok = ec_scalar_ok(k);
	ec_mulgen_ct(&r, k);
	ec_encode_affine(pub, pub + EC_BYTES, &r);
	ec_mask_bytes(pub, 2 * EC_BYTES, ok);
	mote_wipe(k, sizeof k);
	mote_wipe(&r, sizeof r);
	return ec_err_if(~ok, MOTE_ERR_BAD_KEY);
}

/* s = k^-1 (e + r d) mod n, all inputs plain values below n (d below
 * 2^EC_BITS: an out-of-range key still gives a bounded, discarded s). */
static EC_NOINLINE void ec_sign_s(ec_limb *s, const ec_limb *k, const ec_limb *e, const ec_limb *r,
                      const ec_limb *d)
{
	ec_fe t, ki;

	sc_mul(t, d, ec_n_r2);   /* d R */
	sc_mul(t, r, t);         /* r d */
	ec_mod_add(t, t, e, ec_n);
	sc_mul(ki, k, ec_n_r2);  /* k R */
	ec_pow(ki, ki, ec_n_minus_2, sc_mul);
	sc_mul(s, t, ki);
	mote_wipe(t, sizeof t);
	mote_wipe(ki, sizeof ki);
}

static uint32_t ec_sign(uint8_t *rs, const uint8_t *priv, const uint8_t *e_in, const uint8_t *k_in)
{
	ec_point p;
	ec_fe k, d, e, r, s;

	ec_from_be(k, k_in);
	ec_mulgen_ct(&p, k);
	ec_encode_affine(rs, NULL, &p);
	ec_from_be(r, rs);
	ec_cond_sub(r, r, 0, ec_n); /* x mod n: x < p < 2n */
	ec_from_be(e, e_in);
	ec_cond_sub(e, e, 0, ec_n);
	ec_from_be(d, priv);
	ec_sign_s(s, k, e, r, d);
	ec_to_be(rs, r);
	ec_to_be(rs + EC_BYTES, s);
	uint32_t ok = ~ec_is_zero(r) & ~ec_is_zero(s);
	mote_wipe(k, sizeof k);
	mote_wipe(d, sizeof d);
	mote_wipe(&p, sizeof p);
	return ok;
}

/* 1 if X/Z == r mod p, for the plain value r < p. */
static int ec_x_matches(const ec_point *p, const ec_limb *r)
{
	ec_fe x, rz;

	fp_mul(x, p->x, ec_one_plain);
	fp_mul(rz, r, p->z);
	return ec_eq(x, rz) != 0;
}

static int ec_verify(const uint8_t *pub, const uint8_t *e_in, const uint8_t *rs)
{
	ec_point p;
	ec_fe r, s, e, w, u1, u2;
	int err = ec_decode_point(&p, pub);

	if (err)
		return err;
	ec_from_be(r, rs);
	ec_from_be(s, rs + EC_BYTES);
	if (!ec_scalar_ok(r) || !ec_scalar_ok(s))
		return MOTE_ERR_BAD_SIGNATURE;
	ec_from_be(e, e_in);
	ec_cond_sub(e, e, 0, ec_n);
	sc_mul(w, s, ec_n_r2);
	ec_pow(w, w, ec_n_minus_2, sc_mul); /* s^-1 R */
	sc_mul(u1, e, w);
	sc_mul(u2, r, w);
	ec_mul2_vt(&p, u1, u2);
	if (ec_is_zero(p.z))
		return MOTE_ERR_BAD_SIGNATURE;
	/* x mod n == r: x is r, or r + n when that is still below p. */
	if (ec_x_matches(&p, r))
		return 0;
	ec_limb carry = 0;
	for (size_t i = 0; i < EC_N; i++)
		r[i] = ec_adc(r[i], ec_n[i], carry, &carry);
	if (!carry && ec_lt(r, ec_p) && ec_x_matches(&p, r))
		return 0;
	return MOTE_ERR_BAD_SIGNATURE;
}

const struct mote_ec_ops EC_OPS_NAME = {
	.len = EC_BYTES,
	.order = ec_order_be,
	.ecdh = ec_ecdh,
	.public_key = ec_public_key,
	.sign = ec_sign,
	.verify = ec_verify,
};
