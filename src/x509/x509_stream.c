/*
 * The incremental DER decoder under the X.509 engine.
 *
 * Certificate bytes arrive in chunks of any size and are not kept. The
 * decoder holds a stack of the open elements (ctx->lv: where each ends,
 * what it is), assembles one header at a time (at most 6 bytes, the limit
 * of mote_der_read_header, which checks it), and passes primitive values
 * through in spans:
 *   - to the hashes of the regions they lie in (TBS, SPKI, whole leaf);
 *   - to a bounded capture buffer (the first MOTE_X509_CAPTURE bytes of the
 *     value: OIDs, times, small integers are decoded from there);
 *   - to the field's streaming consumer (names, host matching, the key and
 *     signature copied into the arena).
 * Every child must fit in its parent; every container must be filled
 * exactly; the certificate's outer SEQUENCE must fill the length given to
 * mote_x509_start_cert(). What each element is, and so what happens to
 * it, is decided by the grammar (x509_grammar.c) when its header is
 * complete.
 */
#include <string.h>

#include "x509_internal.h"

static int x509_fail(mote_x509_ctx *ctx, int err)
{
	if (!ctx->err)
		ctx->err = err;
	return ctx->err;
}

void mote_x509_cert_error(mote_x509_ctx *ctx, int err)
{
	if (!ctx->cert_err)
		ctx->cert_err = (int16_t)err;
}

int mote_x509_arena_append(mote_x509_ctx *ctx, const uint8_t *p, size_t n)
{
	size_t at = (size_t)ctx->p_len + ctx->c_len;

	if (n > (size_t)ctx->key.off - at)
		return MOTE_ERR_X509_TOO_LARGE;
	memcpy(ctx->arena + at, p, n);
	ctx->c_len = (uint16_t)(ctx->c_len + n);
	return 0;
}

int mote_x509_arena_key(mote_x509_ctx *ctx, size_t n)
{
	size_t low = (size_t)ctx->p_len + ctx->c_len;

	if (n > (size_t)ctx->leaf.off - low)
		return MOTE_ERR_X509_TOO_LARGE;
	ctx->key.off = (uint16_t)(ctx->leaf.off - n);
	ctx->key.len = (uint16_t)n;
	return 0;
}

uint32_t mote_x509_level_len(const mote_x509_ctx *ctx, const mote_x509_level *lv)
{
	return lv->end - ctx->pos;
}

/* Bytes of the TBSCertificate: hashed, or kept while the hash is not yet
 * known (the bytes before the signature AlgorithmIdentifier) or when the
 * signature is Ed25519 (the whole TBS). */
static int stream_tbs(mote_x509_ctx *ctx, const uint8_t *p, size_t n)
{
	switch (ctx->tbs_mode) {
	case XT_HASH:
		mote_hash_update(&ctx->tbs, p, n);
		return 0;
	case XT_PREFIX:
	case XT_BUFFER:
		return mote_x509_arena_append(ctx, p, n);
	default:
		return 0;
	}
}

static int stream_sink(mote_x509_ctx *ctx, const uint8_t *p, size_t n)
{
	if (ctx->regions & XR_CERT)
		mote_hash_update(&ctx->tbs, p, n);
	if (ctx->regions & XR_SPKI)
		mote_sha256_update(&ctx->aux, p, n);
	if (ctx->regions & XR_TBS)
		return stream_tbs(ctx, p, n);
	return 0;
}

/* Close every element that ends here, innermost first. */
static int stream_close(mote_x509_ctx *ctx)
{
	while (ctx->nlv > 1 && !ctx->skip && ctx->pos == ctx->lv[ctx->nlv - 1].end) {
		mote_x509_level *lv = &ctx->lv[ctx->nlv - 1];
		int err;

		if (lv->kind >= XK_PRIM)
			err = mote_x509_field_end(ctx, lv, ctx->fld_len);
		else
			err = mote_x509_container_end(ctx, lv);
		ctx->nlv--;
		if (err)
			return err;
	}
	return 0;
}

/* Header bytes needed once hdr[0..n) are known (n >= 2). */
static unsigned stream_hdr_need(const uint8_t *h)
{
	return h[1] < 0x80 ? 2u : 2u + (h[1] & 0x7Fu);
}

