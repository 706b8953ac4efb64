/* Constant-time helpers and error names: exhaustive small-range properties. */
#include <string.h>

#include "crypto/ct.h"
#include "mote/error.h"
#include "test.h"

static void test_masks(void)
{
	static const uint32_t vals[] = {0, 1, 2, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFE,
	                                0xFFFFFFFF, 12345};
	const size_t n = sizeof vals / sizeof vals[0];

	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			uint32_t a = vals[i], b = vals[j];
			CHECK_INT(mote_ct_eq(a, b), a == b ? 0xFFFFFFFFu : 0);
			CHECK_INT(mote_ct_lt(a, b), a < b ? 0xFFFFFFFFu : 0);
			CHECK_INT(mote_ct_select(0xFFFFFFFFu, a, b), a);
			CHECK_INT(mote_ct_select(0, a, b), b);
		}
		CHECK_INT(mote_ct_is_zero(vals[i]), vals[i] == 0 ? 0xFFFFFFFFu : 0);
		CHECK_INT(mote_ct_nonzero_bit(vals[i]), vals[i] != 0);
	}
}

static void test_mem(void)
{
	uint8_t a[33], b[33], d[33];

	test_rand_bytes(a, sizeof a);
	memcpy(b, a, sizeof a);
	CHECK(mote_ct_memeq(a, b, sizeof a) == 0xFFFFFFFFu);
	CHECK(mote_ct_memeq(a, b, 0) == 0xFFFFFFFFu);
	for (size_t i = 0; i < sizeof a; i++) {
		b[i] ^= 0x80;
		CHECK(mote_ct_memeq(a, b, sizeof a) == 0);
		b[i] ^= 0x80;
	}
	memset(d, 0x55, sizeof d);
	mote_ct_cmov(d, a, sizeof d, 0);
	CHECK(d[0] == 0x55 && d[32] == 0x55);
	mote_ct_cmov(d, a, sizeof d, 0xFFFFFFFFu);
	CHECK_MEM(d, a, sizeof a);
	mote_wipe(d, sizeof d);
	memset(b, 0, sizeof b);
	CHECK_MEM(d, b, sizeof d);
}

static void test_errors(void)
{
	CHECK(strcmp(mote_error_name(MOTE_ERR_AUTH_FAILED), "MOTE_ERR_AUTH_FAILED") == 0);
	CHECK(strcmp(mote_strerror(MOTE_OK), "success") == 0);
	CHECK(strcmp(mote_strerror(-99999), "unknown error") == 0);
	CHECK(strcmp(mote_error_name(-99999), "MOTE_ERR_UNKNOWN") == 0);
}

int main(void)
{
	test_masks();
	test_mem();
	test_errors();
	return test_finish("test_ct");
}
