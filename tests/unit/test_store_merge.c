/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "covset.h"
#include "mem.h"
#include "run.h"
#include "store_merge.h"
#include "storetest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A run of kind on commit sha: the tests names[0..n) with status, and one file's coverage when cov. */
static void write_run(assay_store *st, const char *kind, const char *sha, const char *label, const char *digest,
		      const char *const *names, size_t n, enum assay_status status, int cov)
{
	assay_err err = ASSAY_ERR_INIT;
	assay_runctx ctx = { .commit = (char *)sha, .label = (char *)label };
	assay_run *run;
	assert_int_equal(assay_run_begin(&run, st, kind, &ctx, &err), 0);
	for (size_t i = 0; i < n; i++) {
		assay_result r = { .suite = "s", .classname = "C", .name = names[i], .status = status,
				   .attempt = 1, .final = 1, .duration_us = (int64_t)i,
				   .message = status == ASSAY_FAIL ? "boom" : NULL };
		assert_int_equal(assay_run_add_result(run, &r, &err), 0);
	}
	if (cov) {
		assay_covset *cs = assay_covset_new();
		assay_filecov *f = assay_covset_file(cs, label);
		assay_filecov_line(f, 1, 1);
		assay_filecov_line(f, 2, 0);
		assert_int_equal(assay_run_add_coverage(run, cs, &err), 0);
		assay_covset_free(cs);
	}
	assert_int_equal(assay_run_finish(run, digest, &err), 0);
	assay_run_free(run);
}

static char *store_path(const char *name)
{
	return assay_xasprintf("%s/%s.db", storetest_dir, name);
}

/* Two jobs' stores: a test both have is one test in the target, whatever its row ids were. */
static void tests_matched_by_identity(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	char *pa = store_path("a"), *pb = store_path("b"), *pt = store_path("t");
	assay_store *a, *b, *t;
	assert_int_equal(assay_store_open(&a, pa, &err), 0);
	assert_int_equal(assay_store_open(&b, pb, &err), 0);
	static const char *const ta[] = { "t1", "t2" }, *const t0[] = { "t0" }, *const tb[] = { "t2", "t3" };
	write_run(a, "ingest", "c1", "a.c", "0123456789abcdef0123456789abcdef", ta, 2, ASSAY_PASS, 1);
	write_run(b, "ingest", "c0", "z.c", "fedcba9876543210fedcba9876543210", t0, 1, ASSAY_PASS, 0);
	write_run(b, "ingest", "c1", "b.c", "00000000000000000000000000000001", tb, 2, ASSAY_FAIL, 1);
	write_run(b, "flaky", "c1", "rep", NULL, ta, 1, ASSAY_FAIL, 0);
	assert_int_equal(storetest_int(b, "SELECT id FROM tests WHERE name = 't2'"), 2);
	assay_store_close(a);
	assay_store_close(b);

	const char *const paths[] = { pa, pb };
	assay_merge *m;
	struct assay_merge_result res;
	assert_int_equal(assay_merge_open(&m, paths, 2, &err), 0);
	assert_int_equal(assay_store_open(&t, pt, &err), 0);
	assert_int_equal(assay_merge_into(m, t, NULL, &res, &err), 0);
	assay_merge_close(m);
	assert_int_equal(res.copied[ASSAY_MERGE_INGEST], 3);
	assert_int_equal(res.copied[ASSAY_MERGE_FLAKY], 1);
	assert_int_equal(res.present[ASSAY_MERGE_INGEST] + res.present[ASSAY_MERGE_FLAKY], 0);
	assert_int_equal(res.results, 6);
	assert_int_equal(res.coverage, 2);
	assert_int_equal(storetest_int(t, "SELECT count(*) FROM tests"), 4);
	assert_int_equal(storetest_int(t, "SELECT count(*) FROM results"), 6);
	/* t2 of both jobs: one test, two results, a pass and a fail */
	char *s = storetest_text(t, "SELECT r.status || r.test_id FROM results r JOIN tests t ON t.id = r.test_id "
				    "WHERE t.name = 't2' ORDER BY r.run_id");
	assert_string_equal(s, "pass2;fail2;");
	free(s);
	s = storetest_text(t, "SELECT group_concat(t.name) FROM results r JOIN tests t ON t.id = r.test_id "
			      "JOIN runs u ON u.id = r.run_id GROUP BY u.id ORDER BY u.id");
	assert_string_equal(s, "t1,t2;t0;t2,t3;t1;");
	free(s);
	s = storetest_text(t, "SELECT f.path || ':' || c.lines_found || '/' || c.lines_hit FROM coverage c "
			      "JOIN files f ON f.id = c.file_id ORDER BY f.path");
	assert_string_equal(s, "a.c:2/1;b.c:2/1;");
	free(s);
	/* the flaky run, which had none, has a digest now: merging it again finds it */
	assert_int_equal(storetest_int(t, "SELECT count(*) FROM runs WHERE digest IS NULL"), 0);

	assert_int_equal(assay_merge_open(&m, paths, 2, &err), 0);
	assert_int_equal(assay_merge_into(m, t, NULL, &res, &err), 0);
	assay_merge_close(m);
	assert_int_equal(res.copied[ASSAY_MERGE_INGEST] + res.copied[ASSAY_MERGE_FLAKY], 0);
	assert_int_equal(res.present[ASSAY_MERGE_INGEST], 3);
	assert_int_equal(res.present[ASSAY_MERGE_FLAKY], 1);
	assert_int_equal(storetest_int(t, "SELECT count(*) FROM runs"), 4);

	/* the target cannot be a source */
	const char *const self[] = { pt };
	assert_int_equal(assay_merge_open(&m, self, 1, &err), 0);
	assert_int_equal(assay_merge_into(m, t, NULL, &res, &err), -ASSAY_EINPUT);
	assay_merge_close(m);
	assay_store_close(t);
	free(pa);
	free(pb);
	free(pt);
}

