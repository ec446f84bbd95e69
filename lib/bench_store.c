/* SPDX-License-Identifier: MIT */
#include "bench_store.h"
#include "mem.h"
#include "proc.h"
#include "stats.h"
#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bench_data_release(bench_data *d)
{
	for (size_t i = 0; i < d->n; i++)
		bench_series_data_release(&d->v[i]);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

struct bench_series_data *bench_data_find(bench_data *d, int64_t id)
{
	/* d->v is ordered by id: binary search */
	size_t lo = 0, hi = d->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n && d->v[lo].id == id ? &d->v[lo] : NULL;
}

static int cmp_series_id(const void *a, const void *b)
{
	int64_t x = ((const struct bench_series_data *)a)->id, y = ((const struct bench_series_data *)b)->id;
	return (x > y) - (x < y);
}

int bench_db_load_commit(assay_store *st, int64_t commit_id, bench_data *out, assay_err *err)
{
	/* no ORDER BY: sorting every sample costs n log n; rows are put in their
	 * series through a table indexed by benchmark id instead, and only the
	 * series (a few per benchmark) are sorted */
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT s.benchmark_id, s.value, b.name, b.metric, b.unit, b.bigger_is_better, "
		"       b.is_primary, b.threshold "
		"FROM runs r JOIN samples s ON s.run_id = r.id JOIN benchmarks b ON b.id = s.benchmark_id "
		"WHERE r.commit_id = ? AND r.kind = 'bench'", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, commit_id);
	size_t *slot = NULL, nslot = 0; /* benchmark id -> index in out->v, plus one */
	size_t first = out->n;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		if ((size_t)id >= nslot) {
			size_t want = (size_t)id * 2 + 16;
			slot = assay_xrealloc(slot, want * sizeof(*slot));
			memset(slot + nslot, 0, (want - nslot) * sizeof(*slot));
			nslot = want;
		}
		if (!slot[id]) {
			ASSAY_GROW(out->v, out->alloc, out->n + 1);
			out->v[out->n] = (struct bench_series_data){
				.id = id,
				.name = assay_store_column_dup(s, 2),
				.metric = assay_store_column_dup(s, 3),
				.unit = assay_store_column_dup(s, 4),
				.bigger_is_better = sqlite3_column_int(s, 5),
				.primary = sqlite3_column_int(s, 6),
				.threshold = sqlite3_column_type(s, 7) == SQLITE_NULL
						     ? NAN
						     : sqlite3_column_double(s, 7),
			};
			slot[id] = ++out->n;
		}
		struct bench_series_data *cur = &out->v[slot[id] - 1];
		ASSAY_GROW(cur->values, cur->alloc, cur->n + 1);
		cur->values[cur->n++] = sqlite3_column_double(s, 1);
	}
	rc = rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "reading samples");
	sqlite3_finalize(s);
	free(slot);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v), cmp_series_id);
	return rc;
}

void bench_commit_release(struct bench_commit *c)
{
	free(c->sha);
	free(c->parent);
	free(c->branch);
	free(c->subject);
	memset(c, 0, sizeof(*c));
}

#define COMMIT_COLUMNS \
	"c.id, c.sha, c.parent_sha, c.branch, c.subject, " \
	"coalesce(c.time, (SELECT min(started_at) FROM runs WHERE commit_id = c.id), 0)"

/* 1 when the commit with id `id` (an SQL expression) has bench samples. */
#define HAS_SAMPLES(id) \
	"EXISTS (SELECT 1 FROM runs r JOIN samples s ON s.run_id = r.id " \
	"WHERE r.commit_id = " id " AND r.kind = 'bench')"

/* How far up from head a default base is looked for. */
#define BASE_MAX_STEPS 1000

static void read_commit(sqlite3_stmt *s, struct bench_commit *c)
{
	c->id = sqlite3_column_int64(s, 0);
	c->sha = assay_store_column_dup(s, 1);
	c->parent = assay_store_column_dup(s, 2);
	c->branch = assay_store_column_dup(s, 3);
	c->subject = assay_store_column_dup(s, 4);
	c->time = sqlite3_column_int64(s, 5);
}

