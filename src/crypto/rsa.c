/*
 * RSA signature padding (RFC 8017): PKCS#1 v1.5 and PSS, verification and
 * signing, over the big-number core of rsa_core.h. Key checks on public
 * sizes happen here; everything secret is left to the core.
 */
#include <string.h>

#include "ct.h"
#include "mote/error.h"
#include "mote/rsa.h"
#include "rsa_core.h"

/* DigestInfo prefixes (RFC 8017 section 9.2, note 1): SEQUENCE {
 * AlgorithmIdentifier { OID, NULL }, OCTET STRING hash }. */
static const uint8_t di_sha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t di_sha384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
static const uint8_t di_sha512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};
#define DI_LEN 19

static const uint8_t *digest_info(mote_hash_alg h)
{
	switch (h) {
	case MOTE_HASH_SHA256:
		return di_sha256;
	case MOTE_HASH_SHA384:
		return di_sha384;
	case MOTE_HASH_SHA512:
		return di_sha512;
	default:
		return NULL;
	}
}

size_t mote_rsa_core_pub_scratch(const mote_rsa_core *c, size_t nbits)
{
	size_t lb = c->limb_bits / 8;
	return 4 * ((nbits + c->limb_bits - 1) / c->limb_bits) * lb;
}

size_t mote_rsa_core_priv_scratch(const mote_rsa_core *c, size_t nbits)
{
	size_t lb = c->limb_bits / 8;
	return 25 * (((nbits + 1) / 2 + c->limb_bits - 1) / c->limb_bits) * lb;
}

/* Skips leading zero bytes (public data). */
static size_t strip(const uint8_t **p, size_t len)
{
	while (len > 0 && **p == 0)
		(*p)++, len--;
	return len;
}

static size_t bit_length(const uint8_t *x, size_t len)
{
	size_t bits = 8 * len;
	for (uint8_t top = x[0]; !(top & 0x80); top <<= 1)
		bits--;
	return bits;
}

static int check_bits(size_t nbits)
{
	if (nbits > MOTE_RSA_MAX_BITS)
		return MOTE_ERR_KEY_TOO_LARGE;
	if (nbits < MOTE_RSA_MIN_BITS)
		return MOTE_ERR_RSA_KEY_TOO_SMALL;
	return 0;
}

/* e (stripped) odd, >= 3, and shorter than nlen bytes or below n. */
static int check_e(const uint8_t *e, size_t elen, const uint8_t *n, size_t nlen)
{
	if (elen == 0 || !(e[elen - 1] & 1) || (elen == 1 && e[0] == 1))
		return MOTE_ERR_BAD_KEY;
	if (elen > nlen || (elen == nlen && (n == NULL || memcmp(e, n, nlen) >= 0)))
		return MOTE_ERR_BAD_KEY;
	return 0;
}

static int check_hash(mote_hash_alg h, const uint8_t *hash, size_t hash_len)
{
	if (digest_info(h) == NULL)
		return MOTE_ERR_UNSUPPORTED;
	if (hash == NULL || hash_len != mote_hash_size(h))
		return MOTE_ERR_BAD_ARG;
	return 0;
}

/* The scratch aligned to 8 bytes, or NULL if fewer than need bytes remain. */
static uint8_t *align_scratch(void *scratch, size_t len, size_t need)
{
	size_t skip = (size_t)(-(uintptr_t)scratch & 7);

	if (scratch == NULL || len < skip || len - skip < need)
		return NULL;
	return (uint8_t *)scratch + skip;
}

/* Validates the key and signature and runs the public operation: *em
 * (at the start of the scratch) receives nlen = sig_len bytes. */
static int rsa_public(const mote_rsa_core *c, const mote_rsa_public_key *k, const uint8_t *sig,
                      size_t sig_len, void *scratch, size_t scratch_len, uint8_t **em,
                      size_t *nbits)
{
	const uint8_t *n, *e;
	size_t nlen, elen;
	int err;

	if (k == NULL || k->n == NULL || k->e == NULL || sig == NULL)
		return MOTE_ERR_BAD_ARG;
	n = k->n, e = k->e;
	nlen = strip(&n, k->n_len);
	elen = strip(&e, k->e_len);
	if (nlen == 0 || !(n[nlen - 1] & 1))
		return MOTE_ERR_BAD_KEY;
	*nbits = bit_length(n, nlen);
	if ((err = check_bits(*nbits)) != 0 || (err = check_e(e, elen, n, nlen)) != 0)
		return err;
	*em = align_scratch(scratch, scratch_len, mote_rsa_core_pub_scratch(c, *nbits));
	if (*em == NULL)
		return MOTE_ERR_SCRATCH_TOO_SMALL;
	/* RFC 8017 8.2.2 step 1 and 5.2.2 step 1: exact length, s < n. */
	if (sig_len != nlen || memcmp(sig, n, nlen) >= 0)
		return MOTE_ERR_BAD_SIGNATURE;
	c->pub(*em, n, nlen, (unsigned)*nbits, e, elen, sig, *em);
	return 0;
}

