/*
 * X25519 and Ed25519 against OpenSSL's libcrypto (EVP_PKEY_X25519,
 * EVP_PKEY_ED25519), for every field variant and the public API:
 * - X25519: random scalars with random 32-byte u (any top bit, twist
 *   points, non-canonical values) and with the small-order points: equal
 *   shared secrets, and MOTE_ERR_WEAK_KEY exactly where OpenSSL refuses
 *   the all-zero result; public keys equal (fixed-base and ladder
 *   paths); both sides of a DH agree.
 * - Ed25519: random seeds and messages of 0..300 bytes: equal public keys
 *   and byte-identical signatures; OpenSSL verifies ours and we verify
 *   OpenSSL's; a flipped bit, S + L, and random signatures are refused by
 *   both.
 */
#include <openssl/evp.h>

#include <stdio.h>
#include <string.h>

#include "crypto/curve25519.h"
#include "mote/config.h"
#include "mote/ed25519.h"
#include "mote/error.h"
#include "mote/x25519.h"
#include "test.h"

/* Ed25519 is optional (MOTE_ENABLE_ED25519); without it only X25519 runs. */
#if MOTE_ENABLE_ED25519
#define ED(f) f
#else
#define ED(f) NULL
#endif

struct variant {
	const char *name;
	int iters;
	int (*x25519)(uint8_t out[32], const uint8_t k[32], const uint8_t u[32]);
	void (*x25519_base)(uint8_t pub[32], const uint8_t k[32]);
	void (*ladder_base)(uint8_t pub[32], const uint8_t k[32]); /* NULL: same as base */
	void (*public_key)(uint8_t pub[32], const uint8_t seed[32]);
	void (*sign)(uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t seed[32],
	             const uint8_t pub[32]);
	int (*verify)(const uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t pub[32]);
};

#define VARIANT(B, n)                                                                           \
	{                                                                                           \
		#B, n, mote_x25519_##B, mote_x25519_base_##B, mote_x25519_ladder_base_##B,              \
		    ED(mote_ed25519_public_key_##B),                                                         \
		    ED(mote_ed25519_sign_##B), ED(mote_ed25519_verify_##B)                                      \
	}

static const struct variant variants[] = {
#if defined(__SIZEOF_INT128__)
	VARIANT(64, 200),
#endif
	VARIANT(32, 200),
	/* Sanitizer builds run unoptimised: fewer iterations there. */
	VARIANT(16, TEST_SANITIZED ? 20 : 100),
	{"public", 1000, mote_x25519, mote_x25519_base, NULL, ED(mote_ed25519_public_key),
	 ED(mote_ed25519_sign), ED(mote_ed25519_verify)},
};

/* OpenSSL's X25519(k, u); 0 if it refuses (all-zero result). */
static int ossl_x25519(uint8_t out[32], const uint8_t k[32], const uint8_t u[32])
{
	EVP_PKEY *priv = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, k, 32);
	EVP_PKEY *peer = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, u, 32);
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(priv, NULL);
	size_t len = 32;
	int ok;

	CHECK(priv && peer && ctx);
	ok = EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer(ctx, peer) == 1 &&
	     EVP_PKEY_derive(ctx, out, &len) == 1 && len == 32;
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(peer);
	EVP_PKEY_free(priv);
	return ok;
}

static void ossl_public(int type, uint8_t pub[32], const uint8_t priv[32])
{
	EVP_PKEY *key = EVP_PKEY_new_raw_private_key(type, NULL, priv, 32);
	size_t len = 32;

	CHECK(key && EVP_PKEY_get_raw_public_key(key, pub, &len) == 1 && len == 32);
	EVP_PKEY_free(key);
}

/* Compare one X25519(k, u) with OpenSSL; returns 1 if they disagree. */
static int diff_one(const struct variant *v, const uint8_t k[32], const uint8_t u[32])
{
	uint8_t ours[32], theirs[32], zero[32] = {0};
	int rc = v->x25519(ours, k, u);

	if (ossl_x25519(theirs, k, u))
		return rc != 0 || memcmp(ours, theirs, 32) != 0;
	return rc != MOTE_ERR_WEAK_KEY || memcmp(ours, zero, 32) != 0;
}

