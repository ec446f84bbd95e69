/* SPDX-License-Identifier: MIT */
/*
 * Which coverage files a run keeps: --include and --exclude globs on
 * repository-relative paths (as gcovr's -f/-e and lcov's --remove), and
 * whether files outside the repository count.  A plain struct that the
 * options fill, and a config file can fill the same way.
 */
#ifndef ASSAY_FORMATS_COVFILTER_H
#define ASSAY_FORMATS_COVFILTER_H

#include "covset.h"

#include <stddef.h>

struct assay_covfilter {
	const char *const *include; /* globs (glob.h); when there are any, a file must match one */
	size_t ninclude;
	const char *const *exclude; /* globs; a file that matches one is left out */
	size_t nexclude;
	int external;               /* keep files outside the repository; default 0: leave them out */
};

/* Why a file is left out, or ASSAY_COVFILTER_KEEP. */
enum assay_covfilter_why {
	ASSAY_COVFILTER_KEEP = 0,
	ASSAY_COVFILTER_EXTERNAL,     /* outside the repository and not --external */
	ASSAY_COVFILTER_NOT_INCLUDED, /* matches no --include */
	ASSAY_COVFILTER_EXCLUDED,     /* matches an --exclude */
};

/* Files seen and left out by one assay_covfilter_apply, by reason. */
struct assay_covfilter_counts {
	size_t seen, external, not_included, excluded;
};

/*
 * Is a stored path outside the repository?  Paths under the root are
 * stored relative, so what is left absolute ("/usr/include/stdio.h",
 * "C:/temp/x.cs") or climbs out ("../other/x.c") lies outside it.
 */
int assay_covfilter_is_external(const char *path);

/* What f does with path (as stored). */
enum assay_covfilter_why assay_covfilter_test(const struct assay_covfilter *f, const char *path);

/*
 * Drop from cs every file f leaves out; *out (may be NULL) counts them.
 * hits, when not NULL, has f->ninclude + f->nexclude zeroed counters, the
 * includes' first: each counts the files its pattern matches (whatever
 * else left them out), so that a pattern matching nothing can be told.
 */
void assay_covfilter_apply(const struct assay_covfilter *f, assay_covset *cs,
			   struct assay_covfilter_counts *out, size_t *hits);

#endif
