/*
 * wolfSSL 5.5 wolfCrypt (Debian's libwolfssl: SP math with x86-64
 * assembly for public key, FP_ECC fixed-point cache, GCM_TABLE_4BIT,
 * no AES-NI). FP_ECC keeps a precomputed table for every point used more
 * than once; signing (the generator) and verifying (the same public key,
 * as when reconnecting to one server) are measured with it warm, ECDH
 * without it (see ecdh_run). ChaCha20-Poly1305 is timed through the one-shot API, which
 * keeps no state; the context size reported is the streaming API's.
 */
#include <wolfssl/options.h>

#include <stdlib.h>
#include <string.h>

#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/asn.h>
#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/chacha20_poly1305.h>
#include <wolfssl/wolfcrypt/curve25519.h>
#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/ed25519.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/rsa.h>
#include <wolfssl/wolfcrypt/sha256.h>
#include <wolfssl/wolfcrypt/sha512.h>

#include "bench.h"

/* ---- AEAD ---- */

static void *gcm_setup(const uint8_t *key, size_t key_len, const char **why)
{
	Aes *aes = malloc(sizeof(*aes));

	if (aes == NULL)
		return NULL;
	if (wc_AesInit(aes, NULL, INVALID_DEVID) != 0 ||
	    wc_AesGcmSetKey(aes, key, (word32)key_len) != 0) {
		free(aes);
		*why = "wc_AesGcmSetKey failed";
		return NULL;
	}
	return aes;
}

static int gcm_seal(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                    uint8_t *buf, size_t len, uint8_t *tag)
{
	return wc_AesGcmEncrypt(p, buf, buf, (word32)len, nonce, BENCH_NONCE_LEN, tag,
	                        BENCH_TAG_LEN, aad, (word32)aad_len);
}

static int gcm_open(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                    const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag)
{
	return wc_AesGcmDecrypt(p, pt, ct, (word32)len, nonce, BENCH_NONCE_LEN, tag, BENCH_TAG_LEN,
	                        aad, (word32)aad_len);
}

static void gcm_cleanup(void *p)
{
	wc_AesFree(p);
	free(p);
}

static void *chapo_setup(const uint8_t *key, size_t key_len, const char **why)
{
	uint8_t *k = malloc(key_len);

	if (k != NULL)
		memcpy(k, key, key_len);
	return k;
}

static int chapo_seal(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                      uint8_t *buf, size_t len, uint8_t *tag)
{
	return wc_ChaCha20Poly1305_Encrypt(p, nonce, aad, (word32)aad_len, buf, (word32)len, buf,
	                                   tag);
}

static int chapo_open(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                      const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag)
{
	return wc_ChaCha20Poly1305_Decrypt(p, nonce, aad, (word32)aad_len, ct, (word32)len, tag, pt);
}

static void free_state(void *p)
{
	free(p);
}

static const struct bench_aead aeads[] = {
	{"aes-128-gcm", 16, gcm_setup, gcm_seal, gcm_open, gcm_cleanup},
	{"aes-256-gcm", 32, gcm_setup, gcm_seal, gcm_open, gcm_cleanup},
	{"chacha20-poly1305", 32, chapo_setup, chapo_seal, chapo_open, free_state},
};

/* ---- SHA-256: Final leaves the context initialised for the next hash ---- */

static void *sha256_setup(const char **why)
{
	wc_Sha256 *ctx = malloc(sizeof(*ctx));

	if (ctx != NULL && wc_InitSha256(ctx) != 0) {
		free(ctx);
		*why = "wc_InitSha256 failed";
		return NULL;
	}
	return ctx;
}

static int sha256_run(void *p, const uint8_t *data, size_t len, uint8_t *out)
{
	if (wc_Sha256Update(p, data, (word32)len) != 0)
		return -1;
	return wc_Sha256Final(p, out);
}

static void sha256_cleanup(void *p)
{
	wc_Sha256Free(p);
	free(p);
}

static const struct bench_hash hashes[] = {
	{"sha256", 32, sha256_setup, sha256_run, sha256_cleanup},
};

