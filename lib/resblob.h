/* SPDX-License-Identifier: MIT */
/*
 * A run's test results, stored compactly.
 *
 * A million-test run is a million results; as rows they cost more to
 * write than the XML costs to parse.  So the results of a run are kept in
 * chunks (table result_chunks): one blob holds up to ASSAY_RESBLOB_CHUNK
 * results, in input order, ord = first_ord + position.  Each result is
 *
 *   varint  zigzag(test_id - previous test_id in the chunk)
 *   byte    flags: bits 0-1 status (enum assay_status), bit 2 final,
 *           bit 3 a duration follows, bit 4 texts in result_texts,
 *           bit 5 an attempt number follows (else attempt 1)
 *   varint  attempt         (bit 5)
 *   varint  duration_us     (bit 3)
 *
 * about five bytes a result.  Texts (message, type, system-out,
 * system-err) are rows of result_texts, since few results have any.
 *
 * SQL sees the rows as before: every connection the store opens has the
 * virtual table `results` (results_vtab.c), read-only, with the columns
 * run_id, ord, test_id, attempt, final, status, duration_us, message,
 * type, system_out, system_err.  `WHERE run_id = ?` reads that run only.
 */
#ifndef ASSAY_RESBLOB_H
#define ASSAY_RESBLOB_H

#include "buf.h"
#include "err.h"
#include "model.h"
#include "store.h"

#include <stdint.h>

#define ASSAY_RESBLOB_CHUNK 4096

struct assay_resentry {
	int64_t test_id;
	enum assay_status status;
	int final;
	int has_texts;
	int attempt;         /* 1 for the first */
	int64_t duration_us; /* -1: none */
};

/* Append e to a chunk; *prev_tid is the previous entry's test id (0 at a chunk's start). */
void assay_resblob_put(assay_buf *chunk, int64_t *prev_tid, const struct assay_resentry *e);

/* Read the entry at *p: 1 read (and *p moved on), 0 at end, -1 damaged. */
int assay_resblob_next(const unsigned char **p, const unsigned char *end, int64_t *prev_tid,
		       struct assay_resentry *e);

/*
 * Writes one run's results into result_chunks and result_texts, a chunk
 * at a time.  The caller holds the transaction.
 */
typedef struct assay_reswriter {
	assay_store *st;
	int64_t run_id;
	assay_buf chunk;
	int64_t first_ord, next_ord;
	size_t n;
	int64_t prev_tid;
	sqlite3_stmt *chunk_insert, *text_insert;
} assay_reswriter;

void assay_reswriter_init(assay_reswriter *w, assay_store *st, int64_t run_id);

/* Add the result numbered ord (texts may be NULL); a gap in ords starts a new chunk. */
int assay_reswriter_add(assay_reswriter *w, int64_t ord, const struct assay_resentry *e,
			const char *message, const char *type, const char *system_out,
			const char *system_err, assay_err *err);

/* Store the chunk in hand, so SQL sees every result added. */
int assay_reswriter_flush(assay_reswriter *w, assay_err *err);

/* Free the writer (what was not flushed is dropped). */
void assay_reswriter_release(assay_reswriter *w);

#endif
