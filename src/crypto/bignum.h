/*
 * Fixed-width constant-time big integers for RSA (internal).
 *
 * A number is an array of k limbs, least significant first; k is public
 * and every function's time depends on k (and on explicitly public
 * arguments such as an exponent's bits in the *_pub functions) only.
 * Nothing here allocates; temporaries are passed in by the caller.
 *
 * Two variants are compiled from one template (bignum_tmpl.h) so that both
 * run on every host:
 *   mote_bn32_*  32-bit limbs, 32x32->64 products (Cortex-M3/M4, RV32IM)
 *   mote_bn64_*  64-bit limbs, 64x64->128 products (hosts with __int128)
 * MOTE_BN_LIMB_BITS says which one the library's public functions use.
 *
 * Montgomery form: R = 2^(W*k). mont(x) = x*R mod m. m must be odd.
 */
#ifndef MOTE_CRYPTO_BIGNUM_H
#define MOTE_CRYPTO_BIGNUM_H

#include <stddef.h>
#include <stdint.h>

#include "mote/config.h"

#if MOTE_MUL_BITS == 64 && defined(__SIZEOF_INT128__)
#define MOTE_BN_LIMB_BITS 64
#else
#define MOTE_BN_LIMB_BITS 32
#endif

#if defined(__SIZEOF_INT128__)
#define MOTE_BN_HAVE_64 1
#else
#define MOTE_BN_HAVE_64 0
#endif

/*
 * Per variant (shown for 32; the 64 variant is the same with uint64_t):
 *
 * decode       x = big-endian src (k limbs, zero-extended). Returns a
 *              non-zero value if bytes that do not fit were non-zero.
 * encode       writes x as len big-endian bytes (zero-padded / truncated).
 * add, sub     a +=/-= b when ctl is 1 (no change when 0); carry/borrow.
 * lt           1 if a < b, else 0.
 * ninv         -1/m0 mod 2^W for odd m0.
 * montmul      d = a*b/R mod m; a < R, b < m; d aliases neither.
 * redc         d = a/R mod m for any k-limb a; d may alias a.
 * mul          d[0..ka+kb) = a*b; d aliases neither.
 * modadd/sub   a = a +/- b mod m; a, b < m.
 * recip        reciprocal of the top W bits of m (m has exactly nbits bits,
 *              nbits public and >= 2W); needed by mulw/to_mont.
 * to_mont      x = x*R mod m for x < m, without R^2 (k word steps).
 * r2           R^2 mod m for a modulus of at least 2W bits whose bit
 *              length is secret (found and used without branches).
 * pow_pub      acc = mont(x^(e-1)) for a public odd exponent e >= 3
 *              (big-endian, leading zero bytes allowed); x < m is consumed
 *              (left in Montgomery form). Returns the buffer (acc or t)
 *              holding the result; montmul(out, result, x_plain) = x^e.
 * pow_ct       acc = mont(x^e) for a secret exponent (public length),
 *              x = mont(base) < m, r2 = R^2 mod m; fixed window of wbits
 *              (1..4, public) bits with masked table reads. acc may be x.
 *              table: 2^wbits * k limbs, t: 2k.
 * modinv       v = a^-1 mod m (odd m) in constant time; a (< m) and b, u
 *              are k-limb temporaries (a is destroyed). Returns 1 if the
 *              inverse exists, else 0 (v is then garbage).
 */
typedef struct {
	uint32_t vt;     /* top 32 bits of m (bits nbits-32 .. nbits-1) */
	uint32_t vinv;   /* floor((2^64 - 1) / vt) - 2^32 */
	uint32_t nbits;  /* bit length of m */
	unsigned secret; /* 1: nbits is secret (read with masked scans) */
} mote_bn32_recip;

uint32_t mote_bn32_decode(uint32_t *x, size_t k, const uint8_t *src, size_t len);
void mote_bn32_encode(uint8_t *dst, size_t len, const uint32_t *x, size_t k);
uint32_t mote_bn32_add(uint32_t *a, const uint32_t *b, size_t k, uint32_t ctl);
uint32_t mote_bn32_sub(uint32_t *a, const uint32_t *b, size_t k, uint32_t ctl);
uint32_t mote_bn32_lt(const uint32_t *a, const uint32_t *b, size_t k);
uint32_t mote_bn32_ninv(uint32_t m0);
void mote_bn32_montmul(uint32_t *d, const uint32_t *a, const uint32_t *b, const uint32_t *m,
                       uint32_t m0i, size_t k);
