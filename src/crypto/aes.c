/*
 * The public AES block API: runs the variant MOTE_WORD_BITS selects (the
 * variants themselves live in aes_ct64.c and aes_ct32.c), or AES-NI when
 * MOTE_ENABLE_AES_HW is set and the CPU has it (recorded in ctx->impl at
 * init, so CPUID runs once per key).
 */
#include "aes_impl.h"
#include "ct.h"
#include "mote/config.h"

#if MOTE_WORD_BITS == 64
#define AES_INIT mote_aes_init_ct64
#define AES_ENCRYPT mote_aes_encrypt_blocks_ct64
#define AES_CTR32 mote_aes_ctr32_ct64
#else
#define AES_INIT mote_aes_init_ct32
#define AES_ENCRYPT mote_aes_encrypt_blocks_ct32
#define AES_CTR32 mote_aes_ctr32_ct32
#endif
#define AES_HW (MOTE_ENABLE_AES_HW && MOTE_HAVE_X86NI)

int mote_aes_init(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len)
{
#if AES_HW
	if (mote_aes_x86ni_available())
		return mote_aes_init_x86ni(ctx, key, key_len);
#endif
	return AES_INIT(ctx, key, key_len);
}

void mote_aes_encrypt_blocks(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                             size_t nblocks)
{
#if AES_HW
	if (ctx->impl == MOTE_AES_IMPL_X86NI) {
		mote_aes_encrypt_blocks_x86ni(ctx, in, out, nblocks);
		return;
	}
#endif
	AES_ENCRYPT(ctx, in, out, nblocks);
}

void mote_aes_ctr32(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *buf, size_t len)
{
#if AES_HW
	if (ctx->impl == MOTE_AES_IMPL_X86NI) {
		mote_aes_ctr32_x86ni(ctx, cb, NULL, buf, len);
		return;
	}
#endif
	AES_CTR32(ctx, cb, NULL, buf, len);
}

void mote_aes_clear(mote_aes_ctx *ctx)
{
	mote_wipe(ctx, sizeof *ctx);
}
