/*
 * Key decoding: hand-built structures for every rule the OpenSSL fixtures
 * cannot show (parameters, versions, point forms, lengths, the EC scalar
 * range), each asserting its specific error code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "der_build.h"
#include "mote/error.h"
#include "mote/pkey.h"
#include "test.h"

#define OID_RSA "06092A864886F70D010101"
#define OID_ECPUB "06072A8648CE3D0201"
#define OID_P256 "06082A8648CE3D030107"
#define OID_P384 "06052B81040022"
#define OID_K256 "06052B8104000A"
#define OID_ED25519 "06032B6570"
#define OID_X25519 "06032B656E"
#define OID_DSA "06072A8648CE380401"

#define P256_ORDER "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"
#define P256_ORDER_M1 "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632550"
#define P256_ORDER_P1 "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632552"
#define P384_ORDER                                                                             \
	"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973"
#define P384_ORDER_M1                                                                          \
	"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52972"

/* prefix followed by n copies of the byte fill, as hex (ring of buffers). */
static const char *rep(const char *prefix, const char *fill, int n)
{
	static char ring[256][1200]; /* never reused within one run */
	static int next;
	char *s = ring[next++ % 256];

	strcpy(s, prefix);
	for (int i = 0; i < n; i++)
		strcat(s, fill);
	return s;
}

static struct der_buf *nb(void)
{
	return calloc(1, sizeof(struct der_buf));
}

/* An exact-size copy of d, so that ASan sees any over-read. It stays
 * valid (parsed keys point into it) until the next call. */
static const uint8_t *exact_copy(const struct der_buf *d)
{
	static uint8_t *last;

	free(last);
	last = NULL;
	if (d) {
		last = malloc(d->n ? d->n : 1);
		memcpy(last, d->b, d->n);
	}
	return last;
}

static int spki_of(const struct der_buf *d, mote_pkey *pk)
{
	int err = mote_pkey_parse_spki(pk, exact_copy(d), d->n);

	CHECK(err ? pk->type == MOTE_PKEY_NONE : pk->type != MOTE_PKEY_NONE);
	return err;
}

/* SEQUENCE { SEQUENCE { alg }, BIT STRING { bits } }. */
static int spki(const char *alg, const char *bits, mote_pkey *pk)
{
	struct der_buf *s = nb(), *o = nb();
	int err;

	der_tlv(s, 0x30, alg);
	der_tlv(s, 0x03, bits);
	der_wrap(o, 0x30, s);
	err = spki_of(o, pk);
	free(s);
	free(o);
	return err;
}

/* RSAPublicKey bits: 00 || SEQUENCE { INTEGER n, INTEGER e [, extra] }. */
static const char *rsa_bits(const char *n, const char *e, const char *extra)
{
	static char hex[1200];
	struct der_buf *s = nb(), *b = nb();

	der_tlv(s, 0x02, n);
	der_tlv(s, 0x02, e);
	der_hex(s, extra);
	der_hex(b, "00");
	der_wrap(b, 0x30, s);
	for (size_t i = 0; i < b->n; i++)
		sprintf(hex + 2 * i, "%02X", b->b[i]);
	free(s);
	free(b);
	return hex;
}

