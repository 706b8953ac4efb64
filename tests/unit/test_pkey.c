/*
 * Key decoding against OpenSSL: fixtures made by tests/data/keys/gen.sh
 * with the openssl CLI, components compared with what "openssl pkey -text"
 * printed. Then every fixture mutated (truncated at every length, each
 * element's length made non-minimal or indefinite, an element appended
 * inside each container, a trailing byte, OIDs changed, every byte
 * flipped): the specific error, and never a crash (run under ASan).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "der_build.h"
#include "mote/error.h"
#include "mote/pkey.h"
#include "test.h"
#include "testfile.h"

_Static_assert(sizeof(mote_pkey) == (sizeof(void *) == 8 ? 40 : 20), "mote_pkey size");
_Static_assert(sizeof(mote_privkey) == (sizeof(void *) == 8 ? 136 : 68), "mote_privkey size");

enum kind { SPKI, PKCS8, PKCS1, SEC1 };

static uint8_t *load(const char *name, const char *ext, size_t *len)
{
	char rel[256];

	snprintf(rel, sizeof rel, "keys/%s%s%s", name, *ext ? "." : "", ext);
	return TEST_READ_DATA(rel, len);
}

/* OpenSSL's printed value of field for key name, as bytes. */
static size_t want(const char *name, const char *field, uint8_t *out, size_t cap)
{
	size_t tlen, n;
	char *txt = (char *)load(name, "txt", &tlen);

	n = expect_field(txt, field, out, cap, NULL, 0);
	if (n == (size_t)-1) {
		fprintf(stderr, "%s.txt: no field %s\n", name, field);
		exit(2);
	}
	free(txt);
	return n;
}

/* An integer magnitude equals OpenSSL's value (leading zeros aside). */
static void check_mag(const char *what, const uint8_t *p, size_t len, const uint8_t *w, size_t wlen)
{
	while (wlen > 1 && w[0] == 0) {
		w++;
		wlen--;
	}
	CHECK(p && len == wlen && memcmp(p, w, len) == 0);
	if (!(p && len == wlen && memcmp(p, w, len) == 0))
		fprintf(stderr, "  component %s\n", what);
}

/* A fixed-size field equals OpenSSL's value left-padded with zeros. */
static void check_fixed(const char *what, const uint8_t *p, size_t len, size_t size,
                        const uint8_t *w, size_t wlen)
{
	int ok = p && len == size && wlen <= size;

	for (size_t i = 0; ok && i < size; i++)
		ok = p[i] == (i < size - wlen ? 0 : w[i - (size - wlen)]);
	CHECK(ok);
	if (!ok)
		fprintf(stderr, "  field %s\n", what);
}

/* Run the parser for kind; for private keys mote_privkey_parse must agree.
 * A failure must leave type NONE; a success must point inside der. */
static int parse_kind(enum kind kind, const uint8_t *der, size_t len)
{
	static int (*const priv[])(mote_privkey *, const uint8_t *, size_t) = {
		NULL, mote_privkey_parse_pkcs8, mote_privkey_parse_pkcs1, mote_privkey_parse_sec1};
	mote_pkey pk;
	mote_privkey sk, sk2;
	int err;

	if (kind == SPKI) {
		err = mote_pkey_parse_spki(&pk, der, len);
		CHECK(err ? pk.type == MOTE_PKEY_NONE : pk.type != MOTE_PKEY_NONE);
		if (!err && pk.type == MOTE_PKEY_RSA)
			CHECK(pk.u.rsa.n >= der && pk.u.rsa.n + pk.u.rsa.n_len <= der + len);
		return err;
	}
	err = priv[kind](&sk, der, len);
	CHECK_INT(mote_privkey_parse(&sk2, der, len), err);
	CHECK(err ? sk.type == MOTE_PKEY_NONE : sk.type != MOTE_PKEY_NONE);
	if (!err && sk.type == MOTE_PKEY_EC)
		CHECK(sk.u.ec.scalar >= der && sk.u.ec.scalar + sk.u.ec.scalar_len <= der + len);
	if (!err && sk.type == MOTE_PKEY_RSA)
		CHECK(sk.u.rsa.qinv >= der && sk.u.rsa.qinv + sk.u.rsa.qinv_len <= der + len);
	return err;
}

