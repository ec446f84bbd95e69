/*
 * What every front end shares: the store and run flags, opening the
 * store they name, and turning a library error into a message and an exit
 * status.  Only front ends (and this library, which only they link) print.
 */
#ifndef ASSAY_CLI_H
#define ASSAY_CLI_H

#include "err.h"
#include "options.h"
#include "runctx.h"
#include "store.h"

#include <stdio.h>

struct assay_cli_common {
	const char *db;     /* --db */
	const char *commit; /* --commit */
	const char *branch; /* --branch */
	const char *label;  /* --label */
	int no_git;         /* --no-git */
	int json;           /* --json */
	int quiet;          /* -q */
};

#define ASSAY_CLI_OPT_DB(c) \
	ASSAY_OPT_STRING(0, "db", &(c)->db, "PATH", "the store (default: $ASSAY_DB, else .assay/assay.db in the git repository)")
#define ASSAY_CLI_OPT_RUN(c) \
	ASSAY_OPT_STRING(0, "commit", &(c)->commit, "REV", "the commit the run belongs to (default: CI's, else git HEAD)"), \
	ASSAY_OPT_STRING(0, "branch", &(c)->branch, "NAME", "the branch (default: CI's, else git's)"), \
	ASSAY_OPT_STRING(0, "label", &(c)->label, "TEXT", "tells apart runs of one commit (a CI matrix entry)"), \
	ASSAY_OPT_BOOL(0, "no-git", &(c)->no_git, "ask git nothing: store --commit as given, even one git does not know")
#define ASSAY_CLI_OPT_JSON(c) ASSAY_OPT_BOOL(0, "json", &(c)->json, "machine-readable output (JSON)")
#define ASSAY_CLI_OPT_QUIET(c) ASSAY_OPT_BOOL('q', "quiet", &(c)->quiet, "print only errors")

/* Open the store c->db names, or the default one. */
int assay_cli_open_store(const struct assay_cli_common *c, assay_store **out, assay_err *err);

/* The same, if the store is there: else *out is NULL and nothing is created (returns 0). */
int assay_cli_open_existing_store(const struct assay_cli_common *c, assay_store **out, assay_err *err);

/*
 * Resolve the run's commit from c's flags, the CI environment and git.
 * When no commit is known, the message also says whether the store needs
 * --db, so that one attempt learns all that is missing.
 */
int assay_cli_runctx(const struct assay_cli_common *c, assay_runctx *out, assay_err *err);

/*
 * Parse options; on -h print the usage to stdout and return 0 in *exit_now
 * semantics: returns the operand count (>= 1), or -1 after printing help
 * (*status 0) or a usage error (*status 2).
 */
int assay_cli_parse(const char *prog, const char *usage, const struct assay_option *opts,
		    int argc, char **argv, int stop_at_operand, int *status);

/* Print "PROG: MESSAGE" and the usage line to stderr; returns 2, the exit status for it. */
int assay_cli_usage_error(const char *prog, const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print "PROG: MESSAGE" to stderr and return the exit status for err's code. */
int assay_cli_report(const char *prog, const assay_err *err);

/* 1 when stream is a terminal and TERM is not "dumb". */
int assay_cli_isatty(FILE *stream);

#endif
