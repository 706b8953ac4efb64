/*
 * Finished (RFC 8446 section 4.4.4): the server's is checked, then the
 * application traffic secrets, the client's Finished and the resumption
 * master secret are derived at once, and the handshake workspace is
 * released. The client's flight ([empty Certificate,] Finished) is kept
 * in the connected state until the send buffer takes it.
 */
#include <string.h>

#include "crypto/ct.h"
#include "tls/tls_int.h"

/* Computes everything the connected state needs from the handshake
 * secrets, into post (which overlays them, so it is a local copy). */
static void fin_derive(mote_conn *c, mote_tls_post *post, mote_hash_alg alg)
{
	mote_handshake *hs = c->hs;
	size_t hl = mote_hash_size(alg);
	uint8_t th[MOTE_HASH_MAX_SIZE];
	size_t off = 0;

	tls_transcript_hash(hs, th);
	tls_derive_secret(alg, c->u.hs.master, "c ap traffic", th, post->c_ap);
	tls_derive_secret(alg, c->u.hs.master, "s ap traffic", th, post->s_ap);
	if (hs->cert_requested) {
		/* Empty Certificate: context (empty here), no entries. */
		static const uint8_t empty_cert[8] = {TLS_HS_CERTIFICATE, 0, 0, 4, 0, 0, 0, 0};
		memcpy(post->fin, empty_cert, sizeof empty_cert);
		mote_hash_update(&hs->transcript, empty_cert, sizeof empty_cert);
		off = sizeof empty_cert;
		tls_transcript_hash(hs, th);
	}
	post->fin[off] = TLS_HS_FINISHED;
	post->fin[off + 1] = 0;
	post->fin[off + 2] = 0;
	post->fin[off + 3] = (uint8_t)hl;
	tls_finished_mac(alg, c->u.hs.c_hs, th, post->fin + off + 4);
	mote_hash_update(&hs->transcript, post->fin + off, 4 + hl);
	post->fin_len = (uint8_t)(off + 4 + hl);
	tls_transcript_hash(hs, th);
	tls_derive_secret(alg, c->u.hs.master, "res master", th, post->res_master);
}

int tls_fin_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	const tls_suite *s = tls_suite_find(c->suite);
	size_t hl = mote_hash_size(s->hash);
	uint8_t th[MOTE_HASH_MAX_SIZE], expect[MOTE_HASH_MAX_SIZE];
	mote_tls_post post;
	int err;

	if (n != hl)
		return MOTE_ERR_DECODE;
	tls_transcript_hash(c->hs, th);
	tls_finished_mac(s->hash, c->u.hs.s_hs, th, expect);
	if (!mote_ct_memeq(expect, p, hl))
		return MOTE_ERR_BAD_FINISHED;
	tls_hs_hash_msg(c, p, n);
	memset(&post, 0, sizeof post);
	post.nst_entry = -1;
	fin_derive(c, &post, s->hash);
	err = tls_dir_set(&c->rd, s, post.s_ap);
	c->u.post = post;
	mote_wipe(&post, sizeof post);
	if (err)
		return err;
	/* The workspace goes back to the caller, wiped. */
	mote_wipe(c->hs, sizeof *c->hs);
	c->hs = NULL;
	c->flags |= TLS_F_KEYCHG;
	c->state = TLS_ST_CONNECTED;
	c->out |= TLS_OUT_FIN;
	return 0;
}

/* Emits the client's flight, in as many records as the room allows,
 * then switches the write side to the application key. */
int tls_fin_emit(mote_conn *c)
{
	mote_tls_post *post = &c->u.post;
	size_t room = tls_record_room(c, 1), n = post->fin_len - post->fin_sent;
	const tls_suite *s;

	if (room == 0)
		return 0;
	n = n < room ? n : room;
	tls_record_append(c, TLS_CT_HANDSHAKE, post->fin + post->fin_sent, n);
	post->fin_sent = (uint8_t)(post->fin_sent + n);
	if (post->fin_sent < post->fin_len)
		return 1;
	s = tls_suite_find(c->suite);
	if (tls_dir_set(&c->wr, s, post->c_ap))
		return 0;
	mote_wipe(post->fin, sizeof post->fin);
	c->out &= (uint8_t)~TLS_OUT_FIN;
	return 1;
}
