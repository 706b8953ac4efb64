/*
 * The client handshake as data: which message each state accepts and
 * who handles it (s2n-tls style). tls_hs_consume() splits the handshake
 * byte stream into messages, whatever the record boundaries:
 *   - Certificate is streamed to its handler chunk by chunk, never
 *     reassembled (the X.509 engine takes it record by record);
 *   - NewSessionTicket is streamed too (the ticket goes straight into
 *     the session cache entry);
 *   - every other message is handled in place when it lies whole in one
 *     record, else copied into the bounded reassembly buffer.
 * Transcript hashing: streamed messages are hashed as they pass; whole
 * messages after their handler returns, unless the handler hashed the
 * message itself because it needs a transcript that includes it
 * (ServerHello, Finished).
 */
#include <string.h>

#include "tls/tls_int.h"

enum { K_WHOLE, K_CERT, K_NST };

struct hs_rule {
	uint8_t state;
	uint8_t type;
	uint8_t kind;
	int (*handle)(mote_conn *c, const uint8_t *body, size_t len);
};

static const struct hs_rule rules[] = {
	{TLS_ST_WAIT_SH, TLS_HS_SERVER_HELLO, K_WHOLE, tls_sh_handle},
	{TLS_ST_WAIT_EE, TLS_HS_ENCRYPTED_EXTENSIONS, K_WHOLE, tls_ee_handle},
	{TLS_ST_WAIT_CERT_CR, TLS_HS_CERTIFICATE_REQUEST, K_WHOLE, tls_cr_handle},
	{TLS_ST_WAIT_CERT_CR, TLS_HS_CERTIFICATE, K_CERT, NULL},
	{TLS_ST_WAIT_CERT, TLS_HS_CERTIFICATE, K_CERT, NULL},
	{TLS_ST_WAIT_CV, TLS_HS_CERTIFICATE_VERIFY, K_WHOLE, tls_cv_handle},
	{TLS_ST_WAIT_FIN, TLS_HS_FINISHED, K_WHOLE, tls_fin_handle},
	{TLS_ST12_WAIT_CERT, TLS_HS_CERTIFICATE, K_CERT, NULL},
	{TLS_ST12_WAIT_SKE, TLS_HS_SERVER_KEY_EXCHANGE, K_WHOLE, tls12_ske_handle},
	{TLS_ST12_WAIT_SHD, TLS_HS_CERTIFICATE_REQUEST, K_WHOLE, tls12_cr_handle},
	{TLS_ST12_WAIT_SHD, TLS_HS_SERVER_HELLO_DONE, K_WHOLE, tls12_shd_handle},
	{TLS_ST12_WAIT_CCS, TLS_HS_NEW_SESSION_TICKET, K_WHOLE, tls12_nst_handle},
	{TLS_ST12_WAIT_FIN, TLS_HS_FINISHED, K_WHOLE, tls12_fin_handle},
	{TLS_ST_CONNECTED, TLS_HS_NEW_SESSION_TICKET, K_NST, NULL},
	{TLS_ST_CONNECTED, TLS_HS_KEY_UPDATE, K_WHOLE, tls_ku_handle},
};

/* Exposed for the table tests. */
size_t tls_hs_rules_count(void);
int tls_hs_rule_at(size_t i, uint8_t *state, uint8_t *type);

size_t tls_hs_rules_count(void)
{
	return sizeof rules / sizeof rules[0];
}

int tls_hs_rule_at(size_t i, uint8_t *state, uint8_t *type)
{
	if (i >= tls_hs_rules_count())
		return -1;
	*state = rules[i].state;
	*type = rules[i].type;
	return rules[i].kind;
}

static const struct hs_rule *rule_find(uint8_t state, uint8_t type)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
		if (rules[i].state == state && rules[i].type == type)
			return &rules[i];
	}
	return NULL;
}

void tls_hs_hash_msg(mote_conn *c, const uint8_t *body, size_t len)
{
	mote_hash_update(&c->hs->transcript, c->hdr, 4);
	mote_hash_update(&c->hs->transcript, body, len);
	c->flags |= TLS_F_HASHED;
}

