/* SPDX-License-Identifier: MIT */
#include "mutant.h"
#include "buf.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static const char *const status_names[MUT_NSTATUS] = {
	[MUT_PENDING] = "pending",
	[MUT_KILLED] = "killed",
	[MUT_SURVIVED] = "survived",
	[MUT_NO_COVERAGE] = "no_coverage",
	[MUT_TIMEOUT] = "timeout",
	[MUT_COMPILE_ERROR] = "compile_error",
	[MUT_RUNTIME_ERROR] = "runtime_error",
	[MUT_IGNORED] = "ignored",
	[MUT_EQUIVALENT] = "equivalent",
	[MUT_DUPLICATE] = "duplicate",
};

const char *mut_status_name(enum mut_status s)
{
	return s < MUT_NSTATUS ? status_names[s] : "?";
}

int mut_status_parse(const char *name)
{
	for (int i = 0; i < MUT_NSTATUS; i++)
		if (!strcmp(status_names[i], name))
			return i;
	return -1;
}

void mut_project_init(mut_project *p)
{
	memset(p, 0, sizeof(*p));
}

void mut_project_release(mut_project *p)
{
	for (size_t i = 0; i < p->nfiles; i++) {
		free(p->files[i].path);
		free(p->files[i].rel);
		free(p->files[i].text);
		free(p->files[i].sites);
	}
	free(p->files);
	for (size_t i = 0; i < p->nmutants; i++) {
		mut_mutant *m = &p->mutants[i];
		free(m->replacement);
		free(m->original);
		free(m->mutated);
		free(m->func);
		free(m->killed_by);
		free(m->reason);
		for (size_t k = 0; k < m->nkills; k++)
			free(m->kills[k]);
		free(m->kills);
	}
	free(p->mutants);
	memset(p, 0, sizeof(*p));
}

char *mut_mutated_text(const char *replacement, const char *original)
{
	assay_buf b = ASSAY_BUF_INIT;
	for (const char *r = replacement; *r; r++) {
		if (*r == MUT_HOLE)
			assay_buf_adds(&b, original);
		else if (*r != MUT_HOLE_L && *r != MUT_HOLE_R)
			assay_buf_addc(&b, *r);
	}
	return assay_buf_detach(&b, NULL);
}
