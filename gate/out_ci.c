/* SPDX-License-Identifier: MIT */
/* What CIs read: GitHub and Gitea Actions annotations, GitLab Code Quality, JUnit. */
#include "output.h"
#include "escape.h"
#include "hashmap.h"
#include "json_out.h"

#include <string.h>

/* An annotation's message (data) or property: GitHub's workflow-command escapes. */
static void command_escaped(FILE *out, const char *s, int property)
{
	for (; s && *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
}

/* Items that belong on a line of a file. */
static int annotated(const struct gate_item *it)
{
	return it->file && it->line && (it->kind == GATE_NEW_FAILURE || it->kind == GATE_FAILURE ||
					 it->kind == GATE_UNCOVERED || it->kind == GATE_SURVIVOR);
}

static const char *title_of(const struct gate_item *it)
{
	switch (it->kind) {
	case GATE_NEW_FAILURE: return "New test failure";
	case GATE_FAILURE: return "Failing test";
	case GATE_UNCOVERED: return "Changed lines not covered";
	default: return "Mutant survived on a changed line";
	}
}

void gate_write_annotations(FILE *out, const struct gate_ctx *g)
{
	const struct gate_result *r = &g->res;
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < r->nitems; i++) {
		const struct gate_item *it = &r->items[i];
		if (!annotated(it))
			continue;
		size_t *n = it->blocking ? &errors : &warnings;
		if (*n >= GATE_ANNOTATIONS_MAX)
			continue;
		(*n)++;
		fprintf(out, "::%s file=", it->blocking ? "error" : "warning");
		command_escaped(out, it->file, 1);
		fprintf(out, ",line=%u", it->line);
		if (it->end_line > it->line)
			fprintf(out, ",endLine=%u", it->end_line);
		fputs(",title=", out);
		command_escaped(out, title_of(it), 1);
		fputs("::", out);
		if (it->kind == GATE_NEW_FAILURE || it->kind == GATE_FAILURE) {
			command_escaped(out, it->title, 0);
			if (it->text) {
				fputs(": ", out);
				command_escaped(out, it->text, 0);
			}
		} else {
			command_escaped(out, it->text, 0);
		}
		fputc('\n', out);
	}
}

