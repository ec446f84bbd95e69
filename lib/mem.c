/* SPDX-License-Identifier: MIT */
#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
	fprintf(stderr, "assay: out of memory allocating %zu bytes\n", n);
	abort();
}

void *assay_xcheck(void *p)
{
	if (!p) {
		fputs("assay: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *assay_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *assay_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom(nmemb * size);
	return p;
}

void *assay_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

char *assay_xstrdup(const char *s)
{
	return s ? assay_xstrndup(s, strlen(s)) : NULL;
}

char *assay_xstrndup(const char *s, size_t n)
{
	char *p = assay_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *assay_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	char *p = assay_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void assay_grow(void **arr, size_t *alloc, size_t need, size_t elem)
{
	if (need <= *alloc)
		return;
	size_t n = *alloc ? *alloc : 8;
	while (n < need)
		n = n + n / 2 + 8;
	*arr = assay_xrealloc(*arr, n * elem);
	*alloc = n;
}
