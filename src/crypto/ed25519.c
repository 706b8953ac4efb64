/* Ed25519 public entry points: the variant chosen by MOTE_MUL_BITS. */
#include "mote/config.h"

#if MOTE_ENABLE_ED25519

#include "curve25519.h"
#include "mote/ed25519.h"

#if MOTE_MUL_BITS == 64
#define ED25519_VARIANT(name) name##_64
#elif MOTE_MUL_BITS == 32
#define ED25519_VARIANT(name) name##_32
#elif MOTE_MUL_BITS == 16
#define ED25519_VARIANT(name) name##_16
#else
#error "MOTE_MUL_BITS must be 64, 32 or 16"
#endif

void mote_ed25519_public_key(uint8_t pub[MOTE_ED25519_PUBLIC_KEY_SIZE],
                             const uint8_t seed[MOTE_ED25519_SEED_SIZE])
{
	ED25519_VARIANT(mote_ed25519_public_key)(pub, seed);
}

void mote_ed25519_sign(uint8_t sig[MOTE_ED25519_SIGNATURE_SIZE], const uint8_t *msg, size_t len,
                       const uint8_t seed[MOTE_ED25519_SEED_SIZE],
                       const uint8_t pub[MOTE_ED25519_PUBLIC_KEY_SIZE])
{
	ED25519_VARIANT(mote_ed25519_sign)(sig, msg, len, seed, pub);
}

int mote_ed25519_verify(const uint8_t sig[MOTE_ED25519_SIGNATURE_SIZE], const uint8_t *msg,
                        size_t len, const uint8_t pub[MOTE_ED25519_PUBLIC_KEY_SIZE])
{
	return ED25519_VARIANT(mote_ed25519_verify)(sig, msg, len, pub);
}

#endif /* MOTE_ENABLE_ED25519 */
