/*
 * Poly1305 with 64-bit limbs: the accumulator h and r are held in radix
 * 2^44 (limbs of 44, 44 and 42 bits), products are 64x64->128.
 *
 * Bounds: r0, r1 < 2^44 and r2 < 2^36 (clamping); before a multiply the
 * limbs of h are below 2^45, 2^45 and 2^43, and s1 = 20 r1 < 2^49, so
 * each of the three column sums is below 2^93: far from overflowing 128
 * bits. 2^132 = 4 * 2^130 == 4 * 5 = 20 (mod p) gives the factors 20.
 */
#include "poly1305_impl.h"

#if MOTE_POLY1305_HAVE_CT64

#include "bytes.h"
#include "ct.h"

typedef unsigned __int128 mote_u128;

#define M44 ((uint64_t)0xfffffffffff)
#define M42 ((uint64_t)0x3ffffffffff)

static void poly1305_blocks_ct64(mote_poly1305_ctx *ctx, const uint8_t *m, size_t nblocks,
                                 uint32_t pad)
{
	const uint64_t hibit = (uint64_t)pad << 40; /* 2^128 = 2^(88 + 40) */
	uint64_t t0 = mote_load64_le(ctx->key), t1 = mote_load64_le(ctx->key + 8);
	const uint64_t r0 = t0 & M44;
	const uint64_t r1 = ((t0 >> 44) | (t1 << 20)) & M44;
	const uint64_t r2 = t1 >> 24;
	const uint64_t s1 = r1 * 20, s2 = r2 * 20;
	uint64_t h0 = ctx->acc.h64[0], h1 = ctx->acc.h64[1], h2 = ctx->acc.h64[2];

	for (; nblocks > 0; nblocks--, m += 16) {
		t0 = mote_load64_le(m);
		t1 = mote_load64_le(m + 8);
		h0 += t0 & M44;
		h1 += ((t0 >> 44) | (t1 << 20)) & M44;
		h2 += (t1 >> 24) | hibit;

		mote_u128 d0 = (mote_u128)h0 * r0 + (mote_u128)h1 * s2 + (mote_u128)h2 * s1;
		mote_u128 d1 = (mote_u128)h0 * r1 + (mote_u128)h1 * r0 + (mote_u128)h2 * s2;
		mote_u128 d2 = (mote_u128)h0 * r2 + (mote_u128)h1 * r1 + (mote_u128)h2 * r0;

		/* Partial reduction: h0, h2 exact, h1 < 2^44 + 2^10. */
		d1 += (uint64_t)(d0 >> 44);
		h0 = (uint64_t)d0 & M44;
		d2 += (uint64_t)(d1 >> 44);
		h1 = (uint64_t)d1 & M44;
		h2 = (uint64_t)d2 & M42;
		h0 += (uint64_t)(d2 >> 42) * 5;
		h1 += h0 >> 44;
		h0 &= M44;
	}
	ctx->acc.h64[0] = h0;
	ctx->acc.h64[1] = h1;
	ctx->acc.h64[2] = h2;
}

/* h mod p, fully reduced, plus s, mod 2^128. */
static void poly1305_finish_ct64(const mote_poly1305_ctx *ctx, uint8_t tag[16])
{
	uint64_t h0 = ctx->acc.h64[0], h1 = ctx->acc.h64[1], h2 = ctx->acc.h64[2];
	uint64_t g0, g1, g2, c, mask;

	/* Carry once around (a carry out of h2 wraps to h0 times 5). The
	 * blocks leave h0, h2 exact and h1 < 2^44 + 2^10, so one pass makes
	 * every limb canonical: a carry into h0 only happens after h1 gave one
	 * and is small, so it cannot push h1 over again. Now h < 2^130. */
	h2 += h1 >> 44;
	h1 &= M44;
	h0 += (h2 >> 42) * 5;
	h2 &= M42;
	h1 += h0 >> 44;
	h0 &= M44;

	/* g = h + 5; h >= p exactly when g reaches 2^130, and then
	 * h mod p = g - 2^130: the low 130 bits of g. */
	g0 = h0 + 5;
	g1 = h1 + (g0 >> 44);
	g2 = h2 + (g1 >> 44);
	c = g2 >> 42;
	mask = mote_ct_barrier64(0 - c); /* all ones: h >= p */
	h0 ^= mask & (h0 ^ (g0 & M44));
	h1 ^= mask & (h1 ^ (g1 & M44));
	h2 ^= mask & (h2 ^ (g2 & M42));

	/* Back to two 64-bit words (mod 2^128) and add s. */
	uint64_t w0 = h0 | (h1 << 44);
	uint64_t w1 = (h1 >> 20) | (h2 << 24);
	mote_u128 f = (mote_u128)w0 + mote_load64_le(ctx->key + 16);
	mote_store64_le(tag, (uint64_t)f);
	f = (mote_u128)w1 + mote_load64_le(ctx->key + 24) + (uint64_t)(f >> 64);
	mote_store64_le(tag + 8, (uint64_t)f);
}

void mote_poly1305_init_ct64(mote_poly1305_ctx *ctx, const uint8_t key[32])
{
	mote_poly1305_start(ctx, key);
}

void mote_poly1305_update_ct64(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len)
{
	mote_poly1305_absorb(ctx, data, len, poly1305_blocks_ct64);
}

void mote_poly1305_final_ct64(mote_poly1305_ctx *ctx, uint8_t tag[16])
{
	mote_poly1305_flush(ctx, poly1305_blocks_ct64);
	poly1305_finish_ct64(ctx, tag);
	mote_wipe(ctx, sizeof *ctx);
}

#endif /* MOTE_POLY1305_HAVE_CT64 */
