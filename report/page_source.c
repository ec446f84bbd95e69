/* SPDX-License-Identifier: MIT */
/*
 * f/NAME.html: each file's source, annotated line by line with its hits, its
 * branches' outcomes, the mutants on it (and the tests that reached them,
 * where the mutation run measured it), and whether its coverage flips
 * between the commit's runs; excluded lines shown as excluded.  A file
 * longer than page_lines is split into pages of that many lines.  The
 * source is read only from inside the repository: a path that leads out
 * of it (../../etc/passwd in the store) or a link that does is not read,
 * and the page says the source is not at hand.
 */
#include "pages.h"
#include "mem.h"
#include "parsers.h"
#include "diffcat.h"
#include "pagekey.h"
#include "source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Start of each line of text (lines[k] for line k + 1), *n of them. */
static char **split_lines(char *text, size_t len, size_t *n)
{
	size_t alloc = 0;
	char **v = NULL;
	*n = 0;
	for (size_t i = 0; text && i < len;) {
		ASSAY_GROW(v, alloc, *n + 1);
		v[(*n)++] = text + i;
		char *nl = memchr(text + i, '\n', len - i);
		if (!nl)
			break;
		*nl = 0;
		if (nl > text + i && nl[-1] == '\r')
			nl[-1] = 0;
		i = (size_t)(nl - text) + 1;
	}
	return v;
}

static const char *mutant_class(const struct rep_mutant *x)
{
	switch (x->status) {
	case REP_SURVIVED: return "ms";
	case REP_NO_COVERAGE: return "mn";
	case REP_KILLED: case REP_TIMEOUT: return "mk";
	default: return "mo";
	}
}

static void mutant_item(assay_buf *b, const struct rep_mutant *x)
{
	assay_buf_addf(b, "<li class=%s><b>", mutant_class(x));
	rep_text(b, x->status_name);
	assay_buf_adds(b, "</b> ");
	rep_text(b, x->op);
	assay_buf_adds(b, ": <code>");
	rep_text(b, x->original);
	assay_buf_adds(b, "</code> &rarr; <code>");
	if (x->replacement && *x->replacement)
		rep_text(b, x->replacement);
	else
		assay_buf_adds(b, "(nothing)");
	assay_buf_addf(b, "</code> <small>col %u", x->col);
	if (x->killed_by && *x->killed_by) {
		assay_buf_adds(b, ", killed by ");
		rep_text(b, x->killed_by);
	}
	assay_buf_adds(b, "</small></li>");
}

/*
 * A line's branches, in its hits' cell: one title for them all, "taken 9,
 * 0" ("block 1: taken 2, 0; block 2: ..." when the line has several
 * blocks; "not executed" for a line never run), a few bytes a branch where
 * a title each was 60 ...
 */
static void branch_title(assay_buf *b, const struct assay_branchcov *br, size_t n)
{
	if (!n)
		return;
	int blocks = 0;
	for (size_t k = 1; k < n; k++)
		blocks |= br[k].block != br[0].block;
	assay_buf_adds(b, " title=\"");
	for (size_t k = 0; k < n; k++) {
		if (!k || br[k].block != br[k - 1].block) {
			assay_buf_adds(b, k ? "; " : "");
			if (blocks)
				assay_buf_addf(b, "block %u: ", br[k].block);
			if (br[k].taken < 0) {
				assay_buf_adds(b, "not executed");
			} else {
				assay_buf_adds(b, "taken ");
				assay_buf_add_u64(b, (uint64_t)br[k].taken);
			}
		} else if (br[k].taken >= 0) {
			assay_buf_adds(b, ", ");
			assay_buf_add_u64(b, (uint64_t)br[k].taken);
		}
	}
	assay_buf_addc(b, '"');
}

/*
 * ... and a mark each, before the hits (as genhtml has them): + taken, -
 * not taken, # not executed.  Only what needs looking at is an element, a
 * red <b>: an element a mark was half the bytes of the marks' cells.  A
 * line with more than BRANCH_MARKS_MAX (a macro's expansion built at -O0
 * gives a hundred: lz4's xxhash.c) shows "taken/all" instead, red when one
 * was not taken: a mark each made the column wider than the source's.
 */
