/*
 * AES-GCM (NIST SP 800-38D) over any AES/GHASH variant.
 *
 * Seal: J0 from the IV, CTR from inc32(J0) over the buffer (E(J0), the
 * tag mask, comes out of the same call), GHASH over AAD, ciphertext and
 * lengths. Open hashes the ciphertext first, decrypts, then keeps the
 * plaintext only under an all-ones mask when the tags match: no branch on
 * the outcome, and a forgery leaves a zeroed buffer, never unauthenticated
 * plaintext.
 */
#include <string.h>

#include "aes_impl.h"
#include "bytes.h"
#include "ct.h"
#include "mote/config.h"
#include "mote/error.h"

struct gcm_impl {
	int (*init)(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len);
	void (*encrypt_blocks)(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out,
	                       size_t nblocks);
	void (*ctr32)(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *ek0, uint8_t *buf,
	              size_t len);
	void (*ghash)(uint8_t y[16], const uint8_t h[16], const uint8_t *data, size_t len);
};

static const struct gcm_impl gcm_ct64 = {mote_aes_init_ct64, mote_aes_encrypt_blocks_ct64,
                                         mote_aes_ctr32_ct64, mote_ghash_ct64};
static const struct gcm_impl gcm_ct32 = {mote_aes_init_ct32, mote_aes_encrypt_blocks_ct32,
                                         mote_aes_ctr32_ct32, mote_ghash_ct32};

#if MOTE_HAVE_X86NI
static const struct gcm_impl gcm_x86ni = {mote_aes_init_x86ni, mote_aes_encrypt_blocks_x86ni,
                                          mote_aes_ctr32_x86ni, mote_ghash_x86ni};
#endif

static int gcm_init(const struct gcm_impl *im, mote_gcm_ctx *ctx, const uint8_t *key,
                    size_t key_len)
{
	int err = im->init(&ctx->aes, key, key_len);

	memset(ctx->h, 0, sizeof ctx->h);
	if (err != 0)
		return err;
	im->encrypt_blocks(&ctx->aes, ctx->h, ctx->h, 1);
	return 0;
}

/* SP 800-38D limits: plaintext up to 2^39 - 256 bits, AAD and IV below
 * 2^64 bits (so their bit lengths fit the length block). */
static int gcm_check(size_t iv_len, size_t aad_len, size_t len, size_t tag_len)
{
	const uint64_t max_bytes64 = ((uint64_t)1 << 61) - 1, max_text = ((uint64_t)1 << 36) - 32;

	if (iv_len == 0 || (uint64_t)iv_len > max_bytes64)
		return MOTE_ERR_BAD_NONCE_LENGTH;
	if (tag_len < 4 || tag_len > 16)
		return MOTE_ERR_BAD_ARG;
	if ((uint64_t)len > max_text || (uint64_t)aad_len > max_bytes64)
		return MOTE_ERR_MESSAGE_TOO_LONG;
	return 0;
}

/* Pre-counter block: IV || 0^31 || 1 for 96-bit IVs, otherwise
 * GHASH(IV padded || 0^64 || [bit length of IV]_64). */
static void gcm_j0(const struct gcm_impl *im, const mote_gcm_ctx *ctx, const uint8_t *iv,
                   size_t iv_len, uint8_t j0[16])
{
	uint8_t lens[16] = {0};

	if (iv_len == 12) {
		memcpy(j0, iv, 12);
		mote_store32_be(j0 + 12, 1);
		return;
	}
	memset(j0, 0, 16);
	im->ghash(j0, ctx->h, iv, iv_len);
	mote_store64_be(lens + 8, (uint64_t)iv_len * 8);
	im->ghash(j0, ctx->h, lens, sizeof lens);
}

/* S = GHASH(AAD padded || C padded || [len(A)]_64 || [len(C)]_64). */
static void gcm_hash(const struct gcm_impl *im, const mote_gcm_ctx *ctx, const uint8_t *aad,
                     size_t aad_len, const uint8_t *c, size_t len, uint8_t s[16])
{
	uint8_t lens[16];

	memset(s, 0, 16);
	im->ghash(s, ctx->h, aad, aad_len);
	im->ghash(s, ctx->h, c, len);
	mote_store64_be(lens, (uint64_t)aad_len * 8);
	mote_store64_be(lens + 8, (uint64_t)len * 8);
	im->ghash(s, ctx->h, lens, sizeof lens);
}