static void check_rsa_priv(const char *name, const mote_privkey *k, size_t bits)
{
	static const char *const fields[8] = {"modulus", "publicExponent", "privateExponent",
	                                      "prime1",  "prime2",         "exponent1",
	                                      "exponent2", "coefficient"};
	const uint8_t *p[8] = {k->u.rsa.n, k->u.rsa.e,  k->u.rsa.d,  k->u.rsa.p,
	                       k->u.rsa.q, k->u.rsa.dp, k->u.rsa.dq, k->u.rsa.qinv};
	size_t l[8] = {k->u.rsa.n_len, k->u.rsa.e_len,  k->u.rsa.d_len,  k->u.rsa.p_len,
	               k->u.rsa.q_len, k->u.rsa.dp_len, k->u.rsa.dq_len, k->u.rsa.qinv_len};
	uint8_t w[600];

	CHECK_INT(k->type, MOTE_PKEY_RSA);
	for (int i = 0; i < 8; i++)
		check_mag(fields[i], p[i], l[i], w, want(name, fields[i], w, sizeof w));
	CHECK_INT(k->u.rsa.n_len * 8, bits);
}

static void test_rsa(void)
{
	static const char *const names[] = {"rsa2048_e65537", "rsa2048_e3", "rsa4096_e65537",
	                                    "rsa4096_e3"};
	static const size_t bits[] = {2048, 2048, 4096, 4096};

	for (int i = 0; i < 4; i++) {
		size_t len;
		uint8_t w[600], *der;
		mote_pkey pk;
		mote_privkey sk;

		der = load(names[i], "spki.der", &len);
		CHECK_INT(mote_pkey_parse_spki(&pk, der, len), 0);
		CHECK_INT(pk.type, MOTE_PKEY_RSA);
		check_mag("n", pk.u.rsa.n, pk.u.rsa.n_len, w, want(names[i], "modulus", w, sizeof w));
		check_mag("e", pk.u.rsa.e, pk.u.rsa.e_len, w, want(names[i], "publicExponent", w, sizeof w));
		free(der);
		der = load(names[i], "pkcs1.der", &len);
		CHECK_INT(mote_privkey_parse_pkcs1(&sk, der, len), 0);
		check_rsa_priv(names[i], &sk, bits[i]);
		CHECK_INT(mote_privkey_parse(&sk, der, len), 0);
		check_rsa_priv(names[i], &sk, bits[i]);
		CHECK_INT(mote_privkey_parse_pkcs8(&sk, der, len), MOTE_ERR_DER_BAD_TAG);
		CHECK_INT(mote_privkey_parse_sec1(&sk, der, len), MOTE_ERR_DER_BAD_VERSION);
		free(der);
		der = load(names[i], "pkcs8.der", &len);
		CHECK_INT(mote_privkey_parse_pkcs8(&sk, der, len), 0);
		check_rsa_priv(names[i], &sk, bits[i]);
		CHECK_INT(mote_privkey_parse(&sk, der, len), 0);
		check_rsa_priv(names[i], &sk, bits[i]);
		CHECK_INT(mote_privkey_parse_pkcs1(&sk, der, len), MOTE_ERR_DER_BAD_TAG);
		free(der);
	}
}

static void check_ec_priv(const char *name, const mote_privkey *k, int curve, int has_point)
{
	size_t size = curve == MOTE_PKEY_CURVE_P256 ? 32 : 48;
	uint8_t w[128];

	CHECK_INT(k->type, MOTE_PKEY_EC);
	CHECK_INT(k->u.ec.curve, curve);
	check_fixed("priv", k->u.ec.scalar, k->u.ec.scalar_len, size, w, want(name, "priv", w, sizeof w));
	if (has_point)
		check_fixed("pub", k->u.ec.point, k->u.ec.point_len, 2 * size + 1, w,
		            want(name, "pub", w, sizeof w));
	else
		CHECK(k->u.ec.point == NULL && k->u.ec.point_len == 0);
}

