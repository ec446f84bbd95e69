/* SPDX-License-Identifier: MIT */
#include "report.h"
#include "json_out.h"
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

static void pos(assay_json *j, const char *key, unsigned line, unsigned col)
{
	assay_json_object(j, key);
	assay_json_uint(j, "line", line);
	assay_json_uint(j, "column", col);
	assay_json_close(j);
}

static void mutant_json(assay_json *j, const mut_engine *e, const mut_mutant *m)
{
	const mut_project *p = &e->proj;
	int op = mut_op_parse(m->op);
	assay_json_object(j, NULL);
	assay_json_str(j, "id", m->key);
	assay_json_str(j, "mutatorName", op >= 0 ? mut_op_info((enum mut_op)op)->mutator : m->op);
	assay_json_str(j, "replacement", m->mutated);
	assay_buf desc = ASSAY_BUF_INIT;
	assay_buf_addf(&desc, "%s: '%s' -> '%s' in %s()", m->op, m->original, m->mutated, m->func);
	assay_json_str(j, "description", desc.buf);
	assay_buf_release(&desc);
	assay_json_object(j, "location");
	pos(j, "start", m->line, m->col);
	pos(j, "end", m->end_line, m->end_col);
	assay_json_close(j);
	assay_json_str(j, "status", mut_schema_status(m->status));
	if (m->reason || m->status >= MUT_IGNORED)
		assay_json_str(j, "statusReason", m->reason ? m->reason : mut_status_name(m->status));
	if (m->nkills) {
		assay_json_array(j, "killedBy");
		for (size_t k = 0; k < m->nkills; k++)
			assay_json_str(j, NULL, m->kills[k]);
		assay_json_close(j);
	} else if (m->killed_by && m->status == MUT_KILLED) {
		assay_json_array(j, "killedBy");
		assay_json_str(j, NULL, m->killed_by);
		assay_json_close(j);
	}
	const mut_site *site = &p->files[m->file].sites[m->site];
	if (e->in && e->in[m->id - 1]) {
		assay_json_array(j, "coveredBy");
		for (size_t t = 0; t < e->tests.n; t++)
			if (e->tests.v[t].hits && e->tests.v[t].hits[site->gid])
				assay_json_str(j, NULL, e->tests.v[t].name);
		assay_json_close(j);
	}
	assay_json_fixed(j, "duration", (double)m->duration_us / 1000.0, 3);
	assay_json_int(j, "testsCompleted", m->tests_run);
	assay_json_bool(j, "static", 0);
	assay_json_close(j);
}

void mut_report_json(assay_buf *o, const mut_engine *e)
{
	const mut_project *p = &e->proj;
	assay_json j;
	assay_json_init(&j, o);
	assay_json_object(&j, NULL);
	assay_json_str(&j, "schemaVersion", "2");
	assay_json_object(&j, "thresholds");
	assay_json_int(&j, "high", 80);
	assay_json_int(&j, "low", 60);
	assay_json_close(&j);
	assay_json_str(&j, "projectRoot", e->root);
	assay_json_object(&j, "framework");
	assay_json_str(&j, "name", "Assay");
	assay_json_str(&j, "version", ASSAY_VERSION);
	assay_json_close(&j);
	assay_json_object(&j, "files");
	for (size_t fi = 0; fi < p->nfiles; fi++) {
		const mut_file *f = &p->files[fi];
		assay_json_object(&j, f->rel);
		assay_json_str(&j, "language", "c");
		assay_json_str(&j, "source", f->text);
		assay_json_array(&j, "mutants");
		for (size_t i = 0; i < p->nmutants; i++) {
			const mut_mutant *m = &p->mutants[i];
			if (m->file == fi && m->selected)
				mutant_json(&j, e, m);
		}
		assay_json_close(&j);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	assay_json_object(&j, "testFiles");
	assay_json_object(&j, "");
	assay_json_array(&j, "tests");
	for (size_t t = 0; t < e->tests.n; t++) {
		assay_json_object(&j, NULL);
		assay_json_str(&j, "id", e->tests.v[t].name);
		assay_json_str(&j, "name", e->tests.v[t].name);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	assay_json_close(&j);
	assay_json_close(&j);
	assay_json_object(&j, "performance");
	assay_json_fixed(&j, "setup", (double)e->stats.setup_us / 1000.0, 0);
	assay_json_fixed(&j, "initialRun", (double)e->stats.initial_us / 1000.0, 0);
	assay_json_fixed(&j, "mutation", (double)e->stats.mutation_us / 1000.0, 0);
	assay_json_close(&j);
	assay_json_close(&j);
	assay_buf_addc(o, '\n');
}
