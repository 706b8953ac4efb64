/*
 * Per-variant entry points of the Curve25519 code (internal). The public
 * functions (mote/x25519.h, mote/ed25519.h) call the variant chosen by
 * MOTE_MUL_BITS; tests call every variant. Each has the contract of the
 * public function of the same name without the suffix.
 */
#ifndef MOTE_CRYPTO_CURVE25519_H
#define MOTE_CRYPTO_CURVE25519_H

#include <stddef.h>
#include <stdint.h>

#define MOTE_CURVE25519_DECLARE(B)                                                          \
	int mote_x25519_##B(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32]); \
	void mote_x25519_base_##B(uint8_t pub[32], const uint8_t scalar[32]);                      \
	void mote_x25519_ladder_base_##B(uint8_t pub[32], const uint8_t scalar[32]);               \
	void mote_ed25519_public_key_##B(uint8_t pub[32], const uint8_t seed[32]);                 \
	void mote_ed25519_sign_##B(uint8_t sig[64], const uint8_t *msg, size_t len,                \
	                           const uint8_t seed[32], const uint8_t pub[32]);                 \
	int mote_ed25519_verify_##B(const uint8_t sig[64], const uint8_t *msg, size_t len,         \
	                            const uint8_t pub[32])

MOTE_CURVE25519_DECLARE(64);
MOTE_CURVE25519_DECLARE(32);
MOTE_CURVE25519_DECLARE(16);

#endif /* MOTE_CRYPTO_CURVE25519_H */
