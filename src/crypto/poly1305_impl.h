/*
 * Poly1305 internals shared by the arithmetic variants: key clamping and
 * the streaming buffer live in poly1305.c; each variant supplies a
 * function that absorbs whole 16-byte blocks and its final reduction.
 */
#ifndef MOTE_CRYPTO_POLY1305_IMPL_H
#define MOTE_CRYPTO_POLY1305_IMPL_H

#include "mote/poly1305.h"

/* Absorb nblocks 16-byte blocks of m into ctx->acc. pad is 1 for message
 * blocks (the 2^128 bit is added) and 0 for the final partial block,
 * which the caller has already terminated with its 0x01 byte. */
typedef void mote_poly1305_blocks_fn(mote_poly1305_ctx *ctx, const uint8_t *m,
                                     size_t nblocks, uint32_t pad);

/* Store the clamped key, zero the accumulator and the buffer. */
void mote_poly1305_start(mote_poly1305_ctx *ctx, const uint8_t key[32]);

/* Buffer data into whole blocks and pass them to blocks. */
void mote_poly1305_absorb(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len,
                          mote_poly1305_blocks_fn *blocks);

/* Terminate and absorb a pending partial block, if any. */
void mote_poly1305_flush(mote_poly1305_ctx *ctx, mote_poly1305_blocks_fn *blocks);

#endif /* MOTE_CRYPTO_POLY1305_IMPL_H */
