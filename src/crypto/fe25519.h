/*
 * Arithmetic modulo p = 2^255 - 19 (internal).
 *
 * Three representations, all compiled on every host so the tests run each:
 *
 *   _64  5 limbs of 51 bits in uint64_t, 64x64->128 products (__int128).
 *   _32  10 limbs of 26/25 bits in uint32_t, 32x32->64 products
 *        (UMULL on Cortex-M4, MULHU on RV32IM).
 *   _16  16 limbs of 16 bits in uint16_t, built from 16x16->32 products
 *        only, and only 32-bit additions (ESP8266, Cortex-M0/M0+).
 *
 * The curve code (x25519_ladder.h, ge25519_impl.h) is written once over the
 * short names of fe25519_bind.h and compiled once per variant.
 *
 * Limb bounds. Every operation reads all its inputs before writing its
 * output, so outputs may alias inputs. Values come in two kinds:
 *   "tight": written by frombytes, set, mul, sq, mul_a24, carry, invert,
 *            pow22523, cmov/cswap of tight values;
 *   "loose": written by add and sub.
 * add and sub take tight inputs only. mul, sq, mul_a24, carry and tobytes
 * take either. (In _16 every value is tight; in _64 the slack is large;
 * _32 is the variant where breaking the rule overflows.) Tight/loose limb
 * bounds per variant are stated in each fe25519_NN.c.
 *
 * Time: no function branches on or indexes by limb values.
 */
#ifndef MOTE_CRYPTO_FE25519_H
#define MOTE_CRYPTO_FE25519_H

#include <stdint.h>

#include "mote/config.h"

/* Keeps a function's frame off its caller's. On mul and sq: each
 * fe25519_NN.c also compiles the exponentiation chains of fe25519_pow.h,
 * and with mul and sq inlined there (gcc 12 -O3, 2026-11) the chain's
 * frame grew from 128 to 560 bytes, the largest term of X25519's stack;
 * calls from other files were never inlined anyway. On Ed25519's point
 * decoding and double multiplication: inlined into verify, their frames
 * added up instead of taking turns. */
#if defined(__GNUC__) || defined(__clang__)
#define MOTE_FE_NOINLINE __attribute__((noinline))
#else
#define MOTE_FE_NOINLINE
#endif

typedef struct {
	uint64_t v[5];
} mote_fe25519_64;

typedef struct {
	uint32_t v[10];
} mote_fe25519_32;

typedef struct {
	uint16_t v[16];
} mote_fe25519_16;

/*
 * The same interface for each variant B in {64, 32, 16}:
 *   frombytes  r = s mod p, bit 255 of s ignored; s need not be canonical
 *   tobytes    s = canonical little-endian encoding of a (0 <= s < p)
 *   set        r = v (v < 2^16)
 *   add, sub   r = a + b, r = a - b (tight inputs, loose output)
 *   mul, sq    r = a * b, r = a^2
 *   mul_a24    r = 121665 * a (the Montgomery constant (A - 2) / 4)
 *   carry      r = a, tight
 *   cswap      swap a and b if bit == 1; bit is 0 or 1
 *   cmov       r = a if mask is all ones; mask is 0 or 0xFFFFFFFF
 *   invert     r = a^(p-2) (0 maps to 0)
 *   pow22523   r = a^((p-5)/8), the core of square roots
 */
#define MOTE_FE25519_DECLARE(B)                                                             \
	void mote_fe25519_frombytes_##B(mote_fe25519_##B *r, const uint8_t s[32]);             \
	void mote_fe25519_tobytes_##B(uint8_t s[32], const mote_fe25519_##B *a);               \
	void mote_fe25519_set_##B(mote_fe25519_##B *r, uint16_t v);                            \
	void mote_fe25519_add_##B(mote_fe25519_##B *r, const mote_fe25519_##B *a,              \
	                          const mote_fe25519_##B *b);                                  \
	void mote_fe25519_sub_##B(mote_fe25519_##B *r, const mote_fe25519_##B *a,              \
	                          const mote_fe25519_##B *b);                                  \
	void mote_fe25519_mul_##B(mote_fe25519_##B *r, const mote_fe25519_##B *a,              \
	                          const mote_fe25519_##B *b);                                  \
	void mote_fe25519_sq_##B(mote_fe25519_##B *r, const mote_fe25519_##B *a);              \
	void mote_fe25519_mul_a24_##B(mote_fe25519_##B *r, const mote_fe25519_##B *a);         \
	void mote_fe25519_carry_##B(mote_fe25519_##B *r, const mote_fe25519_##B *a);           \
	void mote_fe25519_cswap_##B(mote_fe25519_##B *a, mote_fe25519_##B *b, uint32_t bit);   \
	void mote_fe25519_cmov_##B(mote_fe25519_##B *r, const mote_fe25519_##B *a,             \
	                           uint32_t mask);                                             \
	void mote_fe25519_invert_##B(mote_fe25519_##B *r, const mote_fe25519_##B *a);          \
	void mote_fe25519_pow22523_##B(mote_fe25519_##B *r, const mote_fe25519_##B *a)

MOTE_FE25519_DECLARE(64);
MOTE_FE25519_DECLARE(32);
MOTE_FE25519_DECLARE(16);

#endif /* MOTE_CRYPTO_FE25519_H */
