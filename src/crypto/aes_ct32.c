/*
 * Constant-time AES encryption, fixsliced, two blocks in 32-bit words
 * (Cortex-M, RISC-V RV32, Xtensa).
 *
 * Same scheme as aes_ct64.c (read its header first), on half the blocks:
 * q[p] holds bit p of every state byte of two blocks, the byte at row r,
 * column c of block b being bit 8r + 2c + b. A row is a byte of the word,
 * so the next row is a rotation by 8 and the next column one by 2 inside
 * the byte. Packing needs no byte shuffle: column c of block b, loaded
 * little-endian, is word 2c + b of the bit transposition.
 */
#include <string.h>

#include "aes_impl.h"
#include "bytes.h"
#include "ct.h"
#include "mote/error.h"

#define MOTE_AES_WORD uint32_t
#include "aes_sbox.h"

#define ONE_PER_PAIR 0x55555555u

static inline void swapmove(uint32_t *a, uint32_t *b, unsigned n, uint32_t m)
{
	uint32_t t = ((*a >> n) ^ *b) & m;

	*b ^= t;
	*a ^= t << n;
}

/* Bit t of byte j of word p <-> bit p of byte j of word t; an
 * involution. */
static void transpose(uint32_t q[8])
{
	for (unsigned i = 0; i < 8; i += 2)
		swapmove(&q[i], &q[i + 1], 1, 0x55555555u);
	for (unsigned i = 0; i < 8; i += 4) {
		swapmove(&q[i], &q[i + 2], 2, 0x33333333u);
		swapmove(&q[i + 1], &q[i + 3], 2, 0x33333333u);
	}
	for (unsigned i = 0; i < 4; i++)
		swapmove(&q[i], &q[i + 4], 4, 0x0F0F0F0Fu);
}

/* w: the two blocks as eight little-endian words in memory order
 * (w[4b + c] is column c of block b). */
static void pack(uint32_t q[8], const uint32_t w[8])
{
	for (unsigned b = 0; b < 2; b++) {
		for (unsigned c = 0; c < 4; c++)
			q[2 * c + b] = w[4 * b + c];
	}
	transpose(q);
}

static void unpack(uint32_t w[8], uint32_t q[8])
{
	transpose(q);
	for (unsigned b = 0; b < 2; b++) {
		for (unsigned c = 0; c < 4; c++)
			w[4 * b + c] = q[2 * c + b];
	}
}

/* The moves behind MixColumns in round i, j = i mod 4 (public): "next"
 * brings bit (r + 1, c + j) to (r, c): columns that do not wrap come from
 * a rotation by a1 = 8 + 2j (mask m1), the others from one by b1 = 2j.
 * "next twice" brings (r + 2, c + 2j) the same way with a2, b2, m2. */
static const struct {
	uint8_t a1, b1, a2, b2;
	uint32_t m1, m2;
} mc_rot[4] = {
	{8, 8, 16, 16, 0xFFFFFFFFu, 0xFFFFFFFFu},
	{10, 2, 20, 12, 0x3F3F3F3Fu, 0x0F0F0F0Fu},
	{12, 4, 16, 16, 0x0F0F0F0Fu, 0xFFFFFFFFu},
	{14, 6, 20, 12, 0x03030303u, 0x0F0F0F0Fu},
};

static inline uint32_t rot2(uint32_t x, unsigned a, unsigned b, uint32_t m)
{
	return (mote_rotr32(x, a) & m) | (mote_rotr32(x, b) & ~m);
}

/* MixColumns conjugated by SR^j; see aes_ct64.c. With a constant j (the
 * encrypt loop) an optimising compiler folds the table into specialised
 * code; at -Os the one shared copy has no branch per plane. */
