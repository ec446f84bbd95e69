/* SPDX-License-Identifier: MIT */
/*
 * The JUnit XML parser: dialects, attempts, durations, caps, bad input,
 * and bounded memory.  Inputs are strings written to a temporary file;
 * those a real tool wrote on this machine say which tool and command.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "input.h"
#include "parsers.h"
#include "testtmp.h"

#include <libxml/xmlmemory.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* ---- libxml2's memory, counted (installed in main() before any other use) ---- */

static size_t xml_live, xml_peak;

struct hdr {
	size_t n;
	size_t pad; /* keeps what follows 16-byte aligned */
};

static void *count_malloc(size_t n)
{
	struct hdr *h = malloc(sizeof(*h) + n);
	if (!h)
		return NULL;
	h->n = n;
	xml_live += n;
	if (xml_live > xml_peak)
		xml_peak = xml_live;
	return h + 1;
}

static void count_free(void *p)
{
	if (!p)
		return;
	struct hdr *h = (struct hdr *)p - 1;
	xml_live -= h->n;
	free(h);
}

static void *count_realloc(void *p, size_t n)
{
	if (!p)
		return count_malloc(n);
	struct hdr *h = (struct hdr *)p - 1;
	size_t old = h->n;
	struct hdr *q = realloc(h, sizeof(*q) + n);
	if (!q)
		return NULL;
	q->n = n;
	xml_live = xml_live - old + n;
	if (xml_live > xml_peak)
		xml_peak = xml_live;
	return q + 1;
}

static char *count_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = count_malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* ---- collecting results ---- */

struct res {
	char *suite, *classname, *name, *file;
	long line;
	int status, attempt, final;
	int64_t dur;
	char *message, *type, *out, *err;
};

struct results {
	struct res *v;
	size_t n, alloc;
	size_t fail_at; /* when > 0, the callback fails on that call */
	size_t calls;
	int count_only; /* keep no copies (big inputs) */
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int collect(void *ud, const assay_result *r, assay_err *err)
{
	struct results *rs = ud;
	rs->calls++;
	if (rs->fail_at && rs->calls == rs->fail_at)
		return assay_err_set(err, ASSAY_EDB, "store is full");
	if (rs->count_only) {
		rs->n++;
		return 0;
	}
	if (rs->n == rs->alloc) {
		rs->alloc = rs->alloc ? rs->alloc * 2 : 16;
		rs->v = realloc(rs->v, rs->alloc * sizeof(*rs->v));
		assert_non_null(rs->v);
	}
	struct res *o = &rs->v[rs->n++];
	assert_non_null(r->suite);
	assert_non_null(r->classname);
	assert_non_null(r->name);
	o->suite = strdup(r->suite);
	o->classname = strdup(r->classname);
	o->name = strdup(r->name);
	o->file = dup_or_null(r->file);
	o->line = r->line;
	o->status = (int)r->status;
	o->attempt = r->attempt;
	o->final = r->final;
	o->dur = r->duration_us;
	o->message = dup_or_null(r->message);
	o->type = dup_or_null(r->type);
	o->out = dup_or_null(r->system_out);
	o->err = dup_or_null(r->system_err);
	return 0;
}

static void results_free(struct results *rs)
{
	for (size_t i = 0; i < rs->n && !rs->count_only; i++) {
		struct res *o = &rs->v[i];
		free(o->suite);
		free(o->classname);
		free(o->name);
		free(o->file);
		free(o->message);
		free(o->type);
		free(o->out);
		free(o->err);
	}
	free(rs->v);
	memset(rs, 0, sizeof(*rs));
}

/* ---- inputs ---- */

static char tmpdir[TESTTMP_MAX];
static char path[TESTTMP_MAX + 32];

static void write_file(const char *p, const void *data, size_t n)
{
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* A cap for parse_path and parse_n: no options, the parser's default. */
#define DEFAULT_CAP ((size_t)-1)

static int parse_path(const char *p, size_t cap, struct results *rs, assay_err *err)
{
	assay_input *in;
	int rc = assay_input_open(&in, p, err);
	assert_int_equal(rc, 0);
	struct assay_junit_opts o = { .output_cap = cap };
	rc = assay_junit_parse(in, cap == DEFAULT_CAP ? NULL : &o, collect, rs, err);
	assay_input_close(in);
	return rc;
}

/* Parse xml (its first n bytes; 0: all of it) from the file `path`. */
static int parse_n(const char *xml, size_t n, size_t cap, struct results *rs, assay_err *err)
{
	snprintf(path, sizeof(path), "%s/in.xml", tmpdir);
	write_file(path, xml, n ? n : strlen(xml));
	return parse_path(path, cap, rs, err);
}

static int parse(const char *xml, struct results *rs, assay_err *err)
{
	return parse_n(xml, 0, DEFAULT_CAP, rs, err);
}

/* ---- checks ---- */

static void str_eq(const char *got, const char *want)
{
	if (!want) {
		if (got)
			fail_msg("expected NULL, got \"%s\"", got);
		return;
	}
	if (!got)
		fail_msg("expected \"%s\", got NULL", want);
	assert_string_equal(got, want);
}

static void check(const struct res *r, const char *suite, const char *classname, const char *name,
		  int status, int attempt, int final, int64_t dur)
{
	str_eq(r->suite, suite);
	str_eq(r->classname, classname);
	str_eq(r->name, name);
	assert_int_equal(r->status, status);
	assert_int_equal(r->attempt, attempt);
	assert_int_equal(r->final, final);
	assert_int_equal(r->dur, dur);
}

static void check_text(const struct res *r, const char *message, const char *type, const char *out,
		       const char *err)
{
	str_eq(r->message, message);
	str_eq(r->type, type);
	str_eq(r->out, out);
	str_eq(r->err, err);
}

/* err is "PATH:LINE: what" for the file just parsed. */
static void check_err(const assay_err *err, long line, const char *what)
{
	char want[TESTTMP_MAX + 2048];
	snprintf(want, sizeof(want), "%s:%ld: %s", path, line, what);
	assert_int_equal(err->code, ASSAY_EINPUT);
	assert_string_equal(err->msg, want);
}

/*
 * "malformed XML: " and then libxml2's reason, whose words are libxml2's to
 * change between versions: word for word with the 2.9 series they were
 * written from (Debian 12 and 13), else only that a reason follows.
 */
static void check_libxml2_err(const assay_err *err, long line, const char *reason)
{
	if (!strncmp(ASSAY_LIBXML2_VERSION, "2.9.", 4)) {
		char what[1024];
		snprintf(what, sizeof(what), "malformed XML: %s", reason);
		check_err(err, line, what);
		return;
	}
	char want[TESTTMP_MAX + 64];
	snprintf(want, sizeof(want), "%s:%ld: malformed XML: ", path, line);
	assert_int_equal(err->code, ASSAY_EINPUT);
	if (strncmp(err->msg, want, strlen(want)) || !err->msg[strlen(want)])
		fail_msg("message \"%s\" is not \"%s\" and a reason", err->msg, want);
}

/* ---- dialects, from real tools ---- */

/*
 * cmocka 1.1.5 with two groups and CMOCKA_MESSAGE_OUTPUT=xml
 * CMOCKA_XML_FILE=out.xml: one declaration, then one <testsuites> per
 * group.  No classname; the failure text is CDATA.
 */
static const char cmocka_two_groups[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
	"<testsuites>\n"
	"  <testsuite name=\"alpha\" time=\"0.000\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" >\n"
	"    <testcase name=\"a_ok\" time=\"0.000\" >\n"
	"    </testcase>\n"
	"    <testcase name=\"a_fail\" time=\"0.000\" >\n"
	"      <failure><![CDATA[0x1 != 0x2\n"
	"cm.c:7: error: Failure!]]></failure>\n"
	"    </testcase>\n"
	"  </testsuite>\n"
	"</testsuites>\n"
	"<testsuites>\n"
	"  <testsuite name=\"beta\" time=\"0.000\" tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"1\" >\n"
	"    <testcase name=\"b_skip\" time=\"0.000\" >\n"
	"      <skipped/>\n"
	"    </testcase>\n"
	"    <testcase name=\"b_ok\" time=\"0.000\" >\n"
	"    </testcase>\n"
	"  </testsuite>\n"
	"</testsuites>\n";

static void test_cmocka_several_roots(void **state)
{
	(void)state;
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(cmocka_two_groups, &rs, &err), 0);
	assert_int_equal(rs.n, 4);
	check(&rs.v[0], "alpha", "", "a_ok", ASSAY_PASS, 1, 1, 0);
	check(&rs.v[1], "alpha", "", "a_fail", ASSAY_FAIL, 1, 1, 0);
	check_text(&rs.v[1], "0x1 != 0x2\ncm.c:7: error: Failure!", NULL, NULL, NULL);
	check(&rs.v[2], "beta", "", "b_skip", ASSAY_SKIP, 1, 1, 0);
	check_text(&rs.v[2], NULL, NULL, NULL, NULL);
	check(&rs.v[3], "beta", "", "b_ok", ASSAY_PASS, 1, 1, 0);
	assert_null(rs.v[3].file);
	assert_int_equal(rs.v[3].line, 0);
	results_free(&rs);
}

/* `cat a.xml b.xml`: a declaration before each root; "<?xml " inside CDATA stays text. */
static void test_concatenated_documents(void **state)
{
	(void)state;
	static const char xml[] =
		"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<!-- written by hand -->\n"
		"<testsuite name=\"one\">\n"
		"  <testcase classname=\"c\" name=\"t1\"><failure><![CDATA[got <?xml version=\"1.0\"?> <x/>]]></failure></testcase>\n"
		"</testsuite>\n"
		"<?xml version=\"1.0\"\n"
		"      encoding=\"UTF-8\"?>\n"
		"\xEF\xBB\xBF<?xml-stylesheet href=\"a.xsl\"?>\n"
		"<testsuites><testsuite name=\"two\"><testcase classname=\"c\" name=\"t2\"/></testsuite></testsuites>\n";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	assert_int_equal(rs.n, 2);
	check(&rs.v[0], "one", "c", "t1", ASSAY_FAIL, 1, 1, -1);
	check_text(&rs.v[0], "got <?xml version=\"1.0\"?> <x/>", NULL, NULL, NULL);
	check(&rs.v[1], "two", "c", "t2", ASSAY_PASS, 1, 1, -1);
	results_free(&rs);
}

/* An error after a blanked declaration is reported on the file's own line. */
static void test_line_numbers_after_second_root(void **state)
{
	(void)state;
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<testsuites><testsuite name=\"a\"><testcase name=\"x\"/></testsuite></testsuites>\n"
		"<?xml version=\"1.0\"\n"
		"  encoding=\"UTF-8\"?>\n"
		"<testsuites>\n"
		"  <testsuite name=\"b\">\n"
		"    <testcase name=\"y\"></testcas>\n"
		"  </testsuite>\n"
		"</testsuites>\n";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), -ASSAY_EINPUT);
	check_libxml2_err(&err, 7, "Opening and ending tag mismatch: testcase line 7 and testcas");
	results_free(&rs);
}

