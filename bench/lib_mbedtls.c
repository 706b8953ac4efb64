/*
 * Mbed TLS 2.28 (Debian's libmbedcrypto, built with AES-NI support).
 * Randomness for blinding and ECDSA nonces comes from CTR_DRBG seeded by
 * mbedtls_entropy_func, as an application would set it up. Mbed TLS 2.28
 * has no Ed25519.
 */
#include <stdlib.h>
#include <string.h>

#include <mbedtls/aes.h>
#include <mbedtls/chachapoly.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecdh.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/entropy.h>
#include <mbedtls/gcm.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "bench.h"

/* ---- AEAD ---- */

static void *gcm_setup(const uint8_t *key, size_t key_len, const char **why)
{
	mbedtls_gcm_context *ctx = malloc(sizeof(*ctx));

	if (ctx == NULL)
		return NULL;
	mbedtls_gcm_init(ctx);
	if (mbedtls_gcm_setkey(ctx, MBEDTLS_CIPHER_ID_AES, key, (unsigned)key_len * 8) != 0) {
		mbedtls_gcm_free(ctx);
		free(ctx);
		*why = "mbedtls_gcm_setkey failed";
		return NULL;
	}
	return ctx;
}

static int gcm_seal(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                    uint8_t *buf, size_t len, uint8_t *tag)
{
	return mbedtls_gcm_crypt_and_tag(p, MBEDTLS_GCM_ENCRYPT, len, nonce, BENCH_NONCE_LEN, aad,
	                                 aad_len, buf, buf, BENCH_TAG_LEN, tag);
}

static int gcm_open(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                    const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag)
{
	return mbedtls_gcm_auth_decrypt(p, len, nonce, BENCH_NONCE_LEN, aad, aad_len, tag,
	                                BENCH_TAG_LEN, ct, pt);
}

static void gcm_cleanup(void *p)
{
	mbedtls_gcm_free(p);
	free(p);
}

static void *chapo_setup(const uint8_t *key, size_t key_len, const char **why)
{
	mbedtls_chachapoly_context *ctx = malloc(sizeof(*ctx));

	if (ctx == NULL)
		return NULL;
	mbedtls_chachapoly_init(ctx);
	mbedtls_chachapoly_setkey(ctx, key);
	return ctx;
}

static int chapo_seal(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                      uint8_t *buf, size_t len, uint8_t *tag)
{
	return mbedtls_chachapoly_encrypt_and_tag(p, len, nonce, aad, aad_len, buf, buf, tag);
}

static int chapo_open(void *p, const uint8_t *nonce, const uint8_t *aad, size_t aad_len,
                      const uint8_t *ct, uint8_t *pt, size_t len, const uint8_t *tag)
{
	return mbedtls_chachapoly_auth_decrypt(p, len, nonce, aad, aad_len, tag, ct, pt);
}

static void chapo_cleanup(void *p)
{
	mbedtls_chachapoly_free(p);
	free(p);
}

static const struct bench_aead aeads[] = {
	{"aes-128-gcm", 16, gcm_setup, gcm_seal, gcm_open, gcm_cleanup},
	{"aes-256-gcm", 32, gcm_setup, gcm_seal, gcm_open, gcm_cleanup},
	{"chacha20-poly1305", 32, chapo_setup, chapo_seal, chapo_open, chapo_cleanup},
};

/* ---- SHA-256 ---- */

static void *sha256_setup(const char **why)
{
	mbedtls_sha256_context *ctx = malloc(sizeof(*ctx));

	if (ctx != NULL)
		mbedtls_sha256_init(ctx);
	return ctx;
}

static int sha256_run(void *p, const uint8_t *data, size_t len, uint8_t *out)
{
	if (mbedtls_sha256_starts_ret(p, 0) != 0 || mbedtls_sha256_update_ret(p, data, len) != 0)
		return -1;
	return mbedtls_sha256_finish_ret(p, out);
}

static void sha256_cleanup(void *p)
{
	mbedtls_sha256_free(p);
	free(p);
}

static const struct bench_hash hashes[] = {
	{"sha256", 32, sha256_setup, sha256_run, sha256_cleanup},
};

#define GCM_NOTE "mbedtls_gcm_context + the mbedtls_aes_context it allocates on the heap"

