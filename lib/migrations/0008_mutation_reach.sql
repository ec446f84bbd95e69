-- SPDX-License-Identifier: MIT
-- Assay store, version 8: which tests reached which mutants in a mutation
-- run (assay mutate's per-test coverage pass), one row per test.
-- mutants: the run's mutant ids (mutants.id, ascending) as a varint delta
-- list (lib/reachblob.h).  Compact because the reach is a matrix of tests
-- by mutants: 2,000 tests over 5,000 mutants can be millions of pairs, a
-- row per pair some 40 bytes, a delta about one byte.  A test whose pass
-- reached none of the run's mutants has an empty list; a run that measured
-- no coverage (every result taken over) has no rows.
CREATE TABLE mutation_reach (
	run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	test        TEXT NOT NULL,
	mutants     BLOB NOT NULL,
	PRIMARY KEY (run_id, test)
) WITHOUT ROWID;
