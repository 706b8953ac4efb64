/*
 * mote pool [options] HOST:PORT...: concurrent TLS connections with small
 * receive buffers sharing one context and its large-record pool. Each
 * connection sends `GET PATH HTTP/1.0` and reads the answer; the tool
 * prints, per connection, the body's length and SHA-256 (after the HTTP
 * header), then the pool statistics and the RAM the connections held.
 *
 * Handshakes run one after the other with one handshake workspace (it is
 * free again once a handshake completes); the downloads then run side by
 * side in one poll() loop that reads at most --slice bytes per connection
 * per turn, so records stay half read and connections wait for the pool.
 * Uses the public API only.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "mote/error.h"
#include "mote/hash.h"
#include "mote/port.h"
#include "mote/tls.h"
#include "mote/tls_blocking.h"

#include "cmd.h"
#include "tls_auth.h"

#define POOL_MAX_CONNS 8

struct pconn {
	char host[128];
	char port[16];
	int fd;
	mote_conn conn;
	uint8_t *rbuf, *sbuf;
	mote_hash_ctx body;
	size_t body_len;
	unsigned hdr_match; /* bytes of "\r\n\r\n" matched; 4: in the body */
	int done;
};

struct pool_opts {
	const char *ca;
	const char *path;
	size_t recv_size, send_size, slice, buffers;
	uint16_t flags; /* MOTE_CONFIG_* */
	size_t n;
	struct pconn c[POOL_MAX_CONNS];
};

static int usage(void)
{
	fprintf(stderr,
	        "usage: mote pool [options] HOST:PORT... (up to 8 connections)\n"
	        "  --ca FILE      trust anchors (PEM); default: the system bundle\n"
	        "  --path P       what to GET (default /)\n"
	        "  --recv N       receive buffer bytes per connection (default %u)\n"
	        "  --send N       send buffer bytes per connection (default %u)\n"
	        "  --buffers K    large-record pool buffers of %u bytes (0..%u, default 1)\n"
	        "  --slice N      bytes read per connection per turn (default 4096)\n"
	        "  --no-limits    offer neither max_fragment_length nor record_size_limit\n"
	        "  --accept-large-records  go on if the server accepts no record limit\n",
	        (unsigned)MOTE_RECV_BUFFER_SIZE(1024), (unsigned)MOTE_SEND_BUFFER_SIZE(256),
	        (unsigned)MOTE_LARGE_RECORD_BUFFER_SIZE, (unsigned)MOTE_LARGE_POOL_MAX);
	return 2;
}

static int parse(struct pool_opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof *o);
	o->path = "/";
	o->recv_size = MOTE_RECV_BUFFER_SIZE(1024);
	o->send_size = MOTE_SEND_BUFFER_SIZE(256);
	o->slice = 4096;
	o->buffers = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--no-limits") || !strcmp(a, "--accept-large-records")) {
			o->flags |= a[2] == 'n' ? MOTE_CONFIG_NO_MAX_FRAGMENT |
			                                  MOTE_CONFIG_NO_RECORD_SIZE_LIMIT
			                        : MOTE_CONFIG_ACCEPT_LARGE_RECORDS;
			continue;
		}
		if (a[0] == '-' && !v)
			return -1;
		if (!strcmp(a, "--ca"))
			o->ca = v;
		else if (!strcmp(a, "--path"))
			o->path = v;
		else if (!strcmp(a, "--recv"))
			o->recv_size = strtoul(v, NULL, 10);
		else if (!strcmp(a, "--send"))
			o->send_size = strtoul(v, NULL, 10);
		else if (!strcmp(a, "--buffers"))
			o->buffers = strtoul(v, NULL, 10);
		else if (!strcmp(a, "--slice"))
			o->slice = strtoul(v, NULL, 10);
		else if (a[0] == '-')
			return -1;
		else {
			const char *colon = strrchr(a, ':');
			struct pconn *p = &o->c[o->n];
			if (o->n == POOL_MAX_CONNS || !colon || (size_t)(colon - a) >= sizeof p->host)
				return -1;
			memcpy(p->host, a, (size_t)(colon - a));
			snprintf(p->port, sizeof p->port, "%s", colon + 1);
			o->n++;
			continue;
		}
		i++;
	}
	if (!o->n || !o->slice || o->buffers > MOTE_LARGE_POOL_MAX)
		return -1;
	return 0;
}