static void test_ec(void)
{
	static const char *const names[] = {"ec_p256", "ec_p384"};

	for (int i = 0; i < 2; i++) {
		size_t len, size = i ? 48 : 32;
		uint8_t w[128], *der;
		char oid[64];
		int curve;
		mote_pkey pk;
		mote_privkey sk;

		der = load(names[i], "txt", &len);
		CHECK(expect_field((char *)der, "ASN1_OID", NULL, 0, oid, sizeof oid) != (size_t)-1);
		curve = strcmp(oid, "prime256v1") == 0 ? MOTE_PKEY_CURVE_P256
		        : strcmp(oid, "secp384r1") == 0 ? MOTE_PKEY_CURVE_P384 : -1;
		CHECK_INT(curve, i ? MOTE_PKEY_CURVE_P384 : MOTE_PKEY_CURVE_P256);
		free(der);
		der = load(names[i], "spki.der", &len);
		CHECK_INT(mote_pkey_parse_spki(&pk, der, len), 0);
		CHECK_INT(pk.type, MOTE_PKEY_EC);
		CHECK_INT(pk.u.ec.curve, curve);
		check_fixed("pub", pk.u.ec.point, pk.u.ec.point_len, 2 * size + 1, w,
		            want(names[i], "pub", w, sizeof w));
		free(der);
		der = load(names[i], "sec1.der", &len);
		CHECK_INT(mote_privkey_parse_sec1(&sk, der, len), 0);
		check_ec_priv(names[i], &sk, curve, 1);
		CHECK_INT(mote_privkey_parse(&sk, der, len), 0);
		check_ec_priv(names[i], &sk, curve, 1);
		CHECK_INT(mote_privkey_parse_pkcs1(&sk, der, len), MOTE_ERR_UNSUPPORTED);
		CHECK_INT(mote_privkey_parse_pkcs8(&sk, der, len), MOTE_ERR_DER_BAD_TAG);
		free(der);
		der = load(names[i], "nopub.sec1.der", &len);
		CHECK_INT(mote_privkey_parse(&sk, der, len), 0);
		check_ec_priv(names[i], &sk, curve, 0);
		free(der);
		der = load(names[i], "pkcs8.der", &len);
		CHECK_INT(mote_privkey_parse_pkcs8(&sk, der, len), 0);
		check_ec_priv(names[i], &sk, curve, 1);
		CHECK_INT(mote_privkey_parse(&sk, der, len), 0);
		check_ec_priv(names[i], &sk, curve, 1);
		CHECK_INT(mote_privkey_parse_sec1(&sk, der, len), MOTE_ERR_DER_BAD_VERSION);
		free(der);
		/* Explicit curve parameters (RFC 5480 forbids them). */
		der = load(names[i], "explicit.spki.der", &len);
		CHECK_INT(mote_pkey_parse_spki(&pk, der, len), MOTE_ERR_UNSUPPORTED);
		free(der);
		der = load(names[i], "explicit.sec1.der", &len);
		CHECK_INT(parse_kind(SEC1, der, len), MOTE_ERR_UNSUPPORTED);
		free(der);
		der = load(names[i], "explicit.pkcs8.der", &len);
		CHECK_INT(parse_kind(PKCS8, der, len), MOTE_ERR_UNSUPPORTED);
		free(der);
	}
}

static void test_curve25519(void)
{
	static const char *const names[] = {"ed25519", "x25519"};
	static const mote_pkey_type types[] = {MOTE_PKEY_ED25519, MOTE_PKEY_X25519};

	for (int i = 0; i < 2; i++) {
		size_t len;
		uint8_t w[64], *der;
		mote_pkey pk;
		mote_privkey sk;

		der = load(names[i], "spki.der", &len);
		CHECK_INT(mote_pkey_parse_spki(&pk, der, len), 0);
		CHECK_INT(pk.type, types[i]);
		check_fixed("pub", i ? pk.u.x25519.pub : pk.u.ed25519.pub, 32, 32, w,
		            want(names[i], "pub", w, sizeof w));
		free(der);
		der = load(names[i], "pkcs8.der", &len);
		CHECK_INT(mote_privkey_parse(&sk, der, len), 0);
		CHECK_INT(sk.type, types[i]);
		check_fixed("priv", i ? sk.u.x25519.key : sk.u.ed25519.seed, 32, 32, w,
		            want(names[i], "priv", w, sizeof w));
		CHECK((i ? sk.u.x25519.pub : sk.u.ed25519.pub) == NULL);
		free(der);
	}
}

