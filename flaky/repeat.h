/* SPDX-License-Identifier: MIT */
/*
 * Running a test command N times, J at once, each repetition in its own
 * directory and environment so that JUnit files and temporary files of
 * parallel repetitions never collide.
 *
 * In the command's arguments and in the JUnit path, these are replaced:
 *   {n}      the repetition's number, from 1
 *   {dir}    the repetition's private directory (removed afterwards)
 *   {junit}  the JUnit path (default {dir}/junit.xml)
 *   {seed}   the shuffle seed (0 without shuffling)
 * and the command's environment gets ASSAY_FLAKY_REP, ASSAY_FLAKY_DIR,
 * ASSAY_JUNIT and TMPDIR (inside {dir}); with shuffling also
 * ASSAY_SHUFFLE_SEED, and GTEST_SHUFFLE / GTEST_RANDOM_SEED, which Google
 * Test reads.
 */
#ifndef ASSAY_FLAKY_REPEAT_H
#define ASSAY_FLAKY_REPEAT_H

#include "err.h"

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

struct flaky_outcome {
	char *junit;       /* where its JUnit file is (or should have been) */
	int started;       /* 0 when the command could not start (see error) */
	int exit_status;   /* -1: killed by a signal or timed out */
	char how[96];      /* how it ended: "exit status 1", "timed out" (assay_proc_describe) */
	uint64_t seed;
	char *output_tail; /* the end of its output (however much it wrote), for messages */
	assay_err error;
};

struct flaky_repeat_opts {
	const char *const *argv; /* the command, with placeholders */
	const char *junit;       /* the JUnit path, with placeholders; NULL: {dir}/junit.xml */
	size_t reps;
	size_t jobs;
	int shuffle;
	uint64_t seed;           /* base of the shuffle seeds */
	double timeout_s;        /* per repetition; <= 0 none */
	/*
	 * A signal handler's flag (Ctrl-C): once set, the repetitions running
	 * are killed and no more start.  May be NULL.
	 */
	const volatile sig_atomic_t *stop;
	/* called from the caller's thread as repetitions end (may be NULL) */
	void (*progress)(void *ud, size_t done, size_t total);
	void *ud;
	/*
	 * Called as each repetition that started ends, from the thread that ran
	 * it, one call at a time, before that thread starts another: the place
	 * to read its report, before a fixed --junit path is written again.
	 * Non-zero starts no more repetitions.  May be NULL.
	 */
	int (*on_end)(void *end_ud, size_t i, const struct flaky_outcome *o);
	void *end_ud;
};

typedef struct flaky_repeat flaky_repeat;

/*
 * Run the repetitions, up to jobs at once, and wait for all of them.
 * Returns 0 with *out holding one outcome per repetition (look at each's
 * `started`); a usage problem (a fixed --junit path with jobs > 1) is
 * -ASSAY_EUSAGE before anything runs.  The directories stay until
 * flaky_repeat_free().
 */
int flaky_repeat_run(flaky_repeat **out, const struct flaky_repeat_opts *o, assay_err *err);

const struct flaky_outcome *flaky_repeat_outcome(const flaky_repeat *r, size_t i);

/* Remove the directories and free everything. */
void flaky_repeat_free(flaky_repeat *r);

/* A copy of s with the placeholders replaced. */
char *flaky_expand(const char *s, size_t n, const char *dir, const char *junit, uint64_t seed);

#endif
