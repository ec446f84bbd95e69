-- SPDX-License-Identifier: MIT
-- Tests move from one row each into compact chunks (lib/testblob.h): a first
-- ingest of a million tests inserted a million rows, slower than parsing its
-- XML.  The SQL name `tests` becomes a read-only virtual table over the
-- chunks, registered on every connection Assay opens, so queries read as
-- before.  After this file runs, lib/testblob.c converts the old rows and
-- drops the table tests.
CREATE TABLE test_chunks (
	first_id    INTEGER PRIMARY KEY, -- the id of the chunk's first test
	n           INTEGER NOT NULL,    -- tests in the chunk: first_id .. first_id + n - 1
	data        BLOB NOT NULL
);
