/* SPDX-License-Identifier: MIT */
/*
 * What the fuzz harnesses (fuzz/, scripts/fuzz.sh) found: each minimized
 * input kept in tests/fixtures/fuzz/HARNESS/ is fed to its parser here, the
 * way the harness fed it, and must get the error (or result) the parser
 * owes it.  The same files seed the harnesses, so a fuzzing run replays
 * them first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bench_parsers.h"
#include "buf.h"
#include "input.h"
#include "parsers.h"

#include <stdio.h>
#include <string.h>

#define FOUND ASSAY_TEST_DATA "/fuzz/"

/* The warnings of the last parse, one a line. */
static char warnings[4096];

static void collect(void *ud, const char *msg)
{
	(void)ud;
	size_t n = strlen(warnings);
	snprintf(warnings + n, sizeof(warnings) - n, "%s\n", msg);
}

/* The checkout path fuzz_cov.c strips, as the harness did. */
#define STRIP "/tmp/assay-fixtures/repo/"

static int parse_lcov(const char *path, unsigned ignore, assay_covset *cs, assay_err *err)
{
	warnings[0] = '\0';
	struct assay_cov_opts o = { .paths = { .strip = STRIP }, .ignore = ignore, .warn = collect };
	assay_input *in;
	assert_int_equal(assay_input_open(&in, path, err), 0);
	int rc = assay_lcov_parse(in, cs, &o, err);
	assay_input_close(in);
	return rc;
}

/*
 * "end_of_record" with no record open (alone, or a second one after a
 * record) ended a record that was not there: a NULL path went into the
 * covset (UBSan: null pointer in hash_file).  It is a line outside a
 * record, as a DA there is.
 */
static void test_lcov_end_of_record_alone(void **state)
{
	(void)state;
	const char *path = FOUND "lcov/end-of-record-alone.info";
	char want[3 * sizeof(FOUND) + 512];
	assay_err err = ASSAY_ERR_INIT;

	assay_covset *cs = assay_covset_new();
	assert_int_equal(parse_lcov(path, 0, cs, &err), -ASSAY_EINPUT);
	snprintf(want, sizeof(want), "%s:1: end_of_record outside a record (no SF before it): end_of_record",
		 path);
	assert_string_equal(err.msg, want);
	assert_int_equal(assay_covset_count(cs), 0);
	assay_covset_free(cs);

	/* --ignore-errors format,empty: the line is skipped and said, nothing is kept */
	cs = assay_covset_new();
	err = (assay_err)ASSAY_ERR_INIT;
	assert_int_equal(parse_lcov(path, ASSAY_IGNORE_FORMAT | ASSAY_IGNORE_EMPTY, cs, &err), 0);
	assay_covset_finalize(cs);
	assert_int_equal(assay_covset_count(cs), 0);
	snprintf(want, sizeof(want),
		 "%s:1: end_of_record outside a record (no SF before it): end_of_record\n"
		 "%s: skipped 0 damaged records (0 lines) and 1 damaged line outside records (--ignore-errors format)\n"
		 "%s: no valid records found (lcov's \"empty\"; --ignore-errors empty to go on without them)\n",
		 path, path, path);
	assert_string_equal(warnings, want);
	assay_covset_free(cs);
}

/*
 * An SF naming the --strip prefix itself: stripped, nothing was left, and
 * "" was cleaned into "." one byte past its allocation (ASan, in
 * assay_path_clean).  Such a file is the top of the checkout, "." (test_path).
 */
static void test_lcov_sf_is_the_strip_prefix(void **state)
{
	(void)state;
	const char *path = FOUND "lcov/sf-is-the-strip-prefix.info";
	char want[2 * sizeof(FOUND) + 512];
	assay_err err = ASSAY_ERR_INIT;
	assay_covset *cs = assay_covset_new();
	assert_int_equal(parse_lcov(path, 0, cs, &err), -ASSAY_EINPUT);
	snprintf(want, sizeof(want),
		 "%s:1: record for /tmp/assay-fixtures/repo has no end_of_record (the file ends at line 1)",
		 path);
	assert_string_equal(err.msg, want);
	assay_covset_free(cs);
}

/*
 * Two counts of one branch whose sum passes INT64_MAX (the first is
 * clamped to it as read) were added as int64_t: signed overflow (UBSan, in
 * assay_filecov_finalize).  The sum saturates, as counts do elsewhere.
 */
