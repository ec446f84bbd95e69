/*
 * A streaming XML reader over an assay_input, set up the one safe way:
 * no network, no DTD loading, no entity expansion, and any document that
 * declares entities is refused (billion laughs, external entities).
 * Memory stays bounded by the depth and the largest text node, not the
 * file's size.  Errors carry the input's name and line.
 */
#ifndef ASSAY_XML_H
#define ASSAY_XML_H

#include "err.h"
#include "input.h"

#include <libxml/xmlreader.h>

typedef struct assay_xml assay_xml;

/* A reader over in (not owned: close it after assay_xml_free()). */
int assay_xml_open(assay_xml **out, assay_input *in, assay_err *err);

enum {
	/*
	 * Accept several root elements in one file, each possibly after its
	 * own XML declaration, as cmocka writes one group after another and
	 * as `cat a.xml b.xml` makes.  The input is wrapped in a synthetic
	 * root that assay_xml_next() never shows; later XML declarations are
	 * blanked out byte for byte, so line numbers stay right.  A DOCTYPE
	 * that declares entities is refused before the parser sees it.
	 * ASCII-compatible encodings only: a UTF-16 document is read as it
	 * is, with one root.
	 */
	ASSAY_XML_MULTIROOT = 1u << 0,
	/*
	 * No reader: assay_xml_push() runs libxml2's push parser over the
	 * input and calls a handler for each element and piece of text.
	 * About twice as fast as the reader, which builds and frees a node
	 * for each of them; the same limits and refusals apply.
	 */
	ASSAY_XML_PUSH = 1u << 1,
};

/* assay_xml_open() with ASSAY_XML_* flags. */
int assay_xml_open_flags(assay_xml **out, assay_input *in, unsigned flags, assay_err *err);
void assay_xml_free(assay_xml *x);

/* The libxml2 reader, for the xmlTextReader* accessors. */
xmlTextReaderPtr assay_xml_reader(assay_xml *x);

/*
 * Advance to the next node.  1: a node is there; 0: end of document;
 * negative: malformed or refused input, err says where.
 */
int assay_xml_next(assay_xml *x, assay_err *err);

/* Current line of the parser in the input (it reads ahead of the node). */
long assay_xml_line(assay_xml *x);

/* The line of the current node where libxml2 knows it, else assay_xml_line(). */
long assay_xml_node_line(assay_xml *x);

/*
 * Depth of the reader's current node: 0 for a root element (each root,
 * with ASSAY_XML_MULTIROOT), 1 for its children, and so on.
 */
int assay_xml_depth(assay_xml *x);

/*
 * The current element's attribute `name` as a new string (xmlFree() it),
 * or NULL.  A thin wrapper, here so parsers need not cast.
 */
char *assay_xml_attr(assay_xml *x, const char *name);

/*
 * Read the text content of the current element (CDATA and text, children
 * included) into a new string of at most cap bytes (the rest is read and
 * dropped, and *truncated set), leaving the reader on its end tag.  For
 * an empty element returns "".  Free with free().
 */
int assay_xml_text(assay_xml *x, size_t cap, char **out, int *truncated, assay_err *err);

/* ---- push parsing (ASSAY_XML_PUSH) ---- */

/* An attribute of the element that starts; prefixed (namespaced) ones are not shown. */
typedef struct assay_xml_attribute {
	const char *name;  /* local name */
	const char *value; /* value[0..len), decoded; not NUL-terminated */
	size_t len;
} assay_xml_attribute;

/*
 * Each callback returns 0 to go on, or a negative error code with the
 * err given to assay_xml_push() set: nothing more is called back, and
 * assay_xml_push() returns that code.  depth as for assay_xml_depth();
 * the line functions answer during a callback.
 */
struct assay_xml_handler {
	int (*start)(void *ud, const char *name, int depth, const assay_xml_attribute *attrs,
		     size_t nattrs);
	int (*end)(void *ud, const char *name, int depth);
	/* text and CDATA inside a root, in pieces; entities decoded */
	int (*text)(void *ud, const char *s, size_t n);
};

/* Parse the whole input.  0 at its end; negative: malformed or refused input, or a callback's error. */
int assay_xml_push(assay_xml *x, const struct assay_xml_handler *h, void *ud, assay_err *err);

/* Process-wide libxml2 setup: refuse every external entity load. Idempotent. */
void assay_xml_init(void);

#endif
