/*
 * SHA-2, HMAC, HKDF, HKDF-Expand-Label and the TLS 1.2 PRF against
 * OpenSSL 3 libcrypto, on random inputs.
 *
 * Hashes: random lengths 0..2000 fed in up to four pieces at random split
 * points. HMAC: key lengths 0..300 (beyond both block sizes). HKDF:
 * EVP_KDF "HKDF" (extract+expand, and expand-only with an HkdfLabel built
 * here byte by byte for Expand-Label). TLS 1.2 PRF: EVP_KDF "TLS1-PRF".
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <stdio.h>
#include <string.h>

#include "mote/hash.h"
#include "mote/hmac.h"
#include "mote/kdf.h"
#include "test.h"

static const mote_hash_alg algs[] = {MOTE_HASH_SHA256, MOTE_HASH_SHA384, MOTE_HASH_SHA512};

static const EVP_MD *ossl_md(mote_hash_alg alg)
{
	return alg == MOTE_HASH_SHA256 ? EVP_sha256()
	       : alg == MOTE_HASH_SHA384 ? EVP_sha384()
	                                 : EVP_sha512();
}

static const char *ossl_name(mote_hash_alg alg)
{
	return alg == MOTE_HASH_SHA256 ? "SHA256" : alg == MOTE_HASH_SHA384 ? "SHA384" : "SHA512";
}

static size_t rand_below(size_t n)
{
	return n ? test_rand32() % n : 0;
}

static void diff_hashes(void)
{
	static uint8_t msg[2000];
	uint8_t got[64], want[64];
	unsigned int wl;
	long n = 0;

	for (int i = 0; i < 3000; i++) {
		mote_hash_alg alg = algs[i % 3];
		size_t len = rand_below(sizeof msg + 1);
		size_t cut[5] = {0, 0, 0, 0, len};
		mote_hash_ctx ctx;

		test_rand_bytes(msg, len);
		/* Three sorted random cut points split the message in four. */
		for (int k = 1; k < 4; k++)
			cut[k] = rand_below(len + 1);
		for (int k = 1; k < 4; k++)
			for (int m = k + 1; m < 4; m++)
				if (cut[m] < cut[k]) {
					size_t t = cut[k];
					cut[k] = cut[m];
					cut[m] = t;
				}
		mote_hash_init(&ctx, alg);
		for (int k = 0; k < 4; k++)
			mote_hash_update(&ctx, msg + cut[k], cut[k + 1] - cut[k]);
		mote_hash_final(&ctx, got);
		CHECK(EVP_Digest(msg, len, want, &wl, ossl_md(alg), NULL) == 1);
		CHECK_INT(wl, mote_hash_size(alg));
		CHECK_MEM(got, want, wl);
		n++;
	}
	printf("diff_hash: %ld SHA-2 digests (lengths 0..2000, 4-way splits)\n", n);
}

static void diff_hmac(void)
{
	static uint8_t key[300], msg[700];
	uint8_t got[64], want[64];
	unsigned int wl;
	long n = 0;

	for (int i = 0; i < 1500; i++) {
		mote_hash_alg alg = algs[i % 3];
		size_t kl = rand_below(sizeof key + 1);
		size_t ml = rand_below(sizeof msg + 1);
		size_t split = rand_below(ml + 1);
		mote_hmac_ctx ctx;

		test_rand_bytes(key, kl);
		test_rand_bytes(msg, ml);
		mote_hmac_init(&ctx, alg, key, kl);
		mote_hmac_update(&ctx, msg, split);
		mote_hmac_update(&ctx, msg + split, ml - split);
		mote_hmac_final(&ctx, got);
		CHECK(HMAC(ossl_md(alg), key, (int)kl, msg, ml, want, &wl) != NULL);
		CHECK_INT(wl, mote_hash_size(alg));
		CHECK_MEM(got, want, wl);
		n++;
	}
	printf("diff_hash: %ld HMACs (keys 0..300 bytes)\n", n);
}

/* OpenSSL HKDF in the given mode; salt/ikm ignored for expand-only. */
static int ossl_hkdf(mote_hash_alg alg, int mode, const uint8_t *salt, size_t sl,
                     const uint8_t *key, size_t kl, const uint8_t *info, size_t il, uint8_t *out,
                     size_t ol)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *kctx = EVP_KDF_CTX_new(kdf);
	OSSL_PARAM p[6], *q = p;
	int ok;

	*q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)ossl_name(alg), 0);
	*q++ = OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, kl);
	if (mode != EVP_KDF_HKDF_MODE_EXPAND_ONLY)
		*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, sl);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, il);
	*q = OSSL_PARAM_construct_end();
	ok = EVP_KDF_derive(kctx, out, ol, p) == 1;
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	return ok;
}

