/* SPDX-License-Identifier: MIT */
/*
 * Running a benchmarked command and measuring it: lib/proc.c runs it (its
 * wait ends when the child does, on a pidfd), this keeps what a benchmark
 * needs of the result.
 */
#ifndef ASSAY_BENCH_MEASURE_H
#define ASSAY_BENCH_MEASURE_H

#include "err.h"

#include <stddef.h>
#include <stdint.h>

struct bench_measure {
	double wall_s, user_s, sys_s;
	double maxrss_bytes;
	int exited, status, signal, timed_out;
	char how[96];       /* how it ended: "exit status 3", "timed out after 10 s" */
	char err_tail[512]; /* the end of what the command wrote to stderr */
};

/*
 * Run argv (argv[0] looked up in PATH) in its own process group with
 * stdout discarded and stderr kept (its tail in out->err_tail), and wait
 * for it, or kill the group after timeout_s (> 0).  Returns 0 once it ran,
 * whatever its status; -ASSAY_ECHILD when it could not start.
 */
int bench_measure_run(const char *const *argv, double timeout_s, struct bench_measure *out,
		      assay_err *err);

/* 1 when it exited with status 0. */
int bench_measure_ok(const struct bench_measure *m);

/*
 * The instruction count in a callgrind.out file's text: the first number
 * of its "summary:" line, else of its "totals:" line (the first event is Ir
 * unless --toggle-collect games were played).  -1 when neither is there.
 */
int bench_callgrind_parse(const char *text, uint64_t *out);

/*
 * Count instructions of argv under `valgrind --tool=callgrind`, children
 * included (--trace-children=yes; their counts are summed).  The outputs
 * go to a temporary directory, removed after.  *m says how it ended.
 */
int bench_callgrind_run(const char *const *argv, double timeout_s, uint64_t *instructions,
			struct bench_measure *m, assay_err *err);

#endif
