/* Big integers on 32-bit limbs with 32x32->64 products (see bignum.h). */
#define BN_W 32
#define BN(name) mote_bn32_##name
#include "bignum_tmpl.h"
