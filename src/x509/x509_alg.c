/*
 * AlgorithmIdentifiers in a certificate stream: the signature algorithm
 * (in the TBS and outside it; RFC 5280 4.1.1.2, RFC 4055, RFC 5758,
 * RFC 8410), RSASSA-PSS-params, and the key algorithm of the SPKI
 * (rules as in pkey.c: NULL parameters for rsaEncryption, a named curve
 * for id-ecPublicKey, none for Ed25519).
 *
 * An unknown or weak signature algorithm is not an error here: it only
 * makes the signature unverifiable, which matters if and when that
 * signature has to be verified (a root's self-signature never is).
 */
#include <string.h>

#include "x509_internal.h"

struct alg_oid {
	uint8_t len;
	uint8_t oid[9];
	uint8_t sig;
	uint8_t hash;
};

#define PKCS1(b) 9, {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, b}
#define ECDSA2(b) 8, {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, b}

static const struct alg_oid sig_oids[] = {
	{PKCS1(0x0B), XS_RSA_PKCS1, MOTE_HASH_SHA256},
	{PKCS1(0x0C), XS_RSA_PKCS1, MOTE_HASH_SHA384},
	{PKCS1(0x0D), XS_RSA_PKCS1, MOTE_HASH_SHA512},
	{PKCS1(0x0A), XS_RSA_PSS, XH_WEAK}, /* hash from the parameters */
	{ECDSA2(0x02), XS_ECDSA, MOTE_HASH_SHA256},
	{ECDSA2(0x03), XS_ECDSA, MOTE_HASH_SHA384},
	{ECDSA2(0x04), XS_ECDSA, MOTE_HASH_SHA512},
	{3, {0x2B, 0x65, 0x70}, XS_ED25519, MOTE_HASH_SHA512},
	/* MD2, MD5 and SHA-1 with RSA; ECDSA with SHA-1. */
	{PKCS1(0x02), XS_WEAK, XH_WEAK},
	{PKCS1(0x04), XS_WEAK, XH_WEAK},
	{PKCS1(0x05), XS_WEAK, XH_WEAK},
	{7, {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01}, XS_WEAK, XH_WEAK},
};

#define SHA2(b) 9, {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, b}

static const struct alg_oid hash_oids[] = {
	{SHA2(0x01), 0, MOTE_HASH_SHA256},
	{SHA2(0x02), 0, MOTE_HASH_SHA384},
	{SHA2(0x03), 0, MOTE_HASH_SHA512},
	{5, {0x2B, 0x0E, 0x03, 0x02, 0x1A}, 0, XH_WEAK},                         /* SHA-1 */
	{8, {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x05}, 0, XH_WEAK}, /* MD5 */
};

static const struct alg_oid key_oids[] = {
	{PKCS1(0x01), MOTE_PKEY_RSA, 0},
	{7, {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01}, MOTE_PKEY_EC, 0},
	{3, {0x2B, 0x65, 0x70}, MOTE_PKEY_ED25519, 0},
};

static const uint8_t oid_mgf1[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08};
static const uint8_t oid_p256[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};
static const uint8_t oid_p384[] = {0x2B, 0x81, 0x04, 0x00, 0x22};

int mote_x509_check_oid(const mote_x509_ctx *ctx, uint32_t len)
{
	return len > MOTE_X509_CAPTURE ? 0 : mote_der_check_oid(ctx->cap, len);
}

int mote_x509_oid_is(const mote_x509_ctx *ctx, uint32_t len, const uint8_t *known,
                     size_t known_len)
{
	return len == known_len && len <= MOTE_X509_CAPTURE && memcmp(ctx->cap, known, len) == 0;
}

static const struct alg_oid *alg_find(const mote_x509_ctx *ctx, uint32_t len,
                                      const struct alg_oid *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (mote_x509_oid_is(ctx, len, t[i].oid, t[i].len))
			return &t[i];
	}
	return NULL;
}

/* The signature AlgorithmIdentifier being read: the TBS one (level 3,
 * under TBSCertificate) or the outer one (level 2). */
static mote_x509_sigalg *alg_target(mote_x509_ctx *ctx)
{
	return ctx->lv[2].kind == XK_TBS ? &ctx->alg : &ctx->alg_out;
}

