/*
 * OpenSSL 3 (libcrypto, EVP API). Also the reference every other
 * library's symmetric output is compared with.
 *
 * Algorithms are fetched once at setup, so the timed calls do not include
 * provider look-ups. Contexts are opaque heap objects: no sizes reported.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "bench.h"

/* ---- AEAD ---- */

struct aead_st {
	EVP_CIPHER_CTX *enc, *dec;
};

static const char *cipher_name(const char *alg)
{
	if (strcmp(alg, "aes-128-gcm") == 0)
		return "AES-128-GCM";
	if (strcmp(alg, "aes-256-gcm") == 0)
		return "AES-256-GCM";
	return "ChaCha20-Poly1305";
}

static void aead_cleanup(void *p)
{
	struct aead_st *st = p;

	EVP_CIPHER_CTX_free(st->enc);
	EVP_CIPHER_CTX_free(st->dec);
	free(st);
}

static void *aead_setup(const char *alg, const uint8_t *key, const char **why)
{
	struct aead_st *st = calloc(1, sizeof(*st));
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, cipher_name(alg), NULL);

	if (st == NULL || c == NULL)
		goto fail;
	st->enc = EVP_CIPHER_CTX_new();
	st->dec = EVP_CIPHER_CTX_new();
	if (st->enc == NULL || st->dec == NULL ||
	    EVP_EncryptInit_ex2(st->enc, c, key, NULL, NULL) != 1 ||
	    EVP_DecryptInit_ex2(st->dec, c, key, NULL, NULL) != 1)
		goto fail;
	EVP_CIPHER_free(c);
	return st;
fail:
	EVP_CIPHER_free(c);
	if (st != NULL)
		aead_cleanup(st);
	*why = "EVP cipher setup failed";
	return NULL;
}

static void *gcm128_setup(const uint8_t *key, size_t key_len, const char **why)
{
	return aead_setup("aes-128-gcm", key, why);
}

static void *gcm256_setup(const uint8_t *key, size_t key_len, const char **why)
{
	return aead_setup("aes-256-gcm", key, why);
}

static void *chapo_setup(const uint8_t *key, size_t key_len, const char **why)
{
	return aead_setup("chacha20-poly1305", key, why);
}

static int aead_seal(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                     uint8_t *buf, size_t len, uint8_t *tag)
{
	struct aead_st *st = p;
	int n;

	if (EVP_EncryptInit_ex2(st->enc, NULL, NULL, nonce, NULL) != 1 ||
	    EVP_EncryptUpdate(st->enc, NULL, &n, aad, (int)aad_len) != 1 ||
	    EVP_EncryptUpdate(st->enc, buf, &n, buf, (int)len) != 1 ||
	    EVP_EncryptFinal_ex(st->enc, buf + n, &n) != 1 ||
	    EVP_CIPHER_CTX_ctrl(st->enc, EVP_CTRL_AEAD_GET_TAG, BENCH_TAG_LEN, tag) != 1)
		return -1;
	return 0;
}

static int aead_open(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                     const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag)
{
	struct aead_st *st = p;
	int n;

	if (EVP_DecryptInit_ex2(st->dec, NULL, NULL, nonce, NULL) != 1 ||
	    EVP_DecryptUpdate(st->dec, NULL, &n, aad, (int)aad_len) != 1 ||
	    EVP_DecryptUpdate(st->dec, pt, &n, ct, (int)len) != 1 ||
	    EVP_CIPHER_CTX_ctrl(st->dec, EVP_CTRL_AEAD_SET_TAG, BENCH_TAG_LEN, (void *)tag) != 1 ||
	    EVP_DecryptFinal_ex(st->dec, pt + n, &n) != 1)
		return -1;
	return 0;
}

static const struct bench_aead aeads[] = {
	{"aes-128-gcm", 16, gcm128_setup, aead_seal, aead_open, aead_cleanup},
	{"aes-256-gcm", 32, gcm256_setup, aead_seal, aead_open, aead_cleanup},
	{"chacha20-poly1305", 32, chapo_setup, aead_seal, aead_open, aead_cleanup},
};

/* ---- SHA-256 ---- */

struct hash_st {
	EVP_MD *md;
	EVP_MD_CTX *ctx;
};

static void hash_cleanup(void *p)
{
	struct hash_st *st = p;

	EVP_MD_CTX_free(st->ctx);
	EVP_MD_free(st->md);
	free(st);
}

