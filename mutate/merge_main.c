/* SPDX-License-Identifier: MIT */
/*
 * assay-merge: join the stores of a sharded mutation run (one per CI job)
 * into one store.  assay merge [--db TARGET] [--label L] SHARD.db...
 */
#include "cli.h"
#include "merge.h"
#include "utility.h"

#include <stdio.h>

static const char prog[] = "assay merge";
static const char usage[] = "assay merge [--db TARGET] [--label TEXT] STORE...";

struct merge_opts {
	struct assay_cli_common c;
	const char *label;
};

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)ud;
	(void)argv;
	(void)needs;
	return n < 2 ? assay_err_set(err, ASSAY_EUSAGE, "give the shard stores to merge") : 0;
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	const struct merge_opts *o = ud;
	struct mut_merge_result res;
	int rc = mut_merge(s->st, (const char *const *)s->argv + 1, (size_t)s->n - 1, o->label, &res, err);
	if (rc == 0 && !o->c.quiet)
		printf("merged %zu runs (%zu mutation results) from %d stores; %zu already there\n",
		       res.runs_written, res.mutations, s->n - 1, res.runs_present);
	return rc;
}

int main(int argc, char **argv)
{
	struct merge_opts o = { 0 };
	const struct assay_option opts[] = {
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_OPT_STRING(0, "label", &o.label, "TEXT", "the merged runs' label (default: the shards')"),
		ASSAY_CLI_OPT_QUIET(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &o.c, .needs = { ASSAY_CLI_STORE, 0 },
		.check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
