/* SPDX-License-Identifier: MIT */
/*
 * assay-ingest: read test reports and coverage files into the store, as
 * one run of one commit, in one transaction.
 */
#include "cli.h"
#include "color.h"
#include "covfilter.h"
#include "covset.h"
#include "digest.h"
#include "input.h"
#include "json_out.h"
#include "mem.h"
#include "parsers.h"
#include "proc.h"
#include "progress.h"
#include "run.h"
#include "utility.h"
#include "walk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char prog[] = "assay ingest";
static const char usage[] =
	"assay ingest [--format auto|junit|gcov-json|lcov|cobertura] [options] FILE|DIR|- ...";

struct ingest {
	struct assay_cli_common c;
	const char *format;
	const char *strip;
	const char *root;    /* --root, then root_dir */
	char *root_dir;      /* the resolved root (resolve_root) */
	enum assay_format forced; /* --format, parsed */
	long output_cap;
	struct assay_strlist includes, excludes, ignore_lists;
	unsigned ignore; /* ASSAY_IGNORE_* */
	struct assay_covfilter filter;
	struct assay_covfilter_counts left_out;
	assay_run *run;
	assay_covset *cov;
	/* what this run holds, for the summary */
	long tests, by_status[4], attempts;
	long cov_inputs, test_inputs;
	/* a bar for big files on a terminal */
	assay_input *current;
	assay_progress *progress;
};

/* Files smaller than this are read before a bar would be worth drawing. */
#define PROGRESS_MIN_BYTES (32LL << 20)

static void show_progress(struct ingest *g)
{
	long long done, total;
	assay_input_progress(g->current, &done, &total);
	if (!g->progress) {
		if (total < PROGRESS_MIN_BYTES || g->c.quiet || g->c.json || !assay_cli_isatty(stderr))
			return;
		char *what = assay_xasprintf("%s, MiB", assay_input_name(g->current));
		g->progress = assay_progress_new(stderr, what, (uint64_t)(total >> 20), ASSAY_PROGRESS_BAR);
		free(what);
	}
	char detail[64];
	snprintf(detail, sizeof(detail), "%ld tests", g->tests);
	assay_progress_update(g->progress, (uint64_t)(done >> 20), detail);
}

static int on_result(void *ud, const assay_result *r, assay_err *err)
{
	struct ingest *in = ud;
	in->attempts++;
	if ((in->attempts & 0xfff) == 0)
		show_progress(in);
	if (r->final) {
		in->tests++;
		in->by_status[r->status]++;
	}
	return assay_run_add_result(in->run, r, err);
}

/* A JUnit suite's totals disagree with its cases: said once, and kept with the run for the gate. */
/* A parser's warning about damaged input it skipped (--ignore-errors), kept with the run too. */
static void on_cov_warning(void *ud, const char *msg)
{
	struct ingest *g = ud;
	if (!g->c.quiet) {
		assay_buf b = ASSAY_BUF_INIT;
		assay_cli_escape(&b, msg, 0);
		fprintf(stderr, "assay ingest: warning: %s\n", b.buf);
		assay_buf_release(&b);
	}
	struct assay_run_warning w = { .kind = "ignored_error", .message = msg };
	assay_run_add_warning(g->run, &w);
}

static int on_mismatch(void *ud, const struct assay_junit_mismatch *m, assay_err *err)
{
	struct ingest *g = ud;
	(void)err;
	if (!g->c.quiet)
		fprintf(stderr, "assay ingest: warning: %s\n", m->message);
	struct assay_run_warning w = {
		.kind = "junit_counts", .input = m->input, .line = m->line, .subject = m->suite,
		.message = m->message, .detail = m->detail,
	};
	assay_run_add_warning(g->run, &w);
	return 0;
}

