/* SPDX-License-Identifier: MIT */
/*
 * assay-sql: run SQL against the store, with what Assay's connections
 * have and a bare sqlite3 shell has not: the `results` and `tests` tables,
 * which read the compact chunks of results (lib/resblob.h) and of tests
 * (lib/testblob.h).  Read-only unless --write: the file is opened so, and
 * a store that does not exist or needs an upgrade is refused, not made.
 * Rows print as sqlite3 -batch prints them (columns joined by '|', NULL
 * empty), under a row of the column names on a terminal or with --header
 * (not when piped, where scripts read the values: `n=$(assay sql ...)`),
 * or as a JSON array of objects with --json, by cli/json_out.h's rules (text
 * that is not UTF-8 has U+FFFD for its bad bytes; Inf is null), a BLOB as
 * {"blob_hex":"00ff"}.
 */
#include "cli.h"
#include "json_out.h"
#include "mem.h"
#include "utility.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prog[] = "assay sql";
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

/* A BLOB as {"blob_hex":"00ff"}: bytes are not text, and JSON has no type for them. */
static void json_blob(assay_json *j, const char *key, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char *text = assay_xmalloc(2 * n + 1);
	for (size_t i = 0; i < n; i++) {
		text[2 * i] = hex[p[i] >> 4];
		text[2 * i + 1] = hex[p[i] & 15];
	}
	assay_json_object(j, key);
	assay_json_strn(j, "blob_hex", text, 2 * n);
	assay_json_close(j);
	free(text);
}

/* One row as an object of the array j holds (the writer keeps its place between rows). */
static void json_row(sqlite3_stmt *s, assay_json *j)
{
	assay_json_object(j, NULL);
	for (int i = 0; i < sqlite3_column_count(s); i++) {
		const char *key = sqlite3_column_name(s, i);
		switch (sqlite3_column_type(s, i)) {
		case SQLITE_NULL:
			assay_json_null(j, key);
			break;
		case SQLITE_INTEGER:
			assay_json_int(j, key, sqlite3_column_int64(s, i));
			break;
		case SQLITE_FLOAT:
			/* SQLite's own text of it ("1.0e+20"); Inf is null, as in every output */
			if (isfinite(sqlite3_column_double(s, i)))
				assay_json_number_text(j, key, (const char *)sqlite3_column_text(s, i));
			else
				assay_json_null(j, key);
			break;
		case SQLITE_BLOB: {
			const unsigned char *p = sqlite3_column_blob(s, i);
			json_blob(j, key, p, (size_t)sqlite3_column_bytes(s, i));
			break;
		}
		default: {
			const char *v = (const char *)sqlite3_column_text(s, i);
			assay_json_strn(j, key, v, (size_t)sqlite3_column_bytes(s, i));
		}
		}
	}
	assay_json_close(j);
}

static void print_row(sqlite3_stmt *s, assay_buf *b)
{
	assay_buf_reset(b);
	for (int i = 0; i < sqlite3_column_count(s); i++) {
		const char *v = (const char *)sqlite3_column_text(s, i);
		if (i)
			assay_buf_addc(b, '|');
		if (v)
			assay_buf_adds(b, v);
	}
	assay_buf_addc(b, '\n');
	fputs(b->buf, stdout);
}

/* Run every statement of sql, printing the rows of those that have any. */
static int run_sql(assay_store *st, const char *sql, assay_json *json, int header, int *rows,
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
			if (!json) {
				print_row(s, &b);
				continue;
			}
			/* the array opens with its first row: a failed statement leaves no half of one */
			if ((*rows)++ == 0)
				assay_json_array(json, NULL);
			json_row(s, json);
			fwrite(json->out->buf, 1, json->out->len, stdout);
			assay_buf_reset(json->out);
		}
		if (step != SQLITE_DONE)
			rc = assay_err_set(err, ASSAY_EUSAGE, "%s", sqlite3_errmsg(db));
		sqlite3_finalize(s);
	}
	assay_buf_release(&b);
	return rc;
}

struct sql {
	struct assay_cli_common c;
	int write, header;
};

static int check(void *ud, int n, char **argv, struct assay_cli_needs *needs, assay_err *err)
{
	(void)argv;
	(void)err;
	const struct sql *o = ud;
	if (n < 2)
		return assay_cli_usage_error(prog, usage, "no SQL given");
	/* without --write the file is opened read-only: the SQL cannot switch that off */
	needs->store = o->write ? ASSAY_CLI_STORE : ASSAY_CLI_STORE_READONLY;
	return 0;
}

static int run(void *ud, struct assay_cli_session *s, assay_err *err)
{
	const struct sql *o = ud;
	int rows = 0, rc = 0;
	int header = o->header < 0 ? assay_cli_isatty(stdout) : o->header;
	assay_buf out = ASSAY_BUF_INIT;
	assay_json json;
	assay_json_init(&json, &out);
	for (int i = 1; i < s->n && rc == 0; i++)
		rc = run_sql(s->st, s->argv[i], o->c.json ? &json : NULL, header, &rows, err);
	if (o->c.json && rc == 0) {
		if (!rows)
			assay_json_array(&json, NULL);
		assay_json_print(&json, stdout);
	}
	assay_buf_release(&out);
	return rc;
}

int main(int argc, char **argv)
{
	struct sql o = { .header = -1 };
	const struct assay_option opts[] = {
		ASSAY_CLI_OPT_DB(&o.c),
		ASSAY_OPT_BOOL(0, "json", &o.c.json, "rows as a JSON array of objects; a BLOB is {\"blob_hex\":\"00ff\"}, Inf and NaN null"),
		ASSAY_OPT_BOOL(0, "header", &o.header, "a row of column names first (default: on a terminal)"),
		ASSAY_OPT_BOOL(0, "write", &o.write, "allow statements that change the store"),
		ASSAY_OPT_END(),
	};
	const struct assay_cli_utility u = {
		.prog = prog, .usage = usage, .opts = opts, .common = &o.c,
		.needs = { ASSAY_CLI_STORE_READONLY, 0 }, .check = check, .run = run, .ud = &o,
	};
	return assay_cli_main(&u, argc, argv);
}
