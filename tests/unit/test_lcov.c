/* SPDX-License-Identifier: MIT */
/* lcov tracefiles: records, lcov 2.x additions, merging, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "covtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct assay_branchcov *branch_at(const assay_filecov *f, uint32_t line,
					       uint32_t block, uint32_t branch)
{
	for (size_t i = 0; i < f->nbranches; i++)
		if (f->branches[i].line == line && f->branches[i].block == block &&
		    f->branches[i].branch == branch)
			return &f->branches[i];
	fail_msg("no branch %u,%u,%u", line, block, branch);
	return NULL;
}

/* The summary lines lie on purpose: Assay must count for itself. */
static void test_lcov1_record(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *text = "TN:\n"
			   "SF:/src/calc.c\n"
			   "FN:2,clamp\n"
			   "FN:15,unused\n"
			   "FNDA:10,clamp\n"
			   "FNDA:0,unused\n"
			   "FNF:99\nFNH:99\n"
			   "BRDA:3,0,0,2\n"
			   "BRDA:3,0,1,0\n"
			   "BRDA:16,0,0,-\n"
			   "BRDA:16,0,1,-\n"
			   "BRF:99\nBRH:99\n"
			   "DA:2,10\nDA:3,10\nDA:4,0\nDA:15,0\nDA:16,0\n"
			   "LF:99\nLH:99\n"
			   "end_of_record\n";
	assert_int_equal(covtest_parse(assay_lcov_parse, text, cs, NULL, &err), 0);
	assert_int_equal(assay_covset_count(cs), 1);
	assay_filecov *f = covtest_file(cs, "/src/calc.c");
	covtest_totals(f, 5, 2, 4, 1, 2, 1);
	assert_int_equal(f->lines[0].line, 2);
	assert_int_equal(f->lines[0].count, 10);
	assert_int_equal(branch_at(f, 3, 0, 0)->taken, 2);
	assert_int_equal(branch_at(f, 16, 0, 1)->taken, -1);
	assert_string_equal(f->funcs[0].name, "clamp");
	assert_int_equal(f->funcs[0].line, 2);
	assert_int_equal(f->funcs[0].count, 10);
	assay_covset_free(cs);
}

/* lcov 2.x: VER, FNL/FNA, checksums, exception and named branches, MC/DC, comments. */
static void test_lcov2_records(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *text = "# written by lcov 2.3\n"
			   "TN:unit,diff\n"
			   "SF:src/a.cpp\n"
			   "VER:51c81752202f160b25ffc07fb9134018\n"
			   "FNL:0,4,9\n"
			   "FNA:0,3,Shape::~Shape()\n"
			   "FNA:0,0,Shape::~Shape() [deleting]\n"
			   "FNL:1,12\n"
			   "FNA:1,1,std::pair<int, int> make()\n"
			   "FNF:2\nFNH:2\n"
			   "BRDA:5,0,0,1\n"
			   "BRDA:5,e0,1,0\n"
			   "BRDA:5,0,2,-\n"
			   "BRDA:6,U0,0,4\n"
			   "BRDA:7,0,a > b,3\n"
			   "BRDA:7,0,f(x, y),0\n"
			   "BRDA:7,0,a > b,2\n"
			   "BRF:6\nBRH:2\n"
			   "MCDC:7,2,t,1,0,a > b\n"
			   "MCDC:7,2,f,0,0,a > b\n"
			   "MCF:2\nMCH:1\n"
			   "DA:4,3,abb3720e6b8a9cf7dc926235f89cc801\n"
			   "DA:5,3,81fff94209b659e33b1459a477e1e747\n"
			   "DA:6,4\n"
			   "DA:7,4\n"
			   "DA:12,1\n"
			   "\n"
			   "LF:5\nLH:5\n"
			   "end_of_record\n";
	assert_int_equal(covtest_parse(assay_lcov_parse, text, cs, NULL, &err), 0);
	assay_filecov *f = covtest_file(cs, "src/a.cpp");
	/* branches: 3 on line 5 (one an exception branch), the U one left out, 2 named on 7 */
	covtest_totals(f, 5, 5, 5, 2, 3, 2);
	assert_int_equal(branch_at(f, 5, 0x80000000u, 1)->taken, 0);
	assert_int_equal(branch_at(f, 5, 0, 2)->taken, -1);
	assert_int_equal(branch_at(f, 7, 0, 0)->taken, 5); /* "a > b" twice: one branch */
	assert_int_equal(branch_at(f, 7, 0, 1)->taken, 0); /* "f(x, y)", commas and all */
	/* every alias is a function at its leader's place */
	assert_int_equal(f->funcs[0].line, 4);
	assert_int_equal(f->funcs[0].end_line, 9);
	assert_int_equal(f->funcs[2].line, 12);
	assert_string_equal(f->funcs[2].name, "std::pair<int, int> make()");
	assay_covset_free(cs);
}

