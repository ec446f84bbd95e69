/* SPDX-License-Identifier: MIT */
#include "report.h"
#include "data.h"
#include "pages.h"
#include "mem.h"
#include "revs.h"
#include "source.h"

#include <stdlib.h>
#include <string.h>

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

int rep_render(assay_store *st, const struct rep_opts *o, struct rep_site_stats *stats, assay_err *err)
{
	struct rep_model m;
	int rc = rep_model_load(st, o->commit_id, &m, err);
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
	rep_site *site = NULL;
	if (rc == 0)
		rc = rep_site_open(&site, o->out, err);
	struct rep_ctx c = { o, &m, site, site ? rep_sources_open(o->root, site) : NULL, st,
			     o->title ? o->title : "Assay report" };
	for (size_t i = 0; rc == 0 && i < m.nfiles; i++)
		m.files[i].page = rep_page_name("f", m.files[i].cov->path, 1);
	static const char *const asset_names[] = { "assets/report.css", "assets/report.js" };
	for (size_t i = 0; rc == 0 && i < 2; i++)
		rc = rep_site_write(site, asset_names[i], rep_assets[i], strlen(rep_assets[i]), err);
	int (*const pages[])(struct rep_ctx *, assay_err *) = {
		rep_write_index, rep_write_files, rep_write_dirs, rep_write_sources, rep_write_tests, rep_write_mutants,
		rep_write_stryker,
	};
	for (size_t i = 0; rc == 0 && i < sizeof(pages) / sizeof(pages[0]); i++)
		rc = pages[i](&c, err);
	if (rc == 0)
		rc = rep_sources_save(c.sources, err);
	if (rc == 0)
		rc = rep_site_close(site, err);
	if (rc == 0 && stats)
		rep_site_stats(site, stats);
	rep_sources_free(c.sources);
	rep_site_free(site);
	rep_model_release(&m);
	return rc;
}
