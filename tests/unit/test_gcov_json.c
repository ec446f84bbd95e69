/* SPDX-License-Identifier: MIT */
/* gcov JSON: format versions 1 and 2, one or many documents, gzip, errors. */
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
#include <zlib.h>

/* Write text to a new temporary file (covtest_path), gzip-compressed. */
static void write_gz(const char *text)
{
	gzFile gz = gzdopen(covtest_create(), "wb");
	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, text, (unsigned)strlen(text)), (int)strlen(text));
	assert_int_equal(gzclose(gz), Z_OK);
}

static int parse(const char *text, assay_covset *cs, const struct assay_cov_opts *o,
		 assay_err *err)
{
	return covtest_parse(assay_gcov_json_parse, text, cs, o, err);
}

/* As gcc 12's gcov writes it (format_version "1"), main.c plus an inline function of a header. */
static const char gcc12_doc[] =
	"{\"gcc_version\": \"12.2.0\", \"format_version\": \"1\","
	" \"current_working_directory\": \"/home/ci/proj/build\", \"data_file\": \"../main.gcda\","
	" \"files\": ["
	"  {\"file\": \"../src/main.c\", \"lines\": ["
	"    {\"line_number\": 3, \"count\": 2, \"unexecuted_block\": false, \"function_name\": \"main\", \"branches\": []},"
	"    {\"line_number\": 5, \"count\": 12, \"unexecuted_block\": false, \"function_name\": \"main\", \"branches\": ["
	"      {\"count\": 10, \"fallthrough\": false, \"throw\": false},"
	"      {\"count\": 2, \"fallthrough\": true, \"throw\": false}]},"
	"    {\"line_number\": 6, \"count\": 2, \"unexecuted_block\": true, \"function_name\": \"main\", \"branches\": ["
	"      {\"count\": 0, \"fallthrough\": true, \"throw\": false},"
	"      {\"count\": 2, \"fallthrough\": false, \"throw\": false}]},"
	"    {\"line_number\": 9, \"count\": 0, \"unexecuted_block\": true, \"function_name\": \"main\", \"branches\": ["
	"      {\"count\": 0, \"fallthrough\": true, \"throw\": false},"
	"      {\"count\": 0, \"fallthrough\": false, \"throw\": true}]}],"
	"   \"functions\": [{\"blocks\": 12, \"end_column\": 1, \"start_line\": 3, \"name\": \"main\","
	"     \"blocks_executed\": 10, \"execution_count\": 2, \"demangled_name\": \"main\","
	"     \"start_column\": 5, \"end_line\": 10}]},"
	"  {\"file\": \"../src/calc.h\", \"lines\": ["
	"    {\"line_number\": 6, \"count\": 2, \"unexecuted_block\": true, \"function_name\": \"twice\", \"branches\": ["
	"      {\"count\": 2, \"fallthrough\": true, \"throw\": false},"
	"      {\"count\": 0, \"fallthrough\": false, \"throw\": false}]}],"
	"   \"functions\": [{\"blocks\": 5, \"end_column\": 62, \"start_line\": 6, \"name\": \"_Z5twicei\","
	"     \"blocks_executed\": 4, \"execution_count\": 2, \"demangled_name\": \"twice(int)\","
	"     \"start_column\": 19, \"end_line\": 6}]}]}";

static void test_format1(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	struct assay_cov_opts o = { .paths = { "/home/ci/proj", NULL } };
	assert_int_equal(parse(gcc12_doc, cs, &o, &err), 0);
	assert_int_equal(assay_covset_count(cs), 2);
	assay_filecov *m = covtest_file(cs, "src/main.c");
	covtest_totals(m, 4, 3, 6, 3, 1, 1);
	assert_int_equal(m->lines[1].line, 5);
	assert_int_equal(m->lines[1].count, 12);
	assert_int_equal(m->branches[0].line, 5);
	assert_int_equal(m->branches[0].block, 0);
	assert_int_equal(m->branches[0].branch, 0);
	assert_int_equal(m->branches[0].taken, 10);
	assert_int_equal(m->branches[3].taken, 2);
	/* line 9 never ran: its branches are "-", as geninfo writes them */
	assert_int_equal(m->branches[4].taken, -1);
	assert_int_equal(m->branches[5].branch, 1);
	assert_int_equal(m->funcs[0].line, 3);
	assert_int_equal(m->funcs[0].end_line, 10);
	assay_filecov *h = covtest_file(cs, "src/calc.h");
	covtest_totals(h, 1, 1, 2, 1, 1, 1);
	assert_string_equal(h->funcs[0].name, "twice(int)");
	assay_covset_free(cs);
}

