/* P-384 core with 32-bit limbs and 16x16->32 products only (ESP8266,
 * Cortex-M0/M0+, and Cortex-M3 whose long multiplies are not constant-time). */
#define EC_MUL_BITS 16
#define EC_BITS 384
#define EC_OPS_NAME mote_ec_p384_ct16
#include "ec_impl.h"