/* FN with an end line (lcov 2.0), and a name written twice in one record (ReportGenerator). */
static void test_functions(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *text = "SF:t.cs\n"
			   "FN:9,26,SampleFunction()\n"
			   "FN:52,SampleFunction()\n"
			   "FN:30,Other()\n"
			   "FNDA:2,SampleFunction()\n"
			   "FNDA:0,SampleFunction()\n"
			   "FNDA:0,Other()\n"
			   "FNDA:4,OnlyCounted()\n"
			   "DA:9,2\n"
			   "end_of_record\n";
	assert_int_equal(covtest_parse(assay_lcov_parse, text, cs, NULL, &err), 0);
	assay_filecov *f = covtest_file(cs, "t.cs");
	assert_int_equal(f->functions_found, 3);
	assert_int_equal(f->functions_hit, 2);
	/* sorted by line: OnlyCounted has none (0), then SampleFunction at its first FN */
	assert_string_equal(f->funcs[0].name, "OnlyCounted()");
	assert_int_equal(f->funcs[0].line, 0);
	assert_string_equal(f->funcs[1].name, "SampleFunction()");
	assert_int_equal(f->funcs[1].line, 9);
	assert_int_equal(f->funcs[1].end_line, 26);
	assert_int_equal(f->funcs[1].count, 2);
	assay_covset_free(cs);
}

/* Several records of one file (one per test name) merge: hits add up. */
static void test_merge_records(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *text = "TN:first\nSF:m.c\nFN:1,f\nFNDA:1,f\nDA:1,1\nDA:2,0\n"
			   "BRDA:2,0,0,-\nBRDA:2,0,1,-\nBRDA:3,0,x,1\nBRDA:3,0,y,0\nend_of_record\n"
			   "TN:second\nSF:m.c\nFN:1,f\nFNDA:2,f\nDA:2,5\nDA:3,1\n"
			   "BRDA:2,0,0,0\nBRDA:2,0,1,4\nBRDA:3,0,y,7\nBRDA:3,0,x,0\nend_of_record\n"
			   "SF:other.c\nFN:1,g\nFNDA:0,g\nDA:1,0\nend_of_record\n";
	assert_int_equal(covtest_parse(assay_lcov_parse, text, cs, NULL, &err), 0);
	assert_int_equal(assay_covset_count(cs), 2);
	assay_filecov *f = covtest_file(cs, "m.c");
	covtest_totals(f, 3, 3, 4, 3, 1, 1);
	assert_int_equal(f->lines[1].count, 5);
	assert_int_equal(f->funcs[0].count, 3);
	assert_int_equal(branch_at(f, 2, 0, 0)->taken, 0);
	assert_int_equal(branch_at(f, 2, 0, 1)->taken, 4);
	/* named branches keep their index across records, whatever the order */
	assert_int_equal(branch_at(f, 3, 0, 0)->taken, 1); /* x */
	assert_int_equal(branch_at(f, 3, 0, 1)->taken, 7); /* y */
	covtest_totals(covtest_file(cs, "other.c"), 1, 0, 0, 0, 1, 0);
	assay_covset_free(cs);
}

