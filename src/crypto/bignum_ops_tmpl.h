/*
 * Limb types and small constant-time helpers shared by the big-integer
 * templates (bignum_tmpl.h, bignum_inv_tmpl.h); the including file defines
 * BN_W (32 or 64) first.
 */
#include <stdint.h>

#include "bignum.h"
#include "ct.h"

#if BN_W == 64
typedef uint64_t limb;
typedef unsigned __int128 dlimb;
typedef mote_bn64_recip bn_recip;
#else
typedef uint32_t limb;
typedef uint64_t dlimb;
typedef mote_bn32_recip bn_recip;
#endif

#define BN_LB (BN_W / 8)

/* All ones if bit is 1, zero if bit is 0. The barrier keeps the compiler
 * from treating the mask as a boolean: clang 14 otherwise unswitches a
 * loop like "sel |= table[j] & mask" into a branch on the mask (2026-11,
 * seen by ct_rsa under memcheck). */
static inline limb bn_mask(limb bit)
{
#if BN_W == 64
	return mote_ct_barrier64((limb)0 - bit);
#else
	return mote_ct_barrier32((limb)0 - bit);
#endif
}

/* Carry out of x + y + c = z and borrow out of x - y - c = d, from the
 * top bits alone: no double-width type, which keeps gcc from spilling
 * 128-bit temporaries (and suits 32-bit cores). */
static inline limb bn_carry(limb x, limb y, limb z)
{
	return ((x & y) | ((x | y) & ~z)) >> (BN_W - 1);
}

static inline limb bn_borrow(limb x, limb y, limb d)
{
	return ((~x & y) | (~(x ^ y) & d)) >> (BN_W - 1);
}

/* 1 if a < b, else 0: the borrow of a - b. */
static inline limb bn_lt_w(limb a, limb b)
{
	return bn_borrow(a, b, a - b);
}

/* 1 if x != 0, else 0. */
static inline limb bn_nz_w(limb x)
{
	return (x | ((limb)0 - x)) >> (BN_W - 1);
}

/* Returns the low limb of a * b + c + d and sets *hi to the high one
 * (the sum never exceeds 2W bits). With 64-bit limbs the carries are
 * written out: gcc 12 then emits mul and two add/adc pairs, where 128-bit
 * additions cost half as many instructions again (2026-11, gcc 12.2). */
static inline limb bn_mac(limb a, limb b, limb c, limb d, limb *hi)
{
#if BN_W == 64
	dlimb z = (dlimb)a * b;
	limb lo = (limb)z, h = (limb)(z >> BN_W);

	lo += c;
	h += lo < c;
	lo += d;
	h += lo < d;
	*hi = h;
	return lo;
#else
	dlimb z = (dlimb)a * b + c + d;

	*hi = (limb)(z >> BN_W);
	return (limb)z;
#endif
}

/* Bit length of a limb and of a k-limb value, without branches. */
static inline limb bn_bitlen_w(limb x)
{
	limb n = 0;

	for (unsigned s = BN_W / 2; s > 0; s /= 2) {
		limb hi = bn_nz_w(x >> s);
		n += hi * s;
		x ^= (x ^ (x >> s)) & bn_mask(hi);
	}
	return n + bn_nz_w(x);
}

/* 64 bits of x from bit off, off secret: every limb is read and the two
 * needed are picked with masks; the shifts by a secret count are
 * constant-time on the targets (barrel shifters). */
static inline uint64_t bn_extract(const limb *x, size_t k, limb off)
{
	limb wi = off / BN_W, bi = off % BN_W, lo = 0, hi = 0;

	for (size_t j = 0; j < k; j++) {
		lo |= x[j] & bn_mask(1 - bn_nz_w((limb)j ^ wi));
		hi |= x[j] & bn_mask(1 - bn_nz_w((limb)j ^ (wi + 1)));
	}
	return (uint64_t)(lo >> bi) | (((uint64_t)hi << 1) << (BN_W - 1 - bi));
}