#define BRANCH_MARKS_MAX 16
static void branch_marks(assay_buf *b, const struct assay_branchcov *br, size_t n)
{
	if (n > BRANCH_MARKS_MAX) {
		size_t taken = 0, missed = 0;
		for (size_t k = 0; k < n; k++) {
			taken += br[k].taken > 0;
			missed += br[k].taken == 0;
		}
		assay_buf_adds(b, missed ? "<b>" : "");
		assay_buf_add_u64(b, taken);
		assay_buf_addc(b, '/');
		assay_buf_add_u64(b, n);
		assay_buf_adds(b, missed ? "</b>" : "");
		return;
	}
	for (size_t k = 0; k < n; k++) {
		int64_t t = br[k].taken;
		/* a run of them in one <b> */
		if (t == 0 && (!k || br[k - 1].taken != 0))
			assay_buf_adds(b, "<b>");
		assay_buf_addc(b, t > 0 ? '+' : t == 0 ? '-' : '#');
		if (t == 0 && (k + 1 == n || br[k + 1].taken != 0))
			assay_buf_adds(b, "</b>");
	}
}

struct cursor {
	size_t line, branch, mutant, flaky, reach;
};

/* "reached by N tests: a, b, c…", of the tests that reached the line's mutants (the mutation run's reach). */
static void reach_item(assay_buf *b, const struct rep_reach *r)
{
	assay_buf_addf(b, "<li class=mr>reached by %zu test%s: ", r->ntests, r->ntests == 1 ? "" : "s");
	for (size_t k = 0; k < r->nfirst; k++) {
		assay_buf_adds(b, k ? ", " : "");
		rep_text(b, r->first[k]);
	}
	assay_buf_adds(b, r->ntests > r->nfirst ? "&hellip;</li>" : "</li>");
}

static void page_head(struct rep_ctx *c, assay_buf *b, const struct rep_file *f, const char *why,
		      unsigned first, unsigned last, unsigned total, int parts, int part)
{
	const assay_filecov *cov = f->cov;
	assay_buf_adds(b, "<table class=totals><thead><tr><th>Lines</th><th>Branches</th><th>Functions</th>"
		       "<th>Mutants</th><th>Survived</th></tr></thead><tbody><tr>");
	rep_pct_cell(b, &c->o->bands, cov->lines_hit, cov->lines_found);
	rep_pct_cell(b, &c->o->bands, cov->branches_hit, cov->branches_found);
	rep_pct_cell(b, &c->o->bands, cov->functions_hit, cov->functions_found);
	assay_buf_addf(b, "<td>%zu</td><td class=%s>%zu</td></tr></tbody></table>\n", f->nmutants,
		       f->survived ? "lo" : "zero", f->survived);
	if (why) {
		assay_buf_adds(b, "<p class=warn>The source is not at hand: ");
		rep_text(b, why);
		assay_buf_adds(b, ". The lines are shown by number only.</p>\n");
	}
	if (f->nflaky) {
		assay_buf_addf(b, "<details class=flakylist open><summary>%zu line%s whose coverage flips between the "
			       "commit's %zu coverage runs</summary><p>", f->nflaky, f->nflaky == 1 ? "" : "s",
			       c->m->ncoverage_runs);
		for (size_t k = 0; k < f->nflaky && k < 200; k++) {
			assay_buf_adds(b, k ? ", " : "");
			assay_buf_adds(b, "<a href=\"../");
			rep_line_link(b, c, f, f->flaky[k].line);
			assay_buf_addf(b, "\">%u</a> (hit in %u of %u)", f->flaky[k].line, f->flaky[k].hit_runs,
				       f->flaky[k].in_runs);
		}
		if (f->nflaky > 200)
			assay_buf_addf(b, " and %zu more", f->nflaky - 200);
		assay_buf_adds(b, "</p></details>\n");
	}
	if (parts > 1) {
		assay_buf_addf(b, "<p class=parts>Lines %u-%u of %u. Pages:", first, last, total);
		for (int k = 1; k <= parts; k++) {
			char *name = rep_page_part(f->page, k);
			if (k == part)
				assay_buf_addf(b, " <b>%d</b>", k);
			else
				assay_buf_addf(b, " <a href=\"%s\">%d</a>", strchr(name, '/') + 1, k);
			free(name);
		}
		assay_buf_adds(b, "</p>\n");
	}
	/* the filters' toolbar is the script's (report.js): without it they would be dead controls */
	assay_buf_adds(b, "<table class=src>\n<thead><tr><th>Line</th>"
		       "<th title=\"after the branches: + taken, - not taken, # not executed\">Hits</th><th>Source</th>"
		       "</tr></thead>\n<tbody");
	/* the lines' numbers are a counter of the stylesheet's, from the page's first line on */
	if (first > 1)
		assay_buf_addf(b, " style=\"counter-reset:l %u\"", first - 1);
	assay_buf_adds(b, ">\n");
}

