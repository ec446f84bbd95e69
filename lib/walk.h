/*
 * The files an operand names: itself, or every regular file below a
 * directory (hidden files and directories such as .git and .assay
 * skipped), sorted so that the same tree always gives the same order (and
 * digest); and removing a tree.  Both walk with fts(3) and never follow a
 * symbolic link into a directory, so a link cannot make a cycle.  Below a
 * directory, a link to a regular file is read as that file, and each file
 * once: under its own name when the tree holds it, else under the first
 * link's (`latest.xml -> run-42.xml` is one report, not two).
 */
#ifndef ASSAY_WALK_H
#define ASSAY_WALK_H

#include "err.h"

#include <stddef.h>

struct assay_walk {
	char **paths; /* owned */
	size_t n, alloc;
	int is_dir;   /* the operand was a directory */
};

/* Fill *w (release with assay_walk_release()); "-" is standard input. */
int assay_walk_collect(struct assay_walk *w, const char *operand, assay_err *err);
void assay_walk_release(struct assay_walk *w);

/*
 * rm -r: remove path and, for a directory, everything below it, without
 * following symbolic links.  Goes on past what cannot be removed and
 * returns the first failure (-ASSAY_EIO, err naming the path); a path that
 * is not there is 0.
 */
int assay_remove_tree(const char *path, assay_err *err);

#endif
