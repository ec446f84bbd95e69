-- Assay store, version 3: benchmarks (assay bench).

CREATE TABLE benchmarks (
	id               INTEGER PRIMARY KEY,
	name             TEXT NOT NULL UNIQUE,
	unit             TEXT NOT NULL,
	bigger_is_better INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE samples (
	run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	benchmark_id INTEGER NOT NULL REFERENCES benchmarks(id),
	value        REAL NOT NULL
);
CREATE INDEX samples_run ON samples(run_id, benchmark_id);
