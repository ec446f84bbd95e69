/* SPDX-License-Identifier: MIT */
#include "xml.h"
#include "xml_impl.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

/*
 * The multi-root filter sits between the input and libxml2.  It hands the
 * bytes over unchanged except for three things: "<assay-multiroot>" before
 * the first element, "</assay-multiroot>" after the last byte, and any later
 * XML declaration overwritten with spaces (newlines kept, so every line
 * number stays what it was in the file).  To find those it follows just
 * enough of XML's lexical structure: the prolog (declaration, comments,
 * processing instructions, DOCTYPE) and, after it, '<' that open CDATA
 * sections, comments and processing instructions, whose content may hold
 * "<?xml " as text.  A token split across reads waits in the buffer until
 * the next read completes it (at most 9 bytes).
 */
static const char syn_open[] = "<" SYN_ROOT ">";
static const char syn_close[] = "</" SYN_ROOT ">";

/* Does buf[i..end) start with lit?  1 yes, 0 no, -1 cannot tell until more input comes. */
static int starts(const struct filter *f, size_t i, const char *lit)
{
	size_t n = strlen(lit), avail = f->end - i, k = avail < n ? avail : n;
	if (memcmp(f->buf + i, lit, k))
		return 0;
	if (k < n)
		return f->in_eof ? 0 : -1;
	return 1;
}

/*
 * Look for term in buf[i..end).  Found: 1, *at just past it.  Not found:
 * 0, *at where the search must resume (end, or a partial match at the end).
 */
static int find_term(const struct filter *f, size_t i, const char *term, size_t *at)
{
	for (;;) {
		const unsigned char *p = memchr(f->buf + i, term[0], f->end - i);
		if (!p) {
			*at = f->end;
			return 0;
		}
		i = (size_t)(p - f->buf);
		int m = starts(f, i, term);
		if (m == 1) {
			*at = i + strlen(term);
			return 1;
		}
		if (m < 0) {
			*at = i;
			return 0;
		}
		i++;
	}
}

static long count_nl(const unsigned char *b, size_t from, size_t to)
{
	long n = 0;
	for (size_t i = from; i < to; i++)
		n += b[i] == '\n';
	return n;
}

static int is_name_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
}

/* Skip a comment, PI or the like up to term, then go to state next.  0: wait for input. */
static int skip_to(struct filter *f, size_t *i, const char *term, enum fstate next, int count_lines)
{
	size_t at;
	int found = find_term(f, *i, term, &at);
	if (count_lines)
		f->line += count_nl(f->buf, *i, at);
	*i = at;
	if (found)
		f->st = next;
	return found || at == f->end;
}

/* The first bytes: UTF-16 (a BOM, or '<' as two bytes) is left to libxml2 as it is. */
static int step_start(struct filter *f, size_t *i)
{
	const unsigned char *b = f->buf + *i;
	size_t avail = f->end - *i;
	if (avail < 3 && !f->in_eof)
		return 0;
	if (avail >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE) ||
			   b[0] == 0 || b[1] == 0)) {
		f->st = F_PASS;
		return 1;
	}
	if (avail >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
		*i += 3;
	f->st = F_PROLOG;
	return 1;
}

static int step_prolog(struct filter *f, size_t *i)
{
	unsigned char c = f->buf[*i];
	int m;
	if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
		f->line += c == '\n';
		(*i)++;
		return 1;
	}
	if (c != '<') {
		f->st = F_PASS; /* not XML: libxml2 will say so */
		return 1;
	}
	if ((m = starts(f, *i, "<?")) != 0) {
		if (m < 0)
			return 0;
		f->st = F_PROLOG_PI;
		*i += 2;
		return 1;
	}
	if ((m = starts(f, *i, "<!--")) != 0) {
		if (m < 0)
			return 0;
		f->st = F_PROLOG_COMMENT;
		*i += 4;
		return 1;
	}
	if ((m = starts(f, *i, "<!DOCTYPE")) != 0) {
		if (m < 0)
			return 0;
		f->st = F_DOCTYPE;
		*i += 9;
		return 1;
	}
	if (f->end - *i < 2)
		return f->in_eof ? (f->st = F_PASS, 1) : 0;
	if (!is_name_start(f->buf[*i + 1])) {
		f->st = F_PASS;
		return 1;
	}
	/* the first element: the synthetic root opens just before it */
	f->inject = 1;
	f->inject_at = *i;
	f->st = F_BODY;
	(*i)++;
	return 1;
}

