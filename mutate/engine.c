/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "engine.h"
#include "buf.h"
#include "digest.h"
#include "discover.h"
#include "mem.h"
#include "path.h"
#include "proc.h"
#include "rmtree.h"
#include "schemata.h"
#include "gitdiff.h"
#include "tmpdir.h"
#include "walk.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void mut_engine_init(mut_engine *e, const struct mut_config *cfg, mut_progress_fn fn, void *ud)
{
	memset(e, 0, sizeof(*e));
	e->cfg = *cfg;
	if (e->cfg.jobs < 1)
		e->cfg.jobs = 1;
	if (e->cfg.jobs > MUT_MAX_JOBS)
		e->cfg.jobs = MUT_MAX_JOBS;
	e->progress = fn;
	e->progress_ud = ud;
	mut_project_init(&e->proj);
	pthread_mutex_init(&e->lock, NULL);
	e->t0 = assay_proc_now_us();
}

/* Tests are not mutated unless asked for by name: test_x.c, x_test.c, or under test(s)/. */
static int looks_like_test(const char *rel)
{
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	if (!strncmp(base, "test_", 5) || !strncmp(base, "test.", 5) || strstr(base, "_test.") ||
	    strstr(base, "_tests."))
		return 1;
	for (const char *p = rel; p < base;) {
		const char *slash = strchr(p, '/');
		size_t n = (size_t)(slash - p);
		if ((n == 4 && !strncmp(p, "test", 4)) || (n == 5 && !strncmp(p, "tests", 5)) ||
		    (n == 7 && !strncmp(p, "testing", 7)))
			return 1;
		p = slash + 1;
	}
	return 0;
}

static int matches_any(const char *rel, const char *const *globs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(globs[i], rel, 0) == 0)
			return 1;
	return 0;
}

/* The longest directory that holds both dir and path (dir is shortened in place). */
static void common_dir(char *dir, const char *path)
{
	while (!mut_path_under(path, dir) && strcmp(dir, "/")) {
		char *slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}

/*
 * The project's top: --root, else the git work tree of the first source
 * outside the build directory.  Outside git (a release tarball, a CI
 * cache): the current directory when every such source lies under it,
 * else the directory they all share, so that --sources src/x.c means what
 * it says from where the user stands.
 */
static int find_root(mut_engine *e, assay_err *err)
{
	if (e->cfg.root) {
		e->root = realpath(e->cfg.root, NULL);
		if (!e->root)
			return assay_err_set(err, ASSAY_EUSAGE, "--root %s: %s", e->cfg.root, strerror(errno));
		return 0;
	}
	char *common = NULL;
	for (size_t i = 0; i < e->ccdb.n; i++) {
		const char *f = e->ccdb.entries[i].file;
		if (mut_path_under(f, e->build))
			continue;
		if (!common) {
			char *dir = assay_xstrdup(f);
			*strrchr(dir, '/') = '\0';
			assay_err ignore = ASSAY_ERR_INIT;
			int rc = assay_git_toplevel(&e->root, dir, &ignore);
			if (rc == 0) {
				free(dir);
				return 0;
			}
			common = dir;
		}
		common_dir(common, f);
	}
	if (!common)
		return assay_err_set(err, ASSAY_EINPUT,
				     "%s: every source is inside the build directory; say --root", e->ccdb.path);
	char *cwd = realpath(".", NULL);
	if (cwd && mut_path_under(common, cwd)) {
		free(common);
		e->root = cwd;
	} else {
		free(cwd);
		e->root = common;
	}
	return 0;
}

static void digest_tests(mut_engine *e);

static void select_shard(mut_engine *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->proj.nmutants; i++) {
		mut_mutant *m = &e->proj.mutants[i];
		if (!m->selected)
			continue;
		/* round robin over a fixed order: deterministic and balanced */
		if (e->cfg.shard_n > 0 && (int)(n % (size_t)e->cfg.shard_n) != e->cfg.shard_k - 1)
			m->selected = 0;
		n++;
	}
}

