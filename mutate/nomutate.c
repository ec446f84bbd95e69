/* SPDX-License-Identifier: MIT */
/* The "assay: no-mutate" markers: a line, or a region between -begin and -end. */
#define _GNU_SOURCE
#include "discover.h"
#include "mem.h"

#include <string.h>

unsigned char *mut_nomutate_lines(const char *text, size_t len, unsigned *nlines)
{
	unsigned n = 1;
	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	unsigned char *skip = assay_xcalloc((size_t)n + 2, 1);
	int in_region = 0;
	unsigned line = 1;
	size_t i = 0;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		static const char mark[] = "assay: no-mutate";
		const char *m = memmem(text + i, end - i, mark, sizeof(mark) - 1);
		if (m) {
			const char *tail = m + sizeof(mark) - 1;
			size_t left = (size_t)(text + end - tail);
			if (left >= 6 && !memcmp(tail, "-begin", 6))
				in_region = 1;
			else if (left >= 4 && !memcmp(tail, "-end", 4))
				in_region = 0;
			skip[line] = 1;
		}
		if (in_region)
			skip[line] = 1;
		line++;
		i = end + 1;
	}
	*nlines = n;
	return skip;
}
