/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* sched_getcpu, pthread_attr_setaffinity_np */
#include "helper.h"

#include <errno.h>
#include <sched.h>

int assay_helper_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	if (pthread_attr_init(&attr) != 0)
		return -1;
	cpu_set_t cpus;
	int here = sched_getcpu();
	/* only where another CPU is ours to use: with one, the helper runs where it can */
	if (here >= 0 && here < CPU_SETSIZE && sched_getaffinity(0, sizeof(cpus), &cpus) == 0 && CPU_ISSET(here, &cpus) &&
	    CPU_COUNT(&cpus) > 1) {
		CPU_CLR(here, &cpus);
		pthread_attr_setaffinity_np(&attr, sizeof(cpus), &cpus);
	}
	int rc = pthread_create(t, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		errno = rc;
		return -1;
	}
	return 0;
}
