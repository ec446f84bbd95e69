/* SPDX-License-Identifier: MIT */
/*
 * The report's output directory: every page is written inside it and
 * nowhere else (no path from the store names a place; a symbolic link in
 * it is never followed), whole or not at all, and only when its content
 * changed: a manifest keeps each page's content hash, so a re-render after
 * one source file changed rewrites that file's pages and the tables.  A
 * page may also be kept by a key, a hash of what it is made of, and then
 * is not even made again (rep_site_keep).
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

/*
 * The same, for a page made from inputs whose hash is key (never 0): the
 * manifest keeps the key, with the renderer's own identity mixed in.
 */
int rep_site_write_keyed(rep_site *s, const char *rel, uint64_t key, const void *data, size_t len,
			 assay_err *err);

/*
 * Keep the n pages rels (the parts of one page) as the earlier render wrote
 * them, without making them again: 1 when the same renderer made each from
 * inputs of this key and each is still there as written (they count as
 * unchanged), else 0 and nothing is recorded, for the caller to make and
 * write them.  This is what makes a re-render after one file changed cheap:
 * the other files' pages are neither made nor compared.
 */
int rep_site_keep(rep_site *s, const char *const *rels, size_t n, uint64_t key);

/*
 * Whether the earlier render wrote rel from inputs of this key (and the
 * same renderer): how a caller finds how many parts a page it will keep had.
 */
int rep_site_had(rep_site *s, const char *rel, uint64_t key);

/*
 * A file of the renderer's own in the output directory, beside the
 * manifest: name starts with '.', is never a page, never removed.  read
 * returns its content NUL ended (free() it), or NULL when there is none
 * or a crash left it torn; write replaces it whole (a caller that read it
 * skips writing the same bytes back).
 */
char *rep_site_read_private(rep_site *s, const char *name, size_t *len);
int rep_site_write_private(rep_site *s, const char *name, const void *data, size_t len, assay_err *err);

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
