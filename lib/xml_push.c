/* SPDX-License-Identifier: MIT */
/*
 * libxml2's push parser with our own SAX2 handler: events straight from
 * the parser, with no node built and freed for each (about twice as fast
 * as xmlTextReader, which does).  The refusals: an entity declaration is
 * an error, and no entity is ever looked up (there is no getEntity, and
 * the parser's user data is not its context), so none is expanded; no
 * DTD or external entity is loaded, nothing is fetched.  After the first
 * error no event is passed on, and no more input is read.
 */
#include "xml.h"
#include "xml_impl.h"
#include "mem.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <string.h>

#define PUSH_CHUNK (64 * 1024) /* read from the input at a time */
#define PIECE 1024              /* handed to the parser at a time: see catch_up() */

static int stopped(const assay_xml *x)
{
	return x->cb_rc || x->have_parse_err || x->have_read_err;
}

static void keep(assay_xml *x, int rc)
{
	if (rc < 0)
		x->cb_rc = rc;
}

/*
 * Not replacing entities, libxml2 hands "&amp;" and "&#38;" in an
 * attribute value over as "&#38;", to be decoded when it builds a tree,
 * which it does not here.  That is the only '&' a value can hold (an
 * entity of the file's own is refused before any element starts): write
 * v[0..n) to dst with each "&#38;" as '&', and say how long it came out.
 */
static size_t decode_amp(char *dst, const char *v, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; k++) {
		dst[k] = v[i];
		i += v[i] == '&' && n - i >= 5 && !memcmp(v + i, "&#38;", 5) ? 5 : 1;
	}
	return k;
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
		     int nb_defaulted, const xmlChar **attributes)
{
	(void)prefix;
	(void)uri;
	(void)nb_namespaces;
	(void)namespaces;
	assay_xml *x = ctx;
	int d = x->open++ - xml_wrapped(x);
	if (stopped(x) || d < 0)
		return;
	x->root_seen = 1;
	/* attributes defaulted by a DTD are not the file's (and no DTD is loaded to default them) */
	size_t na = (size_t)(nb_attributes - nb_defaulted), n = 0, amp = 0;
	ASSAY_GROW(x->attrs, x->attrs_alloc, na);
	for (size_t i = 0; i < na; i++) {
		const xmlChar **a = attributes + 5 * i; /* localname, prefix, URI, value, end */
		if (a[1])
			continue;
		x->attrs[n].name = (const char *)a[0];
		x->attrs[n].value = (const char *)a[3];
		x->attrs[n].len = (size_t)(a[4] - a[3]);
		if (memchr(x->attrs[n].value, '&', x->attrs[n].len))
			amp += x->attrs[n].len; /* decoded, no longer */
		n++;
	}
	if (amp) {
		ASSAY_GROW(x->values, x->values_alloc, amp);
		char *dst = x->values;
		for (size_t i = 0; i < n; i++) {
			assay_xml_attribute *at = &x->attrs[i];
			if (!memchr(at->value, '&', at->len))
				continue;
			at->len = decode_amp(dst, at->value, at->len);
			at->value = dst;
			dst += at->len;
		}
	}
	keep(x, x->h->start(x->ud, (const char *)localname, d, x->attrs, n));
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	(void)prefix;
	(void)uri;
	assay_xml *x = ctx;
	int d = --x->open - xml_wrapped(x);
	if (stopped(x) || d < 0)
		return;
	keep(x, x->h->end(x->ud, (const char *)localname, d));
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	assay_xml *x = ctx;
	if (stopped(x))
		return;
	/* between the roots (inside the synthetic one): the parser is just past the text */
	if (x->open - xml_wrapped(x) <= 0)
		keep(x, xml_stray_text(x, (const char *)ch, (size_t)len, assay_xml_line(x), x->cb_err));
	else
		keep(x, x->h->text(x->ud, (const char *)ch, (size_t)len));
}

