/* SPDX-License-Identifier: MIT */
/* Cobertura XML: classes, methods, branches, sources, hostile and broken input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "covtest.h"
#include "testtmp.h"
#include "buf.h"
#include "rmtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * gcovr's shape, DOCTYPE included.  The root's totals are wrong on purpose
 * (lines-valid 99): Assay counts the lines.
 */
static const char gcovr_doc[] =
	"<?xml version='1.0' encoding='utf-8'?>\n"
	"<!DOCTYPE coverage SYSTEM 'http://cobertura.sourceforge.net/xml/coverage-04.dtd'>\n"
	"<coverage line-rate=\"0.9\" branch-rate=\"0.5\" lines-covered=\"98\" lines-valid=\"99\""
	" branches-covered=\"2\" branches-valid=\"4\" version=\"gcovr 8.2\">\n"
	"  <sources>\n    <source>/home/ci/proj</source>\n  </sources>\n"
	"  <packages><package name=\"\"><classes>\n"
	"    <class name=\"main_cpp\" filename=\"main.cpp\" line-rate=\"0.6\">\n"
	"      <methods>\n"
	"        <method name=\"not_called\" signature=\"()\" line-rate=\"0.0\"><lines>\n"
	"          <line number=\"3\" hits=\"0\" branch=\"false\"/>\n"
	"          <line number=\"4\" hits=\"0\" branch=\"false\"/>\n"
	"        </lines></method>\n"
	"        <method name=\"foo\" signature=\"(int)\"><lines>\n"
	"          <line number=\"8\" hits=\"1\" branch=\"true\" condition-coverage=\"50% (1/2)\">\n"
	"            <conditions><condition number=\"0\" type=\"jump\" coverage=\"50%\"/></conditions>\n"
	"          </line>\n"
	"          <line number=\"7\" hits=\"4\" branch=\"false\"/>\n"
	"          <line number=\"9\" hits=\"0\" branch=\"false\"/>\n"
	"        </lines></method>\n"
	"        <method name=\"lambda\" signature=\"()\"><lines/></method>\n"
	"        <method name=\"empty\" signature=\"()\"/>\n"
	"      </methods>\n"
	"      <lines>\n"
	"        <line number=\"3\" hits=\"0\" branch=\"false\"/>\n"
	"        <line number=\"4\" hits=\"0\" branch=\"false\"/>\n"
	"        <line number=\"7\" hits=\"4\" branch=\"false\"/>\n"
	"        <line number=\"8\" hits=\"1\" branch=\"true\" condition-coverage=\"50% (1/2)\">\n"
	"          <conditions><condition number=\"0\" type=\"jump\" coverage=\"50%\"/></conditions>\n"
	"        </line>\n"
	"        <line number=\"9\" hits=\"0\" branch=\"false\"/>\n"
	"        <line number=\"12\" hits=\"0\" branch=\"true\" condition-coverage=\"0% (0/3)\"/>\n"
	"        <line number=\"13\" hits=\"2\" branch=\"true\"/>\n"
	"      </lines>\n"
	"    </class>\n"
	"  </classes></package></packages>\n"
	"</coverage>\n";

static void test_gcovr(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	struct assay_cov_opts o = { .paths = { "/home/ci/proj", NULL } };
	assert_int_equal(covtest_parse(assay_cobertura_parse, gcovr_doc, cs, &o, &err), 0);
	assert_int_equal(assay_covset_count(cs), 1);
	assay_filecov *f = covtest_file(cs, "main.cpp");
	/* 7 lines (methods' lines not counted twice), 2 + 3 branches, 2 methods with lines */
	covtest_totals(f, 7, 3, 5, 1, 2, 1);
	assert_int_equal(f->lines[2].line, 7);
	assert_int_equal(f->lines[2].count, 4);
	assert_int_equal(f->branches[0].line, 8);
	assert_int_equal(f->branches[0].taken, 1);
	assert_int_equal(f->branches[1].taken, 0);
	assert_int_equal(f->branches[2].line, 12);
	assert_int_equal(f->branches[2].taken, -1); /* line 12 never ran */
	/* a method is at its lowest line and has that line's hits */
	assert_string_equal(f->funcs[0].name, "not_called()");
	assert_int_equal(f->funcs[0].count, 0);
	assert_string_equal(f->funcs[1].name, "foo(int)");
	assert_int_equal(f->funcs[1].line, 7);
	assert_int_equal(f->funcs[1].end_line, 9);
	assert_int_equal(f->funcs[1].count, 4);
	assay_covset_free(cs);
}

