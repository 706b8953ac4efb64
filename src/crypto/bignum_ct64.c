/* Big integers on 64-bit limbs with 64x64->128 products (see bignum.h);
 * compiled only where the compiler has unsigned __int128. */
#include "bignum.h"

#if MOTE_BN_HAVE_64
#define BN_W 64
#define BN(name) mote_bn64_##name
#include "bignum_tmpl.h"
#endif
