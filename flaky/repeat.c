/* SPDX-License-Identifier: MIT */
#include "repeat.h"
#include "buf.h"
#include "mem.h"
#include "proc.h"
#include "tmpdir.h"
#include "rmtree.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct flaky_repeat {
	const struct flaky_repeat_opts *o; /* the caller's: valid while flaky_repeat_run() runs */
	size_t reps;
	char *root;
	struct flaky_outcome *out;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_mutex_t end_mu; /* one on_end at a time */
	size_t next, done;
	int stop; /* a repetition could not start: start no more */
};

char *flaky_expand(const char *s, size_t n, const char *dir, const char *junit, uint64_t seed)
{
	assay_buf b = ASSAY_BUF_INIT;
	while (*s) {
		if (!strncmp(s, "{n}", 3)) {
			assay_buf_addf(&b, "%zu", n);
			s += 3;
		} else if (!strncmp(s, "{dir}", 5)) {
			assay_buf_adds(&b, dir);
			s += 5;
		} else if (!strncmp(s, "{junit}", 7)) {
			assay_buf_adds(&b, junit);
			s += 7;
		} else if (!strncmp(s, "{seed}", 6)) {
			assay_buf_addf(&b, "%llu", (unsigned long long)seed);
			s += 6;
		} else {
			assay_buf_addc(&b, *s++);
		}
	}
	return assay_buf_detach(&b, NULL);
}

static void run_one(flaky_repeat *r, size_t i)
{
	const struct flaky_repeat_opts *o = r->o;
	struct flaky_outcome *out = &r->out[i];
	size_t n = i + 1;
	char *dir = assay_xasprintf("%s/rep-%zu", r->root, n);
	char *tmp = assay_xasprintf("%s/tmp", dir);
	out->seed = o->shuffle ? 1 + (o->seed + i) % 99999 : 0; /* Google Test takes 1..99999 */
	out->junit = flaky_expand(o->junit ? o->junit : "{dir}/junit.xml", n, dir, "", out->seed);
	if (mkdir(dir, 0700) < 0 || mkdir(tmp, 0700) < 0) {
		assay_err_set(&out->error, ASSAY_EIO, "cannot make %s: %s", tmp, strerror(errno));
		free(dir);
		free(tmp);
		return;
	}
	/* a report left from before must not pass for this repetition's */
	unlink(out->junit);

	size_t argc = 0;
	while (o->argv[argc])
		argc++;
	char **argv = assay_xcalloc(argc + 1, sizeof(*argv));
	for (size_t k = 0; k < argc; k++)
		argv[k] = flaky_expand(o->argv[k], n, dir, out->junit, out->seed);
	char *env[8] = { 0 };
	size_t ne = 0;
	env[ne++] = assay_xasprintf("ASSAY_FLAKY_REP=%zu", n);
	env[ne++] = assay_xasprintf("ASSAY_FLAKY_DIR=%s", dir);
	env[ne++] = assay_xasprintf("ASSAY_JUNIT=%s", out->junit);
	env[ne++] = assay_xasprintf("TMPDIR=%s", tmp);
	if (o->shuffle) {
		env[ne++] = assay_xasprintf("ASSAY_SHUFFLE_SEED=%llu", (unsigned long long)out->seed);
		env[ne++] = assay_xstrdup("GTEST_SHUFFLE=1");
		env[ne++] = assay_xasprintf("GTEST_RANDOM_SEED=%llu", (unsigned long long)out->seed);
	}
	struct assay_proc_opts po = {
		.argv = (const char *const *)argv,
		.env_set = (const char *const *)env,
		.timeout_s = o->timeout_s,
		.stop = o->stop,
		/* its last words are at the end: keep the last 64 KiB, however much it writes */
		.flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_TO_OUT | ASSAY_PROC_KEEP_TAIL |
			 ASSAY_PROC_DIE_WITH_PARENT,
		.capture_cap = 64 * 1024,
	};
	struct assay_proc_result res;
	assay_proc_result_init(&res);
	if (assay_proc_run(&po, &res, &out->error) == 0) {
		out->started = 1;
		out->exit_status = res.exited && !res.timed_out ? res.status : -1;
		assay_proc_describe(&res, out->how, sizeof(out->how));
		size_t keep = res.out.len > 400 ? 400 : res.out.len;
		out->output_tail = assay_xstrndup(res.out.buf + res.out.len - keep, keep);
	}
	assay_proc_result_release(&res);
	for (size_t k = 0; k < argc; k++)
		free(argv[k]);
	free(argv);
	for (size_t k = 0; k < ne; k++)
		free(env[k]);
	free(dir);
	free(tmp);
}

