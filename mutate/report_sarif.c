/* SPDX-License-Identifier: MIT */
/* SARIF 2.1.0: survivors and uncovered mutants as code-scanning results. */
#include "report.h"
#include "json_out.h"

#include <string.h>

static const struct {
	enum mut_status status;
	const char *rule, *level, *text;
} rules[] = {
	{ MUT_SURVIVED, "assay/survived-mutant", "warning",
	  "A mutant survived: the tests pass with this change to the code" },
	{ MUT_NO_COVERAGE, "assay/uncovered-mutant", "note",
	  "No test runs this code: a mutant here cannot be caught" },
	{ MUT_TIMEOUT, "assay/timeout-mutant", "note",
	  "A mutant made the tests run out of time (counted as detected)" },
};

void mut_report_sarif(assay_buf *o, const mut_engine *e)
{
	const mut_project *p = &e->proj;
	size_t nrules = sizeof(rules) / sizeof(rules[0]);
	assay_json j;
	assay_json_init(&j, o);
	assay_json_object(&j, NULL);
	assay_json_str(&j, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	assay_json_str(&j, "version", "2.1.0");
	assay_json_array(&j, "runs");
	assay_json_object(&j, NULL);
	assay_json_object(&j, "tool");
	assay_json_object(&j, "driver");
	assay_json_str(&j, "name", "assay-mutate");
	assay_json_str(&j, "version", ASSAY_VERSION);
	assay_json_array(&j, "rules");
	for (size_t r = 0; r < nrules; r++) {
		assay_json_object(&j, NULL);
		assay_json_str(&j, "id", rules[r].rule);
		assay_json_object(&j, "shortDescription");
		assay_json_str(&j, "text", rules[r].text);
		assay_json_close(&j);
		assay_json_object(&j, "defaultConfiguration");
		assay_json_str(&j, "level", rules[r].level);
		assay_json_close(&j);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	assay_json_close(&j);
	assay_json_close(&j);
	assay_json_object(&j, "originalUriBaseIds");
	assay_json_object(&j, "SRCROOT");
	assay_buf desc = ASSAY_BUF_INIT;
	assay_buf_addf(&desc, "file://%s/", e->root);
	assay_json_str(&j, "uri", desc.buf);
	assay_json_close(&j);
	assay_json_close(&j);
	assay_json_array(&j, "results");
	for (size_t i = 0; i < p->nmutants; i++) {
		const mut_mutant *m = &p->mutants[i];
		size_t r = 0;
		while (r < nrules && rules[r].status != m->status)
			r++;
		if (!m->selected || r == nrules)
			continue;
		assay_buf_reset(&desc);
		assay_buf_addf(&desc, "%s mutant (%s) in %s(): '%s' -> '%s'", m->status == MUT_SURVIVED ? "Surviving"
			       : m->status == MUT_TIMEOUT ? "Timed-out" : "Uncovered", m->op, m->func, m->original,
			       m->mutated);
		assay_json_object(&j, NULL);
		assay_json_str(&j, "ruleId", rules[r].rule);
		assay_json_str(&j, "level", rules[r].level);
		assay_json_object(&j, "message");
		assay_json_str(&j, "text", desc.buf);
		assay_json_close(&j);
		assay_json_array(&j, "locations");
		assay_json_object(&j, NULL);
		assay_json_object(&j, "physicalLocation");
		assay_json_object(&j, "artifactLocation");
		assay_json_str(&j, "uri", p->files[m->file].rel);
		assay_json_str(&j, "uriBaseId", "SRCROOT");
		assay_json_close(&j);
		assay_json_object(&j, "region");
		assay_json_uint(&j, "startLine", m->line);
		assay_json_uint(&j, "startColumn", m->col);
		assay_json_uint(&j, "endLine", m->end_line);
		assay_json_uint(&j, "endColumn", m->end_col);
		assay_json_close(&j);
		assay_json_close(&j);
		assay_json_close(&j);
		assay_json_close(&j);
		assay_json_object(&j, "partialFingerprints");
		assay_json_str(&j, "assayMutantKey", m->key);
		assay_json_close(&j);
		assay_json_close(&j);
	}
	assay_buf_release(&desc);
	assay_json_close(&j);
	assay_json_close(&j);
	assay_json_close(&j);
	assay_json_close(&j);
	assay_buf_addc(o, '\n');
}
