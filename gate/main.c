/* SPDX-License-Identifier: MIT */
/*
 * assay-gate: merge or don't, and why.  Reads the store that ingest,
 * mutate, flaky and bench fill, compares head with base check by check
 * (tests, coverage, patch coverage, performance, mutation), and says so
 * on the terminal, in Markdown, as CI annotations, JUnit and JSON.
 * Exit 0 passed, 1 failed, 2 could not decide.
 */
#include "cli.h"
#include "config.h"
#include "gate.h"
#include "json_out.h"
#include "mem.h"
#include "outfile.h"
#include "output.h"
#include "proc.h"
#include "revs.h"
#include "utility.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char prog[] = "assay gate";
static const char usage[] =
	"assay gate [--base REV] [--head REV] [--config FILE] [--set SECTION.KEY=VALUE]... "
	"[--markdown FILE] [--junit FILE] [--codequality FILE] [--json]";

struct gate_opts {
	struct assay_cli_common c;
	const char *head, *base, *config, *markdown, *junit, *codequality, *quarantine;
	long base_depth;
	struct assay_strlist sets;
	int annotations, no_annotations, help_config;
};

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)err;
	struct gate_opts *o = ud;
	if (o->help_config) {
		gate_config_describe(stdout);
		return 3; /* stops here, as a status above 0 does; main() makes it 0 */
	}
	if (n > 1)
		return assay_cli_usage_error(prog, usage, "no operands: name the commits with --base and --head");
	if (o->base_depth < -1 || o->base_depth > 100000)
		return assay_cli_usage_error(prog, usage, "--base-depth is from 0 to 100000");
	/* the current commit is head unless --head names one */
	needs->runctx = !o->head;
	return 0;
}

static const char *env_true(const char *name)
{
	const char *v = getenv(name);
	return v && !strcmp(v, "true") ? v : NULL;
}

/* The configuration: defaults, .assay.ini at the top (or --config), then the flags. */
static int configure(const struct gate_opts *o, const char *root, struct gate_config *cfg, assay_err *err)
{
	gate_config_defaults(cfg);
	int rc = 0;
	if (o->config) {
		rc = gate_config_load(cfg, o->config, err);
		if (rc == -ASSAY_EIO)
			err->code = ASSAY_EUSAGE;
	} else if (root) {
		char *path = assay_xasprintf("%s/.assay.ini", root);
		if (access(path, F_OK) == 0)
			rc = gate_config_load(cfg, path, err);
		free(path);
	}
	for (size_t i = 0; i < o->sets.n && rc == 0; i++)
		rc = gate_config_set(cfg, o->sets.items[i], err);
	if (o->base_depth >= 0)
		cfg->base_depth = o->base_depth;
	if (o->quarantine) {
		free(cfg->quarantine);
		cfg->quarantine = assay_xstrdup(o->quarantine);
		cfg->quarantine_asked = 1;
	}
	return rc;
}

static int read_diff(struct gate_ctx *g, assay_err *err)
{
	int wanted = g->cfg->patch.c.enabled || g->cfg->mutation.c.enabled;
	if (!wanted)
		return 0;
	assay_err why = ASSAY_ERR_INIT;
	int rc = g->root ? assay_changes_between(&g->changes, g->root, g->revs->base.sha, g->revs->head.sha, &why)
			 : assay_err_set(&why, ASSAY_EUSAGE, "not in a git work tree: no diff to read");
	if (rc == 0) {
		g->have_changes = 1;
		const assay_changes *c = &g->changes;
		g->res.changed_lines = assay_changes_lines(c);
		for (size_t i = 0; i < c->n; i++)
			g->res.changed_files += c->v[i].first && (i == 0 || strcmp(c->v[i].path, c->v[i - 1].path) ||
								  !c->v[i - 1].first);
		return 0;
	}
	/* a patch check that cannot read the diff could not decide, unless told to skip */
	if (g->cfg->patch.c.enabled && g->cfg->patch.c.missing != GATE_MISSING_SKIP) {
		*err = why;
		err->code = ASSAY_EINPUT;
		return -ASSAY_EINPUT;
	}
	g->changes_error = assay_xstrdup(why.msg);
	return 0;
}

