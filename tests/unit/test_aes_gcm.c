/*
 * AES and AES-GCM: FIPS-197 known answers, the GCM specification's test
 * cases (McGrew & Viega), Wycheproof aes_gcm_test.json, and properties
 * (round trips for every length 0..300, forgeries rejected with the buffer
 * wiped, truncated tags, argument errors). Every check runs on every
 * variant: ct64, ct32, x86ni (AES-NI + PCLMULQDQ, where the host has it)
 * and the public functions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/aes_impl.h"
#include "mote/error.h"
#include "mote/gcm.h"
#include "test.h"
#include "wycheproof.h"

_Static_assert(sizeof(mote_aes_ctx) == 244, "mote_aes_ctx size changed: update aes.h");
_Static_assert(sizeof(mote_gcm_ctx) == 260, "mote_gcm_ctx size changed: update gcm.h");

static void public_ctr32(const mote_aes_ctx *ctx, const uint8_t cb[16], uint8_t *ek0,
                         uint8_t *buf, size_t len)
{
	(void)ek0;
	mote_aes_ctr32(ctx, cb, buf, len);
}

struct variant {
	const char *name;
	int (*aes_init)(mote_aes_ctx *, const uint8_t *, size_t);
	void (*aes_encrypt)(const mote_aes_ctx *, const uint8_t *, uint8_t *, size_t);
	void (*aes_ctr32)(const mote_aes_ctx *, const uint8_t *, uint8_t *, uint8_t *, size_t);
	int (*init)(mote_gcm_ctx *, const uint8_t *, size_t);
	int (*seal)(const mote_gcm_ctx *, const uint8_t *, size_t, const uint8_t *, size_t,
	            uint8_t *, size_t, uint8_t *, size_t);
	int (*open)(const mote_gcm_ctx *, const uint8_t *, size_t, const uint8_t *, size_t,
	            uint8_t *, size_t, const uint8_t *, size_t);
	int has_ek0; /* aes_ctr32 honours the ek0 argument */
	int (*available)(void); /* NULL: always */
};

static const struct variant variants[] = {
	{"ct64", mote_aes_init_ct64, mote_aes_encrypt_blocks_ct64, mote_aes_ctr32_ct64,
	 mote_gcm_init_ct64, mote_gcm_seal_ct64, mote_gcm_open_ct64, 1, NULL},
	{"ct32", mote_aes_init_ct32, mote_aes_encrypt_blocks_ct32, mote_aes_ctr32_ct32,
	 mote_gcm_init_ct32, mote_gcm_seal_ct32, mote_gcm_open_ct32, 1, NULL},
#if MOTE_HAVE_X86NI
	{"x86ni", mote_aes_init_x86ni, mote_aes_encrypt_blocks_x86ni, mote_aes_ctr32_x86ni,
	 mote_gcm_init_x86ni, mote_gcm_seal_x86ni, mote_gcm_open_x86ni, 1, mote_aes_x86ni_available},
#endif
	{"public", mote_aes_init, mote_aes_encrypt_blocks, public_ctr32, mote_gcm_init,
	 mote_gcm_seal, mote_gcm_open, 0, NULL},
};
#define NVARIANTS (sizeof variants / sizeof variants[0])

