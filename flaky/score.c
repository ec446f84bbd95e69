/* SPDX-License-Identifier: MIT */
#include "score.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct run_row {
	int64_t id, commit_id, started, commit_time;
	char *sha, *tree, *label; /* tree: the tree sha, else the commit's own sha */
	size_t group;             /* index of the tree */
	int64_t group_time;       /* the tree's earliest commit time */
	int64_t group_first;      /* the tree's first run: ties of time go by arrival */
};

/* What is kept per test while the runs go by. */
struct test_state {
	uint8_t last;          /* 0 none yet, 1 pass, 2 fail */
	uint8_t commit_bits;   /* 1 passed, 2 failed, on the current commit */
	uint8_t group_bits;    /* the same on the current tree */
	int64_t commit_id;     /* the commit the bits are about */
	size_t group;
	size_t rerun_run;      /* index + 1 of the run with a failed attempt before the last */
	double s_flip, s_n;
	unsigned runs, fails, flips, same_commit, same_tree, reruns;
	size_t first_run;      /* index + 1 */
	size_t last_flip_run;  /* index + 1 */
};

struct result_row {
	int64_t test_id;
	uint8_t bad, skip, final;
};

static int cmp_tree(const void *a, const void *b)
{
	const struct run_row *x = *(struct run_row *const *)a, *y = *(struct run_row *const *)b;
	return strcmp(x->tree, y->tree);
}

static int cmp_walk(const void *a, const void *b)
{
	const struct run_row *x = a, *y = b;
#define BY(f) if (x->f != y->f) return x->f < y->f ? -1 : 1
	BY(group_time);
	BY(group_first);
	BY(group);
	BY(commit_time);
	BY(commit_id);
	BY(started);
	BY(id);
#undef BY
	return 0;
}

static int load_runs(assay_store *st, const struct flaky_score_opts *o, struct run_row **out,
		     size_t *n, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT r.id, r.commit_id, r.started_at, coalesce(c.time, r.started_at), c.sha, "
		"       coalesce(c.tree_sha, 'commit:' || c.sha), r.label "
		"FROM runs r JOIN commits c ON c.id = r.commit_id WHERE r.started_at >= ? "
		/* runs with test results only: not bench or mutation runs */
		"AND EXISTS (SELECT 1 FROM result_chunks x WHERE x.run_id = r.id)", err);
	if (rc < 0)
		return rc;
	int64_t cutoff = o->window_days > 0 ? o->now - (int64_t)(o->window_days * 86400) : INT64_MIN;
	sqlite3_bind_int64(s, 1, cutoff);
	struct run_row *v = NULL;
	size_t cnt = 0, alloc = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ASSAY_GROW(v, alloc, cnt + 1);
		v[cnt++] = (struct run_row){
			.id = sqlite3_column_int64(s, 0),
			.commit_id = sqlite3_column_int64(s, 1),
			.started = sqlite3_column_int64(s, 2),
			.commit_time = sqlite3_column_int64(s, 3),
			.sha = assay_store_column_dup(s, 4),
			.tree = assay_store_column_dup(s, 5),
			.label = assay_store_column_dup(s, 6),
		};
	}
	rc = rc == SQLITE_DONE ? 0 : assay_store_error(st, err, "reading runs");
	sqlite3_finalize(s);
	/* group by tree; a group's time is its earliest commit's */
	struct run_row **by_tree = assay_xcalloc(cnt + 1, sizeof(*by_tree));
	for (size_t i = 0; i < cnt; i++)
		by_tree[i] = &v[i];
	qsort(by_tree, cnt, sizeof(*by_tree), cmp_tree);
	for (size_t i = 0, g = 0; i < cnt; g++) {
		size_t j = i;
		int64_t t = by_tree[i]->commit_time, first = by_tree[i]->id;
		while (j < cnt && !strcmp(by_tree[j]->tree, by_tree[i]->tree)) {
			if (by_tree[j]->commit_time < t)
				t = by_tree[j]->commit_time;
			if (by_tree[j]->id < first)
				first = by_tree[j]->id;
			j++;
		}
		for (size_t k = i; k < j; k++) {
			by_tree[k]->group = g;
			by_tree[k]->group_time = t;
			by_tree[k]->group_first = first;
		}
		i = j;
	}
	free(by_tree);
	if (cnt)
		qsort(v, cnt, sizeof(*v), cmp_walk);
	*out = v;
	*n = cnt;
	return rc;
}

