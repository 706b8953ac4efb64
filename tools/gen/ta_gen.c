/*
 * Build-time helper: `mote ta` alone, built before the mote tool so that
 * the tool can carry the system bundle's anchors (verify --anchors).
 * Kept out of the tools directory proper, whose .c files are the mote tool's own sources.
 */
#include "cmd.h"

int main(int argc, char **argv)
{
	return cmd_ta(argc, argv);
}
