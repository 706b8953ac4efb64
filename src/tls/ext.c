/*
 * Extension bookkeeping shared by the messages that carry extensions
 * (RFC 8446 section 4.2): which ones the ClientHello sent, and the alert
 * for one that may not appear where it did.
 */
#include <string.h>

#include "tls/tls_int.h"

/* RFC 6066 section 3: literal IPv4 and IPv6 addresses are not sent as
 * server names. */
int tls_sni_wanted(const char *name)
{
	size_t len = name ? strlen(name) : 0;
	int digits_dots = 1;

	if (len == 0 || len > 255)
		return 0;
	for (; *name; name++) {
		if (*name == ':')
			return 0;
		if (!((*name >= '0' && *name <= '9') || *name == '.'))
			digits_dots = 0;
	}
	return !digits_dots;
}

/* TLS 1.2 is offered unless the config says no or lists no TLS 1.2
 * suite. */
int tls12_offered(const mote_conn *c)
{
	const uint16_t *list;
	size_t n = tls_cfg_suites(c->ctx->config, &list);

	if (c->ctx->config->flags & MOTE_CONFIG_NO_TLS12)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const tls_suite *s = tls_suite_find(list[i]);
		if (s && s->kx != TLS_KX_13)
			return 1;
	}
	return 0;
}

int tls_ext_sent(const mote_conn *c, uint16_t type)
{
	const mote_config *cfg = c->ctx->config;

	switch (type) {
	case TLS_EXT_SERVER_NAME:
		return tls_sni_wanted(c->server_name);
	case TLS_EXT_SUPPORTED_VERSIONS:
	case TLS_EXT_SUPPORTED_GROUPS:
	case TLS_EXT_SIGNATURE_ALGORITHMS:
	case TLS_EXT_KEY_SHARE:
		return 1;
	case TLS_EXT_PSK_KEY_EXCHANGE_MODES:
		return !(cfg->flags & MOTE_CONFIG_NO_RESUMPTION) && c->ctx->n_sessions;
	case TLS_EXT_RECORD_SIZE_LIMIT:
		return c->recv_limit < 16384 && !(cfg->flags & MOTE_CONFIG_NO_RECORD_SIZE_LIMIT);
	case TLS_EXT_MAX_FRAGMENT_LENGTH:
		return c->mfl != 0;
	case TLS_EXT_ALPN:
		return cfg->alpn && cfg->n_alpn;
	case TLS_EXT_COOKIE:
		return c->hs && c->hs->cookie_len;
	case TLS_EXT_PRE_SHARED_KEY:
		return c->hs && c->hs->psk_offered && c->hs->session >= 0 &&
		       !c->ctx->sessions[c->hs->session].version12;
	case TLS_EXT_EXTENDED_MASTER_SECRET:
	case TLS_EXT_RENEGOTIATION_INFO:
	case TLS_EXT_EC_POINT_FORMATS:
		return tls12_offered(c);
	case TLS_EXT_SESSION_TICKET:
		return tls12_offered(c) && !(cfg->flags & MOTE_CONFIG_NO_RESUMPTION) &&
		       c->ctx->n_sessions;
	default:
		return 0;
	}
}

/* "Implementations MUST NOT send extension responses if the remote
 * endpoint did not send the corresponding extension requests [...]
 * Upon receiving such an extension, an endpoint MUST abort the handshake
 * with an unsupported_extension alert." and "If an implementation
 * receives an extension which it recognizes and which is not specified
 * for the message in which it appears, it MUST abort the handshake with
 * an illegal_parameter alert." (section 4.2) */
int tls_ext_misplaced(const mote_conn *c, uint16_t type)
{
	return tls_ext_sent(c, type) ? MOTE_ERR_ILLEGAL_PARAMETER : MOTE_ERR_UNSUPPORTED_EXTENSION;
}

/* Bit for duplicate detection among the extensions a message allows
 * (types below 64 only; others are misplaced anyway). 0 if none. */
uint64_t tls_ext_bit(uint16_t type)
{
	return type < 64 ? (uint64_t)1 << type : 0;
}
