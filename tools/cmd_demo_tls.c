/*
 * mote demo: the main job, on this machine only. A fresh certificate
 * chain (root -> intermediate -> P-256 leaf) is made with openssl, an
 * `openssl s_server` is started on loopback with it, and Mote connects
 * twice with 512-byte records: a full handshake that validates the chain,
 * then a second connection that resumes with a ticket. Each exchanges
 * data, and the demo prints what each connection holds, per component.
 * Then the TLS 1.2 part (cmd_demo_tls12.c): two concurrent connections to
 * a TLS 1.2-only server, the second resuming the first's session.
 *
 * `mote demo crypto` runs the crypto-layer demo instead.
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
#include "tls_auth.h"
#include "tls_opts.h"

extern char **environ;

#define DEMO_RECORD 512

struct demo {
	char dir[64];
	char port[8];
	pid_t server;
	struct tls_auth auth;
	mote_config config;
	mote_ctx ctx;
	mote_session sessions[2];
	uint8_t scratch[MOTE_PK_SCRATCH_SIZE];
};

/* Runs a command (argv), quietly; 0 if it exited with 0. */
static int run(char *const argv[], pid_t *bg)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status, err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1 /* O_WRONLY */, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1, 0);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", 0 /* O_RDONLY */, 0);
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err)
		return -1;
	if (bg) {
		*bg = pid;
		return 0;
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int sh(struct demo *d, const char *fmt, const char *a, const char *b)
{
	char cmd[1024];
	char *argv[] = {"sh", "-c", cmd, NULL};

	snprintf(cmd, sizeof cmd, fmt, d->dir, a, b);
	return run(argv, NULL);
}

/* root (CA) -> intermediate (CA) -> leaf (P-256, DNS:localhost). */
static int make_chain(struct demo *d)
{
	static const char *ec = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
	static const char *req =
	        "cd %s && openssl req -x509 %s -keyout root.key -out root.pem -days 7 "
	        "-subj '/CN=Mote Demo Root' -addext basicConstraints=critical,CA:TRUE "
	        "-addext keyUsage=critical,keyCertSign%s";
	static const char *inter =
	        "cd %s && openssl req %s -keyout inter.key -out inter.csr "
	        "-subj '/CN=Mote Demo Intermediate' && printf "
	        "'basicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign\\n' > ca.ext && "
	        "openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -CAcreateserial "
	        "-days 7 -extfile ca.ext -out inter.pem%s";
	static const char *leaf =
	        "cd %s && openssl req %s -keyout leaf.key -out leaf.csr -subj /CN=localhost && "
	        "printf 'subjectAltName=DNS:localhost\\n' > leaf.ext && "
	        "openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key -CAcreateserial "
	        "-days 7 -extfile leaf.ext -out leaf.pem%s";

	return sh(d, req, ec, "") || sh(d, inter, ec, "") || sh(d, leaf, ec, "");
}

static int start_server(struct demo *d)
{
	char accept[32], cert[96], key[96], chain[96];
	char *argv[] = {"openssl", "s_server", "-accept", accept, "-cert", cert, "-key", key,
	                "-cert_chain", chain, "-tls1_3", "-rev", NULL};
	int fd;

	snprintf(d->port, sizeof d->port, "%d", 20000 + (int)(getpid() % 30000));
	snprintf(accept, sizeof accept, "127.0.0.1:%s", d->port);
	snprintf(cert, sizeof cert, "%s/leaf.pem", d->dir);
	snprintf(key, sizeof key, "%s/leaf.key", d->dir);
	snprintf(chain, sizeof chain, "%s/inter.pem", d->dir);
	if (run(argv, &d->server))
		return -1;
	/* Wait until it listens. */
	for (int i = 0; i < 50; i++) {
		struct timespec ts = {0, 100000000};
		if (mote_port_tcp_connect("127.0.0.1", d->port, &fd) == 0) {
			mote_port_tcp_close(fd);
			return 0;
		}
		nanosleep(&ts, NULL);
	}
	return -1;
}

static void print_memory(const mote_conn *c)
{
	mote_memory_report m;

	mote_conn_memory(c, &m);
	printf("    held once connected: %zu bytes\n", m.total);
	printf("      connection state   %5zu  (record keys %zu, traffic secrets %zu, rest %zu)\n",
	       m.conn_struct, m.keys, m.secrets, m.conn_struct - m.keys - m.secrets);
	printf("      receive buffer     %5zu  (one %d-byte record + header and tag)\n",
	       m.recv_buf, DEMO_RECORD);
	printf("      send buffer        %5zu\n", m.send_buf);
	printf("    lent during the handshake only: workspace %zu bytes\n",
	       sizeof(mote_handshake));
}

/* One connection: handshake, one line each way, wait for tickets, close. */
static int connect_once(struct demo *d, const char *line)
{
	static uint8_t rbuf[MOTE_RECV_BUFFER_SIZE(DEMO_RECORD)];
	static uint8_t sbuf[MOTE_SEND_BUFFER_SIZE(DEMO_RECORD)];
	mote_handshake *hs = malloc(sizeof *hs);
	mote_conn conn;
	mote_conn_info_t info;
	char reply[256];
	int fd = -1, err, n;
	mote_io io = {mote_port_tcp_send, mote_port_tcp_recv, &fd};

	err = hs ? mote_port_tcp_connect("127.0.0.1", d->port, &fd) : MOTE_ERR_BAD_ARG;
	if (!err)
		err = mote_conn_init(&conn, &d->ctx, "localhost", rbuf, sizeof rbuf, sbuf, sizeof sbuf,
		                     hs);
	if (!err)
		err = mote_blocking_handshake(&conn, &io);
	free(hs);
	if (!err) {
		mote_conn_info(&conn, &info);
		printf("    %s, %s, %s, %s\n", mote_tls_suite_name(info.suite),
		       info.resumed ? "resumed with a ticket (no certificate, no signature)"
		                    : mote_tls_group_name(info.group),
		       info.resumed ? "chain not needed" : mote_tls_sig_name(info.sig_scheme),
		       info.limit_ext == 1   ? "max_fragment_length 512"
		       : info.limit_ext == 2 ? "record_size_limit 513"
		                             : "no record limit");
		err = mote_blocking_write(&conn, &io, line, strlen(line));
	}
	if (err >= 0) {
		n = mote_blocking_read(&conn, &io, reply, sizeof reply - 1);
		err = n < 0 ? n : 0;
		if (n > 0) {
			reply[n] = 0;
			printf("    sent \"%.*s\", the server sent back \"%.*s\"\n",
			       (int)strlen(line) - 1, line, n > 0 ? n - 1 : 0, reply);
		}
	}
	if (!err) {
		print_memory(&conn);
		mote_blocking_close(&conn, &io);
	} else {
		fprintf(stderr, "mote demo: %s (%s)\n", mote_error_name(err), mote_strerror(err));
	}
	if (fd >= 0)
		mote_port_tcp_close(fd);
	mote_conn_clear(&conn);
	return err;
}

static int demo_tls(void)
{
	static struct demo d;
	int err = 0;

	snprintf(d.dir, sizeof d.dir, "/tmp/mote-demo-XXXXXX");
	if (!mkdtemp(d.dir))
		return 1;
	printf("Mote demo: a TLS 1.3 / 1.2 client that holds about 2 KB per connection.\n\n");
	printf("1. A fresh certificate chain (root -> intermediate -> P-256 leaf) in %s,\n"
	       "   and openssl s_server on 127.0.0.1 with it.\n", d.dir);
	if (make_chain(&d) || start_server(&d)) {
		fprintf(stderr, "mote demo: openssl could not make the chain or start s_server\n");
		return 1;
	}
	err = tls_auth_load_ca(&d.auth, &d.config, "root.pem", d.dir);
	if (!err)
		err = mote_ctx_init(&d.ctx, &d.config, mote_port_entropy, NULL, mote_port_time_ms, NULL);
	if (!err) {
		mote_ctx_set_sessions(&d.ctx, d.sessions, 2);
		mote_ctx_set_pk_scratch(&d.ctx, d.scratch, sizeof d.scratch);
		printf("\n2. First connection: full handshake, the chain validated up to the root.\n");
		err = connect_once(&d, "hello from a small device\n");
	}
	if (!err) {
		printf("\n3. Second connection: resumes with a ticket from the first.\n");
		err = connect_once(&d, "hello again\n");
	}
	if (!err)
		err = demo_tls12(d.dir, &d.ctx,
		                 sizeof(mote_conn) + MOTE_RECV_BUFFER_SIZE(DEMO_RECORD) +
		                         MOTE_SEND_BUFFER_SIZE(DEMO_RECORD));
	if (!err)
		printf("\nShared by all connections: context %zu bytes, ticket cache %zu bytes"
		       " (2 entries),\npublic-key scratch %zu bytes (RSA only; unused here).\n",
		       sizeof(mote_ctx), sizeof d.sessions, sizeof d.scratch);
	kill(d.server, SIGTERM);
	waitpid(d.server, NULL, 0);
	sh(&d, "rm -rf %s%s%s", "", "");
	tls_auth_free(&d.auth);
	return err ? 1 : 0;
}

int cmd_demo(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "crypto") == 0)
		return cmd_demo_crypto(argc - 1, argv + 1);
	if (argc > 1) {
		fprintf(stderr, "usage: mote demo [crypto]\n");
		return 2;
	}
	return demo_tls();
}
