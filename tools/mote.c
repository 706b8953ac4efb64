/*
 * The mote command-line tool: one binary, one subcommand per job.
 * Each subcommand lives in its own cmd_*.c file and uses only the public
 * API (include/mote/), like any application would.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

static const struct mote_cmd commands[] = {
	{"demo", "two TLS connections to a local s_server, and what they cost in bytes", cmd_demo},
	{"client", "TLS 1.3 connection: what was negotiated, what it costs; relays stdio", cmd_client},
	{"pool", "concurrent downloads over small buffers sharing a large-record pool", cmd_pool},
	{"ta", "PEM bundle -> trust anchors as C source (const, for flash)", cmd_ta},
	{"verify", "validate a PEM chain with the streaming X.509 engine", cmd_verify},
};

static int usage(void)
{
	fprintf(stderr, "usage: mote COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(stderr, "  %-8s %s\n", commands[i].name, commands[i].help);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage();
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "mote: unknown command '%s'\n", argv[1]);
	return usage();
}
