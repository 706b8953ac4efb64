/*
 * Key derivation: HKDF (RFC 5869), HKDF-Expand-Label (RFC 8446 7.1) and
 * the TLS 1.2 PRF (RFC 5246 section 5). All stack-only; no context.
 *
 * Memory: expand and the PRF keep two HMAC contexts plus one or two
 * hash-sized blocks on the stack (about 1 KB on x86-64 with SHA-384/512;
 * see the build's .su files for exact figures). Expand-Label feeds the
 * HkdfLabel structure into HMAC piecewise and never builds it in memory.
 * Intermediate secrets on the stack are wiped before returning.
 */
#ifndef MOTE_KDF_H
#define MOTE_KDF_H

#include <stddef.h>
#include <stdint.h>

#include "mote/hash.h"

#ifdef __cplusplus
extern "C" {
#endif

/* PRK = HMAC(salt, ikm); writes mote_hash_size(alg) bytes. A NULL or empty
 * salt means hash_len zero bytes, as RFC 5869 says. */
void mote_hkdf_extract(mote_hash_alg alg, const uint8_t *salt, size_t salt_len,
                       const uint8_t *ikm, size_t ikm_len, uint8_t *prk);

/* OKM of out_len bytes. Errors: MOTE_ERR_BAD_ARG if out_len > 255 * hash
 * length or alg is unknown. out may alias neither prk nor info. */
int mote_hkdf_expand(mote_hash_alg alg, const uint8_t *prk, size_t prk_len,
                     const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len);

/* HKDF-Expand-Label(secret, label, context, out_len) with the "tls13 "
 * prefix added here (label is given without it).
 * Errors: MOTE_ERR_BAD_ARG if the label (with prefix) exceeds 255 bytes,
 * the context 255 bytes, or out_len 65535 / 255 * hash length. */
int mote_hkdf_expand_label(mote_hash_alg alg, const uint8_t *secret, size_t secret_len,
                           const char *label, const uint8_t *context, size_t context_len,
                           uint8_t *out, size_t out_len);

/* TLS 1.2 PRF: P_hash(secret, label || seed) truncated to out_len.
 * label is a NUL-terminated ASCII string; the NUL is not hashed. out may
 * not alias secret or seed.
 * Errors: MOTE_ERR_BAD_ARG for an unknown alg. */
int mote_tls12_prf(mote_hash_alg alg, const uint8_t *secret, size_t secret_len,
                   const char *label, const uint8_t *seed, size_t seed_len, uint8_t *out,
                   size_t out_len);

#ifdef __cplusplus
}
#endif

#endif
