/*
 * The engine: four buffer/acknowledge channels over the connection's two
 * caller buffers (see mote/tls.h). No I/O, no blocking.
 *
 * Receive side: rbuf holds one record at a time. recv_buf() asks for
 * exactly the rest of the current record (5 header bytes, then the body),
 * so bytes of the next record never arrive early. A complete record is
 * opened in place; handshake bytes go to the handshake layer at once,
 * application data stays in rbuf until the application has read it.
 *
 * Send side: sbuf holds records ready to send, then possibly one open
 * application record the application is writing into. Pending protocol
 * output (the rest of the ClientHello, change_cipher_spec, Finished,
 * KeyUpdate, alerts) is kept as bits in c->out and turned into records by
 * tls_output() whenever sbuf has room, so input processing never waits
 * for the network.
 */
#include <string.h>

#include "crypto/ct.h"
#include "tls/tls_int.h"

/* ---- Send side ------------------------------------------------------ */

/* Start of the open application record (its header), if any. */
static size_t open_start(const mote_conn *c)
{
	return (size_t)c->slen - tls_record_hdr(&c->wr) - (c->wopen - 1);
}

static size_t sendable_end(const mote_conn *c)
{
	return c->wopen ? open_start(c) : c->slen;
}

static void seal_open(mote_conn *c)
{
	size_t start, len;

	if (!c->wopen)
		return;
	start = open_start(c);
	len = (size_t)c->wopen - 1;
	c->wopen = 0;
	if (len == 0) {
		c->slen = (uint16_t)start;
		return;
	}
	c->slen = (uint16_t)(start + tls_record_seal(c, start, len, TLS_CT_APPDATA));
}

/* Middlebox compatibility (RFC 8446 D.4): one change_cipher_spec record
 * before the first protected record or the second ClientHello. Returns
 * 0 when done (or not needed), 1 when sbuf has no room yet. */
static int emit_ccs(mote_conn *c)
{
	static const uint8_t ccs[6] = {TLS_CT_CCS, 0x03, 0x03, 0x00, 0x01, 0x01};

	if ((c->ctx->config->flags & MOTE_CONFIG_NO_MIDDLEBOX_COMPAT) || c->v12 ||
	    (c->flags & TLS_F_CCS_SENT))
		return 0;
	if ((size_t)c->scap - c->slen < sizeof ccs)
		return 1;
	memcpy(c->sbuf + c->slen, ccs, sizeof ccs);
	c->slen += sizeof ccs;
	c->flags |= TLS_F_CCS_SENT;
	return 0;
}

static int emit_alert(mote_conn *c, uint8_t level, uint8_t desc)
{
	uint8_t a[2] = {level, desc};

	if (c->wr.aead.alg && emit_ccs(c))
		return 1;
	if (tls_record_room(c, c->wr.aead.alg != 0) < 2)
		return 1;
	tls_record_append(c, TLS_CT_ALERT, a, 2);
	return 0;
}

/* One step of pending output; 1 if something was emitted and more may
 * follow, 0 when blocked or done. */
static int output_step(mote_conn *c)
{
	if (c->out & TLS_OUT_ALERT) {
		/* A fatal alert goes out after what is already sealed, and nothing
		 * after it. */
		c->out = TLS_OUT_ALERT;
		if (emit_alert(c, 2, c->alert))
			return 0;
		c->out = 0;
		c->alert_sent = (uint8_t)(c->alert + 1);
		c->flags |= TLS_F_CLOSE_SENT;
		return 0;
	}
	if (c->out & TLS_OUT_T12)
		return tls12_flight_emit(c);
	if (c->out & TLS_OUT_CH) {
		if (c->hs->hrr && emit_ccs(c))
			return 0;
		return tls_ch_emit(c);
	}
	if (c->out & (TLS_OUT_FIN | TLS_OUT_KU)) {
		if (emit_ccs(c))
			return 0;
		return (c->out & TLS_OUT_FIN) ? tls_fin_emit(c) : tls_ku_emit(c);
	}
	if (c->out & TLS_OUT_CLOSE) {
		if (emit_alert(c, 1, MOTE_ALERT_close_notify))
			return 0;
		c->out &= (uint8_t)~TLS_OUT_CLOSE;
		c->flags |= TLS_F_CLOSE_SENT;
		c->alert_sent = MOTE_ALERT_close_notify + 1;
	}
	return 0;
}

