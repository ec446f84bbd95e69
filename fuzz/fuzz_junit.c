/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: JUnit XML, every dialect assay_junit_parse() reads.
 * A small output cap, so that the capping of system-out / system-err /
 * messages is reached by short inputs too, and a mismatch callback, so
 * that the declared-counts check runs to its message.
 */
#include "fuzz_input.h"
#include "parsers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define OUTPUT_CAP 32

static void bad(const char *what)
{
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

/* Every result names its test, and what is capped is within the cap. */
static int on_result(void *ud, const assay_result *r, assay_err *err)
{
	(void)ud;
	(void)err;
	if (!r->suite || !r->classname || !r->name)
		bad("a result without suite, classname or name");
	if (r->attempt < 1)
		bad("an attempt below 1");
	const char *capped[] = { r->message, r->system_out, r->system_err };
	for (size_t i = 0; i < sizeof(capped) / sizeof(*capped); i++)
		if (capped[i] && strlen(capped[i]) > OUTPUT_CAP)
			bad("output past its cap");
	return 0;
}

static int on_mismatch(void *ud, const struct assay_junit_mismatch *m, assay_err *err)
{
	(void)ud;
	(void)err;
	if (!m->input || !m->suite || !m->message || !m->message[0] || !m->detail)
		bad("a mismatch without its input, suite, message or detail");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct assay_junit_opts o = { .output_cap = OUTPUT_CAP, .on_mismatch = on_mismatch };
	assay_input *in;
	fuzz_input_open(&in, data, size);
	assay_err err = ASSAY_ERR_INIT;
	int rc = assay_junit_parse(in, &o, on_result, NULL, &err);
	assay_input_close(in);
	fuzz_check_rc(rc, &err);
	return 0;
}
