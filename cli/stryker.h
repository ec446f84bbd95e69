/* SPDX-License-Identifier: MIT */
/*
 * The mutation-testing-report-schema document (schemaVersion 2: what
 * Stryker's mutation-testing-elements viewer reads), written from plain
 * records, so that `assay mutate --report json` (from the run it just
 * made) and `assay report html` (from the store) write one format, one way.
 *
 *   stryker_begin(&j, &out, root);
 *   for each file: stryker_file_begin(&j, path, source); stryker_mutant(&j, &m)...; stryker_file_end(&j);
 *   stryker_end(&j, test_names, ntests, perf);   // testFiles, performance; the document is closed
 */
#ifndef ASSAY_CLI_STRYKER_H
#define ASSAY_CLI_STRYKER_H

#include "json_out.h"

#include <stddef.h>

struct stryker_mutant {
	const char *id, *op; /* op: Assay's operator ("arith"); its schema name is looked up */
	const char *original, *replacement, *function;
	unsigned line, col, end_line, end_col;
	const char *status;  /* as the store says it: "killed", "survived", "equivalent", ... */
	const char *reason;  /* NULL: none */
	const char *const *killed_by;
	size_t nkilled;
	const char *const *covered_by; /* NULL: not known (no per-test coverage) */
	size_t ncovered;
	double duration_ms;  /* < 0: not known */
	long tests_run;      /* < 0: not known */
};

/* Timings of the run, in milliseconds; NULL leaves them out. */
struct stryker_perf {
	double setup_ms, initial_ms, mutation_ms;
};

/* The schema's status ("Killed", "NoCoverage", "Ignored"...) for one the store names. */
const char *stryker_status(const char *status);

void stryker_begin(assay_json *j, assay_buf *out, const char *root);
void stryker_file_begin(assay_json *j, const char *path, const char *source);
void stryker_mutant(assay_json *j, const struct stryker_mutant *m);
void stryker_file_end(assay_json *j);
void stryker_end(assay_json *j, const char *const *tests, size_t ntests, const struct stryker_perf *perf);

#endif
