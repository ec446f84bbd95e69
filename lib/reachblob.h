/* SPDX-License-Identifier: MIT */
/*
 * The blob of mutation_reach: the mutants one test reached in a mutation
 * run, as their ids (mutants.id) ascending, each an unsigned LEB128 varint
 * of its distance from the one before (the first: from 0).  Ids are at
 * least 1 and distinct, so every distance is at least 1: a 0 is damage.
 * A test's reach is a few runs of neighbouring ids (the mutants of the
 * functions it calls), about a byte a mutant.
 */
#ifndef ASSAY_REACHBLOB_H
#define ASSAY_REACHBLOB_H

#include "buf.h"
#include "err.h"

#include <stddef.h>
#include <stdint.h>

/* Sort ids[0..n) in place, drop repeats and ids below 1, and append the blob to out. */
void assay_reachblob_encode(assay_buf *out, int64_t *ids, size_t n);

/*
 * Append the ids of the blob to *ids (of *n, room for *alloc, ASSAY_GROW's
 * way).  A blob that does not decode is -ASSAY_EDB: the store is damaged.
 */
int assay_reachblob_decode(const void *blob, size_t len, int64_t **ids, size_t *n, size_t *alloc,
			   assay_err *err);

#endif
