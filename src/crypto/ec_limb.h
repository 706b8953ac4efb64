/*
 * Limbs and limb primitives for the P-256 / P-384 code (internal; included
 * by ec_impl.h). The including file defines EC_MUL_BITS, the widest
 * multiplication the code may use:
 *   64 - 64-bit limbs, 64x64->128 products in unsigned __int128 (hosts)
 *   32 - 32-bit limbs, 32x32->64 products (Cortex-M4, RV32IM)
 *   16 - 32-bit limbs whose products are assembled from four 16x16->32
 *        ones, with no 64-bit type at all: for cores whose long multiply
 *        is missing (ESP8266, Cortex-M0/M0+) or not constant-time
 *        (Cortex-M3 UMULL exits early on small operands).
 * Everything above this file sees only ec_limb, EC_LIMB_BITS and the
 * three primitives ec_mac, ec_adc and ec_sbb.
 */
#ifndef MOTE_CRYPTO_EC_LIMB_H
#define MOTE_CRYPTO_EC_LIMB_H

#include <stdint.h>

#include "ct.h"

#if EC_MUL_BITS == 64
#define EC_LIMB_BITS 64
typedef uint64_t ec_limb;
#define EC_L64(x) ((ec_limb)(x))
#define ec_barrier(x) ((ec_limb)mote_ct_barrier64(x))
#elif EC_MUL_BITS == 32 || EC_MUL_BITS == 16
#define EC_LIMB_BITS 32
typedef uint32_t ec_limb;
#define EC_L64(x) ((ec_limb)(x)), ((ec_limb)((x) >> 32))
#define ec_barrier(x) ((ec_limb)mote_ct_barrier32(x))
#else
#error "EC_MUL_BITS must be 64, 32 or 16"
#endif

/* All ones if bit (0 or 1) is 1, else 0. */
#define ec_mask(bit) ((ec_limb)((ec_limb)0 - (ec_limb)(bit)))

/*
 * The limb loops of the field code have constant trip counts. Unrolled in
 * full the compiler keeps the running sums in registers and folds the
 * modulus constants (about 3x fewer instructions per multiplication with
 * 64-bit limbs); when optimising for size (-Os) the compiler decides.
 */
#if !defined(__OPTIMIZE_SIZE__) && (defined(__GNUC__) || defined(__clang__))
#define EC_UNROLL _Pragma("GCC unroll 16")
#else
#define EC_UNROLL
#endif
/* EC_NOINLINE keeps the big phases of an operation (scalar multiplication,
 * inversion, point decoding) in frames of their own: inlined into one
 * caller, their tables would add up on the stack instead of reusing it. */
#if defined(__GNUC__) || defined(__clang__)
#define EC_INLINE static inline __attribute__((always_inline))
#define EC_NOINLINE __attribute__((noinline))
#else
#define EC_INLINE static inline
#define EC_NOINLINE
#endif

/*
 * ec_mac: *lo = low limb of a*b + t + c, returns the high limb (the sum
 * never overflows two limbs). ec_adc / ec_sbb: a + b + cin and a - b - bin
 * with the carry or borrow (0 or 1) in *out.
 */
#if EC_MUL_BITS == 64
/* The carries are unsigned comparisons of the wrapped sums: gcc 12 turns
 * them into adc/sbb/setc, and handles the same sums done in unsigned
 * __int128 with about 50% more instructions (callgrind, 2026-11: 297 vs
 * 447 per P-256 multiplication). They feed arithmetic only, never a
 * branch; the ct tests run this code under memcheck to keep it so. */
__extension__ typedef unsigned __int128 ec_u128;

EC_INLINE ec_limb ec_mac(ec_limb *lo, ec_limb a, ec_limb b, ec_limb t, ec_limb c)
{
	ec_u128 x = (ec_u128)a * b;
	ec_limb l = (ec_limb)x, h = (ec_limb)(x >> 64);

	l += t;
	h += l < t;
	l += c;
	h += l < c;
	*lo = l;
	return h;
}

EC_INLINE ec_limb ec_adc(ec_limb a, ec_limb b, ec_limb cin, ec_limb *out)
{
	ec_limb s = a + b, c = s < a;

	s += cin;
	*out = c | (s < cin);
	return s;
}

EC_INLINE ec_limb ec_sbb(ec_limb a, ec_limb b, ec_limb bin, ec_limb *out)
{
	ec_limb d = a - b, w = a < b;

	*out = w | (d < bin);
	return d - bin;
}
#elif EC_MUL_BITS == 32
/* Written as one 64-bit sum so that compilers for Cortex-M4 emit UMAAL. */
EC_INLINE ec_limb ec_mac(ec_limb *lo, ec_limb a, ec_limb b, ec_limb t, ec_limb c)
{
	uint64_t x = (uint64_t)a * b + t + c;

	*lo = (ec_limb)x;
	return (ec_limb)(x >> 32);
}

EC_INLINE ec_limb ec_adc(ec_limb a, ec_limb b, ec_limb cin, ec_limb *out)
{
	uint64_t x = (uint64_t)a + b + cin;

	*out = (ec_limb)(x >> 32);
	return (ec_limb)x;
}

EC_INLINE ec_limb ec_sbb(ec_limb a, ec_limb b, ec_limb bin, ec_limb *out)
{
	uint64_t x = (uint64_t)a - b - bin;

	*out = (ec_limb)(x >> 63);
	return (ec_limb)x;
}
#else
/* 32-bit words only. Carries come from the sign bits (a carry out of
 * s = x + y is the majority of the top bits of x, y and ~s), never from a
 * comparison, which Thumb-1 and Xtensa compilers may turn into a branch. */
EC_INLINE ec_limb ec_adc(ec_limb a, ec_limb b, ec_limb cin, ec_limb *out)
{
	ec_limb s = a + b + cin;

	*out = ((a & b) | ((a | b) & ~s)) >> 31;
	return s;
}

EC_INLINE ec_limb ec_sbb(ec_limb a, ec_limb b, ec_limb bin, ec_limb *out)
{
	ec_limb d = a - b - bin;

	*out = ((~a & b) | ((~a | b) & d)) >> 31;
	return d;
}

/* Column by column in 16-bit digits: each column sum fits in 32 bits, so
 * no carry needs detecting. */
EC_INLINE ec_limb ec_mac(ec_limb *lo, ec_limb a, ec_limb b, ec_limb t, ec_limb c)
{
	ec_limb al = a & 0xFFFFu, ah = a >> 16, bl = b & 0xFFFFu, bh = b >> 16;
	ec_limb m1 = al * bh, m2 = ah * bl;
	ec_limb w0 = al * bl + (t & 0xFFFFu) + (c & 0xFFFFu);
	ec_limb w1 = (w0 >> 16) + (m1 & 0xFFFFu) + (m2 & 0xFFFFu) + (t >> 16) + (c >> 16);

	*lo = (w0 & 0xFFFFu) | w1 << 16;
	return ah * bh + (m1 >> 16) + (m2 >> 16) + (w1 >> 16);
}
#endif

#endif /* MOTE_CRYPTO_EC_LIMB_H */
