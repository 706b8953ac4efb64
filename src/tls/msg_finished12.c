/*
 * TLS 1.2 change_cipher_spec and Finished (RFC 5246 7.1, 7.4.9, 6.3):
 * verify_data = PRF(master_secret, label, Hash(handshake messages))[0..12),
 * keys from the key block PRF(master_secret, "key expansion",
 * server_random || client_random). The client's flight ([empty
 * Certificate,] ClientKeyExchange, change_cipher_spec, Finished) is kept
 * in the connection until the send buffer takes it.
 */
#include <string.h>

#include "crypto/ct.h"
#include "mote/kdf.h"
#include "tls/tls_int.h"

static void verify_data(mote_conn *c, const char *label, uint8_t out[12])
{
	uint8_t th[MOTE_HASH_MAX_SIZE];
	mote_hash_alg alg = c->hs->transcript.alg;

	tls_transcript_hash(c->hs, th);
	(void)mote_tls12_prf(alg, c->u.t12.master, 48, label, th, mote_hash_size(alg), out, 12);
}

void tls12_client_finished(mote_conn *c, size_t off)
{
	mote_tls12_state *t = &c->u.t12;

	t->flight[off] = TLS_HS_FINISHED;
	t->flight[off + 1] = 0;
	t->flight[off + 2] = 0;
	t->flight[off + 3] = 12;
	verify_data(c, "client finished", t->flight + off + 4);
	mote_hash_update(&c->hs->transcript, t->flight + off, 16);
	t->plain_len = (uint8_t)off;
	t->flight_len = (uint8_t)(off + 16);
	t->flight_sent = 0;
	t->ccs_sent = 0;
	c->out |= TLS_OUT_T12;
}

int tls12_dir_set(mote_conn *c, mote_tls_dir *d, int client)
{
	const tls_suite *s = tls_suite_find(c->suite);
	const mote_tls12_state *t = &c->u.t12;
	size_t kl = mote_aead_key_size(s->aead);
	size_t ivl = s->aead == MOTE_AEAD_CHACHA20_POLY1305 ? 12 : 4;
	uint8_t seed[64], block[2 * 32 + 2 * 12];
	int err;

	memcpy(seed, t->randoms + 32, 32);
	memcpy(seed + 32, t->randoms, 32);
	err = mote_tls12_prf(s->hash, t->master, 48, "key expansion", seed, 64, block,
	                     2 * kl + 2 * ivl);
	if (!err)
		err = mote_aead_init(&d->aead, s->aead, block + (client ? 0 : kl), kl);
	memset(d->iv, 0, sizeof d->iv);
	memcpy(d->iv, block + 2 * kl + (client ? 0 : ivl), ivl);
	mote_wipe(block, sizeof block);
	d->seq = 0;
	d->v12 = 1;
	d->explicit_len = ivl == 4 ? 8 : 0;
	if (err)
		d->aead.alg = MOTE_AEAD_NONE;
	return err ? MOTE_ERR_INTERNAL : 0;
}

/* The server's change_cipher_spec: its keys from now on. A promised
 * NewSessionTicket must have come first (RFC 5077 3.3). */
int tls12_ccs(mote_conn *c)
{
	if (c->u.t12.ticket_ext)
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	c->state = TLS_ST12_WAIT_FIN;
	return tls12_dir_set(c, &c->rd, 0);
}

int tls12_fin_handle(mote_conn *c, const uint8_t *p, size_t n)
{
	mote_tls12_state *t = &c->u.t12;
	uint8_t expect[12];

	if (n != 12)
		return MOTE_ERR_DECODE;
	verify_data(c, "server finished", expect);
	if (!mote_ct_memeq(expect, p, 12))
		return MOTE_ERR_BAD_FINISHED;
	tls_hs_hash_msg(c, p, n);
	/* Abbreviated handshake: the client's change_cipher_spec and
	 * Finished follow the server's. */
	if (t->resumed)
		tls12_client_finished(c, 0);
	tls12_session_store(c);
	mote_wipe(c->hs, sizeof *c->hs);
	c->hs = NULL;
	c->state = TLS_ST_CONNECTED;
	if (!(c->out & TLS_OUT_T12))
		mote_wipe(t->master, sizeof t->master);
	return 0;
}

/* The flight in records: handshake messages in plaintext, the
 * change_cipher_spec, then Finished under the new write key. */
int tls12_flight_emit(mote_conn *c)
{
	static const uint8_t ccs = 0x01;
	mote_tls12_state *t = &c->u.t12;
	size_t room, n;

	if (t->flight_sent < t->plain_len) {
		room = tls_record_room(c, 0);
		n = (size_t)t->plain_len - t->flight_sent;
		n = n < room ? n : room;
		if (n == 0)
			return 0;
		tls_record_append(c, TLS_CT_HANDSHAKE, t->flight + t->flight_sent, n);
		t->flight_sent = (uint8_t)(t->flight_sent + n);
		return 1;
	}
	if (!t->ccs_sent) {
		if (tls_record_room(c, 0) < 1)
			return 0;
		tls_record_append(c, TLS_CT_CCS, &ccs, 1);
		t->ccs_sent = 1;
		if (tls12_dir_set(c, &c->wr, 1))
			return 0;
		return 1;
	}
	room = tls_record_room(c, 1);
	n = (size_t)t->flight_len - t->flight_sent;
	n = n < room ? n : room;
	if (n == 0)
		return 0;
	tls_record_append(c, TLS_CT_HANDSHAKE, t->flight + t->flight_sent, n);
	t->flight_sent = (uint8_t)(t->flight_sent + n);
	if (t->flight_sent < t->flight_len)
		return 1;
	c->out &= (uint8_t)~TLS_OUT_T12;
	mote_wipe(t->flight, sizeof t->flight);
	if (c->state == TLS_ST_CONNECTED)
		mote_wipe(t->master, sizeof t->master);
	return 1;
}
