/* SPDX-License-Identifier: MIT */
/* flaky/repset.c and the placeholders of flaky/repeat.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "repeat.h"
#include "repset.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add(flaky_repset *s, size_t rep, const char *name, enum assay_status st, int attempt,
		int final, const char *msg)
{
	assay_result r = {
		.suite = "suite", .classname = "cls", .name = name, .status = st,
		.attempt = attempt, .final = final, .duration_us = 5, .message = msg,
	};
	flaky_repset_add(s, rep, &r);
}

static void test_verdicts(void **state)
{
	(void)state;
	flaky_repset s;
	flaky_repset_init(&s, 10);
	for (size_t r = 0; r < 10; r++) {
		add(&s, r, "stable", ASSAY_PASS, 1, 1, NULL);
		/* fails in repetitions 3, 6, 9 (0-based 2, 5, 8) */
		add(&s, r, "third", r % 3 == 2 ? ASSAY_FAIL : ASSAY_PASS, 1, 1,
		    r % 3 == 2 ? (r == 2 ? "first one" : "later one") : NULL);
		add(&s, r, "broken", ASSAY_ERROR, 1, 1, "crash");
		add(&s, r, "skipped", ASSAY_SKIP, 1, 1, "not here");
		/* a rerun in repetition 5: failed, then passed */
		if (r == 4) {
			add(&s, r, "rerun", ASSAY_FAIL, 1, 0, "flaked");
			add(&s, r, "rerun", ASSAY_PASS, 2, 1, NULL);
		} else {
			add(&s, r, "rerun", ASSAY_PASS, 1, 1, NULL);
		}
	}
	assert_int_equal(s.ntests, 5);
	struct flaky_verdict *v;
	size_t n, always;
	flaky_repset_verdicts(&s, &v, &n, &always);
	assert_int_equal(n, 2);
	assert_int_equal(always, 1);
	/* "third" first: the higher fail rate */
	assert_string_equal(s.tests[v[0].test].name, "third");
	assert_int_equal(v[0].runs, 10);
	assert_int_equal(v[0].fails, 3);
	assert_string_equal(v[0].first_failure->message, "first one");
	assert_int_equal(v[0].first_rep, 2);
	/* Wilson 95% for 3 of 10: 10.8% .. 60.3% */
	assert_true(fabs(v[0].lo - 0.10779) < 1e-4);
	assert_true(fabs(v[0].hi - 0.60322) < 1e-4);
	assert_string_equal(s.tests[v[1].test].name, "rerun");
	assert_int_equal(v[1].fails, 0);
	assert_int_equal(v[1].reruns, 1);
	assert_string_equal(v[1].first_failure->message, "flaked");
	assert_int_equal(v[1].first_rep, 4);

	/* the stored form carries every attempt */
	assay_result out;
	flaky_repset_result(&s, &s.reps[4].v[4], &out);
	assert_string_equal(out.name, "rerun");
	assert_int_equal(out.attempt, 1);
	assert_int_equal(out.final, 0);
	assert_string_equal(out.message, "flaked");
	free(v);
	flaky_repset_release(&s);
}

static void test_many_tests(void **state)
{
	(void)state;
	flaky_repset s;
	flaky_repset_init(&s, 2);
	char name[32];
	/* enough to make the index grow several times */
	for (size_t r = 0; r < 2; r++) {
		for (int i = 0; i < 5000; i++) {
			snprintf(name, sizeof(name), "t%d", i);
			add(&s, r, name, (i == 77 && r == 1) ? ASSAY_FAIL : ASSAY_PASS, 1, 1, "m");
		}
	}
	assert_int_equal(s.ntests, 5000);
	struct flaky_verdict *v;
	size_t n, always;
	flaky_repset_verdicts(&s, &v, &n, &always);
	assert_int_equal(n, 1);
	assert_string_equal(s.tests[v[0].test].name, "t77");
	free(v);
	flaky_repset_release(&s);
}

/* A failure's outputs are kept, their last 2 KiB, only when its message says nothing (ctest). */
static void test_output_tail(void **state)
{
	(void)state;
	flaky_repset s;
	flaky_repset_init(&s, 1);
	/* 2,100 bytes: 'a's, then "\xc3\xa9" (é) straddling the cut, then "end" */
	char out[2200];
	memset(out, 'a', 2100);
	size_t at = 2100 - FLAKY_OUTPUT_TAIL - 1; /* é's first byte just before the cut */
	out[at] = (char)0xc3;
	out[at + 1] = (char)0xa9;
	memcpy(out + 2097, "end", 4);
	assay_result r = { .suite = "s", .classname = "c", .name = "silent", .status = ASSAY_FAIL,
			   .attempt = 1, .final = 1, .duration_us = -1, .message = " \n",
			   .system_out = out, .system_err = "" };
	flaky_repset_add(&s, 0, &r);
	r.name = "said";
	r.message = "boom";
	flaky_repset_add(&s, 0, &r);
	r.name = "passed";
	r.status = ASSAY_PASS;
	r.message = NULL;
	flaky_repset_add(&s, 0, &r);
	const struct flaky_result *x = &s.reps[0].v[0];
	/* the cut falls on é's second byte: it starts after it */
	assert_int_equal(strlen(x->system_out), FLAKY_OUTPUT_TAIL - 1);
	assert_string_equal(x->system_out + strlen(x->system_out) - 4, "aend");
	assert_null(x->system_err);
	assert_null(s.reps[0].v[1].system_out);
	assert_null(s.reps[0].v[2].system_out);
	assay_result back;
	flaky_repset_result(&s, x, &back);
	assert_ptr_equal(back.system_out, x->system_out);
	flaky_repset_release(&s);
}

static void test_expand(void **state)
{
	(void)state;
	char *s = flaky_expand("--out={junit} -n {n} {dir}/x {seed}{", 3, "/tmp/d", "/tmp/d/j.xml", 42);
	assert_string_equal(s, "--out=/tmp/d/j.xml -n 3 /tmp/d/x 42{");
	free(s);
	s = flaky_expand("plain", 1, "d", "j", 0);
	assert_string_equal(s, "plain");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_many_tests),
		cmocka_unit_test(test_output_tail),
		cmocka_unit_test(test_expand),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