/*
 * googletest 1.12.1: ./gt --gtest_output=xml:gt.xml with a passing test,
 * two failed expectations in one test, an exception, GTEST_SKIP() and a
 * DISABLED_ test.
 */
static const char gtest_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<testsuites tests=\"5\" failures=\"2\" disabled=\"1\" errors=\"0\" time=\"0\" timestamp=\"2026-11-23T17:08:46.954\" name=\"AllTests\">\n"
	"  <testsuite name=\"Math\" tests=\"5\" failures=\"2\" disabled=\"1\" skipped=\"1\" errors=\"0\" time=\"0\" timestamp=\"2026-11-23T17:08:46.954\">\n"
	"    <testcase name=\"Ok\" file=\"gt.cc\" line=\"3\" status=\"run\" result=\"completed\" time=\"0\" timestamp=\"2026-11-23T17:08:46.954\" classname=\"Math\" />\n"
	"    <testcase name=\"TwoFailures\" file=\"gt.cc\" line=\"4\" status=\"run\" result=\"completed\" time=\"0\" timestamp=\"2026-11-23T17:08:46.954\" classname=\"Math\">\n"
	"      <failure message=\"gt.cc:4&#x0A;Expected equality of these values:&#x0A;  1&#x0A;  2&#x0A;first\" type=\"\"><![CDATA[gt.cc:4\n"
	"Expected equality of these values:\n"
	"  1\n"
	"  2\n"
	"first]]></failure>\n"
	"      <failure message=\"gt.cc:4&#x0A;Value of: false&#x0A;  Actual: false&#x0A;Expected: true&#x0A;second\" type=\"\"><![CDATA[gt.cc:4\n"
	"Value of: false\n"
	"  Actual: false\n"
	"Expected: true\n"
	"second]]></failure>\n"
	"    </testcase>\n"
	"    <testcase name=\"Throws\" file=\"gt.cc\" line=\"5\" status=\"run\" result=\"completed\" time=\"0\" timestamp=\"2026-11-23T17:08:46.954\" classname=\"Math\">\n"
	"      <failure message=\"unknown file&#x0A;C++ exception with description &quot;boom&quot; thrown in the test body.\" type=\"\"><![CDATA[unknown file\n"
	"C++ exception with description \"boom\" thrown in the test body.]]></failure>\n"
	"    </testcase>\n"
	"    <testcase name=\"Skipped\" file=\"gt.cc\" line=\"6\" status=\"run\" result=\"skipped\" time=\"0\" timestamp=\"2026-11-23T17:08:46.954\" classname=\"Math\">\n"
	"      <skipped message=\"gt.cc:6&#x0A;not today\"><![CDATA[gt.cc:6\n"
	"not today]]></skipped>\n"
	"    </testcase>\n"
	"    <testcase name=\"DISABLED_Off\" file=\"gt.cc\" line=\"7\" status=\"notrun\" result=\"suppressed\" time=\"0\" timestamp=\"1970-01-01T00:00:00.000\" classname=\"Math\" />\n"
	"  </testsuite>\n"
	"</testsuites>\n";

static void test_gtest(void **state)
{
	(void)state;
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(gtest_xml, &rs, &err), 0);
	assert_int_equal(rs.n, 5);
	check(&rs.v[0], "Math", "Math", "Ok", ASSAY_PASS, 1, 1, 0);
	str_eq(rs.v[0].file, "gt.cc");
	assert_int_equal(rs.v[0].line, 3);
	/* two <failure>s: one result, the messages joined; type="" is no type */
	check(&rs.v[1], "Math", "Math", "TwoFailures", ASSAY_FAIL, 1, 1, 0);
	check_text(&rs.v[1],
		   "gt.cc:4\nExpected equality of these values:\n  1\n  2\nfirst\n"
		   "gt.cc:4\nValue of: false\n  Actual: false\nExpected: true\nsecond",
		   NULL, NULL, NULL);
	check(&rs.v[2], "Math", "Math", "Throws", ASSAY_FAIL, 1, 1, 0);
	check_text(&rs.v[2], "unknown file\nC++ exception with description \"boom\" thrown in the test body.",
		   NULL, NULL, NULL);
	check(&rs.v[3], "Math", "Math", "Skipped", ASSAY_SKIP, 1, 1, 0);
	check_text(&rs.v[3], "gt.cc:6\nnot today", NULL, NULL, NULL);
	check(&rs.v[4], "Math", "Math", "DISABLED_Off", ASSAY_SKIP, 1, 1, 0);
	check_text(&rs.v[4], NULL, NULL, NULL, NULL);
	assert_int_equal(rs.v[4].line, 7);
	results_free(&rs);
}

