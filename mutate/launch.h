/*
 * The hot path of a mutation run: starting a test and waiting for it, many
 * thousand times.  The test gets its own process group and dies with Assay
 * (PR_SET_PDEATHSIG: a mutant that loops forever must not outlive a killed
 * run); the wait is on a pidfd, so it ends the moment the test does, not at
 * the next tick of a polling loop.
 */
#ifndef ASSAY_MUTATE_LAUNCH_H
#define ASSAY_MUTATE_LAUNCH_H

#include "err.h"

#include <stdint.h>

struct mut_spawn {
	const char *const *argv;   /* argv[0] looked up in PATH */
	const char *cwd;
	const char *const *env_set; /* "NAME=VALUE" added or replacing ours; NULL-terminated */
	double timeout_s;           /* > 0 */
	const char *out_path;       /* stdout and stderr go to this file; NULL: /dev/null */
};

struct mut_spawn_result {
	int exited, status, signal, timed_out;
	int64_t wall_us;
};

/* Run and wait; 0 once it ran (see *r), -ASSAY_ECHILD when it could not start. */
int mut_spawn_run(const struct mut_spawn *s, struct mut_spawn_result *r, assay_err *err);

#endif
