/* SPDX-License-Identifier: MIT */
/* index.html: the commit, its tests, coverage, mutation score, flaky tests and benchmarks. */
#include "pages.h"
#include "bench_judge.h"
#include "cli.h"
#include "diffcat.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

static void commit_block(struct rep_ctx *c, assay_buf *b)
{
	const struct assay_summary *s = &c->m->sum;
	assay_buf_adds(b, "<section class=commit><table class=facts>\n<tr><th>Commit</th><td><code>");
	rep_text(b, s->commit);
	assay_buf_adds(b, "</code></td></tr>\n");
	if (s->subject) {
		assay_buf_adds(b, "<tr><th>Subject</th><td>");
		rep_text(b, s->subject);
		assay_buf_adds(b, "</td></tr>\n");
	}
	if (s->branch) {
		assay_buf_adds(b, "<tr><th>Branch</th><td>");
		rep_text(b, s->branch);
		assay_buf_adds(b, "</td></tr>\n");
	}
	if (s->commit_time > 0) {
		char when[64];
		time_t t = (time_t)s->commit_time;
		struct tm tm;
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", &tm);
		assay_buf_addf(b, "<tr><th>Date</th><td>%s</td></tr>\n", when);
	}
	assay_buf_adds(b, "</table></section>\n");
}

static void tests_block(struct rep_ctx *c, assay_buf *b)
{
	const struct assay_summary *s = &c->m->sum;
	assay_buf_adds(b, "<section><h2><a href=\"tests.html\">Tests</a></h2>\n");
	if (!s->tests) {
		assay_buf_adds(b, "<p class=none>No test results for this commit.</p></section>\n");
		return;
	}
	char dur[32];
	assay_cli_fmt_value(dur, sizeof(dur), (double)s->duration_us / 1e6, "s");
	assay_buf_addf(b, "<p class=counts><span class=pass>%ld passed</span> <span class=%s>%ld failed</span> "
		       "<span class=%s>%ld errors</span> <span class=skip>%ld skipped</span> in %s</p>\n",
		       s->by_status[ASSAY_PASS], s->by_status[ASSAY_FAIL] ? "fail" : "zero", s->by_status[ASSAY_FAIL],
		       s->by_status[ASSAY_ERROR] ? "fail" : "zero", s->by_status[ASSAY_ERROR], s->by_status[ASSAY_SKIP],
		       dur);
	size_t shown = 0;
	for (size_t i = 0; i < c->m->ntests && shown < 20; i++) {
		const struct rep_test *t = &c->m->tests[i];
		if (t->status != ASSAY_FAIL && t->status != ASSAY_ERROR)
			break;
		if (!shown++)
			assay_buf_adds(b, "<h3>Failures</h3>\n<dl class=failures>\n");
		assay_buf_adds(b, "<dt>");
		rep_text(b, t->name);
		assay_buf_adds(b, "</dt><dd><pre>");
		rep_text(b, t->message ? t->message : "(no message)");
		assay_buf_adds(b, "</pre></dd>\n");
	}
	if (shown)
		assay_buf_adds(b, "</dl>\n");
	assay_buf_adds(b, "</section>\n");
}

static void coverage_block(struct rep_ctx *c, assay_buf *b)
{
	const struct assay_summary *s = &c->m->sum;
	assay_buf_adds(b, "<section><h2><a href=\"files.html\">Coverage</a></h2>\n");
	if (!s->coverage_runs.n) {
		assay_buf_adds(b, "<p class=none>No coverage data for this commit.</p></section>\n");
		return;
	}
	assay_buf_addf(b, "<table class=totals><thead><tr><th>Files</th><th>Lines</th><th>Branches</th>"
		       "<th>Functions</th></tr></thead>\n<tbody><tr><td>%ld</td>", s->files);
	rep_pct_cell(b, &c->o->bands, s->lines_hit, s->lines_found);
	rep_pct_cell(b, &c->o->bands, s->branches_hit, s->branches_found);
	rep_pct_cell(b, &c->o->bands, s->functions_hit, s->functions_found);
	assay_buf_addf(b, "</tr></tbody></table>\n<p>From %zu coverage run%s.", c->m->ncoverage_runs,
		       c->m->ncoverage_runs == 1 ? "" : "s");
	size_t flaky = 0;
	for (size_t i = 0; i < c->m->nfiles; i++)
		flaky += c->m->files[i].nflaky;
	if (flaky)
		assay_buf_addf(b, " <span class=flaky>%zu line%s hit in some of them and missed in others</span>.",
			       flaky, flaky == 1 ? "" : "s");
	assay_buf_adds(b, "</p>\n</section>\n");
}