/* The header is complete: open the element. */
static int stream_open(mote_x509_ctx *ctx, uint8_t tag, size_t len)
{
	mote_x509_level *parent = &ctx->lv[ctx->nlv - 1];
	mote_x509_level *child;
	int err;

	if (len > parent->end - ctx->pos)
		return MOTE_ERR_DER_TRUNCATED;
	if (ctx->nlv >= MOTE_X509_LEVELS)
		return MOTE_ERR_DER_BAD_TAG;
	child = &ctx->lv[ctx->nlv];
	child->tag = tag;
	child->end = ctx->pos + (uint32_t)len;
	child->st = 0;
	child->arg = 0;
	child->kind = XF_SKIP;
	err = mote_x509_child(ctx, parent, child);
	if (err)
		return err;
	ctx->nlv++;
	err = stream_sink(ctx, ctx->hdr, ctx->hdr_n);
	ctx->hdr_n = 0;
	if (err)
		return err;
	if (ctx->bits_pending && len == 0)
		return MOTE_ERR_DER_BAD_BIT_STRING;
	if (child->kind >= XK_PRIM) {
		ctx->fld_len = (uint32_t)len;
		ctx->cap_n = 0;
		err = mote_x509_field_begin(ctx, child, (uint32_t)len);
		if (err)
			return err;
	}
	return stream_close(ctx);
}

static int stream_header_byte(mote_x509_ctx *ctx, uint8_t b)
{
	mote_der_reader r;
	uint8_t tag;
	size_t len;
	int err;

	ctx->hdr[ctx->hdr_n++] = b;
	ctx->pos++;
	/* More than 4 length bytes: what mote_der_read_header says of it. */
	if (ctx->hdr_n >= 2 && ctx->hdr[1] > 0x84 && ctx->hdr[1] != 0xFF) {
		if (ctx->hdr_n < 3)
			return 0;
		return ctx->hdr[2] == 0 ? MOTE_ERR_DER_BAD_LENGTH : MOTE_ERR_DER_TRUNCATED;
	}
	mote_der_init(&r, ctx->hdr, ctx->hdr_n);
	err = mote_der_read_header(&r, &tag, &len);
	if (err == MOTE_ERR_DER_TRUNCATED &&
	    (ctx->hdr_n < 2 || ctx->hdr_n < stream_hdr_need(ctx->hdr))) {
		/* The header may not run past its container. */
		if (ctx->pos == ctx->lv[ctx->nlv - 1].end)
			return MOTE_ERR_DER_TRUNCATED;
		return 0;
	}
	if (err)
		return err;
	return stream_open(ctx, tag, len);
}

/* The unused-bits byte of a BIT STRING holding whole bytes: must be 0. */
static int stream_bits_byte(mote_x509_ctx *ctx, uint8_t b)
{
	int err;

	if (b != 0)
		return MOTE_ERR_DER_BAD_BIT_STRING;
	ctx->bits_pending = 0;
	err = stream_sink(ctx, &b, 1);
	ctx->pos++;
	if (err)
		return err;
	return stream_close(ctx);
}

static int stream_value(mote_x509_ctx *ctx, const uint8_t *p, size_t n)
{
	mote_x509_level *lv = &ctx->lv[ctx->nlv - 1];
	int err;

	err = stream_sink(ctx, p, n);
	if (err)
		return err;
	if (ctx->cap_n < MOTE_X509_CAPTURE) {
		size_t c = MOTE_X509_CAPTURE - ctx->cap_n;

		c = c < n ? c : n;
		memcpy(ctx->cap + ctx->cap_n, p, c);
		ctx->cap_n = (uint8_t)(ctx->cap_n + c);
	}
	err = mote_x509_field_bytes(ctx, lv, p, n);
	ctx->pos += (uint32_t)n;
	if (err)
		return err;
	return stream_close(ctx);
}

