/* SPDX-License-Identifier: MIT */
/*
 * A growable byte buffer (after git's strbuf).
 *
 * Invariant: buf is never NULL and always NUL-terminated at len, so a
 * freshly initialised buffer can be printed.  The buffer owns its memory
 * until assay_buf_detach() hands it to the caller (who then free()s it);
 * assay_buf_release() frees it and leaves the buffer empty and reusable.
 */
#ifndef ASSAY_BUF_H
#define ASSAY_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct assay_buf {
	char *buf;
	size_t len;
	size_t alloc; /* 0 while buf points at the shared empty string */
} assay_buf;

extern char assay_buf_empty[1];
#define ASSAY_BUF_INIT { assay_buf_empty, 0, 0 }

void assay_buf_init(assay_buf *b);
void assay_buf_release(assay_buf *b);
/* Hand the bytes to the caller (free() them); the buffer is empty again. */
char *assay_buf_detach(assay_buf *b, size_t *len_out);
void assay_buf_reset(assay_buf *b);
void assay_buf_grow(assay_buf *b, size_t extra);
/* inline: text is made a few bytes at a time, a million times a report, nearly always with room */
static inline void assay_buf_add(assay_buf *b, const void *data, size_t n)
{
	if (!n)
		return;
	if (b->len + n >= b->alloc)
		assay_buf_grow(b, n);
	memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

static inline void assay_buf_adds(assay_buf *b, const char *s)
{
	assay_buf_add(b, s, strlen(s));
}

static inline void assay_buf_addc(assay_buf *b, char c)
{
	if (b->len + 1 >= b->alloc)
		assay_buf_grow(b, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}
void assay_buf_addf(assay_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void assay_buf_vaddf(assay_buf *b, const char *fmt, va_list ap);
/* v in decimal, and in 16 lower-case hex digits: for text made in bulk, where printf was most of the time */
void assay_buf_add_u64(assay_buf *b, uint64_t v);
void assay_buf_add_i64(assay_buf *b, int64_t v);
void assay_buf_add_hex64(assay_buf *b, uint64_t v);
/*
 * Read back, at p and ended by the character `after`: 16 hex
 * digits into *v (1, else 0); a decimal of 1 to 19 digits, a '-' before
 * it for a negative one, into *v, returning where `after` is (NULL when
 * none is there).  For files made in bulk, where strtoull was most of the
 * reading.
 */
int assay_parse_hex64(const char *p, char after, uint64_t *v);
const char *assay_parse_i64(const char *p, char after, int64_t *v);
/* x with one decimal, exactly as printf's "%.1f" (ties to even on x's exact value), for 0 <= x < 1e15 */
void assay_buf_add_f1(assay_buf *b, double x);
/* Cut to n bytes (n <= len, asserted). */
void assay_buf_setlen(assay_buf *b, size_t n);
/*
 * Take in n bytes written at buf + len, into room assay_buf_grow(b, extra)
 * made (n <= extra, asserted): a read(2) straight into the buffer.
 */
void assay_buf_extend(assay_buf *b, size_t n);
/*
 * Add s[0..n) to be shown on a terminal: control bytes (tab and newline
 * aside), DEL and UTF-8's C1 controls as \xNN, so text that came from a
 * test cannot move the cursor, change colours or set the title.
 */
void assay_buf_add_shown(assay_buf *b, const char *s, size_t n);

/*
 * The last line of text[0..len) with more than white space in it, for a
 * message about a command's output: a pointer into text, *n its length
 * without the trailing blanks (0 when there is none).
 */
const char *assay_last_line(const char *text, size_t len, size_t *n);

#endif
