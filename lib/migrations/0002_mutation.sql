-- SPDX-License-Identifier: MIT
-- Assay store, version 2: mutation testing (assay mutate).

-- A mutant is the same mutant across commits while its key is: the key hashes
-- the file, the enclosing function's text, the operator and the place within
-- the function, so moving code elsewhere in the file leaves it (and its
-- results and verdicts) alone; line and col follow the latest sighting.
CREATE TABLE mutants (
	id          INTEGER PRIMARY KEY,
	file_id     INTEGER NOT NULL REFERENCES files(id),
	key         TEXT NOT NULL UNIQUE,
	function    TEXT,
	line        INTEGER NOT NULL,
	col         INTEGER NOT NULL,
	end_line    INTEGER NOT NULL,
	end_col     INTEGER NOT NULL,
	operator    TEXT NOT NULL,
	original    TEXT NOT NULL,
	replacement TEXT NOT NULL   -- the edited range after the mutation
);

CREATE TABLE mutations (
	run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	mutant_id   INTEGER NOT NULL REFERENCES mutants(id),
	status      TEXT NOT NULL CHECK (status IN ('killed', 'survived', 'no_coverage', 'timeout',
	                    'compile_error', 'runtime_error', 'ignored', 'equivalent', 'duplicate')),
	killed_by   TEXT,            -- the test that failed (or ran out of time)
	duration_us INTEGER,         -- time spent running tests on it
	tests_run   INTEGER,
	reused      INTEGER NOT NULL DEFAULT 0, -- taken over from an earlier run of the same key and tests
	reason      TEXT,
	PRIMARY KEY (run_id, mutant_id)
) WITHOUT ROWID;
CREATE INDEX mutations_mutant ON mutations(mutant_id);

-- The kill matrix, when asked for (--all-tests): every test that failed on a mutant.
CREATE TABLE mutation_kills (
	run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	mutant_id   INTEGER NOT NULL REFERENCES mutants(id),
	test        TEXT NOT NULL,
	PRIMARY KEY (run_id, mutant_id, test)
) WITHOUT ROWID;

-- One row per mutation run: what its results may be reused for, and its figures.
CREATE TABLE mutation_runs (
	run_id        INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
	tests_digest  TEXT NOT NULL,   -- the tests and unmutated sources the results hold for
	shard_k       INTEGER,         -- --shard K/N; NULL when not sharded
	shard_n       INTEGER,
	score         REAL,            -- (killed + timeout) / (killed + timeout + survived + no_coverage)
	covered_score REAL,            -- the same without no_coverage
	compiles      INTEGER,
	wall_us       INTEGER,
	tests_us      INTEGER
);

-- A person's verdict on a mutant ("assay mutate mark KEY --equivalent --why TEXT").
-- It holds as long as the key does, i.e. while the function is unchanged.
CREATE TABLE mutant_marks (
	key         TEXT PRIMARY KEY,
	verdict     TEXT NOT NULL CHECK (verdict IN ('equivalent')),
	why         TEXT NOT NULL,
	marked_at   INTEGER NOT NULL
);
