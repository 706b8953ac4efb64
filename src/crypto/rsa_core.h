/*
 * RSA big-number core (internal): the raw public operation and the CRT
 * private operation, one instance per limb size (rsa_core_ct32.c,
 * rsa_core_ct64.c, from rsa_core_tmpl.h). The padding code in rsa.c runs
 * on either; the public functions use MOTE_RSA_CORE_DEFAULT and tests use
 * the *_with() entry points to run every variant.
 */
#ifndef MOTE_CRYPTO_RSA_CORE_H
#define MOTE_CRYPTO_RSA_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "bignum.h"
#include "mote/rsa.h"

typedef struct {
	unsigned limb_bits;
	/* out = x^e mod n as nlen bytes. n (nlen bytes, no leading zero,
	 * nbits bits), e (odd, >= 3, < n, no leading zero) and x (nlen bytes,
	 * < n) are checked by the caller. scratch: pub_scratch() bytes,
	 * limb-aligned; out may be the start of scratch (written last). */
	void (*pub)(uint8_t *out, const uint8_t *n, size_t nlen, unsigned nbits, const uint8_t *e,
	            size_t elen, const uint8_t *x, void *scratch);
	/* sig = em^d mod n via CRT with blinding and a public-exponent
	 * self-check; em (nlen bytes, < n) may be sig itself. Public sizes
	 * are checked by the caller. Returns 0, MOTE_ERR_BAD_KEY or
	 * MOTE_ERR_RSA_FAULT (computed without branches; sig zeroed on
	 * error), or the rng's error. The scratch is wiped. */
	int (*priv)(uint8_t *sig, const mote_rsa_private_key *key, const uint8_t *em,
	            mote_random_fn rng, void *rng_arg, void *scratch);
} mote_rsa_core;

extern const mote_rsa_core mote_rsa_core_ct32;
#if MOTE_BN_HAVE_64
extern const mote_rsa_core mote_rsa_core_ct64;
#endif

#if MOTE_BN_LIMB_BITS == 64
#define MOTE_RSA_CORE_DEFAULT (&mote_rsa_core_ct64)
#else
#define MOTE_RSA_CORE_DEFAULT (&mote_rsa_core_ct32)
#endif

/* Scratch bytes the core needs for an nbits-bit modulus (limb-aligned). */
size_t mote_rsa_core_pub_scratch(const mote_rsa_core *c, size_t nbits);
size_t mote_rsa_core_priv_scratch(const mote_rsa_core *c, size_t nbits);

/* The public functions of mote/rsa.h on an explicit core. */
int mote_rsa_pkcs1_verify_with(const mote_rsa_core *c, const mote_rsa_public_key *k,
                               mote_hash_alg h, const uint8_t *hash, size_t hash_len,
                               const uint8_t *sig, size_t sig_len, void *scratch,
                               size_t scratch_len);
int mote_rsa_pss_verify_with(const mote_rsa_core *c, const mote_rsa_public_key *k,
                             mote_hash_alg h, mote_hash_alg mgf1_hash, size_t salt_len,
                             const uint8_t *hash, size_t hash_len, const uint8_t *sig,
                             size_t sig_len, void *scratch, size_t scratch_len);
int mote_rsa_pkcs1_sign_with(const mote_rsa_core *c, const mote_rsa_private_key *k,
                             mote_hash_alg h, const uint8_t *hash, size_t hash_len, uint8_t *sig,
                             size_t sig_len, void *scratch, size_t scratch_len,
                             mote_random_fn rng, void *rng_arg);
int mote_rsa_pss_sign_with(const mote_rsa_core *c, const mote_rsa_private_key *k,
                           mote_hash_alg h, mote_hash_alg mgf1_hash, size_t salt_len,
                           const uint8_t *hash, size_t hash_len, uint8_t *sig, size_t sig_len,
                           void *scratch, size_t scratch_len, mote_random_fn rng,
                           void *rng_arg);

#endif /* MOTE_CRYPTO_RSA_CORE_H */
