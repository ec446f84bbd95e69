/* SPDX-License-Identifier: MIT */
/*
 * Patch coverage: of the lines a change added or changed that a commit's
 * coverage counts as executable, those covered.  A line is covered when
 * every coverage run of the commit that counts it hit it, uncovered when
 * none did; hit in some and missed in others it is flaky coverage, counted
 * on neither side, so that a non-deterministic run never decides alone.
 * The one computation behind the gate's patch check and the report's
 * differential view.
 */
#ifndef ASSAY_PATCHCOV_H
#define ASSAY_PATCHCOV_H

#include "err.h"
#include "gitdiff.h"
#include "store.h"
#include "summary.h"

#include <stddef.h>

/* Changed lines in a row of one kind, executable lines of another kind ending it. */
struct assay_patch_range {
	const char *path;   /* the hunk's, in the changes given */
	unsigned first, last;
	int flaky;          /* 0: uncovered; 1: flaky, hit in hit_runs of in_runs */
	unsigned hit_runs, in_runs;
};

struct assay_patchcov {
	size_t covered, uncovered, flaky;
	size_t outside;     /* changed files the coverage data does not have */
	struct assay_patch_range *ranges; /* in the changes' order */
	size_t nranges, alloc;
};

/* Over the coverage runs of one commit (summary's coverage_runs); release even after a failure. */
int assay_patchcov_compute(assay_store *st, const struct assay_summary_runs *runs, const assay_changes *changes,
			   struct assay_patchcov *out, assay_err *err);
void assay_patchcov_release(struct assay_patchcov *p);

#endif
