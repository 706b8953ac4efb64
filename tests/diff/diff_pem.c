/*
 * PEM against OpenSSL's libcrypto: the Debian CA bundle read with
 * PEM_read_bio() (labels and bytes must match, block by block), and random
 * byte strings base64-encoded by EVP_EncodeBlock(), wrapped at random
 * widths with random line ends and trailing blanks, decoded by Mote.
 */
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/error.h"
#include "mote/pem.h"
#include "test.h"
#include "testfile.h"

static void diff_bundle(void)
{
	const char *path = "/etc/ssl/certs/ca-certificates.crt";
	size_t len;
	char *text = (char *)test_read_path(path, &len);
	uint8_t *out;
	mote_pem_reader r;
	mote_pem_block b;
	BIO *bio;
	char *name, *header;
	unsigned char *data;
	long dlen;
	int count = 0;

	CHECK(text != NULL);
	if (!text)
		return;
	out = malloc(MOTE_PEM_DECODED_MAX(len));
	bio = BIO_new_mem_buf(text, (int)len);
	mote_pem_init(&r, text, len);
	while (PEM_read_bio(bio, &name, &header, &data, &dlen) == 1) {
		CHECK_INT(mote_pem_next(&r, &b, out, MOTE_PEM_DECODED_MAX(len)), 0);
		CHECK(mote_pem_label_is(&b, name));
		CHECK(b.der_len == (size_t)dlen && memcmp(b.der, data, b.der_len) == 0);
		OPENSSL_free(name);
		OPENSSL_free(header);
		OPENSSL_free(data);
		count++;
	}
	CHECK_INT(mote_pem_next(&r, &b, out, MOTE_PEM_DECODED_MAX(len)), MOTE_ERR_PEM_NOT_FOUND);
	printf("diff_pem: %s: %d blocks identical to PEM_read_bio()\n", path, count);
	CHECK(count > 0);
	BIO_free(bio);
	free(out);
	free(text);
}

/* Wrap base64 b64 into a PEM text at width w with end-of-line eol,
 * sometimes with blanks at line ends. */
static size_t wrap(char *text, const char *label, const char *b64, size_t w, const char *eol)
{
	size_t n = 0, len = strlen(b64);

	n += (size_t)sprintf(text + n, "-----BEGIN %s-----%s", label, eol);
	for (size_t i = 0; i < len; i += w) {
		size_t k = len - i < w ? len - i : w;

		memcpy(text + n, b64 + i, k);
		n += k;
		if (test_rand32() % 8 == 0)
			n += (size_t)sprintf(text + n, " \t");
		n += (size_t)sprintf(text + n, "%s", eol);
	}
	n += (size_t)sprintf(text + n, "-----END %s-----%s", label, eol);
	return n;
}

static void diff_random(void)
{
	static const char *const labels[] = {"CERTIFICATE", "PRIVATE KEY", "X", "A B-C D"};
	static const char *const eols[] = {"\n", "\r\n", "\r"};
	const int rounds = 4000;

	test_rand_seed(4648);
	for (int i = 0; i < rounds; i++) {
		size_t len = test_rand32() % 1500;
		uint8_t *raw = malloc(len + 1), *out = malloc(len + 1);
		char *b64 = malloc(4 * (len / 3 + 1) + 1);
		char *text = malloc(8 * len + 400);
		size_t w = 1 + test_rand32() % 100, n;
		mote_pem_reader r;
		mote_pem_block b;

		test_rand_bytes(raw, len);
		EVP_EncodeBlock((unsigned char *)b64, raw, (int)len);
		n = wrap(text, labels[i % 4], b64, w, eols[test_rand32() % 3]);
		mote_pem_init(&r, text, n);
		CHECK_INT(mote_pem_next(&r, &b, out, len + 1), 0);
		CHECK(b.der_len == len && memcmp(b.der, raw, len) == 0);
		CHECK(mote_pem_label_is(&b, labels[i % 4]));
		free(raw);
		free(out);
		free(b64);
		free(text);
	}
	printf("diff_pem: %d random blocks encoded by EVP_EncodeBlock() decoded identically\n", rounds);
}

int main(void)
{
	diff_bundle();
	diff_random();
	return test_finish("diff_pem");
}
