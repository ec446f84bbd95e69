/* SPDX-License-Identifier: MIT */
/* lib/hashmap.c: the string -> integer map every table of Assay uses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "hashmap.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static void inserts_and_lookups(void **state)
{
	(void)state;
	assay_hashmap m;
	assay_hashmap_init(&m);
	uint64_t v = 7;
	assert_int_equal(assay_hashmap_get(&m, "a", 1, &v), 0);
	assert_int_equal(v, 7);
	int created;
	uint64_t *val = assay_hashmap_upsert(&m, "alpha", 5, &created);
	assert_int_equal(created, 1);
	assert_int_equal(*val, 0);
	*val = 41;
	val = assay_hashmap_upsert(&m, "beta", 4, &created);
	assert_int_equal(created, 1);
	*val = UINT64_MAX; /* the map's own keys take a full 64-bit value */
	val = assay_hashmap_upsert(&m, "alpha", 5, &created);
	assert_int_equal(created, 0);
	assert_int_equal(*val, 41);
	assert_int_equal(assay_hashmap_get(&m, "beta", 4, &v), 1);
	assert_true(v == UINT64_MAX);
	/* a prefix, and a key one byte longer, are other keys */
	assert_int_equal(assay_hashmap_get(&m, "alph", 4, &v), 0);
	assert_int_equal(assay_hashmap_get(&m, "alphaa", 6, &v), 0);
	assert_int_equal(m.n, 2);
	assay_hashmap_free(&m);
}

static void empty_key_and_nul_bytes(void **state)
{
	(void)state;
	assay_hashmap m;
	assay_hashmap_init(&m);
	int created;
	*assay_hashmap_upsert(&m, "", 0, &created) = 1;
	assert_int_equal(created, 1);
	*assay_hashmap_upsert(&m, "a\0b", 3, &created) = 2;
	assert_int_equal(created, 1);
	*assay_hashmap_upsert(&m, "a\0c", 3, &created) = 3;
	assert_int_equal(created, 1);
	*assay_hashmap_upsert(&m, "a", 1, &created) = 4;
	assert_int_equal(created, 1);
	*assay_hashmap_upsert(&m, "\0", 1, &created) = 5;
	assert_int_equal(created, 1);
	assert_int_equal(m.n, 5);
	uint64_t v;
	assert_int_equal(assay_hashmap_get(&m, "", 0, &v), 1);
	assert_int_equal(v, 1);
	assert_int_equal(assay_hashmap_get(&m, "a\0b", 3, &v), 1);
	assert_int_equal(v, 2);
	assert_int_equal(assay_hashmap_get(&m, "a\0c", 3, &v), 1);
	assert_int_equal(v, 3);
	assert_int_equal(assay_hashmap_get(&m, "a", 1, &v), 1);
	assert_int_equal(v, 4);
	assert_int_equal(assay_hashmap_get(&m, "\0", 1, &v), 1);
	assert_int_equal(v, 5);
	assert_int_equal(assay_hashmap_get(&m, "a\0", 2, &v), 0);
	assay_hashmap_free(&m);
}

/* 100,000 keys: many share their home slot, and the table doubles from 64 slots a dozen times. */
static void many_keys_grow_and_collide(void **state)
{
	(void)state;
	enum { N = 100000 };
	assay_hashmap m;
	assay_hashmap_init(&m);
	char key[32];
	for (unsigned i = 0; i < N; i++) {
		int len = snprintf(key, sizeof(key), "test_%u", i), created;
		*assay_hashmap_upsert(&m, key, (size_t)len, &created) = i * 3;
		assert_int_equal(created, 1);
	}
	assert_int_equal(m.n, N);
	assert_true(m.nslots >= 2 * N);
	assert_int_equal(m.nslots & (m.nslots - 1), 0);
	for (unsigned i = 0; i < N; i++) {
		int len = snprintf(key, sizeof(key), "test_%u", i);
		uint64_t v;
		assert_int_equal(assay_hashmap_get(&m, key, (size_t)len, &v), 1);
		assert_int_equal(v, i * 3);
	}
	for (unsigned i = N; i < N + 1000; i++) {
		int len = snprintf(key, sizeof(key), "test_%u", i);
		uint64_t v;
		assert_int_equal(assay_hashmap_get(&m, key, (size_t)len, &v), 0);
	}
	assay_hashmap_free(&m);
}

/* The caller's records, for maps over the caller's keys: val is an index into w. */
struct words {
	const char **w;
	int compared; /* calls of same_word */
};

static int same_word(const void *ud, uint32_t val, const void *key, size_t len)
{
	struct words *ws = (struct words *)(uintptr_t)ud;
	ws->compared++;
	return strlen(ws->w[val]) == len && !memcmp(ws->w[val], key, len);
}

/* Entries whose hashes agree but keys differ: each is found by its key. */
static void same_hash_other_keys(void **state)
{
	(void)state;
	const char *keys[] = { "one", "two", "three", "four" };
	struct words ws = { keys, 0 };
	assay_hashmap m;
	assay_hashmap_init_by(&m, same_word, &ws);
	for (uint32_t i = 0; i < 4; i++) {
		struct assay_hashentry *e = assay_hashmap_probe(&m, 99, keys[i], strlen(keys[i]));
		assert_int_equal(e->hash, 0);
		assay_hashmap_claim(&m, e, 99, i);
	}
	assert_int_equal(ws.compared, 0 + 1 + 2 + 3); /* each new key against those before */
	for (uint32_t i = 0; i < 4; i++) {
		struct assay_hashentry *e = assay_hashmap_probe(&m, 99, keys[i], strlen(keys[i]));
		assert_int_equal(e->hash, 99);
		assert_int_equal(e->val, i);
	}
	assert_int_equal(assay_hashmap_probe(&m, 99, "five", 4)->hash, 0);
	assay_hashmap_free(&m);
}

