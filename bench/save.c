/* SPDX-License-Identifier: MIT */
#include "cmds.h"
#include "mem.h"
#include "run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The id of series b in the store, created if new; its unit and direction must agree. */
static int series_id(assay_store *st, sqlite3_stmt *sel, sqlite3_stmt *ins, sqlite3_stmt *thr,
		     const struct bench_series *b, int64_t *out, assay_err *err)
{
	sqlite3_reset(sel);
	assay_store_bind_text(sel, 1, b->name);
	assay_store_bind_text(sel, 2, b->metric);
	int rc = sqlite3_step(sel);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(sel, 0);
		const char *unit = (const char *)sqlite3_column_text(sel, 1);
		int bigger = sqlite3_column_int(sel, 2);
		if (strcmp(unit, b->unit) || bigger != b->bigger_is_better)
			return assay_err_set(err, ASSAY_EINPUT,
					     "benchmark '%s' (%s) is stored in %s%s; this input gives %s%s: "
					     "the two cannot be compared",
					     b->name, b->metric, unit, bigger ? ", bigger is better" : "",
					     b->unit, b->bigger_is_better ? ", bigger is better" : "");
	} else if (rc == SQLITE_DONE) {
		sqlite3_reset(ins);
		assay_store_bind_text(ins, 1, b->name);
		assay_store_bind_text(ins, 2, b->metric);
		assay_store_bind_text(ins, 3, b->unit);
		sqlite3_bind_int(ins, 4, b->bigger_is_better);
		sqlite3_bind_int(ins, 5, b->primary);
		assay_store_bind_text(ins, 6, b->params);
		if (sqlite3_step(ins) != SQLITE_DONE)
			return assay_store_error(st, err, "recording a benchmark");
		*out = sqlite3_last_insert_rowid(assay_store_db(st));
	} else {
		return assay_store_error(st, err, "looking up a benchmark");
	}
	if (!isnan(b->threshold)) {
		sqlite3_reset(thr);
		sqlite3_bind_double(thr, 1, b->threshold);
		sqlite3_bind_int64(thr, 2, *out);
		if (sqlite3_step(thr) != SQLITE_DONE)
			return assay_store_error(st, err, "recording a benchmark's threshold");
	}
	return 0;
}

/*
 * Store every series, sample and skip of s in run (inside its
 * transaction).  A series already in the store with another unit or
 * direction is an input error: its samples could not be compared.  A
 * series' threshold, when set (not NAN), becomes the benchmark's own.
 */
static int write_set(assay_run *run, const bench_set *s, assay_err *err)
{
	assay_store *st = assay_run_store(run);
	sqlite3_stmt *sel = NULL, *ins = NULL, *thr = NULL, *smp = NULL, *skp = NULL;
	int64_t *ids = assay_xcalloc(s->nseries + 1, sizeof(*ids));
	int rc;
	if ((rc = assay_store_prepare(st, &sel,
			"SELECT id, unit, bigger_is_better FROM benchmarks WHERE name = ? AND metric = ?",
			err)) < 0 ||
	    (rc = assay_store_prepare(st, &ins,
			"INSERT INTO benchmarks(name, metric, unit, bigger_is_better, is_primary, params) "
			"VALUES (?,?,?,?,?,?)", err)) < 0 ||
	    (rc = assay_store_prepare(st, &thr, "UPDATE benchmarks SET threshold = ? WHERE id = ?",
			err)) < 0 ||
	    (rc = assay_store_prepare(st, &smp,
			"INSERT INTO samples(run_id, benchmark_id, rep, value, exit_code, extra) "
			"VALUES (?,?,?,?,?,?)", err)) < 0 ||
	    (rc = assay_store_prepare(st, &skp,
			"INSERT INTO bench_skips(run_id, name, kind, count, message) VALUES (?,?,?,?,?)",
			err)) < 0)
		goto out;
	for (size_t i = 0; i < s->nseries && rc == 0; i++)
		rc = series_id(st, sel, ins, thr, &s->series[i], &ids[i], err);
	for (size_t i = 0; i < s->nsamples && rc == 0; i++) {
		const struct bench_sample *x = &s->samples[i];
		sqlite3_reset(smp);
		sqlite3_bind_int64(smp, 1, assay_run_id(run));
		sqlite3_bind_int64(smp, 2, ids[x->series]);
		sqlite3_bind_int(smp, 3, x->rep);
		sqlite3_bind_double(smp, 4, x->value);
		if (x->has_exit_code)
			sqlite3_bind_int(smp, 5, x->exit_code);
		else
			sqlite3_bind_null(smp, 5);
		assay_store_bind_text(smp, 6, x->extra);
		if (sqlite3_step(smp) != SQLITE_DONE)
			rc = assay_store_error(st, err, "recording a sample");
	}
	for (size_t i = 0; i < s->nskips && rc == 0; i++) {
		const struct bench_skip *k = &s->skips[i];
		sqlite3_reset(skp);
		sqlite3_bind_int64(skp, 1, assay_run_id(run));
		assay_store_bind_text(skp, 2, k->name);
		assay_store_bind_text(skp, 3, k->errored ? "error" : "skipped");
		sqlite3_bind_int(skp, 4, k->count);
		assay_store_bind_text(skp, 5, k->message);
		if (sqlite3_step(skp) != SQLITE_DONE)
			rc = assay_store_error(st, err, "recording a skipped benchmark");
	}
out:
	sqlite3_finalize(sel);
	sqlite3_finalize(ins);
	sqlite3_finalize(thr);
	sqlite3_finalize(smp);
	sqlite3_finalize(skp);
	free(ids);
	return rc;
}

int bench_save(assay_store *st, const assay_runctx *ctx, const bench_set *s, const char *digest,
	       int64_t *run_id, assay_err *err)
{
	assay_run *run = NULL;
	int rc = assay_run_begin(&run, st, "bench", ctx, err);
	if (rc == 0) {
		*run_id = assay_run_id(run);
		rc = write_set(run, s, err);
	}
	if (rc == 0)
		rc = assay_run_finish(run, digest, err);
	assay_run_free(run); /* rolls back unless finished */
	return rc;
}

