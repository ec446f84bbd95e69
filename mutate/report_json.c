#include "report.h"
#include "operators.h"
#include "results.h"

#include <string.h>

const char *mut_schema_status(enum mut_status s)
{
	switch (s) {
	case MUT_KILLED: return "Killed";
	case MUT_SURVIVED: return "Survived";
	case MUT_NO_COVERAGE: return "NoCoverage";
	case MUT_TIMEOUT: return "Timeout";
	case MUT_COMPILE_ERROR: return "CompileError";
	case MUT_RUNTIME_ERROR: return "RuntimeError";
	case MUT_PENDING: return "Pending";
	default: return "Ignored"; /* ignored, equivalent, duplicate: statusReason tells which */
	}
}

static void pos(assay_buf *o, unsigned line, unsigned col)
{
	assay_buf_addf(o, "{\"line\":%u,\"column\":%u}", line, col);
}

static void mutant_json(assay_buf *o, const mut_engine *e, const mut_mutant *m)
{
	const mut_project *p = &e->proj;
	int op = mut_op_parse(m->op);
	assay_buf_adds(o, "{\"id\":");
	assay_buf_add_json_string(o, m->key);
	assay_buf_adds(o, ",\"mutatorName\":");
	assay_buf_add_json_string(o, op >= 0 ? mut_op_info((enum mut_op)op)->mutator : m->op);
	assay_buf_adds(o, ",\"replacement\":");
	assay_buf_add_json_string(o, m->mutated);
	assay_buf_adds(o, ",\"description\":");
	assay_buf desc = ASSAY_BUF_INIT;
	assay_buf_addf(&desc, "%s: '%s' -> '%s' in %s()", m->op, m->original, m->mutated, m->func);
	assay_buf_add_json_string(o, desc.buf);
	assay_buf_release(&desc);
	assay_buf_adds(o, ",\"location\":{\"start\":");
	pos(o, m->line, m->col);
	assay_buf_adds(o, ",\"end\":");
	pos(o, m->end_line, m->end_col);
	assay_buf_addf(o, "},\"status\":\"%s\"", mut_schema_status(m->status));
	if (m->reason || m->status >= MUT_IGNORED) {
		assay_buf_adds(o, ",\"statusReason\":");
		assay_buf_add_json_string(o, m->reason ? m->reason : mut_status_name(m->status));
	}
	if (m->nkills) {
		assay_buf_adds(o, ",\"killedBy\":[");
		for (size_t k = 0; k < m->nkills; k++) {
			if (k)
				assay_buf_addc(o, ',');
			assay_buf_add_json_string(o, m->kills[k]);
		}
		assay_buf_addc(o, ']');
	} else if (m->killed_by && m->status == MUT_KILLED) {
		assay_buf_adds(o, ",\"killedBy\":[");
		assay_buf_add_json_string(o, m->killed_by);
		assay_buf_addc(o, ']');
	}
	const mut_site *site = &p->files[m->file].sites[m->site];
	if (e->in && e->in[m->id - 1]) {
		assay_buf_adds(o, ",\"coveredBy\":[");
		int first = 1;
		for (size_t t = 0; t < e->tests.n; t++) {
			if (!e->tests.v[t].hits || !e->tests.v[t].hits[site->gid])
				continue;
			if (!first)
				assay_buf_addc(o, ',');
			first = 0;
			assay_buf_add_json_string(o, e->tests.v[t].name);
		}
		assay_buf_addc(o, ']');
	}
	assay_buf_addf(o, ",\"duration\":%.3f,\"testsCompleted\":%d,\"static\":false}",
		       (double)m->duration_us / 1000.0, m->tests_run);
}

void mut_report_json(assay_buf *o, const mut_engine *e)
{
	const mut_project *p = &e->proj;
	assay_buf_adds(o, "{\"schemaVersion\":\"2\",\"thresholds\":{\"high\":80,\"low\":60},\"projectRoot\":");
	assay_buf_add_json_string(o, e->root);
	assay_buf_adds(o, ",\"framework\":{\"name\":\"Assay\",\"version\":\"" ASSAY_VERSION "\"},\"files\":{");
	int first_file = 1;
	for (size_t fi = 0; fi < p->nfiles; fi++) {
		const mut_file *f = &p->files[fi];
		if (!first_file)
			assay_buf_addc(o, ',');
		first_file = 0;
		assay_buf_add_json_string(o, f->rel);
		assay_buf_adds(o, ":{\"language\":\"c\",\"source\":");
		assay_buf_add_json_string(o, f->text);
		assay_buf_adds(o, ",\"mutants\":[");
		int first = 1;
		for (size_t i = 0; i < p->nmutants; i++) {
			const mut_mutant *m = &p->mutants[i];
			if (m->file != fi || !m->selected)
				continue;
			if (!first)
				assay_buf_addc(o, ',');
			first = 0;
			mutant_json(o, e, m);
		}
		assay_buf_adds(o, "]}");
	}
	assay_buf_adds(o, "},\"testFiles\":{\"\":{\"tests\":[");
	for (size_t t = 0; t < e->tests.n; t++) {
		if (t)
			assay_buf_addc(o, ',');
		assay_buf_adds(o, "{\"id\":");
		assay_buf_add_json_string(o, e->tests.v[t].name);
		assay_buf_adds(o, ",\"name\":");
		assay_buf_add_json_string(o, e->tests.v[t].name);
		assay_buf_addc(o, '}');
	}
	assay_buf_addf(o, "]}},\"performance\":{\"setup\":%.0f,\"initialRun\":%.0f,\"mutation\":%.0f}}\n",
		       (double)e->stats.setup_us / 1000.0, (double)e->stats.initial_us / 1000.0,
		       (double)e->stats.mutation_us / 1000.0);
}