static int alg_want(mote_x509_level *c, uint8_t tag, uint8_t kind, uint8_t arg)
{
	if (c->tag != tag)
		return MOTE_ERR_DER_BAD_TAG;
	c->kind = kind;
	c->arg = arg;
	return 0;
}

/* The parameters of an AlgorithmIdentifier, per its OID. */
static int alg_params(mote_x509_ctx *ctx, mote_x509_level *p, mote_x509_level *c)
{
	mote_x509_sigalg *a;

	switch (p->arg) {
	case XA_TBS:
	case XA_OUTER:
		a = alg_target(ctx);
		if (a->sig == XS_RSA_PKCS1)
			return alg_want(c, MOTE_DER_NULL, XF_NULL, p->arg);
		if (a->sig == XS_RSA_PSS) {
			a->mgf_hash = XH_WEAK; /* DEFAULT mgf1SHA1 */
			a->salt = 20;
			return alg_want(c, MOTE_DER_SEQUENCE, XK_PSS, 0);
		}
		if (a->sig == XS_ECDSA || a->sig == XS_ED25519)
			return MOTE_ERR_DER_BAD_PARAMS;
		c->kind = XF_SKIP;
		return 0;
	case XA_SPKI:
		if (ctx->spki_type == MOTE_PKEY_RSA)
			return alg_want(c, MOTE_DER_NULL, XF_NULL, XA_SPKI);
		if (ctx->spki_type == MOTE_PKEY_EC)
			return alg_want(c, MOTE_DER_OID, XF_CURVE, 0);
		if (ctx->spki_type == MOTE_PKEY_ED25519)
			return MOTE_ERR_DER_BAD_PARAMS;
		c->kind = XF_SKIP;
		return 0;
	case XA_PSS_HASH:
	case XA_MGF_HASH:
		return alg_want(c, MOTE_DER_NULL, XF_NULL, p->arg);
	default: /* XA_MGF: MGF1's parameter is the hash AlgorithmIdentifier */
		return alg_want(c, MOTE_DER_SEQUENCE, XK_ALGID, XA_MGF_HASH);
	}
}

/* RSASSA-PSS-params: [0] hash, [1] mask generation, [2] salt length,
 * [3] trailer field, each optional, in this order. */
static int alg_pss_child(mote_x509_level *p, mote_x509_level *c)
{
	uint8_t n = (uint8_t)(c->tag - MOTE_DER_CONTEXT_CONS(0));

	if (c->tag < MOTE_DER_CONTEXT_CONS(0) || n > 3 || n < p->st)
		return MOTE_ERR_DER_BAD_TAG;
	p->st = (uint8_t)(n + 1);
	c->kind = XK_EXPL;
	c->arg = n;
	return 0;
}

static int alg_expl_child(mote_x509_level *p, mote_x509_level *c)
{
	if (p->st++ != 0)
		return MOTE_ERR_DER_TRAILING_DATA;
	switch (p->arg) {
	case 0:
		return alg_want(c, MOTE_DER_SEQUENCE, XK_ALGID, XA_PSS_HASH);
	case 1:
		return alg_want(c, MOTE_DER_SEQUENCE, XK_ALGID, XA_MGF);
	default:
		return alg_want(c, MOTE_DER_INTEGER, XF_SALT, p->arg);
	}
}

int mote_x509_alg_child(mote_x509_ctx *ctx, mote_x509_level *parent, mote_x509_level *child)
{
	switch (parent->kind) {
	case XK_PSS:
		return alg_pss_child(parent, child);
	case XK_EXPL:
		return alg_expl_child(parent, child);
	default:
		break;
	}
	switch (parent->st++) {
	case 0:
		return alg_want(child, MOTE_DER_OID, XF_ALG_OID, parent->arg);
	case 1:
		return alg_params(ctx, parent, child);
	default:
		return MOTE_ERR_DER_TRAILING_DATA;
	}
}

