/*
 * P-256 / P-384 against OpenSSL 3 libcrypto (EVP), on random keys:
 *   - public keys: Mote's priv * G equals OpenSSL's for OpenSSL's keys;
 *   - ECDH: Mote(priv_b, pub_a) equals OpenSSL(priv_a, pub_b), with b a
 *     Mote key pair, so each side also checks the other's public key;
 *   - ECDSA: Mote signatures (DER-encoded by Mote) verify in OpenSSL, and
 *     OpenSSL signatures (DER) parse and verify in Mote, over digests of
 *     random length 1..64 (both truncate to the order's bit length);
 *     a signature with one bit changed fails in Mote.
 * The public API (the configured core) runs thousands of rounds per curve;
 * the 32- and 16-bit cores fewer, through the same checks. Under
 * AddressSanitizer (unoptimised, 20-40x slower) every count is divided by
 * EC_SANITIZER_DIV.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <stdio.h>
#include <string.h>

#include "crypto/ec_ops.h"
#include "mote/ec.h"
#include "mote/error.h"
#include "test.h"

#define EC_SANITIZER_DIV (TEST_SANITIZED ? 10 : 1)

static const char *group_name(size_t len)
{
	return len == 32 ? "P-256" : "P-384";
}

/* An OpenSSL key from a Mote private scalar and/or public point. */
static EVP_PKEY *ossl_key(size_t len, const uint8_t *priv, const uint8_t *pub)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	EVP_PKEY *key = NULL;
	BIGNUM *bn = NULL;
	OSSL_PARAM *params;

	OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group_name(len), 0);
	if (priv) {
		bn = BN_bin2bn(priv, (int)len, NULL);
		OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, bn);
	}
	if (pub)
		OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, 2 * len + 1);
	params = OSSL_PARAM_BLD_to_param(bld);
	if (EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &key, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) <= 0)
		key = NULL;
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	EVP_PKEY_CTX_free(ctx);
	BN_free(bn);
	return key;
}

/* A fresh OpenSSL key pair, exported as scalar and uncompressed point. */
static EVP_PKEY *ossl_keygen(size_t len, uint8_t *priv, uint8_t *pub)
{
	EVP_PKEY *key = EVP_PKEY_Q_keygen(NULL, NULL, "EC", group_name(len));
	BIGNUM *bn = NULL;
	size_t n = 0;

	CHECK(key != NULL);
	CHECK(EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &bn) == 1);
	CHECK(BN_bn2binpad(bn, priv, (int)len) == (int)len);
	CHECK(EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, pub, 2 * len + 1,
	                                      &n) == 1);
	CHECK(n == 2 * len + 1 && pub[0] == 0x04);
	BN_free(bn);
	return key;
}

static size_t ossl_derive(EVP_PKEY *priv, EVP_PKEY *peer, uint8_t *out)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(priv, NULL);
	size_t n = MOTE_EC_MAX_BYTES;

	if (EVP_PKEY_derive_init(ctx) <= 0 || EVP_PKEY_derive_set_peer(ctx, peer) <= 0 ||
	    EVP_PKEY_derive(ctx, out, &n) <= 0)
		n = 0;
	EVP_PKEY_CTX_free(ctx);
	return n;
}

static int ossl_verify(EVP_PKEY *key, const uint8_t *der, size_t der_len, const uint8_t *h,
                       size_t hlen)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
	int ok = EVP_PKEY_verify_init(ctx) > 0 && EVP_PKEY_verify(ctx, der, der_len, h, hlen) == 1;

	EVP_PKEY_CTX_free(ctx);
	return ok;
}

static size_t ossl_sign(EVP_PKEY *key, uint8_t *der, const uint8_t *h, size_t hlen)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
	size_t n = MOTE_EC_MAX_DER_SIG;

	if (EVP_PKEY_sign_init(ctx) <= 0 || EVP_PKEY_sign(ctx, der, &n, h, hlen) <= 0)
		n = 0;
	EVP_PKEY_CTX_free(ctx);
	return n;
}

static int test_random(void *arg, uint8_t *out, size_t len)
{
	(void)arg;
	test_rand_bytes(out, len);
	return 0;
}

/* Mote signs with priv_b for OpenSSL's b_pub; OpenSSL signs with a for
 * Mote with pub_a; a digest of random length 1..64. */
