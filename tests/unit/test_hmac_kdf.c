/*
 * HMAC, HKDF, HKDF-Expand-Label and the TLS 1.2 PRF.
 *
 * HMAC: RFC 4231 test cases 1-7 for SHA-256/384/512 (case 5 truncated to
 * 128 bits, cases 6-7 with 131-byte keys) and Wycheproof hmac_sha*_test.
 * HKDF: RFC 5869 appendix A.1-A.3 (SHA-256) and Wycheproof hkdf_sha*_test
 * (invalid vectors ask for more than 255 * HashLen bytes and must fail).
 * HKDF-Expand-Label: the RFC 8448 section 3 key schedule (simple 1-RTT).
 * TLS 1.2 PRF: the IETF TLS mailing-list vectors ("test label") for
 * SHA-256, SHA-384 and SHA-512.
 */
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ct.h"
#include "mote/error.h"
#include "mote/hmac.h"
#include "mote/kdf.h"
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

/* Hex to bytes into a fixed buffer; checks the expected length. */
static size_t unhex_n(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = test_unhex(hex, out, cap);
	CHECK(n != (size_t)-1);
	return n == (size_t)-1 ? 0 : n;
}

struct rfc5869_case {
	const char *ikm, *salt, *info;
	size_t len;
	const char *prk, *okm;
};

static const struct rfc5869_case rfc5869[] = {
	{"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
	 "f0f1f2f3f4f5f6f7f8f9", 42,
	 "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
	 "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
	{"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
	 "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
	 "404142434445464748494a4b4c4d4e4f",
	 "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
	 "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
	 "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
	 "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
	 "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
	 "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
	 82, "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
	 "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
	 "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
	 "cc30c58179ec3e87c14c01d5c1f3434f1d87"},
	{"0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
	 "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
	 "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
};

static void test_rfc5869(void)
{
	uint8_t ikm[80], salt[80], info[80], prk[32], okm[82], want_prk[32], want_okm[82];

	for (size_t i = 0; i < 3; i++) {
		const struct rfc5869_case *c = &rfc5869[i];
		size_t il = unhex_n(c->ikm, ikm, sizeof ikm);
		size_t sl = unhex_n(c->salt, salt, sizeof salt);
		size_t nl = unhex_n(c->info, info, sizeof info);

		unhex_n(c->prk, want_prk, sizeof want_prk);
		CHECK_INT(unhex_n(c->okm, want_okm, sizeof want_okm), c->len);
		/* Case 3 has no salt: pass NULL to exercise the default. */
		mote_hkdf_extract(MOTE_HASH_SHA256, sl ? salt : NULL, sl, ikm, il, prk);
		CHECK_MEM(prk, want_prk, 32);
		CHECK_INT(mote_hkdf_expand(MOTE_HASH_SHA256, prk, 32, info, nl, okm, c->len), 0);
		CHECK_MEM(okm, want_okm, c->len);
		/* A shorter request is a prefix of the longer output. */
		CHECK_INT(mote_hkdf_expand(MOTE_HASH_SHA256, prk, 32, info, nl, okm, 33), 0);
		CHECK_MEM(okm, want_okm, 33);
	}
	printf("test_hmac_kdf: 3 RFC 5869 HKDF vectors\n");
}

/* Wycheproof HkdfTest: extract + expand; an oversized request must fail. */
static enum wp_verdict wp_hkdf(const struct json *group, const struct json *test, void *arg)
{
	mote_hash_alg alg = *(const mote_hash_alg *)arg;
	size_t il, sl, nl, ol;
	size_t size = (size_t)json_get_num(test, "size");
	uint8_t *ikm = wp_hex(test, "ikm", &il);
	uint8_t *salt = wp_hex(test, "salt", &sl);
	uint8_t *info = wp_hex(test, "info", &nl);
	uint8_t *okm = wp_hex(test, "okm", &ol);
	uint8_t *out = malloc(size ? size : 1);
	uint8_t prk[MOTE_HASH_MAX_SIZE];
	enum wp_verdict v = WP_REJECT;

	mote_hkdf_extract(alg, salt, sl, ikm, il, prk);
	if (mote_hkdf_expand(alg, prk, mote_hash_size(alg), info, nl, out, size) == 0 &&
	    ol == size && memcmp(out, okm, size) == 0)
		v = WP_ACCEPT;
	free(ikm);
	free(salt);
	free(info);
	free(okm);
	free(out);
	return v;
}

static void test_wycheproof_hkdf(void)
{
	static const struct {
		const char *file;
		mote_hash_alg alg;
	} files[] = {
		{"hkdf_sha256_test.json", MOTE_HASH_SHA256},
		{"hkdf_sha384_test.json", MOTE_HASH_SHA384},
		{"hkdf_sha512_test.json", MOTE_HASH_SHA512},
	};

	for (size_t i = 0; i < 3; i++) {
		mote_hash_alg alg = files[i].alg;
		struct wp_counts c = wp_run(files[i].file, wp_hkdf, &alg);
		CHECK_INT(c.skipped, 0);
		CHECK(c.invalid_ok > 0);
	}
}

/* Derive-Secret(secret, label, transcript hash) = Expand-Label(.., 32). */
static void derive_secret(const uint8_t *secret, const char *label, const uint8_t *hash,
                          uint8_t *out)
{
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA256, secret, 32, label, hash, 32, out, 32),
	          0);
}

