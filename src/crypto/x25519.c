/* X25519 public entry points: the variant chosen by MOTE_MUL_BITS. */
#include "mote/x25519.h"

#include "curve25519.h"
#include "mote/config.h"

#if MOTE_MUL_BITS == 64
#define X25519_VARIANT(name) name##_64
#elif MOTE_MUL_BITS == 32
#define X25519_VARIANT(name) name##_32
#elif MOTE_MUL_BITS == 16
#define X25519_VARIANT(name) name##_16
#else
#error "MOTE_MUL_BITS must be 64, 32 or 16"
#endif

int mote_x25519(uint8_t out[MOTE_X25519_SIZE], const uint8_t scalar[MOTE_X25519_SIZE],
                const uint8_t point[MOTE_X25519_SIZE])
{
	return X25519_VARIANT(mote_x25519)(out, scalar, point);
}

void mote_x25519_base(uint8_t pub[MOTE_X25519_SIZE], const uint8_t scalar[MOTE_X25519_SIZE])
{
	X25519_VARIANT(mote_x25519_base)(pub, scalar);
}
