/* SPDX-License-Identifier: MIT */
#include "runctx.h"
#include "githead.h"
#include "mem.h"
#include "proc.h"

#include <stdlib.h>
#include <string.h>

extern char **environ;

static const char *env_get(const struct assay_runctx_opts *o, const char *name)
{
	size_t n = strlen(name);
	const char *const *env = o->env ? o->env : (const char *const *)environ;
	for (size_t i = 0; env[i]; i++)
		if (!strncmp(env[i], name, n) && env[i][n] == '=')
			return env[i][n + 1] ? env[i] + n + 1 : NULL;
	return NULL;
}

static void set(char **field, const char *value)
{
	if (!*field && value && *value)
		*field = assay_xstrdup(value);
}

/*
 * The CIs Assay knows, one row each, tried in this order: Gitea sets
 * GITHUB_* too, for compatibility, so it comes before GitHub.  Of each
 * list of variables the first one set wins: a pull or merge request's
 * source branch comes before the ref that was built (GitHub's
 * GITHUB_REF_NAME is then "123/merge").
 */
static const struct ci {
	const char *provider;
	const char *marker, *marker_value; /* what says "this CI"; value NULL: any */
	const char *sha;
	const char *branch[3];
	const char *remote_branch; /* tried last, "origin/NAME" (Jenkins' GIT_BRANCH) */
	const char *run;
	const char *job[2];
} cis[] = {
	{ "gitea", "GITEA_ACTIONS", "true", "GITHUB_SHA", { "GITHUB_HEAD_REF", "GITHUB_REF_NAME" },
	  NULL, "GITHUB_RUN_ID", { "GITHUB_JOB" } },
	{ "github", "GITHUB_ACTIONS", "true", "GITHUB_SHA", { "GITHUB_HEAD_REF", "GITHUB_REF_NAME" },
	  NULL, "GITHUB_RUN_ID", { "GITHUB_JOB" } },
	{ "gitlab", "GITLAB_CI", "true", "CI_COMMIT_SHA",
	  { "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_BRANCH", "CI_COMMIT_REF_NAME" },
	  NULL, "CI_PIPELINE_ID", { "CI_JOB_NAME" } },
	{ "jenkins", "JENKINS_URL", NULL, "GIT_COMMIT", { "CHANGE_BRANCH", "BRANCH_NAME" },
	  "GIT_BRANCH", "BUILD_NUMBER", { "JOB_NAME" } },
	{ "travis", "TRAVIS", "true", "TRAVIS_COMMIT", { "TRAVIS_PULL_REQUEST_BRANCH", "TRAVIS_BRANCH" },
	  NULL, "TRAVIS_BUILD_ID", { "TRAVIS_JOB_NAME", "TRAVIS_JOB_NUMBER" } },
};

/* What the first CI whose marker is set says, for each field flags left open. */
static void from_ci(assay_runctx *rc, const struct assay_runctx_opts *o)
{
	for (size_t i = 0; i < sizeof(cis) / sizeof(cis[0]); i++) {
		const struct ci *c = &cis[i];
		const char *v = env_get(o, c->marker);
		if (!v || (c->marker_value && strcmp(v, c->marker_value)))
			continue;
		set(&rc->ci_provider, c->provider);
		set(&rc->commit, env_get(o, c->sha));
		for (size_t b = 0; b < sizeof(c->branch) / sizeof(c->branch[0]) && c->branch[b]; b++)
			set(&rc->branch, env_get(o, c->branch[b]));
		if (c->remote_branch && (v = env_get(o, c->remote_branch)))
			set(&rc->branch, !strncmp(v, "origin/", 7) ? v + 7 : v);
		set(&rc->ci_run, env_get(o, c->run));
		for (size_t j = 0; j < sizeof(c->job) / sizeof(c->job[0]) && c->job[j]; j++)
			set(&rc->ci_job, env_get(o, c->job[j]));
		return;
	}
}

/*
 * Fill in from git what flags and CI left open.  Git being absent, or the
 * directory not being a work tree, is not an error here: a CI cache or a
 * tarball has no history to ask.  But where git is there, a --commit it
 * does not know is a mistake (a typo, an unfetched branch) that would
 * file the run under a commit no other run shares: refused, unless
 * o->no_git says to store it as given.  A CI's sha is taken as it is: the
 * checkout may be shallow or elsewhere.
 */
