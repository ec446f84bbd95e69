/* SPDX-License-Identifier: MIT */
/*
 * gcov's JSON intermediate format (`gcov --json-format`, gcc 9 and later).
 *
 * The input is one JSON document, or several one after another (`gcov -t
 * --json-format` writes one per line, a document per translation unit);
 * plain or gzip, which assay_input undoes.  Documents are decoded one at
 * a time with jansson, so memory follows the largest document, not the
 * file.
 *
 * format_version "1" (gcc 9 to 13) and "2" (gcc 14: block_ids, calls,
 * conditions, source/destination block ids) differ only in fields that
 * Assay does not read, so both read the same way:
 *   files[].file       made repo-relative against current_working_directory
 *   lines[]            line_number, count; branches[] in order get indices
 *                      0..n-1 on block 0, as gcovr numbers them; a branch
 *                      of a line never executed is "-" (taken -1), as
 *                      geninfo writes it
 *   functions[]        demangled_name (else name), start_line, end_line,
 *                      execution_count
 * A header listed by several translation units adds up in the covset.
 */
#include "parsers.h"

#include "buf.h"
#include "mem.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Where bytes of the input are while jansson decodes one document. */
#define FEED_CHUNK (64 * 1024)

struct feed {
	assay_input *in;
	assay_err *err;
	int failed;        /* the input itself failed: err is set */
	assay_buf buf;     /* bytes read from the input, not yet known to be consumed */
	size_t served;     /* bytes of buf handed to jansson for the current document */
};

/* Read more of the input onto buf.  Bytes added, 0 at the end, negative on error. */
static ssize_t feed_fill(struct feed *fd)
{
	assay_buf_grow(&fd->buf, FEED_CHUNK);
	ssize_t got = assay_input_read(fd->in, fd->buf.buf + fd->buf.len, FEED_CHUNK, fd->err);
	if (got < 0)
		fd->failed = 1;
	else
		assay_buf_extend(&fd->buf, (size_t)got);
	return got;
}

/* jansson's reader: serve buf, refilling it from the input. */
static size_t feed_cb(void *out, size_t n, void *arg)
{
	struct feed *fd = arg;
	if (fd->served == fd->buf.len) {
		ssize_t got = feed_fill(fd);
		if (got <= 0)
			return got < 0 ? (size_t)-1 : 0;
	}
	size_t k = fd->buf.len - fd->served < n ? fd->buf.len - fd->served : n;
	memcpy(out, fd->buf.buf + fd->served, k);
	fd->served += k;
	return k;
}

/* Drop the first n bytes of buf (consumed by a document), counting their lines. */
static void feed_consume(struct feed *fd, size_t n, long *lineno)
{
	for (size_t i = 0; i < n; i++)
		*lineno += fd->buf.buf[i] == '\n';
	memmove(fd->buf.buf, fd->buf.buf + n, fd->buf.len - n);
	assay_buf_setlen(&fd->buf, fd->buf.len - n);
	fd->served = 0;
}

/* JSON's whitespace (RFC 8259), and nothing else: not NUL, as strchr would have it. */
static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Skip whitespace before the next document.  1: a document starts; 0: the
 * input is at its end; negative: the input failed.
 */
static int feed_skip_space(struct feed *fd, long *lineno)
{
	for (;;) {
		size_t i = 0;
		while (i < fd->buf.len && is_space(fd->buf.buf[i]))
			i++;
		int more = i < fd->buf.len;
		feed_consume(fd, i, lineno);
		if (more)
			return 1;
		ssize_t got = feed_fill(fd);
		if (got <= 0)
			return got < 0 ? -fd->err->code : 0;
	}
}

/* The state of one document's walk, for messages. */
struct doc {
	assay_input *in;
	long line; /* the line the document starts on */
	assay_err *err;
};