/* gcc 14's format_version "2": block ids, calls, conditions; read the same way. */
static void test_format2(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *doc =
		"{\"format_version\": \"2\", \"gcc_version\": \"14.2.0\","
		" \"current_working_directory\": \"/w\", \"data_file\": \"a.gcda\", \"files\": [{"
		"  \"file\": \"a.c\", \"lines\": [{\"line_number\": 4, \"count\": 3, \"unexecuted_block\": false,"
		"   \"function_name\": \"f\", \"block_ids\": [2, 3],"
		"   \"branches\": [{\"count\": 3, \"throw\": false, \"fallthrough\": true,"
		"     \"source_block_id\": 2, \"destination_block_id\": 4},"
		"    {\"count\": 0, \"throw\": false, \"fallthrough\": false,"
		"     \"source_block_id\": 2, \"destination_block_id\": 5}],"
		"   \"calls\": [{\"source_block_id\": 3, \"destination_block_id\": 0, \"returned\": 3}],"
		"   \"conditions\": [{\"count\": 2, \"covered\": 1, \"not_covered_true\": [0],"
		"     \"not_covered_false\": []}]}],"
		"  \"functions\": [{\"name\": \"f\", \"demangled_name\": \"f\", \"start_line\": 3,"
		"   \"start_column\": 5, \"end_line\": 6, \"end_column\": 1, \"blocks\": 6,"
		"   \"blocks_executed\": 5, \"execution_count\": 3}]}]}\n";
	assert_int_equal(parse(doc, cs, NULL, &err), 0);
	assay_filecov *f = covtest_file(cs, "/w/a.c");
	covtest_totals(f, 1, 1, 2, 1, 1, 1);
	assay_covset_free(cs);
}

/* `gcov -t --json-format` on two TUs: one document per line, the header in both is summed. */
static void test_documents_per_line(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *tu = "{\"format_version\": \"1\", \"current_working_directory\": \"/p\","
			 " \"files\": [{\"file\": \"inc/h.h\", \"lines\": ["
			 "  {\"line_number\": 2, \"count\": %d, \"branches\": ["
			 "   {\"count\": %d, \"fallthrough\": true, \"throw\": false},"
			 "   {\"count\": 0, \"fallthrough\": false, \"throw\": false}]}],"
			 " \"functions\": [{\"name\": \"_Z1gv\", \"demangled_name\": \"g()\","
			 "  \"start_line\": 2, \"end_line\": 2, \"execution_count\": %d}]},"
			 " {\"file\": \"%s\", \"lines\": [{\"line_number\": 1, \"count\": 1}],"
			 "  \"functions\": []}]}\n";
	char text[2048];
	int n = snprintf(text, sizeof(text), tu, 0, 0, 0, "a.c");
	snprintf(text + n, sizeof(text) - (size_t)n, tu, 5, 4, 5, "b.c");
	struct assay_cov_opts o = { .paths = { "/p", NULL } };
	assert_int_equal(parse(text, cs, &o, &err), 0);
	assert_int_equal(assay_covset_count(cs), 3);
	assay_filecov *h = covtest_file(cs, "inc/h.h");
	covtest_totals(h, 1, 1, 2, 1, 1, 1);
	assert_int_equal(h->lines[0].count, 5);
	assert_int_equal(h->branches[0].taken, 4); /* "-" from the TU that never ran it, then 4 */
	assert_int_equal(h->funcs[0].count, 5);
	covtest_totals(covtest_file(cs, "b.c"), 1, 1, 0, 0, 0, 0);
	assay_covset_free(cs);
}

