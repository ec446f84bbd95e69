/* SPDX-License-Identifier: MIT */
/*
 * The sources the report shows, read only from inside the repository, and
 * a digest of each that a re-render takes from the last one's without
 * reading the file again when the file's status (device, inode, size,
 * modification and change times) is the same, as git's index does: what
 * lets a re-render after one file changed skip the other files' pages
 * without reading them.  The digests are kept in the output directory.
 */
#ifndef ASSAY_REPORT_SOURCE_H
#define ASSAY_REPORT_SOURCE_H

#include "site.h"

#include <stddef.h>
#include <stdint.h>

typedef struct rep_sources rep_sources;

/* The sources under root (NULL: none at hand), with the digests kept in site's directory. */
rep_sources *rep_sources_open(const char *root, rep_site *site);
/* Keep the digests of the files looked up since open (and only those) for the next render. */
int rep_sources_save(rep_sources *s, assay_err *err);
void rep_sources_free(rep_sources *s);

/*
 * The digest of path's source, or 0 with *why saying why it is not at hand.
 * When the file had to be read for it, *text (if asked) is its content, NUL
 * ended, *len bytes, for the caller to free(); else *text is NULL.
 */
uint64_t rep_source_digest(rep_sources *s, const char *path, char **text, size_t *len, const char **why);

/*
 * The source of path, or NULL with *why saying why not: never a path that
 * leads out of the repository, nor a link that does.  free() it.
 */
char *rep_source_read(rep_sources *s, const char *path, size_t *len, const char **why);

#endif