void tls_output(mote_conn *c)
{
	if (c->out && c->wopen)
		seal_open(c);
	while (c->out && output_step(c))
		;
}

const uint8_t *mote_conn_send_buf(mote_conn *c, size_t *len)
{
	size_t end = sendable_end(c);

	if (c->spos >= end) {
		*len = 0;
		return NULL;
	}
	*len = end - c->spos;
	return c->sbuf + c->spos;
}

void mote_conn_send_ack(mote_conn *c, size_t len)
{
	size_t end = sendable_end(c);

	if (len > end - c->spos)
		len = end - c->spos;
	c->spos = (uint16_t)(c->spos + len);
	if (c->spos == end) {
		/* Everything sealed is out: move the open record (if any) to the
		 * front and reuse the space. */
		size_t keep = (size_t)c->slen - end;
		memmove(c->sbuf, c->sbuf + end, keep);
		c->slen = (uint16_t)keep;
		c->spos = 0;
	}
	tls_output(c);
}

uint8_t *mote_conn_write_buf(mote_conn *c, size_t *len)
{
	size_t room;

	*len = 0;
	if (c->state != TLS_ST_CONNECTED || c->out || (c->flags & TLS_F_CLOSE_SENT))
		return NULL;
	if (!c->wopen) {
		room = tls_record_room(c, 1);
		if (room == 0)
			return NULL;
		c->slen = (uint16_t)(c->slen + tls_record_hdr(&c->wr));
		c->wopen = 1;
	}
	room = (size_t)c->scap - c->slen;
	room = room > tls_record_tail(&c->wr) ? room - tls_record_tail(&c->wr) : 0;
	if (room + (c->wopen - 1) > c->peer_limit)
		room = c->peer_limit - (c->wopen - 1);
	if (room == 0) {
		seal_open(c);
		return NULL;
	}
	*len = room;
	return c->sbuf + c->slen;
}

int mote_conn_write_ack(mote_conn *c, size_t len)
{
	size_t room;

	if (c->err)
		return c->err;
	if (!c->wopen) {
		if (len)
			return MOTE_ERR_STATE;
		return 0;
	}
	mote_conn_write_buf(c, &room);
	if (len > room)
		return MOTE_ERR_BAD_ARG;
	c->slen = (uint16_t)(c->slen + len);
	c->wopen = (uint16_t)(c->wopen + len);
	if (len == room)
		seal_open(c);
	return 0;
}

int mote_conn_flush(mote_conn *c)
{
	seal_open(c);
	tls_output(c);
	return c->err;
}

int mote_conn_close(mote_conn *c)
{
	if (c->err)
		return c->err;
	if (!(c->flags & TLS_F_CLOSE_SENT)) {
		c->out |= TLS_OUT_CLOSE;
		tls_output(c);
	}
	return 0;
}

/* ---- Errors ----------------------------------------------------------- */

int tls_fail(mote_conn *c, int err)
{
	return tls_fail_alert(c, err, tls_alert_for_error(err));
}

int tls_fail_alert(mote_conn *c, int err, unsigned alert)
{
	if (c->err)
		return c->err;
	/* A ticket offered may be spent at the server: drop it. A ticket
	 * half-received is dropped too. */
	tls12_nst_drop(c);
	if (c->hs)
		tls_session_release(c, 1);
	else if (c->state == TLS_ST_CONNECTED && !c->v12 && c->u.post.nst_entry >= 0)
		mote_wipe(&c->ctx->sessions[c->u.post.nst_entry], sizeof(mote_session));
	c->err = err;
	c->state = TLS_ST_CLOSED;
	/* Drop an open application record: nothing follows a fatal alert. */
	if (c->wopen) {
		c->slen = (uint16_t)open_start(c);
		c->wopen = 0;
	}
	c->out = 0;
	if (alert < 256 && !(c->flags & TLS_F_CLOSE_SENT)) {
		c->alert = (uint8_t)alert;
		c->out = TLS_OUT_ALERT;
		tls_output(c);
	}
	return err;
}