/* The rows of lines first..last. */
static void rows(assay_buf *b, const struct rep_file *f, char **lines, size_t nlines, const unsigned char *excl,
		 const unsigned char *cats, unsigned first, unsigned last, struct cursor *at)
{
	const assay_filecov *cov = f->cov;
	for (unsigned line = first; line <= last; line++) {
		while (at->line < cov->nlines && cov->lines[at->line].line < line)
			at->line++;
		int exec = at->line < cov->nlines && cov->lines[at->line].line == line;
		uint64_t hits = exec ? cov->lines[at->line].count : 0;
		size_t b0 = at->branch;
		while (at->branch < cov->nbranches && cov->branches[at->branch].line < line)
			b0 = ++at->branch;
		size_t b1 = b0;
		int partial = 0;
		while (b1 < cov->nbranches && cov->branches[b1].line == line)
			partial |= cov->branches[b1++].taken <= 0;
		at->branch = b1;
		while (at->mutant < f->nmutants && f->mutants[at->mutant].line < line)
			at->mutant++;
		size_t m0 = at->mutant, m1 = m0;
		int survivor = 0;
		while (m1 < f->nmutants && f->mutants[m1].line == line)
			survivor |= f->mutants[m1++].status == REP_SURVIVED;
		while (at->flaky < f->nflaky && f->flaky[at->flaky].line < line)
			at->flaky++;
		int flaky = at->flaky < f->nflaky && f->flaky[at->flaky].line == line;
		int excluded = excl && line <= nlines && (excl[line] & ASSAY_EXCL_LINE);
		/*
		 * A covered line, the most common kind, has no class: the stylesheet
		 * tells it by its hits (a row with no class and a hits cell that is
		 * not empty), the script gives it its class for the filters.  A line
		 * that is no code but shows something there (its category, branches
		 * with no hits) has one, "n", not to pass for covered.
		 */
		const char *cls = !exec ? (excluded ? "x" : (cats && cats[line]) || b1 > b0 ? "n" : "")
			: !hits ? "u" : partial && b1 > b0 ? "p" : "";
		/* a few bytes a line: cells are styled by their place, end tags left out (HTML allows it) */
		assay_buf_adds(b, "<tr id=L");
		assay_buf_add_u64(b, line);
		if (flaky || survivor) {
			assay_buf_addf(b, " class=\"%s%s%s\"", *cls || !exec ? cls : "c", flaky ? " f" : "",
				       survivor ? " ms" : "");
		} else if (*cls) {
			assay_buf_adds(b, " class=");
			assay_buf_adds(b, cls);
		}
		/*
		 * The number is the stylesheet's (a counter, in a cell before the
		 * row's first), a link by the script (a click sets #L12): as text in
		 * a cell of its own it was 3.7 MB of 500,000 lines, as an <a> 8 more.
		 * The branches share the hits' cell: a cell of their own was an empty
		 * <td> on most lines.
		 */
		assay_buf_adds(b, "><td");
		branch_title(b, cov->branches + b0, b1 - b0);
		assay_buf_addc(b, '>');
		if (cats && cats[line]) {
			/* the line's category against the base, as lcov 2 names them */
			assay_buf_addf(b, "<span class=\"k k-%s\">%s</span> ", rep_cat_name(cats[line]),
				       rep_cat_name(cats[line]));
		}
		branch_marks(b, cov->branches + b0, b1 - b0);
		if (b1 > b0 && (exec || excluded))
			assay_buf_addc(b, ' ');
		if (exec)
			assay_buf_add_u64(b, hits);
		else if (excluded)
			assay_buf_adds(b, "excl");
		assay_buf_adds(b, "<td>");
		if (line <= nlines)
			rep_content(b, lines[line - 1]);
		assay_buf_addc(b, '\n');
		if (m1 > m0) {
			/* what no test noticed, in full; the killed ones folded, a click away */
			size_t killed = 0;
			assay_buf_addf(b, "<tr class=\"m%s\"><td><td><ul>", survivor ? " ms" : "");
			while (at->reach < f->nreach && f->reach[at->reach].line < line)
				at->reach++;
			if (at->reach < f->nreach && f->reach[at->reach].line == line)
				reach_item(b, &f->reach[at->reach]);
			for (size_t k = m0; k < m1; k++) {
				const struct rep_mutant *x = &f->mutants[k];
				if (x->status == REP_KILLED || x->status == REP_TIMEOUT)
					killed++;
				else
					mutant_item(b, x);
			}
			if (killed) {
				assay_buf_addf(b, "<li class=mk><details><summary>%zu killed</summary><ul>", killed);
				for (size_t k = m0; k < m1; k++)
					if (f->mutants[k].status == REP_KILLED || f->mutants[k].status == REP_TIMEOUT)
						mutant_item(b, &f->mutants[k]);
				assay_buf_adds(b, "</ul></details></li>");
			}
			assay_buf_adds(b, "</ul>\n");
		}
		at->mutant = m1;
	}
}

