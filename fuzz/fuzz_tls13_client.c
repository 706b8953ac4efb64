/*
 * libFuzzer harness for the TLS 1.3 client engine, driven by mutated
 * server flights.
 *
 * The harness plays the server's record layer so that mutations reach
 * every state, not only the first record: it holds a fixed X25519 server
 * key, mirrors the transcript, derives the server's handshake and
 * application keys exactly as a server would, and encrypts whatever
 * plaintext the input asks for. The client's randomness and clock are
 * deterministic (fixed entropy), so a given input always replays the same.
 *
 * Input: a sequence of operations {op u8, len u16 big-endian, data[len]}.
 *   op & 7 == 0  plaintext record: content type data[0], content data[1..]
 *             1  protected record under the current server key: inner
 *                content type data[0], content data[1..]
 *             2  raw bytes to the client as they are (broken records)
 *             3  client action data[0]: 0 read, 1 write 300 bytes,
 *                2 KeyUpdate (requesting), 3 close_notify, 4 end of file
 *             5  large-record pool data[0] % 4: 0 give one buffer, 1
 *                remove it, 2 lend it to another connection (the client
 *                must then wait), 3 take it back
 *             6  protected record whose length is the receive buffer's
 *                plus (int8_t)data[1]: inner type data[0], content
 *                data[2..] then zeros (records around the boundary)
 *             7  the same as plaintext: type data[0] (the handshake
 *                ones stream through the buffer)
 *             4  a ServerHello built here: data = suite (2), then an
 *                optional random (32, e.g. the HelloRetryRequest value);
 *                it echoes the client's session id and carries the
 *                server's X25519 share (or, as HRR, asks for P-256)
 *   op & 8       fix the last handshake message of the record: a Finished
 *                gets the verify_data the server key schedule expects, an
 *                Ed25519 CertificateVerify a valid signature by the key of
 *                the seeds' certificate
 *   op >> 4      bytes are handed to the client in chunks of (op >> 4) + 1
 *                (15: whole records)
 * Covered: the record layer (framing, decryption, padding, limits), the
 * handshake message splitter and reassembly, every message parser
 * (ServerHello/HRR, EncryptedExtensions, CertificateRequest, Certificate,
 * CertificateVerify, Finished, NewSessionTicket, KeyUpdate), alerts,
 * application data, KeyUpdate and close in both directions, the session
 * cache, and the client's own output. The chain is not validated
 * (MOTE_CONFIG_INSECURE_NO_VERIFY: fuzz_x509 covers the engine's rules),
 * but the leaf is still parsed and CertificateVerify checked with its key.
 * Invariants (abort on violation): the engine's channels never point
 * outside the caller's buffers (receive buffer or the pool buffer); an
 * error is sticky and closes the
 * connection; no record sent by the client is larger than its send buffer.
 * FUZZ_TLS_TRACE=1 in the environment prints how far each input got.
 * Seed corpus: fuzz/corpus/tls13_client/ (full handshakes with tickets,
 * KeyUpdate, HelloRetryRequest, fragmented messages, 512-byte records).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/ec.h"
#include "mote/ed25519.h"
#include "mote/tls.h"
#include "mote/x25519.h"
#include "tls/tls_int.h"

#include "fuzz_tls_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RBUF MOTE_RECV_BUFFER_SIZE(512)
#define SBUF MOTE_SEND_BUFFER_SIZE(512)

struct srv {
	mote_conn c;
	mote_conn other; /* the pool buffer's other borrower (op 5) */
	mote_ctx ctx;
	mote_handshake hs;
	mote_session sessions[2];
	uint8_t rbuf[RBUF], sbuf[SBUF];
	/* The server side. */
	uint8_t priv[32];
	mote_hash_ctx th;     /* server transcript */
	mote_hash_alg alg;
	const tls_suite *suite;
	uint8_t ch1_hash[MOTE_HASH_MAX_SIZE];
	uint8_t hs_secret[48], master[48], s_hs[48], s_ap[48];
	mote_tls_dir wr; /* server write protection */
	int keyed;        /* 0 none, 1 handshake, 2 application */
	int hrr;
	uint8_t msg_hdr[4];
	size_t msg_hdr_n, msg_left;
};