static int gcm_seal(const struct gcm_impl *im, const mote_gcm_ctx *ctx, const uint8_t *iv,
                    size_t iv_len, const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                    uint8_t *tag, size_t tag_len)
{
	uint8_t j0[16], ek0[16], s[16];
	int err = gcm_check(iv_len, aad_len, len, tag_len);

	if (err != 0)
		return err;
	gcm_j0(im, ctx, iv, iv_len, j0);
	im->ctr32(&ctx->aes, j0, ek0, buf, len);
	gcm_hash(im, ctx, aad, aad_len, buf, len, s);
	for (size_t i = 0; i < tag_len; i++)
		tag[i] = s[i] ^ ek0[i];
	mote_wipe(ek0, sizeof ek0);
	mote_wipe(s, sizeof s);
	return 0;
}

static int gcm_open(const struct gcm_impl *im, const mote_gcm_ctx *ctx, const uint8_t *iv,
                    size_t iv_len, const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                    const uint8_t *tag, size_t tag_len)
{
	uint8_t j0[16], ek0[16], s[16], keep;
	uint32_t ok;
	int err = gcm_check(iv_len, aad_len, len, tag_len);

	if (err != 0)
		return err;
	gcm_j0(im, ctx, iv, iv_len, j0);
	gcm_hash(im, ctx, aad, aad_len, buf, len, s);
	im->ctr32(&ctx->aes, j0, ek0, buf, len);
	for (size_t i = 0; i < 16; i++)
		s[i] ^= ek0[i];
	ok = mote_ct_barrier32(mote_ct_memeq(s, tag, tag_len));
	keep = (uint8_t)ok;
	for (size_t i = 0; i < len; i++)
		buf[i] &= keep;
	mote_wipe(ek0, sizeof ek0);
	mote_wipe(s, sizeof s);
	return -(int)(~ok & (uint32_t)-MOTE_ERR_AUTH_FAILED);
}

int mote_gcm_init_ct64(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len)
{
	return gcm_init(&gcm_ct64, ctx, key, key_len);
}

int mote_gcm_seal_ct64(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                       const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                       uint8_t *tag, size_t tag_len)
{
	return gcm_seal(&gcm_ct64, ctx, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
}

int mote_gcm_open_ct64(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                       const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                       const uint8_t *tag, size_t tag_len)
{
	return gcm_open(&gcm_ct64, ctx, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
}

int mote_gcm_init_ct32(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len)
{
	return gcm_init(&gcm_ct32, ctx, key, key_len);
}

int mote_gcm_seal_ct32(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                       const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                       uint8_t *tag, size_t tag_len)
{
	return gcm_seal(&gcm_ct32, ctx, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
}

int mote_gcm_open_ct32(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                       const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                       const uint8_t *tag, size_t tag_len)
{
	return gcm_open(&gcm_ct32, ctx, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
}

#if MOTE_HAVE_X86NI
int mote_gcm_init_x86ni(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len)
{
	return gcm_init(&gcm_x86ni, ctx, key, key_len);
}

int mote_gcm_seal_x86ni(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                        const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                        uint8_t *tag, size_t tag_len)
{
	return gcm_seal(&gcm_x86ni, ctx, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
}

int mote_gcm_open_x86ni(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                        const uint8_t *aad, size_t aad_len, uint8_t *buf, size_t len,
                        const uint8_t *tag, size_t tag_len)
{
	return gcm_open(&gcm_x86ni, ctx, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
}
#endif

/* The public functions run the variant MOTE_WORD_BITS selects, or the
 * hardware one when enabled, present, and recorded in the context. */
#if MOTE_WORD_BITS == 64
#define GCM_PORTABLE (&gcm_ct64)
#else
#define GCM_PORTABLE (&gcm_ct32)
#endif
#define GCM_HW (MOTE_ENABLE_AES_HW && MOTE_HAVE_X86NI)

static const struct gcm_impl *gcm_of(const mote_gcm_ctx *ctx)
{
#if GCM_HW
	if (ctx->aes.impl == MOTE_AES_IMPL_X86NI)
		return &gcm_x86ni;
#endif
	(void)ctx;
	return GCM_PORTABLE;
}

int mote_gcm_init(mote_gcm_ctx *ctx, const uint8_t *key, size_t key_len)
{
#if GCM_HW
	if (mote_aes_x86ni_available())
		return gcm_init(&gcm_x86ni, ctx, key, key_len);
#endif
	return gcm_init(GCM_PORTABLE, ctx, key, key_len);
}

int mote_gcm_seal(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                  size_t aad_len, uint8_t *buf, size_t len, uint8_t *tag, size_t tag_len)
{
	return gcm_seal(gcm_of(ctx), ctx, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
}

int mote_gcm_open(const mote_gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, const uint8_t *aad,
                  size_t aad_len, uint8_t *buf, size_t len, const uint8_t *tag, size_t tag_len)
{
	return gcm_open(gcm_of(ctx), ctx, iv, iv_len, aad, aad_len, buf, len, tag, tag_len);
}

void mote_gcm_clear(mote_gcm_ctx *ctx)
{
	mote_wipe(ctx, sizeof *ctx);
}
