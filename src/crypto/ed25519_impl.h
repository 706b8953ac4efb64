/*
 * Ed25519 (RFC 8032 section 5.1), written once and compiled once per field
 * variant (internal): ed25519_NN.c defines MOTE_FE_BITS and includes this
 * file, which defines mote_ed25519_{public_key,sign,verify}_NN.
 *
 * Signing uses the constant-time fixed-base multiplication of
 * ge25519_impl.h and the constant-time scalar code of sc25519.c; the
 * secret scalar and nonce never reach a branch or an index.
 *
 * Verification handles public data only and may take variable time. It
 * checks the cofactorless equation [S]B = R + [k]A by computing
 * R' = [S]B - [k]A and comparing its canonical encoding with the R bytes,
 * so a non-canonical or off-curve R can never match. S >= L and
 * undecodable public keys (RFC 8032 section 5.1.3) are rejected first.
 */
#include "curve25519.h"
#include "ge25519_impl.h"
#include "mote/error.h"
#include "mote/sha2.h"
#include "sc25519.h"

/* Precomputed addend for general additions: Y + X, Y - X, 2Z, 2dT. */
typedef struct {
	fe ypx, ymx, z2, t2d;
} ge_cached;

static const uint8_t ge_d_bytes[32] = {
	0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
	0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52};

static const uint8_t ge_d2_bytes[32] = {
	0x59, 0xf1, 0xb2, 0x26, 0x94, 0x9b, 0xd6, 0xeb, 0x56, 0xb1, 0x83, 0x82, 0x9a, 0x14, 0xe0, 0x00,
	0x30, 0xd1, 0xf3, 0xee, 0xf2, 0x80, 0x8e, 0x19, 0xe7, 0xfc, 0xdf, 0x56, 0xdc, 0xd9, 0x06, 0x24};

/* 2^((p - 1) / 4), a square root of -1. */
static const uint8_t ge_sqrtm1_bytes[32] = {
	0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43, 0x2f,
	0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b};

/* r = -a, tight. */
static void fe_neg(fe *r, const fe *a)
{
	fe zero;

	fe_set(&zero, 0);
	fe_sub(r, &zero, a);
	fe_carry(r, r);
}

/* s = the RFC 8032 encoding of p: y with the parity of x in bit 255.
 * Constant time (a fixed inversion chain, no branches). */
static void ge_encode(uint8_t s[32], const ge_p3 *p)
{
	fe zi, x, y;
	uint8_t xb[32];

	fe_invert(&zi, &p->Z);
	fe_mul(&x, &p->X, &zi);
	fe_mul(&y, &p->Y, &zi);
	fe_tobytes(s, &y);
	fe_tobytes(xb, &x);
	s[31] ^= (uint8_t)((xb[0] & 1) << 7);
}

static int fe_is_zero(const fe *a)
{
	uint8_t b[32];
	uint8_t acc = 0;

	fe_tobytes(b, a);
	for (int i = 0; i < 32; i++)
		acc |= b[i];
	return acc == 0;
}

/*
 * Decode a public point (RFC 8032 section 5.1.3), variable time: 0, or -1
 * if y >= p, if (y^2 - 1) / (d y^2 + 1) has no square root, or if x = 0
 * with the sign bit set.
 */
MOTE_FE_NOINLINE
static int ge_decode(ge_p3 *r, const uint8_t s[32])
{
	uint8_t canon[32];
	fe u, v, v3, vxx, t;
	int sign = s[31] >> 7;

	fe_frombytes(&r->Y, s);
	fe_tobytes(canon, &r->Y);
	if (memcmp(canon, s, 31) != 0 || canon[31] != (s[31] & 0x7F))
		return -1;
	fe_set(&r->Z, 1);
	fe_frombytes(&t, ge_d_bytes);
	fe_sq(&u, &r->Y);
	fe_mul(&v, &u, &t);
	fe_sub(&u, &u, &r->Z);
	fe_carry(&u, &u);            /* u = y^2 - 1, compared below */
	fe_add(&v, &v, &r->Z);       /* v = d y^2 + 1 */

	/* x = u v^3 (u v^7)^((p - 5) / 8) */
	fe_sq(&v3, &v);
	fe_mul(&v3, &v3, &v);
	fe_sq(&t, &v3);
	fe_mul(&t, &t, &v);
	fe_mul(&t, &t, &u);
	fe_pow22523(&t, &t);
	fe_mul(&t, &t, &v3);
	fe_mul(&r->X, &t, &u);

	fe_sq(&vxx, &r->X);
	fe_mul(&vxx, &vxx, &v);
	fe_sub(&t, &vxx, &u);
	if (!fe_is_zero(&t)) {
		fe_add(&t, &vxx, &u);
		if (!fe_is_zero(&t))
			return -1;
		fe_frombytes(&t, ge_sqrtm1_bytes);
		fe_mul(&r->X, &r->X, &t);
	}
	fe_tobytes(canon, &r->X);
	if (fe_is_zero(&r->X) && sign)
		return -1;
	if ((canon[0] & 1) != sign)
		fe_neg(&r->X, &r->X);
	fe_mul(&r->T, &r->X, &r->Y);
	return 0;
}