static uint8_t pool_mem[MOTE_LARGE_RECORD_BUFFER_SIZE];

/* Where the engine may point for received bytes. */
static int in_rbuf(const struct srv *s, const uint8_t *p, size_t len)
{
	return (p >= s->rbuf && p + len <= s->rbuf + RBUF) ||
	       (p >= pool_mem && p + len <= pool_mem + sizeof pool_mem);
}

/* ---- The client's output: check it, hash its ClientHellos ------------- */

static void drain_client(struct srv *s)
{
	const uint8_t *out;
	size_t len;

	while ((out = mote_conn_send_buf(&s->c, &len)) != NULL) {
		require(out >= s->sbuf && out + len <= s->sbuf + SBUF);
		/* Plaintext handshake records are ClientHello pieces: the
		 * server transcript takes them (ClientHello2 after a retry). */
		for (size_t off = 0; off + 5 <= len;) {
			size_t rl = ((size_t)out[off + 3] << 8) | out[off + 4];
			require(off + 5 + rl <= len);
			if (out[off] == TLS_CT_HANDSHAKE && s->alg != MOTE_HASH_NONE && s->keyed == 0)
				mote_hash_update(&s->th, out + off + 5, rl);
			off += 5 + rl;
		}
		mote_conn_send_ack(&s->c, len);
	}
}

/* ---- Server key schedule ----------------------------------------------- */

/* The server's share is in the group of the client's (first) share. */
static int server_shared(struct srv *s, uint8_t shared[32])
{
	if (s->hs.share_groups[0] == MOTE_GROUP_SECP256R1)
		return mote_ecdh(MOTE_EC_P256, shared, s->priv, s->hs.u.pre.ec_pub, 65);
	return mote_x25519(shared, s->priv, s->hs.u.pre.x25519_pub);
}

static void server_keys_hs(struct srv *s)
{
	uint8_t shared[32], early[48], th[48];

	if (!s->c.hs || server_shared(s, shared))
		return;
	tls_next_secret(s->alg, NULL, NULL, 0, early);
	tls_next_secret(s->alg, early, shared, 32, s->hs_secret);
	mote_hash_ctx copy = s->th;
	mote_hash_final(&copy, th);
	tls_derive_secret(s->alg, s->hs_secret, "s hs traffic", th, s->s_hs);
	tls_next_secret(s->alg, s->hs_secret, NULL, 0, s->master);
	tls_dir_set(&s->wr, s->suite, s->s_hs);
	s->keyed = 1;
}

static void server_keys_ap(struct srv *s)
{
	uint8_t th[48];
	mote_hash_ctx copy = s->th;

	mote_hash_final(&copy, th);
	tls_derive_secret(s->alg, s->master, "s ap traffic", th, s->s_ap);
	tls_dir_set(&s->wr, s->suite, s->s_ap);
	s->keyed = 2;
}

/* Handshake bytes the server sends: into the transcript (until the
 * handshake ends), with key changes after ServerHello and Finished. */
static void server_hs_bytes(struct srv *s, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s->msg_hdr_n < 4) {
			s->msg_hdr[s->msg_hdr_n++] = p[i];
			if (s->msg_hdr_n == 4)
				s->msg_left = ((size_t)s->msg_hdr[1] << 16) | (s->msg_hdr[2] << 8) |
				              s->msg_hdr[3];
		} else {
			s->msg_left--;
		}
		if (s->alg != MOTE_HASH_NONE && s->keyed < 2)
			mote_hash_update(&s->th, p + i, 1);
		if (s->msg_hdr_n == 4 && s->msg_left == 0) {
			s->msg_hdr_n = 0;
			if (s->msg_hdr[0] == TLS_HS_SERVER_HELLO && !s->hrr && s->keyed == 0)
				server_keys_hs(s);
			else if (s->msg_hdr[0] == TLS_HS_FINISHED && s->keyed == 1)
				server_keys_ap(s);
			else if (s->msg_hdr[0] == TLS_HS_KEY_UPDATE && s->keyed == 2) {
				tls_key_update_secret(s->alg, s->s_ap);
				tls_dir_set(&s->wr, s->suite, s->s_ap);
			}
		}
	}
}

/* ---- Feeding the client ------------------------------------------------ */

