#include "cli.h"
#include "buf.h"
#include "mem.h"

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

int assay_cli_parse(const char *prog, const char *usage, const struct assay_option *opts,
		    int argc, char **argv, int stop_at_operand, int *status)
{
	assay_err err = ASSAY_ERR_INIT;
	int n = assay_options_parse(opts, argc, argv, stop_at_operand, &err);
	if (n == ASSAY_OPTIONS_HELP) {
		assay_buf b = ASSAY_BUF_INIT;
		assay_options_usage(&b, usage, opts);
		fputs(b.buf, stdout);
		assay_buf_release(&b);
		*status = 0;
		return -1;
	}
	if (n < 0) {
		*status = assay_cli_usage_error(prog, usage, "%s", err.msg);
		return -1;
	}
	return n;
}

int assay_cli_usage_error(const char *prog, const char *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nusage: %s\n", usage);
	va_end(ap);
	return 2;
}

int assay_cli_report(const char *prog, const assay_err *err)
{
	fprintf(stderr, "%s: %s\n", prog, err->msg[0] ? err->msg : assay_strerror(err->code));
	return assay_exit_status(err->code);
}

int assay_cli_isatty(FILE *stream)
{
	const char *term = getenv("TERM");
	return isatty(fileno(stream)) && !(term && !strcmp(term, "dumb"));
}
