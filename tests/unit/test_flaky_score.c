/* SPDX-License-Identifier: MIT */
/*
 * flaky/score.c on a store built run by run: every kind of evidence, and
 * infrastructure failures; runs without test results are passed over.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "run.h"
#include "score.h"
#include "testtmp.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char dbpath[TESTTMP_MAX];
static assay_store *st;

static const char *const fillers[] = { "F0", "F1", "F2", "F3", "F4", "F5" };

/* One run of commit sha (tree, time); statuses of A, B, C, D, E as "PPFPP", '*' all failing. */
static void add_run(const char *sha, const char *tree, int64_t t, const char *abcde, int c_rerun)
{
	assay_runctx ctx = { .commit = (char *)sha, .tree = (char *)tree, .time = t,
			     .branch = (char *)"main" };
	assay_run *run;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_run_begin(&run, st, "ingest", &ctx, &err), 0);
	int all_fail = abcde[0] == '*';
	const char *names[] = { "A", "B", "C", "D", "E" };
	for (int i = 0; i < 5; i++) {
		int fail = all_fail || abcde[i] == 'F';
		if (i == 2 && c_rerun) {
			assay_result first = { .suite = "s", .classname = "k", .name = "C",
					       .status = ASSAY_FAIL, .attempt = 1, .final = 0,
					       .duration_us = -1, .message = "flaked" };
			assert_int_equal(assay_run_add_result(run, &first, &err), 0);
		}
		assay_result r = { .suite = "s", .classname = "k", .name = names[i],
				   .status = fail ? ASSAY_FAIL : ASSAY_PASS,
				   .attempt = i == 2 && c_rerun ? 2 : 1, .final = 1, .duration_us = -1 };
		assert_int_equal(assay_run_add_result(run, &r, &err), 0);
	}
	for (size_t i = 0; i < 6; i++) {
		assay_result r = { .suite = "s", .classname = "k", .name = fillers[i],
				   .status = all_fail ? ASSAY_ERROR : ASSAY_PASS, .attempt = 1,
				   .final = 1, .duration_us = -1 };
		assert_int_equal(assay_run_add_result(run, &r, &err), 0);
	}
	assert_int_equal(assay_run_finish(run, NULL, &err), 0);
	assay_run_free(run);
}

/* A run without test results (a bench or mutation run): not looked at. */
static void add_empty_run(const char *sha, const char *tree, int64_t t, const char *kind)
{
	assay_runctx ctx = { .commit = (char *)sha, .tree = (char *)tree, .time = t,
			     .branch = (char *)"main" };
	assay_run *run;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_run_begin(&run, st, kind, &ctx, &err), 0);
	assert_int_equal(assay_run_finish(run, NULL, &err), 0);
	assay_run_free(run);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dbpath, sizeof(dbpath), "%s/assay-test-flaky-%d.db", testtmp_dir(), (int)getpid());
	assay_err err = ASSAY_ERR_INIT;
	if (assay_store_open(&st, dbpath, &err) < 0)
		return -1;
	/* c2 and c3 have one tree: a rebase.  c5's run is an infrastructure failure. */
	add_run("c1", "T1", 1000, "PPPPP", 1);
	add_run("c1", "T1", 1000, "FPPPP", 0);
	add_run("c2", "T2", 2000, "PPPFP", 0);
	add_run("c3", "T2", 3000, "PFPFP", 0);
	add_run("c4", "T4", 4000, "PPPPP", 0);
	add_run("c5", "T5", 5000, "*", 0);
	add_run("c6", "T6", 6000, "PPPFP", 0);
	add_run("c7", "T7", 7000, "PPPPP", 0);
	add_empty_run("c6", "T6", 6000, "bench");
	add_empty_run("c8", "T8", 8000, "mutation");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	assay_store_close(st);
	char p[TESTTMP_MAX + 8];
	unlink(dbpath);
	snprintf(p, sizeof(p), "%s-wal", dbpath);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", dbpath);
	unlink(p);
	return 0;
}

