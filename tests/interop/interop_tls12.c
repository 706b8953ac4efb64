/*
 * TLS 1.2 against OpenSSL's server in process (peer.c), TLS 1.2 only:
 *   - each suite with an ECDSA and an RSA chain, 512-byte records
 *     (max_fragment_length), data both ways;
 *   - session-ID and ticket resumption through the context's cache;
 *   - the motivating scenario: two concurrent connections, the second
 *     resuming the first's session, bytes per connection for TLS 1.2 and
 *     TLS 1.3;
 *   - failures, each with its error and the alert OpenSSL reads off the
 *     wire: no extended master secret, the downgrade sentinel, no
 *     renegotiation_info, a bad ServerKeyExchange signature, a bad
 *     Finished, a renegotiation attempt, certificate failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/tls.h"
#include "peer.h"
#include "test.h"

static struct pki pki_ec, pki_rsa, pki_expired, pki_other;

/* ---- Server record surgery (TLS 1.2 server flights are plaintext) ---- */

/* Offset of the first message of type t in a plaintext handshake record,
 * or 0. */
static size_t find_msg(const uint8_t *rec, size_t len, uint8_t t)
{
	size_t off = 5;

	if (rec[0] != 22)
		return 0;
	while (off + 4 <= len) {
		size_t l = ((size_t)rec[off + 1] << 16) | ((size_t)rec[off + 2] << 8) | rec[off + 3];
		if (rec[off] == t)
			return off;
		off += 4 + l;
	}
	return 0;
}

/* Offset of the ServerHello's extension list (its 2-byte length). */
static size_t sh_exts(const uint8_t *rec)
{
	return 5 + 4 + 2 + 32 + 1 + rec[5 + 4 + 2 + 32] + 2 + 1;
}

static void put16(uint8_t *p, size_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Removes extension `type` from the ServerHello at the start of rec. */
static void sh_drop_ext(uint8_t *rec, size_t *len, uint16_t type)
{
	size_t x = sh_exts(rec), end = x + 2 + (((size_t)rec[x] << 8) | rec[x + 1]), off = x + 2;

	while (off + 4 <= end) {
		size_t l = ((size_t)rec[off + 2] << 8) | rec[off + 3];
		if (((rec[off] << 8) | rec[off + 1]) == type) {
			size_t cut = 4 + l, body;
			memmove(rec + off, rec + off + cut, *len - off - cut);
			*len -= cut;
			put16(rec + x, end - x - 2 - cut);
			body = (((size_t)rec[6] << 16) | ((size_t)rec[7] << 8) | rec[8]) - cut;
			rec[6] = (uint8_t)(body >> 16);
			put16(rec + 7, body);
			put16(rec + 3, *len - 5);
			return;
		}
		off += 4 + l;
	}
}

static int f_downgrade(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	(void)len;
	(void)cap;
	if (p->records_from_server == 1)
		memcpy(rec + 5 + 4 + 2 + 24, "DOWNGRD\x01", 8);
	return 0;
}

static int f_no_reneg(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	(void)cap;
	if (p->records_from_server == 1)
		sh_drop_ext(rec, len, 0xFF01);
	return 0;
}

static int f_bad_ske(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	size_t off = find_msg(rec, *len, 12);

	(void)p;
	(void)cap;
	if (off) {
		size_t l = ((size_t)rec[off + 1] << 16) | ((size_t)rec[off + 2] << 8) | rec[off + 3];
		rec[off + 4 + l - 1] ^= 0x01; /* last byte of the signature */
	}
	return 0;
}

/* Resumed handshake: the server's Finished comes first. Swapping two
 * ServerHello extensions changes only the transcript. */
static int f_swap_exts(struct peer *p, uint8_t *rec, size_t *len, size_t cap)
{
	size_t x, a, la, lb;
	uint8_t tmp[256];

	(void)len;
	(void)cap;
	if (p->records_from_server != 1)
		return 0;
	x = sh_exts(rec) + 2;
	la = 4 + (((size_t)rec[x + 2] << 8) | rec[x + 3]);
	a = x + la;
	lb = 4 + (((size_t)rec[a + 2] << 8) | rec[a + 3]);
	memcpy(tmp, rec + x, la);
	memmove(rec + x, rec + a, lb);
	memcpy(rec + x + lb, tmp, la);
	return 0;
}

/* ---- Connections --------------------------------------------------------- */

struct client {
	mote_conn c;
	mote_handshake hs;
	uint8_t rbuf[MOTE_RECV_BUFFER_SIZE(512)], sbuf[MOTE_SEND_BUFFER_SIZE(512)];
};

static mote_trust_anchor ta_ec, ta_rsa;
static uint8_t pk_scratch[MOTE_PK_SCRATCH_SIZE];
static uint8_t arena_ec[600], arena_rsa[600];

static void config(mote_config *cfg, const mote_trust_anchor *ta)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->verify.anchors = ta;
	cfg->verify.n_anchors = 1;
}