/* ReportGenerator: no sources, Windows paths, one file in two classes (partial classes). */
static void test_no_sources_partial_classes(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *doc =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<coverage line-rate=\"1\" version=\"0\">\n  <sources />\n  <packages><package name=\"S\"><classes>\n"
		"   <class name=\"S.A\" filename=\"C:\\temp\\A.cs\"><methods/><lines>\n"
		"     <line number=\"8\" hits=\"1\" branch=\"false\" />\n"
		"     <line number=\"25\" hits=\"1\" branch=\"true\" condition-coverage=\"50% (1/2)\" />\n"
		"   </lines></class>\n"
		"   <class name=\"S.A2\" filename=\"C:\\temp\\A.cs\"><lines>\n"
		"     <line number=\"8\" hits=\"2\" branch=\"false\" />\n"
		"     <line number=\"30\" hits=\"0\" branch=\"false\" />\n"
		"   </lines></class>\n"
		"   <class name=\"S.Empty\" filename=\"C:\\temp\\B.cs\" />\n"
		"  </classes></package></packages>\n</coverage>\n";
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, NULL, &err), 0);
	assert_int_equal(assay_covset_count(cs), 2);
	assay_filecov *a = covtest_file(cs, "C:/temp/A.cs");
	covtest_totals(a, 3, 2, 2, 1, 0, 0);
	assert_int_equal(a->lines[0].count, 3);
	covtest_totals(covtest_file(cs, "C:/temp/B.cs"), 0, 0, 0, 0, 0, 0);
	assay_covset_free(cs);
}

static char tmp_dir[TESTTMP_MAX];

static void make_tree(void)
{
	assert_int_equal(testtmp_template(tmp_dir, sizeof(tmp_dir), "assay-test-cobsrc"), 0);
	assert_non_null(mkdtemp(tmp_dir));
	char p[TESTTMP_MAX + 32];
	snprintf(p, sizeof(p), "%s/second", tmp_dir);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/second/lib", tmp_dir);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/second/lib/x.c", tmp_dir);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fclose(fp);
}

static void remove_tree(void)
{
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_rmtree(tmp_dir, &err), 0);
}

/* A filename is relative to the first source under which it exists, else to the first source. */
static void test_sources(void **state)
{
	(void)state;
	make_tree();
	char doc[2048 + TESTTMP_MAX];
	snprintf(doc, sizeof(doc),
		 "<coverage><sources><source>%s/first</source>\n"
		 "<source>\n  second\n</source></sources><packages><package><classes>\n"
		 "<class filename=\"lib/x.c\"><lines><line number=\"1\" hits=\"1\"/></lines></class>\n"
		 "<class filename=\"lib/gone.c\"><lines><line number=\"1\" hits=\"1\"/></lines></class>\n"
		 /* under no source, but there by itself (relative to the root) */
		 "<class filename=\"second/lib/x.c\"><lines><line number=\"1\" hits=\"2\"/></lines></class>\n"
		 "</classes></package></packages></coverage>",
		 tmp_dir);
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	struct assay_cov_opts o = { .paths = { tmp_dir, NULL } };
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, &o, &err), 0);
	assert_int_equal(assay_covset_count(cs), 2);
	assert_string_equal(assay_covset_at(cs, 0)->path, "first/lib/gone.c");
	assert_string_equal(assay_covset_at(cs, 1)->path, "second/lib/x.c");
	assert_int_equal(assay_covset_at(cs, 1)->lines[0].count, 3);
	assay_covset_free(cs);
	remove_tree();
}

