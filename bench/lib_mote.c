/*
 * Mote, through its public headers, with the default configuration.
 *
 * Each Mote function used here is declared weak and libmote is linked
 * whole (see bench/CMakeLists.txt): a function that is not in the library
 * (not implemented yet, or compiled out by a switch in mote/config.h such
 * as MOTE_ENABLE_ED25519) has address NULL, and its row prints n/a with
 * that reason instead of failing the link.
 */
#include <stdlib.h>
#include <string.h>

#include "mote/chacha20poly1305.h"
#include "mote/drbg.h"
#include "mote/ec.h"
#include "mote/ed25519.h"
#include "mote/gcm.h"
#include "mote/rsa.h"
#include "mote/sha2.h"
#include "mote/x25519.h"

#include "bench.h"

#pragma weak mote_sha256_init
#pragma weak mote_sha256_update
#pragma weak mote_sha256_final
#pragma weak mote_gcm_init
#pragma weak mote_gcm_seal
#pragma weak mote_gcm_open
#pragma weak mote_chachapoly_init
#pragma weak mote_chachapoly_seal
#pragma weak mote_chachapoly_open
#pragma weak mote_x25519
#pragma weak mote_ecdh
#pragma weak mote_ecdsa_sign
#pragma weak mote_ecdsa_verify
#pragma weak mote_rsa_pkcs1_verify
#pragma weak mote_rsa_pkcs1_sign
#pragma weak mote_drbg_init_seed
#pragma weak mote_drbg_random
#pragma weak mote_ed25519_verify

#define NOT_BUILT "not in libmote (not implemented, or disabled in mote/config.h)"

static void free_state(void *p)
{
	free(p);
}

/* ---- AEAD ---- */

static void *gcm_setup(const uint8_t *key, size_t key_len, const char **why)
{
	mote_gcm_ctx *ctx;

	if (!mote_gcm_init || !mote_gcm_seal || !mote_gcm_open) {
		*why = NOT_BUILT;
		return NULL;
	}
	ctx = malloc(sizeof(*ctx));
	if (ctx != NULL && mote_gcm_init(ctx, key, key_len) != 0) {
		free(ctx);
		*why = "mote_gcm_init failed";
		return NULL;
	}
	return ctx;
}

static int gcm_seal(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                    uint8_t *buf, size_t len, uint8_t *tag)
{
	return mote_gcm_seal(p, nonce, BENCH_NONCE_LEN, aad, aad_len, buf, len, tag, BENCH_TAG_LEN);
}

/* Mote opens in place: decrypt a copy. */
static int gcm_open(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                    const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag)
{
	memcpy(pt, ct, len);
	return mote_gcm_open(p, nonce, BENCH_NONCE_LEN, aad, aad_len, pt, len, tag, BENCH_TAG_LEN);
}

static void *chapo_setup(const uint8_t *key, size_t key_len, const char **why)
{
	mote_chachapoly_ctx *ctx;

	if (!mote_chachapoly_init || !mote_chachapoly_seal || !mote_chachapoly_open) {
		*why = NOT_BUILT;
		return NULL;
	}
	ctx = malloc(sizeof(*ctx));
	if (ctx != NULL && mote_chachapoly_init(ctx, key, key_len) != 0) {
		free(ctx);
		*why = "mote_chachapoly_init failed";
		return NULL;
	}
	return ctx;
}

static int chapo_seal(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                      uint8_t *buf, size_t len, uint8_t *tag)
{
	return mote_chachapoly_seal(p, nonce, BENCH_NONCE_LEN, aad, aad_len, buf, len, tag);
}

/* Mote opens in place: decrypt a copy. */
static int chapo_open(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                      const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag)
{
	memcpy(pt, ct, len);
	return mote_chachapoly_open(p, nonce, BENCH_NONCE_LEN, aad, aad_len, pt, len, tag);
}

