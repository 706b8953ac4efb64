/* X25519 over the 64-bit field variant (the ladder is in x25519_impl.h). */
#if defined(__SIZEOF_INT128__)
#define MOTE_FE_BITS 64
#include "x25519_impl.h"
#endif
