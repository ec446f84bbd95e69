/* SPDX-License-Identifier: MIT */
/*
 * Which commit, branch and CI job a run belongs to.
 *
 * Taken in this order: flags (--commit, --branch, --label), then the CI's
 * environment (GitHub Actions, GitLab CI, Gitea Actions, Jenkins, Travis),
 * then git in the working directory.  Where no commit is known at all,
 * resolving fails and says so: the caller must pass --commit.  Inside a
 * git work tree, --commit must name a commit git knows (stored as its full
 * sha) unless no_git is set.
 */
#ifndef ASSAY_RUNCTX_H
#define ASSAY_RUNCTX_H

#include "err.h"

#include <stdint.h>

typedef struct assay_runctx {
	char *commit;      /* full sha (or whatever --commit said) */
	char *parent;      /* first parent's sha, NULL if unknown */
	char *tree;        /* the commit's git tree sha, NULL if unknown */
	char *branch;      /* NULL if unknown */
	char *subject;     /* first line of the commit message, NULL if unknown */
	int64_t time;      /* committer time (unix seconds), 0 if unknown */
	char *ci_provider; /* "github", "gitlab", "gitea", "jenkins", "travis" or NULL */
	char *ci_run;      /* the CI's run/pipeline id */
	char *ci_job;      /* the CI's job name or id */
	char *label;       /* --label: tells apart runs of one commit (a matrix entry) */
	char *toplevel;    /* with want_toplevel: the work tree's top, NULL if unknown */
} assay_runctx;

struct assay_runctx_opts {
	const char *commit; /* --commit: a sha or any revision git can resolve */
	const char *branch; /* --branch */
	const char *label;  /* --label */
	int no_git;         /* --no-git: ask git nothing; --commit is stored as given */
	const char *cwd;    /* where to ask git; NULL: the current directory */
	int commit_only;    /* the commit's sha alone, for a reader that looks it up: git asked once, not thrice */
	int want_toplevel;  /* also the work tree's top, asked in the same call */
	const char *const *env; /* NULL: the process environment; else "K=V" list (tests) */
};

/* Fill *out (caller's struct; empty it with assay_runctx_release()). */
int assay_runctx_resolve(assay_runctx *out, const struct assay_runctx_opts *o, assay_err *err);
void assay_runctx_release(assay_runctx *rc);

#endif
