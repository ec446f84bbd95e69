/* SPDX-License-Identifier: MIT */
/*
 * A map from byte strings (any bytes, NUL included, the empty string too)
 * to an integer, usually an index into the caller's array.
 *
 * Keys are hashed with XXH3 and looked up by open addressing with linear
 * probing over a power-of-two table at most half full.  An entry is 8
 * bytes: 32 bits of the key's hash and a 32-bit value, so a probe compares
 * keys only when the hashes agree and a table of n keys costs 16n-32n
 * bytes.  The key's bytes are not in the entry.  Either the map keeps them
 * (assay_hashmap_init: assay_hashmap_upsert copies a new key into the
 * map's arena, next to its 64-bit value, and the entry's value says where)
 * or the caller does (assay_hashmap_init_by: the entry's value is the
 * caller's, say the index of the record that holds the key, and the
 * caller's same() tells whether that record's key is the one looked up),
 * so that a key its user keeps already is never copied.
 *
 * Owner: the caller of assay_hashmap_init*, which frees with
 * assay_hashmap_free.  An entry or value pointer is valid until the next
 * probe or upsert (either may grow the table or the arena).
 */
#ifndef ASSAY_HASHMAP_H
#define ASSAY_HASHMAP_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

struct assay_hashentry {
	uint32_t hash; /* 32 bits of the key's hash (1 for 0); 0 marks a free entry */
	uint32_t val;  /* the caller's (init_by), or where the map keeps the key (init) */
};

/* Is the key of the caller's record val the len bytes at key? (ud: the caller's) */
typedef int (*assay_hashmap_same_fn)(const void *ud, uint32_t val, const void *key, size_t len);

typedef struct assay_hashmap {
	struct assay_hashentry *slots;
	size_t nslots, n;
	assay_buf own;              /* init: each key's value, length and bytes */
	assay_hashmap_same_fn same; /* init_by: the caller's comparison, else NULL */
	const void *ud;
} assay_hashmap;

/* An empty map keeping its keys itself. */
void assay_hashmap_init(assay_hashmap *m);
/* An empty map whose keys the caller keeps and compares with same(ud, ...). */
void assay_hashmap_init_by(assay_hashmap *m, assay_hashmap_same_fn same, const void *ud);
/* Room for n keys without growing: a load of known size rehashes nothing. */
void assay_hashmap_reserve(assay_hashmap *m, size_t n);
/* Forget every key; the table's memory stays for the next use. */
void assay_hashmap_clear(assay_hashmap *m);
void assay_hashmap_free(assay_hashmap *m);

/* The hash the map keys by: XXH3, 64 bits (of which an entry keeps the low 32). */
uint64_t assay_hashmap_hash(const void *key, size_t len);

/*
 * In a map over the caller's keys: the entry for key (of hash h), or the
 * free entry where it belongs (hash 0), to be claimed before the next
 * probe, by which time the caller's record of the value claimed must be
 * there for same().  Grows the table first, so that claiming never rehashes.
 */
struct assay_hashentry *assay_hashmap_probe(assay_hashmap *m, uint64_t h, const void *key,
					    size_t len);
/* Claim the free entry e (from assay_hashmap_probe) for the key of hash h, with val. */
void assay_hashmap_claim(assay_hashmap *m, struct assay_hashentry *e, uint64_t h, uint32_t val);

/*
 * In a map that keeps its keys: the value of key, which a new key gets as
 * 0 with *created set (the key copied in).
 */
uint64_t *assay_hashmap_upsert(assay_hashmap *m, const void *key, size_t len, int *created);
/* 1 with *val when key is in the map (over the caller's keys: the entry's val), 0 when not. */
int assay_hashmap_get(const assay_hashmap *m, const void *key, size_t len, uint64_t *val);

#endif
