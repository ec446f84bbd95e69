/* SPDX-License-Identifier: MIT */
/*
 * The pieces every page of the report is made of: the frame (head, the
 * navigation, the stylesheet and script, linked relatively so that the
 * report works from file:// and under any sub-path), escaped text,
 * percentages with their colour band and bar, and the pages' names.
 */
#ifndef ASSAY_REPORT_HTML_H
#define ASSAY_REPORT_HTML_H

#include "buf.h"

#include <stdint.h>

/* Colour bands of a percentage, as genhtml's: at least hi is good, at least med is fair. */
struct rep_bands {
	double hi, med;
};

/* Where the page is, for its links to the others: "" at the top, "../" one folder down. */
struct rep_page {
	assay_buf b;
	const char *up;
	const char *title;  /* of the report, in every page's head */
};

void rep_page_begin(struct rep_page *p, const char *up, const char *report_title, const char *page_title,
		    const char *active);
void rep_page_end(struct rep_page *p);

/* Untrusted text, escaped for HTML. */
void rep_text(assay_buf *b, const char *s);
/* The same for an element's content only (never an attribute's value): & and < escaped, no more. */
void rep_content(assay_buf *b, const char *s);
void rep_textf(assay_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "hi", "med", "lo" for part/whole; "none" when whole is 0. */
const char *rep_band(const struct rep_bands *bands, uint64_t part, uint64_t whole);
/* A cell: the percentage with its band and bar, then "hit/total"; data-v holds the figure to sort by. */
void rep_pct_cell(assay_buf *b, const struct rep_bands *bands, uint64_t part, uint64_t whole);

/* 100 * part / whole with four decimals, "12.3457", for a data-v to sort or filter by. */
void rep_add_pct4(assay_buf *b, uint64_t part, uint64_t whole);

/*
 * A page's name for a path of the store: its bytes that are safe in a file
 * name kept, the others as '-', and a hash of the whole path, so that two
 * paths never share a page and no path can name a place outside the report.
 */
char *rep_page_name(const char *folder, const char *path, int part);

/* Part part of the page whose first part is first ("f/NAME.html"): without hashing the path again. */
char *rep_page_part(const char *first, int part);

#endif