/*
 * ctest 3.25.1 --output-junit: a bare <testsuite> root.  Tests that pass,
 * fail (exit 3), skip (SKIP_RETURN_CODE 77), are DISABLED, whose command
 * is missing, and that time out.  ctest itself says "40% tests passed, 3
 * tests failed out of 5" and lists skips and off as not run.
 */
static const char ctest_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<testsuite name=\"(empty)\"\n"
	"\ttests=\"6\"\n"
	"\tfailures=\"2\"\n"
	"\tdisabled=\"1\"\n"
	"\tskipped=\"2\"\n"
	"\thostname=\"\"\n"
	"\ttime=\"1\"\n"
	"\ttimestamp=\"2026-11-23T17:08:48\"\n"
	"\t>\n"
	"\t<testcase name=\"passes\" classname=\"passes\" time=\"0.00244656\" status=\"run\">\n"
	"\t\t<system-out>hello\n"
	"</system-out>\n"
	"\t</testcase>\n"
	"\t<testcase name=\"fails\" classname=\"fails\" time=\"0.00834414\" status=\"fail\">\n"
	"\t\t<failure message=\"\"/>\n"
	"\t\t<system-out>bad\n"
	"</system-out>\n"
	"\t</testcase>\n"
	"\t<testcase name=\"skips\" classname=\"skips\" time=\"0.00287187\" status=\"notrun\">\n"
	"\t\t<skipped message=\"SKIP_RETURN_CODE=77\"/>\n"
	"\t\t<system-out></system-out>\n"
	"\t</testcase>\n"
	"\t<testcase name=\"off\" classname=\"off\" time=\"0\" status=\"disabled\">\n"
	"\t\t<system-out>Disabled</system-out>\n"
	"\t</testcase>\n"
	"\t<testcase name=\"missing\" classname=\"missing\" time=\"0\" status=\"notrun\">\n"
	"\t\t<skipped message=\"Unable to find executable\"/>\n"
	"\t\t<system-out>Unable to find executable: /nonexistent/prog</system-out>\n"
	"\t</testcase>\n"
	"\t<testcase name=\"slow\" classname=\"slow\" time=\"1.00701\" status=\"fail\">\n"
	"\t\t<failure message=\"\"/>\n"
	"\t\t<system-out></system-out>\n"
	"\t</testcase>\n"
	"</testsuite>\n";

static void test_ctest(void **state)
{
	(void)state;
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(ctest_xml, &rs, &err), 0);
	assert_int_equal(rs.n, 6);
	check(&rs.v[0], "(empty)", "passes", "passes", ASSAY_PASS, 1, 1, 2447);
	check_text(&rs.v[0], NULL, NULL, "hello\n", NULL);
	check(&rs.v[1], "(empty)", "fails", "fails", ASSAY_FAIL, 1, 1, 8344);
	check_text(&rs.v[1], NULL, NULL, "bad\n", NULL);
	check(&rs.v[2], "(empty)", "skips", "skips", ASSAY_SKIP, 1, 1, 2872);
	check_text(&rs.v[2], "SKIP_RETURN_CODE=77", NULL, NULL, NULL);
	check(&rs.v[3], "(empty)", "off", "off", ASSAY_SKIP, 1, 1, 0);
	check_text(&rs.v[3], NULL, NULL, "Disabled", NULL);
	/* not run for want of its program: ctest counts it failed */
	check(&rs.v[4], "(empty)", "missing", "missing", ASSAY_ERROR, 1, 1, 0);
	check_text(&rs.v[4], "Unable to find executable", NULL,
		   "Unable to find executable: /nonexistent/prog", NULL);
	check(&rs.v[5], "(empty)", "slow", "slow", ASSAY_FAIL, 1, 1, 1007010);
	results_free(&rs);
}

/* ---- dialects, in the shapes their writers use ---- */

/* Maven Surefire: a test that failed twice and then passed. */
static void test_surefire_flaky(void **state)
{
	(void)state;
	static const char xml[] =
		"<testsuite name=\"pkg.FlakyTest\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
		"  <testcase name=\"createHook\" classname=\"pkg.FlakyTest\" time=\"0.683\">\n"
		"    <flakyFailure message=\"&#10;Expected: &lt;false&gt;&#10;     but: was &lt;true&gt;\" type=\"java.lang.AssertionError\">\n"
		"      <stackTrace>java.lang.AssertionError: \n"
		"\tat pkg.FlakyTest.createHook(FlakyTest.java:58)\n"
		"</stackTrace>\n"
		"      <system-err>first try's stderr</system-err>\n"
		"    </flakyFailure>\n"
		"    <flakyError type=\"java.io.IOException\">\n"
		"      <stackTrace>java.io.IOException: reset\n"
		"\tat pkg.FlakyTest.createHook(FlakyTest.java:60)</stackTrace>\n"
		"      <system-out>second try's stdout</system-out>\n"
		"    </flakyError>\n"
		"  </testcase>\n"
		"</testsuite>\n";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	assert_int_equal(rs.n, 3);
	check(&rs.v[0], "pkg.FlakyTest", "pkg.FlakyTest", "createHook", ASSAY_FAIL, 1, 0, -1);
	check_text(&rs.v[0], "Expected: <false>\n     but: was <true>", "java.lang.AssertionError", NULL,
		   "first try's stderr");
	/* no message attribute: the stack trace is the message, the output is not */
	check(&rs.v[1], "pkg.FlakyTest", "pkg.FlakyTest", "createHook", ASSAY_ERROR, 2, 0, -1);
	check_text(&rs.v[1], "java.io.IOException: reset\n\tat pkg.FlakyTest.createHook(FlakyTest.java:60)",
		   "java.io.IOException", "second try's stdout", NULL);
	check(&rs.v[2], "pkg.FlakyTest", "pkg.FlakyTest", "createHook", ASSAY_PASS, 3, 1, 683000);
	check_text(&rs.v[2], NULL, NULL, NULL, NULL);
	results_free(&rs);
}

/* Maven Surefire: a test that failed, and failed again on each rerun. */
static void test_surefire_rerun(void **state)
{
	(void)state;
	static const char xml[] =
		"<testsuite name=\"pkg.BadTest\">\n"
		"  <testcase name=\"t\" classname=\"pkg.BadTest\" time=\"1.5\">\n"
		"    <failure message=\"first\" type=\"java.lang.AssertionError\">trace 1</failure>\n"
		"    <system-out><![CDATA[out of the first run]]></system-out>\n"
		"    <rerunFailure message=\"second\" type=\"java.lang.AssertionError\">\n"
		"      <stackTrace>trace 2</stackTrace>\n"
		"      <system-out><![CDATA[out of the second run]]></system-out>\n"
		"    </rerunFailure>\n"
		"    <rerunError message=\"third\" type=\"java.lang.NullPointerException\">\n"
		"      <stackTrace>trace 3</stackTrace>\n"
		"    </rerunError>\n"
		"  </testcase>\n"
		"</testsuite>\n";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	assert_int_equal(rs.n, 3);
	check(&rs.v[0], "pkg.BadTest", "pkg.BadTest", "t", ASSAY_FAIL, 1, 0, 1500000);
	check_text(&rs.v[0], "first", "java.lang.AssertionError", "out of the first run", NULL);
	check(&rs.v[1], "pkg.BadTest", "pkg.BadTest", "t", ASSAY_FAIL, 2, 0, -1);
	check_text(&rs.v[1], "second", "java.lang.AssertionError", "out of the second run", NULL);
	check(&rs.v[2], "pkg.BadTest", "pkg.BadTest", "t", ASSAY_ERROR, 3, 1, -1);
	check_text(&rs.v[2], "third", "java.lang.NullPointerException", NULL, NULL);
	results_free(&rs);
}

/* Each rerun is reported as the next one shows up: any number of them works. */
static void test_many_reruns(void **state)
{
	(void)state;
	enum { RERUNS = 5000 };
	size_t cap = 64 + RERUNS * 48;
	char *xml = malloc(cap);
	assert_non_null(xml);
	size_t n = (size_t)snprintf(xml, cap, "<testsuite name=\"s\"><testcase name=\"t\"><error message=\"e0\"/>");
	for (int i = 1; i <= RERUNS; i++)
		n += (size_t)snprintf(xml + n, cap - n, "<rerunFailure message=\"e%d\"/>", i);
	n += (size_t)snprintf(xml + n, cap - n, "</testcase></testsuite>");
	assert_true(n < cap);
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	free(xml);
	assert_int_equal(rs.n, RERUNS + 1);
	check(&rs.v[0], "s", "", "t", ASSAY_ERROR, 1, 0, -1);
	str_eq(rs.v[0].message, "e0");
	for (int i = 1; i < RERUNS; i++) {
		assert_int_equal(rs.v[i].attempt, i + 1);
		assert_int_equal(rs.v[i].final, 0);
	}
	check(&rs.v[RERUNS], "s", "", "t", ASSAY_FAIL, RERUNS + 1, 1, -1);
	str_eq(rs.v[RERUNS].message, "e5000");
	results_free(&rs);
}

/* PHPUnit nests testsuites; a test case belongs to the innermost one around it. */
static void test_nested_suites(void **state)
{
	(void)state;
	static const char xml[] =
		"<testsuites name=\"all\">\n"
		"  <testcase name=\"loose\"/>\n"
		"  <testsuite name=\"outer\" tests=\"99\">\n"
		"    <testcase name=\"o1\" file=\"/src/o.phpt\"/>\n"
		"    <testsuite name=\"inner\">\n"
		"      <testcase name=\"i1\" classname=\"I\" file=\"/src/I.php\" line=\"20\" time=\"0.001441\"/>\n"
		"      <testsuite name=\"empty\"/>\n"
		"      <testsuite name=\"deeper\"><testcase name=\"d1\"/></testsuite>\n"
		"      <testcase name=\"i2\"/>\n"
		"    </testsuite>\n"
		"    <testcase name=\"o2\"/>\n"
		"  </testsuite>\n"
		"  <testsuite><testcase name=\"anon\"/></testsuite>\n"
		"</testsuites>\n";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	assert_int_equal(rs.n, 7);
	check(&rs.v[0], "", "", "loose", ASSAY_PASS, 1, 1, -1);
	check(&rs.v[1], "outer", "", "o1", ASSAY_PASS, 1, 1, -1);
	str_eq(rs.v[1].file, "/src/o.phpt");
	assert_int_equal(rs.v[1].line, 0);
	check(&rs.v[2], "inner", "I", "i1", ASSAY_PASS, 1, 1, 1441);
	str_eq(rs.v[2].file, "/src/I.php");
	assert_int_equal(rs.v[2].line, 20);
	check(&rs.v[3], "deeper", "", "d1", ASSAY_PASS, 1, 1, -1);
	check(&rs.v[4], "inner", "", "i2", ASSAY_PASS, 1, 1, -1);
	check(&rs.v[5], "outer", "", "o2", ASSAY_PASS, 1, 1, -1);
	check(&rs.v[6], "", "", "anon", ASSAY_PASS, 1, 1, -1);
	results_free(&rs);
}

/* Which child decides, and where the message comes from. */
static void test_outcomes(void **state)
{
	(void)state;
	static const char xml[] =
		"<testsuite name=\"s\" tests=\"1\" failures=\"0\">\n"
		/* pytest: a failure in the call and an error in teardown: the error wins */
		"<testcase classname=\"m\" name=\"both\"><failure message=\"assert 1\">x</failure>"
		"<error message=\"teardown broke\" type=\"RuntimeError\"/></testcase>\n"
		/* a failure outranks a skip, whichever comes first */
		"<testcase classname=\"m\" name=\"skipfail\"><skipped message=\"later\"/><failure message=\"no\"/></testcase>\n"
		/* no message attribute (or an empty one): the text, trimmed */
		"<testcase classname=\"m\" name=\"text\"><failure>\n  Failed!\n  </failure></testcase>\n"
		"<testcase classname=\"m\" name=\"empty\"><failure message=\"\" type=\"T\">  body &lt;1&gt; </failure></testcase>\n"
		"<testcase classname=\"m\" name=\"nothing\"><failure><![CDATA[]]></failure></testcase>\n"
		/* unittest-xml-reporting: expected failure, unexpected success */
		"<testcase classname=\"m\" name=\"xfail\"><skipped type=\"XFAIL\" message=\"expected failure: boom\"/></testcase>\n"
		"<testcase classname=\"m\" name=\"xpass\"><error type=\"UnexpectedSuccess\" message=\"Unexpected success\"/></testcase>\n"
		/* Catch2: file and line on the failure, not the test case */
		"<testcase classname=\"c\" name=\"catch\" status=\"run\"><failure file=\"t.cpp\" line=\"19\" message=\"REQUIRE(v == 1)\" type=\"REQUIRE\">FAILED</failure></testcase>\n"
		/* status attributes alone */
		"<testcase name=\"gt\" status=\"run\" result=\"skipped\"/>\n"
		"<testcase name=\"st\" status=\"failed\"/>\n"
		"<testcase name=\"se\" status=\"error\"/>\n"
		"<testcase name=\"sr\" status=\"run\" result=\"completed\"/>\n"
		/* <properties> and other children do not count */
		"<testcase name=\"props\"><properties><property name=\"failure\" value=\"x\"/></properties>"
		"<other><failure message=\"not mine\"/></other></testcase>\n"
		"</testsuite>\n";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	assert_int_equal(rs.n, 13);
	check(&rs.v[0], "s", "m", "both", ASSAY_ERROR, 1, 1, -1);
	check_text(&rs.v[0], "teardown broke", "RuntimeError", NULL, NULL);
	check(&rs.v[1], "s", "m", "skipfail", ASSAY_FAIL, 1, 1, -1);
	check_text(&rs.v[1], "no", NULL, NULL, NULL);
	check(&rs.v[2], "s", "m", "text", ASSAY_FAIL, 1, 1, -1);
	check_text(&rs.v[2], "Failed!", NULL, NULL, NULL);
	check(&rs.v[3], "s", "m", "empty", ASSAY_FAIL, 1, 1, -1);
	check_text(&rs.v[3], "body <1>", "T", NULL, NULL);
	check(&rs.v[4], "s", "m", "nothing", ASSAY_FAIL, 1, 1, -1);
	check_text(&rs.v[4], NULL, NULL, NULL, NULL);
	check(&rs.v[5], "s", "m", "xfail", ASSAY_SKIP, 1, 1, -1);
	check_text(&rs.v[5], "expected failure: boom", "XFAIL", NULL, NULL);
	check(&rs.v[6], "s", "m", "xpass", ASSAY_FAIL, 1, 1, -1);
	check_text(&rs.v[6], "Unexpected success", "UnexpectedSuccess", NULL, NULL);
	check(&rs.v[7], "s", "c", "catch", ASSAY_FAIL, 1, 1, -1);
	str_eq(rs.v[7].file, "t.cpp");
	assert_int_equal(rs.v[7].line, 19);
	check(&rs.v[8], "s", "", "gt", ASSAY_SKIP, 1, 1, -1);
	check(&rs.v[9], "s", "", "st", ASSAY_FAIL, 1, 1, -1);
	check(&rs.v[10], "s", "", "se", ASSAY_ERROR, 1, 1, -1);
	check(&rs.v[11], "s", "", "sr", ASSAY_PASS, 1, 1, -1);
	check(&rs.v[12], "s", "", "props", ASSAY_PASS, 1, 1, -1);
	check_text(&rs.v[12], NULL, NULL, NULL, NULL);
	results_free(&rs);
}

