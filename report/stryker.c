/* SPDX-License-Identifier: MIT */
/*
 * mutation-report.json beside the pages: the commit's mutation run as the
 * report schema's document (cli/stryker.h, as `assay mutate --report json`
 * writes it), so that Stryker's viewer shows it too.
 */
#include "pages.h"
#include "source.h"
#include "mem.h"
#include "stryker.h"

#include <stdlib.h>

int rep_write_stryker(struct rep_ctx *c, assay_err *err)
{
	const struct rep_model *m = c->m;
	if (!m->sum.mutation_run)
		return 0;
	assay_buf out = ASSAY_BUF_INIT;
	assay_json j;
	stryker_begin(&j, &out, c->o->root);
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct rep_file *f = &m->files[i];
		if (!f->nmutants)
			continue;
		size_t len;
		const char *why;
		char *text = rep_source_read(c->sources, f->cov->path, &len, &why);
		stryker_file_begin(&j, f->cov->path, text);
		for (size_t k = 0; k < f->nmutants; k++) {
			const struct rep_mutant *x = &f->mutants[k];
			const char *one[1] = { x->killed_by };
			/* where the run measured which tests reach what, every mutant has a list, empty or not */
			static const char *const none[1] = { NULL };
			struct stryker_mutant sm = {
				.id = x->key, .op = x->op, .original = x->original, .replacement = x->replacement,
				.function = x->function, .line = x->line, .col = x->col, .end_line = x->end_line,
				.end_col = x->end_col, .status = x->status_name, .reason = x->reason, .killed_by = one,
				.nkilled = x->killed_by && *x->killed_by && (x->status == REP_KILLED || x->status == REP_TIMEOUT),
				.duration_ms = x->duration_us < 0 ? -1 : (double)x->duration_us / 1000.0,
				.tests_run = x->tests_run,
				.covered_by = m->nreach_tests ? (x->ncovered ? x->covered : none) : NULL,
				.ncovered = x->ncovered,
			};
			stryker_mutant(&j, &sm);
		}
		stryker_file_end(&j);
		free(text);
	}
	const char **names = assay_xcalloc(m->ntests + 1, sizeof(*names));
	for (size_t i = 0; i < m->ntests; i++)
		names[i] = m->tests[i].raw;
	stryker_end(&j, names, m->ntests, NULL);
	free(names);
	int rc = rep_site_write(c->site, "mutation-report.json", out.buf, out.len, err);
	assay_buf_release(&out);
	return rc;
}
