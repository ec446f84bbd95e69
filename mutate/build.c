/* SPDX-License-Identifier: MIT */
/* Writing the schemata sources into the scratch copy, checking and building them. */
#include "engine.h"
#include "mem.h"
#include "proc.h"
#include "schemata.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const mut_ccentry *mut_scratch_entry(mut_engine *e, const mut_file *f, char **spath)
{
	*spath = mut_remap_str(&e->remap, f->path);
	/* the copy's compile_commands.json is the user's with the paths remapped: the same entries */
	const mut_ccentry *en = f->entry < e->sccdb.n ? &e->sccdb.entries[f->entry] : NULL;
	return en && !strcmp(en->file, *spath) ? en : NULL;
}

char *mut_worker_str(mut_engine *e, int w, const char *s)
{
	char *s0 = mut_remap_str(&e->remap, s);
	char *sw = mut_remap_str(&e->wremap[w], s0); /* wremap[0] is empty: worker 0's own */
	free(s0);
	return sw;
}

int mut_build(mut_engine *e, int worker, assay_err *err)
{
	const char *dir = e->wbuild[worker];
	char jobs[16];
	snprintf(jobs, sizeof(jobs), "%d", e->cfg.jobs);
	char *cache = assay_xasprintf("%s/CMakeCache.txt", dir);
	int cmake = access(cache, F_OK) == 0;
	free(cache);
	char *cmd = e->cfg.build_command ? mut_worker_str(e, worker, e->cfg.build_command) : NULL;
	const char *cm[] = { "cmake", "--build", dir, "-j", jobs, NULL };
	const char *mk[] = { "make", "-C", dir, "-j", jobs, NULL };
	const char *sh[] = { "sh", "-c", cmd, NULL };
	struct assay_proc_opts o = {
		.argv = cmd ? sh : cmake ? cm : mk, .cwd = dir, .timeout_s = 3600,
		.flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_TO_OUT, .capture_cap = 1 << 20,
	};
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	int rc = assay_proc_run(&o, &r, err);
	if (rc == 0 && !assay_proc_ok(&r)) {
		size_t keep = r.out.len > 600 ? 600 : r.out.len;
		rc = assay_err_set(err, ASSAY_ECHILD, "the build in %s failed: ...%s", dir,
				   r.out.buf + r.out.len - keep);
	}
	assay_proc_result_release(&r);
	free(cmd);
	return rc;
}

/*
 * The compiler's first error in out (the first line that says "error", else
 * the first line), with the scratch path made the file's own name, the
 * scratch copy's other paths the user's: a new string, as the compiler wrote
 * it (the front end escapes what it prints).
 */
static char *first_error(const mut_engine *e, const assay_buf *out, const char *spath, const char *rel)
{
	const char *text = out->len ? out->buf : "", *line = NULL;
	for (const char *p = text; *p && !line; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : p + strlen(p)) {
		size_t n = strcspn(p, "\n");
		for (size_t i = 0; i + 5 <= n && !line; i++)
			if (!strncmp(p + i, "error", 5))
				line = p;
	}
	if (!line)
		line = text + strspn(text, "\n");
	char *one = assay_xstrndup(line, strcspn(line, "\n"));
	char *at = strstr(one, spath);
	char *named0 = at ? assay_xasprintf("%.*s%s%s", (int)(at - one), one, rel, at + strlen(spath))
			  : assay_xstrdup(one);
	free(one);
	mut_remap back = { 0 };
	mut_remap_add(&back, e->wroot[0], e->root);
	if (!mut_path_under(e->build, e->root))
		mut_remap_add(&back, e->wbuild[0], e->build);
	char *named = mut_remap_str(&back, named0);
	free(named0);
	return named;
}

/*
 * Write file fi's schemata (mutants in `in`) and check that it compiles.
 * 1: it does; 0: it does not, and *why (when why is not NULL) gets the
 * compiler's first error (a new string).  Warnings do not count: a mutant
 * may well make code that warns.
 */
