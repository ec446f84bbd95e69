/* SPDX-License-Identifier: MIT */
#include "data.h"
#include "covread.h"
#include "hashmap.h"
#include "mem.h"
#include "reachblob.h"

#include <stdlib.h>
#include <string.h>

static int by_path(const void *a, const void *b)
{
	const struct rep_file *x = a, *y = b;
	return strcmp(x->cov->path, y->cov->path);
}

struct rep_file *rep_model_file(struct rep_model *m, const char *path)
{
	size_t lo = 0, hi = m->nfiles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(m->files[mid].cov->path, path);
		if (c == 0)
			return &m->files[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The file at path in a finalized set, or NULL. */
static const assay_filecov *find_cov(assay_covset *cs, const char *path)
{
	size_t lo = 0, hi = assay_covset_count(cs);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const assay_filecov *f = assay_covset_at(cs, mid);
		int c = strcmp(f->path, path);
		if (c == 0)
			return f;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static enum rep_mutant_status status_of(const char *s)
{
	if (!strcmp(s, "survived"))
		return REP_SURVIVED;
	if (!strcmp(s, "no_coverage"))
		return REP_NO_COVERAGE;
	if (!strcmp(s, "timeout"))
		return REP_TIMEOUT;
	if (!strcmp(s, "killed"))
		return REP_KILLED;
	return REP_OTHER;
}

static int load_mutants(assay_store *st, struct rep_model *m, assay_err *err)
{
	if (!m->sum.mutation_run)
		return 0;
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT f.path, mu.line, mu.col, mu.end_line, mu.end_col, x.status, mu.operator, mu.original, "
		"mu.replacement, mu.function, x.killed_by, mu.key, x.reason, x.duration_us, x.tests_run, mu.id "
		"FROM mutations x "
		"JOIN mutants mu ON mu.id = x.mutant_id JOIN files f ON f.id = mu.file_id "
		"WHERE x.run_id = ? ORDER BY f.path, mu.line, mu.col, mu.key", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, m->sum.mutation_run);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct rep_file *f = rep_model_file(m, (const char *)sqlite3_column_text(s, 0));
		if (!f)
			continue; /* a file the coverage does not know: shown in the mutants' list only */
		ASSAY_GROW(f->mutants, f->amutants, f->nmutants + 1);
		struct rep_mutant *x = &f->mutants[f->nmutants++];
		memset(x, 0, sizeof(*x));
		x->line = (unsigned)sqlite3_column_int(s, 1);
		x->col = (unsigned)sqlite3_column_int(s, 2);
		x->end_line = (unsigned)sqlite3_column_int(s, 3);
		x->end_col = (unsigned)sqlite3_column_int(s, 4);
		x->status_name = assay_store_column_dup(s, 5);
		x->status = status_of(x->status_name);
		x->op = assay_store_column_dup(s, 6);
		x->original = assay_store_column_dup(s, 7);
		x->replacement = assay_store_column_dup(s, 8);
		x->function = assay_store_column_dup(s, 9);
		x->killed_by = assay_store_column_dup(s, 10);
		x->key = assay_store_column_dup(s, 11);
		x->reason = assay_store_column_dup(s, 12);
		x->duration_us = sqlite3_column_type(s, 13) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 13);
		x->tests_run = sqlite3_column_type(s, 14) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 14);
		x->id = sqlite3_column_int64(s, 15);
		f->survived += x->status == REP_SURVIVED;
		f->no_coverage += x->status == REP_NO_COVERAGE;
		f->killed += x->status == REP_KILLED || x->status == REP_TIMEOUT;
		m->mutants++;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return assay_store_error(st, err, "reading mutants");
	for (size_t i = 0; i < m->nfiles; i++) {
		m->survived += m->files[i].survived;
		m->killed += m->files[i].killed;
		m->no_coverage += m->files[i].no_coverage;
	}
	return 0;
}

/* A mutant of the run: where its line's reach is (file, and index in the file's reach). */
struct reach_at {
	int64_t id;
	size_t file, slot, mutant;
};

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct reach_at *)a)->id, y = ((const struct reach_at *)b)->id;
	return x < y ? -1 : x > y;
}

/*
 * The tests that reached each line with mutants (mutation_reach of the
 * mutation run): a line is reached by the tests that reached any mutant on
 * it.  Tests are read one at a time, in name order, each counted once a
 * line by its stamp, so memory stays one entry a line however many tests.
 * Lines no test reached are dropped: only where there is data is it shown.
 */
