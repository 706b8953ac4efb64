/*
 * Constant-time AES encryption, fixsliced, four blocks in 64-bit words.
 *
 * Representation: eight words q[0..7]; q[p] holds bit p of every state
 * byte of four blocks. The byte at row r, column c of block b is bit
 * 16r + 4c + b, so a row is a 16-bit lane and moving to the next row or
 * column is a rotation of the whole word.
 *
 * Fixslicing (Adomnicai & Peyrin, "Fixslicing AES-like ciphers", TCHES
 * 2021): ShiftRows is never applied. After round i the stored state t is
 * SR^-i of the real state s, which turns that round's MixColumns into
 * SR^-i . MC . SR^i: output row r, column c mixes input (r + k, c + k*i)
 * for k = 0..3. With i mod 4 = 0 that is a plain row rotation; otherwise
 * the column also moves, costing two rotations and two masks per word.
 * Round keys are stored pre-multiplied by SR^-i, and after the last round
 * one SR^(nr mod 4) (nothing for AES-192, SR^2 otherwise) restores the
 * real state.
 *
 * The S-box is the 113-gate circuit of Boyar and Peralta ("A new
 * combinational logic minimization technique with applications to
 * cryptology", SEA 2010) without its four NOTs: leaving them out XORs 0x63
 * into every byte, which MixColumns leaves unchanged (2 + 3 + 1 + 1 = 1),
 * so the round keys of rounds 1..nr absorb it instead.
 */
#include <string.h>

#include "aes_impl.h"
#include "bytes.h"
#include "ct.h"
#include "mote/error.h"

#define M1 0x5555555555555555u
#define M2 0x3333333333333333u
#define M4 0x0F0F0F0F0F0F0F0Fu
#define ONE_PER_NIBBLE 0x1111111111111111u

static inline uint64_t ror64(uint64_t x, unsigned n)
{
	return (x >> n) | (x << (64 - n));
}

/* Exchanges the bits of a selected by (m << n) with the bits of b
 * selected by m. */
static inline void swapmove(uint64_t *a, uint64_t *b, unsigned n, uint64_t m)
{
	uint64_t t = ((*a >> n) ^ *b) & m;

	*b ^= t;
	*a ^= t << n;
}

/* Within one word, exchanges the bits selected by m with those n above. */
static inline uint64_t delta_swap(uint64_t x, unsigned n, uint64_t m)
{
	uint64_t t = ((x >> n) ^ x) & m;

	return x ^ t ^ (t << n);
}

/* Transposes the 8x8 bit matrices formed by byte j of the eight words:
 * afterwards bit t of byte j of word p is what bit p of byte j of word t
 * was. It is its own inverse. */
static void transpose(uint64_t q[8])
{
	for (unsigned i = 0; i < 8; i += 2)
		swapmove(&q[i], &q[i + 1], 1, M1);
	for (unsigned i = 0; i < 8; i += 4) {
		swapmove(&q[i], &q[i + 2], 2, M2);
		swapmove(&q[i + 1], &q[i + 3], 2, M2);
	}
	for (unsigned i = 0; i < 4; i++)
		swapmove(&q[i], &q[i + 4], 4, M4);
}

/* Bytes x0..x7 -> x0 x4 x1 x5 x2 x6 x3 x7, and back. */
static inline uint64_t zip(uint64_t x)
{
	x = delta_swap(x, 16, 0x00000000FFFF0000u);
	return delta_swap(x, 8, 0x0000FF000000FF00u);
}

static inline uint64_t unzip(uint64_t x)
{
	x = delta_swap(x, 8, 0x0000FF000000FF00u);
	return delta_swap(x, 16, 0x00000000FFFF0000u);
}

/* w[2b], w[2b + 1]: block b as two little-endian words. After the
 * transposition bit 8j + t of a plane comes from byte j of word t, so
 * word t = 4(c & 1) + b must hold the bytes (r, c) of block b at byte
 * j = 2r + (c >> 1): state bytes 0 8 1 9 2 10 3 11 (even columns) and
 * 4 12 5 13 6 14 7 15 (odd columns). */
static void pack(uint64_t q[8], const uint64_t w[8])
{
	for (unsigned b = 0; b < 4; b++) {
		uint64_t lo = w[2 * b], hi = w[2 * b + 1];

		q[b] = zip((lo & 0xFFFFFFFFu) | (hi << 32));
		q[4 + b] = zip((lo >> 32) | (hi & 0xFFFFFFFF00000000u));
	}
	transpose(q);
}

static void unpack(uint64_t w[8], uint64_t q[8])
{
	transpose(q);
	for (unsigned b = 0; b < 4; b++) {
		uint64_t even = unzip(q[b]), odd = unzip(q[4 + b]);

		w[2 * b] = (even & 0xFFFFFFFFu) | (odd << 32);
		w[2 * b + 1] = (even >> 32) | (odd & 0xFFFFFFFF00000000u);
	}
}