static int bad(const struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "FILE:LINE: gcov JSON: what", LINE being where the document starts. */
static int bad(const struct doc *d, const char *fmt, ...)
{
	char what[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return assay_err_at(d->err, ASSAY_EINPUT, assay_input_name(d->in), d->line,
			    "gcov JSON: %s", what);
}

/* A count: integers as written, negative (a gcov bug) as 0, reals rounded up. */
static int get_count(const json_t *v, uint64_t *out)
{
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		*out = i < 0 ? 0 : (uint64_t)i;
		return 0;
	}
	if (json_is_real(v)) {
		*out = assay_count_from_real(json_real_value(v));
		return 0;
	}
	return -1;
}

/* A line number: an integer in 0..UINT32_MAX. */
static int get_lineno(const json_t *v, uint32_t *out)
{
	if (!json_is_integer(v))
		return -1;
	json_int_t i = json_integer_value(v);
	if (i < 0 || i > (json_int_t)UINT32_MAX)
		return -1;
	*out = (uint32_t)i;
	return 0;
}

static int read_line(const struct doc *d, assay_filecov *f, const json_t *jl, const char *file,
		     size_t idx)
{
	uint32_t ln;
	uint64_t count;
	if (!json_is_object(jl))
		return bad(d, "%s: lines[%zu] is not an object", file, idx);
	if (get_lineno(json_object_get(jl, "line_number"), &ln) < 0)
		return bad(d, "%s: lines[%zu] has no valid line_number", file, idx);
	if (get_count(json_object_get(jl, "count"), &count) < 0)
		return bad(d, "%s: lines[%zu] has no valid count", file, idx);
	assay_filecov_line(f, ln, count);

	const json_t *branches = json_object_get(jl, "branches");
	if (!branches)
		return 0;
	if (!json_is_array(branches))
		return bad(d, "%s: lines[%zu].branches is not an array", file, idx);
	size_t bi;
	const json_t *jb;
	json_array_foreach(branches, bi, jb) {
		uint64_t taken;
		if (!json_is_object(jb) || get_count(json_object_get(jb, "count"), &taken) < 0)
			return bad(d, "%s: a branch of lines[%zu] has no valid count", file, idx);
		if (bi > UINT32_MAX)
			return bad(d, "%s: lines[%zu] has too many branches", file, idx);
		int64_t t = count == 0 ? -1 : taken > INT64_MAX ? INT64_MAX : (int64_t)taken;
		assay_filecov_branch(f, ln, 0, (uint32_t)bi, t);
	}
	return 0;
}

static int read_function(const struct doc *d, assay_filecov *f, const json_t *jf,
			 const char *file, size_t idx)
{
	if (!json_is_object(jf))
		return bad(d, "%s: functions[%zu] is not an object", file, idx);
	const char *name = json_string_value(json_object_get(jf, "demangled_name"));
	if (!name || !*name)
		name = json_string_value(json_object_get(jf, "name"));
	if (!name || !*name)
		return bad(d, "%s: functions[%zu] has no name", file, idx);
	uint32_t start, end = 0;
	uint64_t count;
	if (get_lineno(json_object_get(jf, "start_line"), &start) < 0)
		return bad(d, "%s: functions[%zu] has no valid start_line", file, idx);
	const json_t *je = json_object_get(jf, "end_line");
	if (je && get_lineno(je, &end) < 0)
		return bad(d, "%s: functions[%zu] has an invalid end_line", file, idx);
	if (get_count(json_object_get(jf, "execution_count"), &count) < 0)
		return bad(d, "%s: functions[%zu] has no valid execution_count", file, idx);
	assay_filecov_function(f, name, start, end, count);
	return 0;
}

static int read_file(const struct doc *d, assay_covset *cs, const struct assay_cov_opts *o,
		     const char *cwd, const json_t *jfile, size_t idx)
{
	if (!json_is_object(jfile))
		return bad(d, "files[%zu] is not an object", idx);
	const char *file = json_string_value(json_object_get(jfile, "file"));
	if (!file || !*file)
		return bad(d, "files[%zu] has no \"file\"", idx);
	const json_t *lines = json_object_get(jfile, "lines");
	const json_t *funcs = json_object_get(jfile, "functions");
	if ((lines && !json_is_array(lines)) || (funcs && !json_is_array(funcs)))
		return bad(d, "%s: \"lines\" and \"functions\" must be arrays", file);

	assay_filecov *f = assay_covset_file_norm(cs, file, cwd, o ? &o->paths : NULL);
	size_t i;
	const json_t *v;
	json_array_foreach(lines, i, v) {
		int rc = read_line(d, f, v, file, i);
		if (rc < 0)
			return rc;
	}
	json_array_foreach(funcs, i, v) {
		int rc = read_function(d, f, v, file, i);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int read_document(const struct doc *d, assay_covset *cs, const struct assay_cov_opts *o,
			 const json_t *root)
{
	if (!json_is_object(root))
		return bad(d, "the document is not an object");
	const json_t *files = json_object_get(root, "files");
	if (!json_is_array(files))
		return bad(d, "no \"files\" array: not gcov JSON");
	const json_t *fv = json_object_get(root, "format_version");
	if (fv && !json_is_string(fv))
		return bad(d, "format_version is not a string");
	const char *cwd = json_string_value(json_object_get(root, "current_working_directory"));
	size_t i;
	const json_t *jfile;
	json_array_foreach(files, i, jfile) {
		int rc = read_file(d, cs, o, cwd, jfile, i);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * Read gcov JSON into cs: every document of the input, to its end.
 * Malformed or truncated JSON, or JSON that is not gcov's: -ASSAY_EINPUT,
 * err says "FILE:LINE: ...".  What was added to cs before an error stays:
 * the caller discards cs on error.
 */
int assay_gcov_json_parse(assay_input *in, assay_covset *cs, const struct assay_cov_opts *o,
			  assay_err *err)
{
	struct feed fd = { .in = in, .err = err };
	assay_covset_set_format(cs, ASSAY_COVFMT_GCOV_JSON);
	assay_buf_init(&fd.buf);
	long lineno = 1;
	int ndocs = 0, rc;
	while ((rc = feed_skip_space(&fd, &lineno)) > 0) {
		json_error_t je;
		json_t *root = json_load_callback(feed_cb, &fd, JSON_DISABLE_EOF_CHECK, &je);
		if (fd.failed) {
			json_decref(root);
			rc = -err->code;
			break;
		}
		if (!root) {
			rc = assay_err_at(err, ASSAY_EINPUT, assay_input_name(in),
					  lineno + (je.line > 0 ? je.line - 1 : 0), "malformed JSON: %s",
					  je.text);
			break;
		}
		struct doc d = { in, lineno, err };
		rc = read_document(&d, cs, o, root);
		json_decref(root);
		if (rc < 0)
			break;
		ndocs++;
		/* what jansson read past the document's end is the next one's start */
		feed_consume(&fd, (size_t)je.position, &lineno);
	}
	assay_buf_release(&fd.buf);
	if (rc < 0)
		return rc;
	if (!ndocs)
		return assay_err_at(err, ASSAY_EINPUT, assay_input_name(in), lineno,
				    "no JSON document (empty input)");
	return 0;
}
