/*
 * Big-integer arithmetic, written once for both limb sizes (see bignum.h).
 * The including file defines BN_W (32 or 64) and BN(name), then includes
 * this file; nothing here branches on or indexes by a limb's value.
 */
#include <string.h>

#include "bignum_ops_tmpl.h"

limb BN(decode)(limb *x, size_t k, const uint8_t *src, size_t len)
{
	limb over = 0;

	memset(x, 0, k * sizeof *x);
	for (size_t i = 0; i < len; i++) {
		limb b = src[len - 1 - i];
		if (i < k * BN_LB)
			x[i / BN_LB] |= b << (8 * (i % BN_LB));
		else
			over |= b;
	}
	return over;
}

void BN(encode)(uint8_t *dst, size_t len, const limb *x, size_t k)
{
	for (size_t i = 0; i < len; i++) {
		limb b = 0;
		if (i < k * BN_LB)
			b = x[i / BN_LB] >> (8 * (i % BN_LB));
		dst[len - 1 - i] = (uint8_t)b;
	}
}

limb BN(add)(limb *a, const limb *b, size_t k, limb ctl)
{
	limb m = bn_mask(ctl), c = 0;

	for (size_t i = 0; i < k; i++) {
		limb x = a[i], y = b[i] & m, z = x + y + c;
		c = bn_carry(x, y, z);
		a[i] = z;
	}
	return c;
}

limb BN(sub)(limb *a, const limb *b, size_t k, limb ctl)
{
	limb m = bn_mask(ctl), c = 0;

	for (size_t i = 0; i < k; i++) {
		limb x = a[i], y = b[i] & m, d = x - y - c;
		c = bn_borrow(x, y, d);
		a[i] = d;
	}
	return c;
}

limb BN(lt)(const limb *a, const limb *b, size_t k)
{
	limb c = 0;

	for (size_t i = 0; i < k; i++)
		c = bn_borrow(a[i], b[i], a[i] - b[i] - c);
	return c;
}

limb BN(ninv)(limb m0)
{
	/* Newton: y = 1/m0 mod 2^j doubles j each step; m0 is its own
	 * inverse mod 8 (3 bits) for odd m0. */
	limb y = m0;

	for (int i = 0; i < (BN_W == 64 ? 5 : 4); i++)
		y *= 2 - m0 * y;
	return (limb)0 - y;
}

/* Montgomery multiplication (CIOS: each row adds a[i] * b and the
 * multiple q * m of the modulus that clears the low limb, then shifts).
 * The value stays below m + b < 2m (so below 2R): one final subtraction.
 * One fused loop measured fewer instructions than two separate ones for
 * both limb sizes (x86-64 gcc 12; equal on Cortex-M4). */
void BN(montmul)(limb *d, const limb *a, const limb *b, const limb *m, limb m0i, size_t k)
{
	limb th = 0;

	memset(d, 0, k * sizeof *d);
	for (size_t i = 0; i < k; i++) {
		limb ai = a[i], c1, c2;
		limb lo = bn_mac(ai, b[0], 0, d[0], &c1);
		limb q = lo * m0i;
		bn_mac(q, m[0], 0, lo, &c2);
		for (size_t j = 1; j < k; j++) {
			lo = bn_mac(ai, b[j], c1, d[j], &c1);
			d[j - 1] = bn_mac(q, m[j], c2, lo, &c2);
		}
		limb z = c1 + c2, y = z + th;
		limb cy = bn_carry(c1, c2, z) + bn_carry(z, th, y);
		d[k - 1] = y;
		th = cy;
	}
	BN(sub)(d, m, k, th | (1 - BN(lt)(d, m, k)));
}

/* Montgomery reduction of a k-limb value: the result is below m + 1. */
void BN(redc)(limb *d, const limb *a, const limb *m, limb m0i, size_t k)
{
	if (d != a)
		memcpy(d, a, k * sizeof *d);
	for (size_t i = 0; i < k; i++) {
		limb q = d[0] * m0i, c;
		bn_mac(q, m[0], 0, d[0], &c);
		for (size_t j = 1; j < k; j++)
			d[j - 1] = bn_mac(q, m[j], c, d[j], &c);
		d[k - 1] = c;
	}
	BN(sub)(d, m, k, 1 - BN(lt)(d, m, k));
}