#define MOTE_AES_WORD uint64_t
#include "aes_sbox.h"

/* The moves behind MixColumns in round i, j = i mod 4 (public): "next"
 * brings bit (r + 1, c + j) to (r, c). Rows are 16-bit lanes and columns
 * 4-bit groups inside them: columns that do not wrap come from a rotation
 * by a1 = 16 + 4j (mask m1), the others from one by b1 = 4j. "Next twice"
 * brings (r + 2, c + 2j) the same way with a2, b2, m2. */
static const struct {
	uint8_t a1, b1, a2, b2;
	uint64_t m1, m2;
} mc_rot[4] = {
	{16, 16, 32, 32, 0xFFFFFFFFFFFFFFFFu, 0xFFFFFFFFFFFFFFFFu},
	{20, 4, 40, 24, 0x0FFF0FFF0FFF0FFFu, 0x00FF00FF00FF00FFu},
	{24, 8, 32, 32, 0x00FF00FF00FF00FFu, 0xFFFFFFFFFFFFFFFFu},
	{28, 12, 40, 24, 0x000F000F000F000Fu, 0x00FF00FF00FF00FFu},
};

static inline uint64_t rot2(uint64_t x, unsigned a, unsigned b, uint64_t m)
{
	return (ror64(x, a) & m) | (ror64(x, b) & ~m);
}

/* MixColumns conjugated by SR^j. With n = next and y = x ^ n(x):
 * 2x + 3n(x) + n^2(x) + n^3(x) = 2y + n(x) + n^2(y). Multiplying by 2
 * shifts the bit planes up and folds plane 7 into 0, 1, 3 and 4
 * (x^8 = x^4 + x^3 + x + 1). With a constant j (the encrypt loop) the
 * compiler folds the table into specialised code. */
