/* bench_tls backend: Mote's TLS 1.3 client (blocking API), 512-byte
 * records, the chain validated against the root, tickets kept in a
 * two-entry cache. Caller memory: the connection, its two buffers, and the
 * handshake workspace while it is lent. */
#include <stdio.h>
#include <string.h>

#include "mote/port.h"
#include "mote/tls.h"
#include "mote/tls_blocking.h"
#include "tls.h"

struct mote_bench_conn {
	mote_conn conn;
	mote_handshake hs; /* lent during the handshake only */
	int fd;
	mote_io io;
	uint8_t rbuf[MOTE_RECV_BUFFER_SIZE(512)];
	uint8_t sbuf[MOTE_SEND_BUFFER_SIZE(512)];
};

/* Caller memory comes from a static pool (not the counted heap). */
static struct mote_bench_conn pool[3];
static int pool_used[3];

static mote_config cfg;
static mote_ctx ctx;
static mote_session sessions[2];
static mote_trust_anchor anchors[4];
static uint8_t anchor_keys[512];

static int send_cb(void *arg, const uint8_t *buf, size_t len)
{
	return tls_io_send(*(int *)arg, buf, len) < 0 ? MOTE_ERR_IO : (int)len;
}

static int recv_cb(void *arg, uint8_t *buf, size_t len)
{
	int n = tls_io_recv(*(int *)arg, buf, len);
	return n < 0 ? MOTE_ERR_IO : n;
}

static int setup(const char *ca, const char **note)
{
	static uint8_t der[4096];
	char pem[8192];
	size_t len, count = 0, used = 0;
	FILE *f = fopen(ca, "rb");
	int err;

	(void)note;
	if (!f)
		return -1;
	len = fread(pem, 1, sizeof pem, f);
	fclose(f);
	err = mote_ta_load_pem(anchors, 4, &count, pem, len, der, sizeof der, anchor_keys,
	                       sizeof anchor_keys, &used);
	if (err || !count)
		return -1;
	cfg.verify.anchors = anchors;
	cfg.verify.n_anchors = count;
	if (mote_ctx_init(&ctx, &cfg, mote_port_entropy, NULL, mote_port_time_ms, NULL))
		return -1;
	mote_ctx_set_sessions(&ctx, sessions, 2);
	return 0;
}

static size_t shared_bytes(void)
{
	/* The context, the ticket cache, one anchor and its key. */
	return sizeof ctx + sizeof sessions + sizeof anchors[0] + 65;
}

static void *bench_connect(int fd, const char *host, int resume)
{
	struct mote_bench_conn *c = NULL;
	int err;

	for (int i = 0; i < 3 && !c; i++)
		if (!pool_used[i]) {
			pool_used[i] = 1;
			c = &pool[i];
		}
	if (!c)
		return NULL;
	/* Mote resumes whenever it holds a ticket: a full handshake is asked
	 * for by forgetting them. */
	if (!resume)
		mote_ctx_flush_sessions(&ctx);
	c->fd = fd;
	c->io.send = send_cb;
	c->io.recv = recv_cb;
	c->io.arg = &c->fd;
	err = mote_conn_init(&c->conn, &ctx, host, c->rbuf, sizeof c->rbuf, c->sbuf,
	                     sizeof c->sbuf, &c->hs);
	if (!err)
		err = mote_blocking_handshake(&c->conn, &c->io);
	if (err) {
		fprintf(stderr, "mote: %s\n", mote_error_name(err));
		pool_used[c - pool] = 0;
		return NULL;
	}
	return c;
}

static size_t conn_bytes(void *conn, int handshake)
{
	(void)conn;
	return sizeof(mote_conn) + MOTE_RECV_BUFFER_SIZE(512) + MOTE_SEND_BUFFER_SIZE(512) +
	       (handshake ? sizeof(mote_handshake) : 0);
}

static int exchange(void *conn)
{
	static const char req[] = "GET / HTTP/1.0\r\n\r\n";
	struct mote_bench_conn *c = conn;
	char buf[512];
	int n, got = 0;

	if (mote_blocking_write(&c->conn, &c->io, req, sizeof req - 1) < 0)
		return -1;
	while ((n = mote_blocking_read(&c->conn, &c->io, buf, sizeof buf)) > 0)
		got += n;
	/* s_server -www closes after the page, without close_notify at times. */
	return got > 0 ? 0 : -1;
}

static void keep_session(void *conn)
{
	(void)conn; /* tickets are in the context's cache already */
}

static void release(void *conn)
{
	struct mote_bench_conn *c = conn;

	mote_conn_clear(&c->conn);
	pool_used[c - pool] = 0;
}

const struct tls_backend tls_mote = {
	"mote", "TLS 1.3", setup, shared_bytes, bench_connect, conn_bytes, exchange, keep_session,
	release,
};
