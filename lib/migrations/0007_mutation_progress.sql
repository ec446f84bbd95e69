-- SPDX-License-Identifier: MIT
-- Assay store, version 7: a mutation run is stored as its results come.
-- Its results are written in batches, each one transaction: state is
-- 'partial' from its start until it finishes, and stays so when it is
-- interrupted (a signal, a CI timeout, SIGKILL); `done` counts the results
-- stored of the `selected` mutants it was to give one.  The next run takes
-- a partial run's results over as it does a finished one's: it resumes.
ALTER TABLE mutation_runs ADD COLUMN state TEXT NOT NULL DEFAULT 'complete'
	CHECK (state IN ('partial', 'complete'));
ALTER TABLE mutation_runs ADD COLUMN selected INTEGER;
ALTER TABLE mutation_runs ADD COLUMN done INTEGER;