static void feed(struct srv *s, const uint8_t *p, size_t n, size_t chunk)
{
	size_t off = 0;

	while (off < n && !mote_conn_error(&s->c)) {
		size_t want;
		uint8_t *dst = mote_conn_recv_buf(&s->c, &want);
		if (!dst) {
			/* Unread application data: read it, then go on. */
			const uint8_t *rd;
			size_t len;
			rd = mote_conn_read_buf(&s->c, &len);
			if (!rd)
				return;
			require(in_rbuf(s, rd, len));
			mote_conn_read_ack(&s->c, len);
			continue;
		}
		require(in_rbuf(s, dst, want));
		want = want < n - off ? want : n - off;
		want = want < chunk ? want : chunk;
		memcpy(dst, p + off, want);
		off += want;
		mote_conn_recv_ack(&s->c, want);
		drain_client(s);
	}
}

static void send_record(struct srv *s, uint8_t type, const uint8_t *p, size_t n, int protect,
                        size_t chunk)
{
	static uint8_t rec[5 + 16384 + 256 + 64];

	size_t total;

	if (n > 16384 + 200)
		n = 16384 + 200;
	if (protect && s->wr.aead.alg != MOTE_AEAD_NONE) {
		uint8_t nonce[12];
		size_t clen = n + 1 + 16;
		memcpy(nonce, s->wr.iv, 12);
		for (int i = 0; i < 8; i++)
			nonce[11 - i] ^= (uint8_t)(s->wr.seq >> (8 * i));
		rec[0] = TLS_CT_APPDATA;
		rec[1] = rec[2] = 3;
		rec[3] = (uint8_t)(clen >> 8);
		rec[4] = (uint8_t)clen;
		memcpy(rec + 5, p, n);
		rec[5 + n] = type;
		mote_aead_seal(&s->wr.aead, nonce, rec, 5, rec + 5, n + 1, rec + 5 + n + 1);
		s->wr.seq++;
		total = 5 + clen;
	} else {
		rec[0] = type;
		rec[1] = rec[2] = 3;
		rec[3] = (uint8_t)(n >> 8);
		rec[4] = (uint8_t)n;
		memcpy(rec + 5, p, n);
		total = 5 + n;
	}
	/* Key changes the messages cause apply from the next record on. */
	if (type == TLS_CT_HANDSHAKE)
		server_hs_bytes(s, p, n);
	feed(s, rec, total, chunk);
}

/* The server's certificate key (Ed25519): the seed corpus carries a
 * self-signed certificate for it (fuzz/gen_tls13_seeds.py). */
static const uint8_t cert_seed[32] = {
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11};

/* Transcript hash up to p[0..n) (bytes of this record before the
 * message being fixed). */
static size_t th_upto(struct srv *s, const uint8_t *p, size_t n, uint8_t th[48])
{
	mote_hash_ctx copy = s->th;

	mote_hash_update(&copy, p, n);
	mote_hash_final(&copy, th);
	return mote_hash_size(s->alg);
}

/* The last handshake message in p[0..n) is made valid: a Finished gets
 * the verify_data the server key schedule expects, an Ed25519
 * CertificateVerify the signature of the certificate key above. */
static void fix_last(struct srv *s, uint8_t *p, size_t n)
{
	static const char ctx_str[] = "TLS 1.3, server CertificateVerify";
	uint8_t th[48], content[64 + sizeof ctx_str + 48], pub[32];
	size_t off = 0, len, hl;

	if (s->alg == MOTE_HASH_NONE || s->keyed != 1)
		return;
	while (off + 4 <= n) {
		len = ((size_t)p[off + 1] << 16) | ((size_t)p[off + 2] << 8) | p[off + 3];
		if (off + 4 + len == n)
			break;
		off += 4 + len;
	}
	if (off + 4 > n)
		return;
	len = n - off - 4;
	hl = th_upto(s, p, off, th);
	if (p[off] == TLS_HS_FINISHED && len == hl) {
		tls_finished_mac(s->alg, s->s_hs, th, p + off + 4);
	} else if (p[off] == TLS_HS_CERTIFICATE_VERIFY && len == 2 + 2 + 64 &&
	           p[off + 4] == 0x08 && p[off + 5] == 0x07) {
		memset(content, 0x20, 64);
		memcpy(content + 64, ctx_str, sizeof ctx_str);
		memcpy(content + 64 + sizeof ctx_str, th, hl);
		mote_ed25519_public_key(pub, cert_seed);
		mote_ed25519_sign(p + off + 8, content, 64 + sizeof ctx_str + hl, cert_seed, pub);
	}
}

