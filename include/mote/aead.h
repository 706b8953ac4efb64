/*
 * One AEAD interface for the record layer: AES-128-GCM, AES-256-GCM and
 * ChaCha20-Poly1305 with 12-byte nonces and 16-byte tags, sealed and
 * opened in place.
 *
 * mote_aead_ctx is a tagged union of the algorithm contexts: 264 bytes on
 * 32- and 64-bit targets (the AES-GCM context is the largest; pinned in
 * tests/unit/test_aead.c). A TLS connection holds two (read and write).
 * Peak stack is that of the algorithm: see gcm.h and chacha20poly1305.h.
 */
#ifndef MOTE_AEAD_H
#define MOTE_AEAD_H

#include <stddef.h>
#include <stdint.h>

#include "mote/chacha20poly1305.h"
#include "mote/config.h"
#include "mote/gcm.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	MOTE_AEAD_NONE = 0,
	MOTE_AEAD_AES_128_GCM = 1,
	MOTE_AEAD_AES_256_GCM = 2,
	MOTE_AEAD_CHACHA20_POLY1305 = 3
} mote_aead_alg;

#define MOTE_AEAD_NONCE_SIZE 12
#define MOTE_AEAD_TAG_SIZE 16
#define MOTE_AEAD_MAX_KEY_SIZE 32

typedef struct {
	mote_aead_alg alg;
	union {
#if MOTE_ENABLE_AES_GCM
		mote_gcm_ctx gcm;
#endif
#if MOTE_ENABLE_CHACHA20_POLY1305
		mote_chachapoly_ctx chachapoly;
#endif
	} u;
} mote_aead_ctx;

/* Key length in bytes for alg (16 or 32), 0 if unknown or compiled out. */
size_t mote_aead_key_size(mote_aead_alg alg);

/* Errors: MOTE_ERR_UNSUPPORTED (unknown or compiled-out alg),
 * MOTE_ERR_BAD_KEY_LENGTH (key_len != mote_aead_key_size(alg)). */
int mote_aead_init(mote_aead_ctx *ctx, mote_aead_alg alg, const uint8_t *key, size_t key_len);

/* Encrypts buf[0..len) in place and writes the 16-byte tag.
 * Errors: MOTE_ERR_STATE (ctx not initialised), MOTE_ERR_MESSAGE_TOO_LONG. */
int mote_aead_seal(const mote_aead_ctx *ctx, const uint8_t nonce[MOTE_AEAD_NONCE_SIZE],
                   const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                   uint8_t tag[MOTE_AEAD_TAG_SIZE]);

/* Checks the tag in constant time and decrypts buf[0..len) in place.
 * Errors: MOTE_ERR_AUTH_FAILED (nothing usable is left in buf),
 * MOTE_ERR_STATE, MOTE_ERR_MESSAGE_TOO_LONG. */
int mote_aead_open(const mote_aead_ctx *ctx, const uint8_t nonce[MOTE_AEAD_NONCE_SIZE],
                   const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                   const uint8_t tag[MOTE_AEAD_TAG_SIZE]);

/* Wipes the keys; the context must be initialised again before use. */
void mote_aead_clear(mote_aead_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif
