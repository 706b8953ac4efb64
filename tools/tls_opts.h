/* Command-line options shared by the TLS subcommands (client, demo). */
#ifndef MOTE_TOOL_TLS_OPTS_H
#define MOTE_TOOL_TLS_OPTS_H

#include <stddef.h>
#include <stdint.h>

#include "mote/tls.h"
#include "tls_auth.h"

#define TLS_OPTS_MAX_LIST 8

struct tls_opts {
	char host[256];
	char port[16];
	mote_config config;
	uint16_t suites[TLS_OPTS_MAX_LIST];
	uint16_t groups[TLS_OPTS_MAX_LIST];
	const char *alpn[TLS_OPTS_MAX_LIST];
	size_t recv_size, send_size;
	int resume;
	int quiet;
	int ticket_wait_ms;
	int have_auth;
	struct tls_auth auth;
	uint8_t pk_scratch[MOTE_PK_SCRATCH_SIZE];
};

/* Parses argv (argv[0] is the subcommand); prints usage and returns
 * non-zero on error. */
int tls_opts_parse(struct tls_opts *o, int argc, char **argv);
void tls_opts_free(struct tls_opts *o);

#endif
