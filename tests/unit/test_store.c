/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "mem.h"
#include "store.h"
#include "storetest.h"
#include "testtmp.h"
#include "rmtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *tmp_store(void)
{
	char dir[TESTTMP_MAX];
	assert_int_equal(testtmp_template(dir, sizeof(dir), "assay-store"), 0);
	assert_non_null(mkdtemp(dir));
	return assay_xasprintf("%s/sub/dir/assay.db", dir);
}

static void cleanup(char *path)
{
	/* the directory tmp_store made: the path less its own tail (the directory may hold "/sub/" too) */
	path[strlen(path) - strlen("/sub/dir/assay.db")] = '\0';
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_rmtree(path, &err), 0);
	free(path);
}

static void creates_with_latest_schema_and_wal(void **state)
{
	(void)state;
	char *path = tmp_store();
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	assert_int_equal(assay_store_version(st), assay_store_latest_version());
	assert_true(assay_store_latest_version() >= 3);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM sqlite_master WHERE name IN ('commits','runs','test_chunks','result_chunks','result_texts','files','coverage')"), 7);
	sqlite3_stmt *s;
	assert_int_equal(sqlite3_prepare_v2(assay_store_db(st), "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	assay_store_close(st);
	cleanup(path);
}

static void upgrades_an_older_store_keeping_its_data(void **state)
{
	(void)state;
	char *path = tmp_store();
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open_at_version(&st, path, 1, &err), 0);
	assert_int_equal(assay_store_version(st), 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'mutants'"), 0);
	assert_int_equal(assay_store_exec(st, "INSERT INTO commits(sha) VALUES ('abc')", &err), 0);
	assay_store_close(st);

	assert_int_equal(assay_store_open(&st, path, &err), 0);
	assert_int_equal(assay_store_version(st), assay_store_latest_version());
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM sqlite_master WHERE name = 'mutants'"), 1);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM commits WHERE sha = 'abc'"), 1);
	assay_store_close(st);
	cleanup(path);
}

static void refuses_a_store_from_a_newer_version(void **state)
{
	(void)state;
	char *path = tmp_store();
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", assay_store_latest_version() + 1);
	assert_int_equal(assay_store_exec(st, sql, &err), 0);
	assay_store_close(st);

	assert_int_equal(assay_store_open(&st, path, &err), -ASSAY_EVERSION);
	assert_null(st);
	assert_non_null(strstr(err.msg, "newer than this Assay"));
	cleanup(path);
}

static void readonly_open_changes_nothing(void **state)
{
	(void)state;
	char *path = tmp_store();
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	/* no store: an error, and no file made */
	assert_int_equal(assay_store_open_readonly(&st, path, &err), -ASSAY_ENOTFOUND);
	assert_null(st);
	assert_int_not_equal(access(path, F_OK), 0);

	/* an older store is refused, not upgraded */
	assert_int_equal(assay_store_open_at_version(&st, path, 1, &err), 0);
	assert_int_equal(assay_store_exec(st, "INSERT INTO commits(sha) VALUES ('abc')", &err), 0);
	assay_store_close(st);
	err = (assay_err)ASSAY_ERR_INIT;
	assert_int_equal(assay_store_open_readonly(&st, path, &err), -ASSAY_EVERSION);
	assert_non_null(strstr(err.msg, "needs an upgrade"));
	assert_int_equal(assay_store_open_at_version(&st, path, 1, &err), 0);
	assert_int_equal(assay_store_version(st), 1);
	assay_store_close(st);

	/* an up-to-date one reads, and no PRAGMA makes it write */
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	assay_store_close(st);
	assert_int_equal(assay_store_open_readonly(&st, path, &err), 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM commits"), 1);
	err = (assay_err)ASSAY_ERR_INIT;
	assert_true(assay_store_exec(st, "PRAGMA query_only = 0; DELETE FROM commits", &err) < 0);
	assay_store_close(st);
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM commits"), 1);
	assay_store_close(st);
	cleanup(path);
}

static void default_path_from_environment(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	char *p = NULL;
	setenv("ASSAY_DB", "/somewhere/x.db", 1);
	assert_int_equal(assay_store_default_path(&p, NULL, &err), 0);
	assert_string_equal(p, "/somewhere/x.db");
	free(p);
	unsetenv("ASSAY_DB");
	/* outside any git repository there is no default */
	char nogit[TESTTMP_MAX];
	assert_int_equal(testtmp_outside_git(nogit, sizeof(nogit)), 0);
	assert_int_equal(assay_store_default_path(&p, nogit, &err), -ASSAY_EUSAGE);
	assert_non_null(strstr(err.msg, "--db"));
	rmdir(nogit);
}

static void rollback_leaves_nothing(void **state)
{
	(void)state;
	char *path = tmp_store();
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st;
	assert_int_equal(assay_store_open(&st, path, &err), 0);
	assert_int_equal(assay_store_begin(st, &err), 0);
	assert_int_equal(assay_store_exec(st, "INSERT INTO commits(sha) VALUES ('x')", &err), 0);
	assay_store_rollback(st);
	assert_int_equal(storetest_int(st, "SELECT count(*) FROM commits"), 0);
	assert_int_equal(assay_store_exec(st, "SELECT nonsense FROM nowhere", &err), -ASSAY_EDB);
	assert_non_null(strstr(err.msg, "no such table"));
	assay_store_close(st);
	cleanup(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(creates_with_latest_schema_and_wal),
		cmocka_unit_test(upgrades_an_older_store_keeping_its_data),
		cmocka_unit_test(refuses_a_store_from_a_newer_version),
		cmocka_unit_test(readonly_open_changes_nothing),
		cmocka_unit_test(default_path_from_environment),
		cmocka_unit_test(rollback_leaves_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
