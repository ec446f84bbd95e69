/* SPDX-License-Identifier: MIT */
#include "resblob.h"
#include "varint.h"

#include <string.h>

enum {
	F_STATUS = 0x03,
	F_FINAL = 0x04,
	F_DURATION = 0x08,
	F_TEXTS = 0x10,
	F_ATTEMPT = 0x20,
	F_KNOWN = 0x3f,
};

static uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t unzigzag(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

void assay_resblob_put(assay_buf *chunk, int64_t *prev_tid, const struct assay_resentry *e)
{
	assay_varint_put(chunk, zigzag(e->test_id - *prev_tid));
	*prev_tid = e->test_id;
	unsigned flags = (unsigned)e->status & F_STATUS;
	if (e->final)
		flags |= F_FINAL;
	if (e->duration_us >= 0)
		flags |= F_DURATION;
	if (e->has_texts)
		flags |= F_TEXTS;
	if (e->attempt != 1)
		flags |= F_ATTEMPT;
	assay_buf_addc(chunk, (char)flags);
	if (flags & F_ATTEMPT)
		assay_varint_put(chunk, (uint64_t)(e->attempt > 0 ? e->attempt : 1));
	if (flags & F_DURATION)
		assay_varint_put(chunk, (uint64_t)e->duration_us);
}

int assay_resblob_next(const unsigned char **p, const unsigned char *end, int64_t *prev_tid,
		       struct assay_resentry *e)
{
	if (*p == end)
		return 0;
	uint64_t delta, v;
	if (assay_varint_get(p, end, &delta) < 0 || *p == end)
		return -1;
	unsigned flags = *(*p)++;
	if (flags & ~(unsigned)F_KNOWN)
		return -1;
	e->test_id = *prev_tid + unzigzag(delta);
	*prev_tid = e->test_id;
	e->status = (enum assay_status)(flags & F_STATUS);
	e->final = !!(flags & F_FINAL);
	e->has_texts = !!(flags & F_TEXTS);
	e->attempt = 1;
	e->duration_us = -1;
	if (flags & F_ATTEMPT) {
		if (assay_varint_get(p, end, &v) < 0 || v > INT32_MAX)
			return -1;
		e->attempt = (int)v;
	}
	if (flags & F_DURATION) {
		if (assay_varint_get(p, end, &v) < 0 || v > INT64_MAX)
			return -1;
		e->duration_us = (int64_t)v;
	}
	return 1;
}

/* ---- the writer ---- */

void assay_reswriter_init(assay_reswriter *w, assay_store *st, int64_t run_id)
{
	memset(w, 0, sizeof(*w));
	w->st = st;
	w->run_id = run_id;
	assay_buf_init(&w->chunk);
}

int assay_reswriter_flush(assay_reswriter *w, assay_err *err)
{
	if (!w->n)
		return 0;
	int rc;
	if (!w->chunk_insert &&
	    (rc = assay_store_prepare(w->st, &w->chunk_insert,
		"INSERT INTO result_chunks(run_id, first_ord, n, data) VALUES (?,?,?,?)", err)) < 0)
		return rc;
	sqlite3_stmt *s = w->chunk_insert;
	sqlite3_bind_int64(s, 1, w->run_id);
	sqlite3_bind_int64(s, 2, w->first_ord);
	sqlite3_bind_int64(s, 3, (int64_t)w->n);
	sqlite3_bind_blob(s, 4, w->chunk.buf, (int)w->chunk.len, SQLITE_STATIC);
	int step = sqlite3_step(s);
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return assay_store_error(w->st, err, "recording test results");
	assay_buf_reset(&w->chunk);
	w->n = 0;
	w->prev_tid = 0;
	return 0;
}

static int add_texts(assay_reswriter *w, int64_t ord, const char *message, const char *type,
		     const char *out, const char *errtext, assay_err *err)
{
	int rc;
	if (!w->text_insert &&
	    (rc = assay_store_prepare(w->st, &w->text_insert,
		"INSERT INTO result_texts(run_id, ord, message, type, system_out, system_err)"
		" VALUES (?,?,?,?,?,?)", err)) < 0)
		return rc;
	sqlite3_stmt *s = w->text_insert;
	sqlite3_bind_int64(s, 1, w->run_id);
	sqlite3_bind_int64(s, 2, ord);
	assay_store_bind_text(s, 3, message);
	assay_store_bind_text(s, 4, type);
	assay_store_bind_text(s, 5, out);
	assay_store_bind_text(s, 6, errtext);
	int step = sqlite3_step(s);
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return assay_store_error(w->st, err, "recording a test's messages");
	return 0;
}

int assay_reswriter_add(assay_reswriter *w, int64_t ord, const struct assay_resentry *e,
			const char *message, const char *type, const char *system_out,
			const char *system_err, assay_err *err)
{
	int rc;
	if (w->n && (ord != w->next_ord || w->n == ASSAY_RESBLOB_CHUNK) &&
	    (rc = assay_reswriter_flush(w, err)) < 0)
		return rc;
	if (!w->n)
		w->first_ord = ord;
	struct assay_resentry x = *e;
	x.has_texts = message || type || system_out || system_err;
	if (x.has_texts && (rc = add_texts(w, ord, message, type, system_out, system_err, err)) < 0)
		return rc;
	assay_resblob_put(&w->chunk, &w->prev_tid, &x);
	w->n++;
	w->next_ord = ord + 1;
	return 0;
}

void assay_reswriter_release(assay_reswriter *w)
{
	sqlite3_finalize(w->chunk_insert);
	sqlite3_finalize(w->text_insert);
	assay_buf_release(&w->chunk);
	memset(w, 0, sizeof(*w));
}