static void test_evidence(void **state)
{
	(void)state;
	struct flaky_score_opts o = FLAKY_SCORE_OPTS_INIT;
	o.now = (int64_t)time(NULL);
	struct flaky_report r;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(flaky_score(st, &o, &r, &err), 0);
	assert_int_equal(r.runs, 8);
	assert_int_equal(r.tests, 11);
	assert_int_equal(r.ninfra, 1);
	assert_string_equal(r.infra[0].sha, "c5");
	assert_int_equal(r.infra[0].tests, 11);
	assert_int_equal(r.infra[0].failed, 11);
	assert_int_equal(r.n, 4);

	/* A: passed and failed on c1 */
	assert_string_equal(r.v[0].name, "A");
	assert_true(r.v[0].score == 1);
	assert_int_equal(r.v[0].same_commit, 1);
	assert_int_equal(r.v[0].same_tree, 0);
	assert_int_equal(r.v[0].runs, 7);
	assert_int_equal(r.v[0].fails, 1);
	assert_int_equal(r.v[0].flips, 2);
	assert_string_equal(r.v[0].first_sha, "c1");
	assert_string_equal(r.v[0].last_flip_sha, "c2");
	assert_int_equal(r.v[0].last_flip_time, 2000);

	/* B: passed on c2, failed on c3, one tree */
	assert_string_equal(r.v[1].name, "B");
	assert_true(r.v[1].score == 1);
	assert_int_equal(r.v[1].same_commit, 0);
	assert_int_equal(r.v[1].same_tree, 1);
	assert_string_equal(r.v[1].last_flip_sha, "c4");

	/* C: failed, then passed on Surefire's rerun */
	assert_string_equal(r.v[2].name, "C");
	assert_true(r.v[2].score == 1);
	assert_int_equal(r.v[2].reruns, 1);
	assert_int_equal(r.v[2].flips, 0);
	assert_int_equal(r.v[2].fails, 0);

	/* D: P P F F P F P across commits, the infrastructure failure not counted */
	assert_string_equal(r.v[3].name, "D");
	assert_int_equal(r.v[3].same_commit + r.v[3].same_tree + r.v[3].reruns, 0);
	assert_int_equal(r.v[3].runs, 7);
	assert_int_equal(r.v[3].fails, 3);
	assert_int_equal(r.v[3].flips, 4);
	/* decayed: transitions 0 1 0 1 1 1, the newest weighing most */
	double lambda = pow(0.5, 1.0 / 20), f = 0, w = 0;
	const int flips[] = { 0, 1, 0, 1, 1, 1 };
	for (int i = 0; i < 6; i++) {
		f = f * lambda + flips[i];
		w = w * lambda + 1;
	}
	assert_true(fabs(r.v[3].flip_rate - f / w) < 1e-12);
	assert_true(r.v[3].flip_rate > 4.0 / 6);
	assert_true(fabs(r.v[3].score - f / w / (f / w + FLAKY_FLIP_HALF)) < 1e-12);
	assert_true(r.v[3].score < 1);
	assert_string_equal(r.v[3].last_flip_sha, "c7");
	/* only the certain ones */
	flaky_report_drop_below(&r, 1);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.v[2].name, "C");
	flaky_report_release(&r);

	/* a stricter infrastructure rule: the all-failing run counts, E flips too */
	o.infra_fraction = 1.0;
	assert_int_equal(flaky_score(st, &o, &r, &err), 0);
	assert_int_equal(r.ninfra, 0);
	assert_int_equal(r.n, 11);
	flaky_report_release(&r);
}

static void test_window(void **state)
{
	(void)state;
	struct flaky_score_opts o = FLAKY_SCORE_OPTS_INIT;
	struct flaky_report r;
	assay_err err = ASSAY_ERR_INIT;
	/* every run started just now: a day's window from ten days on holds none */
	o.now = (int64_t)time(NULL) + 10 * 86400;
	o.window_days = 1;
	assert_int_equal(flaky_score(st, &o, &r, &err), 0);
	assert_int_equal(r.runs, 0);
	assert_int_equal(r.n, 0);
	flaky_report_release(&r);
	o.window_days = 30;
	assert_int_equal(flaky_score(st, &o, &r, &err), 0);
	assert_int_equal(r.runs, 8);
	flaky_report_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_evidence),
		cmocka_unit_test(test_window),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
