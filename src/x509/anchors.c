/*
 * Trust anchors built at run time from certificates (DER or a PEM
 * bundle): the normalized subject-name hash (the same function the
 * streaming engine uses, x509_name.c) and the public key, copied into a
 * caller arena. The certificate is parsed with the strict DER reader
 * (mote/der.h) but not validated: a trust anchor is trusted by the
 * caller's decision, not by its own signature or dates.
 */
#include <string.h>

#include "mote/pem.h"
#include "x509_internal.h"

static const uint8_t oid_bc[] = {0x55, 0x1D, 0x13};

/* The next element's whole encoding (header included) in *el. */
static int ta_element(mote_der_reader *r, uint8_t tag, mote_der_reader *el)
{
	const uint8_t *start = r->p;
	int err = mote_der_read(r, tag, NULL);

	if (!err)
		mote_der_init(el, start, (size_t)(r->p - start));
	return err;
}

/* basicConstraints cA, or -1 if the extension is absent. */
static int ta_basic_ca(mote_der_reader *tbs, int *ca)
{
	mote_der_reader wrap, exts, ext, oid, val, bc;
	int crit, err;

	*ca = -1;
	if (!mote_der_peek(tbs, MOTE_DER_CONTEXT_CONS(3)))
		return mote_der_close(tbs);
	err = mote_der_read(tbs, MOTE_DER_CONTEXT_CONS(3), &wrap);
	if (!err)
		err = mote_der_enter_sequence(&wrap, &exts);
	while (!err && exts.len > 0) {
		err = mote_der_enter_sequence(&exts, &ext);
		if (!err)
			err = mote_der_read_oid(&ext, &oid);
		if (!err && mote_der_peek(&ext, MOTE_DER_BOOLEAN))
			err = mote_der_read_bool(&ext, &crit);
		if (!err)
			err = mote_der_read_octets(&ext, &val);
		if (!err)
			err = mote_der_close(&ext);
		if (err || !mote_der_oid_equal(&oid, oid_bc, sizeof oid_bc))
			continue;
		*ca = 0;
		err = mote_der_enter_sequence(&val, &bc);
		if (!err && mote_der_peek(&bc, MOTE_DER_BOOLEAN))
			err = mote_der_read_bool(&bc, ca);
	}
	if (!err)
		err = mote_der_close(&wrap);
	return err ? err : mote_der_close(tbs);
}

static int ta_key(mote_trust_anchor *ta, const mote_pkey *pk, uint8_t *arena, size_t arena_len,
                  size_t *used)
{
	const uint8_t *k;
	size_t n;

	switch (pk->type) {
	case MOTE_PKEY_RSA:
		if (pk->u.rsa.e_len > 4 || pk->u.rsa.n_len > MOTE_X509_MAX_RSA_BYTES)
			return MOTE_ERR_X509_UNSUPPORTED_ALG;
		ta->rsa_e = 0;
		for (size_t i = 0; i < pk->u.rsa.e_len; i++)
			ta->rsa_e = ta->rsa_e << 8 | pk->u.rsa.e[i];
		k = pk->u.rsa.n;
		n = pk->u.rsa.n_len;
		break;
	case MOTE_PKEY_EC:
		ta->curve = (uint8_t)pk->u.ec.curve;
		k = pk->u.ec.point;
		n = pk->u.ec.point_len;
		break;
	case MOTE_PKEY_ED25519:
		k = pk->u.ed25519.pub;
		n = 32;
		break;
	default:
		return MOTE_ERR_X509_UNSUPPORTED_ALG;
	}
	if (*used > arena_len || n > arena_len - *used)
		return MOTE_ERR_BUFFER_TOO_SMALL;
	memcpy(arena + *used, k, n);
	ta->key = arena + *used;
	ta->key_len = (uint16_t)n;
	ta->key_type = (uint8_t)pk->type;
	*used += n;
	return 0;
}

int mote_ta_from_der(mote_trust_anchor *ta, const uint8_t *der, size_t len, uint8_t *arena,
                     size_t arena_len, size_t *used)
{
	mote_der_reader r, cert, tbs, issuer, subject, spki;
	uint8_t issuer_hash[MOTE_X509_NAME_HASH_SIZE];
	uint32_t version = 0;
	mote_der_reader v;
	mote_pkey pk;
	int ca, err;

	memset(ta, 0, sizeof *ta);
	mote_der_init(&r, der, len);
	err = mote_der_enter_sequence(&r, &cert);
	if (!err)
		err = mote_der_close(&r);
	if (!err)
		err = mote_der_enter_sequence(&cert, &tbs);
	if (!err && mote_der_peek(&tbs, MOTE_DER_CONTEXT_CONS(0))) {
		err = mote_der_read(&tbs, MOTE_DER_CONTEXT_CONS(0), &v);
		if (!err)
			err = mote_der_read_small_uint(&v, &version);
		if (!err)
			err = mote_der_close(&v);
	}
	if (!err)
		err = mote_der_read_integer(&tbs, &v);
	if (!err)
		err = mote_der_read(&tbs, MOTE_DER_SEQUENCE, NULL);
	if (!err)
		err = ta_element(&tbs, MOTE_DER_SEQUENCE, &issuer);
	if (!err)
		err = mote_der_read(&tbs, MOTE_DER_SEQUENCE, NULL);
	if (!err)
		err = ta_element(&tbs, MOTE_DER_SEQUENCE, &subject);
	if (!err)
		err = ta_element(&tbs, MOTE_DER_SEQUENCE, &spki);
	if (!err && mote_der_peek(&tbs, MOTE_DER_CONTEXT(1)))
		err = mote_der_read(&tbs, MOTE_DER_CONTEXT(1), NULL);
	if (!err && mote_der_peek(&tbs, MOTE_DER_CONTEXT(2)))
		err = mote_der_read(&tbs, MOTE_DER_CONTEXT(2), NULL);
	if (!err)
		err = ta_basic_ca(&tbs, &ca);
	if (!err)
		err = mote_x509_name_hash_der(subject.p, subject.len, ta->name_hash);
	if (!err)
		err = mote_x509_name_hash_der(issuer.p, issuer.len, issuer_hash);
	if (!err)
		err = mote_pkey_parse_spki(&pk, spki.p, spki.len);
	if (!err)
		err = ta_key(ta, &pk, arena, arena_len, used);
	if (err)
		return err;
	/* A CA unless it says it is not one; v1 roots (no extensions) count
	 * as CAs when self-issued. */
	if (ca == 1 || (ca == -1 && (version == 2 ||
	                             memcmp(issuer_hash, ta->name_hash, sizeof issuer_hash) == 0)))
		ta->flags = MOTE_TA_CA;
	return 0;
}

int mote_ta_load_pem(mote_trust_anchor *tas, size_t cap, size_t *count, const char *pem,
                     size_t pem_len, uint8_t *der_buf, size_t der_cap, uint8_t *arena,
                     size_t arena_len, size_t *used)
{
	mote_pem_reader r;
	mote_pem_block blk;
	int err;

	*count = 0;
	mote_pem_init(&r, pem, pem_len);
	for (;;) {
		err = mote_pem_next(&r, &blk, der_buf, der_cap);
		if (err == MOTE_ERR_PEM_NOT_FOUND)
			return 0;
		if (err)
			return err;
		if (!mote_pem_label_is(&blk, "CERTIFICATE"))
			continue;
		if (*count >= cap)
			return MOTE_ERR_BUFFER_TOO_SMALL;
		err = mote_ta_from_der(&tas[*count], blk.der, blk.der_len, arena, arena_len, used);
		if (err)
			return err;
		(*count)++;
	}
}
