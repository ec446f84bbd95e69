/* SPDX-License-Identifier: MIT */
/*
 * The subcommands of assay-bench (one file each) and what they share:
 * printing values in their units and saving a bench_set as a run.
 * Each command takes its own argv (argv[0] is the subcommand's name) and
 * returns the process exit status.
 */
#ifndef ASSAY_BENCH_CMDS_H
#define ASSAY_BENCH_CMDS_H

#include "benchset.h"
#include "err.h"
#include "runctx.h"
#include "store.h"
#include "utility.h"

#include <stddef.h>
#include <stdint.h>

int bench_cmd_run(int argc, char **argv);
int bench_cmd_ingest(int argc, char **argv);
int bench_cmd_compare(int argc, char **argv);
int bench_cmd_history(int argc, char **argv);

/*
 * Store s as one run of kind "bench" for ctx's commit: all of it or, on
 * any error, none.  digest (NULL: none) makes it idempotent: the same
 * input again is -ASSAY_EEXISTS with err saying which run has it.
 */
int bench_save(assay_store *st, const assay_runctx *ctx, const bench_set *s, const char *digest,
	       int64_t *run_id, assay_err *err);

#endif
