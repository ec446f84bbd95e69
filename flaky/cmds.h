/* SPDX-License-Identifier: MIT */
/* The subcommands of assay-flaky, one file each; each returns the exit status. */
#ifndef ASSAY_FLAKY_CMDS_H
#define ASSAY_FLAKY_CMDS_H

#include "cli.h"
#include "score.h"
#include "utility.h"

int flaky_cmd_run(int argc, char **argv);
int flaky_cmd_list(int argc, char **argv);
int flaky_cmd_quarantine(int argc, char **argv);

/* What list and quarantine share: the store, how tests are scored, and which are shown. */
struct flaky_list_opts {
	const char *prog, *usage; /* the command's, for its messages */
	struct assay_cli_common c;
	struct flaky_score_opts so;
	double infra_pct;
	double min_score;
};

#define FLAKY_LIST_OPTS_INIT(prog, usage, min) \
	{ (prog), (usage), .so = FLAKY_SCORE_OPTS_INIT, .infra_pct = 80, .min_score = (min) }

/* Their options, but --min-score (whose default and help differ). */
#define FLAKY_OPT_SCORING(o) \
	ASSAY_OPT_DOUBLE(0, "window", &(o)->so.window_days, "DAYS", "only runs of the last DAYS days (default: all)"), \
	ASSAY_OPT_DOUBLE(0, "infra", &(o)->infra_pct, "PCT", "a run with more than PCT% of its tests failing is an infrastructure failure (default 80)"), \
	ASSAY_OPT_DOUBLE(0, "half-life", &(o)->so.half_life, "RUNS", "transitions after which a flip weighs half (default 20)"), \
	ASSAY_CLI_OPT_DB(&(o)->c)

/* The options' check (an assay_cli_utility's, over a struct flaky_list_opts): no operands, and the scoring's figures. */
int flaky_list_check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err);

/* Score every test in st into *r (flaky_score), keeping only the tests scoring at least o->min_score. */
int flaky_list_score(struct flaky_list_opts *o, assay_store *st, struct flaky_report *r, assay_err *err);

#endif
