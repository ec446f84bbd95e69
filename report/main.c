/* SPDX-License-Identifier: MIT */
/*
 * assay-report: reports from the store.  `assay report html` writes one
 * commit's static HTML report: its tests, coverage, mutants and flaky lines
 * on the same source lines.
 */
#include "cli.h"
#include "json_out.h"
#include "mem.h"
#include "proc.h"
#include "revs.h"
#include "report.h"
#include "subcmd.h"
#include "store.h"
#include "summary.h"
#include "utility.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char html_prog[] = "assay report html";
static const char html_usage[] = "assay report html --out DIR [--commit REV] [--base REV|auto] [--title TEXT] [--root DIR] [--json]";

struct html_opts {
	struct assay_cli_common c;
	const char *out, *title, *root, *base;
	double hi, med;
	long page_lines;
};

static int html_check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)needs;
	(void)err;
	struct html_opts *o = ud;
	if (n > 1)
		return assay_cli_usage_error(html_prog, html_usage, "no operands: the commit is --commit");
	if (!o->out || !*o->out)
		return assay_cli_usage_error(html_prog, html_usage, "say where to write it: --out DIR");
	if (!(o->med >= 0 && o->hi >= o->med && o->hi <= 100))
		return assay_cli_usage_error(html_prog, html_usage, "--hi and --med are percentages, --med at most --hi");
	if (o->page_lines < 100 || o->page_lines > 1000000)
		return assay_cli_usage_error(html_prog, html_usage, "--page-lines is from 100 to 1000000");
	struct stat st;
	if (lstat(o->out, &st) == 0 && !S_ISDIR(st.st_mode))
		return assay_cli_usage_error(html_prog, html_usage, "--out %s is not a directory%s", o->out,
					     S_ISLNK(st.st_mode) ? " (a symbolic link: give the directory itself)" : "");
	return 0;
}

/* What was written, for a script: the commit, the page to open, the pages written, kept and removed. */
static void print_json(const struct html_opts *o, assay_store *st, int64_t commit, const struct rep_site_stats *stats)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	char *sha = assay_revs_store_sha(st, commit);
	assay_json_str(&j, "commit", sha);
	free(sha);
	char *index = assay_xasprintf("%s/index.html", o->out);
	assay_json_str(&j, "out", o->out);
	assay_json_str(&j, "index", index);
	free(index);
	assay_json_uint(&j, "pages_written", stats->written);
	assay_json_uint(&j, "pages_unchanged", stats->unchanged);
	assay_json_uint(&j, "pages_removed", stats->removed);
	assay_json_uint(&j, "bytes", stats->bytes);
	assay_json_uint(&j, "largest_page_bytes", stats->largest);
	assay_json_print(&j, stdout);
	assay_buf_release(&b);
}

static int html_run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	struct html_opts *o = ud;
	int64_t run = 0, commit = 0;
	char *root = NULL;
	/* the output before the store (opened here, not by assay_cli_main): a re-render's helper starts at once */
	rep_site *site = NULL;
	int rc = rep_render_open(o->out, &site, err);
	if (rc == 0)
		rc = assay_cli_open_store_readonly(&o->c, &s->st, err);
	/*
	 * One read transaction for all of it: every page shows the same state
	 * of the store though an ingest writes meanwhile, and the store's lock
	 * is taken once, not once a query.
	 */
	if (rc == 0)
		rc = assay_store_exec(s->st, "BEGIN", err);
	if (rc == 0)
		rc = assay_summary_resolve_here(s->st, o->c.commit, &run, &commit, o->root ? NULL : &root, err);
	if (rc == 0 && run)
		rc = assay_err_set(err, ASSAY_EUSAGE, "--commit %s names a run: name a commit", o->c.commit);
	if (o->root) {
		root = assay_xstrdup(o->root);
	} else if (!root) {
		assay_err ignored = ASSAY_ERR_INIT;
		if (assay_git_toplevel(&root, NULL, &ignored) < 0) {
			free(root);
			root = NULL;
		}
	}
	struct rep_opts ro = { o->out, root, o->title, commit, o->base, { o->hi, o->med }, (unsigned)o->page_lines };
	struct rep_site_stats stats = { 0 };
	if (rc == 0)
		rc = rep_render(s->st, &ro, &site, &stats, err);
	rep_site_free(site);
	assay_err end_err = ASSAY_ERR_INIT;
	if (s->st)
		assay_store_exec(s->st, "COMMIT", &end_err); /* nothing was written: its end cannot lose anything */
	if (rc == 0 && o->c.json)
		print_json(o, s->st, commit, &stats);
	else if (rc == 0 && !o->c.quiet)
		printf("wrote %zu page%s (%zu unchanged, %zu removed), %.1f MB in all; open %s/index.html\n",
		       stats.written, stats.written == 1 ? "" : "s", stats.unchanged, stats.removed,
		       (double)stats.bytes / 1e6, o->out);
	free(root);
	if (rc < 0 && err->code == ASSAY_ENOTFOUND)
		err->code = ASSAY_EINPUT;
	return rc;
}

static int cmd_html(int argc, char **argv)
{
	struct html_opts o = { .hi = 90, .med = 75, .page_lines = 2000 };
	const struct assay_option opts[] = {
		ASSAY_OPT_STRING('o', "out", &o.out, "DIR", "write the report here (made if need be)"),
		ASSAY_OPT_STRING(0, "commit", &o.c.commit, "REV", "the commit to report (default: the current one)"),
		ASSAY_OPT_STRING(0, "base", &o.base, "REV|auto", "also the differential view against REV (auto: the CI's pull-request base, else the merge-base, as the gate finds it)"),
		ASSAY_OPT_STRING(0, "title", &o.title, "TEXT", "the report's title (default: Assay report)"),
		ASSAY_OPT_STRING(0, "root", &o.root, "DIR", "where the sources are (default: the git repository's top)"),
		ASSAY_OPT_DOUBLE(0, "hi", &o.hi, "PCT", "coverage from this is good, green (default 90)"),
		ASSAY_OPT_DOUBLE(0, "med", &o.med, "PCT", "from this fair, yellow; below it red (default 75)"),
		ASSAY_OPT_INT(0, "page-lines", &o.page_lines, "N", "a source page holds at most N lines (default 2000)"),
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_CLI_OPT_QUIET(&o.c),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = html_prog, .usage = html_usage, .opts = opts, .common = &o.c,
		.needs = { ASSAY_CLI_NO_STORE, 0 }, .check = html_check, .run = html_run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}

int main(int argc, char **argv)
{
	/*
	 * A page's buffer is made and freed a thousand times over: from the
	 * heap, reused, rather than a fresh mapping each time whose every page
	 * faults in zeroed (a tenth of a re-render's time was such faults).
	 */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	static const struct assay_subcmd cmds[] = {
		{ "html", cmd_html, "one commit's static HTML report: coverage, mutants, flaky lines and tests" },
	};
	return assay_subcmd_dispatch("assay report", cmds, sizeof(cmds) / sizeof(cmds[0]), argc, argv);
}
