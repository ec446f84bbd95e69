/* SPDX-License-Identifier: MIT */
/*
 * hyperfine --export-json: one result per command, with every run's wall
 * time in "times" (seconds), its exit code in "exit_codes", the values of
 * -P/-L parameters in "parameters", and (1.17 and later) peak memory per
 * run in "memory_usage_byte".  Means of user and system time are all it
 * gives of those, so they are not samples and are not stored.
 */
#include "bench_parsers.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>

static int add_array(bench_set *s, const json_t *r, const char *file, size_t i, const char *cmd,
		     const char *key, const char *metric, const char *unit, int primary,
		     const json_t *codes, char *params, assay_err *err)
{
	const json_t *arr = json_object_get(r, key);
	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return assay_err_at(err, ASSAY_EINPUT, file, 0, "results[%zu] '%s': %s is not an array",
				    i, cmd, key);
	size_t idx;
	int rc = bench_set_series(s, cmd, metric, unit, 0, primary, &idx, err);
	if (rc < 0)
		return rc;
	if (params && !s->series[idx].params)
		s->series[idx].params = assay_xstrdup(params);
	for (size_t k = 0; k < json_array_size(arr); k++) {
		double v;
		if (bench_json_number(json_array_get(arr, k), &v) < 0)
			return assay_err_at(err, ASSAY_EINPUT, file, 0,
					    "results[%zu] '%s': %s[%zu] is not a number", i, cmd, key, k);
		if (!isfinite(v)) {
			s->nonfinite++;
			continue;
		}
		int code;
		if (bench_json_int(json_array_get(codes, k), &code) == 0)
			bench_set_add_exit(s, idx, (int)k, v, code);
		else
			bench_set_add(s, idx, (int)k, v, NULL);
	}
	return 0;
}

int bench_hyperfine_parse(const json_t *doc, const char *file, bench_set *s, assay_err *err)
{
	const json_t *results = json_object_get(doc, "results");
	size_t n = json_array_size(results);
	if (n == 0)
		return assay_err_at(err, ASSAY_EINPUT, file, 0,
				    "no results in the file: no command was benchmarked");
	for (size_t i = 0; i < n; i++) {
		const json_t *r = json_array_get(results, i);
		const char *cmd = json_string_value(json_object_get(r, "command"));
		if (!cmd)
			return assay_err_at(err, ASSAY_EINPUT, file, 0, "results[%zu]: no command", i);
		const json_t *times = json_object_get(r, "times");
		if (json_array_size(times) == 0)
			return assay_err_at(err, ASSAY_EINPUT, file, 0,
					    "results[%zu] '%s': no times: a benchmark with no samples", i, cmd);
		const json_t *codes = json_object_get(r, "exit_codes");
		const json_t *pj = json_object_get(r, "parameters");
		char *params = json_is_object(pj) && json_object_size(pj)
				       ? json_dumps(pj, JSON_COMPACT | JSON_SORT_KEYS)
				       : NULL;
		int rc = add_array(s, r, file, i, cmd, "times", "wall", "s", 1, codes, params, err);
		if (rc == 0)
			rc = add_array(s, r, file, i, cmd, "memory_usage_byte", "maxrss", "B", 0, codes,
				       params, err);
		free(params);
		if (rc < 0)
			return rc;
	}
	return 0;
}
