-- SPDX-License-Identifier: MIT
-- Results move from one row each into compact per-run chunks (lib/resblob.h):
-- a million-test run wrote a million rows, slower than parsing its XML.
-- The SQL name `results` becomes a read-only virtual table over the chunks,
-- registered on every connection Assay opens, so queries read as before.
-- Tests' keys move out of the tests table into test_keys (lib/testkeys.h),
-- which a run's writer reads whole.  After this file runs, lib/resblob.c and
-- lib/testkeys.c convert the old rows and drop tests.key.
ALTER TABLE results RENAME TO results_v3;

CREATE TABLE result_chunks (
	run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	first_ord   INTEGER NOT NULL,   -- results.ord of the chunk's first result
	n           INTEGER NOT NULL,   -- results in the chunk
	data        BLOB NOT NULL,
	PRIMARY KEY (run_id, first_ord)
) WITHOUT ROWID;

-- Only results with a message, type or output have a row here.
CREATE TABLE result_texts (
	run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	message     TEXT,
	type        TEXT,
	system_out  TEXT,
	system_err  TEXT,
	PRIMARY KEY (run_id, ord)
) WITHOUT ROWID;

CREATE TABLE test_keys (
	first_id    INTEGER PRIMARY KEY, -- the id of the test whose key comes first
	keys        BLOB NOT NULL        -- 8 bytes a test, little-endian
);