/*
 * gcovr run in a build tree writes a source relative to it; with nothing at
 * hand, a first source that leads out of the project is not used.
 */
static void test_relative_source(void **state)
{
	(void)state;
	const char *doc = "<coverage><sources><source>../repo/proj</source></sources><packages>"
			  "<package><classes><class filename=\"src/eval.c\"><lines>"
			  "<line number=\"1\" hits=\"1\"/></lines></class></classes></package>"
			  "</packages></coverage>";
	const char *doc2 = "<coverage><sources><source>out/std</source></sources><packages>"
			   "<package><classes><class filename=\"main.cpp\"><lines>"
			   "<line number=\"1\" hits=\"1\"/></lines></class></classes></package>"
			   "</packages></coverage>";
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	struct assay_cov_opts o = { .paths = { "/nonexistent/root", NULL } };
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, &o, &err), 0);
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc2, cs, &o, &err), 0);
	assert_int_equal(assay_covset_count(cs), 2);
	assert_string_equal(assay_covset_at(cs, 0)->path, "out/std/main.cpp");
	assert_string_equal(assay_covset_at(cs, 1)->path, "src/eval.c");
	assay_covset_free(cs);
}

static void expect_error(const char *text, const char *msg_after_path)
{
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_cobertura_parse, text, cs, NULL, &err), -ASSAY_EINPUT);
	assert_int_equal(err.code, ASSAY_EINPUT);
	char want[TESTTMP_MAX + 1200];
	snprintf(want, sizeof(want), "%s%s", covtest_path, msg_after_path);
	assert_string_equal(err.msg, want);
	assay_covset_free(cs);
}

/* The start of a message: libxml2's own wording after it may vary by version. */
static void expect_error_prefix(const char *text, const char *msg_after_path)
{
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_cobertura_parse, text, cs, NULL, &err), -ASSAY_EINPUT);
	assert_int_equal(err.code, ASSAY_EINPUT);
	char want[TESTTMP_MAX + 1200];
	snprintf(want, sizeof(want), "%s%s", covtest_path, msg_after_path);
	if (strncmp(err.msg, want, strlen(want)))
		fail_msg("message \"%s\" does not start with \"%s\"", err.msg, want);
	assay_covset_free(cs);
}

/* Refused: -ASSAY_EINPUT, a message that names the input and says why, no data through. */
static void expect_refused(const char *text)
{
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_cobertura_parse, text, cs, NULL, &err), -ASSAY_EINPUT);
	assert_int_equal(err.code, ASSAY_EINPUT);
	assert_int_equal(strncmp(err.msg, covtest_path, strlen(covtest_path)), 0);
	if (!strstr(err.msg, "entit"))
		fail_msg("message \"%s\" does not speak of entities", err.msg);
	assert_int_equal(assay_covset_count(cs), 0);
	assay_covset_free(cs);
}

static void test_hostile(void **state)
{
	(void)state;
	/* billion laughs, shortened: refused for declaring entities, never expanded */
	expect_refused("<?xml version=\"1.0\"?>\n"
		       "<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
		       " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		       " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n"
		       "<coverage><packages><package><classes><class filename=\"&lol3;\"><lines>"
		       "<line number=\"1\" hits=\"1\"/></lines></class></classes></package></packages>"
		       "</coverage>\n");
	/* an external entity: the file is never read */
	expect_refused("<?xml version=\"1.0\"?>\n"
		       "<!DOCTYPE coverage [\n <!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
		       "<coverage><sources><source>&x;</source></sources></coverage>\n");
	/* a parameter entity pulling in an external DTD */
	expect_refused("<?xml version=\"1.0\"?>\n"
		       "<!DOCTYPE coverage [\n <!ENTITY % d SYSTEM \"http://127.0.0.1:1/x.dtd\"> %d;\n]>\n"
		       "<coverage/>\n");
}

