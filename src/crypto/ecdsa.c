/* ECDSA verification (FIPS 186-4 6.4) and the hash-to-integer step shared
 * with signing. */
#include <string.h>

#include "ec_ops.h"
#include "mote/ec.h"
#include "mote/error.h"

void mote_ec_hash_to_e(const struct mote_ec_ops *ops, uint8_t *e, const uint8_t *hash,
                       size_t hash_len)
{
	/* n has exactly 8 * len bits for P-256 and P-384, so the leftmost
	 * bits of a long hash are its first len bytes. */
	if (hash_len >= ops->len) {
		memcpy(e, hash, ops->len);
	} else {
		memset(e, 0, ops->len - hash_len);
		if (hash_len)
			memcpy(e + ops->len - hash_len, hash, hash_len);
	}
}

int mote_ecdsa_verify_ops(const struct mote_ec_ops *ops, const uint8_t *pub, size_t pub_len,
                          const uint8_t *hash, size_t hash_len, const uint8_t *sig_rs,
                          size_t sig_len)
{
	uint8_t e[MOTE_EC_MAX_BYTES];

	if (pub_len != 2 * ops->len + 1 || pub[0] != 0x04)
		return MOTE_ERR_BAD_POINT;
	if (sig_len != 2 * ops->len)
		return MOTE_ERR_BAD_SIGNATURE;
	mote_ec_hash_to_e(ops, e, hash, hash_len);
	return ops->verify(pub + 1, e, sig_rs);
}

int mote_ecdsa_verify(mote_ec_curve c, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                      size_t hash_len, const uint8_t *sig_rs, size_t sig_len)
{
	const struct mote_ec_ops *ops = mote_ec_ops_get(c);

	return ops ? mote_ecdsa_verify_ops(ops, pub, pub_len, hash, hash_len, sig_rs, sig_len)
	           : MOTE_ERR_UNSUPPORTED;
}
