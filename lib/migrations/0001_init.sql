-- SPDX-License-Identifier: MIT
-- Assay store, version 1: commits, runs, tests and coverage.
-- Migrations are append-only: a released file is never edited, a change is a new file.

CREATE TABLE commits (
	id          INTEGER PRIMARY KEY,
	sha         TEXT NOT NULL UNIQUE,
	parent_sha  TEXT,
	tree_sha    TEXT,               -- the git tree: the same sources under two commits (rebase)
	branch      TEXT,
	time        INTEGER,            -- committer time, unix seconds
	subject     TEXT
);

CREATE TABLE runs (
	id          INTEGER PRIMARY KEY,
	commit_id   INTEGER NOT NULL REFERENCES commits(id),
	kind        TEXT NOT NULL,      -- ingest | flaky | mutation | bench
	started_at  INTEGER NOT NULL,   -- unix seconds
	ci_provider TEXT,
	ci_run      TEXT,
	ci_job      TEXT,
	label       TEXT,
	digest      TEXT UNIQUE         -- content digest: the same input twice is one run
);
CREATE INDEX runs_commit ON runs(commit_id);

-- A test's identity is (suite, classname, name); `key` is its 64-bit hash
-- (XXH3 of the three, NUL-separated), which the writer keeps in memory to
-- find a test without a lookup per result.  No index on the names: new
-- tests are appended, which keeps a million-test ingest fast.
CREATE TABLE tests (
	id          INTEGER PRIMARY KEY,
	key         INTEGER NOT NULL,
	suite       TEXT NOT NULL,
	classname   TEXT NOT NULL,
	name        TEXT NOT NULL,
	file        TEXT,
	line        INTEGER
);

-- One row per testcase element and attempt.  `final` marks the attempt that
-- decides the test's status in this run; earlier attempts (Surefire's
-- flakyFailure/rerunFailure) have final = 0.  `ord` keeps the input order,
-- so a test named twice in one run is counted twice, as its producer did.
CREATE TABLE results (
	run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	test_id     INTEGER NOT NULL REFERENCES tests(id),
	attempt     INTEGER NOT NULL,
	final       INTEGER NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'error', 'skip')),
	duration_us INTEGER,            -- NULL when the producer gave none
	message     TEXT,
	type        TEXT,
	system_out  TEXT,
	system_err  TEXT,
	PRIMARY KEY (run_id, ord)
) WITHOUT ROWID;

CREATE TABLE files (
	id          INTEGER PRIMARY KEY,
	path        TEXT NOT NULL UNIQUE -- repo-relative, '/'-separated
);

-- Per-line data is one compact blob per (run, file); see lib/covblob.h.
CREATE TABLE coverage (
	run_id          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
	file_id         INTEGER NOT NULL REFERENCES files(id),
	lines_found     INTEGER NOT NULL,
	lines_hit       INTEGER NOT NULL,
	branches_found  INTEGER NOT NULL,
	branches_hit    INTEGER NOT NULL,
	functions_found INTEGER NOT NULL,
	functions_hit   INTEGER NOT NULL,
	lines           BLOB,
	branches        BLOB,
	functions       BLOB,
	PRIMARY KEY (run_id, file_id)
) WITHOUT ROWID;