/* unittest-xml-reporting's suite names carry a timestamp; names keep their Unicode. */
static void test_suite_names(void **state)
{
	(void)state;
	static const char xml[] =
		"<testsuites>\n"
		"<testsuite name=\"test_unit.\xc3\x9cnicodeTests-20261123131008\"><testcase classname=\"test_unit.\xc3\x9cnicodeTests\" name=\"test_\xe5\x90\x8d\xe5\x89\x8d\"/></testsuite>\n"
		"<testsuite name=\"build-12345678901234x\"><testcase name=\"a\"/></testsuite>\n"
		"<testsuite name=\"-20261123131008\"><testcase name=\"b\"/></testsuite>\n"
		"</testsuites>\n";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	assert_int_equal(rs.n, 3);
	check(&rs.v[0], "test_unit.\xc3\x9cnicodeTests", "test_unit.\xc3\x9cnicodeTests",
	      "test_\xe5\x90\x8d\xe5\x89\x8d", ASSAY_PASS, 1, 1, -1);
	check(&rs.v[1], "build-12345678901234x", "", "a", ASSAY_PASS, 1, 1, -1);
	check(&rs.v[2], "-20261123131008", "", "b", ASSAY_PASS, 1, 1, -1);
	results_free(&rs);
}

static int64_t duration_of(const char *time_attr)
{
	char xml[512];
	if (time_attr)
		snprintf(xml, sizeof(xml), "<testsuite><testcase name=\"t\" time=\"%s\"/></testsuite>", time_attr);
	else
		snprintf(xml, sizeof(xml), "<testsuite><testcase name=\"t\"/></testsuite>");
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	assert_int_equal(rs.n, 1);
	int64_t d = rs.v[0].dur;
	results_free(&rs);
	return d;
}

static void test_durations(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		int64_t us;
	} cases[] = {
		{ NULL, -1 },
		{ "", -1 },
		{ "0", 0 },
		{ "0.000", 0 },
		{ "0.001", 1000 },
		{ "157.980", 157980000 },
		{ "0.00244656", 2447 },      /* rounded to the nearest microsecond */
		{ "0.0000004", 0 },
		{ "1e-05", 10 },
		{ "4.50611114501953e-05", 45 },
		{ "2.5E+2", 250000000 },
		{ "1,234.5", 1234500000 },   /* a grouping comma */
		{ "1.234,5", 1234500000 },   /* a grouping dot, a decimal comma */
		{ "0,5", 500000 },           /* a decimal comma */
		{ "1,234", 1234000 },        /* a lone comma is a decimal comma */
		{ "1,234,567", 1234567000000 },
		{ "12ms", 12000 },
		{ "1.5s", 1500000 },
		{ " 1.5 s ", 1500000 },
		{ "250us", 250 },
		{ "250\xc2\xb5s", 250 },
		{ "1500ns", 2 },
		{ "2min", 120000000 },
		{ "1h", 3600000000 },
		{ "+3", 3000000 },
		{ "-1", -1 },
		{ "abc", -1 },
		{ "1.234.567,5", 1234567500000 },
		{ "12 parsecs", -1 },
		{ "1e", -1 },
		{ "NaN", -1 },
		{ "99999999999999999999999", -1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t got = duration_of(cases[i].in);
		if (got != cases[i].us)
			fail_msg("time=\"%s\": expected %lld us, got %lld", cases[i].in ? cases[i].in : "(none)",
				 (long long)cases[i].us, (long long)got);
	}
}

/* system-out, system-err and messages are kept up to the cap, never half a character. */
static void test_output_cap(void **state)
{
	(void)state;
	static const char xml[] =
		"<testsuite><testcase name=\"t\">"
		"<failure message=\"0123456789abcdef\"/>"
		"<system-out>h\xc3\xa9llo, w\xc3\xb6rld</system-out>"
		"<system-err><![CDATA[abc]]>defghijkl<![CDATA[mnop]]></system-err>"
		"</testcase>"
		"<testcase name=\"u\"><failure>  \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xa7\xe3\x81\x99 </failure>"
		"<failure message=\"more\"/></testcase>"
		"</testsuite>";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_n(xml, 0, 10, &rs, &err), 0);
	assert_int_equal(rs.n, 2);
	/* "héllo, wörld": 10 bytes end inside "ö", which is dropped whole */
	check_text(&rs.v[0], "0123456789", NULL, "h\xc3\xa9llo, w", "abcdefghij");
	/* 3 characters of 3 bytes fit in 10 (the blanks before them do not count); the second failure finds no room */
	check_text(&rs.v[1], "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", NULL, NULL, NULL);
	results_free(&rs);

	/* the default cap is 64 KiB */
	size_t big = 70000;
	char *doc = malloc(big + 200);
	assert_non_null(doc);
	size_t n = (size_t)sprintf(doc, "<testsuite><testcase name=\"t\"><system-out>");
	memset(doc + n, 'x', big);
	n += big;
	n += (size_t)sprintf(doc + n, "</system-out></testcase></testsuite>");
	assert_int_equal(parse_n(doc, n, DEFAULT_CAP, &rs, &err), 0);
	free(doc);
	assert_int_equal(rs.n, 1);
	assert_int_equal(strlen(rs.v[0].out), 64 * 1024);
	assert_int_equal(ASSAY_JUNIT_OUTPUT_CAP_DEFAULT, 64 * 1024);
	results_free(&rs);

	/* a cap of 0 keeps no text at all: not the default */
	assert_int_equal(parse_n(xml, 0, 0, &rs, &err), 0);
	assert_int_equal(rs.n, 2);
	check_text(&rs.v[0], NULL, NULL, NULL, NULL);
	assert_int_equal(rs.v[0].status, ASSAY_FAIL);
	check_text(&rs.v[1], NULL, NULL, NULL, NULL);
	results_free(&rs);
}

/* A gzip-compressed file reads like the plain one. */
static void test_gzip(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "%s/in.xml.gz", tmpdir);
	gzFile gz = gzopen(path, "wb");
	assert_non_null(gz);
	assert_int_equal(gzwrite(gz, gtest_xml, (unsigned)strlen(gtest_xml)), (int)strlen(gtest_xml));
	assert_int_equal(gzclose(gz), Z_OK);
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_path(path, DEFAULT_CAP, &rs, &err), 0);
	assert_int_equal(rs.n, 5);
	check(&rs.v[4], "Math", "Math", "DISABLED_Off", ASSAY_SKIP, 1, 1, 0);
	results_free(&rs);
}

