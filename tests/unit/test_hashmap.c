/* SPDX-License-Identifier: MIT */
/* lib/hashmap.c: the string -> integer map every table of Assay uses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "hashmap.h"

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
	struct assay_hashentry *e = assay_hashmap_upsert(&m, "alpha", 5, &created);
	assert_int_equal(created, 1);
	assert_int_equal(e->val, 0);
	e->val = 41;
	e = assay_hashmap_upsert(&m, "beta", 4, &created);
	e->val = 42;
	e = assay_hashmap_upsert(&m, "alpha", 5, &created);
	assert_int_equal(created, 0);
	assert_int_equal(e->val, 41);
	assert_string_equal(assay_hashmap_key(&m, e->off), "alpha");
	assert_int_equal(assay_hashmap_get(&m, "beta", 4, &v), 1);
	assert_int_equal(v, 42);
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
	assay_hashmap_upsert(&m, "", 0, &created)->val = 1;
	assert_int_equal(created, 1);
	assay_hashmap_upsert(&m, "a\0b", 3, &created)->val = 2;
	assert_int_equal(created, 1);
	assay_hashmap_upsert(&m, "a\0c", 3, &created)->val = 3;
	assert_int_equal(created, 1);
	assay_hashmap_upsert(&m, "a", 1, &created)->val = 4;
	assert_int_equal(created, 1);
	assay_hashmap_upsert(&m, "\0", 1, &created)->val = 5;
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
		assay_hashmap_upsert(&m, key, (size_t)len, &created)->val = i * 3;
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

/* Entries whose hashes agree but keys differ: each is found by its bytes. */
static void same_hash_other_keys(void **state)
{
	(void)state;
	assay_hashmap m;
	assay_hashmap_init(&m);
	const char *keys[] = { "one", "two", "three", "four" };
	for (uint64_t i = 0; i < 4; i++) {
		struct assay_hashentry *e = assay_hashmap_probe(&m, 99, keys[i], strlen(keys[i]));
		assert_int_equal(e->len1, 0);
		size_t off = m.own.len;
		assay_buf_adds(&m.own, keys[i]);
		assay_hashmap_claim(&m, e, 99, off, strlen(keys[i]), i);
	}
	for (uint64_t i = 0; i < 4; i++) {
		struct assay_hashentry *e = assay_hashmap_probe(&m, 99, keys[i], strlen(keys[i]));
		assert_int_equal(e->len1, strlen(keys[i]) + 1);
		assert_int_equal(e->val, i);
	}
	assert_int_equal(assay_hashmap_probe(&m, 99, "five", 4)->len1, 0);
	assay_hashmap_free(&m);
}

/* Keys kept in the caller's arena, found by their offsets there, never copied. */
static void keys_in_the_callers_arena(void **state)
{
	(void)state;
	assay_buf arena = ASSAY_BUF_INIT;
	assay_hashmap m;
	assay_hashmap_init_over(&m, &arena);
	const char *words[] = { "suite", "class", "suite", "file", "class" };
	uint64_t idx[5], next = 0;
	for (int i = 0; i < 5; i++) {
		size_t len = strlen(words[i]);
		uint64_t h = assay_hashmap_hash(words[i], len);
		struct assay_hashentry *e = assay_hashmap_probe(&m, h, words[i], len);
		if (!e->len1) {
			assay_buf_addc(&arena, '#'); /* the caller's own framing between keys */
			assay_hashmap_claim(&m, e, h, arena.len, len, next++);
			assay_buf_add(&arena, words[i], len);
		}
		idx[i] = e->val;
	}
	assert_int_equal(next, 3);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 1);
	assert_int_equal(idx[2], 0);
	assert_int_equal(idx[3], 2);
	assert_int_equal(idx[4], 1);
	assert_int_equal(m.own.len, 0);
	assert_string_equal(arena.buf, "#suite#class#file");
	uint64_t v;
	assert_int_equal(assay_hashmap_get(&m, "file", 4, &v), 1);
	assert_int_equal(v, 2);
	assay_hashmap_free(&m);
	assay_buf_release(&arena);
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
	assay_hashmap_upsert(&m, "k1", 2, &created)->val = 5;
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
		cmocka_unit_test(keys_in_the_callers_arena),
		cmocka_unit_test(clear_and_reserve),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
