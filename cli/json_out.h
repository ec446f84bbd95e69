/* SPDX-License-Identifier: MIT */
/*
 * The one JSON writer: every --json output, report and JSON document Assay
 * writes goes through it, so the text is JSON whatever the bytes it is given.
 *
 * A streaming writer into an assay_buf: the caller opens and closes objects
 * and arrays and names each member; the writer puts the commas and colons.
 * Every function that adds a value takes the member's key first: a key inside
 * an object, NULL inside an array or for the document itself (asserted).  The
 * caller owns the buffer and may write it out and reset it between values, as
 * assay sql does after each row: the writer keeps its place, not the text.
 *
 * The rules, the same in every output:
 *  - Strings: jansson encodes them (quotes, backslashes and control characters
 *    escaped: \n, \u001B; NUL, in a string given with its length, \u0000).
 *    Bytes that are not well-formed UTF-8 (RFC 3629: no overlong forms, no
 *    surrogates, nothing past U+10FFFF) become U+FFFD, one for each byte that is
 *    not part of a well-formed sequence.  A NULL string is null.
 *  - Numbers: a double that is not finite (Inf, NaN) is null; finite ones are
 *    printed with the precision the output has always had ("%.6f", "%.10g").
 *
 * Why not a json_t tree dumped by jansson: the outputs keep their number
 * formatting ("score":1.000000), which jansson's reals cannot print, and
 * assay sql --json streams its rows instead of holding them all.
 */
#ifndef ASSAY_CLI_JSON_OUT_H
#define ASSAY_CLI_JSON_OUT_H

#include "buf.h"

#include <stddef.h>
#include <stdio.h>

#define ASSAY_JSON_MAX_DEPTH 16

typedef struct assay_json {
	assay_buf *out;
	int depth;
	/* per open container: 'o' object or 'a' array, and whether it holds a value yet */
	char kind[ASSAY_JSON_MAX_DEPTH];
	char filled[ASSAY_JSON_MAX_DEPTH];
} assay_json;

/* Start a document written at the end of *out (which the caller keeps owning). */
void assay_json_init(assay_json *j, assay_buf *out);

void assay_json_object(assay_json *j, const char *key);
void assay_json_array(assay_json *j, const char *key);
/* Close the innermost open object or array. */
void assay_json_close(assay_json *j);

/*
 * End the document: close every object and array still open, add a
 * newline and write the buffer to out (a front end's stdout or stderr);
 * the buffer is left empty, still the caller's to release.
 */
void assay_json_print(assay_json *j, FILE *out);

/* s as a JSON string by the rules above; NULL: null. */
void assay_json_str(assay_json *j, const char *key, const char *s);
/* s[0..n), NUL bytes included. */
void assay_json_strn(assay_json *j, const char *key, const char *s, size_t n);
void assay_json_int(assay_json *j, const char *key, long long v);
void assay_json_uint(assay_json *j, const char *key, unsigned long long v);
void assay_json_bool(assay_json *j, const char *key, int v);
void assay_json_null(assay_json *j, const char *key);
/* v with `decimals` digits after the point ("%.*f"); not finite: null. */
void assay_json_fixed(assay_json *j, const char *key, double v, int decimals);
/* v with `digits` significant digits ("%.*g"); not finite: null. */
void assay_json_real(assay_json *j, const char *key, double v, int digits);
/* A number another program printed (SQLite's text of a REAL), as it is if it is a
   JSON number, else null. */
void assay_json_number_text(assay_json *j, const char *key, const char *text);

#endif