/* Nothing to mutate: say under which root the globs were tried, and on what. */
static int no_source(mut_engine *e, assay_err *err)
{
	assay_buf b = ASSAY_BUF_INIT;
	size_t shown = 0, more = 0;
	for (size_t i = 0; i < e->ccdb.n; i++) {
		const char *f = e->ccdb.entries[i].file;
		size_t len = strlen(f);
		if (len < 2 || strcmp(f + len - 2, ".c") || !mut_path_under(f, e->root) || !strcmp(f, e->root))
			continue;
		if (shown < 4)
			assay_buf_addf(&b, "%s%s", shown ? ", " : "", f + strlen(e->root) + 1);
		else
			more++;
		shown++;
	}
	if (more)
		assay_buf_addf(&b, " and %zu more", more);
	int rc = assay_err_set(err, ASSAY_EINPUT, "%s: no C source of the project matches%s under the root %s "
			       "(--root to say another); %s%s", e->ccdb.path, e->cfg.nsources ? " --sources" : "",
			       e->root, shown ? "its sources there: " : "no source of it lies there",
			       shown ? b.buf : "");
	assay_buf_release(&b);
	return rc;
}

/*
 * path's name under the root when it is to be mutated: a .c file of the
 * project (not generated in the build directory, unless it is an in-source
 * build) that --sources names (else not a test), not --exclude'd, and not
 * found already; else NULL.
 */
static const char *wanted(const mut_engine *e, const char *path)
{
	size_t len = strlen(path);
	if (len < 2 || strcmp(path + len - 2, ".c") || !mut_path_under(path, e->root) || !strcmp(path, e->root) ||
	    (mut_path_under(path, e->build) && strcmp(e->build, e->root)))
		return NULL;
	const char *rel = path + strlen(e->root) + 1;
	if (e->cfg.nsources ? !matches_any(rel, e->cfg.sources, e->cfg.nsources) : looks_like_test(rel))
		return NULL;
	if (matches_any(rel, e->cfg.excludes, e->cfg.nexcludes))
		return NULL;
	for (size_t k = 0; k < e->proj.nfiles; k++)
		if (!strcmp(e->proj.files[k].path, path))
			return NULL;
	return rel;
}

/* 1 when path has a compile command of its own. */
static int has_entry(const mut_engine *e, const char *path)
{
	for (size_t i = 0; i < e->ccdb.n; i++)
		if (!strcmp(e->ccdb.entries[i].file, path))
			return 1;
	return 0;
}

int mut_engine_discover(mut_engine *e, assay_err *err)
{
	struct stat st;
	if (!e->cfg.build_dir || stat(e->cfg.build_dir, &st) < 0 || !S_ISDIR(st.st_mode))
		return assay_err_set(err, ASSAY_EUSAGE, "--build-dir %s: not a directory",
				     e->cfg.build_dir ? e->cfg.build_dir : "(missing)");
	e->build = realpath(e->cfg.build_dir, NULL);
	int rc = mut_ccdb_load(&e->ccdb, e->build, err);
	if (rc == 0)
		rc = find_root(e, err);
	assay_changes changes = { 0 };
	if (rc == 0 && e->cfg.since) {
		rc = assay_changes_between(&changes, e->root, e->cfg.since, NULL, err);
		if (rc < 0 && err->code == ASSAY_EUSAGE) {
			char msg[sizeof(err->msg)];
			snprintf(msg, sizeof(msg), "%s", err->msg);
			assay_err_set(err, ASSAY_EUSAGE, "--since %s", msg);
		}
	}
	mut_discover *d = rc == 0 ? mut_discover_new() : NULL;
	for (size_t i = 0; rc == 0 && i < e->ccdb.n; i++) {
		const mut_ccentry *en = &e->ccdb.entries[i];
		const char *rel = wanted(e, en->file);
		if (!rel)
			continue; /* not asked for, or one source in two targets: mutated once, rebuilt in both */
		rc = mut_discover_file(d, &e->proj, en, rel, e->cfg.opmask, err);
		if (rc == 0)
			e->proj.files[e->proj.nfiles - 1].entry = i;
	}
	/* .c files compiled only inside other units (a unity build's parts): mutated in the first */
	for (size_t i = 0; rc == 0 && i < e->ccdb.n; i++) {
		size_t n;
		char **inc = mut_included_sources(e->ccdb.entries[i].file, &n);
		for (size_t k = 0; k < n; k++) {
			const char *rel = rc == 0 && !has_entry(e, inc[k]) ? wanted(e, inc[k]) : NULL;
			if (rel && access(inc[k], R_OK) == 0) {
				rc = mut_discover_included(d, &e->proj, &e->ccdb.entries[i], inc[k], rel, e->cfg.opmask,
							   err);
				if (rc == 0)
					e->proj.files[e->proj.nfiles - 1].entry = i;
			}
			free(inc[k]);
		}
		free(inc);
	}
	mut_discover_free(d);
	if (rc == 0 && e->proj.nfiles == 0)
		rc = no_source(e, err);
	if (rc == 0) {
		for (size_t i = 0; i < e->proj.nmutants; i++) {
			mut_mutant *m = &e->proj.mutants[i];
			m->selected = !e->cfg.since ||
				      assay_changes_touch(&changes, e->proj.files[m->file].rel, m->line, m->end_line);
			if (e->cfg.no_schemata)
				m->fallback = 1;
		}
		select_shard(e);
		digest_tests(e);
		for (size_t i = 0; i < e->proj.nmutants; i++)
			e->stats.selected += e->proj.mutants[i].selected;
		e->stats.files = (int)e->proj.nfiles;
		e->stats.sites = e->proj.nsites;
		e->stats.mutants = (int)e->proj.nmutants;
	}
	assay_changes_release(&changes);
	return rc;
}

