/*
 * RSA signatures for TLS: verification (PKCS#1 v1.5 and PSS, RFC 8017) and
 * CRT private-key signing, with every big-number temporary in a scratch
 * area the caller lends for the duration of one call (in Mote, the shared
 * context's public-key scratch). No allocation, no global state.
 *
 * Keys are views: the structs point into caller memory (e.g. the DER of a
 * certificate or a private key) and nothing is copied. Integers are
 * big-endian; leading zero bytes are allowed (DER INTEGERs have them).
 *
 * Sizes supported: moduli of 1024..4096 bits. Shorter moduli fail with
 * MOTE_ERR_RSA_KEY_TOO_SMALL, longer ones with MOTE_ERR_KEY_TOO_LARGE.
 * The public exponent must be odd, >= 3 and < n (else MOTE_ERR_BAD_KEY).
 *
 * Scratch: MOTE_RSA_VERIFY_SCRATCH(bits) and MOTE_RSA_SIGN_SCRATCH(bits)
 * give the bytes needed for a modulus of `bits` bits when the scratch is
 * 8-byte aligned (add 7 bytes otherwise: the functions align it
 * themselves). Less fails with MOTE_ERR_SCRATCH_TOO_SMALL before anything
 * is written. The content on return is unspecified (sign wipes it).
 *
 *   modulus bits              1024   2048   3072   4096
 *   verify scratch            512    1024   1536   2048  (4 numbers of n's size)
 *   sign scratch              1600   3200   4800   6400  (25 numbers of p's size)
 *   sign scratch, 3-bit win.  1088   2176   3264   4352  (17)
 *   sign scratch, minimum     832    1664   2496   3328  (13)
 *
 * Signing picks the widest exponent window the scratch has room for: a
 * 4-bit window (16-entry table) with MOTE_RSA_SIGN_SCRATCH, 3 bits with
 * MOTE_RSA_SIGN_SCRATCH_W3, 2 bits with MOTE_RSA_SIGN_SCRATCH_MIN; RSA-2048
 * signing then takes 4% and 14% more instructions than with 4 bits.
 *
 * Peak stack, independent of the modulus size (no VLAs, no recursion; the
 * hash state of PSS lives in the scratch):
 *                        x86-64 (measured)   Cortex-M4 -Os (-fcallgraph-info)
 *   PKCS#1 verify        616 .. 752           380
 *   PSS verify           760 .. 840           592  (SHA-512 compression: 320)
 *   PKCS#1 sign          744 .. 856           516
 *   PSS sign             856 .. 904           648
 * x86-64 figures are painted-stack measurements (tests/unit/test_rsa_stack.c)
 * with gcc 12 -O2/-O3/-Os and clang 14 -O3/-Os; MOTE_RSA_*_STACK bound them.
 *
 * Code (Cortex-M4, -Os, --gc-sections): verification 2.4 KB besides SHA-2;
 * signing 3.6 KB more (private core, inversion, window exponentiation).
 *
 * Constant time: signing never branches on or indexes by secret data (key
 * components, blinding factor, intermediate values); the success or
 * failure of the final self-check is returned as a value, not a branch.
 * Verification handles public data only.
 */
#ifndef MOTE_RSA_H
#define MOTE_RSA_H

#include <stddef.h>
#include <stdint.h>

#include "mote/drbg.h"
#include "mote/hash.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MOTE_RSA_MIN_BITS 1024
#define MOTE_RSA_MAX_BITS 4096

/* Bytes of a number of `bits` bits in 64-bit words (also enough for the
 * 32-bit-limb build, whose words are smaller). */
#define MOTE_RSA_WORDS_BYTES_(bits) ((((size_t)(bits) + 63) / 64) * 8)

/* Scratch for verification: the modulus, the signature in Montgomery form,
 * the accumulator and one product, each as large as n. */
#define MOTE_RSA_VERIFY_SCRATCH(bits) (4 * MOTE_RSA_WORDS_BYTES_(bits))

/* Scratch for signing, in numbers of half the modulus size: 9 for the CRT
 * halves, their Montgomery constants, the blinding inverse and products,
 * plus the exponentiation window's table (16, 8 or 4 entries); at least
 * 13 for the blinding and the final self-check (full-size values). */
#define MOTE_RSA_HALF_BYTES_(bits) MOTE_RSA_WORDS_BYTES_(((size_t)(bits) + 1) / 2)
#define MOTE_RSA_SIGN_SCRATCH(bits) (25 * MOTE_RSA_HALF_BYTES_(bits))
#define MOTE_RSA_SIGN_SCRATCH_W3(bits) (17 * MOTE_RSA_HALF_BYTES_(bits))
#define MOTE_RSA_SIGN_SCRATCH_MIN(bits) (13 * MOTE_RSA_HALF_BYTES_(bits))

/* Peak stack of one call in bytes on x86-64 (upper bound of the figures
 * above; 32-bit targets need less). */
