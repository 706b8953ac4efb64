/*
 * Mote's client against OpenSSL's server (libssl, in process, over memory
 * BIOs): every suite, both buffer profiles (16 KB records and a 512-byte
 * max_fragment_length), server fragmentation, HelloRetryRequest, ticket
 * resumption, KeyUpdate both ways, CertificateRequest, ALPN, record size
 * refusals, and 1 MB each way with the content checked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mote/tls.h"
#include "peer.h"
#include "test.h"

static struct pki pki_ec;
static mote_session sessions[4];
static uint8_t scratch[MOTE_PK_SCRATCH_SIZE];

struct client {
	mote_ctx ctx;
	mote_conn conn;
	mote_handshake hs;
	uint8_t *rbuf, *sbuf;
	size_t rlen, slen;
};

static int client_start(struct client *cl, const mote_config *cfg, size_t limit, uint64_t seed)
{
	if (!cl->rbuf) {
		test_mote_ctx(&cl->ctx, cfg, seed);
		mote_ctx_set_sessions(&cl->ctx, sessions, 4);
		mote_ctx_set_pk_scratch(&cl->ctx, scratch, sizeof scratch);
	}
	cl->rlen = MOTE_RECV_BUFFER_SIZE(limit);
	cl->slen = MOTE_SEND_BUFFER_SIZE(limit);
	free(cl->rbuf);
	free(cl->sbuf);
	cl->rbuf = malloc(cl->rlen);
	cl->sbuf = malloc(cl->slen);
	return mote_conn_init(&cl->conn, &cl->ctx, "localhost", cl->rbuf, cl->rlen, cl->sbuf,
	                      cl->slen, &cl->hs);
}

static void client_free(struct client *cl)
{
	mote_conn_clear(&cl->conn);
	free(cl->rbuf);
	free(cl->sbuf);
	cl->rbuf = cl->sbuf = NULL;
}

/* The chain of pki_ec validated up to its root (set in main). */
static mote_trust_anchor anchor_ec;
static uint8_t anchor_arena[600];
static mote_config valid_cfg;

/* One full handshake + exchange with a given chain. */
static void run_pki(const char *what, const struct pki *pki, const mote_config *cfg,
                    const struct server_opts *so, size_t limit, size_t bytes,
                    mote_conn_info_t *info)
{
	struct peer p;
	struct client cl = {0};
	int err;

	CHECK_INT(peer_ctx_new(&p, pki, so), 0);
	CHECK_INT(client_start(&cl, cfg, limit, 1), 0);
	err = peer_handshake(&p, &cl.conn);
	if (err)
		printf("  %s: handshake %s\n", what, mote_error_name(err));
	CHECK_INT(err, 0);
	mote_conn_info(&cl.conn, info);
	CHECK_INT(peer_exchange(&p, &cl.conn, bytes), 0);
	client_free(&cl);
	peer_free(&p);
}

static void run_one(const char *what, const mote_config *cfg, const struct server_opts *so,
                    size_t limit, size_t bytes, mote_conn_info_t *info)
{
	run_pki(what, &pki_ec, cfg, so, limit, bytes, info);
}

/* Server chains of every key type, validated, in 16 KB and in 512-byte
 * records (the Certificate spans many records; an RSA-4096
 * CertificateVerify is reassembled). */
static void test_chains(void)
{
	static const struct {
		const char *kind;
		uint16_t sig;
	} kinds[] = {
		{"ec256", MOTE_SIG_ECDSA_SECP256R1_SHA256}, {"ec384", MOTE_SIG_ECDSA_SECP384R1_SHA384},
		{"rsa2048", MOTE_SIG_RSA_PSS_RSAE_SHA256},  {"rsa4096", MOTE_SIG_RSA_PSS_RSAE_SHA256},
		{"ed25519", MOTE_SIG_ED25519},
	};
	int n = 0;

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		struct pki pki;
		mote_trust_anchor ta;
		uint8_t arena[600];
		mote_config cfg = {0};
		struct server_opts so = {0};
		mote_conn_info_t info;
		CHECK_INT(pki_make(&pki, kinds[i].kind, "localhost", 0, -1, 30), 0);
		CHECK_INT(pki_anchor(&pki, &ta, arena, sizeof arena), 0);
		cfg.verify.anchors = &ta;
		cfg.verify.n_anchors = 1;
		for (int small = 0; small < 2; small++) {
			run_pki(kinds[i].kind, &pki, &cfg, &so, small ? 512 : 16384, 1000, &info);
			CHECK_INT(info.sig_scheme, kinds[i].sig);
			CHECK_INT(info.insecure, 0);
			n++;
		}
		pki_free(&pki);
	}
	printf("interop_ossl: %d validated chain handshakes (5 key types x 2 record sizes)\n", n);
}

