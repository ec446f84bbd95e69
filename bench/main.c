/* assay-bench: benchmarks per commit, and whether they got slower. */
#include "cmds.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "run", bench_cmd_run, "run a command repeatedly; store wall, user, sys time and peak memory" },
	{ "ingest", bench_cmd_ingest, "store Google Benchmark, hyperfine or custom JSON results" },
	{ "compare", bench_cmd_compare, "compare two commits' benchmarks: change, CI, p-value, verdict" },
	{ "history", bench_cmd_history, "a benchmark across commits, and the steps where it changed" },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: assay bench COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'assay bench COMMAND -h' tells more.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "assay bench: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
