/* SPDX-License-Identifier: MIT */
#include "covfilter.h"

#include "glob.h"

#include <string.h>

int assay_covfilter_is_external(const char *path)
{
	int drive = ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) &&
		    path[1] == ':' && (path[2] == '/' || path[2] == '\0');
	return path[0] == '/' || drive ||
	       (path[0] == '.' && path[1] == '.' && (path[2] == '/' || path[2] == '\0'));
}

static int matches_any(const char *const *globs, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (assay_glob_match(globs[i], path))
			return 1;
	return 0;
}

enum assay_covfilter_why assay_covfilter_test(const struct assay_covfilter *f, const char *path)
{
	if (!f->external && assay_covfilter_is_external(path))
		return ASSAY_COVFILTER_EXTERNAL;
	if (f->ninclude && !matches_any(f->include, f->ninclude, path))
		return ASSAY_COVFILTER_NOT_INCLUDED;
	if (matches_any(f->exclude, f->nexclude, path))
		return ASSAY_COVFILTER_EXCLUDED;
	return ASSAY_COVFILTER_KEEP;
}

struct apply {
	const struct assay_covfilter *f;
	struct assay_covfilter_counts counts;
	size_t *hits;
};

static int keep(void *ud, const assay_filecov *file)
{
	struct apply *a = ud;
	a->counts.seen++;
	for (size_t i = 0; a->hits && i < a->f->ninclude + a->f->nexclude; i++) {
		const char *glob = i < a->f->ninclude ? a->f->include[i] : a->f->exclude[i - a->f->ninclude];
		a->hits[i] += (size_t)assay_glob_match(glob, file->path);
	}
	switch (assay_covfilter_test(a->f, file->path)) {
	case ASSAY_COVFILTER_KEEP:
		return 1;
	case ASSAY_COVFILTER_EXTERNAL:
		a->counts.external++;
		break;
	case ASSAY_COVFILTER_NOT_INCLUDED:
		a->counts.not_included++;
		break;
	case ASSAY_COVFILTER_EXCLUDED:
		a->counts.excluded++;
		break;
	}
	return 0;
}

void assay_covfilter_apply(const struct assay_covfilter *f, assay_covset *cs,
			   struct assay_covfilter_counts *out, size_t *hits)
{
	struct apply a = { f, { 0, 0, 0, 0 }, hits };
	assay_covset_retain(cs, keep, &a);
	if (out)
		*out = a.counts;
}
