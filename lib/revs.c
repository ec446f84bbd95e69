/* SPDX-License-Identifier: MIT */
#include "revs.h"
#include "mem.h"
#include "proc.h"
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *env_get(const char *const *env, const char *name)
{
	if (!env) {
		const char *v = getenv(name);
		return v && *v ? v : NULL;
	}
	size_t n = strlen(name);
	for (; *env; env++)
		if (!strncmp(*env, name, n) && (*env)[n] == '=' && (*env)[n + 1])
			return *env + n + 1;
	return NULL;
}

/* The full sha git makes of rev in root, or NULL. */
static char *git_sha(const char *root, const char *rev)
{
	char *spec = assay_xasprintf("%s^{commit}", rev), *sha = NULL;
	const char *args[] = { "rev-parse", "--verify", "--quiet", spec, NULL };
	assay_err ignored = ASSAY_ERR_INIT;
	if (assay_git(&sha, root, args, &ignored) < 0 || !sha || !*sha) {
		free(sha);
		sha = NULL;
	}
	free(spec);
	return sha;
}

static char *merge_base(const char *root, const char *a, const char *b)
{
	char *sha = NULL;
	const char *args[] = { "merge-base", a, b, NULL };
	assay_err ignored = ASSAY_ERR_INIT;
	if (assay_git(&sha, root, args, &ignored) < 0 || !sha || !*sha) {
		free(sha);
		return NULL;
	}
	return sha;
}

/* The commit with this full sha if it has runs: 1, 0 when not, negative on error. */
static int with_runs(assay_store *st, const char *sha, struct assay_revcommit *out, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT c.id, c.sha, c.subject, c.branch, c.time FROM commits c WHERE c.sha = ? "
		"AND EXISTS (SELECT 1 FROM runs r WHERE r.commit_id = c.id)", err);
	if (rc < 0)
		return rc;
	assay_store_bind_text(s, 1, sha);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->sha = assay_store_column_dup(s, 1);
		out->subject = assay_store_column_dup(s, 2);
		out->branch = assay_store_column_dup(s, 3);
		out->time = sqlite3_column_int64(s, 4);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return assay_store_error(st, err, "reading commits");
	return step == SQLITE_ROW;
}

char *assay_revs_store_sha(assay_store *st, int64_t id)
{
	sqlite3_stmt *s;
	assay_err ignored = ASSAY_ERR_INIT;
	if (assay_store_prepare(st, &s, "SELECT sha FROM commits WHERE id = ?", &ignored) < 0)
		return NULL;
	sqlite3_bind_int64(s, 1, id);
	char *sha = sqlite3_step(s) == SQLITE_ROW ? assay_store_column_dup(s, 0) : NULL;
	sqlite3_finalize(s);
	return sha;
}

/* A revision as a full sha: git's, else a sha or prefix the store holds. */
static char *any_sha(assay_store *st, const char *root, const char *rev)
{
	char *sha = git_sha(root, rev);
	if (sha)
		return sha;
	int64_t id;
	assay_err ignored = ASSAY_ERR_INIT;
	if (assay_summary_find_commit(st, rev, &id, &ignored) == 0)
		return assay_revs_store_sha(st, id);
	return NULL;
}

/* The first-parent ancestors of sha (itself first), at most n+1: git's, else the store's parents. */
static char **ancestors(assay_store *st, const char *root, const char *sha, long n, size_t *count)
{
	char **v = assay_xcalloc((size_t)n + 2, sizeof(*v));
	*count = 0;
	char max[48], *out = NULL;
	snprintf(max, sizeof(max), "--max-count=%ld", n + 1);
	const char *args[] = { "rev-list", "--first-parent", max, sha, NULL };
	assay_err ignored = ASSAY_ERR_INIT;
	if (assay_git(&out, root, args, &ignored) == 0 && out) {
		char *save = NULL;
		for (char *l = strtok_r(out, "\n", &save); l && *count < (size_t)n + 1; l = strtok_r(NULL, "\n", &save))
			v[(*count)++] = assay_xstrdup(l);
		free(out);
		return v;
	}
	free(out);
	v[(*count)++] = assay_xstrdup(sha);
	sqlite3_stmt *s;
	if (assay_store_prepare(st, &s, "SELECT parent_sha FROM commits WHERE sha = ?", &ignored) < 0)
		return v;
	while (*count < (size_t)n + 1) {
		sqlite3_reset(s);
		assay_store_bind_text(s, 1, v[*count - 1]);
		char *parent = sqlite3_step(s) == SQLITE_ROW ? assay_store_column_dup(s, 0) : NULL;
		if (!parent)
			break;
		v[(*count)++] = parent;
	}
	sqlite3_finalize(s);
	return v;
}

