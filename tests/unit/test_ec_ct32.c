/* Every vector and property of test_ec.h on the core with 32x32 products
 * (see test_ec.c for the public API and the 64-bit core). */
#include "test_ec.h"

int main(void)
{
	static const struct ec_core core = {"ct32", &mote_ec_p256_ct32, &mote_ec_p384_ct32};

	test_rand_seed(0xEC + 32);
	run_core(&core, EC_SANITIZER_STRIDE);
	return test_finish("test_ec_ct32");
}
