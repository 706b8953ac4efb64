/*
 * The RSA CRT private operation (signing) on one limb size; the including
 * file defines BN_W, BN(name) (the bignum variant) and CORE_NAME.
 *
 * Private-operation scratch: slots of h limbs, h = limbs of half the
 * modulus; a full-size value takes two consecutive slots. Slot use by
 * phase (numbers are slot indices; w = window bits):
 *   blind:   0-1 r^-1 (kept to the end), 2-3 n, 4-5 r, 6-7 r^e, 8-11 temps
 *   message: 4-5 em, 9-10 m' = em * r^e mod n
 *   reduce:  2 R^2 mod p, 3 R^2 mod q, 4 m' mod p, 5 m' mod q (Montgomery
 *            form), 6 p or q, 7-8 temps
 *   exp:     4 mont(m'^dp mod p), 5 mont(m'^dq mod q), 6 p or q, 7-8 temps,
 *            9 .. 8 + 2^w the window table
 *   garner:  9-10 s' = sq + q * ((sp - sq) * qinv mod p)
 *   finish:  2-3 n, 4-5 mont(r^-1), then the check's x; 6-7 s, 9-12 the
 *            check's accumulator and product, 0-1 em
 * Slots: max(13, 9 + 2^w): 25 for w = 4, 17 for w = 3, 13 for w = 2.
 */
#include <string.h>

#include "ct.h"
#include "mote/error.h"
#include "rsa_core.h"

#if BN_W == 64
typedef uint64_t limb;
typedef mote_bn64_recip bn_recip;
#else
typedef uint32_t limb;
typedef mote_bn32_recip bn_recip;
#endif

#define LB (BN_W / 8)

struct priv {
	const mote_rsa_private_key *key;
	limb *s;             /* scratch base */
	size_t h, nk, nlen;  /* half and full sizes in limbs; n in bytes */
	unsigned nbits;
	unsigned wbits;      /* exponent window: 2, 3 or 4 bits */
	limb bad;            /* all ones: key malformed */
	limb ok;             /* all ones: blinding inverse and self-check fine */
};

static limb *slot(const struct priv *c, size_t i)
{
	return c->s + i * c->h;
}

static limb mask_of(limb bit)
{
#if BN_W == 64
	return mote_ct_barrier64((limb)0 - bit);
#else
	return mote_ct_barrier32((limb)0 - bit);
#endif
}

/* 1 if x != 0, else 0. */
static limb nz_bit(limb x)
{
	return (x | ((limb)0 - x)) >> (BN_W - 1);
}

/* All ones if the nk-limb values are equal. */
static limb eq_mask(const limb *a, const limb *b, size_t k)
{
	limb d = 0;

	for (size_t i = 0; i < k; i++)
		d |= a[i] ^ b[i];
	return mask_of(1 - nz_bit(d));
}

/* Decodes p or q into h limbs; too long or even marks the key bad. */
static limb *load_prime(struct priv *c, size_t i, int which_q)
{
	const mote_rsa_private_key *k = c->key;
	limb *x = slot(c, i);
	limb over = which_q ? BN(decode)(x, c->h, k->q, k->q_len)
	                    : BN(decode)(x, c->h, k->p, k->p_len);

	c->bad |= mask_of(nz_bit(over));
	c->bad |= mask_of(1 - (x[0] & 1));
	return x;
}

/* n = p * q into slots i, i+1; it must have exactly nbits bits. */
static limb *load_n(struct priv *c, size_t i, size_t pi, size_t qi, bn_recip *rc, limb *m0i)
{
	limb *n = slot(c, i), *p = load_prime(c, pi, 0), *q = load_prime(c, qi, 1);
	size_t top = (c->nbits - 1) / BN_W;
	limb rest;

	BN(mul)(n, p, c->h, q, c->h);
	rest = (n[top] >> ((c->nbits - 1) % BN_W)) ^ 1;
	for (size_t j = top + 1; j < 2 * c->h; j++)
		rest |= n[j];
	c->bad |= mask_of(nz_bit(rest));
	*m0i = BN(ninv)(n[0]);
	BN(recip_init)(rc, n, c->nk, c->nbits);
	return n;
}

/* rinv (slot 0) = r^-1 mod n and slot 6 = r^e mod n for a random r of
 * nbits - 1 bits (so r < n). */
static int priv_blind(struct priv *c, mote_random_fn rng, void *rng_arg)
{
	bn_recip rc;
	limb m0i;
	limb *n = load_n(c, 2, 4, 5, &rc, &m0i), *r = slot(c, 4), *res;
	size_t i0 = (c->nbits - 2) / BN_W;
	int err = rng(rng_arg, (uint8_t *)r, c->nk * LB);

	if (err != 0)
		return err;
	r[i0] &= ((limb)2 << ((c->nbits - 2) % BN_W)) - 1;
	for (size_t j = i0 + 1; j < c->nk; j++)
		r[j] = 0;
	memcpy(slot(c, 6), r, c->nk * LB);
	res = BN(pow_pub)(slot(c, 8), slot(c, 6), slot(c, 10), c->key->e, c->key->e_len, n, m0i,
	                  c->nk, &rc);
	BN(montmul)(slot(c, 6), res, r, n, m0i, c->nk);
	c->ok &= mask_of(BN(modinv)(slot(c, 0), r, slot(c, 8), slot(c, 10), n, m0i, c->nk));
	return 0;
}

/* Slots 9-10 = em * r^e mod n (n still in slots 2-3). */
static void priv_message(struct priv *c, const uint8_t *em)
{
	bn_recip rc;
	limb *n = slot(c, 2), *x = slot(c, 4), *mb = slot(c, 9);
	limb m0i = BN(ninv)(n[0]);

	BN(recip_init)(&rc, n, c->nk, c->nbits);
	BN(decode)(x, c->nk, em, c->nlen);
	BN(to_mont)(x, n, c->nk, &rc);
	BN(montmul)(mb, x, slot(c, 6), n, m0i, c->nk);
	for (size_t j = c->nk; j < 2 * c->h; j++)
		mb[j] = 0;
}

