/* The AEAD dispatcher (see mote/aead.h). */
#include "mote/aead.h"

#include "crypto/ct.h"
#include "mote/error.h"

size_t mote_aead_key_size(mote_aead_alg alg)
{
	switch (alg) {
#if MOTE_ENABLE_AES_GCM
	case MOTE_AEAD_AES_128_GCM:
		return 16;
	case MOTE_AEAD_AES_256_GCM:
		return 32;
#endif
#if MOTE_ENABLE_CHACHA20_POLY1305
	case MOTE_AEAD_CHACHA20_POLY1305:
		return 32;
#endif
	default:
		return 0;
	}
}

int mote_aead_init(mote_aead_ctx *ctx, mote_aead_alg alg, const uint8_t *key, size_t key_len)
{
	size_t want = mote_aead_key_size(alg);
	int err;

	ctx->alg = MOTE_AEAD_NONE;
	if (want == 0)
		return MOTE_ERR_UNSUPPORTED;
	if (key_len != want)
		return MOTE_ERR_BAD_KEY_LENGTH;
#if MOTE_ENABLE_CHACHA20_POLY1305
	if (alg == MOTE_AEAD_CHACHA20_POLY1305)
		err = mote_chachapoly_init(&ctx->u.chachapoly, key, key_len);
	else
#endif
		err = mote_gcm_init(&ctx->u.gcm, key, key_len);
	if (err == 0)
		ctx->alg = alg;
	return err;
}

int mote_aead_seal(const mote_aead_ctx *ctx, const uint8_t nonce[MOTE_AEAD_NONCE_SIZE],
                   const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                   uint8_t tag[MOTE_AEAD_TAG_SIZE])
{
	switch (ctx->alg) {
#if MOTE_ENABLE_AES_GCM
	case MOTE_AEAD_AES_128_GCM:
	case MOTE_AEAD_AES_256_GCM:
		return mote_gcm_seal(&ctx->u.gcm, nonce, MOTE_AEAD_NONCE_SIZE, aad, aad_len, buf,
		                     len, tag, MOTE_AEAD_TAG_SIZE);
#endif
#if MOTE_ENABLE_CHACHA20_POLY1305
	case MOTE_AEAD_CHACHA20_POLY1305:
		return mote_chachapoly_seal(&ctx->u.chachapoly, nonce, MOTE_AEAD_NONCE_SIZE, aad,
		                            aad_len, buf, len, tag);
#endif
	default:
		return MOTE_ERR_STATE;
	}
}

int mote_aead_open(const mote_aead_ctx *ctx, const uint8_t nonce[MOTE_AEAD_NONCE_SIZE],
                   const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                   const uint8_t tag[MOTE_AEAD_TAG_SIZE])
{
	switch (ctx->alg) {
#if MOTE_ENABLE_AES_GCM
	case MOTE_AEAD_AES_128_GCM:
	case MOTE_AEAD_AES_256_GCM:
		return mote_gcm_open(&ctx->u.gcm, nonce, MOTE_AEAD_NONCE_SIZE, aad, aad_len, buf,
		                     len, tag, MOTE_AEAD_TAG_SIZE);
#endif
#if MOTE_ENABLE_CHACHA20_POLY1305
	case MOTE_AEAD_CHACHA20_POLY1305:
		return mote_chachapoly_open(&ctx->u.chachapoly, nonce, MOTE_AEAD_NONCE_SIZE, aad,
		                            aad_len, buf, len, tag);
#endif
	default:
		return MOTE_ERR_STATE;
	}
}

void mote_aead_clear(mote_aead_ctx *ctx)
{
	mote_wipe(ctx, sizeof *ctx);
}
