/* SPDX-License-Identifier: MIT */
/*
 * Benchmark result files: Google Benchmark JSON, hyperfine --export-json,
 * and github-action-benchmark's custom JSON.  Each parser adds what it
 * finds to a bench_set and returns 0, or an input error naming the file.
 */
#ifndef ASSAY_FORMATS_BENCH_PARSERS_H
#define ASSAY_FORMATS_BENCH_PARSERS_H

#include "benchset.h"
#include "err.h"

#include <jansson.h>
#include <stddef.h>

enum bench_format {
	BENCH_FMT_AUTO = 0,
	BENCH_FMT_GBENCH,
	BENCH_FMT_HYPERFINE,
	BENCH_FMT_CUSTOM,
};

/* "auto", "gbench", "hyperfine", "custom"; -1 for none. */
int bench_format_parse(const char *name);
const char *bench_format_name(enum bench_format f);

/*
 * Decode the JSON text data[0..n) of file `name` into *out (json_decref()
 * it).  Google Benchmark writes bare NaN, -NaN, Infinity and -Infinity for
 * some aggregates and counters, which JSON has no spelling for: outside
 * string literals those tokens are turned into the strings "NaN" ... before
 * decoding, and bench_json_number() reads them back.  Empty text (only
 * white space) is an input error that says nothing was written.
 */
int bench_json_decode(json_t **out, const char *name, const char *data, size_t n,
		      assay_err *err);

/* The number in v (a JSON number or one of those strings) in *out; -1 if neither. */
int bench_json_number(const json_t *v, double *out);

/*
 * The int in v (a JSON number, truncated toward zero) in *out; -1 if v is
 * none or out of int's range, whose conversion would be undefined: callers
 * take such a value as absent.
 */
int bench_json_int(const json_t *v, int *out);

/* Which format a decoded document is in; BENCH_FMT_AUTO when none. */
enum bench_format bench_format_sniff(const json_t *doc);

/* Scale to seconds of a Google Benchmark time_unit ("ns", "us", "ms", "s"); 0 if unknown. */
double bench_time_scale(const char *unit);

int bench_gbench_parse(const json_t *doc, const char *name, bench_set *s, assay_err *err);
int bench_hyperfine_parse(const json_t *doc, const char *name, bench_set *s, assay_err *err);
/* bigger_is_better: github-action-benchmark's customBiggerIsBetter (else customSmallerIsBetter). */
int bench_custom_parse(const json_t *doc, const char *name, int bigger_is_better, bench_set *s,
		       assay_err *err);

#endif