/* EMSA-PKCS1-v1_5 encoding of a hash into em[0..len). */
static void pkcs1_encode(uint8_t *em, size_t len, mote_hash_alg h, const uint8_t *hash,
                         size_t hash_len)
{
	size_t t = DI_LEN + hash_len;

	em[0] = 0x00;
	em[1] = 0x01;
	memset(em + 2, 0xFF, len - t - 3);
	em[len - t - 1] = 0x00;
	memcpy(em + len - t, digest_info(h), DI_LEN);
	memcpy(em + len - hash_len, hash, hash_len);
}

int mote_rsa_pkcs1_verify_with(const mote_rsa_core *c, const mote_rsa_public_key *k,
                               mote_hash_alg h, const uint8_t *hash, size_t hash_len,
                               const uint8_t *sig, size_t sig_len, void *scratch,
                               size_t scratch_len)
{
	uint8_t *em;
	size_t nbits;
	int err = check_hash(h, hash, hash_len);

	if (err == 0)
		err = rsa_public(c, k, sig, sig_len, scratch, scratch_len, &em, &nbits);
	if (err != 0)
		return err;
	/* The expected encoding goes right after em (scratch >= 4 * sig_len). */
	pkcs1_encode(em + sig_len, sig_len, h, hash, hash_len);
	return mote_ct_memeq(em, em + sig_len, sig_len) ? 0 : MOTE_ERR_BAD_SIGNATURE;
}

/* out[0..len) ^= MGF1(seed) with hash mh (RFC 8017 B.2.1). */
static void mgf1_xor(mote_hash_alg mh, const uint8_t *seed, size_t seed_len, uint8_t *out,
                     size_t len)
{
	uint8_t block[MOTE_HASH_MAX_SIZE], ctr[4] = {0, 0, 0, 0};
	size_t hl = mote_hash_size(mh);
	mote_hash_ctx hc;

	for (size_t off = 0; off < len; off += hl) {
		mote_hash_init(&hc, mh);
		mote_hash_update(&hc, seed, seed_len);
		mote_hash_update(&hc, ctr, 4);
		mote_hash_final(&hc, block);
		for (size_t i = 0; i < hl && off + i < len; i++)
			out[off + i] ^= block[i];
		for (int i = 3; i >= 0 && ++ctr[i] == 0; i--)
			;
	}
}

/* H = Hash(0x00 * 8 || mHash || salt). */
static void pss_hash(mote_hash_alg h, const uint8_t *hash, size_t hash_len, const uint8_t *salt,
                     size_t salt_len, uint8_t *out)
{
	static const uint8_t zeros[8] = {0};
	mote_hash_ctx hc;

	mote_hash_init(&hc, h);
	mote_hash_update(&hc, zeros, 8);
	mote_hash_update(&hc, hash, hash_len);
	mote_hash_update(&hc, salt, salt_len);
	mote_hash_final(&hc, out);
}

/* EMSA-PSS-VERIFY (RFC 8017 9.1.2) on em[0..emlen), emBits = 8 * emlen - zbits.
 * The message is public: plain comparisons are fine here. */
static int pss_check(uint8_t *em, size_t emlen, unsigned zbits, mote_hash_alg h,
                     mote_hash_alg mh, size_t salt_len, const uint8_t *hash, size_t hl)
{
	uint8_t hh[MOTE_HASH_MAX_SIZE];
	size_t dblen, i;

	if (emlen < hl + 2 || (salt_len != MOTE_RSA_PSS_SALT_ANY && emlen - hl - 2 < salt_len))
		return MOTE_ERR_BAD_SIGNATURE;
	if (em[emlen - 1] != 0xbc || (em[0] & (uint8_t)(0xFF00u >> zbits)) != 0)
		return MOTE_ERR_BAD_SIGNATURE;
	dblen = emlen - hl - 1;
	mgf1_xor(mh, em + dblen, hl, em, dblen);
	em[0] &= (uint8_t)(0xFFu >> zbits);
	for (i = 0; i < dblen && em[i] == 0; i++)
		;
	if (i == dblen || em[i] != 0x01)
		return MOTE_ERR_BAD_SIGNATURE;
	if (salt_len != MOTE_RSA_PSS_SALT_ANY && dblen - i - 1 != salt_len)
		return MOTE_ERR_BAD_SIGNATURE;
	pss_hash(h, hash, hl, em + i + 1, dblen - i - 1, hh);
	return memcmp(hh, em + dblen, hl) == 0 ? 0 : MOTE_ERR_BAD_SIGNATURE;
}

