/* SPDX-License-Identifier: MIT */
#include "fuzz_cov.h"
#include "fuzz_input.h"

#include <stdio.h>
#include <stdlib.h>

/* A warning is one line with something in it; an empty one aborts. */
static void on_warn(void *ud, const char *msg)
{
	(void)ud;
	if (!msg || !msg[0]) {
		fprintf(stderr, "fuzz: an empty warning\n");
		abort();
	}
}

/* Hits never exceed what was found, and found is what finalize kept. */
static void check_totals(assay_covset *cs)
{
	for (size_t i = 0; i < assay_covset_count(cs); i++) {
		const assay_filecov *f = assay_covset_at(cs, i);
		if (f->lines_hit > f->lines_found || f->lines_found != f->nlines ||
		    f->branches_hit > f->branches_found || f->branches_found != f->nbranches ||
		    f->functions_hit > f->functions_found || f->functions_found != f->nfuncs) {
			fprintf(stderr, "fuzz: %s: inconsistent totals\n", f->path);
			abort();
		}
	}
}

static int parse_once(fuzz_cov_parser parse, const uint8_t *data, size_t n, unsigned ignore)
{
	/* the fixtures' checkout path, so that --strip and --root have something to do */
	struct assay_cov_opts o = {
		.paths = { .root = "/tmp/assay-fixtures/repo", .strip = "/tmp/assay-fixtures/repo/" },
		.ignore = ignore,
		.warn = on_warn,
	};
	assay_input *in;
	fuzz_input_open(&in, data, n);
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	int rc = parse(in, cs, &o, &err);
	assay_input_close(in);
	fuzz_check_rc(rc, &err);
	if (rc == 0) {
		assay_covset_finalize(cs);
		check_totals(cs);
	}
	assay_covset_free(cs);
	return rc;
}

void fuzz_cov_run(fuzz_cov_parser parse, const uint8_t *data, size_t n)
{
	if (parse_once(parse, data, n, 0) < 0)
		parse_once(parse, data, n, ASSAY_IGNORE_FORMAT | ASSAY_IGNORE_EMPTY | ASSAY_IGNORE_UNUSED);
}