static int load_reach(assay_store *st, struct rep_model *m, assay_err *err)
{
	if (!m->sum.mutation_run || !m->mutants)
		return 0;
	struct reach_at *at = assay_xcalloc(m->mutants + 1, sizeof(*at));
	size_t nat = 0;
	for (size_t i = 0; i < m->nfiles; i++) {
		struct rep_file *f = &m->files[i];
		size_t alloc = 0;
		for (size_t k = 0; k < f->nmutants; k++) {
			if (!f->nreach || f->reach[f->nreach - 1].line != f->mutants[k].line) {
				ASSAY_GROW(f->reach, alloc, f->nreach + 1);
				memset(&f->reach[f->nreach], 0, sizeof(f->reach[0]));
				f->reach[f->nreach++].line = f->mutants[k].line;
			}
			at[nat++] = (struct reach_at){ f->mutants[k].id, i, f->nreach - 1, k };
		}
	}
	qsort(at, nat, sizeof(*at), by_id);
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, "SELECT test, mutants FROM mutation_reach WHERE run_id = ? ORDER BY test",
				     err);
	int64_t *ids = NULL;
	size_t nids = 0, aids = 0, atests = 0;
	int step = SQLITE_DONE;
	if (rc == 0)
		sqlite3_bind_int64(s, 1, m->sum.mutation_run);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		ASSAY_GROW(m->reach_tests, atests, m->nreach_tests + 1);
		const char *name = m->reach_tests[m->nreach_tests++] = assay_store_column_dup(s, 0);
		size_t stamp = m->nreach_tests;
		nids = 0;
		rc = assay_reachblob_decode(sqlite3_column_blob(s, 1), (size_t)sqlite3_column_bytes(s, 1), &ids, &nids,
					    &aids, err);
		for (size_t j = 0; rc == 0 && j < nids; j++) {
			struct reach_at key = { ids[j], 0, 0, 0 };
			const struct reach_at *a = nat ? bsearch(&key, at, nat, sizeof(*at), by_id) : NULL;
			if (!a)
				continue; /* a mutant in a file the coverage does not know */
			/* the mutant's own list, for the report schema's coveredBy */
			struct rep_mutant *x = &m->files[a->file].mutants[a->mutant];
			ASSAY_GROW(x->covered, x->acovered, x->ncovered + 1);
			x->covered[x->ncovered++] = name ? name : "";
			struct rep_reach *r = &m->files[a->file].reach[a->slot];
			if (r->seen == stamp)
				continue;
			r->seen = stamp;
			r->ntests++;
			if (r->nfirst < sizeof(r->first) / sizeof(r->first[0]))
				r->first[r->nfirst++] = name ? name : "";
		}
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = assay_store_error(st, err, "reading which tests reached which mutants");
	sqlite3_finalize(s);
	free(ids);
	free(at);
	for (size_t i = 0; i < m->nfiles; i++) {
		struct rep_file *f = &m->files[i];
		size_t kept = 0;
		for (size_t k = 0; k < f->nreach; k++)
			if (f->reach[k].ntests)
				f->reach[kept++] = f->reach[k];
		f->nreach = kept;
	}
	return rc;
}

/* Lines hit in some coverage runs and missed in others: each run decoded on its own. */
static int load_flaky(assay_store *st, struct rep_model *m, assay_err *err)
{
	size_t nruns = m->sum.coverage_runs.n;
	if (nruns < 2)
		return 0;
	assay_covset **runs = assay_xcalloc(nruns, sizeof(*runs));
	int rc = 0;
	for (size_t r = 0; r < nruns && rc == 0; r++) {
		runs[r] = assay_covset_new();
		rc = assay_coverage_decode_run(st, m->sum.coverage_runs.ids[r], runs[r], err);
		assay_covset_finalize(runs[r]);
	}
	for (size_t i = 0; i < m->nfiles && rc == 0; i++) {
		struct rep_file *f = &m->files[i];
		const assay_filecov **per = assay_xcalloc(nruns, sizeof(*per));
		size_t *at = assay_xcalloc(nruns, sizeof(*at));
		for (size_t r = 0; r < nruns; r++)
			per[r] = find_cov(runs[r], f->cov->path);
		for (size_t k = 0; k < f->cov->nlines; k++) {
			unsigned line = f->cov->lines[k].line, in = 0, hit = 0;
			for (size_t r = 0; r < nruns; r++) {
				if (!per[r])
					continue;
				while (at[r] < per[r]->nlines && per[r]->lines[at[r]].line < line)
					at[r]++;
				if (at[r] < per[r]->nlines && per[r]->lines[at[r]].line == line) {
					in++;
					hit += per[r]->lines[at[r]].count > 0;
				}
			}
			if (hit && hit < in) {
				ASSAY_GROW(f->flaky, f->aflaky, f->nflaky + 1);
				f->flaky[f->nflaky++] = (struct rep_flaky_line){ line, hit, in };
			}
		}
		free(per);
		free(at);
	}
	for (size_t r = 0; r < nruns; r++)
		if (runs[r])
			assay_covset_free(runs[r]);
	free(runs);
	return rc;
}

