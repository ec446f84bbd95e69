/* SPDX-License-Identifier: MIT */
#include "hashmap.h"
#include "mem.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define MIN_SLOTS 64

void assay_hashmap_init(assay_hashmap *m)
{
	memset(m, 0, sizeof(*m));
	assay_buf_init(&m->own);
	m->keys = &m->own;
}

void assay_hashmap_init_over(assay_hashmap *m, const assay_buf *arena)
{
	assay_hashmap_init(m);
	m->keys = arena;
}

uint64_t assay_hashmap_hash(const void *key, size_t len)
{
	return XXH3_64bits(key, len);
}

static int same_key(const assay_hashmap *m, const struct assay_hashentry *e, uint64_t h,
		    const void *key, size_t len)
{
	return e->hash == h && e->len1 == len + 1 &&
	       (len == 0 || !memcmp(m->keys->buf + e->off, key, len));
}

/* Move every entry into a table of nslots (a power of two). */
static void rehash(assay_hashmap *m, size_t nslots)
{
	struct assay_hashentry *old = m->slots;
	size_t old_n = m->nslots;
	m->slots = assay_xcalloc(nslots, sizeof(*m->slots));
	m->nslots = nslots;
	for (size_t i = 0; i < old_n; i++) {
		if (!old[i].len1)
			continue;
		size_t s = (size_t)old[i].hash & (nslots - 1);
		while (m->slots[s].len1)
			s = (s + 1) & (nslots - 1);
		m->slots[s] = old[i];
	}
	free(old);
}

void assay_hashmap_reserve(assay_hashmap *m, size_t n)
{
	size_t nslots = m->nslots ? m->nslots : MIN_SLOTS;
	while (nslots / 2 < n)
		nslots *= 2;
	if (nslots != m->nslots)
		rehash(m, nslots);
}

void assay_hashmap_clear(assay_hashmap *m)
{
	if (m->n)
		memset(m->slots, 0, m->nslots * sizeof(*m->slots));
	m->n = 0;
	assay_buf_reset(&m->own);
}

void assay_hashmap_free(assay_hashmap *m)
{
	free(m->slots);
	assay_buf_release(&m->own);
	m->slots = NULL;
	m->nslots = m->n = 0;
}

struct assay_hashentry *assay_hashmap_probe(assay_hashmap *m, uint64_t h, const void *key,
					    size_t len)
{
	assay_hashmap_reserve(m, m->n + 1);
	size_t s = (size_t)h & (m->nslots - 1);
	while (m->slots[s].len1 && !same_key(m, &m->slots[s], h, key, len))
		s = (s + 1) & (m->nslots - 1);
	return &m->slots[s];
}

void assay_hashmap_claim(assay_hashmap *m, struct assay_hashentry *e, uint64_t h, size_t off,
			 size_t len, uint64_t val)
{
	*e = (struct assay_hashentry){ h, val, off, len + 1 };
	m->n++;
}

struct assay_hashentry *assay_hashmap_upsert(assay_hashmap *m, const void *key, size_t len,
					     int *created)
{
	/* it copies the key into the map's own arena: a map over the caller's claims instead */
	assert(m->keys == &m->own);
	uint64_t h = assay_hashmap_hash(key, len);
	struct assay_hashentry *e = assay_hashmap_probe(m, h, key, len);
	*created = !e->len1;
	if (*created) {
		size_t off = m->own.len;
		assay_buf_add(&m->own, key, len);
		assay_buf_addc(&m->own, '\0');
		assay_hashmap_claim(m, e, h, off, len, 0);
	}
	return e;
}

int assay_hashmap_get(const assay_hashmap *m, const void *key, size_t len, uint64_t *val)
{
	if (!m->n)
		return 0;
	uint64_t h = assay_hashmap_hash(key, len);
	size_t s = (size_t)h & (m->nslots - 1);
	for (; m->slots[s].len1; s = (s + 1) & (m->nslots - 1))
		if (same_key(m, &m->slots[s], h, key, len)) {
			*val = m->slots[s].val;
			return 1;
		}
	return 0;
}
