/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* sched_getcpu, pthread_attr_setaffinity_np, pthread_setaffinity_np */
#include "helper.h"

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

struct assay_helper_job {
	void (*fn)(void *);
	void *arg;
	int done;
	assay_helper_job *next;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static assay_helper_job *head, *tail; /* queued, not yet started */
static int alive;                     /* the helper thread runs (and will look at the queue again) */
static pthread_t holder;              /* the thread held on its CPU while the helper runs */
static cpu_set_t holder_was;
static int held;

/* Called locked: the held thread may use every CPU it could again. */
static void let_go(void)
{
	if (held)
		pthread_setaffinity_np(holder, sizeof(holder_was), &holder_was);
	held = 0;
}

static void *helper_main(void *unused)
{
	(void)unused;
	pthread_mutex_lock(&lock);
	while (head) {
		assay_helper_job *j = head;
		head = j->next;
		if (!head)
			tail = NULL;
		pthread_mutex_unlock(&lock);
		j->fn(j->arg);
		pthread_mutex_lock(&lock);
		j->done = 1;
		pthread_cond_broadcast(&finished);
	}
	alive = 0;
	let_go();
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* Called locked: start the helper, off the caller's CPU and the caller held on it where there are two; 0 or -1. */
static int start_helper(void)
{
	pthread_attr_t attr;
	if (pthread_attr_init(&attr) != 0)
		return -1;
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	cpu_set_t mine;
	int here = sched_getcpu();
	if (!held && here >= 0 && here < CPU_SETSIZE && pthread_getaffinity_np(pthread_self(), sizeof(mine), &mine) == 0 &&
	    CPU_ISSET(here, &mine) && CPU_COUNT(&mine) > 1) {
		cpu_set_t others = mine, one;
		CPU_CLR(here, &others);
		CPU_ZERO(&one);
		CPU_SET(here, &one);
		if (pthread_attr_setaffinity_np(&attr, sizeof(others), &others) == 0 &&
		    pthread_setaffinity_np(pthread_self(), sizeof(one), &one) == 0) {
			holder = pthread_self();
			holder_was = mine;
			held = 1;
		}
	}
	pthread_t t;
	int rc = pthread_create(&t, &attr, helper_main, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		let_go();
		return -1;
	}
	alive = 1;
	return 0;
}

assay_helper_job *assay_helper_queue(void (*fn)(void *), void *arg)
{
	assay_helper_job *j = malloc(sizeof(*j));
	if (!j)
		return NULL;
	*j = (assay_helper_job){ fn, arg, 0, NULL };
	pthread_mutex_lock(&lock);
	if (!alive && start_helper() < 0) {
		pthread_mutex_unlock(&lock);
		free(j);
		return NULL;
	}
	if (tail)
		tail->next = j;
	else
		head = j;
	tail = j;
	pthread_mutex_unlock(&lock);
	return j;
}

void assay_helper_wait(assay_helper_job *job)
{
	if (!job)
		return;
	pthread_mutex_lock(&lock);
	while (!job->done)
		pthread_cond_wait(&finished, &lock);
	pthread_mutex_unlock(&lock);
	free(job);
}
