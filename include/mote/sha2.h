/*
 * SHA-256, SHA-384 and SHA-512 (FIPS 180-4), streaming.
 *
 * Contexts are plain structs: copying one forks the hash mid-stream (the
 * TLS transcript hash relies on this). No function here can fail.
 *
 * Sizes (bytes, same on 32- and 64-bit targets):
 *   mote_sha256_ctx  104      mote_sha512_ctx / mote_sha384_ctx  200
 */
#ifndef MOTE_SHA2_H
#define MOTE_SHA2_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_SHA256_SIZE 32
#define MOTE_SHA384_SIZE 48
#define MOTE_SHA512_SIZE 64
#define MOTE_SHA256_BLOCK_SIZE 64
#define MOTE_SHA512_BLOCK_SIZE 128

typedef struct {
	uint32_t h[8];
	uint64_t count; /* bytes hashed so far */
	uint8_t buf[64];
} mote_sha256_ctx;

typedef struct {
	uint64_t h[8];
	uint64_t count; /* bytes hashed so far (messages < 2^64 bytes) */
	uint8_t buf[128];
} mote_sha512_ctx;

typedef mote_sha512_ctx mote_sha384_ctx;

void mote_sha256_init(mote_sha256_ctx *ctx);
void mote_sha256_update(mote_sha256_ctx *ctx, const void *data, size_t len);
/* Writes the digest and leaves ctx in an unspecified state (init again
 * to reuse). To peek at a running hash, finalize a copy. */
void mote_sha256_final(mote_sha256_ctx *ctx, uint8_t out[MOTE_SHA256_SIZE]);
void mote_sha256(const void *data, size_t len, uint8_t out[MOTE_SHA256_SIZE]);

void mote_sha384_init(mote_sha384_ctx *ctx);
void mote_sha384_update(mote_sha384_ctx *ctx, const void *data, size_t len);
void mote_sha384_final(mote_sha384_ctx *ctx, uint8_t out[MOTE_SHA384_SIZE]);
void mote_sha384(const void *data, size_t len, uint8_t out[MOTE_SHA384_SIZE]);

void mote_sha512_init(mote_sha512_ctx *ctx);
void mote_sha512_update(mote_sha512_ctx *ctx, const void *data, size_t len);
void mote_sha512_final(mote_sha512_ctx *ctx, uint8_t out[MOTE_SHA512_SIZE]);
void mote_sha512(const void *data, size_t len, uint8_t out[MOTE_SHA512_SIZE]);

#ifdef __cplusplus
}
#endif

#endif
