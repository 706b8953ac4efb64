/*
 * ServerKeyExchange for the ECDHE suites (RFC 8422 5.4, RFC 5246
 * 7.4.3): the server's curve and ephemeral point, signed with the leaf
 * key over client_random || server_random || params. The client's own
 * ephemeral key is drawn here, the premaster secret computed at once and
 * the private key dropped; the public key waits in the client's flight.
 */
#include <string.h>

#include "crypto/ct.h"
#include "tls/tls_int.h"

/* Offset of the public key in mote_tls12_state.flight: after room for an
 * empty Certificate (7) and the ClientKeyExchange header (4 + 1). */
#define PUB_OFF (7 + 4 + 1)

/* The scheme was offered and fits the suite's authentication. */
static int ske_scheme_ok(const mote_conn *c, uint16_t scheme)
{
	const uint16_t *list;
	size_t n = tls_cfg_sigs(c->ctx->config, &list);
	int rsa = tls_suite_find(c->suite)->kx == TLS_KX_ECDHE_RSA;
	int rsa_scheme = (scheme & 0xFF) == 0x01 || (scheme >= MOTE_SIG_RSA_PSS_RSAE_SHA256 &&
	                                             scheme <= MOTE_SIG_RSA_PSS_RSAE_SHA512) ||
	                 (scheme >= MOTE_SIG_RSA_PSS_PSS_SHA256 && scheme <= MOTE_SIG_RSA_PSS_PSS_SHA512);

	return tls_list_has(list, n, scheme) && rsa == rsa_scheme;
}

int tls12_ske_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	mote_tls12_state *t = &c->u.t12;
	const uint16_t *groups;
	size_t n_groups = tls_cfg_groups(c->ctx->config, &groups);
	uint8_t content[64 + 4 + 255];
	uint8_t shared[48];
	size_t params_len, pub_len = 0, shared_len = 0;
	uint16_t group, scheme;
	tls_rd r, point, sig;
	int err;

	tls_rd_init(&r, p, n);
	if (tls_rd_u8(&r) != 3) /* named_curve */
		return r.err ? MOTE_ERR_DECODE : MOTE_ERR_ILLEGAL_PARAMETER;
	group = (uint16_t)tls_rd_u16(&r);
	tls_rd_vec(&r, &point, 1, 1, 255);
	params_len = n - r.n;
	scheme = (uint16_t)tls_rd_u16(&r);
	tls_rd_vec(&r, &sig, 2, 1, 0xFFFF);
	if (tls_rd_end(&r))
		return MOTE_ERR_DECODE;
	if (!tls_list_has(groups, n_groups, group) || !ske_scheme_ok(c, scheme))
		return MOTE_ERR_ILLEGAL_PARAMETER;
	memcpy(content, t->randoms, 64);
	memcpy(content + 64, p, params_len);
	err = tls12_sig_verify(c, scheme, content, 64 + params_len, sig.p, sig.n);
	if (err)
		return err;
	err = tls_kex_ephemeral(c, group, point.p, point.n, t->flight + PUB_OFF, &pub_len, shared,
	                        &shared_len);
	if (!err) {
		memcpy(t->master, shared, shared_len);
		t->pms_len = (uint8_t)shared_len;
		t->flight[PUB_OFF - 1] = (uint8_t)pub_len;
		t->flight_len = (uint8_t)(PUB_OFF + pub_len); /* until ServerHelloDone */
		c->group = group;
		c->sig_scheme = scheme;
		c->state = TLS_ST12_WAIT_SHD;
	}
	mote_wipe(shared, sizeof shared);
	return err;
}
