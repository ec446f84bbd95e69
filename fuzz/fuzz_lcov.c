/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: lcov tracefiles (geninfo's .info). */
#include "fuzz_cov.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_cov_run(assay_lcov_parse, data, size);
	return 0;
}
