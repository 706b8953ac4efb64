/* Private keys: PKCS#8 (RFC 5208, RFC 5958), SEC1 (RFC 5915), PKCS#1
 * (RFC 8017 A.1.2), Ed25519/X25519 (RFC 8410 7). */
#include <string.h>

#include "crypto/ct.h"
#include "mote/error.h"
#include "pkey_internal.h"

/* Group orders (SEC 2 2.4.2, 2.5.1), big-endian. */
static const uint8_t p256_order[32] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51};
static const uint8_t p384_order[48] = {
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xC7, 0x63, 0x4D, 0x81, 0xF4, 0x37, 0x2D, 0xDF,
	0x58, 0x1A, 0x0D, 0xB2, 0x48, 0xB0, 0xA7, 0x7A, 0xEC, 0xEC, 0x19, 0x6A, 0xCC, 0xC5, 0x29, 0x73};

#define CURVE25519_KEY_LEN 32

/* Each parser reads one structure from r. *ok becomes a mask that is all
 * ones unless a secret fails a range check, so that the verdict is only
 * combined into the result at the very end (privkey_run). */
typedef int (*privkey_parser)(mote_privkey *k, mote_der_reader *r, uint32_t *ok);

/* All ones if 0 < d < order (big-endian, len bytes), in constant time. */
static uint32_t privkey_scalar_ok(const uint8_t *d, const uint8_t *order, size_t len)
{
	uint32_t borrow = 0, any = 0;

	for (size_t i = len; i-- > 0;) {
		borrow = (((uint32_t)d[i] - order[i] - borrow) >> 8) & 1;
		any |= d[i];
	}
	return (0u - borrow) & ~mote_ct_is_zero(any);
}

static int pkcs1_version(mote_der_reader *seq)
{
	uint32_t v;
	int err = mote_der_read_small_uint(seq, &v);

	if (err)
		return err;
	if (v == 1)
		return MOTE_ERR_UNSUPPORTED; /* multi-prime (RFC 8017 A.1.2) */
	return v == 0 ? 0 : MOTE_ERR_DER_BAD_VERSION;
}

/* RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv } */
static int pkcs1_parse(mote_privkey *k, mote_der_reader *r, uint32_t *ok)
{
	const uint8_t **ptr[8] = {&k->u.rsa.n, &k->u.rsa.e,  &k->u.rsa.d,  &k->u.rsa.p,
	                          &k->u.rsa.q, &k->u.rsa.dp, &k->u.rsa.dq, &k->u.rsa.qinv};
	size_t *len[8] = {&k->u.rsa.n_len, &k->u.rsa.e_len,  &k->u.rsa.d_len,  &k->u.rsa.p_len,
	                  &k->u.rsa.q_len, &k->u.rsa.dp_len, &k->u.rsa.dq_len, &k->u.rsa.qinv_len};
	mote_der_reader seq, mag;
	int err = mote_der_enter_sequence(r, &seq);

	if (!err)
		err = pkcs1_version(&seq);
	for (size_t i = 0; i < 8 && !err; i++) {
		err = mote_der_read_uint(&seq, &mag);
		if (!err) {
			*ptr[i] = mag.p;
			*len[i] = mag.len;
		}
	}
	if (!err)
		err = mote_der_close(&seq);
	if (err)
		return err;
	/* n and e are public; a minimal magnitude starting with 0 is zero. */
	if (k->u.rsa.n[0] == 0 || k->u.rsa.e[0] == 0)
		return MOTE_ERR_BAD_KEY;
	k->type = MOTE_PKEY_RSA;
	return 0;
}

/* The optional [0] parameters and [1] public key of an ECPrivateKey. */
static int sec1_optional(mote_der_reader *seq, int *curve, mote_der_reader *pt)
{
	mote_der_reader tagged;
	int err = 0;

	if (mote_der_peek(seq, MOTE_DER_CONTEXT_CONS(0))) {
		err = mote_der_read(seq, MOTE_DER_CONTEXT_CONS(0), &tagged);
		if (!err)
			err = mote_pkey_read_curve(&tagged, curve);
		if (!err)
			err = mote_der_close(&tagged);
	}
	if (!err && mote_der_peek(seq, MOTE_DER_CONTEXT_CONS(1))) {
		err = mote_der_read(seq, MOTE_DER_CONTEXT_CONS(1), &tagged);
		if (!err)
			err = mote_der_read_bit_octets(&tagged, pt);
		if (!err)
			err = mote_der_close(&tagged);
	}
	return err;
}

/* ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING,
 *   parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
 * curve is the curve named outside (PKCS#8), or 0 when standalone. */
static int sec1_parse_curve(mote_privkey *k, mote_der_reader *r, int curve, uint32_t *ok)
{
	mote_der_reader seq, scalar, pt = {NULL, 0};
	uint32_t version;
	int inner = 0;
	int err = mote_der_enter_sequence(r, &seq);

	if (!err)
		err = mote_der_read_small_uint(&seq, &version);
	if (!err && version != 1)
		err = MOTE_ERR_DER_BAD_VERSION;
	if (!err)
		err = mote_der_read_octets(&seq, &scalar);
	if (!err)
		err = sec1_optional(&seq, &inner, &pt);
	if (!err)
		err = mote_der_close(&seq);
	if (err)
		return err;
	/* Standalone, the curve must be named; inside PKCS#8 it may be
	 * repeated, and must then agree (RFC 5915 3). */
	if ((curve == 0 && inner == 0) || (curve != 0 && inner != 0 && inner != curve))
		return MOTE_ERR_DER_BAD_PARAMS;
	if (curve == 0)
		curve = inner;
	/* RFC 5915 3: privateKey is ceiling(log2(n)/8) bytes long. */
	if (scalar.len != mote_pkey_curve_bytes(curve))
		return MOTE_ERR_BAD_KEY_LENGTH;
	if (pt.p && mote_pkey_check_point(curve, &pt))
		return MOTE_ERR_BAD_POINT;
	k->type = MOTE_PKEY_EC;
	k->u.ec.curve = curve;
	k->u.ec.scalar = scalar.p;
	k->u.ec.scalar_len = scalar.len;
	k->u.ec.point = pt.p;
	k->u.ec.point_len = pt.len;
	*ok = privkey_scalar_ok(scalar.p, curve == MOTE_PKEY_CURVE_P384 ? p384_order : p256_order,
	                        scalar.len);
	return 0;
}

static int sec1_parse(mote_privkey *k, mote_der_reader *r, uint32_t *ok)
{
	return sec1_parse_curve(k, r, 0, ok);
}

/* PKCS#8 head: version, algorithm, privateKey, [0] attributes, [1] public
 * key (RFC 5958 2: only in version 1, as the bits of a BIT STRING). */
struct pkcs8_fields {
	mote_pkey_type type;
	int curve;
	mote_der_reader inner; /* privateKey contents */
	mote_der_reader pub;   /* publicKey bits, or empty */
};

static int pkcs8_public(mote_der_reader *seq, uint32_t version, mote_der_reader *pub)
{
	mote_der_reader val;
	unsigned unused;
	int err;

	if (!mote_der_peek(seq, MOTE_DER_CONTEXT(1)))
		return 0;
	if (version == 0)
		return MOTE_ERR_DER_BAD_VERSION;
	err = mote_der_read(seq, MOTE_DER_CONTEXT(1), &val);
	if (!err)
		err = mote_der_decode_bits(val.p, val.len, pub, &unused);
	if (!err && unused != 0)
		err = MOTE_ERR_DER_BAD_BIT_STRING;
	return err;
}

static int pkcs8_head(mote_der_reader *r, struct pkcs8_fields *f)
{
	mote_der_reader seq;
	uint32_t version;
	int err = mote_der_enter_sequence(r, &seq);

	if (!err)
		err = mote_der_read_small_uint(&seq, &version);
	if (!err && version > 1)
		err = MOTE_ERR_DER_BAD_VERSION;
	if (!err)
		err = mote_pkey_read_algorithm(&seq, &f->type, &f->curve);
	if (!err)
		err = mote_der_read_octets(&seq, &f->inner);
	if (!err && mote_der_peek(&seq, MOTE_DER_CONTEXT_CONS(0)))
		err = mote_der_read(&seq, MOTE_DER_CONTEXT_CONS(0), NULL);
	if (!err)
		err = pkcs8_public(&seq, version, &f->pub);
	if (!err)
		err = mote_der_close(&seq);
	return err;
}

/* CurvePrivateKey ::= OCTET STRING (RFC 8410 7), 32 bytes, inside the
 * privateKey OCTET STRING; the optional public key is 32 bytes too. */
