/*
 * ChaCha20, Poly1305 and ChaCha20-Poly1305 against OpenSSL's libcrypto:
 * - AEAD: random keys, nonces, aad 0..300 and messages 0..5000 bytes;
 *   our seal = EVP_chacha20_poly1305, OpenSSL opens ours, ours opens
 *   OpenSSL's, a flipped bit is refused by both;
 * - ChaCha20: every variant against EVP_chacha20 at random counters;
 * - Poly1305: both variants against EVP_MAC "POLY1305", fed in random
 *   pieces, with random inputs and with all-ones keys and messages
 *   (largest limbs and carries).
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/chacha20.h"
#include "mote/chacha20poly1305.h"
#include "mote/error.h"
#include "mote/poly1305.h"
#include "test.h"

enum { MAX_MSG = 5000, MAX_AAD = 300 };

static uint8_t msg[MAX_MSG], buf[MAX_MSG], ref[MAX_MSG];

static size_t rand_len(size_t max)
{
	/* Half the draws short, where the block boundaries and tails are. */
	return test_rand32() % 2 ? test_rand32() % 300 % (max + 1) : test_rand32() % (max + 1);
}

static void ossl_aead(int enc, const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                      size_t aad_len, const uint8_t *in, uint8_t *out, size_t len, uint8_t tag[16],
                      int *ok)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int n = 0, fin = 0;

	CHECK(c != NULL);
	CHECK(EVP_CipherInit_ex(c, EVP_chacha20_poly1305(), NULL, key, nonce, enc) == 1);
	if (!enc)
		CHECK(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, 16, tag) == 1);
	if (aad_len > 0)
		CHECK(EVP_CipherUpdate(c, NULL, &n, aad, (int)aad_len) == 1);
	CHECK(EVP_CipherUpdate(c, out, &n, in, (int)len) == 1);
	fin = EVP_CipherFinal_ex(c, out + n, &n);
	if (enc) {
		CHECK(fin == 1);
		CHECK(EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, tag) == 1);
	}
	*ok = fin == 1;
	EVP_CIPHER_CTX_free(c);
}

static void diff_aead(int iters)
{
	long bad = 0;

	for (int it = 0; it < iters; it++) {
		uint8_t key[32], nonce[12], aad[MAX_AAD], tag[16], otag[16];
		size_t len = rand_len(MAX_MSG), aad_len = rand_len(MAX_AAD);
		mote_chachapoly_ctx ctx;
		int ok;

		test_rand_bytes(key, sizeof key);
		test_rand_bytes(nonce, sizeof nonce);
		test_rand_bytes(aad, aad_len);
		test_rand_bytes(msg, len);
		CHECK_INT(mote_chachapoly_init(&ctx, key, 32), 0);

		memcpy(buf, msg, len);
		CHECK_INT(mote_chachapoly_seal(&ctx, nonce, 12, aad, aad_len, buf, len, tag), 0);
		ossl_aead(1, key, nonce, aad, aad_len, msg, ref, len, otag, &ok);
		bad += memcmp(buf, ref, len) != 0 || memcmp(tag, otag, 16) != 0;

		/* OpenSSL opens ours. */
		ossl_aead(0, key, nonce, aad, aad_len, buf, ref, len, tag, &ok);
		bad += !ok || memcmp(ref, msg, len) != 0;

		/* A flipped bit (tag, ciphertext or aad): both refuse. */
		size_t where = test_rand32() % (16 + len + aad_len);
		uint8_t bit = (uint8_t)(1u << (test_rand32() % 8));
		uint8_t *p = where < 16 ? tag + where
		             : where < 16 + len ? buf + where - 16 : aad + where - 16 - len;
		*p ^= bit;
		memcpy(ref, buf, len);
		bad += mote_chachapoly_open(&ctx, nonce, 12, aad, aad_len, buf, len, tag) !=
		       MOTE_ERR_AUTH_FAILED;
		bad += memcmp(ref, buf, len) != 0;
		ossl_aead(0, key, nonce, aad, aad_len, buf, ref, len, tag, &ok);
		bad += ok;
		*p ^= bit;

		/* Ours opens ours (= OpenSSL's, checked above). */
		bad += mote_chachapoly_open(&ctx, nonce, 12, aad, aad_len, buf, len, tag) != 0;
		bad += memcmp(buf, msg, len) != 0;
		mote_chachapoly_clear(&ctx);
	}
	CHECK_INT(bad, 0);
	printf("chacha20-poly1305 vs EVP_chacha20_poly1305: %d random messages, %ld mismatches\n",
	       iters, bad);
}

typedef void chacha_fn(const uint8_t *, const uint8_t *, uint32_t, const uint8_t *, uint8_t *,
                       size_t);

