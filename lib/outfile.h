/* SPDX-License-Identifier: MIT */
/* Writing an output file whole or not at all: a reader never sees half of it. */
#ifndef ASSAY_OUTFILE_H
#define ASSAY_OUTFILE_H

#include "err.h"

#include <stddef.h>

/*
 * Replace path with data[0..len): written beside it under a temporary name,
 * then renamed over it, so path holds the old text or the new, never a part.
 */
int assay_outfile_replace(const char *path, const void *data, size_t len, assay_err *err);

/* Write all of data[0..len) to fd, through short writes and EINTR: 0, or -1 with errno. */
int assay_write_all(int fd, const void *data, size_t len);

/* Append data[0..len) to path (created if need be) in one write: a CI's job summary. */
int assay_outfile_append(const char *path, const void *data, size_t len, assay_err *err);

#endif
