/*
 * Pieces shared by RSA verification and signing (internal, rsa_pad.h):
 * DigestInfo prefixes, checks on public sizes, EMSA-PKCS1-v1_5 encoding,
 * MGF1 and the PSS hash (RFC 8017).
 */
#include <string.h>

#include "mote/error.h"
#include "rsa_pad.h"

/* DigestInfo prefixes (RFC 8017 section 9.2, note 1): SEQUENCE {
 * AlgorithmIdentifier { OID, NULL }, OCTET STRING hash }. */
static const uint8_t di_sha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t di_sha384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
static const uint8_t di_sha512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};


const uint8_t *mote_rsa_digest_info(mote_hash_alg h)
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

/* Skips leading zero bytes (public data). */
size_t mote_rsa_strip(const uint8_t **p, size_t len)
{
	while (len > 0 && **p == 0)
		(*p)++, len--;
	return len;
}

size_t mote_rsa_bit_length(const uint8_t *x, size_t len)
{
	size_t bits = 8 * len;
	for (uint8_t top = x[0]; !(top & 0x80); top <<= 1)
		bits--;
	return bits;
}

int mote_rsa_check_bits(size_t nbits)
{
	if (nbits > MOTE_RSA_MAX_BITS)
		return MOTE_ERR_KEY_TOO_LARGE;
	if (nbits < MOTE_RSA_MIN_BITS)
		return MOTE_ERR_RSA_KEY_TOO_SMALL;
	return 0;
}

/* e (stripped) odd, >= 3, and shorter than nlen bytes or below n. */
int mote_rsa_check_e(const uint8_t *e, size_t elen, const uint8_t *n, size_t nlen)
{
	if (elen == 0 || !(e[elen - 1] & 1) || (elen == 1 && e[0] == 1))
		return MOTE_ERR_BAD_KEY;
	if (elen > nlen || (elen == nlen && (n == NULL || memcmp(e, n, nlen) >= 0)))
		return MOTE_ERR_BAD_KEY;
	return 0;
}

int mote_rsa_check_hash(mote_hash_alg h, const uint8_t *hash, size_t hash_len)
{
	if (mote_rsa_digest_info(h) == NULL)
		return MOTE_ERR_UNSUPPORTED;
	if (hash == NULL || hash_len != mote_hash_size(h))
		return MOTE_ERR_BAD_ARG;
	return 0;
}

/* The scratch aligned to 8 bytes, or NULL if fewer than need bytes remain. */
uint8_t *mote_rsa_align_scratch(void *scratch, size_t len, size_t need)
{
	size_t skip = (size_t)(-(uintptr_t)scratch & 7);

	if (scratch == NULL || len < skip || len - skip < need)
		return NULL;
	return (uint8_t *)scratch + skip;
}

/* EMSA-PKCS1-v1_5 encoding of a hash into em[0..len). */
void mote_rsa_pkcs1_encode(uint8_t *em, size_t len, mote_hash_alg h, const uint8_t *hash,
                         size_t hash_len)
{
	size_t t = MOTE_RSA_DI_LEN + hash_len;

	em[0] = 0x00;
	em[1] = 0x01;
	memset(em + 2, 0xFF, len - t - 3);
	em[len - t - 1] = 0x00;
	memcpy(em + len - t, mote_rsa_digest_info(h), MOTE_RSA_DI_LEN);
	memcpy(em + len - hash_len, hash, hash_len);
}

/* out[0..len) ^= MGF1(seed) with hash mh (RFC 8017 B.2.1). */
void mote_rsa_mgf1_xor(mote_rsa_pss_work *w, mote_hash_alg mh, const uint8_t *seed,
                     size_t seed_len, uint8_t *out, size_t len)
{
	uint8_t ctr[4] = {0, 0, 0, 0};
	size_t hl = mote_hash_size(mh);

	for (size_t off = 0; off < len; off += hl) {
		mote_hash_init(&w->hc, mh);
		mote_hash_update(&w->hc, seed, seed_len);
		mote_hash_update(&w->hc, ctr, 4);
		mote_hash_final(&w->hc, w->block);
		for (size_t i = 0; i < hl && off + i < len; i++)
			out[off + i] ^= w->block[i];
		for (int i = 3; i >= 0 && ++ctr[i] == 0; i--)
			;
	}
}

/* out = Hash(0x00 * 8 || mHash || salt). */
void mote_rsa_pss_hash(mote_rsa_pss_work *w, mote_hash_alg h, const uint8_t *hash, size_t hash_len,
                     const uint8_t *salt, size_t salt_len, uint8_t *out)
{
	static const uint8_t zeros[8] = {0};

	mote_hash_init(&w->hc, h);
	mote_hash_update(&w->hc, zeros, 8);
	mote_hash_update(&w->hc, hash, hash_len);
	mote_hash_update(&w->hc, salt, salt_len);
	mote_hash_final(&w->hc, out);
}

