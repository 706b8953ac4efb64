/*
 * Record protection (RFC 8446 section 5): per-direction keys and nonces,
 * sealing in the send buffer and opening in place in the receive buffer.
 */
#include <string.h>

#include "crypto/ct.h"
#include "mote/kdf.h"
#include "tls/tls_int.h"

int tls_dir_set(mote_tls_dir *d, const tls_suite *s, const uint8_t *secret)
{
	uint8_t key[MOTE_AEAD_MAX_KEY_SIZE];
	size_t hl = mote_hash_size(s->hash), kl = mote_aead_key_size(s->aead);
	int err;

	err = mote_hkdf_expand_label(s->hash, secret, hl, "key", NULL, 0, key, kl);
	if (!err)
		err = mote_hkdf_expand_label(s->hash, secret, hl, "iv", NULL, 0, d->iv, 12);
	if (!err)
		err = mote_aead_init(&d->aead, s->aead, key, kl);
	mote_wipe(key, sizeof key);
	d->seq = 0;
	d->v12 = 0;
	d->explicit_len = 0;
	if (err)
		d->aead.alg = MOTE_AEAD_NONE;
	return err ? MOTE_ERR_INTERNAL : 0;
}

size_t tls_record_hdr(const mote_tls_dir *d)
{
	return 5 + d->explicit_len;
}

size_t tls_record_tail(const mote_tls_dir *d)
{
	if (d->aead.alg == MOTE_AEAD_NONE)
		return 0;
	return d->v12 ? 16 : 17;
}

void tls_dir_clear(mote_tls_dir *d)
{
	mote_wipe(d, sizeof *d);
}

/* The per-record nonce: the 64-bit sequence number, big-endian and
 * left-padded, XORed into the static IV (section 5.3). */
