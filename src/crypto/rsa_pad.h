/*
 * Pieces shared by RSA verification (rsa_verify.c) and signing
 * (rsa_sign.c); internal. All of it handles public data only.
 */
#ifndef MOTE_CRYPTO_RSA_PAD_H
#define MOTE_CRYPTO_RSA_PAD_H

#include <stddef.h>
#include <stdint.h>

#include "mote/hash.h"
#include "rsa_core.h"

#define MOTE_RSA_DI_LEN 19

/* Hash state and one digest for the PSS code, kept in the scratch (free
 * at that point) rather than on the stack. */
typedef struct {
	mote_hash_ctx hc;
	uint8_t block[MOTE_HASH_MAX_SIZE];
} mote_rsa_pss_work;

/* The 19-byte DigestInfo prefix of SHA-256/384/512, or NULL. */
const uint8_t *mote_rsa_digest_info(mote_hash_alg h);
/* Skips leading zero bytes; returns the remaining length. */
size_t mote_rsa_strip(const uint8_t **p, size_t len);
/* Bit length of a big-endian number whose first byte is non-zero. */
size_t mote_rsa_bit_length(const uint8_t *x, size_t len);
/* 0, MOTE_ERR_KEY_TOO_LARGE or MOTE_ERR_RSA_KEY_TOO_SMALL. */
int mote_rsa_check_bits(size_t nbits);
/* e (stripped) odd, >= 3 and below n (n == NULL: shorter than nlen). */
int mote_rsa_check_e(const uint8_t *e, size_t elen, const uint8_t *n, size_t nlen);
/* A supported hash and a digest of its length. */
int mote_rsa_check_hash(mote_hash_alg h, const uint8_t *hash, size_t hash_len);
/* The scratch aligned to 8 bytes, or NULL if fewer than need bytes remain. */
uint8_t *mote_rsa_align_scratch(void *scratch, size_t len, size_t need);
/* EMSA-PKCS1-v1_5 encoding of a hash into em[0..len). */
void mote_rsa_pkcs1_encode(uint8_t *em, size_t len, mote_hash_alg h, const uint8_t *hash,
                           size_t hash_len);
/* out[0..len) ^= MGF1(seed) with hash mh (RFC 8017 B.2.1). */
void mote_rsa_mgf1_xor(mote_rsa_pss_work *w, mote_hash_alg mh, const uint8_t *seed,
                       size_t seed_len, uint8_t *out, size_t len);
/* out = Hash(0x00 * 8 || mHash || salt). */
void mote_rsa_pss_hash(mote_rsa_pss_work *w, mote_hash_alg h, const uint8_t *hash,
                       size_t hash_len, const uint8_t *salt, size_t salt_len, uint8_t *out);

#endif /* MOTE_CRYPTO_RSA_PAD_H */
