/* SPDX-License-Identifier: MIT */
/*
 * The coverage harnesses' one iteration (lcov, gcov JSON, Cobertura): parse
 * the bytes strictly, as `assay ingest` does by default; when that finds
 * them bad, parse them again with every damage category ignored
 * (--ignore-errors format,empty,unused), the path that skips what is damaged
 * and goes on.  What is kept is finalized and its totals checked; the
 * covset is freed each time.
 */
#ifndef ASSAY_FUZZ_COV_H
#define ASSAY_FUZZ_COV_H

#include "parsers.h"

#include <stddef.h>
#include <stdint.h>

typedef int (*fuzz_cov_parser)(assay_input *in, assay_covset *cs, const struct assay_cov_opts *o,
			       assay_err *err);

void fuzz_cov_run(fuzz_cov_parser parse, const uint8_t *data, size_t n);

#endif