static int parse_one(struct ingest *g, const char *path, enum assay_format forced,
		     assay_digest *digest, int from_dir, assay_err *err)
{
	assay_input *in;
	int rc = assay_input_open(&in, path, err);
	if (rc < 0)
		return rc;
	enum assay_format fmt = forced;
	if (fmt == ASSAY_FMT_UNKNOWN) {
		const unsigned char *head;
		size_t n;
		if ((rc = assay_input_peek(in, &head, &n, ASSAY_SNIFF_BYTES, err)) < 0)
			goto out;
		fmt = assay_format_sniff(head, n);
		if (fmt == ASSAY_FMT_UNKNOWN) {
			if (from_dir) /* a directory holds other files too: not ours */
				goto out;
			rc = assay_err_at(err, ASSAY_EINPUT, assay_input_name(in), n ? 1 : 0,
					  n ? "not a format Assay reads (JUnit XML, gcov JSON, lcov, Cobertura XML)"
					    : "empty file");
			goto out;
		}
	}
	assay_digest_update_str(digest, assay_format_name(fmt));
	assay_input_set_digest(in, digest);
	g->current = in;
	struct assay_cov_opts co = {
		.paths = { .root = g->root, .strip = g->strip },
		.ignore = g->ignore, .warn = on_cov_warning, .warn_ud = g,
	};
	struct assay_junit_opts jo = {
		.output_cap = (size_t)g->output_cap, .on_mismatch = on_mismatch, .mismatch_ud = g,
	};
	switch (fmt) {
	case ASSAY_FMT_JUNIT:
		g->test_inputs++;
		rc = assay_junit_parse(in, &jo, on_result, g, err);
		break;
	case ASSAY_FMT_GCOV_JSON:
		g->cov_inputs++;
		rc = assay_gcov_json_parse(in, g->cov, &co, err);
		break;
	case ASSAY_FMT_LCOV:
		g->cov_inputs++;
		rc = assay_lcov_parse(in, g->cov, &co, err);
		break;
	case ASSAY_FMT_COBERTURA:
		g->cov_inputs++;
		rc = assay_cobertura_parse(in, g->cov, &co, err);
		break;
	case ASSAY_FMT_UNKNOWN:
		break;
	}
out:
	if (g->progress) {
		if (rc == 0)
			assay_progress_finish(g->progress, NULL);
		assay_progress_free(g->progress);
		g->progress = NULL;
	}
	g->current = NULL;
	assay_input_close(in);
	return rc;
}

static int ingest_operand(struct ingest *g, const char *arg, enum assay_format forced,
			  assay_digest *digest, assay_err *err)
{
	struct assay_walk w;
	int rc = assay_walk_collect(&w, arg, err);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < w.n && rc == 0; i++)
		rc = parse_one(g, w.paths[i], forced, digest, w.is_dir, err);
	assay_walk_release(&w);
	return rc;
}

/* a count in red on a terminal when it is not 0 */
#define RED_IF(n) assay_color_on_if(stdout, (n) > 0, ASSAY_RED)
#define OFF_IF(n) assay_color_off_if(stdout, (n) > 0)

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t left_out(const struct ingest *g)
{
	return g->left_out.external + g->left_out.not_included + g->left_out.excluded;
}

/* "2 outside the repository, 1 --exclude": the reasons files were left out */
static void left_out_reasons(assay_buf *b, const struct assay_covfilter_counts *c)
{
	const struct {
		size_t n;
		const char *why;
	} parts[] = {
		{ c->external, "outside the repository" },
		{ c->not_included, "not --include" },
		{ c->excluded, "--exclude" },
	};
	const char *sep = "";
	for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++) {
		if (!parts[i].n)
			continue;
		assay_buf_addf(b, "%s%zu %s", sep, parts[i].n, parts[i].why);
		sep = ", ";
	}
}

/* "; 3 files left out (2 outside the repository, 1 --exclude)" */
static void print_left_out(const struct assay_covfilter_counts *c)
{
	assay_buf b = ASSAY_BUF_INIT;
	left_out_reasons(&b, c);
	printf("; %zu files left out (%s)", c->external + c->not_included + c->excluded, b.buf);
	assay_buf_release(&b);
}

/*
 * lcov 2's "unused" and "empty", strict unless --ignore-errors names them:
 * a pattern that matches no coverage file is most often a typo ("test/"
 * for "tests/"), and coverage inputs of which every file is left out are
 * most often a wrong --root (everything "outside the repository").
 */