static void *sha256_setup(const char **why)
{
	struct hash_st *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	st->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	st->ctx = EVP_MD_CTX_new();
	if (st->md == NULL || st->ctx == NULL) {
		hash_cleanup(st);
		*why = "EVP digest setup failed";
		return NULL;
	}
	return st;
}

static int sha256_run(void *p, const uint8_t *data, size_t len, uint8_t *out)
{
	struct hash_st *st = p;
	unsigned int n;

	if (EVP_DigestInit_ex2(st->ctx, st->md, NULL) != 1 ||
	    EVP_DigestUpdate(st->ctx, data, len) != 1 || EVP_DigestFinal_ex(st->ctx, out, &n) != 1)
		return -1;
	return 0;
}

static const struct bench_hash hashes[] = {
	{"sha256", 32, sha256_setup, sha256_run, hash_cleanup},
};

static const struct bench_ctx_size ctx_sizes[] = {
	{"ctx-aes-128-gcm", 0, "opaque heap objects (EVP_CIPHER_CTX)"},
	{"ctx-aes-256-gcm", 0, "opaque heap objects (EVP_CIPHER_CTX)"},
	{"ctx-chacha20-poly1305", 0, "opaque heap objects (EVP_CIPHER_CTX)"},
	{"ctx-sha256", 0, "opaque heap objects (EVP_MD_CTX)"},
	{"ctx-sha384", 0, "opaque heap objects (EVP_MD_CTX)"},
};

/* ---- public key: one state for every operation ---- */

struct pk_st {
	EVP_PKEY *key, *peer;
	EVP_PKEY_CTX *ctx;
	EVP_MD_CTX *md; /* Ed25519 */
	const uint8_t *in, *sig, *expect;
	size_t in_len, sig_len, expect_len;
	uint8_t out[1024];
};

static void pk_cleanup(void *p)
{
	struct pk_st *st = p;

	EVP_PKEY_CTX_free(st->ctx);
	EVP_MD_CTX_free(st->md);
	EVP_PKEY_free(st->key);
	EVP_PKEY_free(st->peer);
	free(st);
}

static EVP_PKEY *load_key(const struct bench_fixture *fx, const char *field, int private)
{
	size_t len;
	const uint8_t *der = bench_fx_ptr(fx, field, &len);

	return private ? d2i_AutoPrivateKey(NULL, &der, (long)len)
	               : d2i_PUBKEY(NULL, &der, (long)len);
}

static void *pk_fail(struct pk_st *st, const char **why, const char *msg)
{
	pk_cleanup(st);
	*why = msg;
	return NULL;
}

static int is_rsa(const struct bench_fixture *fx)
{
	return strncmp(bench_fx_name(fx), "rsa", 3) == 0;
}

/* RSA contexts need PKCS#1 v1.5 padding and the digest named. */
static int rsa_params(EVP_PKEY_CTX *ctx)
{
	return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 &&
	       EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256()) == 1;
}

static int derive_run(void *p)
{
	struct pk_st *st = p;
	size_t n = sizeof(st->out);

	if (EVP_PKEY_derive(st->ctx, st->out, &n) != 1 || n != st->expect_len)
		return -1;
	return bench_memcmp(st->out, st->expect, n);
}

static void *derive_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	st->key = load_key(fx, "priv_der", 1);
	st->peer = load_key(fx, "peer_pub_der", 0);
	st->expect = bench_fx_ptr(fx, "shared", &st->expect_len);
	if (st->key == NULL || st->peer == NULL)
		return pk_fail(st, why, "key import failed");
	st->ctx = EVP_PKEY_CTX_new_from_pkey(NULL, st->key, NULL);
	if (st->ctx == NULL || EVP_PKEY_derive_init(st->ctx) != 1 ||
	    EVP_PKEY_derive_set_peer(st->ctx, st->peer) != 1 || derive_run(st) != 0)
		return pk_fail(st, why, "FAILED: shared secret differs from the fixture");
	return st;
}

static int sign_run(void *p)
{
	struct pk_st *st = p;
	size_t n = sizeof(st->out);

	return EVP_PKEY_sign(st->ctx, st->out, &n, st->in, st->in_len) == 1 ? 0 : -1;
}

static int verify_run(void *p)
{
	struct pk_st *st = p;

	return EVP_PKEY_verify(st->ctx, st->sig, st->sig_len, st->in, st->in_len) == 1 ? 0 : -1;
}

/* The signature sign_run produced must verify under the public key (and
 * for RSA PKCS#1 v1.5, which is deterministic, equal the fixture's). */
