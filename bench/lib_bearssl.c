/*
 * BearSSL 0.6 (Debian's libbearssl), two ways:
 *   bearssl       its portable constant-time code: aes_ct64 + ghash_ctmul64
 *                 through br_gcm, chacha20_ct + poly1305_ctmul, and the
 *                 default public-key code (br_*_get_default());
 *   bearssl-fast  the code BearSSL's SSL engine selects by default on this
 *                 CPU (br_ssl_engine_set_default_aes_gcm/_chapol):
 *                 aes_x86ni + ghash_pclmul, chacha20_sse2 +
 *                 poly1305_ctmulq (the public-key defaults are the same
 *                 as bearssl's). Measured here, chacha20_sse2 is slower
 *                 than chacha20_ct on this machine; it is still what
 *                 BearSSL uses, so it is what is reported.
 * BearSSL has no Ed25519.
 */
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "bench.h"

/* ---- AES-GCM through br_gcm ---- */

struct gcm_st {
	br_gcm_context gc;
	union {
		const br_block_ctr_class *vtable;
		br_aes_ct64_ctr_keys ct64;
		br_aes_x86ni_ctr_keys x86ni;
	} keys;
};

static void *gcm_setup(const br_block_ctr_class *aes, br_ghash ghash, const uint8_t *key,
                       size_t key_len, const char **why)
{
	struct gcm_st *st;

	if (aes == NULL || ghash == 0) {
		*why = "aes_x86ni or ghash_pclmul not available on this CPU";
		return NULL;
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return NULL;
	aes->init(&st->keys.vtable, key, key_len);
	br_gcm_init(&st->gc, &st->keys.vtable, ghash);
	return st;
}

static void *gcm_ct_setup(const uint8_t *key, size_t key_len, const char **why)
{
	return gcm_setup(&br_aes_ct64_ctr_vtable, br_ghash_ctmul64, key, key_len, why);
}

static void *gcm_fast_setup(const uint8_t *key, size_t key_len, const char **why)
{
	return gcm_setup(br_aes_x86ni_ctr_get_vtable(), br_ghash_pclmul_get(), key, key_len, why);
}

static void gcm_start(br_gcm_context *gc, const uint8_t *nonce, const uint8_t *aad,
                      size_t aad_len)
{
	br_gcm_reset(gc, nonce, BENCH_NONCE_LEN);
	br_gcm_aad_inject(gc, aad, aad_len);
	br_gcm_flip(gc);
}

static int gcm_seal(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                    uint8_t *buf, size_t len, uint8_t *tag)
{
	struct gcm_st *st = p;

	gcm_start(&st->gc, nonce, aad, aad_len);
	br_gcm_run(&st->gc, 1, buf, len);
	br_gcm_get_tag(&st->gc, tag);
	return 0;
}

/* br_gcm works in place: decrypt a copy. */
static int gcm_open(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                    const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag)
{
	struct gcm_st *st = p;

	memcpy(pt, ct, len);
	gcm_start(&st->gc, nonce, aad, aad_len);
	br_gcm_run(&st->gc, 0, pt, len);
	return br_gcm_check_tag(&st->gc, tag) ? 0 : -1;
}

/* ---- ChaCha20-Poly1305: no context, the key goes to every call ---- */

struct chapo_st {
	uint8_t key[32];
	br_chacha20_run chacha;
	br_poly1305_run poly;
};

static void *chapo_setup(br_chacha20_run chacha, br_poly1305_run poly, const uint8_t *key,
                         const char **why)
{
	struct chapo_st *st;

	if (chacha == 0 || poly == 0) {
		*why = "chacha20_sse2 or poly1305_ctmulq not available on this CPU";
		return NULL;
	}
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return NULL;
	memcpy(st->key, key, sizeof(st->key));
	st->chacha = chacha;
	st->poly = poly;
	return st;
}

static void *chapo_ct_setup(const uint8_t *key, size_t key_len, const char **why)
{
	return chapo_setup(br_chacha20_ct_run, br_poly1305_ctmul_run, key, why);
}

static void *chapo_fast_setup(const uint8_t *key, size_t key_len, const char **why)
{
	return chapo_setup(br_chacha20_sse2_get(), br_poly1305_ctmulq_get(), key, why);
}

static int chapo_seal(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                      uint8_t *buf, size_t len, uint8_t *tag)
{
	struct chapo_st *st = p;

	st->poly(st->key, nonce, buf, len, aad, aad_len, tag, st->chacha, 1);
	return 0;
}

static int chapo_open(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                      const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag)
{
	struct chapo_st *st = p;
	uint8_t calc[BENCH_TAG_LEN];

	memcpy(pt, ct, len);
	st->poly(st->key, nonce, pt, len, aad, aad_len, calc, st->chacha, 0);
	return bench_memcmp(calc, tag, sizeof(calc)) ? -1 : 0;
}

static void free_state(void *p)
{
	free(p);
}

static const struct bench_aead aeads_ct[] = {
	{"aes-128-gcm", 16, gcm_ct_setup, gcm_seal, gcm_open, free_state},
	{"aes-256-gcm", 32, gcm_ct_setup, gcm_seal, gcm_open, free_state},
	{"chacha20-poly1305", 32, chapo_ct_setup, chapo_seal, chapo_open, free_state},
};

static const struct bench_aead aeads_fast[] = {
	{"aes-128-gcm", 16, gcm_fast_setup, gcm_seal, gcm_open, free_state},
	{"aes-256-gcm", 32, gcm_fast_setup, gcm_seal, gcm_open, free_state},
	{"chacha20-poly1305", 32, chapo_fast_setup, chapo_seal, chapo_open, free_state},
};

/* ---- SHA-256 (one implementation) ---- */

static void *sha256_setup(const char **why)
{
	return calloc(1, sizeof(br_sha256_context));
}

static int sha256_run(void *p, const uint8_t *data, size_t len, uint8_t *out)
{
	br_sha256_context *ctx = p;

	br_sha256_init(ctx);
	br_sha256_update(ctx, data, len);
	br_sha256_out(ctx, out);
	return 0;
}

static const struct bench_hash hashes[] = {
	{"sha256", 32, sha256_setup, sha256_run, free_state},
};

#define CHAPO_NOTE "no context: the 32-byte key is passed to every call"

static const struct bench_ctx_size ctx_ct[] = {
	{"ctx-aes-128-gcm", sizeof(br_gcm_context) + sizeof(br_aes_ct64_ctr_keys),
	 "br_gcm_context + br_aes_ct64_ctr_keys"},
	{"ctx-aes-256-gcm", sizeof(br_gcm_context) + sizeof(br_aes_ct64_ctr_keys),
	 "br_gcm_context + br_aes_ct64_ctr_keys"},
	{"ctx-chacha20-poly1305", 0, CHAPO_NOTE},
	{"ctx-sha256", sizeof(br_sha256_context), NULL},
	{"ctx-sha384", sizeof(br_sha384_context), NULL},
};

static const struct bench_ctx_size ctx_fast[] = {
	{"ctx-aes-128-gcm", sizeof(br_gcm_context) + sizeof(br_aes_x86ni_ctr_keys),
	 "br_gcm_context + br_aes_x86ni_ctr_keys"},
	{"ctx-aes-256-gcm", sizeof(br_gcm_context) + sizeof(br_aes_x86ni_ctr_keys),
	 "br_gcm_context + br_aes_x86ni_ctr_keys"},
	{"ctx-chacha20-poly1305", 0, CHAPO_NOTE},
	{"ctx-sha256", sizeof(br_sha256_context), NULL},
	{"ctx-sha384", sizeof(br_sha384_context), NULL},
};

/* ---- public key (default implementations) ---- */

struct pk_st {
	uint8_t priv[66], point[133], peer[133], expect[66], hash[64], sig[512], out[512];
	size_t priv_len, point_len, peer_len, expect_len, hash_len, sig_len;
	int curve;
	br_ec_private_key ec_sk;
	br_ec_public_key ec_pk;
	br_rsa_private_key rsa_sk;
	br_rsa_public_key rsa_pk;
	uint8_t rsa_buf[7][512]; /* n, e, p, q, dp, dq, iq */
};

static int curve_of(const struct bench_fixture *fx)
{
	const char *name = bench_fx_name(fx);

	if (strcmp(name, "x25519") == 0)
		return BR_EC_curve25519;
	return strcmp(name, "p384") == 0 ? BR_EC_secp384r1 : BR_EC_secp256r1;
}

static void *pk_new(const struct bench_fixture *fx)
{
	struct pk_st *st = calloc(1, sizeof(*st));

	if (st == NULL)
		bench_die("out of memory");
	st->curve = curve_of(fx);
	return st;
}

static void *pk_failed(struct pk_st *st, const char **why, const char *msg)
{
	free(st);
	*why = msg;
	return NULL;
}

/* mul() works in place on the peer point; the shared secret is X. */
static int ecdh_run(void *p)
{
	struct pk_st *st = p;
	const br_ec_impl *ec = br_ec_get_default();
	size_t off = st->curve == BR_EC_curve25519 ? 0 : 1;

	memcpy(st->point, st->peer, st->peer_len);
	if (ec->mul(st->point, st->peer_len, st->priv, st->priv_len, st->curve) != 1)
		return -1;
	return bench_memcmp(st->point + off, st->expect, st->expect_len);
}

static void *ecdh_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = pk_new(fx);

	st->priv_len = bench_fx_get(fx, "priv", st->priv, sizeof(st->priv));
	st->peer_len = bench_fx_get(fx, "peer_pub", st->peer, sizeof(st->peer));
	st->expect_len = bench_fx_get(fx, "shared", st->expect, sizeof(st->expect));
	if (ecdh_run(st) != 0)
		return pk_failed(st, why, "FAILED: shared secret differs from the fixture");
	return st;
}

