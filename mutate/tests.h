/* SPDX-License-Identifier: MIT */
/*
 * The tests a mutant is run against: the single test command, or with
 * --ctest every CTest test (from `ctest --show-only=json-v1`), run directly
 * so each one can be selected, timed and killed on its own.
 */
#ifndef ASSAY_MUTATE_TESTS_H
#define ASSAY_MUTATE_TESTS_H

#include "err.h"
#include "proc.h"
#include "scratch.h"

#include <stdint.h>

typedef struct mut_test {
	char *name;
	char **argv;          /* NULL-terminated */
	char *cwd;            /* NULL: the build directory */
	char **env;           /* "NAME=VALUE", NULL-terminated, may be NULL */
	int will_fail;        /* CTest's WILL_FAIL: passing means a non-zero exit */
	int64_t base_us;      /* its time with no mutant active */
	int64_t base_cpu_us;  /* and the CPU time it took */
	unsigned char *hits;  /* one flag per site gid: the sites it reached */
	int kills;            /* mutants it killed so far: the most killing run first */
} mut_test;

typedef struct mut_tests {
	mut_test *v;
	size_t n;
} mut_tests;

/* The CTest tests of build_dir (only those labelled `label` / matching `regex`, when not NULL). */
int mut_tests_ctest(mut_tests *out, const char *build_dir, const char *label, const char *regex,
		    assay_err *err);
/* The test command as the only test, run by sh in the build directory. */
void mut_tests_command(mut_tests *out, const char *cmd);
void mut_tests_release(mut_tests *t);

/* One run of one test. */
struct mut_exec {
	const mut_test *test;
	const mut_remap *remap; /* the worker's copy: applied to argv, cwd and env */
	const char *build_dir;  /* the worker's build directory: cwd when the test names none */
	const char *tmpdir;     /* the worker's own TMPDIR */
	int mutant;             /* ASSAY_MUTANT */
	const char *trace;      /* ASSAY_TRACE, or NULL */
	double timeout_s;
	int capture;            /* keep the output's last 64 KiB (for error messages) */
	const volatile sig_atomic_t *stop; /* set: the test is killed, its outcome MUT_OUT_STOPPED */
};

/* STOPPED: killed because the run was asked to stop; it says nothing of the mutant. */
enum mut_outcome { MUT_OUT_PASS = 0, MUT_OUT_FAIL, MUT_OUT_TIMEOUT, MUT_OUT_NOSTART, MUT_OUT_STOPPED };

/* Run a test; *res (set up by the caller) has the details. */
enum mut_outcome mut_exec_test(const struct mut_exec *x, struct assay_proc_result *res, assay_err *err);

#endif
