-- Assay store, version 2: mutation testing (assay mutate).

CREATE TABLE mutants (
	id          INTEGER PRIMARY KEY,
	file_id     INTEGER NOT NULL REFERENCES files(id),
	key         TEXT NOT NULL UNIQUE,  -- hash of file, enclosing function text, operator site
	line        INTEGER NOT NULL,
	col         INTEGER NOT NULL,
	end_line    INTEGER NOT NULL,
	end_col     INTEGER NOT NULL,
	operator    TEXT NOT NULL,
	original    TEXT NOT NULL,
	replacement TEXT NOT NULL
);

CREATE TABLE mutations (
	run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	mutant_id   INTEGER NOT NULL REFERENCES mutants(id),
	status      TEXT NOT NULL CHECK (status IN ('killed', 'survived', 'no_coverage', 'timeout',
	                    'compile_error', 'runtime_error', 'ignored', 'equivalent', 'duplicate')),
	killed_by   TEXT,
	duration_us INTEGER,
	PRIMARY KEY (run_id, mutant_id)
) WITHOUT ROWID;
