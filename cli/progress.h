/* SPDX-License-Identifier: MIT */
/*
 * Progress for long work.  On a terminal: one line redrawn in place, a bar
 * with counts and an ETA.  Elsewhere (CI logs): a plain line every ~10% or
 * every 30 s.  Quiet: nothing.
 */
#ifndef ASSAY_PROGRESS_H
#define ASSAY_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

enum assay_progress_mode {
	ASSAY_PROGRESS_AUTO = 0, /* bar on a terminal, lines otherwise */
	ASSAY_PROGRESS_QUIET,
	ASSAY_PROGRESS_LINES,
	ASSAY_PROGRESS_BAR,
};

typedef struct assay_progress assay_progress;

/* Progress on `out` (stderr usually) for `total` items of `what`. Free with _free(). */
assay_progress *assay_progress_new(FILE *out, const char *what, uint64_t total,
				   enum assay_progress_mode mode);
/* done items so far; detail (may be NULL) is shown after the counts ("12 killed 3 survived"). */
void assay_progress_update(assay_progress *p, uint64_t done, const char *detail);
/* Final line; the progress can then be freed. */
void assay_progress_finish(assay_progress *p, const char *detail);
/* Final line of work stopped before its end (interrupted): what was done of the total, not all of it. */
void assay_progress_stop(assay_progress *p, const char *detail);
void assay_progress_free(assay_progress *p);

#endif
