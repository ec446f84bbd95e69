/* SPDX-License-Identifier: MIT */
#include "store_merge.h"
#include "covread.h"
#include "digest.h"
#include "hashmap.h"
#include "mem.h"
#include "model.h"
#include "mutant_rows.h"
#include "reachblob.h"
#include "run.h"
#include "runctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[ASSAY_MERGE_NKINDS] = { "ingest", "flaky", "bench", "mutation" };

const char *assay_merge_kind_name(enum assay_merge_kind k)
{
	return kind_names[k];
}

static int kind_parse(const char *s)
{
	for (int k = 0; s && k < ASSAY_MERGE_NKINDS; k++)
		if (!strcmp(s, kind_names[k]))
			return k;
	return -1;
}

struct source {
	const char *path;
	assay_store *st;
};

/* One run of a source. */
struct part {
	struct source *src;
	int64_t run_id, started_at;
	int kind;
	char *digest;       /* runs.digest; NULL when it has none */
	char *sha;
	char *tests_digest; /* of a mutation run; NULL for others */
	int k, n;           /* shard K/N; 0/0 when not sharded */
	int partial;        /* an interrupted mutation run */
	int grouped;
};

struct assay_merge {
	struct source *srcs;
	size_t nsrcs;
	struct part *parts;
	size_t nparts, parts_alloc;
	/* the runs to write, each one or more parts (the shards of a run, in order) */
	struct part ***units;
	size_t *unit_n;
	size_t nunits;
};

/*
 * What a run holds, read the same way to copy it and to digest it: the
 * columns, in this order, are what the copying functions below take.  No
 * row id of the source is among them (but the last column of the
 * mutations, which finds their kills), so a digest is the same whichever
 * store the run lies in.
 */
static const char q_results[] =
	"SELECT t.suite, t.classname, t.name, t.file, t.line, r.status, r.attempt, r.final, r.duration_us, "
	"r.message, r.type, r.system_out, r.system_err FROM results r JOIN tests t ON t.id = r.test_id "
	"WHERE r.run_id = ?1 ORDER BY r.ord";
static const char q_coverage[] =
	"SELECT f.path, c.lines_found, c.lines_hit, c.branches_found, c.branches_hit, c.functions_found, "
	"c.functions_hit, c.lines, c.branches, c.functions FROM coverage c JOIN files f ON f.id = c.file_id "
	"WHERE c.run_id = ?1 ORDER BY f.path";
static const char q_warnings[] =
	"SELECT kind, input, line, subject, message, detail FROM run_warnings WHERE run_id = ?1 ORDER BY ord";
static const char q_samples[] =
	"SELECT b.name, b.metric, b.unit, b.bigger_is_better, b.is_primary, b.threshold, b.params, s.rep, "
	"s.value, s.exit_code, s.extra FROM samples s JOIN benchmarks b ON b.id = s.benchmark_id "
	"WHERE s.run_id = ?1 ORDER BY s.rowid";
static const char q_skips[] =
	"SELECT name, kind, count, message FROM bench_skips WHERE run_id = ?1 ORDER BY rowid";
static const char q_mutations[] =
	"SELECT f.path, k.key, k.function, k.line, k.col, k.end_line, k.end_col, k.operator, k.original, "
	"k.replacement, m.status, m.killed_by, m.duration_us, m.tests_run, m.reused, m.reason, k.id "
	"FROM mutations m JOIN mutants k ON k.id = m.mutant_id JOIN files f ON f.id = k.file_id "
	"WHERE m.run_id = ?1 ORDER BY k.key";
enum { MUTATION_COLS = 16 }; /* q_mutations without the source's mutant id */
static const char q_kills[] =
	"SELECT k.key, x.test FROM mutation_kills x JOIN mutants k ON k.id = x.mutant_id "
	"WHERE x.run_id = ?1 ORDER BY k.key, x.test";
static const char q_mutation_run[] =
	"SELECT tests_digest, shard_k, shard_n, score, covered_score, compiles, wall_us, tests_us, state, "
	"selected, done FROM mutation_runs WHERE run_id = ?1";

/* The error for a source that could not be read. */
static int read_error(const struct source *s, assay_err *err)
{
	return assay_store_error(s->st, err, "reading a run to merge");
}

/* ---- listing and checking the sources ---- */

