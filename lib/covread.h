/* SPDX-License-Identifier: MIT */
/* Coverage read back from the store: a run's rows decoded into a covset. */
#ifndef ASSAY_COVREAD_H
#define ASSAY_COVREAD_H

#include "covset.h"
#include "err.h"
#include "store.h"

#include <stdint.h>

/*
 * Add the lines, branches and functions of every file of run to cs (hits
 * adding up with what is there: several runs merge); the caller finalizes.
 */
int assay_coverage_decode_run(assay_store *st, int64_t run, assay_covset *cs, assay_err *err);

/* Add to f the lines, branches and functions blobs at columns col, col + 1, col + 2 of s's row. */
int assay_coverage_decode_columns(assay_filecov *f, sqlite3_stmt *s, int col, assay_err *err);

/* The digest (assay_covblob_digest) of the blobs at columns col, col + 1, col + 2 of s's row. */
uint64_t assay_coverage_digest_columns(sqlite3_stmt *s, int col);

#endif
