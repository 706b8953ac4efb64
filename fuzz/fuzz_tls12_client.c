/*
 * libFuzzer harness for the client engine in TLS 1.2, driven by mutated
 * server flights (fuzz_tls13_client.c does TLS 1.3).
 *
 * The harness plays a TLS 1.2 server: it mirrors the transcript, holds a
 * fixed X25519 ephemeral key, reads the client's ClientKeyExchange,
 * derives the master secret (extended or not) and the server's write key
 * exactly as a server would, and encrypts whatever plaintext the input
 * asks for. The client's randomness and clock are fixed, so an input
 * always replays the same.
 *
 * Input: operations {op u8, len u16 big-endian, data[len]}.
 *   op & 7 == 0  plaintext record: content type data[0], content data[1..]
 *                (a change_cipher_spec here switches the server to its
 *                write key for op 1)
 *             1  record under the server's write key (plaintext before
 *                the key exists): content type data[0], content data[1..]
 *             2  raw bytes to the client as they are
 *             3  client action data[0]: 0 read, 1 write 300 bytes,
 *                2 KeyUpdate, 3 close_notify, 4 end of file
 *             4  a TLS 1.2 ServerHello built here: data = suite (2), flags
 *                (1): 1 extended_master_secret, 2 renegotiation_info,
 *                4 echo the client's session ID (resumption: the server
 *                takes the master secret of the offered session), 8
 *                session_ticket, 16 the TLS 1.3 downgrade sentinel
 *             5  a ServerKeyExchange built here (X25519, Ed25519 signature
 *                by the seeds' certificate key); data[0] & 1 breaks the
 *                signature
 *             7  end of this connection: the operations after it drive a
 *                second connection on the same context (which can resume
 *                the first one's session)
 *   op & 8       a Finished as the last message of the record gets the
 *                verify_data the server's key schedule expects
 *   op >> 4      bytes go to the client in chunks of (op >> 4) + 1 (15:
 *                whole records)
 * Covered: TLS 1.2 ServerHello checks and resumption, Certificate (TLS 1.2
 * framing), ServerKeyExchange, CertificateRequest, ServerHelloDone,
 * NewSessionTicket, change_cipher_spec, Finished, the TLS 1.2 record
 * layer (explicit nonces, additional data), renegotiation refused,
 * application data, close, the session cache across two connections.
 * Invariants (abort on violation): the engine's channels stay inside the
 * caller's buffers; an error is sticky and closes the connection.
 * Seed corpus: fuzz/corpus/tls12_client/ (fuzz/gen_tls12_seeds.py).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/ed25519.h"
#include "mote/kdf.h"
#include "mote/tls.h"
#include "mote/x25519.h"
#include "tls/tls_int.h"

#include "fuzz_tls_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RBUF MOTE_RECV_BUFFER_SIZE(512)
#define SBUF MOTE_SEND_BUFFER_SIZE(512)

struct srv {
	mote_conn c;
	mote_handshake hs;
	uint8_t rbuf[RBUF], sbuf[SBUF];
	/* The server side. */
	mote_hash_ctx th;
	mote_hash_alg alg;
	mote_conn shadow; /* suite, randoms, master and write key of the server */
	uint8_t eph[32];  /* X25519 ephemeral private key */
	uint8_t ems;
	uint8_t ccs_sent; /* records from the server are protected from now */
	uint8_t done;     /* server Finished sent: the transcript is complete */
	uint8_t cfin;     /* the client's Finished is in the transcript */
	uint8_t keyed;
	uint8_t client_ccs; /* the client's change_cipher_spec went out */
};

/* Where the engine may point for received bytes. */
static int in_rbuf(const struct srv *s, const uint8_t *p, size_t len)
{
	return p >= s->rbuf && p + len <= s->rbuf + RBUF;
}

static mote_ctx ctx;
static mote_session sessions[2];
static uint8_t rec_buf[5 + 8 + 16384 + 256 + 64];

/* The seeds' certificate key (Ed25519, as fuzz/gen_tls13_seeds.py). */
static const uint8_t cert_seed[32] = {
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
	0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11};

/* ---- Server key schedule ---------------------------------------------- */

static void th_now(struct srv *s, uint8_t *out)
{
	mote_hash_ctx copy = s->th;

	mote_hash_final(&copy, out);
}

static void server_keys(struct srv *s)
{
	/* No keys before the harness's ServerHello named the suite. */
	if (s->alg == MOTE_HASH_NONE)
		return;
	if (!s->keyed && !tls12_dir_set(&s->shadow, &s->shadow.wr, 0))
		s->keyed = 1;
}

