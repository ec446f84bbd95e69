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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lcov_end_of_record_alone),
		cmocka_unit_test(test_lcov_sf_is_the_strip_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
