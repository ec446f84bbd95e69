/* SPDX-License-Identifier: MIT */
#include "testkeys.h"

static uint64_t get_le64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void put_le64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		p[i] = (unsigned char)v;
}

int assay_testkeys_load(assay_store *st, void (*put)(void *ud, uint64_t key, int64_t id), void *ud,
			assay_err *err)
{
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, "SELECT first_id, keys FROM test_keys", err);
	if (rc < 0)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const unsigned char *p = sqlite3_column_blob(s, 1);
		size_t n = (size_t)sqlite3_column_bytes(s, 1);
		if (n % 8) {
			sqlite3_finalize(s);
			return assay_err_set(err, ASSAY_EDB, "%s: the keys of tests from %lld are damaged",
					     assay_store_path(st), (long long)id);
		}
		for (size_t i = 0; i < n; i += 8)
			put(ud, get_le64(p + i), id++);
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return assay_store_error(st, err, "reading the tests' keys");
	return 0;
}

int assay_testkeys_append(assay_store *st, int64_t first_id, const uint64_t *keys, size_t n,
			  assay_err *err)
{
	if (!n)
		return 0;
	sqlite3_stmt *s;
	int rc = assay_store_prepare(st, &s, "INSERT INTO test_keys(first_id, keys) VALUES (?, ?)", err);
	if (rc < 0)
		return rc;
	sqlite3_bind_int64(s, 1, first_id);
	unsigned char *blob = sqlite3_malloc64(n * 8);
	if (!blob) {
		sqlite3_finalize(s);
		return assay_err_set(err, ASSAY_EDB, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		put_le64(blob + 8 * i, keys[i]);
	sqlite3_bind_blob64(s, 2, blob, n * 8, sqlite3_free);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = assay_store_error(st, err, "recording the tests' keys");
	sqlite3_finalize(s);
	return rc;
}
