/*
 * The server's Certificate (RFC 8446 section 4.4.2), streamed: the short
 * prefix (request context, list length) is checked byte by byte, and the
 * certificate_list goes to the X.509 engine chunk by chunk as records
 * arrive. The message is never reassembled.
 */
#include "tls/tls_int.h"

int tls_cert_start(mote_conn *c)
{
	/* TLS 1.2 has no request context: the list length comes first. */
	c->hs->cert_stage = c->v12 ? 1 : 0;
	c->hs->cert_left = 0;
	/* Smallest: empty context, 3-byte list length, one 1-byte entry
	 * with empty extensions. */
	if (c->body_len < 1 + 3 + 3 + 1 + 2)
		return MOTE_ERR_DECODE;
	return tls_x509_begin(c);
}

/* The four prefix bytes: context length (0 for server certificates), then
 * the 24-bit certificate_list length, which must fill the message. */
static int cert_prefix(mote_conn *c, uint8_t b)
{
	mote_handshake *hs = c->hs;

	if (hs->cert_stage == 0 && b != 0)
		return MOTE_ERR_ILLEGAL_PARAMETER; /* "SHALL be zero length" */
	if (hs->cert_stage > 0)
		hs->cert_left = (hs->cert_left << 8) | b;
	hs->cert_stage++;
	if (hs->cert_stage == 4) {
		if (hs->cert_left == 0)
			return MOTE_ERR_DECODE; /* empty chain: decode_error (4.4.2.4) */
		if (hs->cert_left + 4 - c->v12 != c->body_len)
			return MOTE_ERR_DECODE;
	}
	return 0;
}

int tls_cert_stream(mote_conn *c, const uint8_t *p, size_t n)
{
	mote_handshake *hs = c->hs;
	size_t i = 0, list = 0;
	int err;

	/* The engine takes the certificate_list with its 3-byte length, so
	 * only the context byte is withheld from it. */
	while (i < n && hs->cert_stage < 4) {
		if (hs->cert_stage == 0)
			list = i + 1;
		err = cert_prefix(c, p[i++]);
		if (err)
			return err;
	}
	if (list >= n)
		return 0;
	return tls_x509_feed(c, p + list, n - list);
}

int tls_cert_end(mote_conn *c)
{
	int err = tls_x509_end(c);

	if (err)
		return err;
	c->state = c->v12 ? TLS_ST12_WAIT_SKE : TLS_ST_WAIT_CV;
	return 0;
}
