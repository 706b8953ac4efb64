/*
 * ChaCha20, four consecutive blocks at once in 128-bit vectors through
 * the GCC/clang vector extensions (SSE2 on x86-64, NEON on AArch64).
 * The layout is "vertical": vector i holds word i of the four blocks, so
 * the rounds need no shuffles and only the output is transposed back into
 * byte order. Plain C, no secret-dependent branch or index.
 */
#include "mote/chacha20.h"

#if MOTE_CHACHA20_VEC4

#include <string.h>

#include "chacha20_impl.h"
#include "ct.h"

typedef uint32_t mote_v4u32 __attribute__((vector_size(16)));
typedef uint16_t mote_v8u16 __attribute__((vector_size(16)));

static inline mote_v4u32 v4_rotl(mote_v4u32 x, int n)
{
	return (x << n) | (x >> (32 - n));
}

/* A 16-bit rotation swaps the halves of each word: a 16-bit lane shuffle
 * (pshuflw/pshufhw on SSE2), cheaper than two shifts and an OR. */
static inline mote_v4u32 v4_rotl16(mote_v4u32 x)
{
	mote_v8u16 h = (mote_v8u16)x;
	return (mote_v4u32)__builtin_shufflevector(h, h, 1, 0, 3, 2, 5, 4, 7, 6);
}

static inline void v4_qr(mote_v4u32 *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = v4_rotl16(x[d] ^ x[a]);
	x[c] += x[d];
	x[b] = v4_rotl(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = v4_rotl(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = v4_rotl(x[b] ^ x[c], 7);
}

/* Blocks s[12], s[12]+1, s[12]+2, s[12]+3, word-sliced: x[i][j] is word i
 * of block j. */
static void v4_blocks(const uint32_t s[16], mote_v4u32 x[16])
{
	const mote_v4u32 lane = {0, 1, 2, 3};

	for (int i = 0; i < 16; i++)
		x[i] = (mote_v4u32){s[i], s[i], s[i], s[i]};
	x[12] += lane;
	for (int i = 0; i < 10; i++) {
		v4_qr(x, 0, 4, 8, 12);
		v4_qr(x, 1, 5, 9, 13);
		v4_qr(x, 2, 6, 10, 14);
		v4_qr(x, 3, 7, 11, 15);
		v4_qr(x, 0, 5, 10, 15);
		v4_qr(x, 1, 6, 11, 12);
		v4_qr(x, 2, 7, 8, 13);
		v4_qr(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++)
		x[i] += (mote_v4u32){s[i], s[i], s[i], s[i]};
	x[12] += lane;
}

/* Transpose words 4g..4g+3 of the four blocks: afterwards x[4g+j] holds
 * bytes 16g..16g+15 of block j, in order on a little-endian machine. */
static inline void v4_transpose(mote_v4u32 *x)
{
	mote_v4u32 t0 = __builtin_shufflevector(x[0], x[1], 0, 4, 1, 5);
	mote_v4u32 t1 = __builtin_shufflevector(x[2], x[3], 0, 4, 1, 5);
	mote_v4u32 t2 = __builtin_shufflevector(x[0], x[1], 2, 6, 3, 7);
	mote_v4u32 t3 = __builtin_shufflevector(x[2], x[3], 2, 6, 3, 7);

	x[0] = __builtin_shufflevector(t0, t1, 0, 1, 4, 5);
	x[1] = __builtin_shufflevector(t0, t1, 2, 3, 6, 7);
	x[2] = __builtin_shufflevector(t2, t3, 0, 1, 4, 5);
	x[3] = __builtin_shufflevector(t2, t3, 2, 3, 6, 7);
}

/* 256 bytes: out = in ^ keystream (x, word-sliced). */
static void v4_xor256(mote_v4u32 x[16], const uint8_t *in, uint8_t *out)
{
	for (int g = 0; g < 4; g++) {
		v4_transpose(x + 4 * g);
		for (int j = 0; j < 4; j++) {
			mote_v4u32 v;
			memcpy(&v, in + 64 * j + 16 * g, 16);
			v ^= x[4 * g + j];
			memcpy(out + 64 * j + 16 * g, &v, 16);
		}
	}
}

/* The last 129..255 bytes: block j, bytes 16g.. come from x[4g + j]. */
static void v4_xor_tail(mote_v4u32 x[16], const uint8_t *in, uint8_t *out, size_t len)
{
	for (int g = 0; g < 4; g++)
		v4_transpose(x + 4 * g);
	for (size_t off = 0; off < len; off += 16) {
		size_t j = off / 64, g = off % 64 / 16;
		size_t n = len - off < 16 ? len - off : 16;
		mote_chacha20_xor_bytes(out + off, in + off, (const uint8_t *)&x[4 * g + j], n);
	}
}

void mote_chacha20_xor_vec4(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                            const uint8_t *in, uint8_t *out, size_t len)
{
	uint32_t s[16];
	mote_v4u32 x[16];

	mote_chacha20_setup(s, key, nonce, counter);
	for (; len >= 256; len -= 256, in += 256, out += 256) {
		v4_blocks(s, x);
		v4_xor256(x, in, out);
		s[12] += 4;
	}
	if (len > 128) {
		v4_blocks(s, x);
		v4_xor_tail(x, in, out, len);
	} else if (len > 0) {
		/* Two scalar blocks cost about what four vector blocks do. */
		mote_chacha20_xor_ct(key, nonce, s[12], in, out, len);
	}
	mote_wipe(s, sizeof s);
	mote_wipe(x, sizeof x);
}

#endif /* MOTE_CHACHA20_VEC4 */
