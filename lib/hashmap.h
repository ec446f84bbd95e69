/* SPDX-License-Identifier: MIT */
/*
 * A map from byte strings (any bytes, NUL included, the empty string too)
 * to a uint64 value, usually an index into the caller's array.
 *
 * Keys are hashed with XXH3 and looked up by open addressing with linear
 * probing over a power-of-two table at most half full.  An entry keeps
 * the key's 64-bit hash, so a probe compares bytes only when the hashes
 * agree.  The key's bytes are not in the entry but at an offset in an
 * arena: the map's own (assay_hashmap_init: assay_hashmap_upsert copies a
 * new key there, NUL-terminated) or the caller's (assay_hashmap_init_over:
 * the caller stores the key where it wants it, and claims the entry with
 * the offset), so that a key already kept by its user is never copied.
 *
 * Owner: the caller of assay_hashmap_init*, which frees with
 * assay_hashmap_free.  An entry pointer is valid until the next probe or
 * upsert (either may grow the table).
 */
#ifndef ASSAY_HASHMAP_H
#define ASSAY_HASHMAP_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

struct assay_hashentry {
	uint64_t hash;
	uint64_t val;
	size_t off;  /* of the key in the arena */
	size_t len1; /* the key's length + 1; 0 marks a free entry */
};

typedef struct assay_hashmap {
	struct assay_hashentry *slots;
	size_t nslots, n;
	assay_buf own;         /* the keys, when the map keeps them */
	const assay_buf *keys; /* where the offsets point: &own or the caller's arena */
} assay_hashmap;

/* An empty map keeping its keys itself. */
void assay_hashmap_init(assay_hashmap *m);
/* An empty map whose keys lie in arena (the caller's, which must outlive the map). */
void assay_hashmap_init_over(assay_hashmap *m, const assay_buf *arena);
/* Room for n keys without growing: a load of known size rehashes nothing. */
void assay_hashmap_reserve(assay_hashmap *m, size_t n);
/* Forget every key; the table's memory stays for the next use. */
void assay_hashmap_clear(assay_hashmap *m);
void assay_hashmap_free(assay_hashmap *m);

/* The hash the map keys by (XXH3, 64 bits). */
uint64_t assay_hashmap_hash(const void *key, size_t len);

/*
 * The entry for key (of hash h): the key's own, or the free entry where it
 * belongs (len1 == 0), to be claimed before the next probe.  Grows the
 * table first, so that claiming never rehashes.
 */
struct assay_hashentry *assay_hashmap_probe(assay_hashmap *m, uint64_t h, const void *key,
					    size_t len);
/* Claim the free entry e (from assay_hashmap_probe) for the key at off in the arena. */
void assay_hashmap_claim(assay_hashmap *m, struct assay_hashentry *e, uint64_t h, size_t off,
			 size_t len, uint64_t val);

/*
 * The entry for key in a map that keeps its keys: a new key is copied in
 * with val 0 and *created set.
 */
struct assay_hashentry *assay_hashmap_upsert(assay_hashmap *m, const void *key, size_t len,
					     int *created);
/* 1 with *val when key is in the map, 0 when not. */
int assay_hashmap_get(const assay_hashmap *m, const void *key, size_t len, uint64_t *val);

/* The bytes of the key at off (an entry's off; NUL-terminated when the map keeps its keys). */
static inline const char *assay_hashmap_key(const assay_hashmap *m, size_t off)
{
	return m->keys->buf + off;
}

#endif
