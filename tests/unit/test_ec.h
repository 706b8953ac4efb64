/*
 * P-256 / P-384 tests run on one arithmetic core (shared by test_ec.c,
 * test_ec_ct32.c and test_ec_ct16.c, one program per core so that ctest
 * runs them in parallel): Wycheproof ECDH (raw points and
 * SubjectPublicKeyInfo), Wycheproof ECDSA verification (DER and IEEE
 * P1363), RFC 6979 A.2.5 / A.2.6 signatures, key checks and properties.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ec_ops.h"
#include "mote/ec.h"
#include "mote/error.h"
#include "mote/sha2.h"
#include "test.h"
#include "wycheproof.h"

struct ec_core {
	const char *name;
	const struct mote_ec_ops *p256, *p384;
};

struct wp_arg {
	const struct mote_ec_ops *ops;
	int der;    /* ECDH: SubjectPublicKeyInfo keys; ECDSA: DER signatures */
	int stride; /* run every valid vector (1) or one in stride */
};

/*
 * Under AddressSanitizer (an unoptimised build, 20-40x slower here) the
 * 32- and 16-bit cores run every invalid and acceptable vector but only
 * one valid vector in EC_SANITIZER_STRIDE, reported as skipped: the
 * arithmetic touches memory the same way whatever the values (constant
 * time), so the skipped ones exercise no other access pattern. The
 * optimised build runs them all on every core.
 */
#define EC_SANITIZER_STRIDE (TEST_SANITIZED ? 8 : 1)

static int wp_sampled_out(const struct wp_arg *a, const struct json *test)
{
	const char *result = json_get_str(test, "result");

	return a->stride > 1 && result && strcmp(result, "valid") == 0 &&
	       (int)json_get_num(test, "tcId") % a->stride != 0;
}

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
 * parameters, malformed DER: what a key parser refuses). */
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

/* A Wycheproof integer (maybe with a sign byte, maybe short) as a len-byte
 * scalar; 0 when it does not fit. */
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

