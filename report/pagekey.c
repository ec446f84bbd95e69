/* SPDX-License-Identifier: MIT */
#include "pagekey.h"
#include "hashmap.h"
#include "pages.h"

#include <string.h>

void rep_key_u64(assay_buf *k, uint64_t v)
{
	assay_buf_add(k, &v, sizeof(v));
}

void rep_key_str(assay_buf *k, const char *s)
{
	size_t n = s ? strlen(s) + 1 : 0;
	rep_key_u64(k, n);
	if (s)
		assay_buf_add(k, s, n);
}

void rep_key_begin(assay_buf *k, const struct rep_ctx *c)
{
	rep_key_str(k, c->title);
	double bands[2] = { c->o->bands.hi, c->o->bands.med };
	assay_buf_add(k, bands, sizeof(bands));
	rep_key_u64(k, c->o->page_lines);
}

uint64_t rep_key_end(assay_buf *k)
{
	uint64_t h = assay_hashmap_hash(k->buf ? k->buf : "", k->len) | 1;
	assay_buf_release(k);
	return h;
}