static inline void mix_columns(uint32_t q[8], unsigned j)
{
	unsigned a1 = mc_rot[j].a1, b1 = mc_rot[j].b1, a2 = mc_rot[j].a2, b2 = mc_rot[j].b2;
	uint32_t m1 = mc_rot[j].m1, m2 = mc_rot[j].m2, n[8], y[8];

	for (unsigned p = 0; p < 8; p++) {
		n[p] = rot2(q[p], a1, b1, m1);
		y[p] = q[p] ^ n[p];
	}
	q[0] = y[7] ^ n[0] ^ rot2(y[0], a2, b2, m2);
	q[1] = y[0] ^ y[7] ^ n[1] ^ rot2(y[1], a2, b2, m2);
	q[2] = y[1] ^ n[2] ^ rot2(y[2], a2, b2, m2);
	q[3] = y[2] ^ y[7] ^ n[3] ^ rot2(y[3], a2, b2, m2);
	q[4] = y[3] ^ y[7] ^ n[4] ^ rot2(y[4], a2, b2, m2);
	q[5] = y[4] ^ n[5] ^ rot2(y[5], a2, b2, m2);
	q[6] = y[5] ^ n[6] ^ rot2(y[6], a2, b2, m2);
	q[7] = y[6] ^ n[7] ^ rot2(y[7], a2, b2, m2);
}

/* SR^2: rows 1 and 3 swap their column pairs (nibbles of bytes 1, 3). */
static void shift_rows2(uint32_t q[8])
{
	for (unsigned p = 0; p < 8; p++) {
		uint32_t x = q[p];

		q[p] = (x & 0x00FF00FFu) | ((x >> 4) & 0x0F000F00u) | ((x << 4) & 0xF000F000u);
	}
}

static inline void add_round_key(uint32_t q[8], const uint32_t *k)
{
	for (unsigned p = 0; p < 8; p++)
		q[p] ^= k[p];
}

static void encrypt(const uint32_t *sk, unsigned nr, uint32_t q[8])
{
	add_round_key(q, sk);
	for (unsigned i = 1; i < nr; i++) {
		sbox(q);
		switch (i & 3) {
		case 0:
			mix_columns(q, 0);
			break;
		case 1:
			mix_columns(q, 1);
			break;
		case 2:
			mix_columns(q, 2);
			break;
		default:
			mix_columns(q, 3);
			break;
		}
		add_round_key(q, sk + 8 * i);
	}
	sbox(q);
	add_round_key(q, sk + 8 * nr);
	if ((nr & 3) == 2)
		shift_rows2(q);
}

static uint32_t sub_word(uint32_t x)
{
	uint32_t w[8] = {x}, q[8];
	uint32_t r;

	pack(q, w);
	sbox(q);
	unpack(w, q);
	r = w[0] ^ 0x63636363u;
	mote_wipe(w, sizeof w);
	mote_wipe(q, sizeof q);
	return r;
}

/* Round key i as the rounds use it (see aes_ct64.c), block 0's bits only:
 * out[k] holds planes 2k and 2k + 1 at bits 8r + 2c and 8r + 2c + 1. */
static void compress_round_key(uint32_t out[4], const uint32_t *rk, unsigned i)
{
	uint8_t bytes[16], perm[16];
	uint32_t w[8] = {0}, q[8];

	for (unsigned k = 0; k < 4; k++)
		mote_store32_le(bytes + 4 * k, rk[k]);
	for (unsigned r = 0; r < 4; r++) {
		for (unsigned c = 0; c < 4; c++)
			perm[4 * c + r] = bytes[4 * ((c - (i & 3) * r) & 3) + r];
	}
	for (unsigned c = 0; c < 4; c++)
		w[c] = mote_load32_le(perm + 4 * c);
	pack(q, w);
	for (unsigned k = 0; k < 4; k++)
		out[k] = (q[2 * k] & ONE_PER_PAIR) | ((q[2 * k + 1] & ONE_PER_PAIR) << 1);
	if (i > 0) {
		out[0] ^= 0xFFFFFFFFu; /* planes 0, 1 */
		out[2] ^= 0xAAAAAAAAu; /* plane 5 */
		out[3] ^= 0x55555555u; /* plane 6 */
	}
	mote_wipe(bytes, sizeof bytes);
	mote_wipe(perm, sizeof perm);
	mote_wipe(q, sizeof q);
	mote_wipe(w, sizeof w);
}

int mote_aes_init_ct32(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len)
{
	uint32_t w[60];
	unsigned nr = mote_aes_key_expand(w, key, key_len, sub_word);

	memset(ctx, 0, sizeof *ctx);
	if (nr == 0)
		return MOTE_ERR_BAD_KEY_LENGTH;
	for (unsigned i = 0; i <= nr; i++)
		compress_round_key(ctx->sk + 4 * i, w + 4 * i, i);
	ctx->nr = (uint8_t)nr;
	ctx->impl = MOTE_AES_IMPL_CT32;
	mote_wipe(w, sizeof w);
	return 0;
}

