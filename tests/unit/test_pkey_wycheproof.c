/*
 * Wycheproof's DER-encoded keys through the key decoders:
 *   ecdh_secp256r1_test.json, ecdh_secp384r1_test.json: every "public" SPKI.
 *     Flags InvalidAsn, CompressedPoint, UnnamedCurve, InvalidEncoding mark
 *     the encoding itself as bad: it must be rejected, except where the
 *     mutation left canonical DER of the same curve (e.g. "modifying last
 *     byte of bit string" changes only the point): then the parse must give
 *     exactly that curve and point (checked by re-encoding), and is counted
 *     apart. WrongCurve/ModifiedGroup keys must be rejected or come out on
 *     another curve. All others (points off the curve included: that is the
 *     EC code's check) must parse, on the file's curve.
 *   x25519_asn_test.json: "public" SPKI and "private" PKCS#8: X25519 keys
 *     must parse (the key bytes are the encoding's last 32); InvalidPublic
 *     ones (keys of other curves) must not come out as X25519;
 *     MissingOctetString private keys must be rejected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "mote/error.h"
#include "mote/pkey.h"
#include "test.h"
#include "wycheproof.h"

struct ec_counts {
	long total, parsed, rejected, modified_point, other_curve;
};

/* The canonical SubjectPublicKeyInfo for (curve, point), built here. */
static int is_canonical_spki(const mote_pkey *pk, const uint8_t *der, size_t len)
{
	static const char p256[] = "3059301306072A8648CE3D020106082A8648CE3D030107034200";
	static const char p384[] = "3076301006072A8648CE3D020106052B81040022036200";
	uint8_t buf[160];
	size_t n = test_unhex(pk->u.ec.curve == MOTE_PKEY_CURVE_P256 ? p256 : p384, buf, sizeof buf);

	if (pk->type != MOTE_PKEY_EC || n + pk->u.ec.point_len > sizeof buf)
		return 0;
	memcpy(buf + n, pk->u.ec.point, pk->u.ec.point_len);
	n += pk->u.ec.point_len;
	return n == len && memcmp(buf, der, len) == 0;
}

static void ec_vector(const struct json *test, int curve, size_t point_len, struct ec_counts *c)
{
	size_t len;
	uint8_t *der = wp_hex(test, "public", &len);
	mote_pkey pk;
	int err = mote_pkey_parse_spki(&pk, der, len);
	int bad_encoding = wp_has_flag(test, "InvalidAsn") || wp_has_flag(test, "CompressedPoint") ||
	                   wp_has_flag(test, "UnnamedCurve") || wp_has_flag(test, "InvalidEncoding");
	int wrong_curve = wp_has_flag(test, "WrongCurve") || wp_has_flag(test, "ModifiedGroup");
	int ok;

	c->total++;
	if (bad_encoding && err == 0) {
		ok = pk.u.ec.curve == curve && is_canonical_spki(&pk, der, len);
		c->modified_point += ok;
	} else if (bad_encoding) {
		ok = 1;
		c->rejected++;
	} else if (wrong_curve) {
		ok = err != 0 || pk.u.ec.curve != curve;
		c->other_curve += ok;
	} else {
		ok = err == 0 && pk.type == MOTE_PKEY_EC && pk.u.ec.curve == curve &&
		     pk.u.ec.point_len == point_len && pk.u.ec.point == der + len - point_len;
		c->parsed += ok;
	}
	CHECK(ok);
	if (!ok)
		fprintf(stderr, "  tcId %d (%s): %s\n", (int)json_get_num(test, "tcId"),
		        json_get_str(test, "comment"), mote_error_name(err));
	free(der);
}

static void run_ecdh(const char *file, int curve, size_t point_len)
{
	char path[4096];
	struct ec_counts c = {0};
	struct json *root;
	const struct json *groups;

	snprintf(path, sizeof path, "%s/%s", test_vectors_dir(), file);
	root = json_parse_file(path);
	groups = json_get(root, "testGroups");
	for (size_t g = 0; groups && g < groups->count; g++) {
		const struct json *tests = json_get(groups->items[g], "tests");

		for (size_t t = 0; tests && t < tests->count; t++)
			ec_vector(tests->items[t], curve, point_len, &c);
	}
	printf("%s: %ld public keys: %ld parsed, %ld bad encodings rejected, %ld DER-valid with a "
	       "modified point (parsed exactly), %ld wrong-curve keys not taken for this curve\n",
	       file, c.total, c.parsed, c.rejected, c.modified_point, c.other_curve);
	CHECK(c.total > 0 && c.parsed > 0 && c.rejected > 0);
	json_free(root);
}

struct x_counts {
	long pub_ok, pub_other, priv_ok, priv_rejected;
};

static void x25519_vector(const struct json *test, struct x_counts *c)
{
	size_t plen, slen;
	uint8_t *pub = wp_hex(test, "public", &plen), *priv = wp_hex(test, "private", &slen);
	mote_pkey pk;
	mote_privkey sk, sk2;
	int err = mote_pkey_parse_spki(&pk, pub, plen), ok;

	if (wp_has_flag(test, "InvalidPublic")) {
		ok = err != 0 || pk.type != MOTE_PKEY_X25519;
		c->pub_other += ok;
	} else {
		ok = err == 0 && pk.type == MOTE_PKEY_X25519 && plen >= 32 && pk.u.x25519.pub == pub + plen - 32;
		c->pub_ok += ok;
	}
	CHECK(ok);
	err = mote_privkey_parse_pkcs8(&sk, priv, slen);
	CHECK_INT(mote_privkey_parse(&sk2, priv, slen), err);
	if (wp_has_flag(test, "MissingOctetString")) {
		ok = err != 0;
		c->priv_rejected += ok;
	} else {
		ok = err == 0 && sk.type == MOTE_PKEY_X25519 && slen >= 32 && sk.u.x25519.key == priv + slen - 32;
		c->priv_ok += ok;
	}
	CHECK(ok);
	if (!ok)
		fprintf(stderr, "  x25519 tcId %d: %s\n", (int)json_get_num(test, "tcId"), mote_error_name(err));
	free(pub);
	free(priv);
}

static void run_x25519(void)
{
	char path[4096];
	struct x_counts c = {0};
	struct json *root;
	const struct json *groups;

	snprintf(path, sizeof path, "%s/x25519_asn_test.json", test_vectors_dir());
	root = json_parse_file(path);
	groups = json_get(root, "testGroups");
	for (size_t g = 0; groups && g < groups->count; g++) {
		const struct json *tests = json_get(groups->items[g], "tests");

		for (size_t t = 0; tests && t < tests->count; t++)
			x25519_vector(tests->items[t], &c);
	}
	printf("x25519_asn_test.json: public SPKI: %ld X25519 parsed, %ld other-curve keys not taken "
	       "as X25519; private PKCS#8: %ld parsed, %ld MissingOctetString rejected\n",
	       c.pub_ok, c.pub_other, c.priv_ok, c.priv_rejected);
	CHECK(c.pub_ok > 0 && c.priv_ok > 0 && c.priv_rejected > 0);
	json_free(root);
}

int main(void)
{
	run_ecdh("ecdh_secp256r1_test.json", MOTE_PKEY_CURVE_P256, 65);
	run_ecdh("ecdh_secp384r1_test.json", MOTE_PKEY_CURVE_P384, 97);
	run_x25519();
	return test_finish("test_pkey_wycheproof");
}
