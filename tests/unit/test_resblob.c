/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "resblob.h"
#include "run.h"
#include "storetest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void entries_round_trip(void **state)
{
	(void)state;
	const struct assay_resentry in[] = {
		{ .test_id = 5, .status = ASSAY_PASS, .final = 1, .attempt = 1, .duration_us = 0 },
		{ .test_id = 2, .status = ASSAY_FAIL, .final = 0, .attempt = 1, .duration_us = -1, .has_texts = 1 },
		{ .test_id = 2, .status = ASSAY_ERROR, .final = 1, .attempt = 300, .duration_us = INT64_MAX },
		{ .test_id = 1000000000000LL, .status = ASSAY_SKIP, .final = 1, .attempt = 1, .duration_us = 127 },
		{ .test_id = 1, .status = ASSAY_PASS, .final = 1, .attempt = 1, .duration_us = 128 },
	};
	size_t n = sizeof(in) / sizeof(in[0]);
	assay_buf b = ASSAY_BUF_INIT;
	int64_t prev = 0;
	for (size_t i = 0; i < n; i++)
		assay_resblob_put(&b, &prev, &in[i]);
	const unsigned char *p = (const unsigned char *)b.buf, *end = p + b.len;
	prev = 0;
	for (size_t i = 0; i < n; i++) {
		struct assay_resentry e;
		assert_int_equal(assay_resblob_next(&p, end, &prev, &e), 1);
		assert_int_equal(e.test_id, in[i].test_id);
		assert_int_equal(e.status, in[i].status);
		assert_int_equal(e.final, in[i].final);
		assert_int_equal(e.attempt, in[i].attempt);
		assert_int_equal(e.duration_us, in[i].duration_us);
		assert_int_equal(e.has_texts, in[i].has_texts);
	}
	struct assay_resentry e;
	assert_int_equal(assay_resblob_next(&p, end, &prev, &e), 0);
	/* a pass with a short time and a near test id: three bytes */
	assert_int_equal(b.len, (1 + 1 + 1) + (1 + 1) + (1 + 1 + 2 + 9) + (6 + 1 + 1) + (6 + 1 + 2));
	assay_buf_release(&b);
}

static void damaged_blobs_are_refused(void **state)
{
	(void)state;
	struct assay_resentry e;
	int64_t prev = 0;
	/* cut inside the varint, cut before the flags, an unknown flag, a duration missing */
	static const unsigned char cut_varint[] = { 0x81 }, no_flags[] = { 0x02 },
				   bad_flags[] = { 0x02, 0x40 }, no_duration[] = { 0x02, 0x0c };
	const unsigned char *cases[] = { cut_varint, no_flags, bad_flags, no_duration };
	size_t sizes[] = { 1, 1, 2, 2 };
	for (size_t i = 0; i < 4; i++) {
		const unsigned char *p = cases[i];
		assert_int_equal(assay_resblob_next(&p, p + sizes[i], &prev, &e), -1);
	}
}

static void add_run(assay_store *st, char *commit, int n)
{
	assay_err err = ASSAY_ERR_INIT;
	assay_runctx ctx = { .commit = commit };
	assay_run *run;
	assert_int_equal(assay_run_begin(&run, st, "ingest", &ctx, &err), 0);
	char name[32], msg[32];
	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "t%d", i);
		snprintf(msg, sizeof(msg), "m%d", i);
		assay_result r = { .suite = "s", .classname = "c", .name = name, .attempt = 1, .final = 1,
				   .duration_us = i % 5 ? i : -1, .status = i % 10 ? ASSAY_PASS : ASSAY_FAIL,
				   .message = i % 10 ? NULL : msg };
		assert_int_equal(assay_run_add_result(run, &r, &err), 0);
	}
	assert_int_equal(assay_run_finish(run, NULL, &err), 0);
	assay_run_free(run);
}

