/* SPDX-License-Identifier: MIT */
/*
 * assay-merge: join the stores of parallel jobs (one per CI matrix entry,
 * test group or mutation shard) into one.
 * assay merge [--db TARGET] [--label L] [--json] STORE...
 *
 * The sources are opened and checked before the target is: a bad source
 * leaves even a target that is not there yet uncreated.
 */
#include "cli.h"
#include "json_out.h"
#include "store_merge.h"
#include "utility.h"

#include <stdio.h>

static const char prog[] = "assay merge";
static const char usage[] = "assay merge [--db TARGET] [--label TEXT] [--json] STORE...";

struct merge_opts {
	struct assay_cli_common c;
	const char *label;
};

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)ud;
	(void)argv;
	(void)needs;
	return n < 2 ? assay_err_set(err, ASSAY_EUSAGE, "give the stores to merge") : 0;
}

static size_t sum(const size_t *v)
{
	size_t n = 0;
	for (int k = 0; k < ASSAY_MERGE_NKINDS; k++)
		n += v[k];
	return n;
}

static void print_json(const struct assay_merge_result *r, int stores)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_int(&j, "stores", stores);
	assay_json_uint(&j, "copied", sum(r->copied));
	assay_json_uint(&j, "already_there", sum(r->present));
	assay_json_object(&j, "kinds");
	for (int k = 0; k < ASSAY_MERGE_NKINDS; k++) {
		assay_json_object(&j, assay_merge_kind_name((enum assay_merge_kind)k));
		assay_json_uint(&j, "copied", r->copied[k]);
		assay_json_uint(&j, "already_there", r->present[k]);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	assay_json_uint(&j, "results", r->results);
	assay_json_uint(&j, "coverage_files", r->coverage);
	assay_json_uint(&j, "samples", r->samples);
	assay_json_uint(&j, "mutations", r->mutations);
	assay_json_uint(&j, "shards_joined", r->shards);
	assay_json_uint(&j, "partial_left_out", r->partial);
	assay_json_print(&j, stdout);
	assay_buf_release(&b);
}

static void print_text(const struct assay_merge_result *r, int stores)
{
	printf("merged %d stores: %zu runs copied, %zu already there\n", stores, sum(r->copied), sum(r->present));
	for (int k = 0; k < ASSAY_MERGE_NKINDS; k++) {
		printf("  %s: %zu copied", assay_merge_kind_name((enum assay_merge_kind)k), r->copied[k]);
		if (k == ASSAY_MERGE_MUTATION && r->shards)
			printf(" (%zu joined from shards)", r->shards);
		printf(", %zu already there\n", r->present[k]);
	}
	printf("copied %zu results, %zu coverage files, %zu samples, %zu mutation results\n", r->results, r->coverage,
	       r->samples, r->mutations);
	if (r->partial)
		printf("left out %zu partial mutation runs (interrupted: run assay mutate again to finish them)\n",
		       r->partial);
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	struct merge_opts *o = ud;
	assay_merge *m = NULL;
	struct assay_merge_result res;
	int rc = assay_merge_open(&m, (const char *const *)s->argv + 1, (size_t)s->n - 1, err);
	if (rc == 0)
		rc = assay_cli_open_store(&o->c, &s->st, err);
	if (rc == 0)
		rc = assay_merge_into(m, s->st, o->label, &res, err);
	assay_merge_close(m);
	if (rc == 0 && o->c.json)
		print_json(&res, s->n - 1);
	else if (rc == 0 && !o->c.quiet)
		print_text(&res, s->n - 1);
	return rc;
}

int main(int argc, char **argv)
{
	struct merge_opts o = { 0 };
	const struct assay_option opts[] = {
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_OPT_STRING(0, "label", &o.label, "TEXT", "the label of runs joined from shards (default: the first shard's)"),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_CLI_OPT_QUIET(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &o.c, .needs = { ASSAY_CLI_NO_STORE, 0 },
		.check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