/* After a failure the handshake workspace goes back to the caller, wiped
 * (mote/tls.h: lent "until the handshake completes or fails"). Done at
 * the end of the public call, once no handler can still be using it. */
static void hs_release(mote_conn *c)
{
	if (c->err)
		tls_pool_drop(c);
	if (c->err && c->hs) {
		tls12_nst_drop(c);
		tls_session_release(c, 1);
		mote_wipe(c->hs, sizeof *c->hs);
		c->hs = NULL;
	}
}

/* ---- Receive side ----------------------------------------------------- */

static void record_done(mote_conn *c)
{
	tls_pool_release(c);
	c->rlen = 0;
	c->rneed = 5;
	c->rpos = c->rend = 0;
	c->rtype = 0;
}

static int on_alert(mote_conn *c, const uint8_t *p, size_t n)
{
	/* Alerts are never fragmented or coalesced (section 5.1). */
	if (n != 2)
		return MOTE_ERR_DECODE;
	c->alert_rcvd = (uint8_t)(p[1] + 1);
	if (p[1] == MOTE_ALERT_close_notify) {
		c->flags |= TLS_F_CLOSE_RCVD;
		return 0;
	}
	/* user_canceled is the one warning alert left in TLS 1.3; it is
	 * followed by close_notify. Everything else is fatal. */
	if (p[1] == MOTE_ALERT_user_canceled)
		return 0;
	c->err = mote_error_alert_received(p[1]);
	c->state = TLS_ST_CLOSED;
	c->out = 0;
	return c->err;
}

/* Feeds the plaintext window to the handshake layer. */
static int on_handshake(mote_conn *c)
{
	size_t used = 0;
	int err = tls_hs_consume(c, tls_rbuf(c) + c->rpos, (size_t)c->rend - c->rpos, &used);

	c->rpos = (uint16_t)(c->rpos + used);
	if (err)
		return err;
	if (c->rpos == c->rend)
		record_done(c);
	return 0;
}

static int dispatch(mote_conn *c, uint8_t type, size_t off, size_t len)
{
	c->rtype = type;
	c->rpos = (uint16_t)(5 + off);
	c->rend = (uint16_t)(5 + off + len);
	/* Handshake messages are not interleaved with other records. */
	if (type != TLS_CT_HANDSHAKE && c->hdr_len)
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	switch (type) {
	case TLS_CT_HANDSHAKE:
		if (len == 0)
			return MOTE_ERR_UNEXPECTED_MESSAGE;
		return on_handshake(c);
	case TLS_CT_ALERT: {
		int err = on_alert(c, tls_rbuf(c) + c->rpos, len);
		record_done(c);
		return err;
	}
	case TLS_CT_APPDATA:
		if (c->state != TLS_ST_CONNECTED)
			return MOTE_ERR_UNEXPECTED_MESSAGE;
		if (!c->v12)
			c->u.post.ku_in_row = 0;
		if (len == 0)
			record_done(c);
		return 0;
	default:
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	}
}

/* A plaintext change_cipher_spec of one byte 0x01 is dropped while the
 * handshake runs (section 5); anything else is an error. TLS 1.2: the
 * real thing, which switches the read side to the new keys; not between
 * the fragments of a handshake message. */
static int on_ccs(mote_conn *c)
{
	if (c->state >= TLS_ST_CONNECTED || c->rneed != 6 || c->rbuf[5] != 0x01 ||
	    c->hs->ccs_seen)
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	if (c->v12) {
		int err;
		if (c->state != TLS_ST12_WAIT_CCS || c->hdr_len)
			return MOTE_ERR_UNEXPECTED_MESSAGE;
		err = tls12_ccs(c);
		if (err)
			return err;
	}
	c->hs->ccs_seen = 1;
	record_done(c);
	return 0;
}