static mote_ec_curve curve_of(const struct mote_ec_ops *ops)
{
	return ops->len == 32 ? MOTE_EC_P256 : MOTE_EC_P384;
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
	if (wp_sampled_out(a, test))
		v = WP_SKIP;
	pt_len = pub_len;
	if (v != WP_SKIP && (!a->der || spki_point(pub, pub_len, len, &pt, &pt_len) == 0) &&
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

static void hash_msg(size_t len, const uint8_t *msg, size_t msg_len, uint8_t *out)
{
	if (len == 32)
		mote_sha256(msg, msg_len, out);
	else
		mote_sha384(msg, msg_len, out);
}

static enum wp_verdict ecdsa_case(const struct json *group, const struct json *test, void *arg)
{
	const struct wp_arg *a = arg;
	size_t len = a->ops->len, pub_len, msg_len, sig_len;
	const struct json *key = json_get(group, "publicKey");
	uint8_t *pub = wp_hex(key, "uncompressed", &pub_len);
	uint8_t *msg = wp_hex(test, "msg", &msg_len);
	uint8_t *sig = wp_hex(test, "sig", &sig_len);
	uint8_t h[MOTE_EC_MAX_BYTES], rs[MOTE_EC_MAX_SIG];
	enum wp_verdict v = WP_REJECT;
	int err = 0;

	hash_msg(len, msg, msg_len, h);
	if (wp_sampled_out(a, test)) {
		v = WP_SKIP;
		err = 1;
	} else if (a->der) {
		err = mote_ecdsa_sig_from_der(curve_of(a->ops), rs, sig, sig_len);
		if (!err)
			err = mote_ecdsa_verify_ops(a->ops, pub, pub_len, h, len, rs, 2 * len);
	} else {
		err = mote_ecdsa_verify_ops(a->ops, pub, pub_len, h, len, sig, sig_len);
	}
	if (err == 0)
		v = WP_ACCEPT;
	free(pub);
	free(msg);
	free(sig);
	return v;
}

static void run_wycheproof(const struct ec_core *core, int stride)
{
	struct wp_arg a;

	printf("-- core %s\n", core->name);
	if (stride > 1)
		printf("(sanitizer build: one valid vector in %d, the rest skipped)\n", stride);
	a = (struct wp_arg){core->p256, 0, stride};
	wp_run("ecdh_secp256r1_ecpoint_test.json", ecdh_case, &a);
	wp_run("ecdsa_secp256r1_sha256_p1363_test.json", ecdsa_case, &a);
	a = (struct wp_arg){core->p256, 1, stride};
	wp_run("ecdh_secp256r1_test.json", ecdh_case, &a);
	wp_run("ecdsa_secp256r1_sha256_test.json", ecdsa_case, &a);
	a = (struct wp_arg){core->p384, 0, stride};
	wp_run("ecdh_secp384r1_ecpoint_test.json", ecdh_case, &a);
	wp_run("ecdsa_secp384r1_sha384_p1363_test.json", ecdsa_case, &a);
	a = (struct wp_arg){core->p384, 1, stride};
	wp_run("ecdh_secp384r1_test.json", ecdh_case, &a);
	wp_run("ecdsa_secp384r1_sha384_test.json", ecdsa_case, &a);
}

/* RFC 6979 A.2.5 (P-256) and A.2.6 (P-384), with the curve's own hash. */
struct rfc6979_vec {
	const char *x, *ux, *uy, *msg, *r, *s;
};

static const struct rfc6979_vec rfc6979_p256[] = {
	{"C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
	 "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
	 "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", "sample",
	 "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
	 "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
	{"C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
	 "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
	 "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", "test",
	 "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
	 "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"},
};

static const struct rfc6979_vec rfc6979_p384[] = {
	{
	 "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA"
	 "9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5",
	 "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E"
	 "06AAE5286B300C64DEF8F0EA9055866064A254515480BC13",
	 "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9"
	 "F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720",
	 "sample",
	 "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA7"
	 "3D64C4EA95AD133C81A648152E44ACF96E36DD1E80FABE46",
	 "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526"
	 "203B6351D0A3A94FA329C145786E679E7B82C71A38628AC8"},
	{
	 "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA"
	 "9AA47740787137D896D5724E4C70A825F872C9EA60D2EDF5",
	 "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E"
	 "06AAE5286B300C64DEF8F0EA9055866064A254515480BC13",
	 "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9"
	 "F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD2533264720",
	 "test",
	 "8203B63D3C853E8D77227FB377BCF7B7B772E97892A80F36"
	 "AB775D509D7A5FEB0542A7F0812998DA8F1DD3CA3CF023DB",
	 "DDD0760448D42D8A43AF45AF836FCE4DE8BE06B485E9B61B"
	 "827C2F13173923E06A739F040649A667BF3B828246BAA5A5"},
};

static void run_rfc6979(const struct mote_ec_ops *ops, const struct rfc6979_vec *v)
{
	size_t len = ops->len;
	uint8_t x[MOTE_EC_MAX_BYTES], pub[MOTE_EC_MAX_POINT], want_pub[MOTE_EC_MAX_POINT];
	uint8_t h[MOTE_EC_MAX_BYTES], rs[MOTE_EC_MAX_SIG], want_rs[MOTE_EC_MAX_SIG];

	CHECK(test_unhex(v->x, x, len) == len);
	want_pub[0] = 0x04;
	CHECK(test_unhex(v->ux, want_pub + 1, len) == len);
	CHECK(test_unhex(v->uy, want_pub + 1 + len, len) == len);
	CHECK(test_unhex(v->r, want_rs, len) == len);
	CHECK(test_unhex(v->s, want_rs + len, len) == len);
	hash_msg(len, (const uint8_t *)v->msg, strlen(v->msg), h);

	CHECK_INT(mote_ec_public_key_ops(ops, pub, x), 0);
	CHECK_MEM(pub, want_pub, 2 * len + 1);
	CHECK_INT(mote_ecdsa_sign_ops(ops, rs, x, h, len, NULL, 0), 0);
	CHECK_MEM(rs, want_rs, 2 * len);
	CHECK_INT(mote_ecdsa_verify_ops(ops, pub, 2 * len + 1, h, len, rs, 2 * len), 0);

	/* Hedged: other signature, still valid; the same extra input repeats. */
	uint8_t rs2[MOTE_EC_MAX_SIG], rs3[MOTE_EC_MAX_SIG];
	static const uint8_t extra[] = "fresh randomness";
	CHECK_INT(mote_ecdsa_sign_ops(ops, rs2, x, h, len, extra, sizeof extra), 0);
	CHECK(memcmp(rs2, rs, 2 * len) != 0);
	CHECK_INT(mote_ecdsa_verify_ops(ops, pub, 2 * len + 1, h, len, rs2, 2 * len), 0);
	CHECK_INT(mote_ecdsa_sign_ops(ops, rs3, x, h, len, extra, sizeof extra), 0);
	CHECK_MEM(rs3, rs2, 2 * len);
}

/* Out-of-range private keys are refused (in constant time) with a zero
 * output; so are malformed peer points. */
static void run_key_checks(const struct mote_ec_ops *ops)
{
	size_t len = ops->len;
	uint8_t k[MOTE_EC_MAX_BYTES], out[MOTE_EC_MAX_POINT], pub[MOTE_EC_MAX_POINT];
	uint8_t h[MOTE_EC_MAX_BYTES] = {1};
	static const uint8_t zero[MOTE_EC_MAX_SIG];

	memset(k, 0, len);
	k[len - 1] = 7;
	CHECK_INT(mote_ec_public_key_ops(ops, pub, k), 0);
	const uint8_t *bad[3];
	uint8_t kz[MOTE_EC_MAX_BYTES] = {0}, kn[MOTE_EC_MAX_BYTES], kf[MOTE_EC_MAX_BYTES];
	memcpy(kn, ops->order, len);
	memset(kf, 0xFF, len);
	bad[0] = kz;
	bad[1] = kn;
	bad[2] = kf;
	for (int i = 0; i < 3; i++) {
		memset(out, 0xAA, sizeof out);
		CHECK_INT(mote_ecdh_ops(ops, out, bad[i], pub, 2 * len + 1), MOTE_ERR_BAD_KEY);
		CHECK_MEM(out, zero, len);
		memset(out, 0xAA, sizeof out);
		CHECK_INT(mote_ec_public_key_ops(ops, out, bad[i]), MOTE_ERR_BAD_KEY);
		CHECK_MEM(out + 1, zero, 2 * len);
		memset(out, 0xAA, sizeof out);
		CHECK_INT(mote_ecdsa_sign_ops(ops, out, bad[i], h, len, NULL, 0), MOTE_ERR_BAD_KEY);
		CHECK_MEM(out, zero, 2 * len);
		/* 0 and n with a zero hash give s = 0 for every nonce: still
		 * one pass, no endless retry */
		CHECK_INT(mote_ecdsa_sign_ops(ops, out, bad[i], zero, len, NULL, 0), MOTE_ERR_BAD_KEY);
		CHECK_MEM(out, zero, 2 * len);
	}
	/* n - 1 is the largest valid key: its public point is -G. */
	kn[len - 1] -= 1;
	CHECK_INT(mote_ecdh_ops(ops, out, kn, pub, 2 * len + 1), 0);
	CHECK_INT(mote_ec_public_key_ops(ops, out, kn), 0);

	/* Encodings: compressed, wrong length, y flipped (off the curve). */
	CHECK_INT(mote_ecdh_ops(ops, out, k, pub, 2 * len), MOTE_ERR_BAD_POINT);
	pub[0] = 0x02;
	CHECK_INT(mote_ecdh_ops(ops, out, k, pub, len + 1), MOTE_ERR_BAD_POINT);
	CHECK_INT(mote_ecdh_ops(ops, out, k, pub, 2 * len + 1), MOTE_ERR_BAD_POINT);
	pub[0] = 0x04;
	pub[2 * len] ^= 1;
	CHECK_INT(mote_ecdh_ops(ops, out, k, pub, 2 * len + 1), MOTE_ERR_BAD_POINT);
}

/* Random keys: sign then verify; any changed bit of hash or signature, or
 * another key, fails; hashes longer and shorter than the order. */
static void run_sign_verify(const struct mote_ec_ops *ops, int rounds)
{
	size_t len = ops->len;
	uint8_t k[MOTE_EC_MAX_BYTES], pub[MOTE_EC_MAX_POINT], h[64], rs[MOTE_EC_MAX_SIG];

	for (int i = 0; i < rounds; i++) {
		size_t hlen = (size_t[]){20, 32, 48, 64}[i % 4];

		do
			test_rand_bytes(k, len);
		while (mote_ec_public_key_ops(ops, pub, k) != 0);
		test_rand_bytes(h, sizeof h);
		CHECK_INT(mote_ecdsa_sign_ops(ops, rs, k, h, hlen, NULL, 0), 0);
		CHECK_INT(mote_ecdsa_verify_ops(ops, pub, 2 * len + 1, h, hlen, rs, 2 * len), 0);
		size_t bit = test_rand32() % (8 * 2 * len);
		rs[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		CHECK(mote_ecdsa_verify_ops(ops, pub, 2 * len + 1, h, hlen, rs, 2 * len) != 0);
		rs[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		bit = test_rand32() % (8 * (hlen < len ? hlen : len));
		h[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		CHECK_INT(mote_ecdsa_verify_ops(ops, pub, 2 * len + 1, h, hlen, rs, 2 * len),
		          MOTE_ERR_BAD_SIGNATURE);
		h[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		/* bytes past the order's length do not count */
		if (hlen > len) {
			h[len] ^= 0x80;
			CHECK_INT(mote_ecdsa_verify_ops(ops, pub, 2 * len + 1, h, hlen, rs, 2 * len),
			          0);
		}
	}
}

/* stride: 1 runs every Wycheproof vector, see EC_SANITIZER_STRIDE. */
static void run_core(const struct ec_core *core, int stride)
{
	run_wycheproof(core, stride);
	for (size_t i = 0; i < 2; i++) {
		run_rfc6979(core->p256, &rfc6979_p256[i]);
		run_rfc6979(core->p384, &rfc6979_p384[i]);
	}
	run_key_checks(core->p256);
	run_key_checks(core->p384);
	run_sign_verify(core->p256, 40 / stride);
	run_sign_verify(core->p384, 20 / stride);
}
