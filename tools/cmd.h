/* Subcommands of the mote tool. Each returns the process exit status. */
#ifndef MOTE_TOOL_CMD_H
#define MOTE_TOOL_CMD_H

struct mote_cmd {
	const char *name;
	const char *help;
	int (*run)(int argc, char **argv);
};

int cmd_demo(int argc, char **argv);
int cmd_demo_crypto(int argc, char **argv);
int cmd_client(int argc, char **argv);
int cmd_pool(int argc, char **argv);
int cmd_ta(int argc, char **argv);
int cmd_verify(int argc, char **argv);

/* The TLS 1.2 part of `mote demo` (cmd_demo_tls12.c): the demo's chain in
 * dir, its context (trust anchor, session cache), and the bytes a TLS 1.3
 * connection held, for comparison. */
struct mote_ctx;
#include <stddef.h>
int demo_tls12(const char *dir, struct mote_ctx *ctx, size_t tls13_bytes);

#endif
