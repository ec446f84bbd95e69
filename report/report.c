/* SPDX-License-Identifier: MIT */
#include "report.h"
#include "data.h"
#include "pages.h"
#include "mem.h"
#include "revs.h"
#include "source.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* report.css and report.js, embedded at build time (cmake/embed.cmake) */
extern const char *const rep_assets[];

int rep_emit(struct rep_ctx *c, struct rep_page *p, const char *rel, assay_err *err)
{
	return rep_emit_keyed(c, p, rel, 0, err);
}

int rep_emit_keyed(struct rep_ctx *c, struct rep_page *p, const char *rel, uint64_t key, assay_err *err)
{
	rep_page_end(p);
	int rc = rep_site_write_keyed(c->site, rel, key, p->b.buf, p->b.len, err);
	assay_buf_release(&p->b);
	return rc;
}

/* Is dir there already, a directory (not a link to one)? */
static int is_dir(const char *dir)
{
	struct stat st;
	return lstat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

int rep_render_open(const char *out, rep_site **site, assay_err *err)
{
	*site = NULL;
	return is_dir(out) ? rep_site_open(site, out, err) : 0;
}

int rep_render(assay_store *st, const struct rep_opts *o, rep_site **site_io, struct rep_site_stats *stats,
	       assay_err *err)
{
	/* a re-render's sources are checked by the helper while the store is read, as its manifest is */
	rep_site *site = *site_io;
	rep_sources *sources = site ? rep_sources_open(o->root, site) : NULL;
	int rc = 0;
	struct rep_model m;
	memset(&m, 0, sizeof(m));
	if (rc == 0)
		rc = rep_model_load(st, o->commit_id, &m, err);
	if (rc == 0 && o->base) {
		/* the base by the gate's rules, its nearest ancestor with runs standing in */
		struct assay_revs revs;
		rc = assay_revs_resolve(st, o->root, m.sum.commit, m.sum.commit, strcmp(o->base, "auto") ? o->base : NULL,
					50, NULL, &revs, err);
		if (rc == 0) {
			char *from = revs.base_steps
				? assay_xasprintf("%s; %.12s has no runs, its ancestor %d commit%s up stands in", revs.base_from,
						  revs.base_named, revs.base_steps, revs.base_steps == 1 ? "" : "s")
				: assay_xstrdup(revs.base_from);
			rc = rep_model_load_base(st, &m, revs.base.id, revs.base.sha, revs.head.sha, from, o->root, err);
			free(from);
		}
		assay_revs_release(&revs);
	}
	if (rc == 0 && !site && (rc = rep_site_open(site_io, o->out, err)) == 0)
		sources = rep_sources_open(o->root, site = *site_io);
	struct rep_ctx c = { o, &m, site, sources, st, o->title ? o->title : "Assay report" };
	for (size_t i = 0; rc == 0 && i < m.nfiles; i++)
		m.files[i].page = rep_page_name("f", m.files[i].cov->path, 1);
	static const char *const asset_names[] = { "assets/report.css", "assets/report.js" };
	for (size_t i = 0; rc == 0 && i < 2; i++)
		rc = rep_site_write(site, asset_names[i], rep_assets[i], strlen(rep_assets[i]), err);
	if (rc == 0)
		rc = rep_write_index(&c, err);
	if (rc == 0) {
		struct rep_files_job *files = rep_files_begin(&c);
		rc = rep_write_dirs(&c, err);
		if (rc == 0)
			rc = rep_write_sources(&c, err);
		rc = rep_files_end(files, rc, err);
	}
	int (*const pages[])(struct rep_ctx *, assay_err *) = { rep_write_tests, rep_write_mutants, rep_write_stryker };
	for (size_t i = 0; rc == 0 && i < sizeof(pages) / sizeof(pages[0]); i++)
		rc = pages[i](&c, err);
	if (rc == 0)
		rc = rep_sources_save(c.sources, err);
	if (rc == 0)
		rc = rep_site_close(site, err);
	if (rc == 0 && stats)
		rep_site_stats(site, stats);
	rep_sources_free(c.sources);
	rep_model_release(&m);
	return rc;
}
