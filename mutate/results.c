/* SPDX-License-Identifier: MIT */
#include "results.h"
#include "digest.h"
#include "hashmap.h"
#include "mem.h"
#include "mutant_rows.h"
#include "proc.h"
#include "reachblob.h"
#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void mut_score_compute(const mut_project *p, struct mut_score *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < p->nmutants; i++)
		if (p->mutants[i].selected)
			s->counts[p->mutants[i].status]++;
	mut_score_from_counts(s);
}

void mut_score_from_counts(struct mut_score *s)
{
	const size_t *c = s->counts;
	size_t detected = c[MUT_KILLED] + c[MUT_TIMEOUT];
	size_t covered = detected + c[MUT_SURVIVED];
	size_t all = covered + c[MUT_NO_COVERAGE];
	s->score = all ? 100.0 * (double)detected / (double)all : -1;
	s->covered_score = covered ? 100.0 * (double)detected / (double)covered : -1;
}

int mut_store_take_over(assay_store *st, mut_project *p, const char *tests_digest, int reuse,
			size_t *taken, int64_t *partial, assay_err *err)
{
	sqlite3_stmt *mark = NULL, *prior = NULL;
	int rc = assay_store_prepare(st, &mark, "SELECT why FROM mutant_marks WHERE key = ?1", err);
	if (rc == 0)
		rc = assay_store_prepare(st, &prior,
			"SELECT m.status, m.killed_by, m.reason, m.duration_us, m.tests_run, m.run_id, r.state "
			"FROM mutations m JOIN mutants k ON k.id = m.mutant_id "
			"JOIN mutation_runs r ON r.run_id = m.run_id "
			"WHERE k.key = ?1 AND r.tests_digest = ?2 "
			"AND m.status NOT IN ('runtime_error', 'equivalent', 'ignored') "
			"ORDER BY m.run_id DESC LIMIT 1", err);
	*taken = 0;
	*partial = 0;
	for (size_t i = 0; rc == 0 && i < p->nmutants; i++) {
		mut_mutant *m = &p->mutants[i];
		if (!m->selected)
			continue;
		sqlite3_reset(mark);
		sqlite3_bind_text(mark, 1, m->key, -1, SQLITE_STATIC);
		if (sqlite3_step(mark) == SQLITE_ROW) {
			m->status = MUT_EQUIVALENT;
			char *why = assay_store_column_dup(mark, 0);
			m->reason = assay_xasprintf("marked equivalent: %s", why ? why : "");
			free(why);
			continue;
		}
		if (!reuse)
			continue;
		sqlite3_reset(prior);
		sqlite3_bind_text(prior, 1, m->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(prior, 2, tests_digest, -1, SQLITE_STATIC);
		if (sqlite3_step(prior) == SQLITE_ROW) {
			int s = mut_status_parse((const char *)sqlite3_column_text(prior, 0));
			if (s <= 0)
				continue;
			m->status = (enum mut_status)s;
			m->killed_by = assay_store_column_dup(prior, 1);
			m->reason = assay_store_column_dup(prior, 2);
			m->duration_us = sqlite3_column_int64(prior, 3);
			m->tests_run = sqlite3_column_int(prior, 4);
			m->reused = 1;
			(*taken)++;
			const char *state = (const char *)sqlite3_column_text(prior, 6);
			int64_t from = sqlite3_column_int64(prior, 5);
			m->reused_from = from;
			if (state && !strcmp(state, "partial") && from > *partial)
				*partial = from;
		}
	}
	sqlite3_finalize(mark);
	sqlite3_finalize(prior);
	return rc;
}

static int step_done(assay_store *st, sqlite3_stmt *q, assay_err *err, const char *what)
{
	int s = sqlite3_step(q);
	sqlite3_reset(q);
	if (s != SQLITE_DONE && s != SQLITE_ROW)
		return assay_store_error(st, err, what);
	return 0;
}

/*
 * The run being written.  Results wait in `batch` (indexes of mutants)
 * until 64 are there or the oldest is a second old; each batch is one
 * transaction, with the run's figures brought up to date in it, so that a
 * run killed at any point leaves what it stored consistent.
 */
struct mut_sink {
	assay_store *st;
	mut_engine *e;
	int64_t run_id;
	int64_t *mutant_ids;    /* per mutant; 0: not selected */
	unsigned char *stored;  /* per mutant: its result is written (or waits in the batch) */
	size_t *batch, nbatch;
	int64_t batch_since;
	size_t counts[MUT_NSTATUS];
	size_t done;
	struct assay_mutant_rows rows;
	sqlite3_stmt *ins, *progress;
	int rc;                 /* the first failure; nothing is written after it */
	assay_err err;
};

enum { SINK_BATCH = 64, SINK_BATCH_US = 1000000 };

static int sink_write(mut_sink *s, const mut_mutant *m, int64_t mid, assay_err *err)
{
	sqlite3_stmt *ins = s->ins;
	sqlite3_bind_int64(ins, 1, s->run_id);
	sqlite3_bind_int64(ins, 2, mid);
	sqlite3_bind_text(ins, 3, mut_status_name(m->status), -1, SQLITE_STATIC);
	assay_store_bind_text(ins, 4, m->killed_by);
	sqlite3_bind_int64(ins, 5, m->duration_us);
	sqlite3_bind_int(ins, 6, m->tests_run);
	sqlite3_bind_int(ins, 7, m->reused);
	assay_store_bind_text(ins, 8, m->reason);
	int rc = step_done(s->st, ins, err, "storing a mutation result");
	for (size_t k = 0; k < m->nkills && rc == 0; k++)
		rc = assay_mutant_rows_kill(s->st, &s->rows, s->run_id, mid, m->kills[k], err);
	return rc;
}

/* The run's figures as they stand; state 'complete' when complete, with digest (may be NULL). */
static int sink_figures(mut_sink *s, int complete, assay_err *err)
{
	struct mut_score sc;
	memcpy(sc.counts, s->counts, sizeof(sc.counts));
	mut_score_from_counts(&sc);
	const struct mut_stats *t = &s->e->stats;
	sqlite3_stmt *q = s->progress;
	sqlite3_bind_text(q, 1, complete ? "complete" : "partial", -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, (int64_t)s->done);
	if (sc.score >= 0)
		sqlite3_bind_double(q, 3, sc.score);
	else
		sqlite3_bind_null(q, 3);
	if (sc.covered_score >= 0)
		sqlite3_bind_double(q, 4, sc.covered_score);
	else
		sqlite3_bind_null(q, 4);
	sqlite3_bind_int(q, 5, t->compiles);
	sqlite3_bind_int64(q, 6, assay_proc_now_us() - s->e->t0);
	sqlite3_bind_int64(q, 7, t->tests_us);
	sqlite3_bind_int64(q, 8, s->run_id);
	return step_done(s->st, q, err, "storing the mutation run's figures");
}

/* Write the batch as one transaction (with the figures); complete: the last one, with the digest. */
static int sink_flush(mut_sink *s, int complete, const char *digest, assay_err *err)
{
	if (s->rc < 0)
		return s->rc;
	int rc = assay_store_begin(s->st, err);
	for (size_t i = 0; rc == 0 && i < s->nbatch; i++) {
		const mut_mutant *m = &s->e->proj.mutants[s->batch[i]];
		rc = sink_write(s, m, s->mutant_ids[s->batch[i]], err);
		if (rc == 0) {
			s->counts[m->status]++;
			s->done++;
		}
	}
	if (rc == 0)
		rc = sink_figures(s, complete, err);
	if (rc == 0 && digest) {
		/* the same results of the same commit are one run: an earlier one keeps the digest */
		sqlite3_stmt *q = NULL;
		rc = assay_store_prepare(s->st, &q,
			"UPDATE runs SET digest = ?1 WHERE id = ?2 AND NOT EXISTS (SELECT 1 FROM runs WHERE digest = ?1)", err);
		if (rc == 0) {
			sqlite3_bind_text(q, 1, digest, -1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 2, s->run_id);
			rc = step_done(s->st, q, err, "recording the run's digest");
		}
		sqlite3_finalize(q);
	}
	if (rc == 0)
		rc = assay_store_commit(s->st, err);
	if (rc < 0) {
		assay_store_rollback(s->st);
		s->rc = rc;
		return rc;
	}
	s->nbatch = 0;
	s->batch_since = assay_proc_now_us();
	return 0;
}

static void sink_add(mut_sink *s, mut_mutant *m)
{
	size_t i = (size_t)(m - s->e->proj.mutants);
	if (!m->selected || m->status == MUT_PENDING || s->stored[i])
		return;
	s->stored[i] = 1;
	s->batch[s->nbatch++] = i;
}

void mut_sink_result(void *ud, mut_mutant *m)
{
	mut_sink *s = ud;
	sink_add(s, m);
	if (s->rc == 0 && (s->nbatch >= SINK_BATCH || assay_proc_now_us() - s->batch_since >= SINK_BATCH_US) &&
	    sink_flush(s, 0, NULL, &s->err) < 0 && s->e->cfg.stop)
		*s->e->cfg.stop = 1; /* nothing more can be kept: stop, and say why */
}

/* One test's row of mutation_reach in the making: the ids of the mutants it reached. */
struct reach_row {
	char *test;
	int64_t *ids;
	size_t n, alloc;
};

/* The run's rows, one per test name. */
struct reach_rows {
	struct reach_row *v;
	size_t n, alloc;
	assay_hashmap by_test; /* test name -> index into v */
};

static struct reach_row *reach_row_of(struct reach_rows *r, const char *test)
{
	int created;
	uint64_t *at = assay_hashmap_upsert(&r->by_test, test, strlen(test), &created);
	if (created) {
		ASSAY_GROW(r->v, r->alloc, r->n + 1);
		r->v[r->n] = (struct reach_row){ assay_xstrdup(test), NULL, 0, 0 };
		*at = r->n++;
	}
	return &r->v[*at];
}

static void reach_row_add(struct reach_row *r, int64_t id)
{
	ASSAY_GROW(r->ids, r->alloc, r->n + 1);
	r->ids[r->n++] = id;
}

static void reach_rows_release(struct reach_rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].test);
		free(r->v[i].ids);
	}
	free(r->v);
	assay_hashmap_free(&r->by_test);
}