/* The scratch layout: SCRATCH/wK/src is the root's copy, the build dir is inside it or at wK/build. */
static void worker_paths(mut_engine *e, int k, char **root, char **build)
{
	*root = assay_xasprintf("%s/w%d/src", e->scratch, k);
	if (mut_path_under(e->build, e->root))
		*build = assay_xasprintf("%s%s", *root, e->build + strlen(e->root));
	else
		*build = assay_xasprintf("%s/w%d/build", e->scratch, k);
}

static int make_scratch(mut_engine *e, assay_err *err)
{
	const char *parent = e->cfg.scratch_parent;
	if (!parent || !*parent)
		parent = assay_tmpdir();
	char *tmpl = assay_xasprintf("%s/assay-mutate.XXXXXX", parent);
	if (!mkdtemp(tmpl)) {
		int rc = assay_err_set(err, ASSAY_EIO, "cannot make a scratch directory %s: %s", tmpl,
				       strerror(errno));
		free(tmpl);
		return rc;
	}
	e->scratch = tmpl;
	if (mut_path_under(e->scratch, e->root) || mut_path_under(e->scratch, e->build))
		return assay_err_set(err, ASSAY_EUSAGE,
				     "the scratch directory %s is inside the project: say --scratch elsewhere",
				     e->scratch);
	int n = e->cfg.jobs;
	e->wroot = assay_xcalloc((size_t)n, sizeof(char *));
	e->wbuild = assay_xcalloc((size_t)n, sizeof(char *));
	e->wtmp = assay_xcalloc((size_t)n, sizeof(char *));
	e->wremap = assay_xcalloc((size_t)n, sizeof(mut_remap));
	for (int k = 0; k < n; k++) {
		worker_paths(e, k, &e->wroot[k], &e->wbuild[k]);
		e->wtmp[k] = assay_xasprintf("%s/tmp%d", e->scratch, k);
		mkdir(e->wtmp[k], 0755);
		char *w = assay_xasprintf("%s/w%d", e->scratch, k);
		mkdir(w, 0755);
		free(w);
	}
	mut_remap_add(&e->remap, e->root, e->wroot[0]);
	if (!mut_path_under(e->build, e->root))
		mut_remap_add(&e->remap, e->build, e->wbuild[0]);
	for (int k = 1; k < n; k++) {
		mut_remap_add(&e->wremap[k], e->wroot[0], e->wroot[k]);
		if (!mut_path_under(e->build, e->root))
			mut_remap_add(&e->wremap[k], e->wbuild[0], e->wbuild[k]);
	}
	return 0;
}

