/* SPDX-License-Identifier: MIT */
/*
 * The gate as a pull-request comment or job summary (as Codecov's comment
 * reads: a headline, the checks with base -> head and the change, then the
 * lists), every piece of text from the store escaped, and cut to stay
 * under GitHub's limit: a list that does not fit says how much it left out.
 */
#include "output.h"
#include "escape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Room kept for the "N more" lines and the footer, whatever the lists take. */
#define RESERVE 4096
/* A message's first line shown, at most */
#define MESSAGE_MAX 300

static void md(assay_buf *b, const char *s)
{
	if (s)
		assay_add_markdown(b, s);
	else
		assay_buf_adds(b, "-");
}

static const char *mark(enum gate_state s)
{
	switch (s) {
	case GATE_PASS: return ":white_check_mark: pass";
	case GATE_FAIL: return ":x: **fail**";
	case GATE_NODATA: return ":grey_question: no data";
	case GATE_SKIP: return ":fast_forward: skipped";
	default: return ":warning: could not decide";
	}
}

static void row(assay_buf *b, const struct gate_row *w)
{
	assay_buf_adds(b, "| ");
	md(b, w->name);
	assay_buf_adds(b, " | ");
	md(b, w->base);
	assay_buf_adds(b, " | ");
	md(b, w->head);
	assay_buf_adds(b, " | ");
	if (!isnan(w->head_v) && !isnan(w->base_v) && strcmp(w->check, "tests") && strcmp(w->check, "performance"))
		assay_buf_addf(b, "%+.2f", w->head_v - w->base_v);
	else
		assay_buf_adds(b, "-");
	assay_buf_adds(b, " | ");
	md(b, w->threshold);
	assay_buf_addf(b, " | %s", mark(w->state));
	if (w->why) {
		assay_buf_adds(b, ": ");
		md(b, w->why);
	}
	assay_buf_adds(b, " |\n");
}

/* The first line of a message, escaped and cut. */
static void first_line(assay_buf *b, const char *text)
{
	size_t n = strcspn(text, "\n");
	if (n > MESSAGE_MAX)
		n = MESSAGE_MAX;
	char *line = strndup(text, n);
	if (!line)
		return;
	md(b, line);
	if (text[n] && text[n] != '\n')
		assay_buf_adds(b, "…");
	free(line);
}

static void item(assay_buf *b, const struct gate_item *it)
{
	assay_buf_adds(b, "- ");
	if (it->kind == GATE_UNCOVERED || it->kind == GATE_FLAKY_LINES || it->kind == GATE_SURVIVOR) {
		assay_buf_addc(b, '`');
		/* a path in a code span: only a backtick could end it */
		for (const char *p = it->title; *p; p++)
			assay_buf_addc(b, *p == '`' ? '\'' : *p == '\n' ? ' ' : *p);
		assay_buf_adds(b, "`");
		if (it->line)
			assay_buf_addf(b, it->end_line > it->line ? " lines %u-%u" : " line %u", it->line, it->end_line);
	} else {
		assay_buf_adds(b, "**");
		md(b, it->title);
		assay_buf_adds(b, "**");
		if (it->file && it->line) {
			assay_buf_adds(b, " (");
			md(b, it->file);
			assay_buf_addf(b, ":%u)", it->line);
		}
	}
	if (it->text && it->kind != GATE_UNCOVERED) {
		assay_buf_adds(b, ": ");
		first_line(b, it->text);
	}
	assay_buf_addc(b, '\n');
}

void gate_write_markdown(assay_buf *out, const struct gate_ctx *g, int verdict, const char *defaults,
			 size_t limit)
{
	const struct assay_revs *rv = g->revs;
	const struct gate_result *r = &g->res;
	assay_buf b = ASSAY_BUF_INIT, it = ASSAY_BUF_INIT;
	static const char *const icon[] = { ":white_check_mark:", ":x:", ":warning:" };
	assay_buf_addf(&b, "## %s Assay gate %s\n\n", icon[verdict], gate_verdict_name(verdict));
	assay_buf_addf(&b, "Head `%.12s`", rv->head.sha);
	if (rv->head.subject) {
		assay_buf_adds(&b, " (");
		md(&b, rv->head.subject);
		assay_buf_adds(&b, ")");
	}
	assay_buf_addf(&b, " against base `%.12s` (", rv->base.sha);
	md(&b, rv->base_from);
	if (rv->base_steps)
		assay_buf_addf(&b, "; `%.12s` has no runs, its ancestor %d commit%s up stands in", rv->base_named,
			       rv->base_steps, rv->base_steps == 1 ? "" : "s");
	assay_buf_adds(&b, ").");
	if (g->have_changes)
		assay_buf_addf(&b, " The change touches %zu line%s in %zu file%s.", r->changed_lines,
			       r->changed_lines == 1 ? "" : "s", r->changed_files, r->changed_files == 1 ? "" : "s");
	assay_buf_adds(&b, "\n\n| Check | Base | Head | Δ | Threshold | Result |\n|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < r->nrows; i++)
		row(&b, &r->rows[i]);
	for (size_t i = 0; i < r->nitems;) {
		enum gate_item_kind kind = r->items[i].kind;
		int blocking = r->items[i].blocking;
		size_t j = i;
		while (j < r->nitems && r->items[j].kind == kind && r->items[j].blocking == blocking)
			j++;
		assay_buf_addf(&b, "\n### %s (%zu)%s\n\n", gate_item_heading(kind), j - i,
			       blocking || kind == GATE_FLAKY_LINES || kind == GATE_QUARANTINED ? "" : " (not failing)");
		size_t omitted = 0;
		for (size_t k = i; k < j; k++) {
			assay_buf_reset(&it);
			item(&it, &r->items[k]);
			if (!omitted && b.len + it.len + RESERVE <= limit)
				assay_buf_add(&b, it.buf, it.len);
			else
				omitted++;
		}
		if (omitted)
			assay_buf_addf(&b, "- _… and %zu more not shown (the summary's size is limited)_\n", omitted);
		i = j;
	}
	assay_buf_adds(&b, "\n<sub>Checked: ");
	md(&b, defaults);
	assay_buf_adds(&b, ". Written by `assay gate`.</sub>\n");
	assay_buf_add(out, b.buf, b.len);
	assay_buf_release(&b);
	assay_buf_release(&it);
}
