/*
 * HMAC-DRBG with SHA-256 (NIST SP 800-90A rev. 1, section 10.1.2), no
 * prediction resistance, no derivation function.
 *
 * Seed material (entropy || nonce || personalization, entropy || additional
 * input) is never concatenated into a buffer: the pieces are fed to HMAC
 * one after another, which is what HMAC_DRBG_Update hashes anyway. Stack:
 * one HMAC context (416 bytes) at a time plus the seed drawn from the
 * callback. mote_hmac_final wipes the context after every use.
 */
#include <string.h>

#include "mote/drbg.h"
#include "mote/error.h"
#include "mote/hmac.h"

#include "ct.h"

struct piece {
	const uint8_t *p;
	size_t len;
};

/* V = HMAC(K, V), using h as the working context. */
static void drbg_next_v(mote_drbg_ctx *ctx, mote_hmac_ctx *h)
{
	mote_hmac_init(h, MOTE_HASH_SHA256, ctx->k, sizeof ctx->k);
	mote_hmac_update(h, ctx->v, sizeof ctx->v);
	mote_hmac_final(h, ctx->v);
}

/* HMAC_DRBG_Update (10.1.2.2) with provided_data = the pieces joined;
 * h is the caller's working context (one per public call keeps the stack
 * to a single HMAC context). */
static void drbg_update(mote_drbg_ctx *ctx, mote_hmac_ctx *h, const struct piece *data,
                        size_t n)
{
	size_t total = 0;

	for (size_t i = 0; i < n; i++)
		total += data[i].len;
	for (uint8_t sep = 0; sep < 2; sep++) {
		/* K = HMAC(K, V || sep || data); V = HMAC(K, V). */
		mote_hmac_init(h, MOTE_HASH_SHA256, ctx->k, sizeof ctx->k);
		mote_hmac_update(h, ctx->v, sizeof ctx->v);
		mote_hmac_update(h, &sep, 1);
		for (size_t i = 0; i < n; i++)
			mote_hmac_update(h, data[i].p, data[i].len);
		mote_hmac_final(h, ctx->k);
		drbg_next_v(ctx, h);
		if (total == 0)
			break; /* the second round only runs with provided data */
	}
}

void mote_drbg_init_seed(mote_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                         const uint8_t *nonce, size_t nonce_len, const uint8_t *pers,
                         size_t pers_len)
{
	const struct piece seed[] = {
		{entropy, entropy_len}, {nonce, nonce_len}, {pers, pers_len}};
	mote_hmac_ctx h;

	memset(ctx->k, 0x00, sizeof ctx->k);
	memset(ctx->v, 0x01, sizeof ctx->v);
	drbg_update(ctx, &h, seed, 3);
	ctx->reseed_counter = 1;
	ctx->entropy = NULL;
	ctx->entropy_arg = NULL;
}

/* Calls the entropy callback; any non-zero return is a failure. */
static int drbg_draw(mote_drbg_ctx *ctx, uint8_t *out, size_t len)
{
	int rc = ctx->entropy(ctx->entropy_arg, out, len);

	return rc == 0 ? 0 : rc < 0 ? rc : MOTE_ERR_ENTROPY;
}

int mote_drbg_init(mote_drbg_ctx *ctx, mote_entropy_fn entropy, void *entropy_arg,
                   const uint8_t *pers, size_t pers_len)
{
	uint8_t seed[MOTE_DRBG_SEED_BYTES + MOTE_DRBG_NONCE_BYTES];
	int rc;

	if (!entropy)
		return MOTE_ERR_BAD_ARG;
	ctx->entropy = entropy;
	ctx->entropy_arg = entropy_arg;
	rc = drbg_draw(ctx, seed, sizeof seed);
	if (rc == 0) {
		mote_drbg_init_seed(ctx, seed, MOTE_DRBG_SEED_BYTES, seed + MOTE_DRBG_SEED_BYTES,
		                    MOTE_DRBG_NONCE_BYTES, pers, pers_len);
		ctx->entropy = entropy;
		ctx->entropy_arg = entropy_arg;
	}
	mote_wipe(seed, sizeof seed);
	return rc;
}

/* Reseed (10.1.2.4) from the given bytes, or from the callback when
 * entropy is NULL (the caller has checked there is one). */
static int drbg_reseed(mote_drbg_ctx *ctx, mote_hmac_ctx *h, const uint8_t *entropy,
                       size_t entropy_len, const uint8_t *addl, size_t addl_len)
{
	uint8_t drawn[MOTE_DRBG_SEED_BYTES];
	int rc = 0;

	if (!entropy) {
		rc = drbg_draw(ctx, drawn, sizeof drawn);
		entropy = drawn;
		entropy_len = sizeof drawn;
	}
	if (rc == 0) {
		const struct piece seed[] = {{entropy, entropy_len}, {addl, addl_len}};
		drbg_update(ctx, h, seed, 2);
		ctx->reseed_counter = 1;
	}
	mote_wipe(drawn, sizeof drawn);
	return rc;
}

int mote_drbg_reseed(mote_drbg_ctx *ctx, const uint8_t *entropy, size_t entropy_len,
                     const uint8_t *addl, size_t addl_len)
{
	mote_hmac_ctx h;

	if (!entropy && !ctx->entropy)
		return MOTE_ERR_BAD_ARG;
	return drbg_reseed(ctx, &h, entropy, entropy_len, addl, addl_len);
}

int mote_drbg_generate(mote_drbg_ctx *ctx, uint8_t *out, size_t len, const uint8_t *addl,
                       size_t addl_len)
{
	struct piece extra = {addl, addl_len};
	mote_hmac_ctx h;

	if (len > MOTE_DRBG_MAX_REQUEST)
		return MOTE_ERR_BAD_ARG;
	if (ctx->reseed_counter > MOTE_DRBG_RESEED_INTERVAL) {
		/* 9.3.1 step 7: reseed with the additional input, then use none. */
		int rc = ctx->entropy ? drbg_reseed(ctx, &h, NULL, 0, addl, addl_len)
		                      : MOTE_ERR_RESEED_REQUIRED;
		if (rc)
			return rc;
		extra.len = 0;
	}
	if (extra.len)
		drbg_update(ctx, &h, &extra, 1);
	while (len) {
		size_t take = len < sizeof ctx->v ? len : sizeof ctx->v;

		drbg_next_v(ctx, &h);
		memcpy(out, ctx->v, take);
		out += take;
		len -= take;
	}
	drbg_update(ctx, &h, &extra, 1);
	ctx->reseed_counter++;
	return 0;
}

int mote_drbg_random(void *rng, uint8_t *out, size_t len)
{
	/* Long requests are served in MOTE_DRBG_MAX_REQUEST pieces. */
	while (len) {
		size_t take = len < MOTE_DRBG_MAX_REQUEST ? len : MOTE_DRBG_MAX_REQUEST;
		int rc = mote_drbg_generate(rng, out, take, NULL, 0);

		if (rc)
			return rc;
		out += take;
		len -= take;
	}
	return 0;
}

void mote_drbg_clear(mote_drbg_ctx *ctx)
{
	mote_wipe(ctx, sizeof *ctx);
}
