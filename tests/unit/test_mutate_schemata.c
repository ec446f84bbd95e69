/* SPDX-License-Identifier: MIT */
/*
 * Discovery and schemata on tests/fixtures/mutate/unit/ops.c: the mutants
 * each operator finds, and the property the schemata build rests on:
 * the schemata program with ASSAY_MUTANT=k behaves exactly as the program
 * with mutant k applied alone, for every k (and as the original for 0).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "ccdb.h"
#include "discover.h"
#include "mem.h"
#include "operators.h"
#include "proc.h"
#include "schemata.h"
#include "scratch.h"
#include "rmtree.h"
#include "testtmp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OPS ASSAY_TEST_DATA "/mutate/unit/ops.c"

static mut_project proj;
static char tmpdir[TESTTMP_MAX];

static int setup(void **state)
{
	(void)state;
	if (testtmp_template(tmpdir, sizeof(tmpdir), "assay-mutate-unit") < 0 || !mkdtemp(tmpdir))
		return -1;
	mut_project_init(&proj);
	char *argv[] = { "cc", "-std=c11", "-c", OPS, NULL };
	mut_ccentry e = { .dir = "/", .file = OPS, .argv = argv, .argc = 4 };
	mut_discover *d = mut_discover_new();
	unsigned mask;
	assay_err err = ASSAY_ERR_INIT;
	mut_op_mask(NULL, &mask, &err);
	int rc = mut_discover_file(d, &proj, &e, "ops.c", mask, &err);
	mut_discover_free(d);
	if (rc < 0)
		fprintf(stderr, "%s\n", err.msg);
	return rc;
}

static int teardown(void **state)
{
	(void)state;
	mut_project_release(&proj);
	assay_err err = ASSAY_ERR_INIT;
	assay_rmtree(tmpdir, &err);
	return 0;
}

static size_t count_op(const char *op)
{
	size_t n = 0;
	for (size_t i = 0; i < proj.nmutants; i++)
		n += !strcmp(proj.mutants[i].op, op);
	return n;
}

static void test_operators(void **state)
{
	(void)state;
	assert_int_equal(proj.nfiles, 1);
	/* a + b * 2: + and *; a % 3; r -= ...: -= ; i++ ; r += !i: += */
	assert_int_equal(count_op("arith"), 3);
	/* a < b (2), b != 0 (1), a == 1, 2, 5 (1 each), i < 3 (2), i == 1 (1), SQUARE(r) > 100 (2) */
	assert_int_equal(count_op("rel"), 11);
	assert_int_equal(count_op("logic"), 3);
	/* | in |= is assign; << is bit */
	assert_int_equal(count_op("bit"), 1);
	assert_int_equal(count_op("assign"), 4);
	/* counter++ (in bump), i++, !i, -r */
	assert_int_equal(count_op("unary"), 4);
	/* deleting bump(); and continue */
	assert_int_equal(count_op("delete"), 2);
	/* the three ifs and the ternary: forced true and false */
	assert_int_equal(count_op("cond"), 8);
	/* return of the ternary: 0, 1, negated */
	assert_int_equal(count_op("return"), 3);
	/* 0 and 1: one each (0->1, 1->0), the others two (c+1, -c): 2 3 2 5 7 3 100, 0 0 1 1 1 */
	assert_int_equal(count_op("const"), 19);
	assert_int_equal(proj.nmutants, 58);
	for (size_t i = 0; i < proj.nmutants; i++) {
		/* nothing from the macro's body, nothing in main (no-mutate) */
		assert_true(proj.mutants[i].line >= 9 && proj.mutants[i].line <= 28);
		assert_string_not_equal(proj.mutants[i].func, "main");
		assert_int_equal(strlen(proj.mutants[i].key), 32);
		assert_int_equal(proj.mutants[i].id, (int)i + 1);
	}
}