/* Slot xi = mont(m' mod prime) and slot ri = R^2 mod prime, from the
 * halves L, H of m' = H * R + L: mont(m') = L * R + H * R^2 (mod prime). */
static void priv_reduce(struct priv *c, int which_q, size_t ri, size_t xi)
{
	limb *p = load_prime(c, 6, which_q), *r2 = slot(c, ri), *x = slot(c, xi);
	limb *t1 = slot(c, 7), *t2 = slot(c, 8), *mb = slot(c, 9);
	limb m0i = BN(ninv)(p[0]);

	BN(r2)(r2, p, c->h);
	BN(montmul)(x, mb, r2, p, m0i, c->h);
	BN(montmul)(t1, mb + c->h, r2, p, m0i, c->h);
	BN(montmul)(t2, t1, r2, p, m0i, c->h);
	BN(modadd)(x, t2, p, c->h);
}

/* Slot xi = mont(x^d mod prime), in place. */
static void priv_exp(struct priv *c, int which_q, size_t ri, size_t xi)
{
	const mote_rsa_private_key *k = c->key;
	limb *p = load_prime(c, 6, which_q), *x = slot(c, xi);

	BN(pow_ct)(x, x, which_q ? k->dq : k->dp, which_q ? k->dq_len : k->dp_len, slot(c, ri), p,
	           BN(ninv)(p[0]), c->h, slot(c, 9), slot(c, 7), c->wbits);
}

/* Slots 9-10 = s' = sq + q * h, h = (sp - sq) * qinv mod p (Garner). */
static void priv_garner(struct priv *c)
{
	limb *q = load_prime(c, 6, 1), *sq = slot(c, 5), *d = slot(c, 4), *p, *qinv, *sp;
	limb over, carry;

	BN(redc)(sq, sq, q, BN(ninv)(q[0]), c->h);
	p = load_prime(c, 6, 0);
	limb m0i = BN(ninv)(p[0]);
	BN(montmul)(slot(c, 7), sq, slot(c, 2), p, m0i, c->h);
	BN(modsub)(d, slot(c, 7), p, c->h);
	qinv = slot(c, 8);
	over = BN(decode)(qinv, c->h, c->key->qinv, c->key->qinv_len);
	c->bad |= mask_of(nz_bit(over));
	BN(montmul)(slot(c, 7), qinv, d, p, m0i, c->h);
	q = load_prime(c, 6, 1);
	sp = slot(c, 9);
	BN(mul)(sp, q, c->h, slot(c, 7), c->h);
	carry = BN(add)(sp, sq, c->h, 1);
	for (size_t j = c->h; j < 2 * c->h; j++) {
		sp[j] += carry;
		carry &= 1 - nz_bit(sp[j]);
	}
}

/* s = s' * r^-1 mod n; checks s^e = em and writes s (or zeros) to sig. */
static void priv_finish(struct priv *c, const uint8_t *em, uint8_t *sig)
{
	bn_recip rc;
	limb m0i;
	limb *n = load_n(c, 2, 4, 5, &rc, &m0i), *x = slot(c, 4), *s = slot(c, 6), *res;

	memcpy(x, slot(c, 0), c->nk * LB);
	BN(to_mont)(x, n, c->nk, &rc);
	BN(montmul)(s, slot(c, 9), x, n, m0i, c->nk);
	memcpy(x, s, c->nk * LB);
	res = BN(pow_pub)(slot(c, 9), x, slot(c, 11), c->key->e, c->key->e_len, n, m0i, c->nk, &rc);
	BN(montmul)(x, res, s, n, m0i, c->nk);
	BN(decode)(slot(c, 0), c->nk, em, c->nlen);
	c->ok &= eq_mask(x, slot(c, 0), c->nk);
	BN(encode)(sig, c->nlen, s, c->nk);
	for (size_t i = 0; i < c->nlen; i++)
		sig[i] &= (uint8_t)(c->ok & ~c->bad);
}

static int core_priv(uint8_t *sig, const mote_rsa_private_key *key, const uint8_t *em,
                     mote_random_fn rng, void *rng_arg, void *scratch, unsigned wbits)
{
	struct priv c;
	int err;
	uint32_t bad, fault;

	c.key = key;
	c.s = scratch;
	c.nbits = (unsigned)key->n_bits;
	c.nlen = (key->n_bits + 7) / 8;
	c.nk = (key->n_bits + BN_W - 1) / BN_W;
	c.h = ((key->n_bits + 1) / 2 + BN_W - 1) / BN_W;
	c.wbits = wbits;
	c.bad = 0;
	c.ok = ~(limb)0;
	err = priv_blind(&c, rng, rng_arg);
	if (err == 0) {
		priv_message(&c, em);
		priv_reduce(&c, 0, 2, 4);
		priv_reduce(&c, 1, 3, 5);
		priv_exp(&c, 0, 2, 4);
		priv_exp(&c, 1, 3, 5);
		priv_garner(&c);
		priv_finish(&c, em, sig);
	}
	mote_wipe(scratch, mote_rsa_priv_slots(wbits) * c.h * LB);
	if (err != 0)
		return err;
	bad = (uint32_t)c.bad;
	fault = ~(uint32_t)c.ok & ~bad;
	return (int)(((uint32_t)MOTE_ERR_BAD_KEY & bad) | ((uint32_t)MOTE_ERR_RSA_FAULT & fault));
}

const mote_rsa_priv_core CORE_NAME = {BN_W, core_priv};