static int copy_worker0(mut_engine *e, assay_err *err)
{
	const char *skip[] = { e->scratch, NULL };
	struct mut_copy_opts o = {
		.src = e->root, .dst = e->wroot[0], .text_under = e->build, .remap = &e->remap,
		.keep_build = e->build, .skip = skip,
	};
	int rc = mut_copy_tree(&o, err);
	if (rc == 0 && !mut_path_under(e->build, e->root)) {
		o.src = e->build;
		o.dst = e->wbuild[0];
		rc = mut_copy_tree(&o, err);
	}
	return rc;
}

static int copy_workers(mut_engine *e, assay_err *err)
{
	for (int k = 1; k < e->cfg.jobs; k++) {
		char *src = assay_xasprintf("%s/w0", e->scratch), *dst = assay_xasprintf("%s/w%d", e->scratch, k);
		struct mut_copy_opts o = {
			.src = src, .dst = dst, .text_under = e->wbuild[0], .remap = &e->wremap[k],
			.keep_build = e->wbuild[0],
		};
		int rc = mut_copy_tree(&o, err);
		free(src);
		free(dst);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static void tail(char *buf, size_t len, char *out, size_t n)
{
	const char *start = len > n - 1 ? buf + len - (n - 1) : buf;
	snprintf(out, n, "%s", start);
	for (char *p = out; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

/* Run every test once with mutant `id`; `must` says what each must do. */
enum must { MUST_PASS, MUST_PASS_TRACED, MUST_FAIL_IF_HIT };

static void read_trace(mut_engine *e, mut_test *t, const char *path)
{
	t->hits = assay_xcalloc((size_t)e->proj.nsites + 1, 1);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[64];
	while (fgets(line, sizeof(line), f)) {
		long g = strtol(line, NULL, 10);
		if (g >= 0 && g < e->proj.nsites)
			t->hits[g] = 1;
	}
	fclose(f);
	unlink(path);
}

void mut_count_test(mut_engine *e, int w, const struct assay_proc_result *res)
{
	pthread_mutex_lock(&e->lock);
	e->stats.tests_us += res->wall_us;
	e->stats.worker_tests_us[w] += res->wall_us;
	e->stats.test_runs++;
	if (res->timed_out) {
		e->stats.timeout_us += res->wall_us;
		e->stats.timeout_runs++;
	}
	pthread_mutex_unlock(&e->lock);
}

int64_t mut_stats_worker_us(const struct mut_stats *s, int w)
{
	return w == 0 ? s->total_us : s->mutation_us;
}

double mut_stats_outside(const struct mut_stats *s, int jobs, int64_t *worker_us)
{
	int64_t busy = 0, all = 0;
	for (int w = 0; w < jobs && w < MUT_MAX_JOBS; w++) {
		int64_t span = mut_stats_worker_us(s, w), t = s->worker_tests_us[w];
		busy += t < span ? t : span; /* clock granularity only: a test runs within its worker's time */
		all += span;
	}
	*worker_us = all;
	if (!s->test_runs || all <= 0)
		return -1;
	return 1.0 - (double)busy / (double)all;
}

int mut_interrupted(const mut_engine *e, assay_err *err)
{
	return mut_stop_asked(e) ? assay_err_set(err, ASSAY_EUSAGE, "interrupted") : 0;
}

static int suite_pass(mut_engine *e, int id, enum must must, const char *what, assay_err *err)
{
	int failed_any = 0, checked = 0;
	for (size_t i = 0; i < e->tests.n; i++) {
		int stopped = mut_interrupted(e, err);
		if (stopped < 0)
			return stopped;
		mut_test *t = &e->tests.v[i];
		int hit = 0;
		for (int g = 0; must == MUST_FAIL_IF_HIT && t->hits && g < e->proj.nsites && !hit; g++)
			hit = t->hits[g];
		char *trace = must == MUST_PASS_TRACED ? assay_xasprintf("%s/trace", e->scratch) : NULL;
		struct mut_exec x = {
			.test = t, .remap = &e->wremap[0], .build_dir = e->wbuild[0], .tmpdir = e->wtmp[0],
			.mutant = id, .trace = trace, .timeout_s = 600, .capture = 1, .stop = e->cfg.stop,
		};
		struct assay_proc_result res;
		assay_proc_result_init(&res);
		if (trace)
			unlink(trace);
		enum mut_outcome out = mut_exec_test(&x, &res, err);
		mut_count_test(e, 0, &res);
		int rc = 0;
		if (out == MUT_OUT_STOPPED) {
			free(trace);
			assay_proc_result_release(&res);
			return mut_interrupted(e, err);
		}
		char desc[128], out_tail[400];
		assay_proc_describe(&res, desc, sizeof(desc));
		tail(res.out.buf, res.out.len, out_tail, sizeof(out_tail));
		if (out == MUT_OUT_NOSTART) {
			rc = -ASSAY_EINPUT;
		} else if (must != MUST_FAIL_IF_HIT && out != MUT_OUT_PASS) {
			rc = assay_err_set(err, must == MUST_PASS ? ASSAY_EINPUT : ASSAY_ECHILD,
					   "%s: test '%s' fails (%s): %s", what, t->name, desc, out_tail);
		} else if (must == MUST_PASS_TRACED) {
			t->base_us = res.wall_us;
			t->base_cpu_us = res.cpu_us;
			read_trace(e, t, trace);
		} else if (must == MUST_FAIL_IF_HIT) {
			failed_any |= out != MUT_OUT_PASS;
			if (hit) {
				checked++;
				if (out == MUT_OUT_PASS)
					rc = assay_err_set(err, ASSAY_ECHILD,
							   "sanity check: test '%s' passes with every mutant forced to fail: "
							   "ASSAY_MUTANT does not reach it (does it clear its environment?)",
							   t->name);
			}
		}
		free(trace);
		assay_proc_result_release(&res);
		if (rc < 0)
			return rc;
	}
	if (must == MUST_FAIL_IF_HIT && !checked && !failed_any)
		return assay_err_set(err, ASSAY_ECHILD,
				     "sanity check: the tests pass with every mutant forced to fail: "
				     "they do not run the mutated code, or ASSAY_MUTANT does not reach them");
	return 0;
}

static void digest_file(assay_digest *d, const char *path, const mut_remap *r)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_err ignore = ASSAY_ERR_INIT;
	if (mut_read_file(path, &b, &ignore) == 0) {
		char *text = r ? mut_remap_str(r, b.len ? b.buf : "") : NULL;
		if (text)
			assay_digest_update_str(d, text);
		else
			assay_digest_update(d, b.buf, b.len);
		free(text);
	}
	assay_buf_release(&b);
}

/*
 * What the tests are: how they are run (the test command, or CTest's test
 * definitions), how every translation unit is compiled (its flags), and
 * every compiled source that is not mutated (the tests' own among them).
 * A result is taken over from an earlier run only when this matches, as
 * well as the mutant's key.  The root and build paths are named, not
 * spelled, so that the same project in another checkout reuses its results.
 */
static void digest_tests(mut_engine *e)
{
	mut_remap places = { 0 };
	mut_remap_add(&places, e->build, "${BUILD}");
	mut_remap_add(&places, e->root, "${ROOT}");
	assay_digest *d = assay_digest_new();
	assay_digest_update_str(d, e->cfg.ctest ? "ctest" : e->cfg.test_command);
	assay_digest_update_str(d, e->cfg.ctest_label);
	assay_digest_update_str(d, e->cfg.ctest_regex);
	if (e->cfg.ctest) {
		struct assay_walk w = { 0 };
		assay_err ignore = ASSAY_ERR_INIT;
		if (assay_walk_collect(&w, e->build, &ignore) == 0)
			for (size_t i = 0; i < w.n; i++) {
				const char *base = strrchr(w.paths[i], '/');
				if (base && !strcmp(base + 1, "CTestTestfile.cmake")) {
					char *rel = mut_remap_str(&places, w.paths[i]);
					assay_digest_update_str(d, rel);
					free(rel);
					digest_file(d, w.paths[i], &places);
				}
			}
		assay_walk_release(&w);
	}
	for (size_t i = 0; i < e->ccdb.n; i++) {
		const mut_ccentry *en = &e->ccdb.entries[i];
		char *f = mut_remap_str(&places, en->file);
		assay_digest_update_str(d, f);
		free(f);
		for (size_t k = 0; k < en->argc; k++) {
			char *a = mut_remap_str(&places, en->argv[k]);
			assay_digest_update_str(d, a);
			free(a);
		}
		int mutated = 0;
		for (size_t k = 0; k < e->proj.nfiles && !mutated; k++)
			mutated = !strcmp(e->proj.files[k].path, en->file);
		if (!mutated)
			digest_file(d, en->file, NULL);
	}
	assay_digest_hex(d, e->tests_digest);
	assay_digest_free(d);
}

int mut_engine_prepare(mut_engine *e, assay_err *err)
{
	int rc = make_scratch(e, err);
	if (rc == 0)
		rc = copy_worker0(e, err);
	if (rc == 0)
		rc = mut_ccdb_load(&e->sccdb, e->wbuild[0], err);
	/* bring the copy up to date before the baseline: usually nothing to do */
	if (rc == 0)
		rc = mut_build(e, 0, err);
	/* a signal stops it between steps (and between tests): the builds and test runs are long */
	if (rc == 0)
		rc = mut_interrupted(e, err);
	if (rc == 0) {
		if (e->cfg.ctest)
			rc = mut_tests_ctest(&e->tests, e->wbuild[0], e->cfg.ctest_label, e->cfg.ctest_regex, err);
		else
			mut_tests_command(&e->tests, e->cfg.test_command);
	}
	if (rc == 0) {
		if (e->progress)
			e->progress(e->progress_ud, "baseline", 0, e->tests.n, NULL);
		rc = suite_pass(e, 0, MUST_PASS, "the tests fail on the unmutated code", err);
	}
	e->stats.setup_us = assay_proc_now_us() - e->t0;
	int64_t t1 = assay_proc_now_us();
	if (rc == 0)
		rc = mut_write_schemata(e, err);
	if (rc == 0)
		rc = mut_build(e, 0, err);
	if (rc == 0)
		rc = mut_interrupted(e, err);
	if (rc == 0)
		rc = suite_pass(e, 0, MUST_PASS_TRACED, "with the schemata build and no mutant active", err);
	if (rc == 0 && !e->cfg.no_schemata) {
		int any = 0;
		for (size_t i = 0; i < e->proj.nmutants && !any; i++)
			any = e->in[i];
		if (any)
			rc = suite_pass(e, MUT_SANITY_ID, MUST_FAIL_IF_HIT, "sanity", err);
	}
	if (rc == 0) {
		for (size_t f = 0; f < e->proj.nfiles; f++)
			for (size_t s = 0; s < e->proj.files[f].nsites; s++)
				for (size_t i = 0; i < e->tests.n; i++)
					e->proj.files[f].sites[s].hit |= e->tests.v[i].hits[e->proj.files[f].sites[s].gid];
	}
	if (rc == 0)
		rc = copy_workers(e, err);
	e->stats.initial_us = assay_proc_now_us() - t1;
	return rc;
}

int mut_engine_run(mut_engine *e, assay_err *err)
{
	int64_t t1 = assay_proc_now_us();
	int rc = 0;
	if (e->cfg.tce)
		rc = mut_tce(e, err);
	if (rc == 0)
		rc = mut_run_mutants(e, err);
	e->stats.mutation_us = assay_proc_now_us() - t1;
	e->stats.total_us = assay_proc_now_us() - e->t0;
	return rc;
}

void mut_engine_release(mut_engine *e)
{
	if (e->scratch && !e->cfg.keep_scratch) {
		assay_err ignore = ASSAY_ERR_INIT;
		assay_rmtree(e->scratch, &ignore);
	}
	for (int k = 0; e->wroot && k < e->cfg.jobs; k++) {
		free(e->wroot[k]);
		free(e->wbuild[k]);
		free(e->wtmp[k]);
	}
	free(e->wroot);
	free(e->wbuild);
	free(e->wtmp);
	free(e->wremap);
	free(e->scratch);
	free(e->root);
	free(e->build);
	free(e->in);
	mut_ccdb_release(&e->ccdb);
	mut_ccdb_release(&e->sccdb);
	mut_tests_release(&e->tests);
	mut_project_release(&e->proj);
	pthread_mutex_destroy(&e->lock);
}
