/* SPDX-License-Identifier: MIT */
/* The helper thread: jobs run in order, off the caller's CPU, and the caller is let go once they are done. */
#define _GNU_SOURCE /* sched_getcpu, pthread_getaffinity_np */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "helper.h"

#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

struct seen {
	int order[8];
	int n;
	int cpu[8];
	pthread_mutex_t lock;
};

static struct seen seen = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void note(void *arg)
{
	usleep(2000); /* long enough that the later jobs are queued while this one runs */
	pthread_mutex_lock(&seen.lock);
	seen.cpu[seen.n] = sched_getcpu();
	seen.order[seen.n++] = (int)(intptr_t)arg;
	pthread_mutex_unlock(&seen.lock);
}

static void jobs_run_in_order_and_are_waited_for(void **state)
{
	(void)state;
	seen.n = 0;
	assay_helper_job *j[4];
	for (int i = 0; i < 4; i++)
		j[i] = assay_helper_queue(note, (void *)(intptr_t)(i + 1));
	for (int i = 0; i < 4; i++)
		assert_non_null(j[i]);
	assay_helper_wait(j[1]);
	assert_true(seen.n >= 2); /* the second ran, and the first before it */
	assay_helper_wait(j[3]);
	assay_helper_wait(j[2]);
	assay_helper_wait(j[0]);
	assert_int_equal(seen.n, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(seen.order[i], i + 1);
	assay_helper_wait(NULL); /* nothing to wait for */
}

static void off_the_callers_cpu_and_the_caller_let_go(void **state)
{
	(void)state;
	cpu_set_t before, after;
	assert_int_equal(pthread_getaffinity_np(pthread_self(), sizeof(before), &before), 0);
	if (CPU_COUNT(&before) < 2)
		skip(); /* one CPU: the helper shares it, nothing is held */
	seen.n = 0;
	assay_helper_job *j = assay_helper_queue(note, (void *)(intptr_t)1);
	assert_non_null(j);
	cpu_set_t held;
	assert_int_equal(pthread_getaffinity_np(pthread_self(), sizeof(held), &held), 0);
	assert_int_equal(CPU_COUNT(&held), 1); /* held on the CPU it was on */
	int here = sched_getcpu();
	assay_helper_wait(j);
	assert_int_equal(seen.n, 1);
	assert_int_not_equal(seen.cpu[0], here);
	assert_int_equal(pthread_getaffinity_np(pthread_self(), sizeof(after), &after), 0);
	assert_true(CPU_EQUAL(&before, &after)); /* the queue empty: every CPU it had again */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jobs_run_in_order_and_are_waited_for),
		cmocka_unit_test(off_the_callers_cpu_and_the_caller_let_go),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
