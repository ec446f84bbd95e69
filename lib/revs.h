/* SPDX-License-Identifier: MIT */
/*
 * Which two commits the gate compares, and the report's differential view.  Head: --head, else the current
 * commit (the CI's, else git's HEAD).  Base: --base, else the pull
 * request's base from the CI (GitHub and Gitea Actions GITHUB_BASE_REF,
 * GitLab CI_MERGE_REQUEST_DIFF_BASE_SHA, Jenkins CHANGE_TARGET), else the
 * merge-base of head with the default branch (origin/HEAD, main, master;
 * head's parent when head is on it).  A base without runs in the store is
 * stood in for by its nearest first-parent ancestor that has them, at most
 * base_depth commits up.
 */
#ifndef ASSAY_REVS_H
#define ASSAY_REVS_H

#include "err.h"
#include "store.h"

#include <stdint.h>

struct assay_revcommit {
	int64_t id; /* in the store */
	char *sha, *subject, *branch;
	int64_t time;
};

struct assay_revs {
	struct assay_revcommit head, base;
	char *base_from;  /* how the base was found: "--base main", "GITHUB_BASE_REF main", ... */
	char *base_named; /* the sha that named, when an ancestor stands in for it */
	int base_steps;   /* commits from base_named up to base; 0: base is the one named */
};

/*
 * Resolve both in root's git work tree (NULL: the current directory;
 * without git, only shas in the store serve).  head_rev NULL: current is
 * the current commit.  env: "K=V" strings, NULL for the process's.  No
 * runs for head, or no base with runs: -ASSAY_EINPUT saying what is missing.
 */
int assay_revs_resolve(assay_store *st, const char *root, const char *head_rev, const char *current,
		      const char *base_rev, long depth, const char *const *env, struct assay_revs *out,
		      assay_err *err);
void assay_revs_release(struct assay_revs *r);

/* The full sha of the store's commit id (free() it); NULL when there is none. */
char *assay_revs_store_sha(assay_store *st, int64_t id);

#endif
