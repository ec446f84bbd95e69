/* SPDX-License-Identifier: MIT */
#include "testblob.h"
#include "mem.h"
#include "testkeys.h"
#include "varint.h"

#include <limits.h>
#include <string.h>

/* ---- reading ---- */

static int get_index(const unsigned char **p, const unsigned char *end, size_t limit, uint32_t *out)
{
	uint64_t v;
	if (assay_varint_get(p, end, &v) < 0 || v >= limit)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int get_str(const unsigned char **p, const unsigned char *end, struct assay_teststr *out)
{
	uint64_t len;
	if (assay_varint_get(p, end, &len) < 0 || len > (uint64_t)(end - *p))
		return -1;
	out->s = (const char *)*p;
	out->len = (size_t)len;
	*p += len;
	return 0;
}

int assay_testchunk_decode(assay_testchunk *c, int64_t first_id, const void *blob, size_t len)
{
	c->first_id = first_id;
	c->n = 0;
	c->nstrs = 0;
	ASSAY_GROW(c->data, c->data_alloc, len ? len : 1);
	if (len)
		memcpy(c->data, blob, len);
	const unsigned char *p = c->data, *end = c->data + len;
	uint64_t nstrs;
	/* each string takes a byte at least: a count beyond that is damage, not a size to allocate */
	if (assay_varint_get(&p, end, &nstrs) < 0 || nstrs > (uint64_t)(end - p))
		return -1;
	ASSAY_GROW(c->strs, c->strs_alloc, (size_t)nstrs);
	for (; c->nstrs < nstrs; c->nstrs++)
		if (get_str(&p, end, &c->strs[c->nstrs]) < 0)
			return -1;
	while (p < end) {
		ASSAY_GROW(c->e, c->e_alloc, c->n + 1);
		struct assay_testentry *e = &c->e[c->n];
		uint64_t line;
		if (get_index(&p, end, c->nstrs, &e->suite) < 0 ||
		    get_index(&p, end, c->nstrs, &e->classname) < 0 || get_str(&p, end, &e->name) < 0 ||
		    get_index(&p, end, c->nstrs + 1, &e->file) < 0 ||
		    assay_varint_get(&p, end, &line) < 0 || line > LONG_MAX)
			return -1;
		e->line = (long)line;
		c->n++;
	}
	return 0;
}

void assay_testchunk_release(assay_testchunk *c)
{
	free(c->e);
	free(c->strs);
	free(c->data);
	memset(c, 0, sizeof(*c));
}

/* ---- writing ---- */

/* Is the chunk's string val the len bytes at key? */
static int same_str(const void *ud, uint32_t val, const void *key, size_t len)
{
	const assay_testwriter *w = ud;
	return w->str_at[val].len == len && !memcmp(w->strs.buf + w->str_at[val].off, key, len);
}

void assay_testwriter_init(assay_testwriter *w, assay_store *st)
{
	memset(w, 0, sizeof(*w));
	w->st = st;
	assay_buf_init(&w->strs);
	assay_hashmap_init_by(&w->str_index, same_str, w);
	assay_buf_init(&w->entries);
	assay_buf_init(&w->keys);
	assay_buf_init(&w->blob);
}

/* The index of s in the chunk's strings, added if new. */
static uint32_t str_index(assay_testwriter *w, const char *s)
{
	size_t len = strlen(s);
	uint64_t h = assay_hashmap_hash(s, len);
	struct assay_hashentry *e = assay_hashmap_probe(&w->str_index, h, s, len);
	if (e->hash)
		return e->val;
	assay_hashmap_claim(&w->str_index, e, h, (uint32_t)w->nstrs);
	assay_varint_put(&w->strs, len);
	ASSAY_GROW(w->str_at, w->str_at_alloc, w->nstrs + 1);
	w->str_at[w->nstrs] = (struct assay_teststr_at){ w->strs.len, len };
	assay_buf_add(&w->strs, s, len);
	return (uint32_t)w->nstrs++;
}

int assay_testwriter_add(assay_testwriter *w, int64_t id, const uint64_t *key, const char *suite,
			 const char *classname, const char *name, const char *file, long line,
			 assay_err *err)
{
	if (w->n && (id != w->first_id + (int64_t)w->n || w->n == ASSAY_TESTBLOB_CHUNK)) {
		int rc = assay_testwriter_flush(w, err);
		if (rc < 0)
			return rc;
	}
	if (!w->n)
		w->first_id = id;
	assay_varint_put(&w->entries, str_index(w, suite));
	assay_varint_put(&w->entries, str_index(w, classname));
	size_t len = strlen(name);
	assay_varint_put(&w->entries, len);
	assay_buf_add(&w->entries, name, len);
	assay_varint_put(&w->entries, file ? (uint64_t)str_index(w, file) + 1 : 0);
	assay_varint_put(&w->entries, line > 0 ? (uint64_t)line : 0);
	if (key)
		assay_buf_add(&w->keys, key, sizeof(*key));
	w->n++;
	return 0;
}

int assay_testwriter_flush(assay_testwriter *w, assay_err *err)
{
	if (!w->n)
		return 0;
	int rc = 0;
	if (!w->insert &&
	    (rc = assay_store_prepare(w->st, &w->insert,
				      "INSERT INTO test_chunks(first_id, n, data) VALUES (?, ?, ?)", err)) < 0)
		return rc;
	assay_buf_reset(&w->blob);
	assay_varint_put(&w->blob, w->nstrs);
	assay_buf_add(&w->blob, w->strs.buf, w->strs.len);
	assay_buf_add(&w->blob, w->entries.buf, w->entries.len);
	sqlite3_bind_int64(w->insert, 1, w->first_id);
	sqlite3_bind_int64(w->insert, 2, (int64_t)w->n);
	sqlite3_bind_blob(w->insert, 3, w->blob.buf, (int)w->blob.len, SQLITE_STATIC);
	if (sqlite3_step(w->insert) != SQLITE_DONE)
		rc = assay_store_error(w->st, err, "recording tests");
	sqlite3_reset(w->insert);
	if (rc == 0)
		rc = assay_testkeys_append(w->st, w->first_id, (const uint64_t *)(void *)w->keys.buf,
					   w->keys.len / sizeof(uint64_t), err);
	w->n = 0;
	w->nstrs = 0;
	assay_hashmap_clear(&w->str_index);
	assay_buf_reset(&w->strs);
	assay_buf_reset(&w->entries);
	assay_buf_reset(&w->keys);
	return rc;
}

void assay_testwriter_release(assay_testwriter *w)
{
	sqlite3_finalize(w->insert);
	assay_hashmap_free(&w->str_index);
	free(w->str_at);
	assay_buf_release(&w->strs);
	assay_buf_release(&w->entries);
	assay_buf_release(&w->keys);
	assay_buf_release(&w->blob);
	memset(w, 0, sizeof(*w));
}

int assay_testblob_next_id(assay_store *st, int64_t *out, assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s,
		"SELECT first_id + n FROM test_chunks ORDER BY first_id DESC LIMIT 1", err);
	if (rc < 0)
		return rc;
	int step = sqlite3_step(s);
	*out = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 1;
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = assay_store_error(st, err, "reading the tests' ids");
	sqlite3_finalize(s);
	return rc;
}
