/* SPDX-License-Identifier: MIT */
/*
 * The report's output directory: every page is written inside it and
 * nowhere else (no path from the store names a place; a symbolic link in
 * it is never followed), whole or not at all, and only when its content
 * changed: a manifest keeps each page's content hash, so a re-render after
 * one source file changed rewrites that file's pages and the tables.
 */
#ifndef ASSAY_REPORT_SITE_H
#define ASSAY_REPORT_SITE_H

#include "err.h"
#include "hashmap.h"

#include <stddef.h>
#include <stdint.h>

typedef struct rep_site rep_site;

/* Open (creating it and its parents) the directory out; a file there, or a symbolic link, is refused. */
int rep_site_open(rep_site **out, const char *dir, assay_err *err);

/*
 * Write a page at rel ("index.html", "f/x.html": one subdirectory at most,
 * names the report made, never from the store), unless the same content is
 * there already.
 */
int rep_site_write(rep_site *s, const char *rel, const void *data, size_t len, assay_err *err);

/* Save the manifest; pages of an earlier render that this one did not write are removed. */
int rep_site_close(rep_site *s, assay_err *err);
void rep_site_free(rep_site *s);

struct rep_site_stats {
	size_t written, unchanged, removed;
	uint64_t bytes; /* of every page of this render */
	size_t largest; /* bytes of the largest page */
};
void rep_site_stats(const rep_site *s, struct rep_site_stats *out);

#endif
