/*
 * Internal entry points of the AES, GHASH and GCM implementations.
 *
 * Every portable variant is compiled into the library under a suffixed
 * name so the tests can run all of them on the host; the public functions
 * in aes.h and gcm.h call the one MOTE_WORD_BITS selects (or the hardware
 * one, see MOTE_ENABLE_AES_HW). A context must only be used with the
 * variant that initialised it.
 */
#ifndef MOTE_CRYPTO_AES_IMPL_H
#define MOTE_CRYPTO_AES_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "mote/aes.h"
#include "mote/gcm.h"

/* The x86-64 AES-NI/PCLMULQDQ variant is compiled wherever the compiler
 * can target it (gcc or clang on x86-64), so the tests run it on such
 * hosts; the public functions use it only with MOTE_ENABLE_AES_HW. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MOTE_HAVE_X86NI 1
#else
#define MOTE_HAVE_X86NI 0
#endif

/* Values of mote_aes_ctx.impl. */
enum {
	MOTE_AES_IMPL_CT32 = 1,
	MOTE_AES_IMPL_CT64 = 2,
	MOTE_AES_IMPL_X86NI = 3
};

/* FIPS-197 key expansion into 4 * (nr + 1) words, byte 0 of each word in
 * its low 8 bits. SUB_WORD applies the S-box to the four bytes of a word
 * (and must be constant time). Returns nr, or 0 for a bad key length. */
unsigned mote_aes_key_expand(uint32_t w[60], const uint8_t *key, size_t key_len,
                             uint32_t (*sub_word)(uint32_t));

/* One set per variant: _ct64 (aes_ct64.c), _ct32 (aes_ct32.c) and, with
 * MOTE_ENABLE_AES_HW on x86-64, _x86ni (aes_x86ni.c).
 * ctr32: as mote_aes_ctr32; if EK0 is not NULL, E(cb) is written there
 * instead and BUF is processed from inc32(cb) (GCM's tag mask and data in
 * one call, so the round keys are expanded once). */
int mote_aes_init_ct64(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len);
void mote_aes_encrypt_blocks_ct64(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                                  size_t nblocks);
void mote_aes_ctr32_ct64(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *ek0,
                         uint8_t *buf, size_t len);

int mote_aes_init_ct32(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len);
void mote_aes_encrypt_blocks_ct32(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                                  size_t nblocks);
void mote_aes_ctr32_ct32(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *ek0,
                         uint8_t *buf, size_t len);

#if MOTE_HAVE_X86NI
/* 1 if the CPU has AES-NI, PCLMULQDQ, SSSE3 and SSE4.1 (CPUID). */
int mote_aes_x86ni_available(void);
int mote_aes_init_x86ni(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len);
void mote_aes_encrypt_blocks_x86ni(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                                   size_t nblocks);
void mote_aes_ctr32_x86ni(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *ek0,
                          uint8_t *buf, size_t len);
void mote_ghash_x86ni(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t len);
#endif

/* GHASH (SP 800-38D): for each 16-byte block X of DATA (the last one
 * zero-padded), Y = (Y ^ X) * H in GF(2^128). */
void mote_ghash_ct64(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t len);
void mote_ghash_ct32(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t len);

/* GCM over a given variant; same contracts as the public functions. */
int mote_gcm_init_ct64(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len);
int mote_gcm_seal_ct64(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                       const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                       uint8_t *tag, size_t tag_len);
int mote_gcm_open_ct64(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                       const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                       const uint8_t *tag, size_t tag_len);

int mote_gcm_init_ct32(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len);
int mote_gcm_seal_ct32(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                       const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                       uint8_t *tag, size_t tag_len);
int mote_gcm_open_ct32(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                       const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                       const uint8_t *tag, size_t tag_len);

#if MOTE_HAVE_X86NI
/* Callers check mote_aes_x86ni_available() first. */
int mote_gcm_init_x86ni(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len);
int mote_gcm_seal_x86ni(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                        const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                        uint8_t *tag, size_t tag_len);
int mote_gcm_open_x86ni(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                        const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                        const uint8_t *tag, size_t tag_len);
#endif

#endif /* MOTE_CRYPTO_AES_IMPL_H */