static int list_parts(assay_merge *m, struct source *s, assay_err *err)
{
	sqlite3_stmt *q;
	int rc = assay_store_prepare(s->st, &q,
		"SELECT r.id, r.kind, r.digest, c.sha, r.started_at, mr.tests_digest, coalesce(mr.shard_k, 0), "
		"coalesce(mr.shard_n, 0), coalesce(mr.state, 'complete') = 'partial' "
		"FROM runs r JOIN commits c ON c.id = r.commit_id LEFT JOIN mutation_runs mr ON mr.run_id = r.id "
		"ORDER BY r.id", err);
	if (rc < 0)
		return rc;
	int step;
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		int kind = kind_parse((const char *)sqlite3_column_text(q, 1));
		if (kind < 0) {
			rc = assay_err_set(err, ASSAY_EINPUT, "%s: run %lld is of a kind this Assay does not know",
					   s->path, (long long)sqlite3_column_int64(q, 0));
			break;
		}
		ASSAY_GROW(m->parts, m->parts_alloc, m->nparts + 1);
		struct part *p = &m->parts[m->nparts++];
		*p = (struct part){
			.src = s, .run_id = sqlite3_column_int64(q, 0), .kind = kind,
			.digest = assay_store_column_dup(q, 2), .sha = assay_store_column_dup(q, 3),
			.started_at = sqlite3_column_int64(q, 4), .tests_digest = assay_store_column_dup(q, 5),
			.k = sqlite3_column_int(q, 6), .n = sqlite3_column_int(q, 7), .partial = sqlite3_column_int(q, 8),
		};
		if (kind != ASSAY_MERGE_MUTATION || !p->tests_digest)
			p->k = p->n = 0;
		if (p->n && (p->k < 1 || p->k > p->n))
			rc = assay_err_set(err, ASSAY_EINPUT, "%s: run %lld is shard %d/%d, which cannot be",
					   s->path, (long long)p->run_id, p->k, p->n);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = read_error(s, err);
	sqlite3_finalize(q);
	return rc;
}

/* Two shards of one sharded run: the same commit, tests and number of shards. */
static int same_run(const struct part *a, const struct part *b)
{
	return a->n > 0 && a->n == b->n && !a->partial && !b->partial && !strcmp(a->sha, b->sha) &&
	       !strcmp(a->tests_digest, b->tests_digest);
}

/* Group the parts into the runs to write: each shard of a sharded run once, and all of them. */
static int make_units(assay_merge *m, assay_err *err)
{
	m->units = assay_xcalloc(m->nparts + 1, sizeof(*m->units));
	m->unit_n = assay_xcalloc(m->nparts + 1, sizeof(*m->unit_n));
	for (size_t i = 0; i < m->nparts; i++) {
		struct part *p = &m->parts[i];
		if (p->grouped || p->partial)
			continue;
		size_t n = p->n ? (size_t)p->n : 1;
		struct part **g = assay_xcalloc(n, sizeof(*g));
		m->units[m->nunits] = g;
		m->unit_n[m->nunits++] = n;
		if (!p->n) {
			g[0] = p;
			p->grouped = 1;
			continue;
		}
		for (size_t j = i; j < m->nparts; j++) {
			struct part *o = &m->parts[j];
			if (j != i && !same_run(p, o))
				continue;
			if (g[o->k - 1])
				return assay_err_set(err, ASSAY_EINPUT, "%s: shard %d/%d of commit %.12s is there twice",
						     o->src->path, o->k, o->n, o->sha);
			g[o->k - 1] = o;
			o->grouped = 1;
		}
		for (size_t k = 0; k < n; k++)
			if (!g[k])
				return assay_err_set(err, ASSAY_EINPUT,
						     "shard %zu/%d of commit %.12s is missing: give every shard's store",
						     k + 1, p->n, p->sha);
	}
	return 0;
}

int assay_merge_open(assay_merge **out, const char *const *paths, size_t n, assay_err *err)
{
	*out = NULL;
	assay_merge *m = assay_xcalloc(1, sizeof(*m));
	m->srcs = assay_xcalloc(n + 1, sizeof(*m->srcs));
	m->nsrcs = n;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		m->srcs[i].path = paths[i];
		rc = assay_store_open_readonly(&m->srcs[i].st, paths[i], err);
		if (rc == -ASSAY_ENOTFOUND)
			rc = assay_err_set(err, ASSAY_EINPUT, "%s: no such store", paths[i]);
		if (rc == 0)
			rc = list_parts(m, &m->srcs[i], err);
	}
	if (rc == 0)
		rc = make_units(m, err);
	if (rc < 0) {
		assay_merge_close(m);
		return rc;
	}
	*out = m;
	return 0;
}

void assay_merge_close(assay_merge *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nunits; i++)
		free(m->units[i]);
	free(m->units);
	free(m->unit_n);
	for (size_t i = 0; i < m->nparts; i++) {
		free(m->parts[i].digest);
		free(m->parts[i].sha);
		free(m->parts[i].tests_digest);
	}
	free(m->parts);
	for (size_t i = 0; i < m->nsrcs; i++)
		assay_store_close(m->srcs[i].st);
	free(m->srcs);
	free(m);
}

/* ---- digests ---- */

/* Every value of the first ncols columns of every row of sql (?1 = the run), with its type. */
static int digest_rows(const struct part *p, assay_digest *d, const char *sql, int ncols, assay_err *err)
{
	sqlite3_stmt *q;
	int rc = assay_store_prepare(p->src->st, &q, sql, err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(q, 1, p->run_id);
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		for (int c = 0; c < ncols; c++) {
			unsigned char type = (unsigned char)sqlite3_column_type(q, c);
			assay_digest_update(d, &type, 1);
			if (type == SQLITE_INTEGER) {
				int64_t v = sqlite3_column_int64(q, c);
				assay_digest_update(d, &v, sizeof(v));
			} else if (type == SQLITE_FLOAT) {
				double v = sqlite3_column_double(q, c);
				assay_digest_update(d, &v, sizeof(v));
			} else if (type != SQLITE_NULL) {
				const void *b = sqlite3_column_blob(q, c);
				uint64_t len = (uint64_t)sqlite3_column_bytes(q, c);
				assay_digest_update(d, &len, sizeof(len));
				assay_digest_update(d, b, (size_t)len);
			}
		}
	}
	if (step != SQLITE_DONE)
		rc = read_error(p->src, err);
	sqlite3_finalize(q);
	return rc;
}

