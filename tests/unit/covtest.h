/* SPDX-License-Identifier: MIT */
/*
 * What the coverage parsers' unit tests share: parsing a text through a
 * real file (the path is kept in covtest_path, for expected messages),
 * finding a file in the result, and checking its six totals.
 * Include after cmocka.h.
 */
#ifndef ASSAY_COVTEST_H
#define ASSAY_COVTEST_H

#include "parsers.h"
#include "testtmp.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef int (*covtest_parser)(assay_input *in, assay_covset *cs, const struct assay_cov_opts *o,
			      assay_err *err);

static char covtest_path[TESTTMP_MAX];

/* A new temporary file, its path in covtest_path: the descriptor to write it with. */
static inline int covtest_create(void)
{
	assert_int_equal(testtmp_template(covtest_path, sizeof(covtest_path), "assay-test-cov"), 0);
	int fd = mkstemp(covtest_path);
	assert_true(fd >= 0);
	return fd;
}

/* Parse covtest_path with parser, then remove it; the covset is finalized on success. */
static inline int covtest_parse_file(covtest_parser parser, assay_covset *cs,
				     const struct assay_cov_opts *o, assay_err *err)
{
	assay_input *in;
	assert_int_equal(assay_input_open(&in, covtest_path, err), 0);
	int rc = parser(in, cs, o, err);
	assay_input_close(in);
	unlink(covtest_path);
	if (rc == 0)
		assay_covset_finalize(cs);
	return rc;
}

/* Parse text with parser from a temporary file; the covset is finalized on success. */
static inline int covtest_parse(covtest_parser parser, const char *text, assay_covset *cs,
				const struct assay_cov_opts *o, assay_err *err)
{
	int fd = covtest_create();
	size_t n = strlen(text);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
	return covtest_parse_file(parser, cs, o, err);
}

static inline assay_filecov *covtest_file(assay_covset *cs, const char *path)
{
	for (size_t i = 0; i < assay_covset_count(cs); i++)
		if (!strcmp(assay_covset_at(cs, i)->path, path))
			return assay_covset_at(cs, i);
	fail_msg("no file %s", path);
	return NULL;
}

static inline void covtest_totals(const assay_filecov *f, uint32_t lf, uint32_t lh, uint32_t bf,
				  uint32_t bh, uint32_t ff, uint32_t fh)
{
	assert_int_equal(f->lines_found, lf);
	assert_int_equal(f->lines_hit, lh);
	assert_int_equal(f->branches_found, bf);
	assert_int_equal(f->branches_hit, bh);
	assert_int_equal(f->functions_found, ff);
	assert_int_equal(f->functions_hit, fh);
}

#endif