static int check_filters(struct ingest *g, const size_t *hits, assay_err *err)
{
	for (size_t i = 0; i < g->includes.n + g->excludes.n; i++) {
		if (hits[i])
			continue;
		int inc = i < g->includes.n;
		const char *glob = inc ? g->includes.items[i] : g->excludes.items[i - g->includes.n];
		assay_buf b = ASSAY_BUF_INIT;
		assay_cli_escape(&b, glob, 0);
		int rc = assay_err_set(err, ASSAY_EUSAGE,
				       "--%s '%s' matches no coverage file (lcov's \"unused\"; "
				       "--ignore-errors unused to go on)",
				       inc ? "include" : "exclude", b.buf);
		assay_buf_release(&b);
		if (!(g->ignore & ASSAY_IGNORE_UNUSED))
			return rc;
		on_cov_warning(g, err->msg);
		*err = (assay_err)ASSAY_ERR_INIT;
	}
	const struct assay_covfilter_counts *c = &g->left_out;
	if (c->seen && assay_covset_count(g->cov) == 0) {
		assay_buf why = ASSAY_BUF_INIT, root = ASSAY_BUF_INIT;
		left_out_reasons(&why, c);
		if (c->external)
			assay_cli_escape(&root, g->root, 0);
		int rc = assay_err_set(err, ASSAY_EINPUT,
				       "every coverage file was left out (%s)%s%s%s (lcov's \"empty\"; "
				       "--ignore-errors empty to go on)",
				       why.buf, c->external ? "; the repository is " : "", root.buf,
				       c->external ? ": --root, --strip or --external may be wanted" : "");
		assay_buf_release(&why);
		assay_buf_release(&root);
		if (!(g->ignore & ASSAY_IGNORE_EMPTY))
			return rc;
		on_cov_warning(g, err->msg);
		*err = (assay_err)ASSAY_ERR_INIT;
	}
	return 0;
}

/*
 * What the filters kept is part of the digest: the same inputs ingested
 * with other --include/--exclude/--external (or another --root or --strip)
 * store other files, so they are another run, and the same files are the
 * same run however the filters were spelled.
 */
static void digest_files(assay_covset *cs, assay_digest *digest)
{
	size_t n = assay_covset_count(cs);
	const char **paths = assay_xcalloc(n + 1, sizeof(*paths));
	for (size_t i = 0; i < n; i++)
		paths[i] = assay_covset_at(cs, i)->path;
	qsort(paths, n, sizeof(*paths), cmp_str);
	assay_digest_update_str(digest, "coverage files");
	for (size_t i = 0; i < n; i++)
		assay_digest_update_str(digest, paths[i]);
	free(paths);
}

static void print_summary(const struct ingest *g, const assay_runctx *ctx, int64_t run_id,
			  int already, const char *msg)
{
	long found = 0, hit = 0;
	size_t nfiles = assay_covset_count(g->cov);
	for (size_t i = 0; i < nfiles; i++) {
		assay_filecov *f = assay_covset_at(g->cov, i);
		found += f->lines_found;
		hit += f->lines_hit;
	}
	if (g->c.json) {
		assay_buf b = ASSAY_BUF_INIT;
		assay_json j;
		assay_json_init(&j, &b);
		assay_json_object(&j, NULL);
		assay_json_int(&j, "run", (long long)run_id);
		assay_json_str(&j, "commit", ctx->commit);
		assay_json_bool(&j, "already_ingested", already);
		assay_json_int(&j, "tests", g->tests);
		assay_json_int(&j, "passed", g->by_status[ASSAY_PASS]);
		assay_json_int(&j, "failed", g->by_status[ASSAY_FAIL]);
		assay_json_int(&j, "errors", g->by_status[ASSAY_ERROR]);
		assay_json_int(&j, "skipped", g->by_status[ASSAY_SKIP]);
		assay_json_int(&j, "attempts", g->attempts);
		assay_json_uint(&j, "coverage_files", nfiles);
		assay_json_uint(&j, "coverage_files_left_out", left_out(g));
		assay_json_int(&j, "lines_found", found);
		assay_json_int(&j, "lines_hit", hit);
		assay_json_print(&j, stdout);
		assay_buf_release(&b);
		return;
	}
	if (g->c.quiet)
		return;
	if (already) {
		printf("%s\n", msg);
		return;
	}
	char pct[ASSAY_CLI_PCT_SIZE];
	printf("ingested run %lld for commit %.12s", (long long)run_id, ctx->commit);
	if (ctx->branch)
		printf(" (%s)", ctx->branch);
	printf(":");
	if (g->test_inputs)
		printf(" %ld tests (%ld passed, %s%ld failed%s, %s%ld errors%s, %ld skipped)", g->tests,
		       g->by_status[ASSAY_PASS], RED_IF(g->by_status[ASSAY_FAIL]), g->by_status[ASSAY_FAIL],
		       OFF_IF(g->by_status[ASSAY_FAIL]), RED_IF(g->by_status[ASSAY_ERROR]),
		       g->by_status[ASSAY_ERROR], OFF_IF(g->by_status[ASSAY_ERROR]), g->by_status[ASSAY_SKIP]);
	if (g->cov_inputs)
		printf("%s coverage of %zu files, lines %ld/%ld (%s)", g->test_inputs ? ";" : "", nfiles,
		       hit, found, assay_cli_pct(pct, (uint64_t)hit, (uint64_t)found));
	if (left_out(g))
		print_left_out(&g->left_out);
	printf("\n");
}