static void ec_keys(struct pk_st *st, const struct bench_fixture *fx, int private)
{
	if (private) {
		st->priv_len = bench_fx_get(fx, "priv", st->priv, sizeof(st->priv));
		st->ec_sk = (br_ec_private_key){st->curve, st->priv, st->priv_len};
	}
	st->point_len = bench_fx_get(fx, "pub", st->point, sizeof(st->point));
	st->ec_pk = (br_ec_public_key){st->curve, st->point, st->point_len};
	st->hash_len = bench_fx_get(fx, "hash", st->hash, sizeof(st->hash));
}

static int ecdsa_verify_run(void *p)
{
	struct pk_st *st = p;

	return br_ecdsa_vrfy_raw_get_default()(br_ec_get_default(), st->hash, st->hash_len,
	                                        &st->ec_pk, st->sig, st->sig_len) == 1 ? 0 : -1;
}

static int ecdsa_sign_run(void *p)
{
	struct pk_st *st = p;

	st->sig_len = br_ecdsa_sign_raw_get_default()(br_ec_get_default(), &br_sha256_vtable,
	                                               st->hash, &st->ec_sk, st->sig);
	return st->sig_len != 0 ? 0 : -1;
}

static void *ecdsa_sign_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = pk_new(fx);

	ec_keys(st, fx, 1);
	if (ecdsa_sign_run(st) != 0 || ecdsa_verify_run(st) != 0)
		return pk_failed(st, why, "FAILED: own signature does not verify");
	return st;
}

