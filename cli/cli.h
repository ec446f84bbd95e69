/* SPDX-License-Identifier: MIT */
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

#include <stdint.h>
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

/* Open the store c->db names, or the default one, read-only: it must exist and be up to date. */
int assay_cli_open_store_readonly(const struct assay_cli_common *c, assay_store **out, assay_err *err);

/*
 * Resolve the run's commit from c's flags, the CI environment and git.
 * When no commit is known, the message also says whether the store needs
 * --db, so that one attempt learns all that is missing.
 */
int assay_cli_runctx(const struct assay_cli_common *c, assay_runctx *out, assay_err *err);

/*
 * Parse options, with those every utility has besides opts: --color WHEN
 * (sets the colour mode, see color.h) and --version.  Returns the operand
 * count (>= 1), or -1 after printing the help (-h) or the version (*status
 * 0) or a usage error (*status 2).  When opts has a --json and it is given,
 * errors from here on (usage errors and assay_cli_report) are JSON.
 */
int assay_cli_parse(const char *prog, const char *usage, const struct assay_option *opts,
		    int argc, char **argv, int stop_at_operand, int *status);

/*
 * Print "PROG: MESSAGE" and the usage line to stderr; returns 2, the exit
 * status for it.  With --json: one line {"error":{"utility":PROG,"code":
 * "usage error","exit":2,"message":MESSAGE,"usage":USAGE}} instead.
 */
int assay_cli_usage_error(const char *prog, const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Print "PROG: MESSAGE" to stderr and return the exit status for err's code.
 * PROG is the utility as a person types it ("assay ingest"), for every
 * utility alike.  With --json: the same JSON line as a usage error's, without
 * the usage.
 */
int assay_cli_report(const char *prog, const assay_err *err);

/*
 * part/whole as a percentage for people ("16.7%"): rounded to one decimal,
 * except that only all is "100.0%" and only nothing is "0.0%"; "n/a" when
 * whole is 0, so that no data never reads as 0.0%.  Into buf, of at least
 * ASSAY_CLI_PCT_SIZE bytes; returns buf.
 */
#define ASSAY_CLI_PCT_SIZE 16
const char *assay_cli_pct(char *buf, uint64_t part, uint64_t whole);

/* v in unit ("s", "B", "instructions", or any other) with a readable scale: "1.234 ms". */
void assay_cli_fmt_value(char *buf, size_t n, double v, const char *unit);

/*
 * Append s (NULL: nothing) to out for a terminal, as assay_buf_add_shown()
 * does, and a newline too as \x0a unless keep_newlines: a test's name on
 * one line cannot fake a line of Assay's own.
 */
void assay_cli_escape(assay_buf *out, const char *s, int keep_newlines);

/* 1 when stream is a terminal and TERM is not "dumb". */
int assay_cli_isatty(FILE *stream);

#endif