/* FIPS-197 appendix C (C.1, C.2, C.3) and appendix B. */
static const struct {
	const char *key, *pt, *ct;
} fips197[] = {
	{"000102030405060708090a0b0c0d0e0f", "00112233445566778899aabbccddeeff",
	 "69c4e0d86a7b0430d8cdb78070b4c55a"},
	{"000102030405060708090a0b0c0d0e0f1011121314151617", "00112233445566778899aabbccddeeff",
	 "dda97ca4864cdfe06eaf70a0ec0d7191"},
	{"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	 "00112233445566778899aabbccddeeff", "8ea2b7ca516745bfeafc49904b496089"},
	{"2b7e151628aed2a6abf7158809cf4f3c", "3243f6a8885a308d313198a2e0370734",
	 "3925841d02dc09fbdc118597196a0b32"},
};

static void test_fips197(const struct variant *v)
{
	for (size_t t = 0; t < sizeof fips197 / sizeof fips197[0]; t++) {
		uint8_t key[32], pt[16], ct[16], in[16 * 9], out[16 * 9];
		size_t klen = test_unhex(fips197[t].key, key, sizeof key);
		mote_aes_ctx ctx;

		test_unhex(fips197[t].pt, pt, sizeof pt);
		test_unhex(fips197[t].ct, ct, sizeof ct);
		CHECK_INT(v->aes_init(&ctx, key, klen), 0);
		CHECK_INT(ctx.nr, klen / 4 + 6);
		/* 1..9 copies: every position in a 4- or 2-block group, in and
		 * out of place. */
		for (size_t n = 1; n <= 9; n++) {
			for (size_t i = 0; i < n; i++)
				memcpy(in + 16 * i, pt, 16);
			v->aes_encrypt(&ctx, in, out, n);
			v->aes_encrypt(&ctx, in, in, n);
			for (size_t i = 0; i < n; i++) {
				CHECK_MEM(out + 16 * i, ct, 16);
				CHECK_MEM(in + 16 * i, ct, 16);
			}
		}
	}
}

/* CTR is the block function applied to inc32 counters, wrapping in the
 * last 32 bits only; ek0 returns the first block's keystream. */
static void test_ctr32(const struct variant *v)
{
	static const uint8_t key[16] = {1, 2, 3};
	uint8_t cb[16], blocks[16 * 7], buf[16 * 7], ek0[16];
	mote_aes_ctx ctx;

	CHECK_INT(v->aes_init(&ctx, key, sizeof key), 0);
	memset(cb, 0xA5, 12);
	cb[12] = cb[13] = cb[14] = 0xFF;
	cb[15] = 0xFD; /* wraps after three blocks */
	for (size_t i = 0; i < 7; i++) {
		uint32_t c = 0xFFFFFFFDu + (uint32_t)i;

		memcpy(blocks + 16 * i, cb, 12);
		blocks[16 * i + 12] = (uint8_t)(c >> 24);
		blocks[16 * i + 13] = (uint8_t)(c >> 16);
		blocks[16 * i + 14] = (uint8_t)(c >> 8);
		blocks[16 * i + 15] = (uint8_t)c;
	}
	v->aes_encrypt(&ctx, blocks, blocks, 7);
	for (size_t len = 0; len <= sizeof buf; len += 7) {
		memset(buf, 0, sizeof buf);
		v->aes_ctr32(&ctx, cb, NULL, buf, len);
		CHECK_MEM(buf, blocks, len);
		if (!v->has_ek0 || len > sizeof buf - 16)
			continue;
		memset(buf, 0, sizeof buf);
		v->aes_ctr32(&ctx, cb, ek0, buf, len);
		CHECK_MEM(ek0, blocks, 16);
		CHECK_MEM(buf, blocks + 16, len);
	}
}

/* The GCM specification's test cases 1-18. */
static const struct {
	const char *key, *pt, *aad, *iv, *ct, *tag;
} gcm_spec[] = {
#define K0_128 "00000000000000000000000000000000"
#define K0_192 "000000000000000000000000000000000000000000000000"
#define K0_256 "0000000000000000000000000000000000000000000000000000000000000000"
#define KF_128 "feffe9928665731c6d6a8f9467308308"
#define KF_192 KF_128 "feffe9928665731c"
#define KF_256 KF_128 KF_128
#define P_64 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" \
	     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255"
#define P_60 "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72" \
	     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
#define A_20 "feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define IV_12 "cafebabefacedbaddecaf888"
#define IV_8 "cafebabefacedbad"
#define IV_60 "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728" \
	      "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b"
#define IV_0 "000000000000000000000000"
	{K0_128, "", "", IV_0, "", "58e2fccefa7e3061367f1d57a4e7455a"},
	{K0_128, "00000000000000000000000000000000", "", IV_0, "0388dace60b6a392f328c2b971b2fe78",
	 "ab6e47d42cec13bdf53a67b21257bddf"},
	{KF_128, P_64, "", IV_12,
	 "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
	 "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
	 "4d5c2af327cd64a62cf35abd2ba6fab4"},
	{KF_128, P_60, A_20, IV_12,
	 "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
	 "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
	 "5bc94fbc3221a5db94fae95ae7121a47"},
	{KF_128, P_60, A_20, IV_8,
	 "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c7423"
	 "73806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598",
	 "3612d2e79e3b0785561be14aaca2fccb"},
	{KF_128, P_60, A_20, IV_60,
	 "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca7"
	 "01e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
	 "619cc5aefffe0bfa462af43c1699d050"},
	{K0_192, "", "", IV_0, "", "cd33b28ac773f74ba00ed1f312572435"},
	{K0_192, "00000000000000000000000000000000", "", IV_0, "98e7247c07f0fe411c267e4384b0f600",
	 "2ff58d80033927ab8ef4d4587514f0fb"},
	{KF_192, P_64, "", IV_12,
	 "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
	 "7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710acade256",
	 "9924a7c8587336bfb118024db8674a14"},
	{KF_192, P_60, A_20, IV_12,
	 "3980ca0b3c00e841eb06fac4872a2757859e1ceaa6efd984628593b40ca1e19c"
	 "7d773d00c144c525ac619d18c84a3f4718e2448b2fe324d9ccda2710",
	 "2519498e80f1478f37ba55bd6d27618c"},
	{KF_192, P_60, A_20, IV_8,
	 "0f10f599ae14a154ed24b36e25324db8c566632ef2bbb34f8347280fc4507057"
	 "fddc29df9a471f75c66541d4d4dad1c9e93a19a58e8b473fa0f062f7",
	 "65dcc57fcf623a24094fcca40d3533f8"},
	{KF_192, P_60, A_20, IV_60,
	 "d27e88681ce3243c4830165a8fdcf9ff1de9a1d8e6b447ef6ef7b79828666e45"
	 "81e79012af34ddd9e2f037589b292db3e67c036745fa22e7e9b7373b",
	 "dcf566ff291c25bbb8568fc3d376a6d9"},
	{K0_256, "", "", IV_0, "", "530f8afbc74536b9a963b4f1c4cb738b"},
	{K0_256, "00000000000000000000000000000000", "", IV_0, "cea7403d4d606b6e074ec5d3baf39d18",
	 "d0d1c8a799996bf0265b98b5d48ab919"},
	{KF_256, P_64, "", IV_12,
	 "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	 "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
	 "b094dac5d93471bdec1a502270e3cc6c"},
	{KF_256, P_60, A_20, IV_12,
	 "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	 "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
	 "76fc6ece0f4e1768cddf8853bb2d551b"},
	{KF_256, P_60, A_20, IV_8,
	 "c3762df1ca787d32ae47c13bf19844cbaf1ae14d0b976afac52ff7d79bba9de0"
	 "feb582d33934a4f0954cc2363bc73f7862ac430e64abe499f47c9b1f",
	 "3a337dbf46a792c45e454913fe2ea8f2"},
	{KF_256, P_60, A_20, IV_60,
	 "5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4"
	 "0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f",
	 "a44a8266ee1c8eb0c8b5d4cf5ae9f19a"},
};

static void test_gcm_spec(const struct variant *v)
{
	size_t n = sizeof gcm_spec / sizeof gcm_spec[0];

	for (size_t t = 0; t < n; t++) {
		uint8_t key[32], pt[64], aad[20], iv[60], ct[64], tag[16], buf[64], out_tag[16];
		size_t klen = test_unhex(gcm_spec[t].key, key, sizeof key);
		size_t plen = test_unhex(gcm_spec[t].pt, pt, sizeof pt);
		size_t alen = test_unhex(gcm_spec[t].aad, aad, sizeof aad);
		size_t ivlen = test_unhex(gcm_spec[t].iv, iv, sizeof iv);
		mote_gcm_ctx ctx;

		test_unhex(gcm_spec[t].ct, ct, sizeof ct);
		test_unhex(gcm_spec[t].tag, tag, sizeof tag);
		CHECK_INT(v->init(&ctx, key, klen), 0);
		memcpy(buf, pt, plen);
		CHECK_INT(v->seal(&ctx, iv, ivlen, aad, alen, buf, plen, out_tag, 16), 0);
		CHECK_MEM(buf, ct, plen);
		CHECK_MEM(out_tag, tag, 16);
		CHECK_INT(v->open(&ctx, iv, ivlen, aad, alen, buf, plen, tag, 16), 0);
		CHECK_MEM(buf, pt, plen);
	}
	printf("gcm spec (%s): %zu test cases\n", v->name, n);
}

static int all_zero(const uint8_t *p, size_t len)
{
	uint8_t acc = 0;

	for (size_t i = 0; i < len; i++)
		acc |= p[i];
	return acc == 0;
}

static enum wp_verdict wp_gcm(const struct json *group, const struct json *test, void *arg)
{
	const struct variant *v = arg;
	size_t klen, ivlen, alen, mlen, clen, tlen;
	uint8_t *key = wp_hex(test, "key", &klen), *iv = wp_hex(test, "iv", &ivlen);
	uint8_t *aad = wp_hex(test, "aad", &alen), *msg = wp_hex(test, "msg", &mlen);
	uint8_t *ct = wp_hex(test, "ct", &clen), *tag = wp_hex(test, "tag", &tlen);
	uint8_t *buf = malloc(mlen + clen + 1), out_tag[16];
	int sealed = 0, opened = 0;
	mote_gcm_ctx ctx;

	(void)group;
	CHECK_INT(v->init(&ctx, key, klen), 0); /* 128, 192 and 256 all supported */
	memcpy(buf, msg, mlen);
	if (v->seal(&ctx, iv, ivlen, aad, alen, buf, mlen, out_tag, tlen) == 0)
		sealed = mlen == clen && memcmp(buf, ct, clen) == 0 && memcmp(out_tag, tag, tlen) == 0;
	memcpy(buf, ct, clen);
	int r = v->open(&ctx, iv, ivlen, aad, alen, buf, clen, tag, tlen);
	if (r == 0)
		opened = clen == mlen && memcmp(buf, msg, mlen) == 0;
	else if (r == MOTE_ERR_AUTH_FAILED)
		CHECK(all_zero(buf, clen));
	/* Seal and open must agree on every vector. */
	CHECK(sealed == opened);
	free(key), free(iv), free(aad), free(msg), free(ct), free(tag), free(buf);
	return sealed && opened ? WP_ACCEPT : WP_REJECT;
}

static void test_wycheproof(const struct variant *v)
{
	printf("wycheproof (%s): ", v->name);
	fflush(stdout);
	struct wp_counts c = wp_run("aes_gcm_test.json", wp_gcm, (void *)v);
	CHECK_INT(c.skipped, 0);
	CHECK_INT(c.failed, 0);
}

/* Flips one bit of p[i] and checks that open fails and wipes the buffer. */
static void check_forgery(const struct variant *v, const mote_gcm_ctx *ctx, uint8_t *iv,
                          size_t ivlen, uint8_t *aad, size_t alen, const uint8_t *ct,
                          size_t len, uint8_t *tag, size_t tlen, uint8_t *p, size_t i)
{
	uint8_t buf[320];

	p[i] ^= 0x10;
	memcpy(buf, ct, len);
	CHECK_INT(v->open(ctx, iv, ivlen, aad, alen, buf, len, tag, tlen), MOTE_ERR_AUTH_FAILED);
	CHECK(all_zero(buf, len));
	p[i] ^= 0x10;
}

static void test_properties(const struct variant *v)
{
	uint8_t key[32], iv[40], aad[40], pt[320], ct[320], buf[320], tag[16], tag2[16];
	mote_gcm_ctx ctx;

	test_rand_seed(0x6763 + (uint64_t)(v - variants));
	for (size_t len = 0; len <= 300; len++) {
		size_t klen = 16 + 8 * (len % 3), ivlen = len % 5 ? 12 : 1 + len % 40;
		size_t alen = test_rand32() % 41, tlen = 4 + len % 13;

		test_rand_bytes(key, klen);
		test_rand_bytes(iv, ivlen);
		test_rand_bytes(aad, alen);
		test_rand_bytes(pt, len);
		CHECK_INT(v->init(&ctx, key, klen), 0);
		memcpy(ct, pt, len);
		CHECK_INT(v->seal(&ctx, iv, ivlen, aad, alen, ct, len, tag, 16), 0);
		/* A truncated tag is the prefix of the full one. */
		memcpy(buf, pt, len);
		CHECK_INT(v->seal(&ctx, iv, ivlen, aad, alen, buf, len, tag2, tlen), 0);
		CHECK_MEM(buf, ct, len);
		CHECK_MEM(tag2, tag, tlen);
		CHECK_INT(v->open(&ctx, iv, ivlen, aad, alen, buf, len, tag2, tlen), 0);
		CHECK_MEM(buf, pt, len);
		/* Every variant produces the same bytes. */
		for (size_t o = 0; o < NVARIANTS; o++) {
			mote_gcm_ctx c2;

			if (variants[o].available && !variants[o].available())
				continue;
			CHECK_INT(variants[o].init(&c2, key, klen), 0);
			memcpy(buf, pt, len);
			CHECK_INT(variants[o].seal(&c2, iv, ivlen, aad, alen, buf, len, tag2, 16), 0);
			CHECK_MEM(buf, ct, len);
			CHECK_MEM(tag2, tag, 16);
		}
		check_forgery(v, &ctx, iv, ivlen, aad, alen, ct, len, tag, tlen, tag, len % tlen);
		check_forgery(v, &ctx, iv, ivlen, aad, alen, ct, len, tag, tlen, iv, len % ivlen);
		if (alen > 0)
			check_forgery(v, &ctx, iv, ivlen, aad, alen, ct, len, tag, tlen, aad, len % alen);
		if (len > 0)
			check_forgery(v, &ctx, iv, ivlen, aad, alen, ct, len, tag, tlen, ct, len / 2);
	}
}

static void test_errors(const struct variant *v)
{
	uint8_t key[32] = {0}, iv[12] = {0}, buf[16] = {1}, tag[17] = {0};
	mote_gcm_ctx ctx;
	mote_aes_ctx aes;

	for (size_t klen = 0; klen <= 33; klen++) {
		int want = klen == 16 || klen == 24 || klen == 32 ? 0 : MOTE_ERR_BAD_KEY_LENGTH;

		CHECK_INT(v->init(&ctx, key, klen), want);
		CHECK_INT(v->aes_init(&aes, key, klen), want);
	}
	CHECK_INT(v->init(&ctx, key, 16), 0);
	CHECK_INT(v->seal(&ctx, iv, 0, NULL, 0, buf, 16, tag, 16), MOTE_ERR_BAD_NONCE_LENGTH);
	CHECK_INT(v->seal(&ctx, iv, 12, NULL, 0, buf, 16, tag, 3), MOTE_ERR_BAD_ARG);
	CHECK_INT(v->seal(&ctx, iv, 12, NULL, 0, buf, 16, tag, 17), MOTE_ERR_BAD_ARG);
	CHECK_INT(v->open(&ctx, iv, 0, NULL, 0, buf, 16, tag, 16), MOTE_ERR_BAD_NONCE_LENGTH);
	CHECK_INT(v->open(&ctx, iv, 12, NULL, 0, buf, 16, tag, 3), MOTE_ERR_BAD_ARG);
	CHECK_INT(v->open(&ctx, iv, 12, NULL, 0, buf, 16, tag, 17), MOTE_ERR_BAD_ARG);
	if (sizeof(size_t) > 4) {
		uint64_t too_long = ((uint64_t)1 << 36) - 31;

		CHECK_INT(v->seal(&ctx, iv, 12, NULL, 0, buf, (size_t)too_long, tag, 16),
		          MOTE_ERR_MESSAGE_TOO_LONG);
		CHECK_INT(v->open(&ctx, iv, 12, NULL, 0, buf, (size_t)too_long, tag, 16),
		          MOTE_ERR_MESSAGE_TOO_LONG);
	}
	CHECK(buf[0] == 1 && all_zero(buf + 1, 15)); /* untouched by the errors */
	mote_gcm_clear(&ctx);
	CHECK(all_zero((const uint8_t *)&ctx, sizeof ctx));
}

int main(void)
{
	for (size_t i = 0; i < NVARIANTS; i++) {
		const struct variant *v = &variants[i];

		if (v->available && !v->available()) {
			printf("%s: not supported by this CPU, skipped\n", v->name);
			continue;
		}
		test_fips197(v);
		test_ctr32(v);
		test_gcm_spec(v);
		test_wycheproof(v);
		test_properties(v);
		test_errors(v);
	}
	return test_finish("test_aes_gcm");
}