static void *ecdsa_verify_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = pk_new(fx);

	ec_keys(st, fx, 0);
	st->sig_len = bench_fx_get(fx, "sig_raw", st->sig, sizeof(st->sig));
	if (ecdsa_verify_run(st) != 0)
		return pk_failed(st, why, "FAILED: fixture signature rejected");
	return st;
}

/* Copies fixture field name into slot i of the state; returns its length. */
static size_t rsa_field(struct pk_st *st, const struct bench_fixture *fx, int i, const char *name)
{
	return bench_fx_get(fx, name, st->rsa_buf[i], sizeof(st->rsa_buf[i]));
}

static void rsa_keys(struct pk_st *st, const struct bench_fixture *fx)
{
	size_t n_len = rsa_field(st, fx, 0, "n"), e_len = rsa_field(st, fx, 1, "e");
	size_t p_len = rsa_field(st, fx, 2, "p"), q_len = rsa_field(st, fx, 3, "q");
	size_t dp_len = rsa_field(st, fx, 4, "dp"), dq_len = rsa_field(st, fx, 5, "dq");
	size_t iq_len = rsa_field(st, fx, 6, "qinv");

	st->rsa_pk = (br_rsa_public_key){st->rsa_buf[0], n_len, st->rsa_buf[1], e_len};
	st->rsa_sk = (br_rsa_private_key){(uint32_t)(n_len * 8), st->rsa_buf[2], p_len,
	                                   st->rsa_buf[3], q_len, st->rsa_buf[4], dp_len,
	                                   st->rsa_buf[5], dq_len, st->rsa_buf[6], iq_len};
	st->hash_len = bench_fx_get(fx, "hash", st->hash, sizeof(st->hash));
	st->sig_len = bench_fx_get(fx, "sig", st->sig, sizeof(st->sig));
}

