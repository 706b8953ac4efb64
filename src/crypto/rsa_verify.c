/*
 * RSA signature verification (RFC 8017): RSASSA-PKCS1-v1_5, which rebuilds
 * the expected encoding and compares, and RSASSA-PSS. The signature is
 * public: plain comparisons are fine here.
 */
#include <string.h>

#include "ct.h"
#include "mote/error.h"
#include "mote/rsa.h"
#include "rsa_pad.h"

size_t mote_rsa_core_pub_scratch(const mote_rsa_pub_core *c, size_t nbits)
{
	size_t lb = c->limb_bits / 8;
	return 4 * ((nbits + c->limb_bits - 1) / c->limb_bits) * lb;
}

/* Validates the key and signature and runs the public operation: *em
 * (at the start of the scratch) receives nlen = sig_len bytes. */
static int rsa_public(const mote_rsa_pub_core *c, const mote_rsa_public_key *k, const uint8_t *sig,
                      size_t sig_len, void *scratch, size_t scratch_len, uint8_t **em,
                      size_t *nbits)
{
	const uint8_t *n, *e;
	size_t nlen, elen;
	int err;

	if (k == NULL || k->n == NULL || k->e == NULL || sig == NULL)
		return MOTE_ERR_BAD_ARG;
	n = k->n, e = k->e;
	nlen = mote_rsa_strip(&n, k->n_len);
	elen = mote_rsa_strip(&e, k->e_len);
	if (nlen == 0 || !(n[nlen - 1] & 1))
		return MOTE_ERR_BAD_KEY;
	*nbits = mote_rsa_bit_length(n, nlen);
	if ((err = mote_rsa_check_bits(*nbits)) != 0 ||
	    (err = mote_rsa_check_e(e, elen, n, nlen)) != 0)
		return err;
	*em = mote_rsa_align_scratch(scratch, scratch_len, mote_rsa_core_pub_scratch(c, *nbits));
	if (*em == NULL)
		return MOTE_ERR_SCRATCH_TOO_SMALL;
	/* RFC 8017 8.2.2 step 1 and 5.2.2 step 1: exact length, s < n. */
	if (sig_len != nlen || memcmp(sig, n, nlen) >= 0)
		return MOTE_ERR_BAD_SIGNATURE;
	c->op(*em, n, nlen, (unsigned)*nbits, e, elen, sig, *em);
	return 0;
}

int mote_rsa_pkcs1_verify_with(const mote_rsa_pub_core *c, const mote_rsa_public_key *k,
                               mote_hash_alg h, const uint8_t *hash, size_t hash_len,
                               const uint8_t *sig, size_t sig_len, void *scratch,
                               size_t scratch_len)
{
	uint8_t *em;
	size_t nbits;
	int err = mote_rsa_check_hash(h, hash, hash_len);

	if (err == 0)
		err = rsa_public(c, k, sig, sig_len, scratch, scratch_len, &em, &nbits);
	if (err != 0)
		return err;
	/* The expected encoding goes right after em (scratch >= 4 * sig_len). */
	mote_rsa_pkcs1_encode(em + sig_len, sig_len, h, hash, hash_len);
	return mote_ct_memeq(em, em + sig_len, sig_len) ? 0 : MOTE_ERR_BAD_SIGNATURE;
}

/* EMSA-PSS-VERIFY (RFC 8017 9.1.2) on em[0..emlen), emBits = 8 * emlen - zbits.
 * The message is public: plain comparisons are fine here. */
static int pss_check(mote_rsa_pss_work *w, uint8_t *em, size_t emlen, unsigned zbits,
                     mote_hash_alg h, mote_hash_alg mh, size_t salt_len, const uint8_t *hash,
                     size_t hl)
{
	size_t dblen, i;

	if (emlen < hl + 2 || (salt_len != MOTE_RSA_PSS_SALT_ANY && emlen - hl - 2 < salt_len))
		return MOTE_ERR_BAD_SIGNATURE;
	if (em[emlen - 1] != 0xbc || (em[0] & (uint8_t)(0xFF00u >> zbits)) != 0)
		return MOTE_ERR_BAD_SIGNATURE;
	dblen = emlen - hl - 1;
	mote_rsa_mgf1_xor(w, mh, em + dblen, hl, em, dblen);
	em[0] &= (uint8_t)(0xFFu >> zbits);
	for (i = 0; i < dblen && em[i] == 0; i++)
		;
	if (i == dblen || em[i] != 0x01)
		return MOTE_ERR_BAD_SIGNATURE;
	if (salt_len != MOTE_RSA_PSS_SALT_ANY && dblen - i - 1 != salt_len)
		return MOTE_ERR_BAD_SIGNATURE;
	mote_rsa_pss_hash(w, h, hash, hl, em + i + 1, dblen - i - 1, w->block);
	return memcmp(w->block, em + dblen, hl) == 0 ? 0 : MOTE_ERR_BAD_SIGNATURE;
}

int mote_rsa_pss_verify_with(const mote_rsa_pub_core *c, const mote_rsa_public_key *k,
                             mote_hash_alg h, mote_hash_alg mgf1_hash, size_t salt_len,
                             const uint8_t *hash, size_t hash_len, const uint8_t *sig,
                             size_t sig_len, void *scratch, size_t scratch_len)
{
	uint8_t *em;
	mote_rsa_pss_work *w;
	size_t nbits, emlen;
	int err = mote_rsa_check_hash(h, hash, hash_len);

	if (err == 0 && mote_rsa_digest_info(mgf1_hash) == NULL)
		err = MOTE_ERR_UNSUPPORTED;
	if (err == 0)
		err = rsa_public(c, k, sig, sig_len, scratch, scratch_len, &em, &nbits);
	if (err != 0)
		return err;
	/* The scratch past em (4 numbers of n's size) is free now. */
	w = (mote_rsa_pss_work *)(em + ((sig_len + 7) & ~(size_t)7));
	/* emBits = modBits - 1: one byte shorter when modBits = 8j + 1, and
	 * then the representative's top byte must be zero (I2OSP). */
	emlen = (nbits - 1 + 7) / 8;
	if (emlen < sig_len && *em++ != 0)
		return MOTE_ERR_BAD_SIGNATURE;
	return pss_check(w, em, emlen, (unsigned)(8 * emlen - (nbits - 1)), h, mgf1_hash, salt_len,
	                 hash, hash_len);
}

int mote_rsa_pkcs1_verify(const mote_rsa_public_key *k, mote_hash_alg h, const uint8_t *hash,
                          size_t hash_len, const uint8_t *sig, size_t sig_len, void *scratch,
                          size_t scratch_len)
{
	return mote_rsa_pkcs1_verify_with(MOTE_RSA_PUB_DEFAULT, k, h, hash, hash_len, sig, sig_len,
	                                  scratch, scratch_len);
}

int mote_rsa_pss_verify(const mote_rsa_public_key *k, mote_hash_alg h, mote_hash_alg mgf1_hash,
                        size_t salt_len, const uint8_t *hash, size_t hash_len,
                        const uint8_t *sig, size_t sig_len, void *scratch, size_t scratch_len)
{
	return mote_rsa_pss_verify_with(MOTE_RSA_PUB_DEFAULT, k, h, mgf1_hash, salt_len, hash,
	                                hash_len, sig, sig_len, scratch, scratch_len);
}