static int pkcs8_curve25519(mote_privkey *k, struct pkcs8_fields *f)
{
	mote_der_reader key;
	int err = mote_der_read_octets(&f->inner, &key);

	if (err)
		return err;
	if (key.len != CURVE25519_KEY_LEN || (f->pub.p && f->pub.len != CURVE25519_KEY_LEN))
		return MOTE_ERR_BAD_KEY_LENGTH;
	k->type = f->type;
	if (f->type == MOTE_PKEY_ED25519) {
		k->u.ed25519.seed = key.p;
		k->u.ed25519.pub = f->pub.p;
	} else {
		k->u.x25519.key = key.p;
		k->u.x25519.pub = f->pub.p;
	}
	return 0;
}

/* An EC key's point may sit in the ECPrivateKey or in OneAsymmetricKey's
 * publicKey; a point given outside must be well-formed either way. */
static int pkcs8_ec(mote_privkey *k, struct pkcs8_fields *f, uint32_t *ok)
{
	int err = sec1_parse_curve(k, &f->inner, f->curve, ok);

	if (err || !f->pub.p)
		return err;
	if (mote_pkey_check_point(f->curve, &f->pub))
		return MOTE_ERR_BAD_POINT;
	if (!k->u.ec.point) {
		k->u.ec.point = f->pub.p;
		k->u.ec.point_len = f->pub.len;
	}
	return 0;
}

static int pkcs8_parse(mote_privkey *k, mote_der_reader *r, uint32_t *ok)
{
	struct pkcs8_fields f;
	int err;

	memset(&f, 0, sizeof f);
	err = pkcs8_head(r, &f);
	if (err)
		return err;
	if (f.type == MOTE_PKEY_RSA)
		err = pkcs1_parse(k, &f.inner, ok);
	else if (f.type == MOTE_PKEY_EC)
		err = pkcs8_ec(k, &f, ok);
	else
		err = pkcs8_curve25519(k, &f);
	if (!err)
		err = mote_der_close(&f.inner);
	return err;
}

/* Run a parser over the whole of der and publish its result. */
static int privkey_run(mote_privkey *out, const uint8_t *der, size_t len, privkey_parser parse)
{
	mote_der_reader r;
	mote_privkey k;
	uint32_t ok = 0xFFFFFFFFu;
	int err;

	memset(out, 0, sizeof *out);
	memset(&k, 0, sizeof k);
	mote_der_init(&r, der, len);
	err = parse(&k, &r, &ok);
	if (!err)
		err = mote_der_close(&r);
	if (err)
		return err;
	/* The range verdict derives from secret bytes: applied without a
	 * branch, as the last step; the caller learns it from the result. */
	ok = mote_ct_barrier32(ok);
	*out = k;
	out->type = (mote_pkey_type)mote_ct_select(ok, (uint32_t)k.type, MOTE_PKEY_NONE);
	return -(int)(~ok & (uint32_t)-MOTE_ERR_BAD_KEY);
}

int mote_privkey_parse_pkcs8(mote_privkey *out, const uint8_t *der, size_t len)
{
	return privkey_run(out, der, len, pkcs8_parse);
}

int mote_privkey_parse_sec1(mote_privkey *out, const uint8_t *der, size_t len)
{
	return privkey_run(out, der, len, sec1_parse);
}

int mote_privkey_parse_pkcs1(mote_privkey *out, const uint8_t *der, size_t len)
{
	return privkey_run(out, der, len, pkcs1_parse);
}

int mote_privkey_parse(mote_privkey *out, const uint8_t *der, size_t len)
{
	mote_der_reader r, seq;
	uint32_t version;
	int err;

	memset(out, 0, sizeof *out);
	mote_der_init(&r, der, len);
	err = mote_der_enter_sequence(&r, &seq);
	if (!err)
		err = mote_der_read_small_uint(&seq, &version);
	if (err)
		return err;
	/* The element after the version tells the three formats apart. */
	if (mote_der_peek(&seq, MOTE_DER_SEQUENCE))
		return mote_privkey_parse_pkcs8(out, der, len);
	if (mote_der_peek(&seq, MOTE_DER_OCTET_STRING))
		return mote_privkey_parse_sec1(out, der, len);
	if (mote_der_peek(&seq, MOTE_DER_INTEGER))
		return mote_privkey_parse_pkcs1(out, der, len);
	return seq.len == 0 ? MOTE_ERR_DER_TRUNCATED : MOTE_ERR_DER_BAD_TAG;
}