static void diff_ecdsa(const struct mote_ec_ops *ops, EVP_PKEY *a, const uint8_t *pub_a,
                       EVP_PKEY *b_pub, const uint8_t *priv_b)
{
	size_t len = ops->len, hlen = 1 + test_rand32() % 64, der_len;
	mote_ec_curve c = len == 32 ? MOTE_EC_P256 : MOTE_EC_P384;
	uint8_t h[64], rs[MOTE_EC_MAX_SIG], der[MOTE_EC_MAX_DER_SIG];

	test_rand_bytes(h, hlen);
	CHECK_INT(mote_ecdsa_sign_ops(ops, rs, priv_b, h, hlen, NULL, 0), 0);
	der_len = sizeof der;
	CHECK_INT(mote_ecdsa_sig_to_der(c, der, &der_len, rs), 0);
	CHECK(ossl_verify(b_pub, der, der_len, h, hlen));

	der_len = ossl_sign(a, der, h, hlen);
	CHECK(der_len > 0);
	CHECK_INT(mote_ecdsa_sig_from_der(c, rs, der, der_len), 0);
	CHECK_INT(mote_ecdsa_verify_ops(ops, pub_a, 2 * len + 1, h, hlen, rs, 2 * len), 0);
	size_t bit = test_rand32() % (16 * len);
	rs[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	CHECK(mote_ecdsa_verify_ops(ops, pub_a, 2 * len + 1, h, hlen, rs, 2 * len) != 0);
}

/* An OpenSSL key pair a and a Mote key pair b: public keys and ECDH. */
static void diff_round(const struct mote_ec_ops *ops, int with_ecdsa)
{
	size_t len = ops->len;
	uint8_t pa[MOTE_EC_MAX_BYTES], qa[MOTE_EC_MAX_POINT], qa2[MOTE_EC_MAX_POINT];
	uint8_t pb[MOTE_EC_MAX_BYTES], qb[MOTE_EC_MAX_POINT];
	uint8_t s1[MOTE_EC_MAX_BYTES], s2[MOTE_EC_MAX_BYTES];
	EVP_PKEY *a = ossl_keygen(len, pa, qa), *b, *b_pub;

	CHECK_INT(mote_ec_public_key_ops(ops, qa2, pa), 0);
	CHECK_MEM(qa2, qa, 2 * len + 1);

	CHECK_INT(mote_ec_keygen_ops(ops, pb, qb, test_random, NULL), 0);
	b_pub = ossl_key(len, NULL, qb);
	b = ossl_key(len, pb, qb); /* OpenSSL checks the pair matches */
	CHECK(b_pub != NULL && b != NULL);
	CHECK_INT(mote_ecdh_ops(ops, s1, pb, qa, 2 * len + 1), 0);
	CHECK_INT(ossl_derive(a, b_pub, s2), len);
	CHECK_MEM(s1, s2, len);
	if (with_ecdsa)
		diff_ecdsa(ops, a, qa, b_pub, pb);
	EVP_PKEY_free(a);
	EVP_PKEY_free(b);
	EVP_PKEY_free(b_pub);
}

/* rounds key pairs (public keys, ECDH); ECDSA both ways in one round out
 * of ecdsa_every (OpenSSL's P-384 is slow enough to dominate otherwise). */
static void diff_core(const char *name, const struct mote_ec_ops *ops, int rounds,
                      int ecdsa_every)
{
	long before = test_failures();
	int signs = 0;

	rounds /= EC_SANITIZER_DIV;
	for (int i = 0; i < rounds; i++) {
		diff_round(ops, i % ecdsa_every == 0);
		signs += i % ecdsa_every == 0;
	}
	printf("%s P-%zu: %d key pairs (public key, ECDH), %d with ECDSA both ways, %ld failures\n",
	       name, 8 * ops->len, rounds, signs, test_failures() - before);
}

int main(void)
{
	test_rand_seed(0xD1FFEC);
	diff_core("api", mote_ec_ops_get(MOTE_EC_P256), 3000, 1);
	diff_core("api", mote_ec_ops_get(MOTE_EC_P384), 1000, 4);
	diff_core("ct32", &mote_ec_p256_ct32, 200, 1);
	diff_core("ct32", &mote_ec_p384_ct32, 100, 4);
	diff_core("ct16", &mote_ec_p256_ct16, 200, 1);
	diff_core("ct16", &mote_ec_p384_ct16, 100, 4);
	return test_finish("diff_ec");
}
