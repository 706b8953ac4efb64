/* P-256 core with 32-bit limbs and 32x32->64 products (Cortex-M4, RV32IM). */
#define EC_MUL_BITS 32
#define EC_BITS 256
#define EC_OPS_NAME mote_ec_p256_ct32
#include "ec_impl.h"
