/*
 * Mote, through its public headers, with the default configuration.
 *
 * Primitives land on main one by one. So that the bench builds and runs at
 * every step, each Mote function used here is declared weak and libmote
 * is linked whole (see bench/CMakeLists.txt): a function that is not in
 * the library yet has address NULL and its row prints "n/a (not yet
 * implemented)" instead of failing the link. Operations whose header is
 * not on main yet are listed with a setup that says the same.
 */
#include <stdlib.h>
#include <string.h>

#include "mote/chacha20poly1305.h"
#include "mote/gcm.h"
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

#define NOT_YET "not yet implemented"

static void free_state(void *p)
{
	free(p);
}

/* ---- AEAD ---- */

static void *gcm_setup(const uint8_t *key, size_t key_len, const char **why)
{
	mote_gcm_ctx *ctx;

	if (!mote_gcm_init || !mote_gcm_seal || !mote_gcm_open) {
		*why = NOT_YET;
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
		*why = NOT_YET;
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
		*why = NOT_YET;
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

static void *pk_pending(const struct bench_fixture *fx, const char **why)
{
	*why = NOT_YET;
	return NULL;
}

static int pk_none(void *st)
{
	return -1;
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

static void *dh_check(struct dh_st *st, int (*run)(void *), const char **why)
{
	if (run(st) != 0) {
		free(st);
		*why = "FAILED: shared secret differs from the fixture";
		return NULL;
	}
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
		*why = NOT_YET;
		return NULL;
	}
	return dh_check(dh_load(fx), x25519_run, why);
}

static const struct bench_pk pks[] = {
	{"x25519", x25519_setup, x25519_run, free_state},
	{"p256-ecdh", pk_pending, pk_none, free_state},
	{"p256-ecdsa-sign", pk_pending, pk_none, free_state},
	{"p256-ecdsa-verify", pk_pending, pk_none, free_state},
	{"p384-ecdsa-verify", pk_pending, pk_none, free_state},
	{"rsa-2048-verify", pk_pending, pk_none, free_state},
	{"rsa-3072-verify", pk_pending, pk_none, free_state},
	{"rsa-4096-verify", pk_pending, pk_none, free_state},
	{"rsa-2048-sign", pk_pending, pk_none, free_state},
	{"ed25519-verify", pk_pending, pk_none, free_state},
};

const struct bench_lib bench_lib_mote = {
	"mote",
	"Mote (this tree), default configuration, portable constant-time code",
	aeads, BENCH_COUNT(aeads), hashes, BENCH_COUNT(hashes),
	ctx_sizes, BENCH_COUNT(ctx_sizes), pks, BENCH_COUNT(pks),
};