static void grow_states(struct test_state **st, size_t *n, int64_t id)
{
	if ((size_t)id < *n)
		return;
	size_t want = (size_t)id * 2 + 64;
	*st = assay_xrealloc(*st, want * sizeof(**st));
	memset(*st + *n, 0, (want - *n) * sizeof(**st));
	*n = want;
}

/* Apply one run's final results to the tests' states (run index ri, 0-based). */
static void apply_run(const struct run_row *run, size_t ri, const struct result_row *rows,
		      size_t nrows, struct test_state *ts, double lambda)
{
	for (size_t k = 0; k < nrows; k++) {
		const struct result_row *r = &rows[k];
		struct test_state *t = &ts[r->test_id];
		if (!r->final) {
			if (r->bad)
				t->rerun_run = ri + 1;
			continue;
		}
		if (r->skip)
			continue;
		uint8_t bit = r->bad ? 2 : 1, other = r->bad ? 1 : 2;
		if (!t->first_run)
			t->first_run = ri + 1;
		if (!r->bad && t->rerun_run == ri + 1)
			t->reruns++;
		if (t->group != run->group || !t->runs) {
			t->group = run->group;
			t->group_bits = 0;
		}
		if (t->commit_id != run->commit_id) {
			t->commit_id = run->commit_id;
			t->commit_bits = 0;
		}
		if (t->commit_bits & other)
			t->same_commit++;
		else if (t->group_bits & other)
			t->same_tree++;
		t->commit_bits |= bit;
		t->group_bits |= bit;
		if (t->last) {
			int flip = t->last != bit;
			t->s_flip = t->s_flip * lambda + flip;
			t->s_n = t->s_n * lambda + 1;
			if (flip) {
				t->flips++;
				t->last_flip_run = ri + 1;
			}
		}
		t->last = bit;
		t->runs++;
		t->fails += r->bad;
	}
}

static int cmp_scored(const void *a, const void *b)
{
	const struct flaky_scored *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	unsigned ex = x->same_commit + x->same_tree + x->reruns, ey = y->same_commit + y->same_tree + y->reruns;
	if (ex != ey)
		return ex < ey ? 1 : -1;
	if (x->flips != y->flips)
		return x->flips < y->flips ? 1 : -1;
	return (x->test_id > y->test_id) - (x->test_id < y->test_id);
}

static int name_tests(assay_store *st, struct flaky_report *out, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, "SELECT suite, classname, name FROM tests WHERE id = ?", err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < out->n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, out->v[i].test_id);
		if (sqlite3_step(s) != SQLITE_ROW) {
			rc = assay_store_error(st, err, "reading a test's name");
			break;
		}
		out->v[i].suite = assay_store_column_dup(s, 0);
		out->v[i].classname = assay_store_column_dup(s, 1);
		out->v[i].name = assay_store_column_dup(s, 2);
	}
	sqlite3_finalize(s);
	return rc;
}

