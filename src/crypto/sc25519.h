/*
 * Arithmetic modulo the Ed25519 group order
 * L = 2^252 + 27742317777372353535851937790883648493 (internal).
 *
 * Scalars are 32-byte little-endian strings. Built from 16x16->32
 * products and 32-bit additions only, so the same code is constant-time on
 * every target (the cost is small next to the point arithmetic). Nothing
 * here branches on or indexes by scalar values. Peak stack (Cortex-M4,
 * x86-64): 544 bytes for muladd, 424 for reduce.
 */
#ifndef MOTE_CRYPTO_SC25519_H
#define MOTE_CRYPTO_SC25519_H

#include <stdint.h>

/* out = in mod L, for a 64-byte in (e.g. a SHA-512 digest). */
void mote_sc25519_reduce(uint8_t out[32], const uint8_t in[64]);

/* out = (a * b + c) mod L; a, b, c any 32-byte values. out may alias. */
void mote_sc25519_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32],
                         const uint8_t c[32]);

/* All ones if s < L (a canonical scalar), else 0. */
uint32_t mote_sc25519_is_canonical(const uint8_t s[32]);

#endif /* MOTE_CRYPTO_SC25519_H */