static void test_other_algorithms(void)
{
	static const char *const names[] = {"other_p521", "other_ed448", "other_rsapss"};

	for (int i = 0; i < 3; i++) {
		size_t len;
		uint8_t *der = load(names[i], "spki.der", &len);

		CHECK_INT(parse_kind(SPKI, der, len), MOTE_ERR_DER_BAD_OID);
		free(der);
		der = load(names[i], "pkcs8.der", &len);
		CHECK_INT(parse_kind(PKCS8, der, len), MOTE_ERR_DER_BAD_OID);
		free(der);
	}
}

/* Change the last byte of the first occurrence of oid: another OID. */
static void check_wrong_oid(const char *file, enum kind kind, const char *oid_hex)
{
	uint8_t oid[16];
	size_t n = test_unhex(oid_hex, oid, sizeof oid), len;
	uint8_t *der = load(file, "", &len);
	int found = 0;

	for (size_t i = 0; i + n <= len && !found; i++) {
		if (memcmp(der + i, oid, n) == 0) {
			der[i + n - 1] ^= 0x0A;
			found = 1;
		}
	}
	CHECK(found);
	CHECK_INT(parse_kind(kind, der, len), MOTE_ERR_DER_BAD_OID);
	free(der);
}

static void test_wrong_oids(void)
{
	static const char rsa[] = "2A864886F70D010101", ecpub[] = "2A8648CE3D0201";
	static const char p256[] = "2A8648CE3D030107", p384[] = "2B81040022";

	check_wrong_oid("rsa2048_e3.spki.der", SPKI, rsa);
	check_wrong_oid("rsa2048_e3.pkcs8.der", PKCS8, rsa);
	check_wrong_oid("ec_p256.spki.der", SPKI, ecpub);
	check_wrong_oid("ec_p256.pkcs8.der", PKCS8, ecpub);
	check_wrong_oid("ec_p256.spki.der", SPKI, p256);
	check_wrong_oid("ec_p256.pkcs8.der", PKCS8, p256);
	check_wrong_oid("ec_p256.sec1.der", SEC1, p256);
	check_wrong_oid("ec_p384.spki.der", SPKI, p384);
	check_wrong_oid("ec_p384.pkcs8.der", PKCS8, p384);
	check_wrong_oid("ec_p384.sec1.der", SEC1, p384);
	check_wrong_oid("ed25519.spki.der", SPKI, "2B6570");
	check_wrong_oid("ed25519.pkcs8.der", PKCS8, "2B6570");
	check_wrong_oid("x25519.spki.der", SPKI, "2B656E");
	check_wrong_oid("x25519.pkcs8.der", PKCS8, "2B656E");
}

/* Element-level mutations of one fixture through the rewriter. */
static void mutate_elements(const uint8_t *der, size_t len, enum kind kind, long *count)
{
	uint8_t *out = malloc(2 * len + 256);
	struct der_rw rw = {-1, 0, DER_MUT_NONE, 0, 0, NULL};
	size_t n = der_rewrite(&rw, der, len, out);
	int elements = rw.counter;

	/* The rewriter reproduces DER exactly when it changes nothing. */
	CHECK(n == len && memcmp(out, der, len) == 0);
	for (int t = 0; t < elements; t++) {
		static const enum der_mut modes[] = {DER_MUT_NONMINIMAL, DER_MUT_INDEFINITE, DER_MUT_APPEND};

		for (int m = 0; m < 3; m++) {
			struct der_rw mrw = {t, 0, modes[m], 0, 0, NULL};
			int want_err = modes[m] == DER_MUT_APPEND ? MOTE_ERR_DER_TRAILING_DATA
			                                          : MOTE_ERR_DER_BAD_LENGTH;
			uint8_t *exact;
			int err;

			n = der_rewrite(&mrw, der, len, out);
			if (!mrw.applied)
				continue;
			/* Ed25519/X25519 AlgorithmIdentifiers take no parameters:
			 * anything after the OID is reported as parameters. */
			if (modes[m] == DER_MUT_APPEND && mrw.target_tag == 0x30 &&
			    memcmp(mrw.target_content, "\x06\x03\x2B\x65", 4) == 0)
				want_err = MOTE_ERR_DER_BAD_PARAMS;
			exact = malloc(n);
			memcpy(exact, out, n);
			err = parse_kind(kind, exact, n);
			CHECK_INT(err, want_err);
			if (err != want_err)
				fprintf(stderr, "  element %d mode %d\n", t, m);
			free(exact);
			(*count)++;
		}
	}
	free(out);
}

