/* SPDX-License-Identifier: MIT */
/* The one JSON writer (json_out.h): structure here, strings encoded by jansson. */
#include "json_out.h"
#include "escape.h"
#include "mem.h"

#include <assert.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void assay_json_init(assay_json *j, assay_buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

static int dump_to_buf(const char *text, size_t size, void *data)
{
	assay_buf_add(data, text, size);
	return 0;
}

/* Printable ASCII with no quote or backslash: nothing for jansson to do. */
static int plain(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
			return 0;
	}
	return 1;
}

/* Where the first byte of s[0..n) that is not in a well-formed sequence is; n: none. */
static size_t ill_formed_at(const unsigned char *s, size_t n)
{
	size_t i = 0, len;
	while (i < n && (len = assay_utf8_sequence(s + i, n - i)) != 0)
		i += len;
	return i;
}

/* s[0..n) as a string literal: well-formed UTF-8 as it is, every other byte U+FFFD. */
static void add_string(assay_buf *out, const char *s, size_t n)
{
	if (plain(s, n)) {
		assay_buf_addc(out, '"');
		assay_buf_add(out, s, n);
		assay_buf_addc(out, '"');
		return;
	}
	assay_buf fixed = ASSAY_BUF_INIT;
	const unsigned char *u = (const unsigned char *)s;
	size_t bad = ill_formed_at(u, n);
	if (bad < n) {
		assay_buf_add(&fixed, s, bad);
		/* jansson only refuses ill-formed UTF-8; the outputs show it repaired */
		assay_add_utf8(&fixed, s + bad, n - bad);
		s = fixed.buf;
		n = fixed.len;
	}
	/* well-formed now: jansson need not check it again */
	json_t *v = assay_xcheck(json_stringn_nocheck(s, n));
	/* dump_to_buf cannot fail: jansson fails only when out of memory */
	if (json_dump_callback(v, dump_to_buf, out, JSON_ENCODE_ANY) != 0)
		assay_xcheck(NULL);
	json_decref(v);
	assay_buf_release(&fixed);
}

/* The comma, the key and its colon before a value; a key exactly inside an object. */
static void member(assay_json *j, const char *key)
{
	if (j->depth == 0) {
		assert(!key);
		return;
	}
	int d = j->depth - 1;
	assert(j->kind[d] == 'o' ? key != NULL : key == NULL);
	if (j->filled[d])
		assay_buf_addc(j->out, ',');
	j->filled[d] = 1;
	if (key) {
		add_string(j->out, key, strlen(key));
		assay_buf_addc(j->out, ':');
	}
}

static void open_container(assay_json *j, const char *key, char kind)
{
	member(j, key);
	assert(j->depth < ASSAY_JSON_MAX_DEPTH);
	j->kind[j->depth] = kind;
	j->filled[j->depth] = 0;
	j->depth++;
	assay_buf_addc(j->out, kind == 'o' ? '{' : '[');
}

void assay_json_object(assay_json *j, const char *key)
{
	open_container(j, key, 'o');
}

void assay_json_array(assay_json *j, const char *key)
{
	open_container(j, key, 'a');
}

void assay_json_close(assay_json *j)
{
	assert(j->depth > 0);
	j->depth--;
	assay_buf_addc(j->out, j->kind[j->depth] == 'o' ? '}' : ']');
}

void assay_json_print(assay_json *j, FILE *out)
{
	while (j->depth > 0)
		assay_json_close(j);
	assay_buf_addc(j->out, '\n');
	fputs(j->out->buf, out);
	assay_buf_reset(j->out);
}

void assay_json_strn(assay_json *j, const char *key, const char *s, size_t n)
{
	member(j, key);
	add_string(j->out, s, n);
}

void assay_json_str(assay_json *j, const char *key, const char *s)
{
	if (!s)
		assay_json_null(j, key);
	else
		assay_json_strn(j, key, s, strlen(s));
}

/* The digits of v, written backwards from end; returns where they start. */
static char *digits(char *end, unsigned long long v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

/* Integers by hand: assay sql --json writes millions (500,000 rows of results: 0.80 s with
   printf, 0.47 s so, as fast as before the writer). */
void assay_json_int(assay_json *j, const char *key, long long v)
{
	char text[24], *end = text + sizeof(text);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	char *p = digits(end, u);
	if (v < 0)
		*--p = '-';
	member(j, key);
	assay_buf_add(j->out, p, (size_t)(end - p));
}

void assay_json_uint(assay_json *j, const char *key, unsigned long long v)
{
	char text[24], *end = text + sizeof(text);
	char *p = digits(end, v);
	member(j, key);
	assay_buf_add(j->out, p, (size_t)(end - p));
}

void assay_json_bool(assay_json *j, const char *key, int v)
{
	member(j, key);
	assay_buf_adds(j->out, v ? "true" : "false");
}

void assay_json_null(assay_json *j, const char *key)
{
	member(j, key);
	assay_buf_adds(j->out, "null");
}

/* v by printf's conversion ('f' or 'g') at prec; null when it is not finite */
static void add_double(assay_json *j, const char *key, double v, char conv, int prec)
{
	member(j, key);
	if (!isfinite(v))
		assay_buf_adds(j->out, "null");
	else if (conv == 'f')
		assay_buf_addf(j->out, "%.*f", prec, v);
	else
		assay_buf_addf(j->out, "%.*g", prec, v);
}

void assay_json_fixed(assay_json *j, const char *key, double v, int decimals)
{
	add_double(j, key, v, 'f', decimals);
}

void assay_json_real(assay_json *j, const char *key, double v, int digits)
{
	add_double(j, key, v, 'g', digits);
}

/* RFC 8259's number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int is_json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

void assay_json_number_text(assay_json *j, const char *key, const char *text)
{
	member(j, key);
	assay_buf_adds(j->out, text && is_json_number(text) ? text : "null");
}