static void test_gzip(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	write_gz(gcc12_doc);
	assert_int_equal(covtest_parse_file(assay_gcov_json_parse, cs, NULL, &err), 0);
	covtest_totals(covtest_file(cs, "/home/ci/proj/src/main.c"), 4, 3, 6, 3, 1, 1);
	assay_covset_free(cs);
}

/* A gzip file cut short is an input error, not a short document. */
static void test_gzip_truncated(void **state)
{
	(void)state;
	write_gz(gcc12_doc);
	FILE *fp = fopen(covtest_path, "r+");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long size = ftell(fp);
	fclose(fp);
	assert_int_equal(truncate(covtest_path, size / 2), 0);
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_true(covtest_parse_file(assay_gcov_json_parse, cs, NULL, &err) < 0);
	assert_int_equal(err.code, ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, covtest_path));
	assay_covset_free(cs);
}

static void expect_error(const char *text, const char *msg_after_path)
{
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(text, cs, NULL, &err), -ASSAY_EINPUT);
	assert_int_equal(err.code, ASSAY_EINPUT);
	char want[TESTTMP_MAX + 1200];
	snprintf(want, sizeof(want), "%s%s", covtest_path, msg_after_path);
	assert_string_equal(err.msg, want);
	assay_covset_free(cs);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("", ":1: no JSON document (empty input)");
	expect_error("\n\n  \n", ":4: no JSON document (empty input)");
	expect_error("{\"files\": [{\"file\": \"a.c\",\n \"lines\": [\n",
		     ":3: malformed JSON: ']' expected near end of file");
	expect_error("{\"files\": []}\n{\"files\": [}\n",
		     ":2: malformed JSON: unexpected token near '}'");
	expect_error("[1, 2]", ":1: gcov JSON: the document is not an object");
	expect_error("\n{\"format_version\": \"1\"}", ":2: gcov JSON: no \"files\" array: not gcov JSON");
	expect_error("{\"files\": [{\"lines\": []}]}", ":1: gcov JSON: files[0] has no \"file\"");
	expect_error("{\"files\": [{\"file\": \"a.c\", \"lines\": [{\"line_number\": \"7\", \"count\": 1}]}]}",
		     ":1: gcov JSON: a.c: lines[0] has no valid line_number");
	expect_error("{\"files\": [{\"file\": \"a.c\", \"lines\": [{\"line_number\": 7}]}]}",
		     ":1: gcov JSON: a.c: lines[0] has no valid count");
	expect_error("{\"files\": [{\"file\": \"a.c\", \"lines\": [{\"line_number\": 7, \"count\": 1,"
		     " \"branches\": [{\"taken\": 1}]}]}]}",
		     ":1: gcov JSON: a.c: a branch of lines[0] has no valid count");
	expect_error("{\"files\": [{\"file\": \"a.c\", \"functions\": [{\"name\": \"f\"}]}]}",
		     ":1: gcov JSON: a.c: functions[0] has no valid start_line");
	expect_error("{\"files\": [{\"file\": \"a.c\"}]} trailing",
		     ":1: malformed JSON: '[' or '{' expected near 'trailing'");
}

/* Counts that are not plain: negative (a gcov bug) reads as 0; a document with no lines is fine. */
static void test_odd_values(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *doc = "{\"files\": [{\"file\": \"a.c\", \"lines\": ["
			  " {\"line_number\": 1, \"count\": -4},"
			  " {\"line_number\": 2, \"count\": 1.5}]},"
			  " {\"file\": \"empty.c\"}]}";
	assert_int_equal(parse(doc, cs, NULL, &err), 0);
	assay_filecov *f = covtest_file(cs, "a.c");
	assert_int_equal(f->lines[0].count, 0);
	assert_int_equal(f->lines[1].count, 2);
	covtest_totals(covtest_file(cs, "empty.c"), 0, 0, 0, 0, 0, 0);
	assay_covset_free(cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format1),	   cmocka_unit_test(test_format2),
		cmocka_unit_test(test_documents_per_line), cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_gzip_truncated), cmocka_unit_test(test_errors),
		cmocka_unit_test(test_odd_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