/* A default namespace or a stray prefix does not hide the elements. */
static void test_namespaces(void **state)
{
	(void)state;
	static const char xml[] =
		"<testsuite xmlns=\"urn:x\" xsi:noNamespaceSchemaLocation=\"s.xsd\" name=\"n\">"
		"<testcase name=\"t\"><failure message=\"m\"/></testcase></testsuite>";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	assert_int_equal(rs.n, 1);
	check(&rs.v[0], "n", "", "t", ASSAY_FAIL, 1, 1, -1);
	results_free(&rs);
}

/*
 * '&' in an attribute, however written, is '&': libxml2's push parser hands
 * &amp; and &#38; over as "&#38;" (pytest's ids, C++ signatures carry '&').
 */
static void test_escaped_attributes(void **state)
{
	(void)state;
	static const char xml[] =
		"<testsuite name=\"a&amp;b\"><testcase classname=\"c&#38;d\" name=\"t[x&#x26;y&lt;&amp;#38;]\">"
		"<failure message=\"f(int&amp;) &#233;\" type=\"&amp;\">x &amp; y</failure></testcase></testsuite>";
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(xml, &rs, &err), 0);
	assert_int_equal(rs.n, 1);
	check(&rs.v[0], "a&b", "c&d", "t[x&y<&#38;]", ASSAY_FAIL, 1, 1, -1);
	check_text(&rs.v[0], "f(int&) \xC3\xA9", "&", NULL, NULL);
	results_free(&rs);
}

static void test_no_tests(void **state)
{
	(void)state;
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse("<testsuites/>", &rs, &err), 0);
	assert_int_equal(parse("<?xml version=\"1.0\"?>\n<testsuite name=\"x\" tests=\"3\"></testsuite>\n", &rs, &err), 0);
	assert_int_equal(rs.n, 0);
	results_free(&rs);
}

/* ---- bad input ---- */

static void expect_bad(const char *xml, size_t n, long line, const char *what)
{
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_n(xml, n, DEFAULT_CAP, &rs, &err), -ASSAY_EINPUT);
	check_err(&err, line, what);
	assert_null(strchr(err.msg, '\n'));
	results_free(&rs);
}

/* As expect_bad, for an error of libxml2's own: its reason. */
static void expect_bad_libxml2(const char *xml, long line, const char *reason)
{
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_n(xml, 0, DEFAULT_CAP, &rs, &err), -ASSAY_EINPUT);
	check_libxml2_err(&err, line, reason);
	assert_null(strchr(err.msg, '\n'));
	results_free(&rs);
}

static void test_bad_malformed(void **state)
{
	(void)state;
	expect_bad_libxml2("<testsuite>\n<testcase name=\"a\">\n</testsuite>\n", 3,
			   "Opening and ending tag mismatch: testcase line 2 and testsuite");
	expect_bad_libxml2("<testsuite>\n<testcase name=\"a\" name=\"b\"/>\n</testsuite>\n", 2,
			   "Attribute name redefined");
	expect_bad_libxml2("<testsuite><testcase name=\"&nope;\"/></testsuite>\n", 1, "Entity 'nope' not defined");
	expect_bad_libxml2("<testsuite><testcase name=\"\xff\"/></testsuite>\n", 1,
			   "Input is not proper UTF-8, indicate encoding ! Bytes: 0xFF 0x22 0x2F 0x3E");
	expect_bad("", 0, 1, "malformed XML: the document has no root element");
	expect_bad("<?xml version=\"1.0\"?>\n<!-- nothing -->\n", 0, 3,
		   "malformed XML: the document has no root element");
	expect_bad("just text\n", 0, 1, "malformed XML: the document has no root element");
	expect_bad("<testsuites/>\n\nleft over\n<testsuites/>\n", 0, 3,
		   "malformed XML: text outside the root element");
	expect_bad("<testsuites/><![CDATA[x]]>", 0, 1, "malformed XML: text outside the root element");
}

/* The length of doc up to needle (and past it, with after). */
static size_t cut_at(const char *doc, const char *needle, int after)
{
	const char *p = strstr(doc, needle);
	assert_non_null(p);
	return (size_t)(p - doc) + (after ? strlen(needle) : 0);
}

static void test_bad_truncated(void **state)
{
	(void)state;
	expect_bad(gtest_xml, cut_at(gtest_xml, "  <testsuite name", 0), 3,
		   "truncated XML: the document ends inside <testsuites>");
	expect_bad(gtest_xml, cut_at(gtest_xml, "    <testcase name=\"TwoFailures\"", 0), 5,
		   "truncated XML: the document ends inside <testsuite>");
	expect_bad(gtest_xml, cut_at(gtest_xml, "first]]>", 1), 10,
		   "truncated XML: the document ends inside <failure>");
	/* inside an attribute value, a tag, a CDATA section */
	expect_bad(gtest_xml, cut_at(gtest_xml, "Expected equality", 1), 6,
		   "truncated XML: the document ends inside a tag");
	expect_bad(gtest_xml, cut_at(gtest_xml, "<testcase name=\"Throws\"", 1), 17,
		   "truncated XML: the document ends inside a tag");
	expect_bad(gtest_xml, cut_at(gtest_xml, "first]]>", 0), 6,
		   "truncated XML: the document ends early");
	/* the test cases before the cut are reported, the one cut short is not */
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	size_t n = cut_at(cmocka_two_groups, "    <testcase name=\"b_skip\"", 0);
	assert_int_equal(parse_n(cmocka_two_groups, n, DEFAULT_CAP, &rs, &err), -ASSAY_EINPUT);
	check_err(&err, 14, "truncated XML: the document ends inside <testsuite>");
	assert_int_equal(rs.n, 2);
	results_free(&rs);
	n = cut_at(cmocka_two_groups, "      <skipped/>", 1);
	assert_int_equal(parse_n(cmocka_two_groups, n, DEFAULT_CAP, &rs, &err), -ASSAY_EINPUT);
	check_err(&err, 15, "truncated XML: the document ends inside <testcase>");
	assert_int_equal(rs.n, 2);
	results_free(&rs);
}

static void test_bad_not_junit(void **state)
{
	(void)state;
	expect_bad("<!DOCTYPE html>\n<html>\n<body><testcase name=\"x\"/></body></html>\n", 0, 2,
		   "not JUnit XML: the root element is <html>, not <testsuites> or <testsuite>");
	expect_bad("<?xml version=\"1.0\"?>\n<coverage line-rate=\"1\"/>\n", 0, 2,
		   "not JUnit XML: the root element is <coverage>, not <testsuites> or <testsuite>");
	/* every root of a multi-root file is checked */
	expect_bad("<testsuites/>\n<testsuites/>\n\n<report/>\n", 0, 4,
		   "not JUnit XML: the root element is <report>, not <testsuites> or <testsuite>");
}

static const char refused[] =
	"XML entity declarations are not accepted (no entity expansion, no external entities)";

static void test_bad_bomb_in_content(void **state)
{
	(void)state;
	expect_bad("<?xml version=\"1.0\"?>\n"
		   "<!DOCTYPE lolz [\n"
		   " <!ENTITY lol \"lol\">\n"
		   " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		   " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		   " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		   " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		   " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		   " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		   " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		   " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		   " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		   "]>\n"
		   "<testsuite><testcase name=\"t\"><system-out>&lol9;</system-out></testcase></testsuite>\n",
		   0, 3, refused);
}

static void test_bad_bomb_in_attribute(void **state)
{
	(void)state;
	expect_bad("<!DOCTYPE testsuite [\n"
		   "<!-- a comment with ] and ' in it -->\n"
		   "<!ATTLIST testsuite name CDATA \"]>\">\n"
		   "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
		   "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		   "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		   "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
		   "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
		   "]>\n"
		   "<testsuite name=\"&e;\"><testcase name=\"&e;&e;&e;&e;\"/></testsuite>\n",
		   0, 4, refused);
}

