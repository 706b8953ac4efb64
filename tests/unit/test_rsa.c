/*
 * RSA verification: every Wycheproof PKCS#1 v1.5 and PSS vector (including
 * the *_params files and rsa_pss_misc, whose groups give sLen and mgfSha)
 * on both limb cores, each call given an exactly-sized heap scratch (ASan
 * catches any overrun); then key, length and scratch errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/rsa_core.h"
#include "mote/error.h"
#include "mote/hash.h"
#include "mote/rsa.h"
#include "test.h"
#include "wycheproof.h"

_Static_assert(MOTE_RSA_VERIFY_SCRATCH(4096) == 2048, "RSA-4096 verify scratch");
_Static_assert(MOTE_RSA_VERIFY_SCRATCH(2048) == 1024, "RSA-2048 verify scratch");
_Static_assert(MOTE_RSA_SIGN_SCRATCH(2048) == 3200, "RSA-2048 sign scratch");
_Static_assert(MOTE_RSA_SIGN_SCRATCH(4096) == 6400, "RSA-4096 sign scratch");
_Static_assert(MOTE_RSA_SIGN_SCRATCH_W3(2048) == 2176, "RSA-2048 sign scratch, 3-bit window");
_Static_assert(MOTE_RSA_SIGN_SCRATCH_MIN(2048) == 1664, "RSA-2048 sign scratch, minimum");
_Static_assert(sizeof(mote_rsa_public_key) == 4 * sizeof(void *), "public key view");

static mote_hash_alg hash_of(const char *name)
{
	if (name && strcmp(name, "SHA-256") == 0)
		return MOTE_HASH_SHA256;
	if (name && strcmp(name, "SHA-384") == 0)
		return MOTE_HASH_SHA384;
	if (name && strcmp(name, "SHA-512") == 0)
		return MOTE_HASH_SHA512;
	return MOTE_HASH_NONE;
}

struct run {
	const mote_rsa_pub_core *core;
	int pss;
	size_t salt_override; /* 0: the group's sLen; else this value */
};

static size_t modulus_bits(const uint8_t *n, size_t len)
{
	while (len > 0 && *n == 0)
		n++, len--;
	size_t bits = 8 * len;
	for (uint8_t t = len ? n[0] : 0x80; !(t & 0x80); t <<= 1)
		bits--;
	return bits;
}

static enum wp_verdict one_case(const struct json *g, const struct json *t, void *arg)
{
	const struct run *r = arg;
	const struct json *pk = json_get(g, "publicKey");
	mote_hash_alg h = hash_of(json_get_str(g, "sha"));
	mote_hash_alg mh = r->pss ? hash_of(json_get_str(g, "mgfSha")) : h;
	size_t nlen, elen, mlen, slen;
	uint8_t *n = wp_hex(pk, "modulus", &nlen), *e = wp_hex(pk, "publicExponent", &elen);
	uint8_t *msg = wp_hex(t, "msg", &mlen), *sig = wp_hex(t, "sig", &slen);
	uint8_t digest[MOTE_HASH_MAX_SIZE];
	enum wp_verdict v = WP_SKIP;

	if (h != MOTE_HASH_NONE && mh != MOTE_HASH_NONE) {
		mote_rsa_public_key key = {n, nlen, e, elen};
		size_t need = mote_rsa_core_pub_scratch(r->core, modulus_bits(n, nlen));
		void *scratch = malloc(need);
		size_t salt = r->salt_override ? r->salt_override : (size_t)json_get_num(g, "sLen");
		int rc;

		mote_hash(h, msg, mlen, digest);
		if (r->pss)
			rc = mote_rsa_pss_verify_with(r->core, &key, h, mh, salt, digest,
			                              mote_hash_size(h), sig, slen, scratch, need);
		else
			rc = mote_rsa_pkcs1_verify_with(r->core, &key, h, digest, mote_hash_size(h),
			                                sig, slen, scratch, need);
		CHECK(rc == 0 || rc == MOTE_ERR_BAD_SIGNATURE);
		v = rc == 0 ? WP_ACCEPT : WP_REJECT;
		free(scratch);
	}
	free(n), free(e), free(msg), free(sig);
	return v;
}

static const char *const pkcs1_files[] = {
    "rsa_signature_2048_sha256_test.json", "rsa_signature_2048_sha384_test.json",
    "rsa_signature_2048_sha512_test.json", "rsa_signature_3072_sha256_test.json",
    "rsa_signature_3072_sha384_test.json", "rsa_signature_3072_sha512_test.json",
    "rsa_signature_4096_sha256_test.json", "rsa_signature_4096_sha384_test.json",
    "rsa_signature_4096_sha512_test.json",
};

