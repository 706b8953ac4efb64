/*
 * Certificate extensions in a stream (RFC 5280 4.2). Decoded: basic
 * constraints, key usage, extended key usage, subject alternative names
 * (leaf, when a host name or IP is to be matched) and name constraints
 * (issuers, when there is a name to constrain). Key identifiers are
 * recognised and skipped. Any other extension is skipped, or, if marked
 * critical, breaks the certificate (MOTE_ERR_X509_CRITICAL_EXTENSION).
 * An extension met twice: MOTE_ERR_X509_BAD_EXTENSION.
 */
#include <string.h>

#include "x509_internal.h"

/* id-ce (2.5.29) arcs. */
static const uint8_t ext_arcs[] = {0, 0x13, 0x0F, 0x25, 0x11, 0x1E, 0x0E, 0x23};

static const uint8_t oid_server_auth[] = {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01};
static const uint8_t oid_client_auth[] = {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02};
static const uint8_t oid_any_eku[] = {0x55, 0x1D, 0x25, 0x00};

static int ext_want(mote_x509_level *c, uint8_t tag, uint8_t kind, uint8_t arg)
{
	if (c->tag != tag)
		return MOTE_ERR_DER_BAD_TAG;
	c->kind = kind;
	c->arg = arg;
	return 0;
}

static int has_name(const mote_x509_ctx *ctx)
{
	return ctx->pol->host != NULL || ctx->pol->ip_len != 0;
}

/* Is the extension's value to be decoded in this certificate? */
static int ext_decoded(const mote_x509_ctx *ctx, uint8_t id)
{
	switch (id) {
	case XE_BC:
	case XE_KU:
	case XE_EKU:
		return 1;
	case XE_SAN:
		return mote_x509_is_leaf(ctx) && has_name(ctx);
	case XE_NC:
		return mote_x509_wants_nc(ctx);
	default:
		return 0;
	}
}

static int ext_value(mote_x509_ctx *ctx, mote_x509_level *c)
{
	if (c->tag != MOTE_DER_OCTET_STRING)
		return MOTE_ERR_DER_BAD_TAG;
	if (ctx->ext_id == XE_UNKNOWN && ctx->crit)
		mote_x509_cert_error(ctx, MOTE_ERR_X509_CRITICAL_EXTENSION);
	c->kind = ext_decoded(ctx, ctx->ext_id) ? XK_EXTVAL : XF_SKIP;
	c->arg = ctx->ext_id;
	return 0;
}

static int ext_ext_child(mote_x509_ctx *ctx, mote_x509_level *p, mote_x509_level *c)
{
	if (p->st == 0) {
		p->st = 1;
		return ext_want(c, MOTE_DER_OID, XF_EXT_OID, 0);
	}
	if (p->st == 1 && c->tag == MOTE_DER_BOOLEAN) {
		p->st = 2;
		c->kind = XF_EXT_CRIT;
		return 0;
	}
	if (p->st <= 2) {
		p->st = 3;
		return ext_value(ctx, c);
	}
	return MOTE_ERR_DER_TRAILING_DATA;
}

/* The contents of extnValue, per extension. */
static int ext_val_child(mote_x509_ctx *ctx, mote_x509_level *p, mote_x509_level *c)
{
	if (p->st++ != 0)
		return MOTE_ERR_DER_TRAILING_DATA;
	switch (p->arg) {
	case XE_BC:
		ctx->flags |= XC_HAS_BC;
		return ext_want(c, MOTE_DER_SEQUENCE, XK_BC, 0);
	case XE_KU:
		ctx->flags |= XC_KU;
		return ext_want(c, MOTE_DER_BIT_STRING, XF_KU, 0);
	case XE_EKU:
		ctx->flags |= XC_EKU;
		return ext_want(c, MOTE_DER_SEQUENCE, XK_EKU, 0);
	case XE_SAN:
		return ext_want(c, MOTE_DER_SEQUENCE, XK_SAN, 0);
	default:
		return ext_want(c, MOTE_DER_SEQUENCE, XK_NC, 0);
	}
}

static int ext_bc_child(mote_x509_level *p, mote_x509_level *c)
{
	if (p->st == 0 && c->tag == MOTE_DER_BOOLEAN) {
		p->st = 1;
		c->kind = XF_BC_CA;
		return 0;
	}
	if (p->st <= 1) {
		p->st = 2;
		return ext_want(c, MOTE_DER_INTEGER, XF_PATHLEN, 0);
	}
	return MOTE_ERR_DER_TRAILING_DATA;
}

/* GeneralName in a SAN or a name-constraint base: dNSName [2] and
 * iPAddress [7] are decoded, other forms skipped. */
static int ext_general_name(mote_x509_level *c, uint8_t dns, uint8_t ip, uint8_t arg)
{
	c->arg = arg;
	if (c->tag == MOTE_DER_CONTEXT(2))
		c->kind = dns;
	else if (c->tag == MOTE_DER_CONTEXT(7))
		c->kind = ip;
	else if ((c->tag & 0xC0) == 0x80)
		c->kind = XF_SKIP;
	else
		return MOTE_ERR_DER_BAD_TAG;
	return 0;
}

