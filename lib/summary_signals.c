/* SPDX-License-Identifier: MIT */
/*
 * The signals of a summary besides the tests: coverage merged over its
 * runs, the mutation score, flaky tests and benchmarks.
 */
#include "summary_impl.h"
#include "covread.h"
#include "covblob.h"
#include "covset.h"
#include "mem.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>

/* Line coverage as a fraction, for ordering: a file with no lines sorts after all others. */
static double line_frac(const struct assay_summary_file *f)
{
	return f->lines_found ? (double)f->lines_hit / (double)f->lines_found : 2.0;
}

/* Worst first: the lowest line coverage, then the most lines missed, then by path. */
static int worst_first(const void *a, const void *b)
{
	const struct assay_summary_file *x = a, *y = b;
	double fx = line_frac(x), fy = line_frac(y);
	if (fx != fy)
		return fx < fy ? -1 : 1;
	uint64_t mx = x->lines_found - x->lines_hit, my = y->lines_found - y->lines_hit;
	if (mx != my)
		return mx > my ? -1 : 1;
	return strcmp(x->path, y->path);
}

void assay_summary_add_coverage(struct assay_summary *s, const assay_filecov *f)
{
	s->lines_found += f->lines_found;
	s->lines_hit += f->lines_hit;
	s->branches_found += f->branches_found;
	s->branches_hit += f->branches_hit;
	s->functions_found += f->functions_found;
	s->functions_hit += f->functions_hit;
}

/*
 * One run's coverage is what its rows say; several runs' (matrix entries)
 * merge as one producer's inputs merge, hits adding up line by line, so a
 * file two jobs cover is counted once.
 */
int assay_summary_load_coverage(assay_store *st, struct assay_summary *s, unsigned flags,
				assay_err *err)
{
	if (!s->coverage_runs.n) {
		if (flags & ASSAY_SUMMARY_KEEP_COVERAGE)
			s->coverage = assay_covset_new();
		return 0;
	}
	assay_covset *cs = assay_covset_new();
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < s->coverage_runs.n; i++)
		rc = assay_coverage_decode_run(st, s->coverage_runs.ids[i], cs, err);
	if (rc < 0) {
		assay_covset_free(cs);
		return rc;
	}
	assay_covset_finalize(cs);
	size_t n = assay_covset_count(cs);
	s->files = (long)n;
	if (flags & ASSAY_SUMMARY_FILES)
		s->file_list = assay_xcalloc(n ? n : 1, sizeof(*s->file_list));
	for (size_t i = 0; i < n; i++) {
		const assay_filecov *f = assay_covset_at(cs, i);
		assay_summary_add_coverage(s, f);
		if (!s->file_list)
			continue;
		struct assay_summary_file *o = &s->file_list[s->nfile_list++];
		o->path = assay_xstrdup(f->path);
		o->lines_found = f->lines_found;
		o->lines_hit = f->lines_hit;
		o->branches_found = f->branches_found;
		o->branches_hit = f->branches_hit;
		o->functions_found = f->functions_found;
		o->functions_hit = f->functions_hit;
	}
	if (s->file_list)
		qsort(s->file_list, s->nfile_list, sizeof(*s->file_list), worst_first);
	if (flags & ASSAY_SUMMARY_KEEP_COVERAGE)
		s->coverage = cs;
	else
		assay_covset_free(cs);
	return 0;
}

/*
 * The newest mutation run (of the commit, or the run asked for): its
 * mutants by verdict.  Counted from its mutations, so a run that stopped
 * early says what it really found.
 */
int assay_summary_load_mutation(assay_store *st, struct assay_summary *s, assay_err *err)
{
	sqlite3_stmt *q;
	int rc = assay_store_prepare(st, &q, s->run
		? "SELECT run_id, coalesce(shard_k, 0), coalesce(shard_n, 0), state = 'partial',"
		  " coalesce(selected, 0), coalesce(done, 0) FROM mutation_runs WHERE run_id = ?1"
		: "SELECT m.run_id, coalesce(m.shard_k, 0), coalesce(m.shard_n, 0), m.state = 'partial',"
		  " coalesce(m.selected, 0), coalesce(m.done, 0) FROM mutation_runs m "
		  "JOIN runs r ON r.id = m.run_id WHERE r.commit_id = ?1 ORDER BY m.run_id DESC LIMIT 1", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(q, 1, s->run ? s->run : s->commit_id);
	if (sqlite3_step(q) == SQLITE_ROW) {
		s->mutation_run = sqlite3_column_int64(q, 0);
		s->shard_k = sqlite3_column_int(q, 1);
		s->shard_n = sqlite3_column_int(q, 2);
		s->mutation_partial = sqlite3_column_int(q, 3);
		s->mutation_selected = sqlite3_column_int(q, 4);
		s->mutation_done = sqlite3_column_int(q, 5);
	}
	sqlite3_finalize(q);
	if (!s->mutation_run)
		return 0;
	if ((rc = assay_store_prepare(st, &q, "SELECT status, count(*) FROM mutations WHERE run_id = ? "
					      "GROUP BY status", err)) < 0)
		return rc;
	sqlite3_bind_int64(q, 1, s->mutation_run);
	while (sqlite3_step(q) == SQLITE_ROW) {
		const char *st_name = (const char *)sqlite3_column_text(q, 0);
		long n = sqlite3_column_int(q, 1);
		if (!strcmp(st_name, "killed"))
			s->killed += n;
		else if (!strcmp(st_name, "survived"))
			s->survived += n;
		else if (!strcmp(st_name, "no_coverage"))
			s->no_coverage += n;
		else if (!strcmp(st_name, "timeout"))
			s->timeout += n;
		else
			s->other_mutants += n;
	}
	sqlite3_finalize(q);
	return 0;
}

/*
 * The commit's flaky runs, each a repetition of the same tests on the same
 * code: a test that passed in one and failed in another is flaky.
 */
int assay_summary_load_flaky(assay_store *st, struct assay_summary *s, size_t top, assay_err *err)
{
	int rc = assay_summary_run_ids(st,
		"SELECT id FROM runs WHERE commit_id = ?1 AND kind = 'flaky' ORDER BY id DESC",
		s->commit_id, &s->flaky_runs, err);
	if (rc < 0 || !s->flaky_runs.n)
		return rc;
	sqlite3_stmt *q;
	rc = assay_store_prepare(st, &q,
		"WITH per AS (SELECT test_id, sum(status IN ('fail', 'error')) AS fails,"
		" sum(status <> 'skip') AS ran, sum(status = 'pass') AS passes FROM results"
		" WHERE run_id IN (SELECT id FROM runs WHERE commit_id = ?1 AND kind = 'flaky')"
		" AND final = 1 GROUP BY test_id)"
		" SELECT t.suite, t.classname, t.name, p.fails, p.ran, p.passes,"
		" (SELECT count(*) FROM per) FROM per p JOIN tests t ON t.id = p.test_id"
		" ORDER BY p.fails > 0 AND p.passes > 0 DESC, p.fails DESC, t.suite, t.classname, t.name", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(q, 1, s->commit_id);
	size_t alloc = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		s->flaky_tests_seen = sqlite3_column_int(q, 6);
		long fails = sqlite3_column_int(q, 3), passes = sqlite3_column_int(q, 5);
		if (!fails || !passes)
			break; /* the flaky ones come first */
		s->nflaky_total++;
		if (s->nflaky >= top)
			continue;
		ASSAY_GROW(s->flaky, alloc, s->nflaky + 1);
		struct assay_summary_flaky *f = &s->flaky[s->nflaky++];
		f->suite = assay_store_column_dup(q, 0);
		f->classname = assay_store_column_dup(q, 1);
		f->name = assay_store_column_dup(q, 2);
		f->fails = fails;
		f->runs = sqlite3_column_int(q, 4);
	}
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "reading flaky runs");
	sqlite3_finalize(q);
	return rc;
}

