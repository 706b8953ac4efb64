/*
 * ECDSA signing (FIPS 186-4 6.4) with RFC 6979 deterministic nonces,
 * optionally hedged with additional input (RFC 6979 3.6). The HMAC hash
 * is the curve's: SHA-256 for P-256, SHA-384 for P-384.
 *
 * Stack: K and V (96 bytes) throughout; the HMAC context (416 bytes) only
 * while a nonce is derived, the arithmetic core only after.
 */
#include <string.h>

#include "ct.h"
#include "ec_ops.h"
#include "mote/ec.h"
#include "mote/error.h"
#include "mote/hmac.h"

/* The HMAC context (416 bytes) lives only in the frames of the functions
 * marked HMAC_PHASE: inlined into the signing function, it would stay on
 * the stack during the scalar multiplication too. */
#if defined(__GNUC__) || defined(__clang__)
#define HMAC_PHASE __attribute__((noinline))
#else
#define HMAC_PHASE
#endif

struct rfc6979 {
	mote_hash_alg alg;
	size_t hlen;
	uint8_t k[MOTE_HASH_MAX_SIZE];
	uint8_t v[MOTE_HASH_MAX_SIZE];
};

/* V = HMAC_K(V), in the caller's HMAC context (one context on the stack at
 * a time, not one per nested call). */
static void rfc6979_update_v(struct rfc6979 *s, mote_hmac_ctx *ctx)
{
	mote_hmac_init(ctx, s->alg, s->k, s->hlen);
	mote_hmac_update(ctx, s->v, s->hlen);
	mote_hmac_final(ctx, s->v);
}

/* K = HMAC_K(V || sep || data...), then V = HMAC_K(V): every K update in
 * RFC 6979 3.2 (steps d-g, and h.3 with no data) is followed by this V
 * update. */
static HMAC_PHASE void rfc6979_rekey(struct rfc6979 *s, uint8_t sep, const uint8_t *x, const uint8_t *h,
                          size_t len, const uint8_t *extra, size_t extra_len)
{
	mote_hmac_ctx ctx;

	mote_hmac_init(&ctx, s->alg, s->k, s->hlen);
	mote_hmac_update(&ctx, s->v, s->hlen);
	mote_hmac_update(&ctx, &sep, 1);
	if (x) {
		mote_hmac_update(&ctx, x, len);
		mote_hmac_update(&ctx, h, len);
		if (extra_len)
			mote_hmac_update(&ctx, extra, extra_len);
	}
	mote_hmac_final(&ctx, s->k);
	rfc6979_update_v(s, &ctx);
}

/* Steps b-g: x is int2octets(priv), h is bits2octets(hash). */
static void rfc6979_init(struct rfc6979 *s, size_t len, const uint8_t *x, const uint8_t *h,
                         const uint8_t *extra, size_t extra_len)
{
	s->alg = len == 32 ? MOTE_HASH_SHA256 : MOTE_HASH_SHA384;
	s->hlen = mote_hash_size(s->alg);
	memset(s->v, 0x01, s->hlen);
	memset(s->k, 0x00, s->hlen);
	rfc6979_rekey(s, 0x00, x, h, len, extra, extra_len);
	rfc6979_rekey(s, 0x01, x, h, len, extra, extra_len);
}

/* Step h.1-h.2: the next candidate, bits2int(T) with T = V || V' ... */
static HMAC_PHASE void rfc6979_next(struct rfc6979 *s, uint8_t *cand, size_t len)
{
	mote_hmac_ctx ctx;

	for (size_t done = 0; done < len;) {
		size_t n = len - done < s->hlen ? len - done : s->hlen;

		rfc6979_update_v(s, &ctx);
		memcpy(cand + done, s->v, n);
		done += n;
	}
}

/* out = e mod n for e < 2^(8 len) < 2n (bits2octets); e is public. */
static void reduce_once(const struct mote_ec_ops *ops, uint8_t *out, const uint8_t *e)
{
	uint8_t d[MOTE_EC_MAX_BYTES];
	uint32_t borrow = 0;

	for (size_t i = ops->len; i-- > 0;) {
		uint32_t x = (uint32_t)e[i] - ops->order[i] - borrow;
		d[i] = (uint8_t)x;
		borrow = x >> 31;
	}
	memcpy(out, borrow ? e : d, ops->len);
}

int mote_ecdsa_sign_ops(const struct mote_ec_ops *ops, uint8_t *sig_rs, const uint8_t *priv,
                        const uint8_t *hash, size_t hash_len, const uint8_t *extra,
                        size_t extra_len)
{
	struct rfc6979 st;
	uint8_t e[MOTE_EC_MAX_BYTES], h[MOTE_EC_MAX_BYTES], k[MOTE_EC_MAX_BYTES];
	size_t len = ops->len;
	uint32_t key_ok = mote_ec_scalar_valid(ops, priv), done;

	mote_ec_hash_to_e(ops, e, hash, hash_len);
	reduce_once(ops, h, e);
	rfc6979_init(&st, len, priv, h, extra, extra_len);
	for (;;) {
		rfc6979_next(&st, k, len);
		/* With an invalid key (0 or n: s = e / k could be 0 for every k)
		 * the first candidate in range ends the loop; the output is
		 * discarded below. */
		done = mote_ct_declassify32(mote_ec_scalar_valid(ops, k) &
		                            (ops->sign(sig_rs, priv, e, k) | ~key_ok));
		/* Public by design: a candidate outside [1, n-1], or one giving
		 * r = 0 or s = 0, has probability below 2^-32 and is discarded;
		 * its rejection says nothing about the nonce finally used. */
		if (done)
			break;
		rfc6979_rekey(&st, 0x00, NULL, NULL, 0, NULL, 0);
	}
	for (size_t i = 0; i < 2 * len; i++)
		sig_rs[i] &= (uint8_t)key_ok;
	mote_wipe(&st, sizeof st);
	mote_wipe(k, sizeof k);
	return -(int)(~key_ok & (uint32_t)-MOTE_ERR_BAD_KEY);
}

int mote_ecdsa_sign(mote_ec_curve c, uint8_t *sig_rs, const uint8_t *priv, const uint8_t *hash,
                    size_t hash_len, const uint8_t *extra, size_t extra_len)
{
	const struct mote_ec_ops *ops = mote_ec_ops_get(c);

	return ops ? mote_ecdsa_sign_ops(ops, sig_rs, priv, hash, hash_len, extra, extra_len)
	           : MOTE_ERR_UNSUPPORTED;
}
