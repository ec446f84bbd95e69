/* SPDX-License-Identifier: MIT */
/*
 * What the report shows of one commit, read from the store once: the
 * summary, every file's coverage merged over the commit's coverage runs
 * (and, where there are several runs, the lines hit in some and missed in
 * others), its mutants, and every test's result.  The pages are written
 * from this alone, so any commit can be rendered.
 */
#ifndef ASSAY_REPORT_DATA_H
#define ASSAY_REPORT_DATA_H

#include "covset.h"
#include "diffcat.h"
#include "err.h"
#include "gitdiff.h"
#include "patchcov.h"
#include "model.h"
#include "store.h"
#include "summary.h"

#include <stddef.h>
#include <stdint.h>

enum rep_mutant_status { REP_SURVIVED = 0, REP_NO_COVERAGE, REP_TIMEOUT, REP_KILLED, REP_OTHER };

struct rep_mutant {
	unsigned line, col, end_line, end_col;
	enum rep_mutant_status status;
	char *status_name; /* as stored: "survived", "equivalent", ... */
	char *op, *original, *replacement, *function, *killed_by, *key;
	char *reason;        /* why it was ignored or is equivalent; NULL: none */
	const char **covered; /* the tests that reached it (mutation_reach), owned by the model's reach_tests */
	size_t ncovered, acovered;
	int64_t duration_us; /* -1: unknown */
	long tests_run;      /* -1: unknown */
	int64_t id;          /* mutants.id */
};

/* A line with mutants, and the tests that reached any of them (mutation_reach). */
struct rep_reach {
	unsigned line;
	size_t ntests;
	const char *first[3]; /* the first tests by name; owned by the model's reach_tests */
	size_t nfirst;
	size_t seen;          /* while loading: the last test counted, plus 1 */
};

/* A line hit in some of the commit's coverage runs and missed in others. */
struct rep_flaky_line {
	unsigned line;
	unsigned hit_runs, in_runs;
};

/* A coverage run's row of a file, read when its lines are shown (rep_file_coverage). */
struct rep_covrow {
	int64_t run_id, file_id;
};

struct rep_file {
	/*
	 * Merged over the commit's coverage runs; owned by the model's covset.
	 * Its totals are always there; its lines, branches and functions only
	 * once rep_file_coverage() decoded them (all of them, with a base or
	 * several runs).
	 */
	const assay_filecov *cov;
	size_t cov_index;           /* in the covset */
	struct rep_covrow *rows;    /* one a coverage run that has the file, newest run first */
	size_t nrows, arows;
	uint64_t cov_digest;        /* of the rows' content: the coverage its pages are keyed by */
	int decoded;
	struct rep_mutant *mutants; /* by line, then column */
	size_t nmutants, amutants;
	size_t survived, killed, no_coverage; /* killed counts timeouts too */
	struct rep_flaky_line *flaky;
	size_t nflaky, aflaky;
	struct rep_reach *reach; /* by line: only lines some test reached, when the run measured it */
	size_t nreach;
	char *page; /* "f/NAME.html", the first of its pages */
	/* against the base: where the file was, and its lines by category (deleted ones included) */
	const assay_filecov *base;
	size_t cats[REP_CATS];
};

struct rep_test {
	char *name;    /* as assay_test_display_name() writes it */
	char *suite, *classname, *raw; /* its identity; raw is its own name, as mutate names a test */
	long kills;    /* mutants it killed, by the kill matrix (mutate --all-tests); -1: no matrix */
	long same_as;  /* a test whose kills include all of this one's (index in tests); -1: none */
	long flaky_fails, flaky_runs; /* in the commit's repeated runs; runs 0: none */
	enum assay_status status;
	int64_t duration_us; /* -1: unknown */
	char *message; /* assay_failure_text(), NULL when nothing to say */
};

struct rep_model {
	struct assay_summary sum; /* its coverage totals are the model's (ASSAY_SUMMARY_NO_COVERAGE) */
	assay_covset *cov;      /* merged over the commit's coverage runs */
	assay_store *st;        /* where rep_file_coverage() reads the rows */
	sqlite3_stmt *row_q;    /* its query, prepared once */
	struct rep_file *files; /* in path order */
	size_t nfiles;
	size_t ncoverage_runs;
	struct rep_test *tests; /* failures first, then by name */
	size_t ntests;
	int have_kills;         /* the mutation run has a kill matrix */
	char **reach_tests;     /* the tests of the mutation run's reach (per-test coverage), by name */
	size_t nreach_tests;
	size_t survived, killed, no_coverage, mutants; /* over every file */
	/* the differential view, when a base is given */
	int have_base;
	char *base_sha, *base_from;
	struct assay_summary base;
	assay_covset *base_cov; /* base.coverage, the base summary's */
	assay_changes changes;
	struct assay_patchcov patch;
	size_t cats[REP_CATS];  /* every file's, and the deleted files' */
	size_t deleted_files;
};

/* Read the commit commit_id's data; release with rep_model_release(), also after a failure. */
int rep_model_load(assay_store *st, int64_t commit_id, struct rep_model *m, assay_err *err);

/*
 * Add the differential view against the commit base_id (sha base_sha, found
 * as base_from says), from the diff of the two in the git work tree at root.
 */
int rep_model_load_base(assay_store *st, struct rep_model *m, int64_t base_id, const char *base_sha,
			const char *head_sha, const char *base_from, const char *root, assay_err *err);

/* Decode f's lines, branches and functions (once): a page that shows them asks first. */
int rep_file_coverage(struct rep_model *m, struct rep_file *f, assay_err *err);

/* The last line of f that the coverage or the categories speak of (f decoded). */
unsigned rep_file_last_line(const struct rep_model *m, const struct rep_file *f);
void rep_model_release(struct rep_model *m);

/* The file at path, or NULL. */
struct rep_file *rep_model_file(struct rep_model *m, const char *path);

#endif
