/* SPDX-License-Identifier: MIT */
/*
 * Benchmarks in the store, read back per commit: the samples that `bench
 * compare` and `bench history` (and a gate) judge.  Writing a bench_set
 * is bench/save.c's.
 */
#ifndef ASSAY_BENCH_STORE_H
#define ASSAY_BENCH_STORE_H

#include "err.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>

/* One series' samples at one commit. */
struct bench_series_data {
	int64_t id;
	char *name, *metric, *unit;
	int bigger_is_better, primary;
	double threshold; /* NAN: none of its own */
	double *values;
	size_t n, alloc;
};

typedef struct bench_data {
	struct bench_series_data *v; /* ordered by benchmark id */
	size_t n, alloc;
} bench_data;

void bench_data_release(bench_data *d);

/* All bench samples of the commit with id commit_id (every bench run of it). */
int bench_db_load_commit(assay_store *st, int64_t commit_id, bench_data *out, assay_err *err);

/* The series with this id in d, or NULL. */
struct bench_series_data *bench_data_find(bench_data *d, int64_t id);

/* A commit of the store. */
struct bench_commit {
	int64_t id;
	char *sha, *parent, *branch, *subject;
	int64_t time; /* commit time, else its first run's start */
};

void bench_commit_release(struct bench_commit *c);

/*
 * The commit rev names, as assay_summary_find_commit() finds it: a sha, a
 * unique prefix of at least 4 hex digits, or what git makes of rev in the
 * current directory (a branch, HEAD~2).  Not in the store: -ASSAY_ENOTFOUND.
 */
int bench_db_find_commit(assay_store *st, const char *rev, struct bench_commit *out,
			 assay_err *err);

/*
 * BASE by default: the nearest first-parent ancestor of head with bench
 * samples, at most 1000 commits up.  The ancestors are git's (`git
 * rev-list --first-parent` in the current directory), so commits never
 * ingested are walked past; where git does not know head, the parent
 * shas the store holds.  1 with *out set and *steps the commits between
 * (1: head's parent), 0 when there is none, negative on error.
 */
int bench_db_find_base(assay_store *st, const struct bench_commit *head, struct bench_commit *out,
		       int *steps, assay_err *err);

/*
 * The commits with bench samples on branch (NULL: any), oldest first, up
 * to and including the one at time `until` and id `until_id` (0: no
 * limit); at most `limit` of the newest (0: all).  *out is a new array of
 * *n commits: release each and free() it.
 */
int bench_db_commits(assay_store *st, const char *branch, int64_t until, int64_t until_id,
		     size_t limit, struct bench_commit **out, size_t *n, assay_err *err);

/*
 * The benchmark called name (its main metric when metric is NULL) in *out,
 * without samples (release with bench_series_data_release()).  1 when
 * found, 0 when not, negative on error.
 */
int bench_db_find_series(assay_store *st, const char *name, const char *metric,
			 struct bench_series_data *out, assay_err *err);
void bench_series_data_release(struct bench_series_data *d);

/* A series' median at one commit. */
struct bench_point {
	size_t commit; /* index in the commits asked about */
	double median;
	size_t n;      /* samples */
};

/*
 * The median of series at each of commits[0..nc) that has samples of it,
 * in the order given, reading only those commits' samples; out has room
 * for nc points, *np says how many there are.
 */
int bench_db_medians(assay_store *st, int64_t series, const struct bench_commit *commits,
		     size_t nc, struct bench_point *out, size_t *np, assay_err *err);

#endif
