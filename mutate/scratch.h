/* SPDX-License-Identifier: MIT */
/*
 * Assay's own scratch copy of the project.  Mutation testing writes only
 * here: the user's source tree and build directory are read, never
 * written, so no interruption (SIGKILL included) can leave them changed.
 *
 * Paths that a build tree records (CMake's Makefiles, CTestTestfile.cmake,
 * compile_commands.json) are rewritten in the copy to point into the copy,
 * with mtimes kept so the build tool sees it as up to date, and -Werror is
 * turned into -Wno-error there, since a mutant is often code a warning
 * would rightly flag.
 */
#ifndef ASSAY_MUTATE_SCRATCH_H
#define ASSAY_MUTATE_SCRATCH_H

#include "buf.h"
#include "err.h"

#include <stddef.h>

/* Prefix replacements, applied longest first; at most 4. */
typedef struct mut_remap {
	const char *from[4];
	const char *to[4];
	int n;
} mut_remap;

void mut_remap_add(mut_remap *r, const char *from, const char *to);
/* s with every remapped prefix replaced (where a path ends or goes on with '/'). New string. */
char *mut_remap_str(const mut_remap *r, const char *s);

/* 1 when path is dir or inside it (both absolute and clean); 0 when dir is NULL. */
int mut_path_under(const char *path, const char *dir);

struct mut_copy_opts {
	const char *src, *dst;   /* copy src (a directory) to dst, created */
	const char *text_under;  /* files under this (source) path get remapped text; NULL: none */
	const mut_remap *remap;  /* for text and absolute symlinks */
	const char *keep_build;  /* a build directory under src to copy; others (with CMakeCache.txt) are left out */
	const char *const *skip; /* absolute paths not to copy (NULL-terminated, may be NULL) */
};

/* Copy a tree (see struct mut_copy_opts).  .git and .assay are never copied. */
int mut_copy_tree(const struct mut_copy_opts *o, assay_err *err);

/*
 * Give path an mtime later than any file written before (one second past
 * the last one given, and past now).  File times come from a coarse clock:
 * a source rewritten in the tick its previous object was built in would
 * look up to date to make, which would then test the previous mutant.
 */
int mut_touch_later(const char *path, assay_err *err);

/* Add the whole file at path to out. */
int mut_read_file(const char *path, assay_buf *out, assay_err *err);

/* Write data to path, replacing the file (never writing through a link). */
int mut_write_file(const char *path, const void *data, size_t len, assay_err *err);

#endif