static void test_suites(void)
{
	static const struct {
		const char *ossl;
		uint16_t id;
	} suites[] = {
		{"TLS_AES_128_GCM_SHA256", MOTE_TLS_AES_128_GCM_SHA256},
		{"TLS_AES_256_GCM_SHA384", MOTE_TLS_AES_256_GCM_SHA384},
		{"TLS_CHACHA20_POLY1305_SHA256", MOTE_TLS_CHACHA20_POLY1305_SHA256},
	};
	static const size_t limits[] = {16384, 512, 2048};
	int n = 0;

	for (size_t i = 0; i < 3; i++) {
		for (size_t j = 0; j < 3; j++) {
			struct server_opts so = {.suites = suites[i].ossl, .tickets = 0};
			mote_conn_info_t info;
			run_one(suites[i].ossl, &valid_cfg, &so, limits[j], 3000, &info);
			CHECK_INT(info.suite, suites[i].id);
			CHECK_INT(info.group, MOTE_GROUP_X25519);
			CHECK_INT(info.recv_limit, limits[j]);
			CHECK_INT(info.limit_ext, limits[j] < 16384 ? 1 : 0);
			n++;
		}
	}
	printf("interop_ossl: %d suite x record-size handshakes\n", n);
}

/* Groups: which share the client sends first, and HelloRetryRequest when
 * the server wants the other group. */
static void test_groups(void)
{
	static const uint16_t p256_first[] = {MOTE_GROUP_SECP256R1, MOTE_GROUP_X25519};
	static const struct {
		const char *server;
		const uint16_t *client;
		uint8_t n, shares;
		uint16_t want;
		uint8_t hrr;
	} cases[] = {
		{"X25519", NULL, 0, 0, MOTE_GROUP_X25519, 0},
		{"P-256", NULL, 0, 0, MOTE_GROUP_SECP256R1, 1},
		{"P-256:X25519", p256_first, 2, 1, MOTE_GROUP_SECP256R1, 0},
		{"X25519", p256_first, 2, 1, MOTE_GROUP_X25519, 1},
		{"P-256:X25519", NULL, 0, 2, MOTE_GROUP_X25519, 0}, /* client order wins */
	};
	int n = 0;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct server_opts so = {.groups = cases[i].server};
		mote_config cfg = valid_cfg;
		mote_conn_info_t info;
		cfg.groups = cases[i].client;
		cfg.n_groups = cases[i].n;
		cfg.key_shares = cases[i].shares;
		run_one(cases[i].server, &cfg, &so, 1024, 2000, &info);
		CHECK_INT(info.group, cases[i].want);
		CHECK_INT(info.hrr, cases[i].hrr);
		n++;
	}
	printf("interop_ossl: %d group cases (2 with HelloRetryRequest)\n", n);
}

/* A stateless server: HelloRetryRequest with a cookie, echoed in the
 * second ClientHello (and the transcript restarted with message_hash). */
static void test_cookie(void)
{
	struct server_opts so = {.stateless = 1};
	mote_conn_info_t info;

	run_one("cookie", &valid_cfg, &so, 1024, 1000, &info);
	CHECK_INT(info.hrr, 1);
	CHECK_INT(info.group, MOTE_GROUP_X25519);
}

/* Resumption where the server wants another group: the ticket goes into
 * both ClientHellos, the second binder over the HelloRetryRequest
 * transcript. */
static void test_hrr_resumption(void)
{
	struct server_opts so = {.tickets = 1, .groups = "P-256"};
	struct peer p;
	struct client cl = {0};
	mote_conn_info_t info;

	CHECK_INT(peer_ctx_new(&p, &pki_ec, &so), 0);
	CHECK_INT(client_start(&cl, &valid_cfg, 1024, 8), 0);
	CHECK_INT(peer_handshake(&p, &cl.conn), 0);
	CHECK_INT(peer_exchange(&p, &cl.conn, 10), 0);
	CHECK_INT(peer_conn_new(&p), 0);
	CHECK_INT(client_start(&cl, &valid_cfg, 1024, 9), 0);
	CHECK_INT(peer_handshake(&p, &cl.conn), 0);
	mote_conn_info(&cl.conn, &info);
	CHECK_INT(info.hrr, 1);
	CHECK_INT(info.resumed, 1);
	CHECK_INT(SSL_session_reused(p.ssl), 1);
	CHECK_INT(peer_exchange(&p, &cl.conn, 3000), 0);
	client_free(&cl);
	peer_free(&p);
}

/* The server cuts its flight into 512-byte records although the client
 * allows 16 KB: Certificate and the rest span records. */
