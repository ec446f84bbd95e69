/* SPDX-License-Identifier: MIT */
/* --since REV: the lines changed since a revision (committed or not), from git diff. */
#ifndef ASSAY_MUTATE_SINCE_H
#define ASSAY_MUTATE_SINCE_H

#include "err.h"

#include <stddef.h>

struct mut_hunk {
	char *path;          /* repo-relative */
	unsigned first, last; /* changed lines in the new file, inclusive */
};

typedef struct mut_changes {
	struct mut_hunk *v;
	size_t n, alloc;
} mut_changes;

/* The lines changed in root's work tree since rev.  A revision git does not know is -ASSAY_EUSAGE. */
int mut_changes_since(mut_changes *out, const char *root, const char *rev, assay_err *err);
/* 1 when lines [first, last] of path meet a change. */
int mut_changes_touch(const mut_changes *c, const char *path, unsigned first, unsigned last);
void mut_changes_release(mut_changes *c);

#endif
