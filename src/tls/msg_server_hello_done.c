/*
 * CertificateRequest and ServerHelloDone (RFC 5246 7.4.4, 7.4.5), then
 * the client's flight: [empty Certificate,] ClientKeyExchange with the
 * ephemeral point (RFC 8422 5.7), the master secret (extended, RFC 7627
 * 4, over the transcript up to ClientKeyExchange) and Finished.
 */
#include <string.h>

#include "crypto/ct.h"
#include "mote/kdf.h"
#include "tls/tls_int.h"

#define PUB_OFF (7 + 4 + 1)

/* certificate_types<1..255>, supported_signature_algorithms<2..2^16-2>,
 * certificate_authorities<0..2^16-1>: checked for framing only (the
 * client has no certificate and answers with an empty one). */
int tls12_cr_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	tls_rd r, v;

	tls_rd_init(&r, p, n);
	tls_rd_vec(&r, &v, 1, 1, 255);
	tls_rd_vec(&r, &v, 2, 2, 0xFFFE);
	tls_rd_vec(&r, &v, 2, 0, 0xFFFF);
	if (tls_rd_end(&r) || c->hs->cert_requested)
		return MOTE_ERR_DECODE;
	c->hs->cert_requested = 1;
	return 0;
}

static void master_secret(mote_conn *c)
{
	mote_tls12_state *t = &c->u.t12;
	mote_hash_alg alg = c->hs->transcript.alg;
	uint8_t pms[48], th[MOTE_HASH_MAX_SIZE];
	size_t pms_len = t->pms_len;

	memcpy(pms, t->master, pms_len);
	if (t->ems) {
		tls_transcript_hash(c->hs, th);
		(void)mote_tls12_prf(alg, pms, pms_len, "extended master secret", th,
		                     mote_hash_size(alg), t->master, 48);
	} else {
		(void)mote_tls12_prf(alg, pms, pms_len, "master secret", t->randoms, 64, t->master,
		                     48);
	}
	t->pms_len = 0;
	mote_wipe(pms, sizeof pms);
}

int tls12_shd_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	static const uint8_t empty_cert[7] = {TLS_HS_CERTIFICATE, 0, 0, 3, 0, 0, 0};
	mote_tls12_state *t = &c->u.t12;
	size_t pub_len = t->flight[PUB_OFF - 1], off = 0;

	(void)p;
	if (n != 0)
		return MOTE_ERR_DECODE;
	tls_hs_hash_msg(c, p, n);
	if (c->hs->cert_requested) {
		memcpy(t->flight, empty_cert, sizeof empty_cert);
		off = sizeof empty_cert;
	}
	memmove(t->flight + off + 5, t->flight + PUB_OFF, pub_len);
	t->flight[off] = TLS_HS_CLIENT_KEY_EXCHANGE;
	t->flight[off + 1] = 0;
	t->flight[off + 2] = 0;
	t->flight[off + 3] = (uint8_t)(1 + pub_len);
	t->flight[off + 4] = (uint8_t)pub_len;
	t->plain_len = (uint8_t)(off + 5 + pub_len);
	mote_hash_update(&c->hs->transcript, t->flight, t->plain_len);
	master_secret(c);
	tls12_client_finished(c, t->plain_len);
	c->state = TLS_ST12_WAIT_CCS;
	return 0;
}
