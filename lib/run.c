/* SPDX-License-Identifier: MIT */
#include "run.h"
#include "buf.h"
#include "covblob.h"
#include "covset.h"
#include "mem.h"
#include "resblob.h"
#include "testblob.h"
#include "testkeys.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

/*
 * Results are the bulk of a big ingest (a million test cases), so they are
 * stored in batches: add_result copies each into the current batch, and a
 * full batch goes to a writer thread that stores it while the caller goes
 * on parsing into the next batch.  Results go into compact chunks
 * (resblob.h), not a row each.  A test's id comes from an in-memory map of
 * test keys (loaded once per run), so no result costs a lookup in the
 * store; tests new to the store get the next ids and go into chunks of
 * tests (testblob.h).  Runs of under one batch never start the thread.
 */
#define BATCH 2048
#define NBATCH 8 /* in flight: the parser waits only when the writer is this far behind */

enum { S_SUITE, S_CLASS, S_NAME, S_FILE, S_MESSAGE, S_TYPE, S_OUT, S_ERR, NSTR };
#define NO_STRING ((size_t)-1)

struct pending {
	size_t str[NSTR]; /* offsets into the batch's arena, or NO_STRING */
	long line;
	int attempt, final;
	enum assay_status status;
	int64_t duration_us;
};

struct batch {
	struct pending *items;
	size_t n;
	int64_t first_ord; /* results.ord of items[0] */
	assay_buf arena;
};

/*
 * test key -> id; open addressing, id 0 marks a free slot.  A key and its
 * id share a slot, so a lookup in a map of a million tests (far bigger
 * than the cache) costs one miss, and write_batch prefetches the slots of
 * the results ahead.
 *
 * Its own table, not lib/hashmap.h: the key is already a hash and no bytes
 * are kept, so key and id share one 16-byte slot, where hashmap.h would
 * keep the key elsewhere (its own arena or the caller's, behind an 8-byte
 * entry) and cost a second miss a lookup.  Measured (perf/gen-junit.py,
 * 1,000,000 new tests, assay-ingest): peak memory 76.3 MiB with this
 * table, 124.5 MiB with hashmap.h when its entries were 32 bytes.
 */
struct testslot {
	uint64_t key;
	int64_t id;
};
struct testmap {
	struct testslot *slots;
	size_t n, cap;
};

struct writer {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int started, stop;
	size_t handed, written; /* batches handed over, and written: batches[i % NBATCH] */
	int rc;             /* first error of the thread, with err */
	assay_err err;
};

struct assay_run {
	assay_store *st;
	int64_t id, commit_id;
	int64_t ord;       /* next results.ord */
	int finished;
	int nested;        /* inside the caller's transaction: a savepoint of it, not one of its own */
	struct batch batches[NBATCH], *cur;
	struct writer w;
	/* touched only by whoever writes batches */
	struct testmap tests;
	int tests_loaded;
	uint64_t keys[BATCH]; /* of the tests of the batch being written */
	int64_t next_test_id;
	assay_reswriter results;
	assay_testwriter newtests;
	sqlite3_stmt *file_insert, *file_select, *cov_insert;
	/* warnings, kept until finish: the connection may be the writer thread's until then */
	struct kept_warning {
		char *kind, *input, *subject, *message, *detail;
		long line;
	} *warnings;
	size_t nwarnings, warnings_alloc;
};


