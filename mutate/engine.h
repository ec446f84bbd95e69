/* SPDX-License-Identifier: MIT */
/*
 * One mutation run, phase by phase:
 *
 *   mut_engine_discover()  compile_commands.json, libclang: the mutants; --since, --shard
 *   mut_engine_prepare()   scratch copy, baseline (must pass), schemata build,
 *                          sanity and per-test coverage, the workers' copies
 *   (the caller takes over earlier results and people's verdicts here)
 *   mut_engine_run()       TCE, no_coverage, the mutants on -j workers, fallbacks
 *   mut_engine_release()   the scratch directory goes
 *
 * The engine never prints: progress goes to a callback, errors to err.
 */
#ifndef ASSAY_MUTATE_ENGINE_H
#define ASSAY_MUTATE_ENGINE_H

#include "ccdb.h"
#include "err.h"
#include "mutant.h"
#include "scratch.h"
#include "tests.h"

#include <pthread.h>
#include <signal.h>
#include <stdint.h>

struct mut_config {
	const char *build_dir;
	const char *const *sources;  /* globs on repo-relative paths; none: every project source */
	size_t nsources;
	const char *const *excludes;
	size_t nexcludes;
	const char *test_command;
	int ctest;
	const char *ctest_label;
	const char *ctest_regex;
	int jobs;
	double timeout_factor, timeout_const;
	const char *since;
	int shard_k, shard_n;        /* 0/0: no sharding */
	unsigned opmask;
	int tce, all_tests;
	int no_schemata;             /* rebuild for every mutant, run every test: the naive way */
	const char *root;            /* NULL: the git work tree of the sources */
	const char *scratch_parent;  /* NULL: $TMPDIR, else /tmp */
	int keep_scratch;
	const char *build_command;   /* NULL: cmake --build (or make) */
	volatile sig_atomic_t *stop; /* set (by a signal handler) to stop early; may be NULL */
	void (*warn)(void *ud, const char *msg); /* told at once what the user should know; may be NULL */
	void *warn_ud;
};

#define MUT_MAX_JOBS 64

struct mut_stats {
	int files, sites, mutants, selected;
	int compiles;            /* compiler runs that built mutated code (schemata TUs, fallbacks) */
	int fallback_builds;
	int schemata_fallbacks;  /* mutants sent to a build of their own because the schemata did not compile */
	int64_t tests_us;        /* summed wall time of every test process */
	int test_runs;
	int64_t timeout_us;      /* of tests_us: the test runs that ran out of time */
	int timeout_runs, starved_retries;
	int64_t worker_tests_us[MUT_MAX_JOBS]; /* tests_us, per worker (the baseline is worker 0's) */
	int64_t setup_us, initial_us, mutation_us, total_us;
};

/*
 * The share of the workers' time spent outside tests, 0 to 1, or -1 when no
 * test ran.  Each worker is measured on its own: worker 0 over the whole
 * run (it does the setup and the baseline), the others over the mutation
 * phase they exist in; a worker runs one test at a time, so its test time
 * never exceeds its own.  *worker_us gets the workers' time summed.
 */
double mut_stats_outside(const struct mut_stats *s, int jobs, int64_t *worker_us);
/* Worker w's time, as mut_stats_outside counts it. */
int64_t mut_stats_worker_us(const struct mut_stats *s, int w);

typedef void (*mut_progress_fn)(void *ud, const char *phase, size_t done, size_t total,
				const size_t counts[MUT_NSTATUS]);

/* A selected mutant has its result in this run (called under the engine's lock, from any worker). */
typedef void (*mut_result_fn)(void *ud, mut_mutant *m);

typedef struct mut_engine {
	struct mut_config cfg;
	mut_ccdb ccdb, sccdb;     /* the user's compile commands, and the scratch copy's */
	mut_project proj;
	mut_tests tests;
	char *root, *build;       /* the user's (absolute, resolved) */
	char *scratch;            /* ours: removed at the end */
	char **wroot, **wbuild, **wtmp; /* per worker: its copy of root and build, its TMPDIR */
	mut_remap *wremap;        /* worker 0's paths -> worker k's (wremap[0]: none) */
	mut_remap remap;          /* the user's paths -> worker 0's */
	unsigned char *in;        /* per mutant id-1: written into the schemata */
	struct mut_stats stats;
	char tests_digest[33];    /* what the tests are: results are reused only when it matches */
	mut_progress_fn progress;
	void *progress_ud;
	mut_result_fn on_result;  /* may be NULL; set before mut_engine_run() */
	void *result_ud;
	pthread_mutex_t lock;
	int64_t t0;
} mut_engine;

void mut_engine_init(mut_engine *e, const struct mut_config *cfg, mut_progress_fn fn, void *ud);
int mut_engine_discover(mut_engine *e, assay_err *err);
int mut_engine_prepare(mut_engine *e, assay_err *err);
int mut_engine_run(mut_engine *e, assay_err *err);
void mut_engine_release(mut_engine *e);

/* internal, between engine.c, build.c and runner.c */
int mut_build(mut_engine *e, int worker, assay_err *err);
int mut_write_schemata(mut_engine *e, assay_err *err);
int mut_run_mutants(mut_engine *e, assay_err *err);
int mut_tce(mut_engine *e, assay_err *err);
const mut_ccentry *mut_scratch_entry(mut_engine *e, const mut_file *f, char **spath);

/* A signal asked to stop (cfg.stop): no more is started. */
static inline int mut_stop_asked(const mut_engine *e)
{
	return e->cfg.stop && *e->cfg.stop;
}

/* If a signal asked to stop: "interrupted" in err and its code (negative); else 0. */
int mut_interrupted(const mut_engine *e, assay_err *err);
/* Count one test run of worker w (takes the lock). */
void mut_count_test(mut_engine *e, int w, const struct assay_proc_result *res);
/* A path (or command) of the user's tree as it is in worker w's copy: a new string. */
char *mut_worker_str(mut_engine *e, int w, const char *s);

#endif
