/* X25519 over the 32-bit field variant (the ladder is in x25519_impl.h). */
#define MOTE_FE_BITS 32
#include "x25519_impl.h"
