/* SPDX-License-Identifier: MIT */
/* bench/measure.c: timing a command, how it ended, and reading callgrind's totals; assay_last_line. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "buf.h"
#include "measure.h"

#include <string.h>

static void test_callgrind_parse(void **state)
{
	(void)state;
	uint64_t v = 0;
	const char *out = "# callgrind format\nversion: 1\ncreator: callgrind-3.19.0\npid: 42\n"
			  "cmd:  true\npart: 1\n\npositions: line\nevents: Ir\nsummary: 128242\n\n"
			  "ob=(1) /usr/bin/true\nfl=(1) ???\nfn=(1) 0x0000000000001ff0\n0 3\ntotals: 128242\n";
	assert_int_equal(bench_callgrind_parse(out, &v), 0);
	assert_true(v == 128242);
	/* only totals: (older files, or a summary cut off) */
	assert_int_equal(bench_callgrind_parse("events: Ir\nfn=main\n0 5\ntotals: 77 3\n", &v), 0);
	assert_true(v == 77);
	assert_int_equal(bench_callgrind_parse("summary: 9\n", &v), 0);
	assert_true(v == 9);
	assert_int_equal(bench_callgrind_parse("events: Ir\nfn=main\n", &v), -1);
	assert_int_equal(bench_callgrind_parse("summary: none\n", &v), -1);
}

static void test_measure(void **state)
{
	(void)state;
	struct bench_measure m;
	assay_err err = ASSAY_ERR_INIT;
	const char *ok[] = { "sh", "-c", "exit 0", NULL };
	assert_int_equal(bench_measure_run(ok, 0, &m, &err), 0);
	assert_true(bench_measure_ok(&m));
	assert_true(m.wall_s > 0 && m.wall_s < 10);
	assert_true(m.maxrss_bytes > 0);

	const char *bad[] = { "sh", "-c", "echo first >&2; echo 'last words' >&2; exit 3", NULL };
	assert_int_equal(bench_measure_run(bad, 0, &m, &err), 0);
	assert_false(bench_measure_ok(&m));
	assert_int_equal(m.status, 3);
	assert_string_equal(m.err_tail, "last words");
	assert_string_equal(m.how, "exit status 3");

	const char *slow[] = { "sleep", "10", NULL };
	assert_int_equal(bench_measure_run(slow, 0.1, &m, &err), 0);
	assert_true(m.timed_out);
	assert_true(m.wall_s < 5);
	assert_string_equal(m.how, "timed out after 0.1 s");

	const char *none[] = { "/no/such/program", NULL };
	assert_int_equal(bench_measure_run(none, 0, &m, &err), -ASSAY_ECHILD);
	assert_non_null(strstr(err.msg, "cannot run '/no/such/program'"));
}

static void test_measure_tail(void **state)
{
	(void)state;
	struct bench_measure m;
	assay_err err = ASSAY_ERR_INIT;
	/* blank lines and trailing blanks after the message are passed over */
	const char *blank[] = { "sh", "-c", "echo 'the end' >&2; printf '  \\n\\r\\n' >&2; exit 1", NULL };
	assert_int_equal(bench_measure_run(blank, 0, &m, &err), 0);
	assert_string_equal(m.err_tail, "the end");
	/* a long last line keeps its end */
	const char *lng[] = { "sh", "-c", "printf '%0600d' 0 >&2; echo ' the cause' >&2; exit 1", NULL };
	assert_int_equal(bench_measure_run(lng, 0, &m, &err), 0);
	assert_int_equal(strlen(m.err_tail), sizeof(m.err_tail) - 1);
	assert_non_null(strstr(m.err_tail, "0 the cause"));
	/* far more than is kept before it (a chatty benchmark, valgrind): the last line still */
	const char *chatty[] = { "sh", "-c", "yes 'noise noise noise' | head -n 200000 >&2; echo 'out of memory' >&2; exit 1", NULL };
	assert_int_equal(bench_measure_run(chatty, 0, &m, &err), 0);
	assert_string_equal(m.err_tail, "out of memory");
	const char *sig[] = { "sh", "-c", "kill -9 $$", NULL };
	assert_int_equal(bench_measure_run(sig, 0, &m, &err), 0);
	assert_false(bench_measure_ok(&m));
	assert_non_null(strstr(m.how, "killed by signal 9"));
}

static void test_last_line(void **state)
{
	(void)state;
	size_t n;
	const char *t = "first\nsecond line \r\n\n  \n";
	const char *l = assay_last_line(t, strlen(t), &n);
	assert_int_equal(n, strlen("second line"));
	assert_memory_equal(l, "second line", n);
	t = "only";
	l = assay_last_line(t, strlen(t), &n);
	assert_true(l == t && n == 4);
	t = "\n \n";
	assay_last_line(t, strlen(t), &n);
	assert_int_equal(n, 0);
	assay_last_line("", 0, &n);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_callgrind_parse),
		cmocka_unit_test(test_measure),
		cmocka_unit_test(test_measure_tail),
		cmocka_unit_test(test_last_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
