/* RSA public operation on 64-bit limbs (see rsa_core.h, rsa_pub_tmpl.h);
 * only where the compiler has unsigned __int128. */
#include "bignum.h"

#if MOTE_BN_HAVE_64
#define BN_W 64
#define BN(name) mote_bn64_##name
#define CORE_NAME mote_rsa_pub_ct64
#include "rsa_pub_tmpl.h"
#endif