static const struct bench_ctx_size ctx_sizes[] = {
	{"ctx-aes-128-gcm", sizeof(Aes), "Aes (key schedule + 4-bit GHASH table)"},
	{"ctx-aes-256-gcm", sizeof(Aes), "Aes (key schedule + 4-bit GHASH table)"},
	{"ctx-chacha20-poly1305", sizeof(ChaChaPoly_Aead), "ChaChaPoly_Aead (streaming API)"},
	{"ctx-sha256", sizeof(wc_Sha256), NULL},
	{"ctx-sha384", sizeof(wc_Sha384), NULL},
};

/* ---- public key ---- */

static WC_RNG *rng(void)
{
	static WC_RNG r;
	static int ready;

	if (!ready) {
		if (wc_InitRng(&r) != 0)
			bench_die("wolfssl: wc_InitRng failed");
		ready = 1;
	}
	return &r;
}

struct pk_st {
	curve25519_key x_key, x_peer;
	ecc_key ec_key, ec_peer;
	RsaKey rsa;
	ed25519_key ed;
	int kind; /* which keys above are initialised */
	const uint8_t *in, *sig, *expect;
	size_t in_len, sig_len, expect_len;
	uint8_t digest_info[128];
	word32 digest_info_len;
	uint8_t out[512];
};

enum { KIND_X25519 = 1, KIND_ECC, KIND_RSA, KIND_ED25519 };

static void pk_cleanup(void *p)
{
	struct pk_st *st = p;

	if (st->kind == KIND_X25519) {
		wc_curve25519_free(&st->x_key);
		wc_curve25519_free(&st->x_peer);
	} else if (st->kind == KIND_ECC) {
		wc_ecc_free(&st->ec_key);
		wc_ecc_free(&st->ec_peer);
	} else if (st->kind == KIND_RSA) {
		wc_FreeRsaKey(&st->rsa);
	} else if (st->kind == KIND_ED25519) {
		wc_ed25519_free(&st->ed);
	}
	free(st);
}

static struct pk_st *pk_new(int kind)
{
	struct pk_st *st = calloc(1, sizeof(*st));
	int ret = 0;

	if (st == NULL)
		bench_die("out of memory");
	st->kind = kind;
	if (kind == KIND_X25519)
		ret = wc_curve25519_init(&st->x_key) | wc_curve25519_init(&st->x_peer);
	else if (kind == KIND_ECC)
		ret = wc_ecc_init(&st->ec_key) | wc_ecc_init(&st->ec_peer);
	else if (kind == KIND_RSA)
		ret = wc_InitRsaKey(&st->rsa, NULL);
	else
		ret = wc_ed25519_init(&st->ed);
	if (ret != 0)
		bench_die("wolfssl: key init failed");
	return st;
}

static void *pk_failed(struct pk_st *st, const char **why, const char *msg)
{
	pk_cleanup(st);
	*why = msg;
	return NULL;
}

static int curve_id(const struct bench_fixture *fx)
{
	return strcmp(bench_fx_name(fx), "p384") == 0 ? ECC_SECP384R1 : ECC_SECP256R1;
}

static int x25519_run(void *p)
{
	struct pk_st *st = p;
	word32 n = sizeof(st->out);

	if (wc_curve25519_shared_secret_ex(&st->x_key, &st->x_peer, st->out, &n,
	                                   EC25519_LITTLE_ENDIAN) != 0 || n != st->expect_len)
		return -1;
	return bench_memcmp(st->out, st->expect, n);
}

static void *x25519_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = pk_new(KIND_X25519);
	uint8_t priv[32];
	size_t pub_len, peer_len;
	const uint8_t *pub = bench_fx_ptr(fx, "pub", &pub_len);
	const uint8_t *peer = bench_fx_ptr(fx, "peer_pub", &peer_len);

	/* wolfSSL insists on a clamped scalar; X25519 clamps anyway (RFC 7748). */
	bench_fx_get(fx, "priv", priv, sizeof(priv));
	priv[0] &= 248;
	priv[31] = (uint8_t)((priv[31] & 127) | 64);
	st->expect = bench_fx_ptr(fx, "shared", &st->expect_len);
	if (wc_curve25519_import_private_raw_ex(priv, sizeof(priv), pub, (word32)pub_len,
	                                        &st->x_key, EC25519_LITTLE_ENDIAN) != 0 ||
	    wc_curve25519_import_public_ex(peer, (word32)peer_len, &st->x_peer,
	                                   EC25519_LITTLE_ENDIAN) != 0)
		return pk_failed(st, why, "key import failed");
	if (x25519_run(st) != 0)
		return pk_failed(st, why, "FAILED: shared secret differs from the fixture");
	return st;
}

