/* P-256 core with 64-bit limbs and unsigned __int128 products (hosts);
 * compiled only where the compiler has unsigned __int128. */
#if defined(__SIZEOF_INT128__)
#define EC_MUL_BITS 64
#define EC_BITS 256
#define EC_OPS_NAME mote_ec_p256_ct64
#include "ec_impl.h"
#endif
