/*
 * P-256 / P-384 arithmetic cores (internal).
 *
 * One core per curve and limb width (ec_p256_ct64.c, ...): the same code,
 * ec_impl.h, compiled with different constants. The public functions in
 * ec.c and ecdsa.c pick the width chosen by MOTE_MUL_BITS; tests run every
 * core through the *_ops entry points below.
 *
 * All byte strings are big-endian, len bytes per coordinate or scalar.
 * Points are X||Y (2 * len bytes, no prefix).
 */
#ifndef MOTE_CRYPTO_EC_OPS_H
#define MOTE_CRYPTO_EC_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "mote/config.h"
#include "mote/ec.h"

struct mote_ec_ops {
	size_t len;           /* coordinate and scalar bytes: 32 or 48 */
	const uint8_t *order; /* the group order n, len bytes */
	/* shared_x = x(priv * peer). peer is public and checked: coordinates
	 * < p and on the curve, else MOTE_ERR_BAD_POINT. priv outside
	 * [1, n-1] gives MOTE_ERR_BAD_KEY and a zero output, decided without
	 * a secret-dependent branch. */
	int (*ecdh)(uint8_t *shared_x, const uint8_t *priv, const uint8_t *peer);
	/* pub = priv * G; MOTE_ERR_BAD_KEY as for ecdh. */
	int (*public_key)(uint8_t *pub, const uint8_t *priv);
	/* rs = ECDSA signature of e (the hash as a len-byte integer) with
	 * nonce k in [1, n-1] (not checked here). Returns all ones when r and
	 * s are both non-zero, else 0 (the caller must retry with another k);
	 * constant time in priv and k. */
	uint32_t (*sign)(uint8_t *rs, const uint8_t *priv, const uint8_t *e, const uint8_t *k);
	/* 0, MOTE_ERR_BAD_POINT or MOTE_ERR_BAD_SIGNATURE; variable time. */
	int (*verify)(const uint8_t *pub, const uint8_t *e, const uint8_t *rs);
};

#if defined(__SIZEOF_INT128__)
#define MOTE_EC_HAVE_CT64 1
extern const struct mote_ec_ops mote_ec_p256_ct64;
extern const struct mote_ec_ops mote_ec_p384_ct64;
#else
#define MOTE_EC_HAVE_CT64 0
#endif
extern const struct mote_ec_ops mote_ec_p256_ct32;
extern const struct mote_ec_ops mote_ec_p384_ct32;
extern const struct mote_ec_ops mote_ec_p256_ct16;
extern const struct mote_ec_ops mote_ec_p384_ct16;

/* The core MOTE_MUL_BITS selects for a curve, or NULL. */
const struct mote_ec_ops *mote_ec_ops_get(mote_ec_curve c);

/* The public functions of mote/ec.h on an explicit core (peer, pub and
 * signature formats as there). */
int mote_ecdh_ops(const struct mote_ec_ops *ops, uint8_t *shared_x, const uint8_t *priv,
                  const uint8_t *peer_point, size_t peer_len);
int mote_ec_keygen_ops(const struct mote_ec_ops *ops, uint8_t *priv, uint8_t *pub,
                       mote_random_fn rng, void *rng_arg);
int mote_ec_public_key_ops(const struct mote_ec_ops *ops, uint8_t *pub, const uint8_t *priv);
int mote_ecdsa_sign_ops(const struct mote_ec_ops *ops, uint8_t *sig_rs, const uint8_t *priv,
                        const uint8_t *hash, size_t hash_len, const uint8_t *extra,
                        size_t extra_len);
int mote_ecdsa_verify_ops(const struct mote_ec_ops *ops, const uint8_t *pub, size_t pub_len,
                          const uint8_t *hash, size_t hash_len, const uint8_t *sig_rs,
                          size_t sig_len);

/* All ones if x (len big-endian bytes) is in [1, n-1], else 0; constant
 * time. */
uint32_t mote_ec_scalar_valid(const struct mote_ec_ops *ops, const uint8_t *x);

/* e = the len-byte integer ECDSA signs for a hash: its leftmost 8 * len
 * bits (FIPS 186-4 6.4), left-padded with zeros when shorter. */
void mote_ec_hash_to_e(const struct mote_ec_ops *ops, uint8_t *e, const uint8_t *hash,
                       size_t hash_len);

#endif /* MOTE_CRYPTO_EC_OPS_H */
