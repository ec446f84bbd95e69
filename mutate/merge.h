/* SPDX-License-Identifier: MIT */
/*
 * Joining shard stores: each shard of a sharded mutation run (--shard K/N,
 * one CI job each, one store each) holds a slice of the mutants.  Merging
 * writes, into one store, one mutation run per commit with every slice's
 * results, once all N shards are there.  A run that was not sharded is
 * copied as it is.  People's verdicts are joined too.  Merging the same
 * stores again is a no-op (the merged run's digest is already there).
 */
#ifndef ASSAY_MUTATE_MERGE_H
#define ASSAY_MUTATE_MERGE_H

#include "err.h"
#include "store.h"

#include <stddef.h>

struct mut_merge_result {
	size_t runs_written;  /* merged runs added to the target */
	size_t runs_present;  /* merged runs that were there already */
	size_t mutations;     /* result rows written */
};

/*
 * Merge the mutation runs of the stores at paths[0..n) into target.  A
 * missing source, or shards of one run that are incomplete or twice there,
 * is -ASSAY_EINPUT and nothing is written.
 */
int mut_merge(assay_store *target, const char *const *paths, size_t n, const char *label,
	      struct mut_merge_result *res, assay_err *err);

#endif
