/* bench_tls backend: BearSSL's client (TLS 1.2: BearSSL has no 1.3),
 * br_ssl_client_init_full with the minimal X.509 engine, I/O buffers for
 * 512-byte records (input 512 + 325, output 512 + 85: BearSSL then asks
 * for max_fragment_length 512), session resumption by session id.
 * Caller memory: the client and X.509 contexts and the two buffers. */
#include <stdio.h>
#include <string.h>

#include <bearssl.h>

#include "tls.h"

struct bssl_conn {
	br_ssl_client_context sc;
	br_x509_minimal_context xc;
	unsigned char ibuf[512 + 325];
	unsigned char obuf[512 + 85];
	int fd;
};

static struct bssl_conn pool[3];
static int pool_used[3];
static br_x509_trust_anchor ta;
static unsigned char ta_dn[256], ta_key[133];
static size_t ta_dn_len;
static br_ssl_session_parameters saved;
static int have_saved;

static void dn_append(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	if (ta_dn_len + len <= sizeof ta_dn) {
		memcpy(ta_dn + ta_dn_len, buf, len);
		ta_dn_len += len;
	}
}

static unsigned char der[4096];
static size_t der_len;

static void der_append(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	if (der_len + len <= sizeof der) {
		memcpy(der + der_len, buf, len);
		der_len += len;
	}
}

/* The first certificate of a PEM file as a trust anchor (EC keys only:
 * the bench chain is P-256). */
static int load_anchor(const char *path)
{
	static char pem[8192];
	br_pem_decoder_context pc;
	br_x509_decoder_context dc;
	const br_x509_pkey *pk;
	size_t len, off = 0;
	FILE *f = fopen(path, "rb");
	int in = 0, done = 0;

	if (!f)
		return -1;
	len = fread(pem, 1, sizeof pem, f);
	fclose(f);
	br_pem_decoder_init(&pc);
	while (off < len && !done) {
		off += br_pem_decoder_push(&pc, pem + off, len - off);
		switch (br_pem_decoder_event(&pc)) {
		case BR_PEM_BEGIN_OBJ:
			in = 1;
			br_pem_decoder_setdest(&pc, der_append, NULL);
			break;
		case BR_PEM_END_OBJ:
			done = in;
			break;
		case BR_PEM_ERROR:
			return -1;
		default:
			break;
		}
	}
	br_x509_decoder_init(&dc, dn_append, NULL);
	br_x509_decoder_push(&dc, der, der_len);
	pk = br_x509_decoder_get_pkey(&dc);
	if (!pk || pk->key_type != BR_KEYTYPE_EC || pk->key.ec.qlen > sizeof ta_key)
		return -1;
	memcpy(ta_key, pk->key.ec.q, pk->key.ec.qlen);
	ta.dn.data = ta_dn;
	ta.dn.len = ta_dn_len;
	ta.flags = BR_X509_TA_CA;
	ta.pkey.key_type = BR_KEYTYPE_EC;
	ta.pkey.key.ec.curve = pk->key.ec.curve;
	ta.pkey.key.ec.q = ta_key;
	ta.pkey.key.ec.qlen = pk->key.ec.qlen;
	return 0;
}

static int setup(const char *ca, const char **note)
{
	(void)note;
	return load_anchor(ca);
}

static size_t shared_bytes(void)
{
	return sizeof ta + ta_dn_len + ta.pkey.key.ec.qlen + sizeof saved;
}

/* Runs the engine until the handshake is done (application data can be
 * sent and nothing is left to send). */