/* 1: went on; 0: wait for input; negative: an entity declaration, refused. */
static int step_doctype(assay_xml *x, size_t *i, assay_err *err)
{
	struct filter *f = x->f;
	unsigned char c = f->buf[*i];
	int m;
	if (f->dt_comment) {
		size_t at;
		int found = find_term(f, *i, "-->", &at);
		f->line += count_nl(f->buf, *i, at);
		*i = at;
		if (found)
			f->dt_comment = 0;
		return found || at == f->end;
	}
	if (f->dt_quote) {
		const unsigned char *p = memchr(f->buf + *i, f->dt_quote, f->end - *i);
		size_t to = p ? (size_t)(p - f->buf) + 1 : f->end;
		f->line += count_nl(f->buf, *i, to);
		*i = to;
		if (p)
			f->dt_quote = 0;
		return 1;
	}
	if (c == '"' || c == '\'') {
		f->dt_quote = (char)c;
	} else if (c == '[') {
		f->dt_subset = 1;
	} else if (c == ']') {
		f->dt_subset = 0;
	} else if (c == '>' && !f->dt_subset) {
		f->st = F_PROLOG;
	} else if (c == '<' && f->dt_subset) {
		if ((m = starts(f, *i, "<!--")) != 0) {
			if (m < 0)
				return 0;
			f->dt_comment = 1;
			*i += 4;
			return 1;
		}
		if ((m = starts(f, *i, "<!ENTITY")) != 0) {
			if (m < 0)
				return 0;
			return assay_err_at(err, ASSAY_EINPUT, assay_input_name(x->in), f->line,
					    XML_REFUSED_ENTITIES);
		}
	} else if (c == '\n') {
		f->line++;
	}
	(*i)++;
	return 1;
}

static int step_body(struct filter *f, size_t *i)
{
	const unsigned char *p = memchr(f->buf + *i, '<', f->end - *i);
	if (!p) {
		*i = f->end;
		return 1;
	}
	*i = (size_t)(p - f->buf);
	if (f->end - *i < 2)
		return f->in_eof ? (*i = f->end, 1) : 0;
	unsigned char c1 = f->buf[*i + 1];
	if (c1 != '!' && c1 != '?') { /* a tag: the common case */
		(*i)++;
		return 1;
	}
	int m;
	if ((m = starts(f, *i, "<![CDATA[")) != 0) {
		if (m < 0)
			return 0;
		f->st = F_CDATA;
		*i += 9;
		return 1;
	}
	if ((m = starts(f, *i, "<!--")) != 0) {
		if (m < 0)
			return 0;
		f->st = F_COMMENT;
		*i += 4;
		return 1;
	}
	if ((m = starts(f, *i, "<?xml")) != 0) {
		if (m < 0 || (f->end - *i < 6 && !f->in_eof))
			return 0;
		unsigned char c = f->end - *i >= 6 ? f->buf[*i + 5] : 0;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			f->st = F_DECL; /* blanked from its '<' on */
			return 1;
		}
	}
	if (c1 == '?') {
		f->st = F_PI;
		*i += 2;
		return 1;
	}
	(*i)++;
	return 1;
}

/* Overwrite a later XML declaration with spaces, keeping its newlines. */
static int step_decl(struct filter *f, size_t *i)
{
	size_t at;
	int found = find_term(f, *i, "?>", &at);
	for (size_t k = *i; k < at; k++)
		if (f->buf[k] != '\n')
			f->buf[k] = ' ';
	*i = at;
	if (found)
		f->st = F_BODY;
	return found || at == f->end;
}

/* Look at buf[done..end), up to a token that needs more input. */
static int filter_process(assay_xml *x, assay_err *err)
{
	struct filter *f = x->f;
	size_t i = f->done;
	int rc = 1;
	while (i < f->end && rc > 0) {
		switch (f->st) {
		case F_START:
			rc = step_start(f, &i);
			break;
		case F_PROLOG:
			rc = step_prolog(f, &i);
			break;
		case F_PROLOG_PI:
			rc = skip_to(f, &i, "?>", F_PROLOG, 1);
			break;
		case F_PROLOG_COMMENT:
			rc = skip_to(f, &i, "-->", F_PROLOG, 1);
			break;
		case F_DOCTYPE:
			rc = step_doctype(x, &i, err);
			break;
		case F_BODY:
			rc = step_body(f, &i);
			break;
		case F_CDATA:
			rc = skip_to(f, &i, "]]>", F_BODY, 0);
			break;
		case F_COMMENT:
			rc = skip_to(f, &i, "-->", F_BODY, 0);
			break;
		case F_PI:
			rc = skip_to(f, &i, "?>", F_BODY, 0);
			break;
		case F_DECL:
			rc = step_decl(f, &i);
			break;
		case F_PASS:
			i = f->end;
			break;
		}
	}
	f->done = i;
	return rc < 0 ? rc : 0;
}