/* Counts lcov does not write itself but accepts (negative, fractional, huge); a BOM; CRLF. */
static void test_odd_counts(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *text = "\xEF\xBB\xBFSF:c.c\nDA:1,-3\nDA:2,0.25\nDA:3,99999999999999999999999\n"
			   "DA:4,7 \r\nend_of_record\r\n";
	assert_int_equal(covtest_parse(assay_lcov_parse, text, cs, NULL, &err), 0);
	assay_filecov *f = covtest_file(cs, "c.c");
	assert_int_equal(f->lines[0].count, 0);
	assert_int_equal(f->lines[1].count, 1);
	assert_true(f->lines[2].count == UINT64_MAX);
	assert_int_equal(f->lines[3].count, 7);
	assay_covset_free(cs);
}

static void test_paths(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	struct assay_cov_opts o = { .paths = { "/home/ci/proj", "/build/checkout" } };
	const char *text = "SF:/home/ci/proj/src/./a.c\nDA:1,1\nend_of_record\n"
			   "SF:/build/checkout/lib/b.c\nDA:1,1\nend_of_record\n"
			   "SF:C:\\temp\\x\\..\\c.cs\nDA:1,1\nend_of_record\n";
	assert_int_equal(covtest_parse(assay_lcov_parse, text, cs, &o, &err), 0);
	assert_int_equal(assay_covset_count(cs), 3);
	assert_string_equal(assay_covset_at(cs, 0)->path, "C:/temp/c.cs");
	assert_string_equal(assay_covset_at(cs, 1)->path, "lib/b.c");
	assert_string_equal(assay_covset_at(cs, 2)->path, "src/a.c");
	assay_covset_free(cs);
}

/* One bad line: one message naming the file and line, -ASSAY_EINPUT. */
static void expect_error(const char *text, const char *msg_after_path)
{
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_lcov_parse, text, cs, NULL, &err), -ASSAY_EINPUT);
	assert_int_equal(err.code, ASSAY_EINPUT);
	char want[TESTTMP_MAX + 1200];
	snprintf(want, sizeof(want), "%s%s", covtest_path, msg_after_path);
	assert_string_equal(err.msg, want);
	assay_covset_free(cs);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("SF:a.c\nDA:1,1\nthis is not lcov\n", ":3: not an lcov line: this is not lcov");
	expect_error("<?xml version=\"1.0\"?>\n", ":1: not an lcov line: <?xml version=\"1.0\"?>");
	expect_error("DA:1,1\n", ":1: DA outside a record (no SF before it): DA:1,1");
	/* found by fuzz_lcov (tests/fixtures/fuzz/lcov): a second end_of_record has none to end */
	expect_error("SF:a.c\nDA:1,1\nend_of_record\nend_of_record\n",
		     ":4: end_of_record outside a record (no SF before it): end_of_record");
	expect_error("SF:a.c\nDA:x,1\n", ":2: malformed DA line: DA:x,1");
	expect_error("SF:a.c\nDA:1\n", ":2: malformed DA line: DA:1");
	expect_error("SF:a.c\nDA:1,2,3\nDA:2,1x\n", ":3: malformed DA line: DA:2,1x");
	expect_error("SF:a.c\nBRDA:1,0,1\n", ":2: malformed BRDA line: BRDA:1,0,1");
	expect_error("SF:a.c\nBRDA:1,0,0,many\n", ":2: malformed BRDA line: BRDA:1,0,0,many");
	expect_error("SF:a.c\nFN:1\n", ":2: malformed FN line: FN:1");
	expect_error("SF:a.c\nFNA:3,1,f\n",
		     ":2: FNA names a function index with no FNL before it: FNA:3,1,f");
	/* FNL indices belong to their record */
	expect_error("SF:a.c\nFNL:0,1\nFNA:0,1,f\nend_of_record\nSF:b.c\nFNA:0,1,g\n",
		     ":6: FNA names a function index with no FNL before it: FNA:0,1,g");
	expect_error("SF:a.c\nFNL:99999999,1\n", ":2: malformed FNL line: FNL:99999999,1");
	expect_error("SF:\n", ":1: SF names no file: SF:");
	expect_error("SF:a.c\nDAX:1,1\n", ":2: not an lcov line: DAX:1,1");
}

/*
 * A record that never reaches its end_of_record (a tracefile cut short, or
 * an SF that starts before the last record ended) is an error at its SF,
 * not a record with fewer lines: lcov itself drops such a record.
 */
