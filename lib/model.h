/* SPDX-License-Identifier: MIT */
/*
 * The records Assay keeps, as the parsers hand them over.
 * All strings are borrowed (see mem.h): valid until the callback returns.
 */
#ifndef ASSAY_MODEL_H
#define ASSAY_MODEL_H

#include "buf.h"

#include <stdint.h>

enum assay_status {
	ASSAY_PASS = 0,
	ASSAY_FAIL = 1,  /* an assertion failed */
	ASSAY_ERROR = 2, /* the test could not run to its end (exception, crash, setup) */
	ASSAY_SKIP = 3,
};

/* "pass", "fail", "error", "skip" as stored; assay_status_parse is the inverse (-1: none). */
const char *assay_status_name(enum assay_status s);
int assay_status_parse(const char *name);

/*
 * A test's name as people read it: "classname.name", or "suite.name" when
 * there is no class (cmocka), or the bare name; replaces what out held.
 */
void assay_test_display_name(assay_buf *out, const char *suite, const char *classname,
			     const char *name);

/* One attempt of one test case. */
typedef struct assay_result {
	const char *suite;      /* innermost testsuite name ("" when none) */
	const char *classname;  /* "" when the producer gave none (cmocka) */
	const char *name;
	const char *file;       /* NULL when not given */
	long line;              /* 0 when not given */
	enum assay_status status;
	int attempt;            /* 1 for the first run; reruns count up */
	int final;              /* 1 for the attempt that decides the status */
	int64_t duration_us;    /* -1 when the producer gave none */
	const char *message;    /* failure/error/skip message, NULL if none */
	const char *type;       /* failure/error type, NULL if none */
	const char *system_out; /* capped by the parser; NULL if none */
	const char *system_err;
} assay_result;

#endif
