/* SPDX-License-Identifier: MIT */
/*
 * What lib/xml.c (setup and errors), lib/xml_multiroot.c (the multi-root
 * filter) and lib/xml_push.c (the parser) share.  Not for use outside lib/.
 */
#ifndef ASSAY_XML_IMPL_H
#define ASSAY_XML_IMPL_H

#include "xml.h"

#include <libxml/parser.h>

/* libxml2 2.12 made the structured error const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *assay_xml_errp;
#else
typedef xmlErrorPtr assay_xml_errp;
#endif

#define SYN_ROOT "assay-multiroot"

#define FILTER_CAP (64 * 1024)

#define XML_REFUSED_ENTITIES \
	"XML entity declarations are not accepted (no entity expansion, no external entities)"

enum fstate {
	F_START,          /* first bytes: a byte-order mark, or UTF-16 */
	F_PROLOG,         /* before the first element */
	F_PROLOG_PI,      /* <? ... ?> before the first element */
	F_PROLOG_COMMENT, /* <!-- ... --> before the first element */
	F_DOCTYPE,        /* <!DOCTYPE ... > */
	F_BODY,           /* from the first element on */
	F_CDATA,
	F_COMMENT,
	F_PI,
	F_DECL,           /* a later XML declaration, being blanked */
	F_PASS,           /* not ours to change: handed over as it is */
};

struct filter {
	unsigned char *buf;
	size_t out;  /* next byte to hand to libxml2 */
	size_t done; /* buf[0..done) has been looked at */
	size_t end;  /* buf[0..end) holds input */
	int in_eof;
	enum fstate st;
	long line;      /* current line, counted only in the prolog (for messages) */
	char dt_quote;  /* inside a quoted string of the DOCTYPE */
	int dt_subset;  /* inside its [internal subset] */
	int dt_comment; /* inside a comment of the internal subset */
	int inject;     /* 0: no root opened; 1: opening tag due at inject_at; 2: opened */
	size_t inject_at, inject_off, close_off;
	unsigned long long served;  /* bytes handed to libxml2 so far */
	unsigned long long tail_at; /* where the closing tag began, once it did */
};

struct assay_xml {
	assay_input *in;
	struct filter *f;    /* NULL unless ASSAY_XML_MULTIROOT */
	assay_err read_err;  /* an error from the input itself (I/O, gzip) or the filter */
	assay_err parse_err; /* the first error libxml2 reported */
	int have_read_err, have_parse_err;
	/* libxml2's push parser calls x->h back */
	xmlParserCtxtPtr ctxt;
	const struct assay_xml_handler *h;
	void *ud;
	int open;          /* elements open, the synthetic root included */
	int root_seen;     /* a real element has started */
	int cb_rc;         /* a callback's error: every later event is ignored */
	assay_err *cb_err; /* where callbacks (and this layer's own refusals) say what went wrong */
	assay_xml_attribute *attrs;
	size_t attrs_alloc;
	char *values; /* attribute values decoded for the handler (see decode_amp) */
	size_t values_alloc;
};

/* Input callbacks for libxml2 (ctx is the assay_xml): the input as it is, or through the filter. */
int xml_read_cb(void *ctx, char *buf, int len);
int xml_filter_read_cb(void *ctx, char *dst, int len);

/* libxml2's structured error handler: keeps the first error, in the file's own terms. */
void xml_error_cb(void *arg, assay_xml_errp e);

/*
 * e's message in the file's own terms where the synthetic root shows
 * through (a file that stops early): 1 with it in msg[0..n), else 0.
 */
int xml_multiroot_message(assay_xml *x, assay_xml_errp e, char *msg, size_t n);

/* Is the document wrapped in the synthetic root? */
int xml_wrapped(const assay_xml *x);

/*
 * Only blanks (and the byte-order marks of concatenated files) may stand
 * between roots: an error for anything else in v[0..n), a text that ends
 * on end_line.
 */
int xml_stray_text(assay_xml *x, const char *v, size_t n, long end_line, assay_err *err);

/* The error that stopped the parse: the input's, libxml2's, or a plain "malformed XML". */
int xml_fail(assay_xml *x, assay_err *err);

#endif
