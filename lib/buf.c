/* SPDX-License-Identifier: MIT */
#include "buf.h"
#include "mem.h"

#include <assert.h>
#include <float.h>
#include <stdio.h>
#include <string.h>

char assay_buf_empty[1];

void assay_buf_init(assay_buf *b)
{
	b->buf = assay_buf_empty;
	b->len = 0;
	b->alloc = 0;
}

void assay_buf_release(assay_buf *b)
{
	if (b->alloc)
		free(b->buf);
	assay_buf_init(b);
}

char *assay_buf_detach(assay_buf *b, size_t *len_out)
{
	char *p = b->alloc ? b->buf : assay_xstrdup("");
	if (len_out)
		*len_out = b->len;
	assay_buf_init(b);
	return p;
}

void assay_buf_reset(assay_buf *b)
{
	if (b->alloc)
		assay_buf_setlen(b, 0);
}

void assay_buf_grow(assay_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need <= b->alloc)
		return;
	if (!b->alloc) {
		b->buf = NULL;
	}
	size_t n = b->alloc ? b->alloc : 64;
	while (n < need)
		n *= 2;
	b->buf = assay_xrealloc(b->buf, n);
	if (!b->alloc)
		b->buf[0] = '\0';
	b->alloc = n;
}

void assay_buf_setlen(assay_buf *b, size_t n)
{
	assert(n <= b->len); /* a cut, never a growth: the bytes past len are not the caller's */
	if (!b->alloc)
		return;
	b->len = n;
	b->buf[n] = '\0';
}

void assay_buf_extend(assay_buf *b, size_t n)
{
	if (!n)
		return;
	assert(b->alloc && b->len + n < b->alloc);
	b->len += n;
	b->buf[b->len] = '\0';
}

void assay_buf_vaddf(assay_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	assay_buf_grow(b, (size_t)n);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void assay_buf_addf(assay_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	assay_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void assay_buf_add_shown(assay_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		/* U+0080..U+009F: CSI and its kin, read as such by some terminals */
		int c1 = p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f;
		if (c1) {
			assay_buf_addf(b, "\\x%02x\\x%02x", p[i], p[i + 1]);
			i++;
		} else if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') || p[i] == 0x7f) {
			assay_buf_addf(b, "\\x%02x", p[i]);
		} else {
			assay_buf_addc(b, (char)p[i]);
		}
	}
}

const char *assay_last_line(const char *text, size_t len, size_t *n)
{
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' ' ||
		       text[len - 1] == '\t'))
		len--;
	size_t from = len;
	while (from && text[from - 1] != '\n')
		from--;
	*n = len - from;
	return text + from;
}

void assay_buf_add_u64(assay_buf *b, uint64_t v)
{
	char d[20];
	size_t n = sizeof(d);
	do
		d[--n] = (char)('0' + v % 10);
	while (v /= 10);
	assay_buf_add(b, d + n, sizeof(d) - n);
}

void assay_buf_add_i64(assay_buf *b, int64_t v)
{
	if (v < 0)
		assay_buf_addc(b, '-');
	assay_buf_add_u64(b, v < 0 ? -(uint64_t)v : (uint64_t)v);
}

void assay_buf_add_hex64(assay_buf *b, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char d[16];
	for (int i = 15; i >= 0; i--, v >>= 4)
		d[i] = digits[v & 15];
	assay_buf_add(b, d, sizeof(d));
}

int assay_parse_hex64(const char *p, char after, uint64_t *v)
{
	uint64_t x = 0;
	for (int i = 0; i < 16; i++) {
		char c = p[i];
		if (c >= '0' && c <= '9')
			x = x << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			x = x << 4 | (uint64_t)(c - 'a' + 10);
		else
			return 0;
	}
	if (p[16] != after)
		return 0;
	*v = x;
	return 1;
}

const char *assay_parse_i64(const char *p, char after, int64_t *v)
{
	int neg = *p == '-';
	const char *d = p + neg, *q = d;
	uint64_t x = 0;
	for (; *q >= '0' && *q <= '9' && q - d < 19; q++)
		x = x * 10 + (uint64_t)(*q - '0');
	if (q == d || *q != after || x > (uint64_t)INT64_MAX + (uint64_t)neg)
		return NULL;
	*v = !neg ? (int64_t)x : x ? -(int64_t)(x - 1) - 1 : 0; /* INT64_MIN's magnitude is no int64_t */
	return q;
}

void assay_buf_add_f1(assay_buf *b, double x)
{
	/*
	 * 10x is exact in a long double of 64 bits or more (53 + 4 bits), so
	 * its fraction tells the rounding exactly: what printf does by big
	 * numbers, a tenth of the time, which was most of a table's.
	 */
	if (LDBL_MANT_DIG < 64 || !(x >= 0 && x < 1e15)) {
		assay_buf_addf(b, "%.1f", x);
		return;
	}
	long double y = (long double)x * 10;
	uint64_t k = (uint64_t)y; /* y >= 0: truncation is floor */
	long double frac = y - (long double)k;
	if (frac > 0.5L || (frac == 0.5L && (k & 1)))
		k++;
	assay_buf_add_u64(b, k / 10);
	assay_buf_addc(b, '.');
	assay_buf_addc(b, (char)('0' + k % 10));
}
