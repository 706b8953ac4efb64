/*
 * https_get HOST PORT CA.pem [PATH]: one HTTPS GET over Mote's blocking
 * API with 512-byte records, the server's chain validated against CA.pem,
 * then the bytes the connection held. Everything lives in static memory:
 * no allocation anywhere.
 */
#include <stdio.h>
#include <string.h>

#include "mote/port.h"
#include "mote/tls.h"
#include "mote/tls_blocking.h"
#include "mote/x509.h"

static mote_trust_anchor anchors[8];
static uint8_t anchor_keys[4096], der_buf[8192];
static char pem[65536];
static mote_session sessions[2];
static uint8_t pk_scratch[MOTE_PK_SCRATCH_SIZE];
static uint8_t recv_buf[MOTE_RECV_BUFFER_SIZE(512)], send_buf[MOTE_SEND_BUFFER_SIZE(512)];
static mote_handshake workspace; /* lent to one handshake at a time */
static mote_ctx ctx;
static mote_conn conn;

static int load_anchors(const char *path, size_t *count)
{
	FILE *f = fopen(path, "rb");
	size_t len, used;

	if (!f)
		return MOTE_ERR_BAD_ARG;
	len = fread(pem, 1, sizeof pem, f);
	fclose(f);
	return mote_ta_load_pem(anchors, 8, count, pem, len, der_buf, sizeof der_buf, anchor_keys,
	                        sizeof anchor_keys, &used);
}

int main(int argc, char **argv)
{
	static mote_config config; /* zero: default suites, groups, schemes */
	char request[256], reply[512];
	size_t n_anchors = 0;
	int fd, err, n;

	if (argc < 4) {
		fprintf(stderr, "usage: https_get HOST PORT CA.pem [PATH]\n");
		return 2;
	}
	err = load_anchors(argv[3], &n_anchors);
	config.verify.anchors = anchors;
	config.verify.n_anchors = n_anchors;
	if (err == 0)
		err = mote_ctx_init(&ctx, &config, mote_port_entropy, NULL, mote_port_time_ms, NULL);
	if (err == 0) {
		mote_ctx_set_sessions(&ctx, sessions, 2);
		mote_ctx_set_pk_scratch(&ctx, pk_scratch, sizeof pk_scratch);
		err = mote_port_tcp_connect(argv[1], argv[2], &fd);
	}
	if (err == 0) {
		mote_io io = {mote_port_tcp_send, mote_port_tcp_recv, &fd};

		err = mote_conn_init(&conn, &ctx, argv[1], recv_buf, sizeof recv_buf, send_buf,
		                     sizeof send_buf, &workspace);
		if (err == 0)
			err = mote_blocking_handshake(&conn, &io);
		snprintf(request, sizeof request, "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n",
		         argc > 4 ? argv[4] : "/", argv[1]);
		if (err == 0)
			err = mote_blocking_write(&conn, &io, request, strlen(request));
		while (err >= 0 && (n = mote_blocking_read(&conn, &io, reply, sizeof reply)) > 0)
			fwrite(reply, 1, (size_t)n, stdout);
		if (err >= 0 && n < 0)
			err = n;
		mote_blocking_close(&conn, &io);
		mote_port_tcp_close(fd);
	}
	if (err < 0) {
		fprintf(stderr, "https_get: %s (%s)\n", mote_error_name(err), mote_strerror(err));
		return 1;
	}
	fprintf(stderr, "held by the connection: %zu bytes (+ %zu lent during the handshake)\n",
	        sizeof conn + sizeof recv_buf + sizeof send_buf, sizeof workspace);
	return 0;
}