static void diff_chacha(const char *name, chacha_fn *fn, int iters)
{
	long bad = 0;

	for (int it = 0; it < iters; it++) {
		uint8_t key[32], iv[16];
		size_t len = rand_len(MAX_MSG);
		uint32_t counter = test_rand32() % 4 ? test_rand32() % 1000 : test_rand32() - 200;
		EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
		int n;

		/* Stay below the 32-bit wrap, where OpenSSL carries into the nonce. */
		if (counter > 0xffffffffu - MAX_MSG / 64 - 1)
			counter = 0xffffffffu - MAX_MSG / 64 - 1;
		test_rand_bytes(key, sizeof key);
		test_rand_bytes(iv + 4, 12);
		iv[0] = (uint8_t)counter;
		iv[1] = (uint8_t)(counter >> 8);
		iv[2] = (uint8_t)(counter >> 16);
		iv[3] = (uint8_t)(counter >> 24);
		test_rand_bytes(msg, len);
		CHECK(EVP_EncryptInit_ex(c, EVP_chacha20(), NULL, key, iv) == 1);
		CHECK(EVP_EncryptUpdate(c, ref, &n, msg, (int)len) == 1);
		EVP_CIPHER_CTX_free(c);
		fn(key, iv + 4, counter, msg, buf, len);
		bad += memcmp(buf, ref, len) != 0;
	}
	CHECK_INT(bad, 0);
	printf("%s vs EVP_chacha20: %d random messages, %ld mismatches\n", name, iters, bad);
}

static void ossl_poly1305(const uint8_t key[32], const uint8_t *m, size_t len, uint8_t tag[16])
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "POLY1305", NULL);
	EVP_MAC_CTX *c = mac ? EVP_MAC_CTX_new(mac) : NULL;
	size_t n = 0;

	CHECK(c != NULL);
	CHECK(EVP_MAC_init(c, key, 32, NULL) == 1);
	CHECK(EVP_MAC_update(c, m, len) == 1);
	CHECK(EVP_MAC_final(c, tag, &n, 16) == 1 && n == 16);
	EVP_MAC_CTX_free(c);
	EVP_MAC_free(mac);
}

static const struct {
	const char *name;
	void (*init)(mote_poly1305_ctx *, const uint8_t *);
	void (*update)(mote_poly1305_ctx *, const uint8_t *, size_t);
	void (*final)(mote_poly1305_ctx *, uint8_t *);
} polys[] = {
	{"poly1305_ct32", mote_poly1305_init_ct32, mote_poly1305_update_ct32,
	 mote_poly1305_final_ct32},
#if MOTE_POLY1305_HAVE_CT64
	{"poly1305_ct64", mote_poly1305_init_ct64, mote_poly1305_update_ct64,
	 mote_poly1305_final_ct64},
#endif
	{"poly1305", mote_poly1305_init, mote_poly1305_update, mote_poly1305_final},
};

/* Inputs: random, or (one in four) all ones in key and message with a
 * few random bytes, so the limbs and carries are at their largest. */
static void poly_input(uint8_t key[32], size_t len)
{
	test_rand_bytes(key, 32);
	test_rand_bytes(msg, len);
	if (test_rand32() % 4 == 0) {
		memset(key, 0xff, 32);
		memset(msg, 0xff, len);
		for (int i = 0; i < 3 && len > 0; i++)
			msg[test_rand32() % len] = (uint8_t)test_rand32();
	}
}

static void diff_poly(int iters)
{
	for (size_t v = 0; v < sizeof polys / sizeof polys[0]; v++) {
		long bad = 0;
		for (int it = 0; it < iters; it++) {
			uint8_t key[32], tag[16], otag[16];
			size_t len = rand_len(MAX_MSG);
			mote_poly1305_ctx ctx;

			poly_input(key, len);
			ossl_poly1305(key, msg, len, otag);
			polys[v].init(&ctx, key);
			for (size_t off = 0; off < len;) {
				size_t n = test_rand32() % 3 ? test_rand32() % 70 : test_rand32() % 2000;
				if (n > len - off)
					n = len - off;
				polys[v].update(&ctx, msg + off, n);
				off += n;
			}
			polys[v].final(&ctx, tag);
			bad += memcmp(tag, otag, 16) != 0;
		}
		CHECK_INT(bad, 0);
		printf("%s vs EVP_MAC POLY1305: %d random messages in random pieces, %ld mismatches\n",
		       polys[v].name, iters, bad);
	}
}

int main(void)
{
	test_rand_seed(0xD1FFC4AC);
	diff_aead(3000);
	diff_chacha("chacha20_ct", mote_chacha20_xor_ct, 2000);
#if MOTE_CHACHA20_VEC4
	diff_chacha("chacha20_vec4", mote_chacha20_xor_vec4, 2000);
#endif
	diff_chacha("chacha20", mote_chacha20_xor, 2000);
	diff_poly(3000);
	return test_finish("diff_chachapoly");
}
