/* AEAD_CHACHA20_POLY1305 internals (also called by the ct test). */
#ifndef MOTE_CRYPTO_CHACHA20POLY1305_IMPL_H
#define MOTE_CRYPTO_CHACHA20POLY1305_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "mote/chacha20poly1305.h"

/* The tag check of mote_chachapoly_open, with no branch on secrets: all
 * ones if tag authenticates (aad, ciphertext buf) under ctx and nonce,
 * else 0. Arguments must already be valid (12-byte nonce). */
uint32_t mote_chachapoly_verify(const mote_chachapoly_ctx *ctx, const uint8_t nonce[12],
                                const uint8_t *aad, size_t aad_len, const uint8_t *buf,
                                size_t len, const uint8_t tag[16]);

#endif /* MOTE_CRYPTO_CHACHA20POLY1305_IMPL_H */