static void ge_to_cached(ge_cached *r, const ge_p3 *p)
{
	fe d2;

	fe_add(&r->ypx, &p->Y, &p->X);
	fe_carry(&r->ypx, &r->ypx);
	fe_sub(&r->ymx, &p->Y, &p->X);
	fe_carry(&r->ymx, &r->ymx);
	fe_add(&r->z2, &p->Z, &p->Z);
	fe_carry(&r->z2, &r->z2);
	fe_frombytes(&d2, ge_d2_bytes);
	fe_mul(&r->t2d, &p->T, &d2);
}

/* r = p + q, or p - q when neg (add-2008-hwcd-3, a = -1, k = 2d); -q
 * swaps y + x with y - x and negates 2dT, which swaps F and G. */
static void ge_add_cached(ge_p1p1 *r, const ge_p3 *p, const ge_cached *q, int neg)
{
	fe_sub(&r->E, &p->Y, &p->X);
	fe_mul(&r->E, &r->E, neg ? &q->ypx : &q->ymx);
	fe_add(&r->H, &p->Y, &p->X);
	fe_mul(&r->H, &r->H, neg ? &q->ymx : &q->ypx);
	fe_mul(&r->F, &p->T, &q->t2d);
	fe_mul(&r->G, &p->Z, &q->z2);
	ge_add_finish(r);
	if (neg)
		fe_cswap(&r->F, &r->G, 1);
}

/* Width-4 NAF of k < 2^253: k = sum naf[i] 2^i with each nonzero digit odd
 * in -7..7 and followed by at least three zeros. Variable time. */
static void ge_wnaf4(int8_t naf[256], const uint8_t k[32])
{
	uint32_t w[9] = {0};

	for (int i = 0; i < 8; i++)
		w[i] = mote_load32_le(k + 4 * i);
	for (int i = 0; i < 256; i++) {
		int d = 0;
		if (w[0] & 1) {
			d = (int)(w[0] & 15);
			if (d > 8)
				d -= 16;
			if (d > 0) {
				w[0] -= (uint32_t)d;
			} else {
				uint32_t add = (uint32_t)-d;
				for (int j = 0; j < 9 && add; j++) {
					w[j] += add;
					add = w[j] < add;
				}
			}
		}
		naf[i] = (int8_t)d;
		for (int j = 0; j < 8; j++)
			w[j] = (w[j] >> 1) | (w[j + 1] << 31);
		w[8] >>= 1;
	}
}

/* n = e 2^(64 k) B, variable time (e public, nonzero). */
static void ge_base_entry(ge_niels *n, int k, int e)
{
	const uint8_t *src = mote_ge25519_base_table[k][(e < 0 ? -e : e) - 1];

	fe_frombytes(&n->ypx, src);
	fe_frombytes(&n->ymx, src + 32);
	fe_frombytes(&n->xy2d, src + 64);
	if (e < 0) {
		fe_cswap(&n->ypx, &n->ymx, 1);
		fe_neg(&n->xy2d, &n->xy2d);
	}
}

/* odd[i] = (2i + 1) a for i = 0..3; r and t are scratch, r may alias a.
 * 2a is parked in odd[3] until 7a replaces it. */
static void ge_odd_multiples(ge_cached odd[4], ge_p3 *r, ge_p1p1 *t, const ge_p3 *a)
{
	ge_to_cached(&odd[0], a);
	ge_dbl(t, a);
	ge_complete(r, t, 1); /* a is not read again */
	ge_to_cached(&odd[3], r);
	ge_add_cached(t, r, &odd[0], 0);
	for (int i = 1; i < 4; i++) {
		ge_complete(r, t, 1);
		ge_to_cached(&odd[i], r);
		if (i < 3)
			ge_add_cached(t, r, &odd[3], 0);
	}
}

/* r += e[16 j + m] 2^(64 j) B for j = 0..3 (the base-point digits that
 * belong at bit 4m), skipping zero digits; t is scratch. Variable time. */
static void ge_add_base_digits(ge_p3 *r, ge_p1p1 *t, const int8_t e[64], int m)
{
	ge_niels n;

	for (int j = 0; j < 4; j++) {
		if (e[16 * j + m] == 0)
			continue;
		ge_base_entry(&n, j, e[16 * j + m]);
		ge_add_niels(t, r, &n);
		ge_complete(r, t, 1);
	}
}

