/* SPDX-License-Identifier: MIT */
/*
 * The records of one mutation run, shared by the mutate/ modules.
 *
 * Ownership: a mut_project owns its files, sites and mutants and every
 * string in them; mut_project_release() frees it all.  Offsets are byte
 * offsets into the file's original text; ranges are half-open [start, end).
 */
#ifndef ASSAY_MUTATE_MUTANT_H
#define ASSAY_MUTATE_MUTANT_H

#include <stddef.h>
#include <stdint.h>

/* A mutant's status, in the store's words (mut_status_name). */
enum mut_status {
	MUT_PENDING = 0,
	MUT_KILLED,
	MUT_SURVIVED,
	MUT_NO_COVERAGE,
	MUT_TIMEOUT,
	MUT_COMPILE_ERROR,
	MUT_RUNTIME_ERROR,
	MUT_IGNORED,
	MUT_EQUIVALENT,
	MUT_DUPLICATE,
	MUT_NSTATUS
};

const char *mut_status_name(enum mut_status s);
int mut_status_parse(const char *name); /* -1 when unknown */

/*
 * How a site is written into the schemata source.  EXPR: the expression
 * becomes a chain of ternaries on the active id; VOIDEXPR: the same, for a
 * call whose value is unused (every arm cast to void); JUMP: a break or
 * continue that runs only while its mutant is inactive.
 */
enum mut_site_kind { MUT_SITE_EXPR = 0, MUT_SITE_VOIDEXPR, MUT_SITE_JUMP };

/*
 * Holes in a replacement: the (rendered) text of the edited range [start,
 * end), and of what lies left and right of it within [rstart, rend).  A
 * binary operator's mutant replaces the whole expression with
 * "(\x02) op (\x03)": the operands keep their grouping whatever the new
 * operator's precedence (a || b || c with its last || made && must stay
 * (a || b) && c, not a || (b && c)).
 */
#define MUT_HOLE '\x01'
#define MUT_HOLE_L '\x02'
#define MUT_HOLE_R '\x03'

typedef struct mut_site {
	unsigned start, end;  /* the expression or statement the mutants sit in */
	enum mut_site_kind kind;
	int gid;              /* project-wide site number (coverage traces name it) */
	size_t first, n;      /* its mutants: project->mutants[first .. first+n) */
	int hit;              /* reached by some test in the coverage pass */
} mut_site;

typedef struct mut_mutant {
	int id;                /* 1-based; the value of ASSAY_MUTANT that activates it */
	size_t file, site;     /* indexes into the project and the file's sites */
	const char *op;        /* operator short name (static) */
	unsigned start, end;   /* the edited range (an operator token, an expression) */
	unsigned rstart, rend; /* the range the replacement takes the place of (holds [start, end)) */
	char *replacement;     /* what replaces [rstart, rend), with holes (MUT_HOLE...) */
	char *original;        /* the edited range's original text */
	char *mutated;         /* the edited range after the mutation, for people */
	unsigned line, col, end_line, end_col; /* 1-based, end exclusive */
	char key[33];          /* stable across commits that leave the function alone */
	char *func;            /* enclosing function */
	int fallback;          /* 1: cannot go into the schemata build; rebuilt alone */

	/* results */
	enum mut_status status;
	char *killed_by;       /* test name, NULL if none */
	char *reason;          /* why (timeout, compile error, equivalence note), NULL if none */
	int64_t duration_us;   /* time spent running tests on it */
	int tests_run;
	int reused;            /* 1: taken over from an earlier run of the same key */
	int64_t reused_from;   /* the run the result was taken over from (its mutation_reach says who reached it) */
	int selected;          /* 1: in this run (after --since, --shard, --operators) */
	char **kills;          /* --all-tests: every test that failed on it */
	size_t nkills;
} mut_mutant;

typedef struct mut_file {
	char *path;     /* absolute, as in compile_commands.json */
	char *rel;      /* repo-relative: the store's and the reports' name */
	char *text;     /* the original source */
	size_t len;
	size_t entry;   /* its compile_commands.json entry (the same in the scratch copy's) */
	mut_site *sites;
	size_t nsites, alloc_sites;
} mut_file;

typedef struct mut_project {
	mut_file *files;
	size_t nfiles, alloc_files;
	mut_mutant *mutants;
	size_t nmutants, alloc_mutants;
	int nsites; /* gids handed out */
} mut_project;

void mut_project_init(mut_project *p);
void mut_project_release(mut_project *p);

/* Text of the mutated range for people: the replacement with MUT_HOLE filled, the others empty. */
char *mut_mutated_text(const char *replacement, const char *original);

#endif
