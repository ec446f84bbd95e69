-- SPDX-License-Identifier: MIT
-- Assay store, version 6: what a run's input said that Assay did not take as it stood.

-- One row per warning an ingest printed, so that a gate can read it later.
-- kind 'junit_counts': a testsuite's declared tests/failures/errors/skipped
-- disagree with the test cases it holds (a runner that crashed mid-write, a
-- converter that dropped cases); the run holds what the cases say, and
-- detail is {"declared": {...}, "held": {...}} for the counts declared.
CREATE TABLE run_warnings (
	run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	input       TEXT,               -- the input file, as named
	line        INTEGER,            -- where in it, when known
	subject     TEXT,               -- what it is about (the testsuite's name)
	message     TEXT NOT NULL,
	detail      TEXT,               -- JSON, by kind
	PRIMARY KEY (run_id, ord)
) WITHOUT ROWID;
