/*
 * PEM decoding: RFC 4648 base64 vectors, the openssl-made key fixtures
 * (PEM against the DER openssl wrote for the same key), a multi-block file,
 * one text per rejection rule with its specific error, in-place decoding,
 * and the whole Debian CA bundle (every block one complete DER SEQUENCE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/der.h"
#include "mote/error.h"
#include "mote/pem.h"
#include "test.h"
#include "testfile.h"

_Static_assert(sizeof(mote_pem_reader) == 4 * sizeof(void *), "mote_pem_reader size");
_Static_assert(sizeof(mote_pem_block) == 4 * sizeof(void *), "mote_pem_block size");

/* Decode the first block of text (a copy of exactly its length) into a
 * buffer and in place; both must agree. Returns the error; the decoded
 * bytes go to out / *out_len when out is given. */
static int decode_first(const char *text, char *label, uint8_t *out, size_t *out_len)
{
	size_t len = strlen(text);
	char *copy = malloc(len ? len : 1), *copy2 = malloc(len ? len : 1);
	uint8_t *buf = malloc(MOTE_PEM_DECODED_MAX(len) + 1);
	mote_pem_reader r, ri;
	mote_pem_block b, bi;
	int err, erri;

	memcpy(copy, text, len);
	memcpy(copy2, text, len);
	mote_pem_init(&r, copy, len);
	err = mote_pem_next(&r, &b, buf, MOTE_PEM_DECODED_MAX(len));
	mote_pem_init_inplace(&ri, copy2, len);
	erri = mote_pem_next(&ri, &bi, NULL, 0);
	CHECK_INT(erri, err);
	if (err == 0 && erri == 0) {
		CHECK(bi.der_len == b.der_len && memcmp(bi.der, b.der, b.der_len) == 0);
		CHECK((const char *)bi.der >= copy2 && (const char *)bi.der + bi.der_len <= copy2 + len);
		CHECK(b.label >= copy && b.label + b.label_len <= copy + len);
		if (label) {
			memcpy(label, b.label, b.label_len);
			label[b.label_len] = 0;
		}
		if (out) {
			memcpy(out, b.der, b.der_len);
			*out_len = b.der_len;
		}
	}
	/* A failed call leaves the reader where it was: same error again. */
	if (err)
		CHECK_INT(mote_pem_next(&r, &b, buf, MOTE_PEM_DECODED_MAX(len)), err);
	free(copy);
	free(copy2);
	free(buf);
	return err;
}

/* A text with the given body between BEGIN/END lines of label L. */
static int decode_body(const char *body, uint8_t *out, size_t *out_len)
{
	char text[2048];

	snprintf(text, sizeof text, "-----BEGIN L-----\n%s-----END L-----\n", body);
	return decode_first(text, NULL, out, out_len);
}

