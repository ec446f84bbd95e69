/* SPDX-License-Identifier: MIT */
/*
 * Writing one run into the store, as one transaction.
 *
 *   assay_run *run;
 *   assay_run_begin(&run, store, "ingest", &ctx, err);   // BEGIN IMMEDIATE
 *   assay_run_add_result(run, &result, err);             // ... any number
 *   assay_run_add_coverage(run, covset, err);
 *   assay_run_finish(run, digest_hex, err);              // COMMIT, or -ASSAY_EEXISTS
 *   assay_run_free(run);                                 // rolls back if not finished
 *
 * Nothing of the run is visible to others until finish commits it, and
 * nothing of it remains if it is freed before.  While a run is open, the
 * store's connection belongs to it: other writes through the same store go
 * into the same transaction (assay_run_id() names the run for them).
 *
 * A run begun while the store is inside a transaction already (assay
 * merge writes many runs as one) is a savepoint of that transaction:
 * finish releases it into the caller's transaction, which commits or rolls
 * back all of it; an -ASSAY_EEXISTS or a free before finish undoes only the run.
 */
#ifndef ASSAY_RUN_H
#define ASSAY_RUN_H

#include "err.h"
#include "model.h"
#include "runctx.h"
#include "store.h"

#include <stdint.h>

typedef struct assay_run assay_run;
struct assay_covset;

/* Start a run of `kind` ("ingest", "flaky", "mutation", "bench") for ctx's commit. */
int assay_run_begin(assay_run **out, assay_store *st, const char *kind,
		    const assay_runctx *ctx, assay_err *err);

int64_t assay_run_id(const assay_run *run);
assay_store *assay_run_store(assay_run *run);

/*
 * Store one attempt of one test.  Results are written in batches by a
 * writer thread (while the caller goes on parsing), so an error may be
 * reported by a later call: any of them, finish included, returns it.
 */
int assay_run_add_result(assay_run *run, const assay_result *res, assay_err *err);

/*
 * Wait until every result added is in the store.  Call it before running
 * SQL of your own on the run's store while results are being added; the
 * other functions here flush by themselves.
 */
int assay_run_flush(assay_run *run, assay_err *err);

/* Store the (finalised) coverage of every file in cs. */
int assay_run_add_coverage(assay_run *run, struct assay_covset *cs, assay_err *err);

/* Something the run's input said that was not taken as it stood (run_warnings). */
struct assay_run_warning {
	const char *kind;    /* "junit_counts", ... */
	const char *input;   /* the input's name, or NULL */
	long line;           /* 0: unknown */
	const char *subject; /* what it is about, or NULL */
	const char *message; /* the text the front end printed */
	const char *detail;  /* JSON by kind, or NULL */
};

/*
 * Record w with the run (the strings are copied); written when the run
 * finishes, in its transaction.
 */
void assay_run_add_warning(assay_run *run, const struct assay_run_warning *w);

/* The id of the file row for a repo-relative path, created if new. */
int assay_run_file_id(assay_run *run, const char *path, int64_t *out, assay_err *err);

/*
 * Commit the run.  digest (32 hex digits, or NULL for runs that are never
 * the same twice) makes it idempotent: when a run with that digest is
 * already stored, everything is rolled back and -ASSAY_EEXISTS returned,
 * with err naming the earlier run, and assay_run_id() returns its id.
 */
int assay_run_finish(assay_run *run, const char *digest, assay_err *err);

/* Free the run; rolls everything back unless assay_run_finish() committed it. */
void assay_run_free(assay_run *run);

#endif