/* The client's ClientKeyExchange: premaster, master secret. */
static void on_cke(struct srv *s, const uint8_t *body, size_t n)
{
	mote_tls12_state *t = &s->shadow.u.t12;
	uint8_t pms[32], th[48];

	if (n != 33 || body[0] != 32 || mote_x25519(pms, s->eph, body + 1))
		return;
	if (s->ems) {
		th_now(s, th);
		mote_tls12_prf(s->alg, pms, 32, "extended master secret", th, mote_hash_size(s->alg),
		               t->master, 48);
	} else {
		mote_tls12_prf(s->alg, pms, 32, "master secret", t->randoms, 64, t->master, 48);
	}
	server_keys(s);
}

/* The client's Finished as the server expects it, into the transcript
 * (the server does not need to decrypt it). */
static void client_finished(struct srv *s)
{
	uint8_t m[16], th[48];

	th_now(s, th);
	m[0] = TLS_HS_FINISHED;
	m[1] = m[2] = 0;
	m[3] = 12;
	mote_tls12_prf(s->alg, s->shadow.u.t12.master, 48, "client finished", th,
	               mote_hash_size(s->alg), m + 4, 12);
	mote_hash_update(&s->th, m, 16);
	s->cfin = 1;
}

/* ---- The client's output ---------------------------------------------- */

static void client_record(struct srv *s, const uint8_t *r, size_t rl, int protected_rec)
{
	if (s->alg == MOTE_HASH_NONE || s->done || r[0] != TLS_CT_HANDSHAKE)
		return;
	if (protected_rec) {
		if (!s->cfin)
			client_finished(s);
		return;
	}
	/* Plaintext: [empty Certificate,] ClientKeyExchange. */
	for (size_t off = 5; off + 4 <= 5 + rl;) {
		size_t ml = ((size_t)r[off + 1] << 16) | ((size_t)r[off + 2] << 8) | r[off + 3];
		if (off + 4 + ml > 5 + rl)
			return;
		mote_hash_update(&s->th, r + off, 4 + ml);
		if (r[off] == TLS_HS_CLIENT_KEY_EXCHANGE)
			on_cke(s, r + off + 4, ml);
		off += 4 + ml;
	}
}

static void drain_client(struct srv *s)
{
	const uint8_t *out;
	size_t len;

	while ((out = mote_conn_send_buf(&s->c, &len)) != NULL) {
		require(out >= s->sbuf && out + len <= s->sbuf + SBUF);
		for (size_t off = 0; off + 5 <= len;) {
			size_t rl = ((size_t)out[off + 3] << 8) | out[off + 4];
			require(off + 5 + rl <= len);
			if (out[off] == TLS_CT_CCS)
				s->client_ccs = 1;
			else if (out[off] != TLS_CT_APPDATA && out[off] != TLS_CT_ALERT)
				client_record(s, out + off, rl, s->client_ccs);
			off += 5 + rl;
		}
		mote_conn_send_ack(&s->c, len);
	}
}

/* ---- Feeding the client ----------------------------------------------- */

