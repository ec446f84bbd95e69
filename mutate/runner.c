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

/* Run m on its tests in worker w's copy; sets m's status. */
static void test_mutant(mut_engine *e, int w, mut_mutant *m)
{
	pthread_mutex_lock(&e->lock);
	size_t n;
	struct order *o = select_tests(e, m, &n);
	pthread_mutex_unlock(&e->lock);
	mut_remap none = { 0 };
	for (size_t i = 0; i < n; i++) {
		mut_test *t = &e->tests.v[o[i].test];
		double limit = e->cfg.timeout_factor * (double)t->base_us / 1e6 + e->cfg.timeout_const;
		struct mut_exec x = {
			.test = t, .remap = w ? &e->wremap[w] : &none, .build_dir = e->wbuild[w],
			.tmpdir = e->wtmp[w], .mutant = m->id, .timeout_s = limit,
		};
		enum mut_outcome out = MUT_OUT_PASS;
		for (int attempt = 0; attempt < 2; attempt++) {
			struct assay_proc_result res;
			assay_proc_result_init(&res);
			assay_err err = ASSAY_ERR_INIT;
			out = mut_exec_test(&x, &res, &err);
			m->duration_us += res.wall_us;
			pthread_mutex_lock(&e->lock);
			e->stats.tests_us += res.wall_us;
			e->stats.mutant_tests_us += res.wall_us;
			e->stats.test_runs++;
			pthread_mutex_unlock(&e->lock);
			assay_proc_result_release(&res);
			if (out == MUT_OUT_NOSTART) {
				free(m->reason);
				m->reason = assay_xstrdup(err.msg);
			}
			if (out != MUT_OUT_TIMEOUT)
				break;
			/* a loaded machine can be slow once: a longer limit before calling it a timeout */
			x.timeout_s = 2 * limit + e->cfg.timeout_const;
		}
		m->tests_run++;
		if (out == MUT_OUT_NOSTART) {
			m->status = MUT_RUNTIME_ERROR;
			break;
		}
		if (out == MUT_OUT_TIMEOUT) {
			m->status = MUT_TIMEOUT;
			free(m->reason);
			m->reason = assay_xasprintf("'%s' ran out of time twice (limit %.1f s, then %.1f s)",
						    t->name, limit, x.timeout_s);
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
	if (m->status == MUT_PENDING)
		m->status = MUT_SURVIVED;
	free(o);
}

static void report(struct pool *p, mut_mutant *m)
{
	p->counts[m->status]++;
	p->done++;
	if (p->e->progress)
		p->e->progress(p->e->progress_ud, "mutants", p->done, p->nq, p->counts);
}

static void *worker(void *arg)
{
	struct pool *p = ((void **)arg)[0];
	int w = (int)(intptr_t)((void **)arg)[1];
	mut_engine *e = p->e;
	for (;;) {
		pthread_mutex_lock(&e->lock);
		size_t i = p->next;
		while (i < p->nq && e->proj.mutants[p->queue[i]].fallback)
			i++;
		p->next = i + 1;
		pthread_mutex_unlock(&e->lock);
		if (i >= p->nq)
			break;
		mut_mutant *m = &e->proj.mutants[p->queue[i]];
		test_mutant(e, w, m);
		pthread_mutex_lock(&e->lock);
		report(p, m);
		pthread_mutex_unlock(&e->lock);
	}
	return NULL;
}

/* The mutants that the schemata could not hold: one build each, in worker 0's copy. */
static int run_fallbacks(struct pool *p, assay_err *err)
{
	mut_engine *e = p->e;
	unsigned char *touched = assay_xcalloc(e->proj.nfiles + 1, 1);
	int rc = 0;
	for (size_t q = 0; q < p->nq && rc == 0; q++) {
		mut_mutant *m = &e->proj.mutants[p->queue[q]];
		if (!m->fallback)
			continue;
		char *spath = NULL;
		mut_scratch_entry(e, &e->proj.files[m->file], &spath);
		size_t len;
		char *text = mut_render_single(&e->proj, m, &len);
		rc = mut_write_file(spath, text, len, err);
		if (rc == 0)
			rc = mut_touch_later(spath, err);
		free(text);
		free(spath);
		touched[m->file] = 1;
		if (rc < 0)
			break;
		assay_err berr = ASSAY_ERR_INIT;
		e->stats.compiles++;
		e->stats.fallback_builds++;
		if (mut_build(e, 0, &berr) < 0) {
			m->status = MUT_COMPILE_ERROR;
			m->reason = assay_xstrdup(berr.msg);
		} else {
			test_mutant(e, 0, m);
		}
		report(p, m);
	}
	/* leave the copy as the schemata build had it */
	for (size_t f = 0; f < e->proj.nfiles && rc == 0; f++) {
		if (!touched[f])
			continue;
		char *spath = NULL;
		mut_scratch_entry(e, &e->proj.files[f], &spath);
		size_t len;
		char *text = mut_schemata_render(&e->proj, f, e->in, &len);
		rc = mut_write_file(spath, text ? text : e->proj.files[f].text, text ? len : e->proj.files[f].len, err);
		free(text);
		free(spath);
	}
	free(touched);
	return rc;
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
	pthread_t *th = assay_xcalloc((size_t)e->cfg.jobs, sizeof(pthread_t));
	void *args[64][2];
	int n = e->cfg.jobs < 64 ? e->cfg.jobs : 64;
	for (int w = 0; w < n; w++) {
		args[w][0] = &p;
		args[w][1] = (void *)(intptr_t)w;
		pthread_create(&th[w], NULL, worker, args[w]);
	}
	for (int w = 0; w < n; w++)
		pthread_join(th[w], NULL);
	free(th);
	int rc = run_fallbacks(&p, err);
	free(p.queue);
	return rc;
}