static int test_order(const void *a, const void *b)
{
	const struct rep_test *x = a, *y = b;
	int bx = x->status == ASSAY_FAIL || x->status == ASSAY_ERROR, by = y->status == ASSAY_FAIL || y->status == ASSAY_ERROR;
	if (bx != by)
		return by - bx;
	return strcmp(x->name, y->name);
}

static int load_tests(assay_store *st, struct rep_model *m, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT t.suite, t.classname, t.name, r.status, r.duration_us, r.message, r.system_out, "
		"r.system_err FROM results r JOIN tests t ON t.id = r.test_id WHERE r.run_id = ? AND r.final = 1 "
		"ORDER BY r.ord", err);
	if (rc < 0)
		return rc;
	size_t alloc = 0;
	assay_buf name = ASSAY_BUF_INIT;
	for (size_t i = 0; i < m->sum.test_runs.n && rc == 0; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, m->sum.test_runs.ids[i]);
		int step;
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			ASSAY_GROW(m->tests, alloc, m->ntests + 1);
			struct rep_test *t = &m->tests[m->ntests++];
			memset(t, 0, sizeof(*t));
			assay_buf_reset(&name);
			const char *suite = (const char *)sqlite3_column_text(s, 0);
			const char *cls = (const char *)sqlite3_column_text(s, 1);
			const char *nm = (const char *)sqlite3_column_text(s, 2);
			assay_test_display_name(&name, suite ? suite : "", cls ? cls : "", nm ? nm : "");
			t->name = assay_xstrdup(name.buf ? name.buf : "");
			t->suite = assay_xstrdup(suite ? suite : "");
			t->classname = assay_xstrdup(cls ? cls : "");
			t->raw = assay_xstrdup(nm ? nm : "");
			t->kills = -1;
			t->same_as = -1;
			const char *status = (const char *)sqlite3_column_text(s, 3);
			t->status = !strcmp(status, "pass") ? ASSAY_PASS : !strcmp(status, "fail") ? ASSAY_FAIL
				: !strcmp(status, "error") ? ASSAY_ERROR : ASSAY_SKIP;
			t->duration_us = sqlite3_column_type(s, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64(s, 4);
			t->message = t->status == ASSAY_FAIL || t->status == ASSAY_ERROR || t->status == ASSAY_SKIP
				? assay_failure_text((const char *)sqlite3_column_text(s, 5),
						     (const char *)sqlite3_column_text(s, 6),
						     (const char *)sqlite3_column_text(s, 7), 10)
				: NULL;
		}
		if (step != SQLITE_DONE)
			rc = assay_store_error(st, err, "reading test results");
	}
	sqlite3_finalize(s);
	assay_buf_release(&name);
	if (m->tests)
		qsort(m->tests, m->ntests, sizeof(*m->tests), test_order);
	return rc;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* 1 when the sorted set a[0..na) is in b[0..nb). */
static int subset(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
	size_t j = 0;
	for (size_t i = 0; i < na; i++) {
		while (j < nb && b[j] < a[i])
			j++;
		if (j == nb || b[j] != a[i])
			return 0;
	}
	return 1;
}

/* Above this many tests the pairs are not compared (their number grows as the square). */
#define KILL_PAIRS_MAX 3000

/*
 * The kill matrix, where the mutation run kept one: how many mutants each
 * test killed, and the tests whose kills another test's include (the test
 * adds no killing power: a duplicate, or one that kills nothing).
 */