int bench_db_find_commit(assay_store *st, const char *rev, struct bench_commit *out,
			 assay_err *err)
{
	memset(out, 0, sizeof(*out));
	int64_t id;
	int rc = assay_summary_find_commit(st, rev, &id, err);
	if (rc < 0)
		return rc;
	sqlite3_stmt *s;
	if ((rc = assay_store_prepare(st, &s, "SELECT " COMMIT_COLUMNS " FROM commits c WHERE c.id = ?",
				      err)) < 0)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_commit(s, out);
	rc = rc == SQLITE_ROW ? 0 : assay_store_error(st, err, "looking up a commit");
	sqlite3_finalize(s);
	return rc;
}

/* The commit sha names, if it has bench samples: 1 with *out set, 0 when not. */
static int with_samples(sqlite3_stmt *s, assay_store *st, const char *sha, struct bench_commit *out,
			assay_err *err)
{
	sqlite3_reset(s);
	assay_store_bind_text(s, 1, sha);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_commit(s, out);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "looking for a base");
}

/*
 * Up head's first parents as git knows them: the commits in between need
 * not be in the store at all (nothing was ever ingested for them).
 * -ASSAY_ENOTFOUND when git cannot say (no repository, or not this one).
 */
static int base_by_git(assay_store *st, const struct bench_commit *head, struct bench_commit *out,
		       int *steps, assay_err *err)
{
	char *list = NULL, max[32];
	assay_err ignored = ASSAY_ERR_INIT;
	snprintf(max, sizeof(max), "--max-count=%d", BASE_MAX_STEPS + 1);
	const char *args[] = { "rev-list", "--first-parent", max, "--end-of-options", head->sha, "--", NULL };
	if (assay_git(&list, NULL, args, &ignored) < 0) {
		free(list);
		return -ASSAY_ENOTFOUND;
	}
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT " COMMIT_COLUMNS " FROM commits c WHERE c.sha = ? AND " HAS_SAMPLES("c.id"), err);
	/* the first line is head itself */
	char *line = list, *next;
	for (int k = 0; rc == 0 && line && *line; k++, line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (k > 0 && (rc = with_samples(s, st, line, out, err)) == 1)
			*steps = k;
	}
	sqlite3_finalize(s);
	free(list);
	return rc;
}

/* Up the parent shas the store holds, while each commit is there. */
static int base_by_store(assay_store *st, const struct bench_commit *head, struct bench_commit *out,
			 int *steps, assay_err *err)
{
	if (!head->parent)
		return 0;
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"WITH RECURSIVE up(id, parent, depth, has) AS ("
		"  SELECT c.id, c.parent_sha, 1, " HAS_SAMPLES("c.id") " FROM commits c WHERE c.sha = ?1"
		"  UNION ALL"
		"  SELECT c.id, c.parent_sha, up.depth + 1, " HAS_SAMPLES("c.id")
		"  FROM up JOIN commits c ON c.sha = up.parent WHERE NOT up.has AND up.depth < ?2) "
		"SELECT " COMMIT_COLUMNS ", up.depth FROM up JOIN commits c ON c.id = up.id WHERE up.has "
		"ORDER BY up.depth LIMIT 1", err);
	if (rc < 0)
		return rc;
	assay_store_bind_text(s, 1, head->parent);
	sqlite3_bind_int(s, 2, BASE_MAX_STEPS);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		read_commit(s, out);
		*steps = sqlite3_column_int(s, 6);
	}
	rc = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "looking for a base");
	sqlite3_finalize(s);
	return rc;
}

int bench_db_find_base(assay_store *st, const struct bench_commit *head, struct bench_commit *out,
		       int *steps, assay_err *err)
{
	memset(out, 0, sizeof(*out));
	*steps = 0;
	int rc = base_by_git(st, head, out, steps, err);
	return rc == -ASSAY_ENOTFOUND ? base_by_store(st, head, out, steps, err) : rc;
}

