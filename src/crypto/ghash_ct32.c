/*
 * GHASH (SP 800-38D) in constant time with 32x32->64 integer multiplies
 * (UMULL on Cortex-M4, MUL + MULHU on RV32IM).
 *
 * Same "holes" method as ghash_ct64.c: a 32-bit class has 8 bits, so a
 * position of a class product receives at most 8 terms and the 4-bit gap
 * always absorbs the carries; no correction is needed. A 128x128 product
 * is Karatsuba twice: 9 products of 32x32 bits.
 */
#include "aes_impl.h"
#include "bytes.h"
#include "ct.h"
#include "ghash_impl.h"

static const uint32_t class_mask[4] = {0x11111111u, 0x22222222u, 0x44444444u, 0x88888888u};

static const uint64_t class_mask64[4] = {0x1111111111111111u, 0x2222222222222222u,
                                         0x4444444444444444u, 0x8888888888888888u};

/* A 32-bit operand split into its four classes. */
typedef struct {
	uint32_t c[4];
} clmul_key;

static void clmul_key_init(clmul_key *k, uint32_t h)
{
	for (unsigned i = 0; i < 4; i++)
		k->c[i] = h & class_mask[i];
}

static inline uint64_t clmul32(uint32_t x, const clmul_key *k)
{
	uint32_t xs[4];
	uint64_t r = 0;

	for (unsigned a = 0; a < 4; a++)
		xs[a] = x & class_mask[a];
	for (unsigned cls = 0; cls < 4; cls++) {
		uint64_t z = 0;

		for (unsigned a = 0; a < 4; a++)
			z ^= (uint64_t)xs[a] * k->c[(cls - a) & 3];
		r |= z & class_mask64[cls];
	}
	return r;
}

/* Keys for a 64-bit operand h: its high half, low half and their XOR. */
static void key64_init(clmul_key k[3], uint64_t h)
{
	clmul_key_init(&k[0], (uint32_t)(h >> 32));
	clmul_key_init(&k[1], (uint32_t)h);
	clmul_key_init(&k[2], (uint32_t)(h >> 32) ^ (uint32_t)h);
}

/* Carry-less 64x64->128 product by Karatsuba on 32-bit halves. */
static void clmul64(uint64_t *hi, uint64_t *lo, uint64_t x, const clmul_key k[3])
{
	uint32_t xh = (uint32_t)(x >> 32), xl = (uint32_t)x;
	uint64_t a = clmul32(xh, &k[0]), b = clmul32(xl, &k[1]), c = clmul32(xh ^ xl, &k[2]);
	uint64_t m = a ^ b ^ c;

	*hi = a ^ (m >> 32);
	*lo = b ^ (m << 32);
}

/* (y1:y0) <- (y1:y0) * H; key holds clmul keys for H1, H0 and H1 ^ H0. */
static void gf_mul(uint64_t *y1, uint64_t *y0, const void *key)
{
	const clmul_key *k = key;
	uint64_t ah, al, bh, bl, ch, cl;

	clmul64(&ah, &al, *y1, k);
	clmul64(&bh, &bl, *y0, k + 3);
	clmul64(&ch, &cl, *y1 ^ *y0, k + 6);
	mote_ghash_combine(y1, y0, ah, al, bh, bl, ch, cl);
}

void mote_ghash_ct32(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t len)
{
	clmul_key k[9];
	uint64_t h1 = mote_load64_be(h), h0 = mote_load64_be(h + 8);

	key64_init(k, h1);
	key64_init(k + 3, h0);
	key64_init(k + 6, h1 ^ h0);
	mote_ghash_blocks(y, data, len, gf_mul, k);
	mote_wipe(k, sizeof k);
}