static void test_unterminated(void **state)
{
	(void)state;
	expect_error("SF:a.c\nDA:1,1\nend_of_record\nSF:/src/b.c\nDA:1,1\nDA:2,0",
		     ":4: record for /src/b.c has no end_of_record (the file ends at line 6)");
	/* cut inside a line: that line is the damage */
	expect_error("SF:a.c\nDA:1,1\nDA:2,", ":3: malformed DA line: DA:2,");
	expect_error("SF:a.c\nDA:1,1\nDA:2,0\n",
		     ":1: record for a.c has no end_of_record (the file ends at line 3)");
	expect_error("TN:\nSF:a.c\nDA:1,1\nSF:b.c\nDA:1,1\nend_of_record\n",
		     ":2: record for a.c has no end_of_record (another SF at line 4)");
	/* the name as shown: control bytes escaped, cut at 80 bytes */
	char text[300];
	snprintf(text, sizeof(text), "SF:\x1b[2J%0100d\nDA:1,1\n", 0);
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_lcov_parse, text, cs, NULL, &err), -ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, ":1: record for \\x1b[2J0000"));
	assert_non_null(strstr(err.msg, "000... has no end_of_record (the file ends at line 2)"));
	assay_covset_free(cs);
}

/* A long line is cut in the message, not copied whole. */
static void test_error_long_line(void **state)
{
	(void)state;
	char text[400];
	memset(text, 'x', 300);
	strcpy(text + 300, "\n");
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_lcov_parse, text, cs, NULL, &err), -ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, ":1: not an lcov line: xxxx"));
	assert_int_equal(strlen(strstr(err.msg, ": xxx") + 2), 83); /* 80 and "..." */
	assay_covset_free(cs);
}

/* Warnings a parse gave, one per line. */
static char warnings[4096];
static int nwarnings;

static void collect(void *ud, const char *msg)
{
	(void)ud;
	nwarnings++;
	strncat(warnings, msg, sizeof(warnings) - strlen(warnings) - 2);
	strcat(warnings, "\n");
}

static int parse_ignoring(const char *text, unsigned ignore, assay_covset *cs, assay_err *err)
{
	warnings[0] = '\0';
	nwarnings = 0;
	struct assay_cov_opts o = { .ignore = ignore, .warn = collect };
	return covtest_parse(assay_lcov_parse, text, cs, &o, err);
}

/* No record at all is lcov 2's "empty": an error, unless --ignore-errors empty. */
static void test_empty_input(void **state)
{
	(void)state;
	expect_error("", ": no valid records found (lcov's \"empty\"; --ignore-errors empty to go on without them)");
	expect_error("TN:\n# nothing\n", ": no valid records found (lcov's \"empty\"; --ignore-errors empty to go on without them)");
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_ignoring("TN:\n", ASSAY_IGNORE_EMPTY, cs, &err), 0);
	assert_int_equal(assay_covset_count(cs), 0);
	assert_int_equal(nwarnings, 1);
	assert_non_null(strstr(warnings, ": no valid records found"));
	assay_covset_free(cs);
}

/*
 * grcov's trace of Firefox: an SF whose name is a JavaScript data: URL
 * that spans several lines.  Strict: an error at the first line that is
 * not lcov.  --ignore-errors format: that record is skipped whole (its data
 * belong to no file), with a warning naming FILE:LINE, and the rest of the
 * file is read, as lcov 1.16 reads it.
 */
static const char firefox[] =
	"TN:\n"
	"SF:resource://gre/modules/Services.jsm\n"
	"FN:4,get\nFNDA:3,get\nDA:4,3\nDA:5,0\nend_of_record\n"
	"SF:data:text/javascript,function f() {\n"
	"  return 1;\n"
	"}\n"
	"FN:1,f\nFNDA:1,f\nDA:1,1\nDA:2,1\nend_of_record\n"
	"SF:browser/base/content/browser.js\n"
	"FN:10,init\nFNDA:1,init\nBRDA:11,0,0,1\nBRDA:11,0,1,0\nDA:10,1\nDA:11,1\nDA:12,0\n"
	"end_of_record\n";

