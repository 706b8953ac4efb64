/* Strict DER reader (see mote/der.h). Times are in der_time.c. */
#include "mote/der.h"

#include <string.h>

#include "mote/error.h"

void mote_der_init(mote_der_reader *r, const uint8_t *p, size_t len)
{
	r->p = p;
	r->len = len;
}

int mote_der_close(const mote_der_reader *r)
{
	return r->len == 0 ? 0 : MOTE_ERR_DER_TRAILING_DATA;
}

int mote_der_peek(const mote_der_reader *r, uint8_t tag)
{
	return r->len > 0 && r->p[0] == tag;
}

static void der_advance(mote_der_reader *r, size_t n)
{
	r->p += n;
	r->len -= n;
}

/* Long-form length: k length bytes at p (k >= 1, all present). X.690
 * 10.1: the long form only for values >= 128, with no leading zero byte. */
static int der_long_length(const uint8_t *p, size_t k, size_t *len)
{
	uint32_t v = 0;

	if (p[0] == 0)
		return MOTE_ERR_DER_BAD_LENGTH;
	/* Five or more significant bytes: >= 2^32, more than any input. */
	if (k > 4)
		return MOTE_ERR_DER_TRUNCATED;
	for (size_t i = 0; i < k; i++)
		v = v << 8 | p[i];
	if (v < 0x80)
		return MOTE_ERR_DER_BAD_LENGTH;
	*len = v;
	return 0;
}

int mote_der_read_header(mote_der_reader *r, uint8_t *tag, size_t *len)
{
	size_t k;
	int err;

	if (r->len == 0)
		return MOTE_ERR_DER_TRUNCATED;
	/* Tag number 31 announces the multi-byte form, which nothing Mote
	 * parses uses; 0x00 is end-of-contents, which only BER has. */
	if ((r->p[0] & 0x1F) == 0x1F || r->p[0] == 0)
		return MOTE_ERR_DER_BAD_TAG;
	if (r->len < 2)
		return MOTE_ERR_DER_TRUNCATED;
	if (r->p[1] < 0x80) {
		*tag = r->p[0];
		*len = r->p[1];
		der_advance(r, 2);
		return 0;
	}
	/* 0x80 is BER's indefinite length, 0xFF is reserved (X.690 8.1.3.5). */
	k = r->p[1] & 0x7F;
	if (k == 0 || k == 0x7F)
		return MOTE_ERR_DER_BAD_LENGTH;
	if (r->len - 2 < k)
		return MOTE_ERR_DER_TRUNCATED;
	err = der_long_length(r->p + 2, k, len);
	if (err)
		return err;
	*tag = r->p[0];
	der_advance(r, 2 + k);
	return 0;
}

int mote_der_read_any(mote_der_reader *r, uint8_t *tag, mote_der_reader *val)
{
	mote_der_reader hdr = *r;
	size_t len;
	int err = mote_der_read_header(&hdr, tag, &len);

	if (err)
		return err;
	if (len > hdr.len)
		return MOTE_ERR_DER_TRUNCATED;
	if (val)
		mote_der_init(val, hdr.p, len);
	der_advance(&hdr, len);
	*r = hdr;
	return 0;
}

int mote_der_read(mote_der_reader *r, uint8_t tag, mote_der_reader *val)
{
	mote_der_reader next = *r;
	mote_der_reader contents;
	uint8_t got;
	int err = mote_der_read_any(&next, &got, &contents);

	if (err)
		return err;
	if (got != tag)
		return MOTE_ERR_DER_BAD_TAG;
	if (val)
		*val = contents;
	*r = next;
	return 0;
}

int mote_der_enter_sequence(mote_der_reader *r, mote_der_reader *sub)
{
	return mote_der_read(r, MOTE_DER_SEQUENCE, sub);
}

int mote_der_enter_set(mote_der_reader *r, mote_der_reader *sub)
{
	return mote_der_read(r, MOTE_DER_SET, sub);
}

int mote_der_check_integer(const uint8_t *p, size_t len)
{
	if (len == 0)
		return MOTE_ERR_DER_BAD_INTEGER;
	if (len == 1)
		return 0;
	/* X.690 8.3.2: the first nine bits must not be all zeros or all ones. */
	if (p[0] == 0x00 && p[1] < 0x80)
		return MOTE_ERR_DER_BAD_INTEGER;
	if (p[0] == 0xFF && p[1] >= 0x80)
		return MOTE_ERR_DER_BAD_INTEGER;
	return 0;
}

int mote_der_check_oid(const uint8_t *p, size_t len)
{
	if (len == 0 || p[len - 1] >= 0x80)
		return MOTE_ERR_DER_BAD_OID_ENCODING;
	/* X.690 8.19.2: a subidentifier's first byte is never 0x80. A byte
	 * starts a subidentifier when it is first or follows a final byte. */
	for (size_t i = 0; i < len; i++) {
		if (p[i] == 0x80 && (i == 0 || p[i - 1] < 0x80))
			return MOTE_ERR_DER_BAD_OID_ENCODING;
	}
	return 0;
}

int mote_der_decode_bool(const uint8_t *p, size_t len, int *v)
{
	/* X.690 11.1: DER encodes TRUE as 0xFF only. */
	if (len != 1 || (p[0] != 0x00 && p[0] != 0xFF))
		return MOTE_ERR_DER_BAD_BOOLEAN;
	*v = p[0] != 0;
	return 0;
}

