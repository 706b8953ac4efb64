/*
 * AES key expansion (FIPS-197 section 5.2), shared by every AES variant.
 * The variant supplies a constant-time SubWord; everything else here is
 * XORs, rotations and a loop whose bounds depend on the key length only.
 */
#include "aes_impl.h"
#include "bytes.h"

unsigned mote_aes_key_expand(uint32_t w[60], const uint8_t *key, size_t key_len,
                             uint32_t (*sub_word)(uint32_t))
{
	unsigned nk, nr, total;
	uint32_t rcon = 1;

	if (key_len != 16 && key_len != 24 && key_len != 32)
		return 0;
	nk = (unsigned)key_len / 4;
	nr = nk + 6;
	total = 4 * (nr + 1);
	for (unsigned i = 0; i < nk; i++)
		w[i] = mote_load32_le(key + 4 * i);
	for (unsigned i = nk, k = 0; i < total; i++, k++) {
		uint32_t t = w[i - 1];

		if (k == nk)
			k = 0;
		if (k == 0) {
			/* RotWord moves byte 1 to byte 0: a right rotation with
			 * byte 0 in the low bits. */
			t = sub_word(mote_rotr32(t, 8)) ^ rcon;
			/* xtime on the public round constant. */
			rcon = (rcon << 1) ^ (0x11bu & (0u - (rcon >> 7)));
		} else if (nk == 8 && k == 4) {
			t = sub_word(t);
		}
		w[i] = w[i - nk] ^ t;
	}
	return nr;
}