/* The base commit named by flag, CI or the default branch, as a full sha in *named. */
static int name_base(assay_store *st, const char *root, const char *base_rev, const char *head_sha,
		     const char *const *env, char **named, char **from, assay_err *err)
{
	*named = NULL;
	if (base_rev) {
		*from = assay_xasprintf("--base %s", base_rev);
		if (!(*named = any_sha(st, root, base_rev)))
			return assay_err_set(err, ASSAY_EUSAGE,
					     "--base %s: not a commit git knows here, nor one in the store", base_rev);
		return 0;
	}
	static const char *const branch_vars[] = { "GITHUB_BASE_REF", "CHANGE_TARGET" };
	const char *sha = env_get(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA");
	if (sha) {
		*from = assay_xasprintf("CI_MERGE_REQUEST_DIFF_BASE_SHA %s", sha);
		if (!(*named = any_sha(st, root, sha)))
			return assay_err_set(err, ASSAY_EINPUT, "the merge request's base %s (CI_MERGE_REQUEST_DIFF_BASE_SHA) "
					     "is not a commit git knows here: fetch it (GIT_DEPTH: 0)", sha);
		return 0;
	}
	for (size_t i = 0; i < 2; i++) {
		const char *branch = env_get(env, branch_vars[i]);
		if (!branch)
			continue;
		*from = assay_xasprintf("%s %s", branch_vars[i], branch);
		char *remote = assay_xasprintf("origin/%s", branch);
		char *tip = git_sha(root, remote);
		if (!tip)
			tip = git_sha(root, branch);
		free(remote);
		if (!tip)
			return assay_err_set(err, ASSAY_EINPUT, "the pull request's base branch %s (%s) is not "
					     "in this clone: fetch it (actions/checkout with fetch-depth: 0)",
					     branch, branch_vars[i]);
		*named = merge_base(root, head_sha, tip);
		free(tip);
		if (!*named)
			return assay_err_set(err, ASSAY_EINPUT, "head and %s have no common ancestor in this clone "
					     "(shallow? fetch with depth 0)", branch);
		return 0;
	}
	static const char *const defaults[] = { "origin/HEAD", "main", "master" };
	for (size_t i = 0; i < 3; i++) {
		char *tip = git_sha(root, defaults[i]);
		if (!tip)
			continue;
		*named = merge_base(root, head_sha, tip);
		free(tip);
		if (!*named)
			continue;
		*from = assay_xasprintf("merge-base with %s", defaults[i]);
		if (!strcmp(*named, head_sha)) {
			/* head is on the default branch: the commit before it is the base */
			free(*named);
			char *parent = assay_xasprintf("%s^", head_sha);
			*named = git_sha(root, parent);
			free(parent);
			free(*from);
			*from = assay_xasprintf("the parent of head, which is on %s", defaults[i]);
			if (!*named)
				return assay_err_set(err, ASSAY_EINPUT, "no base: head %.12s is on %s and has no parent",
						     head_sha, defaults[i]);
		}
		return 0;
	}
	return assay_err_set(err, ASSAY_EUSAGE, "no base: give --base REV (no CI pull-request base in the "
			     "environment, and no origin/HEAD, main or master in git here)");
}

int assay_revs_resolve(assay_store *st, const char *root, const char *head_rev, const char *current,
		      const char *base_rev, long depth, const char *const *env, struct assay_revs *out,
		      assay_err *err)
{
	memset(out, 0, sizeof(*out));
	char *head_sha = head_rev ? any_sha(st, root, head_rev) : assay_xstrdup(current);
	if (!head_sha)
		return assay_err_set(err, ASSAY_EUSAGE, "--head %s: not a commit git knows here, nor one in the store",
				     head_rev);
	int rc = with_runs(st, head_sha, &out->head, err);
	if (rc == 0)
		rc = assay_err_set(err, ASSAY_EINPUT, "head %.12s has no runs in %s: ingest its tests and "
				   "coverage first (assay ls lists the runs)", head_sha, assay_store_path(st));
	char *named = NULL;
	if (rc > 0)
		rc = name_base(st, root, base_rev, head_sha, env, &named, &out->base_from, err);
	free(head_sha);
	if (rc < 0) {
		free(named);
		return rc;
	}
	size_t n;
	char **up = ancestors(st, root, named, depth, &n);
	rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = with_runs(st, up[i], &out->base, err);
		if (rc > 0 && i > 0) {
			out->base_named = assay_xstrdup(named);
			out->base_steps = (int)i;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(up[i]);
	free(up);
	if (rc == 0)
		rc = assay_err_set(err, ASSAY_EINPUT, "no base with runs: neither %.12s (%s) nor its %ld nearest "
				   "ancestors have runs in %s (raise --base-depth, or keep the default branch's "
				   "store: see ci/README.md)", named, out->base_from, depth, assay_store_path(st));
	free(named);
	return rc < 0 ? rc : 0;
}

static void commit_release(struct assay_revcommit *c)
{
	free(c->sha);
	free(c->subject);
	free(c->branch);
}

void assay_revs_release(struct assay_revs *r)
{
	commit_release(&r->head);
	commit_release(&r->base);
	free(r->base_from);
	free(r->base_named);
	memset(r, 0, sizeof(*r));
}