static void test_damaged_records(void **state)
{
	(void)state;
	expect_error(firefox, ":9: not an lcov line:   return 1;");

	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_ignoring(firefox, ASSAY_IGNORE_FORMAT, cs, &err), 0);
	assert_int_equal(assay_covset_count(cs), 2);
	covtest_totals(covtest_file(cs, "resource:/gre/modules/Services.jsm"), 2, 1, 0, 0, 1, 1);
	covtest_totals(covtest_file(cs, "browser/base/content/browser.js"), 3, 2, 2, 1, 1, 1);
	char want[2 * TESTTMP_MAX + 256];
	snprintf(want, sizeof(want),
		 "%s:9: not an lcov line:   return 1; (skipping the record for data:text/javascript,function f() {)\n"
		 "%s: skipped 1 damaged record (8 lines) and 0 damaged lines outside records (--ignore-errors format)\n",
		 covtest_path, covtest_path);
	/* covtest_parse removed the file: its name is still in covtest_path */
	assert_string_equal(warnings, want);
	assay_covset_free(cs);
}

/* A damaged line outside records is skipped alone; a record cut short is skipped whole. */
static void test_damaged_lines(void **state)
{
	(void)state;
	const char *text = "garbage before\n"
			   "SF:a.c\nDA:1,1\nDA:x,1\nDA:3,1\nend_of_record\n"
			   "DA:9,9\n"
			   "SF:b.c\nDA:1,1\nend_of_record\n"
			   "SF:c.c\nDA:1,1\nDA:2,1\n";
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_ignoring(text, ASSAY_IGNORE_FORMAT, cs, &err), 0);
	assert_int_equal(assay_covset_count(cs), 1); /* a.c is damaged, c.c has no end */
	covtest_totals(covtest_file(cs, "b.c"), 1, 1, 0, 0, 0, 0);
	assert_int_equal(nwarnings, 5);
	assert_non_null(strstr(warnings, ":1: not an lcov line: garbage before\n"));
	assert_non_null(strstr(warnings, ":4: malformed DA line: DA:x,1 (skipping the record for a.c)\n"));
	assert_non_null(strstr(warnings, ":7: DA outside a record (no SF before it): DA:9,9\n"));
	assert_non_null(strstr(warnings, ":11: record for c.c has no end_of_record (the file ends at line 13) (skipping the record for c.c)\n"));
	assert_non_null(strstr(warnings, ": skipped 2 damaged records (8 lines) and 2 damaged lines outside records (--ignore-errors format)\n"));
	assay_covset_free(cs);

	/* every record damaged: nothing valid is left, which is "empty" */
	cs = assay_covset_new();
	assert_int_equal(parse_ignoring("SF:a.c\nDA:x\nend_of_record\n", ASSAY_IGNORE_FORMAT, cs, &err),
			 -ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, ": no valid records found"));
	assay_covset_free(cs);
}

/* lcov 2's names, any case; an unknown one is refused with the list. */
static void test_ignore_names(void **state)
{
	(void)state;
	unsigned bits = 0;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_ignore_errors_parse(&bits, "format,EMPTY", &err), 0);
	assert_int_equal(bits, ASSAY_IGNORE_FORMAT | ASSAY_IGNORE_EMPTY);
	assert_int_equal(assay_ignore_errors_parse(&bits, "mismatch,inconsistent,negative,unused", &err), 0);
	assert_int_equal(bits, ASSAY_IGNORE_FORMAT | ASSAY_IGNORE_EMPTY | ASSAY_IGNORE_UNUSED);
	assert_int_equal(assay_ignore_errors_parse(&bits, "format,bogus", &err), -ASSAY_EUSAGE);
	assert_non_null(strstr(err.msg, "unknown category 'bogus' (lcov 2's are: annotate, branch,"));
	assert_int_equal(assay_ignore_errors_parse(&bits, "", &err), -ASSAY_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lcov1_record),  cmocka_unit_test(test_lcov2_records),
		cmocka_unit_test(test_functions),     cmocka_unit_test(test_merge_records),
		cmocka_unit_test(test_odd_counts),    cmocka_unit_test(test_paths),
		cmocka_unit_test(test_errors),	      cmocka_unit_test(test_error_long_line),
		cmocka_unit_test(test_empty_input),   cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_damaged_records), cmocka_unit_test(test_damaged_lines),
		cmocka_unit_test(test_ignore_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
