/* SPDX-License-Identifier: MIT */
/*
 * The gate's decision: one row per check (figure, threshold, base's
 * figure, state) and the reasons behind them (failing tests, uncovered
 * changed lines, regressed benchmarks, survivors), which every output
 * (terminal, Markdown, annotations, JUnit, JSON) shows in its own way.
 */
#ifndef ASSAY_GATE_GATE_H
#define ASSAY_GATE_GATE_H

#include "config.h"
#include "gitdiff.h"
#include "revs.h"
#include "store.h"
#include "summary.h"

#include <stddef.h>

enum gate_state {
	GATE_PASS = 0,
	GATE_FAIL,
	GATE_NODATA,    /* a default check with nothing to judge: it does not decide */
	GATE_SKIP,      /* asked for, without data, and `missing = skip` */
	GATE_UNDECIDED, /* asked for, without data: the gate could not decide (exit 2) */
};

const char *gate_state_name(enum gate_state s); /* "pass", "FAIL", "no data", "skipped", "could not decide" */

enum gate_item_kind {
	GATE_NEW_FAILURE = 0, /* passed on base, fails on head */
	GATE_FAILURE,         /* fails on head (and did on base, or was not there) */
	GATE_UNCOVERED,       /* changed lines no run covers */
	GATE_SURVIVOR,        /* a mutant that survived on a changed line */
	GATE_REGRESSION,      /* a benchmark that got slower */
	GATE_MISSING_TEST,    /* ran on base, not on head */
	GATE_COVERAGE_DROP,   /* a coverage figure below its limit */
	GATE_QUARANTINED,     /* a failure the quarantine lets pass */
	GATE_FLAKY_LINES,     /* changed lines hit in some runs of head and missed in others */
	GATE_ITEM_KINDS
};

/* What the lists are headed by: "New failures", "Uncovered changed lines", ... */
const char *gate_item_heading(enum gate_item_kind k);

struct gate_item {
	enum gate_item_kind kind;
	int blocking;          /* counts against the gate (an annotation is an error) */
	char *title;           /* the test's or benchmark's name, the file's path */
	char *file;            /* where it is, for annotations; NULL: nowhere in particular */
	unsigned line, end_line;
	char *text;            /* the failure's message, the change, the mutant: NULL for none */
};

struct gate_row {
	const char *check;     /* "tests", "coverage", "patch", "performance", "mutation" */
	char *name;            /* "line coverage", "line coverage of src/pay/", "patch coverage", ... */
	char *head, *threshold, *base; /* as shown; NULL: "-" */
	double head_v, base_v; /* the figures behind head and base, for a change; NAN: none */
	enum gate_state state;
	char *why;             /* what no data, a skip or an undecided row is missing */
};

struct gate_result {
	struct gate_row *rows;
	size_t nrows, arows;
	struct gate_item *items;
	size_t nitems, aitems;
	size_t changed_lines, changed_files; /* of the diff, for the headline */
};

/* What the checks read: both commits' summaries, the diff, the config. */
struct gate_ctx {
	assay_store *st;
	const char *root;          /* the repository's top (NULL without git) */
	const struct gate_config *cfg;
	const struct assay_revs *revs;
	struct assay_summary head, base;
	assay_changes changes;
	int have_changes;          /* the diff was read */
	char *changes_error;       /* else why not */
	struct gate_result res;
};

/* A new row, its strings copied (any may be NULL); returns it for the caller to fill figures. */
struct gate_row *gate_add_row(struct gate_result *r, const char *check, const char *name,
			      enum gate_state state, const char *head, const char *threshold,
			      const char *base);
void gate_add_item(struct gate_result *r, enum gate_item_kind kind, int blocking, const char *title,
		   const char *file, unsigned line, unsigned end_line, const char *text);
/* The state of a check without data: no data (a default), skipped, or could not decide. */
enum gate_state gate_no_data(const struct gate_check_config *c);
/* A row saying check has no data, and why. */
void gate_add_no_data(struct gate_result *r, const char *check, const char *name,
		      const struct gate_check_config *c, const char *why);
void gate_result_release(struct gate_result *r);

/* 0 passed, 1 failed, 2 could not decide. */
int gate_verdict(const struct gate_result *r);

/* part of whole in percent; NAN when whole is 0. */
double gate_pct(uint64_t part, uint64_t whole);

/* The checks, each adding its rows and items to g->res. */
int gate_check_tests(struct gate_ctx *g, assay_err *err);
int gate_check_coverage(struct gate_ctx *g, assay_err *err);
int gate_check_patch(struct gate_ctx *g, assay_err *err);
int gate_check_performance(struct gate_ctx *g, assay_err *err);
int gate_check_mutation(struct gate_ctx *g, assay_err *err);

#endif
