/*
 * SHA-256, SHA-384, SHA-512 and the run-time hash interface.
 *
 * Known answers: the FIPS 180-4 examples (NIST "Example Algorithms":
 * "abc", the 448-bit and 896-bit messages, one million 'a') and the empty
 * string. Properties: incremental updates at every split point equal the
 * one-shot digest; a copied context forks the hash mid-stream; the generic
 * mote_hash_* interface agrees with the direct functions.
 */
#include <stdalign.h>
#include <stdio.h>
#include <string.h>

#include "mote/hash.h"
#include "mote/sha2.h"
#include "test.h"

/* Context sizes promised in mote/sha2.h and mote/hash.h. The hash union is
 * 8-aligned where uint64_t is (LP64, ARM EABI), 4-aligned on i386. */
_Static_assert(sizeof(mote_sha256_ctx) == 104, "mote_sha256_ctx size");
_Static_assert(sizeof(mote_sha512_ctx) == 200, "mote_sha512_ctx size");
_Static_assert(sizeof(mote_hash_ctx) == (alignof(uint64_t) == 8 ? 208 : 204),
               "mote_hash_ctx size");

static const char msg448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char msg896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                             "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

struct kat {
	mote_hash_alg alg;
	const char *msg; /* NULL: one million 'a' */
	const char *digest;
};

