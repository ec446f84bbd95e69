/* SPDX-License-Identifier: MIT */
/*
 * github-action-benchmark's custom JSON (customSmallerIsBetter and
 * customBiggerIsBetter): an array of {"name", "unit", "value", "range",
 * "extra"}.  The direction is not in the file (the action takes it as its
 * `tool` setting), so the caller says it.  Each entry is one sample; the
 * unit is kept as written.
 */
#include "bench_parsers.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>

int bench_custom_parse(const json_t *doc, const char *file, int bigger_is_better, bench_set *s,
		       assay_err *err)
{
	size_t n = json_array_size(doc);
	if (n == 0)
		return assay_err_at(err, ASSAY_EINPUT, file, 0, "an empty list: no benchmark results");
	for (size_t i = 0; i < n; i++) {
		const json_t *e = json_array_get(doc, i);
		const char *name = json_string_value(json_object_get(e, "name"));
		const char *unit = json_string_value(json_object_get(e, "unit"));
		double v;
		if (!name || !*name)
			return assay_err_at(err, ASSAY_EINPUT, file, 0, "[%zu]: no name", i);
		if (!unit)
			return assay_err_at(err, ASSAY_EINPUT, file, 0, "[%zu] '%s': no unit", i, name);
		if (bench_json_number(json_object_get(e, "value"), &v) < 0)
			return assay_err_at(err, ASSAY_EINPUT, file, 0,
					    "[%zu] '%s': value is not a number: a benchmark with no samples",
					    i, name);
		if (!isfinite(v)) {
			s->nonfinite++;
			continue;
		}
		size_t idx;
		int rc = bench_set_series(s, name, "value", unit, bigger_is_better, 1, &idx, err);
		if (rc < 0)
			return rc;
		/* range and extra are free text: kept, as JSON, beside the value */
		json_t *keep = json_object();
		const char *fields[] = { "range", "extra" };
		for (size_t k = 0; k < 2; k++) {
			json_t *f = json_object_get(e, fields[k]);
			if (f)
				json_object_set(keep, fields[k], f);
		}
		char *extra = json_object_size(keep) ? json_dumps(keep, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		json_decref(keep);
		bench_set_add(s, idx, (int)bench_set_count(s, idx), v, extra);
		free(extra);
	}
	return 0;
}
