/* SPDX-License-Identifier: MIT */
/* assay bench ingest: Google Benchmark, hyperfine and custom JSON files as one run. */
#include "cli.h"
#include "cmds.h"
#include "buf.h"
#include "digest.h"
#include "bench_parsers.h"
#include "input.h"
#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prog[] = "assay bench ingest";
static const char usage[] =
	"assay bench ingest [--format auto|gbench|hyperfine|custom] [--bigger-is-better] FILE...";

struct ingest_opts {
	struct assay_cli_common c;
	const char *format;
	int forced; /* --format, parsed: an enum bench_format or -1 */
	int bigger;
};

/* Read the file whole; its name and content go to digest as they are read. */
static int read_all(const char *path, assay_buf *out, assay_digest *digest, assay_err *err)
{
	assay_input *in;
	int rc = assay_input_open(&in, path, err);
	if (rc < 0)
		return rc;
	assay_digest_update_str(digest, path);
	assay_input_set_digest(in, digest);
	char chunk[65536];
	ssize_t got;
	while ((got = assay_input_read(in, chunk, sizeof(chunk), err)) > 0)
		assay_buf_add(out, chunk, (size_t)got);
	assay_input_close(in);
	return got < 0 ? (int)got : 0;
}

/* Parse one file into s; prints nothing (the summary comes after everything parsed). */
static int ingest_file(const struct ingest_opts *o, const char *path, int forced, bench_set *s,
		       assay_digest *digest, enum bench_format *found, assay_err *err)
{
	assay_buf text = ASSAY_BUF_INIT;
	json_t *doc = NULL;
	int rc = read_all(path, &text, digest, err);
	if (rc == 0)
		rc = bench_json_decode(&doc, path, text.buf, text.len, err);
	if (rc == 0) {
		*found = forced ? (enum bench_format)forced : bench_format_sniff(doc);
		switch (*found) {
		case BENCH_FMT_GBENCH:
			rc = bench_gbench_parse(doc, path, s, err);
			break;
		case BENCH_FMT_HYPERFINE:
			rc = bench_hyperfine_parse(doc, path, s, err);
			break;
		case BENCH_FMT_CUSTOM:
			rc = bench_custom_parse(doc, path, o->bigger, s, err);
			break;
		case BENCH_FMT_AUTO:
			rc = assay_err_at(err, ASSAY_EINPUT, path, 0,
					  "not a benchmark file Assay knows (Google Benchmark JSON, "
					  "hyperfine --export-json, or github-action-benchmark custom JSON)");
			break;
		}
	}
	json_decref(doc);
	assay_buf_release(&text);
	return rc;
}

/*
 * What was stored, for people.  File names, the commit and the skipped
 * benchmarks' names and messages come from the user or the benchmark:
 * escaped (an "already ingested" message names the file too).
 */
static void print_stored(const bench_set *s, char **argv, int n, const enum bench_format *formats,
			 const size_t *upto, int64_t run_id, const char *commit, const char *already)
{
	assay_buf b;
	assay_buf_init(&b);
	if (already) {
		assay_cli_escape(&b, already, 0);
		printf("%s\n", b.buf);
		assay_buf_release(&b);
		return;
	}
	for (int i = 1; i < n; i++) {
		assay_buf_reset(&b);
		assay_cli_escape(&b, argv[i], 0);
		printf("%s: %s, %zu samples\n", b.buf, bench_format_name(formats[i]), upto[i] - upto[i - 1]);
	}
	assay_buf_reset(&b);
	assay_buf_add_shown(&b, commit, strnlen(commit, 12));
	printf("stored %zu samples of %zu series as run %lld (commit %s)", s->nsamples, s->nseries,
	       (long long)run_id, b.buf);
	if (s->aggregates_ignored)
		printf("; %zu aggregates recognised, not stored as samples", s->aggregates_ignored);
	if (s->nonfinite)
		printf("; %zu NaN/Infinity values left out", s->nonfinite);
	printf("\n");
	for (size_t i = 0; i < s->nskips; i++) {
		assay_buf_reset(&b);
		assay_cli_escape(&b, s->skips[i].name, 0);
		printf("%s: %s %d time%s", b.buf, s->skips[i].errored ? "errored" : "skipped",
		       s->skips[i].count, s->skips[i].count == 1 ? "" : "s");
		if (s->skips[i].message) {
			assay_buf_reset(&b);
			assay_cli_escape(&b, s->skips[i].message, 0);
			printf(": %s", b.buf);
		}
		printf("\n");
	}
	assay_buf_release(&b);
}

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)needs;
	(void)err;
	struct ingest_opts *o = ud;
	o->forced = bench_format_parse(o->format);
	if (n < 2 || o->forced < 0)
		return assay_cli_usage_error(prog, usage, "%s", n < 2 ? "no file to ingest" : "unknown --format");
	return 0;
}

/* The commit is known; the store is opened once every file has been read, so bad input creates none. */
static int run(void *ud, struct assay_cli_session *se, assay_err *err)
{
	const struct ingest_opts *o = ud;
	bench_set s = BENCH_SET_INIT;
	assay_digest *digest = assay_digest_new();
	enum bench_format *formats = assay_xcalloc((size_t)se->n, sizeof(*formats));
	size_t *upto = assay_xcalloc((size_t)se->n, sizeof(*upto)); /* samples after each file */
	assay_digest_update_str(digest, "bench");
	assay_digest_update_str(digest, se->ctx.commit);
	assay_digest_update_str(digest, se->ctx.label ? se->ctx.label : "");
	assay_digest_update_str(digest, o->bigger ? "bigger" : "smaller");
	int rc = 0;
	for (int i = 1; i < se->n && rc == 0; i++) {
		rc = ingest_file(o, se->argv[i], o->forced, &s, digest, &formats[i], err);
		upto[i] = s.nsamples;
	}
	if (rc == 0 && s.nsamples == 0)
		rc = assay_err_set(err, ASSAY_EINPUT, "%s%s: no samples: every benchmark errored or was skipped",
				   se->argv[1], se->n > 2 ? " ..." : "");
	if (rc == 0)
		rc = assay_cli_open_store(&o->c, &se->st, err);
	int64_t run_id = 0;
	int already = 0;
	if (rc == 0) {
		char hex[33];
		assay_digest_hex(digest, hex);
		rc = bench_save(se->st, &se->ctx, &s, hex, &run_id, err);
		if (rc == -ASSAY_EEXISTS) {
			already = 1;
			rc = 0;
		}
	}
	if (rc == 0 && !o->c.quiet)
		print_stored(&s, se->argv, se->n, formats, upto, run_id, se->ctx.commit, already ? err->msg : NULL);
	free(formats);
	free(upto);
	assay_digest_free(digest);
	bench_set_release(&s);
	return rc;
}

int bench_cmd_ingest(int argc, char **argv)
{
	struct ingest_opts o = { .format = "auto" };
	const struct assay_option opts[] = {
		ASSAY_OPT_STRING('f', "format", &o.format, "FORMAT", "auto (by content), gbench, hyperfine, custom"),
		ASSAY_OPT_BOOL(0, "bigger-is-better", &o.bigger, "custom JSON: bigger values are better (customBiggerIsBetter)"),
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_CLI_OPT_RUN(&o.c),
		ASSAY_CLI_OPT_QUIET(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &o.c, .needs = { ASSAY_CLI_NO_STORE, 1 },
		.check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
