/* Ed25519 over the 32-bit field variant (the code is in ed25519_impl.h). */
#include "mote/config.h"

#if MOTE_ENABLE_ED25519
#define MOTE_FE_BITS 32
#include "ed25519_impl.h"
#endif
