/*
 * Public and private keys decoded from DER.
 *
 * Nothing is copied: every pointer in a decoded key points into the DER
 * bytes the caller passed, which must stay in place (and unmodified) for as
 * long as the key is used. Integers (RSA components) are big-endian
 * magnitudes without the DER sign byte; the RSA public part has the same
 * pointer/length layout as mote_rsa_public_key {n, n_len, e, e_len}.
 *
 * Parsing is strict DER throughout (see mote/der.h): non-minimal lengths,
 * trailing bytes, unexpected tags, versions or parameters are errors, each
 * with its own code, and a failed parse leaves out->type == MOTE_PKEY_NONE.
 *
 * Supported: RSA (rsaEncryption), EC on P-256 and P-384 with named curves
 * and uncompressed points, Ed25519 and X25519 (RFC 8410).
 *
 * Memory: no allocation, no recursion. sizeof(mote_pkey) is 40 bytes on
 * 64-bit targets and 20 bytes on 32-bit targets; sizeof(mote_privkey) is
 * 136 and 68 bytes. Peak stack: about 500 bytes on Cortex-M4 (gcc -Os,
 * -fstack-usage frames summed along the deepest chain, PKCS#8 holding
 * PKCS#1); measured under 1 KB on x86-64 (gcc -O2), SPKI under 700 bytes.
 */
#ifndef MOTE_PKEY_H
#define MOTE_PKEY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
	MOTE_PKEY_NONE,
	MOTE_PKEY_RSA,
	MOTE_PKEY_EC,
	MOTE_PKEY_ED25519,
	MOTE_PKEY_X25519
} mote_pkey_type;

/* EC curves, named by their TLS NamedGroup codes. */
#define MOTE_PKEY_CURVE_P256 23
#define MOTE_PKEY_CURVE_P384 24

typedef struct {
	mote_pkey_type type;
	union {
		struct {
			const uint8_t *n; /* modulus, no leading zero byte */
			size_t n_len;
			const uint8_t *e; /* public exponent */
			size_t e_len;
		} rsa;
		struct {
			int curve;            /* MOTE_PKEY_CURVE_* */
			const uint8_t *point; /* 0x04 || X || Y */
			size_t point_len;     /* 65 (P-256) or 97 (P-384) */
		} ec;
		struct {
			const uint8_t *pub; /* 32 bytes */
		} ed25519;
		struct {
			const uint8_t *pub; /* 32 bytes (u-coordinate) */
		} x25519;
	} u;
} mote_pkey;

typedef struct {
	mote_pkey_type type;
	union {
		struct {
			const uint8_t *n;
			size_t n_len;
			const uint8_t *e;
			size_t e_len;
			const uint8_t *d;
			size_t d_len;
			const uint8_t *p;
			size_t p_len;
			const uint8_t *q;
			size_t q_len;
			const uint8_t *dp; /* d mod (p - 1) */
			size_t dp_len;
			const uint8_t *dq; /* d mod (q - 1) */
			size_t dq_len;
			const uint8_t *qinv; /* q^-1 mod p */
			size_t qinv_len;
		} rsa;
		struct {
			int curve;             /* MOTE_PKEY_CURVE_* */
			const uint8_t *scalar; /* big-endian, exactly the order's length */
			size_t scalar_len;     /* 32 (P-256) or 48 (P-384) */
			const uint8_t *point;  /* public point if the encoding has it, else NULL */
			size_t point_len;      /* 65, 97, or 0 */
		} ec;
		struct {
			const uint8_t *seed; /* the 32-byte private key (RFC 8032 seed) */
			const uint8_t *pub;  /* 32 bytes if the encoding has it, else NULL */
		} ed25519;
		struct {
			const uint8_t *key; /* 32 bytes */
			const uint8_t *pub; /* 32 bytes if the encoding has it, else NULL */
		} x25519;
	} u;
} mote_privkey;