static void test_errors(void **state)
{
	(void)state;
	expect_error_prefix("<coverage><packages><package><classes>\n"
			    "<class filename=\"a.c\"><lines><line number=\"1\" hits=\"1\"/>\n",
			    ":2: malformed XML");
	expect_error_prefix("<coverage><sources></coverage>\n", ":1: malformed XML");
	expect_error("<testsuites><testsuite/></testsuites>\n",
		     ":1: Cobertura: the root element is not <coverage>: not Cobertura XML");
	expect_error("<coverage><packages><package><classes>\n<class name=\"x\">\n</class>"
		     "</classes></package></packages></coverage>",
		     ":2: Cobertura: <class> without a filename");
	expect_error("<coverage><packages><package><classes><class filename=\"a.c\"><lines>\n"
		     "<line number=\"1\"/></lines></class></classes></package></packages></coverage>",
		     ":2: Cobertura: <line> without a valid hits count");
	expect_error("<coverage><packages><package><classes><class filename=\"a.c\"><lines>\n\n"
		     "<line number=\"x1\" hits=\"1\"/></lines></class></classes></package></packages></coverage>",
		     ":3: Cobertura: <line> without a valid number");
	expect_error("<coverage><packages><package><classes><class filename=\"a.c\"><lines>\n"
		     "<line number=\"1\" hits=\"inf\"/></lines></class></classes></package></packages></coverage>",
		     ":2: Cobertura: <line> without a valid hits count");
	expect_error("<coverage><packages><package><classes><class filename=\"a.c\"><lines>\n"
		     "<line number=\"1\" hits=\"1\" branch=\"true\" condition-coverage=\"50%\"/>"
		     "</lines></class></classes></package></packages></coverage>",
		     ":2: Cobertura: <line> with a malformed condition-coverage (expected \"P% (C/T)\")");
	expect_error("<coverage><packages><package><classes><class filename=\"a.c\"><lines>\n"
		     "<line number=\"1\" hits=\"1\" branch=\"true\" condition-coverage=\"100% (3/2)\"/>"
		     "</lines></class></classes></package></packages></coverage>",
		     ":2: Cobertura: <line> with a malformed condition-coverage (expected \"P% (C/T)\")");
}

/* Hits written as reals (some converters), and a very large count. */
static void test_hits_values(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	const char *doc = "<coverage><packages><package><classes><class filename=\"a.c\"><lines>"
			  "<line number=\"1\" hits=\"2.0\"/><line number=\"2\" hits=\"0.5\"/>"
			  "<line number=\"3\" hits=\"-1\"/>"
			  "<line number=\"4\" hits=\"18446744073709551615\"/>"
			  "</lines></class></classes></package></packages></coverage>";
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, NULL, &err), 0);
	assay_filecov *f = covtest_file(cs, "a.c");
	assert_int_equal(f->lines[0].count, 2);
	assert_int_equal(f->lines[1].count, 1);
	assert_int_equal(f->lines[2].count, 0);
	assert_true(f->lines[3].count == UINT64_MAX);
	assay_covset_free(cs);
}

/*
 * .NET's producers write booleans as C#'s bool.ToString() does: coverlet
 * (dotnet test --collect "XPlat Code Coverage"), dotnet-coverage and the
 * older XPlat collector write branch="True".
 */
static void test_boolean_case(void **state)
{
	(void)state;
	const char *doc =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<coverage line-rate=\"1\" branch-rate=\"0.5\" version=\"1.9\" timestamp=\"1\">\n"
		"  <sources />\n  <packages><package name=\"Calc\"><classes>\n"
		"   <class name=\"Calc.Ops\" filename=\"Ops.cs\"><methods /><lines>\n"
		"     <line number=\"8\" hits=\"3\" branch=\"False\" />\n"
		"     <line number=\"9\" hits=\"3\" branch=\"True\" condition-coverage=\"50% (1/2)\">\n"
		"       <conditions><condition number=\"7\" type=\"jump\" coverage=\"50%\" /></conditions>\n"
		"     </line>\n"
		"     <line number=\"10\" hits=\"1\" branch=\"TRUE\" condition-coverage=\"100% (4/4)\" />\n"
		"     <line number=\"11\" hits=\"1\" branch=\"False\" condition-coverage=\"0% (0/2)\" />\n"
		"   </lines></class>\n  </classes></package></packages>\n</coverage>\n";
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, NULL, &err), 0);
	/* 4 lines; 1/2 on line 9 and 4/4 on line 10; line 11 is not a branch line */
	covtest_totals(covtest_file(cs, "Ops.cs"), 4, 4, 6, 5, 0, 0);
	assay_covset_free(cs);
}