static int run_handshake(struct bssl_conn *c)
{
	br_ssl_engine_context *eng = &c->sc.eng;

	for (;;) {
		unsigned st = br_ssl_engine_current_state(eng);
		unsigned char *buf;
		size_t len;
		int n;

		if (st & BR_SSL_CLOSED)
			return -1;
		if (st & BR_SSL_SENDREC) {
			buf = br_ssl_engine_sendrec_buf(eng, &len);
			if (tls_io_send(c->fd, buf, len) < 0)
				return -1;
			br_ssl_engine_sendrec_ack(eng, len);
			continue;
		}
		if (st & BR_SSL_SENDAPP)
			return 0;
		if (st & BR_SSL_RECVREC) {
			buf = br_ssl_engine_recvrec_buf(eng, &len);
			n = tls_io_recv(c->fd, buf, len);
			if (n <= 0)
				return -1;
			br_ssl_engine_recvrec_ack(eng, (size_t)n);
		}
	}
}

static void *bench_connect(int fd, const char *host, int resume)
{
	struct bssl_conn *c = NULL;

	for (int i = 0; i < 3 && !c; i++)
		if (!pool_used[i]) {
			pool_used[i] = 1;
			c = &pool[i];
		}
	if (!c)
		return NULL;
	c->fd = fd;
	br_ssl_client_init_full(&c->sc, &c->xc, &ta, 1);
	br_ssl_engine_set_buffers_bidi(&c->sc.eng, c->ibuf, sizeof c->ibuf, c->obuf,
	                               sizeof c->obuf);
	if (resume && have_saved)
		br_ssl_engine_set_session_parameters(&c->sc.eng, &saved);
	br_ssl_client_reset(&c->sc, host, resume && have_saved);
	if (run_handshake(c)) {
		fprintf(stderr, "bearssl: handshake failed, error %d\n",
		        br_ssl_engine_last_error(&c->sc.eng));
		pool_used[c - pool] = 0;
		return NULL;
	}
	return c;
}

static size_t conn_bytes(void *conn, int handshake)
{
	(void)conn;
	(void)handshake;
	return sizeof(br_ssl_client_context) + sizeof(br_x509_minimal_context) + 512 + 325 + 512 +
	       85;
}

/* Writes the request, then reads until the server closes. */
static int exchange(void *conn)
{
	static const char req[] = "GET / HTTP/1.0\r\n\r\n";
	struct bssl_conn *c = conn;
	br_ssl_engine_context *eng = &c->sc.eng;
	unsigned char *p;
	size_t len, got = 0;
	int n;

	p = br_ssl_engine_sendapp_buf(eng, &len);
	if (!p || len < sizeof req - 1)
		return -1;
	memcpy(p, req, sizeof req - 1);
	br_ssl_engine_sendapp_ack(eng, sizeof req - 1);
	br_ssl_engine_flush(eng, 0);
	for (;;) {
		unsigned st = br_ssl_engine_current_state(eng);
		if (st & BR_SSL_CLOSED)
			break;
		if (st & BR_SSL_SENDREC) {
			p = br_ssl_engine_sendrec_buf(eng, &len);
			if (tls_io_send(c->fd, p, len) < 0)
				break;
			br_ssl_engine_sendrec_ack(eng, len);
		} else if (st & BR_SSL_RECVAPP) {
			br_ssl_engine_recvapp_buf(eng, &len);
			got += len;
			br_ssl_engine_recvapp_ack(eng, len);
		} else if (st & BR_SSL_RECVREC) {
			p = br_ssl_engine_recvrec_buf(eng, &len);
			n = tls_io_recv(c->fd, p, len);
			if (n <= 0)
				break;
			br_ssl_engine_recvrec_ack(eng, (size_t)n);
		} else {
			break;
		}
	}
	return got > 0 ? 0 : -1;
}

static void keep_session(void *conn)
{
	struct bssl_conn *c = conn;

	br_ssl_engine_get_session_parameters(&c->sc.eng, &saved);
	have_saved = 1;
}

static void release(void *conn)
{
	pool_used[(struct bssl_conn *)conn - pool] = 0;
}

const struct tls_backend tls_bearssl = {
	"bearssl", "TLS 1.2", setup, shared_bytes, bench_connect, conn_bytes, exchange,
	keep_session, release,
};
