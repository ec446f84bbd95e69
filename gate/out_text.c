/* SPDX-License-Identifier: MIT */
#include "output.h"
#include "buf.h"
#include "color.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

const char *gate_verdict_name(int verdict)
{
	return verdict == 0 ? "passed" : verdict == 1 ? "FAILED" : "could not decide";
}

struct keyed {
	struct gate_item it;
	size_t i; /* where it was found: qsort is not stable */
};

static int item_order(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->it.blocking != y->it.blocking)
		return y->it.blocking - x->it.blocking;
	if (x->it.kind != y->it.kind)
		return (int)x->it.kind - (int)y->it.kind;
	return x->i < y->i ? -1 : x->i > y->i;
}

void gate_sort_items(struct gate_result *r)
{
	struct keyed *k = assay_xcalloc(r->nitems + 1, sizeof(*k));
	for (size_t i = 0; i < r->nitems; i++)
		k[i] = (struct keyed){ r->items[i], i };
	qsort(k, r->nitems, sizeof(*k), item_order);
	for (size_t i = 0; i < r->nitems; i++)
		r->items[i] = k[i].it;
	free(k);
}

static void shown(assay_buf *b, const char *s)
{
	assay_buf_reset(b);
	if (s)
		assay_buf_add_shown(b, s, strlen(s));
	else
		assay_buf_adds(b, "-");
}

void gate_write_text(FILE *out, const struct gate_ctx *g, int verdict, const char *defaults)
{
	const struct assay_revs *rv = g->revs;
	const struct gate_result *r = &g->res;
	assay_buf a = ASSAY_BUF_INIT, b = ASSAY_BUF_INIT, c = ASSAY_BUF_INIT, d = ASSAY_BUF_INIT;
	shown(&a, rv->head.subject ? rv->head.subject : "");
	fprintf(out, "head %.12s %s\n", rv->head.sha, a.buf);
	shown(&a, rv->base.subject ? rv->base.subject : "");
	fprintf(out, "base %.12s %s (%s", rv->base.sha, a.buf, rv->base_from);
	if (rv->base_steps)
		fprintf(out, "; %.12s has no runs: its ancestor %d commit%s up stands in", rv->base_named,
			rv->base_steps, rv->base_steps == 1 ? "" : "s");
	fprintf(out, ")\n");
	if (g->have_changes)
		fprintf(out, "diff %zu changed line%s in %zu file%s\n", r->changed_lines,
			r->changed_lines == 1 ? "" : "s", r->changed_files, r->changed_files == 1 ? "" : "s");
	/* each column as wide as its widest cell, so that no figure runs into the next */
	int wid[4] = { 5, 4, 9, 4 };
	for (size_t i = 0; i < r->nrows; i++) {
		const struct gate_row *w = &r->rows[i];
		const char *cells[4] = { w->name, w->head, w->threshold, w->base };
		for (int k = 0; k < 4; k++) {
			shown(&a, cells[k]);
			if ((int)a.len > wid[k])
				wid[k] = (int)a.len;
		}
	}
	fprintf(out, "\n%-*s  %-*s  %-*s  %-*s  %s\n", wid[0], "check", wid[1], "head", wid[2], "threshold", wid[3],
		"base", "result");
	for (size_t i = 0; i < r->nrows; i++) {
		const struct gate_row *w = &r->rows[i];
		shown(&a, w->name);
		shown(&b, w->head);
		shown(&c, w->threshold);
		shown(&d, w->base);
		enum assay_color col = w->state == GATE_PASS ? ASSAY_GREEN : w->state == GATE_FAIL ? ASSAY_RED
			: ASSAY_YELLOW;
		fprintf(out, "%-*s  %-*s  %-*s  %-*s  %s%s%s", wid[0], a.buf, wid[1], b.buf, wid[2], c.buf, wid[3], d.buf,
			assay_color_on(out, col), gate_state_name(w->state), assay_color_off(out));
		if (w->why) {
			shown(&a, w->why);
			fprintf(out, " (%s)", a.buf);
		}
		fputc('\n', out);
	}
	int kind = -1;
	for (size_t i = 0; i < r->nitems; i++) {
		const struct gate_item *it = &r->items[i];
		if ((int)it->kind != kind) {
			kind = (int)it->kind;
			fprintf(out, "\n%s:\n", gate_item_heading(it->kind));
		}
		shown(&a, it->title);
		fprintf(out, "  %s", a.buf);
		if (it->file && it->line && it->kind != GATE_UNCOVERED && it->kind != GATE_FLAKY_LINES &&
		    it->kind != GATE_SURVIVOR) {
			shown(&b, it->file);
			fprintf(out, " (%s:%u)", b.buf, it->line);
		} else if (it->file && it->line) {
			fprintf(out, ":%u", it->line);
			if (it->end_line > it->line)
				fprintf(out, "-%u", it->end_line);
		}
		fputc('\n', out);
		if (it->text && it->kind != GATE_UNCOVERED && it->kind != GATE_FLAKY_LINES) {
			assay_buf_reset(&b);
			assay_buf_add_shown(&b, it->text, strlen(it->text));
			/* each line of a message indented under its test */
			for (char *save = NULL, *l = strtok_r(b.buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
				fprintf(out, "      %s\n", l);
		}
	}
	fprintf(out, "\nchecked: %s\n", defaults);
	enum assay_color col = verdict == 0 ? ASSAY_GREEN : verdict == 1 ? ASSAY_RED : ASSAY_YELLOW;
	fprintf(out, "gate %s%s%s\n", assay_color_on(out, col), gate_verdict_name(verdict), assay_color_off(out));
	assay_buf_release(&a);
	assay_buf_release(&b);
	assay_buf_release(&c);
	assay_buf_release(&d);
}
