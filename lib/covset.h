/* SPDX-License-Identifier: MIT */
/*
 * Coverage of a run, gathered from any number of inputs and merged:
 * hits of the same line add up, branches are matched by (line, block,
 * branch), functions by name.  Parsers add to it; assay_covset_finalize()
 * sorts, merges and counts; the run writer stores it.
 *
 * Merging by (line, block, branch) is sound only between inputs that number
 * branches alike, so a file's entries are kept per input format: inputs of
 * one format merge, and when several formats describe one file, finalize
 * keeps one format's entry whole (see enum assay_covformat) and records the
 * file among the "dropped" for the front end to tell.
 */
#ifndef ASSAY_COVSET_H
#define ASSAY_COVSET_H

#include "err.h"

#include <stddef.h>
#include <stdint.h>

struct assay_linecov {
	uint32_t line;
	uint64_t count;
};

struct assay_branchcov {
	uint32_t line;
	uint32_t block;  /* gcov's block (lcov BRDA's 2nd field); 0 when the producer has none */
	uint32_t branch; /* index within the block */
	int64_t taken;   /* -1: the branch's line was never executed (lcov '-') */
};

struct assay_funccov {
	char *name;
	uint32_t line, end_line; /* end_line 0 when unknown */
	uint64_t count;
};

/*
 * The format an input came in, in the order finalize prefers them for a file
 * that several describe: gcov JSON numbers branches as gcov does and counts
 * each; lcov counts each, numbered as its producer chose; Cobertura has only
 * "C of T taken" per line, so its branches are made up in order.  NONE (a
 * caller that never said) comes last.
 */
enum assay_covformat {
	ASSAY_COVFMT_NONE = 0,
	ASSAY_COVFMT_GCOV_JSON,
	ASSAY_COVFMT_LCOV,
	ASSAY_COVFMT_COBERTURA,
};
#define ASSAY_COVFMT_COUNT 4

/* "gcov JSON", "lcov", "Cobertura"; "unknown" for NONE */
const char *assay_covformat_name(enum assay_covformat f);

typedef struct assay_filecov {
	char *path;                   /* repo-relative, '/'-separated */
	enum assay_covformat format;  /* of the inputs it came from */
	struct assay_linecov *lines;  /* after finalize: sorted by line, unique */
	size_t nlines;
	struct assay_branchcov *branches; /* after finalize: sorted, unique */
	size_t nbranches;
	struct assay_funccov *funcs;  /* after finalize: sorted by line then name, unique */
	size_t nfuncs;
	/* totals, set by finalize */
	uint32_t lines_found, lines_hit, branches_found, branches_hit, functions_found, functions_hit;
	/* private */
	size_t alloc_lines, alloc_branches, alloc_funcs;
	int sorted;
} assay_filecov;

typedef struct assay_covset assay_covset;

assay_covset *assay_covset_new(void);
void assay_covset_free(assay_covset *cs);

/* The format of the inputs added from now on (a parser sets it first). */
void assay_covset_set_format(assay_covset *cs, enum assay_covformat f);

/* The entry for path in the current format (created empty if new); the set owns it. */
assay_filecov *assay_covset_file(assay_covset *cs, const char *path);
/*
 * The entry for a producer's path, normalised first with
 * assay_path_normalize(path, base, po): what every coverage parser does
 * with a file's name.
 */
struct assay_pathopts;
assay_filecov *assay_covset_file_norm(assay_covset *cs, const char *path, const char *base,
				      const struct assay_pathopts *po);

/* Keep the files for which keep(ud, f) is true, in their order; the others are freed. */
void assay_covset_retain(assay_covset *cs, int (*keep)(void *ud, const assay_filecov *f),
			 void *ud);

/* Add `count` hits to line (a line seen with 0 hits is still "found"). */
void assay_filecov_line(assay_filecov *f, uint32_t line, uint64_t count);
/* A branch outcome; taken -1 means "not executed" and merges as 0 with a real count. */
void assay_filecov_branch(assay_filecov *f, uint32_t line, uint32_t block, uint32_t branch,
			  int64_t taken);
/* A function's hits; name copied.  Same name again adds hits (a header in several TUs). */
void assay_filecov_function(assay_filecov *f, const char *name, uint32_t line,
			    uint32_t end_line, uint64_t count);

/* Bits per source line of an exclusion map (see assay_filecov_exclude). */
enum { ASSAY_EXCL_LINE = 1, ASSAY_EXCL_BRANCH = 2 };

/*
 * Drop what map[1..n] (ASSAY_EXCL_* bits per source line) excludes, in one
 * pass over each array: an ASSAY_EXCL_LINE line goes with its branches and
 * the functions starting on it, an ASSAY_EXCL_BRANCH line's branches go.
 * Lines 0 and past n are kept.  Totals are recomputed by the next finalize.
 */
void assay_filecov_exclude(assay_filecov *f, const unsigned char *map, size_t n);

/*
 * A count written as a real (lcov 2, gcov JSON, Cobertura's "1.0"): rounded
 * up, so that any hit stays a hit; 0 when negative or NaN; UINT64_MAX when
 * too large.
 */
uint64_t assay_count_from_real(double d);

/* Sort, merge duplicates and compute totals of every file. Idempotent. */
void assay_covset_finalize(assay_covset *cs);
void assay_filecov_finalize(assay_filecov *f);

/* The entry of line in a finalized f (its lines sorted), or NULL when f does not count the line. */
const struct assay_linecov *assay_filecov_find_line(const assay_filecov *f, uint32_t line);

/* Files in path order (after finalize): one entry per path. */
size_t assay_covset_count(const assay_covset *cs);
assay_filecov *assay_covset_at(assay_covset *cs, size_t i);

/* A file that inputs of several formats described: the format kept, the others dropped. */
struct assay_covdrop {
	char *path;
	enum assay_covformat kept;
	unsigned dropped; /* bit (1u << format) for each format left out */
};
/* The files finalize found described by several formats, in path order. */
size_t assay_covset_ndropped(const assay_covset *cs);
const struct assay_covdrop *assay_covset_dropped_at(const assay_covset *cs, size_t i);

#endif