static const char *const pss_files[] = {
    "rsa_pss_2048_sha256_mgf1_32_test.json",        "rsa_pss_2048_sha256_mgf1_0_test.json",
    "rsa_pss_2048_sha384_mgf1_48_test.json",        "rsa_pss_3072_sha256_mgf1_32_test.json",
    "rsa_pss_4096_sha256_mgf1_32_test.json",        "rsa_pss_4096_sha384_mgf1_48_test.json",
    "rsa_pss_4096_sha512_mgf1_64_test.json",        "rsa_pss_2048_sha256_mgf1_32_params_test.json",
    "rsa_pss_3072_sha256_mgf1_32_params_test.json", "rsa_pss_4096_sha512_mgf1_64_params_test.json",
    "rsa_pss_misc_test.json",
};

/* Salt length recovered from the padding (MOTE_RSA_PSS_SALT_ANY): valid
 * vectors and the "s_len changed to N" ones are accepted, the other
 * invalid ones still rejected. */
static void salt_any(const mote_rsa_pub_core *core, const char *file)
{
	char path[4096];
	struct run r = {core, 1, MOTE_RSA_PSS_SALT_ANY};
	long accepted = 0, rejected = 0;

	snprintf(path, sizeof path, "%s/%s", test_vectors_dir(), file);
	struct json *root = json_parse_file(path);
	const struct json *groups = json_get(root, "testGroups");
	for (size_t gi = 0; gi < groups->count; gi++) {
		const struct json *g = groups->items[gi], *tests = json_get(g, "tests");
		for (size_t ti = 0; ti < tests->count; ti++) {
			const struct json *t = tests->items[ti];
			int other_salt =
			    strncmp(json_get_str(t, "comment"), "s_len changed", 13) == 0;
			int want = strcmp(json_get_str(t, "result"), "valid") == 0 || other_salt;
			enum wp_verdict v = one_case(g, t, &r);
			CHECK(v == (want ? WP_ACCEPT : WP_REJECT));
			accepted += v == WP_ACCEPT;
			rejected += v == WP_REJECT;
		}
	}
	printf("%s with any salt length: %ld accepted, %ld rejected\n", file, accepted, rejected);
	json_free(root);
}

static void wycheproof(const mote_rsa_pub_core *core)
{
	struct run r = {core, 0, 0};
	long skipped = 0;

	printf("-- %u-bit limbs --\n", core->limb_bits);
	for (size_t i = 0; i < sizeof pkcs1_files / sizeof *pkcs1_files; i++)
		CHECK(wp_run(pkcs1_files[i], one_case, &r).skipped == 0);
	r.pss = 1;
	for (size_t i = 0; i < sizeof pss_files / sizeof *pss_files; i++) {
		struct wp_counts c = wp_run(pss_files[i], one_case, &r);
		if (strcmp(pss_files[i], "rsa_pss_misc_test.json") != 0)
			CHECK(c.skipped == 0);
		skipped += c.skipped;
	}
	/* rsa_pss_misc: only the groups using SHA-1 or SHA-224 are skipped. */
	CHECK(skipped > 0 && skipped < 150);
	salt_any(core, "rsa_pss_2048_sha256_mgf1_32_test.json");
	salt_any(core, "rsa_pss_2048_sha256_mgf1_0_test.json");
}

/* A 2048-bit key and a valid signature from rsa_signature_2048_sha256
 * (tcId 1, empty message), used for the error cases. */
struct fixture {
	uint8_t *n, *e, *sig;
	size_t nlen, elen, slen;
	uint8_t digest[32];
};

static void load_fixture(struct fixture *f)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/rsa_signature_2048_sha256_test.json", test_vectors_dir());
	struct json *root = json_parse_file(path);
	const struct json *g = json_get(root, "testGroups")->items[0];
	const struct json *t = json_get(g, "tests")->items[0];
	const struct json *pk = json_get(g, "publicKey");

	f->n = wp_hex(pk, "modulus", &f->nlen);
	f->e = wp_hex(pk, "publicExponent", &f->elen);
	f->sig = wp_hex(t, "sig", &f->slen);
	CHECK(json_get_num(t, "tcId") == 1 && strcmp(json_get_str(t, "result"), "valid") == 0);
	mote_hash(MOTE_HASH_SHA256, "", 0, f->digest);
	json_free(root);
}

static int verify(const mote_rsa_pub_core *c, const uint8_t *n, size_t nlen, const uint8_t *e,
                  size_t elen, const struct fixture *f, size_t scratch_len)
{
	mote_rsa_public_key key = {n, nlen, e, elen};
	uint8_t *s = malloc(scratch_len ? scratch_len : 1);
	int rc = mote_rsa_pkcs1_verify_with(c, &key, MOTE_HASH_SHA256, f->digest, 32, f->sig,
	                                    f->slen, s, scratch_len);
	free(s);
	return rc;
}

