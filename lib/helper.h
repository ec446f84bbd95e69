/* SPDX-License-Identifier: MIT */
/*
 * A helper thread for a few milliseconds of work beside its creator's.
 */
#ifndef ASSAY_HELPER_H
#define ASSAY_HELPER_H

#include <pthread.h>

/*
 * Start fn(arg) in a thread kept off the CPU the caller runs on now (where
 * it may use another); 0, or -1 with errno when it cannot be started.
 * Linux starts a new thread on its creator's CPU and moves it only when it
 * next balances the load, milliseconds later: until then the two take
 * turns, and a helper whose work is that short gains nothing (measured:
 * two 3 ms loops took 6 ms side by side, 3.2 ms with this).
 */
int assay_helper_start(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
