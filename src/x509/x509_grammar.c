/*
 * The Certificate grammar (RFC 5280 4.1) for the streaming decoder: when a
 * header is complete, mote_x509_child() says what the element is from its
 * parent and its position; field and container handlers then act on it.
 *
 *   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm,
 *                              signatureValue BIT STRING }
 *   TBSCertificate ::= SEQUENCE { [0] version DEFAULT v1, serialNumber,
 *       signature AlgorithmIdentifier, issuer Name, validity, subject Name,
 *       subjectPublicKeyInfo, [1] issuerUniqueID, [2] subjectUniqueID,
 *       [3] extensions }
 *
 * AlgorithmIdentifiers are in x509_alg.c, extensions in x509_ext.c.
 */
#include <string.h>

#include "pkey_internal.h"
#include "x509_internal.h"

/* Depth of the Name element: FRAME, Certificate, TBSCertificate, Name. */
#define XL_NAME 3

/* TBSCertificate positions (level st). */
enum {
	TBS_VERSION,
	TBS_SERIAL,
	TBS_SIGALG,
	TBS_ISSUER,
	TBS_VALIDITY,
	TBS_SUBJECT,
	TBS_SPKI,
	TBS_IUID,
	TBS_SUID,
	TBS_EXTS,
	TBS_DONE
};

static const uint8_t oid_cn[] = {0x55, 0x04, 0x03};

static int want(mote_x509_level *c, uint8_t tag, uint8_t kind, uint8_t arg)
{
	if (c->tag != tag)
		return MOTE_ERR_DER_BAD_TAG;
	c->kind = kind;
	c->arg = arg;
	return 0;
}

static int gram_frame(mote_x509_level *p, mote_x509_level *c)
{
	int err = want(c, MOTE_DER_SEQUENCE, XK_CERT, 0);

	if (err)
		return err;
	if (p->st++ != 0 || c->end != p->end)
		return MOTE_ERR_DER_TRAILING_DATA;
	return 0;
}

static int gram_cert(mote_x509_ctx *ctx, mote_x509_level *p, mote_x509_level *c)
{
	switch (p->st++) {
	case 0:
		if (ctx->tbs_mode != XT_OFF)
			ctx->regions |= XR_TBS;
		return want(c, MOTE_DER_SEQUENCE, XK_TBS, 0);
	case 1:
		return want(c, MOTE_DER_SEQUENCE, XK_ALGID, XA_OUTER);
	case 2:
		ctx->bits_pending = 1;
		return want(c, MOTE_DER_BIT_STRING, XF_SIG, 0);
	default:
		return MOTE_ERR_DER_TRAILING_DATA;
	}
}

/* The optional fields at the end of TBSCertificate, by tag. */
static int gram_tbs_tail(mote_x509_ctx *ctx, mote_x509_level *p, mote_x509_level *c)
{
	if (c->tag == MOTE_DER_CONTEXT(1) && p->st <= TBS_IUID && ctx->version >= 1) {
		p->st = TBS_SUID;
		c->kind = XF_SKIP;
		return 0;
	}
	if (c->tag == MOTE_DER_CONTEXT(2) && p->st <= TBS_SUID && ctx->version >= 1) {
		p->st = TBS_EXTS;
		c->kind = XF_SKIP;
		return 0;
	}
	if (c->tag == MOTE_DER_CONTEXT_CONS(3) && p->st <= TBS_EXTS && ctx->version == 2) {
		p->st = TBS_DONE;
		c->kind = XK_EXTS3;
		return 0;
	}
	return p->st == TBS_DONE ? MOTE_ERR_DER_TRAILING_DATA : MOTE_ERR_DER_BAD_TAG;
}

