/* P-384 core with 16-bit limbs, 16x16->32 products (ESP8266, Cortex-M0/M0+, Cortex-M3). */
#define EC_LIMB_BITS 16
#define EC_BITS 384
#define EC_OPS_NAME mote_ec_p384_ct16
#include "ec_impl.h"
