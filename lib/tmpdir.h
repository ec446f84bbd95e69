/* SPDX-License-Identifier: MIT */
/*
 * Private scratch directories, where the user keeps temporary files:
 * under $TMPDIR, else /tmp (a CI runner or a sandbox often gives a
 * TMPDIR of its own and no writable /tmp).
 */
#ifndef ASSAY_TMPDIR_H
#define ASSAY_TMPDIR_H

#include "err.h"

/* $TMPDIR if set and not empty, else "/tmp". */
const char *assay_tmpdir(void);

/* Make a new mode-0700 directory "$TMPDIR/PREFIX.XXXXXX"; its path in *out (free()). */
int assay_mkdtemp(char **out, const char *prefix, assay_err *err);

#endif
