/* SPDX-License-Identifier: MIT */
/*
 * What the gate checks and against which thresholds: defaults, then
 * .assay.ini (or --config), then --set flags, each key in one table that
 * also documents it.  A threshold not set is NAN: that part is not checked.
 */
#ifndef ASSAY_GATE_CONFIG_H
#define ASSAY_GATE_CONFIG_H

#include "bench_judge.h"
#include "err.h"

#include <stddef.h>
#include <stdio.h>

/* What a check that is asked for does when it has no data: exit 2, or say so and pass over it. */
enum gate_missing { GATE_MISSING_FAIL = 0, GATE_MISSING_SKIP };

/* What every check has. */
struct gate_check_config {
	int enabled;
	int asked;     /* a key of the check was set (file or flags): no data is then "could not decide" */
	enum gate_missing missing;
};

/* [coverage "GLOB"]: minimums for the files under a critical component. */
struct gate_path_minimum {
	char *glob;
	double min_lines, min_branches, min_functions; /* percent; NAN: not checked */
	char *where; /* "FILE:LINE" of its section, for messages */
};

struct gate_config {
	long base_depth;
	char *quarantine; /* the quarantine file, relative to the repository's top */
	int quarantine_asked;
	struct {
		struct gate_check_config c;
		int allow_missing;
	} tests;
	struct {
		struct gate_check_config c;
		double min[3];      /* lines, branches, functions: percent; NAN: none */
		double max_drop[3]; /* percentage points; NAN: none */
		struct gate_path_minimum *paths;
		size_t npaths, alloc;
	} coverage;
	struct {
		struct gate_check_config c;
		double min; /* percent of the changed executable lines covered */
	} patch;
	struct {
		struct gate_check_config c;
		double threshold; /* percent */
		double alpha;
		long min_samples;
		struct bench_threshold_override *ov; /* [benchmark "GLOB"] threshold = PCT, as fractions */
		size_t nov, alloc;
	} performance;
	struct {
		struct gate_check_config c;
		double min_score; /* percent; NAN: none */
		double max_drop;  /* points; NAN: none */
		int changed_lines; /* no surviving mutant on a changed line */
	} mutation;
};

/* The defaults: what `assay gate` alone checks. */
void gate_config_defaults(struct gate_config *c);
void gate_config_release(struct gate_config *c);

/*
 * Read an INI file into c.  An unknown section or key, or a value that is
 * not what the key takes: -ASSAY_EUSAGE, "FILE:LINE: what is wrong".  A
 * file that cannot be read: -ASSAY_EIO.
 */
int gate_config_load(struct gate_config *c, const char *path, assay_err *err);

/* One "SECTION.KEY=VALUE" (--set coverage.min_lines=80; a quoted sub-section as in the file). */
int gate_config_set(struct gate_config *c, const char *assignment, assay_err *err);

/* Every key with its default and meaning, as `assay gate --help-config` and the README show them. */
void gate_config_describe(FILE *out);

/* The defaults in one line, printed with every result: "tests: no failure, none gone; ...". */
void gate_config_summary(const struct gate_config *c, char *buf, size_t n);

#endif
