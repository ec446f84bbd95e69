/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: Cobertura XML (gcovr, coverage.py, grcov, coverlet, slather). */
#include "fuzz_cov.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_cov_run(assay_cobertura_parse, data, size);
	return 0;
}
