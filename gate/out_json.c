/* SPDX-License-Identifier: MIT */
#include "output.h"
#include "json_out.h"

static void commit(assay_json *j, const char *key, const struct assay_revcommit *c)
{
	assay_json_object(j, key);
	assay_json_str(j, "sha", c->sha);
	assay_json_str(j, "subject", c->subject);
	assay_json_str(j, "branch", c->branch);
	assay_json_close(j);
}

void gate_write_json(assay_buf *b, const struct gate_ctx *g, int verdict, const char *defaults)
{
	const struct gate_result *r = &g->res;
	assay_json j;
	assay_json_init(&j, b);
	assay_json_object(&j, NULL);
	assay_json_str(&j, "verdict", verdict == 0 ? "pass" : verdict == 1 ? "fail" : "undecided");
	assay_json_int(&j, "exit_status", verdict);
	commit(&j, "head", &g->revs->head);
	commit(&j, "base", &g->revs->base);
	assay_json_str(&j, "base_from", g->revs->base_from);
	if (g->revs->base_steps) {
		assay_json_str(&j, "base_named", g->revs->base_named);
		assay_json_int(&j, "base_steps", g->revs->base_steps);
	}
	if (g->have_changes) {
		assay_json_uint(&j, "changed_lines", r->changed_lines);
		assay_json_uint(&j, "changed_files", r->changed_files);
	}
	assay_json_str(&j, "checked", defaults);
	assay_json_array(&j, "checks");
	for (size_t i = 0; i < r->nrows; i++) {
		const struct gate_row *w = &r->rows[i];
		assay_json_object(&j, NULL);
		assay_json_str(&j, "check", w->check);
		assay_json_str(&j, "name", w->name);
		assay_json_str(&j, "state", w->state == GATE_PASS ? "pass" : w->state == GATE_FAIL ? "fail"
			       : w->state == GATE_NODATA ? "no_data" : w->state == GATE_SKIP ? "skipped" : "undecided");
		assay_json_str(&j, "head", w->head);
		assay_json_str(&j, "threshold", w->threshold);
		assay_json_str(&j, "base", w->base);
		assay_json_real(&j, "head_value", w->head_v, 17);
		assay_json_real(&j, "base_value", w->base_v, 17);
		assay_json_str(&j, "why", w->why);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	static const char *const kinds[GATE_ITEM_KINDS] = {
		"new_failure", "failure", "uncovered", "survivor", "regression", "missing_test", "coverage",
		"quarantined", "flaky_coverage",
	};
	assay_json_array(&j, "reasons");
	for (size_t i = 0; i < r->nitems; i++) {
		const struct gate_item *it = &r->items[i];
		assay_json_object(&j, NULL);
		assay_json_str(&j, "kind", kinds[it->kind]);
		assay_json_bool(&j, "blocking", it->blocking);
		assay_json_str(&j, "title", it->title);
		assay_json_str(&j, "file", it->file);
		if (it->line) {
			assay_json_uint(&j, "line", it->line);
			assay_json_uint(&j, "end_line", it->end_line > it->line ? it->end_line : it->line);
		}
		assay_json_str(&j, "text", it->text);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	assay_json_close(&j);
	assay_buf_addc(b, '\n');
}