static int write_outputs(const struct gate_opts *o, const struct gate_ctx *g, int verdict, const char *checked,
			 assay_err *err)
{
	int rc = 0;
	const char *summary = getenv("GITHUB_STEP_SUMMARY");
	if (o->markdown || (summary && *summary)) {
		assay_buf md = ASSAY_BUF_INIT;
		gate_write_markdown(&md, g, verdict, checked, GATE_MARKDOWN_LIMIT - 1);
		if (o->markdown)
			rc = assay_outfile_replace(o->markdown, md.buf, md.len, err);
		if (rc == 0 && summary && *summary)
			rc = assay_outfile_append(summary, md.buf, md.len, err);
		assay_buf_release(&md);
	}
	if (rc == 0 && o->junit) {
		assay_buf b = ASSAY_BUF_INIT;
		gate_write_junit(&b, g);
		rc = assay_outfile_replace(o->junit, b.buf, b.len, err);
		assay_buf_release(&b);
	}
	if (rc == 0 && o->codequality) {
		assay_buf b = ASSAY_BUF_INIT;
		gate_write_codequality(&b, g);
		rc = assay_outfile_replace(o->codequality, b.buf, b.len, err);
		assay_buf_release(&b);
	}
	return rc;
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	struct gate_opts *o = ud;
	char *root = NULL;
	assay_err ignored = ASSAY_ERR_INIT;
	if (assay_git_toplevel(&root, NULL, &ignored) < 0) {
		free(root);
		root = NULL;
	}
	struct gate_config cfg;
	struct assay_revs revs = { 0 };
	struct gate_ctx g = { .st = s->st, .root = root, .cfg = &cfg, .revs = &revs };
	int rc = configure(o, root, &cfg, err);
	if (rc == 0)
		rc = assay_revs_resolve(s->st, root, o->head, s->ctx.commit, o->base, cfg.base_depth, NULL, &revs, err);
	if (rc == 0)
		rc = assay_summary_load(s->st, 0, revs.head.id, 1, ASSAY_SUMMARY_FILES, &g.head, err);
	if (rc == 0)
		rc = assay_summary_load(s->st, 0, revs.base.id, 1, ASSAY_SUMMARY_FILES, &g.base, err);
	if (rc == 0)
		rc = read_diff(&g, err);
	int (*const checks[])(struct gate_ctx *, assay_err *) = {
		gate_check_tests, gate_check_coverage, gate_check_patch, gate_check_performance, gate_check_mutation,
	};
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]) && rc == 0; i++)
		rc = checks[i](&g, err);
	int verdict = 0;
	if (rc == 0) {
		gate_sort_items(&g.res);
		verdict = gate_verdict(&g.res);
		char checked[1024];
		gate_config_summary(&cfg, checked, sizeof(checked));
		rc = write_outputs(o, &g, verdict, checked, err);
		if (rc == 0 && o->c.json) {
			assay_buf b = ASSAY_BUF_INIT;
			gate_write_json(&b, &g, verdict, checked);
			fwrite(b.buf, 1, b.len, stdout);
			assay_buf_release(&b);
		} else if (rc == 0) {
			if (!o->c.quiet)
				gate_write_text(stdout, &g, verdict, checked);
			int ci = env_true("GITHUB_ACTIONS") || env_true("GITEA_ACTIONS");
			if ((o->annotations || ci) && !o->no_annotations)
				gate_write_annotations(stdout, &g);
		}
	}
	assay_summary_release(&g.head);
	assay_summary_release(&g.base);
	assay_changes_release(&g.changes);
	free(g.changes_error);
	gate_result_release(&g.res);
	assay_revs_release(&revs);
	gate_config_release(&cfg);
	free(root);
	return rc < 0 ? rc : verdict;
}

int main(int argc, char **argv)
{
	struct gate_opts o = { .base_depth = -1 };
	const struct assay_option opts[] = {
		ASSAY_OPT_STRING(0, "base", &o.base, "REV", "compare with this commit (default: the CI's pull-request base, else the merge-base with the default branch)"),
		ASSAY_OPT_STRING(0, "head", &o.head, "REV", "the commit to judge (default: the current one)"),
		ASSAY_OPT_INT(0, "base-depth", &o.base_depth, "N", "look this many commits up from the base for one with runs (default 50)"),
		ASSAY_OPT_STRING(0, "config", &o.config, "FILE", "the configuration (default: .assay.ini at the repository's top)"),
		ASSAY_OPT_LIST(0, "set", &o.sets, "SECTION.KEY=VALUE", "set a configuration key, over the file (repeatable)"),
		ASSAY_OPT_STRING(0, "quarantine", &o.quarantine, "FILE", "known-flaky tests whose failures pass (default .assay/quarantine.txt)"),
		ASSAY_OPT_STRING(0, "markdown", &o.markdown, "FILE", "write the result as Markdown (also appended to $GITHUB_STEP_SUMMARY when set)"),
		ASSAY_OPT_STRING(0, "junit", &o.junit, "FILE", "write the checks as JUnit test cases"),
		ASSAY_OPT_STRING(0, "codequality", &o.codequality, "FILE", "write GitLab's Code Quality report"),
		ASSAY_OPT_BOOL(0, "annotations", &o.annotations, "print GitHub/Gitea workflow commands (default: on GitHub and Gitea Actions)"),
		ASSAY_OPT_BOOL(0, "no-annotations", &o.no_annotations, "never print them"),
		ASSAY_OPT_BOOL(0, "help-config", &o.help_config, "list every configuration key with its default"),
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_CLI_OPT_QUIET(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &o.c,
		.needs = { ASSAY_CLI_STORE_READONLY, 0 }, .check = check, .run = run, .ud = &o,
	};
	int status = assay_cli_main(&u, argc, argv);
	assay_strlist_release(&o.sets);
	return o.help_config ? 0 : status;
}