static void mutation_block(struct rep_ctx *c, assay_buf *b)
{
	const struct assay_summary *s = &c->m->sum;
	assay_buf_adds(b, "<section><h2><a href=\"mutants.html\">Mutation</a></h2>\n");
	if (!s->mutation_run) {
		assay_buf_adds(b, "<p class=none>No mutation run for this commit.</p></section>\n");
		return;
	}
	long det, scored;
	assay_summary_mutation_counts(s, &det, &scored);
	uint64_t detected = (uint64_t)det, all = (uint64_t)scored, covered = detected + (uint64_t)s->survived;
	assay_buf_adds(b, "<table class=totals><thead><tr><th>Score</th><th>Of covered mutants</th><th>Killed</th>"
		       "<th>Survived</th><th>No coverage</th><th>Timeout</th></tr></thead>\n<tbody><tr>");
	rep_pct_cell(b, &c->o->bands, detected, all);
	rep_pct_cell(b, &c->o->bands, detected, covered);
	assay_buf_addf(b, "<td>%ld</td><td class=%s>%ld</td><td>%ld</td><td>%ld</td></tr></tbody></table>\n", s->killed,
		       s->survived ? "lo" : "hi", s->survived, s->no_coverage, s->timeout);
	if (s->mutation_partial)
		assay_buf_addf(b, "<p class=warn>The run stopped early: %ld of %ld mutants tried.</p>\n",
			       s->mutation_done, s->mutation_selected);
	assay_buf_adds(b, "</section>\n");
}

static void flaky_block(struct rep_ctx *c, assay_buf *b)
{
	const struct assay_summary *s = &c->m->sum;
	if (!s->flaky_runs.n)
		return;
	assay_buf_addf(b, "<section><h2>Flaky tests</h2>\n<p>%ld of %ld tests passed and failed in %zu repeated run%s.</p>\n",
		       s->nflaky_total, s->flaky_tests_seen, s->flaky_runs.n, s->flaky_runs.n == 1 ? "" : "s");
	if (s->nflaky) {
		assay_buf_adds(b, "<table><thead><tr><th>Test</th><th>Failed</th></tr></thead><tbody>\n");
		assay_buf name = ASSAY_BUF_INIT;
		for (size_t i = 0; i < s->nflaky; i++) {
			assay_buf_reset(&name);
			assay_test_display_name(&name, s->flaky[i].suite, s->flaky[i].classname, s->flaky[i].name);
			assay_buf_adds(b, "<tr><td>");
			rep_text(b, name.buf);
			assay_buf_addf(b, "</td><td>%ld of %ld</td></tr>\n", s->flaky[i].fails, s->flaky[i].runs);
		}
		assay_buf_release(&name);
		assay_buf_adds(b, "</tbody></table>\n");
	}
	assay_buf_adds(b, "</section>\n");
}

