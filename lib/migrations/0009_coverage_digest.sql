-- SPDX-License-Identifier: MIT
-- Assay store, version 9: each coverage row's digest, a hash of its three
-- blobs (assay_covblob_digest, lib/covblob.h; never 0 once written), and an
-- index of it with the row's totals, so that a reader can tell which files'
-- coverage is what it was without reading the blobs: the report's
-- re-render after one file changed reads the index alone.  The rows of an
-- older store get theirs as it is migrated (lib/schema.c).
ALTER TABLE coverage ADD COLUMN digest INTEGER NOT NULL DEFAULT 0;
CREATE INDEX coverage_digests ON coverage(run_id, file_id, digest, lines_found, lines_hit, branches_found,
	branches_hit, functions_found, functions_hit);