static void errors(const mote_rsa_pub_core *c, struct fixture *f)
{
	size_t need = mote_rsa_core_pub_scratch(c, 2048);
	uint8_t e1[1] = {1}, e2[3] = {1, 0, 0}, big[600];
	mote_rsa_public_key key = {f->n, f->nlen, f->e, f->elen};
	uint8_t *s = malloc(need + 8);

	CHECK(need <= MOTE_RSA_VERIFY_SCRATCH(2048));
	CHECK_INT(verify(c, f->n, f->nlen, f->e, f->elen, f, need), 0);
	CHECK_INT(verify(c, f->n, f->nlen, f->e, f->elen, f, need - 1), MOTE_ERR_SCRATCH_TOO_SMALL);
	CHECK_INT(verify(c, f->n, f->nlen, f->e, f->elen, f, 0), MOTE_ERR_SCRATCH_TOO_SMALL);
	/* An unaligned scratch is aligned inside, 7 bytes more at most. */
	CHECK_INT(mote_rsa_pkcs1_verify_with(c, &key, MOTE_HASH_SHA256, f->digest, 32, f->sig,
	                                     f->slen, s + 1, need + 7),
	          0);
	CHECK_INT(mote_rsa_pkcs1_verify_with(c, &key, MOTE_HASH_SHA256, f->digest, 32, f->sig,
	                                     f->slen, s + 1, need + 6),
	          MOTE_ERR_SCRATCH_TOO_SMALL);
	CHECK_INT(verify(c, f->n, f->nlen, e1, 1, f, need), MOTE_ERR_BAD_KEY);
	CHECK_INT(verify(c, f->n, f->nlen, e2, 3, f, need), MOTE_ERR_BAD_KEY);   /* even */
	CHECK_INT(verify(c, f->n, f->nlen, f->n, f->nlen, f, need), MOTE_ERR_BAD_KEY); /* e = n */
	/* 2040 bits: supported size, but the signature length is wrong. */
	CHECK_INT(verify(c, f->n + 2, f->nlen - 2, f->e, f->elen, f, need), MOTE_ERR_BAD_SIGNATURE);
	memset(big, 0xFF, sizeof big);
	CHECK_INT(verify(c, big, 513, f->e, f->elen, f, need), MOTE_ERR_KEY_TOO_LARGE);
	CHECK_INT(verify(c, big, 127, f->e, f->elen, f, need), MOTE_ERR_RSA_KEY_TOO_SMALL);
	big[0] = 0x80; /* exactly 1024 bits: accepted size, wrong signature length */
	CHECK_INT(verify(c, big, 128, f->e, f->elen, f, need), MOTE_ERR_BAD_SIGNATURE);
	memcpy(big, f->n, f->nlen);
	big[f->nlen - 1] ^= 1; /* even modulus */
	CHECK_INT(verify(c, big, f->nlen, f->e, f->elen, f, need), MOTE_ERR_BAD_KEY);
	/* Wrong digest, wrong length, hash mismatch. */
	f->digest[0] ^= 1;
	CHECK_INT(verify(c, f->n, f->nlen, f->e, f->elen, f, need), MOTE_ERR_BAD_SIGNATURE);
	f->digest[0] ^= 1;
	CHECK_INT(mote_rsa_pkcs1_verify_with(c, &key, MOTE_HASH_SHA256, f->digest, 32, f->sig,
	                                     f->slen - 1, s, need),
	          MOTE_ERR_BAD_SIGNATURE);
	CHECK_INT(mote_rsa_pkcs1_verify_with(c, &key, MOTE_HASH_SHA256, f->digest, 31, f->sig,
	                                     f->slen, s, need),
	          MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_rsa_pkcs1_verify_with(c, &key, MOTE_HASH_NONE, f->digest, 32, f->sig,
	                                     f->slen, s, need),
	          MOTE_ERR_UNSUPPORTED);
	CHECK_INT(mote_rsa_pss_verify_with(c, &key, MOTE_HASH_SHA256, MOTE_HASH_NONE, 32, f->digest,
	                                   32, f->sig, f->slen, s, need),
	          MOTE_ERR_UNSUPPORTED);
	free(s);
}

int main(void)
{
	struct fixture f;

	load_fixture(&f);
	wycheproof(&mote_rsa_pub_ct32);
	errors(&mote_rsa_pub_ct32, &f);
#if MOTE_BN_HAVE_64
	wycheproof(&mote_rsa_pub_ct64);
	errors(&mote_rsa_pub_ct64, &f);
#endif
	/* The public entry points use the configured core. */
	{
		mote_rsa_public_key key = {f.n, f.nlen, f.e, f.elen};
		static uint64_t scratch[MOTE_RSA_VERIFY_SCRATCH(2048) / 8];
		CHECK_INT(mote_rsa_pkcs1_verify(&key, MOTE_HASH_SHA256, f.digest, 32, f.sig, f.slen,
		                                scratch, sizeof scratch),
		          0);
	}
	free(f.n), free(f.e), free(f.sig);
	return test_finish("test_rsa");
}
