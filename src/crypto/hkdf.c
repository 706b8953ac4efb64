/*
 * HKDF (RFC 5869) and HKDF-Expand-Label (RFC 8446, section 7.1).
 *
 * Expand takes its info as a list of pieces fed straight into HMAC, so
 * Expand-Label never assembles the HkdfLabel structure (up to 514 bytes)
 * on the stack. The keyed HMAC state is computed once and copied for each
 * output block. Peak stack: three HMAC contexts' worth (about 1.3 KB with
 * SHA-512 on x86-64) plus a 64-byte block.
 */
#include <string.h>

#include "mote/error.h"
#include "mote/hmac.h"
#include "mote/kdf.h"

#include "ct.h"

struct info_piece {
	const void *p;
	size_t len;
};

void mote_hkdf_extract(mote_hash_alg alg, const uint8_t *salt, size_t salt_len,
                       const uint8_t *ikm, size_t ikm_len, uint8_t *prk)
{
	/* A missing salt is hash_len zero bytes; HMAC pads its key with zeros
	 * to a block, so an empty key gives exactly the same result. */
	if (!salt)
		salt_len = 0;
	mote_hmac(alg, salt, salt_len, ikm, ikm_len, prk);
}

static int hkdf_expand_pieces(mote_hash_alg alg, const uint8_t *prk, size_t prk_len,
                              const struct info_piece *info, size_t n_info, uint8_t *out,
                              size_t out_len)
{
	size_t hl = mote_hash_size(alg);
	mote_hmac_ctx keyed, ctx;
	uint8_t t[MOTE_HASH_MAX_SIZE];
	uint8_t counter = 0;

	if (hl == 0 || out_len > 255 * hl)
		return MOTE_ERR_BAD_ARG;
	mote_hmac_init(&keyed, alg, prk, prk_len);
	while (out_len) {
		size_t take = out_len < hl ? out_len : hl;

		/* T(i) = HMAC(PRK, T(i-1) | info | i), with T(0) empty. */
		ctx = keyed;
		if (counter)
			mote_hmac_update(&ctx, t, hl);
		for (size_t i = 0; i < n_info; i++)
			mote_hmac_update(&ctx, info[i].p, info[i].len);
		counter++;
		mote_hmac_update(&ctx, &counter, 1);
		mote_hmac_final(&ctx, t);
		memcpy(out, t, take);
		out += take;
		out_len -= take;
	}
	mote_wipe(t, sizeof t);
	mote_wipe(&keyed, sizeof keyed);
	return 0;
}

int mote_hkdf_expand(mote_hash_alg alg, const uint8_t *prk, size_t prk_len,
                     const uint8_t *info, size_t info_len, uint8_t *out, size_t out_len)
{
	struct info_piece piece = {info, info_len};

	return hkdf_expand_pieces(alg, prk, prk_len, &piece, 1, out, out_len);
}

int mote_hkdf_expand_label(mote_hash_alg alg, const uint8_t *secret, size_t secret_len,
                           const char *label, const uint8_t *context, size_t context_len,
                           uint8_t *out, size_t out_len)
{
	static const char prefix[] = "tls13 ";
	const size_t prefix_len = sizeof prefix - 1;
	size_t label_len = strlen(label);
	uint8_t head[3], ctx_len;

	/* struct { uint16 length; opaque label<7..255>; opaque context<0..255>; } */
	if (label_len > 255 - prefix_len || context_len > 255 || out_len > 0xFFFF)
		return MOTE_ERR_BAD_ARG;
	head[0] = (uint8_t)(out_len >> 8);
	head[1] = (uint8_t)out_len;
	head[2] = (uint8_t)(prefix_len + label_len);
	ctx_len = (uint8_t)context_len;

	const struct info_piece info[] = {
		{head, sizeof head}, {prefix, prefix_len}, {label, label_len},
		{&ctx_len, 1},       {context, context_len},
	};
	return hkdf_expand_pieces(alg, secret, secret_len, info, sizeof info / sizeof info[0], out,
	                          out_len);
}
