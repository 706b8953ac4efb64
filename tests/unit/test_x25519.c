/*
 * X25519 (RFC 7748): section 5.2 vectors and iterations, the section 6.1
 * Diffie-Hellman example, and every Wycheproof x25519_test.json vector,
 * run against every field variant (64-, 32- and 16-bit multipliers) and
 * through the public API (the variant chosen by MOTE_MUL_BITS).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/curve25519.h"
#include "crypto/fe25519.h"
#include "mote/error.h"
#include "mote/x25519.h"
#include "test.h"
#include "wycheproof.h"

/* Field element sizes, which set the stack figures of mote/x25519.h. */
_Static_assert(sizeof(mote_fe25519_64) == 40, "64-bit field element: 5 x 8 bytes");
_Static_assert(sizeof(mote_fe25519_32) == 40, "32-bit field element: 10 x 4 bytes");
_Static_assert(sizeof(mote_fe25519_16) == 32, "16-bit field element: 16 x 2 bytes");

struct variant {
	const char *name;
	int (*x25519)(uint8_t out[32], const uint8_t k[32], const uint8_t u[32]);
	void (*base)(uint8_t pub[32], const uint8_t k[32]);
	void (*ladder_base)(uint8_t pub[32], const uint8_t k[32]); /* NULL: same as base */
};

static const struct variant variants[] = {
#if defined(__SIZEOF_INT128__)
	{"64", mote_x25519_64, mote_x25519_base_64, mote_x25519_ladder_base_64},
#endif
	{"32", mote_x25519_32, mote_x25519_base_32, mote_x25519_ladder_base_32},
	{"16", mote_x25519_16, mote_x25519_base_16, mote_x25519_ladder_base_16},
	{"public", mote_x25519, mote_x25519_base, NULL},
};

static void unhex32(const char *hex, uint8_t out[32])
{
	test_unhex_const(hex, out, 32);
}

static void check_one(const struct variant *v, const char *k_hex, const char *u_hex,
                      const char *want_hex)
{
	uint8_t k[32], u[32], want[32], out[32];

	unhex32(k_hex, k);
	unhex32(u_hex, u);
	unhex32(want_hex, want);
	CHECK_INT(v->x25519(out, k, u), 0);
	CHECK_MEM(out, want, 32);
}

/* RFC 7748 section 5.2. The second u has its top bit set, which must be
 * ignored. */
static void test_rfc7748_vectors(const struct variant *v)
{
	check_one(v, "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
	          "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
	          "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
	check_one(v, "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
	          "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
	          "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
}

/* RFC 7748 section 5.2 iterations: k = u = 9, then (k, u) = (X25519(k, u), k).
 * The 1,000,000-iteration value is not checked: it takes minutes here
 * (about 10^6 ladders), far over the test time budget. */
static void test_rfc7748_iterations(const struct variant *v, int iterations)
{
	uint8_t k[32] = {9}, u[32] = {9}, r[32], want[32];

	for (int i = 1; i <= iterations; i++) {
		v->x25519(r, k, u);
		memcpy(u, k, 32);
		memcpy(k, r, 32);
		if (i == 1) {
			unhex32("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079",
			        want);
			CHECK_MEM(k, want, 32);
		}
	}
	if (iterations < 1000)
		return;
	unhex32("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", want);
	CHECK_MEM(k, want, 32);
}

/* RFC 7748 section 6.1, with the fixed-base (Edwards) and the ladder
 * public-key paths. */
static void test_rfc7748_dh(const struct variant *v)
{
	uint8_t a[32], b[32], a_pub[32], b_pub[32], want[32], out[32];

	unhex32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", a);
	unhex32("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", b);
	v->base(out, a);
	unhex32("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", a_pub);
	CHECK_MEM(out, a_pub, 32);
	v->base(out, b);
	unhex32("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", b_pub);
	CHECK_MEM(out, b_pub, 32);
	if (v->ladder_base) {
		v->ladder_base(out, a);
		CHECK_MEM(out, a_pub, 32);
		v->ladder_base(out, b);
		CHECK_MEM(out, b_pub, 32);
	}
	unhex32("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", want);
	CHECK_INT(v->x25519(out, a, b_pub), 0);
	CHECK_MEM(out, want, 32);
	CHECK_INT(v->x25519(out, b, a_pub), 0);
	CHECK_MEM(out, want, 32);

	/* Outputs may alias inputs. */
	memcpy(out, a, 32);
	CHECK_INT(v->x25519(out, out, b_pub), 0);
	CHECK_MEM(out, want, 32);
	memcpy(out, b_pub, 32);
	CHECK_INT(v->x25519(out, a, out), 0);
	CHECK_MEM(out, want, 32);
	memcpy(out, a, 32);
	v->base(out, out);
	CHECK_MEM(out, a_pub, 32);
}

/*
 * Wycheproof: RFC 7748 defines the output for every input, including
 * twist points, non-canonical u and low-order points, so the output must
 * match "shared" in every vector. Mote's only rejection is the all-zero
 * result (MOTE_ERR_WEAK_KEY, with the zero output still written), which
 * must happen exactly when "shared" is zero; those vectors are flagged
 * ZeroSharedSecret and are "acceptable", so rejecting them is allowed.
 */
static enum wp_verdict wp_x25519(const struct json *group, const struct json *test, void *arg)
{
	const struct variant *v = arg;
	size_t pub_len, priv_len, shared_len;
	uint8_t *pub = wp_hex(test, "public", &pub_len);
	uint8_t *priv = wp_hex(test, "private", &priv_len);
	uint8_t *shared = wp_hex(test, "shared", &shared_len);
	uint8_t out[32], zero[32] = {0};
	enum wp_verdict verdict = WP_REJECT;

	(void)group;
	CHECK(pub_len == 32 && priv_len == 32 && shared_len == 32);
	if (pub_len == 32 && priv_len == 32 && shared_len == 32) {
		int rc = v->x25519(out, priv, pub);
		int is_zero = memcmp(shared, zero, 32) == 0;

		CHECK_MEM(out, shared, 32);
		CHECK_INT(rc, is_zero ? MOTE_ERR_WEAK_KEY : 0);
		if (is_zero)
			CHECK(wp_has_flag(test, "ZeroSharedSecret"));
		if (rc == 0 && memcmp(out, shared, 32) == 0)
			verdict = WP_ACCEPT;
	}
	free(pub);
	free(priv);
	free(shared);
	return verdict;
}

int main(void)
{
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		const struct variant *v = &variants[i];
		struct wp_counts c;

		printf("variant %s:\n", v->name);
		test_rfc7748_vectors(v);
		/* The public function is one of the variants: once is enough.
		 * Sanitizer builds run unoptimised: there the slow 16-bit
		 * variant does one iteration (the normal build runs them all). */
		int slow = strcmp(v->name, "public") == 0 ||
		           (TEST_SANITIZED && strcmp(v->name, "16") == 0);
		test_rfc7748_iterations(v, slow ? 1 : 1000);
		test_rfc7748_dh(v);
		c = wp_run("x25519_test.json", wp_x25519, (void *)v);
		CHECK_INT(c.failed, 0);
	}
	return test_finish("test_x25519");
}
