/*
 * Constant-time vocabulary: the one place where masks, selects and wipes
 * are defined. Everything that touches secrets uses these instead of
 * branches or secret-indexed tables.
 *
 * Conventions: a "mask" is a uint32_t that is either 0 or 0xFFFFFFFF;
 * a "bit" is 0 or 1. No function here branches on its arguments' values.
 *
 * Compiler hazards defended against:
 * - 2026-11 (gcc 12, clang 14): a comparison such as (a == b) may be turned
 *   into a branch or a setcc feeding a branch once inlined into a caller
 *   that branches on the result; the helpers below compute with arithmetic
 *   only, and mote_ct_barrier32() hides values from the optimiser where a
 *   mask would otherwise be recognised as a boolean.
 * - memset() of a buffer that is dead afterwards may be removed (dead-store
 *   elimination); mote_wipe() writes through a volatile pointer.
 */
#ifndef MOTE_CRYPTO_CT_H
#define MOTE_CRYPTO_CT_H

#include <stddef.h>
#include <stdint.h>

/* Opaque to the optimiser: returns x, but the compiler cannot reason about
 * its value, so masks derived from it are not re-derived as booleans. */
static inline uint32_t mote_ct_barrier32(uint32_t x)
{
#if defined(__GNUC__) || defined(__clang__)
	__asm__("" : "+r"(x));
#endif
	return x;
}

static inline uint64_t mote_ct_barrier64(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
	__asm__("" : "+r"(x));
#endif
	return x;
}

/* 1 if x != 0, else 0. */
static inline uint32_t mote_ct_nonzero_bit(uint32_t x)
{
	return (x | (0u - x)) >> 31;
}

/* All ones if x == 0, else 0. */
static inline uint32_t mote_ct_is_zero(uint32_t x)
{
	return mote_ct_barrier32(mote_ct_nonzero_bit(x)) - 1u;
}

/* All ones if a == b, else 0. */
static inline uint32_t mote_ct_eq(uint32_t a, uint32_t b)
{
	return mote_ct_is_zero(a ^ b);
}

/* All ones if a < b (unsigned), else 0. */
static inline uint32_t mote_ct_lt(uint32_t a, uint32_t b)
{
	uint32_t borrow = (a ^ ((a ^ b) | ((a - b) ^ a))) >> 31;
	return 0u - mote_ct_barrier32(borrow);
}

/* mask ? a : b. */
static inline uint32_t mote_ct_select(uint32_t mask, uint32_t a, uint32_t b)
{
	return b ^ (mask & (a ^ b));
}

/* All ones if a[0..len) == b[0..len), else 0. Time depends on len only. */
uint32_t mote_ct_memeq(const void *a, const void *b, size_t len);

/* If mask is all ones, copy src to dst; if 0, leave dst. len bytes. */
void mote_ct_cmov(void *dst, const void *src, size_t len, uint32_t mask);

/* Returns x, declared public: a value computed from secrets whose
 * disclosure is accepted by design (each caller says why, e.g. whether a
 * rejection-sampling draw was in range). With MOTE_CT_VALGRIND it is marked
 * defined for valgrind memcheck, so the ct checks accept a branch on it. */
uint32_t mote_ct_declassify32(uint32_t x);

/* Set len bytes to zero in a way the compiler may not remove. */
void mote_wipe(void *p, size_t len);

#endif /* MOTE_CRYPTO_CT_H */