static int connect(struct client *k, mote_ctx *ctx, struct peer *p, const char *host)
{
	int err = mote_conn_init(&k->c, ctx, host, k->rbuf, sizeof k->rbuf, k->sbuf, sizeof k->sbuf,
	                         &k->hs);
	return err ? err : peer_handshake(p, &k->c);
}

static void suite_case(const char *ossl, uint16_t id, struct pki *pki, const mote_trust_anchor *ta)
{
	struct server_opts so = {.tls12 = 1, .cipher_list = ossl};
	static struct client k;
	mote_conn_info_t info;
	mote_config cfg;
	mote_ctx ctx;
	struct peer p;

	config(&cfg, ta);
	test_mote_ctx(&ctx, &cfg, 7);
	mote_ctx_set_pk_scratch(&ctx, pk_scratch, sizeof pk_scratch);
	CHECK_INT(peer_ctx_new(&p, pki, &so), 0);
	CHECK_INT(connect(&k, &ctx, &p, "localhost"), 0);
	mote_conn_info(&k.c, &info);
	CHECK_INT(info.version, 0x0303);
	CHECK_INT(info.suite, id);
	CHECK_INT(info.recv_limit, 512);
	CHECK_INT(peer_exchange(&p, &k.c, 5000), 0);
	mote_conn_clear(&k.c);
	peer_free(&p);
}

/* Two connections share the server's SSL_CTX (its session cache and
 * ticket keys): q takes p's context. */
static void peer_share(struct peer *q, struct peer *p)
{
	memset(q, 0, sizeof *q);
	q->alert_received = -1;
	SSL_CTX_up_ref(p->sctx);
	q->sctx = p->sctx;
	CHECK_INT(peer_conn_new(q), 0);
}

/* Two concurrent connections; the second resumes the first's session
 * while the first is still open. Returns the bytes per connection. */
static size_t two_connections(int tls12, int tickets, const char *what)
{
	struct server_opts so = {.tls12 = tls12, .tickets = 2};
	static struct client k1, k2;
	mote_session cache[2];
	uint8_t scratch[MOTE_PK_SCRATCH_SIZE];
	mote_memory_report m1, m2;
	mote_conn_info_t i1, i2;
	mote_config cfg;
	mote_ctx ctx;
	struct peer p1, p2;

	config(&cfg, &ta_ec);
	test_mote_ctx(&ctx, &cfg, 11);
	mote_ctx_set_sessions(&ctx, cache, 2);
	mote_ctx_set_pk_scratch(&ctx, scratch, sizeof scratch);
	CHECK_INT(peer_ctx_new(&p1, &pki_ec, &so), 0);
	if (!tickets) {
		SSL_CTX_set_options(p1.sctx, SSL_OP_NO_TICKET);
		CHECK_INT(peer_conn_new(&p1), 0);
	}
	CHECK_INT(connect(&k1, &ctx, &p1, "localhost"), 0);
	/* TLS 1.3 tickets come after the handshake: let them in. */
	CHECK_INT(peer_exchange(&p1, &k1.c, 100), 0);
	CHECK(mote_ctx_session_count(&ctx, "localhost") >= 1);
	peer_share(&p2, &p1);
	CHECK_INT(connect(&k2, &ctx, &p2, "localhost"), 0);
	mote_conn_info(&k1.c, &i1);
	mote_conn_info(&k2.c, &i2);
	CHECK_INT(i1.version, tls12 ? 0x0303 : 0x0304);
	CHECK_INT(i2.version, i1.version);
	CHECK_INT(i1.resumed, 0);
	CHECK_INT(i2.resumed, 1);
	CHECK_INT(i2.recv_limit, 512);
	/* Both stay usable. */
	CHECK_INT(peer_exchange(&p1, &k1.c, 3000), 0);
	CHECK_INT(peer_exchange(&p2, &k2.c, 3000), 0);
	mote_conn_memory(&k1.c, &m1);
	mote_conn_memory(&k2.c, &m2);
	CHECK_INT(m1.total, m2.total);
	printf("  %s: 2 connections, second resumed; %zu bytes held per connection "
	       "(struct %zu + buffers %zu + %zu); handshake workspace %zu lent; cache %zu\n",
	       what, m1.total, m1.conn_struct, m1.recv_buf, m1.send_buf, sizeof(mote_handshake),
	       sizeof cache);
	mote_conn_clear(&k1.c);
	mote_conn_clear(&k2.c);
	peer_free(&p2);
	peer_free(&p1);
	return m1.total;
}

