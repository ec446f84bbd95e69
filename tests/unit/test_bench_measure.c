/* bench/measure.c: timing a command, how it ended, and reading callgrind's totals. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

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
	char how[64];
	bench_measure_describe(&m, 0, how, sizeof(how));
	assert_string_equal(how, "exit status 3");

	const char *slow[] = { "sleep", "10", NULL };
	assert_int_equal(bench_measure_run(slow, 0.1, &m, &err), 0);
	assert_true(m.timed_out);
	assert_true(m.wall_s < 5);
	bench_measure_describe(&m, 0.1, how, sizeof(how));
	assert_string_equal(how, "timed out after 0.1 s");

	const char *none[] = { "/no/such/program", NULL };
	assert_int_equal(bench_measure_run(none, 0, &m, &err), -ASSAY_ECHILD);
	assert_non_null(strstr(err.msg, "cannot run '/no/such/program'"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_callgrind_parse),
		cmocka_unit_test(test_measure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
