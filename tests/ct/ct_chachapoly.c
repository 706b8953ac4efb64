/*
 * Constant-time check (valgrind memcheck) of ChaCha20, Poly1305 and the
 * AEAD. Secrets are marked undefined before each call: any branch or
 * memory index that depends on them is reported and fails the test.
 *
 * Expectations per entry point:
 * - ChaCha20 (every variant): key and input secret; nonce, counter and
 *   length public.
 * - Poly1305 (both variants): key, message and the context's state (key
 *   copy, accumulator, buffered bytes) secret between calls; only the
 *   buffered length is public.
 * - Seal: key and plaintext secret; aad, nonce, lengths public.
 * - The tag check of open (mote_chachapoly_verify): key secret; the
 *   ciphertext, aad and received tag are public; its verdict is declassified
 *   only after the call (the caller may branch on it).
 */
#include <valgrind/memcheck.h>

#include <stdio.h>
#include <string.h>

#include "crypto/chacha20poly1305_impl.h"
#include "mote/chacha20.h"
#include "mote/chacha20poly1305.h"
#include "mote/poly1305.h"
#include "test.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static const size_t lens[] = {0, 1, 15, 16, 17, 63, 64, 65, 129, 200, 256, 300, 777};
#define N_LENS (sizeof lens / sizeof lens[0])

typedef void chacha_fn(const uint8_t *, const uint8_t *, uint32_t, const uint8_t *, uint8_t *,
                       size_t);

static void ct_chacha(chacha_fn *fn)
{
	uint8_t key[32], nonce[12], in[800], out[800];

	test_rand_bytes(nonce, sizeof nonce);
	for (size_t i = 0; i < N_LENS; i++) {
		test_rand_bytes(key, sizeof key);
		test_rand_bytes(in, sizeof in);
		SECRET(key, sizeof key);
		SECRET(in, lens[i]);
		fn(key, nonce, 1, in, out, lens[i]);
		fn(key, nonce, 1, in, in, lens[i]); /* in place */
		PUBLIC(out, lens[i]);
		PUBLIC(in, lens[i]);
		PUBLIC(key, sizeof key);
		CHECK(memcmp(in, out, lens[i]) == 0);
	}
}

static void poly_state_secret(mote_poly1305_ctx *ctx)
{
	SECRET(ctx->key, sizeof ctx->key);
	SECRET(&ctx->acc, sizeof ctx->acc);
	SECRET(ctx->buf, sizeof ctx->buf);
}

static void ct_poly(void (*init)(mote_poly1305_ctx *, const uint8_t *),
                    void (*update)(mote_poly1305_ctx *, const uint8_t *, size_t),
                    void (*final)(mote_poly1305_ctx *, uint8_t *))
{
	uint8_t key[32], msg[800], tag[16], tag2[16];

	for (size_t i = 0; i < N_LENS; i++) {
		mote_poly1305_ctx ctx;
		size_t len = lens[i], cut = len / 3;

		test_rand_bytes(key, sizeof key);
		test_rand_bytes(msg, sizeof msg);
		SECRET(key, sizeof key);
		SECRET(msg, len);
		init(&ctx, key);
		update(&ctx, msg, len);
		final(&ctx, tag);

		/* Again in three pieces, the state marked secret between calls;
		 * all ones in the message exercise the largest carries. */
		init(&ctx, key);
		poly_state_secret(&ctx);
		update(&ctx, msg, cut);
		poly_state_secret(&ctx);
		update(&ctx, msg + cut, 1 < len - cut ? 1 : len - cut);
		poly_state_secret(&ctx);
		update(&ctx, msg + cut + (1 < len - cut ? 1 : len - cut),
		       len - cut - (1 < len - cut ? 1 : len - cut));
		poly_state_secret(&ctx);
		final(&ctx, tag2);
		PUBLIC(tag, 16);
		PUBLIC(tag2, 16);
		CHECK(memcmp(tag, tag2, 16) == 0);

		memset(msg, 0xff, len);
		SECRET(msg, len);
		init(&ctx, key);
		update(&ctx, msg, len);
		final(&ctx, tag);
		PUBLIC(key, sizeof key);
		PUBLIC(msg, len);
	}
}

static void ct_aead(void)
{
	uint8_t key[32], nonce[12], aad[40], buf[800], pt[800], tag[16];
	mote_chachapoly_ctx ctx;

	test_rand_bytes(nonce, sizeof nonce);
	test_rand_bytes(aad, sizeof aad);
	for (size_t i = 0; i < N_LENS; i++) {
		size_t len = lens[i], aad_len = i * 3 % sizeof aad;

		test_rand_bytes(key, sizeof key);
		test_rand_bytes(pt, len);
		memcpy(buf, pt, len);
		CHECK_INT(mote_chachapoly_init(&ctx, key, sizeof key), 0);
		SECRET(ctx.key, sizeof ctx.key);
		SECRET(buf, len);
		CHECK_INT(mote_chachapoly_seal(&ctx, nonce, 12, aad, aad_len, buf, len, tag), 0);
		PUBLIC(buf, len); /* ciphertext and tag are public */
		PUBLIC(tag, 16);

		/* The tag check, the key still secret; then the verdict is public. */
		uint32_t ok = mote_chachapoly_verify(&ctx, nonce, aad, aad_len, buf, len, tag);
		PUBLIC(&ok, sizeof ok);
		CHECK(ok == 0xffffffffu);
		tag[i % 16] ^= 0x10;
		ok = mote_chachapoly_verify(&ctx, nonce, aad, aad_len, buf, len, tag);
		PUBLIC(&ok, sizeof ok);
		CHECK(ok == 0);
		tag[i % 16] ^= 0x10;

		PUBLIC(ctx.key, sizeof ctx.key);
		CHECK_INT(mote_chachapoly_open(&ctx, nonce, 12, aad, aad_len, buf, len, tag), 0);
		CHECK(memcmp(buf, pt, len) == 0);
		mote_chachapoly_clear(&ctx);
	}
}

int main(void)
{
	test_rand_seed(0xC7C7);
	ct_chacha(mote_chacha20_xor_ct);
#if MOTE_CHACHA20_VEC4
	ct_chacha(mote_chacha20_xor_vec4);
#endif
	ct_chacha(mote_chacha20_xor);
	ct_poly(mote_poly1305_init_ct32, mote_poly1305_update_ct32, mote_poly1305_final_ct32);
#if MOTE_POLY1305_HAVE_CT64
	ct_poly(mote_poly1305_init_ct64, mote_poly1305_update_ct64, mote_poly1305_final_ct64);
#endif
	ct_aead();
	printf("ct_chachapoly: memcheck errors: %u (must be 0)\n", (unsigned)VALGRIND_COUNT_ERRORS);
	return test_finish("ct_chachapoly");
}