/*
 * From the coverage pass of this run (mut_engine_prepare): each test that
 * ran it reached the mutants of the sites it hit, of those in the schemata
 * build.  A mutant built on its own (a fallback) is traced by no test; a
 * run that traced none (every result taken over) has nothing here.
 */
static void reach_traced(const mut_sink *s, struct reach_rows *rows)
{
	const mut_engine *e = s->e;
	const mut_project *p = &e->proj;
	int traced = 0;
	for (size_t i = 0; e->in && i < p->nmutants && !traced; i++)
		traced = e->in[i] && s->mutant_ids[i];
	if (!traced)
		return;
	for (size_t t = 0; t < e->tests.n; t++) {
		const mut_test *test = &e->tests.v[t];
		if (!test->hits)
			continue; /* its coverage pass did not run */
		struct reach_row *r = reach_row_of(rows, test->name);
		for (size_t i = 0; i < p->nmutants; i++) {
			const mut_mutant *m = &p->mutants[i];
			if (e->in[i] && s->mutant_ids[i] && test->hits[p->files[m->file].sites[m->site].gid])
				reach_row_add(r, s->mutant_ids[i]);
		}
	}
}

/* A reused mutant: the run its result came from, and its id (its key's, the same in every run). */
struct reach_carry {
	int64_t run, id;
};

