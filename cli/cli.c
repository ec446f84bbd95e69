/* SPDX-License-Identifier: MIT */
#include "cli.h"
#include "buf.h"
#include "color.h"
#include "json_out.h"
#include "mem.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The path c->db names, or the default one; a new string. */
static int store_path(const struct assay_cli_common *c, char **out, assay_err *err)
{
	if (c->db && *c->db) {
		*out = assay_xstrdup(c->db);
		return 0;
	}
	return assay_store_default_path(out, NULL, err);
}

static int open_store(const struct assay_cli_common *c, int only_existing, assay_store **out,
		      assay_err *err)
{
	*out = NULL;
	char *path = NULL;
	int rc = store_path(c, &path, err);
	if (rc == 0 && (!only_existing || access(path, F_OK) == 0))
		rc = assay_store_open(out, path, err);
	free(path);
	return rc;
}

int assay_cli_open_store(const struct assay_cli_common *c, assay_store **out, assay_err *err)
{
	return open_store(c, 0, out, err);
}

int assay_cli_open_existing_store(const struct assay_cli_common *c, assay_store **out, assay_err *err)
{
	return open_store(c, 1, out, err);
}

int assay_cli_open_store_readonly(const struct assay_cli_common *c, assay_store **out, assay_err *err)
{
	*out = NULL;
	char *path = NULL;
	int rc = store_path(c, &path, err);
	if (rc == 0)
		rc = assay_store_open_readonly(out, path, err);
	free(path);
	return rc;
}

int assay_cli_runctx(const struct assay_cli_common *c, assay_runctx *out, assay_err *err)
{
	struct assay_runctx_opts o = {
		.commit = c->commit, .branch = c->branch, .label = c->label, .no_git = c->no_git,
	};
	int rc = assay_runctx_resolve(out, &o, err);
	char *path = NULL;
	assay_err ignored = ASSAY_ERR_INIT;
	if (rc < 0 && !(c->commit && *c->commit) && store_path(c, &path, &ignored) < 0)
		rc = assay_err_set(err, ASSAY_EUSAGE,
				   "not in a git repository, and no CI environment names a commit: "
				   "pass --commit REV and --db PATH (or set ASSAY_DB)");
	free(path);
	return rc;
}

/* Whether errors are JSON: the utility was given --json (see assay_cli_parse). */
static int json_errors;

/* The value of the BOOL option named name in opts, 0 when there is none. */
static int bool_option(const struct assay_option *opts, const char *name)
{
	for (const struct assay_option *o = opts; o->type; o++)
		if (o->type == ASSAY_OPTION_BOOL && o->long_name && !strcmp(o->long_name, name))
			return *(int *)o->value;
	return 0;
}

/* --json before "--" (or the first operand, with stop): errors are JSON even when parsing fails. */
static int asks_json(int argc, char **argv, int stop)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--json"))
			return 1;
		if (stop && argv[i][0] != '-')
			break;
	}
	return 0;
}

int assay_cli_parse(const char *prog, const char *usage, const struct assay_option *opts,
		    int argc, char **argv, int stop_at_operand, int *status)
{
	/* the utility's options and those every utility has, in one table */
	size_t nopts = 0;
	while (opts[nopts].type)
		nopts++;
	const char *color = NULL;
	int version = 0;
	struct assay_option *all = assay_xcalloc(nopts + 3, sizeof(*all));
	memcpy(all, opts, nopts * sizeof(*all));
	all[nopts] = (struct assay_option)ASSAY_OPT_STRING(0, "color", &color, "WHEN",
		"colour on a terminal: auto (default; not with NO_COLOR), always, never");
	all[nopts + 1] = (struct assay_option)ASSAY_OPT_BOOL(0, "version", &version, "print the version");
	json_errors = asks_json(argc, argv, stop_at_operand);
	assay_err err = ASSAY_ERR_INIT;
	int n = assay_options_parse(all, argc, argv, stop_at_operand, &err);
	if (n == ASSAY_OPTIONS_HELP) {
		assay_buf b = ASSAY_BUF_INIT;
		assay_options_usage(&b, usage, all);
		fputs(b.buf, stdout);
		assay_buf_release(&b);
		*status = 0;
		n = -1;
	} else if (n < 0) {
		*status = assay_cli_usage_error(prog, usage, "%s", err.msg);
	} else {
		json_errors = bool_option(opts, "json");
		enum assay_color_mode mode = ASSAY_COLOR_AUTO;
		if (color && assay_color_parse(color, &mode) < 0) {
			*status = assay_cli_usage_error(prog, usage,
				"--color takes auto, always or never, not '%s'", color);
			n = -1;
		} else if (version) {
			printf("%s %s\n", prog, ASSAY_VERSION);
			*status = 0;
			n = -1;
		}
		assay_color_set_mode(mode);
	}
	free(all);
	return n;
}

