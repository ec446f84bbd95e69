/* SPDX-License-Identifier: MIT */
/* assay mutate mark KEY --equivalent --why TEXT: a person's verdict on a survivor, kept in the store. */
#include "cli.h"
#include "cmds.h"
#include "results.h"
#include "utility.h"

#include <stdio.h>

static const char prog[] = "assay mutate";

struct mark_opts {
	struct assay_cli_common c;
	int equivalent;
	const char *why;
};

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)needs;
	const struct mark_opts *o = ud;
	if (n != 2)
		return assay_err_set(err, ASSAY_EUSAGE, "mark: give one mutant KEY (as the summary or the report shows it)");
	if (!o->equivalent)
		return assay_err_set(err, ASSAY_EUSAGE, "mark: say the verdict: --equivalent");
	if (!o->why || !*o->why)
		return assay_err_set(err, ASSAY_EUSAGE, "mark: say why: --why TEXT");
	return 0;
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	const struct mark_opts *o = ud;
	char full[33] = { 0 };
	int rc = mut_store_mark(s->st, s->argv[1], o->why, full, err);
	if (rc == 0)
		printf("marked %s equivalent: %s\n", full, o->why);
	return rc;
}

int mut_cmd_mark(int argc, char **argv)
{
	struct mark_opts o = { 0 };
	const struct assay_option opts[] = {
		ASSAY_OPT_BOOL(0, "equivalent", &o.equivalent, "the mutant behaves as the original: no test can kill it"),
		ASSAY_OPT_STRING(0, "why", &o.why, "TEXT", "the reason, kept with the verdict"),
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = "assay mutate mark KEY --equivalent --why TEXT", .opts = opts,
		.common = &o.c, .needs = { ASSAY_CLI_STORE, 0 }, .check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