/* Files shown by name when several formats described them; the rest are counted. */
#define FORMATS_SHOWN 10

/*
 * Files that inputs in several formats described: the formats number
 * branches differently, so one format's figures were kept (README).
 */
static void warn_formats(const assay_covset *cs)
{
	size_t n = assay_covset_ndropped(cs);
	assay_buf b = ASSAY_BUF_INIT;
	for (size_t i = 0; i < n && i < FORMATS_SHOWN; i++) {
		const struct assay_covdrop *d = assay_covset_dropped_at(cs, i);
		assay_buf_reset(&b);
		assay_cli_escape(&b, d->path, 0);
		assay_buf_addf(&b, ": described by %s", assay_covformat_name(d->kept));
		for (int f = 0; f < ASSAY_COVFMT_COUNT; f++)
			if (d->dropped & (1u << f))
				assay_buf_addf(&b, "%s%s", (d->dropped >> f) > 1 ? ", " : " and ",
					       assay_covformat_name((enum assay_covformat)f));
		fprintf(stderr, "%s: %s; kept %s only (the formats number branches differently)\n", prog,
			b.buf, assay_covformat_name(d->kept));
	}
	if (n > FORMATS_SHOWN)
		fprintf(stderr, "%s: and %zu more files described by several formats, each kept in one\n",
			prog, n - FORMATS_SHOWN);
	assay_buf_release(&b);
}

/*
 * The repository root that producer paths are made relative to: --root, else
 * the git top, else the current directory.  A --root that is not a directory
 * is an error, never a quiet fall back to the current one.
 */
