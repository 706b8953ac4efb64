/*
 * HMAC, HKDF, HKDF-Expand-Label and the TLS 1.2 PRF.
 *
 * HMAC: RFC 4231 test cases 1-7 for SHA-256/384/512 (case 5 truncated to
 * 128 bits, cases 6-7 with 131-byte keys) and Wycheproof hmac_sha*_test.
 */
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ct.h"
#include "mote/hmac.h"
#include "test.h"
#include "wycheproof.h"

/* The HMAC context is two hash contexts (mote/hmac.h). */
_Static_assert(sizeof(mote_hmac_ctx) == 2 * sizeof(mote_hash_ctx), "mote_hmac_ctx size");
_Static_assert(sizeof(mote_hmac_ctx) == (alignof(uint64_t) == 8 ? 416 : 408),
               "mote_hmac_ctx size");

/* A byte string given either as hex or as one byte repeated (rep > 0). */
struct bytes_spec {
	const char *hex;
	size_t rep;
};

static size_t spec_bytes(const struct bytes_spec *s, uint8_t *out, size_t cap)
{
	if (!s->rep)
		return test_unhex(s->hex, out, cap);
	uint8_t b;
	test_unhex(s->hex, &b, 1);
	memset(out, b, s->rep);
	return s->rep;
}

struct rfc4231_case {
	struct bytes_spec key, data;
	size_t trunc; /* 0: full output */
	const char *sha256, *sha384, *sha512;
};

static const struct rfc4231_case rfc4231[] = {
	{{"0b", 20}, {"4869205468657265", 0}, 0,
	 "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
	 "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
	 "faea9ea9076ede7f4af152e8b2fa9cb6",
	 "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
	 "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"},
	{{"4a656665", 0}, {"7768617420646f2079612077616e7420666f72206e6f7468696e673f", 0}, 0,
	 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
	 "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
	 "8e2240ca5e69e2c78b3239ecfab21649",
	 "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
	 "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
	{{"aa", 20}, {"dd", 50}, 0,
	 "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
	 "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
	 "2a5ab39dc13814b94e3ab6e101a34f27",
	 "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
	 "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"},
	{{"0102030405060708090a0b0c0d0e0f10111213141516171819", 0}, {"cd", 50}, 0,
	 "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
	 "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
	 "6801dd23c4a7d679ccf8a386c674cffb",
	 "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
	 "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"},
	{{"0c", 20}, {"546573742057697468205472756e636174696f6e", 0}, 16,
	 "a3b6167473100ee06e0c796c2955552b", "3abf34c3503b2a23a46efc619baef897",
	 "415fad6271580a531d4179bc891d87a6"},
	{{"aa", 131},
	 {"54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a"
	  "65204b6579202d2048617368204b6579204669727374",
	  0},
	 0, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	 "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
	 "0c2ef6ab4030fe8296248df163f44952",
	 "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
	 "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"},
	{{"aa", 131},
	 {"5468697320697320612074657374207573696e672061206c6172676572207468"
	  "616e20626c6f636b2d73697a65206b657920616e642061206c61726765722074"
	  "68616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565"
	  "647320746f20626520686173686564206265666f7265206265696e6720757365"
	  "642062792074686520484d414320616c676f726974686d2e",
	  0},
	 0, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
	 "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
	 "a678cc31e799176d3860e6110c46523e",
	 "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
	 "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"},
};

static void check_hmac_case(mote_hash_alg alg, const uint8_t *key, size_t key_len,
                            const uint8_t *data, size_t data_len, const char *want_hex,
                            size_t trunc)
{
	uint8_t want[64], got[64];
	size_t hl = mote_hash_size(alg);
	size_t wl = test_unhex(want_hex, want, sizeof want);

	CHECK_INT(wl, trunc ? trunc : hl);
	mote_hmac(alg, key, key_len, data, data_len, got);
	CHECK_MEM(got, want, wl);

	/* Streaming byte by byte after a fork of the keyed context. */
	mote_hmac_ctx keyed, ctx;
	mote_hmac_init(&keyed, alg, key, key_len);
	ctx = keyed;
	for (size_t i = 0; i < data_len; i++)
		mote_hmac_update(&ctx, data + i, 1);
	mote_hmac_final(&ctx, got);
	CHECK_MEM(got, want, wl);
	mote_hmac_update(&keyed, data, data_len);
	mote_hmac_final(&keyed, got);
	CHECK_MEM(got, want, wl);
}

static void test_rfc4231(void)
{
	static const mote_hash_alg algs[] = {MOTE_HASH_SHA256, MOTE_HASH_SHA384,
	                                     MOTE_HASH_SHA512};
	uint8_t key[200], data[200];
	int n = 0;

	for (size_t i = 0; i < sizeof rfc4231 / sizeof rfc4231[0]; i++) {
		const struct rfc4231_case *c = &rfc4231[i];
		size_t kl = spec_bytes(&c->key, key, sizeof key);
		size_t dl = spec_bytes(&c->data, data, sizeof data);
		const char *want[3] = {c->sha256, c->sha384, c->sha512};

		for (int a = 0; a < 3; a++) {
			check_hmac_case(algs[a], key, kl, data, dl, want[a], c->trunc);
			n++;
		}
	}
	printf("test_hmac_kdf: %d RFC 4231 HMAC vectors\n", n);
}

/* Wycheproof MacTest: tags may be truncated to tagSize bits; compare that
 * prefix in constant time, as a verifier would. */
static enum wp_verdict wp_hmac(const struct json *group, const struct json *test, void *arg)
{
	mote_hash_alg alg = *(const mote_hash_alg *)arg;
	size_t tag_bytes = (size_t)json_get_num(group, "tagSize") / 8;
	size_t kl, ml, tl;
	uint8_t *key = wp_hex(test, "key", &kl);
	uint8_t *msg = wp_hex(test, "msg", &ml);
	uint8_t *tag = wp_hex(test, "tag", &tl);
	uint8_t mac[MOTE_HASH_MAX_SIZE];
	enum wp_verdict v = WP_REJECT;

	if (tag_bytes > mote_hash_size(alg)) {
		v = WP_SKIP;
	} else {
		mote_hmac(alg, key, kl, msg, ml, mac);
		if (tl == tag_bytes && mote_ct_memeq(mac, tag, tag_bytes))
			v = WP_ACCEPT;
	}
	free(key);
	free(msg);
	free(tag);
	return v;
}

static void test_wycheproof_hmac(void)
{
	static const struct {
		const char *file;
		mote_hash_alg alg;
	} files[] = {
		{"hmac_sha256_test.json", MOTE_HASH_SHA256},
		{"hmac_sha384_test.json", MOTE_HASH_SHA384},
		{"hmac_sha512_test.json", MOTE_HASH_SHA512},
	};

	for (size_t i = 0; i < 3; i++) {
		mote_hash_alg alg = files[i].alg;
		struct wp_counts c = wp_run(files[i].file, wp_hmac, &alg);
		CHECK_INT(c.skipped, 0);
	}
}

int main(void)
{
	test_rfc4231();
	test_wycheproof_hmac();
	return test_finish("test_hmac_kdf");
}