/* Against the base: each benchmark judged as bench compare and the gate judge it. */
static int bench_verdicts(struct rep_ctx *c, assay_buf *b, assay_err *err)
{
	const struct rep_model *m = c->m;
	struct bench_commit base = { .id = m->base.commit_id, .sha = m->base.commit, .branch = m->base.branch,
				     .time = m->base.commit_time };
	struct bench_commit head = { .id = m->sum.commit_id, .sha = m->sum.commit, .branch = m->sum.branch,
				     .time = m->sum.commit_time };
	struct bench_judge_opts jo = { .co = BENCH_COMPARE_OPTS_INIT, .threshold = 0.05, .also_metric = "maxrss" };
	struct bench_judgement j;
	int rc = bench_judge(c->st, &base, &head, &jo, &j, err);
	if (rc == 0 && j.base.n && j.head.n) {
		assay_buf_addf(b, "<h3>Benchmarks against the base</h3>\n<table class=\"sortable\"><thead><tr>"
			       "<th data-type=text>Benchmark</th><th data-type=text>Metric</th><th>Base</th><th>Head</th>"
			       "<th>Change</th><th data-type=text>Verdict</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < j.n; i++) {
			const struct bench_judged *w = &j.rows[i];
			char bm[32], hm[32];
			assay_cli_fmt_value(bm, sizeof(bm), w->r.base_median, w->s->unit);
			assay_cli_fmt_value(hm, sizeof(hm), w->r.head_median, w->s->unit);
			assay_buf_adds(b, "<tr><td>");
			rep_text(b, w->s->name);
			assay_buf_adds(b, "</td><td>");
			rep_text(b, w->s->metric);
			assay_buf_adds(b, "</td><td>");
			rep_text(b, bm);
			assay_buf_adds(b, "</td><td>");
			rep_text(b, hm);
			if (isnan(w->r.change))
				assay_buf_adds(b, "</td><td data-v=0>-</td>");
			else
				assay_buf_addf(b, "</td><td data-v=%.6f>%+.1f%%</td>", w->r.change, w->r.change * 100);
			assay_buf_addf(b, "<td class=%s>%s</td></tr>\n", w->r.verdict == BENCH_REGRESSED ? "lo"
				       : w->r.verdict == BENCH_IMPROVED ? "hi" : "zero", bench_verdict_name(w->r.verdict));
		}
		assay_buf_adds(b, "</tbody></table>\n");
	}
	bench_judgement_release(&j);
	return rc;
}

static void bench_block(struct rep_ctx *c, assay_buf *b)
{
	const struct assay_summary *s = &c->m->sum;
	if (!s->nbench)
		return;
	assay_buf_adds(b, "<section><h2>Benchmarks</h2>\n<table><thead><tr><th>Benchmark</th><th>Metric</th>"
		       "<th>Median</th><th>Samples</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < s->nbench; i++) {
		char v[48];
		assay_cli_fmt_value(v, sizeof(v), s->bench[i].median, s->bench[i].unit);
		assay_buf_adds(b, "<tr><td>");
		rep_text(b, s->bench[i].name);
		assay_buf_adds(b, "</td><td>");
		rep_text(b, s->bench[i].metric);
		assay_buf_adds(b, "</td><td>");
		rep_text(b, v);
		assay_buf_addf(b, "</td><td>%ld</td></tr>\n", s->bench[i].samples);
	}
	assay_buf_adds(b, "</tbody></table></section>\n");
}

/* A figure of head beside the base's, with the change. */
static void delta_row(struct rep_ctx *c, assay_buf *b, const char *what, uint64_t hh, uint64_t hf, uint64_t bh, uint64_t bf)
{
	assay_buf_addf(b, "<tr><th>%s</th>", what);
	rep_pct_cell(b, &c->o->bands, bh, bf);
	rep_pct_cell(b, &c->o->bands, hh, hf);
	if (hf && bf)
		assay_buf_addf(b, "<td>%+.2f</td></tr>\n", 100.0 * (double)hh / (double)hf - 100.0 * (double)bh / (double)bf);
	else
		assay_buf_adds(b, "<td>-</td></tr>\n");
}

