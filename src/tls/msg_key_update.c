/*
 * KeyUpdate (RFC 8446 sections 4.6.3 and 7.2), both directions.
 */
#include "tls/tls_int.h"

/* Peer KeyUpdates accepted in a row without application data between
 * them: a bound against a peer that makes the client derive keys
 * forever. */
#define TLS_KU_MAX_IN_ROW 32

int tls_ku_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	const tls_suite *s = tls_suite_find(c->suite);
	mote_tls_post *post = &c->u.post;
	int err;

	if (n != 1)
		return MOTE_ERR_DECODE;
	if (p[0] > 1)
		return MOTE_ERR_ILLEGAL_PARAMETER;
	if (++post->ku_in_row > TLS_KU_MAX_IN_ROW)
		return MOTE_ERR_KEY_UPDATE_LIMIT;
	tls_key_update_secret(s->hash, post->s_ap);
	err = tls_dir_set(&c->rd, s, post->s_ap);
	if (err)
		return err;
	c->flags |= TLS_F_KEYCHG;
	/* update_requested: answer with update_not_requested, unless one of
	 * ours is already queued (it serves as the answer). */
	if (p[0] == 1 && !(c->out & TLS_OUT_KU) && !(c->flags & TLS_F_CLOSE_SENT)) {
		post->ku_pending = 1;
		c->out |= TLS_OUT_KU;
	}
	return 0;
}

int tls_ku_emit(mote_conn *c)
{
	const tls_suite *s = tls_suite_find(c->suite);
	mote_tls_post *post = &c->u.post;
	uint8_t msg[5] = {TLS_HS_KEY_UPDATE, 0, 0, 1, 0};

	if (tls_record_room(c, 1) < sizeof msg)
		return 0;
	msg[4] = (uint8_t)(post->ku_pending - 1);
	tls_record_append(c, TLS_CT_HANDSHAKE, msg, sizeof msg);
	tls_key_update_secret(s->hash, post->c_ap);
	c->out &= (uint8_t)~TLS_OUT_KU;
	post->ku_pending = 0;
	if (tls_dir_set(&c->wr, s, post->c_ap))
		return 0;
	return 1;
}

int mote_conn_key_update(mote_conn *c, int request_peer)
{
	if (c->err)
		return c->err;
	if (c->state != TLS_ST_CONNECTED || c->v12 || (c->out & TLS_OUT_KU) ||
	    (c->flags & TLS_F_CLOSE_SENT))
		return MOTE_ERR_STATE;
	c->u.post.ku_pending = (uint8_t)(1 + (request_peer != 0));
	c->out |= TLS_OUT_KU;
	tls_output(c);
	return 0;
}
