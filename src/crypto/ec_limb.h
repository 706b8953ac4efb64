/*
 * Limb types for the P-256 / P-384 code (internal; included by ec_impl.h).
 *
 * The including file defines EC_LIMB_BITS:
 *   64 - uint64_t limbs, products in unsigned __int128 (hosts)
 *   32 - uint32_t limbs, 32x32->64 products (Cortex-M4, RV32IM)
 *   16 - uint16_t limbs, 16x16->32 products (ESP8266, Cortex-M0/M0+, and
 *        Cortex-M3 whose long multiplies are not constant-time)
 * Every product is written (ec_dlimb)a * b so it never overflows and never
 * goes through a signed int (uint16_t operands would otherwise promote).
 */
#ifndef MOTE_CRYPTO_EC_LIMB_H
#define MOTE_CRYPTO_EC_LIMB_H

#include <stdint.h>

#include "ct.h"

#if EC_LIMB_BITS == 64
typedef uint64_t ec_limb;
__extension__ typedef unsigned __int128 ec_dlimb;
#define EC_L64(x) ((ec_limb)(x))
#define ec_barrier(x) ((ec_limb)mote_ct_barrier64(x))
#elif EC_LIMB_BITS == 32
typedef uint32_t ec_limb;
typedef uint64_t ec_dlimb;
#define EC_L64(x) ((ec_limb)(x)), ((ec_limb)((x) >> 32))
#define ec_barrier(x) ((ec_limb)mote_ct_barrier32(x))
#elif EC_LIMB_BITS == 16
typedef uint16_t ec_limb;
typedef uint32_t ec_dlimb;
#define EC_L64(x) ((ec_limb)(x)), ((ec_limb)((x) >> 16)), ((ec_limb)((x) >> 32)), \
	((ec_limb)((x) >> 48))
#define ec_barrier(x) ((ec_limb)mote_ct_barrier32(x))
#else
#error "EC_LIMB_BITS must be 64, 32 or 16"
#endif

/* All ones if bit (0 or 1) is 1, else 0. */
#define ec_mask(bit) ((ec_limb)((ec_limb)0 - (ec_limb)(bit)))

#endif /* MOTE_CRYPTO_EC_LIMB_H */
