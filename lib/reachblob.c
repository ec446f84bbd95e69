/* SPDX-License-Identifier: MIT */
#include "reachblob.h"
#include "mem.h"
#include "varint.h"

#include <stdlib.h>

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

void assay_reachblob_encode(assay_buf *out, int64_t *ids, size_t n)
{
	if (n > 1)
		qsort(ids, n, sizeof(*ids), cmp_id);
	int64_t prev = 0;
	for (size_t i = 0; i < n; i++) {
		if (ids[i] <= prev)
			continue; /* a repeat (or no id at all) */
		assay_varint_put(out, (uint64_t)(ids[i] - prev));
		prev = ids[i];
	}
}

int assay_reachblob_decode(const void *blob, size_t len, int64_t **ids, size_t *n, size_t *alloc,
			   assay_err *err)
{
	const unsigned char *p = blob, *end = p + len;
	uint64_t prev = 0, d;
	while (p < end) {
		if (assay_varint_get(&p, end, &d) < 0 || d == 0 || d > (uint64_t)INT64_MAX - prev)
			return assay_err_set(err, ASSAY_EDB, "damaged mutation reach blob in the store");
		prev += d;
		ASSAY_GROW(*ids, *alloc, *n + 1);
		(*ids)[(*n)++] = (int64_t)prev;
	}
	return 0;
}