static const struct bench_aead aeads[] = {
	{"aes-128-gcm", 16, gcm_setup, gcm_seal, gcm_open, free_state},
	{"aes-256-gcm", 32, gcm_setup, gcm_seal, gcm_open, free_state},
	{"chacha20-poly1305", 32, chapo_setup, chapo_seal, chapo_open, free_state},
};

/* ---- SHA-256 ---- */

static void *sha256_setup(const char **why)
{
	if (!mote_sha256_init || !mote_sha256_update || !mote_sha256_final) {
		*why = NOT_BUILT;
		return NULL;
	}
	return malloc(sizeof(mote_sha256_ctx));
}

static int sha256_run(void *p, const uint8_t *data, size_t len, uint8_t *out)
{
	mote_sha256_init(p);
	mote_sha256_update(p, data, len);
	mote_sha256_final(p, out);
	return 0;
}

static const struct bench_hash hashes[] = {
	{"sha256", 32, sha256_setup, sha256_run, free_state},
};

static const struct bench_ctx_size ctx_sizes[] = {
	{"ctx-aes-128-gcm", sizeof(mote_gcm_ctx), NULL},
	{"ctx-aes-256-gcm", sizeof(mote_gcm_ctx), NULL},
	{"ctx-chacha20-poly1305", sizeof(mote_chachapoly_ctx), NULL},
	{"ctx-sha256", sizeof(mote_sha256_ctx), NULL},
	{"ctx-sha384", sizeof(mote_sha384_ctx), NULL},
};

/* ---- public key ---- */

static void *pk_missing(const struct bench_fixture *fx, const char **why)
{
	*why = NOT_BUILT;
	return NULL;
}

/* Stops a setup whose one checked run failed. */
static void *checked(void *st, int (*run)(void *), const char **why, const char *msg)
{
	if (run(st) != 0) {
		free(st);
		*why = msg;
		return NULL;
	}
	return st;
}

/* Key agreement on byte strings: out = f(priv, peer), expected shared. */
struct dh_st {
	uint8_t priv[66], peer[133], expect[66], out[66];
	size_t priv_len, peer_len, expect_len;
};

static struct dh_st *dh_load(const struct bench_fixture *fx)
{
	struct dh_st *st = calloc(1, sizeof(*st));

	if (st == NULL)
		bench_die("out of memory");
	st->priv_len = bench_fx_get(fx, "priv", st->priv, sizeof(st->priv));
	st->peer_len = bench_fx_get(fx, "peer_pub", st->peer, sizeof(st->peer));
	st->expect_len = bench_fx_get(fx, "shared", st->expect, sizeof(st->expect));
	return st;
}

static int x25519_run(void *p)
{
	struct dh_st *st = p;

	if (mote_x25519(st->out, st->priv, st->peer) != 0)
		return -1;
	return bench_memcmp(st->out, st->expect, MOTE_X25519_SIZE);
}

static void *x25519_setup(const struct bench_fixture *fx, const char **why)
{
	if (!mote_x25519) {
		*why = NOT_BUILT;
		return NULL;
	}
	return checked(dh_load(fx), x25519_run, why, "FAILED: shared secret differs from the fixture");
}

struct ec_st {
	mote_ec_curve curve;
	const uint8_t *priv, *pub, *peer, *expect, *hash, *sig;
	size_t priv_len, pub_len, peer_len, expect_len, hash_len, sig_len;
	uint8_t out[MOTE_EC_MAX_POINT];
};

static struct ec_st *ec_load(const struct bench_fixture *fx)
{
	struct ec_st *st = calloc(1, sizeof(*st));