static void test_rfc4648(void)
{
	static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const b64[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	uint8_t out[64];
	size_t n;
	char body[64];

	for (int i = 0; i < 7; i++) {
		snprintf(body, sizeof body, "%s%s", b64[i], *b64[i] ? "\n" : "");
		CHECK_INT(decode_body(body, out, &n), 0);
		CHECK(n == strlen(plain[i]) && memcmp(out, plain[i], n) == 0);
	}
}

static void test_layout(void)
{
	uint8_t out[64];
	size_t n;
	char label[64];

	/* Line breaks anywhere between quanta or inside one; CRLF, CR, LF;
	 * spaces and tabs at line ends; empty lines. */
	CHECK_INT(decode_body("Zm9v\nYmFy\n", out, &n), 0);
	CHECK(n == 6 && memcmp(out, "foobar", 6) == 0);
	CHECK_INT(decode_body("Zm\n9vYm\nFy\n", out, &n), 0);
	CHECK(n == 6 && memcmp(out, "foobar", 6) == 0);
	CHECK_INT(decode_body("Zm9v \t\r\nYmE=  \r\n\r\n", out, &n), 0);
	CHECK(n == 5 && memcmp(out, "fooba", 5) == 0);
	CHECK_INT(decode_first("-----BEGIN A B-----\rZm9v\r-----END A B-----", label, out, &n), 0);
	CHECK(n == 3 && strcmp(label, "A B") == 0);
	CHECK_INT(decode_first("-----BEGIN X9-42 DH-----  \nZg==\n-----END X9-42 DH----- \t\n", label,
	                       out, &n),
	          0);
	CHECK(strcmp(label, "X9-42 DH") == 0);
	CHECK_INT(decode_first("-----BEGIN -----\n-----END -----\n", label, out, &n), 0);
	CHECK(strcmp(label, "") == 0 && n == 0);
	/* Text before the block, and BEGIN not at a line start, is skipped. */
	CHECK_INT(decode_first("junk -----BEGIN Q-----\nZg==\n-----END Q-----\n"
	                       "text\n-----BEGIN R-----\nZm8=\n-----END R-----",
	                       label, out, &n),
	          0);
	CHECK(strcmp(label, "R") == 0 && n == 2);
	CHECK_INT(decode_first("", NULL, NULL, NULL), MOTE_ERR_PEM_NOT_FOUND);
	CHECK_INT(decode_first("no armour here\n", NULL, NULL, NULL), MOTE_ERR_PEM_NOT_FOUND);
	CHECK_INT(decode_first(" -----BEGIN L-----\nZg==\n-----END L-----\n", NULL, NULL, NULL),
	          MOTE_ERR_PEM_NOT_FOUND);
}

static void test_rejects(void)
{
	static const struct {
		const char *body;
		int err;
	} bodies[] = {
		{"Zm9v*mFy\n", MOTE_ERR_PEM_BAD_BASE64},  {"Zm9v.mFy\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Zm9v-mFy\n", MOTE_ERR_PEM_BAD_BASE64},  {"Zm9v_mFy\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Zm9vYm\xC3\xA9y\n", MOTE_ERR_PEM_BAD_BASE64}, {"Zm9v YmFy\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Zm9v\tYmFy\n", MOTE_ERR_PEM_BAD_BASE64}, {" Zm9vYmFy\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Zm9v\001\n", MOTE_ERR_PEM_BAD_BASE64},  {"Zm9vYmFy\f\n", MOTE_ERR_PEM_BAD_BASE64},
		/* Padding and length. */
		{"Zg=\n", MOTE_ERR_PEM_BAD_BASE64},       {"Zg===\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Z===\n", MOTE_ERR_PEM_BAD_BASE64},      {"====\n", MOTE_ERR_PEM_BAD_BASE64},
		{"=\n", MOTE_ERR_PEM_BAD_BASE64},         {"Zh==\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Zm9=\n", MOTE_ERR_PEM_BAD_BASE64},      {"Zm9vYh==\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Zg==Zg==\n", MOTE_ERR_PEM_BAD_BASE64},  {"Zg==\nZg==\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Zm=v\n", MOTE_ERR_PEM_BAD_BASE64},      {"Zm9vY\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Zm9\n", MOTE_ERR_PEM_BAD_BASE64},       {"Z\n", MOTE_ERR_PEM_BAD_BASE64},
		{"Zg==\n=\n", MOTE_ERR_PEM_BAD_BASE64},
		/* RFC 1421 headers (legacy encrypted keys). */
		{"Proc-Type: 4,ENCRYPTED\nZg==\n", MOTE_ERR_PEM_BAD_BASE64},
		/* A second BEGIN before the END. */
		{"Zg==\n-----BEGIN L-----\nZg==\n", MOTE_ERR_PEM_NO_END},
		{"-----\n", MOTE_ERR_PEM_NO_END},
	};
	static const struct {
		const char *text;
		int err;
	} texts[] = {
		{"-----BEGIN L-----\nZg==\n", MOTE_ERR_PEM_NO_END},
		{"-----BEGIN L-----\nZg==", MOTE_ERR_PEM_NO_END},
		{"-----BEGIN L-----", MOTE_ERR_PEM_NO_END},
		{"-----BEGIN L-----\nZg==\n-----END M-----\n", MOTE_ERR_PEM_LABEL_MISMATCH},
		{"-----BEGIN L-----\nZg==\n-----END LL-----\n", MOTE_ERR_PEM_LABEL_MISMATCH},
		{"-----BEGIN LL-----\nZg==\n-----END L-----\n", MOTE_ERR_PEM_LABEL_MISMATCH},
		{"-----BEGIN A B-----\nZg==\n-----END A-B-----\n", MOTE_ERR_PEM_LABEL_MISMATCH},
		{"-----BEGIN L----\nZg==\n-----END L-----\n", MOTE_ERR_PEM},
		{"-----BEGIN L-----x\nZg==\n-----END L-----\n", MOTE_ERR_PEM},
		{"-----BEGIN L------\nZg==\n-----END L-----\n", MOTE_ERR_PEM},
		{"-----BEGIN  L-----\nZg==\n-----END  L-----\n", MOTE_ERR_PEM},
		{"-----BEGIN L -----\nZg==\n-----END L -----\n", MOTE_ERR_PEM},
		{"-----BEGIN A  B-----\nZg==\n-----END A  B-----\n", MOTE_ERR_PEM},
		{"-----BEGIN A--B-----\nZg==\n-----END A--B-----\n", MOTE_ERR_PEM},
		{"-----BEGIN A\tB-----\nZg==\n-----END A\tB-----\n", MOTE_ERR_PEM},
		{"-----BEGIN L\n-----\nZg==\n-----END L-----\n", MOTE_ERR_PEM},
		{"-----BEGIN L-----\nZg==\n-----END L----\n", MOTE_ERR_PEM},
		{"-----BEGIN L-----\nZg==\n-----END L-----x\n", MOTE_ERR_PEM},
		{"-----BEGIN L-----\nZg==\n-----END L", MOTE_ERR_PEM},
	};
	uint8_t out[64];
	size_t n;

	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		int err = decode_body(bodies[i].body, out, &n);

		CHECK_INT(err, bodies[i].err);
		if (err != bodies[i].err)
			fprintf(stderr, "  body %zu\n", i);
	}
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		int err = decode_first(texts[i].text, NULL, NULL, NULL);

		CHECK_INT(err, texts[i].err);
		if (err != texts[i].err)
			fprintf(stderr, "  text %zu\n", i);
	}
}

