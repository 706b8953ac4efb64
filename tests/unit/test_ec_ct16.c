/* Every vector and property of test_ec.h on the core with 16x16 products
 * (see test_ec.c for the public API and the 64-bit core). */
#include "test_ec.h"

int main(void)
{
	static const struct ec_core core = {"ct16", &mote_ec_p256_ct16, &mote_ec_p384_ct16};

	test_rand_seed(0xEC + 16);
	run_core(&core, EC_SANITIZER_STRIDE);
	return test_finish("test_ec_ct16");
}
