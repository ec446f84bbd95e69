/* SPDX-License-Identifier: MIT */
/*
 * The parsers of test and coverage reports (assay ingest's, and flaky's
 * JUnit; the benchmark formats are bench_parsers.h's).  Each reads one input to its end (so the input's
 * digest covers all of it) and hands over what it found: test results to a
 * callback, coverage into a covset.  Errors name the input and line.
 */
#ifndef ASSAY_FORMATS_PARSERS_H
#define ASSAY_FORMATS_PARSERS_H

#include "covset.h"
#include "err.h"
#include "input.h"
#include "model.h"
#include "path.h"

#include <stddef.h>

/* ---- JUnit XML (junit.c) ---- */

typedef int (*assay_result_cb)(void *ud, const assay_result *r, assay_err *err);

/* Bytes kept of each system-out / system-err / message when no options are given. */
#define ASSAY_JUNIT_OUTPUT_CAP_DEFAULT ((size_t)64 * 1024)

/*
 * A <testsuite> (or <testsuites>) whose declared tests / failures / errors
 * / skipped disagree with the test cases it holds.  The strings live until
 * the callback returns.
 */
struct assay_junit_mismatch {
	const char *input;   /* the input's name */
	long line;           /* of the element's start tag */
	const char *suite;   /* its name ("" when it has none) */
	const char *message; /* "FILE:LINE: testsuite 'S' declares tests=3, its test cases tests=2: ..." */
	const char *detail;  /* {"declared":{"tests":3},"held":{"tests":2}}: the counts declared */
};

struct assay_junit_opts {
	size_t output_cap; /* bytes kept of system-out / system-err / message each; 0: none */
	/* called for each mismatch, after its suite's last test case; NULL: none */
	int (*on_mismatch)(void *ud, const struct assay_junit_mismatch *m, assay_err *err);
	void *mismatch_ud;
};

/*
 * Stream a JUnit XML document (any common dialect) and report every
 * attempt of every test.  o NULL: ASSAY_JUNIT_OUTPUT_CAP_DEFAULT.
 */
int assay_junit_parse(assay_input *in, const struct assay_junit_opts *o, assay_result_cb cb,
		      void *ud, assay_err *err);

/* ---- coverage (lcov.c, gcov_json.c, cobertura.c) ---- */

/*
 * lcov 2's categories of damaged input (--ignore-errors, lcovrc(5)): strict
 * by default, each one named turns its errors into warnings, and what is
 * damaged is skipped.  The ones Assay meets:
 *   format   a line that is not what lcov writes, a record with no
 *            end_of_record: the record (or the line outside records) is skipped
 *   empty    an lcov input with no record, or every coverage file left out
 *            by the filters
 *   unused   an --include/--exclude pattern that matches no coverage file
 * lcov 2's other names are accepted (an lcov 2 command line carries over)
 * and have nothing to turn off here.
 */
enum {
	ASSAY_IGNORE_FORMAT = 1u << 0,
	ASSAY_IGNORE_EMPTY = 1u << 1,
	ASSAY_IGNORE_UNUSED = 1u << 2,
};

/*
 * "format,empty" (case-insensitive, as lcov) into ASSAY_IGNORE_* bits,
 * added to *out.  An unknown name is -ASSAY_EUSAGE, err listing lcov 2's.
 */
int assay_ignore_errors_parse(unsigned *out, const char *list, assay_err *err);

/* A warning from a parser, one line ("FILE:LINE: what"), for the front end to show. */
typedef void (*assay_warn_cb)(void *ud, const char *msg);

struct assay_cov_opts {
	struct assay_pathopts paths; /* how producer paths become repo-relative */
	unsigned ignore;             /* ASSAY_IGNORE_* */
	assay_warn_cb warn;          /* may be NULL: warnings are dropped */
	void *warn_ud;
};

int assay_lcov_parse(assay_input *in, assay_covset *cs, const struct assay_cov_opts *o,
		     assay_err *err);
int assay_gcov_json_parse(assay_input *in, assay_covset *cs, const struct assay_cov_opts *o,
			  assay_err *err);
int assay_cobertura_parse(assay_input *in, assay_covset *cs, const struct assay_cov_opts *o,
			  assay_err *err);

/* ---- exclusion markers (exclude.c) ---- */

/*
 * Apply LCOV_EXCL_LINE / _START / _STOP, LCOV_EXCL_BR_LINE / _BR_START /
 * _BR_STOP and the GCOVR_EXCL_* equivalents found in the source text of
 * f (read from root/f->path, or f->path if absolute).  A source that is
 * not at hand is left as it is: 0.  Call before finalize.
 */
int assay_exclude_apply(assay_filecov *f, const char *root, assay_err *err);

/*
 * The markers line by line, for a reader of a source (the report, which
 * shows excluded lines as such): feed each line in order, from a state
 * that starts zeroed; returns the line's ASSAY_EXCL_* bits.
 */
struct assay_exclude_state {
	int in_region, in_br_region;
};
unsigned assay_exclude_line(struct assay_exclude_state *st, const char *line);

/* ---- sniffing (sniff.c) ---- */

enum assay_format {
	ASSAY_FMT_UNKNOWN = 0,
	ASSAY_FMT_JUNIT,
	ASSAY_FMT_GCOV_JSON,
	ASSAY_FMT_LCOV,
	ASSAY_FMT_COBERTURA,
};

const char *assay_format_name(enum assay_format f);
/* From a --format name ("auto" is ASSAY_FMT_UNKNOWN); -1 for none. */
int assay_format_parse(const char *name);
/* Tell the format from the first bytes of the content (ASSAY_SNIFF_BYTES are enough). */
#define ASSAY_SNIFF_BYTES 4096
enum assay_format assay_format_sniff(const unsigned char *data, size_t n);

#endif
