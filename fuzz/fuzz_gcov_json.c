/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: gcov JSON (gcov --json-format: gzipped, or one document a line from --stdout). */
#include "fuzz_cov.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_cov_run(assay_gcov_json_parse, data, size);
	return 0;
}