/* An entity the parser could not replace: only ever one a DTD we did not load declares. */
static void on_reference(void *ctx, const xmlChar *name)
{
	assay_xml *x = ctx;
	if (!stopped(x))
		keep(x, assay_err_at(x->cb_err, ASSAY_EINPUT, assay_input_name(x->in), assay_xml_line(x),
				     "XML entity reference &%s; is not accepted", (const char *)name));
}

static void refuse_entity(assay_xml *x)
{
	if (!stopped(x))
		keep(x, assay_err_at(x->cb_err, ASSAY_EINPUT, assay_input_name(x->in), assay_xml_line(x),
				     XML_REFUSED_ENTITIES));
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
			   const xmlChar *system_id, xmlChar *content)
{
	(void)name;
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	refuse_entity(ctx);
}

static void on_unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
				    const xmlChar *system_id, const xmlChar *notation)
{
	(void)name;
	(void)public_id;
	(void)system_id;
	(void)notation;
	refuse_entity(ctx);
}

/* How far the parser has read, in (decoded) bytes. */
static unsigned long long parsed(const xmlParserCtxt *c)
{
	return (unsigned long long)c->input->consumed + (unsigned long long)(c->input->cur - c->input->base);
}

/*
 * libxml2 2.9's push parser hands a CDATA section over 300 bytes per
 * xmlParseChunk(), whatever it was given: a big section (a chatty test's
 * output, as ctest writes it) would pile up past the parser's 10 MB limit
 * on what it holds unparsed ("Huge input lookup"; xmlTextReader fails
 * so too).  So it is let go on, without new input, while it gets anywhere.
 * Each call scans what it holds back to the last '<', so it is given
 * PIECE bytes at a time, not 64 KiB: 50 MB of CDATA takes 0.4 s, not 16 s,
 * and the usual file no longer than before.
 */
static void catch_up(assay_xml *x)
{
	xmlParserCtxtPtr c = x->ctxt;
	while (!stopped(x) && c->input && c->input->end - c->input->cur > 2 * PIECE) {
		unsigned long long before = parsed(c);
		xmlParseChunk(c, NULL, 0, 0);
		if (!c->input || parsed(c) == before)
			break;
	}
}

int assay_xml_push(assay_xml *x, const struct assay_xml_handler *h, void *ud, assay_err *err)
{
	xmlSAXHandler sax;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_text;
	sax.reference = on_reference;
	sax.entityDecl = on_entity_decl;
	sax.unparsedEntityDecl = on_unparsed_entity_decl;
	sax.serror = xml_error_cb;
	x->h = h;
	x->ud = ud;
	x->cb_err = err;
	int (*rd)(void *, char *, int) = x->f ? xml_filter_read_cb : xml_read_cb;
	char *buf = assay_xmalloc(PUSH_CHUNK);
	int n = rd(x, buf, PUSH_CHUNK);
	/* the first bytes alone, as xmllint does: libxml2 tells the encoding from them */
	int first = n < 4 ? (n < 0 ? 0 : n) : 4;
	if (n >= 0) {
		x->ctxt = xmlCreatePushParserCtxt(&sax, x, buf, first, assay_input_name(x->in));
		if (!x->ctxt) {
			free(buf);
			return assay_err_set(err, ASSAY_ENOMEM, "%s: cannot create XML parser",
					     assay_input_name(x->in));
		}
		/* NONET: never fetch; no NOENT / DTDLOAD / DTDATTR: never expand or load. */
		xmlCtxtUseOptions(x->ctxt, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	}
	for (int off = first; n >= 0 && !stopped(x); off = 0) {
		for (int k; off < n && !stopped(x); off += k) {
			k = n - off < PIECE ? n - off : PIECE;
			xmlParseChunk(x->ctxt, buf + off, k, 0);
			catch_up(x);
		}
		if (n == 0) {
			xmlParseChunk(x->ctxt, NULL, 0, 1);
			break;
		}
		if (!stopped(x))
			n = rd(x, buf, PUSH_CHUNK);
	}
	free(buf);
	if (x->cb_rc)
		return x->cb_rc;
	if (x->have_read_err || x->have_parse_err || !x->ctxt->wellFormed)
		return xml_fail(x, err);
	return 0;
}