void gate_write_codequality(assay_buf *b, const struct gate_ctx *g)
{
	const struct gate_result *r = &g->res;
	assay_json j;
	assay_json_init(&j, b);
	assay_json_array(&j, NULL);
	assay_buf key = ASSAY_BUF_INIT, desc = ASSAY_BUF_INIT;
	for (size_t i = 0; i < r->nitems; i++) {
		const struct gate_item *it = &r->items[i];
		if (!annotated(it))
			continue;
		assay_buf_reset(&desc);
		assay_buf_addf(&desc, "%s: %s", title_of(it), it->title);
		if (it->text)
			assay_buf_addf(&desc, ": %s", it->text);
		/* the same finding on the same line keeps its fingerprint from one pipeline to the next */
		assay_buf_reset(&key);
		assay_buf_addf(&key, "%d\n%s\n%u\n%s", (int)it->kind, it->file, it->line, it->title);
		char fp[17];
		snprintf(fp, sizeof(fp), "%016llx", (unsigned long long)assay_hashmap_hash(key.buf, key.len));
		assay_json_object(&j, NULL);
		assay_json_str(&j, "description", desc.buf);
		assay_json_str(&j, "check_name", it->kind == GATE_UNCOVERED ? "assay-patch-coverage"
				: it->kind == GATE_SURVIVOR ? "assay-mutation" : "assay-tests");
		assay_json_str(&j, "fingerprint", fp);
		assay_json_str(&j, "severity", it->blocking ? "major" : "minor");
		assay_json_object(&j, "location");
		assay_json_str(&j, "path", it->file);
		assay_json_object(&j, "lines");
		assay_json_uint(&j, "begin", it->line);
		assay_json_uint(&j, "end", it->end_line > it->line ? it->end_line : it->line);
		assay_json_close(&j);
		assay_json_close(&j);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	assay_buf_addc(b, '\n');
	assay_buf_release(&key);
	assay_buf_release(&desc);
}

/* The check an item explains. */
static const char *check_of(enum gate_item_kind k)
{
	switch (k) {
	case GATE_UNCOVERED: case GATE_FLAKY_LINES: return "patch";
	case GATE_SURVIVOR: return "mutation";
	case GATE_REGRESSION: return "performance";
	case GATE_COVERAGE_DROP: return "coverage";
	default: return "tests";
	}
}

void gate_write_junit(assay_buf *b, const struct gate_ctx *g)
{
	const struct gate_result *r = &g->res;
	size_t failures = 0, errors = 0, skipped = 0;
	for (size_t i = 0; i < r->nrows; i++) {
		failures += r->rows[i].state == GATE_FAIL;
		errors += r->rows[i].state == GATE_UNDECIDED;
		skipped += r->rows[i].state == GATE_NODATA || r->rows[i].state == GATE_SKIP;
	}
	assay_buf_addf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"assay gate\" tests=\"%zu\" "
		       "failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n<testsuite name=\"assay gate\" "
		       "tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n", r->nrows, failures, errors,
		       skipped, r->nrows, failures, errors, skipped);
	/* which commits were compared, as every output says */
	assay_buf_addf(b, "  <properties>\n    <property name=\"head\" value=\"%s\"/>\n    <property name=\"base\" value=\"%s\"/>\n"
		       "    <property name=\"base_from\" value=\"", g->revs->head.sha, g->revs->base.sha);
	assay_add_html(b, g->revs->base_from);
	assay_buf_adds(b, "\"/>\n");
	if (g->revs->base_steps)
		assay_buf_addf(b, "    <property name=\"base_named\" value=\"%s\"/>\n    <property name=\"base_steps\" "
			       "value=\"%d\"/>\n", g->revs->base_named, g->revs->base_steps);
	assay_buf_adds(b, "  </properties>\n");
	for (size_t i = 0; i < r->nrows; i++) {
		const struct gate_row *w = &r->rows[i];
		assay_buf_addf(b, "  <testcase classname=\"assay.gate.%s\" name=\"", w->check);
		assay_add_html(b, w->name);
		assay_buf_adds(b, "\">");
		if (w->state == GATE_PASS) {
			assay_buf_adds(b, "</testcase>\n");
			continue;
		}
		const char *tag = w->state == GATE_FAIL ? "failure" : w->state == GATE_UNDECIDED ? "error" : "skipped";
		assay_buf_addf(b, "\n    <%s message=\"", tag);
		assay_add_html(b, w->head ? w->head : gate_state_name(w->state));
		if (w->threshold) {
			assay_buf_adds(b, "; threshold: ");
			assay_add_html(b, w->threshold);
		}
		if (w->why) {
			assay_buf_adds(b, "; ");
			assay_add_html(b, w->why);
		}
		assay_buf_adds(b, "\">");
		for (size_t k = 0; w->state == GATE_FAIL && k < r->nitems; k++) {
			const struct gate_item *it = &r->items[k];
			if (!it->blocking || strcmp(check_of(it->kind), w->check) ||
			    (it->kind == GATE_COVERAGE_DROP && strcmp(it->title, w->name)))
				continue;
			assay_add_html(b, it->title);
			if (it->file && it->line)
				assay_buf_addf(b, ":%u", it->line);
			if (it->text) {
				assay_buf_adds(b, ": ");
				assay_add_html(b, it->text);
			}
			assay_buf_addc(b, '\n');
		}
		assay_buf_addf(b, "</%s>\n  </testcase>\n", tag);
	}
	assay_buf_adds(b, "</testsuite>\n</testsuites>\n");
}
