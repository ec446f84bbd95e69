/* SPDX-License-Identifier: MIT */
/*
 * Running other programs: git, test commands, benchmarks.
 *
 * The child gets its own process group, so a timeout kills everything it
 * started (a test runner's children included), and its stdout/stderr can
 * be captured up to a cap while the rest is drained and dropped.  It starts
 * with no signal blocked and SIGPIPE, SIGINT and SIGTERM at their defaults.
 */
#ifndef ASSAY_PROC_H
#define ASSAY_PROC_H

#include "buf.h"
#include "err.h"

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

enum {
	ASSAY_PROC_OUT_CAPTURE = 1,  /* keep stdout in result.out */
	ASSAY_PROC_ERR_CAPTURE = 2,  /* keep stderr in result.err */
	ASSAY_PROC_OUT_DISCARD = 4,  /* send stdout to /dev/null */
	ASSAY_PROC_ERR_DISCARD = 8,  /* send stderr to /dev/null */
	ASSAY_PROC_ERR_TO_OUT = 16,  /* stderr joins stdout (capture or not) */
	/*
	 * The child is killed (SIGKILL) when the thread that started it ends,
	 * Assay being killed included: a test stuck in an endless loop must not
	 * outlive a killed run (Linux's PR_SET_PDEATHSIG).
	 */
	ASSAY_PROC_DIE_WITH_PARENT = 32,
	ASSAY_PROC_KEEP_TAIL = 64,   /* past capture_cap, keep the last bytes, not the first */
};

struct assay_proc_opts {
	const char *const *argv;    /* argv[0] is looked up in PATH */
	const char *cwd;            /* NULL: inherit */
	const char *const *env_set; /* NULL-terminated "NAME=VALUE" added or replaced */
	const char *const *env_unset; /* NULL-terminated names removed */
	double timeout_s;           /* <= 0: no limit */
	int flags;                  /* ASSAY_PROC_* */
	size_t capture_cap;         /* bytes kept per captured stream; 0: 16 MiB */
	const char *stdin_path;     /* NULL: /dev/null */
	/*
	 * When *stop turns non-zero (a signal handler's flag: Ctrl-C), the
	 * child's process group is killed as on a timeout, within 0.1 s, and
	 * res.stopped says so.  NULL: never.
	 */
	const volatile sig_atomic_t *stop;
};

struct assay_proc_result {
	int exited;       /* 1 when it exited normally: see status */
	int status;       /* exit status when exited */
	int signal;       /* the signal that ended it, else 0 */
	int timed_out;    /* 1 when Assay killed it for running out of time */
	int stopped;      /* 1 when Assay killed it because *stop was set */
	int64_t wall_us, user_us, sys_us;
	/*
	 * CPU time (user + system) of the child and the descendants it waited
	 * for; when it timed out, of its whole process group as it was killed,
	 * descendants still running included (a test script's spinning program).
	 * Far below wall_us: it was waiting, for the CPU or for something else.
	 */
	int64_t cpu_us;
	long maxrss_kb;   /* peak resident set of the child's biggest process */
	assay_buf out, err;
	int out_truncated, err_truncated;
};

void assay_proc_result_init(struct assay_proc_result *r);
void assay_proc_result_release(struct assay_proc_result *r);

/*
 * Run a program and wait for it (or for the timeout, when its whole process
 * group is killed).  Returns 0 once it ran, whatever its exit status:
 * look at *res.  Returns -ASSAY_ECHILD when it could not start at all
 * (err says why: "cannot run 'x': No such file or directory").
 * res must have been set up with assay_proc_result_init().
 */
int assay_proc_run(const struct assay_proc_opts *o, struct assay_proc_result *res,
		   assay_err *err);

/* A monotonic clock in microseconds: what assay_proc_run times with. */
int64_t assay_proc_now_us(void);

/* 1 when the process exited with status 0. */
int assay_proc_ok(const struct assay_proc_result *r);

/* Describe how it ended: "exit status 3", "killed by signal 11", "timed out", "stopped". */
void assay_proc_describe(const struct assay_proc_result *r, char *buf, size_t n);

/*
 * Run git with args (NULL-terminated) in cwd and return its stdout, with
 * the trailing newline cut, as a new string in *out.  A non-zero exit is
 * -ASSAY_ECHILD with git's stderr in err.
 */
int assay_git(char **out, const char *cwd, const char *const *args, assay_err *err);

/* The top of the git work tree that holds cwd (NULL: current directory). */
int assay_git_toplevel(char **out, const char *cwd, assay_err *err);

#endif