static int msg_begin(mote_conn *c, const struct hs_rule **rule)
{
	const struct hs_rule *r = rule_find(c->state, c->hdr[0]);

	*rule = r;
	/* TLS 1.2 after the handshake: HelloRequest or any other handshake
	 * message would start a renegotiation, which this client refuses
	 * (fatal, no_renegotiation alert). */
	if (c->v12 && c->state == TLS_ST_CONNECTED)
		return MOTE_ERR_RENEGOTIATION;
	if (!r)
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	c->body_len = ((uint32_t)c->hdr[1] << 16) | ((uint32_t)c->hdr[2] << 8) | c->hdr[3];
	c->body_got = 0;
	if (r->kind == K_CERT) {
		mote_hash_update(&c->hs->transcript, c->hdr, 4);
		return tls_cert_start(c);
	}
	if (r->kind == K_NST)
		return tls_nst_begin(c);
	/* After the handshake there is no reassembly buffer: KeyUpdate has a
	 * one-byte body, which cannot span records. */
	if (r->state == TLS_ST_CONNECTED && c->body_len != 1)
		return MOTE_ERR_DECODE;
	return 0;
}

static int msg_whole(mote_conn *c, const struct hs_rule *r, const uint8_t *body)
{
	int err;

	c->flags &= (uint8_t)~TLS_F_HASHED;
	err = r->handle(c, body, c->body_len);
	if (!err && r->state < TLS_ST_CONNECTED && !(c->flags & TLS_F_HASHED))
		tls_hs_hash_msg(c, body, c->body_len);
	return err;
}

/* Body bytes p[0..n) of the current message (n <= what it still needs).
 * *done is set when the message is complete and handled. */
static int msg_body(mote_conn *c, const struct hs_rule *r, const uint8_t *p, size_t n)
{
	uint8_t *buf;
	size_t cap;
	int err = 0;

	if (r->kind == K_CERT) {
		mote_hash_update(&c->hs->transcript, p, n);
		c->body_got += (uint32_t)n;
		err = tls_cert_stream(c, p, n);
		if (!err && c->body_got == c->body_len)
			err = tls_cert_end(c);
		return err;
	}
	if (r->kind == K_NST) {
		c->body_got += (uint32_t)n;
		err = tls_nst_stream(c, p, n);
		if (!err && c->body_got == c->body_len)
			err = tls_nst_end(c);
		return err;
	}
	if (c->body_got == 0 && n == c->body_len) {
		c->body_got = (uint32_t)n;
		return msg_whole(c, r, p);
	}
	/* Spans records: reassemble (handshake states only, see msg_begin).
	 * ServerHello has a buffer of its own: the rest of the workspace
	 * still holds the ClientHello state then. */
	if (c->state == TLS_ST_WAIT_SH) {
		buf = c->hs->u.pre.reasm;
		cap = sizeof c->hs->u.pre.reasm;
	} else {
		buf = c->hs->u.post.reasm;
		cap = sizeof c->hs->u.post.reasm;
	}
	if (c->body_len > cap)
		return MOTE_ERR_HS_MESSAGE_TOO_LARGE;
	memcpy(buf + c->body_got, p, n);
	c->body_got += (uint32_t)n;
	if (c->body_got == c->body_len)
		return msg_whole(c, r, buf);
	return 0;
}

int tls_hs_consume(mote_conn *c, const uint8_t *p, size_t n, size_t *used)
{
	const struct hs_rule *r = NULL;
	size_t off = 0, take;
	int err;

	while (off < n) {
		if (c->hdr_len < 4) {
			c->hdr[c->hdr_len++] = p[off++];
			if (c->hdr_len < 4)
				continue;
			err = msg_begin(c, &r);
			if (err)
				return err;
		} else {
			r = rule_find(c->state, c->hdr[0]);
		}
		take = c->body_len - c->body_got;
		take = take < n - off ? take : n - off;
		if (take == 0 && c->body_len > 0)
			break; /* header at the end of the record */
		c->flags &= (uint8_t)~TLS_F_KEYCHG;
		err = msg_body(c, r, p + off, take);
		off += take;
		*used = off;
		if (err)
			return err;
		if (c->body_got < c->body_len)
			continue;
		c->hdr_len = 0;
		/* Handshake messages must not span a key change (section 5.1). */
		if ((c->flags & TLS_F_KEYCHG) && off < n)
			return MOTE_ERR_UNEXPECTED_MESSAGE;
	}
	*used = off;
	return 0;
}
