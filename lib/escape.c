/* SPDX-License-Identifier: MIT */
#include "escape.h"

#include <string.h>

/*
 * Written here because the libraries at hand only refuse ill-formed UTF-8
 * (jansson's json_stringn, libxml2's writer) and Assay must show such text,
 * repaired.  The second byte's range depends on the first (RFC 3629's table).
 */
size_t assay_utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (c == 0xe0)
		lo = 0xa0; /* no overlong 3-byte form */
	else if (c == 0xed)
		hi = 0x9f; /* no surrogates */
	else if (c == 0xf0)
		lo = 0x90; /* no overlong 4-byte form */
	else if (c == 0xf4)
		hi = 0x8f; /* nothing past U+10FFFF */
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

void assay_add_utf8(assay_buf *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0, len; i < n; i += len ? len : 1) {
		len = assay_utf8_sequence(u + i, n - i);
		if (len)
			assay_buf_add(out, s + i, len);
		else
			assay_buf_adds(out, replacement);
	}
}

/* Each well-formed character of s in turn, to f; U+FFFD for each stray byte. */
static void each_char(assay_buf *out, const char *s, void (*f)(assay_buf *, const char *, size_t))
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0, len; i < n; i += len ? len : 1) {
		len = assay_utf8_sequence(u + i, n - i);
		f(out, len ? s + i : replacement, len ? len : 3);
	}
}

static void html_char(assay_buf *out, const char *c, size_t len)
{
	if (len > 1) {
		/* C1 controls (U+0080..U+009F) are no more welcome than C0 ones */
		if ((unsigned char)c[0] == 0xc2 && (unsigned char)c[1] < 0xa0)
			assay_buf_adds(out, replacement);
		else
			assay_buf_add(out, c, len);
		return;
	}
	switch (*c) {
	case '&': assay_buf_adds(out, "&amp;"); break;
	case '<': assay_buf_adds(out, "&lt;"); break;
	case '>': assay_buf_adds(out, "&gt;"); break;
	case '"': assay_buf_adds(out, "&quot;"); break;
	case '\'': assay_buf_adds(out, "&#39;"); break;
	default:
		if (((unsigned char)*c < 0x20 && *c != '\t' && *c != '\n') || *c == 0x7f)
			assay_buf_adds(out, replacement);
		else
			assay_buf_addc(out, *c);
	}
}

/* A byte that is text as it stands in HTML: printable ASCII but & < > " ', and tab and newline. */
static int plain_html(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') || c == '\t' ||
	       c == '\n';
}

/* The same in an element's content, where only & and < start markup. */
static int plain_html_text(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f && c != '&' && c != '<') || c == '\t' || c == '\n';
}

/*
 * Runs of plain bytes in one piece, the rest as html_char() takes them: a
 * report escapes every line of every source, and a byte at a time was a
 * fifth of its time.
 */
static void add_html_runs(assay_buf *out, const char *s, int (*plain)(unsigned char))
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0, len; i < n; i += len ? len : 1) {
		size_t j = i;
		while (j < n && plain(u[j]))
			j++;
		if (j > i) {
			assay_buf_add(out, s + i, j - i);
			len = j - i;
			continue;
		}
		len = assay_utf8_sequence(u + i, n - i);
		html_char(out, len ? s + i : replacement, len ? len : 3);
	}
}

void assay_add_html(assay_buf *out, const char *s)
{
	add_html_runs(out, s, plain_html);
}

void assay_add_html_text(assay_buf *out, const char *s)
{
	add_html_runs(out, s, plain_html_text);
}

static void markdown_char(assay_buf *out, const char *c, size_t len)
{
	if (len == 1 && (*c == '\n' || *c == '\r' || *c == '\t')) {
		assay_buf_addc(out, ' ');
		return;
	}
	/*
	 * Inline text: what could start emphasis, code, a link, an image, a
	 * heading, a cell, strike-through or an emoji (:x:) is escaped; a '.',
	 * '-' or '+' starts a list only at the start of a line, which this
	 * text never is.  Of HTML's characters only & < > matter in Markdown.
	 */
	if (len == 1 && *c && strchr("\\`*_{}[]#!|~:", *c))
		assay_buf_addc(out, '\\');
	if (len == 1 && (*c == '"' || *c == '\''))
		assay_buf_addc(out, *c);
	else
		html_char(out, c, len);
}

void assay_add_markdown(assay_buf *out, const char *s)
{
	each_char(out, s, markdown_char);
}

static void code_char(assay_buf *out, const char *c, size_t len)
{
	if (len == 1 && (((unsigned char)*c < 0x20 && *c != '\t' && *c != '\n') || *c == 0x7f))
		assay_buf_adds(out, replacement);
	else
		assay_buf_add(out, c, len);
}

void assay_add_markdown_code(assay_buf *out, const char *s)
{
	size_t longest = 0, run = 0;
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t fence = longest < 3 ? 3 : longest + 1;
	for (size_t i = 0; i < fence; i++)
		assay_buf_addc(out, '`');
	assay_buf_addc(out, '\n');
	each_char(out, s, code_char);
	if (!*s || s[strlen(s) - 1] != '\n')
		assay_buf_addc(out, '\n');
	for (size_t i = 0; i < fence; i++)
		assay_buf_addc(out, '`');
	assay_buf_addc(out, '\n');
}
