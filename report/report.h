/* SPDX-License-Identifier: MIT */
/*
 * assay report html, as a library: the pages of one commit, from the store,
 * into a directory.  The trend site renders any commit with the same calls.
 */
#ifndef ASSAY_REPORT_REPORT_H
#define ASSAY_REPORT_REPORT_H

#include "err.h"
#include "html.h"
#include "site.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>

struct rep_opts {
	const char *out;       /* the directory written */
	const char *root;      /* where the sources are (the repository's top); NULL: none at hand */
	const char *title;     /* NULL: "Assay report" */
	int64_t commit_id;
	const char *base;      /* the differential view against this revision; "auto": the gate's rules
	                        * (the CI's pull-request base, else the merge-base); NULL: none */
	struct rep_bands bands; /* 90 / 75 */
	unsigned page_lines;   /* a source page holds at most this many lines (2000) */
};

#define REP_OPTS_BANDS { 90, 75 }
#define REP_PAGE_LINES 2000

/*
 * The report in out opened before the store is read, when it is there
 * already (a re-render): its helper reads the last render's manifest while
 * the caller opens and reads the store.  0 and *site NULL when out is not
 * a directory yet.
 */
int rep_render_open(const char *out, rep_site **site, assay_err *err);

/*
 * Render the report; *stats (may be NULL) says what was written.  *site is
 * rep_render_open's, or NULL: then the directory is made and opened once
 * the commit's data is at hand, so that a mistaken --commit leaves
 * nothing.  The caller frees *site (rep_site_free) either way.
 */
int rep_render(assay_store *st, const struct rep_opts *o, rep_site **site, struct rep_site_stats *stats,
	       assay_err *err);

#endif
