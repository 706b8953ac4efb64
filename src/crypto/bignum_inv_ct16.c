/* Constant-time modular inversion on 16-bit limbs (see bignum.h). */
#define BN_W 16
#define BN(name) mote_bn16_##name
#include "bignum_inv_tmpl.h"
