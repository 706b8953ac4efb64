/*
 * A TLS 1.2 ServerHello (RFC 5246 7.4.1.3): the server chose TLS 1.2 from
 * the ClientHello that offered both versions. Checks the TLS 1.3
 * downgrade sentinel (RFC 8446 4.1.3), the suite, the extensions
 * (renegotiation_info required, RFC 5746 3.4; extended_master_secret
 * required unless the config relaxes it, RFC 7627 5.3), and whether the
 * server resumed the offered session (it echoes the session ID).
 */
#include <string.h>

#include "crypto/ct.h"
#include "tls/tls_int.h"

/* "DOWNGRD" then 0x01 (TLS 1.2) or 0x00 (TLS 1.1 and below). */
static const uint8_t downgrade[7] = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44};

struct sh12 {
	const uint8_t *random;
	tls_rd sid;
	uint16_t suite;
	uint8_t comp;
	uint8_t mfl;
	uint8_t alpn;
	uint8_t reneg;
	uint8_t ems;
	uint8_t ticket;
	uint16_t rsl;
	uint64_t seen;
};

static int sh12_alpn(const mote_conn *c, struct sh12 *m, tls_rd *d)
{
	const mote_config *cfg = c->ctx->config;
	tls_rd list, name;

	tls_rd_vec(d, &list, 2, 2, 0xFFFF);
	tls_rd_vec(&list, &name, 1, 1, 255);
	if (tls_rd_end(&list) || tls_rd_end(d))
		return MOTE_ERR_DECODE;
	for (size_t i = 0; i < cfg->n_alpn; i++) {
		if (strlen(cfg->alpn[i]) == name.n && memcmp(cfg->alpn[i], name.p, name.n) == 0) {
			m->alpn = (uint8_t)(i + 1);
			return 0;
		}
	}
	return MOTE_ERR_ILLEGAL_PARAMETER;
}

static int sh12_ext(const mote_conn *c, struct sh12 *m, uint16_t type, tls_rd *d)
{
	tls_rd v;

	if (!tls_ext_sent(c, type) || type == TLS_EXT_PRE_SHARED_KEY || type == TLS_EXT_KEY_SHARE ||
	    type == TLS_EXT_SUPPORTED_GROUPS || type == TLS_EXT_SIGNATURE_ALGORITHMS ||
	    type == TLS_EXT_PSK_KEY_EXCHANGE_MODES)
		return MOTE_ERR_UNSUPPORTED_EXTENSION;
	switch (type) {
	case TLS_EXT_SERVER_NAME:
	case TLS_EXT_EXTENDED_MASTER_SECRET:
		m->ems |= type == TLS_EXT_EXTENDED_MASTER_SECRET;
		break;
	case TLS_EXT_SESSION_TICKET:
		m->ticket = 1;
		break;
	case TLS_EXT_RENEGOTIATION_INFO:
		/* Initial handshake: an empty renegotiated_connection. */
		tls_rd_vec(d, &v, 1, 0, 255);
		if (!d->err && v.n != 0)
			return MOTE_ERR_HANDSHAKE_FAILURE;
		m->reneg = 1;
		break;
	case TLS_EXT_EC_POINT_FORMATS:
		tls_rd_vec(d, &v, 1, 1, 255);
		break;
	case TLS_EXT_ALPN:
		return sh12_alpn(c, m, d);
	case TLS_EXT_MAX_FRAGMENT_LENGTH:
		m->mfl = (uint8_t)tls_rd_u8(d);
		if (!d->err && m->mfl != c->mfl)
			return MOTE_ERR_ILLEGAL_PARAMETER;
		break;
	case TLS_EXT_RECORD_SIZE_LIMIT:
		m->rsl = (uint16_t)tls_rd_u16(d);
		if (!d->err && m->rsl < 64)
			return MOTE_ERR_ILLEGAL_PARAMETER;
		break;
	default:
		return MOTE_ERR_UNSUPPORTED_EXTENSION;
	}
	return tls_rd_end(d);
}

/* Duplicate detection: renegotiation_info (0xFF01) gets bit 63. */
static uint64_t ext_bit12(uint16_t type)
{
	return type == TLS_EXT_RENEGOTIATION_INFO ? (uint64_t)1 << 63 : tls_ext_bit(type);
}

static int sh12_parse(const mote_conn *c, struct sh12 *m, const uint8_t *p, size_t n)
{
	tls_rd r, exts, d;
	uint16_t version;
	int err = 0;

	memset(m, 0, sizeof *m);
	tls_rd_init(&r, p, n);
	version = (uint16_t)tls_rd_u16(&r);
	m->random = tls_rd_bytes(&r, 32);
	tls_rd_vec(&r, &m->sid, 1, 0, 32);
	m->suite = (uint16_t)tls_rd_u16(&r);
	m->comp = (uint8_t)tls_rd_u8(&r);
	if (r.err)
		return MOTE_ERR_DECODE;
	if (version != TLS_VERSION_12)
		return MOTE_ERR_PROTOCOL_VERSION;
	if (r.n == 0)
		return 0;
	tls_rd_vec(&r, &exts, 2, 0, 0xFFFF);
	err = tls_rd_end(&r);
	while (!err && exts.n) {
		uint16_t type = (uint16_t)tls_rd_u16(&exts);
		tls_rd_vec(&exts, &d, 2, 0, 0xFFFF);
		if (exts.err)
			return MOTE_ERR_DECODE;
		if (m->seen & ext_bit12(type))
			return MOTE_ERR_ILLEGAL_PARAMETER;
		m->seen |= ext_bit12(type);
		err = sh12_ext(c, m, type, &d);
	}
	return err;
}