/*
 * The digest a unit is stored with in the target.  A run that has one
 * keeps it.  Shards joined: what the joined results are (the digest
 * assay merge always gave them).  A run without one (flaky runs, which are
 * never the same twice): its commit, time, job and everything it holds,
 * so that a copy of it is found again however often it is merged.
 */
static int unit_digest(struct part **g, size_t n, char hex[33], assay_err *err)
{
	const struct part *p = g[0];
	if (!p->n && p->digest) {
		snprintf(hex, 33, "%s", p->digest);
		return 0;
	}
	assay_digest *d = assay_digest_new();
	int rc = 0;
	if (p->n) {
		assay_digest_update_str(d, "assay merge");
		assay_digest_update_str(d, p->sha);
		assay_digest_update_str(d, p->tests_digest);
		for (size_t i = 0; i < n && rc == 0; i++) {
			sqlite3_stmt *q;
			rc = assay_store_prepare(g[i]->src->st, &q,
				"SELECT k.key, m.status FROM mutations m JOIN mutants k ON k.id = m.mutant_id "
				"WHERE m.run_id = ?1 ORDER BY k.key", err);
			if (rc < 0)
				break;
			sqlite3_bind_int64(q, 1, g[i]->run_id);
			int step;
			while ((step = sqlite3_step(q)) == SQLITE_ROW) {
				assay_digest_update_str(d, (const char *)sqlite3_column_text(q, 0));
				assay_digest_update_str(d, (const char *)sqlite3_column_text(q, 1));
			}
			if (step != SQLITE_DONE)
				rc = read_error(g[i]->src, err);
			sqlite3_finalize(q);
		}
	} else {
		assay_digest_update_str(d, "assay merge: a run without a digest");
		assay_digest_update_str(d, kind_names[p->kind]);
		assay_digest_update_str(d, p->sha);
		assay_digest_update(d, &p->started_at, sizeof(p->started_at));
		rc = digest_rows(p, d, "SELECT ci_provider, ci_run, ci_job, label FROM runs WHERE id = ?1", 4, err);
		static const struct {
			const char *sql;
			int ncols;
		} held[] = {
			{ q_results, 13 }, { q_coverage, 10 }, { q_warnings, 6 }, { q_samples, 11 },
			{ q_skips, 4 }, { q_mutations, MUTATION_COLS }, { q_kills, 2 }, { q_mutation_run, 11 },
		};
		for (size_t i = 0; i < sizeof(held) / sizeof(held[0]) && rc == 0; i++)
			rc = digest_rows(p, d, held[i].sql, held[i].ncols, err);
	}
	assay_digest_hex(d, hex);
	assay_digest_free(d);
	return rc;
}

/* ---- copying ---- */

/* The statement sql over the part's source, with ?1 bound to its run. */
static int source_query(const struct part *p, const char *sql, sqlite3_stmt **q, assay_err *err)
{
	int rc = assay_store_prepare(p->src->st, q, sql, err);
	if (rc == 0)
		sqlite3_bind_int64(*q, 1, p->run_id);
	return rc;
}

static const char *col_text(sqlite3_stmt *q, int c)
{
	return (const char *)sqlite3_column_text(q, c);
}