/* Each kept bit is copied to both block positions of its pair (x * 3). */
static void expand_keys(uint32_t *sk, const mote_aes_ctx *ctx)
{
	for (unsigned i = 0; i <= ctx->nr; i++) {
		for (unsigned p = 0; p < 8; p++) {
			uint32_t a = (ctx->sk[4 * i + p / 2] >> (p & 1)) & ONE_PER_PAIR;

			sk[8 * i + p] = (a << 1) | a;
		}
	}
}

void mote_aes_encrypt_blocks_ct32(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                                  size_t nblocks)
{
	uint32_t sk[120], w[8], q[8];
	uint8_t tmp[32];

	expand_keys(sk, ctx);
	while (nblocks > 0) {
		size_t n = nblocks < 2 ? nblocks : 2;

		memset(tmp, 0, sizeof tmp);
		memcpy(tmp, in, 16 * n);
		for (unsigned k = 0; k < 8; k++)
			w[k] = mote_load32_le(tmp + 4 * k);
		pack(q, w);
		encrypt(sk, ctx->nr, q);
		unpack(w, q);
		for (unsigned k = 0; k < 8; k++)
			mote_store32_le(tmp + 4 * k, w[k]);
		memcpy(out, tmp, 16 * n);
		in += 16 * n;
		out += 16 * n;
		nblocks -= n;
	}
	mote_wipe(sk, sizeof sk);
	mote_wipe(w, sizeof w);
	mote_wipe(q, sizeof q);
	mote_wipe(tmp, sizeof tmp);
}

static inline uint32_t bswap32(uint32_t x)
{
	return (x >> 24) | ((x >> 8) & 0xFF00u) | ((x << 8) & 0xFF0000u) | (x << 24);
}

/* Keystream for counters ctr, ctr + 1 after the fixed words f[0..2];
 * Q is scratch, left for the caller to wipe. */
static void keystream(uint32_t w[8], uint32_t q[8], const uint32_t *sk, unsigned nr,
                      const uint32_t f[3], uint32_t ctr)
{
	for (unsigned b = 0; b < 2; b++) {
		w[4 * b] = f[0];
		w[4 * b + 1] = f[1];
		w[4 * b + 2] = f[2];
		w[4 * b + 3] = bswap32(ctr + b);
	}
	pack(q, w);
	encrypt(sk, nr, q);
	unpack(w, q);
}

static void xor_words(uint8_t *buf, const uint32_t *w, size_t len)
{
	for (; len >= 4; len -= 4, buf += 4, w++)
		mote_store32_le(buf, mote_load32_le(buf) ^ *w);
	for (uint32_t x = len ? *w : 0; len > 0; len--, buf++, x >>= 8)
		*buf ^= (uint8_t)x;
}

void mote_aes_ctr32_ct32(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *ek0,
                         uint8_t *buf, size_t len)
{
	uint32_t sk[120], w[8], q[8];
	uint32_t f[3] = {mote_load32_le(cb), mote_load32_le(cb + 4), mote_load32_le(cb + 8)};
	uint32_t ctr = mote_load32_be(cb + 12);
	unsigned nr = ctx->nr;

	expand_keys(sk, ctx);
	if (ek0 != NULL) {
		size_t n = len < 16 ? len : 16;

		keystream(w, q, sk, nr, f, ctr);
		for (unsigned k = 0; k < 4; k++)
			mote_store32_le(ek0 + 4 * k, w[k]);
		xor_words(buf, w + 4, n);
		buf += n;
		len -= n;
		ctr += 2;
	}
	while (len > 0) {
		size_t n = len < 32 ? len : 32;

		keystream(w, q, sk, nr, f, ctr);
		xor_words(buf, w, n);
		buf += n;
		len -= n;
		ctr += 2;
	}
	mote_wipe(sk, 8 * sizeof(uint32_t) * (nr + 1u));
	mote_wipe(w, sizeof w);
	mote_wipe(q, sizeof q);
}