static void test_bad_external_entity(void **state)
{
	(void)state;
	expect_bad("<?xml version=\"1.0\"?>\n"
		   "<!DOCTYPE testsuite [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		   "<testsuite name=\"&x;\"><testcase name=\"t\"/></testsuite>\n",
		   0, 2, refused);
	expect_bad("<!DOCTYPE testsuite [\n<!ENTITY % p SYSTEM \"http://example.invalid/x.dtd\">\n%p;\n]>\n"
		   "<testsuite/>\n",
		   0, 2, refused);
}

/* UTF-16 is handed to libxml2 as it is (past the multi-root filter): the parser's own refusal holds. */
static void test_bad_bomb_utf16(void **state)
{
	(void)state;
	static const char ascii[] =
		"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
		"<!DOCTYPE t [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
		"<testsuite><testcase name=\"t\"><system-out>&b;</system-out></testcase></testsuite>\n";
	size_t n = strlen(ascii);
	char *u16 = malloc(2 * n + 2);
	assert_non_null(u16);
	u16[0] = (char)0xFF;
	u16[1] = (char)0xFE;
	for (size_t i = 0; i < n; i++) {
		u16[2 + 2 * i] = ascii[i];
		u16[3 + 2 * i] = 0;
	}
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_n(u16, 2 * n + 2, DEFAULT_CAP, &rs, &err), -ASSAY_EINPUT);
	free(u16);
	assert_int_equal(err.code, ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, refused));
	assert_int_equal(rs.n, 0);
	results_free(&rs);
}

/* The callback's error comes back as it is, and nothing more is read. */
static void test_callback_error(void **state)
{
	(void)state;
	struct results rs = { .fail_at = 2 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse(gtest_xml, &rs, &err), -ASSAY_EDB);
	assert_int_equal(err.code, ASSAY_EDB);
	assert_string_equal(err.msg, "store is full");
	assert_int_equal(rs.calls, 2);
	assert_int_equal(rs.n, 1);
	results_free(&rs);

	/* also from an attempt reported in the middle of a test case */
	static const char xml[] =
		"<testsuite><testcase name=\"t\"><flakyFailure message=\"a\"/><flakyFailure message=\"b\"/>"
		"</testcase></testsuite>";
	rs = (struct results){ .fail_at = 1 };
	assert_int_equal(parse(xml, &rs, &err), -ASSAY_EDB);
	assert_int_equal(rs.calls, 1);
	results_free(&rs);
}

/* ---- declared totals ---- */

struct mismatches {
	size_t n;
	char msg[4][2048], detail[4][256], suite[4][64];
	long line[4];
};

static int keep_mismatch(void *ud, const struct assay_junit_mismatch *m, assay_err *err)
{
	struct mismatches *ms = ud;
	(void)err;
	if (ms->n < 4) {
		snprintf(ms->msg[ms->n], sizeof(ms->msg[0]), "%s", m->message);
		snprintf(ms->detail[ms->n], sizeof(ms->detail[0]), "%s", m->detail);
		snprintf(ms->suite[ms->n], sizeof(ms->suite[0]), "%s", m->suite);
		ms->line[ms->n] = m->line;
	}
	ms->n++;
	return 0;
}

static int parse_totals(const char *xml, struct results *rs, struct mismatches *ms, assay_err *err)
{
	snprintf(path, sizeof(path), "%s/in.xml", tmpdir);
	write_file(path, xml, strlen(xml));
	assay_input *in;
	assert_int_equal(assay_input_open(&in, path, err), 0);
	struct assay_junit_opts o = {
		.output_cap = ASSAY_JUNIT_OUTPUT_CAP_DEFAULT, .on_mismatch = keep_mismatch, .mismatch_ud = ms,
	};
	int rc = assay_junit_parse(in, &o, collect, rs, err);
	assay_input_close(in);
	return rc;
}

/* A suite that declares more than it holds is stored as its cases say, and said once. */
static void test_declared_totals_disagree(void **state)
{
	(void)state;
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<testsuites tests=\"4\" failures=\"1\">\n"
		"<testsuite name=\"cut&#10;short\" tests=\"5\" failures=\"2\" errors=\"0\" skipped=\"1\">\n"
		"<testcase classname=\"k\" name=\"a\"/>\n"
		"<testcase classname=\"k\" name=\"b\"><failure message=\"boom\"/></testcase>\n"
		"<testcase classname=\"k\" name=\"c\"><skipped/></testcase>\n"
		"</testsuite>\n"
		"<testsuite name=\"fine\" tests=\"1\" failures=\"0\"><testcase classname=\"k\" name=\"d\"/></testsuite>\n"
		"</testsuites>\n";
	struct results rs = { 0 };
	struct mismatches ms = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_totals(xml, &rs, &ms, &err), 0);
	assert_int_equal(rs.n, 4);
	assert_int_equal(ms.n, 1);
	char want[TESTTMP_MAX + 2048];
	snprintf(want, sizeof(want),
		 "%s:3: testsuite 'cut?short' declares tests=5 failures=2 errors=0 skipped=1, its test cases "
		 "tests=3 failures=1 errors=0 skipped=1: stored as the test cases say", path);
	assert_string_equal(ms.msg[0], want);
	assert_string_equal(ms.detail[0], "{\"declared\":{\"tests\":5,\"failures\":2,\"errors\":0,\"skipped\":1},"
					  "\"held\":{\"tests\":3,\"failures\":1,\"errors\":0,\"skipped\":1}}");
	assert_string_equal(ms.suite[0], "cut\nshort");
	assert_int_equal(ms.line[0], 3);
	/* the cases directly under <testsuites> still have no suite; the collection is counted too */
	str_eq(rs.v[3].suite, "fine");
	results_free(&rs);

	/* the root's totals are checked as well: a converter that dropped a whole suite */
	static const char root[] = "<testsuites tests=\"3\" errors=\"1\"><testsuite name=\"s\">"
				   "<testcase name=\"a\"/><testcase name=\"b\"/></testsuite></testsuites>";
	ms = (struct mismatches){ 0 };
	assert_int_equal(parse_totals(root, &rs, &ms, &err), 0);
	assert_int_equal(ms.n, 1);
	assert_non_null(strstr(ms.msg[0], "testsuites (no name) declares tests=3 errors=1, its test cases tests=2 errors=0"));
	results_free(&rs);
}