static int sign_check(struct pk_st *st, const struct bench_fixture *fx)
{
	size_t n = sizeof(st->out);
	EVP_PKEY_CTX *v = EVP_PKEY_CTX_new_from_pkey(NULL, st->key, NULL);
	int ok = v != NULL && EVP_PKEY_sign(st->ctx, st->out, &n, st->in, st->in_len) == 1 &&
	         EVP_PKEY_verify_init(v) == 1 && (!is_rsa(fx) || rsa_params(v)) &&
	         EVP_PKEY_verify(v, st->out, n, st->in, st->in_len) == 1;

	EVP_PKEY_CTX_free(v);
	if (ok && is_rsa(fx)) {
		size_t len;
		const uint8_t *sig = bench_fx_ptr(fx, "sig", &len);
		ok = len == n && memcmp(sig, st->out, n) == 0;
	}
	return ok ? 0 : -1;
}

static void *sign_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	st->key = load_key(fx, "priv_der", 1);
	st->in = bench_fx_ptr(fx, "hash", &st->in_len);
	if (st->key == NULL)
		return pk_fail(st, why, "key import failed");
	st->ctx = EVP_PKEY_CTX_new_from_pkey(NULL, st->key, NULL);
	if (st->ctx == NULL || EVP_PKEY_sign_init(st->ctx) != 1 ||
	    (is_rsa(fx) && !rsa_params(st->ctx)))
		return pk_fail(st, why, "signing setup failed");
	if (sign_check(st, fx) != 0)
		return pk_fail(st, why, "FAILED: signature does not check out");
	return st;
}

static void *verify_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	st->key = load_key(fx, "pub_der", 0);
	st->in = bench_fx_ptr(fx, "hash", &st->in_len);
	st->sig = bench_fx_ptr(fx, is_rsa(fx) ? "sig" : "sig_der", &st->sig_len);
	if (st->key == NULL)
		return pk_fail(st, why, "key import failed");
	st->ctx = EVP_PKEY_CTX_new_from_pkey(NULL, st->key, NULL);
	if (st->ctx == NULL || EVP_PKEY_verify_init(st->ctx) != 1 ||
	    (is_rsa(fx) && !rsa_params(st->ctx)))
		return pk_fail(st, why, "verify setup failed");
	if (verify_run(st) != 0)
		return pk_fail(st, why, "FAILED: fixture signature rejected");
	return st;
}

/* Ed25519 is one-shot in EVP: each verification re-initialises. */
static int ed_verify_run(void *p)
{
	struct pk_st *st = p;

	if (EVP_DigestVerifyInit_ex(st->md, NULL, NULL, NULL, NULL, st->key, NULL) != 1)
		return -1;
	return EVP_DigestVerify(st->md, st->sig, st->sig_len, st->in, st->in_len) == 1 ? 0 : -1;
}

static void *ed_verify_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return NULL;
	st->key = load_key(fx, "pub_der", 0);
	st->md = EVP_MD_CTX_new();
	st->in = bench_fx_ptr(fx, "msg", &st->in_len);
	st->sig = bench_fx_ptr(fx, "sig", &st->sig_len);
	if (st->key == NULL || st->md == NULL)
		return pk_fail(st, why, "key import failed");
	if (ed_verify_run(st) != 0)
		return pk_fail(st, why, "FAILED: fixture signature rejected");
	return st;
}

static const struct bench_pk pks[] = {
	{"x25519", derive_setup, derive_run, pk_cleanup},
	{"p256-ecdh", derive_setup, derive_run, pk_cleanup},
	{"p256-ecdsa-sign", sign_setup, sign_run, pk_cleanup},
	{"p256-ecdsa-verify", verify_setup, verify_run, pk_cleanup},
	{"p384-ecdsa-verify", verify_setup, verify_run, pk_cleanup},
	{"rsa-2048-verify", verify_setup, verify_run, pk_cleanup},
	{"rsa-3072-verify", verify_setup, verify_run, pk_cleanup},
	{"rsa-4096-verify", verify_setup, verify_run, pk_cleanup},
	{"rsa-2048-sign", sign_setup, sign_run, pk_cleanup},
	{"ed25519-verify", ed_verify_setup, ed_verify_run, pk_cleanup},
};

const struct bench_lib bench_lib_openssl = {
	"openssl",
	"OpenSSL 3.0 libcrypto, EVP (AES-NI/PCLMUL/SHA-NI/AVX assembly as the CPU allows)",
	aeads, BENCH_COUNT(aeads), hashes, BENCH_COUNT(hashes),
	ctx_sizes, BENCH_COUNT(ctx_sizes), pks, BENCH_COUNT(pks),
};