static int report(size_t i, const char *what, int err)
{
	fprintf(stderr, "mote pool: connection %zu: %s: %s (%s)\n", i, what, mote_error_name(err),
	        mote_strerror(err));
	return 1;
}

/* Application data: skip the HTTP header, hash the body. */
static void take(struct pconn *p, const uint8_t *d, size_t len)
{
	static const char end[4] = {'\r', '\n', '\r', '\n'};
	size_t i = 0;

	while (p->hdr_match < 4 && i < len) {
		if (d[i] == (uint8_t)end[p->hdr_match])
			p->hdr_match++;
		else
			p->hdr_match = d[i] == '\r';
		i++;
	}
	mote_hash_update(&p->body, d + i, len - i);
	p->body_len += len - i;
}

/* Connects, runs the handshake with the shared workspace, sends the GET. */
static int start(struct pool_opts *o, mote_ctx *ctx, size_t i, mote_handshake *hs)
{
	struct pconn *p = &o->c[i];
	mote_io io = {mote_port_tcp_send, mote_port_tcp_recv, &p->fd};
	char req[300];
	int err, n;

	p->rbuf = malloc(o->recv_size);
	p->sbuf = malloc(o->send_size);
	if (!p->rbuf || !p->sbuf)
		return MOTE_ERR_BAD_ARG;
	err = mote_port_tcp_connect(p->host, p->port, &p->fd);
	if (!err)
		err = mote_conn_init(&p->conn, ctx, p->host, p->rbuf, o->recv_size, p->sbuf,
		                     o->send_size, hs);
	if (!err)
		err = mote_blocking_handshake(&p->conn, &io);
	if (err)
		return err;
	n = snprintf(req, sizeof req, "GET %s HTTP/1.0\r\n\r\n", o->path);
	err = mote_blocking_write(&p->conn, &io, req, (size_t)n);
	if (err < 0)
		return err;
	mote_hash_init(&p->body, MOTE_HASH_SHA256);
	/* The downloads share one poll loop. */
	fcntl(p->fd, F_SETFL, fcntl(p->fd, F_GETFL) | O_NONBLOCK);
	return 0;
}

/* One turn of connection p: send, read a slice, receive what it takes. */
static int turn(struct pool_opts *o, struct pconn *p, int readable)
{
	const uint8_t *d;
	uint8_t *dst;
	size_t len, got = 0;
	ssize_t n;

	while ((d = mote_conn_send_buf(&p->conn, &len)) != NULL) {
		n = send(p->fd, d, len, MSG_NOSIGNAL);
		if (n <= 0)
			break;
		mote_conn_send_ack(&p->conn, (size_t)n);
	}
	while (got < o->slice && (d = mote_conn_read_buf(&p->conn, &len)) != NULL) {
		len = len < o->slice - got ? len : o->slice - got;
		take(p, d, len);
		mote_conn_read_ack(&p->conn, len);
		got += len;
	}
	while (readable && (dst = mote_conn_recv_buf(&p->conn, &len)) != NULL) {
		n = recv(p->fd, dst, len, 0);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			break;
		if (n <= 0) {
			mote_conn_recv_eof(&p->conn);
			break;
		}
		if (mote_conn_recv_ack(&p->conn, (size_t)n))
			break;
	}
	if (mote_conn_state(&p->conn) & (MOTE_CONN_PEER_CLOSED | MOTE_CONN_CLOSED))
		p->done = !(mote_conn_state(&p->conn) & MOTE_CONN_READ);
	return 0;
}

static int download(struct pool_opts *o)
{
	struct pollfd pf[POOL_MAX_CONNS];
	size_t left;

	do {
		int timeout = -1;
		left = 0;
		for (size_t i = 0; i < o->n; i++) {
			unsigned st = mote_conn_state(&o->c[i].conn);
			pf[i].fd = !o->c[i].done && (st & MOTE_CONN_RECV) ? o->c[i].fd : -1;
			pf[i].events = POLLIN;
			pf[i].revents = 0;
			if (!o->c[i].done && (st & (MOTE_CONN_READ | MOTE_CONN_SEND)))
				timeout = 0; /* work to do without waiting */
			left += !o->c[i].done;
		}
		if (!left)
			break;
		if (poll(pf, (nfds_t)o->n, timeout) < 0 && errno != EINTR)
			return MOTE_ERR_IO;
		for (size_t i = 0; i < o->n; i++) {
			if (!o->c[i].done)
				turn(o, &o->c[i], (pf[i].revents & (POLLIN | POLLHUP | POLLERR)) != 0);
		}
	} while (left);
	return 0;
}