/*
 * Lines only under <methods>: slather's old Cobertura output has no class
 * <lines> at all; others list a line under a method and not under its
 * class.  Such a line counts, once, as ReportGenerator counts it.
 */
static void test_method_only_lines(void **state)
{
	(void)state;
	const char *doc =
		"<coverage><sources><source>TODO</source></sources><packages><package name=\"TODO\"><classes>\n"
		/* no class-level <lines>: every line is a method's */
		"<class name=\"CLCOps.m\" filename=\"Calc/CLCOps.m\"><methods>\n"
		" <method name=\"- (NSInteger)add\" signature=\"()V\"><lines>\n"
		"  <line number=\"5\" hits=\"4\" branch=\"false\"/><line number=\"6\" hits=\"4\" branch=\"false\"/>\n"
		" </lines></method>\n"
		" <method name=\"- (NSInteger)abs\" signature=\"()V\"><lines>\n"
		"  <line number=\"9\" hits=\"3\" branch=\"false\"/><line number=\"10\" hits=\"0\" branch=\"false\"/>\n"
		" </lines></method>\n"
		/* the same method twice (slather pushes it again at a later '}'): its lines count once */
		" <method name=\"- (NSInteger)abs\" signature=\"()V\"><lines>\n"
		"  <line number=\"9\" hits=\"3\" branch=\"false\"/><line number=\"10\" hits=\"0\" branch=\"false\"/>\n"
		" </lines></method>\n"
		"</methods></class>\n"
		/* class lines first, a method's extra line (with branches) after */
		"<class name=\"B\" filename=\"b.c\"><lines>\n"
		" <line number=\"3\" hits=\"2\"/><line number=\"4\" hits=\"2\"/>\n"
		"</lines><methods>\n"
		" <method name=\"f\" signature=\"()\"><lines>\n"
		"  <line number=\"3\" hits=\"2\"/><line number=\"4\" hits=\"2\"/>\n"
		"  <line number=\"5\" hits=\"1\" branch=\"true\" condition-coverage=\"50% (1/2)\"/>\n"
		" </lines></method>\n"
		"</methods></class>\n"
		"</classes></package></packages></coverage>\n";
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, NULL, &err), 0);
	assay_filecov *m = covtest_file(cs, "TODO/Calc/CLCOps.m");
	covtest_totals(m, 4, 3, 0, 0, 2, 2);
	assert_int_equal(m->lines[2].line, 9);
	assert_int_equal(m->lines[2].count, 3);
	assay_filecov *b = covtest_file(cs, "TODO/b.c");
	covtest_totals(b, 3, 3, 2, 1, 1, 1);
	assert_int_equal(b->lines[0].count, 2); /* not 4: a method's copy of a class line is not added */
	assert_int_equal(b->lines[2].line, 5);
	assay_covset_free(cs);
}

/*
 * coverage.py with two source directories, from another machine: each file
 * is found under the root by a tail of its own source; "--source" (an
 * option written as a value) is no directory.
 */