/* Imports the key pair (or only the public key) and the named peer point. */
static int ecc_load(struct pk_st *st, const struct bench_fixture *fx, int private,
                    const char *peer_field)
{
	size_t priv_len = 0, pub_len, peer_len;
	const uint8_t *priv = private ? bench_fx_ptr(fx, "priv", &priv_len) : NULL;
	const uint8_t *pub = bench_fx_ptr(fx, "pub", &pub_len);
	int ret = private ? wc_ecc_import_private_key_ex(priv, (word32)priv_len, pub, (word32)pub_len,
	                                                 &st->ec_key, curve_id(fx))
	                  : wc_ecc_import_x963_ex(pub, (word32)pub_len, &st->ec_key, curve_id(fx));

	if (ret == 0 && private)
		ret = wc_ecc_set_rng(&st->ec_key, rng());
	if (ret == 0 && peer_field != NULL) {
		const uint8_t *peer = bench_fx_ptr(fx, peer_field, &peer_len);
		ret = wc_ecc_import_x963_ex(peer, (word32)peer_len, &st->ec_peer, curve_id(fx));
	}
	return ret;
}

/* FP_ECC precomputes a table for any point multiplied twice. An ECDHE
 * peer point is fresh in every handshake, so the cache is emptied first:
 * otherwise the benchmark would time a table lookup no handshake gets. */
static int ecdh_run(void *p)
{
	struct pk_st *st = p;
	word32 n = sizeof(st->out);

	wc_ecc_fp_free();
	if (wc_ecc_shared_secret(&st->ec_key, &st->ec_peer, st->out, &n) != 0 ||
	    n != st->expect_len)
		return -1;
	return bench_memcmp(st->out, st->expect, n);
}

static void *ecdh_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = pk_new(KIND_ECC);

	st->expect = bench_fx_ptr(fx, "shared", &st->expect_len);
	if (ecc_load(st, fx, 1, "peer_pub") != 0)
		return pk_failed(st, why, "key import failed");
	if (ecdh_run(st) != 0)
		return pk_failed(st, why, "FAILED: shared secret differs from the fixture");
	return st;
}

static int ecdsa_sign_run(void *p)
{
	struct pk_st *st = p;
	word32 n = sizeof(st->out);

	if (wc_ecc_sign_hash(st->in, (word32)st->in_len, st->out, &n, rng(), &st->ec_key) != 0)
		return -1;
	st->sig = st->out;
	st->sig_len = n;
	return 0;
}

static int ecdsa_verify_run(void *p)
{
	struct pk_st *st = p;
	int ok = 0;

	if (wc_ecc_verify_hash(st->sig, (word32)st->sig_len, st->in, (word32)st->in_len, &ok,
	                       &st->ec_key) != 0)
		return -1;
	return ok == 1 ? 0 : -1;
}

static void *ecdsa_setup(const struct bench_fixture *fx, int sign, const char **why)
{
	struct pk_st *st = pk_new(KIND_ECC);

	st->in = bench_fx_ptr(fx, "hash", &st->in_len);
	st->sig = bench_fx_ptr(fx, "sig_der", &st->sig_len);
	if (ecc_load(st, fx, sign, NULL) != 0)
		return pk_failed(st, why, "key import failed");
	if ((sign && ecdsa_sign_run(st) != 0) || ecdsa_verify_run(st) != 0)
		return pk_failed(st, why, "FAILED: signature does not verify");
	return st;
}

static void *ecdsa_sign_setup(const struct bench_fixture *fx, const char **why)
{
	return ecdsa_setup(fx, 1, why);
}

static void *ecdsa_verify_setup(const struct bench_fixture *fx, const char **why)
{
	return ecdsa_setup(fx, 0, why);
}

/* wolfCrypt's PKCS#1 v1.5 calls pad and unpad; the DigestInfo is ours. */
static int rsa_verify_run(void *p)
{
	struct pk_st *st = p;
	int n = wc_RsaSSL_Verify(st->sig, (word32)st->sig_len, st->out, sizeof(st->out), &st->rsa);

	if (n < 0 || (word32)n != st->digest_info_len)
		return -1;
	return bench_memcmp(st->out, st->digest_info, st->digest_info_len);
}

