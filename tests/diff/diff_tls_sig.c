/*
 * CertificateVerify signature checks (src/tls/sigverify.c) against
 * signatures made by OpenSSL: ECDSA P-256/SHA-256 and P-384/SHA-384 (DER
 * signatures), RSA-PSS with rsaEncryption keys (2048 and 4096 bits,
 * SHA-256/384/512, salt = hash length, MGF1 with the same hash) and
 * Ed25519, over random CertificateVerify contents. Each valid signature
 * must pass; the same signature over a changed content, or a changed
 * signature, must give MOTE_ERR_BAD_CERT_VERIFY; a scheme that does not
 * fit the key MOTE_ERR_ILLEGAL_PARAMETER; RSA without scratch
 * MOTE_ERR_SCRATCH_TOO_SMALL and with the scratch marked busy
 * MOTE_ERR_STATE.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "mote/pkey.h"
#include "test.h"
#include "tls/tls_int.h"

static uint8_t scratch[MOTE_PK_SCRATCH_SIZE];

static size_t ossl_sign(EVP_PKEY *k, const EVP_MD *md, int pss, const uint8_t *msg, size_t len,
                        uint8_t *sig)
{
	EVP_MD_CTX *m = EVP_MD_CTX_new();
	EVP_PKEY_CTX *pc = NULL;
	size_t sl = 1024;

	EVP_DigestSignInit(m, &pc, md, NULL, k);
	if (pss) {
		EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PSS_PADDING);
		EVP_PKEY_CTX_set_rsa_pss_saltlen(pc, RSA_PSS_SALTLEN_DIGEST);
		EVP_PKEY_CTX_set_rsa_mgf1_md(pc, md);
	}
	if (EVP_DigestSign(m, sig, &sl, msg, len) != 1)
		sl = 0;
	EVP_MD_CTX_free(m);
	return sl;
}

struct scheme_case {
	uint16_t scheme;
	const char *kind;
	const EVP_MD *(*md)(void);
	int pss;
	int iters;
};

static EVP_PKEY *make_key(const char *kind)
{
	if (!strcmp(kind, "ec256"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	if (!strcmp(kind, "ec384"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-384");
	if (!strcmp(kind, "rsa2048"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
	if (!strcmp(kind, "rsa4096"))
		return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)4096);
	return EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
}

static int total;

static void run_case(const struct scheme_case *sc, mote_ctx *ctx)
{
	EVP_PKEY *k = make_key(sc->kind);
	unsigned char *spki = NULL;
	int spki_len = i2d_PUBKEY(k, &spki);
	uint8_t content[64 + 34 + 48], sig[1024];
	mote_pkey key;
	size_t sl = 0;

	CHECK_INT(mote_pkey_parse_spki(&key, spki, (size_t)spki_len), 0);
	for (int i = 0; i < sc->iters; i++) {
		test_rand_bytes(content, sizeof content);
		sl = ossl_sign(k, sc->md ? sc->md() : NULL, sc->pss, content, sizeof content, sig);
		CHECK(sl > 0);
		CHECK_INT(tls_sig_verify(ctx, sc->scheme, &key, content, sizeof content, sig, sl), 0);
		content[test_rand32() % sizeof content] ^= 1;
		CHECK_INT(tls_sig_verify(ctx, sc->scheme, &key, content, sizeof content, sig, sl),
		          MOTE_ERR_BAD_CERT_VERIFY);
		total++;
	}
	/* A changed signature byte. */
	sig[sl / 2] ^= 0x10;
	CHECK_INT(tls_sig_verify(ctx, sc->scheme, &key, content, sizeof content, sig, sl),
	          MOTE_ERR_BAD_CERT_VERIFY);
	/* Schemes that do not fit this key. */
	if (key.type != MOTE_PKEY_ED25519)
		CHECK_INT(tls_sig_verify(ctx, MOTE_SIG_ED25519, &key, content, sizeof content, sig, sl),
		          MOTE_ERR_ILLEGAL_PARAMETER);
	if (key.type != MOTE_PKEY_EC || key.u.ec.curve != MOTE_PKEY_CURVE_P256)
		CHECK_INT(tls_sig_verify(ctx, MOTE_SIG_ECDSA_SECP256R1_SHA256, &key, content,
		                         sizeof content, sig, sl),
		          MOTE_ERR_ILLEGAL_PARAMETER);
	if (key.type != MOTE_PKEY_RSA)
		CHECK_INT(tls_sig_verify(ctx, MOTE_SIG_RSA_PSS_RSAE_SHA256, &key, content,
		                         sizeof content, sig, sl),
		          MOTE_ERR_ILLEGAL_PARAMETER);
	CHECK_INT(tls_sig_verify(ctx, MOTE_SIG_RSA_PSS_PSS_SHA256, &key, content, sizeof content, sig,
	                         sl),
	          MOTE_ERR_ILLEGAL_PARAMETER);
	/* rsa_pkcs1_* (TLS 1.2 ServerKeyExchange): RSA keys only; a PSS
	 * signature is not a PKCS#1 v1.5 one. */
	if (key.type != MOTE_PKEY_RSA)
		CHECK_INT(tls_sig_verify(ctx, MOTE_SIG_RSA_PKCS1_SHA256, &key, content, sizeof content,
		                         sig, sl),
		          MOTE_ERR_ILLEGAL_PARAMETER);
	else if (sc->pss)
		CHECK_INT(tls_sig_verify(ctx, MOTE_SIG_RSA_PKCS1_SHA256, &key, content, sizeof content,
		                         sig, sl),
		          MOTE_ERR_BAD_CERT_VERIFY);
	if (key.type == MOTE_PKEY_RSA) {
		ctx->pk_busy = 1;
		CHECK_INT(tls_sig_verify(ctx, sc->scheme, &key, content, sizeof content, sig, sl),
		          MOTE_ERR_STATE);
		ctx->pk_busy = 0;
		ctx->pk_scratch_len = 100;
		CHECK_INT(tls_sig_verify(ctx, sc->scheme, &key, content, sizeof content, sig, sl),
		          MOTE_ERR_SCRATCH_TOO_SMALL);
		ctx->pk_scratch_len = sizeof scratch;
	}
	OPENSSL_free(spki);
	EVP_PKEY_free(k);
}

