/* SPDX-License-Identifier: MIT */
/*
 * Joining stores: the stores of parallel CI jobs (a matrix of OSes, test
 * groups, mutation shards), each written by its own job, become one.
 *
 * Every run of every kind is copied with what it holds: results (the
 * tests they name matched by suite, classname and name, never by row id),
 * coverage (files by path), warnings, benchmark samples and skips
 * (benchmarks by name and metric), mutation results, kills and which
 * tests reached which mutants (mutants by key).  A run the target has already (the same runs.digest) is left out,
 * so merging twice is a no-op; a run stored without a digest (flaky runs)
 * is given one of what it holds.  The shards of a sharded mutation run
 * (--shard K/N, one store each) become one mutation run of the commit
 * with every shard's results (a test's reach joined over the shards),
 * once all N are there.  People's verdicts
 * on mutants are joined too.  Partial (interrupted) mutation runs are left
 * out.
 *
 *   assay_merge *m;
 *   assay_merge_open(&m, paths, n, err);   // every source read-only, checked
 *   assay_merge_into(m, target, NULL, &res, err);  // one transaction
 *   assay_merge_close(m);
 */
#ifndef ASSAY_STORE_MERGE_H
#define ASSAY_STORE_MERGE_H

#include "err.h"
#include "store.h"

#include <stddef.h>

enum assay_merge_kind { ASSAY_MERGE_INGEST, ASSAY_MERGE_FLAKY, ASSAY_MERGE_BENCH, ASSAY_MERGE_MUTATION, ASSAY_MERGE_NKINDS };

/* "ingest", "flaky", "bench", "mutation": runs.kind */
const char *assay_merge_kind_name(enum assay_merge_kind k);

struct assay_merge_result {
	size_t copied[ASSAY_MERGE_NKINDS];  /* runs written into the target, by kind */
	size_t present[ASSAY_MERGE_NKINDS]; /* runs the target had already */
	size_t results;       /* result rows written */
	size_t coverage;      /* coverage rows (a file of a run) written */
	size_t samples;       /* benchmark samples written */
	size_t mutations;     /* mutation results written */
	size_t shards;        /* shard runs joined into the mutation runs written */
	size_t partial;       /* partial mutation runs left out */
};

typedef struct assay_merge assay_merge;

/*
 * Open the stores at paths[0..n) read-only and list their runs.  A source
 * that is missing, no Assay store, of another schema version (older: it
 * needs an upgrade, which a read-only open does not make; newer), holds a
 * run of a kind this Assay does not know, or shards of one run that are
 * incomplete or there twice, is an error (-ASSAY_EINPUT, -ASSAY_EVERSION,
 * ...) and *out is NULL.
 */
int assay_merge_open(assay_merge **out, const char *const *paths, size_t n, assay_err *err);

/*
 * Copy the sources' runs into target, as one transaction: on any error
 * nothing is written.  label, when not NULL, is the label of the runs
 * joined from shards (default: the first shard's).  target must not be one
 * of the sources.
 */
int assay_merge_into(assay_merge *m, assay_store *target, const char *label, struct assay_merge_result *res,
		     assay_err *err);

void assay_merge_close(assay_merge *m);

#endif