static int process_record(mote_conn *c)
{
	uint8_t type = tls_rbuf(c)[0];
	size_t len = (size_t)c->rneed - 5, off = 0;
	int err;

	if (type == TLS_CT_CCS && !(c->v12 && c->rd.aead.alg))
		return on_ccs(c);
	if (c->rd.aead.alg && c->v12) {
		err = tls12_record_decrypt(c, &type, &off, &len);
		if (err)
			return err;
		if (type == TLS_CT_CCS)
			return MOTE_ERR_UNEXPECTED_MESSAGE;
	} else if (c->rd.aead.alg) {
		if (type != TLS_CT_APPDATA)
			return MOTE_ERR_UNEXPECTED_MESSAGE;
		err = tls_record_decrypt(c, &type, &len);
		if (err)
			return err;
	} else if (type != TLS_CT_HANDSHAKE && type != TLS_CT_ALERT) {
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	}
	return dispatch(c, type, off, len);
}

static int header_check(mote_conn *c)
{
	uint8_t type = c->rbuf[0];
	size_t len = ((size_t)c->rbuf[3] << 8) | c->rbuf[4];

	if (type < TLS_CT_CCS || type > TLS_CT_APPDATA)
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	/* legacy_record_version is ignored (section 5.1) but must look like
	 * TLS: 0x03xx. */
	if (c->rbuf[1] != 0x03)
		return MOTE_ERR_DECODE;
	if (len > 16384 + 256 || (!c->rd.aead.alg && type != TLS_CT_APPDATA && len > 16384))
		return MOTE_ERR_RECORD_OVERFLOW;
	c->rneed = (uint16_t)(len + 5);
	if (len + 5 <= c->rcap)
		return 0;
	/* Plaintext handshake records stream through the own buffer. */
	if (!c->rd.aead.alg && type == TLS_CT_HANDSHAKE)
		return 0;
	/* Above the own buffer: a negotiated limit broken, or a full record
	 * from a server that accepted none: the pool's job (if any). */
	if (c->limit_ext || !c->rd.aead.alg)
		return MOTE_ERR_RECORD_OVERFLOW;
	if (!c->ctx->pool.n)
		return MOTE_ERR_RECORD_NO_BUFFER;
	tls_pool_borrow(c);
	return 0;
}

/* A plaintext handshake record larger than the own buffer (a TLS 1.2
 * Certificate, say) is not kept whole: once its header is in, its body
 * goes to the handshake layer piece by piece as it arrives, each piece
 * at rbuf + 5. Protected records above the buffer go to the pool. */
static int streaming(const mote_conn *c)
{
	return c->rneed > c->rcap && c->lbuf == 0;
}

static size_t recv_room(const mote_conn *c)
{
	size_t left = (size_t)c->rneed - c->rlen;

	if (c->rlen >= 5 && streaming(c) && left > (size_t)c->rcap - 5)
		return (size_t)c->rcap - 5;
	return left;
}

static int stream_feed(mote_conn *c, size_t n)
{
	size_t used = 0;
	int err;

	c->flags &= (uint8_t)~TLS_F_KEYCHG;
	err = tls_hs_consume(c, c->rbuf + 5, n, &used);
	if (err)
		return err;
	if (used != n)
		return MOTE_ERR_INTERNAL;
	/* A key change must end the record (RFC 8446 5.1). */
	if ((c->flags & TLS_F_KEYCHG) && c->rlen < c->rneed)
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	if (c->rlen == c->rneed)
		record_done(c);
	return 0;
}

uint8_t *mote_conn_recv_buf(mote_conn *c, size_t *len)
{
	*len = 0;
	if (c->err || (c->flags & (TLS_F_CLOSE_RCVD | TLS_F_EOF)) || c->rend)
		return NULL;
	/* Flow control: no pool buffer free, no bytes taken. */
	if (c->lbuf == TLS_POOL_WAITING && !tls_pool_borrow(c))
		return NULL;
	*len = recv_room(c);
	return c->rlen > 5 && streaming(c) ? c->rbuf + 5 : tls_rbuf(c) + c->rlen;
}

