/*
 * Run-time hash dispatch over the SHA-2 functions.
 *
 * With MOTE_ENABLE_SHA512 set to 0, SHA-384 and SHA-512 behave as unknown
 * algorithms here (size 0), so sha512.c is not pulled in through this file.
 * An unknown algorithm leaves the context with alg MOTE_HASH_NONE: updates
 * are ignored and final writes nothing (callers check mote_hash_size()).
 */
#include "mote/config.h"
#include "mote/hash.h"

size_t mote_hash_size(mote_hash_alg alg)
{
	switch (alg) {
	case MOTE_HASH_SHA256:
		return MOTE_SHA256_SIZE;
#if MOTE_ENABLE_SHA512
	case MOTE_HASH_SHA384:
		return MOTE_SHA384_SIZE;
	case MOTE_HASH_SHA512:
		return MOTE_SHA512_SIZE;
#endif
	default:
		return 0;
	}
}

size_t mote_hash_block_size(mote_hash_alg alg)
{
	switch (alg) {
	case MOTE_HASH_SHA256:
		return MOTE_SHA256_BLOCK_SIZE;
#if MOTE_ENABLE_SHA512
	case MOTE_HASH_SHA384:
	case MOTE_HASH_SHA512:
		return MOTE_SHA512_BLOCK_SIZE;
#endif
	default:
		return 0;
	}
}

void mote_hash_init(mote_hash_ctx *ctx, mote_hash_alg alg)
{
	ctx->alg = alg;
	switch (alg) {
	case MOTE_HASH_SHA256:
		mote_sha256_init(&ctx->u.sha256);
		break;
#if MOTE_ENABLE_SHA512
	case MOTE_HASH_SHA384:
		mote_sha384_init(&ctx->u.sha512);
		break;
	case MOTE_HASH_SHA512:
		mote_sha512_init(&ctx->u.sha512);
		break;
#endif
	default:
		ctx->alg = MOTE_HASH_NONE;
		break;
	}
}

void mote_hash_update(mote_hash_ctx *ctx, const void *data, size_t len)
{
	switch (ctx->alg) {
	case MOTE_HASH_SHA256:
		mote_sha256_update(&ctx->u.sha256, data, len);
		break;
#if MOTE_ENABLE_SHA512
	case MOTE_HASH_SHA384:
	case MOTE_HASH_SHA512:
		mote_sha512_update(&ctx->u.sha512, data, len);
		break;
#endif
	default:
		break;
	}
}

void mote_hash_final(mote_hash_ctx *ctx, uint8_t *out)
{
	switch (ctx->alg) {
	case MOTE_HASH_SHA256:
		mote_sha256_final(&ctx->u.sha256, out);
		break;
#if MOTE_ENABLE_SHA512
	case MOTE_HASH_SHA384:
		mote_sha384_final(&ctx->u.sha512, out);
		break;
	case MOTE_HASH_SHA512:
		mote_sha512_final(&ctx->u.sha512, out);
		break;
#endif
	default:
		break;
	}
}

void mote_hash(mote_hash_alg alg, const void *data, size_t len, uint8_t *out)
{
	mote_hash_ctx ctx;

	mote_hash_init(&ctx, alg);
	mote_hash_update(&ctx, data, len);
	mote_hash_final(&ctx, out);
}
