/* SPDX-License-Identifier: MIT */
/* assay-flaky: find the tests that pass and fail on the same code. */
#include "cmds.h"
#include "subcmd.h"

static const struct assay_subcmd commands[] = {
	{ "run", flaky_cmd_run, "run a test command N times on one commit and report the flaky tests" },
	{ "list", flaky_cmd_list, "score every test from all runs in the store" },
	{ "quarantine", flaky_cmd_quarantine, "write the list of known-flaky tests the gate reads" },
};

int main(int argc, char **argv)
{
	return assay_subcmd_dispatch("assay flaky", commands, sizeof(commands) / sizeof(commands[0]),
				     argc, argv);
}