static void test_keys_stable(void **state)
{
	(void)state;
	/* every key distinct; the same source discovered again gives the same keys */
	for (size_t i = 0; i < proj.nmutants; i++)
		for (size_t k = i + 1; k < proj.nmutants; k++)
			assert_string_not_equal(proj.mutants[i].key, proj.mutants[k].key);
	mut_project again;
	mut_project_init(&again);
	char *argv[] = { "cc", "-c", OPS, NULL };
	mut_ccentry e = { .dir = "/", .file = OPS, .argv = argv, .argc = 3 };
	mut_discover *d = mut_discover_new();
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(mut_discover_file(d, &again, &e, "ops.c", (1u << MUT_NOPS) - 1, &err), 0);
	mut_discover_free(d);
	assert_int_equal(again.nmutants, proj.nmutants);
	for (size_t i = 0; i < proj.nmutants; i++)
		assert_string_equal(again.mutants[i].key, proj.mutants[i].key);
	mut_project_release(&again);
}

/* Line `line` (1-based) of text, as a new string without its newline. */
static char *nth_line(const char *text, unsigned line)
{
	const char *p = text;
	for (unsigned l = 1; l < line && p; l++) {
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	assert_non_null(p);
	return assay_xstrndup(p, strcspn(p, "\n"));
}

/* Each mutant's line and column are those of its offsets, counted the slow way. */
static void test_line_col(void **state)
{
	(void)state;
	const mut_file *f = &proj.files[0];
	for (size_t i = 0; i < proj.nmutants; i++) {
		const mut_mutant *m = &proj.mutants[i];
		unsigned offs[2] = { m->start, m->end }, want[2][2];
		for (int k = 0; k < 2; k++) {
			unsigned l = 1, last = 0;
			for (unsigned j = 0; j < offs[k]; j++)
				if (f->text[j] == '\n') {
					l++;
					last = j + 1;
				}
			want[k][0] = l;
			want[k][1] = offs[k] - last + 1;
		}
		assert_int_equal(m->line, want[0][0]);
		assert_int_equal(m->col, want[0][1]);
		assert_int_equal(m->end_line, want[1][0]);
		assert_int_equal(m->end_col, want[1][1]);
	}
}

/*
 * After each #line N of the schemata, the text up to the next site is on
 * the original's line N: on a source whose sites span lines.
 */
static void test_schemata_line_directives(void **state)
{
	(void)state;
	static const char src[] =
		"int f(int a, int b)\n"
		"{\n"
		"\tint r = a +\n"
		"\t\tb; int s = 1;\n"
		"\tif (a >\n"
		"\t    b) r = r\n"
		"\t\t* 3; s = 2;\n"
		"\treturn r -\n"
		"\t\ts;\n"
		"}\n";
	char *path = assay_xasprintf("%s/lines.c", tmpdir);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(mut_write_file(path, src, strlen(src), &err), 0);
	char *argv[] = { "cc", "-c", path, NULL };
	mut_ccentry e = { .dir = "/", .file = path, .argv = argv, .argc = 3 };
	mut_project p;
	mut_project_init(&p);
	mut_discover *d = mut_discover_new();
	assert_int_equal(mut_discover_file(d, &p, &e, "lines.c", (1u << MUT_NOPS) - 1, &err), 0);
	mut_discover_free(d);
	assert_true(p.nmutants > 0);
	unsigned char *in = assay_xcalloc(p.nmutants, 1);
	memset(in, 1, p.nmutants);
	size_t len;
	char *schemata = mut_schemata_render(&p, 0, in, &len);
	assert_non_null(schemata);
	size_t directives = 0, checked = 0;
	const char *q = strstr(schemata, "\n#line 1\n");
	assert_non_null(q);
	for (q = strstr(q + 1, "\n#line "); q; q = strstr(q + 1, "\n#line ")) {
		unsigned line = (unsigned)strtoul(q + 7, NULL, 10);
		const char *after = strchr(q + 1, '\n') + 1;
		/* the original text that follows, up to the line's end or the next site */
		char *frag = assay_xstrndup(after, strcspn(after, "\n"));
		char *site = strstr(frag, "(__assay_h");
		if (site)
			*site = '\0';
		char *orig = nth_line(src, line);
		directives++;
		if (*frag) {
			assert_non_null(strstr(orig, frag));
			checked++;
		}
		free(frag);
		free(orig);
	}
	assert_true(directives >= 4);
	assert_true(checked >= 4);
	free(schemata);
	free(in);
	mut_project_release(&p);
	free(path);
}

/* Compile text to an executable; 0 when it compiled. */
static int compile(const char *text, size_t len, const char *exe)
{
	char *src = assay_xasprintf("%s/prog.c", tmpdir);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(mut_write_file(src, text, len, &err), 0);
	const char *argv[] = { "cc", "-std=c11", "-w", "-o", exe, src, NULL };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_DISCARD | ASSAY_PROC_ERR_DISCARD };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	int ok = assay_proc_ok(&r);
	assay_proc_result_release(&r);
	free(src);
	return ok ? 0 : -1;
}

