/*
 * Short names for one field variant (internal).
 *
 * Code written once for every variant (the X25519 ladder, the Edwards
 * group, the exponentiation chains) defines MOTE_FE_BITS to 64, 32 or 16,
 * includes this header and then writes fe, fe_mul, fe_sq, ... ; the names
 * expand to the suffixed functions of fe25519.h. A translation unit binds
 * exactly one variant. FE_NAME(x) suffixes a name of its own the same way,
 * so each instantiation exports distinct symbols.
 */
#ifndef MOTE_CRYPTO_FE25519_BIND_H
#define MOTE_CRYPTO_FE25519_BIND_H

#include "fe25519.h"

#if !defined(MOTE_FE_BITS) || (MOTE_FE_BITS != 64 && MOTE_FE_BITS != 32 && MOTE_FE_BITS != 16)
#error "define MOTE_FE_BITS to 64, 32 or 16 before including fe25519_bind.h"
#endif

#define FE_CAT2_(a, b) a##b
#define FE_CAT2(a, b) FE_CAT2_(a, b)
#define FE_NAME(x) FE_CAT2(x##_, MOTE_FE_BITS)

#define fe FE_CAT2(mote_fe25519_, MOTE_FE_BITS)
#define fe_frombytes FE_NAME(mote_fe25519_frombytes)
#define fe_tobytes FE_NAME(mote_fe25519_tobytes)
#define fe_set FE_NAME(mote_fe25519_set)
#define fe_add FE_NAME(mote_fe25519_add)
#define fe_sub FE_NAME(mote_fe25519_sub)
#define fe_mul FE_NAME(mote_fe25519_mul)
#define fe_sq FE_NAME(mote_fe25519_sq)
#define fe_mul_a24 FE_NAME(mote_fe25519_mul_a24)
#define fe_carry FE_NAME(mote_fe25519_carry)
#define fe_cswap FE_NAME(mote_fe25519_cswap)
#define fe_cmov FE_NAME(mote_fe25519_cmov)
#define fe_invert FE_NAME(mote_fe25519_invert)
#define fe_pow22523 FE_NAME(mote_fe25519_pow22523)

#endif /* MOTE_CRYPTO_FE25519_BIND_H */
