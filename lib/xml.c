#include "xml.h"
#include "xml_impl.h"
#include "buf.h"
#include "mem.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
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

int xml_read_cb(void *ctx, char *buf, int len)
{
	assay_xml *x = ctx;
	ssize_t n = assay_input_read(x->in, buf, (size_t)len, &x->read_err);
	if (n < 0) {
		x->have_read_err = 1;
		return -1;
	}
	return (int)n;
}

static int close_cb(void *ctx)
{
	(void)ctx;
	return 0;
}

/* ---- the multi-root filter ---- */

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
static int multiroot_message(assay_xml *x, assay_xml_errp e, char *msg, size_t n)
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

void xml_error_cb(void *arg, assay_xml_errp e)
{
	assay_xml *x = arg;
	if (x->have_parse_err || x->cb_rc || !e || e->level < XML_ERR_ERROR)
		return;
	/* An undeclared prefix does not make XML malformed, and JUnit needs no namespaces. */
	if (e->domain == XML_FROM_NAMESPACE)
		return;
	x->have_parse_err = 1;
	char msg[512];
	xmlParserCtxtPtr ctxt = e->ctxt;
	/* libxml2's push parser calls this "Extra content at the end of the document" */
	int no_root = x->r ? !ctxt || !ctxt->myDoc || !xmlDocGetRootElement(ctxt->myDoc)
			   : !x->root_seen;
	if ((e->code == XML_ERR_DOCUMENT_END || e->code == XML_ERR_DOCUMENT_EMPTY) && ctxt && no_root)
		snprintf(msg, sizeof(msg), "malformed XML: the document has no root element");
	else if (!x->f || !x->f->inject || !multiroot_message(x, e, msg, sizeof(msg)))
		snprintf(msg, sizeof(msg), "malformed XML: %s", e->message ? e->message : "error");
	assay_err_at(&x->parse_err, ASSAY_EINPUT, assay_input_name(x->in), e->line, "%s", msg);
}

/* libxml2 reports a few things (encodings) outside any parser: never to stderr. */
static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static xmlParserInputPtr no_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void assay_xml_init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	xmlInitParser();
	xmlSetExternalEntityLoader(no_entity_loader);
}

/* ---- the reader ---- */

int assay_xml_open(assay_xml **out, assay_input *in, assay_err *err)
{
	return assay_xml_open_flags(out, in, 0, err);
}