/* More results than a batch of the run's writer: they go through its thread, in order. */
static void many_results(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	char *ps = store_path("many"), *pt = store_path("many-t");
	assay_store *s, *t;
	assert_int_equal(assay_store_open(&s, ps, &err), 0);
	enum { N = 5000 };
	char **names = assay_xcalloc(N, sizeof(*names));
	for (int i = 0; i < N; i++)
		names[i] = assay_xasprintf("t%d", i);
	write_run(s, "ingest", "c1", "x.c", NULL, (const char *const *)names, N, ASSAY_PASS, 0);
	for (int i = 0; i < N; i++)
		free(names[i]);
	free(names);
	assay_store_close(s);
	assay_merge *m;
	struct assay_merge_result res;
	const char *const paths[] = { ps };
	assert_int_equal(assay_merge_open(&m, paths, 1, &err), 0);
	assert_int_equal(assay_store_open(&t, pt, &err), 0);
	assert_int_equal(assay_merge_into(m, t, NULL, &res, &err), 0);
	assay_merge_close(m);
	assert_int_equal(res.results, N);
	assert_int_equal(storetest_int(t, "SELECT count(*) FROM results r JOIN tests t ON t.id = r.test_id "
				       "WHERE t.name = 't' || r.duration_us AND r.ord = r.duration_us"), N);
	assay_store_close(t);
	free(ps);
	free(pt);
}

/* A missing source or one that is no store: an error, and no merge to run. */
static void bad_sources(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	char *missing = store_path("missing");
	const char *const paths[] = { missing };
	assay_merge *m = (assay_merge *)1;
	assert_int_equal(assay_merge_open(&m, paths, 1, &err), -ASSAY_EINPUT);
	assert_null(m);
	char *want = assay_xasprintf("%s: no such store", missing);
	assert_string_equal(err.msg, want);
	free(want);
	free(missing);
}

/* A run begun inside a transaction is a savepoint of it: finishing it as a duplicate undoes only it. */
static void a_run_inside_a_transaction(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	char *p = store_path("nested");
	assay_store *st;
	assert_int_equal(assay_store_open(&st, p, &err), 0);
	assert_int_equal(assay_store_begin(st, &err), 0);
	static const char *const one[] = { "t1" }, *const two[] = { "t2" };
	write_run(st, "ingest", "c1", "a.c", "11111111111111111111111111111111", one, 1, ASSAY_PASS, 0);
	assay_runctx ctx = { .commit = "c2" };
	assay_run *run;
	assert_int_equal(assay_run_begin(&run, st, "ingest", &ctx, &err), 0);
	assay_result r = { .suite = "s", .classname = "C", .name = two[0], .attempt = 1, .final = 1, .duration_us = -1 };
	assert_int_equal(assay_run_add_result(run, &r, &err), 0);
	assert_int_equal(assay_run_finish(run, "11111111111111111111111111111111", &err), -ASSAY_EEXISTS);
	assay_run_free(run);
	/* still in the transaction, with the first run and without the second */
	assert_int_equal(sqlite3_get_autocommit(assay_store_db(st)), 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM runs"), 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM tests"), 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM commits"), 1);
	assay_store_rollback(st);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM runs"), 0);
	assay_store_close(st);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tests_matched_by_identity),
		cmocka_unit_test(many_results),
		cmocka_unit_test(bad_sources),
		cmocka_unit_test(a_run_inside_a_transaction),
	};
	return cmocka_run_group_tests(tests, storetest_setup, storetest_teardown);
}