int mote_der_decode_bits(const uint8_t *p, size_t len, mote_der_reader *bits, unsigned *unused)
{
	if (len == 0 || p[0] > 7)
		return MOTE_ERR_DER_BAD_BIT_STRING;
	/* X.690 11.2.1: an empty bit string has count 0; padding bits are 0. */
	if (len == 1 && p[0] != 0)
		return MOTE_ERR_DER_BAD_BIT_STRING;
	if (len > 1 && (p[len - 1] & ((1u << p[0]) - 1)) != 0)
		return MOTE_ERR_DER_BAD_BIT_STRING;
	*unused = p[0];
	mote_der_init(bits, p + 1, len - 1);
	return 0;
}

int mote_der_read_integer(mote_der_reader *r, mote_der_reader *val)
{
	mote_der_reader next = *r;
	int err = mote_der_read(&next, MOTE_DER_INTEGER, val);

	if (err)
		return err;
	err = mote_der_check_integer(val->p, val->len);
	if (err)
		return err;
	*r = next;
	return 0;
}

int mote_der_read_uint(mote_der_reader *r, mote_der_reader *mag)
{
	mote_der_reader next = *r;
	int err = mote_der_read_integer(&next, mag);

	if (err)
		return err;
	if (mag->p[0] >= 0x80)
		return MOTE_ERR_DER_NEGATIVE;
	/* Minimality guarantees a leading 0x00 is a sign byte, unless alone. */
	if (mag->len > 1 && mag->p[0] == 0)
		der_advance(mag, 1);
	*r = next;
	return 0;
}

int mote_der_read_small_uint(mote_der_reader *r, uint32_t *v)
{
	mote_der_reader next = *r;
	mote_der_reader mag;
	uint32_t x = 0;
	int err = mote_der_read_uint(&next, &mag);

	if (err)
		return err;
	if (mag.len > 4)
		return MOTE_ERR_DER_BAD_INTEGER;
	for (size_t i = 0; i < mag.len; i++)
		x = x << 8 | mag.p[i];
	*v = x;
	*r = next;
	return 0;
}

int mote_der_read_bool(mote_der_reader *r, int *v)
{
	mote_der_reader next = *r;
	mote_der_reader val;
	int err = mote_der_read(&next, MOTE_DER_BOOLEAN, &val);

	if (err)
		return err;
	err = mote_der_decode_bool(val.p, val.len, v);
	if (err)
		return err;
	*r = next;
	return 0;
}

int mote_der_read_null(mote_der_reader *r)
{
	mote_der_reader next = *r;
	mote_der_reader val;
	int err = mote_der_read(&next, MOTE_DER_NULL, &val);

	if (err)
		return err;
	if (val.len != 0)
		return MOTE_ERR_DER_BAD_VALUE;
	*r = next;
	return 0;
}

int mote_der_read_octets(mote_der_reader *r, mote_der_reader *val)
{
	return mote_der_read(r, MOTE_DER_OCTET_STRING, val);
}

int mote_der_read_bits(mote_der_reader *r, mote_der_reader *bits, unsigned *unused)
{
	mote_der_reader next = *r;
	mote_der_reader val;
	int err = mote_der_read(&next, MOTE_DER_BIT_STRING, &val);

	if (err)
		return err;
	err = mote_der_decode_bits(val.p, val.len, bits, unused);
	if (err)
		return err;
	*r = next;
	return 0;
}

int mote_der_read_bit_octets(mote_der_reader *r, mote_der_reader *bytes)
{
	mote_der_reader next = *r;
	unsigned unused;
	int err = mote_der_read_bits(&next, bytes, &unused);

	if (err)
		return err;
	if (unused != 0)
		return MOTE_ERR_DER_BAD_BIT_STRING;
	*r = next;
	return 0;
}

int mote_der_read_oid(mote_der_reader *r, mote_der_reader *oid)
{
	mote_der_reader next = *r;
	int err = mote_der_read(&next, MOTE_DER_OID, oid);

	if (err)
		return err;
	err = mote_der_check_oid(oid->p, oid->len);
	if (err)
		return err;
	*r = next;
	return 0;
}

int mote_der_oid_equal(const mote_der_reader *oid, const uint8_t *known, size_t known_len)
{
	return oid->len == known_len && memcmp(oid->p, known, known_len) == 0;
}

int mote_der_expect_oid(mote_der_reader *r, const uint8_t *known, size_t known_len)
{
	mote_der_reader next = *r;
	mote_der_reader oid;
	int err = mote_der_read_oid(&next, &oid);

	if (err)
		return err;
	if (!mote_der_oid_equal(&oid, known, known_len))
		return MOTE_ERR_DER_BAD_OID;
	*r = next;
	return 0;
}

int mote_der_read_time(mote_der_reader *r, int64_t *t)
{
	mote_der_reader next = *r;
	mote_der_reader val;
	uint8_t tag;
	int err = mote_der_read_any(&next, &tag, &val);

	if (err)
		return err;
	err = mote_der_decode_time(tag, val.p, val.len, t);
	if (err)
		return err;
	*r = next;
	return 0;
}