int mote_conn_recv_ack(mote_conn *c, size_t len)
{
	int err;

	if (c->err)
		return c->err;
	if (c->rend || (c->lbuf == TLS_POOL_WAITING && len) || len > recv_room(c))
		return MOTE_ERR_BAD_ARG;
	c->rlen = (uint16_t)(c->rlen + len);
	if (c->rlen == 5 && c->rneed == 5) {
		err = header_check(c);
		if (err) {
			tls_fail(c, err);
			hs_release(c);
			return err;
		}
	}
	if (c->rlen > 5 && streaming(c))
		err = stream_feed(c, len);
	else if (c->rlen < c->rneed || c->rlen < 5)
		return 0;
	else
		err = process_record(c);
	if (err && !c->err)
		tls_fail(c, err);
	tls_pool_settle(c);
	tls_output(c);
	hs_release(c);
	return c->err;
}

void mote_conn_recv_eof(mote_conn *c)
{
	c->flags |= TLS_F_EOF;
	if (!c->err && !(c->flags & TLS_F_CLOSE_RCVD)) {
		c->err = MOTE_ERR_TRUNCATED;
		c->state = TLS_ST_CLOSED;
	}
	hs_release(c);
}

const uint8_t *mote_conn_read_buf(mote_conn *c, size_t *len)
{
	if (c->rtype != TLS_CT_APPDATA || c->rpos >= c->rend) {
		*len = 0;
		return NULL;
	}
	*len = (size_t)c->rend - c->rpos;
	return tls_rbuf(c) + c->rpos;
}

void mote_conn_read_ack(mote_conn *c, size_t len)
{
	if (c->rtype != TLS_CT_APPDATA)
		return;
	if (len > (size_t)c->rend - c->rpos)
		len = (size_t)c->rend - c->rpos;
	c->rpos = (uint16_t)(c->rpos + len);
	if (c->rpos == c->rend)
		record_done(c);
	else
		tls_pool_settle(c);
}

unsigned mote_conn_state(const mote_conn *c)
{
	unsigned s = 0;

	if (c->spos < sendable_end(c))
		s |= MOTE_CONN_SEND;
	if (c->rtype == TLS_CT_APPDATA && c->rpos < c->rend)
		s |= MOTE_CONN_READ;
	if (c->err) {
		if (!(s & MOTE_CONN_SEND))
			s |= MOTE_CONN_CLOSED;
		return s;
	}
	if (TLS_POOL_HELD(c))
		s |= MOTE_CONN_POOL_HELD;
	if (!c->rend && !(c->flags & (TLS_F_CLOSE_RCVD | TLS_F_EOF))) {
		if (c->lbuf == TLS_POOL_WAITING && tls_pool_blocked(c))
			s |= MOTE_CONN_POOL_WAIT;
		else
			s |= MOTE_CONN_RECV;
	}
	if (c->state == TLS_ST_CONNECTED) {
		s |= MOTE_CONN_READY;
		if (!c->out && !(c->flags & TLS_F_CLOSE_SENT) &&
		    (c->wopen || tls_record_room(c, 1) > 0))
			s |= MOTE_CONN_WRITE;
	}
	if (c->flags & TLS_F_CLOSE_RCVD)
		s |= MOTE_CONN_PEER_CLOSED;
	if ((c->flags & TLS_F_CLOSE_SENT) && (c->flags & (TLS_F_CLOSE_RCVD | TLS_F_EOF)) &&
	    !(s & MOTE_CONN_SEND))
		s |= MOTE_CONN_CLOSED;
	return s;
}

int mote_conn_error(const mote_conn *c)
{
	return c->err;
}

int mote_conn_alert_sent(const mote_conn *c)
{
	return (int)c->alert_sent - 1;
}

int mote_conn_alert_received(const mote_conn *c)
{
	return (int)c->alert_rcvd - 1;
}
