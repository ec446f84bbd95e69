/* SPDX-License-Identifier: MIT */
/*
 * tests: every failing test on head fails the gate, except those the
 * quarantine lists; those that passed on base are new failures; those that
 * ran on base and not on head are gone (failing unless allow_missing).
 */
#include "gate.h"
#include "buf.h"
#include "hashmap.h"
#include "mem.h"
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A test's outcome over a commit's test runs: failed if it failed in any of them. */
struct outcome {
	char *suite, *classname, *name, *file;
	long line;
	int ran, failed, passed;
	char *message; /* of its first failure */
};

struct tests {
	assay_hashmap index; /* "suite\0classname\0name" -> slot in v */
	struct outcome *v;
	size_t n, alloc;
};

static void key_of(assay_buf *k, const char *suite, const char *classname, const char *name)
{
	assay_buf_reset(k);
	assay_buf_add(k, suite, strlen(suite) + 1);
	assay_buf_add(k, classname, strlen(classname) + 1);
	assay_buf_adds(k, name);
}

static struct outcome *find(struct tests *t, const assay_buf *k, int create)
{
	uint64_t slot;
	if (assay_hashmap_get(&t->index, k->buf, k->len, &slot))
		return &t->v[slot];
	if (!create)
		return NULL;
	int created;
	*assay_hashmap_upsert(&t->index, k->buf, k->len, &created) = t->n;
	ASSAY_GROW(t->v, t->alloc, t->n + 1);
	memset(&t->v[t->n], 0, sizeof(t->v[0]));
	return &t->v[t->n++];
}

static int load(assay_store *st, const struct assay_summary_runs *runs, int with_messages, struct tests *t,
		assay_err *err)
{
	assay_hashmap_init(&t->index);
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, with_messages
		? "SELECT t.suite, t.classname, t.name, t.file, t.line, r.status, r.message, r.system_out, "
		  "r.system_err FROM results r JOIN tests t ON t.id = r.test_id WHERE r.run_id = ? AND r.final = 1"
		: "SELECT t.suite, t.classname, t.name, t.file, t.line, r.status FROM results r "
		  "JOIN tests t ON t.id = r.test_id WHERE r.run_id = ? AND r.final = 1", err);
	if (rc < 0)
		return rc;
	assay_buf k = ASSAY_BUF_INIT;
	for (size_t i = 0; i < runs->n && rc == 0; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, runs->ids[i]);
		int step;
		while ((step = sqlite3_step(s)) == SQLITE_ROW) {
			const char *suite = (const char *)sqlite3_column_text(s, 0);
			const char *cls = (const char *)sqlite3_column_text(s, 1);
			const char *name = (const char *)sqlite3_column_text(s, 2);
			key_of(&k, suite ? suite : "", cls ? cls : "", name ? name : "");
			struct outcome *o = find(t, &k, 1);
			if (!o->ran) {
				o->suite = assay_xstrdup(suite ? suite : "");
				o->classname = assay_xstrdup(cls ? cls : "");
				o->name = assay_xstrdup(name ? name : "");
				o->file = assay_store_column_dup(s, 3);
				o->line = sqlite3_column_int(s, 4);
			}
			o->ran = 1;
			const char *status = (const char *)sqlite3_column_text(s, 5);
			int bad = status && (!strcmp(status, "fail") || !strcmp(status, "error"));
			o->passed |= status && !strcmp(status, "pass");
			if (bad && !o->failed && with_messages)
				o->message = assay_failure_text((const char *)sqlite3_column_text(s, 6),
								(const char *)sqlite3_column_text(s, 7),
								(const char *)sqlite3_column_text(s, 8), 10);
			o->failed |= bad;
		}
		if (step != SQLITE_DONE)
			rc = assay_store_error(st, err, "reading test results");
	}
	sqlite3_finalize(s);
	assay_buf_release(&k);
	return rc;
}

static void release(struct tests *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].suite);
		free(t->v[i].classname);
		free(t->v[i].name);
		free(t->v[i].file);
		free(t->v[i].message);
	}
	free(t->v);
	assay_hashmap_free(&t->index);
}

/* The quarantine list ("SUITE\tCLASSNAME\tNAME" lines) as keys in q; a missing default file is empty. */
static int load_quarantine(const struct gate_ctx *g, struct tests *q, assay_err *err)
{
	assay_hashmap_init(&q->index);
	const char *name = g->cfg->quarantine;
	char *path = name[0] == '/' || !g->root ? assay_xstrdup(name) : assay_xasprintf("%s/%s", g->root, name);
	FILE *in = fopen(path, "r");
	if (!in) {
		int e = errno;
		int rc = e == ENOENT && !g->cfg->quarantine_asked
			? 0 : assay_err_set(err, ASSAY_EIO, "cannot read the quarantine %s: %s", path, strerror(e));
		free(path);
		return rc;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int rc = 0;
	assay_buf k = ASSAY_BUF_INIT;
	while (rc == 0 && (len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (!len || line[0] == '#')
			continue;
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2) {
			rc = assay_err_at(err, ASSAY_EINPUT, path, lineno,
					  "not SUITE<TAB>CLASSNAME<TAB>NAME (assay flaky quarantine writes this list)");
			break;
		}
		*t1 = *t2 = 0;
		key_of(&k, line, t1 + 1, t2 + 1);
		find(q, &k, 1)->ran = 1;
	}
	free(line);
	fclose(in);
	free(path);
	assay_buf_release(&k);
	return rc;
}

static void display(assay_buf *b, const struct outcome *o)
{
	assay_buf_reset(b);
	assay_test_display_name(b, o->suite, o->classname, o->name);
}

int gate_check_tests(struct gate_ctx *g, assay_err *err)
{
	const struct gate_config *cfg = g->cfg;
	if (!cfg->tests.c.enabled)
		return 0;
	if (!g->head.test_runs.n) {
		gate_add_no_data(&g->res, "tests", "tests", &cfg->tests.c, "head has no test results");
		return 0;
	}
	struct tests head = { 0 }, base = { 0 }, quarantine = { 0 };
	int rc = load(g->st, &g->head.test_runs, 1, &head, err);
	if (rc == 0)
		rc = load(g->st, &g->base.test_runs, 0, &base, err);
	if (rc == 0)
		rc = load_quarantine(g, &quarantine, err);
	size_t failing = 0, newly = 0, quarantined = 0, gone = 0, passed = 0;
	assay_buf k = ASSAY_BUF_INIT, name = ASSAY_BUF_INIT;
	for (size_t i = 0; i < head.n && rc == 0; i++) {
		const struct outcome *o = &head.v[i];
		passed += o->passed && !o->failed;
		if (!o->failed)
			continue;
		key_of(&k, o->suite, o->classname, o->name);
		const struct outcome *was = find(&base, &k, 0);
		display(&name, o);
		if (find(&quarantine, &k, 0)) {
			quarantined++;
			gate_add_item(&g->res, GATE_QUARANTINED, 0, name.buf, o->file, (unsigned)o->line,
				      (unsigned)o->line, o->message);
			continue;
		}
		failing++;
		int is_new = was && was->passed && !was->failed;
		newly += is_new;
		gate_add_item(&g->res, is_new ? GATE_NEW_FAILURE : GATE_FAILURE, 1, name.buf, o->file,
			      (unsigned)o->line, (unsigned)o->line, o->message);
	}
	for (size_t i = 0; i < base.n && rc == 0; i++) {
		const struct outcome *o = &base.v[i];
		key_of(&k, o->suite, o->classname, o->name);
		if (find(&head, &k, 0))
			continue;
		gone++;
		display(&name, o);
		gate_add_item(&g->res, GATE_MISSING_TEST, !cfg->tests.allow_missing, name.buf, o->file,
			      (unsigned)o->line, (unsigned)o->line, "ran on the base, not on head");
	}
	if (rc == 0) {
		char fig[160], thr[80], was[80];
		int n = snprintf(fig, sizeof(fig), "%zu passed, %zu failed", passed, failing);
		if (newly)
			n += snprintf(fig + n, sizeof(fig) - (size_t)n, " (%zu new)", newly);
		if (quarantined)
			n += snprintf(fig + n, sizeof(fig) - (size_t)n, ", %zu quarantined", quarantined);
		if (gone)
			snprintf(fig + n, sizeof(fig) - (size_t)n, ", %zu gone", gone);
		snprintf(thr, sizeof(thr), "no failure%s", cfg->tests.allow_missing ? "" : ", none gone");
		size_t base_failed = 0, base_passed = 0;
		for (size_t i = 0; i < base.n; i++) {
			base_failed += base.v[i].failed;
			base_passed += base.v[i].passed && !base.v[i].failed;
		}
		snprintf(was, sizeof(was), "%zu passed, %zu failed", base_passed, base_failed);
		int bad = failing || (gone && !cfg->tests.allow_missing);
		struct gate_row *w = gate_add_row(&g->res, "tests", "tests", bad ? GATE_FAIL : GATE_PASS, fig, thr,
						  base.n ? was : NULL);
		w->head_v = (double)failing;
		w->base_v = base.n ? (double)base_failed : w->base_v;
	}
	assay_buf_release(&k);
	assay_buf_release(&name);
	release(&head);
	release(&base);
	release(&quarantine);
	return rc;
}
