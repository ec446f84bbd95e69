/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: hyperfine --export-json. */
#include "fuzz_bench.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_bench_run(BENCH_FMT_HYPERFINE, data, size);
	return 0;
}
