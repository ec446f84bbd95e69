/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "covset.h"
#include "mem.h"
#include "run.h"
#include "storetest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *path;

static int setup(void **state)
{
	if (storetest_setup(state) < 0)
		return -1;
	path = assay_xasprintf("%s/s.db", storetest_dir);
	return 0;
}

static int teardown(void **state)
{
	free(path);
	return storetest_teardown(state);
}

static int write_run(assay_store *st, const char *digest, int finish, assay_err *err)
{
	assay_runctx ctx = { .commit = "c0ffee", .branch = "main", .label = "x" };
	assay_run *run;
	int rc = assay_run_begin(&run, st, "ingest", &ctx, err);
	if (rc < 0)
		return rc;
	assay_result r = { .suite = "s", .classname = "C", .name = "t1", .status = ASSAY_PASS,
			   .attempt = 1, .final = 1, .duration_us = 1500 };
	assert_int_equal(assay_run_add_result(run, &r, err), 0);
	r.name = "t2";
	r.status = ASSAY_FAIL;
	r.final = 0;
	r.message = "boom";
	assert_int_equal(assay_run_add_result(run, &r, err), 0);
	r.attempt = 2;
	r.final = 1;
	r.status = ASSAY_PASS;
	r.message = NULL;
	r.duration_us = -1;
	assert_int_equal(assay_run_add_result(run, &r, err), 0);
	assay_covset *cs = assay_covset_new();
	assay_filecov *f = assay_covset_file(cs, "src/x.c");
	assay_filecov_line(f, 1, 1);
	assay_filecov_line(f, 2, 0);
	assert_int_equal(assay_run_add_coverage(run, cs, err), 0);
	assay_covset_free(cs);
	rc = finish ? assay_run_finish(run, digest, err) : 0;
	assay_run_free(run);
	return rc;
}

static void one_run_one_transaction(void **state)
{
	(void)state;
	assay_store *st;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	assert_int_equal(write_run(st, "d1", 1, &err), 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM runs"), 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM tests"), 2);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results"), 3);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE final = 1"), 2);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE duration_us IS NULL"), 1);
	assert_int_equal(storetest_int(st, "SELECT lines_found * 10 + lines_hit FROM coverage"), 21);

	/* the same digest again: nothing more, and it says so */
	assert_int_equal(write_run(st, "d1", 1, &err), -ASSAY_EEXISTS);
	assert_string_equal(err.msg, "already ingested as run 1: nothing changed");
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM runs"), 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results"), 3);

	/* a run dropped before finishing leaves nothing */
	assert_int_equal(write_run(st, "d2", 0, &err), 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM runs"), 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM coverage"), 1);

	/* a different digest is a second run of the same commit and tests */
	assert_int_equal(write_run(st, "d3", 1, &err), 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM runs"), 2);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM commits"), 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM tests"), 2);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM files"), 1);
	assay_store_close(st);
}

/* More results than one batch: they go through the writer thread, in order. */
static void many_results_through_the_writer(void **state)
{
	(void)state;
	assay_store *st;
	assay_err err = ASSAY_ERR_INIT;
	char *p2 = assay_xasprintf("%s/many.db", storetest_dir);
	assert_int_equal(assay_store_open(&st, p2, &err), 0);
	for (int round = 0; round < 2; round++) {
		assay_runctx ctx = { .commit = round ? "b" : "a" };
		assay_run *run;
		assert_int_equal(assay_run_begin(&run, st, "ingest", &ctx, &err), 0);
		char name[32], msg[32];
		for (int i = 0; i < 10000; i++) {
			snprintf(name, sizeof(name), "t%d", i % 3000);
			snprintf(msg, sizeof(msg), "m%d", i);
			assay_result r = { .suite = "s", .classname = "", .name = name, .attempt = 1,
					   .final = 1, .duration_us = i, .status = i % 7 ? ASSAY_PASS : ASSAY_FAIL,
					   .message = i % 7 ? NULL : msg };
			assert_int_equal(assay_run_add_result(run, &r, &err), 0);
		}
		assert_int_equal(assay_run_finish(run, NULL, &err), 0);
		assay_run_free(run);
	}
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results"), 20000);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM tests"), 3000);
	/* ord follows the order of adding, and each row has its own values */
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE ord != duration_us"), 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results r JOIN tests t ON t.id = r.test_id "
			       "WHERE t.name != 't' || (r.ord % 3000)"), 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE status = 'fail' AND message = 'm' || ord"), 2 * 1429);
	assay_store_close(st);
	free(p2);
}

static void a_run_needs_a_commit(void **state)
{
	(void)state;
	assay_store *st;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	assay_runctx ctx = { 0 };
	assay_run *run;
	assert_int_equal(assay_run_begin(&run, st, "ingest", &ctx, &err), -ASSAY_EUSAGE);
	assay_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_run_one_transaction),
		cmocka_unit_test(many_results_through_the_writer),
		cmocka_unit_test(a_run_needs_a_commit),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
