/*
 * EncryptedExtensions (RFC 8446 section 4.3.1) and the record size
 * limits the server accepted (RFC 8449, RFC 6066 section 4).
 */
#include <string.h>

#include "tls/tls_int.h"

struct ee_msg {
	uint64_t seen;
	uint8_t mfl;
	uint16_t rsl;
	uint8_t alpn; /* index + 1 */
};

static int ee_alpn(const mote_conn *c, struct ee_msg *m, tls_rd *d)
{
	const mote_config *cfg = c->ctx->config;
	tls_rd list, name;

	/* Exactly one protocol, one the client offered (RFC 7301 3.1). */
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

static int ee_ext(const mote_conn *c, struct ee_msg *m, uint16_t type, tls_rd *d)
{
	tls_rd v;

	if (type != TLS_EXT_SUPPORTED_GROUPS && !tls_ext_sent(c, type))
		return MOTE_ERR_UNSUPPORTED_EXTENSION;
	switch (type) {
	case TLS_EXT_SERVER_NAME: /* empty: the server used the name */
		break;
	case TLS_EXT_SUPPORTED_GROUPS: /* the server's preferences: unused */
		tls_rd_vec(d, &v, 2, 2, 0xFFFF);
		if (v.n & 1)
			return MOTE_ERR_DECODE;
		break;
	case TLS_EXT_ALPN:
		return ee_alpn(c, m, d);
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
		return tls_ext_misplaced(c, type);
	}
	return tls_rd_end(d);
}

/* Sets the record limits both ways. A receive buffer below a 16 KB
 * record needs the server to have accepted one of the two extensions. */
static int ee_limits(mote_conn *c, const struct ee_msg *m)
{
	return tls_limits_set(c, m->mfl, m->rsl);
}

int tls_limits_set(mote_conn *c, uint8_t mfl, uint16_t rsl)
{
	const struct ee_msg mm = {0, mfl, rsl, 0}, *m = &mm;

	if (m->mfl && m->rsl)
		return MOTE_ERR_ILLEGAL_PARAMETER; /* RFC 8449 4: one or the other */
	if (m->rsl) {
		c->peer_limit = m->rsl - 1 < 16384 ? (uint16_t)(m->rsl - 1) : 16384;
		c->limit_ext = 2;
	} else if (m->mfl) {
		c->peer_limit = (uint16_t)(1u << (8 + m->mfl));
		c->recv_limit = c->peer_limit;
		c->limit_ext = 1;
	} else if (c->recv_limit < 16384) {
		if (!(c->ctx->config->flags & MOTE_CONFIG_ACCEPT_LARGE_RECORDS) &&
		    !c->ctx->pool.n)
			return MOTE_ERR_RECORD_LIMIT_REFUSED;
		/* The pool takes full records; without one the application
		 * accepted the risk: take what the buffer holds, fail on more. */
		c->recv_limit = 16384;
	}
	return 0;
}

int tls_ee_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	struct ee_msg m;
	tls_rd r, exts, d;
	int err;

	memset(&m, 0, sizeof m);
	tls_rd_init(&r, p, n);
	tls_rd_vec(&r, &exts, 2, 0, 0xFFFF);
	err = tls_rd_end(&r);
	while (!err && exts.n) {
		uint16_t type = (uint16_t)tls_rd_u16(&exts);
		tls_rd_vec(&exts, &d, 2, 0, 0xFFFF);
		if (exts.err)
			return MOTE_ERR_DECODE;
		if (m.seen & tls_ext_bit(type))
			return MOTE_ERR_ILLEGAL_PARAMETER;
		m.seen |= tls_ext_bit(type);
		err = ee_ext(c, &m, type, &d);
	}
	if (!err)
		err = ee_limits(c, &m);
	if (err)
		return err;
	c->alpn = m.alpn;
	c->state = c->hs->psk_accepted ? TLS_ST_WAIT_FIN : TLS_ST_WAIT_CERT_CR;
	return 0;
}

/* CertificateRequest (section 4.3.2): the client answers with an empty
 * Certificate (it has no client certificate). */
int tls_cr_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	tls_rd r, ctx, exts, d;
	uint64_t seen = 0;

	tls_rd_init(&r, p, n);
	tls_rd_vec(&r, &ctx, 1, 0, 255);
	tls_rd_vec(&r, &exts, 2, 2, 0xFFFF);
	if (tls_rd_end(&r))
		return MOTE_ERR_DECODE;
	while (exts.n) {
		uint16_t type = (uint16_t)tls_rd_u16(&exts);
		tls_rd_vec(&exts, &d, 2, 0, 0xFFFF);
		if (exts.err)
			return MOTE_ERR_DECODE;
		if (seen & tls_ext_bit(type))
			return MOTE_ERR_ILLEGAL_PARAMETER;
		seen |= tls_ext_bit(type); /* others: "Clients MUST ignore" */
	}
	/* The context is empty in the main handshake. */
	if (ctx.n != 0)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (!(seen & tls_ext_bit(TLS_EXT_SIGNATURE_ALGORITHMS)))
		return MOTE_ERR_MISSING_EXTENSION;
	c->hs->cert_requested = 1;
	c->state = TLS_ST_WAIT_CERT;
	return 0;
}
