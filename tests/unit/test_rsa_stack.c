/*
 * Peak stack of the RSA entry points, measured by painting: each call runs
 * on its own painted stack (ucontext), and the deepest overwritten byte,
 * minus the same measure for an empty function, is its peak. Checked
 * against MOTE_RSA_VERIFY_STACK / MOTE_RSA_SIGN_STACK (mote/rsa.h) in
 * unsanitised builds; sanitisers change frame sizes, so there the figures
 * are only printed. Operations: PKCS#1 and PSS verification with RSA-4096
 * (SHA-512, the largest hash state), PKCS#1 and PSS signing with RSA-2048
 * (stack use does not depend on the modulus size: no VLAs, no recursion).
 * The figures include the libc memcpy/memset the code calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/error.h"
#include "mote/hash.h"
#include "mote/rsa.h"
#include "rsa_test_key.h"
#include "stackpaint.h"
#include "test.h"
#include "wycheproof.h"

static int op_rc;

static void nothing(void)
{
	op_rc = 0;
}

/* Inputs prepared outside the measured calls. */
static uint8_t *vn, *ve, *vsig, *pn, *pe, *psig;
static size_t vnl, vel, vsl, pnl, pel, psl;
static uint8_t vdg[64], pdg[64];
static uint64_t scratch[MOTE_RSA_SIGN_SCRATCH(4096) / 8];
static uint8_t sig[512];

static int rng(void *arg, uint8_t *out, size_t len)
{
	(void)arg;
	test_rand_bytes(out, len);
	return 0;
}

static void op_pkcs1_verify(void)
{
	mote_rsa_public_key k = {vn, vnl, ve, vel};
	op_rc = mote_rsa_pkcs1_verify(&k, MOTE_HASH_SHA512, vdg, 64, vsig, vsl, scratch,
	                              sizeof scratch);
}

static void op_pss_verify(void)
{
	mote_rsa_public_key k = {pn, pnl, pe, pel};
	op_rc = mote_rsa_pss_verify(&k, MOTE_HASH_SHA512, MOTE_HASH_SHA512, 64, pdg, 64, psig, psl,
	                            scratch, sizeof scratch);
}

static const mote_rsa_private_key sk = {key_p, key_q, key_dp, key_dq, key_qinv, key_e,
                                        128,   128,   128,    128,    128,      3,    2048};

static void op_pkcs1_sign(void)
{
	op_rc = mote_rsa_pkcs1_sign(&sk, MOTE_HASH_SHA512, vdg, 64, sig, sizeof sig, scratch,
	                            sizeof scratch, rng, NULL);
}

static void op_pss_sign(void)
{
	op_rc = mote_rsa_pss_sign(&sk, MOTE_HASH_SHA512, MOTE_HASH_SHA512, 64, vdg, 64, sig,
	                          sizeof sig, scratch, sizeof scratch, rng, NULL);
}

/* The first valid vector of a Wycheproof file: key, signature, digest. */
static void load(const char *file, uint8_t **n, size_t *nl, uint8_t **e, size_t *el,
                 uint8_t **s, size_t *sl, uint8_t *dg)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", test_vectors_dir(), file);
	struct json *root = json_parse_file(path);
	const struct json *g = json_get(root, "testGroups")->items[0];
	const struct json *tests = json_get(g, "tests"), *t = NULL;
	size_t ml;

	for (size_t i = 0; i < tests->count && t == NULL; i++)
		if (strcmp(json_get_str(tests->items[i], "result"), "valid") == 0)
			t = tests->items[i];
	*n = wp_hex(json_get(g, "publicKey"), "modulus", nl);
	*e = wp_hex(json_get(g, "publicKey"), "publicExponent", el);
	*s = wp_hex(t, "sig", sl);
	uint8_t *msg = wp_hex(t, "msg", &ml);
	mote_hash(MOTE_HASH_SHA512, msg, ml, dg);
	free(msg);
	json_free(root);
}

static void check_op(const char *name, void (*fn)(void), size_t base, size_t limit)
{
	size_t used;

	/* A first run resolves lazily bound libc symbols (memcpy, memset),
	 * whose resolver would otherwise be counted. */
	stackpaint_measure(fn);
	used = stackpaint_measure(fn) - base;

	CHECK_INT(op_rc, 0);
	printf("%-28s peak stack %5zu bytes (limit %zu)\n", name, used, limit);
	if (!TEST_SANITIZED)
		CHECK(used <= limit);
}

int main(void)
{
	size_t base;

	test_rand_seed(3);
	load("rsa_signature_4096_sha512_test.json", &vn, &vnl, &ve, &vel, &vsig, &vsl, vdg);
	load("rsa_pss_4096_sha512_mgf1_64_test.json", &pn, &pnl, &pe, &pel, &psig, &psl, pdg);
	base = stackpaint_measure(nothing);
	check_op("pkcs1_verify RSA-4096", op_pkcs1_verify, base, MOTE_RSA_VERIFY_STACK);
	check_op("pss_verify RSA-4096", op_pss_verify, base, MOTE_RSA_VERIFY_STACK);
	check_op("pkcs1_sign RSA-2048", op_pkcs1_sign, base, MOTE_RSA_SIGN_STACK);
	check_op("pss_sign RSA-2048", op_pss_sign, base, MOTE_RSA_SIGN_STACK);
	free(vn), free(ve), free(vsig), free(pn), free(pe), free(psig);
	return test_finish("test_rsa_stack");
}
