#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "proc.h"

#include <string.h>

static void captures_output_and_status(void **state)
{
	(void)state;
	const char *argv[] = { "sh", "-c", "echo out; echo err >&2; exit 3", NULL };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_CAPTURE };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_int_equal(r.exited, 1);
	assert_int_equal(r.status, 3);
	assert_string_equal(r.out.buf, "out\n");
	assert_string_equal(r.err.buf, "err\n");
	assert_false(assay_proc_ok(&r));
	assay_proc_result_release(&r);
}

static void timeout_kills_the_whole_group(void **state)
{
	(void)state;
	/* the grandchild holds stdout open: it must die with the group */
	const char *argv[] = { "sh", "-c", "sleep 30 & sleep 30; echo never", NULL };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_CAPTURE, .timeout_s = 0.3 };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_int_equal(r.timed_out, 1);
	assert_int_equal(r.exited, 0);
	assert_int_equal(r.signal, 9);
	assert_string_equal(r.out.buf, "");
	char d[64];
	assay_proc_describe(&r, d, sizeof(d));
	assert_string_equal(d, "timed out");
	assay_proc_result_release(&r);
}

static void environment_and_cwd(void **state)
{
	(void)state;
	const char *argv[] = { "sh", "-c", "printf '%s|%s|%s' \"$A\" \"${HOME:-unset}\" \"$(pwd)\"", NULL };
	const char *set[] = { "A=1", NULL };
	const char *unset[] = { "HOME", NULL };
	struct assay_proc_opts o = { .argv = argv, .env_set = set, .env_unset = unset, .cwd = "/",
				     .flags = ASSAY_PROC_OUT_CAPTURE };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_string_equal(r.out.buf, "1|unset|/");
	assay_proc_result_release(&r);
}

static void cannot_start(void **state)
{
	(void)state;
	const char *argv[] = { "assay-no-such-program", NULL };
	struct assay_proc_opts o = { .argv = argv };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), -ASSAY_ECHILD);
	assert_string_equal(err.msg, "cannot run 'assay-no-such-program': No such file or directory");
	assay_proc_result_release(&r);
}

static void capture_cap_truncates(void **state)
{
	(void)state;
	const char *argv[] = { "sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x", NULL };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_CAPTURE, .capture_cap = 1000 };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_int_equal(r.out.len, 1000);
	assert_int_equal(r.out_truncated, 1);
	assert_true(assay_proc_ok(&r));
	assay_proc_result_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(captures_output_and_status),
		cmocka_unit_test(timeout_kills_the_whole_group),
		cmocka_unit_test(environment_and_cwd),
		cmocka_unit_test(cannot_start),
		cmocka_unit_test(capture_cap_truncates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
