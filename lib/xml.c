#include "xml.h"
#include "buf.h"
#include "mem.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <string.h>

struct assay_xml {
	xmlTextReaderPtr r;
	assay_input *in;
	assay_err read_err; /* an error from the input itself (I/O, gzip) */
	assay_err parse_err; /* the first error libxml2 reported */
	int have_read_err, have_parse_err;
	int checked_dtd;
};

static int read_cb(void *ctx, char *buf, int len)
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

static void error_cb(void *arg, const char *msg, xmlParserSeverities sev,
		     xmlTextReaderLocatorPtr loc)
{
	assay_xml *x = arg;
	if (x->have_parse_err || (sev != XML_PARSER_SEVERITY_ERROR && sev != XML_PARSER_SEVERITY_VALIDITY_ERROR))
		return;
	x->have_parse_err = 1;
	assay_err_at(&x->parse_err, ASSAY_EINPUT, assay_input_name(x->in),
		     xmlTextReaderLocatorLineNumber(loc), "malformed XML: %s", msg);
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

int assay_xml_open(assay_xml **out, assay_input *in, assay_err *err)
{
	assay_xml_init();
	assay_xml *x = assay_xcalloc(1, sizeof(*x));
	x->in = in;
	/* NONET: never fetch; no NOENT / DTDLOAD / DTDATTR: never expand or load. */
	x->r = xmlReaderForIO(read_cb, close_cb, x, assay_input_name(in), NULL,
			      XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
	if (!x->r) {
		free(x);
		*out = NULL;
		return assay_err_set(err, ASSAY_ENOMEM, "%s: cannot create XML reader",
				     assay_input_name(in));
	}
	xmlTextReaderSetErrorHandler(x->r, error_cb, x);
	*out = x;
	return 0;
}

void assay_xml_free(assay_xml *x)
{
	if (!x)
		return;
	xmlFreeTextReader(x->r);
	free(x);
}

xmlTextReaderPtr assay_xml_reader(assay_xml *x)
{
	return x->r;
}

long assay_xml_line(assay_xml *x)
{
	return xmlTextReaderGetParserLineNumber(x->r);
}

static int fail(assay_xml *x, assay_err *err)
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
	xmlDocPtr doc = xmlTextReaderCurrentDoc(x->r);
	xmlDtdPtr dtd = doc ? doc->intSubset : NULL;
	if ((dtd && (dtd->entities || dtd->pentities)) || (doc && doc->extSubset))
		return assay_err_at(err, ASSAY_EINPUT, assay_input_name(x->in), assay_xml_line(x),
				    "XML entity declarations are not accepted (no entity expansion, no external entities)");
	return 0;
}

int assay_xml_next(assay_xml *x, assay_err *err)
{
	int rc = xmlTextReaderRead(x->r);
	if (rc < 0 || x->have_read_err || x->have_parse_err)
		return fail(x, err);
	if (rc == 0)
		return 0;
	int type = xmlTextReaderNodeType(x->r);
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
