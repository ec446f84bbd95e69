/* SPDX-License-Identifier: MIT */
/*
 * The parts of assay_summary_load(), for summary.c and summary_signals.c
 * only.  Each fills its fields of s for the commit s->commit_id (or the
 * run s->run) and returns 0 or an error.
 */
#ifndef ASSAY_SUMMARY_IMPL_H
#define ASSAY_SUMMARY_IMPL_H

#include "summary.h"

int assay_summary_load_coverage(assay_store *st, struct assay_summary *s, unsigned flags,
				assay_err *err);
int assay_summary_load_mutation(assay_store *st, struct assay_summary *s, assay_err *err);
int assay_summary_load_flaky(assay_store *st, struct assay_summary *s, size_t top, assay_err *err);
int assay_summary_load_bench(assay_store *st, struct assay_summary *s, assay_err *err);
/* Run ids from sql's first column (one int64 parameter ?1 bound to id), newest first. */
int assay_summary_run_ids(assay_store *st, const char *sql, int64_t id, struct assay_summary_runs *out,
			  assay_err *err);

#endif
