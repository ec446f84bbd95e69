/* SPDX-License-Identifier: MIT */
#include "merge.h"
#include "digest.h"
#include "mem.h"
#include "results.h"
#include "run.h"
#include "runctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* One source run: where it is and what it is a part of. */
struct part {
	size_t src;        /* index into the sources */
	int64_t run_id;
	char *sha, *digest;
	int k, n;          /* shard; 0/0 when not sharded */
	int done;
};

struct source {
	const char *path;
	assay_store *st;
};

static int list_parts(struct source *s, size_t si, struct part **parts, size_t *np, size_t *alloc,
		      assay_err *err)
{
	sqlite3_stmt *q;
	int rc = assay_store_prepare(s->st, &q,
		"SELECT r.id, c.sha, mr.tests_digest, coalesce(mr.shard_k, 0), coalesce(mr.shard_n, 0) "
		"FROM runs r JOIN commits c ON c.id = r.commit_id JOIN mutation_runs mr ON mr.run_id = r.id "
		"WHERE r.kind = 'mutation' AND mr.state = 'complete' ORDER BY r.id", err);
	if (rc < 0)
		return rc;
	while (sqlite3_step(q) == SQLITE_ROW) {
		ASSAY_GROW(*parts, *alloc, *np + 1);
		struct part *p = &(*parts)[(*np)++];
		*p = (struct part){ si, sqlite3_column_int64(q, 0), assay_store_column_dup(q, 1), assay_store_column_dup(q, 2),
				    sqlite3_column_int(q, 3), sqlite3_column_int(q, 4), 0 };
	}
	sqlite3_finalize(q);
	return 0;
}

static int same_group(const struct part *a, const struct part *b)
{
	return a->n == b->n && a->n > 0 && !strcmp(a->sha, b->sha) && !strcmp(a->digest, b->digest);
}

/* The commit of a source run, as a runctx for the target. */
static int load_ctx(struct source *s, int64_t run_id, assay_runctx *ctx, assay_err *err)
{
	sqlite3_stmt *q;
	int rc = assay_store_prepare(s->st, &q,
		"SELECT c.sha, c.parent_sha, c.tree_sha, c.branch, c.subject, c.time, r.ci_provider, r.ci_run, "
		"r.ci_job, r.label FROM runs r JOIN commits c ON c.id = r.commit_id WHERE r.id = ?1", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(q, 1, run_id);
	memset(ctx, 0, sizeof(*ctx));
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
	}
	sqlite3_finalize(q);
	return 0;
}

struct totals {
	struct mut_score score; /* its counts, then the scores */
	int64_t compiles, wall_us, tests_us;
};

