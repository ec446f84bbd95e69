/* SPDX-License-Identifier: MIT */
/*
 * Tests kept in chunks (testblob.h): what goes in comes out of the `tests`
 * table, a lookup by id finds its chunk, damaged blobs are refused, and a
 * store of schema 4 keeps its tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "run.h"
#include "storetest.h"
#include "testblob.h"

#include <string.h>


static void expect_text(assay_store *st, const char *sql, const char *want)
{
	char *t = storetest_text(st, sql);
	assert_string_equal(t, want);
	free(t);
}

static assay_store *open_store(const char *name)
{
	char *path = assay_xasprintf("%s/%s", storetest_dir, name);
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	free(path);
	return st;
}

#define ROW "id || '|' || suite || '|' || classname || '|' || name || '|' || coalesce(file, '-') || '|' || coalesce(line, '-')"

/* Written by the writer, read by SQL: strings kept once a chunk, gaps and full chunks start new ones. */
static void tests_round_trip(void **state)
{
	(void)state;
	assay_store *st = open_store("rt.db");
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_store_begin(st, &err), 0);
	assay_testwriter w;
	assay_testwriter_init(&w, st);
	assert_int_equal(assay_testwriter_add(&w, 1, NULL, "s", "c", "a", NULL, 0, &err), 0);
	assert_int_equal(assay_testwriter_add(&w, 2, NULL, "s", "", "b", "x.c", 7, &err), 0);
	assert_int_equal(assay_testwriter_add(&w, 3, NULL, "x.c", "c", "c\xc3\xa9", "x.c", 0, &err), 0);
	/* a gap: a new chunk from 10 */
	assert_int_equal(assay_testwriter_add(&w, 10, NULL, "t", "k", "d", NULL, 123456789, &err), 0);
	char name[32];
	for (int i = 0; i < ASSAY_TESTBLOB_CHUNK + 1; i++) {
		snprintf(name, sizeof(name), "n%d", i);
		assert_int_equal(assay_testwriter_add(&w, 11 + i, NULL, "big", i % 2 ? "odd" : "even", name,
						      NULL, 0, &err), 0);
	}
	assert_int_equal(assay_testwriter_flush(&w, &err), 0);
	assay_testwriter_release(&w);
	assert_int_equal(assay_store_commit(st, &err), 0);

	expect_text(st, "SELECT first_id || '+' || n FROM test_chunks",
		    "1+3;10+4096;4106+2;");
	/* the first chunk keeps "s", "c", "", "x.c" once each: 4 strings */
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(assay_store_db(st), "SELECT data FROM test_chunks WHERE first_id = 1",
					    -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assay_testchunk ch = { 0 };
	assert_int_equal(assay_testchunk_decode(&ch, 1, sqlite3_column_blob(s, 0),
						(size_t)sqlite3_column_bytes(s, 0)), 0);
	sqlite3_finalize(s);
	assert_int_equal(ch.n, 3);
	assert_int_equal(ch.nstrs, 4);
	assert_int_equal(ch.e[2].suite, ch.e[1].file - 1);
	assay_testchunk_release(&ch);

	expect_text(st, "SELECT " ROW " FROM tests WHERE id < 12",
		    "1|s|c|a|-|-;2|s||b|x.c|7;3|x.c|c|c\xc3\xa9|x.c|-;10|t|k|d|-|123456789;11|big|even|n0|-|-;");
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM tests"), 4 + ASSAY_TESTBLOB_CHUNK + 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM tests WHERE name = 'n' || (id - 11)"), ASSAY_TESTBLOB_CHUNK + 1);
	assert_int_equal(storetest_int(st, "SELECT max(id) FROM tests"), 4106 + 1);
	int64_t next;
	assert_int_equal(assay_testblob_next_id(st, &next, &err), 0);
	assert_int_equal(next, 4108);
	/* lookups by id: in a chunk, across chunks, in a gap, past the end, not integers */
	expect_text(st, "SELECT name FROM tests WHERE id = 4107", "n4096;");
	expect_text(st, "SELECT name FROM tests WHERE id IN (3, 10, 4106, 2)", "b;c\xc3\xa9;d;n4095;");
	expect_text(st, "SELECT name FROM tests WHERE id = 5", "");
	expect_text(st, "SELECT name FROM tests WHERE id = 0", "");
	expect_text(st, "SELECT name FROM tests WHERE id = 5000", "");
	expect_text(st, "SELECT name FROM tests WHERE id = '2'", "b;");
	expect_text(st, "SELECT name FROM tests WHERE id = 2.5", "");
	expect_text(st, "SELECT name FROM tests WHERE id = NULL", "");
	expect_text(st, "SELECT name FROM tests WHERE rowid = 1", "a;");
	/* orders the table cannot give are sorted by SQLite */
	expect_text(st, "SELECT id FROM tests ORDER BY id DESC LIMIT 2", "4107;4106;");
	/* a join asks for each id in turn */
	expect_text(st, "SELECT group_concat(t.name, ',') FROM (SELECT 3 AS k UNION ALL SELECT 1 UNION ALL SELECT 4107"
			" UNION ALL SELECT 9) v JOIN tests t ON t.id = v.k",
		    "c\xc3\xa9,a,n4096;");
	/* read-only */
	assert_int_not_equal(sqlite3_exec(assay_store_db(st), "DELETE FROM tests", NULL, NULL, NULL), SQLITE_OK);
	assay_store_close(st);
}