static int ext_nc_child(mote_x509_level *p, mote_x509_level *c)
{
	if (p->st == 0 && c->tag == MOTE_DER_CONTEXT_CONS(0)) {
		p->st = 1;
		c->kind = XK_SUBTREES;
		c->arg = 0;
		return 0;
	}
	if (p->st <= 1 && c->tag == MOTE_DER_CONTEXT_CONS(1)) {
		p->st = 2;
		c->kind = XK_SUBTREES;
		c->arg = 1;
		return 0;
	}
	return MOTE_ERR_DER_BAD_TAG;
}

int mote_x509_ext_child(mote_x509_ctx *ctx, mote_x509_level *parent, mote_x509_level *child)
{
	mote_x509_level *p = parent, *c = child;

	switch (p->kind) {
	case XK_EXTS3:
		return p->st++ == 0 ? ext_want(c, MOTE_DER_SEQUENCE, XK_EXTS, 0)
		                    : MOTE_ERR_DER_TRAILING_DATA;
	case XK_EXTS:
		p->st = 1;
		ctx->ext_id = XE_UNKNOWN;
		ctx->crit = 0;
		return ext_want(c, MOTE_DER_SEQUENCE, XK_EXT, 0);
	case XK_EXT:
		return ext_ext_child(ctx, p, c);
	case XK_EXTVAL:
		return ext_val_child(ctx, p, c);
	case XK_BC:
		return ext_bc_child(p, c);
	case XK_EKU:
		p->st = 1;
		return ext_want(c, MOTE_DER_OID, XF_EKU_OID, 0);
	case XK_SAN:
		p->st = 1;
		return ext_general_name(c, XF_SAN_DNS, XF_SAN_IP, 0);
	case XK_NC:
		return ext_nc_child(p, c);
	case XK_SUBTREES:
		p->st = 1;
		return ext_want(c, MOTE_DER_SEQUENCE, XK_SUBTREE, p->arg);
	default: /* XK_SUBTREE: base, then minimum/maximum, which RFC 5280
	          * 4.2.1.10 requires absent (minimum is DEFAULT 0) */
		if (p->st++ != 0)
			return MOTE_ERR_X509_BAD_EXTENSION;
		return ext_general_name(c, XF_NC_DNS, XF_NC_IP, p->arg);
	}
}

int mote_x509_ext_field_begin(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len)
{
	if (lv->kind == XF_SAN_DNS && ctx->pol->host)
		mote_x509_host_begin(ctx);
	else if (lv->kind == XF_NC_DNS && ctx->pol->host)
		mote_x509_nc_dns_begin(ctx, len);
	return 0;
}

int mote_x509_ext_field_bytes(mote_x509_ctx *ctx, mote_x509_level *lv, const uint8_t *p,
                              size_t n)
{
	if (lv->kind == XF_SAN_DNS && ctx->pol->host)
		mote_x509_host_bytes(ctx, p, n);
	else if (lv->kind == XF_NC_DNS && ctx->pol->host)
		mote_x509_nc_dns_bytes(ctx, p, n);
	return 0;
}

static int ext_oid_end(mote_x509_ctx *ctx, uint32_t len)
{
	int err;

	err = mote_x509_check_oid(ctx, len);
	if (err)
		return err;
	ctx->ext_id = XE_UNKNOWN;
	if (len == 3 && ctx->cap[0] == 0x55 && ctx->cap[1] == 0x1D) {
		for (uint8_t i = 1; i < sizeof ext_arcs; i++) {
			if (ctx->cap[2] == ext_arcs[i])
				ctx->ext_id = i;
		}
	}
	if (ctx->ext_id == XE_UNKNOWN)
		return 0;
	if (ctx->seen_ext & (1u << ctx->ext_id))
		return MOTE_ERR_X509_BAD_EXTENSION;
	ctx->seen_ext |= (uint16_t)(1u << ctx->ext_id);
	if (ctx->ext_id == XE_SAN)
		ctx->flags |= XC_SAN;
	return 0;
}

/* A BOOLEAN that DER allows only as TRUE (its DEFAULT is FALSE). */
static int ext_true(const mote_x509_ctx *ctx, uint32_t len)
{
	int v;
	int err = mote_der_decode_bool(ctx->cap, len, &v);

	if (err)
		return err;
	return v ? 0 : MOTE_ERR_DER_BAD_VALUE;
}

static int ext_pathlen(mote_x509_ctx *ctx, uint32_t len)
{
	uint32_t v = 0;
	int err = mote_der_check_integer(ctx->cap, len);

	if (err)
		return err;
	if (ctx->cap[0] & 0x80)
		return MOTE_ERR_DER_NEGATIVE;
	/* pathLenConstraint without cA: RFC 5280 4.2.1.9 forbids it. */
	if (!ctx->is_ca)
		return MOTE_ERR_X509_BAD_EXTENSION;
	for (uint32_t i = 0; i < len && v < 256; i++)
		v = v << 8 | ctx->cap[i];
	ctx->path_len = (int16_t)(v > 255 ? 255 : v);
	return 0;
}

