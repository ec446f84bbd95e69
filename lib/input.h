/* SPDX-License-Identifier: MIT */
/*
 * An input file for the parsers: a path, or "-" for standard input;
 * gzip-compressed or plain, told apart by content.  Everything read
 * through it is fed to a digest, so the caller learns what the content was
 * without reading it twice.
 */
#ifndef ASSAY_INPUT_H
#define ASSAY_INPUT_H

#include "err.h"

#include <stddef.h>
#include <sys/types.h>

typedef struct assay_input assay_input;
struct assay_digest;

/* Open path ("-": stdin). *out is freed by assay_input_close(). */
int assay_input_open(assay_input **out, const char *path, assay_err *err);
void assay_input_close(assay_input *in);

/* The name to use in messages: the path, or "<stdin>". */
const char *assay_input_name(const assay_input *in);

/*
 * Look at up to the first `want` bytes (decompressed) without consuming
 * them; *n may be smaller at the end of the file.  For sniffing formats.
 */
int assay_input_peek(assay_input *in, const unsigned char **data, size_t *n, size_t want,
		     assay_err *err);

/* Read up to n bytes; 0 at the end of input, negative on error. */
ssize_t assay_input_read(assay_input *in, void *buf, size_t n, assay_err *err);

/*
 * The next line, without its "\n" or "\r\n", NUL-terminated, in a buffer
 * the input owns (valid until the next call).  Returns 1 with a line, 0 at
 * the end, negative on error.  assay_input_lineno() is then its number.
 */
int assay_input_getline(assay_input *in, char **line, size_t *len, assay_err *err);
long assay_input_lineno(const assay_input *in);

/*
 * How far reading has got, in bytes of the file as stored (compressed, for
 * gzip), and the file's size; *total is 0 when unknown (a pipe).
 */
void assay_input_progress(const assay_input *in, long long *done, long long *total);

/* Feed everything read from now on also to d (not owned). */
void assay_input_set_digest(assay_input *in, struct assay_digest *d);

/*
 * The next size bytes of the open file fd (fewer at its end or at a read
 * error), NUL ended, *len of them: for a file whose size fstat told.
 * free() it.
 */
char *assay_read_all(int fd, size_t size, size_t *len);

/*
 * The whole of the small file name (relative to the directory dirfd, or
 * AT_FDCWD), NUL ended, *len bytes: only a regular file of at most max
 * bytes, never through a link at its last step nor waiting on a FIFO;
 * else NULL.  free() it.
 */
char *assay_read_small(int dirfd, const char *name, size_t max, size_t *len);

#endif