static void record_nonce(const mote_tls_dir *d, uint8_t nonce[12])
{
	memcpy(nonce, d->iv, 12);
	for (int i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(d->seq >> (8 * i));
}

static void put_header(uint8_t *h, uint8_t type, size_t len)
{
	h[0] = type;
	h[1] = 0x03;
	h[2] = 0x03;
	h[3] = (uint8_t)(len >> 8);
	h[4] = (uint8_t)len;
}

/* TLS 1.2 nonce (RFC 5288 3, RFC 7905 2): AES-GCM: 4-byte salt || the
 * 8-byte explicit nonce (the sequence number, sent in the record);
 * ChaCha20-Poly1305: as TLS 1.3. Additional data (RFC 5246 6.2.3.3):
 * seq_num || type || version || plaintext length. */
static void record12_nonce_aad(const mote_tls_dir *d, uint8_t type, size_t len,
                               uint8_t nonce[12], uint8_t aad[13])
{
	if (d->explicit_len) {
		memcpy(nonce, d->iv, 4);
		for (int i = 0; i < 8; i++)
			nonce[4 + i] = (uint8_t)(d->seq >> (56 - 8 * i));
	} else {
		record_nonce(d, nonce);
	}
	for (int i = 0; i < 8; i++)
		aad[i] = (uint8_t)(d->seq >> (56 - 8 * i));
	aad[8] = type;
	aad[9] = 0x03;
	aad[10] = 0x03;
	aad[11] = (uint8_t)(len >> 8);
	aad[12] = (uint8_t)len;
}

/* TLS 1.2 record: content at rec + 5 + explicit_len. */
static size_t record12_seal(mote_tls_dir *d, uint8_t *rec, size_t len, uint8_t type)
{
	uint8_t nonce[12], aad[13];
	uint8_t *body = rec + 5 + d->explicit_len;

	record12_nonce_aad(d, type, len, nonce, aad);
	memcpy(rec + 5, nonce + 4, d->explicit_len);
	put_header(rec, type, d->explicit_len + len + 16);
	(void)mote_aead_seal(&d->aead, nonce, aad, 13, body, len, body + len);
	d->seq++;
	return 5 + d->explicit_len + len + 16;
}

int tls12_record_decrypt(mote_conn *c, uint8_t *type, size_t *off, size_t *len)
{
	mote_tls_dir *d = &c->rd;
	uint8_t *rec = tls_rbuf(c);
	size_t clen = (size_t)c->rneed - 5, n;
	uint8_t nonce[12], aad[13];

	if (clen < d->explicit_len + 16u)
		return MOTE_ERR_BAD_RECORD_MAC;
	n = clen - d->explicit_len - 16;
	record12_nonce_aad(d, rec[0], n, nonce, aad);
	/* The explicit nonce is the peer's choice: take it from the record. */
	memcpy(nonce + 4, rec + 5, d->explicit_len);
	if (mote_aead_open(&d->aead, nonce, aad, 13, rec + 5 + d->explicit_len, n,
	                   rec + 5 + d->explicit_len + n))
		return MOTE_ERR_BAD_RECORD_MAC;
	d->seq++;
	if (n > 16384 || n > c->recv_limit)
		return MOTE_ERR_RECORD_OVERFLOW;
	*type = rec[0];
	*off = d->explicit_len;
	*len = n;
	return 0;
}

size_t tls_record_seal(mote_conn *c, size_t off, size_t len, uint8_t type)
{
	mote_tls_dir *d = &c->wr;
	uint8_t *rec = c->sbuf + off;
	uint8_t nonce[12];
	size_t clen;

	if (d->aead.alg != MOTE_AEAD_NONE && d->v12)
		return record12_seal(d, rec, len, type);
	if (d->aead.alg == MOTE_AEAD_NONE) {
		put_header(rec, type, len);
		return 5 + len;
	}
	rec[5 + len] = type;
	clen = len + 1 + 16;
	put_header(rec, TLS_CT_APPDATA, clen);
	record_nonce(d, nonce);
	/* Lengths here are far below the AEAD limits: cannot fail. */
	(void)mote_aead_seal(&d->aead, nonce, rec, 5, rec + 5, len + 1, rec + 5 + len + 1);
	d->seq++;
	return 5 + clen;
}

size_t tls_record_room(const mote_conn *c, int protected_rec)
{
	size_t space = (size_t)c->scap - c->slen;
	size_t over = protected_rec ? MOTE_RECORD_OVERHEAD : 5;
	size_t room;

	if (space <= over)
		return 0;
	room = space - over;
	if (protected_rec && room > c->peer_limit)
		room = c->peer_limit;
	if (room > 16384)
		room = 16384;
	return room;
}

void tls_record_append(mote_conn *c, uint8_t type, const uint8_t *p, size_t len)
{
	memcpy(c->sbuf + c->slen + tls_record_hdr(&c->wr), p, len);
	c->slen = (uint16_t)(c->slen + tls_record_seal(c, c->slen, len, type));
}

/* Opens the complete record in rbuf in place. On success *type and the
 * plaintext window rbuf[5 .. 5 + *len) are set. */
int tls_record_decrypt(mote_conn *c, uint8_t *type, size_t *len)
{
	mote_tls_dir *d = &c->rd;
	uint8_t *rec = tls_rbuf(c);
	size_t clen = (size_t)c->rneed - 5, n, limit = c->recv_limit;
	uint8_t nonce[12];
	int err;

	if (clen < 17)
		return MOTE_ERR_BAD_RECORD_MAC;
	n = clen - 16;
	record_nonce(d, nonce);
	err = mote_aead_open(&d->aead, nonce, rec, 5, rec + 5, n, rec + 5 + n);
	if (err)
		return MOTE_ERR_BAD_RECORD_MAC;
	d->seq++;
	/* Strip the zero padding: the content type is the last non-zero byte
	 * (section 5.4). Padding length is not secret in this design. */
	while (n > 0 && rec[5 + n - 1] == 0)
		n--;
	if (n == 0)
		return MOTE_ERR_UNEXPECTED_MESSAGE;
	n--;
	/* TLSInnerPlaintext above 2^14 + 1, or above our record_size_limit.
	 * Until EncryptedExtensions says whether the server accepted a limit,
	 * it may send full records (the pool, if any, takes them). */
	if (c->state == TLS_ST_WAIT_EE && c->ctx->pool.n)
		limit = 16384;
	if (n > 16384 || n > limit)
		return MOTE_ERR_RECORD_OVERFLOW;
	*type = rec[5 + n];
	*len = n;
	return 0;
}