/* Copy one source run's mutants and results into the open target run; digest them. */
static int copy_part(struct source *s, const struct part *p, assay_run *run, assay_digest *d,
		     struct totals *t, size_t *rows, assay_err *err)
{
	assay_store *tg = assay_run_store(run);
	sqlite3_stmt *q = NULL, *ins = NULL, *kq = NULL, *mr = NULL;
	struct mut_store_rows out = { 0 };
	int rc = assay_store_prepare(s->st, &q,
		"SELECT f.path, k.key, k.function, k.line, k.col, k.end_line, k.end_col, k.operator, k.original, "
		"k.replacement, m.status, m.killed_by, m.duration_us, m.tests_run, m.reused, m.reason, k.id "
		"FROM mutations m JOIN mutants k ON k.id = m.mutant_id JOIN files f ON f.id = k.file_id "
		"WHERE m.run_id = ?1 ORDER BY k.key", err);
	if (rc == 0)
		rc = mut_store_rows_prepare(tg, 1, &out, err);
	if (rc == 0)
		rc = assay_store_prepare(tg, &ins,
			"INSERT OR REPLACE INTO mutations (run_id, mutant_id, status, killed_by, duration_us, tests_run, "
			"reused, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err);
	if (rc == 0)
		rc = assay_store_prepare(s->st, &kq, "SELECT test FROM mutation_kills WHERE run_id = ?1 AND mutant_id = ?2", err);
	if (rc == 0)
		rc = assay_store_prepare(s->st, &mr,
			"SELECT coalesce(compiles, 0), coalesce(wall_us, 0), coalesce(tests_us, 0) FROM mutation_runs WHERE run_id = ?1", err);
	if (rc == 0) {
		sqlite3_bind_int64(mr, 1, p->run_id);
		if (sqlite3_step(mr) == SQLITE_ROW) {
			t->compiles += sqlite3_column_int64(mr, 0);
			int64_t w = sqlite3_column_int64(mr, 1);
			t->wall_us = w > t->wall_us ? w : t->wall_us; /* shards run side by side */
			t->tests_us += sqlite3_column_int64(mr, 2);
		}
		sqlite3_bind_int64(q, 1, p->run_id);
	}
	int64_t rid = assay_run_id(run);
	while (rc == 0 && sqlite3_step(q) == SQLITE_ROW) {
		int64_t fid;
		rc = assay_run_file_id(run, (const char *)sqlite3_column_text(q, 0), &fid, err);
		if (rc < 0)
			break;
		sqlite3_bind_int64(out.mutant, 1, fid);
		for (int c = 1; c <= 9; c++)
			sqlite3_bind_value(out.mutant, c + 1, sqlite3_column_value(q, c));
		int64_t mid;
		if ((rc = mut_store_mutant_id(tg, &out, &mid, err)) < 0)
			break;
		sqlite3_bind_int64(ins, 1, rid);
		sqlite3_bind_int64(ins, 2, mid);
		for (int c = 10; c <= 15; c++)
			sqlite3_bind_value(ins, c - 7, sqlite3_column_value(q, c));
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = assay_store_error(tg, err, "merging a result");
			break;
		}
		sqlite3_reset(ins);
		(*rows)++;
		const char *status = (const char *)sqlite3_column_text(q, 10);
		int st = mut_status_parse(status);
		if (st >= 0)
			t->score.counts[st]++;
		assay_digest_update_str(d, (const char *)sqlite3_column_text(q, 1));
		assay_digest_update_str(d, status);
		sqlite3_bind_int64(kq, 1, p->run_id);
		sqlite3_bind_int64(kq, 2, sqlite3_column_int64(q, 16));
		while (rc == 0 && sqlite3_step(kq) == SQLITE_ROW)
			rc = mut_store_kill(tg, &out, rid, mid, (const char *)sqlite3_column_text(kq, 0), err);
		sqlite3_reset(kq);
	}
	sqlite3_finalize(q);
	mut_store_rows_finalize(&out);
	sqlite3_finalize(ins);
	sqlite3_finalize(kq);
	sqlite3_finalize(mr);
	return rc;
}

static int copy_marks(struct source *s, assay_store *tg, assay_err *err)
{
	sqlite3_stmt *q = NULL, *ins = NULL;
	int rc = assay_store_prepare(s->st, &q, "SELECT key, verdict, why, marked_at FROM mutant_marks", err);
	if (rc == 0)
		rc = assay_store_prepare(tg, &ins,
			"INSERT INTO mutant_marks (key, verdict, why, marked_at) VALUES (?1, ?2, ?3, ?4) "
			"ON CONFLICT (key) DO UPDATE SET why = excluded.why, marked_at = excluded.marked_at "
			"WHERE excluded.marked_at > mutant_marks.marked_at", err);
	while (rc == 0 && sqlite3_step(q) == SQLITE_ROW) {
		for (int c = 0; c < 4; c++)
			sqlite3_bind_value(ins, c + 1, sqlite3_column_value(q, c));
		if (sqlite3_step(ins) != SQLITE_DONE)
			rc = assay_store_error(tg, err, "merging a verdict");
		sqlite3_reset(ins);
	}
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	return rc;
}

