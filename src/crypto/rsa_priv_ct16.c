/* RSA private-key operation on 16-bit limbs (see rsa_core.h,
 * rsa_priv_tmpl.h). */
#define BN_W 16
#define BN(name) mote_bn16_##name
#define CORE_NAME mote_rsa_priv_ct16
#include "rsa_priv_tmpl.h"