static void base_block(struct rep_ctx *c, assay_buf *b)
{
	const struct rep_model *m = c->m;
	if (!m->have_base)
		return;
	assay_buf_addf(b, "<section class=base><h2>Against the base <code>%.12s</code></h2>\n<p>", m->base_sha);
	rep_text(b, m->base_from);
	assay_buf_addf(b, ". The change touches %zu line%s.</p>\n", assay_changes_lines(&m->changes),
		       assay_changes_lines(&m->changes) == 1 ? "" : "s");
	const struct assay_patchcov *p = &m->patch;
	assay_buf_adds(b, "<table class=totals><thead><tr><th></th><th>Base</th><th>Head</th><th>&Delta; points</th>"
		       "</tr></thead><tbody>\n<tr><th>Patch coverage</th><td>-</td>");
	rep_pct_cell(b, &c->o->bands, p->covered, p->covered + p->uncovered);
	assay_buf_adds(b, "<td>-</td></tr>\n");
	delta_row(c, b, "Lines", m->sum.lines_hit, m->sum.lines_found, m->base.lines_hit, m->base.lines_found);
	delta_row(c, b, "Branches", m->sum.branches_hit, m->sum.branches_found, m->base.branches_hit, m->base.branches_found);
	delta_row(c, b, "Functions", m->sum.functions_hit, m->sum.functions_found, m->base.functions_hit,
		  m->base.functions_found);
	long hd, hs, bd, bs;
	assay_summary_mutation_counts(&m->sum, &hd, &hs);
	assay_summary_mutation_counts(&m->base, &bd, &bs);
	if (m->sum.mutation_run || m->base.mutation_run)
		delta_row(c, b, "Mutation score", (uint64_t)hd, (uint64_t)hs, (uint64_t)bd, (uint64_t)bs);
	assay_buf_addf(b, "<tr><th>Tests failing</th><td>%ld</td><td>%ld</td><td>%+ld</td></tr>\n",
		       m->base.by_status[ASSAY_FAIL] + m->base.by_status[ASSAY_ERROR],
		       m->sum.by_status[ASSAY_FAIL] + m->sum.by_status[ASSAY_ERROR],
		       m->sum.by_status[ASSAY_FAIL] + m->sum.by_status[ASSAY_ERROR] - m->base.by_status[ASSAY_FAIL] -
			       m->base.by_status[ASSAY_ERROR]);
	assay_buf_adds(b, "</tbody></table>\n");
	if (p->flaky)
		assay_buf_addf(b, "<p class=flaky>%zu changed line%s hit in some coverage runs and missed in others, "
			       "counted on neither side.</p>\n", p->flaky, p->flaky == 1 ? "" : "s");
	assay_buf_adds(b, "<h3>Lines by category (lcov 2's)</h3>\n<table class=cats><thead><tr><th>Category</th>"
		       "<th>Lines</th><th>Meaning</th></tr></thead><tbody>\n");
	for (int k = 1; k < REP_CATS; k++)
		/* coloured only where there are lines of it */
		assay_buf_addf(b, "<tr class=%s%s><td><b>%s</b></td><td>%zu</td><td>%s</td></tr>\n",
			       m->cats[k] ? "k-" : "z-", rep_cat_name(k), rep_cat_name(k), m->cats[k], rep_cat_meaning(k));
	assay_buf_adds(b, "</tbody></table>\n");
	if (m->deleted_files)
		assay_buf_addf(b, "<p>%zu file%s deleted; their lines are counted as DUB and DCB.</p>\n", m->deleted_files,
			       m->deleted_files == 1 ? "" : "s");
	assay_buf_adds(b, "</section>\n");
}

int rep_write_index(struct rep_ctx *c, assay_err *err)
{
	struct rep_page p;
	char title[64];
	snprintf(title, sizeof(title), "Commit %.12s", c->m->sum.commit ? c->m->sum.commit : "?");
	rep_page_begin(&p, "", c->title, title, "index.html");
	commit_block(c, &p.b);
	base_block(c, &p.b);
	int rc = c->m->have_base ? bench_verdicts(c, &p.b, err) : 0;
	if (rc < 0) {
		assay_buf_release(&p.b);
		return rc;
	}
	tests_block(c, &p.b);
	coverage_block(c, &p.b);
	mutation_block(c, &p.b);
	flaky_block(c, &p.b);
	bench_block(c, &p.b);
	return rep_emit(c, &p, "index.html", err);
}