static void server_hello(struct srv *s, const uint8_t *d, size_t n, size_t chunk)
{
	static const uint8_t hrr_random[32] = {
		0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C,
		0x02, 0x1E, 0x65, 0xB8, 0x91, 0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB,
		0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};
	uint8_t m[200], pub[65];
	uint16_t suite;
	size_t k = 0;
	int hrr;

	if (n < 2 || !s->c.hs)
		return;
	suite = (uint16_t)((d[0] << 8) | d[1]);
	hrr = n >= 34 && memcmp(d + 2, hrr_random, 32) == 0;
	s->suite = tls_suite_find(suite);
	if (!s->suite)
		return;
	if (s->alg == MOTE_HASH_NONE) {
		/* First server message: the transcript starts with ClientHello1,
		 * regenerated from the client's state. */
		s->alg = s->suite->hash;
		mote_hash_init(&s->th, s->alg);
		tls_ch_hash(&s->c, &s->th, s->hs.ch_len);
	}
	if (hrr) {
		/* message_hash(ClientHello1) replaces it (RFC 8446 4.4.1). */
		uint8_t mh[4 + 48];
		mote_hash_final(&s->th, mh + 4);
		mh[0] = TLS_HS_MESSAGE_HASH;
		mh[1] = mh[2] = 0;
		mh[3] = (uint8_t)mote_hash_size(s->alg);
		mote_hash_init(&s->th, s->alg);
		mote_hash_update(&s->th, mh, 4 + mh[3]);
		s->hrr = 1;
	} else {
		s->hrr = 0;
	}
	m[k++] = TLS_HS_SERVER_HELLO;
	k += 3;
	m[k++] = 3;
	m[k++] = 3;
	memcpy(m + k, n >= 34 ? d + 2 : s->priv, 32);
	k += 32;
	m[k++] = 32;
	memcpy(m + k, s->hs.session_id, 32);
	k += 32;
	m[k++] = (uint8_t)(suite >> 8);
	m[k++] = (uint8_t)suite;
	m[k++] = 0;
	size_t ext = k;
	k += 2;
	memcpy(m + k, "\x00\x2b\x00\x02\x03\x04", 6);
	k += 6;
	if (hrr) {
		memcpy(m + k, "\x00\x33\x00\x02\x00\x17", 6); /* asks for P-256 */
		k += 6;
	} else if (s->hs.share_groups[0] == MOTE_GROUP_SECP256R1) {
		mote_ec_public_key(MOTE_EC_P256, pub, s->priv);
		memcpy(m + k, "\x00\x33\x00\x45\x00\x17\x00\x41", 8);
		k += 8;
		memcpy(m + k, pub, 65);
		k += 65;
	} else {
		mote_x25519_base(pub, s->priv);
		memcpy(m + k, "\x00\x33\x00\x24\x00\x1d\x00\x20", 8);
		k += 8;
		memcpy(m + k, pub, 32);
		k += 32;
	}
	m[ext] = (uint8_t)((k - ext - 2) >> 8);
	m[ext + 1] = (uint8_t)(k - ext - 2);
	m[1] = 0;
	m[2] = (uint8_t)((k - 4) >> 8);
	m[3] = (uint8_t)(k - 4);
	send_record(s, TLS_CT_HANDSHAKE, m, k, 0, chunk);
	/* After a retry the client's second ClientHello joins the transcript
	 * as it goes out (drain_client). */
}

static int rd_ok(const void *arg, const uint8_t *p, size_t len)
{
	return in_rbuf(arg, p, len);
}

static void client_action(struct srv *s, uint8_t a)
{
	fuzz_app_action(&s->c, a, rd_ok, s, s->sbuf, SBUF);
	drain_client(s);
}

