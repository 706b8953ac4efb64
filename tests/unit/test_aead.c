/*
 * The AEAD dispatcher: each suite against its published vector through
 * mote_aead_*, argument checks, and the record-layer properties (in-place
 * round trip, any modified byte rejected).
 */
#include <string.h>

#include "mote/aead.h"
#include "mote/error.h"
#include "test.h"

/* The tag plus the largest algorithm context (AES-GCM, 260 bytes). */
_Static_assert(sizeof(mote_aead_ctx) == 264, "mote_aead_ctx size is documented as 264 bytes");

struct kat {
	mote_aead_alg alg;
	const char *key, *nonce, *aad, *pt, *ct, *tag;
};

/* AES-GCM: McGrew & Viega, "The Galois/Counter Mode of Operation", test
 * cases 4 (AES-128) and 16 (AES-256). ChaCha20-Poly1305: RFC 8439 2.8.2. */
static const struct kat kats[] = {
	{MOTE_AEAD_AES_128_GCM, "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
	 "feedfacedeadbeeffeedfacedeadbeefabaddad2",
	 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
	 "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
	 "5bc94fbc3221a5db94fae95ae7121a47"},
	{MOTE_AEAD_AES_256_GCM,
	 "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	 "cafebabefacedbaddecaf888", "feedfacedeadbeeffeedfacedeadbeefabaddad2",
	 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
	 "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
	 "76fc6ece0f4e1768cddf8853bb2d551b"},
	{MOTE_AEAD_CHACHA20_POLY1305,
	 "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
	 "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
	 "4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a204966204920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73637265656e20776f756c642062652069742e",
	 "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116",
	 "1ae10b594f09e26a7e902ecbd0600691"},
};

static void test_kat(const struct kat *k)
{
	uint8_t key[32], nonce[12], aad[64], pt[256], ct[256], tag[16], buf[256], out[16];
	size_t key_len = test_unhex(k->key, key, sizeof key);
	size_t aad_len = test_unhex(k->aad, aad, sizeof aad);
	size_t len = test_unhex(k->pt, pt, sizeof pt);
	mote_aead_ctx ctx;

	test_unhex(k->nonce, nonce, sizeof nonce);
	test_unhex(k->ct, ct, sizeof ct);
	test_unhex(k->tag, tag, sizeof tag);
	CHECK_INT(mote_aead_key_size(k->alg), key_len);
	CHECK_INT(mote_aead_init(&ctx, k->alg, key, key_len), 0);
	memcpy(buf, pt, len);
	CHECK_INT(mote_aead_seal(&ctx, nonce, aad, aad_len, buf, len, out), 0);
	CHECK_MEM(buf, ct, len);
	CHECK_MEM(out, tag, 16);
	CHECK_INT(mote_aead_open(&ctx, nonce, aad, aad_len, buf, len, tag), 0);
	CHECK_MEM(buf, pt, len);

	/* Any single modified byte of ciphertext, aad or tag is rejected. */
	for (size_t i = 0; i < len + aad_len + 16; i++) {
		uint8_t *p = i < len ? &ct[i] : i < len + aad_len ? &aad[i - len] : &tag[i - len - aad_len];
		*p ^= 0x01;
		memcpy(buf, ct, len);
		CHECK_INT(mote_aead_open(&ctx, nonce, aad, aad_len, buf, len, tag), MOTE_ERR_AUTH_FAILED);
		*p ^= 0x01;
	}
	mote_aead_clear(&ctx);
	CHECK_INT(mote_aead_seal(&ctx, nonce, aad, aad_len, buf, len, out), MOTE_ERR_STATE);
}

static void test_args(void)
{
	uint8_t key[32] = {0}, nonce[12] = {0}, tag[16], buf[1] = {0};
	mote_aead_ctx ctx;

	CHECK_INT(mote_aead_init(&ctx, MOTE_AEAD_NONE, key, 16), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(mote_aead_init(&ctx, (mote_aead_alg)99, key, 16), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(mote_aead_init(&ctx, MOTE_AEAD_AES_128_GCM, key, 32), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(mote_aead_init(&ctx, MOTE_AEAD_AES_256_GCM, key, 16), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(mote_aead_init(&ctx, MOTE_AEAD_CHACHA20_POLY1305, key, 16),
	          MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(mote_aead_seal(&ctx, nonce, NULL, 0, buf, 1, tag), MOTE_ERR_STATE);
	CHECK_INT(mote_aead_key_size(MOTE_AEAD_NONE), 0);
}

/* Round trips at every length a small record can have, in place. */
static void test_roundtrip(void)
{
	static const mote_aead_alg algs[] = {MOTE_AEAD_AES_128_GCM, MOTE_AEAD_AES_256_GCM,
	                                     MOTE_AEAD_CHACHA20_POLY1305};
	uint8_t key[32], nonce[12], aad[13], pt[600], buf[600], tag[16];

	for (size_t a = 0; a < 3; a++) {
		mote_aead_ctx ctx;
		test_rand_bytes(key, sizeof key);
		CHECK_INT(mote_aead_init(&ctx, algs[a], key, mote_aead_key_size(algs[a])), 0);
		for (size_t len = 0; len <= sizeof pt; len += 7) {
			test_rand_bytes(nonce, sizeof nonce);
			test_rand_bytes(aad, sizeof aad);
			test_rand_bytes(pt, len);
			memcpy(buf, pt, len);
			CHECK_INT(mote_aead_seal(&ctx, nonce, aad, sizeof aad, buf, len, tag), 0);
			CHECK(len < 16 || memcmp(buf, pt, len) != 0);
			CHECK_INT(mote_aead_open(&ctx, nonce, aad, sizeof aad, buf, len, tag), 0);
			CHECK_MEM(buf, pt, len);
		}
	}
}

int main(void)
{
	for (size_t i = 0; i < sizeof kats / sizeof kats[0]; i++)
		test_kat(&kats[i]);
	test_args();
	test_roundtrip();
	return test_finish("test_aead");
}