/* Write the group of parts (one run, or every shard of one) as one run of the target. */
static int write_group(assay_store *target, struct source *srcs, struct part **g, size_t ng, const char *label,
		       struct mut_merge_result *res, assay_err *err)
{
	assay_runctx ctx;
	int rc = load_ctx(&srcs[g[0]->src], g[0]->run_id, &ctx, err);
	if (rc < 0)
		return rc;
	if (label) {
		free(ctx.label);
		ctx.label = assay_xstrdup(label);
	}
	assay_run *run = NULL;
	rc = assay_run_begin(&run, target, "mutation", &ctx, err);
	assay_digest *d = assay_digest_new();
	assay_digest_update_str(d, "assay merge");
	assay_digest_update_str(d, g[0]->sha);
	assay_digest_update_str(d, g[0]->digest);
	struct totals t;
	memset(&t, 0, sizeof(t));
	for (size_t i = 0; rc == 0 && i < ng; i++)
		rc = copy_part(&srcs[g[i]->src], g[i], run, d, &t, &res->mutations, err);
	if (rc == 0) {
		sqlite3_stmt *q;
		rc = assay_store_prepare(target, &q,
			"INSERT INTO mutation_runs (run_id, tests_digest, score, covered_score, compiles, wall_us, tests_us) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
		if (rc == 0) {
			mut_score_from_counts(&t.score);
			sqlite3_bind_int64(q, 1, assay_run_id(run));
			sqlite3_bind_text(q, 2, g[0]->digest, -1, SQLITE_STATIC);
			if (t.score.score >= 0)
				sqlite3_bind_double(q, 3, t.score.score);
			if (t.score.covered_score >= 0)
				sqlite3_bind_double(q, 4, t.score.covered_score);
			sqlite3_bind_int64(q, 5, t.compiles);
			sqlite3_bind_int64(q, 6, t.wall_us);
			sqlite3_bind_int64(q, 7, t.tests_us);
			if (sqlite3_step(q) != SQLITE_DONE)
				rc = assay_store_error(target, err, "merging the run");
			sqlite3_finalize(q);
		}
	}
	char hex[33];
	assay_digest_hex(d, hex);
	assay_digest_free(d);
	if (rc == 0) {
		rc = assay_run_finish(run, hex, err);
		if (rc == -ASSAY_EEXISTS) {
			res->runs_present++;
			rc = 0;
		} else if (rc == 0) {
			res->runs_written++;
		}
	}
	assay_run_free(run);
	assay_runctx_release(&ctx);
	return rc;
}

int mut_merge(assay_store *target, const char *const *paths, size_t n, const char *label,
	      struct mut_merge_result *res, assay_err *err)
{
	memset(res, 0, sizeof(*res));
	struct source *srcs = assay_xcalloc(n + 1, sizeof(*srcs));
	struct part *parts = NULL;
	size_t np = 0, alloc = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct stat sb;
		srcs[i].path = paths[i];
		if (stat(paths[i], &sb) < 0)
			rc = assay_err_set(err, ASSAY_EINPUT, "%s: no such store", paths[i]);
		else if (!strcmp(paths[i], assay_store_path(target)))
			rc = assay_err_set(err, ASSAY_EINPUT, "%s: the target cannot also be a source", paths[i]);
		else if ((rc = assay_store_open(&srcs[i].st, paths[i], err)) == 0)
			rc = list_parts(&srcs[i], i, &parts, &np, &alloc, err);
	}
	/* every group of shards complete and each shard once, before anything is written */
	for (size_t i = 0; i < np && rc == 0; i++) {
		if (parts[i].n == 0)
			continue;
		unsigned char *have = assay_xcalloc((size_t)parts[i].n + 1, 1);
		for (size_t j = 0; j < np && rc == 0; j++) {
			if (!same_group(&parts[i], &parts[j]))
				continue;
			if (have[parts[j].k]++ && j > i)
				rc = assay_err_set(err, ASSAY_EINPUT, "%s: shard %d/%d of commit %.12s is there twice",
						   srcs[parts[j].src].path, parts[j].k, parts[j].n, parts[j].sha);
		}
		for (int k = 1; k <= parts[i].n && rc == 0; k++)
			if (!have[k])
				rc = assay_err_set(err, ASSAY_EINPUT, "shard %d/%d of commit %.12s is missing: give every shard's store",
						   k, parts[i].n, parts[i].sha);
		free(have);
	}
	struct part **g = assay_xcalloc(np + 1, sizeof(*g));
	for (size_t i = 0; i < np && rc == 0; i++) {
		if (parts[i].done)
			continue;
		size_t ng = 0;
		for (size_t j = i; j < np; j++) {
			if (j == i || same_group(&parts[i], &parts[j])) {
				parts[j].done = 1;
				g[ng++] = &parts[j];
			}
		}
		rc = write_group(target, srcs, g, ng, label, res, err);
	}
	free(g);
	for (size_t i = 0; i < n && rc == 0; i++)
		if (srcs[i].st)
			rc = copy_marks(&srcs[i], target, err);
	for (size_t i = 0; i < np; i++) {
		free(parts[i].sha);
		free(parts[i].digest);
	}
	free(parts);
	for (size_t i = 0; i < n; i++)
		assay_store_close(srcs[i].st);
	free(srcs);
	return rc;
}