static int from_git(assay_runctx *rc, const struct assay_runctx_opts *o, assay_err *err)
{
	assay_err ignored = ASSAY_ERR_INIT;
	char *out = NULL;
	if (o->no_git)
		return 0;
	const char *rev = rc->commit ? rc->commit : "HEAD";
	if (!rc->commit && o->commit_only) {
		char *sha, *top;
		if (assay_git_head_read(o->cwd, &sha, &top)) {
			rc->commit = sha;
			if (o->want_toplevel)
				rc->toplevel = top;
			else
				free(top);
			return 0;
		}
	}
	char *spec = assay_xasprintf("%s^{commit}", rev);
	const char *args[] = { "rev-parse", "--verify", "--quiet", spec, NULL };
	const char *args_top[] = { "rev-parse", "--show-toplevel", "--verify", "--quiet", spec, NULL };
	int have = assay_git(&out, o->cwd, o->want_toplevel ? args_top : args, &ignored) == 0 && out && *out;
	free(spec);
	if (have && o->want_toplevel) {
		/* "TOP\nSHA": the top first, as git prints them in the order asked */
		char *nl = strchr(out, '\n');
		have = nl && nl[1];
		if (have) {
			rc->toplevel = assay_xstrndup(out, (size_t)(nl - out));
			memmove(out, nl + 1, strlen(nl + 1) + 1);
		}
	}
	if (!have) {
		free(out);
		char *top = NULL;
		int in_repo = o->commit && assay_git_toplevel(&top, o->cwd, &ignored) == 0;
		free(top);
		if (in_repo && rc->commit && !strcmp(rc->commit, o->commit))
			return assay_err_set(err, ASSAY_EUSAGE,
					     "--commit %s: git knows no such commit here "
					     "(pass --no-git to store it as given)", o->commit);
		return 0;
	}
	int was_head = !rc->commit;
	free(rc->commit);
	rc->commit = out;
	if (o->commit_only)
		return 0;

	/* one call for the rest: committer time, tree, parents, subject */
	const char *log_args[] = { "log", "-1", "--format=%ct%n%T%n%P%n%s", rc->commit, NULL };
	if (assay_git(&out, o->cwd, log_args, &ignored) == 0) {
		/* four lines; the parents' line is empty for a root commit */
		char *field[4] = { NULL, NULL, NULL, NULL };
		char *p = out;
		for (int i = 0; i < 4 && p; i++) {
			field[i] = p;
			p = i < 3 ? strchr(p, '\n') : NULL;
			if (p)
				*p++ = '\0';
		}
		if (field[0])
			rc->time = strtoll(field[0], NULL, 10);
		set(&rc->tree, field[1]);
		if (field[2]) {
			field[2][strcspn(field[2], " ")] = '\0';
			set(&rc->parent, field[2]);
		}
		set(&rc->subject, field[3]);
	}
	free(out);
	if (!rc->branch && was_head) {
		const char *br_args[] = { "symbolic-ref", "--quiet", "--short", "HEAD", NULL };
		if (assay_git(&out, o->cwd, br_args, &ignored) == 0)
			set(&rc->branch, out);
		free(out);
	}
	return 0;
}

int assay_runctx_resolve(assay_runctx *rc, const struct assay_runctx_opts *o, assay_err *err)
{
	memset(rc, 0, sizeof(*rc));
	set(&rc->commit, o->commit);
	set(&rc->branch, o->branch);
	set(&rc->label, o->label);
	from_ci(rc, o);
	int r = from_git(rc, o, err);
	if (r < 0) {
		assay_runctx_release(rc);
		return r;
	}
	if (!rc->commit) {
		assay_runctx_release(rc);
		return assay_err_set(err, ASSAY_EUSAGE,
				     "no commit known: not in a git repository and no CI environment names one; pass --commit");
	}
	return 0;
}

void assay_runctx_release(assay_runctx *rc)
{
	free(rc->commit);
	free(rc->parent);
	free(rc->tree);
	free(rc->branch);
	free(rc->subject);
	free(rc->ci_provider);
	free(rc->ci_run);
	free(rc->ci_job);
	free(rc->label);
	free(rc->toplevel);
	memset(rc, 0, sizeof(*rc));
}