static int ext_ku(mote_x509_ctx *ctx, uint32_t len)
{
	mote_der_reader bits;
	unsigned unused;
	int err;

	if (len > MOTE_X509_CAPTURE)
		return MOTE_ERR_X509_BAD_EXTENSION;
	err = mote_der_decode_bits(ctx->cap, len, &bits, &unused);
	if (err)
		return err;
	ctx->ku = 0;
	if (bits.len > 0)
		ctx->ku = (uint16_t)(bits.p[0] << 8);
	if (bits.len > 1)
		ctx->ku |= bits.p[1];
	return ctx->ku ? 0 : MOTE_ERR_X509_BAD_EXTENSION;
}

static int ext_eku_oid(mote_x509_ctx *ctx, uint32_t len)
{
	int err;

	err = mote_x509_check_oid(ctx, len);
	if (err)
		return err;
	if (mote_x509_oid_is(ctx, len, oid_any_eku, sizeof oid_any_eku) ||
	    (ctx->pol->purpose == MOTE_X509_PURPOSE_SERVER &&
	     mote_x509_oid_is(ctx, len, oid_server_auth, sizeof oid_server_auth)) ||
	    (ctx->pol->purpose == MOTE_X509_PURPOSE_CLIENT &&
	     mote_x509_oid_is(ctx, len, oid_client_auth, sizeof oid_client_auth)))
		ctx->flags |= XC_EKU_OK;
	return 0;
}

static int ext_san_ip(mote_x509_ctx *ctx, uint32_t len)
{
	if (len != 4 && len != 16)
		return MOTE_ERR_X509_BAD_EXTENSION;
	if (len == ctx->pol->ip_len && memcmp(ctx->cap, ctx->pol->ip, len) == 0)
		ctx->flags |= XC_SAN_MATCH;
	return 0;
}

static void ext_nc_mark(mote_x509_ctx *ctx, int excluded, int match, uint8_t seen,
                        uint8_t matched, uint8_t excl)
{
	if (excluded) {
		if (match)
			ctx->nc |= excl;
		return;
	}
	ctx->nc |= seen;
	if (match)
		ctx->nc |= matched;
}

static int ext_nc_ip(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len)
{
	int match;

	if (len != 8 && len != 32)
		return MOTE_ERR_X509_BAD_EXTENSION;
	if (ctx->pol->ip_len == 0)
		return 0;
	match = mote_x509_nc_ip_match(ctx->pol->ip, ctx->pol->ip_len, ctx->cap, len);
	ext_nc_mark(ctx, lv->arg, match, XNC_IP_PERMIT_SEEN, XNC_IP_PERMIT_MATCH, XNC_IP_EXCLUDED);
	return 0;
}

int mote_x509_ext_field_end(mote_x509_ctx *ctx, mote_x509_level *lv, uint32_t len)
{
	switch (lv->kind) {
	case XF_EXT_OID:
		return ext_oid_end(ctx, len);
	case XF_EXT_CRIT:
		ctx->crit = 1;
		return ext_true(ctx, len);
	case XF_BC_CA:
		ctx->is_ca = 1;
		return ext_true(ctx, len);
	case XF_PATHLEN:
		return ext_pathlen(ctx, len);
	case XF_KU:
		return ext_ku(ctx, len);
	case XF_EKU_OID:
		return ext_eku_oid(ctx, len);
	case XF_SAN_DNS:
		if (ctx->pol->host && mote_x509_host_end(ctx))
			ctx->flags |= XC_SAN_MATCH;
		return 0;
	case XF_SAN_IP:
		return ext_san_ip(ctx, len);
	case XF_NC_DNS:
		if (ctx->pol->host)
			ext_nc_mark(ctx, lv->arg, mote_x509_nc_dns_end(ctx), XNC_DNS_PERMIT_SEEN,
			            XNC_DNS_PERMIT_MATCH, XNC_DNS_EXCLUDED);
		return 0;
	case XF_NC_IP:
		return ext_nc_ip(ctx, lv, len);
	default:
		return 0;
	}
}

int mote_x509_ext_end(mote_x509_ctx *ctx, mote_x509_level *lv)
{
	switch (lv->kind) {
	case XK_EXTS3:
	case XK_EXTVAL:
	case XK_SUBTREE:
		return lv->st == 1 ? 0 : MOTE_ERR_DER_TRUNCATED;
	case XK_EXT:
		return lv->st == 3 ? 0 : MOTE_ERR_DER_TRUNCATED;
	case XK_EXTS: /* SIZE (1..MAX) */
		return lv->st ? 0 : MOTE_ERR_DER_BAD_VALUE;
	case XK_EKU:
	case XK_SAN:
	case XK_NC:
	case XK_SUBTREES:
		return lv->st ? 0 : MOTE_ERR_X509_BAD_EXTENSION;
	default: /* XK_BC */
		return 0;
	}
}