/*
 * r = s B + k A (variable time; s < L, k < L). One doubling per bit of the
 * longer scalar; k A through its width-4 NAF and the odd multiples A, 3A,
 * 5A, 7A; s B through the signed radix-16 digits of s and the base table:
 * the digits e[16 j + m] are added at bit 4m, where the remaining 4m
 * doublings supply the factor 16^m. r may alias a.
 */
MOTE_FE_NOINLINE
static void ge_double_scalar(ge_p3 *r, const uint8_t k[32], const ge_p3 *a, const uint8_t s[32])
{
	int8_t naf[256], e[64];
	ge_cached odd[4];
	ge_p1p1 t;
	int top = 255;

	ge_wnaf4(naf, k);
	ge_recode16(e, s, 0);
	ge_odd_multiples(odd, r, &t, a);
	while (top > 63 && naf[top] == 0) /* skip leading zero digits */
		top--;

	ge_identity(r);
	for (int i = top; i >= 0; i--) {
		int base_step = i < 64 && (i & 3) == 0;
		int more = naf[i] != 0;
		for (int j = 0; base_step && j < 4; j++)
			more |= e[16 * j + i / 4] != 0;
		ge_dbl(&t, r);
		ge_complete(r, &t, more);
		if (naf[i] != 0) {
			ge_add_cached(&t, r, &odd[(naf[i] < 0 ? -naf[i] : naf[i]) / 2], naf[i] < 0);
			ge_complete(r, &t, 1);
		}
		if (base_step)
			ge_add_base_digits(r, &t, e, i / 4);
	}
}

void FE_NAME(mote_ed25519_public_key)(uint8_t pub[32], const uint8_t seed[32])
{
	uint8_t h[64];
	ge_p3 a;

	mote_sha512(seed, 32, h);
	h[0] &= 248;
	h[31] = (uint8_t)((h[31] & 127) | 64);
	ge_base_mul(&a, h, 0);
	ge_encode(pub, &a);
	mote_wipe(h, sizeof h);
	mote_wipe(&a, sizeof a);
}

/* out = SHA-512(a || b || msg) mod L. */
static void ed25519_hash_reduce(uint8_t out[32], const uint8_t a[32], const uint8_t *b,
                                const uint8_t *msg, size_t len)
{
	mote_sha512_ctx ctx;
	uint8_t h[64];

	mote_sha512_init(&ctx);
	mote_sha512_update(&ctx, a, 32);
	if (b)
		mote_sha512_update(&ctx, b, 32);
	mote_sha512_update(&ctx, msg, len);
	mote_sha512_final(&ctx, h);
	mote_sc25519_reduce(out, h);
	mote_wipe(h, sizeof h);
	mote_wipe(&ctx, sizeof ctx);
}

void FE_NAME(mote_ed25519_sign)(uint8_t sig[64], const uint8_t *msg, size_t len,
                                const uint8_t seed[32], const uint8_t pub[32])
{
	uint8_t h[64], r[32], k[32];
	ge_p3 rp;

	mote_sha512(seed, 32, h);
	h[0] &= 248;
	h[31] = (uint8_t)((h[31] & 127) | 64); /* h[0..31] = a, h[32..63] = prefix */
	ed25519_hash_reduce(r, h + 32, NULL, msg, len);
	ge_base_mul(&rp, r, 0);
	ge_encode(sig, &rp);
	ed25519_hash_reduce(k, sig, pub, msg, len);
	mote_sc25519_muladd(sig + 32, k, h, r); /* S = r + k a mod L */
	mote_wipe(h, sizeof h);
	mote_wipe(r, sizeof r);
	mote_wipe(&rp, sizeof rp);
}

int FE_NAME(mote_ed25519_verify)(const uint8_t sig[64], const uint8_t *msg, size_t len,
                                 const uint8_t pub[32])
{
	uint8_t k[32], check[32];
	ge_p3 a;

	/* RFC 8032 5.1.7: S must be canonical (blocks malleability). */
	if (!mote_sc25519_is_canonical(sig + 32))
		return MOTE_ERR_BAD_SIGNATURE;
	if (ge_decode(&a, pub) != 0)
		return MOTE_ERR_BAD_POINT;
	ed25519_hash_reduce(k, sig, pub, msg, len);
	fe_neg(&a.X, &a.X);
	fe_neg(&a.T, &a.T);
	ge_double_scalar(&a, k, &a, sig + 32); /* S B - k A */
	ge_encode(check, &a);
	return memcmp(check, sig, 32) == 0 ? 0 : MOTE_ERR_BAD_SIGNATURE;
}