	if (st == NULL)
		bench_die("out of memory");
	st->curve = strcmp(bench_fx_name(fx), "p384") == 0 ? MOTE_EC_P384 : MOTE_EC_P256;
	st->priv = bench_fx_ptr(fx, "priv", &st->priv_len);
	st->pub = bench_fx_ptr(fx, "pub", &st->pub_len);
	st->peer = bench_fx_ptr(fx, "peer_pub", &st->peer_len);
	st->expect = bench_fx_ptr(fx, "shared", &st->expect_len);
	st->hash = bench_fx_ptr(fx, "hash", &st->hash_len);
	st->sig = bench_fx_ptr(fx, "sig_raw", &st->sig_len);
	return st;
}

static int ecdh_run(void *p)
{
	struct ec_st *st = p;

	if (mote_ecdh(st->curve, st->out, st->priv, st->peer, st->peer_len) != 0)
		return -1;
	return bench_memcmp(st->out, st->expect, st->expect_len);
}

static int ecdsa_verify_run(void *p)
{
	struct ec_st *st = p;

	return mote_ecdsa_verify(st->curve, st->pub, st->pub_len, st->hash, st->hash_len, st->sig,
	                         st->sig_len);
}

static int ecdsa_sign_run(void *p)
{
	struct ec_st *st = p;

	return mote_ecdsa_sign(st->curve, st->out, st->priv, st->hash, st->hash_len, NULL, 0);
}

/* Signs once, then verifies that signature in place of the fixture's. */
static int ecdsa_sign_check(void *p)
{
	struct ec_st *st = p;

	if (ecdsa_sign_run(st) != 0)
		return -1;
	st->sig = st->out;
	return ecdsa_verify_run(st);
}

static void *ecdh_setup(const struct bench_fixture *fx, const char **why)
{
	if (!mote_ecdh)
		return pk_missing(fx, why);
	return checked(ec_load(fx), ecdh_run, why, "FAILED: shared secret differs from the fixture");
}

static void *ecdsa_sign_setup(const struct bench_fixture *fx, const char **why)
{
	if (!mote_ecdsa_sign || !mote_ecdsa_verify)
		return pk_missing(fx, why);
	return checked(ec_load(fx), ecdsa_sign_check, why, "FAILED: own signature does not verify");
}

static void *ecdsa_verify_setup(const struct bench_fixture *fx, const char **why)
{
	if (!mote_ecdsa_verify)
		return pk_missing(fx, why);
	return checked(ec_load(fx), ecdsa_verify_run, why, "FAILED: fixture signature rejected");
}

struct rsa_st {
	mote_rsa_public_key pub;
	mote_rsa_private_key priv;
	const uint8_t *hash, *sig;
	size_t hash_len, sig_len;
	mote_drbg_ctx drbg; /* blinding */
	uint8_t out[MOTE_RSA_MAX_BITS / 8];
	uint64_t scratch[MOTE_RSA_SIGN_SCRATCH(MOTE_RSA_MAX_BITS) / 8];
};

static struct rsa_st *rsa_load(const struct bench_fixture *fx)
{
	static const uint8_t seed[32] = {1}, nonce[16] = {2};
	struct rsa_st *st = calloc(1, sizeof(*st));
	mote_rsa_private_key *k;

	if (st == NULL)
		bench_die("out of memory");
	k = &st->priv;
	st->pub.n = bench_fx_ptr(fx, "n", &st->pub.n_len);
	st->pub.e = bench_fx_ptr(fx, "e", &st->pub.e_len);
	k->p = bench_fx_ptr(fx, "p", &k->p_len);
	k->q = bench_fx_ptr(fx, "q", &k->q_len);
	k->dp = bench_fx_ptr(fx, "dp", &k->dp_len);
	k->dq = bench_fx_ptr(fx, "dq", &k->dq_len);
	k->qinv = bench_fx_ptr(fx, "qinv", &k->qinv_len);
	k->e = st->pub.e;
	k->e_len = st->pub.e_len;
	k->n_bits = st->pub.n_len * 8;
	st->hash = bench_fx_ptr(fx, "hash", &st->hash_len);
	st->sig = bench_fx_ptr(fx, "sig", &st->sig_len);
	mote_drbg_init_seed(&st->drbg, seed, sizeof(seed), nonce, sizeof(nonce), NULL, 0);
	return st;
}