/* A hash whose low 32 bits are 0 is kept as 1, not taken for a free entry. */
static void hash_with_low_bits_zero(void **state)
{
	(void)state;
	const char *keys[] = { "zero", "one" };
	struct words ws = { keys, 0 };
	assay_hashmap m;
	assay_hashmap_init_by(&m, same_word, &ws);
	uint64_t h0 = (uint64_t)7 << 32;
	assay_hashmap_claim(&m, assay_hashmap_probe(&m, h0, "zero", 4), h0, 0);
	assert_int_equal(assay_hashmap_probe(&m, h0, "zero", 4)->hash, 1);
	assay_hashmap_claim(&m, assay_hashmap_probe(&m, 1, "one", 3), 1, 1);
	assert_int_equal(m.n, 2);
	assert_int_equal(assay_hashmap_probe(&m, h0, "zero", 4)->val, 0);
	assert_int_equal(assay_hashmap_probe(&m, 1, "one", 3)->val, 1);
	assert_int_equal(assay_hashmap_probe(&m, h0, "two", 3)->hash, 0);
	assay_hashmap_free(&m);
}

/* Keys the caller keeps: found through its records, never copied, compared on a hash match. */
static void keys_kept_by_the_caller(void **state)
{
	(void)state;
	const char *words[] = { "suite", "class", "suite", "file", "class" };
	const char *kept[5];
	struct words ws = { kept, 0 };
	assay_hashmap m;
	assay_hashmap_init_by(&m, same_word, &ws);
	uint32_t idx[5], next = 0;
	for (int i = 0; i < 5; i++) {
		size_t len = strlen(words[i]);
		uint64_t h = assay_hashmap_hash(words[i], len);
		struct assay_hashentry *e = assay_hashmap_probe(&m, h, words[i], len);
		if (!e->hash) {
			assay_hashmap_claim(&m, e, h, next);
			kept[next++] = words[i];
		}
		idx[i] = e->val;
	}
	assert_int_equal(next, 3);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], 0);
	assert_int_equal(idx[3], 2);
	assert_int_equal(idx[4], 1);
	assert_int_equal(ws.compared, 2); /* the two repeats; no new key's hash matched another's */
	assert_int_equal(m.own.len, 0);
	uint64_t v;
	assert_int_equal(assay_hashmap_get(&m, "file", 4, &v), 1);
	assert_int_equal(v, 2);
	assert_int_equal(assay_hashmap_get(&m, "files", 5, &v), 0);
	assay_hashmap_free(&m);
}

/* An entry is 8 bytes; a kept key costs its value, length and bytes, in multiples of 8. */
static void entries_are_compact(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct assay_hashentry), 8);
	assay_hashmap m;
	assay_hashmap_init(&m);
	int created;
	assay_hashmap_upsert(&m, "", 0, &created);
	assert_int_equal(m.own.len, 16);
	assay_hashmap_upsert(&m, "1234", 4, &created);
	assert_int_equal(m.own.len, 32);
	assay_hashmap_upsert(&m, "12345", 5, &created);
	assert_int_equal(m.own.len, 56);
	assay_hashmap_upsert(&m, "1234", 4, &created);
	assert_int_equal(created, 0);
	assert_int_equal(m.own.len, 56);
	assay_hashmap_free(&m);
}

static void clear_and_reserve(void **state)
{
	(void)state;
	assay_hashmap m;
	assay_hashmap_init(&m);
	assay_hashmap_reserve(&m, 1000);
	size_t nslots = m.nslots;
	assert_true(nslots >= 2000);
	int created;
	char key[16];
	for (int i = 0; i < 1000; i++) {
		int len = snprintf(key, sizeof(key), "k%d", i);
		assay_hashmap_upsert(&m, key, (size_t)len, &created);
	}
	assert_int_equal(m.nslots, nslots); /* reserved: no growth */
	assay_hashmap_clear(&m);
	assert_int_equal(m.n, 0);
	assert_int_equal(m.own.len, 0);
	uint64_t v;
	assert_int_equal(assay_hashmap_get(&m, "k1", 2, &v), 0);
	*assay_hashmap_upsert(&m, "k1", 2, &created) = 5;
	assert_int_equal(created, 1);
	assert_int_equal(assay_hashmap_get(&m, "k1", 2, &v), 1);
	assert_int_equal(v, 5);
	assay_hashmap_free(&m);
	assay_hashmap_free(&m); /* freeing twice is harmless: the map is empty after the first */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inserts_and_lookups),
		cmocka_unit_test(empty_key_and_nul_bytes),
		cmocka_unit_test(many_keys_grow_and_collide),
		cmocka_unit_test(same_hash_other_keys),
		cmocka_unit_test(hash_with_low_bits_zero),
		cmocka_unit_test(keys_kept_by_the_caller),
		cmocka_unit_test(entries_are_compact),
		cmocka_unit_test(clear_and_reserve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