#define MOTE_RSA_VERIFY_STACK 896
#define MOTE_RSA_SIGN_STACK 1024

/* salt_len for mote_rsa_pss_verify(): accept any salt length (recovered
 * from the padding). TLS 1.3 requires the hash length instead. */
#define MOTE_RSA_PSS_SALT_ANY ((size_t)-1)

typedef struct {
	const uint8_t *n; /* modulus, big-endian */
	size_t n_len;
	const uint8_t *e; /* public exponent, big-endian */
	size_t e_len;
} mote_rsa_public_key;

/* CRT private key. p and q must each have at most ceil(n_bits / 2)
 * significant bits (true of keys from every common generator); dp = d mod
 * (p-1), dq = d mod (q-1), qinv = q^-1 mod p; e is needed for blinding and
 * for the self-check. Byte lengths are treated as public; values as secret. */
typedef struct {
	const uint8_t *p, *q, *dp, *dq, *qinv, *e;
	size_t p_len, q_len, dp_len, dq_len, qinv_len, e_len;
	size_t n_bits; /* bit length of n = p*q */
} mote_rsa_private_key;

/*
 * Verifies an RSASSA-PKCS1-v1_5 signature over `hash` (the digest of the
 * message with `h`: SHA-256, SHA-384 or SHA-512). The expected encoding
 * (DigestInfo with NULL parameters) is rebuilt and compared: the
 * decrypted block is never parsed. sig_len must equal the modulus length.
 * Returns 0 if valid.
 * Errors: MOTE_ERR_BAD_SIGNATURE, MOTE_ERR_BAD_KEY, MOTE_ERR_KEY_TOO_LARGE,
 * MOTE_ERR_RSA_KEY_TOO_SMALL, MOTE_ERR_SCRATCH_TOO_SMALL,
 * MOTE_ERR_UNSUPPORTED (hash), MOTE_ERR_BAD_ARG (hash_len, NULL).
 */
int mote_rsa_pkcs1_verify(const mote_rsa_public_key *k, mote_hash_alg h, const uint8_t *hash,
                          size_t hash_len, const uint8_t *sig, size_t sig_len, void *scratch,
                          size_t scratch_len);

/*
 * Verifies an RSASSA-PSS signature (EMSA-PSS, MGF1 with `mgf1_hash`) over
 * `hash` (digest with `h`). salt_len is the exact salt length expected
 * (TLS 1.3: the hash length) or MOTE_RSA_PSS_SALT_ANY.
 * Returns 0 if valid; errors as mote_rsa_pkcs1_verify().
 */
int mote_rsa_pss_verify(const mote_rsa_public_key *k, mote_hash_alg h, mote_hash_alg mgf1_hash,
                        size_t salt_len, const uint8_t *hash, size_t hash_len,
                        const uint8_t *sig, size_t sig_len, void *scratch, size_t scratch_len);

/*
 * Signs `hash` with RSASSA-PKCS1-v1_5 and writes (n_bits + 7) / 8 bytes
 * to sig (sig_len is its capacity). CRT with base blinding: a random r
 * from rng, the message multiplied by r^e, the result by r^-1 mod n; the
 * signature is checked with the public exponent before it is released.
 * sig must not overlap the other arguments.
 * Errors: MOTE_ERR_RSA_FAULT (self-check failed: fault or inconsistent
 * key; sig is zeroed), MOTE_ERR_BAD_KEY (p or q too long or even, n not
 * n_bits long, e invalid), MOTE_ERR_KEY_TOO_LARGE,
 * MOTE_ERR_RSA_KEY_TOO_SMALL, MOTE_ERR_BUFFER_TOO_SMALL (sig_len),
 * MOTE_ERR_SCRATCH_TOO_SMALL, MOTE_ERR_UNSUPPORTED, MOTE_ERR_BAD_ARG,
 * or the rng's error.
 */
int mote_rsa_pkcs1_sign(const mote_rsa_private_key *k, mote_hash_alg h, const uint8_t *hash,
                        size_t hash_len, uint8_t *sig, size_t sig_len, void *scratch,
                        size_t scratch_len, mote_random_fn rng, void *rng_arg);

/*
 * Signs `hash` with RSASSA-PSS (MGF1 with mgf1_hash, a fresh salt of
 * salt_len bytes from rng; TLS 1.3 uses salt_len = hash length). Output
 * and errors as mote_rsa_pkcs1_sign(); MOTE_ERR_BAD_ARG also when the salt
 * does not fit (salt_len > emLen - hash length - 2, or SALT_ANY).
 */
int mote_rsa_pss_sign(const mote_rsa_private_key *k, mote_hash_alg h, mote_hash_alg mgf1_hash,
                      size_t salt_len, const uint8_t *hash, size_t hash_len, uint8_t *sig,
                      size_t sig_len, void *scratch, size_t scratch_len, mote_random_fn rng,
                      void *rng_arg);

#ifdef __cplusplus
}
#endif

#endif /* MOTE_RSA_H */
