/*
 * AES-GCM authenticated encryption (NIST SP 800-38D), constant time.
 *
 * One context per key; seal and open work in place on a caller buffer and
 * only read the context, so one context serves any number of messages (a
 * TLS connection keeps one per direction).
 *
 * Memory (pinned by _Static_assert in tests/unit/test_aes_gcm.c):
 *   mote_gcm_ctx  260 bytes on 32- and 64-bit targets: the AES round keys
 *                 in compressed form (240), the GHASH key H (16), the round
 *                 count and implementation tag. (BearSSL's equivalent, an
 *                 aes_ct64 CTR key context plus a GCM context, is about
 *                 370 bytes on x86-64.)
 *   peak stack    seal and open expand the round keys on the stack for the
 *                 duration of the call. Measured with -fstack-usage along
 *                 the deepest call chain: about 1.7 KB on x86-64 (gcc 12
 *                 -O3, 64-bit code: 960 bytes of round keys), about 0.9 KB
 *                 on Cortex-M4 (arm-none-eabi-gcc -Os, 32-bit code: 480).
 *                 The AES-NI path (MOTE_ENABLE_AES_HW) peaks near 0.8 KB.
 * Nothing is allocated. Secrets left on the stack are wiped before return.
 *
 * Speed, 16 KB seal with AES-128 on the x86-64 development machine, side
 * by side (cycles per byte): 64-bit portable code 14, 32-bit portable code
 * 23, BearSSL aes_ct64 + ghash_ctmul64 37; AES-NI + PCLMULQDQ 0.8.
 */
#ifndef MOTE_GCM_H
#define MOTE_GCM_H

#include <stddef.h>
#include <stdint.h>

#include "mote/aes.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_GCM_TAG_SIZE 16
#define MOTE_GCM_IV_SIZE 12 /* the fast path, and what TLS uses */

/* Private by contract: fields may change. */
typedef struct {
	mote_aes_ctx aes;
	uint8_t h[16]; /* GHASH key E_K(0^128) */
} mote_gcm_ctx;

/* Sets up ctx for an AES key of KEY_LEN bytes (16, 24 or 32).
 * Errors: MOTE_ERR_BAD_KEY_LENGTH (ctx is then zeroed). */
int mote_gcm_init(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len);

/* Encrypts BUF[0..LEN) in place and writes TAG_LEN bytes of tag.
 * IV: any length >= 1 byte (12 bytes is the fast path; other lengths are
 * hashed into the initial counter as SP 800-38D specifies). AAD may be
 * NULL when AAD_LEN is 0, BUF when LEN is 0.
 * The caller must never reuse an IV with the same key.
 * Errors: MOTE_ERR_BAD_NONCE_LENGTH (iv_len 0), MOTE_ERR_BAD_ARG (tag_len
 * outside 4..16), MOTE_ERR_MESSAGE_TOO_LONG (len above 2^36 - 32 bytes or
 * aad_len above 2^61 - 1). On error nothing is written. */
int mote_gcm_seal(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                  size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag, size_t tag_len);

/* Checks TAG (TAG_LEN bytes, 4..16) over AAD and the ciphertext in BUF,
 * and decrypts BUF in place. The tag is compared in constant time, and
 * the whole call runs in time independent of the outcome.
 * Errors: MOTE_ERR_AUTH_FAILED when the tag does not match: BUF is then
 * all zeros, so no unauthenticated plaintext is ever released. Argument
 * errors as for seal (BUF untouched). */
int mote_gcm_open(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                  size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag, size_t tag_len);

/* Wipes the context. */
void mote_gcm_clear(mote_gcm_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_GCM_H */
