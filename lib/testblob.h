/* SPDX-License-Identifier: MIT */
/*
 * The store's tests (their suite, class, name, file and line), stored
 * compactly.
 *
 * A big first ingest meets a million new tests; as rows of a table they
 * cost more to insert than the XML costs to parse.  So tests are kept in
 * chunks (table test_chunks): the blob of the row first_id holds the
 * consecutive tests first_id, first_id + 1, ... (at most
 * ASSAY_TESTBLOB_CHUNK).  Suite names, class names and files repeat from
 * test to test, so a chunk keeps each once, in a table of strings:
 *
 *   varint  number of strings, then each: varint length, its bytes
 *   per test:
 *     varint  suite: index into the strings
 *     varint  classname: index into the strings
 *     varint  name's length, its bytes (names seldom repeat: kept in place)
 *     varint  file: 0 none, else index into the strings + 1
 *     varint  line: 0 none
 *
 * SQL sees the tests as before: every connection the store opens has the
 * virtual table `tests` (tests_vtab.c), read-only, with the columns id,
 * suite, classname, name, file, line.  `WHERE id = ?` reads one chunk, and
 * the next id in it (a join from results asks in order) reads nothing more.
 * Tests are never changed or deleted once stored, only added.
 */
#ifndef ASSAY_TESTBLOB_H
#define ASSAY_TESTBLOB_H

#include "buf.h"
#include "err.h"
#include "hashmap.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>

#define ASSAY_TESTBLOB_CHUNK 4096

/* A string of a decoded chunk: not NUL-terminated. */
struct assay_teststr {
	const char *s;
	size_t len;
};

struct assay_testentry {
	uint32_t suite, classname; /* indexes into the chunk's strings */
	uint32_t file;             /* 0 none, else index + 1 */
	struct assay_teststr name;
	long line;                 /* 0 none */
};

/* A chunk read back; its strings and names point into data, which it owns. */
typedef struct assay_testchunk {
	int64_t first_id;
	size_t n;
	struct assay_testentry *e;
	struct assay_teststr *strs;
	size_t nstrs;
	unsigned char *data;
	size_t e_alloc, strs_alloc, data_alloc;
} assay_testchunk;

/* Decode the blob of the chunk first_id (copied); 0, or -1 when it is damaged. */
int assay_testchunk_decode(assay_testchunk *c, int64_t first_id, const void *blob, size_t len);
void assay_testchunk_release(assay_testchunk *c);

/*
 * Writes tests into test_chunks, a chunk at a time, and their keys into
 * test_keys (testkeys.h), a row for each chunk.  Ids come in ascending
 * order, usually consecutive; a gap starts a new chunk.  The caller holds
 * the transaction.
 */
typedef struct assay_testwriter {
	assay_store *st;
	int64_t first_id;
	size_t n;
	assay_buf strs;    /* the chunk's table of strings, encoded */
	assay_buf entries; /* its tests, encoded */
	assay_buf keys;    /* their keys (uint64_t), when given */
	size_t nstrs;
	/* string -> index in the chunk's table; keys are the strings' bytes in strs */
	assay_hashmap str_index;
	struct assay_teststr_at {
		size_t off, len;
	} *str_at; /* where each string's bytes are in strs, by index */
	size_t str_at_alloc;
	assay_buf blob; /* the chunk as stored */
	sqlite3_stmt *insert;
} assay_testwriter;

void assay_testwriter_init(assay_testwriter *w, assay_store *st);

/*
 * Add the test id with its key, or with key NULL when test_keys has it
 * already (a migration); file may be NULL, line 0 for none.
 */
int assay_testwriter_add(assay_testwriter *w, int64_t id, const uint64_t *key, const char *suite,
			 const char *classname, const char *name, const char *file, long line,
			 assay_err *err);

/* Store the chunk in hand (and its keys), so SQL sees every test added. */
int assay_testwriter_flush(assay_testwriter *w, assay_err *err);

/* Free the writer (what was not flushed is dropped). */
void assay_testwriter_release(assay_testwriter *w);

/* The id the next new test gets: one past the last stored. */
int assay_testblob_next_id(assay_store *st, int64_t *out, assay_err *err);

#endif