int flaky_score(assay_store *st, const struct flaky_score_opts *o, struct flaky_report *out,
		assay_err *err)
{
	memset(out, 0, sizeof(*out));
	struct run_row *runs = NULL;
	size_t nruns = 0, nstates = 0, nrows = 0, arows = 0, ainfra = 0;
	struct test_state *ts = NULL;
	struct result_row *rows = NULL;
	sqlite3_stmt *s = NULL;
	double lambda = pow(0.5, 1 / (o->half_life > 0 ? o->half_life : 20));
	int rc = load_runs(st, o, &runs, &nruns, err);
	if (rc == 0)
		rc = assay_store_prepare(st, &s,
			"SELECT test_id, status, final FROM results WHERE run_id = ?", err);
	for (size_t ri = 0; ri < nruns && rc == 0; ri++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, runs[ri].id);
		nrows = 0;
		unsigned tests = 0, failed = 0;
		int step;
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			ASSAY_GROW(rows, arows, nrows + 1);
			const unsigned char *status = sqlite3_column_text(s, 1);
			struct result_row *r = &rows[nrows++];
			r->test_id = sqlite3_column_int64(s, 0);
			r->bad = status && (status[0] == 'f' || status[0] == 'e');
			r->skip = status && status[0] == 's';
			r->final = (uint8_t)sqlite3_column_int(s, 2);
			if (r->final && !r->skip) {
				tests++;
				failed += r->bad;
			}
			grow_states(&ts, &nstates, r->test_id);
		}
		if (step != SQLITE_DONE) {
			rc = assay_store_error(st, err, "reading results");
			break;
		}
		if (nrows == 0)
			continue;
		out->runs++;
		if (tests >= o->infra_min_tests && (double)failed > o->infra_fraction * tests) {
			ASSAY_GROW(out->infra, ainfra, out->ninfra + 1);
			out->infra[out->ninfra++] = (struct flaky_infra){
				.run_id = runs[ri].id, .sha = assay_xstrdup(runs[ri].sha),
				.label = assay_xstrdup(runs[ri].label), .tests = tests, .failed = failed,
			};
			continue;
		}
		apply_run(&runs[ri], ri, rows, nrows, ts, lambda);
	}
	sqlite3_finalize(s);
	free(rows);

	size_t alloc = 0;
	for (size_t id = 0; id < nstates && rc == 0; id++) {
		struct test_state *t = &ts[id];
		if (!t->runs)
			continue;
		out->tests++;
		double rate = t->s_n > 0 ? t->s_flip / t->s_n : 0;
		int certain = t->same_commit + t->same_tree + t->reruns > 0;
		double score = certain ? 1 : t->flips < 2 ? 0 : rate / (rate + FLAKY_FLIP_HALF);
		if (score <= 0)
			continue;
		ASSAY_GROW(out->v, alloc, out->n + 1);
		out->v[out->n++] = (struct flaky_scored){
			.test_id = (int64_t)id,
			.score = score,
			.flip_rate = rate,
			.runs = t->runs, .fails = t->fails, .flips = t->flips,
			.same_commit = t->same_commit, .same_tree = t->same_tree, .reruns = t->reruns,
			.first_sha = assay_xstrdup(runs[t->first_run - 1].sha),
			.last_flip_sha = t->last_flip_run ? assay_xstrdup(runs[t->last_flip_run - 1].sha) : NULL,
			.last_flip_time = t->last_flip_run ? runs[t->last_flip_run - 1].commit_time : 0,
		};
	}
	free(ts);
	for (size_t i = 0; i < nruns; i++) {
		free(runs[i].sha);
		free(runs[i].tree);
		free(runs[i].label);
	}
	free(runs);
	if (rc == 0) {
		if (out->n)
			qsort(out->v, out->n, sizeof(*out->v), cmp_scored);
		rc = name_tests(st, out, err);
	}
	if (rc < 0)
		flaky_report_release(out);
	return rc;
}

static void free_scored(struct flaky_scored *t)
{
	free(t->suite);
	free(t->classname);
	free(t->name);
	free(t->first_sha);
	free(t->last_flip_sha);
}

void flaky_report_drop_below(struct flaky_report *r, double min_score)
{
	size_t k = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (r->v[i].score >= min_score)
			r->v[k++] = r->v[i];
		else
			free_scored(&r->v[i]);
	}
	r->n = k;
}

void flaky_report_release(struct flaky_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		free_scored(&r->v[i]);
	for (size_t i = 0; i < r->ninfra; i++) {
		free(r->infra[i].sha);
		free(r->infra[i].label);
	}
	free(r->v);
	free(r->infra);
	memset(r, 0, sizeof(*r));
}
