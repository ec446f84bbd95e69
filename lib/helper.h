/* SPDX-License-Identifier: MIT */
/*
 * A helper thread for a few milliseconds of work beside its caller's: jobs
 * run one after the other, in the order they were given, on a CPU other
 * than the caller's.
 */
#ifndef ASSAY_HELPER_H
#define ASSAY_HELPER_H

typedef struct assay_helper_job assay_helper_job;

/*
 * Queue fn(arg) for the helper, which is started if need be; NULL when it
 * cannot be started, and the caller runs fn itself.  The helper is kept
 * off the CPU the caller runs on, and the caller held there, until the
 * queue is empty: Linux starts a new thread on its creator's CPU and moves
 * one of them only when it next balances the load, milliseconds later, so
 * until then the two take turns (measured: two 3 ms loops took 6 ms side
 * by side, 3.2 ms this way).  Jobs run in order, so the one needed first
 * is queued first.
 */
assay_helper_job *assay_helper_queue(void (*fn)(void *), void *arg);

/* Wait until job has run, and free it. */
void assay_helper_wait(assay_helper_job *job);

#endif
