/*
 * Poly1305 (RFC 8439, section 2.5): the parts shared by the variants
 * (key clamping, block buffering) and the compile-time dispatch.
 * Branches here depend on lengths only.
 */
#include "poly1305_impl.h"

#include <string.h>

#include "ct.h"

#if MOTE_MUL_BITS == 64 && !MOTE_POLY1305_HAVE_CT64
#error "MOTE_MUL_BITS == 64 needs a compiler with unsigned __int128"
#endif

void mote_poly1305_start(mote_poly1305_ctx *ctx, const uint8_t key[32])
{
	/* Clamp r once, here (RFC 8439, 2.5): the top four bits of r[3], r[7],
	 * r[11], r[15] and the bottom two bits of r[4], r[8], r[12] clear. */
	static const uint8_t clamp[16] = {0xff, 0xff, 0xff, 0x0f, 0xfc, 0xff, 0xff, 0x0f,
	                                  0xfc, 0xff, 0xff, 0x0f, 0xfc, 0xff, 0xff, 0x0f};

	for (int i = 0; i < 16; i++)
		ctx->key[i] = key[i] & clamp[i];
	memcpy(ctx->key + 16, key + 16, 16);
	memset(&ctx->acc, 0, sizeof ctx->acc);
	memset(ctx->buf, 0, sizeof ctx->buf);
	ctx->buf_len = 0;
}

void mote_poly1305_absorb(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len,
                          mote_poly1305_blocks_fn *blocks)
{
	if (len == 0)
		return; /* data may be NULL: keep it away from memcpy */
	if (ctx->buf_len > 0) {
		size_t n = 16 - ctx->buf_len;
		if (n > len)
			n = len;
		memcpy(ctx->buf + ctx->buf_len, data, n);
		ctx->buf_len += (uint32_t)n;
		data += n;
		len -= n;
		if (ctx->buf_len < 16)
			return;
		blocks(ctx, ctx->buf, 1, 1);
		ctx->buf_len = 0;
	}
	if (len >= 16) {
		blocks(ctx, data, len / 16, 1);
		data += len & ~(size_t)15;
		len &= 15;
	}
	if (len > 0)
		memcpy(ctx->buf, data, len);
	ctx->buf_len = (uint32_t)len;
}

void mote_poly1305_flush(mote_poly1305_ctx *ctx, mote_poly1305_blocks_fn *blocks)
{
	if (ctx->buf_len == 0)
		return;
	/* A short last block is the bytes, then 0x01, then zeros; no 2^128. */
	ctx->buf[ctx->buf_len] = 1;
	memset(ctx->buf + ctx->buf_len + 1, 0, 15 - ctx->buf_len);
	blocks(ctx, ctx->buf, 1, 0);
	ctx->buf_len = 0;
}

void mote_poly1305_init(mote_poly1305_ctx *ctx, const uint8_t key[32])
{
	mote_poly1305_start(ctx, key);
}

void mote_poly1305_update(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len)
{
#if MOTE_MUL_BITS == 64
	mote_poly1305_update_ct64(ctx, data, len);
#else
	mote_poly1305_update_ct32(ctx, data, len);
#endif
}

void mote_poly1305_final(mote_poly1305_ctx *ctx, uint8_t tag[16])
{
#if MOTE_MUL_BITS == 64
	mote_poly1305_final_ct64(ctx, tag);
#else
	mote_poly1305_final_ct32(ctx, tag);
#endif
}
