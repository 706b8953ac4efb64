/*
 * mote client HOST[:PORT] [options]: a TLS 1.3 connection that prints what
 * was negotiated and what it costs in bytes, then relays stdin to the
 * server and the server's data to stdout.
 *
 * Uses the public API only: the blocking API for the handshake and writes,
 * the engine API (recv_buf/recv_ack/read_buf) for reading, so one poll()
 * loop serves both directions.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mote/error.h"
#include "mote/port.h"
#include "mote/tls.h"
#include "mote/tls_blocking.h"

#include "cmd.h"
#include "tls_opts.h"

static void print_info(const mote_conn *c, FILE *out)
{
	mote_conn_info_t info;
	mote_memory_report m;

	mote_conn_info(c, &info);
	mote_conn_memory(c, &m);
	fprintf(out, "version     TLS 1.%d\n", info.version == 0x0303 ? 2 : 3);
	fprintf(out, "suite       %s\n", mote_tls_suite_name(info.suite));
	fprintf(out, "group       %s\n", info.resumed && !info.group ? "none" :
	                                   mote_tls_group_name(info.group));
	fprintf(out, "signature   %s\n", info.resumed ? "none (resumed)" :
	                                   mote_tls_sig_name(info.sig_scheme));
	fprintf(out, "resumed     %s%s\n", info.resumed ? "yes" : "no",
	        info.hrr ? " (after HelloRetryRequest)" : "");
	fprintf(out, "records     send <= %u, receive <= %u bytes (%s)\n", info.send_limit,
	        info.recv_limit,
	        info.limit_ext == 2   ? "record_size_limit"
	        : info.limit_ext == 1 ? "max_fragment_length"
	                              : "no limit negotiated");
	if (info.alpn)
		fprintf(out, "alpn        %s\n", info.alpn);
	if (info.insecure)
		fprintf(out, "WARNING     server NOT authenticated (--insecure)\n");
	fprintf(out, "memory      connection %zu bytes held: struct %zu (keys %zu, secrets %zu)"
	             " + receive buffer %zu + send buffer %zu\n",
	        m.total, m.conn_struct, m.keys, m.secrets, m.recv_buf, m.send_buf);
	fprintf(out, "            handshake workspace %zu bytes (released); shared context %zu"
	             " + session cache %zu + pk scratch %zu\n",
	        sizeof(mote_handshake), m.ctx_struct, m.sessions, m.pk_scratch);
}

/* Takes records the server already sent (tickets) without waiting for
 * application data: poll, then feed the engine while bytes arrive. */
static int drain_input(mote_conn *c, int fd, int timeout_ms, FILE *out)
{
	struct pollfd p = {fd, POLLIN, 0};
	const uint8_t *data;
	size_t len;
	uint8_t *buf;
	int n;

	while (poll(&p, 1, timeout_ms) > 0) {
		while ((data = mote_conn_read_buf(c, &len)) != NULL) {
			if (out)
				fwrite(data, 1, len, out);
			mote_conn_read_ack(c, len);
		}
		if (out)
			fflush(out);
		buf = mote_conn_recv_buf(c, &len);
		if (!buf)
			break;
		n = mote_port_tcp_recv(&fd, buf, len);
		if (n <= 0) {
			mote_conn_recv_eof(c);
			break;
		}
		if (mote_conn_recv_ack(c, (size_t)n))
			break;
	}
	return mote_conn_error(c);
}

static int relay(mote_conn *c, const mote_io *io, int fd)
{
	struct pollfd p[2] = {{0, POLLIN, 0}, {fd, POLLIN, 0}};
	uint8_t in[4096];
	int stdin_open = 1, err;
	ssize_t n;

	for (;;) {
		if (drain_input(c, fd, 0, stdout))
			break;
		if (mote_conn_state(c) & (MOTE_CONN_PEER_CLOSED | MOTE_CONN_CLOSED))
			break;
		p[0].fd = stdin_open ? 0 : -1;
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			return MOTE_ERR_IO;
		if (p[0].revents & (POLLIN | POLLHUP)) {
			n = read(0, in, sizeof in);
			if (n <= 0) {
				stdin_open = 0;
				err = mote_blocking_close(c, io);
				if (err)
					return err;
			} else if ((err = mote_blocking_write(c, io, in, (size_t)n)) < 0) {
				return err;
			}
		}
	}
	err = mote_conn_error(c);
	return err == MOTE_ERR_TRUNCATED && !stdin_open ? 0 : err;
}

static int report(const char *what, int err)
{
	fprintf(stderr, "mote client: %s: %s (%s)\n", what, mote_error_name(err), mote_strerror(err));
	return 1;
}

/* One connection; keep_open: relay stdin/stdout, else just collect the
 * tickets and close. */
static int one_connection(struct tls_opts *o, mote_ctx *ctx, int keep_open)
{
	mote_conn conn;
	mote_handshake *hs = malloc(sizeof *hs);
	uint8_t *rbuf = malloc(o->recv_size), *sbuf = malloc(o->send_size);
	int fd = -1, err;
	mote_io io = {mote_port_tcp_send, mote_port_tcp_recv, &fd};

	if (!hs || !rbuf || !sbuf)
		return report("memory", MOTE_ERR_BAD_ARG);
	err = mote_port_tcp_connect(o->host, o->port, &fd);
	if (!err)
		err = mote_conn_init(&conn, ctx, o->host, rbuf, o->recv_size, sbuf, o->send_size, hs);
	if (!err)
		err = mote_blocking_handshake(&conn, &io);
	/* The workspace is free once the handshake is over. */
	free(hs);
	if (err) {
		int alert = fd >= 0 ? mote_conn_alert_sent(&conn) : -1;
		if (alert >= 0)
			fprintf(stderr, "mote client: alert sent: %s\n", mote_alert_name((unsigned)alert));
		err = report("handshake", err);
	} else {
		print_info(&conn, o->quiet ? stderr : stdout);
		fflush(stdout);
		if (keep_open)
			err = relay(&conn, &io, fd);
		else {
			drain_input(&conn, fd, o->ticket_wait_ms, NULL);
			err = mote_blocking_close(&conn, &io);
		}
		if (err)
			err = report("connection", err);
	}
	if (fd >= 0)
		mote_port_tcp_close(fd);
	mote_conn_clear(&conn);
	free(rbuf);
	free(sbuf);
	return err;
}

int cmd_client(int argc, char **argv)
{
	struct tls_opts o;
	mote_session sessions[4];
	mote_ctx ctx;
	int err;

	if (tls_opts_parse(&o, argc, argv))
		return 2;
	err = mote_ctx_init(&ctx, &o.config, mote_port_entropy, NULL, mote_port_time_ms, NULL);
	if (err)
		return report("context", err);
	mote_ctx_set_sessions(&ctx, sessions, sizeof sessions / sizeof sessions[0]);
	mote_ctx_set_pk_scratch(&ctx, o.pk_scratch, sizeof o.pk_scratch);
	if (o.resume) {
		err = one_connection(&o, &ctx, 0);
		if (err)
			return err;
		fprintf(o.quiet ? stderr : stdout, "tickets     %zu stored for %s\n",
		        mote_ctx_session_count(&ctx, o.host), o.host);
	}
	err = one_connection(&o, &ctx, 1);
	mote_ctx_flush_sessions(&ctx);
	tls_opts_free(&o);
	return err;
}
