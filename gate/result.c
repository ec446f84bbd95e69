/* SPDX-License-Identifier: MIT */
#include "gate.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	return s ? assay_xstrdup(s) : NULL;
}

const char *gate_state_name(enum gate_state s)
{
	static const char *const names[] = { "pass", "FAIL", "no data", "skipped", "could not decide" };
	return names[s];
}

const char *gate_item_heading(enum gate_item_kind k)
{
	static const char *const names[GATE_ITEM_KINDS] = {
		"New failures", "Failing tests", "Uncovered changed lines", "Surviving mutants on changed lines",
		"Regressed benchmarks", "Tests gone missing", "Coverage below its limit", "Quarantined failures",
		"Flaky coverage on changed lines (not counted)",
	};
	return names[k];
}

struct gate_row *gate_add_row(struct gate_result *r, const char *check, const char *name,
			      enum gate_state state, const char *head, const char *threshold,
			      const char *base)
{
	ASSAY_GROW(r->rows, r->arows, r->nrows + 1);
	struct gate_row *w = &r->rows[r->nrows++];
	*w = (struct gate_row){ check, assay_xstrdup(name), dup_or_null(head), dup_or_null(threshold),
				dup_or_null(base), NAN, NAN, state, NULL };
	return w;
}

void gate_add_item(struct gate_result *r, enum gate_item_kind kind, int blocking, const char *title,
		   const char *file, unsigned line, unsigned end_line, const char *text)
{
	ASSAY_GROW(r->items, r->aitems, r->nitems + 1);
	r->items[r->nitems++] = (struct gate_item){ kind, blocking, dup_or_null(title), dup_or_null(file),
						    line, end_line, dup_or_null(text) };
}

enum gate_state gate_no_data(const struct gate_check_config *c)
{
	if (!c->asked)
		return GATE_NODATA;
	return c->missing == GATE_MISSING_SKIP ? GATE_SKIP : GATE_UNDECIDED;
}

void gate_add_no_data(struct gate_result *r, const char *check, const char *name,
		      const struct gate_check_config *c, const char *why)
{
	struct gate_row *w = gate_add_row(r, check, name, gate_no_data(c), NULL, NULL, NULL);
	w->why = assay_xstrdup(why);
}

void gate_result_release(struct gate_result *r)
{
	for (size_t i = 0; i < r->nrows; i++) {
		struct gate_row *w = &r->rows[i];
		free(w->name);
		free(w->head);
		free(w->threshold);
		free(w->base);
		free(w->why);
	}
	free(r->rows);
	for (size_t i = 0; i < r->nitems; i++) {
		free(r->items[i].title);
		free(r->items[i].file);
		free(r->items[i].text);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}

int gate_verdict(const struct gate_result *r)
{
	int undecided = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		if (r->rows[i].state == GATE_FAIL)
			return 1;
		undecided |= r->rows[i].state == GATE_UNDECIDED;
	}
	return undecided ? 2 : 0;
}

double gate_pct(uint64_t part, uint64_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : NAN;
}
