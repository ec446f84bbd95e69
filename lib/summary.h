/* SPDX-License-Identifier: MIT */
/*
 * What a run (or a commit) amounts to: test counts by status, total and
 * slowest durations, failures, coverage totals (and per file), mutation
 * score, flaky tests and benchmarks, each with the runs it came from.
 * Read from the store; shown by `assay show`, and the basis of reports and
 * gates.
 */
#ifndef ASSAY_SUMMARY_H
#define ASSAY_SUMMARY_H

#include "covset.h"
#include "err.h"
#include "model.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>

struct assay_summary_test {
	char *suite, *classname, *name;
	enum assay_status status;
	int64_t duration_us; /* -1: unknown */
	char *message;       /* what the failure says (assay_failure_text, 10 lines), NULL if nothing */
	int64_t run;         /* the run it is from */
};

/* A file's coverage, merged over the coverage runs. */
struct assay_summary_file {
	char *path;
	uint64_t lines_found, lines_hit, branches_found, branches_hit, functions_found, functions_hit;
};

/* A test that passed and failed in the commit's flaky runs (repetitions). */
struct assay_summary_flaky {
	char *suite, *classname, *name;
	long fails, runs; /* repetitions it failed in, of those it ran in (skips not counted) */
};

/* A benchmark's primary series: its median in the newest run that measured it. */
struct assay_summary_bench {
	char *name, *metric, *unit;
	double median;
	long samples;
	int64_t run;
};

/* A list of run ids, newest first. */
struct assay_summary_runs {
	int64_t *ids;
	size_t n;
};

struct assay_summary {
	char *commit, *branch, *subject;
	int64_t commit_time;
	int64_t commit_id;
	int64_t run;            /* the run asked for; 0 for a commit */
	/* tests: a commit's newest ingest run with results for each label and CI job */
	struct assay_summary_runs test_runs;
	int64_t tests_run;      /* the newest of them, 0 if none */
	long tests, by_status[4];
	long reruns;            /* earlier attempts (Surefire reruns) */
	int64_t duration_us;    /* sum of known durations */
	/* the commit's older ingest runs that newer ones of their label and job replaced */
	struct assay_summary_runs tests_replaced, coverage_replaced;
	/* coverage: likewise from ingest runs with coverage, merged (hits add up) */
	struct assay_summary_runs coverage_runs;
	int64_t coverage_run;   /* the newest of them, 0 if none */
	long files;
	uint64_t lines_found, lines_hit, branches_found, branches_hit, functions_found, functions_hit;
	struct assay_summary_file *file_list; /* with ASSAY_SUMMARY_FILES: worst line coverage first */
	assay_covset *coverage; /* with ASSAY_SUMMARY_KEEP_COVERAGE: the merged set, finalized (empty
	                         * without coverage runs); the summary's, freed by assay_summary_release */
	size_t nfile_list;
	struct assay_summary_test *slowest; /* by duration, at most `top` */
	size_t nslowest;
	struct assay_summary_test *failures; /* fail and error, in run order, at most `top` */
	size_t nfailures;
	/* mutation: the newest mutation run */
	int64_t mutation_run;   /* 0 if none */
	int shard_k, shard_n;   /* --shard K/N of that run; 0 when not sharded */
	int mutation_partial;   /* that run stopped before its end (mutation_runs.state) */
	long mutation_selected, mutation_done; /* of a partial run: mutants it was to try, and did */
	long killed, survived, no_coverage, timeout, other_mutants;
	/* flakiness: every flaky run (repetition) of the commit */
	struct assay_summary_runs flaky_runs;
	long flaky_tests_seen;  /* distinct tests the repetitions ran */
	long nflaky_total;      /* tests that passed and failed */
	struct assay_summary_flaky *flaky; /* the most failing first, at most `top` */
	size_t nflaky;
	/* benchmarks: every primary series the commit's bench runs measured */
	struct assay_summary_runs bench_runs;
	struct assay_summary_bench *bench; /* by name */
	size_t nbench;
};

/*
 * What a failed result has to say, for a person: the first `lines` lines
 * of its message when it has one (more than blanks), else the last `lines`
 * lines of its system_err, else of its system_out.  ctest writes <failure message=""/> and the
 * test's output in system-out, so the message alone would say nothing.
 * Blank lines at either end are dropped, and so is carriage return; the
 * text is at most ASSAY_FAILURE_TEXT_MAX bytes (its start cut, for a tail;
 * its end, for a message).  Returns a new string (free() it), or NULL when
 * there is nothing to say.  The text is the test's own: escape it to show it.
 */
#define ASSAY_FAILURE_TEXT_MAX 2000
char *assay_failure_text(const char *message, const char *system_out, const char *system_err,
			 int lines);

/*
 * The commit rev names, in *commit_id: a sha in the store, a unique prefix
 * of one (at least 4 hex digits), else what git makes of rev in the current
 * directory (a branch, a tag, HEAD~2).  Not in the store: -ASSAY_ENOTFOUND
 * (err says so); a prefix of several: -ASSAY_EUSAGE.
 */
int assay_summary_find_commit(assay_store *st, const char *rev, int64_t *commit_id,
			      assay_err *err);

/*
 * What TARGET names: a run id ("12"), a commit (as assay_summary_find_commit()
 * finds one), or NULL for the current commit: the one a run made here would
 * belong to (the CI's, else git's HEAD), else, where neither knows one, the
 * commit of the newest run.  For a commit, *run_out is 0 and *commit_out its id.
 */
int assay_summary_resolve(assay_store *st, const char *target, int64_t *run_out,
			  int64_t *commit_out, assay_err *err);
/*
 * The same, and for the current commit (target NULL) also the git work
 * tree's top in *toplevel (free() it), asked of git in the same call;
 * NULL when target names the commit or there is no work tree.
 */
int assay_summary_resolve_here(assay_store *st, const char *target, int64_t *run_out, int64_t *commit_out,
			       char **toplevel, assay_err *err);

/*
 * Summarise a run (run_id != 0: what it holds, whatever its kind) or a
 * commit (each signal from the runs of its kind, as struct assay_summary
 * says: tests never from a flaky repetition).  Lists keep at most `top`.
 * flags: ASSAY_SUMMARY_FILES fills file_list; ASSAY_SUMMARY_KEEP_COVERAGE keeps
 * the merged coverage (for a reader of every line, the report: decoded once).  Release with
 * assay_summary_release(), also after a failure.
 */
#define ASSAY_SUMMARY_FILES 1u
#define ASSAY_SUMMARY_KEEP_COVERAGE 2u
/* ASSAY_SUMMARY_NO_COVERAGE: find the coverage runs but leave their figures to the caller (the report reads them its own way) */
#define ASSAY_SUMMARY_NO_COVERAGE 4u
/* Count f's totals in s's coverage figures: what a caller of ASSAY_SUMMARY_NO_COVERAGE does for each file. */
void assay_summary_add_coverage(struct assay_summary *s, const assay_filecov *f);
int assay_summary_load(assay_store *st, int64_t run_id, int64_t commit_id, size_t top,
		       unsigned flags, struct assay_summary *out, assay_err *err);

void assay_summary_release(struct assay_summary *s);

/*
 * What the mutation score of s counts, the same everywhere it is shown or
 * judged: *detected the mutants killed or timed out, *scored those and the
 * survivors and the uncovered (the compile errors, ignored and equivalent
 * ones left out).  The score is detected / scored.
 */
void assay_summary_mutation_counts(const struct assay_summary *s, long *detected, long *scored);

#endif
