/*
 * assay-sql: run SQL against the store, with what Assay's connections
 * have and a bare sqlite3 shell has not: the `results` and `tests` tables,
 * which read the compact chunks of results (lib/resblob.h) and of tests
 * (lib/testblob.h).  Read-only unless --write: the file is opened so, and
 * a store that does not exist or needs an upgrade is refused, not made.
 * Rows print as sqlite3 -batch prints them (columns joined by '|', NULL
 * empty), under a row of the column names on a terminal or with --header
 * (not when piped, where scripts read the values: `n=$(assay sql ...)`),
 * or as a JSON array of objects with --json.
 */
#include "cli.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "assay sql [--db PATH] [--json] [--[no-]header] [--write] SQL...";

/* The column names, as a row: once for each statement that has rows. */
static void print_header(sqlite3_stmt *s, assay_buf *b)
{
	assay_buf_reset(b);
	for (int i = 0; i < sqlite3_column_count(s); i++) {
		if (i)
			assay_buf_addc(b, '|');
		assay_buf_adds(b, sqlite3_column_name(s, i));
	}
	assay_buf_addc(b, '\n');
	fputs(b->buf, stdout);
}

static void print_row(sqlite3_stmt *s, int json, int first, assay_buf *b)
{
	int n = sqlite3_column_count(s);
	assay_buf_reset(b);
	if (json)
		assay_buf_adds(b, first ? "[{" : ",{");
	for (int i = 0; i < n; i++) {
		int type = sqlite3_column_type(s, i);
		const char *v = (const char *)sqlite3_column_text(s, i);
		if (!json) {
			if (i)
				assay_buf_addc(b, '|');
			if (v)
				assay_buf_adds(b, v);
			continue;
		}
		if (i)
			assay_buf_addc(b, ',');
		assay_buf_add_json_string(b, sqlite3_column_name(s, i));
		assay_buf_addc(b, ':');
		if (type == SQLITE_NULL)
			assay_buf_adds(b, "null");
		else if (type == SQLITE_INTEGER || type == SQLITE_FLOAT)
			assay_buf_adds(b, v);
		else
			assay_buf_add_json_string(b, v);
	}
	assay_buf_adds(b, json ? "}" : "\n");
	fputs(b->buf, stdout);
}

/* Run every statement of sql, printing the rows of those that have any. */
static int run_sql(assay_store *st, const char *sql, int json, int header, int *rows,
		   assay_err *err)
{
	sqlite3 *db = assay_store_db(st);
	assay_buf b = ASSAY_BUF_INIT;
	int rc = 0;
	while (rc == 0 && *sql) {
		sqlite3_stmt *s;
		const char *rest;
		if (sqlite3_prepare_v2(db, sql, -1, &s, &rest) != SQLITE_OK) {
			rc = assay_err_set(err, ASSAY_EUSAGE, "%s", sqlite3_errmsg(db));
			break;
		}
		sql = rest;
		if (!s)
			continue; /* a comment or blanks */
		int step, first = 1;
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			if (first && header && !json)
				print_header(s, &b);
			first = 0;
			print_row(s, json, (*rows)++ == 0, &b);
		}
		if (step != SQLITE_DONE)
			rc = assay_err_set(err, ASSAY_EUSAGE, "%s", sqlite3_errmsg(db));
		sqlite3_finalize(s);
	}
	assay_buf_release(&b);
	return rc;
}

int main(int argc, char **argv)
{
	const char *prog = "assay sql";
	struct assay_cli_common c;
	memset(&c, 0, sizeof(c));
	int write = 0, header = -1;
	const struct assay_option opts[] = {
		ASSAY_CLI_OPT_DB(&c),
		ASSAY_CLI_OPT_JSON(&c),
		ASSAY_OPT_BOOL(0, "header", &header, "a row of column names first (default: on a terminal)"),
		ASSAY_OPT_BOOL(0, "write", &write, "allow statements that change the store"),
		ASSAY_OPT_END(),
	};
	int status;
	int n = assay_cli_parse(prog, usage, opts, argc, argv, 0, &status);
	if (n < 0)
		return status;
	if (n < 2)
		return assay_cli_usage_error(prog, usage, "no SQL given");
	assay_err err = ASSAY_ERR_INIT;
	assay_store *st = NULL;
	/* without --write the file is opened read-only: the SQL cannot switch that off */
	int rc = write ? assay_cli_open_store(&c, &st, &err) : assay_cli_open_store_readonly(&c, &st, &err);
	int rows = 0;
	if (header < 0)
		header = assay_cli_isatty(stdout);
	for (int i = 1; i < n && rc == 0; i++)
		rc = run_sql(st, argv[i], c.json, header, &rows, &err);
	/* the array opens with its first row: a failed statement leaves no half of one */
	if (c.json && rc == 0)
		fputs(rows ? "]\n" : "[]\n", stdout);
	assay_store_close(st);
	if (rc < 0)
		return assay_cli_report(prog, &err);
	return 0;
}
