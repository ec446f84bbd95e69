#include "cmds.h"
#include "db.h"
#include "run.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

int bench_save(assay_store *st, const assay_runctx *ctx, const bench_set *s, const char *digest,
	       int64_t *run_id, assay_err *err)
{
	assay_run *run = NULL;
	int rc = assay_run_begin(&run, st, "bench", ctx, err);
	if (rc == 0) {
		*run_id = assay_run_id(run);
		rc = bench_db_write(run, s, err);
	}
	if (rc == 0)
		rc = assay_run_finish(run, digest, err);
	assay_run_free(run); /* rolls back unless finished */
	return rc;
}

void bench_fmt_value(char *buf, size_t n, double v, const char *unit)
{
	static const struct {
		const char *unit;
		double scale[4];
		const char *names[4];
	} scales[] = {
		{ "s", { 1e-9, 1e-6, 1e-3, 1 }, { "ns", "us", "ms", "s" } },
		{ "B", { 1, 1024, 1048576, 1073741824 }, { "B", "KiB", "MiB", "GiB" } },
		{ "instructions", { 1, 1e3, 1e6, 1e9 }, { "instr", "k instr", "M instr", "G instr" } },
	};
	if (isnan(v)) {
		snprintf(buf, n, "-");
		return;
	}
	for (size_t i = 0; i < sizeof(scales) / sizeof(scales[0]); i++) {
		if (strcmp(unit, scales[i].unit))
			continue;
		size_t k = 0;
		while (k < 3 && fabs(v) >= scales[i].scale[k + 1])
			k++;
		snprintf(buf, n, "%.4g %s", v / scales[i].scale[k], scales[i].names[k]);
		return;
	}
	snprintf(buf, n, "%.6g %s", v, unit);
}