static void test_sources_elsewhere(void **state)
{
	(void)state;
	char root[TESTTMP_MAX], p[TESTTMP_MAX + 96];
	assert_int_equal(testtmp_template(root, sizeof(root), "assay-test-cobtail"), 0);
	assert_non_null(mkdtemp(root));
	const char *dirs[] = { "lib", "lib/calc", "tools" };
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/%s", root, dirs[i]);
		assert_int_equal(mkdir(p, 0700), 0);
	}
	const char *files[] = { "lib/calc/ops.py", "tools/cli.py" };
	for (size_t i = 0; i < 2; i++) {
		snprintf(p, sizeof(p), "%s/%s", root, files[i]);
		FILE *fp = fopen(p, "w");
		assert_non_null(fp);
		fclose(fp);
	}
	const char *doc =
		"<coverage><sources><source>--source</source><source>/ci/proj/lib</source>\n"
		"<source>/ci/proj/tools</source></sources><packages><package><classes>\n"
		"<class filename=\"cli.py\"><lines><line number=\"1\" hits=\"1\"/></lines></class>\n"
		"<class filename=\"calc/ops.py\"><lines><line number=\"1\" hits=\"1\"/></lines></class>\n"
		"<class filename=\"gone.py\"><lines><line number=\"1\" hits=\"1\"/></lines></class>\n"
		"</classes></package></packages></coverage>";
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	struct assay_cov_opts o = { .paths = { root, NULL } };
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, &o, &err), 0);
	assert_int_equal(assay_covset_count(cs), 3);
	/* nothing at hand for gone.py, no source inside the project: the first source */
	assert_string_equal(assay_covset_at(cs, 0)->path, "/ci/proj/lib/gone.py");
	assert_string_equal(assay_covset_at(cs, 1)->path, "lib/calc/ops.py");
	assert_string_equal(assay_covset_at(cs, 2)->path, "tools/cli.py");
	assay_covset_free(cs);

	/* --strip the producer's checkout: the same, by the stripped path, and gone.py inside */
	cs = assay_covset_new();
	struct assay_cov_opts so = { .paths = { root, "/ci/proj" } };
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, &so, &err), 0);
	assert_string_equal(assay_covset_at(cs, 0)->path, "lib/calc/ops.py");
	assert_string_equal(assay_covset_at(cs, 1)->path, "lib/gone.py");
	assert_string_equal(assay_covset_at(cs, 2)->path, "tools/cli.py");
	assay_covset_free(cs);

	assert_int_equal(assay_rmtree(root, &err), 0);
}

/* grcov: no condition-coverage; each <condition> is a branch, coverage "1" taken, "0" not. */
static void test_conditions_only(void **state)
{
	(void)state;
	const char *doc =
		"<?xml version=\"1.0\"?>\n<coverage version=\"1.9\"><sources><source>/ci/calc</source></sources>\n"
		"<packages><package name=\"src/env.c\"><classes><class name=\"env\" filename=\"src/env.c\">\n"
		"<methods><method name=\"calc_env_set\" signature=\"\"><lines>\n"
		"  <line number=\"29\" hits=\"30\" branch=\"true\"><conditions>\n"
		"    <condition number=\"0\" type=\"jump\" coverage=\"1\"/>\n"
		"    <condition number=\"1\" type=\"jump\" coverage=\"0\"/>\n"
		"  </conditions></line>\n"
		"  <line number=\"40\" hits=\"0\" branch=\"true\"><conditions>\n"
		"    <condition number=\"0\" type=\"jump\" coverage=\"0\"/>\n"
		"  </conditions></line>\n"
		"</lines></method></methods>\n"
		"<lines>\n"
		"  <line number=\"29\" hits=\"30\" branch=\"true\">\n    <conditions>\n"
		"      <condition number=\"0\" type=\"jump\" coverage=\"1\"/>\n"
		"      <condition number=\"1\" type=\"jump\" coverage=\"0\"/>\n"
		"      <condition number=\"2\" type=\"jump\" coverage=\"50%\"/>\n"
		"    </conditions>\n  </line>\n"
		"  <line number=\"30\" hits=\"4\">\n  </line>\n"
		"</lines></class></classes></package></packages></coverage>\n";
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, NULL, &err), 0);
	/* lines 29, 30 and the method's 40; 3 branches on 29 (2 taken), 1 on 40 never run */
	assay_filecov *f = covtest_file(cs, "/ci/calc/src/env.c");
	covtest_totals(f, 3, 2, 4, 2, 1, 1);
	assert_int_equal(f->branches[3].line, 40);
	assert_int_equal(f->branches[3].taken, -1);
	assay_covset_free(cs);
	expect_error("<coverage><packages><package><classes><class filename=\"a.c\"><lines>\n"
		     "<line number=\"1\" hits=\"1\" branch=\"true\"><conditions>\n"
		     "<condition number=\"0\" coverage=\"most\"/></conditions></line>"
		     "</lines></class></classes></package></packages></coverage>",
		     ":3: Cobertura: <condition> without a valid coverage");
}