static int upsert_commit(assay_run *r, const assay_runctx *ctx, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(r->st, &s,
		"INSERT INTO commits(sha, parent_sha, tree_sha, branch, time, subject) VALUES (?,?,?,?,?,?) "
		"ON CONFLICT(sha) DO UPDATE SET "
		" parent_sha = coalesce(excluded.parent_sha, parent_sha),"
		" tree_sha = coalesce(excluded.tree_sha, tree_sha),"
		" branch = coalesce(excluded.branch, branch),"
		" time = coalesce(excluded.time, time),"
		" subject = coalesce(excluded.subject, subject) "
		"RETURNING id", err);
	if (rc < 0)
		return rc;
	assay_store_bind_text(s, 1, ctx->commit);
	assay_store_bind_text(s, 2, ctx->parent);
	assay_store_bind_text(s, 3, ctx->tree);
	assay_store_bind_text(s, 4, ctx->branch);
	if (ctx->time)
		sqlite3_bind_int64(s, 5, ctx->time);
	assay_store_bind_text(s, 6, ctx->subject);
	if (sqlite3_step(s) == SQLITE_ROW)
		r->commit_id = sqlite3_column_int64(s, 0);
	else
		rc = assay_store_error(r->st, err, "recording the commit");
	sqlite3_finalize(s);
	return rc;
}

static int insert_run(assay_run *r, const char *kind, const assay_runctx *ctx, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(r->st, &s,
		"INSERT INTO runs(commit_id, kind, started_at, ci_provider, ci_run, ci_job, label) "
		"VALUES (?,?,?,?,?,?,?)", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, r->commit_id);
	assay_store_bind_text(s, 2, kind);
	sqlite3_bind_int64(s, 3, (int64_t)time(NULL));
	assay_store_bind_text(s, 4, ctx->ci_provider);
	assay_store_bind_text(s, 5, ctx->ci_run);
	assay_store_bind_text(s, 6, ctx->ci_job);
	assay_store_bind_text(s, 7, ctx->label);
	if (sqlite3_step(s) == SQLITE_DONE)
		r->id = sqlite3_last_insert_rowid(assay_store_db(r->st));
	else
		rc = assay_store_error(r->st, err, "recording the run");
	sqlite3_finalize(s);
	return rc;
}

int assay_run_begin(assay_run **out, assay_store *st, const char *kind,
		    const assay_runctx *ctx, assay_err *err)
{
	*out = NULL;
	if (!ctx->commit || !*ctx->commit)
		return assay_err_set(err, ASSAY_EUSAGE, "a run needs a commit");
	int nested = !sqlite3_get_autocommit(assay_store_db(st));
	int rc = nested ? assay_store_exec(st, "SAVEPOINT assay_run", err) : assay_store_begin(st, err);
	if (rc < 0)
		return rc;
	assay_run *r = assay_xcalloc(1, sizeof(*r));
	r->st = st;
	r->nested = nested;
	if ((rc = upsert_commit(r, ctx, err)) < 0 || (rc = insert_run(r, kind, ctx, err)) < 0) {
		assay_run_free(r);
		return rc;
	}
	assay_reswriter_init(&r->results, st, r->id);
	assay_testwriter_init(&r->newtests, st);
	*out = r;
	return 0;
}

/* Undo everything of the run: its own transaction, or its savepoint of the caller's. */
static void run_undo(assay_run *r)
{
	if (r->nested)
		sqlite3_exec(assay_store_db(r->st), "ROLLBACK TO assay_run; RELEASE assay_run", NULL, NULL, NULL);
	else
		assay_store_rollback(r->st);
}

int64_t assay_run_id(const assay_run *run)
{
	return run->id;
}

assay_store *assay_run_store(assay_run *run)
{
	return run->st;
}


/* ---- test identities ---- */

static size_t map_home(const struct testmap *m, uint64_t key)
{
	return (size_t)(key ^ (key >> 29)) & (m->cap - 1);
}

