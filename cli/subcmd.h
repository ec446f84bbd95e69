/* SPDX-License-Identifier: MIT */
/*
 * Utilities with subcommands (assay bench run|compare..., assay flaky
 * run|list..., assay mutate [mark]): one table of names, functions and
 * summaries drives both the dispatch and the usage text, as tmux's command
 * entries do.
 */
#ifndef ASSAY_SUBCMD_H
#define ASSAY_SUBCMD_H

#include <stddef.h>

struct assay_subcmd {
	const char *name; /* NULL: the default command (see assay_subcmd_dispatch) */
	int (*fn)(int argc, char **argv); /* argv[0] is the subcommand's name; returns the exit status */
	const char *summary;
};

/*
 * Run the subcommand argv[1] names from the table of n entries, or print
 * the usage ("assay PROG COMMAND ...") for -h/--help (exit 0), for no
 * command or an unknown one (exit 2, on stderr).
 *
 * A table with a default entry (name NULL, at most one) is for a utility
 * whose main form takes options without a command word (assay mutate
 * --build-dir ...): whatever argv[1] is when it names no command (an option,
 * an operand, or nothing) goes to the default with argv as given, which
 * parses and reports it, -h and --version too; after the default's help,
 * the named commands are listed.
 */
int assay_subcmd_dispatch(const char *prog, const struct assay_subcmd *cmds, size_t n, int argc,
			  char **argv);

#endif
