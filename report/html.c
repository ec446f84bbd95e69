/* SPDX-License-Identifier: MIT */
#include "html.h"
#include "escape.h"
#include "hashmap.h"
#include "mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void rep_text(assay_buf *b, const char *s)
{
	if (s)
		assay_add_html(b, s);
}

void rep_content(assay_buf *b, const char *s)
{
	if (s)
		assay_add_html_text(b, s);
}

void rep_textf(assay_buf *b, const char *fmt, ...)
{
	assay_buf t = ASSAY_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	assay_buf_vaddf(&t, fmt, ap);
	va_end(ap);
	rep_text(b, t.buf);
	assay_buf_release(&t);
}

static const char *const nav[][2] = {
	{ "index.html", "Summary" }, { "files.html", "Files" }, { "d/root.html", "Tree" },
	{ "tests.html", "Tests" }, { "mutants.html", "Mutants" },
};

void rep_page_begin(struct rep_page *p, const char *up, const char *report_title, const char *page_title,
		    const char *active)
{
	assay_buf_init(&p->b);
	p->up = up;
	p->title = report_title;
	assay_buf *b = &p->b;
	assay_buf_adds(b, "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
		       "<meta name=viewport content=\"width=device-width, initial-scale=1\">\n"
		       "<meta name=color-scheme content=\"light dark\">\n<title>");
	rep_text(b, page_title);
	assay_buf_adds(b, " - ");
	rep_text(b, report_title);
	assay_buf_addf(b, "</title>\n<link rel=stylesheet href=\"%sassets/report.css\">\n</head>\n<body>\n<header>\n<nav>",
		       up);
	for (size_t i = 0; i < sizeof(nav) / sizeof(nav[0]); i++)
		assay_buf_addf(b, "<a href=\"%s%s\"%s>%s</a>", up, nav[i][0],
			       active && !strcmp(active, nav[i][0]) ? " class=here" : "", nav[i][1]);
	assay_buf_adds(b, "<span class=report>");
	rep_text(b, report_title);
	assay_buf_adds(b, "</span></nav>\n<h1>");
	rep_text(b, page_title);
	assay_buf_adds(b, "</h1>\n</header>\n<main>\n");
}

void rep_page_end(struct rep_page *p)
{
	assay_buf_addf(&p->b, "</main>\n<footer>Written by <code>assay report html</code>.</footer>\n"
		       "<script src=\"%sassets/report.js\"></script>\n</body>\n</html>\n", p->up);
}

const char *rep_band(const struct rep_bands *bands, uint64_t part, uint64_t whole)
{
	if (!whole)
		return "none";
	double pct = 100.0 * (double)part / (double)whole;
	return pct + 1e-9 >= bands->hi ? "hi" : pct + 1e-9 >= bands->med ? "med" : "lo";
}

void rep_pct_cell(assay_buf *b, const struct rep_bands *bands, uint64_t part, uint64_t whole)
{
	if (!whole) {
		assay_buf_adds(b, "<td class=none data-v=-1>-</td>");
		return;
	}
	/* made once for the bar and the text, on the stack: a table has thousands */
	char pct[32];
	size_t at = b->len, n;
	assay_buf_add_f1(b, 100.0 * (double)part / (double)whole);
	n = b->len - at < sizeof(pct) ? b->len - at : sizeof(pct) - 1;
	memcpy(pct, b->buf + at, n);
	pct[n] = 0;
	assay_buf_setlen(b, at);
	assay_buf_adds(b, "<td class=");
	assay_buf_adds(b, rep_band(bands, part, whole));
	assay_buf_adds(b, " data-v=");
	rep_add_pct4(b, part, whole);
	/* the bar is the figure's own background, so no element stands empty */
	assay_buf_adds(b, "><span class=bar style=\"--p:");
	assay_buf_add(b, pct, n);
	assay_buf_adds(b, "%\">");
	assay_buf_add(b, pct, n);
	assay_buf_adds(b, "%</span> <small>");
	assay_buf_add_u64(b, part);
	assay_buf_addc(b, '/');
	assay_buf_add_u64(b, whole);
	assay_buf_adds(b, "</small></td>");
}

void rep_add_pct4(assay_buf *b, uint64_t part, uint64_t whole)
{
	if (!whole || part > UINT64_MAX / 1000000) {
		assay_buf_addf(b, "%.4f", whole ? 100.0 * (double)part / (double)whole : 0.0);
		return;
	}
	uint64_t v = (part * 1000000 + whole / 2) / whole; /* ten-thousandths of a percent */
	char frac[5] = { 0 };
	for (int i = 3; i >= 0; i--, v /= 10)
		frac[i] = (char)('0' + v % 10);
	assay_buf_add_u64(b, v);
	assay_buf_addc(b, '.');
	assay_buf_add(b, frac, 4);
}

char *rep_page_name(const char *folder, const char *path, int part)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_buf_adds(&b, folder);
	assay_buf_addc(&b, '/');
	size_t n = strlen(path), start = n > 80 ? n - 80 : 0;
	for (size_t i = start; i < n; i++) {
		char c = path[i];
		int safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
			   (c == '.' && i > start) || c == '-';
		assay_buf_addc(&b, safe ? c : '-');
	}
	assay_buf_addc(&b, '-');
	size_t at = b.len;
	assay_buf_add_hex64(&b, assay_hashmap_hash(path, n) & 0xffffffffu);
	memmove(b.buf + at, b.buf + at + 8, 8); /* its 8 low digits, as %08x */
	assay_buf_setlen(&b, at + 8);
	if (part > 1) {
		assay_buf_addc(&b, '-');
		assay_buf_add_u64(&b, (uint64_t)part);
	}
	assay_buf_adds(&b, ".html");
	return assay_buf_detach(&b, NULL);
}

char *rep_page_part(const char *first, int part)
{
	if (part <= 1)
		return assay_xstrdup(first);
	size_t n = strlen(first) - (sizeof(".html") - 1);
	assay_buf b = ASSAY_BUF_INIT;
	assay_buf_add(&b, first, n);
	assay_buf_addc(&b, '-');
	assay_buf_add_u64(&b, (uint64_t)part);
	assay_buf_adds(&b, ".html");
	return assay_buf_detach(&b, NULL);
}
