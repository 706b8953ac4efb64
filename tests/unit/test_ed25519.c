/*
 * Ed25519 (RFC 8032): the five section 7.1 test vectors (public key,
 * signature, verification) and every Wycheproof ed25519_test.json vector,
 * run against every field variant and through the public API; plus
 * RFC 8032 5.1.3 decoding rejections and bit-flip rejections.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/curve25519.h"
#include "mote/config.h"
#include "mote/ed25519.h"
#include "mote/error.h"
#include "test.h"
#include "wycheproof.h"

#if MOTE_ENABLE_ED25519

struct variant {
	const char *name;
	void (*public_key)(uint8_t pub[32], const uint8_t seed[32]);
	void (*sign)(uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t seed[32],
	             const uint8_t pub[32]);
	int (*verify)(const uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t pub[32]);
};

static const struct variant variants[] = {
#if defined(__SIZEOF_INT128__)
	{"64", mote_ed25519_public_key_64, mote_ed25519_sign_64, mote_ed25519_verify_64},
#endif
	{"32", mote_ed25519_public_key_32, mote_ed25519_sign_32, mote_ed25519_verify_32},
	{"16", mote_ed25519_public_key_16, mote_ed25519_sign_16, mote_ed25519_verify_16},
	{"public", mote_ed25519_public_key, mote_ed25519_sign, mote_ed25519_verify},
};

struct rfc_vector {
	const char *name, *seed, *pub, *msg, *sig;
};

/* RFC 8032 section 7.1. */
static const struct rfc_vector rfc8032[] = {
	{"TEST 1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
	 "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
	 "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
	 "1cf9b46bd25bf5f0595bbe24655141438e7a100b"},
	{"TEST 2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
	 "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
	 "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613"
	 "d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
	{"TEST 3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
	 "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
	 "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760"
	 "984dc6594a7c15e9716ed28dc027beceea1ec40a"},
	{"TEST 1024", "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
	 "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
	 "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f5"
	 "4e9f77b1e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37"
	 "c93a1b270b20329d658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efc"
	 "b8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b"
	 "3b310da903401aa62100ab5d1a36553e06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573c"
	 "b116dbefefd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204"
	 "ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed185ce81bd84359d44254d95629e9855a94a7c1958"
	 "d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24"
	 "554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f27088d78b7e883c8759d2c4f5c6"
	 "5adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2"
	 "cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128bab27af87a"
	 "71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b"
	 "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9"
	 "b47acdb751fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb"
	 "038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f672451"
	 "7b65e614ad6808d6f6ee34dff7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08"
	 "d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e"
	 "2ab47b57f7f7276cd419c17a3ca8e1b939ae49e488acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d"
	 "5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e6aed3fb0"
	 "f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5fb93246f6b1116398a346f1a641f3b041"
	 "e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa9"
	 "33a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380db2eaaa707b4c4185"
	 "c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8cac60c905c"
	 "15fc910840b94c00a0b9d0",
	 "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23"
	 "c436d94b5e8fcd4f681e30a6ac00a9704a188a03"},
	{"TEST SHA(abc)", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
	 "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
	 "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23"
	 "a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
	 "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c6"
	 "6431e0303dca179c138ac17ad9bef1177331a704"},
};

static void test_rfc8032(const struct variant *v)
{
	for (size_t i = 0; i < sizeof rfc8032 / sizeof rfc8032[0]; i++) {
		const struct rfc_vector *t = &rfc8032[i];
		uint8_t seed[32], pub[32], want_pub[32], sig[64], want_sig[64], msg[1024];
		size_t len = strlen(t->msg) / 2;

		test_unhex_const(t->seed, seed, 32);
		test_unhex_const(t->pub, want_pub, 32);
		test_unhex_const(t->sig, want_sig, 64);
		CHECK(test_unhex(t->msg, msg, sizeof msg) == len);
		v->public_key(pub, seed);
		CHECK_MEM(pub, want_pub, 32);
		v->sign(sig, len ? msg : NULL, len, seed, want_pub);
		CHECK_MEM(sig, want_sig, 64);
		CHECK_INT(v->verify(want_sig, len ? msg : NULL, len, want_pub), 0);

		/* Any flipped bit of R, S or the message must be rejected. */
		for (int bit = 0; bit < 512; bit += 37) {
			sig[bit / 8] ^= (uint8_t)(1 << (bit % 8));
			CHECK(v->verify(sig, msg, len, want_pub) == MOTE_ERR_BAD_SIGNATURE);
			sig[bit / 8] ^= (uint8_t)(1 << (bit % 8));
		}
		if (len) {
			msg[len / 2] ^= 0x10;
			CHECK_INT(v->verify(sig, msg, len, want_pub), MOTE_ERR_BAD_SIGNATURE);
		}
		/* pub may alias seed. */
		memcpy(pub, seed, 32);
		v->public_key(pub, pub);
		CHECK_MEM(pub, want_pub, 32);
	}
}

/* RFC 8032 5.1.3: public keys that must not decode. */
static void test_bad_public_keys(const struct variant *v)
{
	static const char *const bad[] = {
		/* y = p (non-canonical encoding of 0) */
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		/* y = p + 1 (non-canonical encoding of 1, the identity) */
		"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		/* y = 2^255 - 1 */
		"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		/* y = 1, x = 0 with the sign bit set */
		"0100000000000000000000000000000000000000000000000000000000000080",
		/* y = 2: (y^2 - 1) / (d y^2 + 1) is not a square */
		"0200000000000000000000000000000000000000000000000000000000000000",
	};
	uint8_t pub[32], sig[64];

	test_unhex_const(rfc8032[0].sig, sig, 64);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		test_unhex_const(bad[i], pub, 32);
		CHECK_INT(v->verify(sig, NULL, 0, pub), MOTE_ERR_BAD_POINT);
	}
}

/*
 * Wycheproof: the API takes exactly 64 signature bytes, so signatures of
 * another length are rejected before the call, as a caller must.
 */
static enum wp_verdict wp_ed25519(const struct json *group, const struct json *test, void *arg)
{
	const struct variant *v = arg;
	const struct json *key = json_get(group, "publicKey");
	size_t pk_len, msg_len, sig_len;
	uint8_t *pk = wp_hex(key, "pk", &pk_len);
	uint8_t *msg = wp_hex(test, "msg", &msg_len);
	uint8_t *sig = wp_hex(test, "sig", &sig_len);
	enum wp_verdict verdict = WP_REJECT;

	CHECK(pk_len == 32);
	if (pk_len == 32 && sig_len == 64) {
		int rc = v->verify(sig, msg, msg_len, pk);
		CHECK(rc == 0 || rc == MOTE_ERR_BAD_SIGNATURE || rc == MOTE_ERR_BAD_POINT);
		if (rc == 0)
			verdict = WP_ACCEPT;
	}
	free(pk);
	free(msg);
	free(sig);
	return verdict;
}

int main(void)
{
	for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		const struct variant *v = &variants[i];
		struct wp_counts c;

		printf("variant %s:\n", v->name);
		test_rfc8032(v);
		test_bad_public_keys(v);
		c = wp_run("ed25519_test.json", wp_ed25519, (void *)v);
		CHECK_INT(c.failed, 0);
	}
	return test_finish("test_ed25519");
}

#else

int main(void)
{
	printf("test_ed25519: MOTE_ENABLE_ED25519 is 0, nothing to test\n");
	CHECK(1);
	return test_finish("test_ed25519");
}

#endif