/* RFC 8448 section 3 (simple 1-RTT, TLS_AES_128_GCM_SHA256): the key
 * schedule from the zero PSK through the handshake traffic keys to the
 * master secret, with the values the RFC prints at each step. */
static void test_rfc8448(void)
{
	uint8_t zero[32] = {0}, empty_hash[32], early[32], derived[32], hs[32], master[32];
	uint8_t ecdhe[32], th[32], secret[32], key[16], iv[12], want[32];
	int n = 0;

	mote_sha256("", 0, empty_hash);
	mote_hkdf_extract(MOTE_HASH_SHA256, zero, 32, zero, 32, early);
	unhex_n("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a", want, 32);
	CHECK_MEM(early, want, 32), n++;

	derive_secret(early, "derived", empty_hash, derived);
	unhex_n("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba", want, 32);
	CHECK_MEM(derived, want, 32), n++;

	unhex_n("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d", ecdhe, 32);
	mote_hkdf_extract(MOTE_HASH_SHA256, derived, 32, ecdhe, 32, hs);
	unhex_n("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac", want, 32);
	CHECK_MEM(hs, want, 32), n++;

	/* Transcript hash of ClientHello..ServerHello, as printed in the RFC. */
	unhex_n("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8", th, 32);
	derive_secret(hs, "c hs traffic", th, secret);
	unhex_n("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21", want, 32);
	CHECK_MEM(secret, want, 32), n++;
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA256, secret, 32, "key", NULL, 0, key, 16), 0);
	unhex_n("dbfaa693d1762c5b666af5d950258d01", want, 16);
	CHECK_MEM(key, want, 16), n++;
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA256, secret, 32, "iv", NULL, 0, iv, 12), 0);
	unhex_n("5bd3c71b836e0b76bb73265f", want, 12);
	CHECK_MEM(iv, want, 12), n++;

	derive_secret(hs, "s hs traffic", th, secret);
	unhex_n("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38", want, 32);
	CHECK_MEM(secret, want, 32), n++;
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA256, secret, 32, "key", NULL, 0, key, 16), 0);
	unhex_n("3fce516009c21727d0f2e4e86ee403bc", want, 16);
	CHECK_MEM(key, want, 16), n++;
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA256, secret, 32, "iv", NULL, 0, iv, 12), 0);
	unhex_n("5d313eb2671276ee13000b30", want, 12);
	CHECK_MEM(iv, want, 12), n++;

	derive_secret(hs, "derived", empty_hash, derived);
	unhex_n("43de77e0c77713859a944db9db2590b53190a65b3ee2e4f12dd7a0bb7ce254b4", want, 32);
	CHECK_MEM(derived, want, 32), n++;
	mote_hkdf_extract(MOTE_HASH_SHA256, derived, 32, zero, 32, master);
	unhex_n("18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919", want, 32);
	CHECK_MEM(master, want, 32), n++;
	printf("test_hmac_kdf: %d RFC 8448 key-schedule values\n", n);
}

