/*
 * SHA-512 and SHA-384 (FIPS 180-4, sections 6.4 and 6.5).
 *
 * Same structure as sha256.c: a 16-word rolling schedule (128 bytes of
 * stack) and one eight-round macro-unrolled body (Cortex-M4 -Os: 5.7 KB,
 * most of it 64-bit arithmetic done in 32-bit halves). SHA-384 is SHA-512
 * with another initial value, truncated to 48 bytes. The context counts
 * bytes in 64 bits, so messages are limited to 2^64 - 1 bytes; the 128-bit
 * bit length in the padding is count * 8.
 */
#include <string.h>

#include "mote/sha2.h"

#include "bytes.h"
#include "ct.h"

static const uint64_t sha512_k[80] = {
	0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
	0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
	0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
	0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
	0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
	0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
	0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
	0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
	0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
	0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
	0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
	0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
	0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
	0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
	0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
	0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
	0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
	0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
	0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
	0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
};

static const uint64_t sha512_iv[8] = {
	0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
	0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
};

static const uint64_t sha384_iv[8] = {
	0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
	0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
};

#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))
#define BSIG0(x) (mote_rotr64(x, 28) ^ mote_rotr64(x, 34) ^ mote_rotr64(x, 39))
#define BSIG1(x) (mote_rotr64(x, 14) ^ mote_rotr64(x, 18) ^ mote_rotr64(x, 41))
#define SSIG0(x) (mote_rotr64(x, 1) ^ mote_rotr64(x, 8) ^ ((x) >> 7))
#define SSIG1(x) (mote_rotr64(x, 19) ^ mote_rotr64(x, 61) ^ ((x) >> 6))

/* Schedule word t from the 16-word ring w: the first 16 are the message
 * words; later ones are computed in place. t is public (a loop counter). */
#define WT(t)                                                                 \
	((t) < 16 ? w[(t) & 15]                                               \
	          : (w[(t) & 15] += SSIG1(w[((t) - 2) & 15]) + w[((t) - 7) & 15] + \
	                            SSIG0(w[((t) - 15) & 15])))

/* One round with the working variables passed rotated (see sha256.c). */
#define ROUND(a, b, c, d, e, f, g, h, t, wt)                                   \
	do {                                                                   \
		uint64_t t1 = h + BSIG1(e) + CH(e, f, g) + sha512_k[t] + (wt); \
		h = t1 + BSIG0(a) + MAJ(a, b, c);                              \
		d += t1;                                                       \
	} while (0)

#define ROUND8(t, WF)                                              \
	do {                                                       \
		ROUND(a, b, c, d, e, f, g, h, (t) + 0, WF((t) + 0)); \
		ROUND(h, a, b, c, d, e, f, g, (t) + 1, WF((t) + 1)); \
		ROUND(g, h, a, b, c, d, e, f, (t) + 2, WF((t) + 2)); \
		ROUND(f, g, h, a, b, c, d, e, (t) + 3, WF((t) + 3)); \
		ROUND(e, f, g, h, a, b, c, d, (t) + 4, WF((t) + 4)); \
		ROUND(d, e, f, g, h, a, b, c, (t) + 5, WF((t) + 5)); \
		ROUND(c, d, e, f, g, h, a, b, (t) + 6, WF((t) + 6)); \
		ROUND(b, c, d, e, f, g, h, a, (t) + 7, WF((t) + 7)); \
	} while (0)

static void sha512_compress(uint64_t st[8], const uint8_t *p, size_t blocks)
{
	uint64_t w[16];

	while (blocks--) {
		uint64_t a = st[0], b = st[1], c = st[2], d = st[3];
		uint64_t e = st[4], f = st[5], g = st[6], h = st[7];

		for (int i = 0; i < 16; i++)
			w[i] = mote_load64_be(p + 8 * i);
		for (int t = 0; t < 80; t += 8)
			ROUND8(t, WT);
		st[0] += a;
		st[1] += b;
		st[2] += c;
		st[3] += d;
		st[4] += e;
		st[5] += f;
		st[6] += g;
		st[7] += h;
		p += 128;
	}
	mote_wipe(w, sizeof w);
}

void mote_sha512_init(mote_sha512_ctx *ctx)
{
	memcpy(ctx->h, sha512_iv, sizeof ctx->h);
	ctx->count = 0;
}

void mote_sha384_init(mote_sha384_ctx *ctx)
{
	memcpy(ctx->h, sha384_iv, sizeof ctx->h);
	ctx->count = 0;
}

void mote_sha512_update(mote_sha512_ctx *ctx, const void *data, size_t len)
{
	const uint8_t *p = data;
	size_t used = (size_t)(ctx->count & 127);

	if (len == 0)
		return; /* data may be NULL then; memcpy must not see it */
	ctx->count += len;
	if (used) {
		size_t take = 128 - used;
		if (len < take) {
			memcpy(ctx->buf + used, p, len);
			return;
		}
		memcpy(ctx->buf + used, p, take);
		sha512_compress(ctx->h, ctx->buf, 1);
		p += take;
		len -= take;
	}
	sha512_compress(ctx->h, p, len / 128);
	p += len & ~(size_t)127;
	len &= 127;
	if (len)
		memcpy(ctx->buf, p, len);
}

void mote_sha384_update(mote_sha384_ctx *ctx, const void *data, size_t len)
{
	mote_sha512_update(ctx, data, len);
}

/* Pads, writes out_len bytes of the state (64 or 48) and wipes ctx. */
static void sha512_finish(mote_sha512_ctx *ctx, uint8_t *out, size_t out_len)
{
	size_t used = (size_t)(ctx->count & 127);
	uint8_t full[MOTE_SHA512_SIZE];

	ctx->buf[used++] = 0x80;
	if (used > 112) {
		memset(ctx->buf + used, 0, 128 - used);
		sha512_compress(ctx->h, ctx->buf, 1);
		used = 0;
	}
	memset(ctx->buf + used, 0, 120 - used);
	/* 128-bit length: upper 64 bits hold the bits shifted out of count. */
	mote_store64_be(ctx->buf + 112, ctx->count >> 61);
	mote_store64_be(ctx->buf + 120, ctx->count << 3);
	sha512_compress(ctx->h, ctx->buf, 1);
	for (int i = 0; i < 8; i++)
		mote_store64_be(full + 8 * i, ctx->h[i]);
	memcpy(out, full, out_len);
	mote_wipe(full, sizeof full);
	mote_wipe(ctx, sizeof *ctx);
}

void mote_sha512_final(mote_sha512_ctx *ctx, uint8_t out[MOTE_SHA512_SIZE])
{
	sha512_finish(ctx, out, MOTE_SHA512_SIZE);
}

void mote_sha384_final(mote_sha384_ctx *ctx, uint8_t out[MOTE_SHA384_SIZE])
{
	sha512_finish(ctx, out, MOTE_SHA384_SIZE);
}

void mote_sha512(const void *data, size_t len, uint8_t out[MOTE_SHA512_SIZE])
{
	mote_sha512_ctx ctx;

	mote_sha512_init(&ctx);
	mote_sha512_update(&ctx, data, len);
	mote_sha512_final(&ctx, out);
}

void mote_sha384(const void *data, size_t len, uint8_t out[MOTE_SHA384_SIZE])
{
	mote_sha384_ctx ctx;

	mote_sha384_init(&ctx);
	mote_sha384_update(&ctx, data, len);
	mote_sha384_final(&ctx, out);
}
