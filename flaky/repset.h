/* SPDX-License-Identifier: MIT */
/*
 * The results of `flaky run`'s repetitions, held in memory until every
 * repetition has run and parsed, then stored as one run per repetition:
 * a command that wrote no JUnit file in repetition 7 leaves nothing of
 * repetitions 1 to 6 behind.
 *
 * Tests are interned (one copy of each name however many repetitions);
 * the set owns every string.  Free with flaky_repset_release().
 */
#ifndef ASSAY_FLAKY_REPSET_H
#define ASSAY_FLAKY_REPSET_H

#include "err.h"
#include "hashmap.h"
#include "model.h"

#include <stddef.h>
#include <stdint.h>

struct flaky_test {
	char *suite, *classname, *name, *file;
	long line;
};

struct flaky_result {
	uint32_t test;
	uint8_t status;  /* enum assay_status */
	uint8_t final;
	uint16_t attempt;
	int64_t duration_us;
	char *message, *type; /* kept for failures and errors only */
	/* the last FLAKY_OUTPUT_TAIL bytes of a failure's outputs, kept only when its message is
	 * blank (ctest's <failure message=""/>): then they are all it says */
	char *system_out, *system_err;
};

#define FLAKY_OUTPUT_TAIL 2048

struct flaky_rep {
	struct flaky_result *v;
	size_t n, alloc;
	int exit_status;   /* -1: killed by a signal or timed out */
	uint64_t seed;     /* the shuffle seed it ran with, 0 without --shuffle */
};

typedef struct flaky_repset {
	struct flaky_test *tests;
	size_t ntests, atests;
	assay_hashmap index; /* suite, classname, name -> index into tests */
	assay_buf key;       /* the key being looked up */
	struct flaky_rep *reps;
	size_t nreps;
} flaky_repset;

/* An empty set for nreps repetitions. */
void flaky_repset_init(flaky_repset *s, size_t nreps);
void flaky_repset_release(flaky_repset *s);

/* Add one attempt of one test to repetition rep (0-based); r's strings are copied. */
void flaky_repset_add(flaky_repset *s, size_t rep, const assay_result *r);

/* Fill *out with the stored form of result x (strings borrowed from s). */
void flaky_repset_result(const flaky_repset *s, const struct flaky_result *x, assay_result *out);

/* What the repetitions say about one test. */
struct flaky_verdict {
	uint32_t test;
	unsigned runs;      /* repetitions in which it ran (not skipped) */
	unsigned fails;     /* ...and finally failed or errored */
	unsigned reruns;    /* repetitions where it failed and then passed on a rerun */
	double lo, hi;      /* 95% Wilson interval of the fail rate */
	const struct flaky_result *first_failure; /* borrowed; NULL if none */
	size_t first_rep;   /* that failure's repetition, 0-based */
};

/*
 * Every test that both passed and failed across the repetitions (or failed
 * then passed on a rerun within one), most often failing first.  *out is a
 * new array of *n verdicts: free() it.  *always counts tests that failed in
 * every repetition they ran: broken, not flaky.
 */
void flaky_repset_verdicts(const flaky_repset *s, struct flaky_verdict **out, size_t *n,
			   size_t *always);

#endif
