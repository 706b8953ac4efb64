/* Constant-time modular inversion on 32-bit limbs (see bignum.h); its own
 * object so that verification-only programs do not link it. */
#define BN_W 32
#define BN(name) mote_bn32_##name
#include "bignum_inv_tmpl.h"
