/* SPDX-License-Identifier: MIT */
/*
 * What one `bench ingest` or `bench run` found, held in memory until it is
 * written to the store as one run: parse everything first, store after, so
 * a bad file leaves nothing behind.
 *
 * The set owns every string in it (copied on the way in); free it with
 * bench_set_release().
 */
#ifndef ASSAY_FORMATS_BENCHSET_H
#define ASSAY_FORMATS_BENCHSET_H

#include "err.h"

#include <stddef.h>

struct bench_series {
	char *name;
	char *metric;
	char *unit;
	int bigger_is_better;
	int primary;       /* compared by default */
	double threshold;  /* this benchmark's own regression threshold; NAN: none */
	char *params;      /* JSON text or NULL */
	size_t count;      /* its samples in the set */
};

struct bench_sample {
	size_t series;
	int rep;
	double value;
	int has_exit_code;
	int exit_code;
	char *extra;       /* JSON text or NULL */
};

struct bench_skip {
	char *name;
	int errored;       /* 1 error, 0 skipped */
	int count;
	char *message;
};

typedef struct bench_set {
	struct bench_series *series;
	size_t nseries, aseries;
	struct bench_sample *samples;
	size_t nsamples, asamples;
	struct bench_skip *skips;
	size_t nskips, askips;
	size_t aggregates_ignored; /* aggregates left out because the repetitions were there */
	size_t nonfinite;          /* NaN / Infinity values left out */
} bench_set;

#define BENCH_SET_INIT { 0 }

void bench_set_release(bench_set *s);

/*
 * The index of the series (name, metric), added if new.  Adding one that
 * exists with another unit or direction is an input error (err says which).
 */
int bench_set_series(bench_set *s, const char *name, const char *metric, const char *unit,
		     int bigger_is_better, int primary, size_t *out, assay_err *err);

/* Add a sample to series i; extra (JSON, may be NULL) is copied. */
void bench_set_add(bench_set *s, size_t series, int rep, double value, const char *extra);
/* The same with an exit code. */
void bench_set_add_exit(bench_set *s, size_t series, int rep, double value, int exit_code);

/* Note a benchmark that errored (errored = 1) or was skipped; repeats add to its count. */
void bench_set_skip(bench_set *s, const char *name, int errored, const char *message);

/* The number of samples of series i (kept as they are added: no scan). */
size_t bench_set_count(const bench_set *s, size_t series);

#endif