/* The results, through the run's own writer: it finds each test by its key or adds it. */
static int copy_results(const struct part *p, assay_run *run, struct assay_merge_result *res, assay_err *err)
{
	sqlite3_stmt *q;
	int rc = source_query(p, q_results, &q, err);
	if (rc < 0)
		return rc;
	int step;
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		int status = assay_status_parse(col_text(q, 5));
		if (status < 0) {
			rc = assay_err_set(err, ASSAY_EDB, "%s: run %lld: a result of no known status: the store is damaged",
					   p->src->path, (long long)p->run_id);
			break;
		}
		assay_result r = {
			.suite = col_text(q, 0), .classname = col_text(q, 1), .name = col_text(q, 2),
			.file = col_text(q, 3), .line = (long)sqlite3_column_int64(q, 4),
			.status = (enum assay_status)status, .attempt = sqlite3_column_int(q, 6),
			.final = sqlite3_column_int(q, 7),
			.duration_us = sqlite3_column_type(q, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64(q, 8),
			.message = col_text(q, 9), .type = col_text(q, 10), .system_out = col_text(q, 11),
			.system_err = col_text(q, 12),
		};
		if ((rc = assay_run_add_result(run, &r, err)) == 0)
			res->results++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = read_error(p->src, err);
	sqlite3_finalize(q);
	return rc;
}

static void bind_columns(sqlite3_stmt *to, int first, sqlite3_stmt *from, int from_col, int n)
{
	for (int i = 0; i < n; i++)
		sqlite3_bind_value(to, first + i, sqlite3_column_value(from, from_col + i));
}

static int step_insert(assay_store *st, sqlite3_stmt *ins, const char *doing, assay_err *err)
{
	int s = sqlite3_step(ins);
	sqlite3_reset(ins);
	return s == SQLITE_DONE ? 0 : assay_store_error(st, err, doing);
}

/* Coverage: the blobs hold no ids, so they are copied as they are, each under its file's id in the target. */
static int copy_coverage(const struct part *p, assay_run *run, struct assay_merge_result *res, assay_err *err)
{
	assay_store *tg = assay_run_store(run);
	sqlite3_stmt *q = NULL, *ins = NULL;
	int rc = source_query(p, q_coverage, &q, err);
	if (rc == 0)
		rc = assay_store_prepare(tg, &ins,
			"INSERT INTO coverage(run_id, file_id, lines_found, lines_hit, branches_found, branches_hit, "
			"functions_found, functions_hit, lines, branches, functions, digest) "
			"VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
			err);
	int step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t fid;
		if ((rc = assay_run_file_id(run, col_text(q, 0), &fid, err)) < 0)
			break;
		sqlite3_bind_int64(ins, 1, assay_run_id(run));
		sqlite3_bind_int64(ins, 2, fid);
		bind_columns(ins, 3, q, 1, 9);
		/* made here from the blobs: a source of an older schema has none */
		sqlite3_bind_int64(ins, 12, (int64_t)assay_coverage_digest_columns(q, 7));
		if ((rc = step_insert(tg, ins, "merging coverage", err)) == 0)
			res->coverage++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = read_error(p->src, err);
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return rc;
}

static int copy_warnings(const struct part *p, assay_run *run, assay_err *err)
{
	sqlite3_stmt *q;
	int rc = source_query(p, q_warnings, &q, err);
	if (rc < 0)
		return rc;
	int step;
	while ((step = sqlite3_step(q)) == SQLITE_ROW) {
		struct assay_run_warning w = {
			.kind = col_text(q, 0), .input = col_text(q, 1), .line = (long)sqlite3_column_int64(q, 2),
			.subject = col_text(q, 3), .message = col_text(q, 4), .detail = col_text(q, 5),
		};
		assay_run_add_warning(run, &w);
	}
	if (step != SQLITE_DONE)
		rc = read_error(p->src, err);
	sqlite3_finalize(q);
	return rc;
}

/*
 * The target's id of the benchmark (name, metric) of the sample row q,
 * created if new.  One it has in another unit or direction is an input
 * error, as for assay bench: the samples could not be compared.
 */
static int benchmark_id(const struct part *p, assay_store *tg, sqlite3_stmt *sel, sqlite3_stmt *ins,
			sqlite3_stmt *thr, sqlite3_stmt *q, int64_t *out, assay_err *err)
{
	bind_columns(sel, 1, q, 0, 2);
	int s = sqlite3_step(sel);
	int rc = 0;
	if (s == SQLITE_ROW) {
		*out = sqlite3_column_int64(sel, 0);
		const char *unit = col_text(sel, 1), *src_unit = col_text(q, 2);
		int bigger = sqlite3_column_int(sel, 2), src_bigger = sqlite3_column_int(q, 3);
		if (strcmp(unit, src_unit) || bigger != src_bigger)
			rc = assay_err_set(err, ASSAY_EINPUT,
					   "%s: benchmark '%s' (%s) is in %s%s there and in %s%s in the target: "
					   "the two cannot be compared",
					   p->src->path, col_text(q, 0), col_text(q, 1), src_unit,
					   src_bigger ? ", bigger is better" : "", unit, bigger ? ", bigger is better" : "");
		else if (sqlite3_column_type(q, 5) != SQLITE_NULL) {
			/* a threshold set in the source holds unless the target has its own */
			sqlite3_bind_value(thr, 1, sqlite3_column_value(q, 5));
			sqlite3_bind_int64(thr, 2, *out);
			rc = step_insert(tg, thr, "merging a benchmark's threshold", err);
		}
	} else if (s == SQLITE_DONE) {
		bind_columns(ins, 1, q, 0, 7);
		if ((rc = step_insert(tg, ins, "merging a benchmark", err)) == 0)
			*out = sqlite3_last_insert_rowid(assay_store_db(tg));
	} else {
		rc = assay_store_error(tg, err, "looking up a benchmark");
	}
	sqlite3_reset(sel);
	return rc;
}

static int copy_samples(const struct part *p, assay_run *run, struct assay_merge_result *res, assay_err *err)
{
	assay_store *tg = assay_run_store(run);
	sqlite3_stmt *q = NULL, *sel = NULL, *ins = NULL, *thr = NULL, *smp = NULL;
	int rc;
	if ((rc = source_query(p, q_samples, &q, err)) < 0 ||
	    (rc = assay_store_prepare(tg, &sel,
			"SELECT id, unit, bigger_is_better FROM benchmarks WHERE name = ?1 AND metric = ?2", err)) < 0 ||
	    (rc = assay_store_prepare(tg, &ins,
			"INSERT INTO benchmarks(name, metric, unit, bigger_is_better, is_primary, threshold, params) "
			"VALUES (?1,?2,?3,?4,?5,?6,?7)", err)) < 0 ||
	    (rc = assay_store_prepare(tg, &thr,
			"UPDATE benchmarks SET threshold = ?1 WHERE id = ?2 AND threshold IS NULL", err)) < 0 ||
	    (rc = assay_store_prepare(tg, &smp,
			"INSERT INTO samples(run_id, benchmark_id, rep, value, exit_code, extra) VALUES (?1,?2,?3,?4,?5,?6)",
			err)) < 0)
		goto out;
	int step;
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t bid = 0;
		if ((rc = benchmark_id(p, tg, sel, ins, thr, q, &bid, err)) < 0)
			break;
		sqlite3_bind_int64(smp, 1, assay_run_id(run));
		sqlite3_bind_int64(smp, 2, bid);
		bind_columns(smp, 3, q, 7, 4);
		if ((rc = step_insert(tg, smp, "merging a sample", err)) == 0)
			res->samples++;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = read_error(p->src, err);
out:
	sqlite3_finalize(q);
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	sqlite3_finalize(thr);
	sqlite3_finalize(smp);
	return rc;
}

static int copy_skips(const struct part *p, assay_run *run, assay_err *err)
{
	assay_store *tg = assay_run_store(run);
	sqlite3_stmt *q = NULL, *ins = NULL;
	int rc = source_query(p, q_skips, &q, err);
	if (rc == 0)
		rc = assay_store_prepare(tg, &ins,
			"INSERT INTO bench_skips(run_id, name, kind, count, message) VALUES (?1,?2,?3,?4,?5)", err);
	int step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_bind_int64(ins, 1, assay_run_id(run));
		bind_columns(ins, 2, q, 0, 4);
		rc = step_insert(tg, ins, "merging a skipped benchmark", err);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = read_error(p->src, err);
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return rc;
}

/* Mutation results and their kills, each mutant found by its key in the target or added. */
static int copy_mutations(const struct part *p, assay_run *run, struct assay_merge_result *res, assay_err *err)
{
	assay_store *tg = assay_run_store(run);
	sqlite3_stmt *q = NULL, *ins = NULL, *kq = NULL;
	struct assay_mutant_rows out = { 0 };
	int rc = source_query(p, q_mutations, &q, err);
	if (rc == 0)
		rc = assay_mutant_rows_prepare(tg, 1, &out, err);
	if (rc == 0)
		rc = assay_store_prepare(tg, &ins,
			"INSERT INTO mutations (run_id, mutant_id, status, killed_by, duration_us, tests_run, reused, reason) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	if (rc == 0)
		rc = source_query(p, "SELECT test FROM mutation_kills WHERE run_id = ?1 AND mutant_id = ?2", &kq, err);
	int64_t rid = assay_run_id(run);
	int step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t fid, mid;
		if ((rc = assay_run_file_id(run, col_text(q, 0), &fid, err)) < 0)
			break;
		sqlite3_bind_int64(out.mutant, 1, fid);
		bind_columns(out.mutant, 2, q, 1, 9);
		if ((rc = assay_mutant_rows_id(tg, &out, &mid, err)) < 0)
			break;
		sqlite3_bind_int64(ins, 1, rid);
		sqlite3_bind_int64(ins, 2, mid);
		bind_columns(ins, 3, q, 10, 6);
		if ((rc = step_insert(tg, ins, "merging a mutation result", err)) < 0)
			break;
		res->mutations++;
		sqlite3_bind_int64(kq, 2, sqlite3_column_int64(q, MUTATION_COLS));
		int ks;
		while (rc == 0 && (ks = sqlite3_step(kq)) == SQLITE_ROW)
			rc = assay_mutant_rows_kill(tg, &out, rid, mid, col_text(kq, 0), err);
		if (rc == 0 && ks != SQLITE_DONE)
			rc = read_error(p->src, err);
		sqlite3_reset(kq);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = read_error(p->src, err);
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	sqlite3_finalize(kq);
	assay_mutant_rows_finalize(&out);
	return rc;
}

/* One test's reach in the run being written: the target's mutant ids, from every part. */
struct reach {
	char *test;
	int64_t *ids;
	size_t n, alloc;
};

/* The target's id of the source's mutant src_id (copied in, by its key, when it is not there). */
static int reach_mutant(const struct part *p, assay_run *run, sqlite3_stmt *sel, struct assay_mutant_rows *out,
			assay_hashmap *seen, int64_t src_id, int64_t *id, assay_err *err)
{
	int created;
	uint64_t *v = assay_hashmap_upsert(seen, &src_id, sizeof(src_id), &created);
	if (!created) {
		*id = (int64_t)*v;
		return 0;
	}
	sqlite3_bind_int64(sel, 1, src_id);
	int step = sqlite3_step(sel), rc = 0;
	int64_t fid = 0;
	if (step != SQLITE_ROW)
		rc = step == SQLITE_DONE
			? assay_err_set(err, ASSAY_EINPUT, "%s: run %lld: the tests' reach names mutant %lld, which is "
					"not in the store", p->src->path, (long long)p->run_id, (long long)src_id)
			: read_error(p->src, err);
	if (rc == 0)
		rc = assay_run_file_id(run, col_text(sel, 0), &fid, err);
	if (rc == 0) {
		sqlite3_bind_int64(out->mutant, 1, fid);
		bind_columns(out->mutant, 2, sel, 1, 9);
		rc = assay_mutant_rows_id(assay_run_store(run), out, id, err);
	}
	sqlite3_reset(sel);
	if (rc == 0)
		*assay_hashmap_upsert(seen, &src_id, sizeof(src_id), &created) = (uint64_t)*id;
	return rc;
}

/* The reach of one part added to the tests' in r (by name, through names). */
static int read_reach(const struct part *p, assay_run *run, struct assay_mutant_rows *out, assay_hashmap *names,
		      struct reach **r, size_t *nr, size_t *ar, assay_err *err)
{
	sqlite3_stmt *q = NULL, *sel = NULL;
	int rc = source_query(p, "SELECT test, mutants FROM mutation_reach WHERE run_id = ?1 ORDER BY test", &q, err);
	if (rc == 0)
		rc = assay_store_prepare(p->src->st, &sel,
			"SELECT f.path, k.key, k.function, k.line, k.col, k.end_line, k.end_col, k.operator, k.original, "
			"k.replacement FROM mutants k JOIN files f ON f.id = k.file_id WHERE k.id = ?1", err);
	assay_hashmap seen; /* the source's mutant ids, each to the target's */
	assay_hashmap_init(&seen);
	int64_t *src = NULL;
	size_t nsrc = 0, asrc = 0;
	int step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		const char *test = col_text(q, 0);
		int created;
		uint64_t *at = assay_hashmap_upsert(names, test, strlen(test), &created);
		if (created) {
			*at = *nr;
			ASSAY_GROW(*r, *ar, *nr + 1);
			(*r)[(*nr)++] = (struct reach){ assay_xstrdup(test), NULL, 0, 0 };
		}
		struct reach *t = &(*r)[*at];
		nsrc = 0;
		rc = assay_reachblob_decode(sqlite3_column_blob(q, 1), (size_t)sqlite3_column_bytes(q, 1), &src, &nsrc,
					    &asrc, err);
		for (size_t i = 0; rc == 0 && i < nsrc; i++) {
			int64_t id;
			if ((rc = reach_mutant(p, run, sel, out, &seen, src[i], &id, err)) == 0) {
				ASSAY_GROW(t->ids, t->alloc, t->n + 1);
				t->ids[t->n++] = id;
			}
		}
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = read_error(p->src, err);
	free(src);
	assay_hashmap_free(&seen);
	sqlite3_finalize(q);
	sqlite3_finalize(sel);
	return rc;
}

/*
 * Which tests reached which mutants (mutation_reach): each mutant found by
 * its key in the target, and the shards' rows of one test joined into one
 * (a test reaches, in the whole run, what it reached in any shard).
 */
static int copy_reach(struct part **g, size_t n, assay_run *run, assay_err *err)
{
	assay_store *tg = assay_run_store(run);
	struct assay_mutant_rows out = { 0 };
	assay_hashmap names;
	assay_hashmap_init(&names);
	struct reach *r = NULL;
	size_t nr = 0, ar = 0;
	int rc = assay_mutant_rows_prepare(tg, 1, &out, err);
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = read_reach(g[i], run, &out, &names, &r, &nr, &ar, err);
	sqlite3_stmt *ins = NULL;
	if (rc == 0 && nr)
		rc = assay_store_prepare(tg, &ins, "INSERT INTO mutation_reach (run_id, test, mutants) VALUES (?1, ?2, ?3)",
					 err);
	assay_buf blob = ASSAY_BUF_INIT;
	for (size_t i = 0; i < nr && rc == 0; i++) {
		assay_buf_reset(&blob);
		assay_reachblob_encode(&blob, r[i].ids, r[i].n);
		sqlite3_bind_int64(ins, 1, assay_run_id(run));
		sqlite3_bind_text(ins, 2, r[i].test, -1, SQLITE_STATIC);
		sqlite3_bind_blob(ins, 3, blob.len ? blob.buf : "", (int)blob.len, SQLITE_STATIC);
		rc = step_insert(tg, ins, "merging which tests reached which mutants", err);
	}
	assay_buf_release(&blob);
	for (size_t i = 0; i < nr; i++) {
		free(r[i].test);
		free(r[i].ids);
	}
	free(r);
	sqlite3_finalize(ins);
	assay_hashmap_free(&names);
	assay_mutant_rows_finalize(&out);
	return rc;
}

/* A run's mutation_runs row as it is (a run that is not joined from shards). */
static int copy_mutation_run(const struct part *p, assay_run *run, assay_err *err)
{
	assay_store *tg = assay_run_store(run);
	sqlite3_stmt *q = NULL, *ins = NULL;
	int rc = source_query(p, q_mutation_run, &q, err);
	if (rc == 0)
		rc = assay_store_prepare(tg, &ins,
			"INSERT INTO mutation_runs (run_id, tests_digest, shard_k, shard_n, score, covered_score, compiles, "
			"wall_us, tests_us, state, selected, done) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)", err);
	int step = SQLITE_DONE;
	if (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		sqlite3_bind_int64(ins, 1, assay_run_id(run));
		bind_columns(ins, 2, q, 0, 11);
		rc = step_insert(tg, ins, "merging a mutation run", err);
		step = SQLITE_DONE;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = read_error(p->src, err);
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return rc;
}

/*
 * The mutation_runs row of shards joined: their figures added up (the wall
 * time is the longest shard's: they ran side by side) and the scores of
 * the joined results, as the mutation-testing report schema defines them
 * (mutate/results.c, mut_score_from_counts): (killed + timeout) over those
 * and survived and no_coverage; the covered score without no_coverage.
 */
static int joined_mutation_run(struct part **g, size_t n, assay_run *run, assay_err *err)
{
	assay_store *tg = assay_run_store(run);
	int64_t compiles = 0, wall = 0, tests = 0, selected = 0, done = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		sqlite3_stmt *q;
		if ((rc = source_query(g[i], "SELECT coalesce(compiles, 0), coalesce(wall_us, 0), coalesce(tests_us, 0), "
					     "coalesce(selected, 0), coalesce(done, 0) FROM mutation_runs WHERE run_id = ?1",
				       &q, err)) < 0)
			break;
		int step = sqlite3_step(q);
		if (step == SQLITE_ROW) {
			compiles += sqlite3_column_int64(q, 0);
			int64_t w = sqlite3_column_int64(q, 1);
			wall = w > wall ? w : wall;
			tests += sqlite3_column_int64(q, 2);
			selected += sqlite3_column_int64(q, 3);
			done += sqlite3_column_int64(q, 4);
		} else {
			rc = read_error(g[i]->src, err);
		}
		sqlite3_finalize(q);
	}
	sqlite3_stmt *ins;
	if (rc == 0 && (rc = assay_store_prepare(tg, &ins,
		"INSERT INTO mutation_runs (run_id, tests_digest, score, covered_score, compiles, wall_us, tests_us, "
		"state, selected, done) "
		"SELECT ?1, ?2, CASE WHEN d + s + u > 0 THEN 100.0 * d / (d + s + u) END, "
		"CASE WHEN d + s > 0 THEN 100.0 * d / (d + s) END, ?3, ?4, ?5, 'complete', ?6, ?7 "
		"FROM (SELECT coalesce(sum(status IN ('killed', 'timeout')), 0) AS d, "
		"coalesce(sum(status = 'survived'), 0) AS s, coalesce(sum(status = 'no_coverage'), 0) AS u "
		"FROM mutations WHERE run_id = ?1)", err)) == 0) {
		sqlite3_bind_int64(ins, 1, assay_run_id(run));
		sqlite3_bind_text(ins, 2, g[0]->tests_digest, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 3, compiles);
		sqlite3_bind_int64(ins, 4, wall);
		sqlite3_bind_int64(ins, 5, tests);
		sqlite3_bind_int64(ins, 6, selected);
		sqlite3_bind_int64(ins, 7, done);
		rc = step_insert(tg, ins, "merging the joined mutation run", err);
		sqlite3_finalize(ins);
	}
	return rc;
}

/* The commit, CI job and label of the part's run, as a runctx for the target. */
static int load_ctx(const struct part *p, assay_runctx *ctx, assay_err *err)
{
	sqlite3_stmt *q;
	memset(ctx, 0, sizeof(*ctx));
	int rc = source_query(p,
		"SELECT c.sha, c.parent_sha, c.tree_sha, c.branch, c.subject, c.time, r.ci_provider, r.ci_run, "
		"r.ci_job, r.label FROM runs r JOIN commits c ON c.id = r.commit_id WHERE r.id = ?1", &q, err);
	if (rc < 0)
		return rc;
	if (sqlite3_step(q) == SQLITE_ROW) {
		ctx->commit = assay_store_column_dup(q, 0);
		ctx->parent = assay_store_column_dup(q, 1);
		ctx->tree = assay_store_column_dup(q, 2);
		ctx->branch = assay_store_column_dup(q, 3);
		ctx->subject = assay_store_column_dup(q, 4);
		ctx->time = sqlite3_column_int64(q, 5);
		ctx->ci_provider = assay_store_column_dup(q, 6);
		ctx->ci_run = assay_store_column_dup(q, 7);
		ctx->ci_job = assay_store_column_dup(q, 8);
		ctx->label = assay_store_column_dup(q, 9);
	} else {
		rc = read_error(p->src, err);
	}
	sqlite3_finalize(q);
	return rc;
}

/* Whether the target has a run of that digest. */
static int has_digest(assay_store *tg, const char *digest, int *found, assay_err *err)
{
	sqlite3_stmt *q;
	int rc = assay_store_prepare(tg, &q, "SELECT 1 FROM runs WHERE digest = ?1", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_text(q, 1, digest, -1, SQLITE_STATIC);
	int s = sqlite3_step(q);
	*found = s == SQLITE_ROW;
	if (s != SQLITE_ROW && s != SQLITE_DONE)
		rc = assay_store_error(tg, err, "looking up a run's digest");
	sqlite3_finalize(q);
	return rc;
}

/* Write one unit (a run, or the shards of one) as one run of the target, unless it is there. */
static int write_unit(assay_store *tg, struct part **g, size_t n, const char *label, struct assay_merge_result *res,
		      assay_err *err)
{
	const struct part *first = g[0];
	char digest[33];
	int found = 0;
	int rc = unit_digest(g, n, digest, err);
	if (rc == 0)
		rc = has_digest(tg, digest, &found, err);
	if (rc < 0)
		return rc;
	if (found) {
		res->present[first->kind]++;
		return 0;
	}
	assay_runctx ctx;
	if ((rc = load_ctx(first, &ctx, err)) < 0)
		return rc;
	if (label && first->n) {
		free(ctx.label);
		ctx.label = assay_xstrdup(label);
	}
	int64_t started = first->started_at;
	for (size_t i = 1; i < n; i++)
		started = g[i]->started_at < started ? g[i]->started_at : started;
	assay_run *run = NULL;
	rc = assay_run_begin(&run, tg, kind_names[first->kind], &ctx, err);
	if (rc == 0) {
		sqlite3_stmt *q;
		if ((rc = assay_store_prepare(tg, &q, "UPDATE runs SET started_at = ?1 WHERE id = ?2", err)) == 0) {
			sqlite3_bind_int64(q, 1, started);
			sqlite3_bind_int64(q, 2, assay_run_id(run));
			rc = step_insert(tg, q, "merging a run's time", err);
			sqlite3_finalize(q);
		}
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* the results first: the others' statements wait for the run's writer (assay_run_flush) */
		if ((rc = copy_results(g[i], run, res, err)) == 0 && (rc = assay_run_flush(run, err)) == 0 &&
		    (rc = copy_coverage(g[i], run, res, err)) == 0 && (rc = copy_warnings(g[i], run, err)) == 0 &&
		    (rc = copy_samples(g[i], run, res, err)) == 0 && (rc = copy_skips(g[i], run, err)) == 0)
			rc = copy_mutations(g[i], run, res, err);
	}
	if (rc == 0 && first->kind == ASSAY_MERGE_MUTATION)
		rc = copy_reach(g, n, run, err);
	if (rc == 0)
		rc = first->n ? joined_mutation_run(g, n, run, err) : copy_mutation_run(first, run, err);
	if (rc == 0)
		rc = assay_run_finish(run, digest, err);
	if (rc == 0) {
		res->copied[first->kind]++;
		if (first->n)
			res->shards += n;
	}
	assay_run_free(run);
	assay_runctx_release(&ctx);
	return rc;
}

/* People's verdicts: the latest of each mutant's key wins. */
static int copy_marks(const struct source *s, assay_store *tg, assay_err *err)
{
	sqlite3_stmt *q = NULL, *ins = NULL;
	int rc = assay_store_prepare(s->st, &q, "SELECT key, verdict, why, marked_at FROM mutant_marks ORDER BY key", err);
	if (rc == 0)
		rc = assay_store_prepare(tg, &ins,
			"INSERT INTO mutant_marks (key, verdict, why, marked_at) VALUES (?1, ?2, ?3, ?4) "
			"ON CONFLICT (key) DO UPDATE SET verdict = excluded.verdict, why = excluded.why, "
			"marked_at = excluded.marked_at WHERE excluded.marked_at > mutant_marks.marked_at", err);
	int step = SQLITE_DONE;
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		bind_columns(ins, 1, q, 0, 4);
		rc = step_insert(tg, ins, "merging a verdict", err);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = assay_store_error(s->st, err, "reading the verdicts to merge");
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return rc;
}

/* Whether a and b name one file (both exist: a source is open, the target too). */
static int same_file(const char *a, const char *b)
{
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	int same = ra && rb ? !strcmp(ra, rb) : !strcmp(a, b);
	free(ra);
	free(rb);
	return same;
}

int assay_merge_into(assay_merge *m, assay_store *target, const char *label, struct assay_merge_result *res,
		     assay_err *err)
{
	memset(res, 0, sizeof(*res));
	for (size_t i = 0; i < m->nsrcs; i++)
		if (same_file(m->srcs[i].path, assay_store_path(target)))
			return assay_err_set(err, ASSAY_EINPUT, "%s: the target cannot also be a source", m->srcs[i].path);
	for (size_t i = 0; i < m->nparts; i++)
		res->partial += (size_t)m->parts[i].partial;
	int rc = assay_store_begin(target, err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < m->nunits && rc == 0; i++)
		rc = write_unit(target, m->units[i], m->unit_n[i], label, res, err);
	for (size_t i = 0; i < m->nsrcs && rc == 0; i++)
		rc = copy_marks(&m->srcs[i], target, err);
	if (rc == 0)
		rc = assay_store_commit(target, err);
	if (rc < 0) {
		assay_store_rollback(target);
		struct assay_merge_result none = { 0 };
		*res = none;
	}
	return rc;
}
