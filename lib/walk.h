/* SPDX-License-Identifier: MIT */
/*
 * The files an operand names: itself, or every regular file below a
 * directory (hidden files and directories such as .git and .assay
 * skipped), sorted so that the same tree always gives the same order (and
 * digest).  It walks with fts(3) (FTS_PHYSICAL) and never follows a
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

#endif
