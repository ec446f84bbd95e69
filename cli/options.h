/* SPDX-License-Identifier: MIT */
/*
 * Declarative options for the front ends (after git's parse-options): one
 * table drives both parsing and the -h text, so they cannot disagree.
 *
 *   static const char *db; static int json;
 *   const struct assay_option opts[] = {
 *       ASSAY_OPT_STRING(0, "db", &db, "PATH", "the store (default: .assay/assay.db)"),
 *       ASSAY_OPT_BOOL(0, "json", &json, "machine-readable output"),
 *       ASSAY_OPT_END(),
 *   };
 *   int n = assay_options_parse(opts, argc, argv, &err);  // argv[1..n) now the operands
 *
 * Options and operands may be mixed; "--" ends the options, and everything
 * after it is an operand even if it starts with '-'.  -h and --help make
 * assay_options_parse() return ASSAY_OPTIONS_HELP.
 */
#ifndef ASSAY_OPTIONS_H
#define ASSAY_OPTIONS_H

#include "buf.h"
#include "err.h"

enum assay_option_type {
	ASSAY_OPTION_END = 0,
	ASSAY_OPTION_BOOL,   /* int *: set to 1 (--no-NAME sets 0) */
	ASSAY_OPTION_STRING, /* const char **: the argument (borrowed from argv) */
	ASSAY_OPTION_INT,    /* long *: a whole number */
	ASSAY_OPTION_DOUBLE, /* double * */
	ASSAY_OPTION_LIST,   /* struct assay_strlist *: repeatable, appended */
	ASSAY_OPTION_COUNT,  /* int *: incremented each time (-v -v) */
};

struct assay_option {
	enum assay_option_type type;
	char short_name;     /* 0: none */
	const char *long_name;
	void *value;
	const char *argh;    /* the argument's name in help ("PATH") */
	const char *help;
};

/* A growable list of borrowed strings, for repeatable options. */
struct assay_strlist {
	const char **items;
	size_t n, alloc;
};
void assay_strlist_push(struct assay_strlist *l, const char *s);
void assay_strlist_release(struct assay_strlist *l);

#define ASSAY_OPT_BOOL(s, l, v, h) { ASSAY_OPTION_BOOL, (s), (l), (v), NULL, (h) }
#define ASSAY_OPT_COUNT(s, l, v, h) { ASSAY_OPTION_COUNT, (s), (l), (v), NULL, (h) }
#define ASSAY_OPT_STRING(s, l, v, a, h) { ASSAY_OPTION_STRING, (s), (l), (v), (a), (h) }
#define ASSAY_OPT_INT(s, l, v, a, h) { ASSAY_OPTION_INT, (s), (l), (v), (a), (h) }
#define ASSAY_OPT_DOUBLE(s, l, v, a, h) { ASSAY_OPTION_DOUBLE, (s), (l), (v), (a), (h) }
#define ASSAY_OPT_LIST(s, l, v, a, h) { ASSAY_OPTION_LIST, (s), (l), (v), (a), (h) }
#define ASSAY_OPT_END() { ASSAY_OPTION_END, 0, NULL, NULL, NULL, NULL }

#define ASSAY_OPTIONS_HELP 0 /* never an operand count, which is at least 1 */

/*
 * Parse argv[1..argc) against opts.  Operands are moved, in order, to
 * argv[1..n) and n is returned (so argv[0] stays the program name); -h or
 * --help returns ASSAY_OPTIONS_HELP; a bad option is -ASSAY_EUSAGE with err
 * naming it.  With stop_at_operand, the first operand ends option parsing
 * (for "CMD -- args" and subcommands).
 */
int assay_options_parse(const struct assay_option *opts, int argc, char **argv,
			int stop_at_operand, assay_err *err);

/*
 * The one of names[0..n) that word[0..len) was most likely meant to be: one
 * it is a prefix of, or one a few edits away (a third of its length);
 * NULL when none is near.  For "did you mean" after an unknown name.
 */
const char *assay_did_you_mean(const char *word, size_t len, const char *const *names, size_t n);

/* "usage: LINE\n\n" and one aligned line per option, into out. */
void assay_options_usage(assay_buf *out, const char *usage, const struct assay_option *opts);

#endif
