/* SPDX-License-Identifier: MIT */
#include "config.h"
#include "mem.h"

#include <errno.h>
#include <ini.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum key_type { K_BOOL, K_PCT, K_POSITIVE_PCT, K_ALPHA, K_DEPTH, K_SAMPLES, K_MISSING, K_PATH };

/* Where a key lives: in struct gate_config, or in a [section "GLOB"]'s own struct. */
enum key_home { H_CONFIG, H_PATH, H_BENCH };

struct key {
	const char *section, *name;
	enum key_type type;
	enum key_home home;
	size_t off;       /* of the value in its home */
	ptrdiff_t check;  /* of the check's struct gate_check_config in gate_config, -1: none */
	const char *dflt, *help;
};

#define C(f) offsetof(struct gate_config, f)
#define P(f) offsetof(struct gate_path_minimum, f)
#define B(f) offsetof(struct bench_threshold_override, f)

static const struct key keys[] = {
	{ "gate", "base_depth", K_DEPTH, H_CONFIG, C(base_depth), -1, "50",
	  "how many commits up from the base to look for one with runs in the store" },
	{ "gate", "quarantine", K_PATH, H_CONFIG, C(quarantine), -1, ".assay/quarantine.txt",
	  "the known-flaky tests (assay flaky quarantine's list), relative to the repository's top" },
	{ "tests", "enabled", K_BOOL, H_CONFIG, C(tests.c.enabled), C(tests.c), "true",
	  "fail on every failing test outside the quarantine" },
	{ "tests", "allow_missing", K_BOOL, H_CONFIG, C(tests.allow_missing), C(tests.c), "false",
	  "tests that ran on the base and not on head do not fail the gate" },
	{ "tests", "missing", K_MISSING, H_CONFIG, C(tests.c.missing), -1, "fail",
	  "no test results: fail (could not decide, exit 2) or skip" },
	{ "coverage", "enabled", K_BOOL, H_CONFIG, C(coverage.c.enabled), C(coverage.c), "true",
	  "check head's coverage" },
	{ "coverage", "min_lines", K_PCT, H_CONFIG, C(coverage.min[0]), C(coverage.c), "none",
	  "line coverage of head, at least (percent)" },
	{ "coverage", "min_branches", K_PCT, H_CONFIG, C(coverage.min[1]), C(coverage.c), "none",
	  "branch coverage of head, at least (percent)" },
	{ "coverage", "min_functions", K_PCT, H_CONFIG, C(coverage.min[2]), C(coverage.c), "none",
	  "function coverage of head, at least (percent)" },
	{ "coverage", "max_drop_lines", K_PCT, H_CONFIG, C(coverage.max_drop[0]), C(coverage.c), "0.5",
	  "line coverage may fall this many percentage points below the base's" },
	{ "coverage", "max_drop_branches", K_PCT, H_CONFIG, C(coverage.max_drop[1]), C(coverage.c), "none",
	  "branch coverage may fall this many points" },
	{ "coverage", "max_drop_functions", K_PCT, H_CONFIG, C(coverage.max_drop[2]), C(coverage.c), "none",
	  "function coverage may fall this many points" },
	{ "coverage", "missing", K_MISSING, H_CONFIG, C(coverage.c.missing), -1, "fail",
	  "no coverage data: fail (exit 2) or skip" },
	{ "coverage \"GLOB\"", "min_lines", K_PCT, H_PATH, P(min_lines), C(coverage.c), "none",
	  "line coverage of the files matching GLOB together (a critical component), at least" },
	{ "coverage \"GLOB\"", "min_branches", K_PCT, H_PATH, P(min_branches), C(coverage.c), "none",
	  "their branch coverage, at least" },
	{ "coverage \"GLOB\"", "min_functions", K_PCT, H_PATH, P(min_functions), C(coverage.c), "none",
	  "their function coverage, at least" },
	{ "patch", "enabled", K_BOOL, H_CONFIG, C(patch.c.enabled), C(patch.c), "true",
	  "check the coverage of the lines the change adds or changes" },
	{ "patch", "min", K_PCT, H_CONFIG, C(patch.min), C(patch.c), "80",
	  "of the changed lines coverage counts as executable, at least this percent covered" },
	{ "patch", "missing", K_MISSING, H_CONFIG, C(patch.c.missing), -1, "fail",
	  "no diff or no coverage data: fail (exit 2) or skip" },
	{ "performance", "enabled", K_BOOL, H_CONFIG, C(performance.c.enabled), C(performance.c), "true",
	  "no benchmark regressed (as assay bench compare judges), peak memory included" },
	{ "performance", "threshold", K_POSITIVE_PCT, H_CONFIG, C(performance.threshold), C(performance.c), "5",
	  "a change smaller than this percent is no regression" },
	{ "performance", "alpha", K_ALPHA, H_CONFIG, C(performance.alpha), C(performance.c), "0.05",
	  "significance level of the Mann-Whitney test" },
	{ "performance", "min_samples", K_SAMPLES, H_CONFIG, C(performance.min_samples), C(performance.c), "6",
	  "samples a side below which a benchmark gets no verdict" },
	{ "performance", "missing", K_MISSING, H_CONFIG, C(performance.c.missing), -1, "fail",
	  "no benchmarks on either side: fail (exit 2) or skip" },
	{ "benchmark \"GLOB\"", "threshold", K_POSITIVE_PCT, H_BENCH, B(threshold), C(performance.c), "5",
	  "the threshold of the benchmarks matching GLOB (fnmatch), in percent" },
	{ "mutation", "enabled", K_BOOL, H_CONFIG, C(mutation.c.enabled), C(mutation.c), "true",
	  "check the mutation score" },
	{ "mutation", "min_score", K_PCT, H_CONFIG, C(mutation.min_score), C(mutation.c), "none",
	  "mutation score of head, at least (percent)" },
	{ "mutation", "max_drop", K_PCT, H_CONFIG, C(mutation.max_drop), C(mutation.c), "2",
	  "the score may fall this many points below the base's" },
	{ "mutation", "changed_lines", K_BOOL, H_CONFIG, C(mutation.changed_lines), C(mutation.c), "false",
	  "no surviving mutant on a line the change touched (from a mutate --since run of head)" },
	{ "mutation", "missing", K_MISSING, H_CONFIG, C(mutation.c.missing), -1, "fail",
	  "no mutation run: fail (exit 2) or skip" },
};

void gate_config_defaults(struct gate_config *c)
{
	memset(c, 0, sizeof(*c));
	c->base_depth = 50;
	c->quarantine = assay_xstrdup(".assay/quarantine.txt");
	c->tests.c.enabled = c->coverage.c.enabled = c->patch.c.enabled = 1;
	c->performance.c.enabled = c->mutation.c.enabled = 1;
	for (int i = 0; i < 3; i++)
		c->coverage.min[i] = c->coverage.max_drop[i] = NAN;
	c->coverage.max_drop[0] = 0.5;
	c->patch.min = 80;
	c->performance.threshold = 5;
	c->performance.alpha = 0.05;
	c->performance.min_samples = 6;
	c->mutation.min_score = NAN;
	c->mutation.max_drop = 2;
}

void gate_config_release(struct gate_config *c)
{
	free(c->quarantine);
	for (size_t i = 0; i < c->coverage.npaths; i++) {
		free(c->coverage.paths[i].glob);
		free(c->coverage.paths[i].where);
	}
	free(c->coverage.paths);
	for (size_t i = 0; i < c->performance.nov; i++)
		free(c->performance.ov[i].glob);
	free(c->performance.ov);
	memset(c, 0, sizeof(*c));
}

/* `coverage "src/pay"` into its kind ("coverage") and its glob; NULL glob when there is none. */
static int split_section(const char *section, char *kind, size_t n, char **glob)
{
	*glob = NULL;
	const char *q = strchr(section, '"');
	if (!q) {
		snprintf(kind, n, "%s", section);
		return 0;
	}
	size_t klen = (size_t)(q - section);
	while (klen > 0 && section[klen - 1] == ' ')
		klen--;
	const char *end = strrchr(section, '"');
	if (end == q || end[1] || end == q + 1)
		return -1;
	snprintf(kind, n, "%.*s", (int)klen, section);
	*glob = assay_xstrndup(q + 1, (size_t)(end - q - 1));
	return 0;
}

struct parse {
	struct gate_config *c;
	const char *file;
	long line;        /* of the line the reader gave last */
	FILE *in;
	assay_err *err;
	int failed;
};

static int fail(struct parse *p, const char *fmt, const char *a, const char *b)
{
	if (p->failed)
		return 0;
	p->failed = 1;
	char msg[600];
	snprintf(msg, sizeof(msg), fmt, a, b);
	if (p->line > 0)
		assay_err_at(p->err, ASSAY_EUSAGE, p->file, p->line, "%s", msg);
	else
		assay_err_set(p->err, ASSAY_EUSAGE, "%s: %s", p->file, msg);
	return 0;
}

static int known_section(const char *kind, int with_glob)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *s = keys[i].section, *q = strchr(s, ' ');
		size_t len = q ? (size_t)(q - s) : strlen(s);
		if (!!q == with_glob && strlen(kind) == len && !strncmp(s, kind, len))
			return 1;
	}
	return 0;
}

static void *home_of(struct gate_config *c, enum key_home home, const char *glob, const char *where)
{
	if (home == H_CONFIG)
		return c;
	if (home == H_PATH) {
		for (size_t i = 0; i < c->coverage.npaths; i++)
			if (!strcmp(c->coverage.paths[i].glob, glob))
				return &c->coverage.paths[i];
		ASSAY_GROW(c->coverage.paths, c->coverage.alloc, c->coverage.npaths + 1);
		struct gate_path_minimum *m = &c->coverage.paths[c->coverage.npaths++];
		*m = (struct gate_path_minimum){ assay_xstrdup(glob), NAN, NAN, NAN, assay_xstrdup(where) };
		return m;
	}
	for (size_t i = 0; i < c->performance.nov; i++)
		if (!strcmp(c->performance.ov[i].glob, glob))
			return &c->performance.ov[i];
	ASSAY_GROW(c->performance.ov, c->performance.alloc, c->performance.nov + 1);
	struct bench_threshold_override *o = &c->performance.ov[c->performance.nov++];
	*o = (struct bench_threshold_override){ assay_xstrdup(glob), c->performance.threshold / 100 };
	return o;
}

static int parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" }, *const no[] = { "false", "no", "off", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (!strcasecmp(v, yes[i]))
			return *out = 1, 0;
		if (!strcasecmp(v, no[i]))
			return *out = 0, 0;
	}
	return -1;
}

static int parse_number(const char *v, double lo, double hi, int lo_open, double *out)
{
	char *end;
	double d = strtod(v, &end);
	if (end == v || *end || !isfinite(d) || d > hi || d < lo || (lo_open && d <= lo))
		return -1;
	*out = d;
	return 0;
}

/* Set section.name = value; 0 or fail()'s 0 with p->failed set. */
static int set_key(struct parse *p, const char *section, const char *name, const char *value)
{
	char kind[64], where[64];
	char *glob = NULL;
	if (split_section(section, kind, sizeof(kind), &glob) < 0)
		return fail(p, "section [%s]: a sub-section is written [coverage \"GLOB\"]%s", section, "");
	if (!known_section(kind, glob != NULL)) {
		free(glob);
		return fail(p, "unknown section [%s]%s", section, "");
	}
	const struct key *k = NULL;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]) && !k; i++) {
		const char *s = keys[i].section, *q = strchr(s, ' ');
		size_t len = q ? (size_t)(q - s) : strlen(s);
		if (!!q == (glob != NULL) && strlen(kind) == len && !strncmp(s, kind, len) &&
		    !strcmp(keys[i].name, name))
			k = &keys[i];
	}
	if (!k) {
		free(glob);
		return fail(p, "unknown key '%s' in [%s]", name, section);
	}
	snprintf(where, sizeof(where), "%s:%ld", p->file, p->line);
	char *base = home_of(p->c, k->home, glob, where);
	free(glob);
	void *field = base + k->off;
	double d;
	int b;
	switch (k->type) {
	case K_BOOL:
		if (parse_bool(value, &b) < 0)
			return fail(p, "%s: '%s' is not true or false", name, value);
		*(int *)field = b;
		break;
	case K_PCT:
		if (parse_number(value, 0, 100, 0, &d) < 0)
			return fail(p, "%s: '%s' is not a percentage from 0 to 100", name, value);
		*(double *)field = d;
		break;
	case K_POSITIVE_PCT:
		if (parse_number(value, 0, 1000, 1, &d) < 0)
			return fail(p, "%s: '%s' is not a percentage above 0 (at most 1000)", name, value);
		*(double *)field = k->home == H_BENCH ? d / 100 : d;
		break;
	case K_ALPHA:
		if (parse_number(value, 0, 0.5, 1, &d) < 0)
			return fail(p, "%s: '%s' is not a significance level above 0 and at most 0.5", name, value);
		*(double *)field = d;
		break;
	case K_DEPTH:
	case K_SAMPLES:
		if (parse_number(value, 1, k->type == K_DEPTH ? 100000 : 1000000, 0, &d) < 0 || d != floor(d))
			return fail(p, "%s: '%s' is not a whole number of at least 1", name, value);
		*(long *)field = (long)d;
		break;
	case K_MISSING:
		if (strcmp(value, "fail") && strcmp(value, "skip"))
			return fail(p, "%s: '%s' is not fail or skip", name, value);
		*(enum gate_missing *)field = !strcmp(value, "skip") ? GATE_MISSING_SKIP : GATE_MISSING_FAIL;
		break;
	case K_PATH:
		if (!*value)
			return fail(p, "%s: empty%s", name, "");
		free(*(char **)field);
		*(char **)field = assay_xstrdup(value);
		p->c->quarantine_asked = 1;
		break;
	}
	/* enabled = false is no request for data; any other key of a check is */
	if (k->check >= 0 && !(k->type == K_BOOL && !strcmp(name, "enabled") && !*(int *)field))
		((struct gate_check_config *)((char *)p->c + k->check))->asked = 1;
	return 1;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	if (p->failed)
		return 1;
	if (!*section)
		return fail(p, "'%s' is outside any section%s", name, "");
	return set_key(p, section, name, value ? value : "");
}

/* inih's reader, counting lines and checking sections, which inih reports only with a key */
static char *read_line(char *str, int num, void *stream)
{
	struct parse *p = stream;
	char *s = fgets(str, num, p->in);
	if (!s)
		return NULL;
	p->line++;
	const char *t = s + strspn(s, " \t");
	if (*t == '[' && !p->failed) {
		const char *close = strchr(t, ']');
		if (!close)
			fail(p, "a section's ']' is missing%s%s", "", "");
		else {
			char section[256], kind[64], *glob = NULL;
			snprintf(section, sizeof(section), "%.*s", (int)(close - t - 1), t + 1);
			if (split_section(section, kind, sizeof(kind), &glob) < 0 || !known_section(kind, glob != NULL))
				fail(p, "unknown section [%s]%s", section, "");
			free(glob);
		}
	}
	return s;
}

int gate_config_load(struct gate_config *c, const char *path, assay_err *err)
{
	FILE *in = fopen(path, "r");
	if (!in)
		return assay_err_set(err, ASSAY_EIO, "cannot read %s: %s", path, strerror(errno));
	struct parse p = { c, path, 0, in, err, 0 };
	int rc = ini_parse_stream(read_line, &p, on_key, &p);
	fclose(in);
	if (p.failed)
		return -ASSAY_EUSAGE;
	if (rc != 0)
		return assay_err_at(err, ASSAY_EUSAGE, path, rc, "not an INI line (KEY = VALUE or [SECTION])");
	return 0;
}

int gate_config_set(struct gate_config *c, const char *assignment, assay_err *err)
{
	const char *eq = strchr(assignment, '=');
	/* the key is after the last '.' outside quotes: coverage "a.b/x".min_lines */
	const char *dot = NULL;
	int quoted = 0;
	for (const char *s = assignment; eq && s < eq; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (*s == '.' && !quoted)
			dot = s;
	}
	if (!eq || !dot)
		return assay_err_set(err, ASSAY_EUSAGE, "--set %s: write SECTION.KEY=VALUE", assignment);
	char *section = assay_xstrndup(assignment, (size_t)(dot - assignment));
	char *name = assay_xstrndup(dot + 1, (size_t)(eq - dot - 1));
	char file[300];
	snprintf(file, sizeof(file), "--set %s", assignment);
	struct parse p = { c, file, 0, NULL, err, 0 };
	set_key(&p, section, name, eq + 1);
	free(section);
	free(name);
	return p.failed ? -ASSAY_EUSAGE : 0;
}

void gate_config_describe(FILE *out)
{
	const char *last = "";
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(last, keys[i].section))
			fprintf(out, "%s[%s]\n", i ? "\n" : "", keys[i].section);
		last = keys[i].section;
		fprintf(out, "  %-20s %-22s %s\n", keys[i].name, keys[i].dflt, keys[i].help);
	}
}

static void add_limit(char *buf, size_t n, size_t *at, const char *fmt, double v)
{
	if (!isnan(v) && *at < n)
		*at += (size_t)snprintf(buf + *at, n - *at, fmt, v);
}

void gate_config_summary(const struct gate_config *c, char *buf, size_t n)
{
	size_t at = 0;
	buf[0] = 0;
	static const char *const what[3] = { "line", "branch", "function" };
	if (c->tests.c.enabled)
		at += (size_t)snprintf(buf + at, n - at, "tests: no failure outside the quarantine%s; ",
				       c->tests.allow_missing ? "" : ", none gone");
	if (c->coverage.c.enabled) {
		for (int i = 0; i < 3; i++) {
			char f[96];
			snprintf(f, sizeof(f), "%s coverage at least %%g%%%%; ", what[i]);
			add_limit(buf, n, &at, f, c->coverage.min[i]);
			snprintf(f, sizeof(f), "%s coverage drop at most %%g points; ", what[i]);
			add_limit(buf, n, &at, f, c->coverage.max_drop[i]);
		}
		if (c->coverage.npaths && at < n)
			at += (size_t)snprintf(buf + at, n - at, "%zu path minimum%s; ", c->coverage.npaths,
					       c->coverage.npaths == 1 ? "" : "s");
	}
	if (c->patch.c.enabled)
		add_limit(buf, n, &at, "patch coverage at least %g%%; ", c->patch.min);
	if (c->performance.c.enabled)
		add_limit(buf, n, &at, "no benchmark %g%% slower (significant); ", c->performance.threshold);
	if (c->mutation.c.enabled) {
		add_limit(buf, n, &at, "mutation score at least %g%%; ", c->mutation.min_score);
		add_limit(buf, n, &at, "mutation score drop at most %g points; ", c->mutation.max_drop);
		if (c->mutation.changed_lines && at < n)
			at += (size_t)snprintf(buf + at, n - at, "no survivor on a changed line; ");
	}
	if (at >= 2 && at < n)
		buf[at - 2] = 0;
}