/* A new series from q's row; its median comes when its samples are all read. */
static void bench_add(struct assay_summary *s, size_t *alloc, size_t *ralloc, sqlite3_stmt *q)
{
	ASSAY_GROW(s->bench, *alloc, s->nbench + 1);
	struct assay_summary_bench *b = &s->bench[s->nbench++];
	b->name = assay_store_column_dup(q, 0);
	b->metric = assay_store_column_dup(q, 1);
	b->unit = assay_store_column_dup(q, 2);
	b->run = sqlite3_column_int64(q, 3);
	for (size_t i = 0; i < s->bench_runs.n; i++)
		if (s->bench_runs.ids[i] == b->run)
			return;
	ASSAY_GROW(s->bench_runs.ids, *ralloc, s->bench_runs.n + 1);
	s->bench_runs.ids[s->bench_runs.n++] = b->run;
}

static int newest_first(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x < y) - (x > y);
}

/*
 * Each primary series (wall, real_time, value...) in the newest of the
 * commit's bench runs that measured it (or in the run asked for): its
 * median and how many samples it is of.
 */
int assay_summary_load_bench(assay_store *st, struct assay_summary *s, assay_err *err)
{
	static const char one_run[] =
		"SELECT b.name, b.metric, b.unit, x.run_id, x.value, b.id FROM samples x"
		" JOIN benchmarks b ON b.id = x.benchmark_id WHERE x.run_id = ?1 AND b.is_primary = 1"
		" ORDER BY b.name, b.metric, b.id";
	static const char of_commit[] =
		"WITH newest AS (SELECT x.benchmark_id AS bid, max(x.run_id) AS rid FROM samples x"
		" JOIN runs r ON r.id = x.run_id WHERE r.commit_id = ?1 AND r.kind = 'bench'"
		" GROUP BY x.benchmark_id)"
		" SELECT b.name, b.metric, b.unit, x.run_id, x.value, b.id FROM newest n"
		" JOIN benchmarks b ON b.id = n.bid JOIN samples x ON x.benchmark_id = n.bid AND x.run_id = n.rid"
		" WHERE b.is_primary = 1 ORDER BY b.name, b.metric, b.id";
	sqlite3_stmt *q;
	int rc = assay_store_prepare(st, &q, s->run ? one_run : of_commit, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(q, 1, s->run ? s->run : s->commit_id);
	double *v = NULL;
	size_t n = 0, valloc = 0, alloc = 0, ralloc = 0;
	int64_t cur = -1;
	/* one pass, the rows a series at a time: a series ends where the next begins */
	for (;;) {
		int step = sqlite3_step(q);
		int64_t id = step == SQLITE_ROW ? sqlite3_column_int64(q, 5) : -1;
		if (cur >= 0 && id != cur) {
			struct assay_summary_bench *b = &s->bench[s->nbench - 1];
			b->median = assay_stats_median(v, n);
			b->samples = (long)n;
			n = 0;
		}
		if (step != SQLITE_ROW) {
			rc = step == SQLITE_DONE ? 0 : assay_store_error(st, err, "reading benchmarks");
			break;
		}
		if (id != cur)
			bench_add(s, &alloc, &ralloc, q);
		cur = id;
		ASSAY_GROW(v, valloc, n + 1);
		v[n++] = sqlite3_column_double(q, 4);
	}
	sqlite3_finalize(q);
	free(v);
	if (s->bench_runs.n > 1)
		qsort(s->bench_runs.ids, s->bench_runs.n, sizeof(*s->bench_runs.ids), newest_first);
	return rc;
}
