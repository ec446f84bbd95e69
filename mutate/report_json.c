/* SPDX-License-Identifier: MIT */
/* --report json: the run just made, as the report schema's document (cli/stryker.h writes it). */
#include "report.h"
#include "mem.h"
#include "results.h"
#include "stryker.h"

#include <stdlib.h>
#include <string.h>

const char *mut_schema_status(enum mut_status s)
{
	return stryker_status(mut_status_name(s));
}

static void mutant_json(assay_json *j, const mut_engine *e, const mut_mutant *m)
{
	const mut_project *p = &e->proj;
	const mut_site *site = &p->files[m->file].sites[m->site];
	const char *one[1] = { m->killed_by };
	const char **covered = NULL;
	size_t ncovered = 0;
	if (e->in && e->in[m->id - 1]) {
		covered = assay_xcalloc(e->tests.n + 1, sizeof(*covered));
		for (size_t t = 0; t < e->tests.n; t++)
			if (e->tests.v[t].hits && e->tests.v[t].hits[site->gid])
				covered[ncovered++] = e->tests.v[t].name;
	}
	struct stryker_mutant sm = {
		.id = m->key, .op = m->op, .original = m->original, .replacement = m->mutated, .function = m->func,
		.line = m->line, .col = m->col, .end_line = m->end_line, .end_col = m->end_col,
		.status = mut_status_name(m->status), .reason = m->reason,
		.killed_by = m->nkills ? (const char *const *)m->kills : one,
		.nkilled = m->nkills ? m->nkills : m->killed_by && m->status == MUT_KILLED ? 1 : 0,
		.covered_by = covered, .ncovered = ncovered,
		.duration_ms = (double)m->duration_us / 1000.0, .tests_run = m->tests_run,
	};
	stryker_mutant(j, &sm);
	free(covered);
}

void mut_report_json(assay_buf *o, const mut_engine *e)
{
	const mut_project *p = &e->proj;
	assay_json j;
	stryker_begin(&j, o, e->root);
	for (size_t fi = 0; fi < p->nfiles; fi++) {
		const mut_file *f = &p->files[fi];
		stryker_file_begin(&j, f->rel, f->text);
		for (size_t i = 0; i < p->nmutants; i++) {
			const mut_mutant *m = &p->mutants[i];
			if (m->file == fi && m->selected)
				mutant_json(&j, e, m);
		}
		stryker_file_end(&j);
	}
	const char **names = assay_xcalloc(e->tests.n + 1, sizeof(*names));
	for (size_t t = 0; t < e->tests.n; t++)
		names[t] = e->tests.v[t].name;
	const struct stryker_perf perf = { (double)e->stats.setup_us / 1000.0, (double)e->stats.initial_us / 1000.0,
					   (double)e->stats.mutation_us / 1000.0 };
	stryker_end(&j, names, e->tests.n, &perf);
	free(names);
}
