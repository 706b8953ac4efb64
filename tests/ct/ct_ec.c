/*
 * Constant time of P-256 / P-384 under valgrind memcheck, every core
 * (64-, 32- and 16-bit limbs): with the private key (and the hedging
 * input) marked undefined, ECDH (variable-base scalar multiplication),
 * public-key derivation (fixed-base comb) and ECDSA signing (nonce
 * derivation, comb, inversions mod p and n) must not branch on or index
 * by it. Outputs are marked defined only after the call, then checked.
 */
#include <valgrind/memcheck.h>

#include <stdio.h>
#include <string.h>

#include "crypto/ec_ops.h"
#include "mote/ec.h"
#include "mote/error.h"
#include "test.h"

static void ct_core(const char *name, const struct mote_ec_ops *ops)
{
	size_t len = ops->len;
	uint8_t a[MOTE_EC_MAX_BYTES], b[MOTE_EC_MAX_BYTES], pa[MOTE_EC_MAX_POINT];
	uint8_t pb[MOTE_EC_MAX_POINT], s1[MOTE_EC_MAX_BYTES], s2[MOTE_EC_MAX_BYTES];
	uint8_t h[MOTE_EC_MAX_BYTES], rs[MOTE_EC_MAX_SIG], extra[32];
	int ret;

	test_rand_bytes(a, len);
	test_rand_bytes(b, len);
	a[0] &= 0x7F; /* below n */
	b[0] &= 0x7F;
	test_rand_bytes(h, len);
	test_rand_bytes(extra, sizeof extra);

	/* Public keys: fixed-base comb on a secret scalar. */
	VALGRIND_MAKE_MEM_UNDEFINED(a, len);
	ret = mote_ec_public_key_ops(ops, pa, a);
	VALGRIND_MAKE_MEM_DEFINED(&ret, sizeof ret);
	VALGRIND_MAKE_MEM_DEFINED(pa, 2 * len + 1);
	VALGRIND_MAKE_MEM_DEFINED(a, len);
	CHECK_INT(ret, 0);
	CHECK_INT(mote_ec_public_key_ops(ops, pb, b), 0);

	/* ECDH both ways, each with its private key undefined. */
	VALGRIND_MAKE_MEM_UNDEFINED(a, len);
	ret = mote_ecdh_ops(ops, s1, a, pb, 2 * len + 1);
	VALGRIND_MAKE_MEM_DEFINED(&ret, sizeof ret);
	VALGRIND_MAKE_MEM_DEFINED(s1, len);
	VALGRIND_MAKE_MEM_DEFINED(a, len);
	CHECK_INT(ret, 0);
	VALGRIND_MAKE_MEM_UNDEFINED(b, len);
	ret = mote_ecdh_ops(ops, s2, b, pa, 2 * len + 1);
	VALGRIND_MAKE_MEM_DEFINED(&ret, sizeof ret);
	VALGRIND_MAKE_MEM_DEFINED(s2, len);
	VALGRIND_MAKE_MEM_DEFINED(b, len);
	CHECK_INT(ret, 0);
	CHECK_MEM(s1, s2, len);

	/* ECDSA: deterministic, then hedged with a secret extra input. */
	VALGRIND_MAKE_MEM_UNDEFINED(a, len);
	ret = mote_ecdsa_sign_ops(ops, rs, a, h, len, NULL, 0);
	VALGRIND_MAKE_MEM_DEFINED(&ret, sizeof ret);
	VALGRIND_MAKE_MEM_DEFINED(rs, 2 * len);
	VALGRIND_MAKE_MEM_DEFINED(a, len);
	CHECK_INT(ret, 0);
	CHECK_INT(mote_ecdsa_verify_ops(ops, pa, 2 * len + 1, h, len, rs, 2 * len), 0);
	VALGRIND_MAKE_MEM_UNDEFINED(a, len);
	VALGRIND_MAKE_MEM_UNDEFINED(extra, sizeof extra);
	ret = mote_ecdsa_sign_ops(ops, rs, a, h, len, extra, sizeof extra);
	VALGRIND_MAKE_MEM_DEFINED(&ret, sizeof ret);
	VALGRIND_MAKE_MEM_DEFINED(rs, 2 * len);
	VALGRIND_MAKE_MEM_DEFINED(a, len);
	CHECK_INT(ret, 0);
	CHECK_INT(mote_ecdsa_verify_ops(ops, pa, 2 * len + 1, h, len, rs, 2 * len), 0);

	/* An out-of-range key is refused without a branch on it. */
	memcpy(b, ops->order, len);
	VALGRIND_MAKE_MEM_UNDEFINED(b, len);
	ret = mote_ecdh_ops(ops, s2, b, pa, 2 * len + 1);
	VALGRIND_MAKE_MEM_DEFINED(&ret, sizeof ret);
	VALGRIND_MAKE_MEM_DEFINED(b, len);
	CHECK_INT(ret, MOTE_ERR_BAD_KEY);

	printf("%s P-%zu: memcheck errors so far: %u\n", name, 8 * len,
	       (unsigned)VALGRIND_COUNT_ERRORS);
}

int main(void)
{
	test_rand_seed(0xC7EC);
#if MOTE_EC_HAVE_CT64
	ct_core("ct64", &mote_ec_p256_ct64);
	ct_core("ct64", &mote_ec_p384_ct64);
#endif
	ct_core("ct32", &mote_ec_p256_ct32);
	ct_core("ct32", &mote_ec_p384_ct32);
	ct_core("ct16", &mote_ec_p256_ct16);
	ct_core("ct16", &mote_ec_p384_ct16);
	return test_finish("ct_ec");
}
