/* ChaCha20 internals shared by the scalar and vector variants. */
#ifndef MOTE_CRYPTO_CHACHA20_IMPL_H
#define MOTE_CRYPTO_CHACHA20_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bytes.h"

/* The initial state: "expand 32-byte k", key, counter, nonce
 * (RFC 8439, 2.3), all little-endian words. */
static inline void mote_chacha20_setup(uint32_t s[16], const uint8_t key[32],
                                       const uint8_t nonce[12], uint32_t counter)
{
	s[0] = 0x61707865;
	s[1] = 0x3320646e;
	s[2] = 0x79622d32;
	s[3] = 0x6b206574;
	for (int i = 0; i < 8; i++)
		s[4 + i] = mote_load32_le(key + 4 * i);
	s[12] = counter;
	for (int i = 0; i < 3; i++)
		s[13 + i] = mote_load32_le(nonce + 4 * i);
}

/* XOR len bytes of keystream ks into in -> out, 8 bytes at a time where
 * possible (memcpy keeps unaligned access legal). */
static inline void mote_chacha20_xor_bytes(uint8_t *out, const uint8_t *in, const uint8_t *ks,
                                           size_t len)
{
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t a, b;
		memcpy(&a, in + i, 8);
		memcpy(&b, ks + i, 8);
		a ^= b;
		memcpy(out + i, &a, 8);
	}
	for (; i < len; i++)
		out[i] = in[i] ^ ks[i];
}

#endif /* MOTE_CRYPTO_CHACHA20_IMPL_H */