static int gram_tbs(mote_x509_ctx *ctx, mote_x509_level *p, mote_x509_level *c)
{
	if (p->st == TBS_VERSION && c->tag == MOTE_DER_CONTEXT_CONS(0)) {
		p->st = TBS_SERIAL;
		c->kind = XK_VERSION;
		return 0;
	}
	if (p->st == TBS_VERSION)
		p->st = TBS_SERIAL;
	switch (p->st) {
	case TBS_SERIAL:
		p->st++;
		return want(c, MOTE_DER_INTEGER, XF_SERIAL, 0);
	case TBS_SIGALG:
		p->st++;
		return want(c, MOTE_DER_SEQUENCE, XK_ALGID, XA_TBS);
	case TBS_ISSUER:
	case TBS_SUBJECT:
		mote_x509_name_begin(&ctx->aux);
		return want(c, MOTE_DER_SEQUENCE, XK_NAME,
		            p->st++ == TBS_ISSUER ? XN_ISSUER : XN_SUBJECT);
	case TBS_VALIDITY:
		p->st++;
		return want(c, MOTE_DER_SEQUENCE, XK_VALIDITY, 0);
	case TBS_SPKI:
		p->st++;
		mote_x509_chain_spki_begin(ctx);
		return want(c, MOTE_DER_SEQUENCE, XK_SPKI, 0);
	default:
		return gram_tbs_tail(ctx, p, c);
	}
}

/* SubjectPublicKeyInfo, RSAPublicKey: the key per its algorithm. */
static int gram_spki(mote_x509_ctx *ctx, mote_x509_level *p, mote_x509_level *c)
{
	switch (p->st++) {
	case 0:
		return want(c, MOTE_DER_SEQUENCE, XK_ALGID, XA_SPKI);
	case 1:
		ctx->bits_pending = 1;
		switch (ctx->spki_type) {
		case MOTE_PKEY_RSA:
			return want(c, MOTE_DER_BIT_STRING, XK_RSA_BITS, 0);
		case MOTE_PKEY_EC:
			return want(c, MOTE_DER_BIT_STRING, XF_EC_POINT, 0);
		case MOTE_PKEY_ED25519:
			return want(c, MOTE_DER_BIT_STRING, XF_ED_KEY, 0);
		default:
			ctx->bits_pending = 0;
			return want(c, MOTE_DER_BIT_STRING, XF_SKIP, 0);
		}
	default:
		return MOTE_ERR_DER_TRAILING_DATA;
	}
}

static int gram_simple(mote_x509_ctx *ctx, mote_x509_level *p, mote_x509_level *c)
{
	uint8_t st = p->st++;

	switch (p->kind) {
	case XK_VERSION:
		return st == 0 ? want(c, MOTE_DER_INTEGER, XF_VERSION, 0) : MOTE_ERR_DER_TRAILING_DATA;
	case XK_NAME:
		mote_x509_name_rdn(&ctx->aux);
		return want(c, MOTE_DER_SET, XK_RDN, 0);
	case XK_RDN:
		return want(c, MOTE_DER_SEQUENCE, XK_ATV, 0);
	case XK_ATV:
		if (st == 0)
			return want(c, MOTE_DER_OID, XF_ATV_OID, 0);
		if (st > 1)
			return MOTE_ERR_DER_TRAILING_DATA;
		if (c->tag & 0x20)
			return MOTE_ERR_DER_BAD_TAG;
		c->kind = XF_ATV_VALUE;
		return 0;
	case XK_VALIDITY:
		if (st > 1)
			return MOTE_ERR_DER_TRAILING_DATA;
		if (c->tag != MOTE_DER_UTC_TIME && c->tag != MOTE_DER_GENERALIZED_TIME)
			return MOTE_ERR_DER_BAD_TAG;
		c->kind = XF_TIME;
		c->arg = st;
		return 0;
	case XK_RSA_BITS:
		return st == 0 ? want(c, MOTE_DER_SEQUENCE, XK_RSA_KEY, 0) : MOTE_ERR_DER_TRAILING_DATA;
	case XK_RSA_KEY:
		if (st > 1)
			return MOTE_ERR_DER_TRAILING_DATA;
		return want(c, MOTE_DER_INTEGER, st == 0 ? XF_RSA_N : XF_RSA_E, 0);
	default:
		return MOTE_ERR_DER_BAD_TAG;
	}
}

