/*
 * HMAC (RFC 2104, FIPS 198-1) over the run-time hash interface.
 *
 * init absorbs the padded key into both the inner and the outer hash, so
 * the key itself is not kept and a context can be copied to reuse the key
 * for several messages (TLS 1.2 PRF, HKDF-Expand, the DRBG). The key
 * length is public; the key bytes only ever feed the hash.
 */
#include <string.h>

#include "mote/hmac.h"

#include "ct.h"

void mote_hmac_init(mote_hmac_ctx *ctx, mote_hash_alg alg, const uint8_t *key, size_t key_len)
{
	uint8_t pad[MOTE_HASH_MAX_BLOCK_SIZE];
	size_t block = mote_hash_block_size(alg);

	memset(pad, 0, sizeof pad);
	if (key_len > block) {
		/* RFC 2104: keys longer than a block are hashed first. The inner
		 * context is free until below, so it serves as scratch. */
		mote_hash_init(&ctx->inner, alg);
		mote_hash_update(&ctx->inner, key, key_len);
		mote_hash_final(&ctx->inner, pad);
	} else if (key_len) {
		memcpy(pad, key, key_len);
	}
	for (size_t i = 0; i < block; i++)
		pad[i] ^= 0x36;
	mote_hash_init(&ctx->inner, alg);
	mote_hash_update(&ctx->inner, pad, block);
	for (size_t i = 0; i < block; i++)
		pad[i] ^= 0x36 ^ 0x5c;
	mote_hash_init(&ctx->outer, alg);
	mote_hash_update(&ctx->outer, pad, block);
	mote_wipe(pad, sizeof pad);
}

void mote_hmac_update(mote_hmac_ctx *ctx, const void *data, size_t len)
{
	mote_hash_update(&ctx->inner, data, len);
}

void mote_hmac_final(mote_hmac_ctx *ctx, uint8_t *out)
{
	uint8_t inner[MOTE_HASH_MAX_SIZE];

	mote_hash_final(&ctx->inner, inner);
	mote_hash_update(&ctx->outer, inner, mote_hash_size(ctx->outer.alg));
	mote_hash_final(&ctx->outer, out);
	mote_wipe(inner, sizeof inner);
	mote_wipe(ctx, sizeof *ctx);
}

void mote_hmac(mote_hash_alg alg, const uint8_t *key, size_t key_len, const void *data,
               size_t len, uint8_t *out)
{
	mote_hmac_ctx ctx;

	mote_hmac_init(&ctx, alg, key, key_len);
	mote_hmac_update(&ctx, data, len);
	mote_hmac_final(&ctx, out);
}
