/*
 * Canary for the constant-time harness: a deliberately secret-dependent
 * branch and table index. Under valgrind memcheck with the secret marked
 * undefined this MUST be reported; ctest expects this program to fail
 * (WILL_FAIL), which proves the other ct_* checks can fail too.
 */
#include <valgrind/memcheck.h>

#include <stdint.h>
#include <stdio.h>

#include "test.h"

static const uint8_t table[256] = {1, 2, 3};

int main(void)
{
	uint8_t secret[2] = {0x42, 0x17};
	volatile int sink = 0;

	VALGRIND_MAKE_MEM_UNDEFINED(secret, sizeof secret);
	if (secret[0] == 0x42) /* secret-dependent branch */
		sink += 1;
	sink += table[secret[1]]; /* secret-dependent index */
	(void)sink;
	VALGRIND_MAKE_MEM_DEFINED(secret, sizeof secret);
	CHECK(1);
	printf("ct_canary: memcheck errors so far: %u (expected > 0)\n",
	       (unsigned)VALGRIND_COUNT_ERRORS);
	return test_finish("ct_canary");
}