/* ---- Faults ---------------------------------------------------------------- */

struct fault {
	const char *name;
	int (*fn)(struct peer *p, uint8_t *rec, size_t *len, size_t cap);
	int want_err;
	int want_alert;
	int no_ems;
	int resumed; /* fault on the second, resumed connection */
	int eof_after; /* the transport ends after this many server records */
	struct pki *server;
	const char *host;
	const mote_trust_anchor *anchor;
};

static const struct fault faults[] = {
	{.name = "server without EMS", .no_ems = 1,
	 .want_err = MOTE_ERR_NO_EMS, .want_alert = MOTE_ALERT_handshake_failure},
	{.name = "downgrade sentinel", .fn = f_downgrade,
	 .want_err = MOTE_ERR_DOWNGRADE, .want_alert = MOTE_ALERT_illegal_parameter},
	{.name = "no renegotiation_info", .fn = f_no_reneg,
	 .want_err = MOTE_ERR_NO_SECURE_RENEGOTIATION, .want_alert = MOTE_ALERT_handshake_failure},
	{.name = "bad ServerKeyExchange signature", .fn = f_bad_ske,
	 .want_err = MOTE_ERR_BAD_SKE_SIGNATURE, .want_alert = MOTE_ALERT_decrypt_error},
	{.name = "bad RSA ServerKeyExchange signature", .fn = f_bad_ske, .server = &pki_rsa,
	 .anchor = &ta_rsa,
	 .want_err = MOTE_ERR_BAD_SKE_SIGNATURE, .want_alert = MOTE_ALERT_decrypt_error},
	{.name = "bad Finished (resumed)", .fn = f_swap_exts, .resumed = 1,
	 .want_err = MOTE_ERR_BAD_FINISHED, .want_alert = MOTE_ALERT_decrypt_error},
	{.name = "end of file after NewSessionTicket", .eof_after = 6,
	 .want_err = MOTE_ERR_TRUNCATED, .want_alert = -1},
	{.name = "expired certificate", .server = &pki_expired,
	 .want_err = MOTE_ERR_X509_EXPIRED, .want_alert = MOTE_ALERT_certificate_expired},
	{.name = "wrong host name", .host = "example.org",
	 .want_err = MOTE_ERR_X509_NAME_MISMATCH, .want_alert = MOTE_ALERT_bad_certificate},
	{.name = "untrusted root", .server = &pki_other,
	 .want_err = MOTE_ERR_X509_UNTRUSTED, .want_alert = MOTE_ALERT_unknown_ca},
};

static void run_fault(const struct fault *f)
{
	struct server_opts so = {.tls12 = 1, .no_ems = f->no_ems};
	static struct client k, k0;
	mote_session cache[2];
	mote_config cfg;
	mote_ctx ctx;
	struct peer p;
	int err;

	config(&cfg, f->anchor ? f->anchor : &ta_ec);
	test_mote_ctx(&ctx, &cfg, 99);
	mote_ctx_set_sessions(&ctx, cache, 2);
	mote_ctx_set_pk_scratch(&ctx, pk_scratch, sizeof pk_scratch);
	CHECK_INT(peer_ctx_new(&p, f->server ? f->server : &pki_ec, &so), 0);
	if (f->resumed) {
		CHECK_INT(connect(&k0, &ctx, &p, "localhost"), 0);
		mote_conn_clear(&k0.c);
		CHECK_INT(peer_conn_new(&p), 0);
	}
	p.fault = f->fn;
	p.eof_after = f->eof_after;
	err = connect(&k, &ctx, &p, f->host ? f->host : "localhost");
	if (err != f->want_err || mote_conn_alert_sent(&k.c) != f->want_alert)
		printf("  %s: got %s, alert %d\n", f->name, mote_error_name(err),
		       mote_conn_alert_sent(&k.c));
	CHECK_INT(err, f->want_err);
	CHECK_INT(mote_conn_alert_sent(&k.c), f->want_alert);
	if (p.alert_received != f->want_alert)
		printf("  %s: OpenSSL read alert %d\n", f->name, p.alert_received);
	CHECK_INT(p.alert_received, f->want_alert);
	CHECK(mote_conn_state(&k.c) & MOTE_CONN_CLOSED);
	/* A failed handshake leaves no session behind, not even a ticket
	 * received before the failure. */
	CHECK_INT(mote_ctx_session_count(&ctx, "localhost"), 0);
	for (size_t i = 0; i < 2; i++)
		CHECK_INT(cache[i].state, f->resumed ? cache[i].state : 0);
	mote_conn_clear(&k.c);
	peer_free(&p);
}

