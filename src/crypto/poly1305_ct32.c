/*
 * Poly1305 with 32-bit limbs: h and r in radix 2^26 (five 26-bit limbs),
 * products are 32x32->64, which Cortex-M3/M4 (UMULL) and RV32IM (MUL +
 * MULHU) compute in constant time.
 *
 * Bounds: r limbs < 2^26 and 5 r_i < 2^29; before a multiply the limbs
 * of h are below 2^27 + 2^10, so each of the five column sums is below
 * 5 * 2^27.1 * 2^29 < 2^59. 2^130 == 5 (mod p) gives the factors 5.
 */
#include "poly1305_impl.h"

#include "bytes.h"
#include "ct.h"

#define M26 ((uint32_t)0x3ffffff)

/* Split 16 little-endian bytes into five 26-bit limbs. */
static void poly1305_split26(const uint8_t p[16], uint32_t l[5])
{
	l[0] = mote_load32_le(p) & M26;
	l[1] = (mote_load32_le(p + 3) >> 2) & M26;
	l[2] = (mote_load32_le(p + 6) >> 4) & M26;
	l[3] = (mote_load32_le(p + 9) >> 6) & M26;
	l[4] = mote_load32_le(p + 12) >> 8;
}

static void poly1305_blocks_ct32(mote_poly1305_ctx *ctx, const uint8_t *m, size_t nblocks,
                                 uint32_t pad)
{
	const uint32_t hibit = pad << 24; /* 2^128 = 2^(104 + 24) */
	uint32_t r[5], t[5];
	uint32_t *h = ctx->acc.h32;

	poly1305_split26(ctx->key, r);
	const uint32_t s1 = r[1] * 5, s2 = r[2] * 5, s3 = r[3] * 5, s4 = r[4] * 5;
	uint32_t h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4];

	for (; nblocks > 0; nblocks--, m += 16) {
		poly1305_split26(m, t);
		h0 += t[0];
		h1 += t[1];
		h2 += t[2];
		h3 += t[3];
		h4 += t[4] | hibit;

		uint64_t d0 = (uint64_t)h0 * r[0] + (uint64_t)h1 * s4 + (uint64_t)h2 * s3 +
		              (uint64_t)h3 * s2 + (uint64_t)h4 * s1;
		uint64_t d1 = (uint64_t)h0 * r[1] + (uint64_t)h1 * r[0] + (uint64_t)h2 * s4 +
		              (uint64_t)h3 * s3 + (uint64_t)h4 * s2;
		uint64_t d2 = (uint64_t)h0 * r[2] + (uint64_t)h1 * r[1] + (uint64_t)h2 * r[0] +
		              (uint64_t)h3 * s4 + (uint64_t)h4 * s3;
		uint64_t d3 = (uint64_t)h0 * r[3] + (uint64_t)h1 * r[2] + (uint64_t)h2 * r[1] +
		              (uint64_t)h3 * r[0] + (uint64_t)h4 * s4;
		uint64_t d4 = (uint64_t)h0 * r[4] + (uint64_t)h1 * r[3] + (uint64_t)h2 * r[2] +
		              (uint64_t)h3 * r[1] + (uint64_t)h4 * r[0];

		/* Partial reduction: h1 < 2^26 + 2^10, the others exact. */
		d1 += d0 >> 26;
		h0 = (uint32_t)d0 & M26;
		d2 += d1 >> 26;
		h1 = (uint32_t)d1 & M26;
		d3 += d2 >> 26;
		h2 = (uint32_t)d2 & M26;
		d4 += d3 >> 26;
		h3 = (uint32_t)d3 & M26;
		h4 = (uint32_t)d4 & M26;
		uint64_t c = (d4 >> 26) * 5 + h0;
		h0 = (uint32_t)c & M26;
		h1 += (uint32_t)(c >> 26);
	}
	h[0] = h0;
	h[1] = h1;
	h[2] = h2;
	h[3] = h3;
	h[4] = h4;
	mote_wipe(r, sizeof r);
	mote_wipe(t, sizeof t);
}

/* h mod p, fully reduced, plus s, mod 2^128. */
static void poly1305_finish_ct32(const mote_poly1305_ctx *ctx, uint8_t tag[16])
{
	uint32_t h0 = ctx->acc.h32[0], h1 = ctx->acc.h32[1], h2 = ctx->acc.h32[2];
	uint32_t h3 = ctx->acc.h32[3], h4 = ctx->acc.h32[4];
	uint32_t g0, g1, g2, g3, g4, c, mask;

	/* Carry once around (out of h4 wraps to h0 times 5). The blocks
	 * leave h0, h2, h3, h4 exact and h1 < 2^26 + 2^10, so one pass makes
	 * every limb canonical: a carry into h0 only happens after h1 gave one
	 * and is small, so it cannot push h1 over again. Now h < 2^130. */
	h2 += h1 >> 26;
	h1 &= M26;
	h3 += h2 >> 26;
	h2 &= M26;
	h4 += h3 >> 26;
	h3 &= M26;
	h0 += (h4 >> 26) * 5;
	h4 &= M26;
	h1 += h0 >> 26;
	h0 &= M26;

	/* g = h + 5; h >= p exactly when g reaches 2^130, and then
	 * h mod p = g - 2^130: the low 130 bits of g. */
	g0 = h0 + 5;
	g1 = h1 + (g0 >> 26);
	g2 = h2 + (g1 >> 26);
	g3 = h3 + (g2 >> 26);
	g4 = h4 + (g3 >> 26);
	c = g4 >> 26;
	mask = mote_ct_barrier32(0 - c); /* all ones: h >= p */
	h0 ^= mask & (h0 ^ (g0 & M26));
	h1 ^= mask & (h1 ^ (g1 & M26));
	h2 ^= mask & (h2 ^ (g2 & M26));
	h3 ^= mask & (h3 ^ (g3 & M26));
	h4 ^= mask & (h4 ^ (g4 & M26));

	/* Back to four 32-bit words (mod 2^128) and add s. */
	uint32_t w[4] = {h0 | (h1 << 26), (h1 >> 6) | (h2 << 20), (h2 >> 12) | (h3 << 14),
	                 (h3 >> 18) | (h4 << 8)};
	uint64_t f = 0;
	for (int i = 0; i < 4; i++) {
		f += (uint64_t)w[i] + mote_load32_le(ctx->key + 16 + 4 * i);
		mote_store32_le(tag + 4 * i, (uint32_t)f);
		f >>= 32;
	}
	mote_wipe(w, sizeof w);
}

void mote_poly1305_init_ct32(mote_poly1305_ctx *ctx, const uint8_t key[32])
{
	mote_poly1305_start(ctx, key);
}

void mote_poly1305_update_ct32(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len)
{
	mote_poly1305_absorb(ctx, data, len, poly1305_blocks_ct32);
}

void mote_poly1305_final_ct32(mote_poly1305_ctx *ctx, uint8_t tag[16])
{
	mote_poly1305_flush(ctx, poly1305_blocks_ct32);
	poly1305_finish_ct32(ctx, tag);
	mote_wipe(ctx, sizeof *ctx);
}