void mote_bn32_redc(uint32_t *d, const uint32_t *a, const uint32_t *m, uint32_t m0i, size_t k);
void mote_bn32_mul(uint32_t *d, const uint32_t *a, size_t ka, const uint32_t *b, size_t kb);
void mote_bn32_modadd(uint32_t *a, const uint32_t *b, const uint32_t *m, size_t k);
void mote_bn32_modsub(uint32_t *a, const uint32_t *b, const uint32_t *m, size_t k);
void mote_bn32_recip_init(mote_bn32_recip *r, const uint32_t *m, size_t k, unsigned nbits);
void mote_bn32_to_mont(uint32_t *x, const uint32_t *m, size_t k, const mote_bn32_recip *r);
void mote_bn32_r2(uint32_t *r2, const uint32_t *m, size_t k);
uint32_t *mote_bn32_pow_pub(uint32_t *acc, uint32_t *x, uint32_t *t, const uint8_t *e,
                            size_t elen, const uint32_t *m, uint32_t m0i, size_t k,
                            const mote_bn32_recip *r);
void mote_bn32_pow_ct(uint32_t *acc, const uint32_t *x, const uint8_t *e, size_t elen,
                      const uint32_t *r2, const uint32_t *m, uint32_t m0i, size_t k,
                      uint32_t *table, uint32_t *t, unsigned wbits);
uint32_t mote_bn32_modinv(uint32_t *v, uint32_t *a, uint32_t *b, uint32_t *u, const uint32_t *m,
                          uint32_t m0i, size_t k);

#if MOTE_BN_HAVE_64
typedef struct {
	uint64_t vt;
	uint64_t vinv;
	uint64_t nbits;
	unsigned secret;
} mote_bn64_recip;

uint64_t mote_bn64_decode(uint64_t *x, size_t k, const uint8_t *src, size_t len);
void mote_bn64_encode(uint8_t *dst, size_t len, const uint64_t *x, size_t k);
uint64_t mote_bn64_add(uint64_t *a, const uint64_t *b, size_t k, uint64_t ctl);
uint64_t mote_bn64_sub(uint64_t *a, const uint64_t *b, size_t k, uint64_t ctl);
uint64_t mote_bn64_lt(const uint64_t *a, const uint64_t *b, size_t k);
uint64_t mote_bn64_ninv(uint64_t m0);
void mote_bn64_montmul(uint64_t *d, const uint64_t *a, const uint64_t *b, const uint64_t *m,
                       uint64_t m0i, size_t k);
void mote_bn64_redc(uint64_t *d, const uint64_t *a, const uint64_t *m, uint64_t m0i, size_t k);
void mote_bn64_mul(uint64_t *d, const uint64_t *a, size_t ka, const uint64_t *b, size_t kb);
void mote_bn64_modadd(uint64_t *a, const uint64_t *b, const uint64_t *m, size_t k);
void mote_bn64_modsub(uint64_t *a, const uint64_t *b, const uint64_t *m, size_t k);
void mote_bn64_recip_init(mote_bn64_recip *r, const uint64_t *m, size_t k, unsigned nbits);
void mote_bn64_to_mont(uint64_t *x, const uint64_t *m, size_t k, const mote_bn64_recip *r);
void mote_bn64_r2(uint64_t *r2, const uint64_t *m, size_t k);
uint64_t *mote_bn64_pow_pub(uint64_t *acc, uint64_t *x, uint64_t *t, const uint8_t *e,
                            size_t elen, const uint64_t *m, uint64_t m0i, size_t k,
                            const mote_bn64_recip *r);
void mote_bn64_pow_ct(uint64_t *acc, const uint64_t *x, const uint8_t *e, size_t elen,
                      const uint64_t *r2, const uint64_t *m, uint64_t m0i, size_t k,
                      uint64_t *table, uint64_t *t, unsigned wbits);
uint64_t mote_bn64_modinv(uint64_t *v, uint64_t *a, uint64_t *b, uint64_t *u, const uint64_t *m,
                          uint64_t m0i, size_t k);
#endif

#endif /* MOTE_CRYPTO_BIGNUM_H */