/* Every prefix, a trailing byte, every byte flipped three ways. */
static void mutate_bytes(const uint8_t *der, size_t len, enum kind kind, long *count, long *flips_ok)
{
	static const uint8_t masks[] = {0x01, 0x80, 0xFF};
	uint8_t *buf = malloc(len + 2);

	for (size_t n = 0; n < len; n++) {
		uint8_t *prefix = malloc(n ? n : 1);

		memcpy(prefix, der, n);
		CHECK_INT(parse_kind(kind, prefix, n), MOTE_ERR_DER_TRUNCATED);
		free(prefix);
		(*count)++;
	}
	memcpy(buf, der, len);
	buf[len] = 0x00;
	CHECK_INT(parse_kind(kind, buf, len + 1), MOTE_ERR_DER_TRAILING_DATA);
	buf[len + 1] = 0x00;
	buf[len] = 0x05;
	CHECK_INT(parse_kind(kind, buf, len + 2), MOTE_ERR_DER_TRAILING_DATA);
	for (size_t i = 0; i < len; i++) {
		for (int m = 0; m < 3; m++) {
			memcpy(buf, der, len);
			buf[i] ^= masks[m];
			*flips_ok += parse_kind(kind, buf, len) == 0;
			(*count)++;
		}
	}
	free(buf);
}

static void test_mutations(void)
{
	static const struct {
		const char *file;
		enum kind kind;
	} fx[] = {
		{"rsa2048_e65537.spki.der", SPKI}, {"rsa2048_e65537.pkcs1.der", PKCS1},
		{"rsa2048_e65537.pkcs8.der", PKCS8}, {"rsa4096_e3.spki.der", SPKI},
		{"rsa4096_e3.pkcs1.der", PKCS1},   {"rsa4096_e3.pkcs8.der", PKCS8},
		{"ec_p256.spki.der", SPKI},         {"ec_p256.sec1.der", SEC1},
		{"ec_p256.pkcs8.der", PKCS8},       {"ec_p384.spki.der", SPKI},
		{"ec_p384.sec1.der", SEC1},         {"ec_p384.pkcs8.der", PKCS8},
		{"ed25519.spki.der", SPKI},         {"ed25519.pkcs8.der", PKCS8},
		{"x25519.spki.der", SPKI},          {"x25519.pkcs8.der", PKCS8},
	};
	long elements = 0, bytes = 0, flips_ok = 0;

	for (size_t i = 0; i < sizeof fx / sizeof fx[0]; i++) {
		size_t len;
		uint8_t *der = load(fx[i].file, "", &len);

		CHECK_INT(parse_kind(fx[i].kind, der, len), 0);
		mutate_elements(der, len, fx[i].kind, &elements);
		mutate_bytes(der, len, fx[i].kind, &bytes, &flips_ok);
		free(der);
	}
	printf("test_pkey: %zu fixtures: %ld element mutations (specific errors), %ld truncations "
	       "and byte flips (%ld flips still valid keys)\n",
	       sizeof fx / sizeof fx[0], elements, bytes, flips_ok);
}

int main(void)
{
	size_t len;

	/* The fixtures' provenance: the script that made them is committed. */
	free(TEST_READ_DATA("keys/gen.sh", &len));
	CHECK(len > 0);
	test_rsa();
	test_ec();
	test_curve25519();
	test_other_algorithms();
	test_wrong_oids();
	test_mutations();
	return test_finish("test_pkey");
}
