/* SPDX-License-Identifier: MIT */
/* The report's pages, each written from the model by its own file. */
#ifndef ASSAY_REPORT_PAGES_H
#define ASSAY_REPORT_PAGES_H

#include "data.h"
#include "report.h"

struct rep_ctx {
	const struct rep_opts *o;
	struct rep_model *m;
	rep_site *site;
	struct rep_sources *sources; /* the repository's sources, their digests kept across renders */
	assay_store *st;
	const char *title;
};

/* Write p's page at rel and release it. */
int rep_emit(struct rep_ctx *c, struct rep_page *p, const char *rel, assay_err *err);
/* The same, for a page made from inputs of hash key (see rep_site_keep). */
int rep_emit_keyed(struct rep_ctx *c, struct rep_page *p, const char *rel, uint64_t key, assay_err *err);

int rep_write_index(struct rep_ctx *c, assay_err *err);
/*
 * files.html is made by the helper thread while the directory and source
 * pages are written, from the files' totals copied out first (the
 * source pages decode the files' coverage as they go).  rep_files_end
 * waits for it and frees the job; it writes the page if rc, the pages'
 * result so far, is 0, and returns the new result.
 */
struct rep_files_job;
struct rep_files_job *rep_files_begin(struct rep_ctx *c);
int rep_files_end(struct rep_files_job *j, int rc, assay_err *err);
int rep_write_dirs(struct rep_ctx *c, assay_err *err);
int rep_write_sources(struct rep_ctx *c, assay_err *err);
int rep_write_tests(struct rep_ctx *c, assay_err *err);
int rep_write_mutants(struct rep_ctx *c, assay_err *err);

int rep_write_stryker(struct rep_ctx *c, assay_err *err);

/* The page and anchor of line `line` of f: "f/x.html#L12" (relative to the top). */
void rep_line_link(assay_buf *b, const struct rep_ctx *c, const struct rep_file *f, unsigned line);

#endif
