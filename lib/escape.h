/* SPDX-License-Identifier: MIT */
/*
 * Untrusted text (test names, messages, paths, source lines) made safe for
 * where it is shown.  Each function appends to out; bytes that are not
 * well-formed UTF-8 become U+FFFD first, so no output is ill-formed.
 * (The terminal's is assay_buf_add_shown in buf.h; JSON's, cli/json_out.h.)
 */
#ifndef ASSAY_ESCAPE_H
#define ASSAY_ESCAPE_H

#include "buf.h"

#include <stddef.h>

/* The length of the well-formed UTF-8 sequence at s[0..n) (RFC 3629), 0 if none starts there. */
size_t assay_utf8_sequence(const unsigned char *s, size_t n);

/* s[0..n) with every byte that is not part of a well-formed sequence as U+FFFD. */
void assay_add_utf8(assay_buf *out, const char *s, size_t n);

/*
 * HTML and XML text or attribute value: & < > " ' as references; control
 * characters other than tab and newline, which XML 1.0 cannot carry even
 * as references, as U+FFFD.
 */
void assay_add_html(assay_buf *out, const char *s);

/*
 * The same for an element's content only, never an attribute's value: of
 * the five, & and < alone, since nothing else starts markup there (a
 * report's source lines, where every -> and >= is 3 bytes shorter so).
 */
void assay_add_html_text(assay_buf *out, const char *s);

/*
 * Markdown inline text (GitHub's flavour): punctuation that could start
 * markup, a link or a table cell is backslash-escaped, < > & are
 * references (so no HTML gets through), and line breaks become spaces, so
 * the text stays in its table cell or list item.
 */
void assay_add_markdown(assay_buf *out, const char *s);

/*
 * A Markdown code block holding s as it is: fenced with more backticks
 * than any run of them in s, so s cannot end it.
 */
void assay_add_markdown_code(assay_buf *out, const char *s);

#endif
