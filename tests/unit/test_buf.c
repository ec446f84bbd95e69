/* SPDX-License-Identifier: MIT */
/* lib/buf.c: the buffer's contracts, asserted where they are cheap to check. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "buf.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void cut_and_extend(void **state)
{
	(void)state;
	assay_buf b = ASSAY_BUF_INIT;
	assay_buf_adds(&b, "hello world");
	assay_buf_setlen(&b, 5);
	assert_string_equal(b.buf, "hello");
	assay_buf_setlen(&b, 5);
	assert_int_equal(b.len, 5);
	/* a read straight into the room grow made */
	assay_buf_grow(&b, 100);
	memcpy(b.buf + b.len, ", again", 7);
	assay_buf_extend(&b, 7);
	assert_string_equal(b.buf, "hello, again");
	assert_int_equal(b.len, 12);
	assay_buf_extend(&b, 0);
	assert_int_equal(b.len, 12);
	assay_buf_release(&b);
}

#ifndef NDEBUG
/* How a child that does what a contract forbids ends: its signal, 0 when it exited. */
static int child_dies_of(void (*breaks)(void))
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* the assertion's message is not this test's output */
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0)
			dup2(null, 2);
		breaks();
		_exit(0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void setlen_past_len(void)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_buf_grow(&b, 100);
	assay_buf_adds(&b, "abc");
	assay_buf_setlen(&b, 4); /* inside the allocation, past the bytes: undetected without assert */
	assay_buf_release(&b);
}

static void extend_past_room(void)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_buf_adds(&b, "abc");
	assay_buf_extend(&b, b.alloc);
	assay_buf_release(&b);
}

#endif

static void contracts_are_asserted(void **state)
{
	(void)state;
#ifdef NDEBUG
	skip(); /* a build without assertions (RelWithDebInfo): the Debug and sanitizer builds check */
#else
	assert_int_equal(child_dies_of(setlen_past_len), SIGABRT);
	assert_int_equal(child_dies_of(extend_past_room), SIGABRT);
#endif
}

/* assay_buf_add_f1 writes what printf's %.1f does: every p/w for w up to 1,200, ties and edges */
static void one_decimal_as_printf(void **state)
{
	(void)state;
	assay_buf b = ASSAY_BUF_INIT;
	char want[64];
	size_t checked = 0;
	for (unsigned w = 1; w <= 1200; w++)
		for (unsigned p = 0; p <= w; p++) {
			double x = 100.0 * (double)p / (double)w;
			assay_buf_reset(&b);
			assay_buf_add_f1(&b, x);
			snprintf(want, sizeof(want), "%.1f", x);
			if (strcmp(b.buf, want))
				fail_msg("%u/%u: %s, printf %s", p, w, b.buf, want);
			checked++;
		}
	const double edges[] = { 0, 0.05, 0.15, 0.25, 0.35, 2.5, 12.25, 99.95, 99.949999999, 100, 1e14 + 0.25, 0.04999 };
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		assay_buf_reset(&b);
		assay_buf_add_f1(&b, edges[i]);
		snprintf(want, sizeof(want), "%.1f", edges[i]);
		assert_string_equal(b.buf, want);
	}
	assert_int_equal(checked, 721800); /* the sum of w + 1 for w = 1..1200 */
	assay_buf_release(&b);
}

/* what add_hex64 and add_i64 wrote is read back; what they never write is refused */
static void numbers_read_back(void **state)
{
	(void)state;
	const uint64_t hexes[] = { 0, 1, 0xabcdef0123456789u, UINT64_MAX };
	for (size_t i = 0; i < sizeof(hexes) / sizeof(hexes[0]); i++) {
		assay_buf b = ASSAY_BUF_INIT;
		assay_buf_add_hex64(&b, hexes[i]);
		assay_buf_addc(&b, ' ');
		uint64_t v = 7;
		assert_int_equal(assay_parse_hex64(b.buf, ' ', &v), 1);
		assert_true(v == hexes[i]);
		assert_int_equal(assay_parse_hex64(b.buf, '\n', &v), 0); /* another character after it */
		assay_buf_release(&b);
	}
	uint64_t h = 5;
	assert_int_equal(assay_parse_hex64("0123456789ABCDEF ", ' ', &h), 0); /* upper case is not written */
	assert_int_equal(assay_parse_hex64("0123456789abcde ", ' ', &h), 0);   /* 15 digits */
	assert_true(h == 5);

	const int64_t decs[] = { 0, 1, -1, 1234567890123, INT64_MAX, INT64_MIN, INT64_MIN + 1 };
	for (size_t i = 0; i < sizeof(decs) / sizeof(decs[0]); i++) {
		char text[32];
		snprintf(text, sizeof(text), "%lld|", (long long)decs[i]);
		assay_buf w = ASSAY_BUF_INIT;
		assay_buf_add_i64(&w, decs[i]);
		assay_buf_addc(&w, '|');
		assert_string_equal(w.buf, text); /* written as printf does */
		assay_buf_release(&w);
		int64_t v = 7;
		const char *end = assay_parse_i64(text, '|', &v);
		assert_non_null(end);
		assert_ptr_equal(end, text + strlen(text) - 1);
		assert_true(v == decs[i]);
	}
	int64_t v = 5;
	const char *const bad[] = { "|", "-|", "12x|", "9223372036854775808|", "-9223372036854775809|",
				    "12345678901234567890|", "12", " 1|" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (assay_parse_i64(bad[i], '|', &v))
			fail_msg("'%s' was read as %lld", bad[i], (long long)v);
	assert_true(v == 5);
	assert_non_null(assay_parse_i64("-0|", '|', &v));
	assert_true(v == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cut_and_extend),
		cmocka_unit_test(one_decimal_as_printf),
		cmocka_unit_test(contracts_are_asserted),
		cmocka_unit_test(numbers_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