static int resolve_root(const char *flag, char **out, assay_err *err)
{
	char *root = NULL;
	*out = NULL;
	if (flag) {
		struct stat sb;
		if (!(root = realpath(flag, NULL)))
			return assay_err_set(err, ASSAY_EUSAGE, "--root %s: %s", flag, strerror(errno));
		if (stat(root, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
			free(root);
			return assay_err_set(err, ASSAY_EUSAGE, "--root %s: not a directory", flag);
		}
	} else {
		assay_err ignored = ASSAY_ERR_INIT;
		if (assay_git_toplevel(&root, NULL, &ignored) < 0)
			root = NULL;
	}
	if (!root && !(root = getcwd(NULL, 0)))
		return assay_err_set(err, ASSAY_EIO, "the current directory: %s", strerror(errno));
	*out = root;
	return 0;
}

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)needs;
	struct ingest *g = ud;
	if (n < 2)
		return assay_cli_usage_error(prog, usage, "nothing to ingest");
	int fmt = assay_format_parse(g->format);
	if (fmt < 0)
		return assay_cli_usage_error(prog, usage, "unknown format '%s'", g->format);
	g->forced = (enum assay_format)fmt;
	if (g->output_cap < 0)
		return assay_cli_usage_error(prog, usage, "--output-cap must not be negative");
	for (size_t i = 0; i < g->ignore_lists.n; i++)
		if (assay_ignore_errors_parse(&g->ignore, g->ignore_lists.items[i], err) < 0)
			return assay_cli_usage_error(prog, usage, "%s", err->msg);
	/* before the commit and the store: a wrong --root creates nothing */
	int rc = resolve_root(g->root, &g->root_dir, err);
	g->root = g->root_dir;
	return rc;
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	struct ingest *g = ud;
	assay_digest *digest = NULL;
	int rc = assay_run_begin(&g->run, s->st, "ingest", &s->ctx, err);
	if (rc == 0) {
		g->cov = assay_covset_new();
		digest = assay_digest_new();
		assay_digest_update_str(digest, "ingest");
		assay_digest_update_str(digest, s->ctx.commit);
		assay_digest_update_str(digest, s->ctx.label);
		/* a test's stored output depends on the cap; the default's digest stays what it was */
		if (g->output_cap != (long)ASSAY_JUNIT_OUTPUT_CAP_DEFAULT) {
			char cap[32];
			snprintf(cap, sizeof(cap), "output cap %ld", g->output_cap);
			assay_digest_update_str(digest, cap);
		}
		for (int i = 1; i < s->n && rc == 0; i++)
			rc = ingest_operand(g, s->argv[i], g->forced, digest, err);
		if (rc == 0 && !g->test_inputs && !g->cov_inputs)
			rc = assay_err_set(err, ASSAY_EINPUT, "no test report or coverage file found in %s%s",
					   s->argv[1], s->n > 2 ? " ..." : "");
	}
	if (rc == 0 && g->cov_inputs) {
		g->filter.include = g->includes.items;
		g->filter.ninclude = g->includes.n;
		g->filter.exclude = g->excludes.items;
		g->filter.nexclude = g->excludes.n;
		size_t *hits = assay_xcalloc(g->includes.n + g->excludes.n + 1, sizeof(*hits));
		assay_covfilter_apply(&g->filter, g->cov, &g->left_out, hits);
		rc = check_filters(g, hits, err);
		free(hits);
		digest_files(g->cov, digest);
	}
	for (size_t i = 0; rc == 0 && g->cov && i < assay_covset_count(g->cov); i++)
		rc = assay_exclude_apply(assay_covset_at(g->cov, i), g->root, err);
	if (rc == 0)
		rc = assay_run_add_coverage(g->run, g->cov, err);
	if (rc == 0)
		warn_formats(g->cov);
	int already = 0;
	int64_t run_id = 0;
	if (rc == 0) {
		char hex[33];
		assay_digest_hex(digest, hex);
		rc = assay_run_finish(g->run, hex, err);
		if (rc == -ASSAY_EEXISTS) {
			already = 1;
			rc = 0;
		}
		run_id = assay_run_id(g->run); /* the earlier run's, when this one was already there */
	}
	if (rc == 0)
		print_summary(g, &s->ctx, run_id, already, err->msg);
	assay_run_free(g->run);
	assay_covset_free(g->cov);
	assay_digest_free(digest);
	return rc;
}

int main(int argc, char **argv)
{
	struct ingest g;
	memset(&g, 0, sizeof(g));
	g.format = "auto";
	g.output_cap = (long)ASSAY_JUNIT_OUTPUT_CAP_DEFAULT;
	const struct assay_option opts[] = {
		ASSAY_OPT_STRING('f', "format", &g.format, "FORMAT", "auto (by content), junit, gcov-json, lcov, cobertura"),
		ASSAY_CLI_OPT_DB(&g.c),
		ASSAY_CLI_OPT_RUN(&g.c),
		ASSAY_OPT_STRING(0, "strip", &g.strip, "PREFIX", "remove PREFIX from source paths (where the producer ran)"),
		ASSAY_OPT_STRING(0, "root", &g.root, "DIR", "the source tree paths are relative to (default: the git top)"),
		ASSAY_OPT_LIST(0, "include", &g.includes, "GLOB", "count only coverage files matching (repo-relative; repeatable)"),
		ASSAY_OPT_LIST(0, "exclude", &g.excludes, "GLOB", "leave out coverage files matching (repeatable)"),
		ASSAY_OPT_BOOL(0, "external", &g.filter.external, "keep coverage files outside the repository (left out by default)"),
		ASSAY_OPT_LIST(0, "ignore-errors", &g.ignore_lists, "CATEGORY[,...]", "lcov 2's: skip damaged input with a warning (format, empty, unused)"),
		ASSAY_OPT_INT(0, "output-cap", &g.output_cap, "BYTES", "keep this much of each system-out/system-err (default 65536)"),
		ASSAY_CLI_OPT_JSON(&g.c),
		ASSAY_CLI_OPT_QUIET(&g.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &g.c, .needs = { ASSAY_CLI_STORE, 1 },
		.check = check, .run = run, .ud = &g,
	};
	int status = assay_cli_main(&u, argc, argv);
	assay_strlist_release(&g.includes);
	assay_strlist_release(&g.excludes);
	assay_strlist_release(&g.ignore_lists);
	free(g.root_dir);
	return status;
}
