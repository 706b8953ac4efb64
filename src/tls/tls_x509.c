/*
 * Server authentication bridge: the certificate_list stream goes to the
 * X.509 engine, CertificateVerify to the leaf key it extracted.
 *
 * With MOTE_CONFIG_INSECURE_NO_VERIFY nothing is checked (the chain is
 * skipped and CertificateVerify accepted): for tests and debugging only.
 */
#include "tls/tls_int.h"

static int insecure(const mote_conn *c)
{
	return (c->ctx->config->flags & MOTE_CONFIG_INSECURE_NO_VERIFY) != 0;
}

int tls_x509_begin(mote_conn *c)
{
	c->hs->cert.certs = 0;
	if (insecure(c))
		return 0;
	return MOTE_ERR_UNSUPPORTED;
}

int tls_x509_feed(mote_conn *c, const uint8_t *p, size_t n)
{
	(void)p;
	(void)n;
	if (insecure(c))
		return 0;
	return MOTE_ERR_UNSUPPORTED;
}

int tls_x509_end(mote_conn *c)
{
	if (insecure(c))
		return 0;
	return MOTE_ERR_UNSUPPORTED;
}

int tls_x509_verify_cv(mote_conn *c, uint16_t scheme, const uint8_t *content, size_t len,
                       const uint8_t *sig, size_t sig_len)
{
	(void)scheme;
	(void)content;
	(void)len;
	(void)sig;
	(void)sig_len;
	if (insecure(c))
		return 0;
	return MOTE_ERR_UNSUPPORTED;
}
