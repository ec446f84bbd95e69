/* SPDX-License-Identifier: MIT */
/*
 * The differential view: every line of head, and every line the change
 * deleted from the base, in one of lcov 2's twelve categories, from the
 * two commits' coverage in the store and the diff between them (lines
 * that did not change are followed to where they were in the base).
 */
#ifndef ASSAY_REPORT_DIFFCAT_H
#define ASSAY_REPORT_DIFFCAT_H

#include "covset.h"
#include "gitdiff.h"

#include <stddef.h>

enum rep_cat {
	REP_CAT_NONE = 0, /* not code on either side */
	REP_UNC,  /* uncovered new code */
	REP_LBC,  /* lost baseline coverage */
	REP_UIC,  /* uncovered included code: code now, not before, not covered */
	REP_UBC,  /* uncovered baseline code */
	REP_GBC,  /* gained baseline coverage */
	REP_GIC,  /* gained included coverage */
	REP_GNC,  /* gained new coverage: new code, covered */
	REP_CBC,  /* covered baseline code */
	REP_EUB,  /* excluded uncovered baseline: code before, not now */
	REP_ECB,  /* excluded covered baseline */
	REP_DUB,  /* deleted uncovered baseline */
	REP_DCB,  /* deleted covered baseline */
	REP_CATS
};

/* "UNC", ...; and what it means, for the legend. */
const char *rep_cat_name(enum rep_cat c);
const char *rep_cat_meaning(enum rep_cat c);

/*
 * The categories of head's lines 1..nlines of path (cats[line], cats[0]
 * unused) and the counts of every category, deleted lines included, into
 * counts[]; base is the base's coverage of the file where it was (NULL:
 * none), head head's.
 */
void rep_diffcat_file(const assay_changes *changes, const char *path, const assay_filecov *head,
		      const assay_filecov *base, unsigned nlines, unsigned char *cats, size_t counts[REP_CATS]);

/* Where path was in the base: the rename's old path, else path. */
const char *rep_diffcat_base_path(const assay_changes *changes, const char *path);

/* The deleted lines of a file the change removed, counted (DUB, DCB). */
void rep_diffcat_deleted(const assay_changes *changes, const char *path, const assay_filecov *base,
			 size_t counts[REP_CATS]);

#endif
