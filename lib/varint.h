/* SPDX-License-Identifier: MIT */
/*
 * Unsigned LEB128 varints, the unit of Assay's compact blobs (coverage
 * per file, results per run): seven bits a byte, low bits first, the high
 * bit set on every byte but the last.
 */
#ifndef ASSAY_VARINT_H
#define ASSAY_VARINT_H

#include "buf.h"

#include <stdint.h>

static inline void assay_varint_put(assay_buf *out, uint64_t v)
{
	unsigned char tmp[10];
	size_t n = 0;
	do {
		unsigned char byte = v & 0x7f;
		v >>= 7;
		tmp[n++] = byte | (v ? 0x80 : 0);
	} while (v);
	assay_buf_add(out, tmp, n);
}

/* Read one varint at *p (not past end) and move *p on; -1 if it is cut short or too long. */
static inline int assay_varint_get(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
	uint64_t r = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (*p == end)
			return -1;
		unsigned char byte = *(*p)++;
		r |= (uint64_t)(byte & 0x7f) << shift;
		if (!(byte & 0x80)) {
			*v = r;
			return 0;
		}
	}
	return -1;
}

#endif
