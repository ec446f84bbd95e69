/* SPDX-License-Identifier: MIT */
/* assay-bench: benchmarks per commit, and whether they got slower. */
#include "cmds.h"
#include "subcmd.h"

static const struct assay_subcmd commands[] = {
	{ "run", bench_cmd_run, "run a command repeatedly; store wall, user, sys time and peak memory" },
	{ "ingest", bench_cmd_ingest, "store Google Benchmark, hyperfine or custom JSON results" },
	{ "compare", bench_cmd_compare, "compare two commits' benchmarks: change, CI, p-value, verdict" },
	{ "history", bench_cmd_history, "a benchmark across commits, and the steps where it changed" },
};

int main(int argc, char **argv)
{
	return assay_subcmd_dispatch("assay bench", commands, sizeof(commands) / sizeof(commands[0]),
				     argc, argv);
}
