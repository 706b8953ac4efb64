/*
 * TLS framing of the certificate_list (RFC 8446 4.4.2, RFC 5246 7.4.2)
 * over the certificate-level engine, byte stream in, any chunking:
 *
 *   TLS 1.2:  opaque ASN1Cert<1..2^24-1>; ASN1Cert list<0..2^24-1>;
 *   TLS 1.3:  struct { opaque cert_data<1..2^24-1>;
 *                      Extension extensions<0..2^16-1>; } CertificateEntry;
 *             CertificateEntry list<0..2^24-1>;
 *
 * Every length must stay inside the one enclosing it; the extensions of
 * a TLS 1.3 entry (OCSP status, SCTs) must be a well-formed list and are
 * skipped. Nothing is buffered but the length bytes being read.
 */
#include "x509_internal.h"

enum { TP_LIST_LEN, TP_CERT_LEN, TP_CERT, TP_EXTS_LEN, TP_EXT_HDR, TP_EXT_DATA, TP_DONE };

static int tls_fail(mote_x509_ctx *ctx, int err)
{
	if (!ctx->err)
		ctx->err = err;
	return ctx->err;
}

/* Collect an n-byte big-endian length; 1 when it is complete. */
static int tls_len(mote_x509_ctx *ctx, uint8_t b, unsigned n, uint32_t *v)
{
	ctx->tls_buf[ctx->tls_n++] = b;
	if (ctx->tls_n < n)
		return 0;
	*v = 0;
	for (unsigned i = 0; i < n; i++)
		*v = *v << 8 | ctx->tls_buf[i];
	ctx->tls_n = 0;
	return 1;
}

/* The entry (certificate, or its extensions) ended: next entry or end. */
static int tls_next(mote_x509_ctx *ctx)
{
	if (ctx->tls_left > 0) {
		ctx->tls_phase = TP_CERT_LEN;
		return 0;
	}
	ctx->tls_phase = TP_DONE;
	return mote_x509_end_chain(ctx);
}

static int tls_cert_done(mote_x509_ctx *ctx, int tls13)
{
	int err = mote_x509_end_cert(ctx);

	if (err)
		return err;
	if (tls13) {
		ctx->tls_phase = TP_EXTS_LEN;
		return 0;
	}
	return tls_next(ctx);
}

/* One length byte of the list, an entry or an extension. */
static int tls_header_byte(mote_x509_ctx *ctx, uint8_t b)
{
	uint32_t v;

	switch (ctx->tls_phase) {
	case TP_CERT_LEN:
		if (!tls_len(ctx, b, 3, &v))
			return ctx->tls_left == 0 ? MOTE_ERR_X509_TLS_FRAMING : 0;
		if (v == 0 || v > ctx->tls_left)
			return MOTE_ERR_X509_TLS_FRAMING;
		ctx->tls_entry_left = v;
		ctx->tls_phase = TP_CERT;
		return mote_x509_start_cert(ctx, v);
	case TP_EXTS_LEN:
		if (!tls_len(ctx, b, 2, &v))
			return ctx->tls_left == 0 ? MOTE_ERR_X509_TLS_FRAMING : 0;
		if (v > ctx->tls_left)
			return MOTE_ERR_X509_TLS_FRAMING;
		ctx->tls_entry_left = v;
		ctx->tls_phase = TP_EXT_HDR;
		return v == 0 ? tls_next(ctx) : 0;
	default: /* TP_EXT_HDR: type (2), length (2) */
		ctx->tls_entry_left--;
		if (!tls_len(ctx, b, 4, &v))
			return ctx->tls_entry_left == 0 ? MOTE_ERR_X509_TLS_FRAMING : 0;
		v &= 0xFFFF;
		if (v > ctx->tls_entry_left)
			return MOTE_ERR_X509_TLS_FRAMING;
		ctx->tls_ext_left = (uint16_t)v;
		ctx->tls_phase = TP_EXT_DATA;
		if (v == 0 && ctx->tls_entry_left == 0)
			return tls_next(ctx);
		if (v == 0)
			ctx->tls_phase = TP_EXT_HDR;
		return 0;
	}
}

/* Consume some of buf: the count, or an error. */
static long tls_step(mote_x509_ctx *ctx, int tls13, const uint8_t *buf, size_t len)
{
	size_t n;
	int err;

	if (ctx->tls_phase == TP_CERT || ctx->tls_phase == TP_EXT_DATA) {
		n = ctx->tls_phase == TP_CERT ? ctx->tls_entry_left : ctx->tls_ext_left;
		n = n < len ? n : len;
		ctx->tls_left -= (uint32_t)n;
		if (ctx->tls_phase == TP_EXT_DATA) {
			ctx->tls_ext_left = (uint16_t)(ctx->tls_ext_left - n);
			ctx->tls_entry_left -= (uint32_t)n;
			if (ctx->tls_ext_left > 0)
				return (long)n;
			ctx->tls_phase = TP_EXT_HDR;
			err = ctx->tls_entry_left == 0 ? tls_next(ctx) : 0;
			return err ? err : (long)n;
		}
		ctx->tls_entry_left -= (uint32_t)n;
		err = mote_x509_append(ctx, buf, n);
		if (!err && ctx->tls_entry_left == 0)
			err = tls_cert_done(ctx, tls13);
		return err ? err : (long)n;
	}
	if (ctx->tls_phase == TP_DONE || ctx->tls_left == 0)
		return MOTE_ERR_X509_TLS_FRAMING;
	ctx->tls_left--;
	err = tls_header_byte(ctx, buf[0]);
	return err ? err : 1;
}

int mote_x509_feed_tls(mote_x509_ctx *ctx, int tls13, const uint8_t *buf, size_t len)
{
	uint32_t v;
	int err;

	if (len > 0 && ctx->state == XST_IDLE) {
		err = mote_x509_start_chain(ctx);
		if (err)
			return err;
		ctx->tls_phase = TP_LIST_LEN;
	}
	if (ctx->err)
		return ctx->err;
	while (len > 0) {
		long n = 1;

		if (ctx->tls_phase == TP_LIST_LEN) {
			if (tls_len(ctx, buf[0], 3, &v)) {
				ctx->tls_left = v;
				ctx->tls_phase = TP_CERT_LEN;
				if (v == 0)
					n = tls_next(ctx);
			}
		} else {
			n = tls_step(ctx, tls13, buf, len);
		}
		if (n < 0)
			return tls_fail(ctx, (int)n);
		n = n ? n : 1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int mote_x509_tls_finish(mote_x509_ctx *ctx)
{
	if (ctx->err)
		return ctx->err;
	if (ctx->state != XST_DONE || ctx->tls_phase != TP_DONE)
		return tls_fail(ctx, MOTE_ERR_X509_TLS_FRAMING);
	return 0;
}