static int check(mut_engine *e, size_t fi, const unsigned char *in, char **why, assay_err *err)
{
	mut_file *f = &e->proj.files[fi];
	char *spath = mut_remap_str(&e->remap, f->path);
	/* its own compile command, or that of the unit that includes it (a unity build) */
	const mut_ccentry *en = f->entry < e->sccdb.n ? &e->sccdb.entries[f->entry] : NULL;
	size_t len;
	char *text = mut_schemata_render(&e->proj, fi, in, &len);
	int rc = mut_write_file(spath, text ? text : f->text, text ? len : f->len, err);
	if (rc == 0)
		rc = mut_touch_later(spath, err);
	free(text);
	if (rc == 0 && !en)
		rc = assay_err_set(err, ASSAY_EINPUT, "%s: not in the scratch copy's compile_commands.json", spath);
	if (rc < 0) {
		free(spath);
		return rc;
	}
	static const char *const extra[] = { "-Wno-error", "-w", NULL };
	const char **argv = mut_ccdb_compile_argv(en, en->file, NULL, extra);
	struct assay_proc_opts o = {
		.argv = argv, .cwd = en->dir, .timeout_s = 600,
		.flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_TO_OUT, .capture_cap = 1 << 16,
	};
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	rc = assay_proc_run(&o, &r, err);
	if (rc == 0)
		rc = assay_proc_ok(&r);
	if (rc == 0 && why && !*why)
		*why = first_error(e, &r.out, spath, f->rel);
	assay_proc_result_release(&r);
	free(argv);
	free(spath);
	return rc;
}

/*
 * The mutants of ids[0..n) break the file together: find the ones that
 * break it alone, by halves, and send them to the per-mutant rebuild.
 */
static int bisect(mut_engine *e, size_t fi, unsigned char *in, const int *ids, size_t n, assay_err *err)
{
	unsigned char *only = assay_xcalloc(e->proj.nmutants, 1);
	for (size_t i = 0; i < n; i++)
		only[ids[i] - 1] = 1;
	int ok = check(e, fi, only, NULL, err);
	free(only);
	if (ok < 0)
		return ok;
	if (ok)
		return 0;
	if (n == 1) {
		in[ids[0] - 1] = 0;
		e->proj.mutants[ids[0] - 1].fallback = 1;
		return 0;
	}
	int rc = bisect(e, fi, in, ids, n / 2, err);
	if (rc == 0)
		rc = bisect(e, fi, in, ids + n / 2, n - n / 2, err);
	return rc;
}

/* Tell the user at once that file fi's schemata did not hold nfell of its n mutants, and why. */
static void say_fallbacks(mut_engine *e, size_t fi, size_t nfell, size_t n, const char *why)
{
	if (!e->cfg.warn)
		return;
	char *msg = assay_xasprintf("%s: the schemata do not compile (%s): %zu of its %zu mutants fall back "
				    "to a build each%s", e->proj.files[fi].rel, why ? why : "no message", nfell, n,
				    nfell == n ? ", which is slow" : "");
	e->cfg.warn(e->cfg.warn_ud, msg);
	free(msg);
}

int mut_write_schemata(mut_engine *e, assay_err *err)
{
	mut_project *p = &e->proj;
	free(e->in);
	e->in = assay_xcalloc(p->nmutants + 1, 1);
	for (size_t i = 0; i < p->nmutants; i++)
		e->in[i] = p->mutants[i].selected && !p->mutants[i].fallback &&
			   p->mutants[i].status == MUT_PENDING;
	for (size_t fi = 0; fi < p->nfiles; fi++) {
		int *ids = assay_xcalloc(p->nmutants + 1, sizeof(int));
		size_t n = 0;
		for (size_t i = 0; i < p->nmutants; i++)
			if (p->mutants[i].file == fi && e->in[i])
				ids[n++] = p->mutants[i].id;
		int rc = 0;
		char *why = NULL;
		if (n) {
			/* the file is written by each check: the last one leaves what is built */
			int ok = check(e, fi, e->in, &why, err);
			if (ok == 0) {
				rc = bisect(e, fi, e->in, ids, n, err);
				ok = rc < 0 ? rc : check(e, fi, e->in, NULL, err);
			}
			if (ok == 0) {
				/* mutants that only break it together: the whole file goes to rebuilds */
				for (size_t i = 0; i < n; i++) {
					e->in[ids[i] - 1] = 0;
					p->mutants[ids[i] - 1].fallback = 1;
				}
				ok = check(e, fi, e->in, NULL, err);
			}
			rc = ok < 0 ? ok : 0;
			size_t still = 0;
			for (size_t i = 0; i < n; i++)
				still += e->in[ids[i] - 1];
			e->stats.compiles += still > 0;
			e->stats.schemata_fallbacks += (int)(n - still);
			if (rc == 0 && still < n)
				say_fallbacks(e, fi, n - still, n, why);
		}
		free(why);
		free(ids);
		if (rc < 0)
			return rc;
	}
	return 0;
}