/* Consume some of buf[0..len): returns the count (> 0) or an error. */
static long stream_step(mote_x509_ctx *ctx, const uint8_t *buf, size_t len)
{
	const mote_x509_level *top = &ctx->lv[ctx->nlv - 1];
	size_t n;
	int err;

	if (ctx->skip) {
		n = ctx->cert_len - ctx->pos;
		n = n < len ? n : len;
		if (ctx->regions & XR_CERT)
			mote_hash_update(&ctx->tbs, buf, n);
		ctx->pos += (uint32_t)n;
		return (long)n;
	}
	if (ctx->bits_pending)
		err = stream_bits_byte(ctx, buf[0]);
	else if (top->kind < XK_PRIM)
		err = stream_header_byte(ctx, buf[0]);
	else {
		n = top->end - ctx->pos;
		n = n < len ? n : len;
		err = stream_value(ctx, buf, n);
		return err ? err : (long)n;
	}
	return err ? err : 1;
}

void mote_x509_init(mote_x509_ctx *ctx, const mote_x509_policy *pol, void *scratch,
                    size_t scratch_len)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->pol = pol;
	ctx->scratch = scratch;
	ctx->scratch_len = scratch ? scratch_len : 0;
	ctx->state = XST_IDLE;
}

int mote_x509_start_chain(mote_x509_ctx *ctx)
{
	const mote_x509_policy *pol = ctx->pol;
	uint8_t *scratch = ctx->scratch;
	size_t scratch_len = ctx->scratch_len;

	mote_x509_init(ctx, pol, scratch, scratch_len);
	if (pol == NULL)
		return x509_fail(ctx, MOTE_ERR_BAD_ARG);
	if (pol->time_mode == MOTE_X509_TIME_UNSET && pol->trust != MOTE_X509_INSECURE)
		return x509_fail(ctx, MOTE_ERR_X509_NO_TIME_POLICY);
	ctx->leaf.off = MOTE_X509_ARENA_SIZE;
	ctx->key.off = MOTE_X509_ARENA_SIZE;
	ctx->state = XST_CHAIN;
	return 0;
}

int mote_x509_start_cert(mote_x509_ctx *ctx, uint32_t len)
{
	if (ctx->err)
		return ctx->err;
	if (ctx->state != XST_CHAIN)
		return x509_fail(ctx, MOTE_ERR_STATE);
	if (len == 0)
		return x509_fail(ctx, MOTE_ERR_DER_TRUNCATED);
	ctx->pos = 0;
	ctx->cert_len = len;
	ctx->nlv = 1;
	ctx->lv[0].end = len;
	ctx->lv[0].kind = XK_FRAME;
	ctx->lv[0].st = 0;
	ctx->hdr_n = 0;
	ctx->regions = 0;
	ctx->skip = 0;
	ctx->bits_pending = 0;
	ctx->state = XST_CERT;
	mote_x509_chain_cert_begin(ctx);
	return 0;
}

int mote_x509_append(mote_x509_ctx *ctx, const uint8_t *buf, size_t len)
{
	if (ctx->err)
		return ctx->err;
	if (ctx->state != XST_CERT)
		return x509_fail(ctx, MOTE_ERR_STATE);
	if (len > ctx->cert_len - ctx->pos)
		return x509_fail(ctx, MOTE_ERR_DER_TRAILING_DATA);
	while (len > 0) {
		long n = stream_step(ctx, buf, len);

		if (n < 0)
			return x509_fail(ctx, (int)n);
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int mote_x509_end_cert(mote_x509_ctx *ctx)
{
	int err;

	if (ctx->err)
		return ctx->err;
	if (ctx->state != XST_CERT)
		return x509_fail(ctx, MOTE_ERR_STATE);
	if (ctx->pos != ctx->cert_len || (!ctx->skip && (ctx->nlv != 1 || ctx->lv[0].st != 1)))
		return x509_fail(ctx, MOTE_ERR_DER_TRUNCATED);
	ctx->state = XST_CHAIN;
	err = mote_x509_chain_cert_end(ctx);
	return err ? x509_fail(ctx, err) : 0;
}

int mote_x509_end_chain(mote_x509_ctx *ctx)
{
	int err;

	if (ctx->err)
		return ctx->err;
	if (ctx->state != XST_CHAIN)
		return x509_fail(ctx, MOTE_ERR_STATE);
	ctx->state = XST_DONE;
	err = mote_x509_chain_end(ctx);
	return err ? x509_fail(ctx, err) : 0;
}
