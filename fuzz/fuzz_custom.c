/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: github-action-benchmark's custom JSON (customSmallerIsBetter / customBiggerIsBetter). */
#include "fuzz_bench.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_bench_run(BENCH_FMT_CUSTOM, data, size);
	return 0;
}