static const struct bench_ctx_size ctx_sizes[] = {
	{"ctx-aes-128-gcm", sizeof(mbedtls_gcm_context) + sizeof(mbedtls_aes_context), GCM_NOTE},
	{"ctx-aes-256-gcm", sizeof(mbedtls_gcm_context) + sizeof(mbedtls_aes_context), GCM_NOTE},
	{"ctx-chacha20-poly1305", sizeof(mbedtls_chachapoly_context), NULL},
	{"ctx-sha256", sizeof(mbedtls_sha256_context), NULL},
	{"ctx-sha384", sizeof(mbedtls_sha512_context), NULL},
};

/* ---- public key ---- */

static mbedtls_ctr_drbg_context drbg;

static void *rng(void)
{
	static mbedtls_entropy_context entropy;
	static int seeded;

	if (!seeded) {
		mbedtls_entropy_init(&entropy);
		mbedtls_ctr_drbg_init(&drbg);
		if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0) != 0)
			bench_die("mbedtls: cannot seed CTR_DRBG");
		seeded = 1;
	}
	return &drbg;
}

struct pk_st {
	mbedtls_ecp_keypair kp; /* group, private d, public Q */
	mbedtls_ecp_point peer;
	mbedtls_mpi z, r, s;
	mbedtls_rsa_context rsa;
	int montgomery;
	const uint8_t *hash, *expect;
	size_t hash_len, expect_len;
	uint8_t out[512];
};

static struct pk_st *pk_new(void)
{
	struct pk_st *st = calloc(1, sizeof(*st));

	if (st == NULL)
		bench_die("out of memory");
	mbedtls_ecp_keypair_init(&st->kp);
	mbedtls_ecp_point_init(&st->peer);
	mbedtls_mpi_init(&st->z);
	mbedtls_mpi_init(&st->r);
	mbedtls_mpi_init(&st->s);
	mbedtls_rsa_init(&st->rsa, MBEDTLS_RSA_PKCS_V15, 0);
	return st;
}

static void pk_cleanup(void *p)
{
	struct pk_st *st = p;

	mbedtls_ecp_keypair_free(&st->kp);
	mbedtls_ecp_point_free(&st->peer);
	mbedtls_mpi_free(&st->z);
	mbedtls_mpi_free(&st->r);
	mbedtls_mpi_free(&st->s);
	mbedtls_rsa_free(&st->rsa);
	free(st);
}

static void *pk_failed(struct pk_st *st, const char **why, const char *msg)
{
	pk_cleanup(st);
	*why = msg;
	return NULL;
}

static mbedtls_ecp_group_id group_of(const struct bench_fixture *fx)
{
	const char *name = bench_fx_name(fx);

	if (strcmp(name, "x25519") == 0)
		return MBEDTLS_ECP_DP_CURVE25519;
	return strcmp(name, "p384") == 0 ? MBEDTLS_ECP_DP_SECP384R1 : MBEDTLS_ECP_DP_SECP256R1;
}

/* Loads the group, d (when private) and the point named by pub_field. */
static int ec_load(struct pk_st *st, const struct bench_fixture *fx, int private,
                   const char *pub_field, mbedtls_ecp_point *point)
{
	size_t len;
	const uint8_t *b;

	if (private) {
		b = bench_fx_ptr(fx, "priv", &len);
		if (mbedtls_ecp_read_key(group_of(fx), &st->kp, b, len) != 0)
			return -1;
	} else if (mbedtls_ecp_group_load(&st->kp.grp, group_of(fx)) != 0) {
		return -1;
	}
	b = bench_fx_ptr(fx, pub_field, &len);
	return mbedtls_ecp_point_read_binary(&st->kp.grp, point, b, len);
}

static int ecdh_run(void *p)
{
	struct pk_st *st = p;
	int ret = mbedtls_ecdh_compute_shared(&st->kp.grp, &st->z, &st->peer, &st->kp.d,
	                                      mbedtls_ctr_drbg_random, rng());

	if (ret == 0)
		ret = st->montgomery ? mbedtls_mpi_write_binary_le(&st->z, st->out, st->expect_len)
		                     : mbedtls_mpi_write_binary(&st->z, st->out, st->expect_len);
	return ret != 0 ? -1 : bench_memcmp(st->out, st->expect, st->expect_len);
}

static void *ecdh_setup(const struct bench_fixture *fx, const char **why)
{
	struct pk_st *st = pk_new();

	st->montgomery = group_of(fx) == MBEDTLS_ECP_DP_CURVE25519;
	st->expect = bench_fx_ptr(fx, "shared", &st->expect_len);
	if (ec_load(st, fx, 1, "peer_pub", &st->peer) != 0)
		return pk_failed(st, why, "key import failed");
	if (ecdh_run(st) != 0)
		return pk_failed(st, why, "FAILED: shared secret differs from the fixture");
	return st;
}