static void test_spki_rsa(void)
{
	const char *n = rep("00C5", "11", 63), *alg = OID_RSA "0500";
	mote_pkey pk;

	CHECK_INT(spki(alg, rsa_bits(n, "010001", ""), &pk), 0);
	CHECK(pk.type == MOTE_PKEY_RSA && pk.u.rsa.n_len == 64 && pk.u.rsa.n[0] == 0xC5);
	CHECK(pk.u.rsa.e_len == 3 && pk.u.rsa.e[0] == 1 && pk.u.rsa.e[2] == 1);
	CHECK_INT(spki(OID_RSA, rsa_bits(n, "03", ""), &pk), MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(spki(OID_RSA OID_P256, rsa_bits(n, "03", ""), &pk), MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(spki(OID_RSA "050100", rsa_bits(n, "03", ""), &pk), MOTE_ERR_DER_BAD_VALUE);
	CHECK_INT(spki(OID_RSA "05000500", rsa_bits(n, "03", ""), &pk), MOTE_ERR_DER_TRAILING_DATA);
	CHECK_INT(spki(alg, rsa_bits(n + 2, "03", ""), &pk), MOTE_ERR_DER_NEGATIVE);
	CHECK_INT(spki(alg, rsa_bits(n, "FD", ""), &pk), MOTE_ERR_DER_NEGATIVE);
	CHECK_INT(spki(alg, rsa_bits(n, "00", ""), &pk), MOTE_ERR_BAD_KEY);
	CHECK_INT(spki(alg, rsa_bits("00", "03", ""), &pk), MOTE_ERR_BAD_KEY);
	CHECK_INT(spki(alg, rsa_bits(rep("00", "11", 64), "03", ""), &pk), MOTE_ERR_DER_BAD_INTEGER);
	CHECK_INT(spki(alg, rsa_bits(n, "0003", ""), &pk), MOTE_ERR_DER_BAD_INTEGER);
	CHECK_INT(spki(alg, rsa_bits(n, "03", "020103"), &pk), MOTE_ERR_DER_TRAILING_DATA);
	CHECK_INT(spki(alg, "00" "3003020103", &pk), MOTE_ERR_DER_TRUNCATED);
	CHECK_INT(spki(alg, "00" "020105", &pk), MOTE_ERR_DER_BAD_TAG);
	CHECK_INT(spki(alg, "01" "3003020103", &pk), MOTE_ERR_DER_BAD_BIT_STRING);
	CHECK_INT(spki(alg, "", &pk), MOTE_ERR_DER_BAD_BIT_STRING);
	CHECK_INT(spki(OID_DSA "0500", rsa_bits(n, "03", ""), &pk), MOTE_ERR_DER_BAD_OID);
	CHECK_INT(spki("06032B8065", rsa_bits(n, "03", ""), &pk), MOTE_ERR_DER_BAD_OID_ENCODING);
	CHECK_INT(spki("", rsa_bits(n, "03", ""), &pk), MOTE_ERR_DER_TRUNCATED);
	CHECK_INT(spki("0500", rsa_bits(n, "03", ""), &pk), MOTE_ERR_DER_BAD_TAG);
}

static void test_spki_ec(void)
{
	const char *p256 = rep("0004", "A5", 64), *p384 = rep("0004", "5A", 96);
	mote_pkey pk;

	CHECK_INT(spki(OID_ECPUB OID_P256, p256, &pk), 0);
	CHECK(pk.type == MOTE_PKEY_EC && pk.u.ec.curve == MOTE_PKEY_CURVE_P256);
	CHECK(pk.u.ec.point_len == 65 && pk.u.ec.point[0] == 4 && pk.u.ec.point[64] == 0xA5);
	CHECK_INT(spki(OID_ECPUB OID_P384, p384, &pk), 0);
	CHECK(pk.type == MOTE_PKEY_EC && pk.u.ec.curve == MOTE_PKEY_CURVE_P384);
	CHECK(pk.u.ec.point_len == 97 && pk.u.ec.point[96] == 0x5A);
	CHECK_INT(spki(OID_ECPUB, p256, &pk), MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(spki(OID_ECPUB "0500", p256, &pk), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(spki(OID_ECPUB "3003020101", p256, &pk), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(spki(OID_ECPUB "020101", p256, &pk), MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(spki(OID_ECPUB OID_K256, p256, &pk), MOTE_ERR_DER_BAD_OID);
	CHECK_INT(spki(OID_ECPUB OID_P256 "0500", p256, &pk), MOTE_ERR_DER_TRAILING_DATA);
	CHECK_INT(spki(OID_ECPUB "06072A8648CE3D0381", p256, &pk), MOTE_ERR_DER_BAD_OID_ENCODING);
	/* Only uncompressed points, of the curve's length. */
	CHECK_INT(spki(OID_ECPUB OID_P256, rep("0002", "A5", 32), &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P256, rep("0003", "A5", 32), &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P256, rep("0006", "A5", 64), &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P256, rep("0005", "A5", 64), &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P256, p384, &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P384, p256, &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P256, rep("0004", "A5", 63), &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P256, rep("0004", "A5", 65), &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P256, "00", &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P256, "0000", &pk), MOTE_ERR_BAD_POINT);
	CHECK_INT(spki(OID_ECPUB OID_P256, rep("0404", "A5", 64), &pk), MOTE_ERR_DER_BAD_BIT_STRING);
}

static void test_spki_25519(void)
{
	static const char *const oids[] = {OID_ED25519, OID_X25519};
	static const mote_pkey_type types[] = {MOTE_PKEY_ED25519, MOTE_PKEY_X25519};
	char alg[64];
	mote_pkey pk;

	for (int i = 0; i < 2; i++) {
		CHECK_INT(spki(oids[i], rep("00", "3C", 32), &pk), 0);
		CHECK_INT(pk.type, types[i]);
		CHECK((i ? pk.u.x25519.pub : pk.u.ed25519.pub)[31] == 0x3C);
		snprintf(alg, sizeof alg, "%s0500", oids[i]);
		CHECK_INT(spki(alg, rep("00", "3C", 32), &pk), MOTE_ERR_DER_BAD_PARAMS);
		CHECK_INT(spki(oids[i], rep("00", "3C", 31), &pk), MOTE_ERR_BAD_KEY_LENGTH);
		CHECK_INT(spki(oids[i], rep("00", "3C", 33), &pk), MOTE_ERR_BAD_KEY_LENGTH);
		CHECK_INT(spki(oids[i], "00", &pk), MOTE_ERR_BAD_KEY_LENGTH);
		CHECK_INT(spki(oids[i], rep("04", "30", 32), &pk), MOTE_ERR_DER_BAD_BIT_STRING);
	}
}

/* Parse a private key from a builder with the named parser and with the
 * detecting one; both must agree. */
static int priv_of(int (*parse)(mote_privkey *, const uint8_t *, size_t),
                   const struct der_buf *d, mote_privkey *sk)
{
	const uint8_t *p = exact_copy(d);
	mote_privkey other;
	int err = parse(sk, p, d->n);

	CHECK_INT(mote_privkey_parse(&other, p, d->n), err);
	CHECK(err ? sk->type == MOTE_PKEY_NONE : sk->type != MOTE_PKEY_NONE);
	return err;
}

/* PKCS#8: SEQUENCE { INTEGER version, SEQUENCE { alg }, OCTET STRING
 * { inner }, tail }. */
static int pkcs8(const char *version, const char *alg, const char *inner, const char *tail,
                 mote_privkey *sk)
{
	struct der_buf *s = nb(), *o = nb();
	int err;

	der_tlv(s, 0x02, version);
	der_tlv(s, 0x30, alg);
	der_tlv(s, 0x04, inner);
	der_hex(s, tail);
	der_wrap(o, 0x30, s);
	err = priv_of(mote_privkey_parse_pkcs8, o, sk);
	free(s);
	free(o);
	return err;
}

static void test_pkcs8(void)
{
	const char *seed = rep("0420", "77", 32), *pub = rep("812100", "99", 32);
	char tail[200];
	mote_privkey sk;

	CHECK_INT(pkcs8("00", OID_ED25519, seed, "", &sk), 0);
	CHECK(sk.type == MOTE_PKEY_ED25519 && sk.u.ed25519.pub == NULL);
	CHECK_INT(pkcs8("01", OID_ED25519, seed, pub, &sk), 0);
	CHECK(sk.type == MOTE_PKEY_ED25519 && sk.u.ed25519.pub != NULL);
	CHECK_INT(pkcs8("01", OID_X25519, seed, pub, &sk), 0);
	CHECK(sk.type == MOTE_PKEY_X25519 && sk.u.x25519.pub != NULL && sk.u.x25519.key != NULL);
	CHECK_INT(pkcs8("00", OID_ED25519, seed, pub, &sk), MOTE_ERR_DER_BAD_VERSION);
	CHECK_INT(pkcs8("02", OID_ED25519, seed, "", &sk), MOTE_ERR_DER_BAD_VERSION);
	CHECK_INT(pkcs8("FF", OID_ED25519, seed, "", &sk), MOTE_ERR_DER_NEGATIVE);
	CHECK_INT(pkcs8("0000", OID_ED25519, seed, "", &sk), MOTE_ERR_DER_BAD_INTEGER);
	CHECK_INT(pkcs8("01", OID_ED25519, seed, rep("812101", "99", 32), &sk),
	          MOTE_ERR_DER_BAD_BIT_STRING);
	CHECK_INT(pkcs8("01", OID_ED25519, seed, rep("812000", "99", 31), &sk), MOTE_ERR_BAD_KEY_LENGTH);
	/* [0] attributes are skipped; they come before [1]. */
	CHECK_INT(pkcs8("00", OID_ED25519, seed, "A000", &sk), 0);
	CHECK_INT(pkcs8("01", OID_ED25519, seed, rep("A000812100", "99", 32), &sk), 0);
	CHECK_INT(pkcs8("01", OID_ED25519, seed, rep("812100", "99", 32), &sk), 0);
	snprintf(tail, sizeof tail, "%sA000", pub);
	CHECK_INT(pkcs8("01", OID_ED25519, seed, tail, &sk), MOTE_ERR_DER_TRAILING_DATA);
	CHECK_INT(pkcs8("00", OID_ED25519, seed, "0500", &sk), MOTE_ERR_DER_TRAILING_DATA);
	/* CurvePrivateKey: an OCTET STRING of 32 bytes inside the OCTET STRING. */
	CHECK_INT(pkcs8("00", OID_ED25519, rep("5A01", "77", 30), "", &sk), MOTE_ERR_DER_BAD_TAG);
	CHECK_INT(pkcs8("00", OID_ED25519, rep("041F", "77", 31), "", &sk), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(pkcs8("00", OID_ED25519, rep("0421", "77", 33), "", &sk), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(pkcs8("00", OID_ED25519, rep("0420", "77", 34), "", &sk), MOTE_ERR_DER_TRAILING_DATA);
	CHECK_INT(pkcs8("00", OID_ED25519 "0500", seed, "", &sk), MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(pkcs8("00", OID_RSA, "3000", "", &sk), MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(pkcs8("00", OID_DSA "0500", "3000", "", &sk), MOTE_ERR_DER_BAD_OID);
}

/* ECPrivateKey contents: version, privateKey, optional tagged fields. */
static const char *sec1_hex(const char *version, const char *scalar, const char *tail)
{
	static char hex[2][1200];
	static int next;
	char *h = hex[next++ % 2];
	struct der_buf *s = nb(), *o = nb();

	der_tlv(s, 0x02, version);
	der_tlv(s, 0x04, scalar);
	der_hex(s, tail);
	der_wrap(o, 0x30, s);
	for (size_t i = 0; i < o->n; i++)
		sprintf(h + 2 * i, "%02X", o->b[i]);
	free(s);
	free(o);
	return h;
}

static int sec1(const char *version, const char *scalar, const char *tail, mote_privkey *sk)
{
	struct der_buf *o = nb();
	int err;

	der_hex(o, sec1_hex(version, scalar, tail));
	err = priv_of(mote_privkey_parse_sec1, o, sk);
	free(o);
	return err;
}

static void test_sec1(void)
{
	const char *k = rep("", "11", 32), *p256 = "A00A" OID_P256, *p384 = "A007" OID_P384;
	const char *pt = rep("A14403420004", "A5", 64);
	char tail[600];
	mote_privkey sk;

	CHECK_INT(sec1("01", k, p256, &sk), 0);
	CHECK(sk.type == MOTE_PKEY_EC && sk.u.ec.curve == MOTE_PKEY_CURVE_P256);
	CHECK(sk.u.ec.scalar_len == 32 && sk.u.ec.point == NULL);
	snprintf(tail, sizeof tail, "%s%s", p256, pt);
	CHECK_INT(sec1("01", k, tail, &sk), 0);
	CHECK(sk.u.ec.point_len == 65);
	CHECK_INT(sec1("00", k, p256, &sk), MOTE_ERR_DER_BAD_VERSION);
	CHECK_INT(sec1("02", k, p256, &sk), MOTE_ERR_DER_BAD_VERSION);
	CHECK_INT(sec1("01", rep("00", "11", 32), p256, &sk), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(sec1("01", rep("", "11", 31), p256, &sk), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(sec1("01", rep("", "11", 48), p256, &sk), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(sec1("01", rep("", "11", 48), p384, &sk), 0);
	CHECK_INT(sec1("01", k, p384, &sk), MOTE_ERR_BAD_KEY_LENGTH);
	/* 0 < d < n, checked in constant time. */
	CHECK_INT(sec1("01", rep("", "00", 32), p256, &sk), MOTE_ERR_BAD_KEY);
	CHECK_INT(sk.type, MOTE_PKEY_NONE);
	CHECK_INT(sec1("01", rep("", "FF", 32), p256, &sk), MOTE_ERR_BAD_KEY);
	CHECK_INT(sec1("01", P256_ORDER, p256, &sk), MOTE_ERR_BAD_KEY);
	CHECK_INT(sec1("01", P256_ORDER_P1, p256, &sk), MOTE_ERR_BAD_KEY);
	CHECK_INT(sec1("01", P256_ORDER_M1, p256, &sk), 0);
	CHECK_INT(sec1("01", rep("", "00", 31), p256, &sk), MOTE_ERR_BAD_KEY_LENGTH);
	CHECK_INT(sec1("01", rep(rep("", "00", 31), "01", 1), p256, &sk), 0);
	CHECK_INT(sec1("01", P384_ORDER, p384, &sk), MOTE_ERR_BAD_KEY);
	CHECK_INT(sec1("01", P384_ORDER_M1, p384, &sk), 0);
	CHECK_INT(sec1("01", rep("", "00", 48), p384, &sk), MOTE_ERR_BAD_KEY);
	/* Parameters: required standalone, named curves only. */
	CHECK_INT(sec1("01", k, "", &sk), MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(sec1("01", k, pt, &sk), MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(sec1("01", k, "A0053003020101", &sk), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(sec1("01", k, "A000", &sk), MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(sec1("01", k, "A00C" OID_P256 "0500", &sk), MOTE_ERR_DER_TRAILING_DATA);
	CHECK_INT(sec1("01", k, "A007" OID_K256, &sk), MOTE_ERR_DER_BAD_OID);
	/* The public key: [1] EXPLICIT BIT STRING, uncompressed, right size. */
	snprintf(tail, sizeof tail, "%s%s", p256, rep("A12403220002", "A5", 32));
	CHECK_INT(sec1("01", k, tail, &sk), MOTE_ERR_BAD_POINT);
	snprintf(tail, sizeof tail, "%s%s", p256, rep("A14403420104", "A4", 64));
	CHECK_INT(sec1("01", k, tail, &sk), MOTE_ERR_DER_BAD_BIT_STRING);
	snprintf(tail, sizeof tail, "%s%s", p256, rep("A16403620004", "A5", 96));
	CHECK_INT(sec1("01", k, tail, &sk), MOTE_ERR_BAD_POINT);
	snprintf(tail, sizeof tail, "%s%s", pt, p256);
	CHECK_INT(sec1("01", k, tail, &sk), MOTE_ERR_DER_TRAILING_DATA);
	snprintf(tail, sizeof tail, "%s%s", p256, rep("A14404420004", "A5", 64));
	CHECK_INT(sec1("01", k, tail, &sk), MOTE_ERR_DER_BAD_TAG);
	CHECK_INT(sec1("01", "", p256, &sk), MOTE_ERR_BAD_KEY_LENGTH);
}

static void test_pkcs8_ec(void)
{
	const char *k = rep("", "11", 32), *alg = OID_ECPUB OID_P256;
	const char *pub = rep("814200" "04", "A5", 64);
	char tail[600];
	mote_privkey sk;

	CHECK_INT(pkcs8("00", alg, sec1_hex("01", k, ""), "", &sk), 0);
	CHECK(sk.type == MOTE_PKEY_EC && sk.u.ec.point == NULL);
	CHECK_INT(pkcs8("00", alg, sec1_hex("01", k, "A00A" OID_P256), "", &sk), 0);
	CHECK_INT(pkcs8("00", alg, sec1_hex("01", k, "A007" OID_P384), "", &sk),
	          MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(pkcs8("00", OID_ECPUB, sec1_hex("01", k, "A00A" OID_P256), "", &sk),
	          MOTE_ERR_DER_BAD_PARAMS);
	CHECK_INT(pkcs8("00", alg, sec1_hex("01", P256_ORDER, ""), "", &sk), MOTE_ERR_BAD_KEY);
	CHECK_INT(pkcs8("00", OID_ECPUB OID_P384, sec1_hex("01", k, ""), "", &sk),
	          MOTE_ERR_BAD_KEY_LENGTH);
	/* OneAsymmetricKey's publicKey stands in for a missing inner one. */
	CHECK_INT(pkcs8("01", alg, sec1_hex("01", k, ""), pub, &sk), 0);
	CHECK(sk.u.ec.point != NULL && sk.u.ec.point_len == 65);
	CHECK_INT(pkcs8("01", alg, sec1_hex("01", k, ""), rep("812200" "02", "A5", 32), &sk),
	          MOTE_ERR_BAD_POINT);
	snprintf(tail, sizeof tail, "%s", sec1_hex("01", k, "0500"));
	CHECK_INT(pkcs8("00", alg, tail, "", &sk), MOTE_ERR_DER_TRAILING_DATA);
}

/* RSAPrivateKey with version and 8 INTEGER contents, plus a tail. */
static int pkcs1(const char *version, const char *const ints[8], const char *tail,
                 mote_privkey *sk)
{
	struct der_buf *s = nb(), *o = nb();
	int err;

	der_tlv(s, 0x02, version);
	for (int i = 0; i < 8 && ints[i]; i++)
		der_tlv(s, 0x02, ints[i]);
	der_hex(s, tail);
	der_wrap(o, 0x30, s);
	err = priv_of(mote_privkey_parse_pkcs1, o, sk);
	free(s);
	free(o);
	return err;
}

static void test_pkcs1(void)
{
	const char *ok[8] = {"00C1", "03", "00D4", "0B", "0D", "07", "05", "09"};
	const char *neg[8] = {"00C1", "03", "D4", "0B", "0D", "07", "05", "09"};
	const char *short7[8] = {"00C1", "03", "00D4", "0B", "0D", "07", "05", NULL};
	const char *e0[8] = {"00C1", "00", "00D4", "0B", "0D", "07", "05", "09"};
	const char *n0[8] = {"00", "03", "00D4", "0B", "0D", "07", "05", "09"};
	mote_privkey sk;

	CHECK_INT(pkcs1("00", ok, "", &sk), 0);
	CHECK(sk.type == MOTE_PKEY_RSA && sk.u.rsa.n_len == 1 && sk.u.rsa.n[0] == 0xC1);
	CHECK(sk.u.rsa.d_len == 1 && sk.u.rsa.d[0] == 0xD4 && sk.u.rsa.qinv[0] == 0x09);
	CHECK_INT(pkcs1("01", ok, "", &sk), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(pkcs1("02", ok, "", &sk), MOTE_ERR_DER_BAD_VERSION);
	CHECK_INT(pkcs1("00", neg, "", &sk), MOTE_ERR_DER_NEGATIVE);
	CHECK_INT(pkcs1("00", short7, "", &sk), MOTE_ERR_DER_TRUNCATED);
	CHECK_INT(pkcs1("00", e0, "", &sk), MOTE_ERR_BAD_KEY);
	CHECK_INT(pkcs1("00", n0, "", &sk), MOTE_ERR_BAD_KEY);
	CHECK_INT(pkcs1("00", ok, "3000", &sk), MOTE_ERR_DER_TRAILING_DATA);
}

static void test_detect(void)
{
	static const char *const bad[] = {"3005020100" "0500", "3003020100", "0500", "3000",
	                                  "30050603" "2B6570", "3003020180", ""};
	static const int errs[] = {MOTE_ERR_DER_BAD_TAG,   MOTE_ERR_DER_TRUNCATED, MOTE_ERR_DER_BAD_TAG,
	                           MOTE_ERR_DER_TRUNCATED, MOTE_ERR_DER_BAD_TAG,   MOTE_ERR_DER_NEGATIVE,
	                           MOTE_ERR_DER_TRUNCATED};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct der_buf *d = nb();
		mote_privkey sk;
		uint8_t *p;

		der_hex(d, bad[i]);
		p = malloc(d->n ? d->n : 1);
		memcpy(p, d->b, d->n);
		CHECK_INT(mote_privkey_parse(&sk, p, d->n), errs[i]);
		CHECK_INT(sk.type, MOTE_PKEY_NONE);
		free(p);
		free(d);
	}
}

int main(void)
{
	test_spki_rsa();
	test_spki_ec();
	test_spki_25519();
	test_pkcs8();
	test_sec1();
	test_pkcs8_ec();
	test_pkcs1();
	test_detect();
	exact_copy(NULL);
	return test_finish("test_pkey_cases");
}