static int load_kills(assay_store *st, struct rep_model *m, assay_err *err)
{
	if (!m->sum.mutation_run)
		return 0;
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, "SELECT test, mutant_id FROM mutation_kills WHERE run_id = ? "
				     "ORDER BY test, mutant_id", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, m->sum.mutation_run);
	/* each test's mutants, by its raw name */
	int64_t **sets = assay_xcalloc(m->ntests + 1, sizeof(*sets));
	size_t *nset = assay_xcalloc(m->ntests + 1, sizeof(*nset)), *aset = assay_xcalloc(m->ntests + 1, sizeof(*aset));
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *test = (const char *)sqlite3_column_text(s, 0);
		m->have_kills = 1;
		for (size_t i = 0; i < m->ntests; i++) {
			if (strcmp(m->tests[i].raw, test))
				continue;
			ASSAY_GROW(sets[i], aset[i], nset[i] + 1);
			sets[i][nset[i]++] = sqlite3_column_int64(s, 1);
		}
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		rc = assay_store_error(st, err, "reading the kill matrix");
	for (size_t i = 0; rc == 0 && m->have_kills && i < m->ntests; i++) {
		m->tests[i].kills = (long)nset[i];
		if (sets[i])
			qsort(sets[i], nset[i], sizeof(int64_t), cmp_i64);
	}
	for (size_t i = 0; rc == 0 && m->have_kills && m->ntests <= KILL_PAIRS_MAX && i < m->ntests; i++) {
		if (!nset[i])
			continue; /* kills nothing: said apart */
		for (size_t j = 0; j < m->ntests; j++) {
			/* j covers i: all of i's kills, and more, or the same ones and j comes first */
			if (j == i || nset[j] < nset[i] || (nset[j] == nset[i] && j > i))
				continue;
			if (subset(sets[i], nset[i], sets[j], nset[j])) {
				m->tests[i].same_as = (long)j;
				break;
			}
		}
	}
	for (size_t i = 0; i < m->ntests; i++)
		free(sets[i]);
	free(sets);
	free(nset);
	free(aset);
	return rc;
}

/* Each test's failures in the commit's repeated runs (assay flaky run). */
static int load_flaky_scores(assay_store *st, struct rep_model *m, assay_err *err)
{
	if (!m->sum.flaky_runs.n || !m->ntests)
		return 0;
	struct assay_summary all;
	int rc = assay_summary_load(st, 0, m->sum.commit_id, m->ntests + 1000, 0, &all, err);
	for (size_t k = 0; rc == 0 && k < all.nflaky; k++)
		for (size_t i = 0; i < m->ntests; i++)
			if (!strcmp(m->tests[i].raw, all.flaky[k].name) && !strcmp(m->tests[i].suite, all.flaky[k].suite) &&
			    !strcmp(m->tests[i].classname, all.flaky[k].classname)) {
				m->tests[i].flaky_fails = all.flaky[k].fails;
				m->tests[i].flaky_runs = all.flaky[k].runs;
			}
	assay_summary_release(&all);
	return rc;
}

/* A file's coverage row as read, before the model's files are made. */
struct read_row {
	assay_filecov *cov;
	struct rep_covrow row;
	uint32_t totals[6];
	uint64_t digest;
};

/*
 * Every coverage row of the commit's runs, its totals and digest (from the
 * index of them, schema 9), not its blobs: the files' entries are made,
 * their content read when a page shows it.  Reading and decoding every
 * file was most of a re-render's time, spent on files whose pages were kept.
 */
static int read_rows(assay_store *st, struct rep_model *m, struct read_row **out, size_t *nout, assay_err *err)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc = assay_store_prepare(st, &s,
		"SELECT f.path, c.file_id, c.digest, c.lines_found, c.lines_hit, c.branches_found, c.branches_hit, "
		"c.functions_found, c.functions_hit FROM coverage c INDEXED BY coverage_digests "
		"JOIN files f ON f.id = c.file_id WHERE c.run_id = ?", err);
	for (size_t r = 0; rc == 0 && r < m->sum.coverage_runs.n; r++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, m->sum.coverage_runs.ids[r]);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			ASSAY_GROW(*out, alloc, *nout + 1);
			struct read_row *x = &(*out)[(*nout)++];
			x->cov = assay_covset_file(m->cov, (const char *)sqlite3_column_text(s, 0));
			x->row = (struct rep_covrow){ m->sum.coverage_runs.ids[r], sqlite3_column_int64(s, 1) };
			x->digest = (uint64_t)sqlite3_column_int64(s, 2);
			for (int k = 0; k < 6; k++)
				x->totals[k] = (uint32_t)sqlite3_column_int64(s, 3 + k);
		}
		rc = rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "reading coverage");
	}
	sqlite3_finalize(s);
	return rc;
}

