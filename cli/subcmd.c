#include "subcmd.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out, const char *prog, const struct assay_subcmd *cmds, size_t n)
{
	int width = 0;
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(cmds[i].name) > width)
			width = (int)strlen(cmds[i].name);
	fprintf(out, "usage: %s COMMAND [OPTIONS]\n\ncommands:\n", prog);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %-*s  %s\n", width, cmds[i].name, cmds[i].summary);
	fprintf(out, "\n'%s COMMAND -h' tells more.\n", prog);
}

int assay_subcmd_dispatch(const char *prog, const struct assay_subcmd *cmds, size_t n, int argc,
			  char **argv)
{
	if (argc < 2) {
		usage(stderr, prog, cmds, n);
		return 2;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(stdout, prog, cmds, n);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "%s: unknown command '%s'\n", prog, argv[1]);
	usage(stderr, prog, cmds, n);
	return 2;
}