/*
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7) filling the whole of der[0..len):
 *   rsaEncryption    parameters NULL (RFC 8017 A.1); RSAPublicKey inside
 *                    the BIT STRING; n and e positive and non-zero;
 *   id-ecPublicKey   parameters a namedCurve OID, prime256v1 or secp384r1
 *                    (RFC 5480); an uncompressed point of the curve's length;
 *   id-Ed25519, id-X25519   parameters absent; 32 key bytes (RFC 8410).
 * The point is NOT checked to lie on the curve: the EC code does that.
 * Errors: MOTE_ERR_DER_* for malformed DER (TRUNCATED, BAD_TAG, BAD_LENGTH,
 * TRAILING_DATA, BAD_INTEGER, NEGATIVE, BAD_BIT_STRING, BAD_OID_ENCODING),
 * MOTE_ERR_DER_BAD_OID (other algorithm or curve), MOTE_ERR_DER_BAD_PARAMS,
 * MOTE_ERR_UNSUPPORTED (explicit or implicit EC curve parameters),
 * MOTE_ERR_BAD_POINT (compressed, or wrong length), MOTE_ERR_BAD_KEY_LENGTH
 * (Ed25519/X25519 key not 32 bytes), MOTE_ERR_BAD_KEY (zero n or e).
 */
int mote_pkey_parse_spki(mote_pkey *out, const uint8_t *der, size_t len);

/*
 * PKCS#8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958): version 0,
 * or 1 with an optional [1] publicKey; attributes [0] are skipped.
 *   rsaEncryption    parameters NULL; an RSAPrivateKey inside (as PKCS#1);
 *   id-ecPublicKey   a namedCurve; an ECPrivateKey inside (as SEC1), whose
 *                    own [0] parameters, if present, must name the same curve;
 *   id-Ed25519, id-X25519   parameters absent; a CurvePrivateKey (an OCTET
 *                    STRING of 32 bytes) inside the privateKey OCTET STRING.
 * Errors: those of mote_pkey_parse_spki, MOTE_ERR_DER_BAD_VERSION, and those
 * of the inner formats below.
 */
int mote_privkey_parse_pkcs8(mote_privkey *out, const uint8_t *der, size_t len);

/*
 * SEC1 ECPrivateKey (RFC 5915): version 1, the private key as an OCTET
 * STRING of exactly the order's byte length (32 or 48; else
 * MOTE_ERR_BAD_KEY_LENGTH) with 0 < d < order (else MOTE_ERR_BAD_KEY,
 * checked in constant time), [0] namedCurve parameters (required here:
 * else MOTE_ERR_DER_BAD_PARAMS), optional [1] public point.
 */
int mote_privkey_parse_sec1(mote_privkey *out, const uint8_t *der, size_t len);

/*
 * PKCS#1 RSAPrivateKey (RFC 8017 A.1.2): version 0 (two primes; version 1,
 * multi-prime, is MOTE_ERR_UNSUPPORTED; others MOTE_ERR_DER_BAD_VERSION),
 * then n, e, d, p, q, dp, dq, qinv, all non-negative (else
 * MOTE_ERR_DER_NEGATIVE); n and e non-zero (else MOTE_ERR_BAD_KEY). The
 * components' consistency is not checked here.
 */
int mote_privkey_parse_pkcs1(mote_privkey *out, const uint8_t *der, size_t len);

/* Any of the three above, told apart by the element after the version
 * (AlgorithmIdentifier, OCTET STRING or INTEGER). */
int mote_privkey_parse(mote_privkey *out, const uint8_t *der, size_t len);

/*
 * Constant time: private key bytes are not branched on or used as indices,
 * except the first two bytes of each RSA INTEGER (DER minimality; the
 * encoded length reveals as much). The returned code and out->type depend
 * on the EC scalar range check; both are the public verdict.
 */

#ifdef __cplusplus
}
#endif

#endif /* MOTE_PKEY_H */
