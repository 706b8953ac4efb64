/*
 * RSA signing (RFC 8017): RSASSA-PKCS1-v1_5 and RSASSA-PSS over the CRT
 * private core. The encoded message is built in the output buffer; only
 * public sizes are checked here, the key itself is left to the core.
 */
#include <string.h>

#include "mote/error.h"
#include "mote/rsa.h"
#include "rsa_pad.h"

size_t mote_rsa_core_priv_scratch(const mote_rsa_priv_core *c, size_t nbits, unsigned wbits)
{
	size_t lb = c->limb_bits / 8;
	return mote_rsa_priv_slots(wbits) * (((nbits + 1) / 2 + c->limb_bits - 1) / c->limb_bits) *
	       lb;
}

/* Checks on the public sizes of a private key. e < n is ensured by e
 * being shorter than n; the core accepts e with leading zero bytes. */
static int check_private(const mote_rsa_private_key *k)
{
	const uint8_t *e;
	size_t nlen, elen;
	int err;

	if (k == NULL || k->p == NULL || k->q == NULL || k->dp == NULL || k->dq == NULL ||
	    k->qinv == NULL || k->e == NULL)
		return MOTE_ERR_BAD_ARG;
	if ((err = mote_rsa_check_bits(k->n_bits)) != 0)
		return err;
	nlen = (k->n_bits + 7) / 8;
	e = k->e;
	elen = mote_rsa_strip(&e, k->e_len);
	if ((err = mote_rsa_check_e(e, elen, NULL, nlen)) != 0)
		return err;
	if (k->dp_len > nlen || k->dq_len > nlen)
		return MOTE_ERR_BAD_KEY;
	return 0;
}

/* Common checks of both signing functions; *work = aligned scratch and
 * *wbits = the widest exponent window (4, 3 or 2 bits) it has room for. */
static int sign_prep(const mote_rsa_priv_core *c, const mote_rsa_private_key *k, mote_hash_alg h,
                     const uint8_t *hash, size_t hash_len, const uint8_t *sig, size_t sig_len,
                     void *scratch, size_t scratch_len, mote_random_fn rng, uint8_t **work,
                     unsigned *wbits)
{
	int err = mote_rsa_check_hash(h, hash, hash_len);

	if (err == 0)
		err = check_private(k);
	if (err != 0)
		return err;
	if (sig == NULL || rng == NULL)
		return MOTE_ERR_BAD_ARG;
	if (sig_len < (k->n_bits + 7) / 8)
		return MOTE_ERR_BUFFER_TOO_SMALL;
	for (*wbits = 4; *wbits >= 2; --*wbits) {
		*work = mote_rsa_align_scratch(scratch, scratch_len,
		                      mote_rsa_core_priv_scratch(c, k->n_bits, *wbits));
		if (*work != NULL)
			return 0;
	}
	return MOTE_ERR_SCRATCH_TOO_SMALL;
}

int mote_rsa_pkcs1_sign_with(const mote_rsa_priv_core *c, const mote_rsa_private_key *k,
                             mote_hash_alg h, const uint8_t *hash, size_t hash_len, uint8_t *sig,
                             size_t sig_len, void *scratch, size_t scratch_len,
                             mote_random_fn rng, void *rng_arg)
{
	uint8_t *work;
	unsigned wbits;
	int err = sign_prep(c, k, h, hash, hash_len, sig, sig_len, scratch, scratch_len, rng, &work,
	                    &wbits);

	if (err != 0)
		return err;
	/* The encoded message lives in sig until the core replaces it. */
	mote_rsa_pkcs1_encode(sig, (k->n_bits + 7) / 8, h, hash, hash_len);
	return c->op(sig, k, sig, rng, rng_arg, work, wbits);
}

/* EMSA-PSS-ENCODE (RFC 8017 9.1.1) into em[0..emlen), zbits top bits clear. */
static int pss_encode(mote_rsa_pss_work *w, uint8_t *em, size_t emlen, unsigned zbits,
                      mote_hash_alg h, mote_hash_alg mh, size_t salt_len, const uint8_t *hash,
                      size_t hl, mote_random_fn rng, void *rng_arg)
{
	size_t dblen = emlen - hl - 1;
	uint8_t *salt = em + dblen - salt_len;
	int err = salt_len > 0 ? rng(rng_arg, salt, salt_len) : 0;

	if (err != 0)
		return err;
	mote_rsa_pss_hash(w, h, hash, hl, salt, salt_len, em + dblen);
	memset(em, 0, dblen - salt_len - 1);
	em[dblen - salt_len - 1] = 0x01;
	mote_rsa_mgf1_xor(w, mh, em + dblen, hl, em, dblen);
	em[0] &= (uint8_t)(0xFFu >> zbits);
	em[emlen - 1] = 0xbc;
	return 0;
}

int mote_rsa_pss_sign_with(const mote_rsa_priv_core *c, const mote_rsa_private_key *k,
                           mote_hash_alg h, mote_hash_alg mgf1_hash, size_t salt_len,
                           const uint8_t *hash, size_t hash_len, uint8_t *sig, size_t sig_len,
                           void *scratch, size_t scratch_len, mote_random_fn rng,
                           void *rng_arg)
{
	uint8_t *work, *em = sig;
	size_t nlen, emlen;
	unsigned wbits;
	int err = sign_prep(c, k, h, hash, hash_len, sig, sig_len, scratch, scratch_len, rng, &work,
	                    &wbits);

	if (err == 0 && mote_rsa_digest_info(mgf1_hash) == NULL)
		err = MOTE_ERR_UNSUPPORTED;
	if (err != 0)
		return err;
	nlen = (k->n_bits + 7) / 8;
	emlen = (k->n_bits - 1 + 7) / 8;
	if (salt_len == MOTE_RSA_PSS_SALT_ANY || salt_len > emlen - hash_len - 2)
		return MOTE_ERR_BAD_ARG;
	if (emlen < nlen)
		*em++ = 0;
	/* The scratch is all free before the core runs. */
	err = pss_encode((mote_rsa_pss_work *)work, em, emlen,
	                 (unsigned)(8 * emlen - (k->n_bits - 1)), h, mgf1_hash, salt_len, hash,
	                 hash_len, rng, rng_arg);
	return err != 0 ? err : c->op(sig, k, sig, rng, rng_arg, work, wbits);
}

int mote_rsa_pkcs1_sign(const mote_rsa_private_key *k, mote_hash_alg h, const uint8_t *hash,
                        size_t hash_len, uint8_t *sig, size_t sig_len, void *scratch,
                        size_t scratch_len, mote_random_fn rng, void *rng_arg)
{
	return mote_rsa_pkcs1_sign_with(MOTE_RSA_PRIV_DEFAULT, k, h, hash, hash_len, sig, sig_len,
	                                scratch, scratch_len, rng, rng_arg);
}

int mote_rsa_pss_sign(const mote_rsa_private_key *k, mote_hash_alg h, mote_hash_alg mgf1_hash,
                      size_t salt_len, const uint8_t *hash, size_t hash_len, uint8_t *sig,
                      size_t sig_len, void *scratch, size_t scratch_len, mote_random_fn rng,
                      void *rng_arg)
{
	return mote_rsa_pss_sign_with(MOTE_RSA_PRIV_DEFAULT, k, h, mgf1_hash, salt_len, hash,
	                              hash_len, sig, sig_len, scratch, scratch_len, rng, rng_arg);
}