/*
 * The key of f's pages: the options they show, the file's coverage (its
 * rows as stored), mutants and flaky lines, and its source's digest (or
 * why it is not at hand).
 */
static uint64_t page_key(const struct rep_ctx *c, const struct rep_file *f, uint64_t source, const char *why)
{
	const assay_filecov *cov = f->cov;
	assay_buf k = ASSAY_BUF_INIT;
	rep_key_begin(&k, c);
	rep_key_u64(&k, c->m->ncoverage_runs);
	rep_key_str(&k, cov->path);
	uint32_t totals[] = { cov->lines_found, cov->lines_hit, cov->branches_found, cov->branches_hit,
			      cov->functions_found, cov->functions_hit };
	assay_buf_add(&k, totals, sizeof(totals));
	rep_key_u64(&k, f->nrows);
	rep_key_u64(&k, f->cov_digest);
	rep_key_u64(&k, f->nmutants);
	for (size_t i = 0; i < f->nmutants; i++) {
		const struct rep_mutant *x = &f->mutants[i];
		uint64_t v[] = { x->line, x->col, x->end_line, x->end_col, x->status };
		assay_buf_add(&k, v, sizeof(v));
		const char *const strs[] = { x->status_name, x->op, x->original, x->replacement, x->function,
					     x->killed_by, x->key };
		for (size_t j = 0; j < sizeof(strs) / sizeof(strs[0]); j++)
			rep_key_str(&k, strs[j]);
	}
	rep_key_u64(&k, f->nflaky);
	for (size_t i = 0; i < f->nflaky; i++) {
		uint64_t v[] = { f->flaky[i].line, f->flaky[i].hit_runs, f->flaky[i].in_runs };
		assay_buf_add(&k, v, sizeof(v));
	}
	/* the tests that reach each line, as the page names them */
	rep_key_u64(&k, f->nreach);
	for (size_t i = 0; i < f->nreach; i++) {
		rep_key_u64(&k, f->reach[i].line);
		rep_key_u64(&k, f->reach[i].ntests);
		for (size_t j = 0; j < f->reach[i].nfirst; j++)
			rep_key_str(&k, f->reach[i].first[j]);
	}
	rep_key_str(&k, why);
	rep_key_u64(&k, source);
	return rep_key_end(&k);
}

/*
 * Keep f's pages as the last render wrote them when they were made of the
 * same inputs (key): as many parts as it wrote under that key, since the
 * same inputs make the same parts.  1 when kept.
 */