static void *worker(void *arg)
{
	flaky_repeat *r = arg;
	const volatile sig_atomic_t *asked = r->o->stop;
	for (;;) {
		pthread_mutex_lock(&r->mu);
		if (asked && *asked)
			r->stop = 1;
		if (r->stop || r->next >= r->o->reps) {
			pthread_cond_signal(&r->cv);
			pthread_mutex_unlock(&r->mu);
			return NULL;
		}
		size_t i = r->next++;
		pthread_mutex_unlock(&r->mu);
		run_one(r, i);
		int stop = !r->out[i].started || (asked && *asked);
		if (!stop && r->o->on_end) {
			pthread_mutex_lock(&r->end_mu);
			stop = r->o->on_end(r->o->end_ud, i, &r->out[i]) != 0;
			pthread_mutex_unlock(&r->end_mu);
		}
		pthread_mutex_lock(&r->mu);
		r->done++;
		if (stop)
			r->stop = 1;
		pthread_cond_signal(&r->cv);
		pthread_mutex_unlock(&r->mu);
	}
}

static int fixed_path(const char *junit)
{
	return junit && !strstr(junit, "{n}") && !strstr(junit, "{dir}");
}

int flaky_repeat_run(flaky_repeat **out, const struct flaky_repeat_opts *o, assay_err *err)
{
	*out = NULL;
	if (o->jobs > 1 && fixed_path(o->junit))
		return assay_err_set(err, ASSAY_EUSAGE,
				     "with -j above 1 the repetitions would write one JUnit file: put {n} "
				     "or {dir} in --junit, or let the command write to $ASSAY_JUNIT");
	char *root;
	int rc = assay_mkdtemp(&root, "assay-flaky", err);
	if (rc < 0)
		return rc;
	flaky_repeat *r = assay_xcalloc(1, sizeof(*r));
	r->o = o;
	r->reps = o->reps;
	r->root = root;
	r->out = assay_xcalloc(o->reps + 1, sizeof(*r->out));
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	pthread_mutex_init(&r->end_mu, NULL);
	size_t jobs = o->jobs ? o->jobs : 1;
	if (jobs > o->reps)
		jobs = o->reps;
	pthread_t *th = assay_xcalloc(jobs + 1, sizeof(*th));
	for (size_t k = 0; k < jobs; k++)
		pthread_create(&th[k], NULL, worker, r);
	/* this thread only reports progress: the workers do the running */
	pthread_mutex_lock(&r->mu);
	size_t shown = 0;
	while (r->done < o->reps && !(r->stop && r->done == r->next)) {
		pthread_cond_wait(&r->cv, &r->mu);
		if (o->progress && r->done != shown) {
			shown = r->done;
			pthread_mutex_unlock(&r->mu);
			o->progress(o->ud, shown, o->reps);
			pthread_mutex_lock(&r->mu);
		}
	}
	pthread_mutex_unlock(&r->mu);
	for (size_t k = 0; k < jobs; k++)
		pthread_join(th[k], NULL);
	free(th);
	r->o = NULL;
	*out = r;
	return 0;
}

const struct flaky_outcome *flaky_repeat_outcome(const flaky_repeat *r, size_t i)
{
	return &r->out[i];
}

void flaky_repeat_free(flaky_repeat *r)
{
	if (!r)
		return;
	assay_err ignored = ASSAY_ERR_INIT; /* a temporary directory left behind is no failure */
	assay_rmtree(r->root, &ignored);
	for (size_t i = 0; i < r->reps; i++) {
		free(r->out[i].junit);
		free(r->out[i].output_tail);
	}
	free(r->out);
	free(r->root);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	pthread_mutex_destroy(&r->end_mu);
	free(r);
}
