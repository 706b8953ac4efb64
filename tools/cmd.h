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

#endif