static void diff_x25519(const struct variant *v)
{
	/* u = 0, 1, the two points of order 8, p - 1, p, p + 1 (the last
	 * two non-canonical), and the order-8 points with bit 255 set. */
	static const char *const small_order[] = {
		"0000000000000000000000000000000000000000000000000000000000000000",
		"0100000000000000000000000000000000000000000000000000000000000000",
		"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
		"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
		"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
	};
	long bad = 0, weak = 0;
	uint8_t k[32], u[32], pub[32], opub[32], k2[32], pub2[32], s1[32], s2[32];

	for (size_t i = 0; i < sizeof small_order / sizeof small_order[0]; i++) {
		test_unhex(small_order[i], u, 32);
		test_rand_bytes(k, 32);
		bad += diff_one(v, k, u);
		weak += v->x25519(s1, k, u) == MOTE_ERR_WEAK_KEY;
	}
	for (int it = 0; it < v->iters; it++) {
		test_rand_bytes(k, 32);
		test_rand_bytes(u, 32);
		bad += diff_one(v, k, u);

		v->x25519_base(pub, k);
		ossl_public(EVP_PKEY_X25519, opub, k);
		bad += memcmp(pub, opub, 32) != 0;
		if (v->ladder_base && it % 4 == 0) {
			v->ladder_base(pub, k);
			bad += memcmp(pub, opub, 32) != 0;
		}

		test_rand_bytes(k2, 32);
		v->x25519_base(pub2, k2);
		bad += v->x25519(s1, k, pub2) != 0 || v->x25519(s2, k2, pub) != 0;
		bad += memcmp(s1, s2, 32) != 0;
	}
	printf("x25519 variant %s: %d random + %zu small-order points (%ld weak), %ld mismatches\n",
	       v->name, v->iters, sizeof small_order / sizeof small_order[0], weak, bad);
	CHECK(weak >= 7);
	CHECK_INT(bad, 0);
}

static void ossl_sign(uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t seed[32])
{
	EVP_PKEY *key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	size_t sig_len = 64;

	CHECK(key && md && EVP_DigestSignInit(md, NULL, NULL, NULL, key) == 1);
	CHECK(EVP_DigestSign(md, sig, &sig_len, msg, len) == 1 && sig_len == 64);
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
}

static int ossl_verify(const uint8_t sig[64], const uint8_t *msg, size_t len,
                       const uint8_t pub[32])
{
	EVP_PKEY *key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, 32);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int ok;

	CHECK(key && md && EVP_DigestVerifyInit(md, NULL, NULL, NULL, key) == 1);
	ok = EVP_DigestVerify(md, sig, 64, msg, len) == 1;
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	return ok;
}

/* L as 32 little-endian bytes. */
static const uint8_t order[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58,
                                  0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                                  [31] = 0x10};

static void diff_ed25519(const struct variant *v)
{
	long bad = 0;
	uint8_t seed[32], pub[32], opub[32], sig[64], osig[64], msg[300];

	for (int it = 0; it < v->iters; it++) {
		size_t len = test_rand32() % (sizeof msg + 1);
		unsigned c = 0;

		test_rand_bytes(seed, 32);
		test_rand_bytes(msg, len);
		v->public_key(pub, seed);
		ossl_public(EVP_PKEY_ED25519, opub, seed);
		bad += memcmp(pub, opub, 32) != 0;
		v->sign(sig, msg, len, seed, pub);
		ossl_sign(osig, msg, len, seed);
		bad += memcmp(sig, osig, 64) != 0;
		bad += !ossl_verify(sig, msg, len, pub);
		bad += v->verify(osig, msg, len, opub) != 0;

		/* A flipped bit of the signature or the message: both refuse. */
		size_t bit = test_rand32() % (8 * (64 + len));
		uint8_t *p = bit < 512 ? &sig[bit / 8] : &msg[(bit - 512) / 8];
		*p ^= (uint8_t)(1 << (bit % 8));
		bad += v->verify(sig, msg, len, pub) == 0 || ossl_verify(sig, msg, len, pub);
		*p ^= (uint8_t)(1 << (bit % 8));

		/* S + L (non-canonical S, same value mod L): both refuse. */
		for (int i = 0; i < 32; i++) {
			c += (unsigned)sig[32 + i] + order[i];
			sig[32 + i] = (uint8_t)c;
			c >>= 8;
		}
		bad += v->verify(sig, msg, len, pub) != MOTE_ERR_BAD_SIGNATURE;
		bad += ossl_verify(sig, msg, len, pub);

		/* Random R and S (S < 2^252 < L): both refuse. */
		test_rand_bytes(sig, 64);
		sig[63] &= 0x0F;
		bad += v->verify(sig, msg, len, pub) == 0 || ossl_verify(sig, msg, len, pub);
	}
	printf("ed25519 variant %s: %d seeds and messages, %ld mismatches\n", v->name, v->iters,
	       bad);
	CHECK_INT(bad, 0);
}

int main(void)
{
	test_rand_seed(0x7748);
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		diff_x25519(&variants[i]);
		if (variants[i].public_key)
			diff_ed25519(&variants[i]);
	}
	return test_finish("diff_x25519");
}
