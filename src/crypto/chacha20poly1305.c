/*
 * AEAD_CHACHA20_POLY1305 (RFC 8439, section 2.8).
 *
 * The Poly1305 key is the first 32 bytes of ChaCha20 block 0; the message
 * is encrypted from block 1; the MAC covers aad, zero padding to 16 bytes,
 * the ciphertext, zero padding, then both lengths as 64-bit little-endian
 * numbers.
 */
#include "mote/chacha20poly1305.h"

#include <string.h>

#include "bytes.h"
#include "chacha20poly1305_impl.h"
#include "ct.h"
#include "mote/chacha20.h"
#include "mote/error.h"
#include "mote/poly1305.h"

/* ChaCha20 and Poly1305 are interleaved per chunk so each chunk is still
 * in L1 cache when it is authenticated (seal) or decrypted (open). */
#define CHACHAPOLY_CHUNK 4096

static int chachapoly_check(const mote_chachapoly_ctx *ctx, const uint8_t *nonce,
                            size_t nonce_len, const uint8_t *aad, size_t aad_len,
                            const uint8_t *buf, size_t len, const uint8_t *tag)
{
	if (!ctx || !nonce || !tag || (!aad && aad_len > 0) || (!buf && len > 0))
		return MOTE_ERR_BAD_ARG;
	if (nonce_len != MOTE_CHACHAPOLY_NONCE_SIZE)
		return MOTE_ERR_BAD_NONCE_LENGTH;
#if SIZE_MAX > MOTE_CHACHAPOLY_MAX_LEN
	if (len > MOTE_CHACHAPOLY_MAX_LEN)
		return MOTE_ERR_MESSAGE_TOO_LONG;
#endif
	return 0;
}

/* Poly1305 key from block 0, then MAC the aad and its padding. */
static void chachapoly_begin(mote_poly1305_ctx *mac, const uint8_t key[32],
                             const uint8_t nonce[12], const uint8_t *aad, size_t aad_len)
{
	static const uint8_t zeros[32];
	uint8_t otk[32];

	mote_chacha20_xor(key, nonce, 0, zeros, otk, sizeof otk);
	mote_poly1305_init(mac, otk);
	mote_wipe(otk, sizeof otk);
	mote_poly1305_update(mac, aad, aad_len);
	mote_poly1305_update(mac, zeros, (16 - aad_len % 16) % 16);
}

/* Pad the ciphertext, MAC both lengths, write the tag. */
static void chachapoly_end(mote_poly1305_ctx *mac, size_t aad_len, size_t len, uint8_t tag[16])
{
	static const uint8_t zeros[16];
	uint8_t lens[16];

	mote_poly1305_update(mac, zeros, (16 - len % 16) % 16);
	mote_store64_le(lens, (uint64_t)aad_len);
	mote_store64_le(lens + 8, (uint64_t)len);
	mote_poly1305_update(mac, lens, sizeof lens);
	mote_poly1305_final(mac, tag);
}

int mote_chachapoly_init(mote_chachapoly_ctx *ctx, const uint8_t *key, size_t key_len)
{
	if (!ctx || !key)
		return MOTE_ERR_BAD_ARG;
	if (key_len != MOTE_CHACHAPOLY_KEY_SIZE)
		return MOTE_ERR_BAD_KEY_LENGTH;
	memcpy(ctx->key, key, sizeof ctx->key);
	return 0;
}

int mote_chachapoly_seal(const mote_chachapoly_ctx *ctx, const uint8_t *nonce, size_t nonce_len,
                         const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                         uint8_t tag[16])
{
	mote_poly1305_ctx mac;
	int err = chachapoly_check(ctx, nonce, nonce_len, aad, aad_len, buf, len, tag);

	if (err)
		return err;
	chachapoly_begin(&mac, ctx->key, nonce, aad, aad_len);
	for (size_t off = 0; off < len; off += CHACHAPOLY_CHUNK) {
		size_t n = len - off < CHACHAPOLY_CHUNK ? len - off : CHACHAPOLY_CHUNK;
		uint32_t counter = (uint32_t)(1 + off / 64);
		mote_chacha20_xor(ctx->key, nonce, counter, buf + off, buf + off, n);
		mote_poly1305_update(&mac, buf + off, n);
	}
	chachapoly_end(&mac, aad_len, len, tag);
	return 0;
}

uint32_t mote_chachapoly_verify(const mote_chachapoly_ctx *ctx, const uint8_t nonce[12],
                                const uint8_t *aad, size_t aad_len, const uint8_t *buf,
                                size_t len, const uint8_t tag[16])
{
	mote_poly1305_ctx mac;
	uint8_t want[16];
	uint32_t ok;

	chachapoly_begin(&mac, ctx->key, nonce, aad, aad_len);
	mote_poly1305_update(&mac, buf, len);
	chachapoly_end(&mac, aad_len, len, want);
	ok = mote_ct_memeq(want, tag, sizeof want);
	mote_wipe(want, sizeof want);
	return ok;
}

int mote_chachapoly_open(const mote_chachapoly_ctx *ctx, const uint8_t *nonce, size_t nonce_len,
                         const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                         const uint8_t tag[16])
{
	int err = chachapoly_check(ctx, nonce, nonce_len, aad, aad_len, buf, len, tag);

	if (err)
		return err;
	/* The verdict is public; only the tag bytes had to be compared in
	 * constant time. Nothing is decrypted for a forged message. */
	if (!mote_chachapoly_verify(ctx, nonce, aad, aad_len, buf, len, tag))
		return MOTE_ERR_AUTH_FAILED;
	mote_chacha20_xor(ctx->key, nonce, 1, buf, buf, len);
	return 0;
}

void mote_chachapoly_clear(mote_chachapoly_ctx *ctx)
{
	if (ctx)
		mote_wipe(ctx, sizeof *ctx);
}
