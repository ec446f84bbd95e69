/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the exclusion markers (LCOV_EXCL_*, GCOVR_EXCL_*):
 * the bytes are a source file, read by assay_exclude_apply() from its path
 * as ingest reads the sources next to a coverage file.  The coverage it
 * applies to has a line, two branches and every fourth line a function on
 * each of lines 0..LINES-1, so that every kind of exclusion has something
 * to drop and lines past the source's end are there to be kept.
 */
#include "fuzz_input.h"
#include "parsers.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define LINES 64

static void bad(const char *what)
{
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	assay_covset *cs = assay_covset_new();
	assay_covset_set_format(cs, ASSAY_COVFMT_LCOV);
	assay_filecov *f = assay_covset_file(cs, fuzz_bytes_path(data, size));
	for (uint32_t l = 0; l < LINES; l++) {
		assay_filecov_line(f, l, l % 3);
		assay_filecov_branch(f, l, 0, 0, l % 2);
		assay_filecov_branch(f, l, 0, 1, -1);
		if (l % 4 == 0) {
			char name[16];
			snprintf(name, sizeof(name), "f%u", l);
			assay_filecov_function(f, name, l, l + 3, l % 5);
		}
	}
	assay_err err = ASSAY_ERR_INIT;
	int rc = assay_exclude_apply(f, NULL, &err);
	if (rc != 0) /* a memory file always reads */
		bad(err.msg);
	assay_covset_finalize(cs);
	f = assay_covset_at(cs, 0);
	if (f->lines_found > LINES || f->branches_found > 2 * LINES ||
	    f->functions_found > LINES / 4 || f->lines_hit > f->lines_found ||
	    f->branches_hit > f->branches_found || f->functions_hit > f->functions_found)
		bad("exclusion left more than there was, or inconsistent totals");
	assay_covset_free(cs);
	return 0;
}