static int rsa_sign_run(void *p)
{
	struct pk_st *st = p;
	int n = wc_RsaSSL_Sign(st->digest_info, st->digest_info_len, st->out, sizeof(st->out),
	                       &st->rsa, rng());

	return n == (int)st->sig_len ? 0 : -1;
}

static void *rsa_setup(const struct bench_fixture *fx, int sign, const char **why)
{
	struct pk_st *st = pk_new(KIND_RSA);
	size_t len, n_len, e_len;
	word32 idx = 0;
	int ret;

	st->in = bench_fx_ptr(fx, "hash", &st->in_len);
	st->sig = bench_fx_ptr(fx, "sig", &st->sig_len);
	st->digest_info_len = wc_EncodeSignature(st->digest_info, st->in, (word32)st->in_len, SHA256h);
	if (sign) {
		const uint8_t *der = bench_fx_ptr(fx, "priv_der", &len);
		ret = wc_RsaPrivateKeyDecode(der, &idx, &st->rsa, (word32)len);
		ret = ret ? ret : wc_RsaSetRNG(&st->rsa, rng());
	} else {
		const uint8_t *n = bench_fx_ptr(fx, "n", &n_len), *e = bench_fx_ptr(fx, "e", &e_len);
		ret = wc_RsaPublicKeyDecodeRaw(n, (word32)n_len, e, (word32)e_len, &st->rsa);
	}
	if (ret != 0)
		return pk_failed(st, why, "key import failed");
	if (sign && (rsa_sign_run(st) != 0 || memcmp(st->out, st->sig, st->sig_len) != 0))
		return pk_failed(st, why, "FAILED: signature differs from the fixture");
	if (rsa_verify_run(st) != 0)
		return pk_failed(st, why, "FAILED: fixture signature rejected");
	return st;
}

static void *rsa_sign_setup(const struct bench_fixture *fx, const char **why)
{
	return rsa_setup(fx, 1, why);
}

static void *rsa_verify_setup(const struct bench_fixture *fx, const char **why)
{
	return rsa_setup(fx, 0, why);
}

static int ed_verify_run(void *p)
{
	struct pk_st *st = p;
	int ok = 0;

	if (wc_ed25519_verify_msg(st->sig, (word32)st->sig_len, st->in, (word32)st->in_len, &ok,
	                          &st->ed) != 0)
		return -1;
	return ok == 1 ? 0 : -1;
}

static void *ed_verify_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = pk_new(KIND_ED25519);
	size_t len;
	const uint8_t *pub = bench_fx_ptr(fx, "pub", &len);

	st->in = bench_fx_ptr(fx, "msg", &st->in_len);
	st->sig = bench_fx_ptr(fx, "sig", &st->sig_len);
	if (wc_ed25519_import_public(pub, (word32)len, &st->ed) != 0)
		return pk_failed(st, why, "key import failed");
	if (ed_verify_run(st) != 0)
		return pk_failed(st, why, "FAILED: fixture signature rejected");
	return st;
}

static const struct bench_pk pks[] = {
	{"x25519", x25519_setup, x25519_run, pk_cleanup},
	{"p256-ecdh", ecdh_setup, ecdh_run, pk_cleanup},
	{"p256-ecdsa-sign", ecdsa_sign_setup, ecdsa_sign_run, pk_cleanup},
	{"p256-ecdsa-verify", ecdsa_verify_setup, ecdsa_verify_run, pk_cleanup},
	{"p384-ecdsa-verify", ecdsa_verify_setup, ecdsa_verify_run, pk_cleanup},
	{"rsa-2048-verify", rsa_verify_setup, rsa_verify_run, pk_cleanup},
	{"rsa-3072-verify", rsa_verify_setup, rsa_verify_run, pk_cleanup},
	{"rsa-4096-verify", rsa_verify_setup, rsa_verify_run, pk_cleanup},
	{"rsa-2048-sign", rsa_sign_setup, rsa_sign_run, pk_cleanup},
	{"ed25519-verify", ed_verify_setup, ed_verify_run, pk_cleanup},
};

const struct bench_lib bench_lib_wolfssl = {
	"wolfssl",
	"wolfSSL 5.5 wolfCrypt (SP math x86-64 asm, FP_ECC cache, GCM 4-bit table, no AES-NI)",
	aeads, BENCH_COUNT(aeads), hashes, BENCH_COUNT(hashes),
	ctx_sizes, BENCH_COUNT(ctx_sizes), pks, BENCH_COUNT(pks),
};
