/* SPDX-License-Identifier: MIT */
#include "covread.h"
#include "covblob.h"

int assay_coverage_decode_run(assay_store *st, int64_t run, assay_covset *cs, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT f.path, c.lines, c.branches, c.functions FROM coverage c "
		"JOIN files f ON f.id = c.file_id WHERE c.run_id = ?", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, run);
	while (rc == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		assay_filecov *f = assay_covset_file(cs, (const char *)sqlite3_column_text(s, 0));
		rc = assay_coverage_decode_columns(f, s, 1, err);
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = assay_store_error(st, err, "reading coverage");
	sqlite3_finalize(s);
	return rc;
}


int assay_coverage_decode_columns(assay_filecov *f, sqlite3_stmt *s, int col, assay_err *err)
{
	int rc = assay_covblob_decode_lines(f, sqlite3_column_blob(s, col), (size_t)sqlite3_column_bytes(s, col), err);
	if (rc == 0)
		rc = assay_covblob_decode_branches(f, sqlite3_column_blob(s, col + 1),
						   (size_t)sqlite3_column_bytes(s, col + 1), err);
	if (rc == 0)
		rc = assay_covblob_decode_functions(f, sqlite3_column_blob(s, col + 2),
						    (size_t)sqlite3_column_bytes(s, col + 2), err);
	return rc;
}

uint64_t assay_coverage_digest_columns(sqlite3_stmt *s, int col)
{
	return assay_covblob_digest(sqlite3_column_blob(s, col), (size_t)sqlite3_column_bytes(s, col),
				    sqlite3_column_blob(s, col + 1), (size_t)sqlite3_column_bytes(s, col + 1),
				    sqlite3_column_blob(s, col + 2), (size_t)sqlite3_column_bytes(s, col + 2));
}