int bench_db_commits(assay_store *st, const char *branch, int64_t until, int64_t until_id,
		     size_t limit, struct bench_commit **out, size_t *n, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT * FROM (SELECT " COMMIT_COLUMNS " AS t FROM commits c "
		"  WHERE (?1 IS NULL OR c.branch = ?1) AND " HAS_SAMPLES("c.id") ") "
		"WHERE ?2 = 0 OR t < ?2 OR (t = ?2 AND id <= ?3) "
		"ORDER BY t DESC, id DESC LIMIT ?4", err);
	if (rc < 0)
		return rc;
	assay_store_bind_text(s, 1, branch);
	sqlite3_bind_int64(s, 2, until);
	sqlite3_bind_int64(s, 3, until_id);
	sqlite3_bind_int64(s, 4, limit ? (int64_t)limit : -1);
	struct bench_commit *v = NULL;
	size_t cnt = 0, alloc = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ASSAY_GROW(v, alloc, cnt + 1);
		read_commit(s, &v[cnt++]);
	}
	rc = rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "listing commits");
	sqlite3_finalize(s);
	/* newest first from the query; oldest first for the caller */
	for (size_t i = 0; i < cnt / 2; i++) {
		struct bench_commit t = v[i];
		v[i] = v[cnt - 1 - i];
		v[cnt - 1 - i] = t;
	}
	*out = v;
	*n = cnt;
	return rc;
}

int bench_db_find_series(assay_store *st, const char *name, const char *metric,
			 struct bench_series_data *out, assay_err *err)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT id, name, metric, unit, bigger_is_better, is_primary, threshold FROM benchmarks "
		"WHERE name = ?1 AND (?2 IS NULL OR metric = ?2) ORDER BY is_primary DESC, id LIMIT 1", err);
	if (rc < 0)
		return rc;
	assay_store_bind_text(s, 1, name);
	assay_store_bind_text(s, 2, metric);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = (struct bench_series_data){
			.id = sqlite3_column_int64(s, 0),
			.name = assay_store_column_dup(s, 1),
			.metric = assay_store_column_dup(s, 2),
			.unit = assay_store_column_dup(s, 3),
			.bigger_is_better = sqlite3_column_int(s, 4),
			.primary = sqlite3_column_int(s, 5),
			.threshold = sqlite3_column_type(s, 6) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 6),
		};
	rc = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "looking up a benchmark");
	sqlite3_finalize(s);
	return rc;
}

void bench_series_data_release(struct bench_series_data *d)
{
	free(d->name);
	free(d->metric);
	free(d->unit);
	free(d->values);
	memset(d, 0, sizeof(*d));
}

int bench_db_medians(assay_store *st, int64_t series, const struct bench_commit *commits,
		     size_t nc, struct bench_point *out, size_t *np, assay_err *err)
{
	*np = 0;
	sqlite3_stmt *s;
	/*
	 * CROSS JOIN keeps runs first, through runs_commit then samples_run, so
	 * only those commits' samples are read (left to itself, SQLite reads all
	 * of the series' samples through samples_benchmark for each commit)
	 */
	int rc = assay_store_prepare(st, &s,
		"SELECT s.value FROM runs r CROSS JOIN samples s ON s.run_id = r.id AND s.benchmark_id = ?1 "
		"WHERE r.commit_id = ?2 AND r.kind = 'bench'", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, series);
	double *vals = NULL;
	size_t alloc = 0;
	for (size_t k = 0; k < nc && rc == 0; k++) {
		size_t n = 0;
		sqlite3_bind_int64(s, 2, commits[k].id);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			ASSAY_GROW(vals, alloc, n + 1);
			vals[n++] = sqlite3_column_double(s, 0);
		}
		rc = rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "reading samples");
		sqlite3_reset(s);
		if (rc == 0 && n)
			out[(*np)++] = (struct bench_point){ k, assay_stats_median_inplace(vals, n), n };
	}
	sqlite3_finalize(s);
	free(vals);
	return rc;
}