/* A new run's tests go on from the last id and are found again by the next run. */
static void runs_add_tests_after_the_last(void **state)
{
	(void)state;
	assay_store *st = open_store("runs.db");
	assay_err err = ASSAY_ERR_INIT;
	for (int k = 0; k < 3; k++) {
		assay_runctx ctx = { .commit = k ? "b" : "a" };
		assay_run *run;
		assert_int_equal(assay_run_begin(&run, st, "ingest", &ctx, &err), 0);
		char name[32];
		for (int i = 0; i < 2 * ASSAY_TESTBLOB_CHUNK + k; i++) {
			snprintf(name, sizeof(name), "t%d", i);
			assay_result r = { .suite = "s", .classname = i % 3 ? "c" : "d", .name = name,
					   .file = i % 5 ? NULL : "f.c", .line = i % 5 ? 0 : i,
					   .attempt = 1, .final = 1, .duration_us = -1, .status = ASSAY_PASS };
			assert_int_equal(assay_run_add_result(run, &r, &err), 0);
		}
		assert_int_equal(assay_run_finish(run, NULL, &err), 0);
		assay_run_free(run);
	}
	/* each run added only the tests it was the first to see */
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM tests"), 2 * ASSAY_TESTBLOB_CHUNK + 2);
	expect_text(st, "SELECT first_id || '+' || n FROM test_chunks", "1+4096;4097+4096;8193+1;8194+1;");
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM results r JOIN tests t ON t.id = r.test_id"
			       " WHERE t.name = 't' || r.ord AND t.classname = CASE WHEN r.ord % 3 THEN 'c' ELSE 'd' END"
			       " AND coalesce(t.file, '') = CASE WHEN r.ord % 5 THEN '' ELSE 'f.c' END"),
			 3 * 2 * ASSAY_TESTBLOB_CHUNK + 0 + 1 + 2);
	expect_text(st, "SELECT " ROW " FROM tests WHERE id IN (1, 6, 8194)", "1|s|d|t0|f.c|-;6|s|c|t5|f.c|5;8194|s|d|t8193|-|-;");
	assay_store_close(st);
}

static void damaged_blobs_are_refused(void **state)
{
	(void)state;
	assay_testchunk ch = { 0 };
	/* a string count past the blob, a string cut short, an index past the strings, a name cut short, no line */
	static const unsigned char many[] = { 0x7f, 0x01, 'a' }, cut[] = { 0x01, 0x05, 'a' },
				   index[] = { 0x01, 0x01, 'a', 0x01, 0x00, 0x00, 0x00, 0x00 },
				   name[] = { 0x01, 0x01, 'a', 0x00, 0x00, 0x04, 'x' },
				   line[] = { 0x01, 0x01, 'a', 0x00, 0x00, 0x01, 'x', 0x00 },
				   good[] = { 0x01, 0x01, 'a', 0x00, 0x00, 0x01, 'x', 0x01, 0x2a };
	const unsigned char *bad[] = { many, cut, index, name, line };
	size_t sizes[] = { sizeof(many), sizeof(cut), sizeof(index), sizeof(name), sizeof(line) };
	for (size_t i = 0; i < 5; i++)
		assert_int_equal(assay_testchunk_decode(&ch, 1, bad[i], sizes[i]), -1);
	assert_int_equal(assay_testchunk_decode(&ch, 7, good, sizeof(good)), 0);
	assert_int_equal(ch.n, 1);
	assert_int_equal(ch.e[0].file, 1);
	assert_int_equal(ch.e[0].line, 42);
	assay_testchunk_release(&ch);

	assay_store *st = open_store("bad.db");
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_store_exec(st, "INSERT INTO test_chunks VALUES (1, 1, x'01016100000178012a'),"
					      " (2, 1, x'0105'), (3, 2, x'01016100000178012a')", &err), 0);
	expect_text(st, "SELECT name || file || line FROM tests WHERE id = 1", "xa42;");
	const char *damaged[] = { "SELECT name FROM tests WHERE id = 2", "SELECT count(*) FROM tests",
				  "SELECT name FROM tests WHERE id = 3" /* says 2 tests, holds 1 */ };
	for (size_t i = 0; i < 3; i++) {
		sqlite3_stmt *s;
		assert_int_equal(sqlite3_prepare_v2(assay_store_db(st), damaged[i], -1, &s, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(s), SQLITE_CORRUPT);
		assert_non_null(strstr(sqlite3_errmsg(assay_store_db(st)), "damaged"));
		sqlite3_finalize(s);
	}
	assay_store_close(st);
}

/* A store of schema 4 keeps its tests, now in chunks, and new tests go on after them. */
static void test_rows_of_schema_4_become_chunks(void **state)
{
	(void)state;
	char *path = assay_xasprintf("%s/old.db", storetest_dir);
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open_at_version(&st, path, 4, &err), 0);
	assert_int_equal(assay_store_exec(st,
		"INSERT INTO tests(id, suite, classname, name, file, line) VALUES"
		" (1, 's', 'c', 'x', NULL, NULL), (2, 's', 'c', 'y', 'a.c', 3), (5, 'u', '', 'z', NULL, 9);", &err), 0);
	assay_store_close(st);
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	free(path);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'tests'"), 0);
	expect_text(st, "SELECT first_id || '+' || n FROM test_chunks", "1+2;5+1;");
	expect_text(st, "SELECT " ROW " FROM tests", "1|s|c|x|-|-;2|s|c|y|a.c|3;5|u||z|-|9;");
	int64_t next;
	assert_int_equal(assay_testblob_next_id(st, &next, &err), 0);
	assert_int_equal(next, 6);
	assay_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tests_round_trip),
		cmocka_unit_test(runs_add_tests_after_the_last),
		cmocka_unit_test(damaged_blobs_are_refused),
		cmocka_unit_test(test_rows_of_schema_4_become_chunks),
	};
	return cmocka_run_group_tests(tests, storetest_setup, storetest_teardown);
}
