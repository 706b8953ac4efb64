/*
 * HMAC-DRBG with SHA-256 (NIST SP 800-90A rev. 1, section 10.1.2),
 * and the random-source callback types used across Mote.
 *
 * The core never reads an entropy source itself: the application (or the
 * port layer, e.g. mote_port_entropy() on Linux) supplies a callback.
 *
 * Size: mote_drbg_ctx is 88 bytes on 64-bit targets, 76 on 32-bit
 * (K, V, a reseed counter and the entropy callback with its argument).
 * Stack: one HMAC context plus hashing; peak about 1.3 KB on x86-64 and
 * 1.0 KB on Cortex-M4 -Os (summed from -fstack-usage along the deepest
 * path, generate with an automatic reseed). No function here branches on
 * or indexes by the secret state.
 */
#ifndef MOTE_DRBG_H
#define MOTE_DRBG_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fills out[0..len) with fresh entropy; 0 on success, a negative code
 * (e.g. MOTE_ERR_ENTROPY) on failure. */
typedef int (*mote_entropy_fn)(void *arg, uint8_t *out, size_t len);

/* A generic random source for operations that need randomness (RSA
 * blinding, hedged ECDSA, key generation): 0 on success or a negative
 * code. mote_drbg_random() has this type, with rng = a mote_drbg_ctx. */
typedef int (*mote_random_fn)(void *rng, uint8_t *out, size_t len);

/* Requests between reseeds before MOTE_ERR_RESEED_REQUIRED (SP 800-90A
 * allows 2^48; a smaller bound keeps the counter 32-bit). */
#define MOTE_DRBG_RESEED_INTERVAL 0x7FFFFFFFu
/* Largest single request, in bytes (SP 800-90A: 2^19 bits). */
#define MOTE_DRBG_MAX_REQUEST 65536u
/* Entropy bytes drawn at instantiation and reseed (the security strength,
 * 256 bits), and the nonce drawn with them at instantiation. */
#define MOTE_DRBG_SEED_BYTES 32u
#define MOTE_DRBG_NONCE_BYTES 16u

typedef struct {
	uint8_t k[32];
	uint8_t v[32];
	uint32_t reseed_counter;
	mote_entropy_fn entropy;
	void *entropy_arg;
} mote_drbg_ctx;

/* Instantiates from the entropy callback (48 bytes: entropy + nonce)
 * and an optional personalization string (NULL/0 for none). The callback
 * and its argument are kept for reseeding.
 * Errors: MOTE_ERR_BAD_ARG (entropy == NULL); the callback's negative
 * code, or MOTE_ERR_ENTROPY if it returned a positive value. On error ctx
 * is not usable. */
int mote_drbg_init(mote_drbg_ctx *ctx, mote_entropy_fn entropy, void *entropy_arg,
                   const uint8_t *pers, size_t pers_len);

/* Instantiates from caller-given entropy input, nonce and personalization
 * (known-answer tests, or a seed the application already holds). The
 * context has no callback: mote_drbg_reseed() then needs explicit input,
 * and generate fails with MOTE_ERR_RESEED_REQUIRED once the interval is
 * used up. Precondition (not checked): entropy_len >= 32 bytes of full
 * entropy, nonce_len >= 16, as SP 800-90A requires for 256-bit strength. */
void mote_drbg_init_seed(mote_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                         const uint8_t *nonce, size_t nonce_len, const uint8_t *pers,
                         size_t pers_len);

/* Reseeds from the callback (entropy == NULL: draws 32 bytes) or from the
 * given bytes (same precondition as above), with optional additional input.
 * Errors: the callback's (state unchanged), MOTE_ERR_BAD_ARG (no callback,
 * no bytes). */
int mote_drbg_reseed(mote_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                     const uint8_t *addl, size_t addl_len);

/* Generates len bytes, with optional additional input (NULL/0 for none).
 * When the reseed interval is used up it reseeds from the callback
 * automatically (passing addl to the reseed), or fails with
 * MOTE_ERR_RESEED_REQUIRED when there is none. On error nothing is written.
 * Errors: MOTE_ERR_BAD_ARG (len > MOTE_DRBG_MAX_REQUEST),
 * MOTE_ERR_RESEED_REQUIRED, the callback's. */
int mote_drbg_generate(mote_drbg_ctx *ctx, uint8_t *out, size_t len, const uint8_t *addl,
                       size_t addl_len);

/* mote_random_fn adapter: rng is a mote_drbg_ctx *. Requests larger than
 * MOTE_DRBG_MAX_REQUEST are served as several generate calls. Errors: as
 * mote_drbg_generate (output may then be partly written). */
int mote_drbg_random(void *rng, uint8_t *out, size_t len);

/* Wipes the state. */
void mote_drbg_clear(mote_drbg_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif
