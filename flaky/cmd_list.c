/* SPDX-License-Identifier: MIT */
/* assay flaky list: every test in the store, scored for flakiness. */
#include "cli.h"
#include "cmds.h"
#include "json_out.h"
#include "buf.h"
#include "model.h"
#include "score.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage[] = "assay flaky list [--window DAYS] [--min-score S] [--json]";

static void evidence(assay_buf *b, const struct flaky_scored *t)
{
	assay_buf_reset(b);
	if (t->same_commit)
		assay_buf_addf(b, "%s%ux pass+fail on one commit", b->len ? ", " : "", t->same_commit);
	if (t->same_tree)
		assay_buf_addf(b, "%s%ux pass+fail on one tree", b->len ? ", " : "", t->same_tree);
	if (t->reruns)
		assay_buf_addf(b, "%s%ux passed on rerun", b->len ? ", " : "", t->reruns);
	if (!b->len)
		assay_buf_addf(b, "flip rate %.2f", t->flip_rate);
}

static void print_text(const struct flaky_report *r)
{
	assay_buf name = ASSAY_BUF_INIT, ev = ASSAY_BUF_INIT, shown = ASSAY_BUF_INIT;
	printf("%zu runs, %zu tests: %zu flaky or suspect\n", r->runs, r->tests, r->n);
	for (size_t i = 0; i < r->ninfra; i++) {
		const char *label = r->infra[i].label ? r->infra[i].label : "";
		assay_buf_reset(&shown);
		assay_buf_add_shown(&shown, label, strlen(label));
		printf("infrastructure failure, not counted: run %lld (commit %.12s%s%s): %u of %u tests failed\n",
		       (long long)r->infra[i].run_id, r->infra[i].sha, *label ? ", " : "", shown.buf,
		       r->infra[i].failed, r->infra[i].tests);
	}
	if (r->n)
		printf("%-6s %-44s %5s %5s %5s  %-12s %-12s %s\n", "score", "test", "runs", "fails",
		       "flips", "first seen", "last flip", "evidence");
	for (size_t i = 0; i < r->n; i++) {
		const struct flaky_scored *t = &r->v[i];
		assay_test_display_name(&name, t->suite, t->classname, t->name);
		assay_buf_reset(&shown);
		assay_buf_add_shown(&shown, name.buf, name.len);
		evidence(&ev, t);
		printf("%-6.2f %-44s %5u %5u %5u  %-12.12s %-12.12s %s\n", t->score, shown.buf, t->runs,
		       t->fails, t->flips, t->first_sha, t->last_flip_sha ? t->last_flip_sha : "-", ev.buf);
	}
	assay_buf_release(&name);
	assay_buf_release(&ev);
	assay_buf_release(&shown);
}

static void print_json(const struct flaky_report *r)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_uint(&j, "runs", r->runs);
	assay_json_uint(&j, "tests", r->tests);
	assay_json_array(&j, "infrastructure_failures");
	for (size_t i = 0; i < r->ninfra; i++) {
		assay_json_object(&j, NULL);
		assay_json_int(&j, "run", (long long)r->infra[i].run_id);
		assay_json_str(&j, "commit", r->infra[i].sha);
		assay_json_uint(&j, "tests", r->infra[i].tests);
		assay_json_uint(&j, "failed", r->infra[i].failed);
		assay_json_close(&j);
	}
	assay_json_close(&j);
	assay_json_array(&j, "flaky");
	for (size_t i = 0; i < r->n; i++) {
		const struct flaky_scored *t = &r->v[i];
		assay_json_object(&j, NULL);
		assay_json_str(&j, "suite", t->suite);
		assay_json_str(&j, "classname", t->classname);
		assay_json_str(&j, "name", t->name);
		assay_json_fixed(&j, "score", t->score, 6);
		assay_json_fixed(&j, "flip_rate", t->flip_rate, 6);
		assay_json_uint(&j, "runs", t->runs);
		assay_json_uint(&j, "fails", t->fails);
		assay_json_uint(&j, "flips", t->flips);
		assay_json_uint(&j, "same_commit", t->same_commit);
		assay_json_uint(&j, "same_tree", t->same_tree);
		assay_json_uint(&j, "reruns", t->reruns);
		assay_json_str(&j, "first_seen", t->first_sha);
		assay_json_str(&j, "last_flip", t->last_flip_sha);
		assay_json_int(&j, "last_flip_time", (long long)t->last_flip_time);
		assay_json_close(&j);
	}
	assay_json_print(&j, stdout);
	assay_buf_release(&b);
}

int flaky_list_check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)needs;
	(void)err;
	const struct flaky_list_opts *o = ud;
	if (n > 1)
		return assay_cli_usage_error(o->prog, o->usage, "no operands expected");
	if (o->so.window_days < 0 || !(o->infra_pct > 0 && o->infra_pct <= 100) || !(o->so.half_life > 0))
		return assay_cli_usage_error(o->prog, o->usage, "--window, --infra and --half-life must be positive");
	return 0;
}

int flaky_list_score(struct flaky_list_opts *o, assay_store *st, struct flaky_report *r, assay_err *err)
{
	o->so.infra_fraction = o->infra_pct / 100;
	o->so.now = (int64_t)time(NULL);
	int rc = flaky_score(st, &o->so, r, err);
	if (rc == 0)
		flaky_report_drop_below(r, o->min_score);
	return rc;
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	struct flaky_list_opts *o = ud;
	struct flaky_report r;
	int rc = flaky_list_score(o, s->st, &r, err);
	if (rc == 0 && o->c.json)
		print_json(&r);
	else if (rc == 0)
		print_text(&r);
	flaky_report_release(&r);
	return rc;
}

int flaky_cmd_list(int argc, char **argv)
{
	struct flaky_list_opts o = FLAKY_LIST_OPTS_INIT("assay flaky list", usage, 0);
	const struct assay_option opts[] = {
		ASSAY_OPT_DOUBLE(0, "min-score", &o.min_score, "S", "only tests scoring at least S (0..1)"),
		FLAKY_OPT_SCORING(&o),
		ASSAY_CLI_OPT_JSON(&o.c),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = o.prog, .usage = usage, .opts = opts, .common = &o.c, .needs = { ASSAY_CLI_STORE, 0 },
		.check = flaky_list_check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