void BN(mul)(limb *d, const limb *a, size_t ka, const limb *b, size_t kb)
{
	memset(d, 0, (ka + kb) * sizeof *d);
	for (size_t i = 0; i < ka; i++) {
		limb c = 0;
		for (size_t j = 0; j < kb; j++)
			d[i + j] = bn_mac(a[i], b[j], c, d[i + j], &c);
		d[i + kb] = c;
	}
}

void BN(modadd)(limb *a, const limb *b, const limb *m, size_t k)
{
	limb c = BN(add)(a, b, k, 1);
	BN(sub)(a, m, k, c | (1 - BN(lt)(a, m, k)));
}

void BN(modsub)(limb *a, const limb *b, const limb *m, size_t k)
{
	BN(add)(a, m, k, BN(sub)(a, b, k, 1));
}

/* W bits of x starting at bit off (public), zero beyond the top. */
static limb bn_bits_at(const limb *x, size_t k, size_t off)
{
	size_t i = off / BN_W;
	unsigned s = (unsigned)(off % BN_W);
	limb v;

	if (i >= k)
		return 0;
	v = x[i] >> s;
	if (s != 0 && i + 1 < k)
		v |= x[i + 1] << (BN_W - s);
	return v;
}

/* Bit length of a k-limb value, without branches. */
static limb bn_bitlen(const limb *a, size_t k)
{
	limb top = 0, tw = 0;

	for (size_t j = 0; j < k; j++) {
		limb nz = bn_mask(bn_nz_w(a[j]));
		top ^= (top ^ (limb)j) & nz;
		tw ^= (tw ^ a[j]) & nz;
	}
	return top * BN_W + bn_bitlen_w(tw);
}

/* W bits of x at bit off of a modulus described by rc: a public offset is
 * read directly, a secret one through bn_extract. */
static limb bn_top_bits(const limb *x, size_t k, const bn_recip *rc, unsigned below)
{
	if (rc->secret)
		return (limb)bn_extract(x, k, rc->nbits - below);
	return bn_bits_at(x, k, (size_t)rc->nbits - below);
}

/* floor((hi*2^W + lo) / d) for hi < d, d >= 2^(W-1): restoring division,
 * one bit per step, no data-dependent branch (used once per modulus). */
static limb bn_div_ct(limb hi, limb lo, limb d)
{
	limb q = 0, r = hi;

	for (int i = BN_W - 1; i >= 0; i--) {
		limb top = r >> (BN_W - 1);
		r = (r << 1) | ((lo >> i) & 1);
		limb ge = top | (1 - bn_lt_w(r, d));
		r -= d & bn_mask(ge);
		q |= ge << i;
	}
	return q;
}

/* floor((u1*2^W + u0) / d) for u1 < d, with the reciprocal v of the
 * normalised divisor d (Moller and Granlund, "Improved division by
 * invariant integers", algorithm 4), corrections done with masks. */
static limb bn_div_recip(limb u1, limb u0, limb d, limb v)
{
	dlimb p = (dlimb)v * u1 + (((dlimb)u1 << BN_W) | u0);
	limb q1 = (limb)(p >> BN_W) + 1, q0 = (limb)p;
	limb r = u0 - q1 * d;
	limb m1 = bn_mask(bn_lt_w(q0, r));

	q1 += m1;
	r += d & m1;
	q1 -= bn_mask(1 - bn_lt_w(r, d));
	return q1;
}

void BN(recip_init)(bn_recip *r, const limb *m, size_t k, unsigned nbits)
{
	r->secret = 0;
	r->nbits = nbits;
	r->vt = bn_top_bits(m, k, r, BN_W);
	r->vinv = bn_div_ct(~r->vt, ~(limb)0, r->vt);
}

/* The same for a modulus whose length is secret (a prime factor). */
static void bn_recip_init_ct(bn_recip *r, const limb *m, size_t k)
{
	r->secret = 1;
	r->nbits = bn_bitlen(m, k);
	r->vt = bn_top_bits(m, k, r, BN_W);
	r->vinv = bn_div_ct(~r->vt, ~(limb)0, r->vt);
}

/* x = x * 2^W mod m for x < m. The quotient estimate from the top bits
 * (aligned to m's top bit) is at most 2 too large (Knuth 4.3.1, theorem
 * B), so up to two additions of m repair a negative remainder. */
