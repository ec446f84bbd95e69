/* SPDX-License-Identifier: MIT */
/*
 * Google Benchmark's --benchmark_format=json (and --benchmark_out).
 *
 * Each repetition is an entry of run_type "iteration" (older versions
 * write no run_type); with --benchmark_repetitions the library adds
 * entries of run_type "aggregate" (mean, median, stddev, cv, and BigO/RMS
 * for complexity fits).  The repetitions are the samples; aggregates of a
 * benchmark whose repetitions are in the file are left out, or they would
 * be counted twice.  With --benchmark_report_aggregates_only there are no
 * repetitions: the median (else the mean) then stands for the run, as one
 * sample marked as such in its extra JSON.  A benchmark with neither, only
 * statistics of its own (ComputeStatistics("max", ...), or compare.py's
 * test inputs), has nothing to stand for it: each of its aggregates is a
 * series of its own, NAME/AGGREGATE, compared with the same aggregate of
 * another run.  A percentage aggregate (aggregate_unit "percentage", as
 * cv) is a fraction whatever time_unit says: stored in "%", times 100.
 * BigO and RMS (complexity fits) carry no real_time: recognised, left out.
 */
#include "bench_parsers.h"
#include "buf.h"
#include "mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fields that describe an entry rather than measure it: not counters. */
static const char *const known_fields[] = {
	"name", "family_index", "per_family_instance_index", "run_name", "run_type",
	"repetitions", "repetition_index", "threads", "iterations", "real_time", "cpu_time",
	"time_unit", "aggregate_name", "aggregate_unit", "label", "error_occurred",
	"error_message", "skipped", "skip_message", "big_o", "cpu_coefficient",
	"real_coefficient", "rms", "complexity_n", NULL,
};

static int is_known(const char *key)
{
	for (const char *const *k = known_fields; *k; k++)
		if (!strcmp(*k, key))
			return 1;
	return 0;
}

struct family {
	const char *run_name; /* borrowed from the document */
	int has_iterations, has_median, has_mean;
};

struct families {
	struct family *v;
	size_t n, alloc;
};

static struct family *family_of(struct families *f, const char *run_name)
{
	for (size_t i = f->n; i-- > 0;)
		if (!strcmp(f->v[i].run_name, run_name))
			return &f->v[i];
	ASSAY_GROW(f->v, f->alloc, f->n + 1);
	f->v[f->n] = (struct family){ .run_name = run_name };
	return &f->v[f->n++];
}

static const char *str_field(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int is_true(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

static const char *run_name_of(const json_t *b)
{
	const char *rn = str_field(b, "run_name");
	return rn ? rn : str_field(b, "name");
}

static int is_aggregate(const json_t *b)
{
	const char *rt = str_field(b, "run_type");
	return rt && !strcmp(rt, "aggregate");
}

static int add_value(bench_set *s, const char *bname, const char *metric, const char *unit,
		     int bigger, int primary, int rep, double v, const char *extra,
		     assay_err *err)
{
	if (!isfinite(v)) {
		s->nonfinite++;
		return 0;
	}
	size_t idx;
	int rc = bench_set_series(s, bname, metric, unit, bigger, primary, &idx, err);
	if (rc < 0)
		return rc;
	bench_set_add(s, idx, rep, v, extra);
	return 0;
}

static int is_percentage(const json_t *b)
{
	const char *u = str_field(b, "aggregate_unit");
	return u && !strcmp(u, "percentage");
}

/* real_time, cpu_time and the counters of one entry, as samples of rep. */
static int add_entry(bench_set *s, const json_t *b, const char *file, size_t i, const char *bname,
		     int rep, const char *extra, assay_err *err)
{
	const char *tu = str_field(b, "time_unit");
	int pct = is_percentage(b);
	double scale = pct ? 100 : bench_time_scale(tu ? tu : "ns");
	const char *time_unit = pct ? "%" : "s";
	if (scale == 0)
		return assay_err_at(err, ASSAY_EINPUT, file, 0,
				    "benchmarks[%zu] '%s': unknown time_unit '%s'", i, bname, tu);
	double real, cpu;
	if (bench_json_number(json_object_get(b, "real_time"), &real) < 0 ||
	    bench_json_number(json_object_get(b, "cpu_time"), &cpu) < 0)
		return assay_err_at(err, ASSAY_EINPUT, file, 0,
				    "benchmarks[%zu] '%s': no real_time or cpu_time: a benchmark with no samples",
				    i, bname);
	int rc = add_value(s, bname, "real_time", time_unit, 0, 1, rep, real * scale, extra, err);
	if (rc == 0)
		rc = add_value(s, bname, "cpu_time", time_unit, 0, 0, rep, cpu * scale, extra, err);
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)b, key, val) {
		double v;
		if (rc < 0 || is_known(key) || bench_json_number(val, &v) < 0)
			continue;
		/* the library's rate counters end in _per_second: more is better */
		size_t len = strlen(key);
		int rate = len > 11 && !strcmp(key + len - 11, "_per_second");
		if (pct)
			rc = add_value(s, bname, key, "%", 0, 0, rep, v * 100, extra, err);
		else
			rc = add_value(s, bname, key, rate ? "1/s" : "count", rate, 0, rep, v, extra, err);
	}
	return rc;
}

