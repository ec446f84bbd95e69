/* SPDX-License-Identifier: MIT */
/*
 * The rows every stored mutant costs, for the writers of mutation runs
 * (assay mutate's results, assay merge's copies).
 *
 * mutant is an upsert by key, RETURNING its id: bind ?1 file_id, ?2 key,
 * ?3 function, ?4 line, ?5 col, ?6 end_line, ?7 end_col, ?8 operator,
 * ?9 original, ?10 replacement, then call assay_mutant_rows_id().  A mutant
 * already stored takes the new file and place unless keep_place.
 */
#ifndef ASSAY_MUTANT_ROWS_H
#define ASSAY_MUTANT_ROWS_H

#include "err.h"
#include "store.h"

#include <stdint.h>

struct assay_mutant_rows {
	sqlite3_stmt *mutant, *kill;
};

int assay_mutant_rows_prepare(assay_store *st, int keep_place, struct assay_mutant_rows *r, assay_err *err);
void assay_mutant_rows_finalize(struct assay_mutant_rows *r);
int assay_mutant_rows_id(assay_store *st, struct assay_mutant_rows *r, int64_t *id, assay_err *err);
/* One kill of the kill matrix (stored once however often it is given). */
int assay_mutant_rows_kill(assay_store *st, struct assay_mutant_rows *r, int64_t run_id, int64_t mutant_id,
			   const char *test, assay_err *err);

#endif
