/* SPDX-License-Identifier: MIT */
/*
 * Running the mutants: each on the tests that reach it, fastest and most
 * often killing first, stopping at the first kill; -j workers, each in its
 * own copy of the build; the mutants the schemata could not hold after
 * that, one rebuild each.
 */
#include "engine.h"
#include "mem.h"
#include "schemata.h"

#include <stdlib.h>
#include <string.h>

struct pool {
	mut_engine *e;
	size_t *queue;
	size_t nq, next, done;
	size_t counts[MUT_NSTATUS];
};

struct order {
	size_t test;
	int kills;
	int64_t us;
};

static int order_cmp(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	if (x->kills != y->kills)
		return y->kills - x->kills;
	if (x->us != y->us)
		return x->us < y->us ? -1 : 1;
	return x->test < y->test ? -1 : x->test > y->test;
}

/* The tests to run on m, in order (caller holds the lock). */
static struct order *select_tests(mut_engine *e, const mut_mutant *m, size_t *n)
{
	struct order *o = assay_xcalloc(e->tests.n + 1, sizeof(*o));
	int gid = e->proj.files[m->file].sites[m->site].gid;
	int known = e->in && e->in[m->id - 1]; /* only the schemata build records coverage */
	*n = 0;
	for (size_t i = 0; i < e->tests.n; i++) {
		const mut_test *t = &e->tests.v[i];
		if (known && !(t->hits && t->hits[gid]))
			continue;
		o[(*n)++] = (struct order){ i, t->kills, t->base_us };
	}
	qsort(o, *n, sizeof(*o), order_cmp);
	return o;
}

static void add_kill(mut_mutant *m, const char *name)
{
	m->kills = assay_xrealloc(m->kills, (m->nkills + 1) * sizeof(char *));
	m->kills[m->nkills++] = assay_xstrdup(name);
}

/*
 * A test that ran out of time is spinning when it had the CPU for at least
 * half its limit, or when it used more CPU than its limit grants a normal
 * run (factor x its baseline CPU, plus a tenth of the constant for noise),
 * however loaded the machine: a timeout at once.  Else it was starved of
 * the CPU (or waited): it gets a longer limit before it is called a timeout.
 */
static int spinning(const mut_engine *e, const mut_test *t, const struct assay_proc_result *res)
{
	double fair = e->cfg.timeout_factor * (double)t->base_cpu_us + 0.1e6 * e->cfg.timeout_const;
	return 2 * res->cpu_us >= res->wall_us || (double)res->cpu_us >= fair;
}

/* Forget what an interrupted mutant's tests said: it is run again next time. */
static void forget(mut_mutant *m)
{
	m->status = MUT_PENDING;
	free(m->killed_by);
	free(m->reason);
	m->killed_by = m->reason = NULL;
	for (size_t k = 0; k < m->nkills; k++)
		free(m->kills[k]);
	free(m->kills);
	m->kills = NULL;
	m->nkills = 0;
	m->tests_run = 0;
	m->duration_us = 0;
}