static int by_run_then_id(const void *a, const void *b)
{
	const struct reach_carry *x = a, *y = b;
	if (x->run != y->run)
		return x->run < y->run ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

/*
 * The rows of run c[0].run (of the same tests digest: the same test names)
 * carried over for the mutants c[0..n) reused from it.  Each of its tests
 * gets a row, with none of them if it reached none: it ran that pass.
 */
static int reach_carry_run(mut_sink *s, sqlite3_stmt *q, const struct reach_carry *c, size_t n,
			   struct reach_rows *rows, assay_err *err)
{
	int64_t *ids = NULL;
	size_t nids = 0, aids = 0;
	int rc = 0, step = SQLITE_DONE;
	sqlite3_bind_int64(q, 1, c[0].run);
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		const char *test = (const char *)sqlite3_column_text(q, 0);
		if (!test) {
			rc = assay_store_error(s->st, err, "reading which tests reached the reused mutants");
			break;
		}
		struct reach_row *r = reach_row_of(rows, test);
		nids = 0;
		const void *blob = sqlite3_column_blob(q, 1);
		size_t len = (size_t)sqlite3_column_bytes(q, 1);
		if (len) /* an empty blob comes as NULL: nothing to decode */
			rc = assay_reachblob_decode(blob, len, &ids, &nids, &aids, err);
		for (size_t j = 0; rc == 0 && j < nids; j++) {
			struct reach_carry key = { c[0].run, ids[j] };
			if (bsearch(&key, c, n, sizeof(*c), by_run_then_id))
				reach_row_add(r, ids[j]);
		}
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = assay_store_error(s->st, err, "reading which tests reached the reused mutants");
	sqlite3_reset(q);
	free(ids);
	return rc;
}

/*
 * The reused mutants' reach, from the run each result came from.  One that
 * stored no rows (it measured none) leaves its mutants in no test's list.
 */
static int reach_carried(mut_sink *s, struct reach_rows *rows, assay_err *err)
{
	const mut_project *p = &s->e->proj;
	struct reach_carry *c = assay_xcalloc(p->nmutants + 1, sizeof(*c));
	size_t nc = 0;
	for (size_t i = 0; i < p->nmutants; i++)
		if (p->mutants[i].reused && p->mutants[i].reused_from && s->mutant_ids[i])
			c[nc++] = (struct reach_carry){ p->mutants[i].reused_from, s->mutant_ids[i] };
	sqlite3_stmt *q = NULL;
	int rc = 0;
	if (nc) {
		qsort(c, nc, sizeof(*c), by_run_then_id);
		rc = assay_store_prepare(s->st, &q, "SELECT test, mutants FROM mutation_reach WHERE run_id = ?1", err);
	}
	for (size_t from = 0, to; rc == 0 && from < nc; from = to) {
		for (to = from; to < nc && c[to].run == c[from].run; to++)
			;
		rc = reach_carry_run(s, q, c + from, to - from, rows, err);
	}
	sqlite3_finalize(q);
	free(c);
	return rc;
}

/*
 * Which of the run's mutants each test reached: one mutation_reach row per
 * test, the union of what this run's coverage pass traced and what the
 * runs its reused results came from stored, so that a run taking results
 * over still says who reached them.
 */
static int sink_reach(mut_sink *s, assay_err *err)
{
	struct reach_rows rows = { 0 };
	assay_hashmap_init(&rows.by_test);
	reach_traced(s, &rows);
	int rc = reach_carried(s, &rows, err);
	sqlite3_stmt *ins = NULL;
	if (rc == 0 && rows.n)
		rc = assay_store_prepare(s->st, &ins,
			"INSERT INTO mutation_reach (run_id, test, mutants) VALUES (?1, ?2, ?3)", err);
	assay_buf blob = ASSAY_BUF_INIT;
	for (size_t t = 0; rc == 0 && t < rows.n; t++) {
		struct reach_row *r = &rows.v[t];
		assay_buf_reset(&blob);
		assay_reachblob_encode(&blob, r->ids, r->n); /* sorts them and drops repeats */
		sqlite3_bind_int64(ins, 1, s->run_id);
		sqlite3_bind_text(ins, 2, r->test, -1, SQLITE_STATIC);
		sqlite3_bind_blob(ins, 3, blob.len ? blob.buf : "", (int)blob.len, SQLITE_STATIC);
		rc = step_done(s->st, ins, err, "storing which tests reached which mutants");
	}
	assay_buf_release(&blob);
	sqlite3_finalize(ins);
	reach_rows_release(&rows);
	return rc;
}

int mut_sink_open(mut_sink **out, assay_store *st, const assay_runctx *ctx, mut_engine *e, assay_err *err)
{
	*out = NULL;
	assay_run *run = NULL;
	int rc = assay_run_begin(&run, st, "mutation", ctx, err);
	if (rc < 0)
		return rc;
	mut_sink *s = assay_xcalloc(1, sizeof(*s));
	const mut_project *p = &e->proj;
	s->st = st;
	s->e = e;
	s->run_id = assay_run_id(run);
	s->mutant_ids = assay_xcalloc(p->nmutants + 1, sizeof(int64_t));
	s->stored = assay_xcalloc(p->nmutants + 1, 1);
	s->batch = assay_xcalloc(p->nmutants + 1, sizeof(size_t));
	s->batch_since = assay_proc_now_us();
	s->err = (assay_err)ASSAY_ERR_INIT;
	rc = assay_mutant_rows_prepare(st, 0, &s->rows, err);
	for (size_t i = 0; rc == 0 && i < p->nmutants; i++) {
		const mut_mutant *m = &p->mutants[i];
		if (!m->selected)
			continue;
		int64_t fid;
		rc = assay_run_file_id(run, p->files[m->file].rel, &fid, err);
		if (rc < 0)
			break;
		sqlite3_stmt *up = s->rows.mutant;
		sqlite3_bind_int64(up, 1, fid);
		sqlite3_bind_text(up, 2, m->key, -1, SQLITE_STATIC);
		assay_store_bind_text(up, 3, m->func);
		sqlite3_bind_int(up, 4, (int)m->line);
		sqlite3_bind_int(up, 5, (int)m->col);
		sqlite3_bind_int(up, 6, (int)m->end_line);
		sqlite3_bind_int(up, 7, (int)m->end_col);
		sqlite3_bind_text(up, 8, m->op, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 9, m->original, -1, SQLITE_STATIC);
		sqlite3_bind_text(up, 10, m->mutated, -1, SQLITE_STATIC);
		rc = assay_mutant_rows_id(st, &s->rows, &s->mutant_ids[i], err);
	}
	sqlite3_stmt *mr = NULL;
	if (rc == 0)
		rc = assay_store_prepare(st, &mr,
			"INSERT INTO mutation_runs (run_id, tests_digest, shard_k, shard_n, compiles, wall_us, tests_us, "
			"state, selected, done) VALUES (?1, ?2, ?3, ?4, 0, 0, 0, 'partial', ?5, 0)", err);
	if (rc == 0) {
		sqlite3_bind_int64(mr, 1, s->run_id);
		sqlite3_bind_text(mr, 2, e->tests_digest, -1, SQLITE_STATIC);
		if (e->cfg.shard_n) {
			sqlite3_bind_int(mr, 3, e->cfg.shard_k);
			sqlite3_bind_int(mr, 4, e->cfg.shard_n);
		}
		sqlite3_bind_int(mr, 5, e->stats.selected);
		rc = step_done(st, mr, err, "storing the mutation run");
	}
	sqlite3_finalize(mr);
	if (rc == 0)
		rc = sink_reach(s, err); /* in the run's first transaction: an interrupted run keeps it */
	if (rc == 0)
		rc = assay_store_prepare(st, &s->ins,
			"INSERT INTO mutations (run_id, mutant_id, status, killed_by, duration_us, tests_run, "
			"reused, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	if (rc == 0)
		rc = assay_store_prepare(st, &s->progress,
			"UPDATE mutation_runs SET state = ?1, done = ?2, score = ?3, covered_score = ?4, compiles = ?5, "
			"wall_us = ?6, tests_us = ?7 WHERE run_id = ?8", err);
	if (rc == 0)
		rc = assay_run_finish(run, NULL, err);
	assay_run_free(run);
	if (rc < 0) {
		mut_sink_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int64_t mut_sink_run_id(const mut_sink *s)
{
	return s->run_id;
}

size_t mut_sink_done(const mut_sink *s)
{
	return s->done;
}

int mut_sink_close(mut_sink *s, int complete, const char *digest, assay_err *err)
{
	if (s->rc < 0) {
		*err = s->err;
		return s->rc;
	}
	for (size_t i = 0; i < s->e->proj.nmutants; i++)
		sink_add(s, &s->e->proj.mutants[i]);
	return sink_flush(s, complete, complete ? digest : NULL, err);
}

void mut_sink_free(mut_sink *s)
{
	if (!s)
		return;
	assay_mutant_rows_finalize(&s->rows);
	sqlite3_finalize(s->ins);
	sqlite3_finalize(s->progress);
	free(s->mutant_ids);
	free(s->stored);
	free(s->batch);
	free(s);
}

void mut_results_digest(const mut_engine *e, const assay_runctx *ctx, char out[33])
{
	assay_digest *d = assay_digest_new();
	char shard[32];
	snprintf(shard, sizeof(shard), "%d/%d", e->cfg.shard_k, e->cfg.shard_n);
	assay_digest_update_str(d, "mutation");
	assay_digest_update_str(d, ctx->commit);
	assay_digest_update_str(d, ctx->label);
	assay_digest_update_str(d, e->tests_digest);
	assay_digest_update_str(d, shard);
	for (size_t i = 0; i < e->proj.nmutants; i++) {
		const mut_mutant *m = &e->proj.mutants[i];
		if (!m->selected)
			continue;
		assay_digest_update_str(d, m->key);
		assay_digest_update_str(d, mut_status_name(m->status));
		assay_digest_update_str(d, m->killed_by);
	}
	assay_digest_hex(d, out);
	assay_digest_free(d);
}

int mut_store_find_digest(assay_store *st, const char *digest, int64_t *run_id, assay_err *err)
{
	sqlite3_stmt *q = NULL;
	*run_id = 0;
	int rc = assay_store_prepare(st, &q, "SELECT id FROM runs WHERE digest = ?1", err);
	if (rc == 0) {
		sqlite3_bind_text(q, 1, digest, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			*run_id = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	return rc;
}

int mut_store_mark(assay_store *st, const char *key_prefix, const char *why, char full[33],
		   assay_err *err)
{
	size_t n = strlen(key_prefix);
	if (n < 8 || n > 32 || strspn(key_prefix, "0123456789abcdef") != n)
		return assay_err_set(err, ASSAY_EUSAGE, "mark: '%s' is not a mutant key (8 to 32 hex digits)",
				     key_prefix);
	sqlite3_stmt *q = NULL;
	int rc = assay_store_prepare(st, &q, "SELECT key FROM mutants WHERE substr(key, 1, ?2) = ?1 LIMIT 2", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_text(q, 1, key_prefix, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, (int)n);
	int found = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (found++ == 0)
			snprintf(full, 33, "%s", (const char *)sqlite3_column_text(q, 0));
	}
	sqlite3_finalize(q);
	if (found == 0)
		return assay_err_set(err, ASSAY_ENOTFOUND, "mark: no mutant with key %s in %s", key_prefix,
				     assay_store_path(st));
	if (found > 1)
		return assay_err_set(err, ASSAY_EUSAGE, "mark: key %s names more than one mutant: give more digits",
				     key_prefix);
	rc = assay_store_prepare(st, &q,
		"INSERT INTO mutant_marks (key, verdict, why, marked_at) VALUES (?1, 'equivalent', ?2, ?3) "
		"ON CONFLICT (key) DO UPDATE SET why = excluded.why, marked_at = excluded.marked_at", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_text(q, 1, full, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, why, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, (int64_t)time(NULL));
	rc = step_done(st, q, err, "storing the verdict");
	sqlite3_finalize(q);
	return rc;
}
