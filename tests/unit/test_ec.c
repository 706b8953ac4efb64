/*
 * P-256 / P-384 through the public API (the core MOTE_MUL_BITS selects):
 * DER signature conversion, key generation, dispatch; then every vector
 * and property of test_ec.h on the 64-bit core (test_ec_ct32.c and
 * test_ec_ct16.c run them on the other cores).
 */
#include "test_ec.h"

/* A random source that replays a script, then counts calls. */
struct script_rng {
	const uint8_t *data;
	size_t len, pos;
	int calls, fail;
};

static int script_random(void *arg, uint8_t *out, size_t len)
{
	struct script_rng *s = arg;

	s->calls++;
	if (s->fail)
		return MOTE_ERR_ENTROPY;
	for (size_t i = 0; i < len; i++)
		out[i] = s->pos < s->len ? s->data[s->pos++] : (uint8_t)test_rand32();
	return 0;
}

static void test_keygen(mote_ec_curve c)
{
	size_t len = mote_ec_size(c);
	uint8_t script[3 * MOTE_EC_MAX_BYTES];
	uint8_t priv[MOTE_EC_MAX_BYTES], pub[MOTE_EC_MAX_POINT], pub2[MOTE_EC_MAX_POINT];
	const struct mote_ec_ops *ops = mote_ec_ops_get(c);

	/* 0 and n are rejected draws; the third is taken as it is. */
	memset(script, 0, len);
	memcpy(script + len, ops->order, len);
	memset(script + 2 * len, 0x11, len);
	struct script_rng rng = {script, 3 * len, 0, 0, 0};
	CHECK_INT(mote_ec_keygen(c, priv, pub, script_random, &rng), 0);
	CHECK_INT(rng.calls, 3);
	CHECK_MEM(priv, script + 2 * len, len);
	CHECK_INT(mote_ec_public_key(c, pub2, priv), 0);
	CHECK_MEM(pub, pub2, 2 * len + 1);

	rng = (struct script_rng){NULL, 0, 0, 0, 1};
	CHECK_INT(mote_ec_keygen(c, priv, pub, script_random, &rng), MOTE_ERR_ENTROPY);

	/* A key pair agrees with itself through ECDH both ways. */
	uint8_t priv2[MOTE_EC_MAX_BYTES], s1[MOTE_EC_MAX_BYTES], s2[MOTE_EC_MAX_BYTES];
	rng = (struct script_rng){NULL, 0, 0, 0, 0};
	CHECK_INT(mote_ec_keygen(c, priv, pub, script_random, &rng), 0);
	CHECK_INT(mote_ec_keygen(c, priv2, pub2, script_random, &rng), 0);
	CHECK_INT(mote_ecdh(c, s1, priv, pub2, 2 * len + 1), 0);
	CHECK_INT(mote_ecdh(c, s2, priv2, pub, 2 * len + 1), 0);
	CHECK_MEM(s1, s2, len);

	/* An empty hash is the integer 0 (and a NULL pointer is fine). */
	uint8_t rs[MOTE_EC_MAX_SIG];
	CHECK_INT(mote_ecdsa_sign(c, rs, priv, NULL, 0, NULL, 0), 0);
	CHECK_INT(mote_ecdsa_verify(c, pub, 2 * len + 1, NULL, 0, rs, 2 * len), 0);
	uint8_t zeros[MOTE_EC_MAX_BYTES] = {0};
	CHECK_INT(mote_ecdsa_verify(c, pub, 2 * len + 1, zeros, len, rs, 2 * len), 0);
}

