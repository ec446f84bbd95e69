#include "cmds.h"
#include "db.h"
#include "run.h"

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