static void test_buffers(void)
{
	static const char text[] = "-----BEGIN L-----\nZm9vYmFy\n-----END L-----\n";
	mote_pem_reader r;
	mote_pem_block b;
	uint8_t out[6];

	mote_pem_init(&r, text, strlen(text));
	CHECK_INT(mote_pem_next(&r, &b, NULL, 0), MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_pem_next(&r, &b, out, 5), MOTE_ERR_BUFFER_TOO_SMALL);
	CHECK_INT(mote_pem_next(&r, &b, out, 0), MOTE_ERR_BUFFER_TOO_SMALL);
	CHECK_INT(mote_pem_next(&r, &b, out, 6), 0);
	CHECK(b.der == out && b.der_len == 6 && memcmp(out, "foobar", 6) == 0);
	CHECK(mote_pem_label_is(&b, "L") && !mote_pem_label_is(&b, "LL") && !mote_pem_label_is(&b, ""));
	CHECK_INT(mote_pem_next(&r, &b, out, 6), MOTE_ERR_PEM_NOT_FOUND);
}

static const struct {
	const char *pem, *der, *label;
} fixtures[] = {
	{"rsa2048_e3.spki.pem", "rsa2048_e3.spki.der", "PUBLIC KEY"},
	{"rsa2048_e3.pkcs1.pem", "rsa2048_e3.pkcs1.der", "RSA PRIVATE KEY"},
	{"rsa4096_e65537.pkcs8.pem", "rsa4096_e65537.pkcs8.der", "PRIVATE KEY"},
	{"ec_p256.sec1.pem", "ec_p256.sec1.der", "EC PRIVATE KEY"},
	{"ec_p384.pkcs8.pem", "ec_p384.pkcs8.der", "PRIVATE KEY"},
	{"ed25519.spki.pem", "ed25519.spki.der", "PUBLIC KEY"},
	{"x25519.pkcs8.pem", "x25519.pkcs8.der", "PRIVATE KEY"},
};

static void test_fixtures(void)
{
	for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
		char rel[128], label[64];
		size_t plen, dlen, n;
		uint8_t *pem, *der, *out;

		snprintf(rel, sizeof rel, "keys/%s", fixtures[i].pem);
		pem = TEST_READ_DATA(rel, &plen);
		snprintf(rel, sizeof rel, "keys/%s", fixtures[i].der);
		der = TEST_READ_DATA(rel, &dlen);
		out = malloc(plen);
		CHECK_INT(decode_first((char *)pem, label, out, &n), 0);
		CHECK(strcmp(label, fixtures[i].label) == 0);
		CHECK(n == dlen && memcmp(out, der, n) == 0);
		free(pem);
		free(der);
		free(out);
	}
}

