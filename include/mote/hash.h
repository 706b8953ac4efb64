/*
 * A hash chosen at run time (TLS suites, signature schemes, HMAC, HKDF).
 *
 * mote_hash_ctx is a tagged union of the SHA-2 contexts: 208 bytes (204
 * where uint64_t is only 4-aligned, e.g. i386). Copying it forks the
 * hash. No function here can fail; passing an unknown mote_hash_alg is a
 * programming error (sizes return 0, init leaves alg MOTE_HASH_NONE, and
 * update/final then do nothing). With MOTE_ENABLE_SHA512 = 0, SHA-384 and
 * SHA-512 count as unknown here.
 */
#ifndef MOTE_HASH_H
#define MOTE_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "mote/sha2.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	MOTE_HASH_NONE = 0,
	MOTE_HASH_SHA256 = 1,
	MOTE_HASH_SHA384 = 2,
	MOTE_HASH_SHA512 = 3
} mote_hash_alg;

#define MOTE_HASH_MAX_SIZE 64
#define MOTE_HASH_MAX_BLOCK_SIZE 128

typedef struct {
	mote_hash_alg alg;
	union {
		mote_sha256_ctx sha256;
		mote_sha512_ctx sha512; /* also SHA-384 */
	} u;
} mote_hash_ctx;

/* Digest length in bytes (32, 48, 64), or 0 for an unknown alg. */
size_t mote_hash_size(mote_hash_alg alg);
/* Block length in bytes (64 or 128), or 0 for an unknown alg. */
size_t mote_hash_block_size(mote_hash_alg alg);

void mote_hash_init(mote_hash_ctx *ctx, mote_hash_alg alg);
void mote_hash_update(mote_hash_ctx *ctx, const void *data, size_t len);
/* Writes mote_hash_size(ctx->alg) bytes. */
void mote_hash_final(mote_hash_ctx *ctx, uint8_t *out);
void mote_hash(mote_hash_alg alg, const void *data, size_t len, uint8_t *out);

#ifdef __cplusplus
}
#endif

#endif