/* Run m on its tests in worker w's copy; sets m's status, or leaves it pending when the run is stopped. */
static void test_mutant(mut_engine *e, int w, mut_mutant *m)
{
	pthread_mutex_lock(&e->lock);
	size_t n;
	struct order *o = select_tests(e, m, &n);
	pthread_mutex_unlock(&e->lock);
	for (size_t i = 0; i < n; i++) {
		mut_test *t = &e->tests.v[o[i].test];
		double limit = e->cfg.timeout_factor * (double)t->base_us / 1e6 + e->cfg.timeout_const;
		struct mut_exec x = {
			.test = t, .remap = &e->wremap[w], .build_dir = e->wbuild[w],
			.tmpdir = e->wtmp[w], .mutant = m->id, .timeout_s = limit, .stop = e->cfg.stop,
		};
		if (mut_stop_asked(e))
			break;
		enum mut_outcome out = MUT_OUT_PASS;
		int64_t cpu_us = 0;
		int starved = 0;
		for (int attempt = 0; attempt < 2; attempt++) {
			struct assay_proc_result res;
			assay_proc_result_init(&res);
			assay_err err = ASSAY_ERR_INIT;
			out = mut_exec_test(&x, &res, &err);
			m->duration_us += res.wall_us;
			mut_count_test(e, w, &res);
			if (attempt == 0)
				cpu_us = res.cpu_us;
			starved = out == MUT_OUT_TIMEOUT && attempt == 0 && !spinning(e, t, &res);
			assay_proc_result_release(&res);
			if (out == MUT_OUT_NOSTART) {
				free(m->reason);
				m->reason = assay_xstrdup(err.msg);
			}
			if (!starved)
				break;
			pthread_mutex_lock(&e->lock);
			e->stats.starved_retries++;
			pthread_mutex_unlock(&e->lock);
			x.timeout_s = 2 * limit + e->cfg.timeout_const;
		}
		if (out == MUT_OUT_STOPPED)
			break;
		m->tests_run++;
		if (out == MUT_OUT_NOSTART) {
			m->status = MUT_RUNTIME_ERROR;
			break;
		}
		if (out == MUT_OUT_TIMEOUT) {
			m->status = MUT_TIMEOUT;
			free(m->reason);
			if (x.timeout_s > limit)
				m->reason = assay_xasprintf("'%s' ran out of time twice: limit %.1f s with %.2f s of CPU, "
							    "then %.1f s", t->name, limit, (double)cpu_us / 1e6,
							    x.timeout_s);
			else
				m->reason = assay_xasprintf("'%s' spun: %.2f s of CPU in its limit of %.1f s", t->name,
							    (double)cpu_us / 1e6, limit);
			if (!m->killed_by)
				m->killed_by = assay_xstrdup(t->name);
			break;
		}
		if (out == MUT_OUT_FAIL) {
			pthread_mutex_lock(&e->lock);
			t->kills++;
			pthread_mutex_unlock(&e->lock);
			if (!m->killed_by)
				m->killed_by = assay_xstrdup(t->name);
			m->status = MUT_KILLED;
			if (!e->cfg.all_tests)
				break;
			add_kill(m, t->name);
		}
	}
	if (mut_stop_asked(e))
		forget(m); /* what was cut short proves nothing: the next run gives it its result */
	else if (m->status == MUT_PENDING)
		m->status = MUT_SURVIVED;
	free(o);
}

static void report(struct pool *p, mut_mutant *m)
{
	if (p->e->on_result)
		p->e->on_result(p->e->result_ud, m);
	p->counts[m->status]++;
	p->done++;
	if (p->e->progress)
		p->e->progress(p->e->progress_ud, "mutants", p->done, p->nq, p->counts);
}

struct worker_arg {
	struct pool *p;
	int w;
	size_t mutated; /* 1 + the file a fallback's mutant is in, in this copy; 0: none */
};

/* Write the source of file f in worker w's copy, dated so that make rebuilds it. */
static int put_source(mut_engine *e, int w, size_t f, const char *text, size_t len, assay_err *err)
{
	char *spath = mut_worker_str(e, w, e->proj.files[f].path);
	int rc = mut_write_file(spath, text, len, err);
	if (rc == 0) {
		pthread_mutex_lock(&e->lock);
		rc = mut_touch_later(spath, err);
		pthread_mutex_unlock(&e->lock);
	}
	free(spath);
	return rc;
}

/* Put back the schemata source of file f that a fallback replaced. */
static int restore(mut_engine *e, int w, size_t f, assay_err *err)
{
	size_t len;
	char *text = mut_schemata_render(&e->proj, f, e->in, &len);
	int rc = text ? put_source(e, w, f, text, len, err)
		      : put_source(e, w, f, e->proj.files[f].text, e->proj.files[f].len, err);
	free(text);
	return rc;
}

/*
 * A mutant the schemata could not hold: its own build, in worker w's copy.
 * One mutant at a time: the file of the worker's previous one goes back
 * first, or both would be in the build.
 */