/* Totals that agree, in the ways real producers count, say nothing. */
static void test_declared_totals_agree(void **state)
{
	(void)state;
	static const char *const agree[] = {
		/* nested suites: the outer one counts everything inside it */
		"<testsuites><testsuite name=\"o\" tests=\"3\" failures=\"1\"><testcase name=\"x\"/>"
		"<testsuite name=\"i\" tests=\"2\" failures=\"1\"><testcase name=\"a\"/>"
		"<testcase name=\"b\"><failure/></testcase></testsuite></testsuite></testsuites>",
		/* mocha: each suite counts only its own cases */
		"<testsuites><testsuite name=\"Root Suite\" tests=\"0\"><testsuite name=\"c\" tests=\"1\">"
		"<testcase name=\"a\"/></testsuite></testsuite></testsuites>",
		/* unittest-xml-reporting: an unexpected success is an <error> in its totals (stored as fail) */
		"<testsuite name=\"u\" tests=\"2\" failures=\"0\" errors=\"1\" skipped=\"0\"><testcase name=\"a\"/>"
		"<testcase name=\"b\"><error type=\"UnexpectedSuccess\"/></testcase></testsuite>",
		/* ctest: a test that could not run is skipped in its totals (stored as error) */
		"<testsuite name=\"c\" tests=\"1\" failures=\"0\" skipped=\"1\"><testcase name=\"t\" status=\"notrun\">"
		"<skipped message=\"Unable to find executable\"/></testcase></testsuite>",
		/* Surefire: a flaky test passed; one that kept failing is one failure */
		"<testsuite name=\"s\" tests=\"2\" failures=\"1\" errors=\"0\"><testcase name=\"f\">"
		"<flakyFailure message=\"x\"/></testcase><testcase name=\"r\"><failure/><rerunFailure/>"
		"</testcase></testsuite>",
		/* nose writes skip=; unreadable totals are no totals */
		"<testsuite name=\"n\" tests=\"1\" skip=\"1\" failures=\"many\"><testcase name=\"t\"><skipped/>"
		"</testcase></testsuite>",
	};
	for (size_t i = 0; i < sizeof(agree) / sizeof(agree[0]); i++) {
		struct results rs = { 0 };
		struct mismatches ms = { 0 };
		assay_err err = ASSAY_ERR_INIT;
		assert_int_equal(parse_totals(agree[i], &rs, &ms, &err), 0);
		if (ms.n)
			fail_msg("case %zu: %s", i, ms.msg[0]);
		results_free(&rs);
	}
	/* and nose's skip= disagreeing is said */
	struct results rs = { 0 };
	struct mismatches ms = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(parse_totals("<testsuite name=\"n\" tests=\"1\" skip=\"1\"><testcase name=\"t\"/></testsuite>",
				      &rs, &ms, &err), 0);
	assert_int_equal(ms.n, 1);
	assert_non_null(strstr(ms.msg[0], "declares tests=1 skipped=1, its test cases tests=1 skipped=0"));
	results_free(&rs);
}

/* ---- bounded memory ---- */

/* A file of n test cases, each with a failure, output and its own names. */
static void write_many(const char *p, long n)
{
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fputs("<?xml version=\"1.0\"?>\n<testsuites>\n<testsuite name=\"big\">\n", f);
	for (long i = 0; i < n; i++) {
		fprintf(f, "<testcase classname=\"pkg.Class%ld\" name=\"test_%ld\" time=\"0.%03ld\">", i / 100,
			i, i % 1000);
		if (i % 10 == 0)
			fprintf(f, "<failure message=\"assert %ld\" type=\"AssertionError\">trace %ld</failure>", i, i);
		fprintf(f, "<system-out><![CDATA[output of %ld]]></system-out></testcase>\n", i);
	}
	fputs("</testsuite>\n</testsuites>\n", f);
	assert_int_equal(fclose(f), 0);
}

static size_t peak_for(long n)
{
	snprintf(path, sizeof(path), "%s/many.xml", tmpdir);
	write_many(path, n);
	struct results rs = { .count_only = 1 };
	assay_err err = ASSAY_ERR_INIT;
	xml_peak = xml_live;
	size_t base = xml_live;
	assert_int_equal(parse_path(path, DEFAULT_CAP, &rs, &err), 0);
	assert_int_equal(rs.n, n);
	results_free(&rs);
	unlink(path);
	return xml_peak - base;
}

/*
 * Texts past libxml2's 10 MB limits: a CDATA section of 24 MB (as ctest
 * writes a chatty test's output), 24 MB of plain text, a failure's text of
 * 12 MB.  Each is read to its end and kept up to the cap; libxml2 holds
 * little of them at a time.
 */
static void test_huge_texts(void **state)
{
	(void)state;
	size_t big = 24u << 20, mid = 12u << 20;
	char *doc = malloc(2 * big + mid + 1000);
	assert_non_null(doc);
	size_t n = (size_t)sprintf(doc, "<testsuite><testcase name=\"a\"><system-out><![CDATA[");
	memset(doc + n, 'x', big);
	n += big;
	n += (size_t)sprintf(doc + n, "]]></system-out></testcase><testcase name=\"b\"><system-err>");
	for (size_t i = 0; i < big; i++)
		doc[n + i] = i % 100 == 99 ? '\n' : 'y';
	n += big;
	n += (size_t)sprintf(doc + n, "</system-err><failure>");
	memset(doc + n, 'z', mid);
	n += mid;
	n += (size_t)sprintf(doc + n, "</failure></testcase></testsuite>\n");
	struct results rs = { 0 };
	assay_err err = ASSAY_ERR_INIT;
	xml_peak = xml_live;
	size_t base = xml_live;
	assert_int_equal(parse_n(doc, n, DEFAULT_CAP, &rs, &err), 0);
	free(doc);
	assert_int_equal(rs.n, 2);
	assert_int_equal(strlen(rs.v[0].out), 64 * 1024);
	assert_int_equal(strlen(rs.v[1].err), 64 * 1024);
	assert_int_equal(strlen(rs.v[1].message), 64 * 1024);
	assert_int_equal(rs.v[1].status, ASSAY_FAIL);
	results_free(&rs);
	if (xml_peak - base > 2 * 1024 * 1024)
		fail_msg("libxml2 held %zu bytes for 60 MB of text", xml_peak - base);
}

/*
 * libxml2's peak allocation while parsing: the same for 10 000 test
 * cases as for 100 000.  A reader that kept the tree would need tens of
 * megabytes for the larger file.
 */
static void test_memory_bounded(void **state)
{
	(void)state;
	size_t small = peak_for(10000);
	size_t large = peak_for(100000);
	if (large > small + 64 * 1024 || large > 2 * 1024 * 1024)
		fail_msg("libxml2's peak grew with the input: %zu bytes for 10k test cases, %zu for 100k",
			 small, large);
}

static int setup(void **state)
{
	(void)state;
	return testtmp_template(tmpdir, sizeof(tmpdir), "assay-test-junit") == 0 && mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	char p[TESTTMP_MAX + 32];
	snprintf(p, sizeof(p), "%s/in.xml", tmpdir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/in.xml.gz", tmpdir);
	unlink(p);
	return rmdir(tmpdir);
}

int main(void)
{
	/* before libxml2 allocates anything, so that every block goes through the counter */
	xmlMemSetup(count_free, count_malloc, count_realloc, count_strdup);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmocka_several_roots),
		cmocka_unit_test(test_concatenated_documents),
		cmocka_unit_test(test_line_numbers_after_second_root),
		cmocka_unit_test(test_gtest),
		cmocka_unit_test(test_ctest),
		cmocka_unit_test(test_surefire_flaky),
		cmocka_unit_test(test_surefire_rerun),
		cmocka_unit_test(test_many_reruns),
		cmocka_unit_test(test_nested_suites),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test(test_suite_names),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_output_cap),
		cmocka_unit_test(test_gzip),
		cmocka_unit_test(test_namespaces),
		cmocka_unit_test(test_escaped_attributes),
		cmocka_unit_test(test_no_tests),
		cmocka_unit_test(test_bad_malformed),
		cmocka_unit_test(test_bad_truncated),
		cmocka_unit_test(test_bad_not_junit),
		cmocka_unit_test(test_bad_bomb_in_content),
		cmocka_unit_test(test_bad_bomb_in_attribute),
		cmocka_unit_test(test_bad_external_entity),
		cmocka_unit_test(test_bad_bomb_utf16),
		cmocka_unit_test(test_callback_error),
		cmocka_unit_test(test_declared_totals_disagree),
		cmocka_unit_test(test_declared_totals_agree),
		cmocka_unit_test(test_huge_texts),
		cmocka_unit_test(test_memory_bounded),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
