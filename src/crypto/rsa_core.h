/*
 * RSA big-number cores (internal): the raw public operation and the CRT
 * private operation, one instance per limb size (rsa_pub_ct32.c, ...,
 * from rsa_pub_tmpl.h and rsa_priv_tmpl.h). The padding code
 * (rsa_verify.c, rsa_sign.c, rsa_pad.c) runs on any of them; the public
 * functions use the configured cores and tests use the *_with() entry
 * points to run every variant.
 */
#ifndef MOTE_CRYPTO_RSA_CORE_H
#define MOTE_CRYPTO_RSA_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "bignum.h"
#include "mote/rsa.h"

/* x^e mod n (verification). */
typedef struct {
	unsigned limb_bits;
	/* out = x^e mod n as nlen bytes. n (nlen bytes, no leading zero,
	 * nbits bits), e (odd, >= 3, < n) and x (nlen bytes, < n) are checked
	 * by the caller. scratch: mote_rsa_core_pub_scratch() bytes,
	 * limb-aligned; out may be the start of scratch (written last). */
	void (*op)(uint8_t *out, const uint8_t *n, size_t nlen, unsigned nbits, const uint8_t *e,
	           size_t elen, const uint8_t *x, void *scratch);
} mote_rsa_pub_core;

/* em^d mod n (signing); a separate object from the public operation so
 * that a verification-only program links neither it nor the inversion. */
typedef struct {
	unsigned limb_bits;
	/* sig = em^d mod n via CRT with blinding and a public-exponent
	 * self-check, exponent window of wbits (2..4) bits; em (nlen bytes,
	 * < n) may be sig itself. Public sizes are checked by the caller
	 * (key->e may have leading zero bytes). Returns 0, MOTE_ERR_BAD_KEY
	 * or MOTE_ERR_RSA_FAULT (computed without branches; sig zeroed on
	 * error), or the rng's error. The scratch is wiped. */
	int (*op)(uint8_t *sig, const mote_rsa_private_key *key, const uint8_t *em,
	          mote_random_fn rng, void *rng_arg, void *scratch, unsigned wbits);
} mote_rsa_priv_core;

extern const mote_rsa_pub_core mote_rsa_pub_ct32;
extern const mote_rsa_priv_core mote_rsa_priv_ct32;
#if MOTE_BN_HAVE_64
extern const mote_rsa_pub_core mote_rsa_pub_ct64;
extern const mote_rsa_priv_core mote_rsa_priv_ct64;
#endif

#if MOTE_BN_LIMB_BITS == 64
#define MOTE_RSA_PUB_DEFAULT (&mote_rsa_pub_ct64)
#define MOTE_RSA_PRIV_DEFAULT (&mote_rsa_priv_ct64)
#else
#define MOTE_RSA_PUB_DEFAULT (&mote_rsa_pub_ct32)
#define MOTE_RSA_PRIV_DEFAULT (&mote_rsa_priv_ct32)
#endif

/* Half-size slots the private operation needs with a window of wbits
 * (2, 3 or 4) bits. */
static inline size_t mote_rsa_priv_slots(unsigned wbits)
{
	return 9 + ((size_t)1 << wbits) > 13 ? 9 + ((size_t)1 << wbits) : 13;
}

/* Scratch bytes a core needs for an nbits-bit modulus (limb-aligned);
 * signing with a window of wbits bits. */
size_t mote_rsa_core_pub_scratch(const mote_rsa_pub_core *c, size_t nbits);
size_t mote_rsa_core_priv_scratch(const mote_rsa_priv_core *c, size_t nbits, unsigned wbits);

/* The public functions of mote/rsa.h on an explicit core. */
int mote_rsa_pkcs1_verify_with(const mote_rsa_pub_core *c, const mote_rsa_public_key *k,
                               mote_hash_alg h, const uint8_t *hash, size_t hash_len,
                               const uint8_t *sig, size_t sig_len, void *scratch,
                               size_t scratch_len);
int mote_rsa_pss_verify_with(const mote_rsa_pub_core *c, const mote_rsa_public_key *k,
                             mote_hash_alg h, mote_hash_alg mgf1_hash, size_t salt_len,
                             const uint8_t *hash, size_t hash_len, const uint8_t *sig,
                             size_t sig_len, void *scratch, size_t scratch_len);
int mote_rsa_pkcs1_sign_with(const mote_rsa_priv_core *c, const mote_rsa_private_key *k,
                             mote_hash_alg h, const uint8_t *hash, size_t hash_len, uint8_t *sig,
                             size_t sig_len, void *scratch, size_t scratch_len,
                             mote_random_fn rng, void *rng_arg);
int mote_rsa_pss_sign_with(const mote_rsa_priv_core *c, const mote_rsa_private_key *k,
                           mote_hash_alg h, mote_hash_alg mgf1_hash, size_t salt_len,
                           const uint8_t *hash, size_t hash_len, uint8_t *sig, size_t sig_len,
                           void *scratch, size_t scratch_len, mote_random_fn rng,
                           void *rng_arg);

#endif /* MOTE_CRYPTO_RSA_CORE_H */
