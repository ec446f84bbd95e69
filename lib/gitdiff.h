/* SPDX-License-Identifier: MIT */
/*
 * The lines a change added or changed, from `git diff -U0`: for each path of
 * the new side, ranges of its new line numbers.  Renames are followed (-M),
 * so a moved file's unchanged lines are not changed lines; a deleted file
 * has none; a path git quotes ("a\tb", non-ASCII) is unquoted.  What the
 * gate's patch check, the report's differential view and `mutate --since`
 * read.
 */
#ifndef ASSAY_GITDIFF_H
#define ASSAY_GITDIFF_H

#include "err.h"

#include <stddef.h>

struct assay_hunk {
	char *path;           /* repo-relative, of the new side; of the old side for a deleted file */
	char *old_path;       /* where a renamed file came from; NULL when not renamed */
	unsigned first, last; /* changed lines of the new file, inclusive; 0, 0 when it has none
	                       * (a rename alone, lines only deleted, a deleted file) */
	int deleted;          /* the file is gone: path is where it was */
	/* the hunk as git numbers it (-old_start,old_count +new_start,new_count): with no lines on a
	 * side, its start is the line after which the other side's lines were */
	unsigned old_start, old_count, new_start, new_count;
};

typedef struct assay_changes {
	struct assay_hunk *v; /* in git's order: by path, then by line */
	size_t n, alloc;
} assay_changes;

/*
 * The changes from revision `from` to `to` (NULL: the work tree, staged or
 * not) in the git work tree at root.  A revision git does not know is
 * -ASSAY_EUSAGE naming it (and saying to fetch it when the clone is
 * shallow); not a git work tree, -ASSAY_EUSAGE too.
 */
int assay_changes_between(assay_changes *out, const char *root, const char *from, const char *to,
			  assay_err *err);
/* 1 when lines [first, last] of path meet a change. */
int assay_changes_touch(const assay_changes *c, const char *path, unsigned first, unsigned last);
/* The changed lines of the new side, counted. */
size_t assay_changes_lines(const assay_changes *c);
void assay_changes_release(assay_changes *c);

#endif