/* Run exe with ASSAY_MUTANT=id; its output, or "timeout"/"signal" (a new string). */
static char *run(const char *exe, int id)
{
	char env[32];
	snprintf(env, sizeof(env), "ASSAY_MUTANT=%d", id);
	const char *argv[] = { exe, "0", "1", "5", "20", NULL };
	const char *set[] = { env, NULL };
	struct assay_proc_opts o = { .argv = argv, .env_set = set, .timeout_s = 2,
				     .flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_DISCARD };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	char *out = r.timed_out ? assay_xstrdup("timeout") : !r.exited ? assay_xasprintf("signal %d", r.signal)
			: assay_xasprintf("%d:%s", r.status, r.out.buf);
	assay_proc_result_release(&r);
	return out;
}

static void test_schemata_equals_single(void **state)
{
	(void)state;
	unsigned char *in = assay_xcalloc(proj.nmutants, 1);
	memset(in, 1, proj.nmutants);
	size_t len;
	char *schemata = mut_schemata_render(&proj, 0, in, &len);
	assert_non_null(schemata);
	assert_non_null(strstr(schemata, "__assay_m0 == 1 ? "));
	char *sexe = assay_xasprintf("%s/schemata", tmpdir), *exe = assay_xasprintf("%s/single", tmpdir);
	assert_int_equal(compile(schemata, len, sexe), 0);
	free(schemata);
	char *orig = run(sexe, 0);
	assert_string_equal(orig, "0:7 1\n-14 2\n-19 3\n-59 4\n");
	char *trap = run(sexe, MUT_SANITY_ID);
	assert_string_equal(trap, "signal 4"); /* SIGILL from __builtin_trap */
	size_t differ = 0, tried = 0;
	unsigned seen_ops = 0;
	for (size_t i = 0; i < proj.nmutants; i++) {
		/* a compile each: every operator's first mutant and every fourth, to stay quick */
		unsigned op = 1u << mut_op_parse(proj.mutants[i].op);
		if ((seen_ops & op) && i % 4 && strcmp(proj.mutants[i].op, "logic"))
			continue;
		seen_ops |= op;
		tried++;
		char *single = mut_render_single(&proj, &proj.mutants[i], &len);
		assert_int_equal(compile(single, len, exe), 0);
		char *want = run(exe, 0), *got = run(sexe, proj.mutants[i].id);
		if (!strcmp(want, "timeout") || !strcmp(got, "timeout")) {
			/* a loop that counts down through the whole int range: how far it got is no verdict */
			tried--;
			free(want);
			free(got);
			free(single);
			continue;
		}
		if (strcmp(want, got))
			fprintf(stderr, "mutant %d (%s '%s' -> '%s'): alone %s, in the schemata %s\n",
				proj.mutants[i].id, proj.mutants[i].op, proj.mutants[i].original,
				proj.mutants[i].mutated, want, got);
		assert_string_equal(want, got);
		differ += strcmp(want, orig) != 0;
		free(want);
		free(got);
		free(single);
	}
	assert_int_equal(seen_ops, (1u << MUT_NOPS) - 1);
	/* most mutants change what the program prints (else the check would prove little) */
	assert_true(differ * 10 >= tried * 7);
	free(orig);
	free(trap);
	free(sexe);
	free(exe);
	free(in);
}