static int sh12_checks(const mote_conn *c, const struct sh12 *m)
{
	const uint16_t *suites;
	size_t n = tls_cfg_suites(c->ctx->config, &suites);
	const tls_suite *s = tls_suite_find(m->suite);

	/* This client offered TLS 1.3: a 1.3-capable server that answers
	 * with TLS 1.2 says so in its random, and then an attacker removed
	 * TLS 1.3 from the ClientHello. */
	if (memcmp(m->random + 24, downgrade, 7) == 0 && (m->random[31] & 0xFE) == 0)
		return MOTE_ERR_DOWNGRADE;
	if (m->comp != 0 || !s || s->kx == TLS_KX_13 || !tls_list_has(suites, n, m->suite))
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (!m->reneg)
		return MOTE_ERR_NO_SECURE_RENEGOTIATION;
	if (!m->ems && !(c->ctx->config->flags & MOTE_CONFIG_TLS12_ALLOW_NO_EMS))
		return MOTE_ERR_NO_EMS;
	return 0;
}

/* The offered TLS 1.2 session, if the server resumed it: the session ID
 * echoed (the one stored, or the fresh one sent with a ticket). */
static int sh12_resumed(const mote_conn *c, const struct sh12 *m, const mote_session **out)
{
	const mote_handshake *hs = c->hs;
	const mote_session *e = hs->session >= 0 ? &c->ctx->sessions[hs->session] : NULL;
	int echoed = m->sid.n && m->sid.n == hs->sid_len &&
	             memcmp(m->sid.p, hs->session_id, m->sid.n) == 0;

	*out = NULL;
	if (!echoed)
		return 0;
	/* A fresh ID echoed without a session offered: not ours to resume. */
	if (!e || !e->version12)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	/* Same suite; and a session with the extended master secret is only
	 * resumed with it (RFC 7627 5.3). */
	if (e->suite != m->suite || ((e->version12 & 2) && !m->ems))
		return MOTE_ERR_ILLEGAL_PARAMETER;
	*out = e;
	return 0;
}

int tls12_sh_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	mote_handshake *hs = c->hs;
	mote_tls12_state *t = &c->u.t12;
	const mote_session *e;
	struct sh12 m;
	int err;

	if (hs->hrr)
		return MOTE_ERR_PROTOCOL_VERSION; /* 1.3 chosen before */
	err = sh12_parse(c, &m, p, n);
	if (!err)
		err = sh12_checks(c, &m);
	if (!err)
		err = sh12_resumed(c, &m, &e);
	if (err)
		return err;
	/* The transcript first: the ClientHello is regenerated from state
	 * that includes the receive limit, which the answer changes. */
	tls_transcript_start(c, tls_suite_find(m.suite)->hash);
	err = tls_limits_set(c, m.mfl, m.rsl);
	if (err)
		return err;
	/* record_size_limit in TLS 1.2 counts plaintext only: the server may
	 * send the offered limit + 1 bytes (MOTE_RECORD_OVERHEAD has room). */
	if (c->limit_ext == 2)
		c->recv_limit++;
	c->v12 = 1;
	c->suite = m.suite;
	c->alpn = m.alpn;
	tls_hs_hash_msg(c, p, n);
	memset(t, 0, sizeof *t);
	t->nst_entry = -1;
	memcpy(t->randoms, hs->u.pre.random, 32);
	memcpy(t->randoms + 32, m.random, 32);
	t->ems = m.ems;
	t->ticket_ext = m.ticket;
	/* The TLS 1.3 key shares are not used: ECDHE keys come with
	 * ServerKeyExchange. */
	mote_wipe(&hs->u.pre, sizeof hs->u.pre);
	if (e) {
		memcpy(t->master, e->psk, 48);
		t->resumed = 1;
		c->flags |= TLS_F_RESUMED;
		c->state = TLS_ST12_WAIT_CCS;
		return 0;
	}
	/* Not resumed: the offered TLS 1.2 session is stale; a TLS 1.3
	 * ticket stays for a later TLS 1.3 connection. */
	if (hs->session >= 0)
		tls_session_release(c, c->ctx->sessions[hs->session].version12);
	hs->sid_len = (uint8_t)m.sid.n;
	memcpy(hs->session_id, m.sid.p, m.sid.n);
	c->state = TLS_ST12_WAIT_CERT;
	return 0;
}
