/* SPDX-License-Identifier: MIT */
/*
 * A streaming XML parser over an assay_input: libxml2's push parser,
 * set up the one safe way (no network, no DTD loading, no entity
 * expansion, and any document that declares entities is refused: billion
 * laughs, external entities), calls a handler for each element and piece
 * of text.  Memory stays bounded by the depth and the largest piece the
 * parser holds, not the file's size.  The encoding is told from the
 * content (a byte-order mark, UTF-16 without one, the declaration), and a
 * gzip input is read through (lib/input).  Errors carry the input's name
 * and line.  libxml2 itself stays inside lib/: nothing here needs it.
 */
#ifndef ASSAY_XML_H
#define ASSAY_XML_H

#include "err.h"
#include "input.h"

#include <stddef.h>

typedef struct assay_xml assay_xml;

enum {
	/*
	 * Accept several root elements in one file, each possibly after its
	 * own XML declaration, as cmocka writes one group after another and
	 * as `cat a.xml b.xml` makes.  The input is wrapped in a synthetic
	 * root that the handler never sees; later XML declarations are
	 * blanked out byte for byte, so line numbers stay right.  A DOCTYPE
	 * that declares entities is refused before the parser sees it.
	 * ASCII-compatible encodings only: a UTF-16 document is read as it
	 * is, with one root.
	 */
	ASSAY_XML_MULTIROOT = 1u << 0,
};

/* A parser over in (not owned: close it after assay_xml_free()), with ASSAY_XML_* flags. */
int assay_xml_open(assay_xml **out, assay_input *in, unsigned flags, assay_err *err);
void assay_xml_free(assay_xml *x);

/* An attribute of the element that starts; prefixed (namespaced) ones are not shown. */
typedef struct assay_xml_attribute {
	const char *name;  /* local name */
	const char *value; /* value[0..len), decoded; not NUL-terminated */
	size_t len;
} assay_xml_attribute;

/* The attribute called name among a[0..n), or NULL. */
const assay_xml_attribute *assay_xml_attr(const assay_xml_attribute *a, size_t n,
					  const char *name);

/*
 * Each callback returns 0 to go on, or a negative error code with the
 * err given to assay_xml_push() set: nothing more is called back, and
 * assay_xml_push() returns that code.  depth: 0 for a root element (each
 * root, with ASSAY_XML_MULTIROOT), 1 for its children, and so on.  Every
 * element, an empty one (<a/>) too, has its start and its end.
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

/*
 * The parser's line in the input, during a callback: in start, the line
 * its start tag ends on.
 */
long assay_xml_line(assay_xml *x);

/* Process-wide libxml2 setup: refuse every external entity load. Idempotent. */
void assay_xml_init(void);

#endif
