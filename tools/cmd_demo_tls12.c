/*
 * mote demo, TLS 1.2 part: the motivating scenario against a TLS 1.2-only
 * server. gnutls-serv (TLS 1.2 only, echo mode; it serves connections
 * concurrently, which openssl s_server does not) runs on loopback with the
 * demo's chain; two connections with 512-byte records are open at the
 * same time, the second resuming the first's session (no certificate, no
 * signature), and the demo prints what each holds.
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mote/error.h"
#include "mote/port.h"
#include "mote/tls.h"
#include "mote/tls_blocking.h"

#include "cmd.h"

extern char **environ;

#define DEMO_RECORD 512

struct conn12 {
	mote_conn c;
	int fd;
	mote_io io;
	uint8_t rbuf[MOTE_RECV_BUFFER_SIZE(DEMO_RECORD)];
	uint8_t sbuf[MOTE_SEND_BUFFER_SIZE(DEMO_RECORD)];
};

static int start_gnutls(const char *dir, const char *port, pid_t *pid)
{
	char cmd[512];
	char *argv[] = {"sh", "-c", cmd, NULL};
	posix_spawn_file_actions_t fa;
	int fd;

	snprintf(cmd, sizeof cmd,
	         "cd %s && cat leaf.pem inter.pem > full.pem && exec gnutls-serv -p %s "
	         "--x509certfile full.pem --x509keyfile leaf.key --echo -q "
	         "--priority NORMAL:-VERS-ALL:+VERS-TLS1.2",
	         dir, port);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", 0, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1, 0);
	if (posix_spawnp(pid, "sh", &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	for (int i = 0; i < 50; i++) {
		struct timespec ts = {0, 100000000};
		if (mote_port_tcp_connect("127.0.0.1", port, &fd) == 0) {
			mote_port_tcp_close(fd);
			return 0;
		}
		nanosleep(&ts, NULL);
	}
	return -1;
}

/* Handshake (with the one workspace, lent to one handshake at a time)
 * and one line each way; the connection stays open. */
static int open12(struct conn12 *k, mote_ctx *ctx, const char *port, mote_handshake *hs,
                  const char *line)
{
	mote_conn_info_t info;
	char reply[128];
	int err, n;

	k->fd = -1;
	k->io = (mote_io){mote_port_tcp_send, mote_port_tcp_recv, &k->fd};
	err = mote_port_tcp_connect("127.0.0.1", port, &k->fd);
	if (!err)
		err = mote_conn_init(&k->c, ctx, "localhost", k->rbuf, sizeof k->rbuf, k->sbuf,
		                     sizeof k->sbuf, hs);
	if (!err)
		err = mote_blocking_handshake(&k->c, &k->io);
	if (err)
		return err;
	mote_conn_info(&k->c, &info);
	printf("    TLS 1.%d, %s, %s, %s\n", info.version == 0x0303 ? 2 : 3,
	       mote_tls_suite_name(info.suite),
	       info.resumed ? "resumed (no certificate, no signature)" : mote_tls_group_name(info.group),
	       info.limit_ext == 1   ? "max_fragment_length 512"
	       : info.limit_ext == 2 ? "record_size_limit 513"
	                             : "no record limit");
	err = mote_blocking_write(&k->c, &k->io, line, strlen(line));
	if (err < 0)
		return err;
	n = mote_blocking_read(&k->c, &k->io, reply, sizeof reply - 1);
	if (n < 0)
		return n;
	reply[n] = 0;
	printf("    sent \"%.*s\", echoed \"%.*s\"\n", (int)strlen(line) - 1, line, n > 0 ? n - 1 : 0,
	       reply);
	return 0;
}

static void close12(struct conn12 *k)
{
	if (mote_conn_state(&k->c) & MOTE_CONN_READY)
		mote_blocking_close(&k->c, &k->io);
	if (k->fd >= 0)
		mote_port_tcp_close(k->fd);
	mote_conn_clear(&k->c);
}

int demo_tls12(const char *dir, mote_ctx *ctx, size_t tls13_bytes)
{
	static struct conn12 k1, k2;
	mote_handshake *hs = malloc(sizeof *hs);
	mote_memory_report m1, m2;
	char port[8];
	pid_t server;
	int err;

	snprintf(port, sizeof port, "%d", 20000 + (int)((getpid() + 7919) % 30000));
	if (!hs || start_gnutls(dir, port, &server)) {
		fprintf(stderr, "mote demo: gnutls-serv could not start (sh scripts/deps.sh demo)\n");
		free(hs);
		return 1;
	}
	printf("\n4. A TLS 1.2-only server (gnutls-serv), two connections open at once.\n"
	       "   The same ClientHello offers TLS 1.3 and 1.2; the server picks 1.2.\n");
	err = open12(&k1, ctx, port, hs, "first of two\n");
	if (!err) {
		printf("   The second one resumes the first's session while the first stays open:\n");
		err = open12(&k2, ctx, port, hs, "second of two\n");
	}
	free(hs);
	if (!err) {
		mote_conn_memory(&k1.c, &m1);
		mote_conn_memory(&k2.c, &m2);
		printf("    held: %zu + %zu bytes for the two connections (TLS 1.3 above: %zu each);\n"
		       "    the %zu-byte handshake workspace was lent to one handshake at a time.\n",
		       m1.total, m2.total, tls13_bytes, sizeof(mote_handshake));
	} else {
		fprintf(stderr, "mote demo: %s (%s)\n", mote_error_name(err), mote_strerror(err));
	}
	close12(&k2);
	close12(&k1);
	kill(server, SIGTERM);
	waitpid(server, NULL, 0);
	return err ? 1 : 0;
}
