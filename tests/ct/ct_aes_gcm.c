/*
 * Constant time of AES and AES-GCM under valgrind memcheck: the key, the
 * plaintext, and everything derived from them (round keys, H, keystream,
 * the computed tag) are undefined; any branch or address that depends on
 * them is reported and fails the test. Covered for ct64 and ct32: key
 * schedule, block encryption, CTR, seal, and open with a valid and a
 * forged tag (the tag comparison and the masking of the buffer); also
 * for x86ni where the CPU has it. The
 * ciphertext, IV, AAD and received tag are public and stay defined.
 */
#include <valgrind/memcheck.h>

#include <stdio.h>
#include <string.h>

#include "crypto/aes_impl.h"
#include "mote/error.h"
#include "test.h"

struct variant {
	const char *name;
	int (*init)(mote_gcm_ctx *, const uint8_t *, size_t);
	int (*seal)(const mote_gcm_ctx *, const uint8_t *, size_t, const uint8_t *, size_t,
	            uint8_t *, size_t, uint8_t *, size_t);
	int (*open)(const mote_gcm_ctx *, const uint8_t *, size_t, const uint8_t *, size_t,
	            uint8_t *, size_t, const uint8_t *, size_t);
	void (*encrypt)(const mote_aes_ctx *, const uint8_t *, uint8_t *, size_t);
	void (*ctr32)(const mote_aes_ctx *, const uint8_t *, uint8_t *, uint8_t *, size_t);
	int (*available)(void); /* NULL: always */
};

static const struct variant variants[] = {
	{"ct64", mote_gcm_init_ct64, mote_gcm_seal_ct64, mote_gcm_open_ct64,
	 mote_aes_encrypt_blocks_ct64, mote_aes_ctr32_ct64, NULL},
	{"ct32", mote_gcm_init_ct32, mote_gcm_seal_ct32, mote_gcm_open_ct32,
	 mote_aes_encrypt_blocks_ct32, mote_aes_ctr32_ct32, NULL},
#if MOTE_HAVE_X86NI
	{"x86ni", mote_gcm_init_x86ni, mote_gcm_seal_x86ni, mote_gcm_open_x86ni,
	 mote_aes_encrypt_blocks_x86ni, mote_aes_ctr32_x86ni, mote_aes_x86ni_available},
#endif
};

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static void run(const struct variant *v, size_t klen, size_t len, size_t ivlen)
{
	uint8_t key[32], iv[20], aad[13], pt[100], buf[100], tag[16], blk[48], ek0[16];
	mote_gcm_ctx ctx;
	int r;

	test_rand_bytes(key, sizeof key);
	test_rand_bytes(iv, sizeof iv);
	test_rand_bytes(aad, sizeof aad);
	test_rand_bytes(pt, sizeof pt);

	SECRET(key, sizeof key);
	r = v->init(&ctx, key, klen);
	PUBLIC(&r, sizeof r);
	CHECK_INT(r, 0);
	/* The round keys and H are secret whatever the key schedule did. */
	SECRET(ctx.aes.sk, sizeof ctx.aes.sk);
	SECRET(ctx.h, sizeof ctx.h);

	memcpy(blk, pt, sizeof blk);
	SECRET(blk, sizeof blk);
	v->encrypt(&ctx.aes, blk, blk, 3);
	v->ctr32(&ctx.aes, iv, ek0, blk, sizeof blk);

	memcpy(buf, pt, len);
	SECRET(buf, len);
	r = v->seal(&ctx, iv, ivlen, aad, sizeof aad, buf, len, tag, sizeof tag);
	PUBLIC(&r, sizeof r);
	CHECK_INT(r, 0);
	/* Ciphertext and tag go on the wire. */
	PUBLIC(buf, len);
	PUBLIC(tag, sizeof tag);

	r = v->open(&ctx, iv, ivlen, aad, sizeof aad, buf, len, tag, sizeof tag);
	PUBLIC(&r, sizeof r);
	PUBLIC(buf, len);
	CHECK_INT(r, 0);
	CHECK_MEM(buf, pt, len);

	r = v->seal(&ctx, iv, ivlen, aad, sizeof aad, buf, len, tag, sizeof tag);
	PUBLIC(&r, sizeof r);
	PUBLIC(buf, len);
	PUBLIC(tag, sizeof tag);
	tag[len % sizeof tag] ^= 1;
	r = v->open(&ctx, iv, ivlen, aad, sizeof aad, buf, len, tag, sizeof tag);
	PUBLIC(&r, sizeof r);
	PUBLIC(buf, len);
	CHECK_INT(r, MOTE_ERR_AUTH_FAILED);
	for (size_t i = 0; i < len; i++)
		CHECK(buf[i] == 0);
}

int main(void)
{
	test_rand_seed(0xC7);
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		if (variants[i].available && !variants[i].available()) {
			printf("ct_aes_gcm (%s): not supported by this CPU, skipped\n",
			       variants[i].name);
			continue;
		}
		for (size_t klen = 16; klen <= 32; klen += 8) {
			run(&variants[i], klen, 0, 12);
			run(&variants[i], klen, 37, 12);
			run(&variants[i], klen, 100, 20);
		}
		printf("ct_aes_gcm (%s): init, blocks, ctr, seal, open ok/forged for 3 key sizes\n",
		       variants[i].name);
	}
	return test_finish("ct_aes_gcm");
}