static void test_fragmented(void)
{
	static const int frags[] = {512, 600, 1000};

	for (size_t i = 0; i < 3; i++) {
		struct server_opts so = {.max_send_fragment = frags[i]};
		mote_conn_info_t info;
		run_one("fragmented", &valid_cfg, &so, 16384, 5000, &info);
	}
}

static void test_bulk(void)
{
	struct server_opts so = {0};
	mote_conn_info_t info;

	run_one("1 MB at 16 KB", &valid_cfg, &so, 16384, 1u << 20, &info);
	run_one("1 MB at 512", &valid_cfg, &so, 512, 1u << 20, &info);
	printf("interop_ossl: 1 MB each way at 16384- and 512-byte records, content checked\n");
}

static void test_resumption(void)
{
	struct server_opts so = {.tickets = 2};
	mote_config cfg = valid_cfg;
	struct peer p;
	struct client cl = {0};
	mote_conn_info_t info;

	CHECK_INT(peer_ctx_new(&p, &pki_ec, &so), 0);
	CHECK_INT(client_start(&cl, &cfg, 512, 2), 0);
	CHECK_INT(peer_handshake(&p, &cl.conn), 0);
	CHECK_INT(peer_exchange(&p, &cl.conn, 100), 0);
	CHECK_INT((int)mote_ctx_session_count(&cl.ctx, "localhost"), 2);
	mote_conn_info(&cl.conn, &info);
	CHECK_INT(info.resumed, 0);
	/* Two more connections each use one of the two tickets. */
	for (int i = 0; i < 2; i++) {
		CHECK_INT(peer_conn_new(&p), 0);
		CHECK_INT(client_start(&cl, &cfg, 512, 3), 0);
		CHECK_INT(peer_handshake(&p, &cl.conn), 0);
		mote_conn_info(&cl.conn, &info);
		CHECK_INT(info.resumed, 1);
		CHECK_INT(SSL_session_reused(p.ssl), 1);
		CHECK_INT(peer_exchange(&p, &cl.conn, 2000), 0);
	}
	client_free(&cl);
	peer_free(&p);
	printf("interop_ossl: ticket resumption (2 tickets, 2 resumed connections)\n");
}

/* Concurrent connections to one server: each takes its own ticket (they
 * are single-use); with two tickets stored, the third connection started
 * meanwhile does a full handshake. */
static void test_concurrent_resumption(void)
{
	struct server_opts so = {.tickets = 2};
	struct peer p[4];
	struct client cl[4];
	mote_conn_info_t info;

	memset(cl, 0, sizeof cl);
	CHECK_INT(peer_ctx_new(&p[0], &pki_ec, &so), 0);
	CHECK_INT(client_start(&cl[0], &valid_cfg, 512, 20), 0);
	CHECK_INT(peer_handshake(&p[0], &cl[0].conn), 0);
	CHECK_INT(peer_exchange(&p[0], &cl[0].conn, 10), 0);
	CHECK_INT((int)mote_ctx_session_count(&cl[0].ctx, "localhost"), 2);
	/* Three connections set up before any of them runs its handshake,
	 * sharing the first one's context (and cache). */
	for (int i = 1; i < 4; i++) {
		p[i] = p[0];
		p[i].ssl = NULL;
		p[i].pend = NULL;
		p[i].pend_cap = 0;
		CHECK_INT(peer_conn_new(&p[i]), 0);
		cl[i].ctx = cl[0].ctx;
	}
	for (int i = 1; i < 4; i++) {
		cl[i].rbuf = malloc(MOTE_RECV_BUFFER_SIZE(512));
		cl[i].sbuf = malloc(MOTE_SEND_BUFFER_SIZE(512));
		CHECK_INT(mote_conn_init(&cl[i].conn, &cl[0].ctx, "localhost", cl[i].rbuf,
		                         MOTE_RECV_BUFFER_SIZE(512), cl[i].sbuf,
		                         MOTE_SEND_BUFFER_SIZE(512), &cl[i].hs),
		          0);
	}
	CHECK_INT((int)mote_ctx_session_count(&cl[0].ctx, "localhost"), 0); /* both in use */
	for (int i = 1; i < 4; i++) {
		CHECK_INT(peer_handshake(&p[i], &cl[i].conn), 0);
		mote_conn_info(&cl[i].conn, &info);
		CHECK_INT(info.resumed, i < 3);
		CHECK_INT(peer_exchange(&p[i], &cl[i].conn, 500), 0);
	}
	for (int i = 3; i >= 0; i--) {
		mote_conn_clear(&cl[i].conn);
		free(cl[i].rbuf);
		free(cl[i].sbuf);
		if (i)
			peer_conn_free(&p[i]), free(p[i].pend);
	}
	peer_free(&p[0]);
	printf("interop_ossl: 3 concurrent connections: 2 resumed with their own tickets, 1 full\n");
}

