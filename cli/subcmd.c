#include "subcmd.h"
#include "options.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out, const char *prog, const struct assay_subcmd *cmds, size_t n)
{
	int width = 0;
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(cmds[i].name) > width)
			width = (int)strlen(cmds[i].name);
	fprintf(out, "usage: %s [--version] COMMAND [OPTIONS]\n\ncommands:\n", prog);
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
	if (!strcmp(argv[1], "--version")) {
		printf("%s %s\n", prog, ASSAY_VERSION);
		return 0;
	}
	const char *names[32];
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
		if (i < 32)
			names[i] = cmds[i].name;
	}
	const char *near = assay_did_you_mean(argv[1], strlen(argv[1]), names, n < 32 ? n : 32);
	if (near)
		fprintf(stderr, "%s: unknown command '%s'; did you mean '%s %s'?\n", prog, argv[1], prog, near);
	else
		fprintf(stderr, "%s: unknown command '%s'\n", prog, argv[1]);
	usage(stderr, prog, cmds, n);
	return 2;
}
