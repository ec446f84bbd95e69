/* SPDX-License-Identifier: MIT */
/*
 * The steps every utility's main() takes before and after its work, done
 * once: parse the options (assay_cli_parse), let the utility check them,
 * resolve the run's commit, open the store, run the work, close and
 * release, and turn an error into its message and exit status
 * (assay_cli_report).  A utility states what it needs in a struct
 * assay_cli_utility, as tmux's command entries do, and its main() is that
 * struct and one call:
 *
 *   static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs,
 *                    assay_err *err);
 *   static int run(void *ud, struct assay_cli_session *s, assay_err *err);
 *   ...
 *   const struct assay_cli_utility u = {
 *       .prog = "assay ls", .usage = usage, .opts = opts, .common = &o.c,
 *       .needs = { ASSAY_CLI_STORE, 0 }, .check = check, .run = run, .ud = &o,
 *   };
 *   return assay_cli_main(&u, argc, argv);
 */
#ifndef ASSAY_CLI_UTILITY_H
#define ASSAY_CLI_UTILITY_H

#include "cli.h"

enum assay_cli_store_access {
	ASSAY_CLI_NO_STORE = 0,    /* the utility opens none (or opens it itself, later) */
	ASSAY_CLI_STORE,           /* assay_cli_open_store: created or upgraded as needed */
	ASSAY_CLI_STORE_READONLY,  /* assay_cli_open_store_readonly: it must exist and be up to date */
};

/* What the work needs opened first; the store after the commit, which names it in its message. */
struct assay_cli_needs {
	enum assay_cli_store_access store;
	int runctx; /* resolve the run's commit (assay_cli_runctx) */
};

/* What the work gets: the operands and what it needed opened. */
struct assay_cli_session {
	int n;           /* argv[1..n) are the operands, as assay_cli_parse left them */
	char **argv;
	assay_store *st; /* NULL with ASSAY_CLI_NO_STORE, unless the work opens one here itself, late */
	assay_runctx ctx; /* all zero without needs.runctx */
};

struct assay_cli_utility {
	const char *prog;  /* as a person types it: "assay flaky run" */
	const char *usage;
	const struct assay_option *opts;
	int stop_at_operand; /* the first operand ends the options (a command to run) */
	const struct assay_cli_common *common; /* the --db and run flags that opts fills */
	struct assay_cli_needs needs;
	/*
	 * After parsing, before anything is opened: 0 to go on; a negative
	 * error code with err set, which is reported for prog; or an exit
	 * status already said (what assay_cli_usage_error returns, for a
	 * usage error with the usage line).  It may change needs by what the
	 * options say (sql opens read-write with --write).  NULL: nothing to
	 * check.
	 */
	int (*check)(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err);
	/*
	 * The work: an exit status (0 or more), or a negative error code with
	 * err set, which is reported for prog.  The session's store (whoever
	 * opened it) and run context are closed and released after it, by
	 * assay_cli_main.
	 */
	int (*run)(void *ud, struct assay_cli_session *s, assay_err *err);
	void *ud; /* given to check and run: the utility's options */
};

/* Take the steps for u over argv; returns the exit status. */
int assay_cli_main(const struct assay_cli_utility *u, int argc, char **argv);

#endif