int rep_file_coverage(struct rep_model *m, struct rep_file *f, assay_err *err)
{
	if (f->decoded)
		return 0;
	f->decoded = 1;
	assay_filecov *fc = assay_covset_at(m->cov, f->cov_index);
	int rc = 0;
	if (f->nrows && !m->row_q)
		rc = assay_store_prepare(m->st, &m->row_q,
			"SELECT lines, branches, functions FROM coverage WHERE run_id = ? AND file_id = ?", err);
	for (size_t i = 0; rc == 0 && i < f->nrows; i++) {
		sqlite3_stmt *q = m->row_q;
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, f->rows[i].run_id);
		sqlite3_bind_int64(q, 2, f->rows[i].file_id);
		if (sqlite3_step(q) != SQLITE_ROW) {
			rc = assay_store_error(m->st, err, "reading coverage");
			break;
		}
		rc = assay_coverage_decode_columns(fc, q, 0, err);
	}
	if (rc == 0)
		assay_filecov_finalize(fc);
	return rc;
}

/*
 * The files' coverage: one run's totals are its rows' own, and a file is
 * decoded only when a page shows its lines; several runs' totals are of
 * their merge, so then every file is decoded (the flaky lines need it too).
 */
static int load_coverage(struct rep_model *m, const struct read_row *rows, size_t nrows, assay_err *err)
{
	for (size_t i = 0; i < nrows; i++) {
		struct rep_file *f = rep_model_file(m, rows[i].cov->path);
		ASSAY_GROW(f->rows, f->arows, f->nrows + 1);
		f->rows[f->nrows++] = rows[i].row;
		uint64_t both[2] = { f->cov_digest, rows[i].digest };
		f->cov_digest = assay_hashmap_hash(both, sizeof(both));
		if (m->sum.coverage_runs.n == 1) {
			assay_filecov *fc = assay_covset_at(m->cov, f->cov_index);
			const uint32_t *t = rows[i].totals;
			fc->lines_found = t[0], fc->lines_hit = t[1], fc->branches_found = t[2];
			fc->branches_hit = t[3], fc->functions_found = t[4], fc->functions_hit = t[5];
		}
	}
	int rc = 0;
	if (m->sum.coverage_runs.n > 1)
		for (size_t i = 0; rc == 0 && i < m->nfiles; i++)
			rc = rep_file_coverage(m, &m->files[i], err);
	for (size_t i = 0; i < m->nfiles; i++) {
		m->sum.files += m->files[i].nrows > 0;
		assay_summary_add_coverage(&m->sum, m->files[i].cov);
	}
	return rc;
}

int rep_model_load(assay_store *st, int64_t commit_id, struct rep_model *m, assay_err *err)
{
	memset(m, 0, sizeof(*m));
	int rc = assay_summary_load(st, 0, commit_id, 20, ASSAY_SUMMARY_NO_COVERAGE, &m->sum, err);
	if (rc < 0)
		return rc;
	m->cov = assay_covset_new();
	m->st = st;
	m->ncoverage_runs = m->sum.coverage_runs.n;
	struct read_row *rows = NULL;
	size_t nrows = 0;
	rc = read_rows(st, m, &rows, &nrows, err);
	if (rc == 0 && m->sum.mutation_run) {
		/* a file with mutants and no coverage has a page too, for its mutants */
		sqlite3_stmt *q;
		rc = assay_store_prepare(st, &q, "SELECT DISTINCT f.path FROM mutations x JOIN mutants mu ON mu.id = "
					 "x.mutant_id JOIN files f ON f.id = mu.file_id WHERE x.run_id = ?", err);
		if (rc == 0) {
			sqlite3_bind_int64(q, 1, m->sum.mutation_run);
			while (sqlite3_step(q) == SQLITE_ROW)
				assay_covset_file(m->cov, (const char *)sqlite3_column_text(q, 0));
			sqlite3_finalize(q);
		}
	}
	if (rc < 0) {
		free(rows);
		return rc;
	}
	assay_covset_finalize(m->cov);
	m->nfiles = assay_covset_count(m->cov);
	m->files = assay_xcalloc(m->nfiles + 1, sizeof(*m->files));
	for (size_t i = 0; i < m->nfiles; i++) {
		m->files[i].cov = assay_covset_at(m->cov, i);
		m->files[i].cov_index = i;
	}
	qsort(m->files, m->nfiles, sizeof(*m->files), by_path);
	rc = load_coverage(m, rows, nrows, err);
	free(rows);
	if (rc == 0)
		rc = load_mutants(st, m, err);
	if (rc == 0)
		rc = load_reach(st, m, err);
	if (rc == 0)
		rc = load_flaky(st, m, err);
	if (rc == 0)
		rc = load_tests(st, m, err);
	if (rc == 0)
		rc = load_kills(st, m, err);
	if (rc == 0)
		rc = load_flaky_scores(st, m, err);
	return rc;
}

