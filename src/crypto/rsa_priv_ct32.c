/* RSA private-key operation on 32-bit limbs (see rsa_core.h, rsa_priv_tmpl.h). */
#define BN_W 32
#define BN(name) mote_bn32_##name
#define CORE_NAME mote_rsa_priv_ct32
#include "rsa_priv_tmpl.h"
