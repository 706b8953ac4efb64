/* Big integers on 16-bit limbs with 16x16->32 products only (see
 * bignum.h): for cores without a constant-time long multiply. */
#define BN_W 16
#define BN(name) mote_bn16_##name
#include "bignum_tmpl.h"