static size_t map_slot(const struct testmap *m, uint64_t key)
{
	size_t i = map_home(m, key);
	while (m->slots[i].id && m->slots[i].key != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void map_put(struct testmap *m, uint64_t key, int64_t id);

/* Room for n tests at most half full, so loading a big store rehashes nothing. */
static void map_reserve(struct testmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 1024;
	while (cap < 2 * n)
		cap *= 2;
	if (cap == m->cap)
		return;
	struct testmap old = *m;
	m->cap = cap;
	m->slots = assay_xcalloc(m->cap, sizeof(*m->slots));
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.slots[i].id)
			map_put(m, old.slots[i].key, old.slots[i].id);
	free(old.slots);
}

static void map_put(struct testmap *m, uint64_t key, int64_t id)
{
	if ((m->n + 1) * 2 > m->cap)
		map_reserve(m, m->n + 1);
	size_t i = map_slot(m, key);
	if (!m->slots[i].id)
		m->n++;
	m->slots[i].key = key;
	m->slots[i].id = id;
}

static int64_t map_get(const struct testmap *m, uint64_t key)
{
	return m->cap ? m->slots[map_slot(m, key)].id : 0;
}

static void load_one(void *map, uint64_t key, int64_t id)
{
	map_put(map, key, id);
}

/* Every test the store knows, once per run: the write lock is held, so none can appear meanwhile. */
static int load_tests(assay_run *r, assay_err *err)
{
	int rc = assay_testblob_next_id(r->st, &r->next_test_id, err);
	if (rc < 0)
		return rc;
	map_reserve(&r->tests, (size_t)r->next_test_id);
	if ((rc = assay_testkeys_load(r->st, load_one, &r->tests, err)) < 0)
		return rc;
	r->tests_loaded = 1;
	return 0;
}

static const char *str_at(const struct batch *b, const struct pending *p, int k)
{
	return p->str[k] == NO_STRING ? NULL : b->arena.buf + p->str[k];
}

/*
 * A test's key: XXH3 of suite, classname and name, each NUL-terminated.
 * add_result keeps the three in that order in the batch's arena, so they
 * are hashed where they lie.
 */
static uint64_t pending_key(const struct batch *b, const struct pending *p)
{
	size_t from = p->str[S_SUITE], to = p->str[S_NAME] + strlen(b->arena.buf + p->str[S_NAME]) + 1;
	return XXH3_64bits(b->arena.buf + from, to - from);
}

/* The test id of p, a new one (stored with the chunk of new tests) if the store has none. */
static int test_id(assay_run *r, const struct batch *b, const struct pending *p, uint64_t key,
		   int64_t *out, assay_err *err)
{
	if ((*out = map_get(&r->tests, key)))
		return 0;
	*out = r->next_test_id++;
	map_put(&r->tests, key, *out);
	return assay_testwriter_add(&r->newtests, *out, &key, str_at(b, p, S_SUITE),
				    str_at(b, p, S_CLASS), str_at(b, p, S_NAME), str_at(b, p, S_FILE),
				    p->line > 0 ? p->line : 0, err);
}

/* ---- batches ---- */

/* Store a batch: the writer thread's work, or the caller's for a small run. */
static int write_batch(assay_run *r, struct batch *b, assay_err *err)
{
	int rc;
	if (!r->tests_loaded && (rc = load_tests(r, err)) < 0)
		return rc;
	/* all the keys first, their slots on the way into the cache while the first are looked up */
	for (size_t i = 0; i < b->n; i++) {
		r->keys[i] = pending_key(b, &b->items[i]);
		if (r->tests.cap)
			__builtin_prefetch(&r->tests.slots[map_home(&r->tests, r->keys[i])]);
	}
	for (size_t i = 0; i < b->n; i++) {
		const struct pending *p = &b->items[i];
		struct assay_resentry e = {
			.status = p->status,
			.final = p->final,
			.attempt = p->attempt > 0 ? p->attempt : 1,
			.duration_us = p->duration_us,
		};
		if ((rc = test_id(r, b, p, r->keys[i], &e.test_id, err)) < 0 ||
		    (rc = assay_reswriter_add(&r->results, b->first_ord + (int64_t)i, &e,
					      str_at(b, p, S_MESSAGE), str_at(b, p, S_TYPE),
					      str_at(b, p, S_OUT), str_at(b, p, S_ERR), err)) < 0)
			return rc;
	}
	return 0;
}

static void batch_clear(struct batch *b)
{
	b->n = 0;
	assay_buf_reset(&b->arena);
}

static void *writer_main(void *arg)
{
	assay_run *r = arg;
	struct writer *w = &r->w;
	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (w->written == w->handed && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->written == w->handed)
			break;
		struct batch *b = &r->batches[w->written % NBATCH];
		pthread_mutex_unlock(&w->mu);
		assay_err err = ASSAY_ERR_INIT;
		int rc = w->rc ? 0 : write_batch(r, b, &err);
		pthread_mutex_lock(&w->mu);
		if (rc < 0 && !w->rc) {
			w->rc = rc;
			w->err = err;
		}
		batch_clear(b);
		w->written++;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Wait until the writer has nothing in hand; returns its first error. Caller holds w->mu. */
static int wait_idle(struct writer *w, assay_err *err)
{
	while (w->written != w->handed)
		pthread_cond_wait(&w->cv, &w->mu);
	if (w->rc && err)
		*err = w->err;
	return w->rc;
}

/* Hand the full current batch to the writer and go on with the next one, once it is free. */
static int hand_over(assay_run *r, assay_err *err)
{
	struct writer *w = &r->w;
	if (!w->started) {
		pthread_mutex_init(&w->mu, NULL);
		pthread_cond_init(&w->cv, NULL);
		if (pthread_create(&w->thread, NULL, writer_main, r) != 0) {
			pthread_mutex_destroy(&w->mu);
			pthread_cond_destroy(&w->cv);
			/* no thread: store it here and now */
			int rc = write_batch(r, r->cur, err);
			batch_clear(r->cur);
			return rc;
		}
		w->started = 1;
	}
	pthread_mutex_lock(&w->mu);
	int rc = w->rc;
	if (rc && err)
		*err = w->err;
	if (rc == 0) {
		w->handed++;
		pthread_cond_broadcast(&w->cv);
		while (w->handed - w->written >= NBATCH)
			pthread_cond_wait(&w->cv, &w->mu);
		r->cur = &r->batches[w->handed % NBATCH];
	}
	pthread_mutex_unlock(&w->mu);
	return rc;
}

/* Everything added so far is in the store (or an error says why not); the thread is gone. */
static int flush_results(assay_run *r, assay_err *err)
{
	int rc = 0;
	if (r->w.started) {
		struct writer *w = &r->w;
		pthread_mutex_lock(&w->mu);
		rc = wait_idle(w, err);
		w->stop = 1;
		pthread_cond_broadcast(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->thread, NULL);
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		w->started = 0;
		w->stop = 0;
		w->rc = 0;
	}
	if (rc == 0 && r->cur && r->cur->n)
		rc = write_batch(r, r->cur, err);
	if (r->cur)
		batch_clear(r->cur);
	if (rc == 0)
		rc = assay_reswriter_flush(&r->results, err);
	if (rc == 0)
		rc = assay_testwriter_flush(&r->newtests, err);
	return rc;
}

int assay_run_flush(assay_run *r, assay_err *err)
{
	return flush_results(r, err);
}

static size_t keep(struct batch *b, const char *s)
{
	if (!s)
		return NO_STRING;
	size_t off = b->arena.len;
	assay_buf_add(&b->arena, s, strlen(s) + 1);
	return off;
}

int assay_run_add_result(assay_run *r, const assay_result *res, assay_err *err)
{
	if (!r->cur)
		r->cur = &r->batches[0];
	struct batch *b = r->cur;
	if (b->n == BATCH) {
		int rc = hand_over(r, err);
		if (rc < 0)
			return rc;
		b = r->cur;
	}
	if (!b->items)
		b->items = assay_xmalloc(BATCH * sizeof(*b->items));
	if (!b->n)
		b->first_ord = r->ord;
	struct pending *p = &b->items[b->n++];
	/* these three first and together: pending_key() hashes them as they lie */
	p->str[S_SUITE] = keep(b, res->suite ? res->suite : "");
	p->str[S_CLASS] = keep(b, res->classname ? res->classname : "");
	p->str[S_NAME] = keep(b, res->name ? res->name : "");
	p->str[S_FILE] = keep(b, res->file);
	p->str[S_MESSAGE] = keep(b, res->message);
	p->str[S_TYPE] = keep(b, res->type);
	p->str[S_OUT] = keep(b, res->system_out);
	p->str[S_ERR] = keep(b, res->system_err);
	p->line = res->line;
	p->attempt = res->attempt;
	p->final = res->final;
	p->status = res->status;
	p->duration_us = res->duration_us;
	r->ord++;
	return 0;
}

int assay_run_file_id(assay_run *r, const char *path, int64_t *out, assay_err *err)
{
	int rc = flush_results(r, err);
	if (rc < 0)
		return rc;
	if (!r->file_insert &&
	    ((rc = assay_store_prepare(r->st, &r->file_insert,
		"INSERT INTO files(path) VALUES (?) ON CONFLICT DO NOTHING RETURNING id", err)) < 0 ||
	     (rc = assay_store_prepare(r->st, &r->file_select,
		"SELECT id FROM files WHERE path = ?", err)) < 0))
		return rc;
	sqlite3_stmt *s = r->file_insert;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	int step = sqlite3_step(s);
	int found = 0;
	if (step == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		found = 1;
		step = sqlite3_step(s);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return assay_store_error(r->st, err, "recording a file");
	if (found)
		return 0;
	s = r->file_select;
	sqlite3_bind_text(s, 1, path, -1, SQLITE_STATIC);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (step != SQLITE_ROW)
		return assay_store_error(r->st, err, "looking up a file");
	return 0;
}

static void bind_blob(sqlite3_stmt *s, int i, const assay_buf *b)
{
	if (b->len)
		sqlite3_bind_blob(s, i, b->buf, (int)b->len, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

int assay_run_add_coverage(assay_run *r, assay_covset *cs, assay_err *err)
{
	int rc = flush_results(r, err);
	if (rc < 0)
		return rc;
	assay_covset_finalize(cs);
	if (!r->cov_insert &&
	    (rc = assay_store_prepare(r->st, &r->cov_insert,
		"INSERT INTO coverage(run_id, file_id, lines_found, lines_hit, branches_found,"
		" branches_hit, functions_found, functions_hit, lines, branches, functions, digest)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", err)) < 0)
		return rc;
	assay_buf lines = ASSAY_BUF_INIT, branches = ASSAY_BUF_INIT, funcs = ASSAY_BUF_INIT;
	rc = 0;
	for (size_t i = 0; i < assay_covset_count(cs) && rc == 0; i++) {
		assay_filecov *f = assay_covset_at(cs, i);
		int64_t fid;
		if ((rc = assay_run_file_id(r, f->path, &fid, err)) < 0)
			break;
		assay_buf_reset(&lines);
		assay_buf_reset(&branches);
		assay_buf_reset(&funcs);
		assay_covblob_encode_lines(&lines, f);
		assay_covblob_encode_branches(&branches, f);
		assay_covblob_encode_functions(&funcs, f);
		sqlite3_stmt *s = r->cov_insert;
		sqlite3_bind_int64(s, 1, r->id);
		sqlite3_bind_int64(s, 2, fid);
		sqlite3_bind_int(s, 3, (int)f->lines_found);
		sqlite3_bind_int(s, 4, (int)f->lines_hit);
		sqlite3_bind_int(s, 5, (int)f->branches_found);
		sqlite3_bind_int(s, 6, (int)f->branches_hit);
		sqlite3_bind_int(s, 7, (int)f->functions_found);
		sqlite3_bind_int(s, 8, (int)f->functions_hit);
		bind_blob(s, 9, &lines);
		bind_blob(s, 10, &branches);
		bind_blob(s, 11, &funcs);
		sqlite3_bind_int64(s, 12, (int64_t)assay_covblob_digest(lines.buf, lines.len, branches.buf, branches.len,
									  funcs.buf, funcs.len));
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = assay_store_error(r->st, err, "recording coverage");
		sqlite3_reset(s);
	}
	assay_buf_release(&lines);
	assay_buf_release(&branches);
	assay_buf_release(&funcs);
	return rc;
}

static char *dup_or_null(const char *s)
{
	return s ? assay_xstrdup(s) : NULL;
}

void assay_run_add_warning(assay_run *r, const struct assay_run_warning *w)
{
	ASSAY_GROW(r->warnings, r->warnings_alloc, r->nwarnings + 1);
	r->warnings[r->nwarnings++] = (struct kept_warning){
		.kind = assay_xstrdup(w->kind), .input = dup_or_null(w->input),
		.subject = dup_or_null(w->subject), .message = assay_xstrdup(w->message),
		.detail = dup_or_null(w->detail), .line = w->line,
	};
}

static int write_warnings(assay_run *r, assay_err *err)
{
	if (!r->nwarnings)
		return 0;
	sqlite3_stmt *s;
	int rc = assay_store_prepare(r->st, &s,
		"INSERT INTO run_warnings(run_id, ord, kind, input, line, subject, message, detail)"
		" VALUES (?,?,?,?,?,?,?,?)", err);
	for (size_t i = 0; i < r->nwarnings && rc == 0; i++) {
		const struct kept_warning *w = &r->warnings[i];
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, r->id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		assay_store_bind_text(s, 3, w->kind);
		assay_store_bind_text(s, 4, w->input);
		if (w->line > 0)
			sqlite3_bind_int64(s, 5, w->line);
		else
			sqlite3_bind_null(s, 5);
		assay_store_bind_text(s, 6, w->subject);
		assay_store_bind_text(s, 7, w->message);
		assay_store_bind_text(s, 8, w->detail);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = assay_store_error(r->st, err, "recording a warning");
	}
	sqlite3_finalize(s);
	return rc;
}

int assay_run_finish(assay_run *r, const char *digest, assay_err *err)
{
	int rc = flush_results(r, err);
	if (rc == 0)
		rc = write_warnings(r, err);
	if (rc < 0)
		return rc;
	if (digest) {
		sqlite3_stmt *s;
		if ((rc = assay_store_prepare(r->st, &s, "SELECT id FROM runs WHERE digest = ?", err)) < 0)
			return rc;
		sqlite3_bind_text(s, 1, digest, -1, SQLITE_STATIC);
		int64_t earlier = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_finalize(s);
		if (earlier) {
			run_undo(r);
			r->finished = 1;
			r->id = earlier;
			return assay_err_set(err, ASSAY_EEXISTS,
					     "already ingested as run %lld: nothing changed", (long long)earlier);
		}
		if ((rc = assay_store_prepare(r->st, &s, "UPDATE runs SET digest = ? WHERE id = ?", err)) < 0)
			return rc;
		sqlite3_bind_text(s, 1, digest, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, r->id);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = assay_store_error(r->st, err, "recording the run's digest");
		sqlite3_finalize(s);
		if (rc < 0)
			return rc;
	}
	if ((rc = r->nested ? assay_store_exec(r->st, "RELEASE assay_run", err) : assay_store_commit(r->st, err)) < 0)
		return rc;
	r->finished = 1;
	return 0;
}

void assay_run_free(assay_run *r)
{
	if (!r)
		return;
	assay_err ignored = ASSAY_ERR_INIT;
	if (r->w.started)
		flush_results(r, &ignored); /* stops the thread; what it wrote is rolled back below */
	assay_reswriter_release(&r->results);
	assay_testwriter_release(&r->newtests);
	sqlite3_finalize(r->file_insert);
	sqlite3_finalize(r->file_select);
	sqlite3_finalize(r->cov_insert);
	if (!r->finished)
		run_undo(r);
	for (int i = 0; i < NBATCH; i++) {
		free(r->batches[i].items);
		assay_buf_release(&r->batches[i].arena);
	}
	for (size_t i = 0; i < r->nwarnings; i++) {
		struct kept_warning *w = &r->warnings[i];
		free(w->kind);
		free(w->input);
		free(w->subject);
		free(w->message);
		free(w->detail);
	}
	free(r->warnings);
	free(r->tests.slots);
	free(r);
}