static void test_lcov_branch_taken_sum_overflows(void **state)
{
	(void)state;
	assay_err err = ASSAY_ERR_INIT;
	assay_covset *cs = assay_covset_new();
	assert_int_equal(parse_lcov(FOUND "lcov/branch-taken-sum-overflows.info", 0, cs, &err), 0);
	assay_covset_finalize(cs);
	assert_int_equal(assay_covset_count(cs), 1);
	const assay_filecov *f = assay_covset_at(cs, 0);
	assert_int_equal(f->nbranches, 1);
	assert_true(f->branches[0].taken == INT64_MAX);
	assert_int_equal(f->branches_hit, 1);
	assay_covset_free(cs);
}

/* Decode and parse a bench fixture as fuzz_bench.c does, with the format forced. */
static int parse_bench(const char *path, enum bench_format format, bench_set *s, assay_err *err)
{
	assay_input *in;
	assert_int_equal(assay_input_open(&in, path, err), 0);
	assay_buf text = ASSAY_BUF_INIT;
	char chunk[4096];
	ssize_t got;
	while ((got = assay_input_read(in, chunk, sizeof(chunk), err)) > 0)
		assay_buf_add(&text, chunk, (size_t)got);
	assert_int_equal(got, 0);
	assay_input_close(in);
	json_t *doc;
	assert_int_equal(bench_json_decode(&doc, path, text.buf, text.len, err), 0);
	assay_buf_release(&text);
	int rc = format == BENCH_FMT_GBENCH ? bench_gbench_parse(doc, path, s, err)
					    : bench_hyperfine_parse(doc, path, s, err);
	json_decref(doc);
	return rc;
}

/*
 * Numbers that become ints (hyperfine's exit codes, Google Benchmark's
 * repetition_index and repetitions) were converted whatever their size:
 * (int)1e300 is undefined (UBSan: outside the range of representable
 * values).  One out of int's range is taken as absent, as a non-number
 * was.  (Found reading the parsers after the harnesses ran, and confirmed
 * with fuzz_hyperfine and fuzz_gbench on these files.)
 */
static void test_hyperfine_exit_code_out_of_range(void **state)
{
	(void)state;
	bench_set s = BENCH_SET_INIT;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_bench(FOUND "hyperfine/exit-code-out-of-range.json", BENCH_FMT_HYPERFINE,
				     &s, &err),
			 0);
	assert_int_equal(s.nseries, 1);
	assert_int_equal(s.nsamples, 2);
	assert_int_equal(s.samples[0].has_exit_code, 0); /* 1e300: none */
	assert_true(s.samples[0].value == 1.0);
	assert_int_equal(s.samples[1].has_exit_code, 1);
	assert_int_equal(s.samples[1].exit_code, 3);
	bench_set_release(&s);
}

static void test_gbench_ints_out_of_range(void **state)
{
	(void)state;
	bench_set s = BENCH_SET_INIT;
	assay_err err = ASSAY_ERR_INIT;
	/* repetition_index 1e300: none, so the repetition is counted in order (the first, 0) */
	assert_int_equal(parse_bench(FOUND "gbench/repetition-index-out-of-range.json", BENCH_FMT_GBENCH,
				     &s, &err),
			 0);
	assert_int_equal(s.nsamples, 2); /* real_time and cpu_time */
	assert_int_equal(s.samples[0].rep, 0);
	assert_int_equal(s.samples[1].rep, 0);
	bench_set_release(&s);

	/* repetitions -1e300 on the median that stands for the run: none, 0 */
	s = (bench_set)BENCH_SET_INIT;
	assert_int_equal(parse_bench(FOUND "gbench/repetitions-out-of-range.json", BENCH_FMT_GBENCH, &s,
				     &err),
			 0);
	assert_int_equal(s.nsamples, 2);
	for (size_t i = 0; i < s.nsamples; i++)
		assert_string_equal(s.samples[i].extra, "{\"aggregate\":\"median\",\"repetitions\":0}");
	bench_set_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lcov_end_of_record_alone),
		cmocka_unit_test(test_lcov_sf_is_the_strip_prefix),
		cmocka_unit_test(test_lcov_branch_taken_sum_overflows),
		cmocka_unit_test(test_hyperfine_exit_code_out_of_range),
		cmocka_unit_test(test_gbench_ints_out_of_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