#define KV89 ASSAY_TEST_DATA "/mutate/kv89"

/* Run argv; 0 when it exits 0.  Its output goes to stderr (a failure explains itself). */
static int run_ok(const char *const *argv, const char *const *env)
{
	struct assay_proc_opts o = { .argv = argv, .env_set = env, .timeout_s = 60,
				     .flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_TO_OUT };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	int ok = assay_proc_ok(&r);
	if (!ok)
		fprintf(stderr, "%s failed:\n%.*s\n", argv[0], (int)r.out.len, r.out.buf);
	assay_proc_result_release(&r);
	return ok ? 0 : -1;
}

/* 1 when a program of that name is on PATH. */
static int have(const char *prog)
{
	const char *argv[] = { "sh", "-c", "command -v \"$0\" >/dev/null", prog, NULL };
	return run_ok(argv, NULL) == 0;
}

/*
 * What the schemata add to a file compiles in the C a real project is built
 * as: every standard from C89 on, -pedantic -Werror and the warnings that
 * catch C99-isms, prototypes, shadowing and conversions; with gcc and, when
 * it is here, clang.  The fixture's sources are clean under each (the
 * unmutated build proves it), and so is its unity test, which holds both
 * files' schemata in one translation unit: it builds and passes.
 */
static void test_schemata_every_standard(void **state)
{
	(void)state;
	static const char *const files[] = { "sb.c", "kv.c" };
	static const char *const stds[] = { "-std=c89", "-std=gnu89", "-std=c99", "-std=c11", "-std=c17", "-std=c2x" };
	static const char *const compilers[] = { "gcc", "clang" };
	char *inc = assay_xasprintf("-I%s/include", KV89);
	char *copy = assay_xasprintf("%s/kv89", tmpdir);
	char *srcdir = assay_xasprintf("%s/src", copy), *testdir = assay_xasprintf("%s/tests", copy);
	assert_int_equal(mkdir(copy, 0755), 0);
	assert_int_equal(mkdir(srcdir, 0755), 0);
	assert_int_equal(mkdir(testdir, 0755), 0);
	mut_project p;
	mut_project_init(&p);
	mut_discover *d = mut_discover_new();
	assay_err err = ASSAY_ERR_INIT;
	for (size_t i = 0; i < 2; i++) {
		char *path = assay_xasprintf("%s/src/%s", KV89, files[i]);
		char *argv[] = { "cc", "-std=c89", inc, "-c", path, NULL };
		mut_ccentry e = { .dir = "/", .file = path, .argv = argv, .argc = 5 };
		assert_int_equal(mut_discover_file(d, &p, &e, files[i], (1u << MUT_NOPS) - 1, &err), 0);
		free(path);
	}
	mut_discover_free(d);
	assert_int_equal(p.nfiles, 2);
	unsigned char *in = assay_xcalloc(p.nmutants, 1);
	size_t held = 0;
	for (size_t i = 0; i < p.nmutants; i++)
		held += in[i] = !p.mutants[i].fallback;
	assert_true(held > 100);
	for (size_t i = 0; i < 2; i++) {
		size_t len;
		char *text = mut_schemata_render(&p, i, in, &len);
		assert_non_null(text);
		char *path = assay_xasprintf("%s/%s", srcdir, files[i]);
		assert_int_equal(mut_write_file(path, text, len, &err), 0);
		free(path);
		free(text);
	}
	for (const char *const *t = (const char *const[]){ "test_unity.c", "check.h", NULL }; *t; t++) {
		char *from = assay_xasprintf("%s/tests/%s", KV89, *t), *to = assay_xasprintf("%s/%s", testdir, *t);
		assay_buf b = ASSAY_BUF_INIT;
		assert_int_equal(mut_read_file(from, &b, &err), 0);
		assert_int_equal(mut_write_file(to, b.buf, b.len, &err), 0);
		assay_buf_release(&b);
		free(from);
		free(to);
	}
	char *obj = assay_xasprintf("%s/x.o", tmpdir), *exe = assay_xasprintf("%s/unity", tmpdir);
	char *unity = assay_xasprintf("%s/test_unity.c", testdir);
	int compilers_run = 0;
	for (size_t c = 0; c < 2; c++) {
		if (!have(compilers[c]))
			continue;
		compilers_run++;
		for (size_t s = 0; s < sizeof(stds) / sizeof(stds[0]); s++) {
			for (size_t i = 0; i < 3; i++) {
				/* the original, then its schemata; then the unity test of both, linked */
				char *src = i == 2 ? assay_xstrdup(unity) : assay_xasprintf("%s/%s", srcdir, files[i]);
				char *orig = i == 2 ? NULL : assay_xasprintf("%s/src/%s", KV89, files[i]);
				const char *argv[24] = { compilers[c], stds[s], "-pedantic", "-Werror", "-Wall", "-Wextra",
							 "-Wdeclaration-after-statement", "-Wmissing-prototypes",
							 "-Wstrict-prototypes", "-Wshadow", "-Wconversion", "-Wundef",
							 "-Wold-style-definition", inc, "-O1" };
				size_t k = 15;
				if (i < 2) {
					argv[k++] = "-c";
					argv[k++] = "-o";
					argv[k++] = obj;
					argv[k] = orig;
					assert_int_equal(run_ok(argv, NULL), 0);
				} else {
					argv[k++] = "-o";
					argv[k++] = exe;
				}
				argv[k] = src;
				if (run_ok(argv, NULL) != 0)
					fail_msg("%s %s: the schemata of %s do not compile", compilers[c], stds[s], src);
				free(src);
				free(orig);
			}
			/* the unity test passes on its schemata build, no mutant active, and traps with -1 */
			const char *targv[] = { exe, NULL };
			const char *env0[] = { "ASSAY_MUTANT=0", NULL }, *envs[] = { "ASSAY_MUTANT=-1", NULL };
			assert_int_equal(run_ok(targv, env0), 0);
			assert_int_equal(run_ok(targv, envs), -1);
		}
	}
	assert_true(compilers_run >= 1);
	free(unity);
	free(obj);
	free(exe);
	free(in);
	mut_project_release(&p);
	free(srcdir);
	free(testdir);
	free(copy);
	free(inc);
}

