/*
 * ECDSA signatures in DER: Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER,
 * s INTEGER } (RFC 3279 2.2.3), read strictly: a signature has exactly one
 * valid encoding, so any other is refused rather than normalised.
 *
 * For P-256 and P-384 the SEQUENCE holds at most 2 * (2 + 49) = 102 bytes,
 * so every valid length fits the short form (< 128): a long-form length
 * is either non-minimal or too large, and refused either way.
 */
#include <string.h>

#include "ec_ops.h"
#include "mote/ec.h"
#include "mote/error.h"

/* Reads one INTEGER at der[*pos] into out (len bytes, big-endian). */
static int der_read_int(uint8_t *out, size_t len, const uint8_t *der, size_t end, size_t *pos)
{
	size_t p = *pos, n;

	if (end - p < 2 || der[p] != 0x02 || der[p + 1] >= 0x80)
		return MOTE_ERR_BAD_SIGNATURE_ENCODING;
	n = der[p + 1];
	p += 2;
	if (n == 0 || n > end - p)
		return MOTE_ERR_BAD_SIGNATURE_ENCODING;
	if (der[p] & 0x80) /* negative */
		return MOTE_ERR_BAD_SIGNATURE_ENCODING;
	if (der[p] == 0 && n > 1) {
		if (!(der[p + 1] & 0x80)) /* a leading zero that is not needed */
			return MOTE_ERR_BAD_SIGNATURE_ENCODING;
		p++;
		n--;
	}
	if (n > len)
		return MOTE_ERR_BAD_SIGNATURE_ENCODING;
	memset(out, 0, len - n);
	memcpy(out + len - n, der + p, n);
	*pos = p + n;
	return 0;
}

int mote_ecdsa_sig_from_der(mote_ec_curve c, uint8_t *sig_rs, const uint8_t *der,
                            size_t der_len)
{
	size_t len = mote_ec_size(c), pos = 2;
	int err;

	if (len == 0)
		return MOTE_ERR_UNSUPPORTED;
	if (der_len < 2 || der[0] != 0x30 || der[1] >= 0x80 || der[1] != der_len - 2)
		return MOTE_ERR_BAD_SIGNATURE_ENCODING;
	err = der_read_int(sig_rs, len, der, der_len, &pos);
	if (!err)
		err = der_read_int(sig_rs + len, len, der, der_len, &pos);
	if (!err && pos != der_len)
		err = MOTE_ERR_BAD_SIGNATURE_ENCODING;
	return err;
}

/* Writes v (len bytes) as a minimal INTEGER at out; returns its size. */
static size_t der_write_int(uint8_t *out, const uint8_t *v, size_t len)
{
	size_t skip = 0;

	while (skip < len - 1 && v[skip] == 0)
		skip++;
	size_t n = len - skip, pad = v[skip] >> 7;
	out[0] = 0x02;
	out[1] = (uint8_t)(n + pad);
	out[2] = 0;
	memcpy(out + 2 + pad, v + skip, n);
	return 2 + pad + n;
}

int mote_ecdsa_sig_to_der(mote_ec_curve c, uint8_t *der, size_t *der_len, const uint8_t *sig_rs)
{
	uint8_t tmp[MOTE_EC_MAX_DER_SIG];
	size_t len = mote_ec_size(c), n;

	if (len == 0)
		return MOTE_ERR_UNSUPPORTED;
	n = der_write_int(tmp + 2, sig_rs, len);
	n += der_write_int(tmp + 2 + n, sig_rs + len, len);
	tmp[0] = 0x30;
	tmp[1] = (uint8_t)n;
	if (*der_len < n + 2)
		return MOTE_ERR_BUFFER_TOO_SMALL;
	memcpy(der, tmp, n + 2);
	*der_len = n + 2;
	return 0;
}