int mote_x509_child(mote_x509_ctx *ctx, mote_x509_level *parent, mote_x509_level *child)
{
	switch (parent->kind) {
	case XK_FRAME:
		return gram_frame(parent, child);
	case XK_CERT:
		return gram_cert(ctx, parent, child);
	case XK_TBS:
		return gram_tbs(ctx, parent, child);
	case XK_SPKI:
		return gram_spki(ctx, parent, child);
	case XK_ALGID:
	case XK_PSS:
	case XK_EXPL:
		return mote_x509_alg_child(ctx, parent, child);
	case XK_EXTS3:
	case XK_EXTS:
	case XK_EXT:
	case XK_EXTVAL:
	case XK_BC:
	case XK_EKU:
	case XK_SAN:
	case XK_NC:
	case XK_SUBTREES:
	case XK_SUBTREE:
		return mote_x509_ext_child(ctx, parent, child);
	default:
		return gram_simple(ctx, parent, child);
	}
}

/* ---- Fields ---- */

static int is_subject(const mote_x509_ctx *ctx)
{
	return ctx->nlv > XL_NAME && ctx->lv[XL_NAME].kind == XK_NAME &&
	       ctx->lv[XL_NAME].arg == XN_SUBJECT;
}

/* Bytes of the current field already received. */
static uint32_t field_done(const mote_x509_ctx *ctx, const mote_x509_level *lv)
{
	return ctx->fld_len - (lv->end - ctx->pos);
}

/* 1 if the modulus starts with a 0x00 sign byte, which is not stored
 * (an RSA-2048 key takes 256 bytes of arena, not 257). cap[0] is the
 * first byte once any has arrived. */
static uint32_t rsa_sign_byte(const mote_x509_ctx *ctx)
{
	return ctx->fld_len > 1 && ctx->cap[0] == 0;
}

/* Modulus bytes into the arena; its space is taken with the first byte,
 * when the sign byte is known. */
static int rsa_modulus_bytes(mote_x509_ctx *ctx, const mote_x509_level *lv, const uint8_t *p,
                             size_t n)
{
	uint32_t drop = rsa_sign_byte(ctx), done = field_done(ctx, lv);
	int err;

	if (done == 0) {
		if (ctx->fld_len - drop > MOTE_X509_MAX_RSA_BYTES)
			return MOTE_ERR_KEY_TOO_LARGE;
		err = mote_x509_arena_key(ctx, ctx->fld_len - drop);
		if (err)
			return err;
		p += drop;
		n -= drop;
		done = drop;
	}
	memcpy(ctx->arena + ctx->key.off + done - drop, p, n);
	return 0;
}

int mote_x509_field_begin(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len)
{
	switch (lv->kind) {
	case XF_ATV_OID:
		mote_x509_name_attr_begin(&ctx->aux, len);
		return 0;
	case XF_ATV_VALUE:
		mote_x509_name_value_begin(&ctx->aux, &ctx->nst, lv->tag);
		if (ctx->flags & XC_CN_ATTR)
			mote_x509_host_begin(ctx);
		return 0;
	case XF_RSA_N:
		/* Space is taken with the first byte (rsa_modulus_bytes). */
		if (len > MOTE_X509_MAX_RSA_BYTES + 1)
			return MOTE_ERR_KEY_TOO_LARGE;
		ctx->key.type = MOTE_PKEY_RSA;
		return 0;
	case XF_EC_POINT:
		ctx->key.type = MOTE_PKEY_EC;
		ctx->key.curve = ctx->spki_curve;
		return mote_x509_arena_key(ctx, len - 1);
	case XF_ED_KEY:
		if (len - 1 != 32)
			return MOTE_ERR_BAD_KEY_LENGTH;
		ctx->key.type = MOTE_PKEY_ED25519;
		return mote_x509_arena_key(ctx, 32);
	default:
		return mote_x509_ext_field_begin(ctx, lv, len);
	}
}

