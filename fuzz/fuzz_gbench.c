/* SPDX-License-Identifier: MIT */
/* libFuzzer harness: Google Benchmark JSON (--benchmark_format=json / --benchmark_out). */
#include "fuzz_bench.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_bench_run(BENCH_FMT_GBENCH, data, size);
	return 0;
}
