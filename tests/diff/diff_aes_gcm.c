/*
 * AES-GCM against OpenSSL's EVP_aes_*_gcm: random keys (128/192/256),
 * IVs (mostly 12 bytes, otherwise 1..64), AAD (0..64 bytes), messages of
 * 0..5000 bytes and tag lengths 4..16, for every variant (x86ni where the
 * CPU has it). OpenSSL is fed AAD and message in pieces of odd sizes; our
 * ciphertext and tag must match its, our open must restore the message,
 * and OpenSSL must accept what we seal.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/aes_impl.h"
#include "mote/error.h"
#include "test.h"

#define ITERATIONS 3000
#define MAX_LEN 5000

struct variant {
	const char *name;
	int (*init)(mote_gcm_ctx *, const uint8_t *, size_t);
	int (*seal)(const mote_gcm_ctx *, const uint8_t *, size_t, const uint8_t *, size_t,
	            uint8_t *, size_t, uint8_t *, size_t);
	int (*open)(const mote_gcm_ctx *, const uint8_t *, size_t, const uint8_t *, size_t,
	            uint8_t *, size_t, const uint8_t *, size_t);
	int (*available)(void); /* NULL: always */
};

static const struct variant variants[] = {
	{"ct64", mote_gcm_init_ct64, mote_gcm_seal_ct64, mote_gcm_open_ct64, NULL},
	{"ct32", mote_gcm_init_ct32, mote_gcm_seal_ct32, mote_gcm_open_ct32, NULL},
#if MOTE_HAVE_X86NI
	{"x86ni", mote_gcm_init_x86ni, mote_gcm_seal_x86ni, mote_gcm_open_x86ni,
	 mote_aes_x86ni_available},
#endif
	{"public", mote_gcm_init, mote_gcm_seal, mote_gcm_open, NULL},
};

static const EVP_CIPHER *cipher_for(size_t klen)
{
	return klen == 16 ? EVP_aes_128_gcm() : klen == 24 ? EVP_aes_192_gcm() : EVP_aes_256_gcm();
}

/* Feeds IN to EVP in pieces of 1..97 bytes. */
static int update_split(EVP_CIPHER_CTX *c, uint8_t *out, const uint8_t *in, size_t len)
{
	size_t off = 0;

	while (off < len) {
		int n = (int)(1 + test_rand32() % 97), got;

		if ((size_t)n > len - off)
			n = (int)(len - off);
		if (!EVP_CipherUpdate(c, out ? out + off : NULL, &got, in + off, n))
			return 0;
		if (out && got != n)
			return 0;
		off += (size_t)n;
	}
	return 1;
}

/* OpenSSL encryption (enc = 1) or decryption with tag check (enc = 0).
 * Returns 1 on success. */
static int ossl_gcm(int enc, const uint8_t *key, size_t klen, const uint8_t *iv, size_t ivlen,
                    const uint8_t *aad, size_t alen, const uint8_t *in, uint8_t *out,
                    size_t len, uint8_t *tag, size_t tlen)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int ok, fin;

	ok = c && EVP_CipherInit_ex(c, cipher_for(klen), NULL, NULL, NULL, enc) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, (int)ivlen, NULL) &&
	     EVP_CipherInit_ex(c, NULL, NULL, key, iv, enc) && update_split(c, NULL, aad, alen) &&
	     update_split(c, out, in, len);
	if (ok && !enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, (int)tlen, tag);
	ok = ok && EVP_CipherFinal_ex(c, out + len, &fin) && fin == 0;
	if (ok && enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, (int)tlen, tag);
	EVP_CIPHER_CTX_free(c);
	return ok;
}

static void one_case(const struct variant *v, uint8_t *pt, uint8_t *ref, uint8_t *buf)
{
	uint8_t key[32], iv[64], aad[64], tag[16], ref_tag[16];
	size_t klen = 16 + 8 * (test_rand32() % 3);
	size_t ivlen = test_rand32() % 4 ? 12 : 1 + test_rand32() % 64;
	size_t alen = test_rand32() % 65, len = test_rand32() % (MAX_LEN + 1);
	size_t tlen = test_rand32() % 2 ? 16 : 4 + test_rand32() % 13;
	mote_gcm_ctx ctx;

	test_rand_bytes(key, klen);
	test_rand_bytes(iv, ivlen);
	test_rand_bytes(aad, alen);
	test_rand_bytes(pt, len);
	CHECK(ossl_gcm(1, key, klen, iv, ivlen, aad, alen, pt, ref, len, ref_tag, tlen));
	CHECK_INT(v->init(&ctx, key, klen), 0);
	memcpy(buf, pt, len);
	CHECK_INT(v->seal(&ctx, iv, ivlen, aad, alen, buf, len, tag, tlen), 0);
	CHECK_MEM(buf, ref, len);
	CHECK_MEM(tag, ref_tag, tlen);
	CHECK(ossl_gcm(0, key, klen, iv, ivlen, aad, alen, buf, ref, len, tag, tlen));
	CHECK_MEM(ref, pt, len);
	CHECK_INT(v->open(&ctx, iv, ivlen, aad, alen, buf, len, tag, tlen), 0);
	CHECK_MEM(buf, pt, len);
}

int main(void)
{
	uint8_t *pt = malloc(MAX_LEN + 16), *ref = malloc(MAX_LEN + 16), *buf = malloc(MAX_LEN);

	test_rand_seed(0xAE5);
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		long before = test_failures();

		if (variants[i].available && !variants[i].available()) {
			printf("diff_aes_gcm (%s): not supported by this CPU, skipped\n",
			       variants[i].name);
			continue;
		}
		for (int n = 0; n < ITERATIONS; n++)
			one_case(&variants[i], pt, ref, buf);
		printf("diff_aes_gcm (%s): %d random cases vs OpenSSL, %ld failed checks\n",
		       variants[i].name, ITERATIONS, test_failures() - before);
	}
	free(pt);
	free(ref);
	free(buf);
	return test_finish("diff_aes_gcm");
}