static void test_der(mote_ec_curve c)
{
	size_t len = mote_ec_size(c), der_len;
	uint8_t rs[MOTE_EC_MAX_SIG], back[MOTE_EC_MAX_SIG], der[MOTE_EC_MAX_DER_SIG];

	/* Round trips over values with and without high bits and zeros. */
	for (int i = 0; i < 200; i++) {
		test_rand_bytes(rs, 2 * len);
		if (i & 1)
			rs[0] |= 0x80;
		if (i & 2)
			memset(rs + len, 0, (size_t)(i % (int)len));
		if (i % 7 == 0)
			memset(rs, 0, len);
		der_len = sizeof der;
		CHECK_INT(mote_ecdsa_sig_to_der(c, der, &der_len, rs), 0);
		CHECK_INT(mote_ecdsa_sig_from_der(c, back, der, der_len), 0);
		CHECK_MEM(back, rs, 2 * len);
		/* trailing byte, truncation */
		der[der_len] = 0;
		CHECK_INT(mote_ecdsa_sig_from_der(c, back, der, der_len + 1),
		          MOTE_ERR_BAD_SIGNATURE_ENCODING);
		CHECK_INT(mote_ecdsa_sig_from_der(c, back, der, der_len - 1),
		          MOTE_ERR_BAD_SIGNATURE_ENCODING);
		size_t small = der_len - 1;
		CHECK_INT(mote_ecdsa_sig_to_der(c, der, &small, rs), MOTE_ERR_BUFFER_TOO_SMALL);
	}
	/* Exact encodings: r = 1, s = 0x80 (needs a zero byte). */
	memset(rs, 0, 2 * len);
	rs[len - 1] = 1;
	rs[2 * len - 1] = 0x80;
	static const uint8_t want[] = {0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80};
	der_len = sizeof der;
	CHECK_INT(mote_ecdsa_sig_to_der(c, der, &der_len, rs), 0);
	CHECK_INT(der_len, sizeof want);
	CHECK_MEM(der, want, sizeof want);

	/* Strictness: each of these is refused. */
	static const char *bad[] = {
		"3006020101020180",       /* s negative */
		"300702010102020001",     /* s with a superfluous zero byte */
		"300702020001020101",     /* r with a superfluous zero byte */
		"300702020000020101",     /* zero written on two bytes */
		"300602010102020080",     /* SEQUENCE length too short */
		"300802010102020080",     /* SEQUENCE length too long */
		"310702010102020080",     /* SET instead of SEQUENCE */
		"30810702010102020080",   /* long-form length */
		"30800201010201010000",   /* indefinite length */
		"300702010103020080",     /* BIT STRING instead of INTEGER */
		"3003020101",             /* one INTEGER */
		"30050200020101",         /* empty INTEGER */
		"3006020101020201",       /* INTEGER runs past the end */
		"",                       /* nothing */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint8_t buf[16];
		size_t n = 0;
		if (*bad[i])
			n = test_unhex(bad[i], buf, sizeof buf);
		CHECK_INT(mote_ecdsa_sig_from_der(c, back, buf, n), MOTE_ERR_BAD_SIGNATURE_ENCODING);
	}
	/* An integer one byte longer than the order is refused. */
	uint8_t big[MOTE_EC_MAX_DER_SIG + 2];
	size_t n = 0;
	big[n++] = 0x30;
	big[n++] = (uint8_t)(2 + len + 1 + 3);
	big[n++] = 0x02;
	big[n++] = (uint8_t)(len + 1);
	big[n++] = 0x01;
	memset(big + n, 0, len);
	n += len;
	memcpy(big + n, "\x02\x01\x01", 3);
	n += 3;
	CHECK_INT(mote_ecdsa_sig_from_der(c, back, big, n), MOTE_ERR_BAD_SIGNATURE_ENCODING);
	big[4] = 0x00; /* now 0x00 || len zero bytes: not minimal either */
	CHECK_INT(mote_ecdsa_sig_from_der(c, back, big, n), MOTE_ERR_BAD_SIGNATURE_ENCODING);
}

static void test_dispatch(void)
{
	uint8_t buf[MOTE_EC_MAX_DER_SIG] = {0};
	size_t n = sizeof buf;
	mote_ec_curve none = (mote_ec_curve)29;

	CHECK_INT(mote_ec_size(MOTE_EC_P256), 32);
#if MOTE_ENABLE_P384
	CHECK_INT(mote_ec_size(MOTE_EC_P384), 48);
#else
	CHECK_INT(mote_ec_size(MOTE_EC_P384), 0);
#endif
	CHECK_INT(mote_ec_size(none), 0);
	CHECK_INT(mote_ecdh(none, buf, buf, buf, 65), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(mote_ec_public_key(none, buf, buf), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(mote_ec_keygen(none, buf, buf, script_random, NULL), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(mote_ecdsa_sign(none, buf, buf, buf, 32, NULL, 0), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(mote_ecdsa_verify(none, buf, 65, buf, 32, buf, 64), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(mote_ecdsa_sig_from_der(none, buf, buf, 8), MOTE_ERR_UNSUPPORTED);
	CHECK_INT(mote_ecdsa_sig_to_der(none, buf, &n, buf), MOTE_ERR_UNSUPPORTED);
	/* wrong signature and key lengths */
	const struct mote_ec_ops *ops = mote_ec_ops_get(MOTE_EC_P256);
	CHECK_INT(mote_ecdsa_verify(MOTE_EC_P256, buf, 65, buf, 32, buf, 63), MOTE_ERR_BAD_POINT);
	buf[0] = 4;
	CHECK_INT(mote_ecdsa_verify(MOTE_EC_P256, buf, 64, buf, 32, buf, 64), MOTE_ERR_BAD_POINT);
#if MOTE_MUL_BITS == 64 && MOTE_EC_HAVE_CT64
	CHECK(ops == &mote_ec_p256_ct64);
#elif MOTE_MUL_BITS == 16
	CHECK(ops == &mote_ec_p256_ct16);
#else
	CHECK(ops == &mote_ec_p256_ct32);
#endif
}

int main(void)
{
	static const struct ec_core core = {
#if MOTE_EC_HAVE_CT64
		"ct64", &mote_ec_p256_ct64, &mote_ec_p384_ct64
#else
		"ct32", &mote_ec_p256_ct32, &mote_ec_p384_ct32
#endif
	};

	test_rand_seed(0xEC);
	test_dispatch();
	test_der(MOTE_EC_P256);
	test_keygen(MOTE_EC_P256);
#if MOTE_ENABLE_P384
	test_der(MOTE_EC_P384);
	test_keygen(MOTE_EC_P384);
#endif
	run_core(&core, 1);
	return test_finish("test_ec");
}