int mote_rsa_pss_verify_with(const mote_rsa_core *c, const mote_rsa_public_key *k,
                             mote_hash_alg h, mote_hash_alg mgf1_hash, size_t salt_len,
                             const uint8_t *hash, size_t hash_len, const uint8_t *sig,
                             size_t sig_len, void *scratch, size_t scratch_len)
{
	uint8_t *em;
	size_t nbits, emlen;
	int err = check_hash(h, hash, hash_len);

	if (err == 0 && digest_info(mgf1_hash) == NULL)
		err = MOTE_ERR_UNSUPPORTED;
	if (err == 0)
		err = rsa_public(c, k, sig, sig_len, scratch, scratch_len, &em, &nbits);
	if (err != 0)
		return err;
	/* emBits = modBits - 1: one byte shorter when modBits = 8j + 1, and
	 * then the representative's top byte must be zero (I2OSP). */
	emlen = (nbits - 1 + 7) / 8;
	if (emlen < sig_len && *em++ != 0)
		return MOTE_ERR_BAD_SIGNATURE;
	return pss_check(em, emlen, (unsigned)(8 * emlen - (nbits - 1)), h, mgf1_hash, salt_len,
	                 hash, hash_len);
}

int mote_rsa_pkcs1_verify(const mote_rsa_public_key *k, mote_hash_alg h, const uint8_t *hash,
                          size_t hash_len, const uint8_t *sig, size_t sig_len, void *scratch,
                          size_t scratch_len)
{
	return mote_rsa_pkcs1_verify_with(MOTE_RSA_CORE_DEFAULT, k, h, hash, hash_len, sig, sig_len,
	                                  scratch, scratch_len);
}

int mote_rsa_pss_verify(const mote_rsa_public_key *k, mote_hash_alg h, mote_hash_alg mgf1_hash,
                        size_t salt_len, const uint8_t *hash, size_t hash_len,
                        const uint8_t *sig, size_t sig_len, void *scratch, size_t scratch_len)
{
	return mote_rsa_pss_verify_with(MOTE_RSA_CORE_DEFAULT, k, h, mgf1_hash, salt_len, hash,
	                                hash_len, sig, sig_len, scratch, scratch_len);
}

/* Checks on the public sizes of a private key; *out = the key with e
 * stripped of leading zeros. e < n is ensured by e being shorter than n. */
static int check_private(const mote_rsa_private_key *k, mote_rsa_private_key *out)
{
	size_t nlen;
	int err;

	if (k == NULL || k->p == NULL || k->q == NULL || k->dp == NULL || k->dq == NULL ||
	    k->qinv == NULL || k->e == NULL)
		return MOTE_ERR_BAD_ARG;
	if ((err = check_bits(k->n_bits)) != 0)
		return err;
	*out = *k;
	nlen = (k->n_bits + 7) / 8;
	out->e_len = strip(&out->e, k->e_len);
	if ((err = check_e(out->e, out->e_len, NULL, nlen)) != 0)
		return err;
	if (k->dp_len > nlen || k->dq_len > nlen)
		return MOTE_ERR_BAD_KEY;
	return 0;
}

/* Common checks of both signing functions; *work = aligned scratch. */
static int sign_prep(const mote_rsa_core *c, const mote_rsa_private_key *k,
                     mote_rsa_private_key *k2, mote_hash_alg h, const uint8_t *hash,
                     size_t hash_len, const uint8_t *sig, size_t sig_len, void *scratch,
                     size_t scratch_len, mote_random_fn rng, uint8_t **work)
{
	int err = check_hash(h, hash, hash_len);

	if (err == 0)
		err = check_private(k, k2);
	if (err != 0)
		return err;
	if (sig == NULL || rng == NULL)
		return MOTE_ERR_BAD_ARG;
	if (sig_len < (k->n_bits + 7) / 8)
		return MOTE_ERR_BUFFER_TOO_SMALL;
	*work = align_scratch(scratch, scratch_len, mote_rsa_core_priv_scratch(c, k->n_bits));
	return *work == NULL ? MOTE_ERR_SCRATCH_TOO_SMALL : 0;
}

