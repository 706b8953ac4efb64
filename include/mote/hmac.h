/*
 * HMAC (RFC 2104) over SHA-256, SHA-384 or SHA-512.
 *
 * mote_hmac_ctx holds the inner and outer hash states: 416 bytes on
 * 64-bit hosts and ARM/RISC-V 32-bit targets (408 where uint64_t is only
 * 4-aligned, e.g. i386). Copying it forks the MAC. The key is not kept.
 * No function here can fail. Stack: one block-sized pad plus the hash
 * (about 400 bytes peak with SHA-512 on x86-64).
 */
#ifndef MOTE_HMAC_H
#define MOTE_HMAC_H

#include <stddef.h>
#include <stdint.h>

#include "mote/hash.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
	mote_hash_ctx inner;
	mote_hash_ctx outer;
} mote_hmac_ctx;

void mote_hmac_init(mote_hmac_ctx *ctx, mote_hash_alg alg, const uint8_t *key, size_t key_len);
void mote_hmac_update(mote_hmac_ctx *ctx, const void *data, size_t len);
/* Writes mote_hash_size(alg) bytes and wipes ctx. */
void mote_hmac_final(mote_hmac_ctx *ctx, uint8_t *out);
void mote_hmac(mote_hash_alg alg, const uint8_t *key, size_t key_len, const void *data,
               size_t len, uint8_t *out);

#ifdef __cplusplus
}
#endif

#endif