/* {"error":{"utility":PROG,"code":NAME,"exit":STATUS,"message":MSG[,"usage":USAGE]}} on stderr */
static void json_error(const char *prog, int code, const char *msg, const char *usage)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_object(&j, "error");
	assay_json_str(&j, "utility", prog);
	assay_json_str(&j, "code", assay_strerror(code));
	assay_json_int(&j, "exit", assay_exit_status(code));
	assay_json_str(&j, "message", msg);
	if (usage)
		assay_json_str(&j, "usage", usage);
	assay_json_print(&j, stderr);
	assay_buf_release(&b);
}

int assay_cli_usage_error(const char *prog, const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	assay_buf msg = ASSAY_BUF_INIT;
	assay_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (json_errors)
		json_error(prog, ASSAY_EUSAGE, msg.buf, usage);
	else
		fprintf(stderr, "%s: %s\nusage: %s\n", prog, msg.buf, usage);
	assay_buf_release(&msg);
	return 2;
}

int assay_cli_report(const char *prog, const assay_err *err)
{
	const char *msg = err->msg[0] ? err->msg : assay_strerror(err->code);
	if (json_errors)
		json_error(prog, err->code, msg, NULL);
	else
		fprintf(stderr, "%s: %s\n", prog, msg);
	return assay_exit_status(err->code);
}

int assay_cli_isatty(FILE *stream)
{
	const char *term = getenv("TERM");
	return isatty(fileno(stream)) && !(term && !strcmp(term, "dumb"));
}

const char *assay_cli_pct(char *buf, uint64_t part, uint64_t whole)
{
	if (!whole) {
		snprintf(buf, ASSAY_CLI_PCT_SIZE, "n/a");
		return buf;
	}
	double p = 100.0 * (double)part / (double)whole;
	/* rounded, except to 100.0 or 0.0: 1999/2000 is not all, 1/5000 not none */
	if (part < whole && p >= 99.95)
		p = 99.9;
	else if (part > 0 && p < 0.05)
		p = 0.1;
	snprintf(buf, ASSAY_CLI_PCT_SIZE, "%.1f%%", p);
	return buf;
}

void assay_cli_fmt_value(char *buf, size_t n, double v, const char *unit)
{
	static const struct {
		const char *unit;
		double scale[4];
		const char *names[4];
	} scales[] = {
		{ "s", { 1e-9, 1e-6, 1e-3, 1 }, { "ns", "us", "ms", "s" } },
		{ "B", { 1, 1024, 1048576, 1073741824 }, { "B", "KiB", "MiB", "GiB" } },
		{ "instructions", { 1, 1e3, 1e6, 1e9 }, { "instr", "k instr", "M instr", "G instr" } },
	};
	if (isnan(v)) {
		snprintf(buf, n, "-");
		return;
	}
	for (size_t i = 0; i < sizeof(scales) / sizeof(scales[0]); i++) {
		if (strcmp(unit, scales[i].unit))
			continue;
		size_t k = 0;
		while (k < 3 && fabs(v) >= scales[i].scale[k + 1])
			k++;
		snprintf(buf, n, "%.4g %s", v / scales[i].scale[k], scales[i].names[k]);
		return;
	}
	snprintf(buf, n, "%.6g %s", v, unit);
}

void assay_cli_escape(assay_buf *out, const char *s, int keep_newlines)
{
	if (!s)
		return;
	if (!keep_newlines)
		for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
			assay_buf_add_shown(out, s, (size_t)(nl - s));
			assay_buf_adds(out, "\\x0a");
		}
	assay_buf_add_shown(out, s, strlen(s));
}
