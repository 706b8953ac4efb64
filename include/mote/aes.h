/*
 * AES block cipher (FIPS-197), forward direction only, constant time.
 *
 * GCM and CTR only ever run the cipher forwards, so there is no
 * decryption. The portable code is fixsliced (Adomnicai & Peyrin, TCHES
 * 2021): no table is indexed by secret data and no branch depends on it.
 * MOTE_WORD_BITS picks the variant at compile time: 64 = four blocks in
 * parallel in 64-bit words, 32 = two blocks in 32-bit words. With
 * MOTE_ENABLE_AES_HW, x86-64 CPUs with AES-NI (and PCLMULQDQ, SSSE3,
 * SSE4.1) use it instead: CPUID is read at init and the choice is
 * remembered in the context, so a context must not move to another CPU
 * type (e.g. be saved and restored elsewhere).
 *
 * Memory:
 *   mote_aes_ctx  244 bytes on 32- and 64-bit targets: the round keys in a
 *                 compressed form (16 bytes per round key, 240 for
 *                 AES-256) that each call expands on its own stack.
 *   peak stack    per call, measured with -fstack-usage: about 1.6 KB on
 *                 x86-64 (gcc 12 -O3; 960 bytes of it expanded round
 *                 keys), about 0.9 KB on Cortex-M4 (arm-none-eabi-gcc -Os;
 *                 480 bytes of round keys).
 * Nothing here allocates; a context may be shared by threads once
 * initialised (calls only read it).
 */
#ifndef MOTE_AES_H
#define MOTE_AES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_AES_BLOCK_SIZE 16

/* Private by contract: fields may change. */
typedef struct {
	uint32_t sk[60]; /* round keys, compressed form of the implementation */
	uint8_t nr;      /* number of rounds: 10, 12 or 14 */
	uint8_t impl;    /* implementation that filled sk */
} mote_aes_ctx;

/* Sets up ctx for KEY of KEY_LEN bytes (16, 24 or 32).
 * Errors: MOTE_ERR_BAD_KEY_LENGTH for any other length (ctx is then
 * zeroed). */
int mote_aes_init(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len);

/* Encrypts NBLOCKS 16-byte blocks from IN to OUT (ECB; a building block,
 * not a mode to use on its own). IN and OUT may be equal; they must not
 * otherwise overlap. */
void mote_aes_encrypt_blocks(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                             size_t nblocks);

/* CTR mode with a 32-bit big-endian counter in the last 4 bytes of the
 * counter block, as in GCM: XORs E(cb), E(inc32(cb)), ... into BUF, in
 * place, for LEN bytes (the last block may be partial). The counter wraps
 * modulo 2^32 without touching the first 12 bytes. */
void mote_aes_ctr32(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *buf, size_t len);

/* Wipes the context. */
void mote_aes_clear(mote_aes_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_AES_H */
