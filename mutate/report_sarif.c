/* SARIF 2.1.0: survivors and uncovered mutants as code-scanning results. */
#include "report.h"

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
	assay_buf_adds(o, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
			  "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"assay-mutate\",\"version\":\"" ASSAY_VERSION
			  "\",\"rules\":[");
	for (size_t r = 0; r < nrules; r++) {
		assay_buf_addf(o, "%s{\"id\":\"%s\",\"shortDescription\":{\"text\":\"%s\"},"
			       "\"defaultConfiguration\":{\"level\":\"%s\"}}",
			       r ? "," : "", rules[r].rule, rules[r].text, rules[r].level);
	}
	assay_buf_adds(o, "]}},\"originalUriBaseIds\":{\"SRCROOT\":{\"uri\":");
	assay_buf desc = ASSAY_BUF_INIT;
	assay_buf_addf(&desc, "file://%s/", e->root);
	assay_buf_add_json_string(o, desc.buf);
	assay_buf_adds(o, "}},\"results\":[");
	int first = 1;
	for (size_t i = 0; i < p->nmutants; i++) {
		const mut_mutant *m = &p->mutants[i];
		size_t r = 0;
		while (r < nrules && rules[r].status != m->status)
			r++;
		if (!m->selected || r == nrules)
			continue;
		if (!first)
			assay_buf_addc(o, ',');
		first = 0;
		assay_buf_reset(&desc);
		assay_buf_addf(&desc, "%s mutant (%s) in %s(): '%s' -> '%s'", m->status == MUT_SURVIVED ? "Surviving"
			       : m->status == MUT_TIMEOUT ? "Timed-out" : "Uncovered", m->op, m->func, m->original,
			       m->mutated);
		assay_buf_addf(o, "{\"ruleId\":\"%s\",\"level\":\"%s\",\"message\":{\"text\":", rules[r].rule,
			       rules[r].level);
		assay_buf_add_json_string(o, desc.buf);
		assay_buf_adds(o, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
		assay_buf_add_json_string(o, p->files[m->file].rel);
		assay_buf_addf(o, ",\"uriBaseId\":\"SRCROOT\"},\"region\":{\"startLine\":%u,\"startColumn\":%u,"
			       "\"endLine\":%u,\"endColumn\":%u}}}],\"partialFingerprints\":{\"assayMutantKey\":\"%s\"}}",
			       m->line, m->col, m->end_line, m->end_col, m->key);
	}
	assay_buf_release(&desc);
	assay_buf_adds(o, "]}]}\n");
}
