/*
 * Ed25519 signatures (RFC 8032 section 5.1, pure Ed25519: no context, no
 * prehash). Compiled when MOTE_ENABLE_ED25519 is 1 (mote/config.h); needs
 * SHA-512.
 *
 * Seeds (private keys), public keys and signatures are byte strings of
 * 32, 32 and 64 bytes. There is no context and no scratch area: each call
 * works on the stack only. The field arithmetic is chosen by
 * MOTE_MUL_BITS (64-, 32- or 16-bit multiplier).
 *
 * Key generation and signing run in time independent of the seed and of
 * the secret nonce (the time depends on the message length only).
 * Verification handles only public data and takes variable time.
 *
 * Peak stack, bytes (arm-none-eabi-gcc 12 -Os frames summed along the
 * deepest call path, including SHA-512; x86-64 by stack painting, gcc 12
 * -O2):
 *
 *                            Cortex-M4      Cortex-M0       x86-64
 *                            (32-bit mul)   (16-bit mul)    (64-bit mul)
 *   mote_ed25519_public_key  912            1256            1048
 *   mote_ed25519_sign        1024           1416            1208
 *   mote_ed25519_verify      1768           1576            2024
 *
 * Flash: a 3072-byte table of base-point multiples (shared with X25519).
 */
#ifndef MOTE_ED25519_H
#define MOTE_ED25519_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_ED25519_SEED_SIZE 32
#define MOTE_ED25519_PUBLIC_KEY_SIZE 32
#define MOTE_ED25519_SIGNATURE_SIZE 64

/* pub = the public key of a 32-byte secret seed (RFC 8032 5.1.5). Cannot
 * fail. pub may alias seed. */
void mote_ed25519_public_key(uint8_t pub[MOTE_ED25519_PUBLIC_KEY_SIZE],
                             const uint8_t seed[MOTE_ED25519_SEED_SIZE]);

/*
 * sig = the signature of msg[0..len) (RFC 8032 5.1.6). Deterministic;
 * cannot fail. pub MUST be mote_ed25519_public_key(seed): it is hashed
 * into the signature without being checked, and two signatures of one
 * message under different pub values reveal the secret scalar. msg may be
 * NULL when len is 0. sig must not overlap msg, seed or pub.
 */
void mote_ed25519_sign(uint8_t sig[MOTE_ED25519_SIGNATURE_SIZE], const uint8_t *msg, size_t len,
                       const uint8_t seed[MOTE_ED25519_SEED_SIZE],
                       const uint8_t pub[MOTE_ED25519_PUBLIC_KEY_SIZE]);

/*
 * Verify sig over msg[0..len) under pub (RFC 8032 5.1.7, cofactorless:
 * [S]B = R + [k]A, checked by encoding [S]B - [k]A and comparing with R).
 *
 * Returns 0 if valid;
 *   MOTE_ERR_BAD_SIGNATURE  S >= L, or the equation does not hold (which
 *                           includes any R that is not the canonical
 *                           encoding of a point);
 *   MOTE_ERR_BAD_POINT      pub is not a valid encoding (y >= p, no
 *                           square root, or x = 0 with the sign bit set).
 */
int mote_ed25519_verify(const uint8_t sig[MOTE_ED25519_SIGNATURE_SIZE], const uint8_t *msg,
                        size_t len, const uint8_t pub[MOTE_ED25519_PUBLIC_KEY_SIZE]);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_ED25519_H */
