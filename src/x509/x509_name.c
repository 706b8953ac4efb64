/*
 * Normalized distinguished-name hashing.
 *
 * Issuer and subject names are compared by a SHA-256 over a normalized
 * form, so that a name written once as PrintableString and once as
 * UTF8String, or with different letter case or spacing, still chains
 * (RFC 5280 7.1 asks for RFC 4518 preparation; this is its ASCII subset).
 * The hashed stream is unambiguous:
 *   each RDN           0x01
 *   each attribute     0x02, the OID length (4 bytes, big-endian), the OID
 *   each value         0x03, a class byte, the value bytes with 0x00
 *                      escaped as 0x00 0x01, then 0x00 0x00
 * The class is 0x00 for PrintableString, UTF8String and IA5String, whose
 * bytes are normalized (ASCII case folded, spaces trimmed and collapsed);
 * any other type is hashed as is with its tag as the class.
 * The stream engine and the anchor builder both go through these
 * functions, so their hashes agree by construction.
 */
#include "x509_internal.h"

#define NAME_RDN 0x01
#define NAME_ATTR 0x02
#define NAME_VALUE 0x03
#define CLS_STRING 0x00

static void name_put(mote_sha256_ctx *h, uint8_t b)
{
	mote_sha256_update(h, &b, 1);
}

/* A value byte, with 0x00 escaped so the terminator stays unique. */
static void name_put_escaped(mote_sha256_ctx *h, uint8_t b)
{
	static const uint8_t esc[2] = {0x00, 0x01};

	if (b == 0)
		mote_sha256_update(h, esc, 2);
	else
		name_put(h, b);
}

static int name_is_string(uint8_t tag)
{
	return tag == MOTE_DER_PRINTABLE_STRING || tag == MOTE_DER_UTF8_STRING ||
	       tag == MOTE_DER_IA5_STRING;
}

void mote_x509_name_begin(mote_sha256_ctx *h)
{
	mote_sha256_init(h);
}

void mote_x509_name_rdn(mote_sha256_ctx *h)
{
	name_put(h, NAME_RDN);
}

void mote_x509_name_attr_begin(mote_sha256_ctx *h, uint32_t oid_len)
{
	uint8_t b[5] = {NAME_ATTR, (uint8_t)(oid_len >> 24), (uint8_t)(oid_len >> 16),
	                (uint8_t)(oid_len >> 8), (uint8_t)oid_len};

	mote_sha256_update(h, b, sizeof b);
}

void mote_x509_name_value_begin(mote_sha256_ctx *h, mote_x509_name_state *s, uint8_t tag)
{
	s->cls = name_is_string(tag) ? CLS_STRING : tag;
	s->space = 0;
	s->any = 0;
	name_put(h, NAME_VALUE);
	name_put(h, s->cls);
}

/* Strings: leading spaces dropped, a run of inner spaces becomes one
 * space (emitted only when a non-space follows, so trailing spaces go),
 * ASCII upper case folded. Non-ASCII bytes pass unchanged. */
void mote_x509_name_value(mote_sha256_ctx *h, mote_x509_name_state *s, const uint8_t *p,
                          size_t len)
{
	for (size_t i = 0; i < len; i++) {
		uint8_t c = p[i];

		if (s->cls != CLS_STRING) {
			name_put_escaped(h, c);
			continue;
		}
		if (c == ' ') {
			s->space = s->any;
			continue;
		}
		if (s->space)
			name_put(h, ' ');
		s->space = 0;
		s->any = 1;
		if (c >= 'A' && c <= 'Z')
			c = (uint8_t)(c - 'A' + 'a');
		name_put_escaped(h, c);
	}
}

void mote_x509_name_value_end(mote_sha256_ctx *h, mote_x509_name_state *s)
{
	static const uint8_t end[2] = {0x00, 0x00};

	mote_sha256_update(h, end, 2);
	s->space = 0;
	s->any = 0;
}

void mote_x509_name_final(mote_sha256_ctx *h, uint8_t out[MOTE_X509_NAME_HASH_SIZE])
{
	mote_sha256_final(h, out);
}

/* One AttributeTypeAndValue: OID then a primitive value. */
static int name_hash_attr(mote_sha256_ctx *h, mote_der_reader *rdn)
{
	mote_der_reader atv, oid, val;
	mote_x509_name_state s;
	uint8_t tag;
	int err;

	err = mote_der_enter_sequence(rdn, &atv);
	if (!err)
		err = mote_der_read_oid(&atv, &oid);
	if (!err)
		err = mote_der_read_any(&atv, &tag, &val);
	if (!err && (tag & 0x20))
		err = MOTE_ERR_DER_BAD_TAG;
	if (!err)
		err = mote_der_close(&atv);
	if (err)
		return err;
	mote_x509_name_attr_begin(h, (uint32_t)oid.len);
	mote_sha256_update(h, oid.p, oid.len);
	mote_x509_name_value_begin(h, &s, tag);
	mote_x509_name_value(h, &s, val.p, val.len);
	mote_x509_name_value_end(h, &s);
	return 0;
}

int mote_x509_name_hash_der(const uint8_t *der, size_t len, uint8_t out[MOTE_X509_NAME_HASH_SIZE])
{
	mote_der_reader r, name, rdn;
	mote_sha256_ctx h;
	int err;

	mote_der_init(&r, der, len);
	err = mote_der_enter_sequence(&r, &name);
	if (!err)
		err = mote_der_close(&r);
	if (err)
		return err;
	mote_x509_name_begin(&h);
	while (name.len > 0) {
		err = mote_der_enter_set(&name, &rdn);
		if (!err && rdn.len == 0)
			err = MOTE_ERR_DER_BAD_VALUE;
		if (err)
			return err;
		mote_x509_name_rdn(&h);
		while (rdn.len > 0) {
			err = name_hash_attr(&h, &rdn);
			if (err)
				return err;
		}
	}
	mote_x509_name_final(&h, out);
	return 0;
}
