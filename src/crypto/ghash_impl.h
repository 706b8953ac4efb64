/*
 * What the portable GHASH variants (ghash_ct32.c, ghash_ct64.c) share:
 * they differ only in how they form carry-less products; the Karatsuba
 * recombination, the reduction and the block loop are the same.
 */
#ifndef MOTE_GHASH_IMPL_H
#define MOTE_GHASH_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bytes.h"

/* (y1:y0) <- (y1:y0) * H from Karatsuba's three 128-bit carry-less
 * products a = y1 * H1, b = y0 * H0, c = (y1 ^ y0) * (H1 ^ H0). */
static inline void mote_ghash_combine(uint64_t *y1, uint64_t *y0, uint64_t ah, uint64_t al,
                                      uint64_t bh, uint64_t bl, uint64_t ch, uint64_t cl)
{
	uint64_t mh = ch ^ ah ^ bh, ml = cl ^ al ^ bl;
	uint64_t p3 = ah, p2 = al ^ mh, p1 = bh ^ ml, p0 = bl;
	/* GHASH bit order is reflected: the 255-bit product moves up one. */
	uint64_t w3 = (p3 << 1) | (p2 >> 63), w2 = (p2 << 1) | (p1 >> 63);
	uint64_t w1 = (p1 << 1) | (p0 >> 63), w0 = p0 << 1;

	/* x^128 = x^7 + x^2 + x + 1: degree d lands on d - 128, -127, -126
	 * and -121, i.e. the same bit 128 places up, then 1, 2, 7 lower. */
	w2 ^= w0 ^ (w0 >> 1) ^ (w0 >> 2) ^ (w0 >> 7);
	w1 ^= (w0 << 63) ^ (w0 << 62) ^ (w0 << 57);
	w3 ^= w1 ^ (w1 >> 1) ^ (w1 >> 2) ^ (w1 >> 7);
	w2 ^= (w1 << 63) ^ (w1 << 62) ^ (w1 << 57);
	*y1 = w3;
	*y0 = w2;
}

/* Y <- GHASH_H(Y, data): whole blocks, then the tail zero-padded. mul is
 * the variant's (y1:y0) <- (y1:y0) * H with its precomputed key; it is a
 * constant at every call, so the compiler calls (or inlines) it directly. */
static inline void mote_ghash_blocks(uint8_t y[16], const uint8_t *data, size_t len,
                                     void (*mul)(uint64_t *y1, uint64_t *y0, const void *key),
                                     const void *key)
{
	uint64_t y1 = mote_load64_be(y), y0 = mote_load64_be(y + 8);

	for (; len >= 16; len -= 16, data += 16) {
		y1 ^= mote_load64_be(data);
		y0 ^= mote_load64_be(data + 8);
		mul(&y1, &y0, key);
	}
	if (len > 0) {
		uint8_t last[16] = {0};

		memcpy(last, data, len);
		y1 ^= mote_load64_be(last);
		y0 ^= mote_load64_be(last + 8);
		mul(&y1, &y0, key);
	}
	mote_store64_be(y, y1);
	mote_store64_be(y + 8, y0);
}

#endif
