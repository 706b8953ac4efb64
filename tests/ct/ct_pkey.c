/*
 * Private-key decoding is constant time in the secrets: with the secret
 * bytes of each fixture marked undefined, memcheck must see no branch or
 * index depending on them. Secret: the EC scalar (its range check
 * included, also for an out-of-range one), the Ed25519 seed, the X25519
 * key, and RSA's d, p, q, dp, dq, qinv except their first two content
 * bytes (DER minimality; the encoded length already tells as much).
 */
#include <valgrind/memcheck.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/error.h"
#include "mote/pkey.h"
#include "test.h"
#include "testfile.h"

/* Mark the secret parts of k (pointing into a buffer) undefined or
 * defined again. */
static void mark(const mote_privkey *k, int undefined)
{
	const uint8_t *p[6] = {0};
	size_t l[6] = {0};
	int n = 0;

	if (k->type == MOTE_PKEY_EC) {
		p[n] = k->u.ec.scalar;
		l[n++] = k->u.ec.scalar_len;
	} else if (k->type == MOTE_PKEY_ED25519) {
		p[n] = k->u.ed25519.seed;
		l[n++] = 32;
	} else if (k->type == MOTE_PKEY_X25519) {
		p[n] = k->u.x25519.key;
		l[n++] = 32;
	} else {
		const uint8_t *s[6] = {k->u.rsa.d, k->u.rsa.p, k->u.rsa.q,
		                       k->u.rsa.dp, k->u.rsa.dq, k->u.rsa.qinv};
		size_t sl[6] = {k->u.rsa.d_len, k->u.rsa.p_len, k->u.rsa.q_len,
		                k->u.rsa.dp_len, k->u.rsa.dq_len, k->u.rsa.qinv_len};

		for (; n < 6; n++) {
			p[n] = s[n] + 2;
			l[n] = sl[n] > 2 ? sl[n] - 2 : 0;
		}
	}
	for (int i = 0; i < n; i++) {
		if (undefined)
			VALGRIND_MAKE_MEM_UNDEFINED(p[i], l[i]);
		else
			VALGRIND_MAKE_MEM_DEFINED(p[i], l[i]);
	}
}

/* Parse der twice: once in the clear to locate the secrets, once with
 * them undefined; the verdicts and keys must agree. A key expected to be
 * rejected names its EC scalar (32 bytes at scalar). */
static void ct_parse(uint8_t *der, size_t len, int want, const uint8_t *scalar)
{
	mote_privkey clear, secret;
	int err = mote_privkey_parse(&clear, der, len), err2;

	CHECK_INT(err, want);
	if (scalar) {
		clear.type = MOTE_PKEY_EC;
		clear.u.ec.scalar = scalar;
		clear.u.ec.scalar_len = 32;
	}
	mark(&clear, 1);
	err2 = mote_privkey_parse(&secret, der, len);
	VALGRIND_MAKE_MEM_DEFINED(&err2, sizeof err2);
	VALGRIND_MAKE_MEM_DEFINED(&secret, sizeof secret);
	mark(&clear, 0);
	CHECK_INT(err2, want);
	CHECK(want != 0 || memcmp(&clear, &secret, sizeof clear) == 0);
}

int main(void)
{
	static const char *const files[] = {
		"keys/ec_p256.sec1.der",        "keys/ec_p384.pkcs8.der",    "keys/ed25519.pkcs8.der",
		"keys/x25519.pkcs8.der",        "keys/rsa2048_e65537.pkcs1.der",
		"keys/rsa4096_e3.pkcs8.der",
	};
	/* A P-256 SEC1 key whose scalar is the group order (out of range). */
	static const char order_key[] =
		"3031020101" "0420FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"
		"A00A06082A8648CE3D030107";
	uint8_t bad[64];
	size_t n;

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t len;
		uint8_t *der = TEST_READ_DATA(files[i], &len);

		ct_parse(der, len, 0, NULL);
		free(der);
	}
	n = test_unhex(order_key, bad, sizeof bad);
	ct_parse(bad, n, MOTE_ERR_BAD_KEY, bad + 7);
	printf("ct_pkey: memcheck errors: %u\n", (unsigned)VALGRIND_COUNT_ERRORS);
	return test_finish("ct_pkey");
}
