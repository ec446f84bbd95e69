/* SPDX-License-Identifier: MIT */
/*
 * The benchmark harnesses' one iteration (Google Benchmark, hyperfine,
 * custom JSON): the bytes read whole through an assay_input and decoded as
 * `assay bench ingest` does (bench_json_decode: the bare NaN / Infinity
 * quoting and jansson), sniffed, then parsed as the harness's format, as
 * --format FORMAT would, whatever the sniffer said.  The bench_set is
 * checked and released each time.
 */
#ifndef ASSAY_FUZZ_BENCH_H
#define ASSAY_FUZZ_BENCH_H

#include "bench_parsers.h"

#include <stddef.h>
#include <stdint.h>

void fuzz_bench_run(enum bench_format format, const uint8_t *data, size_t n);

#endif