/* Everything looked at has been handed over: keep the unfinished token, read more. */
static int filter_fill(assay_xml *x, assay_err *err)
{
	struct filter *f = x->f;
	size_t keep = f->end - f->done;
	/* (an opening tag due is always handed over before we get here) */
	memmove(f->buf, f->buf + f->done, keep);
	f->end = keep;
	f->done = f->out = 0;
	if (!f->in_eof) {
		ssize_t n = assay_input_read(x->in, f->buf + f->end, FILTER_CAP - f->end, err);
		if (n < 0)
			return (int)n;
		if (n == 0)
			f->in_eof = 1;
		f->end += (size_t)n;
	}
	return filter_process(x, err);
}

static size_t put(char *dst, size_t room, const void *src, size_t n)
{
	size_t k = n < room ? n : room;
	memcpy(dst, src, k);
	return k;
}

int xml_filter_read_cb(void *ctx, char *dst, int len)
{
	assay_xml *x = ctx;
	struct filter *f = x->f;
	size_t n = 0, want = (size_t)len;
	while (n < want) {
		if (f->inject == 1 && f->out == f->inject_at) {
			size_t k = put(dst + n, want - n, syn_open + f->inject_off,
				       sizeof(syn_open) - 1 - f->inject_off);
			f->inject_off += k;
			n += k;
			if (f->inject_off == sizeof(syn_open) - 1)
				f->inject = 2;
			continue;
		}
		size_t limit = f->inject == 1 ? f->inject_at : f->done;
		if (f->out < limit) {
			size_t k = put(dst + n, want - n, f->buf + f->out, limit - f->out);
			f->out += k;
			n += k;
			continue;
		}
		if (f->in_eof && f->done == f->end) {
			if (f->inject != 2 || f->close_off == sizeof(syn_close) - 1)
				break; /* the end */
			if (f->close_off == 0)
				f->tail_at = f->served + n;
			size_t k = put(dst + n, want - n, syn_close + f->close_off,
				       sizeof(syn_close) - 1 - f->close_off);
			f->close_off += k;
			n += k;
			continue;
		}
		if (n > 0)
			break; /* hand over what there is before reading on */
		if (filter_fill(x, &x->read_err) < 0) {
			x->have_read_err = 1;
			return -1;
		}
	}
	f->served += n;
	return (int)n;
}

/* ---- errors ---- */

/*
 * With the synthetic root, a file that stops early shows up as libxml2
 * meeting "</assay-multiroot>" too soon.  Say what happened in the file's
 * own terms instead.
 */
int xml_multiroot_message(assay_xml *x, assay_xml_errp e, char *msg, size_t n)
{
	const struct filter *f = x->f;
	if (e->code == XML_ERR_TAG_NAME_MISMATCH && e->str2 && !strcmp(e->str2, SYN_ROOT) && e->str1) {
		snprintf(msg, n, "truncated XML: the document ends inside <%s>", e->str1);
		return 1;
	}
	if (e->code == XML_ERR_TAG_NAME_MISMATCH && e->str1 && !strcmp(e->str1, SYN_ROOT) && e->str2) {
		snprintf(msg, n, "malformed XML: end tag </%s> without a start tag", e->str2);
		return 1;
	}
	/* inside the synthetic root, the document can only "end" early */
	if (e->code == XML_ERR_DOCUMENT_END) {
		snprintf(msg, n, "truncated XML: the document ends early");
		return 1;
	}
	xmlParserCtxtPtr ctxt = e->ctxt;
	if (f->close_off > 0 && ctxt && ctxt->input && xmlByteConsumed(ctxt) >= (long)f->tail_at) {
		snprintf(msg, n, "truncated XML: the document ends inside a tag");
		return 1;
	}
	return 0;
}