static int key_updates(struct peer *p, struct client *cl)
{
	/* Server asks for an update; the client must answer with its own. */
	if (SSL_key_update(p->ssl, SSL_KEY_UPDATE_REQUESTED) != 1)
		return -1;
	if (peer_exchange(p, &cl->conn, 1000))
		return -1;
	/* Client-initiated, requesting the server's. */
	if (mote_conn_key_update(&cl->conn, 1))
		return -1;
	if (peer_exchange(p, &cl->conn, 1000))
		return -1;
	if (mote_conn_key_update(&cl->conn, 0))
		return -1;
	return peer_exchange(p, &cl->conn, 1000);
}

static void test_key_update(void)
{
	struct server_opts so = {.suites = "TLS_AES_256_GCM_SHA384"};
	struct peer p;
	struct client cl = {0};

	CHECK_INT(peer_ctx_new(&p, &pki_ec, &so), 0);
	CHECK_INT(client_start(&cl, &valid_cfg, 512, 4), 0);
	CHECK_INT(peer_handshake(&p, &cl.conn), 0);
	CHECK_INT(peer_exchange(&p, &cl.conn, 100), 0);
	CHECK_INT(key_updates(&p, &cl), 0);
	client_free(&cl);
	peer_free(&p);
}

static void test_cert_request_alpn(void)
{
	static const char *const protos[] = {"h2", "http/1.1"};
	struct server_opts so = {.request_cert = 1, .alpn = "http/1.1"};
	mote_config cfg = valid_cfg;
	mote_conn_info_t info;

	cfg.alpn = protos;
	cfg.n_alpn = 2;
	run_one("CertificateRequest + ALPN", &cfg, &so, 1024, 100, &info);
	CHECK(info.alpn && strcmp(info.alpn, "http/1.1") == 0);
}

/* Neither limit offered (config) while the buffer is small: refused at
 * EncryptedExtensions, unless the application accepted the risk; then a
 * record above the buffer (no large-record pool) is MOTE_ERR_RECORD_NO_BUFFER
 * with a record_overflow alert. */
static void test_record_limits(void)
{
	struct server_opts so = {0};
	mote_config cfg = valid_cfg;
	struct peer p;
	struct client cl = {0};

	cfg.flags |= MOTE_CONFIG_NO_MAX_FRAGMENT | MOTE_CONFIG_NO_RECORD_SIZE_LIMIT;
	CHECK_INT(peer_ctx_new(&p, &pki_ec, &so), 0);
	CHECK_INT(client_start(&cl, &cfg, 1024, 5), 0);
	CHECK_INT(peer_handshake(&p, &cl.conn), MOTE_ERR_RECORD_LIMIT_REFUSED);
	CHECK_INT(mote_conn_alert_sent(&cl.conn), MOTE_ALERT_handshake_failure);
	CHECK_INT(p.alert_received, MOTE_ALERT_handshake_failure);
	client_free(&cl);

	cfg.flags |= MOTE_CONFIG_ACCEPT_LARGE_RECORDS;
	CHECK_INT(peer_conn_new(&p), 0);
	CHECK_INT(client_start(&cl, &cfg, 1024, 6), 0);
	CHECK_INT(peer_handshake(&p, &cl.conn), 0);
	CHECK_INT(peer_exchange(&p, &cl.conn, 900), 0);
	CHECK(peer_exchange(&p, &cl.conn, 5000) != 0);
	CHECK_INT(mote_conn_error(&cl.conn), MOTE_ERR_RECORD_NO_BUFFER);
	CHECK_INT(mote_conn_alert_sent(&cl.conn), MOTE_ALERT_record_overflow);
	peer_pump(&p, &cl.conn);
	CHECK_INT(p.alert_received, MOTE_ALERT_record_overflow);
	client_free(&cl);
	peer_free(&p);
}

int main(void)
{
	CHECK_INT(pki_make(&pki_ec, "ec256", "localhost", 0, -1, 30), 0);
	CHECK_INT(pki_anchor(&pki_ec, &anchor_ec, anchor_arena, sizeof anchor_arena), 0);
	/* Every test validates the chain unless it says otherwise. */
	valid_cfg.verify.anchors = &anchor_ec;
	valid_cfg.verify.n_anchors = 1;
	test_chains();
	test_suites();
	test_groups();
	test_cookie();
	test_hrr_resumption();
	test_fragmented();
	test_resumption();
	test_concurrent_resumption();
	test_key_update();
	test_cert_request_alpn();
	test_record_limits();
	test_bulk();
	pki_free(&pki_ec);
	return test_finish("interop_ossl");
}
