/*
 * The TLS 1.2 PRF (RFC 5246, section 5): P_hash(secret, label || seed).
 *
 *   A(0) = label || seed,  A(i) = HMAC(secret, A(i-1))
 *   output = HMAC(secret, A(1) || label || seed) || HMAC(secret, A(2) || ...)
 *
 * The secret is absorbed into one keyed HMAC state that is copied for
 * every block. Peak stack: three HMAC contexts plus two hash-sized blocks.
 */
#include <string.h>

#include "mote/error.h"
#include "mote/hmac.h"
#include "mote/kdf.h"

#include "ct.h"

int mote_tls12_prf(mote_hash_alg alg, const uint8_t *secret, size_t secret_len,
                   const char *label, const uint8_t *seed, size_t seed_len, uint8_t *out,
                   size_t out_len)
{
	size_t hl = mote_hash_size(alg);
	size_t label_len;
	mote_hmac_ctx keyed, ctx;
	uint8_t a[MOTE_HASH_MAX_SIZE], block[MOTE_HASH_MAX_SIZE];

	if (hl == 0)
		return MOTE_ERR_BAD_ARG;
	label_len = strlen(label);
	mote_hmac_init(&keyed, alg, secret, secret_len);

	/* A(1) = HMAC(secret, label || seed). */
	ctx = keyed;
	mote_hmac_update(&ctx, label, label_len);
	mote_hmac_update(&ctx, seed, seed_len);
	mote_hmac_final(&ctx, a);
	while (out_len) {
		size_t take = out_len < hl ? out_len : hl;

		ctx = keyed;
		mote_hmac_update(&ctx, a, hl);
		mote_hmac_update(&ctx, label, label_len);
		mote_hmac_update(&ctx, seed, seed_len);
		mote_hmac_final(&ctx, block);
		memcpy(out, block, take);
		out += take;
		out_len -= take;
		if (out_len) {
			ctx = keyed;
			mote_hmac_update(&ctx, a, hl);
			mote_hmac_final(&ctx, a);
		}
	}
	mote_wipe(a, sizeof a);
	mote_wipe(block, sizeof block);
	mote_wipe(&keyed, sizeof keyed);
	return 0;
}