int main(void)
{
	static const struct scheme_case cases[] = {
		{MOTE_SIG_ECDSA_SECP256R1_SHA256, "ec256", EVP_sha256, 0, 200},
		{MOTE_SIG_ECDSA_SECP384R1_SHA384, "ec384", EVP_sha384, 0, 100},
		{MOTE_SIG_RSA_PSS_RSAE_SHA256, "rsa2048", EVP_sha256, 1, 50},
		{MOTE_SIG_RSA_PSS_RSAE_SHA384, "rsa2048", EVP_sha384, 1, 30},
		{MOTE_SIG_RSA_PSS_RSAE_SHA512, "rsa2048", EVP_sha512, 1, 30},
		{MOTE_SIG_RSA_PSS_RSAE_SHA256, "rsa4096", EVP_sha256, 1, 10},
		{MOTE_SIG_RSA_PKCS1_SHA256, "rsa2048", EVP_sha256, 0, 30},
		{MOTE_SIG_RSA_PKCS1_SHA384, "rsa2048", EVP_sha384, 0, 20},
		{MOTE_SIG_RSA_PKCS1_SHA512, "rsa4096", EVP_sha512, 0, 10},
		{MOTE_SIG_ED25519, "ed25519", NULL, 0, 200},
	};
	mote_ctx ctx = {0};

	test_rand_seed(443);
	mote_ctx_set_pk_scratch(&ctx, scratch, sizeof scratch);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(&cases[i], &ctx);
	printf("diff_tls_sig: %d OpenSSL signatures verified (and their corruptions rejected)\n",
	       total);
	return test_finish("diff_tls_sig");
}
