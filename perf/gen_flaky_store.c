/* SPDX-License-Identifier: MIT */
/*
 * Fills a store for perf/flaky-list.sh through the same run writer that
 * ingest uses: RUNS runs of TESTS tests, two runs per commit, 1% of the
 * tests flaky (a 10% chance to fail), every 97th run an infrastructure
 * failure (every test errors).  Seeded: the same arguments, the same store.
 *
 * usage: perf-gen-flaky-store DB RUNS TESTS
 */
#include "mem.h"
#include "run.h"
#include "stats.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: perf-gen-flaky-store DB RUNS TESTS\n");
		return 2;
	}
	long runs = atol(argv[2]), tests = atol(argv[3]);
	assay_rng rng;
	assay_rng_seed(&rng, 1);
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	int rc = assay_store_open(&st, argv[1], &err);
	char classname[32], name[32], sha[41], tree[41];
	for (long r = 1; rc == 0 && r <= runs; r++) {
		long commit = (r + 1) / 2;
		snprintf(sha, sizeof(sha), "%040lx", commit);
		snprintf(tree, sizeof(tree), "t%039lx", commit);
		assay_runctx ctx = { .commit = sha, .tree = tree, .branch = "main",
				     .time = 1700000000 + commit * 60 };
		assay_run *run;
		if ((rc = assay_run_begin(&run, st, "ingest", &ctx, &err)) < 0)
			break;
		for (long t = 1; rc == 0 && t <= tests; t++) {
			snprintf(classname, sizeof(classname), "class%03ld", t % 100);
			snprintf(name, sizeof(name), "test%05ld", t);
			enum assay_status status = ASSAY_PASS;
			if (r % 97 == 0)
				status = ASSAY_ERROR;
			else if (t % 100 == 0 && assay_rng_below(&rng, 10) == 0)
				status = ASSAY_FAIL;
			assay_result res = { .suite = "suite", .classname = classname, .name = name,
					     .status = status, .attempt = 1, .final = 1, .duration_us = -1 };
			rc = assay_run_add_result(run, &res, &err);
		}
		if (rc == 0)
			rc = assay_run_finish(run, NULL, &err);
		assay_run_free(run);
	}
	assay_store_close(st);
	if (rc < 0) {
		fprintf(stderr, "perf-gen-flaky-store: %s\n", err.msg);
		return 1;
	}
	return 0;
}