int mote_x509_field_bytes(mote_x509_ctx *ctx, mote_x509_level *lv, const uint8_t *p, size_t n)
{
	switch (lv->kind) {
	case XF_ATV_OID:
		mote_sha256_update(&ctx->aux, p, n);
		return 0;
	case XF_ATV_VALUE:
		mote_x509_name_value(&ctx->aux, &ctx->nst, p, n);
		if (ctx->flags & XC_CN_ATTR)
			mote_x509_host_bytes(ctx, p, n);
		return 0;
	case XF_RSA_N:
		return rsa_modulus_bytes(ctx, lv, p, n);
	case XF_EC_POINT:
	case XF_ED_KEY:
		/* The unused-bits byte went before: one byte less here. */
		memcpy(ctx->arena + ctx->key.off + field_done(ctx, lv) - 1, p, n);
		return 0;
	case XF_SIG:
		return mote_x509_arena_append(ctx, p, n);
	default:
		return mote_x509_ext_field_bytes(ctx, lv, p, n);
	}
}

static int field_small_uint(const mote_x509_ctx *ctx, uint32_t len, uint32_t max, uint32_t *v)
{
	int err = mote_der_check_integer(ctx->cap, len);

	if (err)
		return err;
	if (ctx->cap[0] & 0x80)
		return MOTE_ERR_DER_NEGATIVE;
	if (len > 5)
		return MOTE_ERR_DER_BAD_INTEGER;
	*v = 0;
	for (uint32_t i = 0; i < len; i++)
		*v = *v << 8 | ctx->cap[i];
	return *v > max ? MOTE_ERR_DER_BAD_INTEGER : 0;
}

/* RSA modulus or exponent: positive, minimal; the sign byte dropped. */
static int field_rsa_int(mote_x509_ctx *ctx, uint32_t len, const uint8_t **p, uint32_t *n)
{
	int err = mote_der_check_integer(ctx->cap, len);

	if (err)
		return err;
	if (ctx->cap[0] & 0x80)
		return MOTE_ERR_DER_NEGATIVE;
	if (len == 1 && ctx->cap[0] == 0)
		return MOTE_ERR_BAD_KEY;
	*n = len - (ctx->cap[0] == 0);
	*p = ctx->cap + (ctx->cap[0] == 0);
	return 0;
}

static int field_rsa(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len)
{
	const uint8_t *p;
	uint32_t n;
	int err = field_rsa_int(ctx, len, &p, &n);

	if (err)
		return err;
	if (lv->kind == XF_RSA_N)
		return ctx->key.len == n ? 0 : MOTE_ERR_BAD_KEY;
	if (n > sizeof ctx->key.e)
		return MOTE_ERR_UNSUPPORTED;
	/* e = 1 makes every signature valid; even e is not RSA. */
	if ((p[n - 1] & 1) == 0 || (n == 1 && p[0] == 1))
		return MOTE_ERR_BAD_KEY;
	memcpy(ctx->key.e, p, n);
	ctx->key.e_len = (uint8_t)n;
	return 0;
}

static int field_atv_oid(mote_x509_ctx *ctx, uint32_t len)
{
	int err;

	err = mote_x509_check_oid(ctx, len);
	if (err)
		return err;
	ctx->flags &= (uint16_t)~XC_CN_ATTR;
	if (mote_x509_is_leaf(ctx) && is_subject(ctx) && ctx->pol->host &&
	    mote_x509_oid_is(ctx, len, oid_cn, sizeof oid_cn))
		ctx->flags |= XC_CN_ATTR;
	return 0;
}