static int alg_oid_end(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len)
{
	const struct alg_oid *o;
	mote_x509_sigalg *a = alg_target(ctx);
	int err;

	err = mote_x509_check_oid(ctx, len);
	if (err)
		return err;
	switch (lv->arg) {
	case XA_TBS:
	case XA_OUTER:
		memset(a, 0, sizeof *a);
		o = alg_find(ctx, len, sig_oids, sizeof sig_oids / sizeof sig_oids[0]);
		a->sig = o ? o->sig : XS_UNKNOWN;
		a->hash = o ? o->hash : XH_UNKNOWN;
		return 0;
	case XA_SPKI:
		o = alg_find(ctx, len, key_oids, sizeof key_oids / sizeof key_oids[0]);
		ctx->spki_type = o ? o->sig : MOTE_PKEY_NONE;
		return 0;
	case XA_MGF:
		if (!mote_x509_oid_is(ctx, len, oid_mgf1, sizeof oid_mgf1))
			a->mgf_hash = XH_UNKNOWN;
		return 0;
	default:
		o = alg_find(ctx, len, hash_oids, sizeof hash_oids / sizeof hash_oids[0]);
		if (lv->arg == XA_PSS_HASH)
			a->hash = o ? o->hash : XH_UNKNOWN;
		else if (a->mgf_hash != XH_UNKNOWN)
			a->mgf_hash = o ? o->hash : XH_UNKNOWN;
		return 0;
	}
}

int mote_x509_alg_field_end(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len)
{
	uint32_t v = 0;

	switch (lv->kind) {
	case XF_ALG_OID:
		return alg_oid_end(ctx, lv, len);
	case XF_NULL:
		if (len != 0)
			return MOTE_ERR_DER_BAD_VALUE;
		if (lv->arg == XA_TBS || lv->arg == XA_OUTER)
			alg_target(ctx)->null_params = 1;
		return 0;
	case XF_CURVE:
		if (mote_x509_check_oid(ctx, len))
			return MOTE_ERR_DER_BAD_OID_ENCODING;
		if (mote_x509_oid_is(ctx, len, oid_p256, sizeof oid_p256))
			ctx->spki_curve = MOTE_PKEY_CURVE_P256;
		else if (mote_x509_oid_is(ctx, len, oid_p384, sizeof oid_p384))
			ctx->spki_curve = MOTE_PKEY_CURVE_P384;
		else
			ctx->spki_type = MOTE_PKEY_NONE;
		return 0;
	default: /* XF_SALT: [2] saltLength; [3] trailerField */
		if (lv->arg == 3 || len > 2 || mote_der_check_integer(ctx->cap, len) ||
		    (ctx->cap[0] & 0x80))
			return MOTE_ERR_DER_BAD_PARAMS;
		for (uint32_t i = 0; i < len; i++)
			v = v << 8 | ctx->cap[i];
		alg_target(ctx)->salt = (uint16_t)v;
		return 0;
	}
}

/* A complete signature AlgorithmIdentifier. */
static int alg_sig_end(mote_x509_ctx *ctx, mote_x509_level *lv)
{
	mote_x509_sigalg *a = alg_target(ctx);

	/* RSASSA-PSS: MGF1 with the signature's own hash (RFC 4055 3.1). */
	if (a->sig == XS_RSA_PSS && a->hash < XH_WEAK && a->mgf_hash != a->hash)
		a->sig = a->mgf_hash == XH_WEAK ? XS_WEAK : XS_UNKNOWN;
	if (a->sig == XS_RSA_PSS && a->hash == XH_WEAK)
		a->sig = XS_WEAK;
	if (a->sig == XS_RSA_PSS && a->hash == XH_UNKNOWN)
		a->sig = XS_UNKNOWN;
	return lv->arg == XA_TBS ? mote_x509_chain_tbs_alg(ctx) : mote_x509_chain_outer_alg(ctx);
}

int mote_x509_alg_end(mote_x509_ctx *ctx, mote_x509_level *lv)
{
	if (lv->kind == XK_PSS)
		return 0;
	if (lv->kind == XK_EXPL)
		return lv->st == 1 ? 0 : MOTE_ERR_DER_TRUNCATED;
	if (lv->st == 0)
		return MOTE_ERR_DER_TRUNCATED;
	switch (lv->arg) {
	case XA_TBS:
	case XA_OUTER:
		if (alg_target(ctx)->sig == XS_RSA_PSS && lv->st < 2)
			alg_target(ctx)->sig = XS_WEAK; /* every parameter DEFAULT: SHA-1 */
		return alg_sig_end(ctx, lv);
	case XA_SPKI:
		/* pkey.c's rules: NULL required for RSA, a curve for EC. */
		if ((ctx->spki_type == MOTE_PKEY_RSA || ctx->spki_type == MOTE_PKEY_EC) && lv->st < 2)
			return MOTE_ERR_DER_BAD_PARAMS;
		return 0;
	default:
		return 0;
	}
}
