/* P-256 / P-384 key agreement and keys: encodings, checks and the choice
 * of arithmetic core (the arithmetic itself is in ec_impl.h). */
#include <string.h>

#include "ct.h"
#include "ec_ops.h"
#include "mote/config.h"
#include "mote/ec.h"
#include "mote/error.h"

#if MOTE_MUL_BITS == 64 && MOTE_EC_HAVE_CT64
#define EC_CORE_P256 mote_ec_p256_ct64
#define EC_CORE_P384 mote_ec_p384_ct64
#elif MOTE_MUL_BITS == 16
#define EC_CORE_P256 mote_ec_p256_ct16
#define EC_CORE_P384 mote_ec_p384_ct16
#else
#define EC_CORE_P256 mote_ec_p256_ct32
#define EC_CORE_P384 mote_ec_p384_ct32
#endif

const struct mote_ec_ops *mote_ec_ops_get(mote_ec_curve c)
{
	switch (c) {
	case MOTE_EC_P256:
		return &EC_CORE_P256;
#if MOTE_ENABLE_P384
	case MOTE_EC_P384:
		return &EC_CORE_P384;
#endif
	default:
		return NULL;
	}
}

size_t mote_ec_size(mote_ec_curve c)
{
	const struct mote_ec_ops *ops = mote_ec_ops_get(c);

	return ops ? ops->len : 0;
}

uint32_t mote_ec_scalar_valid(const struct mote_ec_ops *ops, const uint8_t *x)
{
	uint32_t borrow = 0, any = 0;

	/* borrow of x - n, from the least significant byte up */
	for (size_t i = ops->len; i-- > 0;) {
		borrow = ((uint32_t)x[i] - ops->order[i] - borrow) >> 31;
		any |= x[i];
	}
	return (0u - borrow) & ~mote_ct_is_zero(any);
}

int mote_ecdh_ops(const struct mote_ec_ops *ops, uint8_t *shared_x, const uint8_t *priv,
                  const uint8_t *peer_point, size_t peer_len)
{
	if (peer_len != 2 * ops->len + 1 || peer_point[0] != 0x04)
		return MOTE_ERR_BAD_POINT;
	return ops->ecdh(shared_x, priv, peer_point + 1);
}

int mote_ec_public_key_ops(const struct mote_ec_ops *ops, uint8_t *pub, const uint8_t *priv)
{
	pub[0] = 0x04;
	return ops->public_key(pub + 1, priv);
}

int mote_ec_keygen_ops(const struct mote_ec_ops *ops, uint8_t *priv, uint8_t *pub,
                       mote_random_fn rng, void *rng_arg)
{
	uint32_t ok;

	do {
		int err = rng(rng_arg, priv, ops->len);
		if (err) {
			mote_wipe(priv, ops->len);
			return err;
		}
		/* Public by design: a rejected draw (probability below 2^-32)
		 * reveals nothing about the accepted one. */
		ok = mote_ct_declassify32(mote_ec_scalar_valid(ops, priv));
	} while (!ok);
	return mote_ec_public_key_ops(ops, pub, priv);
}

int mote_ecdh(mote_ec_curve c, uint8_t *shared_x, const uint8_t *priv,
              const uint8_t *peer_point, size_t peer_len)
{
	const struct mote_ec_ops *ops = mote_ec_ops_get(c);

	return ops ? mote_ecdh_ops(ops, shared_x, priv, peer_point, peer_len)
	           : MOTE_ERR_UNSUPPORTED;
}

int mote_ec_keygen(mote_ec_curve c, uint8_t *priv, uint8_t *pub_uncompressed,
                   mote_random_fn rng, void *rng_arg)
{
	const struct mote_ec_ops *ops = mote_ec_ops_get(c);

	return ops ? mote_ec_keygen_ops(ops, priv, pub_uncompressed, rng, rng_arg)
	           : MOTE_ERR_UNSUPPORTED;
}

int mote_ec_public_key(mote_ec_curve c, uint8_t *pub_uncompressed, const uint8_t *priv)
{
	const struct mote_ec_ops *ops = mote_ec_ops_get(c);

	return ops ? mote_ec_public_key_ops(ops, pub_uncompressed, priv) : MOTE_ERR_UNSUPPORTED;
}
