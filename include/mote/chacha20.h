/*
 * ChaCha20 stream cipher (RFC 8439, section 2.4): 256-bit key, 96-bit
 * nonce, 32-bit initial block counter.
 *
 * Memory: there is no context; every call starts from the key.
 * Peak stack (gcc 12, -fstack-usage): mote_chacha20_xor_ct 256 bytes on
 * Cortex-M4 -Os, 304 on x86-64 -O2; mote_chacha20_xor_vec4 416 on x86-64,
 * plus 304 when a tail of 1..128 bytes goes to the scalar code.
 */
#ifndef MOTE_CHACHA20_H
#define MOTE_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#include "mote/config.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_CHACHA20_KEY_SIZE 32
#define MOTE_CHACHA20_NONCE_SIZE 12
#define MOTE_CHACHA20_BLOCK_SIZE 64

/*
 * out = in XOR keystream(key, nonce, counter, counter + 1, ...).
 * Encryption and decryption are the same operation.
 *
 * in may equal out (in-place); other overlaps are not allowed. len may be
 * 0 (in and out are then not read). The 32-bit block counter wraps modulo
 * 2^32 without touching the nonce: a caller must not ask for more than
 * 2^32 - counter blocks under one nonce (the AEAD enforces this).
 * Constant time: timing depends on len only. Cannot fail.
 */
void mote_chacha20_xor(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                       const uint8_t *in, uint8_t *out, size_t len);

/*
 * Implementation variants, same contract as mote_chacha20_xor, which picks
 * one at compile time. Tests and benchmarks call them directly.
 *
 * _ct:   portable scalar code, one 64-byte block at a time; the choice on
 *        32-bit targets (small: no tables, rolled round loop).
 * _vec4: four blocks in parallel in 128-bit vectors through the GCC/clang
 *        vector extensions (SSE2 on x86-64, NEON on AArch64); still plain
 *        C with no secret-dependent branch or index. Compiled when
 *        MOTE_CHACHA20_VEC4 is 1 (see mote/config.h); the choice on
 *        64-bit targets then.
 */
void mote_chacha20_xor_ct(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                          const uint8_t *in, uint8_t *out, size_t len);

#if MOTE_CHACHA20_VEC4
void mote_chacha20_xor_vec4(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                            const uint8_t *in, uint8_t *out, size_t len);
#endif

#ifdef __cplusplus
}
#endif

#endif /* MOTE_CHACHA20_H */
