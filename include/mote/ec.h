/*
 * NIST P-256 and P-384: ECDH, key generation and ECDSA (FIPS 186-4,
 * SEC 1, RFC 6979).
 *
 * Encodings (all integers big-endian, fixed length L = 32 for P-256 and
 * 48 for P-384):
 *   private key   L bytes, an integer in [1, n-1]
 *   public point  uncompressed, 0x04 || X || Y (2L + 1 bytes); compressed
 *                 and hybrid encodings are rejected
 *   shared secret the x coordinate, L bytes
 *   signature     raw r || s (2L bytes); DER through the two converters
 *
 * Secret scalars are handled in constant time: complete addition formulas
 * (no exceptional cases), fixed windows with whole-table scans, Fermat
 * inversions. Only verification (public inputs) runs in variable time.
 *
 * Memory: no context, no scratch area, no allocation; stack only. The
 * arithmetic core is chosen by MOTE_MUL_BITS (mote/config.h): 64-bit limbs
 * on hosts with unsigned __int128, 32-bit limbs with 32x32->64 products,
 * or 32-bit limbs with 16x16->32 products only.
 *
 * Peak stack, bytes: Cortex-M4 (32x32 core) and Cortex-M0+ (16x16 core),
 * arm-none-eabi-gcc 12 -Os, frames summed along the deepest call path
 * (scripts/stack_depth.py); x86-64 (64-bit core), gcc 12 -O2, by stack
 * painting. Signing includes the HMAC of RFC 6979.
 *
 *                          P-256                     P-384
 *                      M4     M0+   x86-64       M4     M0+   x86-64
 *   mote_ecdh         1048   1088    1216       1496   1536    1696
 *   mote_ec_public_key 672    712     784        928    968    1056
 *   mote_ecdsa_sign   1192   1216    1416       1504   1832    1792
 *   mote_ecdsa_verify 1600   1608    1936       2272   2280    2704
 *   (mote_ec_keygen: mote_ec_public_key + 64)
 *
 * Flash (Cortex-M4 -Os): 6.3 KB per P-256 core and 7.0 KB per P-384 core,
 * each with its 15-point comb table of generator multiples (960 and 1440
 * bytes), plus 1.4 KB shared (encodings, RFC 6979, DER).
 */
#ifndef MOTE_EC_H
#define MOTE_EC_H

#include <stddef.h>
#include <stdint.h>

#include "mote/drbg.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Values are the TLS NamedGroup codes. */
typedef enum { MOTE_EC_P256 = 23, MOTE_EC_P384 = 24 } mote_ec_curve;

/* Largest sizes over the supported curves. */
#define MOTE_EC_MAX_BYTES 48
#define MOTE_EC_MAX_POINT (2 * MOTE_EC_MAX_BYTES + 1)
#define MOTE_EC_MAX_SIG (2 * MOTE_EC_MAX_BYTES)
/* DER signature: SEQUENCE { INTEGER r, INTEGER s }, each with a possible
 * leading zero byte. */
#define MOTE_EC_MAX_DER_SIG (2 * (MOTE_EC_MAX_BYTES + 3) + 3)

/* Coordinate / scalar length in bytes (32 or 48), 0 for an unknown or
 * disabled curve. */
size_t mote_ec_size(mote_ec_curve c);

/*
 * ECDH: shared_x = x(priv * peer). peer_point is 0x04 || X || Y of
 * exactly 2L + 1 bytes, with X, Y < p and on the curve.
 * Errors: MOTE_ERR_BAD_POINT (any other encoding, coordinates >= p, not
 * on the curve), MOTE_ERR_BAD_KEY (priv not in [1, n-1]; shared_x is then
 * zeroed), MOTE_ERR_UNSUPPORTED (curve). The key check is constant time.
 */
int mote_ecdh(mote_ec_curve c, uint8_t *shared_x, const uint8_t *priv,
              const uint8_t *peer_point, size_t peer_len);

/*
 * Generates a key pair: priv (L bytes) by rejection sampling rng output
 * into [1, n-1], pub_uncompressed (2L + 1 bytes) = priv * G.
 * Errors: whatever rng returns, MOTE_ERR_UNSUPPORTED.
 */
int mote_ec_keygen(mote_ec_curve c, uint8_t *priv, uint8_t *pub_uncompressed,
                   mote_random_fn rng, void *rng_arg);

/* pub_uncompressed (2L + 1 bytes) = priv * G.
 * Errors: MOTE_ERR_BAD_KEY (priv not in [1, n-1]; X and Y zeroed), decided
 * without a branch on priv; MOTE_ERR_UNSUPPORTED. */
int mote_ec_public_key(mote_ec_curve c, uint8_t *pub_uncompressed, const uint8_t *priv);

/*
 * ECDSA signature of a hash, raw r || s (2L bytes). The nonce is RFC 6979
 * deterministic with HMAC over the curve's hash (SHA-256 for P-256,
 * SHA-384 for P-384); extra (may be NULL when extra_len is 0) is optional
 * additional input mixed in as in RFC 6979 section 3.6 (hedged
 * signatures: pass fresh random bytes). The hash is truncated to the bit
 * length of n (FIPS 186-4 6.4) whatever hash_len is.
 * Errors: MOTE_ERR_BAD_KEY (priv not in [1, n-1]; output zeroed),
 * MOTE_ERR_UNSUPPORTED.
 */
int mote_ecdsa_sign(mote_ec_curve c, uint8_t *sig_rs, const uint8_t *priv, const uint8_t *hash,
                    size_t hash_len, const uint8_t *extra, size_t extra_len);

/*
 * Verifies a raw r || s signature (sig_len must be 2L; r, s in [1, n-1])
 * of a hash with an uncompressed public point (pub_len 2L + 1).
 * Errors: MOTE_ERR_BAD_POINT (public key), MOTE_ERR_BAD_SIGNATURE,
 * MOTE_ERR_UNSUPPORTED.
 */
int mote_ecdsa_verify(mote_ec_curve c, const uint8_t *pub, size_t pub_len, const uint8_t *hash,
                      size_t hash_len, const uint8_t *sig_rs, size_t sig_len);

/*
 * Strict DER (SEQUENCE of two INTEGERs, minimal lengths, minimal
 * non-negative integers, nothing after the SEQUENCE, each value below
 * 2^(8L)) to raw r || s (2L bytes). Range checks against n are left to
 * verification. Errors: MOTE_ERR_BAD_SIGNATURE_ENCODING,
 * MOTE_ERR_UNSUPPORTED.
 */
int mote_ecdsa_sig_from_der(mote_ec_curve c, uint8_t *sig_rs, const uint8_t *der,
                            size_t der_len);

/*
 * Raw r || s (2L bytes) to DER. *der_len holds the capacity of der on
 * entry (MOTE_EC_MAX_DER_SIG always suffices) and the DER length on exit.
 * Errors: MOTE_ERR_BUFFER_TOO_SMALL, MOTE_ERR_UNSUPPORTED.
 */
int mote_ecdsa_sig_to_der(mote_ec_curve c, uint8_t *der, size_t *der_len, const uint8_t *sig_rs);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_EC_H */
