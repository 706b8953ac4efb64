/*
 * The server's CertificateVerify (RFC 8446 section 4.4.3): a signature
 * with the leaf key over the transcript up to Certificate.
 */
#include <string.h>

#include "tls/tls_int.h"

/* Schemes allowed in CertificateVerify: offered, and not rsa_pkcs1_*
 * (certificates only, section 4.2.3). */
static int cv_scheme_ok(const mote_conn *c, uint16_t scheme)
{
	const uint16_t *list;
	size_t n = tls_cfg_sigs(c->ctx->config, &list);

	if ((scheme & 0xFF) == 0x01)
		return 0;
	return tls_list_has(list, n, scheme);
}

int tls_cv_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	static const char context[] = "TLS 1.3, server CertificateVerify";
	uint8_t content[64 + sizeof context + MOTE_HASH_MAX_SIZE];
	size_t hl = mote_hash_size(c->hs->transcript.alg);
	uint16_t scheme;
	tls_rd r, sig;
	int err;

	tls_rd_init(&r, p, n);
	scheme = (uint16_t)tls_rd_u16(&r);
	tls_rd_vec(&r, &sig, 2, 1, 0xFFFF);
	if (tls_rd_end(&r))
		return MOTE_ERR_DECODE;
	if (!cv_scheme_ok(c, scheme))
		return MOTE_ERR_ILLEGAL_PARAMETER;
	/* 64 spaces, the context string with its NUL, the transcript hash. */
	memset(content, 0x20, 64);
	memcpy(content + 64, context, sizeof context);
	tls_transcript_hash(c->hs, content + 64 + sizeof context);
	err = tls_x509_verify_cv(c, scheme, content, 64 + sizeof context + hl, sig.p, sig.n);
	if (err)
		return err;
	c->sig_scheme = scheme;
	c->state = TLS_ST_WAIT_FIN;
	return 0;
}
