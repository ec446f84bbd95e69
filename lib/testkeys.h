/* SPDX-License-Identifier: MIT */
/*
 * The keys of the store's tests, for writers to find a test by key.
 *
 * A test's key is the XXH3-64 of its suite, classname and name, each
 * NUL-terminated.  A run's writer needs every key of the store before it
 * stores a result, so the keys are kept apart from the tests' names, in
 * table test_keys: each row holds the keys of the consecutive test ids
 * first_id, first_id + 1, ..., 8 bytes each, little-endian.  Loading a
 * million reads 8 MB, not the whole tests table.
 */
#ifndef ASSAY_TESTKEYS_H
#define ASSAY_TESTKEYS_H

#include "err.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>

/* Call put(ud, key, id) for every test of the store. */
int assay_testkeys_load(assay_store *st, void (*put)(void *ud, uint64_t key, int64_t id), void *ud,
			assay_err *err);

/* Store the keys of the new tests first_id .. first_id + n - 1. */
int assay_testkeys_append(assay_store *st, int64_t first_id, const uint64_t *keys, size_t n,
			  assay_err *err);

#endif