unsigned rep_file_last_line(const struct rep_model *m, const struct rep_file *f)
{
	unsigned last = f->cov->nlines ? f->cov->lines[f->cov->nlines - 1].line : 0;
	if (m->have_base && f->base && f->base->nlines) {
		/* a base line past head's last, moved down by what the change added before it */
		long grown = 0;
		for (size_t i = 0; i < m->changes.n; i++) {
			const struct assay_hunk *h = &m->changes.v[i];
			if (!h->deleted && !strcmp(h->path, f->cov->path))
				grown += (long)h->new_count - (long)h->old_count;
		}
		long b = (long)f->base->lines[f->base->nlines - 1].line + grown;
		if (b > (long)last)
			last = (unsigned)b;
	}
	return last;
}

int rep_model_load_base(assay_store *st, struct rep_model *m, int64_t base_id, const char *base_sha,
			const char *head_sha, const char *base_from, const char *root, assay_err *err)
{
	m->have_base = 1;
	m->base_sha = assay_xstrdup(base_sha);
	m->base_from = assay_xstrdup(base_from);
	int rc = assay_summary_load(st, 0, base_id, 1, ASSAY_SUMMARY_KEEP_COVERAGE, &m->base, err);
	if (rc < 0)
		return rc;
	m->base_cov = m->base.coverage;
	/* every line against the base's: every file decoded */
	for (size_t i = 0; rc == 0 && i < m->nfiles; i++)
		rc = rep_file_coverage(m, &m->files[i], err);
	if (rc < 0)
		return rc;
	if (!root)
		return assay_err_set(err, ASSAY_EUSAGE, "--base: not in a git work tree: no diff to read");
	rc = assay_changes_between(&m->changes, root, base_sha, head_sha, err);
	if (rc == 0)
		rc = assay_patchcov_compute(st, &m->sum.coverage_runs, &m->changes, &m->patch, err);
	for (size_t i = 0; rc == 0 && i < m->nfiles; i++) {
		struct rep_file *f = &m->files[i];
		f->base = find_cov(m->base_cov, rep_diffcat_base_path(&m->changes, f->cov->path));
		rep_diffcat_file(&m->changes, f->cov->path, f->cov, f->base, rep_file_last_line(m, f), NULL, f->cats);
		for (int k = 0; k < REP_CATS; k++)
			m->cats[k] += f->cats[k];
	}
	for (size_t i = 0; rc == 0 && i < m->changes.n; i++) {
		const struct assay_hunk *h = &m->changes.v[i];
		if (!h->deleted || (i > 0 && m->changes.v[i - 1].deleted && !strcmp(m->changes.v[i - 1].path, h->path)))
			continue;
		const assay_filecov *b = find_cov(m->base_cov, h->path);
		m->deleted_files++;
		if (b)
			rep_diffcat_deleted(&m->changes, h->path, b, m->cats);
	}
	return rc;
}

void rep_model_release(struct rep_model *m)
{
	for (size_t i = 0; i < m->nfiles; i++) {
		struct rep_file *f = &m->files[i];
		for (size_t k = 0; k < f->nmutants; k++) {
			struct rep_mutant *x = &f->mutants[k];
			free(x->status_name);
			free(x->op);
			free(x->original);
			free(x->replacement);
			free(x->function);
			free(x->killed_by);
			free(x->key);
			free(x->reason);
			free(x->covered);
		}
		free(f->mutants);
		free(f->rows);
		free(f->flaky);
		free(f->reach);
		free(f->page);
	}
	free(m->files);
	for (size_t i = 0; i < m->ntests; i++) {
		free(m->tests[i].name);
		free(m->tests[i].suite);
		free(m->tests[i].classname);
		free(m->tests[i].raw);
		free(m->tests[i].message);
	}
	free(m->tests);
	for (size_t i = 0; i < m->nreach_tests; i++)
		free(m->reach_tests[i]);
	free(m->reach_tests);
	assay_summary_release(&m->sum);
	assay_covset_free(m->cov);
	sqlite3_finalize(m->row_q);
	assay_summary_release(&m->base);
	assay_changes_release(&m->changes);
	assay_patchcov_release(&m->patch);
	free(m->base_sha);
	free(m->base_from);
	memset(m, 0, sizeof(*m));
}