static void print_summary(const struct pool_opts *o, const mote_ctx *ctx)
{
	mote_pool_stats st;
	mote_memory_report m;
	size_t conns;

	mote_ctx_pool_stats(ctx, &st);
	mote_conn_memory(&o->c[0].conn, &m);
	conns = o->n * (m.conn_struct + m.recv_buf + m.send_buf);
	printf("pool        %zu buffer(s) of %u bytes: %u records borrowed, %u waited, peak %zu"
	       " in use\n",
	       st.buffers, (unsigned)MOTE_LARGE_RECORD_BUFFER_SIZE, (unsigned)st.borrows,
	       (unsigned)st.waits, st.peak);
	printf("memory      %zu connections x (struct %zu + receive %zu + send %zu) = %zu;"
	       " context %zu; pool %zu\n",
	       o->n, m.conn_struct, m.recv_buf, m.send_buf, conns, m.ctx_struct, st.bytes);
	printf("total       %zu bytes while connected; %zu with the handshake workspace (%zu,"
	       " one handshake at a time; RSA keys add the %zu-byte pk scratch)\n",
	       conns + m.ctx_struct + st.bytes, conns + m.ctx_struct + st.bytes + sizeof(mote_handshake),
	       sizeof(mote_handshake), m.pk_scratch);
}

int cmd_pool(int argc, char **argv)
{
	static struct pool_opts o;
	static struct tls_auth auth;
	static mote_config cfg;
	static mote_handshake hs;
	static uint8_t scratch[MOTE_PK_SCRATCH_SIZE];
	mote_ctx ctx;
	uint8_t *pool = NULL;
	int err = 0, rc = 0;

	if (parse(&o, argc, argv))
		return usage();
	if (o.ca ? tls_auth_load_ca(&auth, &cfg, o.ca, NULL) : tls_auth_system(&cfg))
		return 1;
	cfg.flags |= o.flags;
	if (mote_ctx_init(&ctx, &cfg, mote_port_entropy, NULL, mote_port_time_ms, NULL))
		return 1;
	mote_ctx_set_pk_scratch(&ctx, scratch, sizeof scratch);
	if (o.buffers) {
		pool = malloc(o.buffers * MOTE_LARGE_RECORD_BUFFER_SIZE);
		err = pool ? mote_ctx_set_large_pool(&ctx, pool, o.buffers * MOTE_LARGE_RECORD_BUFFER_SIZE)
		           : MOTE_ERR_BAD_ARG;
		if (err)
			return report(0, "pool", err);
	}
	for (size_t i = 0; i < o.n && !err; i++) {
		o.c[i].fd = -1;
		err = start(&o, &ctx, i, &hs);
		if (err)
			rc = report(i, "start", err);
	}
	if (!err)
		err = download(&o);
	for (size_t i = 0; i < o.n; i++) {
		struct pconn *p = &o.c[i];
		uint8_t h[32];
		int e = mote_conn_error(&p->conn);
		if (!err) {
			mote_hash_final(&p->body, h);
			printf("conn %zu      %zu bytes sha256 ", i, p->body_len);
			for (size_t k = 0; k < 32; k++)
				printf("%02x", h[k]);
			printf("\n");
		}
		/* s_server may end with or without close_notify. */
		if (!err && e && e != MOTE_ERR_TRUNCATED) {
			rc = report(i, "download", e);
			if (mote_conn_alert_sent(&p->conn) >= 0)
				fprintf(stderr, "mote pool: connection %zu: alert sent: %s\n", i,
				        mote_alert_name((unsigned)mote_conn_alert_sent(&p->conn)));
		}
	}
	if (!err)
		print_summary(&o, &ctx);
	for (size_t i = 0; i < o.n; i++) {
		if (o.c[i].fd >= 0)
			mote_port_tcp_close(o.c[i].fd);
		mote_conn_clear(&o.c[i].conn);
		free(o.c[i].rbuf);
		free(o.c[i].sbuf);
	}
	free(pool);
	tls_auth_free(&auth);
	return rc;
}
