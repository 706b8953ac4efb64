/* Precomputed multiples of the Ed25519 base point (internal; see
 * ge25519_table.c and scripts/gen_ed25519_table.py). */
#ifndef MOTE_CRYPTO_GE25519_TABLE_H
#define MOTE_CRYPTO_GE25519_TABLE_H

#include <stdint.h>

/* [k][j] = (j + 1) 2^(64 k) B as (y + x, y - x, 2 d x y), 32 bytes each. */
extern const uint8_t mote_ge25519_base_table[4][8][96];

#endif /* MOTE_CRYPTO_GE25519_TABLE_H */