int assay_xml_open_flags(assay_xml **out, assay_input *in, unsigned flags, assay_err *err)
{
	assay_xml_init();
	xmlSetGenericErrorFunc(NULL, silent);
	assay_xml *x = assay_xcalloc(1, sizeof(*x));
	x->in = in;
	if (flags & ASSAY_XML_MULTIROOT) {
		x->f = assay_xcalloc(1, sizeof(*x->f));
		x->f->buf = assay_xmalloc(FILTER_CAP);
		x->f->line = 1;
	}
	if (flags & ASSAY_XML_PUSH) {
		*out = x; /* assay_xml_push() makes the parser */
		return 0;
	}
	/* NONET: never fetch; no NOENT / DTDLOAD / DTDATTR: never expand or load. */
	x->r = xmlReaderForIO(x->f ? xml_filter_read_cb : xml_read_cb, close_cb, x, assay_input_name(in),
			      NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	if (!x->r) {
		int rc;
		if (x->have_read_err) {
			*err = x->read_err;
			rc = -err->code;
		} else {
			rc = assay_err_set(err, ASSAY_ENOMEM, "%s: cannot create XML reader",
					   assay_input_name(in));
		}
		assay_xml_free(x);
		*out = NULL;
		return rc;
	}
	xmlTextReaderSetStructuredErrorHandler(x->r, xml_error_cb, x);
	*out = x;
	return 0;
}

void assay_xml_free(assay_xml *x)
{
	if (!x)
		return;
	xmlFreeTextReader(x->r);
	if (x->ctxt) {
		/* libxml2 keeps a DTD's entities in a document of its own even for a SAX handler */
		xmlFreeDoc(x->ctxt->myDoc);
		xmlFreeParserCtxt(x->ctxt);
	}
	free(x->attrs);
	free(x->values);
	if (x->f)
		free(x->f->buf);
	free(x->f);
	free(x);
}

xmlTextReaderPtr assay_xml_reader(assay_xml *x)
{
	return x->r;
}

long assay_xml_line(assay_xml *x)
{
	if (!x->r)
		return x->ctxt ? xmlSAX2GetLineNumber(x->ctxt) : 1;
	return xmlTextReaderGetParserLineNumber(x->r);
}

long assay_xml_node_line(assay_xml *x)
{
	/* the push parser is just past the start tag: where the reader dates an element too */
	if (!x->r)
		return assay_xml_line(x);
	xmlNodePtr n = xmlTextReaderCurrentNode(x->r);
	long l = n ? xmlGetLineNo(n) : -1;
	/* libxml2 2.9 keeps element lines in 16 bits: 65535 means "or more" */
	return l > 0 && l < 65535 ? l : assay_xml_line(x);
}

int xml_wrapped(const assay_xml *x)
{
	return x->f && x->f->inject;
}

int assay_xml_depth(assay_xml *x)
{
	return xmlTextReaderDepth(x->r) - xml_wrapped(x);
}

int xml_fail(assay_xml *x, assay_err *err)
{
	if (x->have_read_err) {
		*err = x->read_err;
		return -err->code;
	}
	if (x->have_parse_err) {
		*err = x->parse_err;
		return -err->code;
	}
	return assay_err_at(err, ASSAY_EINPUT, assay_input_name(x->in), assay_xml_line(x),
			    "malformed XML");
}

/* A DTD that declares entities is how XML bombs and external entities come in. */
static int refuse_entities(assay_xml *x, assay_err *err)
{
	/* not xmlTextReaderCurrentDoc(): it makes the reader keep (leak) the document */
	xmlNodePtr node = xmlTextReaderCurrentNode(x->r);
	xmlDocPtr doc = node ? node->doc : NULL;
	xmlDtdPtr dtd = doc ? doc->intSubset : NULL;
	if ((dtd && (dtd->entities || dtd->pentities)) || (doc && doc->extSubset))
		return assay_err_at(err, ASSAY_EINPUT, assay_input_name(x->in), assay_xml_line(x),
				    XML_REFUSED_ENTITIES);
	return 0;
}

/* The synthetic root's own start and end are not part of the document. */
static int is_synthetic(assay_xml *x, int type)
{
	return xml_wrapped(x) && xmlTextReaderDepth(x->r) == 0 &&
	       (type == XML_READER_TYPE_ELEMENT || type == XML_READER_TYPE_END_ELEMENT) &&
	       !strcmp((const char *)xmlTextReaderConstName(x->r), SYN_ROOT);
}

int xml_stray_text(assay_xml *x, const char *v, size_t n, long end_line, assay_err *err)
{
	const char *end = v + n;
	while (v < end) {
		if (end - v >= 3 && !memcmp(v, "\xEF\xBB\xBF", 3))
			v += 3;
		else if (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
			v++;
		else
			break;
	}
	if (v == end)
		return 0;
	long line = end_line;
	for (const char *p = v; p < end; p++)
		line -= *p == '\n';
	return assay_err_at(err, ASSAY_EINPUT, assay_input_name(x->in), line > 0 ? line : 1,
			    "malformed XML: text outside the root element");
}

static int text_between_roots(assay_xml *x, int type, assay_err *err)
{
	if (!xml_wrapped(x) || xmlTextReaderDepth(x->r) != 1 ||
	    (type != XML_READER_TYPE_TEXT && type != XML_READER_TYPE_CDATA))
		return 0;
	const char *v = (const char *)xmlTextReaderConstValue(x->r);
	/* libxml2 dates a short text node by the line it ends on */
	return v ? xml_stray_text(x, v, strlen(v), assay_xml_node_line(x), err) : 0;
}

int assay_xml_next(assay_xml *x, assay_err *err)
{
	int type;
	do {
		int rc = xmlTextReaderRead(x->r);
		if (rc < 0 || x->have_read_err || x->have_parse_err)
			return xml_fail(x, err);
		if (rc == 0)
			return 0;
		type = xmlTextReaderNodeType(x->r);
		if (type == XML_READER_TYPE_DOCUMENT_TYPE || !x->checked_dtd) {
			x->checked_dtd = 1;
			int e = refuse_entities(x, err);
			if (e < 0)
				return e;
		}
		if (type == XML_READER_TYPE_ENTITY_REFERENCE)
			return assay_err_at(err, ASSAY_EINPUT, assay_input_name(x->in), assay_xml_line(x),
					    "XML entity reference &%s; is not accepted",
					    (const char *)xmlTextReaderConstName(x->r));
		int e = text_between_roots(x, type, err);
		if (e < 0)
			return e;
	} while (is_synthetic(x, type));
	return 1;
}

char *assay_xml_attr(assay_xml *x, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
}

int assay_xml_text(assay_xml *x, size_t cap, char **out, int *truncated, assay_err *err)
{
	assay_buf b = ASSAY_BUF_INIT;
	*out = NULL;
	if (truncated)
		*truncated = 0;
	if (xmlTextReaderIsEmptyElement(x->r)) {
		*out = assay_buf_detach(&b, NULL);
		return 0;
	}
	int depth = xmlTextReaderDepth(x->r);
	for (;;) {
		int rc = assay_xml_next(x, err);
		if (rc < 0) {
			assay_buf_release(&b);
			return rc;
		}
		if (rc == 0) {
			assay_buf_release(&b);
			return assay_err_at(err, ASSAY_EINPUT, assay_input_name(x->in),
					    assay_xml_line(x), "truncated XML: document ends inside an element");
		}
		int type = xmlTextReaderNodeType(x->r);
		if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(x->r) == depth)
			break;
		if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
		    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE) {
			const char *v = (const char *)xmlTextReaderConstValue(x->r);
			size_t n = v ? strlen(v) : 0;
			if (b.len + n > cap) {
				if (truncated)
					*truncated = 1;
				n = cap > b.len ? cap - b.len : 0;
			}
			assay_buf_add(&b, v, n);
		}
	}
	*out = assay_buf_detach(&b, NULL);
	return 0;
}
