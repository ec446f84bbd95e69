-- SPDX-License-Identifier: MIT
-- Assay store, version 3: benchmarks (assay bench).

-- One row per measured series: a benchmark's name and the metric measured
-- (wall, user, sys, maxrss, instructions for `bench run`; real_time,
-- cpu_time and counters for Google Benchmark; value for custom JSON).
-- Times are stored in seconds and memory in bytes whatever the producer
-- wrote, so a producer changing its unit does not fake a regression.
CREATE TABLE benchmarks (
	id               INTEGER PRIMARY KEY,
	name             TEXT NOT NULL,
	metric           TEXT NOT NULL,
	unit             TEXT NOT NULL,
	bigger_is_better INTEGER NOT NULL DEFAULT 0,
	is_primary       INTEGER NOT NULL DEFAULT 1, -- compared by default (wall, real_time, value...)
	threshold        REAL,                       -- this benchmark's regression threshold (0.05 = 5%); NULL: the default
	params           TEXT,                       -- JSON: hyperfine's parameters, the command
	UNIQUE (name, metric)
);

-- One row per repetition and metric.
CREATE TABLE samples (
	run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	benchmark_id INTEGER NOT NULL REFERENCES benchmarks(id),
	rep          INTEGER NOT NULL,  -- repetition within the run, from 0
	value        REAL NOT NULL,
	exit_code    INTEGER,           -- hyperfine's per-run exit code; NULL when not given
	extra        TEXT               -- JSON: custom JSON's range and extra, an aggregate's name
);
CREATE INDEX samples_run ON samples(run_id, benchmark_id);
CREATE INDEX samples_benchmark ON samples(benchmark_id);

-- Benchmarks that errored or were skipped in a run: no samples, but not forgotten.
CREATE TABLE bench_skips (
	run_id  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	name    TEXT NOT NULL,
	kind    TEXT NOT NULL CHECK (kind IN ('error', 'skipped')),
	count   INTEGER NOT NULL,   -- repetitions that ended so
	message TEXT
);
CREATE INDEX bench_skips_run ON bench_skips(run_id);
