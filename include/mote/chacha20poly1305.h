/*
 * AEAD_CHACHA20_POLY1305 (RFC 8439, section 2.8): 256-bit key, 96-bit
 * nonce, 128-bit tag. Used by the AEAD dispatcher and the TLS record layer
 * (TLS_CHACHA20_POLY1305_SHA256, ECDHE-*-CHACHA20-POLY1305).
 *
 * Context: mote_chachapoly_ctx, 32 bytes on every target (just the key:
 * ChaCha20 has no key schedule, and the Poly1305 key is derived per
 * nonce). Peak stack of seal/open (gcc 12, -fstack-usage): ~ 470 bytes
 * on Cortex-M4 -Os, ~ 950 on x86-64 -O2 (a Poly1305 context and the
 * ChaCha20 code, see mote/chacha20.h). No scratch.
 *
 * Both calls work in place on buf and run in time that depends only on
 * aad_len and len. Limits (RFC 8439, 2.8): len <= 2^38 - 64 bytes
 * (MOTE_CHACHAPOLY_MAX_LEN; 2^32 - 1 blocks of keystream), aad_len any
 * size_t.
 */
#ifndef MOTE_CHACHA20POLY1305_H
#define MOTE_CHACHA20POLY1305_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_CHACHAPOLY_KEY_SIZE 32
#define MOTE_CHACHAPOLY_NONCE_SIZE 12
#define MOTE_CHACHAPOLY_TAG_SIZE 16
#define MOTE_CHACHAPOLY_MAX_LEN 274877906880ull /* 2^38 - 64 */

typedef struct {
	uint8_t key[32];
} mote_chachapoly_ctx;

/* Load a key. key_len must be 32: else MOTE_ERR_BAD_KEY_LENGTH (ctx is
 * then left untouched). MOTE_ERR_BAD_ARG if ctx or key is NULL. */
int mote_chachapoly_init(mote_chachapoly_ctx *ctx, const uint8_t *key, size_t key_len);

/*
 * Encrypt buf[0..len) in place and write the tag over aad and ciphertext.
 * Errors (buf and tag are then not written):
 *   MOTE_ERR_BAD_NONCE_LENGTH  nonce_len != 12
 *   MOTE_ERR_MESSAGE_TOO_LONG  len > MOTE_CHACHAPOLY_MAX_LEN
 *   MOTE_ERR_BAD_ARG           NULL ctx, nonce or tag, or NULL aad / buf
 *                              with a non-zero length
 * A nonce must never be used twice under one key.
 */
int mote_chachapoly_seal(const mote_chachapoly_ctx *ctx, const uint8_t *nonce, size_t nonce_len,
                         const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                         uint8_t tag[16]);

/*
 * Check tag over aad and the ciphertext buf[0..len) (constant-time
 * compare), and only then decrypt buf in place.
 *   MOTE_ERR_AUTH_FAILED       tag mismatch: buf is left as ciphertext
 * and the same argument errors as seal (buf untouched).
 */
int mote_chachapoly_open(const mote_chachapoly_ctx *ctx, const uint8_t *nonce, size_t nonce_len,
                         const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                         const uint8_t tag[16]);

/* Wipe the key. */
void mote_chachapoly_clear(mote_chachapoly_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_CHACHA20POLY1305_H */