static void diff_hkdf(void)
{
	static uint8_t salt[200], ikm[200], info[200], got[1000], want[1000];
	uint8_t prk[64];
	long n = 0;

	for (int i = 0; i < 1500; i++) {
		mote_hash_alg alg = algs[i % 3];
		size_t sl = rand_below(sizeof salt + 1), kl = rand_below(sizeof ikm + 1);
		size_t il = rand_below(sizeof info + 1), ol = 1 + rand_below(sizeof got);

		test_rand_bytes(salt, sl);
		test_rand_bytes(ikm, kl);
		test_rand_bytes(info, il);
		mote_hkdf_extract(alg, salt, sl, ikm, kl, prk);
		CHECK_INT(mote_hkdf_expand(alg, prk, mote_hash_size(alg), info, il, got, ol), 0);
		CHECK(ossl_hkdf(alg, EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND, salt, sl, ikm, kl, info,
		                il, want, ol));
		CHECK_MEM(got, want, ol);
		n++;
	}
	printf("diff_hash: %ld HKDF extract+expand\n", n);
}

/* HKDF-Expand-Label: OpenSSL expand-only over an HkdfLabel built here. */
static void diff_expand_label(void)
{
	static const char *labels[] = {"key", "iv", "finished", "derived", "c hs traffic",
	                               "s ap traffic", "res master", "resumption"};
	uint8_t secret[64], ctx[64], hl_info[2 + 1 + 255 + 1 + 255], got[80], want[80];
	long n = 0;

	for (int i = 0; i < 1500; i++) {
		mote_hash_alg alg = algs[i % 3];
		size_t hl = mote_hash_size(alg);
		const char *label = labels[rand_below(8)];
		size_t ll = strlen(label), cl = rand_below(hl + 1), ol = 1 + rand_below(sizeof got);
		size_t il = 0;

		test_rand_bytes(secret, hl);
		test_rand_bytes(ctx, cl);
		hl_info[il++] = (uint8_t)(ol >> 8);
		hl_info[il++] = (uint8_t)ol;
		hl_info[il++] = (uint8_t)(6 + ll);
		memcpy(hl_info + il, "tls13 ", 6);
		il += 6;
		memcpy(hl_info + il, label, ll);
		il += ll;
		hl_info[il++] = (uint8_t)cl;
		memcpy(hl_info + il, ctx, cl);
		il += cl;
		CHECK_INT(mote_hkdf_expand_label(alg, secret, hl, label, ctx, cl, got, ol), 0);
		CHECK(ossl_hkdf(alg, EVP_KDF_HKDF_MODE_EXPAND_ONLY, NULL, 0, secret, hl, hl_info,
		                il, want, ol));
		CHECK_MEM(got, want, ol);
		n++;
	}
	printf("diff_hash: %ld HKDF-Expand-Label\n", n);
}

static int ossl_tls1_prf(mote_hash_alg alg, const uint8_t *secret, size_t sl, const char *label,
                         const uint8_t *seed, size_t dl, uint8_t *out, size_t ol)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "TLS1-PRF", NULL);
	EVP_KDF_CTX *kctx = EVP_KDF_CTX_new(kdf);
	OSSL_PARAM p[5];
	int ok;

	/* Several seed parameters are concatenated: label, then seed. */
	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)ossl_name(alg), 0);
	p[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET, (void *)secret, sl);
	p[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, (void *)label, strlen(label));
	p[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, (void *)seed, dl);
	p[4] = OSSL_PARAM_construct_end();
	ok = EVP_KDF_derive(kctx, out, ol, p) == 1;
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	return ok;
}

static void diff_tls12_prf(void)
{
	static const char *labels[] = {"master secret", "extended master secret", "key expansion",
	                               "client finished", "server finished", "test label"};
	static uint8_t secret[200], seed[200], got[300], want[300];
	long n = 0;

	for (int i = 0; i < 1500; i++) {
		mote_hash_alg alg = i & 1 ? MOTE_HASH_SHA384 : MOTE_HASH_SHA256;
		const char *label = labels[rand_below(6)];
		size_t sl = 1 + rand_below(sizeof secret), dl = 1 + rand_below(sizeof seed);
		size_t ol = 1 + rand_below(sizeof got);

		test_rand_bytes(secret, sl);
		test_rand_bytes(seed, dl);
		CHECK_INT(mote_tls12_prf(alg, secret, sl, label, seed, dl, got, ol), 0);
		CHECK(ossl_tls1_prf(alg, secret, sl, label, seed, dl, want, ol));
		CHECK_MEM(got, want, ol);
		n++;
	}
	printf("diff_hash: %ld TLS 1.2 PRF (SHA-256, SHA-384)\n", n);
}

/* The published SHA-256 PRF vector, through OpenSSL: confirms the vector
 * in test_hmac_kdf.c independently of Mote. */
static void diff_prf_vector(void)
{
	uint8_t secret[16], seed[16], want[100], got[100];

	test_unhex("9bbe436ba940f017b17652849a71db35", secret, 16);
	test_unhex("a0ba9f936cda311827a6f796ffd5198c", seed, 16);
	test_unhex("e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
	           "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
	           "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
	           "87347b66",
	           want, 100);
	CHECK(ossl_tls1_prf(MOTE_HASH_SHA256, secret, 16, "test label", seed, 16, got, 100));
	CHECK_MEM(got, want, 100);
}

int main(void)
{
	test_rand_seed(0x4a5b);
	diff_hashes();
	diff_hmac();
	diff_hkdf();
	diff_expand_label();
	diff_tls12_prf();
	diff_prf_vector();
	return test_finish("diff_hash");
}
