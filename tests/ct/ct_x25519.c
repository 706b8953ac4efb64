/*
 * Constant-time check of X25519 and Ed25519 under valgrind memcheck: the
 * secret scalar (X25519) and the seed (Ed25519) are marked undefined, so
 * any branch or memory index that depends on them, or on anything derived
 * from them (the clamped scalar, the nonce, the ladder state, the shared
 * secret), is reported and fails the test. The peer's point, the message
 * and its length are public and stay defined.
 *
 * Covered, for every field variant and the public API: X25519 with a
 * random point, with a small-order point (the all-zero check), and both
 * base-point paths (fixed-base comb, ladder); Ed25519 public-key
 * derivation and signing.
 */
#include <valgrind/memcheck.h>

#include <stdio.h>
#include <string.h>

#include "crypto/curve25519.h"
#include "mote/config.h"
#include "mote/ed25519.h"
#include "mote/error.h"
#include "mote/x25519.h"
#include "test.h"

/* Ed25519 is optional (MOTE_ENABLE_ED25519); without it only X25519 runs. */
#if MOTE_ENABLE_ED25519
#define ED(f) f
#else
#define ED(f) NULL
#endif

struct variant {
	const char *name;
	int (*x25519)(uint8_t out[32], const uint8_t k[32], const uint8_t u[32]);
	void (*x25519_base)(uint8_t pub[32], const uint8_t k[32]);
	void (*ladder_base)(uint8_t pub[32], const uint8_t k[32]); /* NULL: same as base */
	void (*public_key)(uint8_t pub[32], const uint8_t seed[32]);
	void (*sign)(uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t seed[32],
	             const uint8_t pub[32]);
};

#define VARIANT(B)                                                                               \
	{                                                                                            \
		#B, mote_x25519_##B, mote_x25519_base_##B, mote_x25519_ladder_base_##B,                  \
		    ED(mote_ed25519_public_key_##B), ED(mote_ed25519_sign_##B)                                   \
	}

static const struct variant variants[] = {
#if defined(__SIZEOF_INT128__)
	VARIANT(64),
#endif
	VARIANT(32),
	VARIANT(16),
	{"public", mote_x25519, mote_x25519_base, NULL, ED(mote_ed25519_public_key),
	 ED(mote_ed25519_sign)},
};

/* Marks out[0..len) public after checking that the secret reached it
 * (so the run is not vacuous). */
static void declassify(void *out, size_t len)
{
	uint8_t vbits[64], any = 0;

	if (RUNNING_ON_VALGRIND) {
		CHECK_INT(VALGRIND_GET_VBITS(out, vbits, len), 1);
		for (size_t i = 0; i < len; i++)
			any |= vbits[i];
		CHECK(any != 0);
	}
	VALGRIND_MAKE_MEM_DEFINED(out, len);
}

static void ct_x25519(const struct variant *v)
{
	uint8_t k[32], u[32], out[32], low[32] = {1}; /* u = 1 has order 4 */
	int rc;

	test_rand_bytes(k, 32);
	test_rand_bytes(u, 32);
	VALGRIND_MAKE_MEM_UNDEFINED(k, 32);
	rc = v->x25519(out, k, u);
	declassify(&rc, sizeof rc);
	declassify(out, 32);
	CHECK_INT(rc, 0);

	VALGRIND_MAKE_MEM_UNDEFINED(k, 32);
	rc = v->x25519(out, k, low);
	declassify(&rc, sizeof rc);
	VALGRIND_MAKE_MEM_DEFINED(out, 32); /* all zero: nothing to taint */
	CHECK_INT(rc, MOTE_ERR_WEAK_KEY);

	VALGRIND_MAKE_MEM_UNDEFINED(k, 32);
	v->x25519_base(out, k);
	declassify(out, 32);
	CHECK(out[0] | out[1] | out[2]);
	if (v->ladder_base) {
		VALGRIND_MAKE_MEM_UNDEFINED(k, 32);
		v->ladder_base(out, k);
		declassify(out, 32);
		CHECK(out[0] | out[1] | out[2]);
	}
}

#if MOTE_ENABLE_ED25519
static void ct_ed25519(const struct variant *v)
{
	uint8_t seed[32], pub[32], sig[64], msg[200];

	test_rand_bytes(seed, 32);
	test_rand_bytes(msg, sizeof msg);
	VALGRIND_MAKE_MEM_UNDEFINED(seed, 32);
	v->public_key(pub, seed);
	declassify(pub, 32);
	for (size_t len = 0; len <= sizeof msg; len += 199) {
		v->sign(sig, msg, len, seed, pub);
		declassify(sig, 64);
		VALGRIND_MAKE_MEM_DEFINED(seed, 32);
		CHECK_INT(mote_ed25519_verify(sig, msg, len, pub), 0);
		VALGRIND_MAKE_MEM_UNDEFINED(seed, 32);
	}
}
#endif

int main(void)
{
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		ct_x25519(&variants[i]);
#if MOTE_ENABLE_ED25519
		ct_ed25519(&variants[i]);
#endif
		printf("ct_x25519: variant %s done, memcheck errors so far: %u\n", variants[i].name,
		       (unsigned)VALGRIND_COUNT_ERRORS);
	}
	return test_finish("ct_x25519");
}
