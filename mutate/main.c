/* SPDX-License-Identifier: MIT */
/*
 * assay-mutate: mutation testing of C code.
 *
 *   assay mutate --build-dir BUILD (--test-command CMD | --ctest) [options]
 *   assay mutate mark KEY --equivalent --why TEXT
 */
#include "cmds.h"
#include "subcmd.h"

static const struct assay_subcmd commands[] = {
	{ NULL, mut_cmd_run, "mutate the sources, run the tests on each mutant, store the results" },
	{ "mark", mut_cmd_mark, "mark a surviving mutant equivalent (no test can kill it), with the reason" },
};

int main(int argc, char **argv)
{
	return assay_subcmd_dispatch("assay mutate", commands, sizeof(commands) / sizeof(commands[0]),
				     argc, argv);
}