static void pool_op(struct srv *s, uint8_t a)
{
	mote_large_pool *p = &s->ctx.pool;

	switch (a % 4) {
	case 0:
	case 1:
		/* Refused (MOTE_ERR_STATE) while lent or waited for. */
		mote_ctx_set_large_pool(&s->ctx, a % 4 ? NULL : pool_mem, sizeof pool_mem);
		break;
	case 2:
		if (p->n && !p->holder[0])
			p->holder[0] = &s->other;
		break;
	default:
		if (p->n && p->holder[0] == &s->other)
			p->holder[0] = NULL;
		break;
	}
	/* Waiting is exactly: a pool buffer is wanted and none can be had. */
	if (mote_conn_state(&s->c) & MOTE_CONN_POOL_WAIT)
		require(mote_conn_recv_buf(&s->c, &(size_t){0}) == NULL);
}

/* A record of the receive buffer's size + delta in total. */
static void boundary_record(struct srv *s, const uint8_t *d, size_t n, int protect, size_t chunk)
{
	static uint8_t content[RBUF + 256];
	size_t over = protect && s->wr.aead.alg != MOTE_AEAD_NONE ? 5 + 1 + 16 : 5;
	long want = (long)RBUF + (n > 1 ? (int8_t)d[1] : 0) - (long)over;

	if (n < 1 || want < 0)
		return;
	memset(content, 0, (size_t)want);
	if (n > 2)
		memcpy(content, d + 2, n - 2 < (size_t)want ? n - 2 : (size_t)want);
	send_record(s, d[0], content, (size_t)want, protect, chunk);
}

static const mote_config cfg = {.flags = MOTE_CONFIG_INSECURE_NO_VERIFY, .key_shares = 1};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct srv s;
	static uint8_t buf[16384 + 256];
	size_t off = 0;

	memset(&s, 0, sizeof s);
	memset(s.priv, 0x5A, 32);
	require(mote_ctx_init(&s.ctx, &cfg, fixed_entropy, NULL, fixed_clock, NULL) == 0);
	mote_ctx_set_sessions(&s.ctx, s.sessions, 2);
	require(mote_conn_init(&s.c, &s.ctx, "fuzz.example", s.rbuf, RBUF, s.sbuf, SBUF, &s.hs) ==
	        0);
	drain_client(&s);
	while (off + 3 <= size && !(mote_conn_state(&s.c) & MOTE_CONN_CLOSED)) {
		uint8_t op = data[off];
		size_t len = ((size_t)data[off + 1] << 8) | data[off + 2];
		size_t chunk = (op >> 4) == 15 ? 1u << 20 : (size_t)(op >> 4) + 1;
		off += 3;
		len = len < size - off ? len : size - off;
		memcpy(buf, data + off, len);
		off += len;
		if ((op & 8) && len > 1)
			fix_last(&s, buf + 1, len - 1);
		switch (op & 7) {
		case 0:
			if (len)
				send_record(&s, buf[0], buf + 1, len - 1, 0, chunk);
			break;
		case 1:
			if (len)
				send_record(&s, buf[0], buf + 1, len - 1, 1, chunk);
			break;
		case 2:
			feed(&s, buf, len, chunk);
			break;
		case 3:
			if (len)
				client_action(&s, buf[0]);
			break;
		case 4:
			server_hello(&s, buf, len, chunk);
			break;
		case 5:
			if (len)
				pool_op(&s, buf[0]);
			break;
		case 6:
		case 7:
			boundary_record(&s, buf, len, (op & 7) == 6, chunk);
			break;
		default:
			break;
		}
		/* An error is sticky and closes the engine. */
		if (mote_conn_error(&s.c)) {
			int e = mote_conn_error(&s.c);
			size_t l;
			require(mote_conn_recv_buf(&s.c, &l) == NULL && l == 0);
			require(mote_conn_write_buf(&s.c, &l) == NULL);
			require(mote_conn_recv_ack(&s.c, 0) == e);
		}
	}
	/* FUZZ_TLS_TRACE=1: how far each input got (corpus maintenance). */
	if (getenv("FUZZ_TLS_TRACE"))
		fprintf(stderr, "tls13_client: state %u, %s, alert sent %d, tickets %zu\n",
		        s.c.state, mote_error_name(mote_conn_error(&s.c)), mote_conn_alert_sent(&s.c),
		        mote_ctx_session_count(&s.ctx, "fuzz.example"));
	mote_conn_clear(&s.c);
	return 0;
}
