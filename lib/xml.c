/* SPDX-License-Identifier: MIT */
/*
 * The parser's setup, its input as it is, and its errors: the first one
 * libxml2 reports, said in the file's terms.  The parser itself is in
 * lib/xml_push.c, the multi-root filter in lib/xml_multiroot.c.
 */
#include "xml.h"
#include "xml_impl.h"
#include "mem.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <string.h>

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

/* ---- errors ---- */

void xml_error_cb(void *arg, assay_xml_errp e)
{
	assay_xml *x = arg;
	if (x->have_parse_err || x->cb_rc || !e || e->level < XML_ERR_ERROR)
		return;
	/* An undeclared prefix does not make XML malformed, and no format here needs namespaces. */
	if (e->domain == XML_FROM_NAMESPACE)
		return;
	x->have_parse_err = 1;
	char msg[512];
	/* libxml2's push parser calls this "Extra content at the end of the document" */
	if ((e->code == XML_ERR_DOCUMENT_END || e->code == XML_ERR_DOCUMENT_EMPTY) && e->ctxt &&
	    !x->root_seen)
		snprintf(msg, sizeof(msg), "malformed XML: the document has no root element");
	else if (!x->f || !x->f->inject || !xml_multiroot_message(x, e, msg, sizeof(msg)))
		snprintf(msg, sizeof(msg), "malformed XML: %s", e->message ? e->message : "error");
	assay_err_at(&x->parse_err, ASSAY_EINPUT, assay_input_name(x->in), e->line, "%s", msg);
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

/* ---- setup ---- */

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

int assay_xml_open(assay_xml **out, assay_input *in, unsigned flags, assay_err *err)
{
	(void)err; /* nothing can fail before assay_xml_push() makes the parser */
	assay_xml_init();
	xmlSetGenericErrorFunc(NULL, silent);
	assay_xml *x = assay_xcalloc(1, sizeof(*x));
	x->in = in;
	if (flags & ASSAY_XML_MULTIROOT) {
		x->f = assay_xcalloc(1, sizeof(*x->f));
		x->f->buf = assay_xmalloc(FILTER_CAP);
		x->f->line = 1;
	}
	*out = x;
	return 0;
}

void assay_xml_free(assay_xml *x)
{
	if (!x)
		return;
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

long assay_xml_line(assay_xml *x)
{
	return x->ctxt ? xmlSAX2GetLineNumber(x->ctxt) : 1;
}

int xml_wrapped(const assay_xml *x)
{
	return x->f && x->f->inject;
}

const assay_xml_attribute *assay_xml_attr(const assay_xml_attribute *a, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(a[i].name, name))
			return &a[i];
	return NULL;
}