int mote_rsa_pkcs1_sign_with(const mote_rsa_core *c, const mote_rsa_private_key *k,
                             mote_hash_alg h, const uint8_t *hash, size_t hash_len, uint8_t *sig,
                             size_t sig_len, void *scratch, size_t scratch_len,
                             mote_random_fn rng, void *rng_arg)
{
	mote_rsa_private_key k2;
	uint8_t *work;
	int err = sign_prep(c, k, &k2, h, hash, hash_len, sig, sig_len, scratch, scratch_len, rng,
	                    &work);

	if (err != 0)
		return err;
	/* The encoded message lives in sig until the core replaces it. */
	pkcs1_encode(sig, (k->n_bits + 7) / 8, h, hash, hash_len);
	return c->priv(sig, &k2, sig, rng, rng_arg, work);
}

/* EMSA-PSS-ENCODE (RFC 8017 9.1.1) into em[0..emlen), zbits top bits clear. */
static int pss_encode(uint8_t *em, size_t emlen, unsigned zbits, mote_hash_alg h,
                      mote_hash_alg mh, size_t salt_len, const uint8_t *hash, size_t hl,
                      mote_random_fn rng, void *rng_arg)
{
	size_t dblen = emlen - hl - 1;
	uint8_t *salt = em + dblen - salt_len;
	int err = salt_len > 0 ? rng(rng_arg, salt, salt_len) : 0;

	if (err != 0)
		return err;
	pss_hash(h, hash, hl, salt, salt_len, em + dblen);
	memset(em, 0, dblen - salt_len - 1);
	em[dblen - salt_len - 1] = 0x01;
	mgf1_xor(mh, em + dblen, hl, em, dblen);
	em[0] &= (uint8_t)(0xFFu >> zbits);
	em[emlen - 1] = 0xbc;
	return 0;
}

int mote_rsa_pss_sign_with(const mote_rsa_core *c, const mote_rsa_private_key *k,
                           mote_hash_alg h, mote_hash_alg mgf1_hash, size_t salt_len,
                           const uint8_t *hash, size_t hash_len, uint8_t *sig, size_t sig_len,
                           void *scratch, size_t scratch_len, mote_random_fn rng,
                           void *rng_arg)
{
	mote_rsa_private_key k2;
	uint8_t *work, *em = sig;
	size_t nlen, emlen;
	int err = sign_prep(c, k, &k2, h, hash, hash_len, sig, sig_len, scratch, scratch_len, rng,
	                    &work);

	if (err == 0 && digest_info(mgf1_hash) == NULL)
		err = MOTE_ERR_UNSUPPORTED;
	if (err != 0)
		return err;
	nlen = (k->n_bits + 7) / 8;
	emlen = (k->n_bits - 1 + 7) / 8;
	if (salt_len == MOTE_RSA_PSS_SALT_ANY || salt_len > emlen - hash_len - 2)
		return MOTE_ERR_BAD_ARG;
	if (emlen < nlen)
		*em++ = 0;
	err = pss_encode(em, emlen, (unsigned)(8 * emlen - (k->n_bits - 1)), h, mgf1_hash, salt_len,
	                 hash, hash_len, rng, rng_arg);
	return err != 0 ? err : c->priv(sig, &k2, sig, rng, rng_arg, work);
}

int mote_rsa_pkcs1_sign(const mote_rsa_private_key *k, mote_hash_alg h, const uint8_t *hash,
                        size_t hash_len, uint8_t *sig, size_t sig_len, void *scratch,
                        size_t scratch_len, mote_random_fn rng, void *rng_arg)
{
	return mote_rsa_pkcs1_sign_with(MOTE_RSA_CORE_DEFAULT, k, h, hash, hash_len, sig, sig_len,
	                                scratch, scratch_len, rng, rng_arg);
}

int mote_rsa_pss_sign(const mote_rsa_private_key *k, mote_hash_alg h, mote_hash_alg mgf1_hash,
                      size_t salt_len, const uint8_t *hash, size_t hash_len, uint8_t *sig,
                      size_t sig_len, void *scratch, size_t scratch_len, mote_random_fn rng,
                      void *rng_arg)
{
	return mote_rsa_pss_sign_with(MOTE_RSA_CORE_DEFAULT, k, h, mgf1_hash, salt_len, hash,
	                              hash_len, sig, sig_len, scratch, scratch_len, rng, rng_arg);
}