static int rsa_verify_run(void *p)
{
	struct pk_st *st = p;

	if (br_rsa_pkcs1_vrfy_get_default()(st->sig, st->sig_len, BR_HASH_OID_SHA256, st->hash_len,
	                                    &st->rsa_pk, st->out) != 1)
		return -1;
	return bench_memcmp(st->out, st->hash, st->hash_len);
}

static int rsa_sign_run(void *p)
{
	struct pk_st *st = p;

	return br_rsa_pkcs1_sign_get_default()(BR_HASH_OID_SHA256, st->hash, st->hash_len,
	                                       &st->rsa_sk, st->out) == 1 ? 0 : -1;
}

static void *rsa_verify_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = pk_new(fx);

	rsa_keys(st, fx);
	if (rsa_verify_run(st) != 0)
		return pk_failed(st, why, "FAILED: fixture signature rejected");
	return st;
}

static void *rsa_sign_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = pk_new(fx);

	rsa_keys(st, fx);
	if (rsa_sign_run(st) != 0 || memcmp(st->out, st->sig, st->sig_len) != 0)
		return pk_failed(st, why, "FAILED: signature differs from the fixture");
	return st;
}

static const struct bench_pk pks[] = {
	{"x25519", ecdh_setup, ecdh_run, free_state},
	{"p256-ecdh", ecdh_setup, ecdh_run, free_state},
	{"p256-ecdsa-sign", ecdsa_sign_setup, ecdsa_sign_run, free_state},
	{"p256-ecdsa-verify", ecdsa_verify_setup, ecdsa_verify_run, free_state},
	{"p384-ecdsa-verify", ecdsa_verify_setup, ecdsa_verify_run, free_state},
	{"rsa-2048-verify", rsa_verify_setup, rsa_verify_run, free_state},
	{"rsa-3072-verify", rsa_verify_setup, rsa_verify_run, free_state},
	{"rsa-4096-verify", rsa_verify_setup, rsa_verify_run, free_state},
	{"rsa-2048-sign", rsa_sign_setup, rsa_sign_run, free_state},
};

const struct bench_lib bench_lib_bearssl = {
	"bearssl",
	"BearSSL 0.6 constant-time portable code: aes_ct64+ghash_ctmul64, chacha20_ct+"
	"poly1305_ctmul; public key: br_*_get_default()",
	aeads_ct, BENCH_COUNT(aeads_ct), hashes, BENCH_COUNT(hashes),
	ctx_ct, BENCH_COUNT(ctx_ct), pks, BENCH_COUNT(pks),
};

const struct bench_lib bench_lib_bearssl_fast = {
	"bearssl-fast",
	"BearSSL 0.6 engine defaults on this CPU: aes_x86ni+ghash_pclmul, chacha20_sse2+"
	"poly1305_ctmulq (public key: same defaults as bearssl, not repeated)",
	aeads_fast, BENCH_COUNT(aeads_fast), hashes, BENCH_COUNT(hashes),
	ctx_fast, BENCH_COUNT(ctx_fast), NULL, 0,
};