int mote_x509_field_end(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len)
{
	uint32_t v;
	int64_t t;
	int err;

	switch (lv->kind) {
	case XF_SKIP:
		return 0;
	case XF_VERSION:
		err = field_small_uint(ctx, len, 2, &v);
		/* v1 is the DEFAULT, so DER never encodes it. */
		if (err || v == 0)
			return MOTE_ERR_DER_BAD_VERSION;
		ctx->version = (uint8_t)v;
		return 0;
	case XF_SERIAL:
		return mote_der_check_integer(ctx->cap, len);
	case XF_TIME:
		if (len > MOTE_X509_CAPTURE)
			return MOTE_ERR_DER_BAD_TIME;
		err = mote_der_decode_time(lv->tag, ctx->cap, len, &t);
		if (!err)
			mote_x509_chain_time(ctx, lv->arg, t);
		return err;
	case XF_ATV_OID:
		return field_atv_oid(ctx, len);
	case XF_ATV_VALUE:
		mote_x509_name_value_end(&ctx->aux, &ctx->nst);
		if ((ctx->flags & XC_CN_ATTR) && mote_x509_host_end(ctx))
			ctx->flags |= XC_CN_MATCH;
		return 0;
	case XF_RSA_N:
	case XF_RSA_E:
		return field_rsa(ctx, lv, len);
	case XF_EC_POINT:
		if (len - 1 != 1 + 2 * (uint32_t)mote_pkey_curve_bytes(ctx->key.curve) ||
		    ctx->arena[ctx->key.off] != 0x04)
			return MOTE_ERR_BAD_POINT;
		return 0;
	case XF_ED_KEY:
		return 0;
	case XF_SIG:
		mote_x509_chain_sig(ctx);
		return 0;
	case XF_ALG_OID:
	case XF_NULL:
	case XF_CURVE:
	case XF_SALT:
		return mote_x509_alg_field_end(ctx, lv, len);
	default:
		return mote_x509_ext_field_end(ctx, lv, len);
	}
}

int mote_x509_container_end(mote_x509_ctx *ctx, mote_x509_level *lv)
{
	switch (lv->kind) {
	case XK_CERT:
		return lv->st == 3 ? 0 : MOTE_ERR_DER_TRUNCATED;
	case XK_TBS:
		if (lv->st < TBS_IUID)
			return MOTE_ERR_DER_TRUNCATED;
		ctx->regions &= (uint8_t)~XR_TBS;
		return mote_x509_chain_tbs_end(ctx);
	case XK_VERSION:
	case XK_RSA_BITS:
		return lv->st == 1 ? 0 : MOTE_ERR_DER_TRUNCATED;
	case XK_ATV:
	case XK_VALIDITY:
	case XK_RSA_KEY:
		return lv->st == 2 ? 0 : MOTE_ERR_DER_TRUNCATED;
	case XK_RDN:
		return lv->st >= 1 ? 0 : MOTE_ERR_DER_BAD_VALUE;
	case XK_NAME:
		mote_x509_name_final(&ctx->aux, lv->arg == XN_ISSUER ? ctx->cur_issuer : ctx->cur_subject);
		if (lv->arg == XN_SUBJECT)
			mote_x509_chain_subject(ctx);
		return 0;
	case XK_SPKI:
		if (lv->st != 2)
			return MOTE_ERR_DER_TRUNCATED;
		if (ctx->regions & XR_SPKI) {
			uint8_t spki_hash[MOTE_SHA256_SIZE];

			ctx->regions &= (uint8_t)~XR_SPKI;
			mote_sha256_final(&ctx->aux, spki_hash);
			mote_x509_chain_pins(ctx, spki_hash);
		}
		return mote_x509_chain_key(ctx);
	case XK_ALGID:
	case XK_PSS:
	case XK_EXPL:
		return mote_x509_alg_end(ctx, lv);
	default:
		return mote_x509_ext_end(ctx, lv);
	}
}
