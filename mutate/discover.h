/* SPDX-License-Identifier: MIT */
/*
 * Finding mutants with libclang: each translation unit is parsed with its
 * real compile flags, and the function bodies of its main file are walked.
 * Only code spelled in that file is mutated: an operator that comes from a
 * macro's body, code in headers, and lines marked "assay: no-mutate" (or
 * between "assay: no-mutate-begin" and "-end") are left alone.
 */
#ifndef ASSAY_MUTATE_DISCOVER_H
#define ASSAY_MUTATE_DISCOVER_H

#include "ccdb.h"
#include "err.h"
#include "mutant.h"

typedef struct mut_discover mut_discover;

/* A discovery session (one libclang index for all files); free with _free(). */
mut_discover *mut_discover_new(void);
void mut_discover_free(mut_discover *d);

/*
 * Parse entry's source and append its sites and mutants (of the operators
 * in opmask) to p as a new file named rel.  A source that does not parse is
 * -ASSAY_EINPUT with err naming FILE:LINE and the compiler's message.
 */
int mut_discover_file(mut_discover *d, mut_project *p, const mut_ccentry *entry,
		      const char *rel, unsigned opmask, assay_err *err);

/*
 * The same for a file that entry's source includes (a unity build's part,
 * a .c file a test includes) and that has no compile command of its own:
 * its code is found in entry's translation unit.
 */
int mut_discover_included(mut_discover *d, mut_project *p, const mut_ccentry *entry, const char *path,
			  const char *rel, unsigned opmask, assay_err *err);

/*
 * The .c files src includes by a quoted name ("../lib.c", "part.c"), found
 * in its text and resolved against its directory: a new array of *n new
 * absolute paths (free each and the array; NULL when none).
 */
char **mut_included_sources(const char *src, size_t *n);

/* Lines of text excluded by no-mutate markers: a new array of len+1 flags by line number. */
unsigned char *mut_nomutate_lines(const char *text, size_t len, unsigned *nlines);

#endif