static void run_fallback(mut_engine *e, struct worker_arg *a, mut_mutant *m)
{
	assay_err err = ASSAY_ERR_INIT;
	int rc = 0;
	if (a->mutated && a->mutated - 1 != m->file)
		rc = restore(e, a->w, a->mutated - 1, &err);
	if (rc == 0) {
		size_t len;
		char *text = mut_render_single(&e->proj, m, &len);
		rc = put_source(e, a->w, m->file, text, len, &err);
		free(text);
		a->mutated = m->file + 1;
	}
	pthread_mutex_lock(&e->lock);
	e->stats.compiles++;
	e->stats.fallback_builds++;
	pthread_mutex_unlock(&e->lock);
	if (rc == 0)
		rc = mut_build(e, a->w, &err);
	if (rc < 0 && mut_stop_asked(e)) {
		/* a build cut short by the stop (or by whoever sent it) says nothing of the mutant */
	} else if (rc < 0) {
		m->status = MUT_COMPILE_ERROR;
		m->reason = assay_xstrdup(err.msg);
	} else {
		test_mutant(e, a->w, m);
	}
}

/*
 * The queue holds the schemata mutants first, then the fallbacks: once a
 * worker has rebuilt its copy for a fallback, it takes no schemata mutant
 * again, and the other workers' copies are their own.
 */
static void *worker(void *arg)
{
	struct worker_arg *a = arg;
	struct pool *p = a->p;
	mut_engine *e = p->e;
	for (;;) {
		pthread_mutex_lock(&e->lock);
		size_t i = p->next++;
		pthread_mutex_unlock(&e->lock);
		if (i >= p->nq || mut_stop_asked(e))
			break;
		mut_mutant *m = &e->proj.mutants[p->queue[i]];
		if (m->fallback)
			run_fallback(e, a, m);
		else
			test_mutant(e, a->w, m);
		if (m->status == MUT_PENDING)
			break; /* stopped */
		pthread_mutex_lock(&e->lock);
		report(p, m);
		pthread_mutex_unlock(&e->lock);
	}
	return NULL;
}

int mut_run_mutants(mut_engine *e, assay_err *err)
{
	struct pool p = { .e = e };
	p.queue = assay_xcalloc(e->proj.nmutants + 1, sizeof(size_t));
	for (size_t i = 0; i < e->proj.nmutants; i++) {
		mut_mutant *m = &e->proj.mutants[i];
		if (!m->selected || m->status != MUT_PENDING)
			continue;
		if (e->in && e->in[i] && !e->proj.files[m->file].sites[m->site].hit) {
			m->status = MUT_NO_COVERAGE; /* no test reaches it: nothing to run */
			continue;
		}
		p.queue[p.nq++] = i;
	}
	/* schemata mutants first (stable), then the ones that need a build of their own */
	size_t k = 0;
	size_t *ordered = assay_xcalloc(p.nq + 1, sizeof(size_t));
	for (int pass = 0; pass < 2; pass++)
		for (size_t q = 0; q < p.nq; q++)
			if (e->proj.mutants[p.queue[q]].fallback == pass)
				ordered[k++] = p.queue[q];
	free(p.queue);
	p.queue = ordered;
	/* the results known before any test: taken over, marked, no coverage, TCE's */
	for (size_t i = 0; e->on_result && i < e->proj.nmutants; i++)
		if (e->proj.mutants[i].selected && e->proj.mutants[i].status != MUT_PENDING)
			e->on_result(e->result_ud, &e->proj.mutants[i]);
	int n = e->cfg.jobs;
	pthread_t *th = assay_xcalloc((size_t)n, sizeof(pthread_t));
	struct worker_arg *args = assay_xcalloc((size_t)n, sizeof(*args));
	for (int w = 0; w < n; w++) {
		args[w] = (struct worker_arg){ &p, w, 0 };
		pthread_create(&th[w], NULL, worker, &args[w]);
	}
	for (int w = 0; w < n; w++)
		pthread_join(th[w], NULL);
	int rc = 0;
	/* the copies are whole again */
	for (int w = 0; w < n && rc == 0; w++)
		if (args[w].mutated)
			rc = restore(e, w, args[w].mutated - 1, err);
	free(args);
	free(th);
	if (rc == 0)
		rc = mut_interrupted(e, err);
	free(p.queue);
	return rc;
}
