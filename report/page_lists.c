/* SPDX-License-Identifier: MIT */
/* tests.html, every test of the commit; mutants.html, the mutants that no test noticed. */
#include "pages.h"
#include "cli.h"

#include <string.h>

int rep_write_tests(struct rep_ctx *c, assay_err *err)
{
	struct rep_page p;
	rep_page_begin(&p, "", c->title, "Tests", "tests.html");
	assay_buf *b = &p.b;
	assay_buf_addf(b, "<p>%zu test%s, failures first.", c->m->ntests, c->m->ntests == 1 ? "" : "s");
	size_t useless = 0, dupes = 0;
	for (size_t i = 0; i < c->m->ntests; i++) {
		useless += c->m->tests[i].kills == 0;
		dupes += c->m->tests[i].same_as >= 0;
	}
	if (c->m->have_kills)
		assay_buf_addf(b, " By the mutation run's kill matrix, <b>%zu</b> kill%s no mutant and <b>%zu</b> kill%s only "
			       "mutants another test kills too.", useless, useless == 1 ? "s" : "", dupes, dupes == 1 ? "s" : "");
	assay_buf_adds(b, "</p>\n");
	assay_buf_adds(b, "<div class=filters><input type=search class=filter placeholder=\"Filter by name\" "
		       "aria-label=\"Filter by name\"></div>\n<table class=\"tests sortable\"><thead><tr>"
		       "<th data-type=text>Test</th><th data-type=text>Status</th><th>Duration</th><th>Flaky</th>"
		       "<th>Mutants killed</th><th data-type=text>Message</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < c->m->ntests; i++) {
		const struct rep_test *t = &c->m->tests[i];
		const char *status = assay_status_name(t->status);
		assay_buf_adds(b, "<tr data-name=\"");
		rep_text(b, t->name);
		assay_buf_adds(b, "\"><td data-v=\"");
		rep_text(b, t->name);
		assay_buf_adds(b, "\">");
		rep_text(b, t->name);
		assay_buf_addf(b, "</td><td class=%s data-v=%d>%s</td>", status, t->status == ASSAY_PASS ? 3
			       : t->status == ASSAY_SKIP ? 2 : t->status == ASSAY_ERROR ? 1 : 0, status);
		if (t->duration_us >= 0) {
			char d[32];
			assay_cli_fmt_value(d, sizeof(d), (double)t->duration_us / 1e6, "s");
			assay_buf_addf(b, "<td data-v=%lld>%s</td>", (long long)t->duration_us, d);
		} else {
			assay_buf_adds(b, "<td data-v=-1>-</td>");
		}
		if (t->flaky_runs)
			assay_buf_addf(b, "<td class=flaky data-v=%.4f>failed %ld of %ld</td>",
				       (double)t->flaky_fails / (double)t->flaky_runs, t->flaky_fails, t->flaky_runs);
		else
			assay_buf_adds(b, "<td data-v=-1>-</td>");
		if (t->kills < 0) {
			assay_buf_adds(b, "<td data-v=-1>-</td>");
		} else {
			assay_buf_addf(b, "<td data-v=%ld%s>%ld", t->kills, t->kills == 0 || t->same_as >= 0 ? " class=med" : "",
				       t->kills);
			if (t->kills == 0)
				assay_buf_adds(b, " <small>(kills nothing)</small>");
			else if (t->same_as >= 0) {
				assay_buf_adds(b, " <small>(all killed by ");
				rep_text(b, c->m->tests[t->same_as].name);
				assay_buf_adds(b, " too)</small>");
			}
			assay_buf_adds(b, "</td>");
		}
		assay_buf_adds(b, "<td>");
		if (t->message) {
			assay_buf_adds(b, "<pre>");
			rep_text(b, t->message);
			assay_buf_adds(b, "</pre>");
		}
		assay_buf_adds(b, "</td></tr>\n");
	}
	assay_buf_adds(b, "</tbody></table>\n");
	return rep_emit(c, &p, "tests.html", err);
}

int rep_write_mutants(struct rep_ctx *c, assay_err *err)
{
	struct rep_page p;
	rep_page_begin(&p, "", c->title, "Mutants no test noticed", "mutants.html");
	assay_buf *b = &p.b;
	if (!c->m->sum.mutation_run) {
		assay_buf_adds(b, "<p class=none>No mutation run for this commit.</p>\n");
		return rep_emit(c, &p, "mutants.html", err);
	}
	assay_buf_addf(b, "<p>%zu survived, %zu not covered by any test, of %zu mutants. Every mutant is in "
		       "<a href=\"mutation-report.json\">mutation-report.json</a>, the mutation testing report schema's "
		       "document, which Stryker's viewer reads.</p>\n", c->m->survived, c->m->no_coverage, c->m->mutants);
	assay_buf_adds(b, "<table class=\"mutants sortable\"><thead><tr><th data-type=text>Where</th>"
		       "<th data-type=text>Status</th><th data-type=text>Operator</th><th data-type=text>Original</th>"
		       "<th data-type=text>Mutated</th><th data-type=text>Function</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < c->m->nfiles; i++) {
		const struct rep_file *f = &c->m->files[i];
		for (size_t k = 0; k < f->nmutants; k++) {
			const struct rep_mutant *x = &f->mutants[k];
			if (x->status != REP_SURVIVED && x->status != REP_NO_COVERAGE)
				continue;
			assay_buf_adds(b, "<tr><td data-v=\"");
			rep_text(b, f->cov->path);
			assay_buf_addf(b, ":%08u\"><a href=\"", x->line);
			rep_line_link(b, c, f, x->line);
			assay_buf_adds(b, "\">");
			rep_text(b, f->cov->path);
			assay_buf_addf(b, ":%u</a></td><td class=%s>", x->line, x->status == REP_SURVIVED ? "lo" : "med");
			rep_text(b, x->status_name);
			assay_buf_adds(b, "</td><td>");
			rep_text(b, x->op);
			assay_buf_adds(b, "</td><td><code>");
			rep_text(b, x->original);
			assay_buf_adds(b, "</code></td><td><code>");
			if (x->replacement && *x->replacement)
		rep_text(b, x->replacement);
	else
		assay_buf_adds(b, "(nothing)");
			assay_buf_adds(b, "</code></td><td>");
			rep_text(b, x->function);
			assay_buf_adds(b, "</td></tr>\n");
		}
	}
	assay_buf_adds(b, "</tbody></table>\n");
	return rep_emit(c, &p, "mutants.html", err);
}