static void test_nomutate_lines(void **state)
{
	(void)state;
	const char *text = "a\nb // assay: no-mutate\nc\n/* assay: no-mutate-begin */\nd\ne\n// assay: no-mutate-end\nf\n";
	unsigned n;
	unsigned char *skip = mut_nomutate_lines(text, strlen(text), &n);
	assert_int_equal(n, 9);
	const unsigned char want[] = { 0, 0, 1, 0, 1, 1, 1, 1, 0 };
	for (unsigned l = 1; l <= 8; l++)
		assert_int_equal(skip[l], want[l]);
	free(skip);
}

static void test_shell_split_and_remap(void **state)
{
	(void)state;
	char **argv;
	size_t argc;
	assert_int_equal(mut_shell_split("cc -DX=\"a b\" 'q r' -I\\ x  -c", &argv, &argc), 0);
	assert_int_equal(argc, 5);
	assert_string_equal(argv[1], "-DX=a b");
	assert_string_equal(argv[2], "q r");
	assert_string_equal(argv[3], "-I x");
	mut_argv_free(argv);
	assert_int_equal(mut_shell_split("cc 'open", &argv, &argc), -1);
	mut_remap r = { 0 };
	mut_remap_add(&r, "/src", "/s/w0/src");
	mut_remap_add(&r, "/src/build", "/s/w0/build");
	char *m = mut_remap_str(&r, "-I/src/include /src/build/x.o /srcfoo /src");
	assert_string_equal(m, "-I/s/w0/src/include /s/w0/build/x.o /srcfoo /s/w0/src");
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_keys_stable),
		cmocka_unit_test(test_line_col),
		cmocka_unit_test(test_schemata_line_directives),
		cmocka_unit_test(test_schemata_equals_single),
		cmocka_unit_test(test_schemata_every_standard),
		cmocka_unit_test(test_nomutate_lines),
		cmocka_unit_test(test_shell_split_and_remap),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