static void bn_mulw(limb *x, const limb *m, size_t k, const bn_recip *rc)
{
	limb hi = bn_top_bits(x, k, rc, BN_W);
	limb lo = bn_top_bits(x, k, rc, 2 * BN_W);
	limb eq = bn_mask(1 - bn_nz_w(hi ^ rc->vt));
	limb qh = bn_div_recip(hi & ~eq, lo, rc->vt, rc->vinv) | eq;
	limb prev = 0, c = 0, br = 0, top;

	for (size_t j = 0; j < k; j++) {
		dlimb p = (dlimb)qh * m[j] + c;
		c = (limb)(p >> BN_W);
		dlimb z = (dlimb)prev - (limb)p - br;
		br = (limb)(z >> BN_W) & 1;
		prev = x[j];
		x[j] = (limb)z;
	}
	top = prev - c - br;
	top += BN(add)(x, m, k, top >> (BN_W - 1));
	BN(add)(x, m, k, top >> (BN_W - 1));
}

void BN(to_mont)(limb *x, const limb *m, size_t k, const bn_recip *rc)
{
	for (size_t i = 0; i < k; i++)
		bn_mulw(x, m, k, rc);
}

/* R^2 mod m = mont(mont(1)), 2k word steps; m's length is not used as
 * a public value. */
void BN(r2)(limb *r2, const limb *m, size_t k)
{
	bn_recip rc;

	bn_recip_init_ct(&rc, m, k);
	memset(r2, 0, k * sizeof *r2);
	r2[0] = 1;
	BN(to_mont)(r2, m, k, &rc);
	BN(to_mont)(r2, m, k, &rc);
}

/* Bit i (0 = least significant) of a big-endian byte string. */
static unsigned bn_ebit(const uint8_t *e, size_t elen, size_t i)
{
	return (e[elen - 1 - i / 8] >> (i % 8)) & 1;
}

limb *BN(pow_pub)(limb *acc, limb *x, limb *t, const uint8_t *e, size_t elen, const limb *m,
                  limb m0i, size_t k, const bn_recip *rc)
{
	size_t nb = elen * 8;
	limb *tmp;

	while (nb > 0 && !bn_ebit(e, elen, nb - 1))
		nb--;
	BN(to_mont)(x, m, k, rc);
	memcpy(acc, x, k * sizeof *acc);
	for (size_t i = nb - 1; i-- > 0;) {
		BN(montmul)(t, acc, acc, m, m0i, k);
		tmp = acc, acc = t, t = tmp;
		if (i > 0 && bn_ebit(e, elen, i)) {
			BN(montmul)(t, acc, x, m, m0i, k);
			tmp = acc, acc = t, t = tmp;
		}
	}
	return acc;
}

/* table[j] = mont(x^j) for j < 2^wbits; one window of wbits exponent
 * bits per step (the first one shorter when wbits does not divide the
 * length), entries read with masks over the whole table (no secret
 * index). The lower half of t and acc take turns as the product; the
 * upper half holds the selected entry. (A dedicated squaring measured
 * slower than montmul with gcc 12 at these sizes, so squares are
 * montmul(a, a).) */
void BN(pow_ct)(limb *acc, const limb *x, const uint8_t *e, size_t elen, const limb *r2,
                const limb *m, limb m0i, size_t k, limb *table, limb *t, unsigned wbits)
{
	size_t n = (size_t)1 << wbits, pos = elen * 8;
	limb *sel = t + k, *a = acc, *b = t, *tmp;

	BN(redc)(table, r2, m, m0i, k);
	memcpy(table + k, x, k * sizeof *x);
	for (size_t j = 2; j < n; j++)
		BN(montmul)(table + j * k, table + (j - 1) * k, x, m, m0i, k);
	memcpy(a, table, k * sizeof *a);
	while (pos > 0) {
		unsigned bits = pos % wbits ? (unsigned)(pos % wbits) : wbits;
		limb digit = 0;
		for (unsigned i = 0; i < bits; i++) {
			pos--;
			digit = (digit << 1) | bn_ebit(e, elen, pos);
			BN(montmul)(b, a, a, m, m0i, k);
			tmp = a, a = b, b = tmp;
		}
		memset(sel, 0, k * sizeof *sel);
		for (size_t j = 0; j < n; j++) {
			limb mask = bn_mask(1 - bn_nz_w((limb)j ^ digit));
			for (size_t i = 0; i < k; i++)
				sel[i] |= table[j * k + i] & mask;
		}
		BN(montmul)(b, a, sel, m, m0i, k);
		tmp = a, a = b, b = tmp;
	}
	if (a != acc)
		memcpy(acc, a, k * sizeof *acc);
}
