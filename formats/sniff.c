/* SPDX-License-Identifier: MIT */
#include "parsers.h"

#include <string.h>

static const char *const names[] = {
	[ASSAY_FMT_UNKNOWN] = "auto",
	[ASSAY_FMT_JUNIT] = "junit",
	[ASSAY_FMT_GCOV_JSON] = "gcov-json",
	[ASSAY_FMT_LCOV] = "lcov",
	[ASSAY_FMT_COBERTURA] = "cobertura",
};

const char *assay_format_name(enum assay_format f)
{
	return (unsigned)f < sizeof(names) / sizeof(names[0]) ? names[f] : "auto";
}

int assay_format_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return (int)i;
	return -1;
}

static const unsigned char *skip_space(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

static const unsigned char *find(const unsigned char *p, const unsigned char *end, const char *s)
{
	size_t n = strlen(s);
	for (; p + n <= end; p++)
		if (!memcmp(p, s, n))
			return p;
	return NULL;
}

/* Past one prolog item at p ("<?...?>", "<!--...-->", "<!DOCTYPE ... [...]>"); NULL if cut off. */
static const unsigned char *skip_prolog_item(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *close;
	if (p[1] == '?')
		return (close = find(p, end, "?>")) ? close + 2 : NULL;
	if ((size_t)(end - p) >= 4 && !memcmp(p, "<!--", 4))
		return (close = find(p + 4, end, "-->")) ? close + 3 : NULL;
	/* a DOCTYPE: its internal subset [...] holds '>' of its own */
	int in_subset = 0;
	for (const unsigned char *q = p + 2; q < end; q++) {
		if (*q == '[')
			in_subset = 1;
		else if (*q == ']')
			in_subset = 0;
		else if (*q == '>' && !in_subset)
			return q + 1;
	}
	return NULL;
}

/* The name of the first element, past the prolog (declaration, comments, DOCTYPE). */
static enum assay_format sniff_xml(const unsigned char *p, const unsigned char *end)
{
	for (;;) {
		p = skip_space(p, end);
		if (p + 1 >= end || *p != '<')
			return ASSAY_FMT_UNKNOWN;
		if (p[1] != '?' && p[1] != '!')
			break;
		if (!(p = skip_prolog_item(p, end)))
			return ASSAY_FMT_UNKNOWN;
	}
	const unsigned char *name = ++p;
	while (p < end && *p != ' ' && *p != '>' && *p != '/' && *p != '\t' && *p != '\n' && *p != '\r')
		p++;
	size_t n = (size_t)(p - name);
	const unsigned char *colon = memchr(name, ':', n); /* a namespace prefix */
	if (colon) {
		n -= (size_t)(colon + 1 - name);
		name = colon + 1;
	}
#define IS(s) (n == strlen(s) && !memcmp(name, s, n))
	if (IS("testsuites") || IS("testsuite") || IS("testrun") || IS("test-results"))
		return ASSAY_FMT_JUNIT;
	if (IS("coverage"))
		return ASSAY_FMT_COBERTURA;
#undef IS
	return ASSAY_FMT_UNKNOWN;
}

static int lcov_keyword(const unsigned char *p, const unsigned char *end)
{
	static const char *const keys[] = { "TN:", "SF:", "VER:", "FN:", "DA:", "FNL:", NULL };
	for (size_t i = 0; keys[i]; i++) {
		size_t n = strlen(keys[i]);
		if ((size_t)(end - p) >= n && !memcmp(p, keys[i], n))
			return 1;
	}
	return 0;
}

/*
 * Which UTF-16 the data is in, if any: 1 little-endian, 2 big-endian, 0
 * neither.  Told by a byte-order mark, or by '<' written in two bytes (an
 * XML file in UTF-16 must start with one of them).
 */
static int utf16_order(const unsigned char *p, size_t n)
{
	if (n < 2)
		return 0;
	if ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == '<' && p[1] == 0))
		return 1;
	if ((p[0] == 0xFE && p[1] == 0xFF) || (p[0] == 0 && p[1] == '<'))
		return 2;
	return 0;
}

/* Sniff UTF-16 (Windows tools write JUnit so) from its ASCII: any other character becomes 0x80. */
static enum assay_format sniff_utf16(const unsigned char *p, size_t n, int order)
{
	unsigned char narrow[ASSAY_SNIFF_BYTES / 2];
	if (n > ASSAY_SNIFF_BYTES)
		n = ASSAY_SNIFF_BYTES;
	size_t from = p[0] == '<' || p[1] == '<' ? 0 : 2, m = 0; /* past the byte-order mark */
	for (size_t i = from; i + 1 < n; i += 2) {
		unsigned lo = order == 1 ? p[i] : p[i + 1], hi = order == 1 ? p[i + 1] : p[i];
		narrow[m++] = (unsigned char)(hi == 0 && lo < 0x80 ? lo : 0x80);
	}
	const unsigned char *q = skip_space(narrow, narrow + m);
	return q < narrow + m && *q == '<' ? sniff_xml(q, narrow + m) : ASSAY_FMT_UNKNOWN;
}

enum assay_format assay_format_sniff(const unsigned char *data, size_t n)
{
	const unsigned char *p = data, *end = data + n;
	int order = utf16_order(p, n);
	if (order)
		return sniff_utf16(p, n, order);
	if (n >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	p = skip_space(p, end);
	if (p >= end)
		return ASSAY_FMT_UNKNOWN;
	if (*p == '<')
		return sniff_xml(p, end);
	if (*p == '{') {
		if (find(p, end, "\"gcc_version\"") || find(p, end, "\"format_version\""))
			return ASSAY_FMT_GCOV_JSON;
		return ASSAY_FMT_UNKNOWN;
	}
	if (lcov_keyword(p, end))
		return ASSAY_FMT_LCOV;
	return ASSAY_FMT_UNKNOWN;
}