static void feed(struct srv *s, const uint8_t *p, size_t n, size_t chunk)
{
	size_t off = 0;

	while (off < n && !mote_conn_error(&s->c)) {
		size_t want;
		uint8_t *dst = mote_conn_recv_buf(&s->c, &want);
		if (!dst) {
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

/* Server handshake bytes: into the transcript until its Finished. */
static void server_hs_bytes(struct srv *s, const uint8_t *p, size_t n)
{
	size_t off = 0;

	if (s->alg == MOTE_HASH_NONE || s->done)
		return;
	mote_hash_update(&s->th, p, n);
	while (off + 4 <= n) {
		size_t ml = ((size_t)p[off + 1] << 16) | ((size_t)p[off + 2] << 8) | p[off + 3];
		if (p[off] == TLS_HS_FINISHED)
			s->done = 1;
		off += 4 + ml;
	}
}

static void send_record(struct srv *s, uint8_t type, const uint8_t *p, size_t n, int protect,
                        size_t chunk)
{
	size_t total;

	if (n > 16384 + 200)
		n = 16384 + 200;
	s->shadow.sbuf = rec_buf;
	if (protect && s->ccs_sent && s->keyed) {
		memcpy(rec_buf + tls_record_hdr(&s->shadow.wr), p, n);
		total = tls_record_seal(&s->shadow, 0, n, type);
	} else {
		rec_buf[0] = type;
		rec_buf[1] = rec_buf[2] = 3;
		rec_buf[3] = (uint8_t)(n >> 8);
		rec_buf[4] = (uint8_t)n;
		memcpy(rec_buf + 5, p, n);
		total = 5 + n;
	}
	if (type == TLS_CT_HANDSHAKE)
		server_hs_bytes(s, p, n);
	if (type == TLS_CT_CCS) {
		/* Resumption: the master secret is known from the ServerHello. */
		server_keys(s);
		s->ccs_sent = 1;
	}
	feed(s, rec_buf, total, chunk);
}

/* A Finished ending p[0..n) gets the expected verify_data. */
static void fix_last(struct srv *s, uint8_t *p, size_t n)
{
	mote_hash_ctx copy;
	uint8_t th[48];
	size_t off = 0, len;

	if (s->alg == MOTE_HASH_NONE || !s->keyed)
		return;
	while (off + 4 <= n) {
		len = ((size_t)p[off + 1] << 16) | ((size_t)p[off + 2] << 8) | p[off + 3];
		if (off + 4 + len == n)
			break;
		off += 4 + len;
	}
	if (off + 4 > n || p[off] != TLS_HS_FINISHED || n - off - 4 != 12)
		return;
	copy = s->th;
	mote_hash_update(&copy, p, off);
	mote_hash_final(&copy, th);
	mote_tls12_prf(s->alg, s->shadow.u.t12.master, 48, "server finished", th,
	               mote_hash_size(s->alg), p + off + 4, 12);
}

static size_t put_ext(uint8_t *m, uint16_t type, const uint8_t *body, size_t n)
{
	m[0] = (uint8_t)(type >> 8);
	m[1] = (uint8_t)type;
	m[2] = (uint8_t)(n >> 8);
	m[3] = (uint8_t)n;
	if (n)
		memcpy(m + 4, body, n);
	return 4 + n;
}

static void server_hello(struct srv *s, const uint8_t *d, size_t n, size_t chunk)
{
	mote_tls12_state *t = &s->shadow.u.t12;
	const tls_suite *suite;
	uint8_t m[160];
	uint16_t id;
	size_t k = 0, ext;
	uint8_t flags;

	if (n < 3 || !s->c.hs || s->alg != MOTE_HASH_NONE)
		return;
	id = (uint16_t)((d[0] << 8) | d[1]);
	flags = d[2];
	suite = tls_suite_find(id);
	if (!suite)
		return;
	s->alg = suite->hash;
	s->ems = flags & 1;
	s->shadow.suite = id;
	mote_hash_init(&s->th, s->alg);
	tls_ch_hash(&s->c, &s->th, s->hs.ch_len);
	memcpy(t->randoms, s->hs.u.pre.random, 32);
	memset(t->randoms + 32, 0x33, 32);
	if (flags & 16)
		memcpy(t->randoms + 32 + 24, "DOWNGRD\x01", 8);
	m[k++] = TLS_HS_SERVER_HELLO;
	k += 3;
	m[k++] = 3;
	m[k++] = 3;
	memcpy(m + k, t->randoms + 32, 32);
	k += 32;
	if ((flags & 4) && s->hs.session >= 0) {
		/* Resumption: this server knows the offered session. */
		m[k++] = s->hs.sid_len;
		memcpy(m + k, s->hs.session_id, s->hs.sid_len);
		k += s->hs.sid_len;
		memcpy(t->master, sessions[s->hs.session].psk, 48);
	} else {
		m[k++] = 16;
		memset(m + k, 0x44, 16);
		k += 16;
	}
	m[k++] = (uint8_t)(id >> 8);
	m[k++] = (uint8_t)id;
	m[k++] = 0;
	ext = k;
	k += 2;
	if (flags & 1)
		k += put_ext(m + k, TLS_EXT_EXTENDED_MASTER_SECRET, NULL, 0);
	if (flags & 2)
		k += put_ext(m + k, TLS_EXT_RENEGOTIATION_INFO, (const uint8_t *)"", 1);
	if (flags & 8)
		k += put_ext(m + k, TLS_EXT_SESSION_TICKET, NULL, 0);
	k += put_ext(m + k, TLS_EXT_MAX_FRAGMENT_LENGTH, (const uint8_t *)"\x01", 1);
	m[ext] = (uint8_t)((k - ext - 2) >> 8);
	m[ext + 1] = (uint8_t)(k - ext - 2);
	m[1] = 0;
	m[2] = (uint8_t)((k - 4) >> 8);
	m[3] = (uint8_t)(k - 4);
	send_record(s, TLS_CT_HANDSHAKE, m, k, 0, chunk);
}

static void server_key_exchange(struct srv *s, const uint8_t *d, size_t n, size_t chunk)
{
	uint8_t m[4 + 4 + 32 + 4 + 64], content[64 + 36], pub[32];

	if (s->alg == MOTE_HASH_NONE)
		return;
	m[0] = TLS_HS_SERVER_KEY_EXCHANGE;
	m[1] = 0;
	m[2] = 0;
	m[3] = sizeof m - 4;
	m[4] = 3;
	m[5] = 0;
	m[6] = 0x1D;
	m[7] = 32;
	mote_x25519_base(m + 8, s->eph);
	m[40] = 0x08;
	m[41] = 0x07;
	m[42] = 0;
	m[43] = 64;
	memcpy(content, s->shadow.u.t12.randoms, 64);
	memcpy(content + 64, m + 4, 36);
	mote_ed25519_public_key(pub, cert_seed);
	mote_ed25519_sign(m + 44, content, sizeof content, cert_seed, pub);
	if (n && (d[0] & 1))
		m[44 + 10] ^= 1;
	send_record(s, TLS_CT_HANDSHAKE, m, sizeof m, 0, chunk);
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

static const uint16_t suites12[] = {
	MOTE_TLS12_ECDHE_ECDSA_AES_128_GCM_SHA256, MOTE_TLS12_ECDHE_ECDSA_AES_256_GCM_SHA384,
	MOTE_TLS12_ECDHE_ECDSA_CHACHA20_POLY1305_SHA256, MOTE_TLS12_ECDHE_RSA_AES_128_GCM_SHA256};
static const mote_config cfg = {.suites = suites12,
                                .n_suites = 4,
                                .flags = MOTE_CONFIG_INSECURE_NO_VERIFY};

/* Runs operations from data until op 7 or the end; returns the offset
 * after the op 7 (size if none). */
static size_t one_connection(const uint8_t *data, size_t size)
{
	static struct srv s;
	static uint8_t buf[16384 + 256];
	size_t off = 0;

	memset(&s, 0, sizeof s);
	memset(s.eph, 0x5A, 32);
	require(mote_conn_init(&s.c, &ctx, "fuzz.example", s.rbuf, RBUF, s.sbuf, SBUF, &s.hs) == 0);
	drain_client(&s);
	while (off + 3 <= size && !(mote_conn_state(&s.c) & MOTE_CONN_CLOSED)) {
		uint8_t op = data[off];
		size_t len = ((size_t)data[off + 1] << 8) | data[off + 2];
		size_t chunk = (op >> 4) == 15 ? 1u << 20 : (size_t)(op >> 4) + 1;
		off += 3;
		len = len < size - off ? len : size - off;
		memcpy(buf, data + off, len);
		off += len;
		if ((op & 7) == 7) {
			size = off; /* the rest is the next connection's */
			break;
		}
		if ((op & 8) && len > 1)
			fix_last(&s, buf + 1, len - 1);
		switch (op & 7) {
		case 0:
		case 1:
			if (len)
				send_record(&s, buf[0], buf + 1, len - 1, op & 1, chunk);
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
			server_key_exchange(&s, buf, len, chunk);
			break;
		default:
			break;
		}
		if (mote_conn_error(&s.c)) {
			int e = mote_conn_error(&s.c);
			size_t l;
			require(mote_conn_recv_buf(&s.c, &l) == NULL && l == 0);
			require(mote_conn_write_buf(&s.c, &l) == NULL);
			require(mote_conn_recv_ack(&s.c, 0) == e);
		}
	}
	if (getenv("FUZZ_TLS_TRACE"))
		fprintf(stderr, "tls12_client: state %u, v12 %u, %s, alert sent %d, sessions %zu\n",
		        s.c.state, s.c.v12, mote_error_name(mote_conn_error(&s.c)),
		        mote_conn_alert_sent(&s.c), mote_ctx_session_count(&ctx, "fuzz.example"));
	mote_conn_clear(&s.c);
	/* Closed early: skip to this connection's op 7. */
	while (off + 3 <= size && off != size) {
		uint8_t op = data[off];
		size_t len = ((size_t)data[off + 1] << 8) | data[off + 2];
		off += 3;
		off += len < size - off ? len : size - off;
		if ((op & 7) == 7)
			return off;
	}
	return size < off ? size : off;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off;

	require(mote_ctx_init(&ctx, &cfg, fixed_entropy, NULL, fixed_clock, NULL) == 0);
	mote_ctx_set_sessions(&ctx, sessions, 2);
	/* Two connections on one context: a session the first stored can be
	 * resumed by the second (ServerHello flag 4). */
	off = one_connection(data, size);
	if (off < size)
		one_connection(data + off, size - off);
	return 0;
}
