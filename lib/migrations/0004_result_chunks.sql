-- Results move from one row each into compact per-run chunks (lib/resblob.h):
-- a million-test run wrote a million rows, slower than parsing its XML.
-- The SQL name `results` becomes a read-only virtual table over the chunks,
-- registered on every connection Assay opens, so queries read as before.
-- The old rows are converted by lib/resblob.c after this file runs.
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
