/* The subcommands of assay-flaky, one file each; each returns the exit status. */
#ifndef ASSAY_FLAKY_CMDS_H
#define ASSAY_FLAKY_CMDS_H

#include "cli.h"
#include "score.h"

int flaky_cmd_run(int argc, char **argv);
int flaky_cmd_list(int argc, char **argv);
int flaky_cmd_quarantine(int argc, char **argv);

/* What list and quarantine share: the store, how tests are scored, and which are shown. */
struct flaky_list_opts {
	struct assay_cli_common c;
	struct flaky_score_opts so;
	double infra_pct;
	double min_score;
};

#define FLAKY_LIST_OPTS_INIT(min) { .so = FLAKY_SCORE_OPTS_INIT, .infra_pct = 80, .min_score = (min) }

/* Their options, but --min-score (whose default and help differ). */
#define FLAKY_OPT_SCORING(o) \
	ASSAY_OPT_DOUBLE(0, "window", &(o)->so.window_days, "DAYS", "only runs of the last DAYS days (default: all)"), \
	ASSAY_OPT_DOUBLE(0, "infra", &(o)->infra_pct, "PCT", "a run with more than PCT% of its tests failing is an infrastructure failure (default 80)"), \
	ASSAY_OPT_DOUBLE(0, "half-life", &(o)->so.half_life, "RUNS", "transitions after which a flip weighs half (default 20)"), \
	ASSAY_CLI_OPT_DB(&(o)->c)

/*
 * Check the options (nops operands: none is right), open the store and
 * score every test into *r, keeping only the tests scoring at least
 * o->min_score.  Returns 0, or the exit status after printing why not.
 */
int flaky_list_load(const char *prog, const char *usage, struct flaky_list_opts *o, int nops,
		    struct flaky_report *r);

#endif