/*
 * '&' written as &amp;, &#38; or &#x26; in an attribute is '&' (libxml2's
 * push parser hands it over as "&#38;"); other references decoded too.
 */
static void test_escaped_attributes(void **state)
{
	(void)state;
	const char *doc = "<coverage><packages><package><classes>"
			  "<class filename=\"a&amp;b&#38;c&#x26;d&lt;&#233;&amp;#38;.cs\"><methods>"
			  "<method name=\"Run&amp;\" signature=\"(System.Int32&amp;,List`1&lt;T&gt;)\">"
			  "<lines><line number=\"3\" hits=\"2\"/></lines></method></methods>"
			  "<lines><line number=\"3\" hits=\"2\"/></lines></class>"
			  "</classes></package></packages></coverage>";
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_cobertura_parse, doc, cs, NULL, &err), 0);
	assert_int_equal(assay_covset_count(cs), 1);
	assay_filecov *f = covtest_file(cs, "a&b&c&d<\xC3\xA9&#38;.cs");
	covtest_totals(f, 1, 1, 0, 0, 1, 1);
	assert_string_equal(f->funcs[0].name, "Run&(System.Int32&,List`1<T>)");
	assay_covset_free(cs);
}

/* Lines past 65535 (where libxml2 2.9 stops counting an element's line) are told exactly. */
static void test_far_lines(void **state)
{
	(void)state;
	assay_buf b = ASSAY_BUF_INIT;
	assay_buf_adds(&b, "<coverage>");
	for (int i = 0; i < 70000; i++)
		assay_buf_addc(&b, '\n');
	assay_buf_adds(&b, "<packages><package><classes><class filename=\"a.c\"><lines>"
			   "<line number=\"1\" hits=\"x\"/>\n\n\n</lines></class></classes></package>"
			   "</packages></coverage>\n");
	expect_error(b.buf, ":70001: Cobertura: <line> without a valid hits count");
	/* an entity declaration: refused on the line that declares it */
	expect_error("<?xml version=\"1.0\"?>\n<!DOCTYPE coverage [\n <!ELEMENT coverage ANY>\n"
		     " <!ENTITY x \"y\">\n]>\n<coverage/>\n",
		     ":4: XML entity declarations are not accepted (no entity expansion, no external entities)");
	assay_buf_release(&b);
}

/* A text past libxml2's 10 MB limit on a text node, in an element Assay does not read: read through. */
static void test_huge_text(void **state)
{
	(void)state;
	assay_buf b = ASSAY_BUF_INIT;
	assay_buf_adds(&b, "<coverage><extra>");
	for (int i = 0; i < 150000; i++)
		assay_buf_adds(&b, "text that no producer writes but a file may still hold, line after line\n");
	assay_buf_adds(&b, "</extra><packages><package><classes><class filename=\"a.c\"><lines>"
			   "<line number=\"1\" hits=\"1\"/></lines></class></classes></package></packages>"
			   "</coverage>\n");
	assert_true(b.len > 10 * 1000 * 1000);
	assay_covset *cs = assay_covset_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(covtest_parse(assay_cobertura_parse, b.buf, cs, NULL, &err), 0);
	covtest_totals(covtest_file(cs, "a.c"), 1, 1, 0, 0, 0, 0);
	assay_covset_free(cs);
	assay_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gcovr),
		cmocka_unit_test(test_no_sources_partial_classes),
		cmocka_unit_test(test_sources),
		cmocka_unit_test(test_relative_source),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_hits_values),
		cmocka_unit_test(test_boolean_case),
		cmocka_unit_test(test_method_only_lines),
		cmocka_unit_test(test_sources_elsewhere),
		cmocka_unit_test(test_conditions_only),
		cmocka_unit_test(test_escaped_attributes),
		cmocka_unit_test(test_far_lines),
		cmocka_unit_test(test_huge_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
