/* SPDX-License-Identifier: MIT */
#include "stryker.h"
#include "operators.h"

#include <string.h>

const char *stryker_status(const char *s)
{
	static const char *const names[][2] = {
		{ "killed", "Killed" }, { "survived", "Survived" }, { "no_coverage", "NoCoverage" },
		{ "timeout", "Timeout" }, { "compile_error", "CompileError" }, { "runtime_error", "RuntimeError" },
		{ "pending", "Pending" },
	};
	for (size_t i = 0; s && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i][0]))
			return names[i][1];
	return "Ignored"; /* ignored, equivalent, duplicate: statusReason tells which */
}

static void pos(assay_json *j, const char *key, unsigned line, unsigned col)
{
	assay_json_object(j, key);
	assay_json_uint(j, "line", line);
	assay_json_uint(j, "column", col);
	assay_json_close(j);
}

void stryker_begin(assay_json *j, assay_buf *out, const char *root)
{
	assay_json_init(j, out);
	assay_json_object(j, NULL);
	assay_json_str(j, "schemaVersion", "2");
	assay_json_object(j, "thresholds");
	assay_json_int(j, "high", 80);
	assay_json_int(j, "low", 60);
	assay_json_close(j);
	if (root)
		assay_json_str(j, "projectRoot", root);
	assay_json_object(j, "framework");
	assay_json_str(j, "name", "Assay");
	assay_json_str(j, "version", ASSAY_VERSION);
	assay_json_close(j);
	assay_json_object(j, "files");
}

void stryker_file_begin(assay_json *j, const char *path, const char *source)
{
	assay_json_object(j, path);
	assay_json_str(j, "language", "c");
	assay_json_str(j, "source", source ? source : "");
	assay_json_array(j, "mutants");
}

void stryker_mutant(assay_json *j, const struct stryker_mutant *m)
{
	int op = mut_op_parse(m->op);
	const char *status = stryker_status(m->status);
	assay_json_object(j, NULL);
	assay_json_str(j, "id", m->id);
	assay_json_str(j, "mutatorName", op >= 0 ? mut_op_info((enum mut_op)op)->mutator : m->op);
	assay_json_str(j, "replacement", m->replacement);
	assay_buf desc = ASSAY_BUF_INIT;
	assay_buf_addf(&desc, "%s: '%s' -> '%s' in %s()", m->op, m->original, m->replacement,
		       m->function ? m->function : "?");
	assay_json_str(j, "description", desc.buf);
	assay_buf_release(&desc);
	assay_json_object(j, "location");
	pos(j, "start", m->line, m->col);
	pos(j, "end", m->end_line, m->end_col);
	assay_json_close(j);
	assay_json_str(j, "status", status);
	if (m->reason || !strcmp(status, "Ignored"))
		assay_json_str(j, "statusReason", m->reason ? m->reason : m->status);
	if (m->nkilled) {
		assay_json_array(j, "killedBy");
		for (size_t k = 0; k < m->nkilled; k++)
			assay_json_str(j, NULL, m->killed_by[k]);
		assay_json_close(j);
	}
	if (m->covered_by) {
		assay_json_array(j, "coveredBy");
		for (size_t k = 0; k < m->ncovered; k++)
			assay_json_str(j, NULL, m->covered_by[k]);
		assay_json_close(j);
	}
	if (m->duration_ms >= 0)
		assay_json_fixed(j, "duration", m->duration_ms, 3);
	if (m->tests_run >= 0)
		assay_json_int(j, "testsCompleted", m->tests_run);
	assay_json_bool(j, "static", 0);
	assay_json_close(j);
}

void stryker_file_end(assay_json *j)
{
	assay_json_close(j); /* mutants */
	assay_json_close(j); /* the file */
}

void stryker_end(assay_json *j, const char *const *tests, size_t ntests, const struct stryker_perf *perf)
{
	assay_json_close(j); /* files */
	assay_json_object(j, "testFiles");
	assay_json_object(j, "");
	assay_json_array(j, "tests");
	for (size_t t = 0; t < ntests; t++) {
		assay_json_object(j, NULL);
		assay_json_str(j, "id", tests[t]);
		assay_json_str(j, "name", tests[t]);
		assay_json_close(j);
	}
	assay_json_close(j);
	assay_json_close(j);
	assay_json_close(j);
	if (perf) {
		assay_json_object(j, "performance");
		assay_json_fixed(j, "setup", perf->setup_ms, 0);
		assay_json_fixed(j, "initialRun", perf->initial_ms, 0);
		assay_json_fixed(j, "mutation", perf->mutation_ms, 0);
		assay_json_close(j);
	}
	assay_json_close(j);
	assay_buf_addc(j->out, '\n');
}