int bench_gbench_parse(const json_t *doc, const char *file, bench_set *s, assay_err *err)
{
	const json_t *arr = json_object_get(doc, "benchmarks");
	size_t n = json_array_size(arr);
	if (n == 0)
		return assay_err_at(err, ASSAY_EINPUT, file, 0,
				    "no benchmarks in the file: nothing ran (a --benchmark_filter that matched none?)");
	struct families fam = { 0 };
	for (size_t i = 0; i < n; i++) {
		const json_t *b = json_array_get(arr, i);
		const char *rn = json_is_object(b) ? run_name_of(b) : NULL;
		if (!rn) {
			free(fam.v);
			return assay_err_at(err, ASSAY_EINPUT, file, 0,
					    "benchmarks[%zu]: not a benchmark entry (no name)", i);
		}
		struct family *f = family_of(&fam, rn);
		const char *agg = str_field(b, "aggregate_name");
		if (!is_aggregate(b))
			f->has_iterations = 1;
		else if (agg && !strcmp(agg, "median"))
			f->has_median = 1;
		else if (agg && !strcmp(agg, "mean"))
			f->has_mean = 1;
	}

	int rc = 0;
	size_t stored = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const json_t *b = json_array_get(arr, i);
		const char *rn = run_name_of(b);
		struct family *f = family_of(&fam, rn);
		if (is_true(b, "error_occurred")) {
			bench_set_skip(s, rn, 1, str_field(b, "error_message"));
			continue;
		}
		if (is_true(b, "skipped")) {
			bench_set_skip(s, rn, 0, str_field(b, "skip_message"));
			continue;
		}
		if (!is_aggregate(b)) {
			json_t *ri = json_object_get(b, "repetition_index");
			size_t idx;
			int rep;
			if (bench_json_int(ri, &rep) < 0 || rep < 0) {
				/* older files: repetitions are entries of the same name, in order */
				rc = bench_set_series(s, rn, "real_time", "s", 0, 1, &idx, err);
				rep = rc < 0 ? 0 : (int)bench_set_count(s, idx);
			}
			if (rc == 0)
				rc = add_entry(s, b, file, i, rn, rep, NULL, err);
			stored++;
			continue;
		}
		const char *agg = str_field(b, "aggregate_name");
		agg = agg ? agg : "";
		int stands_in = !f->has_iterations &&
				(!strcmp(agg, "median") || (!f->has_median && !strcmp(agg, "mean")));
		/* nothing stands for the benchmark: its own statistics are series of their own */
		int own = !f->has_iterations && !f->has_median && !f->has_mean && *agg &&
			  json_object_get(b, "real_time");
		if (!stands_in && !own) {
			s->aggregates_ignored++;
			continue;
		}
		int reps;
		if (bench_json_int(json_object_get(b, "repetitions"), &reps) < 0)
			reps = 0;
		assay_buf name = ASSAY_BUF_INIT;
		/* agg came from the document, so it is UTF-8 already: json_pack refuses nothing */
		json_t *x = json_pack("{s:s,s:i}", "aggregate", agg, "repetitions", reps);
		char *extra = assay_xcheck(x ? json_dumps(x, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL);
		json_decref(x);
		if (own)
			assay_buf_addf(&name, "%s/%s", rn, agg);
		rc = add_entry(s, b, file, i, own ? name.buf : rn, 0, extra, err);
		free(extra);
		assay_buf_release(&name);
		stored++;
	}
	free(fam.v);
	if (rc == 0 && stored == 0 && s->nskips == 0)
		rc = assay_err_at(err, ASSAY_EINPUT, file, 0,
				  "no benchmark in the file has a time: nothing to store");
	return rc;
}
