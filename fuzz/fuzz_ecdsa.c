/*
 * libFuzzer harness for the P-256 / P-384 input parsers. The first byte
 * picks the curve; the rest is read as
 *   - a DER ECDSA signature (mote_ecdsa_sig_from_der): when accepted, it
 *     must convert back to exactly the same bytes (strict DER has one
 *     encoding per value);
 *   - a peer point for ECDH and a public key for verification (any
 *     length): only MOTE_ERR_BAD_POINT or success may come back, and both
 *     functions must agree on which inputs are points.
 * Invariants violated abort. Seed corpus: fuzz/corpus/ecdsa/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mote/ec.h"
#include "mote/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void require(int ok)
{
	if (!ok)
		abort();
}

static void fuzz_der(mote_ec_curve c, const uint8_t *in, size_t len)
{
	size_t out_len = MOTE_EC_MAX_DER_SIG;
	uint8_t rs[MOTE_EC_MAX_SIG], der[MOTE_EC_MAX_DER_SIG];
	int err = mote_ecdsa_sig_from_der(c, rs, in, len);

	require(err == 0 || err == MOTE_ERR_BAD_SIGNATURE_ENCODING);
	if (err)
		return;
	require(mote_ecdsa_sig_to_der(c, der, &out_len, rs) == 0);
	require(out_len == len && memcmp(der, in, len) == 0);
}

static void fuzz_point(mote_ec_curve c, const uint8_t *in, size_t len)
{
	size_t L = mote_ec_size(c);
	uint8_t priv[MOTE_EC_MAX_BYTES] = {0}, out[MOTE_EC_MAX_BYTES], h[MOTE_EC_MAX_BYTES] = {0};
	uint8_t rs[MOTE_EC_MAX_SIG];

	priv[L - 1] = 3;
	int err = mote_ecdh(c, out, priv, in, len);
	require(err == 0 || err == MOTE_ERR_BAD_POINT);
	memset(rs, 0, sizeof rs);
	rs[L - 1] = 1;
	rs[2 * L - 1] = 1;
	int verr = mote_ecdsa_verify(c, in, len, h, L, rs, 2 * L);
	require(verr == MOTE_ERR_BAD_POINT || verr == MOTE_ERR_BAD_SIGNATURE || verr == 0);
	/* ECDH and verification agree on which points are valid */
	require((err == MOTE_ERR_BAD_POINT) == (verr == MOTE_ERR_BAD_POINT));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	mote_ec_curve c = (data[0] & 1) ? MOTE_EC_P384 : MOTE_EC_P256;
	fuzz_der(c, data + 1, size - 1);
	fuzz_point(c, data + 1, size - 1);
	return 0;
}
