/* assay-flaky: find the tests that pass and fail on the same code. */
#include "cmds.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "run", flaky_cmd_run, "run a test command N times on one commit and report the flaky tests" },
	{ "list", flaky_cmd_list, "score every test from all runs in the store" },
	{ "quarantine", flaky_cmd_quarantine, "write the list of known-flaky tests the gate reads" },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: assay flaky COMMAND [OPTIONS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\n'assay flaky COMMAND -h' tells more.\n");
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
	fprintf(stderr, "assay flaky: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
