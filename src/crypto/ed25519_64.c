/* Ed25519 over the 64-bit field variant (the code is in ed25519_impl.h). */
#include "mote/config.h"

#if MOTE_ENABLE_ED25519 && defined(__SIZEOF_INT128__)
#define MOTE_FE_BITS 64
#include "ed25519_impl.h"
#endif