/* bundle.pem (gen.sh): four blocks, text around them, one with CRLF. */
static void test_bundle(void)
{
	static const char *const ders[] = {"ec_p256.sec1.der", "rsa2048_e3.spki.der",
	                                   "ed25519.pkcs8.der", "ec_p384.spki.der"};
	static const char *const labels[] = {"EC PRIVATE KEY", "PUBLIC KEY", "PRIVATE KEY", "PUBLIC KEY"};
	size_t len, dlen;
	char *text = (char *)TEST_READ_DATA("keys/bundle.pem", &len);
	mote_pem_reader r;
	mote_pem_block b;
	int count = 0;

	mote_pem_init_inplace(&r, text, len);
	while (mote_pem_next(&r, &b, NULL, 0) == 0 && count < 4) {
		char rel[128];
		uint8_t *der;

		snprintf(rel, sizeof rel, "keys/%s", ders[count]);
		der = TEST_READ_DATA(rel, &dlen);
		CHECK(mote_pem_label_is(&b, labels[count]));
		CHECK(b.der_len == dlen && memcmp(b.der, der, dlen) == 0);
		free(der);
		count++;
	}
	CHECK_INT(count, 4);
	CHECK_INT(mote_pem_next(&r, &b, NULL, 0), MOTE_ERR_PEM_NOT_FOUND);
	free(text);
}

/* One complete DER SEQUENCE holding a certificate's three elements. */
static int check_cert_der(const uint8_t *der, size_t len)
{
	mote_der_reader r, cert;
	unsigned unused;
	int err;

	mote_der_init(&r, der, len);
	err = mote_der_enter_sequence(&r, &cert);
	if (!err)
		err = mote_der_close(&r);
	if (!err)
		err = mote_der_enter_sequence(&cert, &r); /* tbsCertificate */
	if (!err)
		err = mote_der_enter_sequence(&cert, &r); /* signatureAlgorithm */
	if (!err)
		err = mote_der_read_bits(&cert, &r, &unused);
	if (!err)
		err = mote_der_close(&cert);
	return err;
}

static void test_ca_bundle(void)
{
	const char *path = "/etc/ssl/certs/ca-certificates.crt";
	size_t len, begins = 0, bytes = 0;
	char *text = (char *)test_read_path(path, &len);
	uint8_t *out;
	mote_pem_reader r, ri;
	mote_pem_block b, bi;
	int err, count = 0;

	CHECK(text != NULL);
	if (!text) {
		fprintf(stderr, "test_pem: %s missing (Debian package ca-certificates)\n", path);
		return;
	}
	for (const char *p = text; (p = strstr(p, "-----BEGIN ")) != NULL; p++)
		begins++;
	out = malloc(MOTE_PEM_DECODED_MAX(len));
	mote_pem_init(&r, text, len);
	while ((err = mote_pem_next(&r, &b, out, MOTE_PEM_DECODED_MAX(len))) == 0) {
		CHECK(mote_pem_label_is(&b, "CERTIFICATE"));
		CHECK_INT(check_cert_der(b.der, b.der_len), 0);
		bytes += b.der_len;
		count++;
	}
	CHECK_INT(err, MOTE_ERR_PEM_NOT_FOUND);
	CHECK_INT(count, begins);
	CHECK(count > 0);
	/* In place gives the same blocks. */
	mote_pem_init(&r, text, len);
	mote_pem_init_inplace(&ri, text, len);
	for (int i = 0; i < count; i++) {
		CHECK_INT(mote_pem_next(&r, &b, out, MOTE_PEM_DECODED_MAX(len)), 0);
		CHECK_INT(mote_pem_next(&ri, &bi, NULL, 0), 0);
		CHECK(b.der_len == bi.der_len && memcmp(b.der, bi.der, b.der_len) == 0);
	}
	printf("test_pem: %s: %d certificates, %zu DER bytes, each one complete DER SEQUENCE\n", path,
	       count, bytes);
	free(out);
	free(text);
}

int main(void)
{
	test_rfc4648();
	test_layout();
	test_rejects();
	test_buffers();
	test_fixtures();
	test_bundle();
	test_ca_bundle();
	return test_finish("test_pem");
}
