/* SPDX-License-Identifier: MIT */
/*
 * rm -r, for the trees Assay makes and removes (mutation scratch copies,
 * flaky repetitions' directories, a benchmark's callgrind output).
 */
#ifndef ASSAY_RMTREE_H
#define ASSAY_RMTREE_H

#include "err.h"

/*
 * Remove path and, for a directory, everything below it.  A symbolic link
 * is unlinked, never followed (what it points at stays, a loop is never
 * entered), and the walk stays on path's file system: a mount below it is
 * not emptied, so its directory stays and is an error.  Goes on past what
 * cannot be removed and returns the first failure (-ASSAY_EIO, err naming
 * the path at fault).  A path that is not there is 0: removed already.
 */
int assay_rmtree(const char *path, assay_err *err);

#endif