/* The results table reads across chunks and runs, in order, one run or all, with texts. */
static void the_results_table_reads_chunks(void **state)
{
	(void)state;
	char *path = assay_xasprintf("%s/v.db", storetest_dir);
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	add_run(st, "a", 3 * ASSAY_RESBLOB_CHUNK + 7);
	add_run(st, "b", 5);
	add_run(st, "c", 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM result_chunks WHERE run_id = 1"), 4);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results"), 3 * ASSAY_RESBLOB_CHUNK + 7 + 5);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE run_id = 2"), 5);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE run_id = 3"), 0);
	/* ord runs on across chunk boundaries, and each result is its own */
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results r JOIN tests t ON t.id = r.test_id"
			       " WHERE t.name != 't' || r.ord"), 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE run_id = 1 AND duration_us IS NULL"),
			 (3 * ASSAY_RESBLOB_CHUNK + 7 + 4) / 5);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE status = 'fail' AND message = 'm' || ord"),
			 (3 * ASSAY_RESBLOB_CHUNK + 7 + 9) / 10 + 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE message IS NOT NULL AND status = 'pass'"), 0);
	/* orders the table cannot give are sorted by SQLite */
	char *t = storetest_text(st, "SELECT run_id || ':' || ord FROM results WHERE ord < 2 ORDER BY run_id DESC, ord DESC");
	assert_string_equal(t, "2:1;2:0;1:1;1:0;");
	free(t);
	t = storetest_text(st, "SELECT ord FROM results WHERE run_id = 2 ORDER BY ord");
	assert_string_equal(t, "0;1;2;3;4;");
	free(t);
	t = storetest_text(st, "SELECT r.ord FROM runs u JOIN results r ON r.run_id = u.id WHERE u.id = 2 AND r.ord > 2");
	assert_string_equal(t, "3;4;");
	free(t);
	/* read-only, and a damaged chunk says so */
	assert_int_not_equal(sqlite3_exec(assay_store_db(st), "DELETE FROM results", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(assay_store_exec(st, "UPDATE result_chunks SET data = x'81' WHERE run_id = 2", &err), 0);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(assay_store_db(st), "SELECT count(*) FROM results WHERE run_id = 2",
					    -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_CORRUPT);
	assert_non_null(strstr(sqlite3_errmsg(assay_store_db(st)), "damaged"));
	sqlite3_finalize(s);
	assay_store_close(st);
	free(path);
}

/* A row id packs run id and ord: one that cannot be packed is an error, not a shift past 63 bits. */
static void row_ids_within_their_limits(void **state)
{
	(void)state;
	char *path = assay_xasprintf("%s/rowid.db", storetest_dir);
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	add_run(st, "a", 4);
	add_run(st, "b", 2);
	char *t = storetest_text(st, "SELECT rowid FROM results WHERE run_id = 1 AND ord = 3");
	char *want = assay_xasprintf("%lld;", (1LL << 40) | 3);
	assert_string_equal(t, want);
	free(t);
	free(want);
	/* the last run id that fits, then the first that does not */
	assert_int_equal(assay_store_exec(st, "PRAGMA foreign_keys = OFF;"
				 "UPDATE result_chunks SET run_id = 8388607 WHERE run_id = 1;"
				 "UPDATE result_chunks SET run_id = 8388608 WHERE run_id = 2", &err), 0);
	t = storetest_text(st, "SELECT rowid FROM results WHERE run_id = 8388607 AND ord = 3");
	want = assay_xasprintf("%lld;", (8388607LL << 40) | 3);
	assert_string_equal(t, want);
	free(t);
	free(want);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(assay_store_db(st), "SELECT rowid FROM results WHERE run_id = 8388608",
					    -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ERROR);
	assert_string_equal(sqlite3_errmsg(assay_store_db(st)),
			    "results: run 8388608, result 0 has no row id (run ids under 2^23, results under 2^40 per run)");
	sqlite3_finalize(s);
	/* the columns themselves read as ever */
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results WHERE run_id = 8388608"), 2);
	assay_store_close(st);
	free(path);
}

/* A store of schema 3 keeps its results, now in chunks. */
static void results_rows_of_schema_3_become_chunks(void **state)
{
	(void)state;
	char *path = assay_xasprintf("%s/old.db", storetest_dir);
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open_at_version(&st, path, 3, &err), 0);
	assert_int_equal(assay_store_exec(st,
		"INSERT INTO commits(id, sha) VALUES (1, 'a');"
		"INSERT INTO runs(id, commit_id, kind, started_at) VALUES (1, 1, 'ingest', 0), (2, 1, 'ingest', 0);"
		"INSERT INTO tests(id, key, suite, classname, name) VALUES (1, 11, 's', 'c', 'x'), (2, 12, 's', 'c', 'y');"
		"INSERT INTO results(run_id, ord, test_id, attempt, final, status, duration_us, message, type) VALUES"
		" (1, 0, 1, 1, 0, 'fail', 10, 'first', 'E'), (1, 1, 1, 2, 1, 'pass', NULL, NULL, NULL),"
		" (1, 2, 2, 1, 1, 'skip', 3, NULL, NULL), (2, 0, 2, 1, 1, 'error', 7, NULL, NULL);", &err), 0);
	assay_store_close(st);
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	char *t = storetest_text(st, "SELECT printf('%d.%d %d %d/%d %s %s %s %s', run_id, ord, test_id, attempt, final,"
			    " status, coalesce(duration_us, '-'), coalesce(message, '-'), coalesce(type, '-'))"
			    " FROM results");
	assert_string_equal(t, "1.0 1 1/0 fail 10 first E;1.1 1 2/1 pass - - -;1.2 2 1/1 skip 3 - -;"
			       "2.0 2 1/1 error 7 - -;");
	free(t);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'results_v3'"), 0);
	/* the keys moved to test_keys, in id order, little-endian */
	t = storetest_text(st, "SELECT first_id || ':' || hex(keys) FROM test_keys");
	assert_string_equal(t, "1:0B000000000000000C00000000000000;");
	free(t);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM pragma_table_info('tests') WHERE name = 'key'"), 0);
	assay_store_close(st);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entries_round_trip),
		cmocka_unit_test(damaged_blobs_are_refused),
		cmocka_unit_test(the_results_table_reads_chunks),
		cmocka_unit_test(row_ids_within_their_limits),
		cmocka_unit_test(results_rows_of_schema_3_become_chunks),
	};
	return cmocka_run_group_tests(tests, storetest_setup, storetest_teardown);
}
