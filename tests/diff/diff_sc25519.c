/*
 * Scalar arithmetic mod L (the Ed25519 group order) against OpenSSL's
 * BIGNUM: mote_sc25519_reduce on random 64-byte values and on values at
 * the edges of Barrett reduction (0, multiples of L and their neighbours,
 * 2^512 - 1, long runs of ones); mote_sc25519_muladd on random and
 * all-ones operands; mote_sc25519_is_canonical around L and at 2^256 - 1.
 */
#include <openssl/bn.h>

#include <stdio.h>
#include <string.h>

#include "crypto/sc25519.h"
#include "test.h"

static BIGNUM *bn_l;
static BN_CTX *bn_ctx;

static void expect_mod_l(const uint8_t got[32], const BIGNUM *x, const char *what)
{
	BIGNUM *r = BN_new();
	uint8_t want[32];

	BN_nnmod(r, x, bn_l, bn_ctx);
	BN_bn2lebinpad(r, want, 32);
	if (memcmp(got, want, 32) != 0)
		fprintf(stderr, "%s mismatch\n", what);
	CHECK_MEM(got, want, 32);
	BN_free(r);
}

static void check_reduce(const uint8_t in[64])
{
	BIGNUM *x = BN_lebin2bn(in, 64, NULL);
	uint8_t out[32];

	mote_sc25519_reduce(out, in);
	expect_mod_l(out, x, "reduce");
	BN_free(x);
}

static void check_muladd(const uint8_t a[32], const uint8_t b[32], const uint8_t c[32])
{
	BIGNUM *x = BN_lebin2bn(a, 32, NULL), *y = BN_lebin2bn(b, 32, NULL);
	BIGNUM *z = BN_lebin2bn(c, 32, NULL);
	uint8_t out[32];

	mote_sc25519_muladd(out, a, b, c);
	BN_mul(x, x, y, bn_ctx);
	BN_add(x, x, z);
	expect_mod_l(out, x, "muladd");
	memcpy(out, a, 32); /* out may alias an input */
	mote_sc25519_muladd(out, out, b, c);
	expect_mod_l(out, x, "muladd (aliased)");
	BN_free(x);
	BN_free(y);
	BN_free(z);
}

/* in = m L + d for a 64-byte value, d small and possibly negative. */
static void near_multiple(uint8_t in[64], const BIGNUM *m, long d)
{
	BIGNUM *x = BN_new();

	BN_mul(x, m, bn_l, bn_ctx);
	if (d >= 0)
		BN_add_word(x, (BN_ULONG)d);
	else
		BN_sub_word(x, (BN_ULONG)-d);
	BN_bn2lebinpad(x, in, 64);
	BN_free(x);
}

static void test_reduce(int iters)
{
	uint8_t in[64];
	BIGNUM *m = BN_new(), *max_m = BN_new();

	memset(in, 0, 64);
	check_reduce(in);
	memset(in, 0xFF, 64);
	check_reduce(in); /* 2^512 - 1 */

	/* m L + d for d in -2..2 and m = 1, 2, 3, random, and the largest m
	 * with m L < 2^512. */
	BN_one(max_m);
	BN_lshift(max_m, max_m, 512);
	BN_div(max_m, NULL, max_m, bn_l, bn_ctx);
	for (int k = 0; k < 40; k++) {
		if (k < 3)
			BN_set_word(m, (BN_ULONG)k + 1);
		else if (k == 3)
			BN_copy(m, max_m);
		else
			BN_rand_range(m, max_m);
		for (long d = -2; d <= 2; d++) {
			if (k == 3 && d > 0)
				continue; /* would pass 2^512 */
			near_multiple(in, m, d);
			check_reduce(in);
		}
	}
	for (int it = 0; it < iters; it++) {
		test_rand_bytes(in, 64);
		if (it % 4 == 0)
			memset(in + test_rand32() % 48, 0xFF, 16);
		check_reduce(in);
	}
	BN_free(m);
	BN_free(max_m);
}

static void test_muladd(int iters)
{
	uint8_t a[32], b[32], c[32];

	memset(a, 0xFF, 32);
	memset(b, 0xFF, 32);
	memset(c, 0xFF, 32);
	check_muladd(a, b, c); /* (2^256 - 1)^2 + 2^256 - 1 */
	for (int it = 0; it < iters; it++) {
		test_rand_bytes(a, 32);
		test_rand_bytes(b, 32);
		test_rand_bytes(c, 32);
		check_muladd(a, b, c);
	}
}

static void test_canonical(void)
{
	uint8_t s[32];
	BIGNUM *x = BN_new();

	for (long d = -2; d <= 2; d++) {
		BN_copy(x, bn_l);
		if (d >= 0)
			BN_add_word(x, (BN_ULONG)d);
		else
			BN_sub_word(x, (BN_ULONG)-d);
		BN_bn2lebinpad(x, s, 32);
		CHECK_INT(mote_sc25519_is_canonical(s), d < 0 ? 0xFFFFFFFFu : 0);
	}
	memset(s, 0, 32);
	CHECK_INT(mote_sc25519_is_canonical(s), 0xFFFFFFFFu);
	memset(s, 0xFF, 32);
	CHECK_INT(mote_sc25519_is_canonical(s), 0);
	for (int it = 0; it < 1000; it++) {
		test_rand_bytes(s, 32);
		s[31] &= 0x1F;
		BN_lebin2bn(s, 32, x);
		CHECK_INT(mote_sc25519_is_canonical(s), BN_cmp(x, bn_l) < 0 ? 0xFFFFFFFFu : 0);
	}
	BN_free(x);
}

int main(void)
{
	bn_ctx = BN_CTX_new();
	bn_l = BN_new();
	BN_hex2bn(&bn_l, "1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3ed");
	test_rand_seed(0x8032);

	test_reduce(3000);
	test_muladd(3000);
	test_canonical();
	BN_free(bn_l);
	BN_CTX_free(bn_ctx);
	return test_finish("diff_sc25519");
}