static int keep_pages(struct rep_ctx *c, const struct rep_file *f, uint64_t key)
{
	/* the usual file has one part: its name is at hand, and only a second one is looked for */
	if (!rep_site_had(c->site, f->page, key))
		return 0;
	const char *one[1] = { f->page };
	char *second = rep_page_part(f->page, 2);
	int more = rep_site_had(c->site, second, key);
	free(second);
	if (!more)
		return rep_site_keep(c->site, one, 1, key);
	char **rels = NULL;
	size_t n = 0, alloc = 0;
	for (;;) {
		char *rel = rep_page_part(f->page, (int)n + 1);
		if (!rep_site_had(c->site, rel, key)) {
			free(rel);
			break;
		}
		ASSAY_GROW(rels, alloc, n + 1);
		rels[n++] = rel;
	}
	int kept = n && rep_site_keep(c->site, (const char *const *)rels, n, key);
	for (size_t i = 0; i < n; i++)
		free(rels[i]);
	free(rels);
	return kept;
}

static int write_file(struct rep_ctx *c, struct rep_file *f, assay_err *err)
{
	const assay_filecov *cov = f->cov;
	const char *why = NULL;
	size_t len = 0, nlines = 0;
	char *text = NULL;
	/* the differential view's pages depend on the base and the diff too: those are always made */
	uint64_t key = 0;
	if (!c->m->have_base) {
		uint64_t source = rep_source_digest(c->sources, cov->path, &text, &len, &why);
		key = page_key(c, f, source, why);
		if (keep_pages(c, f, key)) {
			free(text);
			return 0;
		}
	}
	if (!text && !why)
		text = rep_source_read(c->sources, cov->path, &len, &why);
	int rc = rep_file_coverage(c->m, f, err);
	if (rc < 0) {
		free(text);
		return rc;
	}
	char **lines = split_lines(text, len, &nlines);
	unsigned total = (unsigned)nlines, covered_to = rep_file_last_line(c->m, f);
	if (covered_to > total)
		total = covered_to;
	if (cov->nlines && cov->lines[cov->nlines - 1].line > total)
		total = cov->lines[cov->nlines - 1].line;
	for (size_t k = 0; k < f->nmutants; k++)
		if (f->mutants[k].line > total)
			total = f->mutants[k].line;
	if (!total)
		total = 1;
	unsigned per = c->o->page_lines ? c->o->page_lines : REP_PAGE_LINES;
	int parts = (int)((total + per - 1) / per);
	unsigned char *excl = NULL;
	if (text) {
		excl = assay_xcalloc(nlines + 2, 1);
		struct assay_exclude_state es = { 0, 0 };
		for (size_t k = 0; k < nlines; k++)
			excl[k + 1] = (unsigned char)assay_exclude_line(&es, lines[k]);
	}
	unsigned char *cats = NULL;
	if (c->m->have_base) {
		size_t counts[REP_CATS] = { 0 };
		cats = assay_xcalloc(total + 2, 1);
		rep_diffcat_file(&c->m->changes, cov->path, cov, f->base, total, cats, counts);
	}
	struct cursor at = { 0, 0, 0, 0, 0 };
	for (int part = 1; part <= parts && rc == 0; part++) {
		unsigned first = (unsigned)(part - 1) * per + 1, last = first + per - 1 > total ? total : first + per - 1;
		struct rep_page p;
		char *rel = rep_page_part(f->page, part);
		rep_page_begin(&p, "../", c->title, cov->path, NULL);
		page_head(c, &p.b, f, why, first, last, total, parts, part);
		rows(&p.b, f, lines, nlines, excl, cats, first, last, &at);
		assay_buf_adds(&p.b, "</tbody></table>\n");
		rc = rep_emit_keyed(c, &p, rel, key, err);
		free(rel);
	}
	free(excl);
	free(cats);
	free(lines);
	free(text);
	return rc;
}

void rep_line_link(assay_buf *b, const struct rep_ctx *c, const struct rep_file *f, unsigned line)
{
	unsigned per = c->o->page_lines ? c->o->page_lines : REP_PAGE_LINES;
	char *name = rep_page_part(f->page, line ? (int)((line - 1) / per) + 1 : 1);
	assay_buf_addf(b, "%s#L%u", name, line);
	free(name);
}

int rep_write_sources(struct rep_ctx *c, assay_err *err)
{
	int rc = 0;
	for (size_t i = 0; i < c->m->nfiles && rc == 0; i++)
		rc = write_file(c, &c->m->files[i], err);
	return rc;
}