/* A HelloRequest after the handshake: refused with a fatal
 * no_renegotiation alert. */
static void renegotiation(void)
{
	struct server_opts so = {.tls12 = 1};
	static struct client k;
	mote_config cfg;
	mote_ctx ctx;
	struct peer p;

	config(&cfg, &ta_ec);
	test_mote_ctx(&ctx, &cfg, 5);
	CHECK_INT(peer_ctx_new(&p, &pki_ec, &so), 0);
	CHECK_INT(connect(&k, &ctx, &p, "localhost"), 0);
	CHECK_INT(SSL_renegotiate(p.ssl), 1);
	(void)SSL_do_handshake(p.ssl);
	CHECK_INT(peer_pump(&p, &k.c), MOTE_ERR_RENEGOTIATION);
	CHECK_INT(mote_conn_alert_sent(&k.c), MOTE_ALERT_no_renegotiation);
	CHECK_INT(p.alert_received, MOTE_ALERT_no_renegotiation);
	/* KeyUpdate does not exist in TLS 1.2. */
	CHECK_INT(mote_conn_key_update(&k.c, 0), MOTE_ERR_RENEGOTIATION);
	mote_conn_clear(&k.c);
	peer_free(&p);
}

int main(void)
{
	static const struct {
		const char *ossl;
		uint16_t id;
		int rsa;
	} suites[] = {
		{"ECDHE-ECDSA-AES128-GCM-SHA256", MOTE_TLS12_ECDHE_ECDSA_AES_128_GCM_SHA256, 0},
		{"ECDHE-ECDSA-AES256-GCM-SHA384", MOTE_TLS12_ECDHE_ECDSA_AES_256_GCM_SHA384, 0},
		{"ECDHE-ECDSA-CHACHA20-POLY1305", MOTE_TLS12_ECDHE_ECDSA_CHACHA20_POLY1305_SHA256, 0},
		{"ECDHE-RSA-AES128-GCM-SHA256", MOTE_TLS12_ECDHE_RSA_AES_128_GCM_SHA256, 1},
		{"ECDHE-RSA-AES256-GCM-SHA384", MOTE_TLS12_ECDHE_RSA_AES_256_GCM_SHA384, 1},
		{"ECDHE-RSA-CHACHA20-POLY1305", MOTE_TLS12_ECDHE_RSA_CHACHA20_POLY1305_SHA256, 1},
	};
	size_t b12_id, b12_ticket, b13;

	CHECK_INT(pki_make(&pki_ec, "ec256", "localhost", 0, -1, 30), 0);
	CHECK_INT(pki_make(&pki_rsa, "rsa2048", "localhost", 0, -1, 30), 0);
	CHECK_INT(pki_make(&pki_expired, "ec256", "localhost", 0, -30, -1), 0);
	CHECK_INT(pki_make(&pki_other, "ec256", "localhost", 0, -1, 30), 0);
	CHECK_INT(pki_anchor(&pki_ec, &ta_ec, arena_ec, sizeof arena_ec), 0);
	CHECK_INT(pki_anchor(&pki_rsa, &ta_rsa, arena_rsa, sizeof arena_rsa), 0);
	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
		suite_case(suites[i].ossl, suites[i].id, suites[i].rsa ? &pki_rsa : &pki_ec,
		           suites[i].rsa ? &ta_rsa : &ta_ec);
	printf("interop_tls12: %zu suites, 5000 bytes each way at 512-byte records\n",
	       sizeof suites / sizeof suites[0]);
	b12_id = two_connections(1, 0, "TLS 1.2, session ID");
	b12_ticket = two_connections(1, 1, "TLS 1.2, ticket");
	b13 = two_connections(0, 1, "TLS 1.3, ticket");
	CHECK_INT(b12_id, b13);
	CHECK_INT(b12_ticket, b13);
	for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
		run_fault(&faults[i]);
	renegotiation();
	printf("interop_tls12: %zu faults and a renegotiation, each with its error and alert\n",
	       sizeof faults / sizeof faults[0]);
	pki_free(&pki_ec);
	pki_free(&pki_rsa);
	pki_free(&pki_expired);
	pki_free(&pki_other);
	return test_finish("interop_tls12");
}