static int rsa_verify_run(void *p)
{
	struct rsa_st *st = p;

	return mote_rsa_pkcs1_verify(&st->pub, MOTE_HASH_SHA256, st->hash, st->hash_len, st->sig,
	                             st->sig_len, st->scratch, sizeof(st->scratch));
}

static int rsa_sign_run(void *p)
{
	struct rsa_st *st = p;

	return mote_rsa_pkcs1_sign(&st->priv, MOTE_HASH_SHA256, st->hash, st->hash_len, st->out,
	                           sizeof(st->out), st->scratch, sizeof(st->scratch),
	                           mote_drbg_random, &st->drbg);
}

/* PKCS#1 v1.5 is deterministic: the signature must be the fixture's. */
static int rsa_sign_check(void *p)
{
	struct rsa_st *st = p;

	if (rsa_sign_run(st) != 0)
		return -1;
	return bench_memcmp(st->out, st->sig, st->sig_len);
}

static void *rsa_verify_setup(const struct bench_fixture *fx, const char **why)
{
	if (!mote_rsa_pkcs1_verify)
		return pk_missing(fx, why);
	return checked(rsa_load(fx), rsa_verify_run, why, "FAILED: fixture signature rejected");
}

static void *rsa_sign_setup(const struct bench_fixture *fx, const char **why)
{
	if (!mote_rsa_pkcs1_sign || !mote_drbg_init_seed || !mote_drbg_random)
		return pk_missing(fx, why);
	return checked(rsa_load(fx), rsa_sign_check, why, "FAILED: signature differs from the fixture");
}

struct ed_st {
	const uint8_t *pub, *msg, *sig;
	size_t pub_len, msg_len, sig_len;
};

static int ed_verify_run(void *p)
{
	struct ed_st *st = p;

	return mote_ed25519_verify(st->sig, st->msg, st->msg_len, st->pub);
}

static void *ed_verify_setup(const struct bench_fixture *fx, const char **why)
{
	struct ed_st *st;

	if (!mote_ed25519_verify)
		return pk_missing(fx, why);
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		bench_die("out of memory");
	st->pub = bench_fx_ptr(fx, "pub", &st->pub_len);
	st->msg = bench_fx_ptr(fx, "msg", &st->msg_len);
	st->sig = bench_fx_ptr(fx, "sig", &st->sig_len);
	return checked(st, ed_verify_run, why, "FAILED: fixture signature rejected");
}

static const struct bench_pk pks[] = {
	{"x25519", x25519_setup, x25519_run, free_state},
	{"p256-ecdh", ecdh_setup, ecdh_run, free_state},
	{"p256-ecdsa-sign", ecdsa_sign_setup, ecdsa_sign_run, free_state},
	{"p256-ecdsa-verify", ecdsa_verify_setup, ecdsa_verify_run, free_state},
	{"p384-ecdsa-verify", ecdsa_verify_setup, ecdsa_verify_run, free_state},
	{"rsa-2048-verify", rsa_verify_setup, rsa_verify_run, free_state},
	{"rsa-3072-verify", rsa_verify_setup, rsa_verify_run, free_state},
	{"rsa-4096-verify", rsa_verify_setup, rsa_verify_run, free_state},
	{"rsa-2048-sign", rsa_sign_setup, rsa_sign_run, free_state},
	{"ed25519-verify", ed_verify_setup, ed_verify_run, free_state},
};

const struct bench_lib bench_lib_mote = {
	"mote",
	"Mote (this tree), default configuration, portable constant-time code",
	aeads, BENCH_COUNT(aeads), hashes, BENCH_COUNT(hashes),
	ctx_sizes, BENCH_COUNT(ctx_sizes), pks, BENCH_COUNT(pks),
};
