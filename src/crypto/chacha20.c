/*
 * ChaCha20 (RFC 8439, sections 2.1-2.4), portable scalar code: one block
 * at a time in sixteen 32-bit words. Small, and the fastest portable
 * choice where there are no vector registers; the four-block vector
 * variant is in chacha20_vec4.c. Straight-line arithmetic on the key and
 * keystream: the only branches depend on len.
 */
#include "mote/chacha20.h"

#include <string.h>

#include "chacha20_impl.h"
#include "ct.h"

static inline void chacha20_qr(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b];
	x[d] = mote_rotl32(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = mote_rotl32(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = mote_rotl32(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = mote_rotl32(x[b] ^ x[c], 7);
}

/* One block: ks = serialize(rounds(s) + s). x never has its address
 * taken, so it lives in registers (and spill slots) only. */
static void chacha20_block(const uint32_t s[16], uint8_t ks[64])
{
	uint32_t x[16];

	memcpy(x, s, sizeof x);
	for (int i = 0; i < 10; i++) {
		chacha20_qr(x, 0, 4, 8, 12);
		chacha20_qr(x, 1, 5, 9, 13);
		chacha20_qr(x, 2, 6, 10, 14);
		chacha20_qr(x, 3, 7, 11, 15);
		chacha20_qr(x, 0, 5, 10, 15);
		chacha20_qr(x, 1, 6, 11, 12);
		chacha20_qr(x, 2, 7, 8, 13);
		chacha20_qr(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++)
		mote_store32_le(ks + 4 * i, x[i] + s[i]);
}

void mote_chacha20_xor_ct(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                          const uint8_t *in, uint8_t *out, size_t len)
{
	uint32_t s[16];
	uint8_t ks[64];

	mote_chacha20_setup(s, key, nonce, counter);
	while (len > 0) {
		size_t n = len < 64 ? len : 64;
		chacha20_block(s, ks);
		mote_chacha20_xor_bytes(out, in, ks, n);
		s[12]++;
		in += n;
		out += n;
		len -= n;
	}
	mote_wipe(s, sizeof s);
	mote_wipe(ks, sizeof ks);
}

void mote_chacha20_xor(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter,
                       const uint8_t *in, uint8_t *out, size_t len)
{
#if MOTE_CHACHA20_VEC4 && MOTE_WORD_BITS == 64
	mote_chacha20_xor_vec4(key, nonce, counter, in, out, len);
#else
	mote_chacha20_xor_ct(key, nonce, counter, in, out, len);
#endif
}
