/* SubjectPublicKeyInfo and the AlgorithmIdentifiers of keys (RFC 5280,
 * RFC 8017 A.1, RFC 5480, RFC 8410). */
#include <string.h>

#include "mote/error.h"
#include "pkey_internal.h"

static const uint8_t oid_rsa_encryption[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01};
static const uint8_t oid_ec_public_key[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};
static const uint8_t oid_prime256v1[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};
static const uint8_t oid_secp384r1[] = {0x2B, 0x81, 0x04, 0x00, 0x22};
static const uint8_t oid_ed25519[] = {0x2B, 0x65, 0x70};
static const uint8_t oid_x25519[] = {0x2B, 0x65, 0x6E};

#define OID_IS(oid, known) mote_der_oid_equal((oid), (known), sizeof(known))

/* Ed25519 and X25519 public keys and private keys (RFC 8410). */
#define CURVE25519_KEY_LEN 32

int mote_pkey_read_curve(mote_der_reader *r, int *curve)
{
	mote_der_reader next = *r;
	mote_der_reader val;
	uint8_t tag;
	int err;

	if (r->len == 0)
		return MOTE_ERR_DER_BAD_PARAMS;
	err = mote_der_read_any(&next, &tag, &val);
	if (err)
		return err;
	/* RFC 5480 2.1.1: specifiedCurve and implicitCurve MUST NOT be used. */
	if (tag == MOTE_DER_SEQUENCE || tag == MOTE_DER_NULL)
		return MOTE_ERR_UNSUPPORTED;
	if (tag != MOTE_DER_OID)
		return MOTE_ERR_DER_BAD_PARAMS;
	err = mote_der_check_oid(val.p, val.len);
	if (err)
		return err;
	if (OID_IS(&val, oid_prime256v1))
		*curve = MOTE_PKEY_CURVE_P256;
	else if (OID_IS(&val, oid_secp384r1))
		*curve = MOTE_PKEY_CURVE_P384;
	else
		return MOTE_ERR_DER_BAD_OID;
	*r = next;
	return 0;
}

size_t mote_pkey_curve_bytes(int curve)
{
	return curve == MOTE_PKEY_CURVE_P384 ? 48 : 32;
}

int mote_pkey_check_point(int curve, const mote_der_reader *pt)
{
	if (pt->len != 1 + 2 * mote_pkey_curve_bytes(curve) || pt->p[0] != 0x04)
		return MOTE_ERR_BAD_POINT;
	return 0;
}

/* RFC 8017 A.1: rsaEncryption's parameters MUST be NULL. */
static int pkey_null_params(mote_der_reader *alg)
{
	if (!mote_der_peek(alg, MOTE_DER_NULL))
		return MOTE_ERR_DER_BAD_PARAMS;
	return mote_der_read_null(alg);
}

/* RFC 8410 3: the parameters MUST be absent for Ed25519 and X25519. */
static int pkey_no_params(const mote_der_reader *alg)
{
	return alg->len == 0 ? 0 : MOTE_ERR_DER_BAD_PARAMS;
}

/* The algorithm OID and its parameters, from an AlgorithmIdentifier. */
static int pkey_algorithm_params(mote_der_reader *alg, mote_pkey_type *type, int *curve)
{
	mote_der_reader oid;
	int err = mote_der_read_oid(alg, &oid);

	if (err)
		return err;
	if (OID_IS(&oid, oid_rsa_encryption)) {
		*type = MOTE_PKEY_RSA;
		return pkey_null_params(alg);
	}
	if (OID_IS(&oid, oid_ec_public_key)) {
		*type = MOTE_PKEY_EC;
		return mote_pkey_read_curve(alg, curve);
	}
	if (OID_IS(&oid, oid_ed25519) || OID_IS(&oid, oid_x25519)) {
		*type = OID_IS(&oid, oid_ed25519) ? MOTE_PKEY_ED25519 : MOTE_PKEY_X25519;
		return pkey_no_params(alg);
	}
	return MOTE_ERR_DER_BAD_OID;
}

int mote_pkey_read_algorithm(mote_der_reader *r, mote_pkey_type *type, int *curve)
{
	mote_der_reader next = *r;
	mote_der_reader alg;
	mote_pkey_type t = MOTE_PKEY_NONE;
	int c = 0;
	int err = mote_der_enter_sequence(&next, &alg);

	if (!err)
		err = pkey_algorithm_params(&alg, &t, &c);
	if (!err)
		err = mote_der_close(&alg);
	if (err)
		return err;
	*type = t;
	*curve = c;
	*r = next;
	return 0;
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER },
 * filling the whole BIT STRING. */
static int spki_rsa(mote_pkey *k, mote_der_reader *bits)
{
	mote_der_reader seq, n, e;
	int err = mote_der_enter_sequence(bits, &seq);

	if (!err)
		err = mote_der_read_uint(&seq, &n);
	if (!err)
		err = mote_der_read_uint(&seq, &e);
	if (!err)
		err = mote_der_close(&seq);
	if (!err)
		err = mote_der_close(bits);
	if (err)
		return err;
	/* A minimal magnitude starting with 0x00 is the number zero. */
	if (n.p[0] == 0 || e.p[0] == 0)
		return MOTE_ERR_BAD_KEY;
	k->u.rsa.n = n.p;
	k->u.rsa.n_len = n.len;
	k->u.rsa.e = e.p;
	k->u.rsa.e_len = e.len;
	return 0;
}

static int spki_key(mote_pkey *k, int curve, mote_der_reader *bits)
{
	int err;

	switch (k->type) {
	case MOTE_PKEY_RSA:
		return spki_rsa(k, bits);
	case MOTE_PKEY_EC:
		err = mote_pkey_check_point(curve, bits);
		k->u.ec.curve = curve;
		k->u.ec.point = bits->p;
		k->u.ec.point_len = bits->len;
		return err;
	case MOTE_PKEY_ED25519:
		k->u.ed25519.pub = bits->p;
		break;
	default:
		k->u.x25519.pub = bits->p;
		break;
	}
	return bits->len == CURVE25519_KEY_LEN ? 0 : MOTE_ERR_BAD_KEY_LENGTH;
}

int mote_pkey_parse_spki(mote_pkey *out, const uint8_t *der, size_t len)
{
	mote_der_reader r, spki, bits;
	mote_pkey k;
	int curve = 0;
	int err;

	memset(out, 0, sizeof *out);
	memset(&k, 0, sizeof k);
	mote_der_init(&r, der, len);
	err = mote_der_enter_sequence(&r, &spki);
	if (!err)
		err = mote_der_close(&r);
	if (!err)
		err = mote_pkey_read_algorithm(&spki, &k.type, &curve);
	if (!err)
		err = mote_der_read_bit_octets(&spki, &bits);
	if (!err)
		err = mote_der_close(&spki);
	if (!err)
		err = spki_key(&k, curve, &bits);
	if (!err)
		*out = k;
	return err;
}
