/*
 * assay-merge: join the stores of a sharded mutation run (one per CI job)
 * into one store.  assay merge [--db TARGET] [--label L] SHARD.db...
 */
#include "cli.h"
#include "merge.h"

#include <stdio.h>

static const char prog[] = "assay merge";
static const char usage[] = "assay merge [--db TARGET] [--label TEXT] STORE...";

int main(int argc, char **argv)
{
	struct assay_cli_common c = { 0 };
	const char *label = NULL;
	const struct assay_option opts[] = {
		ASSAY_CLI_OPT_DB(&c),
		ASSAY_OPT_STRING(0, "label", &label, "TEXT", "the merged runs' label (default: the shards')"),
		ASSAY_CLI_OPT_QUIET(&c),
		ASSAY_OPT_END(),
	};
	int status = 0;
	int n = assay_cli_parse(prog, usage, opts, argc, argv, 0, &status);
	if (n < 0)
		return status;
	assay_err err = ASSAY_ERR_INIT;
	if (n < 2) {
		assay_err_set(&err, ASSAY_EUSAGE, "give the shard stores to merge");
		return assay_cli_report(prog, &err);
	}
	assay_store *st = NULL;
	struct mut_merge_result res;
	int rc = assay_cli_open_store(&c, &st, &err);
	if (rc == 0)
		rc = mut_merge(st, (const char *const *)argv + 1, (size_t)n - 1, label, &res, &err);
	assay_store_close(st);
	if (rc < 0)
		return assay_cli_report(prog, &err);
	if (!c.quiet)
		printf("merged %zu runs (%zu mutation results) from %d stores; %zu already there\n",
		       res.runs_written, res.mutations, n - 1, res.runs_present);
	return 0;
}