static int ecdsa_verify_run(void *p)
{
	struct pk_st *st = p;

	return mbedtls_ecdsa_verify(&st->kp.grp, st->hash, st->hash_len, &st->kp.Q, &st->r, &st->s);
}

static int ecdsa_sign_run(void *p)
{
	struct pk_st *st = p;

	return mbedtls_ecdsa_sign(&st->kp.grp, &st->r, &st->s, &st->kp.d, st->hash, st->hash_len,
	                          mbedtls_ctr_drbg_random, rng());
}

static void *ecdsa_setup(const struct bench_fixture *fx, int sign, const char **why)
{
	struct pk_st *st = pk_new();
	size_t len;
	const uint8_t *sig = bench_fx_ptr(fx, "sig_raw", &len);

	st->hash = bench_fx_ptr(fx, "hash", &st->hash_len);
	if (ec_load(st, fx, sign, "pub", &st->kp.Q) != 0 ||
	    mbedtls_mpi_read_binary(&st->r, sig, len / 2) != 0 ||
	    mbedtls_mpi_read_binary(&st->s, sig + len / 2, len / 2) != 0)
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

static int rsa_verify_run(void *p)
{
	struct pk_st *st = p;

	return mbedtls_rsa_pkcs1_verify(&st->rsa, NULL, NULL, MBEDTLS_RSA_PUBLIC, MBEDTLS_MD_SHA256,
	                                (unsigned)st->hash_len, st->hash, st->expect);
}

static int rsa_sign_run(void *p)
{
	struct pk_st *st = p;

	return mbedtls_rsa_pkcs1_sign(&st->rsa, mbedtls_ctr_drbg_random, rng(), MBEDTLS_RSA_PRIVATE,
	                              MBEDTLS_MD_SHA256, (unsigned)st->hash_len, st->hash, st->out);
}

static void *rsa_setup(const struct bench_fixture *fx, int sign, const char **why)
{
	struct pk_st *st = pk_new();
	size_t n_len, e_len, p_len = 0, q_len = 0, d_len = 0;
	const uint8_t *n = bench_fx_ptr(fx, "n", &n_len), *e = bench_fx_ptr(fx, "e", &e_len);
	const uint8_t *pp = sign ? bench_fx_ptr(fx, "p", &p_len) : NULL;
	const uint8_t *q = sign ? bench_fx_ptr(fx, "q", &q_len) : NULL;
	const uint8_t *d = sign ? bench_fx_ptr(fx, "d", &d_len) : NULL;

	st->hash = bench_fx_ptr(fx, "hash", &st->hash_len);
	st->expect = bench_fx_ptr(fx, "sig", &st->expect_len);
	if (mbedtls_rsa_import_raw(&st->rsa, n, n_len, pp, p_len, q, q_len, d, d_len, e, e_len) ||
	    mbedtls_rsa_complete(&st->rsa) != 0)
		return pk_failed(st, why, "key import failed");
	if (sign && (rsa_sign_run(st) != 0 || memcmp(st->out, st->expect, st->expect_len) != 0))
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

static const struct bench_pk pks[] = {
	{"x25519", ecdh_setup, ecdh_run, pk_cleanup},
	{"p256-ecdh", ecdh_setup, ecdh_run, pk_cleanup},
	{"p256-ecdsa-sign", ecdsa_sign_setup, ecdsa_sign_run, pk_cleanup},
	{"p256-ecdsa-verify", ecdsa_verify_setup, ecdsa_verify_run, pk_cleanup},
	{"p384-ecdsa-verify", ecdsa_verify_setup, ecdsa_verify_run, pk_cleanup},
	{"rsa-2048-verify", rsa_verify_setup, rsa_verify_run, pk_cleanup},
	{"rsa-3072-verify", rsa_verify_setup, rsa_verify_run, pk_cleanup},
	{"rsa-4096-verify", rsa_verify_setup, rsa_verify_run, pk_cleanup},
	{"rsa-2048-sign", rsa_sign_setup, rsa_sign_run, pk_cleanup},
};

const struct bench_lib bench_lib_mbedtls = {
	"mbedtls",
	"Mbed TLS 2.28 (AES-NI, ECP_NIST_OPTIM, default window sizes), CTR_DRBG for blinding",
	aeads, BENCH_COUNT(aeads), hashes, BENCH_COUNT(hashes),
	ctx_sizes, BENCH_COUNT(ctx_sizes), pks, BENCH_COUNT(pks),
};
