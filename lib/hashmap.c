/* SPDX-License-Identifier: MIT */
#include "hashmap.h"
#include "mem.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define MIN_SLOTS 64

/*
 * A key the map keeps: its value, its length and its bytes, from an offset
 * in the arena that is a multiple of 8 (the entry holds offset / 8, so the
 * arena may reach 32 GiB) and aligns the value.
 */
struct keyrec {
	uint64_t val;
	uint32_t len;
	char bytes[];
};
#define REC_ALIGN 8

void assay_hashmap_init(assay_hashmap *m)
{
	memset(m, 0, sizeof(*m));
	assay_buf_init(&m->own);
}

void assay_hashmap_init_by(assay_hashmap *m, assay_hashmap_same_fn same, const void *ud)
{
	assay_hashmap_init(m);
	m->same = same;
	m->ud = ud;
}

uint64_t assay_hashmap_hash(const void *key, size_t len)
{
	return XXH3_64bits(key, len);
}

/* What an entry keeps of hash h: its low 32 bits, never 0 (which marks a free entry). */
static uint32_t tag_of(uint64_t h)
{
	uint32_t t = (uint32_t)h;
	return t ? t : 1;
}

static struct keyrec *rec_at(const assay_hashmap *m, uint32_t val)
{
	return (struct keyrec *)(void *)(m->own.buf + (size_t)val * REC_ALIGN);
}

static int same_key(const assay_hashmap *m, const struct assay_hashentry *e, uint32_t tag,
		    const void *key, size_t len)
{
	if (e->hash != tag)
		return 0;
	if (m->same)
		return m->same(m->ud, e->val, key, len);
	const struct keyrec *r = rec_at(m, e->val);
	return r->len == len && (len == 0 || !memcmp(r->bytes, key, len));
}

/* Move every entry into a table of nslots (a power of two). */
static void rehash(assay_hashmap *m, size_t nslots)
{
	struct assay_hashentry *old = m->slots;
	size_t old_n = m->nslots;
	m->slots = assay_xcalloc(nslots, sizeof(*m->slots));
	m->nslots = nslots;
	for (size_t i = 0; i < old_n; i++) {
		if (!old[i].hash)
			continue;
		size_t s = old[i].hash & (nslots - 1);
		while (m->slots[s].hash)
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
	/* 32 bits of hash index the table: past 2^32 slots they would not tell slots apart */
	if ((uint64_t)nslots - 1 > UINT32_MAX) {
		fprintf(stderr, "assay: a hash map cannot hold %zu keys (2^31 at most)\n", n);
		abort();
	}
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
	uint32_t tag = tag_of(h);
	size_t s = tag & (m->nslots - 1);
	while (m->slots[s].hash && !same_key(m, &m->slots[s], tag, key, len))
		s = (s + 1) & (m->nslots - 1);
	return &m->slots[s];
}

void assay_hashmap_claim(assay_hashmap *m, struct assay_hashentry *e, uint64_t h, uint32_t val)
{
	assert(!e->hash);
	*e = (struct assay_hashentry){ tag_of(h), val };
	m->n++;
}

/* Copy key into the arena as a new record (value 0); its offset / REC_ALIGN. */
static uint32_t add_record(assay_hashmap *m, const void *key, size_t len)
{
	size_t off = m->own.len;
	if (off / REC_ALIGN > UINT32_MAX || len > UINT32_MAX) {
		fprintf(stderr, "assay: a hash map's keys are past 32 GiB\n");
		abort();
	}
	struct keyrec r = { 0, (uint32_t)len };
	assay_buf_add(&m->own, &r, offsetof(struct keyrec, bytes));
	assay_buf_add(&m->own, key, len);
	static const char pad[REC_ALIGN];
	assay_buf_add(&m->own, pad, (REC_ALIGN - m->own.len % REC_ALIGN) % REC_ALIGN);
	return (uint32_t)(off / REC_ALIGN);
}

uint64_t *assay_hashmap_upsert(assay_hashmap *m, const void *key, size_t len, int *created)
{
	/* the map copies the key: a map over the caller's keys claims instead */
	assert(!m->same);
	uint64_t h = assay_hashmap_hash(key, len);
	struct assay_hashentry *e = assay_hashmap_probe(m, h, key, len);
	*created = !e->hash;
	if (*created)
		assay_hashmap_claim(m, e, h, add_record(m, key, len));
	return &rec_at(m, e->val)->val;
}

int assay_hashmap_get(const assay_hashmap *m, const void *key, size_t len, uint64_t *val)
{
	if (!m->n)
		return 0;
	uint32_t tag = tag_of(assay_hashmap_hash(key, len));
	size_t s = tag & (m->nslots - 1);
	for (; m->slots[s].hash; s = (s + 1) & (m->nslots - 1))
		if (same_key(m, &m->slots[s], tag, key, len)) {
			*val = m->same ? m->slots[s].val : rec_at(m, m->slots[s].val)->val;
			return 1;
		}
	return 0;
}
