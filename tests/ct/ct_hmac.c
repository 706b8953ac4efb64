/*
 * Constant-time check of the hash layer under valgrind memcheck: keys,
 * messages and derived secrets are marked undefined, so any branch or
 * memory index that depends on them is reported (and fails the test).
 * Lengths are public and stay defined.
 *
 * Covered: SHA-256 and SHA-512 compression (through the one-shot calls,
 * several lengths so padding lands in one or two blocks), HMAC-SHA256 and
 * HMAC-SHA384 with short and long (hashed) keys, HKDF extract/expand,
 * HKDF-Expand-Label, the TLS 1.2 PRF with a secret input, and HMAC-DRBG
 * instantiate/reseed/generate from secret seed material.
 */
#include <valgrind/memcheck.h>

#include <stdio.h>

#include "mote/drbg.h"
#include "mote/hmac.h"
#include "mote/kdf.h"
#include "mote/sha2.h"
#include "test.h"

static uint8_t key[200], msg[300], out[256];

static void secret_inputs(void)
{
	test_rand_bytes(key, sizeof key);
	test_rand_bytes(msg, sizeof msg);
	VALGRIND_MAKE_MEM_UNDEFINED(key, sizeof key);
	VALGRIND_MAKE_MEM_UNDEFINED(msg, sizeof msg);
}

/* Marks out[0..len) public. Under valgrind it first checks that the
 * output really was tainted by the secrets (so the run is not vacuous). */
static void public_output(size_t len)
{
	static uint8_t vbits[sizeof out];

	if (RUNNING_ON_VALGRIND && len) {
		uint8_t any = 0;
		CHECK_INT(VALGRIND_GET_VBITS(out, vbits, len), 1);
		for (size_t i = 0; i < len; i++)
			any |= vbits[i];
		CHECK(any != 0);
	}
	VALGRIND_MAKE_MEM_DEFINED(out, len);
	/* Use the output so the calls cannot be optimised away. */
	uint8_t acc = 0;
	for (size_t i = 0; i < len; i++)
		acc |= out[i];
	CHECK(len == 0 || acc != 0);
}

static void ct_sha2(void)
{
	static const size_t lens[] = {1, 55, 56, 64, 111, 112, 128, 300};

	for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		mote_sha256(msg, lens[i], out);
		public_output(32);
		mote_sha512(msg, lens[i], out);
		public_output(64);
		mote_sha384(msg, lens[i], out);
		public_output(48);
	}
}

static void ct_hmac(void)
{
	static const size_t key_lens[] = {0, 16, 32, 64, 65, 128, 129, 200};

	for (size_t i = 0; i < sizeof key_lens / sizeof key_lens[0]; i++) {
		mote_hmac(MOTE_HASH_SHA256, key, key_lens[i], msg, 100, out);
		public_output(32);
		mote_hmac(MOTE_HASH_SHA384, key, key_lens[i], msg, 300, out);
		public_output(48);
	}
}

static void ct_kdf(void)
{
	uint8_t prk[64];

	mote_hkdf_extract(MOTE_HASH_SHA256, msg, 32, key, 32, prk);
	CHECK_INT(mote_hkdf_expand(MOTE_HASH_SHA256, prk, 32, msg, 20, out, 100), 0);
	public_output(100);
	mote_hkdf_extract(MOTE_HASH_SHA384, NULL, 0, key, 48, prk);
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA384, prk, 48, "c hs traffic", msg, 48, out,
	                                 48),
	          0);
	public_output(48);
	CHECK_INT(mote_tls12_prf(MOTE_HASH_SHA256, key, 48, "master secret", msg, 64, out, 48), 0);
	public_output(48);
	CHECK_INT(mote_tls12_prf(MOTE_HASH_SHA384, key, 48, "key expansion", msg, 64, out, 200), 0);
	public_output(200);
}

static void ct_drbg(void)
{
	mote_drbg_ctx d;

	mote_drbg_init_seed(&d, key, 32, key + 32, 16, msg, 32);
	CHECK_INT(mote_drbg_generate(&d, out, 100, msg + 32, 32), 0);
	public_output(100);
	CHECK_INT(mote_drbg_reseed(&d, key + 48, 32, NULL, 0), 0);
	CHECK_INT(mote_drbg_generate(&d, out, 33, NULL, 0), 0);
	public_output(33);
	mote_drbg_clear(&d);
}

int main(void)
{
	test_rand_seed(7);
	secret_inputs();
	ct_sha2();
	ct_hmac();
	ct_kdf();
	ct_drbg();
	printf("ct_hmac: memcheck errors: %u (expected 0)\n", (unsigned)VALGRIND_COUNT_ERRORS);
	return test_finish("ct_hmac");
}