static inline void mix_columns(uint64_t q[8], unsigned j)
{
	unsigned a1 = mc_rot[j].a1, b1 = mc_rot[j].b1, a2 = mc_rot[j].a2, b2 = mc_rot[j].b2;
	uint64_t m1 = mc_rot[j].m1, m2 = mc_rot[j].m2, n[8], y[8];

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

/* SR^2 (its own inverse): rows 1 and 3 swap their column pairs. */
static void shift_rows2(uint64_t q[8])
{
	for (unsigned p = 0; p < 8; p++) {
		uint64_t x = q[p];

		q[p] = (x & 0x0000FFFF0000FFFFu) | ((x >> 8) & 0x00FF000000FF0000u) |
		       ((x << 8) & 0xFF000000FF000000u);
	}
}

static inline void add_round_key(uint64_t q[8], const uint64_t *k)
{
	for (unsigned p = 0; p < 8; p++)
		q[p] ^= k[p];
}

/* Encrypts the four blocks held in q with expanded round keys SK. */
static void encrypt(const uint64_t *sk, unsigned nr, uint64_t q[8])
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

/* SubWord for the key schedule: the word's bytes as column 0 of block 0,
 * with the 0x63 the circuit leaves out put back. */
static uint32_t sub_word(uint32_t x)
{
	uint64_t w[8] = {x}, q[8];
	uint32_t r;

	pack(q, w);
	sbox(q);
	unpack(w, q);
	r = (uint32_t)w[0] ^ 0x63636363u;
	mote_wipe(w, sizeof w);
	mote_wipe(q, sizeof q);
	return r;
}

/* Round key i in the form the rounds use: SR^-(i mod 4) of it, the 0x63
 * of the S-box folded in for i >= 1, then only block 0's bits kept:
 * out[0] has planes 0..3 at bits 16r + 4c + p, out[1] planes 4..7. */
static void compress_round_key(uint64_t out[2], const uint32_t *rk, unsigned i)
{
	uint8_t bytes[16], perm[16];
	uint64_t w[8] = {0}, q[8];

	for (unsigned k = 0; k < 4; k++)
		mote_store32_le(bytes + 4 * k, rk[k]);
	for (unsigned r = 0; r < 4; r++) {
		for (unsigned c = 0; c < 4; c++)
			perm[4 * c + r] = bytes[4 * ((c - (i & 3) * r) & 3) + r];
	}
	w[0] = mote_load64_le(perm);
	w[1] = mote_load64_le(perm + 8);
	pack(q, w);
	out[0] = out[1] = 0;
	for (unsigned p = 0; p < 4; p++) {
		out[0] |= (q[p] & ONE_PER_NIBBLE) << p;
		out[1] |= (q[p + 4] & ONE_PER_NIBBLE) << p;
	}
	if (i > 0) {
		out[0] ^= 0x3333333333333333u; /* planes 0, 1 */
		out[1] ^= 0x6666666666666666u; /* planes 5, 6 */
	}
	mote_wipe(bytes, sizeof bytes);
	mote_wipe(perm, sizeof perm);
	mote_wipe(q, sizeof q);
	mote_wipe(w, sizeof w);
}

int mote_aes_init_ct64(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len)
{
	uint32_t w[60];
	unsigned nr = mote_aes_key_expand(w, key, key_len, sub_word);

	memset(ctx, 0, sizeof *ctx);
	if (nr == 0)
		return MOTE_ERR_BAD_KEY_LENGTH;
	for (unsigned i = 0; i <= nr; i++) {
		uint64_t c[2];

		compress_round_key(c, w + 4 * i, i);
		ctx->sk[4 * i] = (uint32_t)c[0];
		ctx->sk[4 * i + 1] = (uint32_t)(c[0] >> 32);
		ctx->sk[4 * i + 2] = (uint32_t)c[1];
		ctx->sk[4 * i + 3] = (uint32_t)(c[1] >> 32);
		mote_wipe(c, sizeof c);
	}
	ctx->nr = (uint8_t)nr;
	ctx->impl = MOTE_AES_IMPL_CT64;
	mote_wipe(w, sizeof w);
	return 0;
}

/* Compressed round keys -> one full word per plane: each kept bit is
 * copied to the four block positions of its nibble (x * 15). */
static void expand_keys(uint64_t *sk, const mote_aes_ctx *ctx)
{
	for (unsigned i = 0; i <= ctx->nr; i++) {
		uint64_t lo = ctx->sk[4 * i] | ((uint64_t)ctx->sk[4 * i + 1] << 32);
		uint64_t hi = ctx->sk[4 * i + 2] | ((uint64_t)ctx->sk[4 * i + 3] << 32);

		for (unsigned p = 0; p < 4; p++) {
			uint64_t a = (lo >> p) & ONE_PER_NIBBLE, b = (hi >> p) & ONE_PER_NIBBLE;

			sk[8 * i + p] = (a << 4) - a;
			sk[8 * i + p + 4] = (b << 4) - b;
		}
	}
}

void mote_aes_encrypt_blocks_ct64(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                                  size_t nblocks)
{
	uint64_t sk[120], w[8], q[8];
	uint8_t tmp[64];

	expand_keys(sk, ctx);
	while (nblocks > 0) {
		size_t n = nblocks < 4 ? nblocks : 4;

		memset(tmp, 0, sizeof tmp);
		memcpy(tmp, in, 16 * n);
		for (unsigned k = 0; k < 8; k++)
			w[k] = mote_load64_le(tmp + 8 * k);
		pack(q, w);
		encrypt(sk, ctx->nr, q);
		unpack(w, q);
		for (unsigned k = 0; k < 8; k++)
			mote_store64_le(tmp + 8 * k, w[k]);
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

/* Keystream for counters ctr .. ctr + 3 after the fixed 12 bytes
 * (lo: bytes 0..7, mid: bytes 8..11), as eight little-endian words.
 * Q is scratch, left for the caller to wipe. */
static void keystream(uint64_t w[8], uint64_t q[8], const uint64_t *sk, unsigned nr,
                      uint64_t lo, uint64_t mid, uint32_t ctr)
{
	for (unsigned b = 0; b < 4; b++) {
		w[2 * b] = lo;
		w[2 * b + 1] = mid | ((uint64_t)bswap32(ctr + b) << 32);
	}
	pack(q, w);
	encrypt(sk, nr, q);
	unpack(w, q);
}

static void xor_words(uint8_t *buf, const uint64_t *w, size_t len)
{
	for (; len >= 8; len -= 8, buf += 8, w++)
		mote_store64_le(buf, mote_load64_le(buf) ^ *w);
	for (uint64_t x = len ? *w : 0; len > 0; len--, buf++, x >>= 8)
		*buf ^= (uint8_t)x;
}

void mote_aes_ctr32_ct64(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *ek0,
                         uint8_t *buf, size_t len)
{
	uint64_t sk[120], w[8], q[8];
	uint64_t lo = mote_load64_le(cb), mid = mote_load32_le(cb + 8);
	uint32_t ctr = mote_load32_be(cb + 12);
	unsigned nr = ctx->nr;

	expand_keys(sk, ctx);
	if (ek0 != NULL) {
		size_t n = len < 48 ? len : 48;

		keystream(w, q, sk, nr, lo, mid, ctr);
		mote_store64_le(ek0, w[0]);
		mote_store64_le(ek0 + 8, w[1]);
		xor_words(buf, w + 2, n);
		buf += n;
		len -= n;
		ctr += 4;
	}
	while (len > 0) {
		size_t n = len < 64 ? len : 64;

		keystream(w, q, sk, nr, lo, mid, ctr);
		xor_words(buf, w, n);
		buf += n;
		len -= n;
		ctr += 4;
	}
	mote_wipe(sk, 8 * sizeof(uint64_t) * (nr + 1u));
	mote_wipe(w, sizeof w);
	mote_wipe(q, sizeof q);
}
