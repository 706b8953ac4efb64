/*
 * X25519 Diffie-Hellman (RFC 7748).
 *
 * Keys, points and shared secrets are 32-byte little-endian strings.
 * There is no context: each call works on the stack only (no scratch
 * area, no allocation) and runs in time independent of the scalar and of
 * the point. The field arithmetic is chosen by MOTE_MUL_BITS in
 * mote/config.h (64-, 32- or 16-bit multiplier).
 *
 * Peak stack, bytes (arm-none-eabi-gcc 12 -Os frames summed along the
 * deepest call path; x86-64 by stack painting, gcc 12 -O2):
 *
 *                       Cortex-M4      Cortex-M0       x86-64
 *                       (32-bit mul)   (16-bit mul)    (64-bit mul)
 *   mote_x25519         648            616             856
 *   mote_x25519_base    856            824             968
 *
 * Flash: mote_x25519_base uses a 3072-byte table of base-point multiples
 * (shared with Ed25519).
 */
#ifndef MOTE_X25519_H
#define MOTE_X25519_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_X25519_SIZE 32

/*
 * out = X25519(scalar, point): the shared secret from our private scalar
 * and the peer's public u-coordinate.
 *
 * The scalar is clamped as RFC 7748 section 5 requires (any 32 bytes are a
 * valid private key). The top bit of point is ignored and a non-canonical
 * u (>= 2^255 - 19) is reduced, as the RFC requires of receivers.
 *
 * Returns 0, or MOTE_ERR_WEAK_KEY when the result is all zero (the peer
 * sent a point of small order; RFC 7748 section 6.1 says to abort). out is
 * written in both cases; the check itself does not branch on the secret.
 * out may alias scalar or point.
 */
int mote_x25519(uint8_t out[MOTE_X25519_SIZE], const uint8_t scalar[MOTE_X25519_SIZE],
                const uint8_t point[MOTE_X25519_SIZE]);

/*
 * pub = X25519(scalar, 9): the public key for a private scalar. Cannot
 * fail (a clamped scalar never yields the all-zero point). pub may alias
 * scalar. Computed on the birationally equivalent Edwards curve with a
 * fixed-base comb (60 doublings, 64 constant-time table additions), 1.4
 * to 2.1 times faster than mote_x25519 with u = 9.
 */
void mote_x25519_base(uint8_t pub[MOTE_X25519_SIZE], const uint8_t scalar[MOTE_X25519_SIZE]);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_X25519_H */
