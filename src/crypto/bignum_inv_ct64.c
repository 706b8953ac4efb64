/* Constant-time modular inversion on 64-bit limbs (see bignum.h). */
#include "bignum.h"

#if MOTE_BN_HAVE_64
#define BN_W 64
#define BN(name) mote_bn64_##name
#include "bignum_inv_tmpl.h"
#endif
