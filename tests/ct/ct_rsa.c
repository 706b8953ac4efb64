/*
 * RSA-2048 CRT signing (PKCS#1 v1.5 and PSS, both limb cores, 4-, 3- and
 * 2-bit exponent windows) under valgrind memcheck with p, q, dp, dq, qinv
 * and every byte of the random source (blinding factor, PSS salt) marked
 * undefined: any branch or memory index depending on them is reported and
 * fails the test. The result and the returned status are declassified only
 * after the call; the signature is then checked with the public key.
 * The key is tests/unit/rsa_test_key.h.
 */
#include <valgrind/memcheck.h>

#include <stdio.h>
#include <string.h>

#include "crypto/rsa_core.h"
#include "mote/error.h"
#include "mote/hash.h"
#include "mote/rsa.h"
#include "test.h"
#include "../unit/rsa_test_key.h"

/* The two halves of one limb-size variant. */
struct cores {
	const mote_rsa_pub_core *pub;
	const mote_rsa_priv_core *priv;
};

static const struct cores ct32 = {&mote_rsa_pub_ct32, &mote_rsa_priv_ct32};
#if MOTE_BN_HAVE_64
static const struct cores ct64 = {&mote_rsa_pub_ct64, &mote_rsa_priv_ct64};
#endif

static uint64_t scratch[MOTE_RSA_SIGN_SCRATCH(2048) / 8];

/* Random bytes the checker treats as secret. */
static int secret_rng(void *arg, uint8_t *out, size_t len)
{
	(void)arg;
	test_rand_bytes(out, len);
	VALGRIND_MAKE_MEM_UNDEFINED(out, len);
	return 0;
}

static void mark_key(int secret)
{
	uint8_t *parts[] = {key_p, key_q, key_dp, key_dq, key_qinv};
	for (size_t i = 0; i < 5; i++) {
		if (secret)
			VALGRIND_MAKE_MEM_UNDEFINED(parts[i], 128);
		else
			VALGRIND_MAKE_MEM_DEFINED(parts[i], 128);
	}
}

static void sign_once(const struct cores *c, int pss, size_t scratch_len)
{
	mote_rsa_private_key k = {key_p, key_q, key_dp, key_dq, key_qinv, key_e,
	                          128,   128,   128,    128,    128,      3,    2048};
	mote_rsa_public_key pub = {key_n, sizeof key_n, key_e, sizeof key_e};
	uint8_t dg[32], sig[256];
	int rc;

	mote_hash(MOTE_HASH_SHA256, "ct_rsa", 6, dg);
	mark_key(1);
	if (pss)
		rc = mote_rsa_pss_sign_with(c->priv, &k, MOTE_HASH_SHA256, MOTE_HASH_SHA256, 32, dg,
		                            32, sig, sizeof sig, scratch, scratch_len, secret_rng,
		                            NULL);
	else
		rc = mote_rsa_pkcs1_sign_with(c->priv, &k, MOTE_HASH_SHA256, dg, 32, sig,
		                              sizeof sig, scratch, scratch_len, secret_rng, NULL);
	VALGRIND_MAKE_MEM_DEFINED(&rc, sizeof rc);
	VALGRIND_MAKE_MEM_DEFINED(sig, sizeof sig);
	VALGRIND_MAKE_MEM_DEFINED(scratch, sizeof scratch);
	mark_key(0);
	CHECK_INT(rc, 0);
	if (pss)
		rc = mote_rsa_pss_verify_with(c->pub, &pub, MOTE_HASH_SHA256, MOTE_HASH_SHA256, 32,
		                              dg, 32, sig, sizeof sig, scratch, sizeof scratch);
	else
		rc = mote_rsa_pkcs1_verify_with(c->pub, &pub, MOTE_HASH_SHA256, dg, 32, sig,
		                                sizeof sig, scratch, sizeof scratch);
	CHECK_INT(rc, 0);
}

int main(void)
{
	test_rand_seed(77);
	/* 4-bit window; then 3 and 2 bits (smaller scratch). */
	sign_once(&ct32, 0, sizeof scratch);
	sign_once(&ct32, 1, sizeof scratch);
	sign_once(&ct32, 0, MOTE_RSA_SIGN_SCRATCH_MIN(2048));
#if MOTE_BN_HAVE_64
	sign_once(&ct64, 0, sizeof scratch);
	sign_once(&ct64, 1, sizeof scratch);
	sign_once(&ct64, 1, MOTE_RSA_SIGN_SCRATCH_W3(2048));
#endif
	printf("ct_rsa: memcheck errors: %u\n", (unsigned)VALGRIND_COUNT_ERRORS);
	CHECK(VALGRIND_COUNT_ERRORS == 0);
	return test_finish("ct_rsa");
}