static const struct kat kats[] = {
	{MOTE_HASH_SHA256, "",
	 "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{MOTE_HASH_SHA256, "abc",
	 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	{MOTE_HASH_SHA256, msg448,
	 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
	{MOTE_HASH_SHA256, msg896,
	 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	{MOTE_HASH_SHA256, NULL,
	 "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
	{MOTE_HASH_SHA384, "",
	 "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
	 "274edebfe76f65fbd51ad2f14898b95b"},
	{MOTE_HASH_SHA384, "abc",
	 "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
	 "8086072ba1e7cc2358baeca134c825a7"},
	{MOTE_HASH_SHA384, msg448,
	 "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
	 "b0455a8520bc4e6f5fe95b1fe3c8452b"},
	{MOTE_HASH_SHA384, msg896,
	 "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
	 "fcc7c71a557e2db966c3e9fa91746039"},
	{MOTE_HASH_SHA384, NULL,
	 "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
	 "07b8b3dc38ecc4ebae97ddd87f3d8985"},
	{MOTE_HASH_SHA512, "",
	 "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
	 "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
	{MOTE_HASH_SHA512, "abc",
	 "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
	 "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
	{MOTE_HASH_SHA512, msg448,
	 "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
	 "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"},
	{MOTE_HASH_SHA512, msg896,
	 "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
	 "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
	{MOTE_HASH_SHA512, NULL,
	 "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
	 "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"},
};

/* The direct (non-dispatched) one-shot function for alg. */
static void direct_hash(mote_hash_alg alg, const void *msg, size_t len, uint8_t *out)
{
	if (alg == MOTE_HASH_SHA256)
		mote_sha256(msg, len, out);
	else if (alg == MOTE_HASH_SHA384)
		mote_sha384(msg, len, out);
	else
		mote_sha512(msg, len, out);
}

static void test_kats(void)
{
	static uint8_t million[1000000];
	uint8_t want[64], got[64];
	int n = 0;

	memset(million, 'a', sizeof million);
	for (size_t i = 0; i < sizeof kats / sizeof kats[0]; i++) {
		const struct kat *k = &kats[i];
		const uint8_t *msg = k->msg ? (const uint8_t *)k->msg : million;
		size_t len = k->msg ? strlen(k->msg) : sizeof million;
		size_t dlen = test_unhex(k->digest, want, sizeof want);

		CHECK_INT(dlen, mote_hash_size(k->alg));
		direct_hash(k->alg, msg, len, got);
		CHECK_MEM(got, want, dlen);
		mote_hash(k->alg, msg, len, got);
		CHECK_MEM(got, want, dlen);
		if (!k->msg) {
			/* The million 'a' again, fed in uneven 997-byte pieces. */
			mote_hash_ctx ctx;
			mote_hash_init(&ctx, k->alg);
			for (size_t off = 0; off < len; off += 997) {
				size_t take = len - off < 997 ? len - off : 997;
				mote_hash_update(&ctx, msg + off, take);
			}
			mote_hash_final(&ctx, got);
			CHECK_MEM(got, want, dlen);
		}
		n++;
	}
	printf("test_sha2: %d FIPS 180-4 / empty-string known answers\n", n);
}

static const mote_hash_alg algs[] = {MOTE_HASH_SHA256, MOTE_HASH_SHA384, MOTE_HASH_SHA512};

/* Every split point of a 300-byte message (crosses 2 SHA-512 blocks and
 * 4 SHA-256 blocks), and a three-way split around block boundaries. */
static void test_splits(void)
{
	uint8_t msg[300], want[64], got[64];
	long n = 0;

	test_rand_bytes(msg, sizeof msg);
	for (size_t a = 0; a < 3; a++) {
		mote_hash_alg alg = algs[a];
		size_t hl = mote_hash_size(alg);

		mote_hash(alg, msg, sizeof msg, want);
		for (size_t s = 0; s <= sizeof msg; s++) {
			mote_hash_ctx ctx;
			mote_hash_init(&ctx, alg);
			mote_hash_update(&ctx, msg, s);
			mote_hash_update(&ctx, msg + s, sizeof msg - s);
			mote_hash_final(&ctx, got);
			CHECK_MEM(got, want, hl);
			n++;
		}
		for (size_t s = 50; s < 140; s++) {
			mote_hash_ctx ctx;
			mote_hash_init(&ctx, alg);
			mote_hash_update(&ctx, msg, s);
			mote_hash_update(&ctx, msg + s, 0);
			mote_hash_update(&ctx, msg + s, 64);
			mote_hash_update(&ctx, msg + s + 64, sizeof msg - s - 64);
			mote_hash_final(&ctx, got);
			CHECK_MEM(got, want, hl);
			n++;
		}
	}
	printf("test_sha2: %ld incremental split checks\n", n);
}

/* A copy taken mid-stream continues independently of the original: this
 * is how the TLS transcript hash is peeked at. */
static void test_fork(void)
{
	uint8_t msg[400], d1[64], d2[64], w1[64], w2[64];

	test_rand_bytes(msg, sizeof msg);
	for (size_t a = 0; a < 3; a++) {
		mote_hash_alg alg = algs[a];
		size_t hl = mote_hash_size(alg);

		for (size_t mid = 0; mid <= 200; mid += 37) {
			mote_hash_ctx ctx, copy;
			mote_hash_init(&ctx, alg);
			mote_hash_update(&ctx, msg, mid);
			copy = ctx;
			mote_hash_update(&ctx, msg + mid, 200 - mid);
			mote_hash_update(&copy, msg + mid, 400 - mid);
			mote_hash_final(&ctx, d1);
			mote_hash_final(&copy, d2);
			mote_hash(alg, msg, 200, w1);
			mote_hash(alg, msg, 400, w2);
			CHECK_MEM(d1, w1, hl);
			CHECK_MEM(d2, w2, hl);
		}
	}
	/* The same with the direct SHA-256 context. */
	mote_sha256_ctx s, t;
	mote_sha256_init(&s);
	mote_sha256_update(&s, msg, 100);
	t = s;
	mote_sha256_update(&t, msg + 100, 1);
	mote_sha256_final(&s, d1);
	mote_sha256_final(&t, d2);
	mote_sha256(msg, 100, w1);
	mote_sha256(msg, 101, w2);
	CHECK_MEM(d1, w1, 32);
	CHECK_MEM(d2, w2, 32);
}

static void test_sizes(void)
{
	CHECK_INT(mote_hash_size(MOTE_HASH_SHA256), 32);
	CHECK_INT(mote_hash_size(MOTE_HASH_SHA384), 48);
	CHECK_INT(mote_hash_size(MOTE_HASH_SHA512), 64);
	CHECK_INT(mote_hash_size(MOTE_HASH_NONE), 0);
	CHECK_INT(mote_hash_block_size(MOTE_HASH_SHA256), 64);
	CHECK_INT(mote_hash_block_size(MOTE_HASH_SHA384), 128);
	CHECK_INT(mote_hash_block_size(MOTE_HASH_SHA512), 128);
	CHECK_INT(mote_hash_block_size((mote_hash_alg)99), 0);
}

int main(void)
{
	test_rand_seed(0x5a2);
	test_kats();
	test_splits();
	test_fork();
	test_sizes();
	return test_finish("test_sha2");
}
