/*
 * The public AES block API: runs the variant MOTE_WORD_BITS selects (the
 * variants themselves live in aes_ct64.c and aes_ct32.c).
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

int mote_aes_init(mote_aes_ctx *ctx, const uint8_t *key, size_t key_len)
{
	return AES_INIT(ctx, key, key_len);
}

void mote_aes_encrypt_blocks(const mote_aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                             size_t nblocks)
{
	AES_ENCRYPT(ctx, in, out, nblocks);
}

void mote_aes_ctr32(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *buf, size_t len)
{
	AES_CTR32(ctx, cb, NULL, buf, len);
}

void mote_aes_clear(mote_aes_ctx *ctx)
{
	mote_wipe(ctx, sizeof *ctx);
}