static void test_expand_limits(void)
{
	static uint8_t out[255 * 64 + 1];
	uint8_t prk[64] = {1}, ctx[256] = {0};
	char label[256];

	CHECK_INT(mote_hkdf_expand(MOTE_HASH_SHA256, prk, 32, NULL, 0, out, 255 * 32), 0);
	CHECK_INT(mote_hkdf_expand(MOTE_HASH_SHA256, prk, 32, NULL, 0, out, 255 * 32 + 1),
	          MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_hkdf_expand(MOTE_HASH_SHA512, prk, 64, NULL, 0, out, 255 * 64), 0);
	CHECK_INT(mote_hkdf_expand(MOTE_HASH_SHA512, prk, 64, NULL, 0, out, 255 * 64 + 1),
	          MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_hkdf_expand(MOTE_HASH_NONE, prk, 32, NULL, 0, out, 1), MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_hkdf_expand(MOTE_HASH_SHA256, prk, 32, NULL, 0, out, 0), 0);

	/* "tls13 " + 249 bytes is the longest label; context up to 255. */
	memset(label, 'a', sizeof label);
	label[249] = 0;
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA256, prk, 32, label, ctx, 255, out, 32), 0);
	label[249] = 'a';
	label[250] = 0;
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA256, prk, 32, label, ctx, 0, out, 32),
	          MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA256, prk, 32, "key", ctx, 256, out, 32),
	          MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_hkdf_expand_label(MOTE_HASH_SHA256, prk, 32, "key", NULL, 0, out,
	                                 255 * 32 + 1),
	          MOTE_ERR_BAD_ARG);
	CHECK_INT(mote_tls12_prf(MOTE_HASH_NONE, prk, 32, "x", NULL, 0, out, 1), MOTE_ERR_BAD_ARG);
}

struct prf_case {
	mote_hash_alg alg;
	const char *secret, *seed, *out;
};

/* From the IETF TLS list ("TLS 1.2 PRF test vectors"), label "test label". */
static const struct prf_case prf_cases[] = {
	{MOTE_HASH_SHA256, "9bbe436ba940f017b17652849a71db35", "a0ba9f936cda311827a6f796ffd5198c",
	 "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
	 "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
	 "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
	 "87347b66"},
	{MOTE_HASH_SHA384, "b80b733d6ceefcdc71566ea48e5567df", "cd665cf6a8447dd6ff8b27555edb7465",
	 "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
	 "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
	 "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
	 "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
	 "91c8f3a26854308d5eaa3be85e0990703d73e56f"},
	{MOTE_HASH_SHA512, "b0323523c1853599584d88568bbb05eb", "d4640e12e4bcdbfb437f03e6ae418ee5",
	 "1261f588c798c5c201ff036e7a9cb5edcd7fe3f94c669a122a4638d7d508b283"
	 "042df6789875c7147e906d868bc75c45e20eb40c1cf4a1713b27371f68432592"
	 "f7dc8ea8ef223e12ea8507841311bf68653d0cfc4056d811f025c45ddfa6e6fe"
	 "c702f054b409d6f28dd0a3233e498da41a3e75c5630eedbe22fe254e33a1b0e9"
	 "f6b9826675bec7d01a845658dc9c397545401d40b9f46c7a400ee1b8f81ca0a6"
	 "0d1a397a1028bff5d2ef5066126842fb8da4197632bdb54ff6633f86bbc836e6"
	 "40d4d898"},
};

static void test_tls12_prf(void)
{
	uint8_t secret[16], seed[16], want[196], got[197];

	for (size_t i = 0; i < sizeof prf_cases / sizeof prf_cases[0]; i++) {
		const struct prf_case *c = &prf_cases[i];
		size_t sl = unhex_n(c->secret, secret, sizeof secret);
		size_t dl = unhex_n(c->seed, seed, sizeof seed);
		size_t ol = unhex_n(c->out, want, sizeof want);

		got[ol] = 0xA5;
		CHECK_INT(mote_tls12_prf(c->alg, secret, sl, "test label", seed, dl, got, ol), 0);
		CHECK_MEM(got, want, ol);
		CHECK_INT(got[ol], 0xA5); /* nothing written past out_len */
		/* Every shorter length gives a prefix. */
		for (size_t len = 0; len < ol; len += 7) {
			memset(got, 0, sizeof got);
			int rc = mote_tls12_prf(c->alg, secret, sl, "test label", seed, dl, got,
			                        len);
			CHECK_INT(rc, 0);
			CHECK_MEM(got, want, len);
			CHECK_INT(got[len], 0);
		}
	}
	printf("test_hmac_kdf: %zu TLS 1.2 PRF vectors\n", sizeof prf_cases / sizeof prf_cases[0]);
}

int main(void)
{
	test_rfc4231();
	test_wycheproof_hmac();
	test_rfc5869();
	test_wycheproof_hkdf();
	test_rfc8448();
	test_expand_limits();
	test_tls12_prf();
	return test_finish("test_hmac_kdf");
}
