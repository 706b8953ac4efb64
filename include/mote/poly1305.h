/*
 * Poly1305 one-time authenticator (RFC 8439, section 2.5), streaming.
 *
 * A key (r || s, 32 bytes) must authenticate ONE message only; the AEAD
 * derives a fresh one per nonce. Everything here is constant time: no
 * branch or index depends on the key, the message bytes or the state
 * (only on lengths).
 *
 * Context: mote_poly1305_ctx, caller-allocated, plain data.
 *   64-bit targets with unsigned __int128:  80 bytes
 *   32-bit targets (Cortex-M, RV32, i386):  72 bytes
 * It holds the clamped key, the 130-bit accumulator and up to 15 bytes of
 * a partial block. Peak stack (gcc 12): _ct32 180 bytes on Cortex-M4 -Os,
 * 280 on x86-64 -O2; _ct64 120 on x86-64.
 *
 * Two arithmetic variants share the context layout and the contract:
 *   _ct64  radix 2^44, 3 limbs, 64x64->128 products (unsigned __int128);
 *          compiled where the compiler has __int128;
 *   _ct32  radix 2^26, 5 limbs, 32x32->64 products; compiled everywhere.
 * The unsuffixed functions use _ct64 when MOTE_MUL_BITS == 64 and _ct32
 * otherwise (mote/config.h). A context must be used with one variant from
 * init to final.
 */
#ifndef MOTE_POLY1305_H
#define MOTE_POLY1305_H

#include <stddef.h>
#include <stdint.h>

#include "mote/config.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_POLY1305_KEY_SIZE 32
#define MOTE_POLY1305_TAG_SIZE 16

#if defined(__SIZEOF_INT128__)
#define MOTE_POLY1305_HAVE_CT64 1
#else
#define MOTE_POLY1305_HAVE_CT64 0
#endif

/* Private by contract: fields may change; sizeof is stable per target. */
typedef struct {
	uint8_t key[32];     /* r (clamped) || s */
	uint8_t buf[16];     /* pending partial block */
	union {
#if MOTE_POLY1305_HAVE_CT64
		uint64_t h64[3]; /* _ct64: accumulator, radix 2^44 */
#endif
		uint32_t h32[5]; /* _ct32: accumulator, radix 2^26 */
	} acc;
	uint32_t buf_len;    /* bytes in buf, 0..15 */
} mote_poly1305_ctx;

/* Start a MAC under key (32 bytes: r || s). Cannot fail. */
void mote_poly1305_init(mote_poly1305_ctx *ctx, const uint8_t key[32]);

/* Absorb len bytes (len may be 0; data is then not read). Splitting a
 * message into any number of updates gives the same tag. */
void mote_poly1305_update(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len);

/* Write the 16-byte tag and wipe ctx (init again to reuse). */
void mote_poly1305_final(mote_poly1305_ctx *ctx, uint8_t tag[16]);

/* Variants (see above); same contracts. */
void mote_poly1305_init_ct32(mote_poly1305_ctx *ctx, const uint8_t key[32]);
void mote_poly1305_update_ct32(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len);
void mote_poly1305_final_ct32(mote_poly1305_ctx *ctx, uint8_t tag[16]);

#if MOTE_POLY1305_HAVE_CT64
void mote_poly1305_init_ct64(mote_poly1305_ctx *ctx, const uint8_t key[32]);
void mote_poly1305_update_ct64(mote_poly1305_ctx *ctx, const uint8_t *data, size_t len);
void mote_poly1305_final_ct64(mote_poly1305_ctx *ctx, uint8_t tag[16]);
#endif

#ifdef __cplusplus
}
#endif

#endif /* MOTE_POLY1305_H */
