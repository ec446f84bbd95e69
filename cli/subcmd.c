/* SPDX-License-Identifier: MIT */
#include "subcmd.h"
#include "options.h"

#include <stdio.h>
#include <string.h>

/* "commands:" and one aligned line per named command */
static void list_commands(FILE *out, const char *prog, const struct assay_subcmd *cmds, size_t n)
{
	int width = 0;
	for (size_t i = 0; i < n; i++)
		if (cmds[i].name && (int)strlen(cmds[i].name) > width)
			width = (int)strlen(cmds[i].name);
	fprintf(out, "commands:\n");
	for (size_t i = 0; i < n; i++)
		if (cmds[i].name)
			fprintf(out, "  %-*s  %s\n", width, cmds[i].name, cmds[i].summary);
	fprintf(out, "\n'%s COMMAND -h' tells more.\n", prog);
}

static void usage(FILE *out, const char *prog, const struct assay_subcmd *cmds, size_t n)
{
	fprintf(out, "usage: %s [--version] COMMAND [OPTIONS]\n\n", prog);
	list_commands(out, prog, cmds, n);
}

static int is_help(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

int assay_subcmd_dispatch(const char *prog, const struct assay_subcmd *cmds, size_t n, int argc,
			  char **argv)
{
	const struct assay_subcmd *dflt = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!cmds[i].name)
			dflt = &cmds[i];
		else if (argc >= 2 && !strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	}
	if (dflt) {
		int help = argc >= 2 && is_help(argv[1]); /* before the default's parsing moves argv */
		int status = dflt->fn(argc, argv);
		if (help && status == 0) {
			printf("\n");
			list_commands(stdout, prog, cmds, n);
		}
		return status;
	}
	if (argc < 2) {
		usage(stderr, prog, cmds, n);
		return 2;
	}
	if (is_help(argv[1])) {
		usage(stdout, prog, cmds, n);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("%s %s\n", prog, ASSAY_VERSION);
		return 0;
	}
	const char *names[32];
	size_t nnames = 0;
	for (size_t i = 0; i < n && nnames < 32; i++)
		names[nnames++] = cmds[i].name;
	const char *near = assay_did_you_mean(argv[1], strlen(argv[1]), names, nnames);
	if (near)
		fprintf(stderr, "%s: unknown command '%s'; did you mean '%s %s'?\n", prog, argv[1], prog, near);
	else
		fprintf(stderr, "%s: unknown command '%s'\n", prog, argv[1]);
	usage(stderr, prog, cmds, n);
	return 2;
}
